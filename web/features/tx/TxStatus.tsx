'use client';
/**
 * The review/pending/confirmed/failed panel of a transaction. The review
 * shows what is signed — every argument exact (amounts to the FROST, nodes by
 * name and ID), what the simulation says it does, the real fee, the exact
 * balance changes, and every object created, deleted or wrapped — and refuses
 * to sign while `phase.blocked` says why not.
 */
import type { ReactNode } from 'react';
import { formatCount } from '@tusk/shared/format';
import { formatSuiExact, type ReviewRow, type TxReview } from '@tusk/shared/tx/review';
import type { ObjectChange } from '@tusk/shared/tx/simulation';
import { Badge } from '../ui/Badge.tsx';
import { CopyableId } from '../ui/Ids.tsx';
import type { TxPhase } from './useTxFlow.ts';

const STEPS = ['Review', 'Sign', 'Pending', 'Confirmed'] as const;

function stepIndex(phase: TxPhase): number {
  switch (phase.step) {
    case 'review':
    case 'simulating':
    case 'invalid':
    case 'idle':
      return 0;
    case 'signing':
      return 1;
    case 'pending':
      return 2;
    case 'confirmed':
      return 3;
    case 'failed':
      return phase.digest ? 2 : 1;
  }
}

const KNOWN_COINS = new Set(['SUI', 'WAL']);

/** A Move type without its package addresses: `0x…::coin::Coin<0x…::wal::WAL>` -> `Coin<WAL>`. */
function typeName(type: string | null): string {
  if (type === null) return 'object';
  return type.replace(/0x[0-9a-fA-F]+::[A-Za-z0-9_]+::/g, '');
}

