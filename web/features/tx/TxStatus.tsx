'use client';
/**
 * The review/pending/confirmed/failed panel of a transaction: fee, effects,
 * when it takes effect, and the digest.
 */
import type { ReactNode } from 'react';
import { formatWal } from '@tusk/shared/format';
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

export function formatSui(mist: bigint): string {
  return `${formatWal(mist, { decimals: mist !== 0n && (mist < 0n ? -mist : mist) < 10_000_000n ? 6 : 4, unit: false })} SUI`;
}

function coinName(coinType: string): string {
  const last = coinType.split('::').pop() ?? coinType;
  return last.replace(/>+$/, '');
}

export function TxStatus({
  phase,
  effect,
  onSubmit,
  onReset,
  submitLabel,
  walDecimals,
}: {
  phase: TxPhase;
  /** When and how the action takes effect ("Active from epoch 7 (≈ 24 Nov 2026, 14:00 UTC)"). */
  effect?: ReactNode;
  onSubmit: () => void;
  onReset: () => void;
  submitLabel: string;
  walDecimals?: number;
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
          <dl className="kv">
            <dt>Network fee</dt>
            <dd data-testid="tx-fee">{formatSui(phase.preview.fee)} (estimated by simulation)</dd>
            {phase.preview.balanceChanges.map((change) => (
              <FragmentRow key={change.coinType} label={`${coinName(change.coinType)} change`}>
                {coinName(change.coinType) === 'WAL'
                  ? formatWal(change.amount, { signed: true, decimals: walDecimals })
                  : `${change.amount > 0n ? '+' : ''}${formatSui(change.amount)}`}
                {coinName(change.coinType) === 'SUI' ? ' (includes the fee)' : ''}
              </FragmentRow>
            ))}
            {phase.preview.created.length > 0 ? (
              <FragmentRow label="Creates">
                {phase.preview.created.map((type) => coinName(type.split('<')[0] ?? type)).join(', ')}
              </FragmentRow>
            ) : null}
            {effect ? <FragmentRow label="Takes effect">{effect}</FragmentRow> : null}
          </dl>
          <div className="button-row" style={{ marginTop: '0.75rem' }}>
            <button type="button" className="button" onClick={onSubmit} data-testid="tx-submit">
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

function FragmentRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function Digest({ digest }: { digest: string }) {
  return (
    <code className="mono" title={digest} data-testid="tx-digest">
      {digest}
    </code>
  );
}
