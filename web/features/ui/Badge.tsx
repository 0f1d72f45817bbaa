/** Status as a text badge (never colour alone), with a tone for emphasis. */
import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'info' | 'accent';

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}

const POSITION: Record<string, [Tone, string]> = {
  pending: ['info', 'Pending'],
  active: ['ok', 'Active'],
  withdrawing: ['warn', 'Withdrawing'],
  withdrawable: ['accent', 'Withdrawable'],
  withdrawn: ['neutral', 'Withdrawn'],
  joined: ['neutral', 'Merged'],
};

export function PositionBadge({ state }: { state: string }) {
  const [tone, label] = POSITION[state] ?? ['neutral', state];
  return <Badge tone={tone}>{label}</Badge>;
}

/**
 * What an idle node is, in one sentence for every view that shows one. The
 * staking contract keeps a bounded active set (`move/tusk/sources/staking.move`,
 * event `ActiveSetJoined`); the rule for joining is `try_join_active_set`.
 */
export const IDLE_NODE_EXPLANATION =
  'Outside the active set: not selectable for a committee and earns no rewards until it joins; staking with it joins it if the set has room or its stake beats the weakest member outside the committees.';

export function NodeStatusBadge({
  status,
  slashCount = 0,
  leaving = false,
  idle = false,
}: {
  status: string;
  slashCount?: number;
  leaving?: boolean;
  /** Outside the staking active set (`inActiveSet` false). */
  idle?: boolean;
}) {
  return (
    <span className="button-row" style={{ gap: '0.25rem' }}>
      {status === 'committee' ? <Badge tone="ok">Committee</Badge> : <Badge tone="neutral">Candidate</Badge>}
      {idle ? (
        // The title is for pointers; role and label give the same sentence to screen readers.
        <span role="note" aria-label={`Idle: ${IDLE_NODE_EXPLANATION}`} data-testid="idle-badge">
          <Badge tone="warn" title={IDLE_NODE_EXPLANATION}>
            Idle
          </Badge>
        </span>
      ) : null}
      {leaving ? <Badge tone="warn">Leaving next epoch</Badge> : null}
      {slashCount > 0 ? <Badge tone="danger">{`Slashed${slashCount > 1 ? ` ×${slashCount}` : ''}`}</Badge> : null}
    </span>
  );
}

const PROPOSAL: Record<string, [Tone, string]> = {
  open: ['info', 'Voting open'],
  passed: ['ok', 'Passed'],
  rejected: ['neutral', 'Rejected'],
  vetoed: ['danger', 'Vetoed'],
  failed_quorum: ['warn', 'No quorum'],
  unknown: ['neutral', 'Unknown'],
};

export function ProposalBadge({ status, executed }: { status: string; executed?: boolean }) {
  const [tone, label] = PROPOSAL[status] ?? ['neutral', status];
  return (
    <span className="button-row" style={{ gap: '0.25rem' }}>
      <Badge tone={tone}>{label}</Badge>
      {executed ? <Badge tone="accent">Executed</Badge> : null}
    </span>
  );
}

export function BlobBadge({ state, invalidated, expired }: { state: string; invalidated: boolean; expired: boolean }) {
  if (invalidated) return <Badge tone="danger">Invalid</Badge>;
  if (state === 'deleted') return <Badge tone="neutral">Deleted</Badge>;
  if (state === 'burned') return <Badge tone="neutral">Burned</Badge>;
  if (expired) return <Badge tone="neutral">Expired</Badge>;
  if (state === 'certified') return <Badge tone="ok">Certified</Badge>;
  return <Badge tone="info">Registered</Badge>;
}

const EPOCH_STATE: Record<string, [Tone, string]> = {
  selected: ['info', 'Committee selected'],
  sync: ['warn', 'Syncing'],
  done: ['ok', 'Running'],
};

export function EpochStateBadge({ state, current }: { state: string; current?: boolean }) {
  const [tone, label] = EPOCH_STATE[state] ?? ['neutral', state];
  return <Badge tone={tone}>{current === false && state === 'done' ? 'Ended' : label}</Badge>;
}