export function TxStatus({
  phase,
  effect,
  onSubmit,
  onReset,
  submitLabel,
}: {
  phase: TxPhase;
  /** When and how the action takes effect ("Active from epoch 7 (≈ 24 Nov 2026, 14:00 UTC)"). */
  effect?: ReactNode;
  onSubmit: () => void;
  onReset: () => void;
  submitLabel: string;
}) {
  if (phase.step === 'idle') return null;
  const current = stepIndex(phase);
  return (
    <section className="tx" aria-live="polite" data-testid="tx-status" data-step={phase.step}>
      <ol className="tx__steps" aria-label="Transaction progress">
        {STEPS.map((label, index) => (
          <li key={label} aria-current={index === current ? 'step' : undefined}>
            {label}
          </li>
        ))}
      </ol>
      {phase.step === 'simulating' ? <p>Simulating the transaction…</p> : null}
      {phase.step === 'invalid' ? (
        <p className="field-error" role="alert">
          {phase.message}
        </p>
      ) : null}
      {phase.step === 'review' ? (
        <>
          <ReviewPanel review={phase.review} effect={effect} />
          {phase.blocked ? (
            <div className="notice notice--error" role="alert" data-testid="tx-blocked">
              <strong>Signing is off.</strong> {phase.blocked}
              {phase.review.mismatches.length > 0 ? (
                <ul>
                  {phase.review.mismatches.map((mismatch) => (
                    <li key={mismatch}>{mismatch}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <div className="button-row" style={{ marginTop: '0.75rem' }}>
            <button
              type="button"
              className="button"
              onClick={onSubmit}
              disabled={phase.blocked !== null}
              data-testid="tx-submit"
            >
              {submitLabel}
            </button>
            <button type="button" className="button button--secondary" onClick={onReset}>
              Change
            </button>
          </div>
        </>
      ) : null}
      {phase.step === 'signing' ? <p>Waiting for your wallet to sign…</p> : null}
      {phase.step === 'pending' ? (
        <p>
          Pending: submitted as <Digest digest={phase.digest} />, waiting for the network to confirm…
        </p>
      ) : null}
      {phase.step === 'confirmed' ? (
        <div className="notice notice--ok" role="status" data-testid="tx-confirmed">
          <strong>Confirmed.</strong> Transaction <Digest digest={phase.digest} />
          {phase.checkpoint !== null ? ` in checkpoint ${phase.checkpoint.toString()}` : ''}.{' '}
          {phase.indexed ? 'The dashboard is up to date.' : 'Updating the dashboard as the indexer catches up…'}
        </div>
      ) : null}
      {phase.step === 'failed' ? (
        <div className="notice notice--error" role="alert" data-testid="tx-failed">
          <strong>Failed.</strong> {phase.message}
          {phase.digest ? (
            <>
              {' '}
              (transaction <Digest digest={phase.digest} />)
            </>
          ) : null}
          <div className="button-row" style={{ marginTop: '0.5rem' }}>
            <button type="button" className="button button--secondary button--small" onClick={onReset}>
              Try again
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function FragmentRow({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

/** What the person signs (from the intent), what it does (from the simulation), the fee and every change. */
function ReviewPanel({ review, effect }: { review: TxReview; effect?: ReactNode }) {
  const { fee } = review;
  return (
    <div data-testid="tx-review">
      <h3 style={{ margin: '0 0 0.5rem' }} data-testid="tx-review-title">
        {review.title}
      </h3>
      <dl className="kv">
        {review.action.map((row) => (
          <Row key={row.key} row={row} />
        ))}
        {review.outcome.map((row) => (
          <Row key={`outcome-${row.key}`} row={row} />
        ))}
        {effect ? <FragmentRow label="Takes effect">{effect}</FragmentRow> : null}
        <FragmentRow label="Network fee" testId="tx-fee">
          {formatSuiExact(fee.total)}{' '}
          <span className="hint">
            (computation {formatCount(fee.computation)} + storage {formatCount(fee.storage)} − rebate{' '}
            {formatCount(fee.rebate)} MIST, from the simulation)
          </span>
        </FragmentRow>
        {review.balanceChanges.map((change) => (
          <FragmentRow
            key={change.coinType}
            label={`${KNOWN_COINS.has(change.symbol) ? change.symbol : typeName(change.coinType)} change`}
            testId={`tx-balance-${KNOWN_COINS.has(change.symbol) ? change.symbol : 'other'}`}
          >
            {change.text}
            {change.symbol === 'SUI' ? ' (includes the fee)' : ''}
          </FragmentRow>
        ))}
        <Objects label="Creates" objects={review.created} testId="tx-created" />
        <Objects label="Deletes or wraps" objects={review.removed} testId="tx-removed" />
        <Objects label="Gives away" objects={review.transferred} testId="tx-transferred" />
      </dl>
      {review.notes.length > 0 ? (
        <ul className="hint" data-testid="tx-notes">
          {review.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Row({ row }: { row: ReviewRow }) {
  return (
    <FragmentRow label={row.label} testId={`tx-review-${row.key}`}>
      <span style={{ whiteSpace: 'pre-wrap' }}>{row.value}</span>
      {row.ids?.map((id) => (
        <span key={id}>
          {' '}
          <CopyableId id={id} />
        </span>
      ))}
      {row.warning ? (
        <div role="note" data-testid="name-warning">
          <Badge tone="warn">⚠ Check the ID</Badge> {row.warning}
        </div>
      ) : null}
    </FragmentRow>
  );
}

function Objects({ label, objects, testId }: { label: string; objects: ObjectChange[]; testId: string }) {
  if (objects.length === 0) return null;
  return (
    <FragmentRow label={label} testId={testId}>
      <ul style={{ margin: 0, paddingLeft: '1.1rem' }}>
        {objects.map((object) => (
          <li key={object.objectId}>
            <span title={object.type ?? undefined}>{typeName(object.type)}</span>
            {object.fate === 'wrapped' ? ' (wrapped)' : ''}
            {object.newOwner ? ` to ${object.newOwner}` : ''} <CopyableId id={object.objectId} label="object ID" />
          </li>
        ))}
      </ul>
    </FragmentRow>
  );
}

export function Digest({ digest }: { digest: string }) {
  return (
    <code className="mono" title={digest} data-testid="tx-digest">
      {digest}
    </code>
  );
}
