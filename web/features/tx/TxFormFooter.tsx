'use client';
/**
 * The end of every transaction form, inside its `<form>`: the form's own error
 * (one that belongs to no single field), the Review button — the form's submit
 * button, shown while the form is editable and disabled until `canReview` —
 * then the review, signing and confirmation panel (`TxStatus`) with its Sign
 * button. The form's `onSubmit` starts the review (`flow.review`).
 */
import type { ReactNode } from 'react';
import { TxStatus } from './TxStatus.tsx';
import type { TxFlow } from './useTxFlow.ts';

export function TxFormFooter({
  flow,
  reviewLabel = 'Review',
  reviewTestId,
  canReview = true,
  error,
  submitLabel,
  effect,
}: {
  flow: TxFlow;
  reviewLabel?: string;
  reviewTestId?: string;
  /** False while the inputs cannot make a transaction yet (the fields say why). */
  canReview?: boolean;
  error?: string | null;
  /** The Sign button's label, e.g. "Sign and stake". */
  submitLabel: string;
  /** When and how the action takes effect, shown in the review. */
  effect?: ReactNode;
}) {
  return (
    <>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {flow.editable ? (
        <button type="submit" className="button" data-testid={reviewTestId} disabled={!canReview}>
          {reviewLabel}
        </button>
      ) : null}
      <TxStatus
        phase={flow.phase}
        effect={effect}
        submitLabel={submitLabel}
        onSubmit={() => void flow.submit()}
        onReset={flow.reset}
      />
    </>
  );
}
