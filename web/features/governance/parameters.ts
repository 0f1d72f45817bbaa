import { GOVERNED_PARAMETER_RANGES } from '@tusk/shared/protocol';

/**
 * The protocol parameters governance can change (names as `tusk::params`
 * declares them), with their units, for forms and for reading proposals.
 */
export const GOVERNED_PARAMETERS: Record<
  string,
  { description: string; unit: 'ms' | 'count' | 'bps' | 'frost' | 'epochs' }
> = {
  epoch_duration_ms: { description: 'Length of an epoch', unit: 'ms' },
  max_committee_size: { description: 'Most nodes in the committee', unit: 'count' },
  min_stake: { description: 'Smallest stake a position may hold', unit: 'frost' },
  burn_bps: { description: 'Share of fees burned at each epoch change', unit: 'bps' },
  slash_bps: { description: 'Share of a slashed pool’s stake burned', unit: 'bps' },
  min_proposal_deposit: { description: 'Deposit needed to open a proposal', unit: 'frost' },
  voting_epochs: { description: 'How many epochs voting runs', unit: 'epochs' },
  quorum_bps: { description: 'Share of active stake that must vote', unit: 'bps' },
  pass_bps: { description: 'Share of Yes among Yes + No to pass', unit: 'bps' },
  veto_bps: { description: 'Share of No with veto that vetoes', unit: 'bps' },
};

/** The safe range a proposal's value must fall in, in the parameter's unit ("5% to 80%"), or null for unknown names. */
export function describeRange(name: string): string | null {
  const range = (GOVERNED_PARAMETER_RANGES as Record<string, { min: bigint; max: bigint }>)[name];
  return range ? `${describeValue(name, String(range.min))} to ${describeValue(name, String(range.max))}` : null;
}

/** A parameter value in its unit, for people. */
export function describeValue(name: string, value: string): string {
  const unit = GOVERNED_PARAMETERS[name]?.unit;
  const n = BigInt(value);
  switch (unit) {
    case 'bps':
      return `${Number(n) / 100}% (${value} bps)`;
    case 'frost':
      return `${(Number(n / 1_000_000n) / 1000).toLocaleString('en-US')} WAL`;
    case 'ms': {
      const hours = Number(n) / 3_600_000;
      return hours >= 24
        ? `${(hours / 24).toFixed(hours % 24 === 0 ? 0 : 1)} days`
        : hours >= 1
          ? `${hours.toFixed(1)} hours`
          : `${Number(n) / 1000} s`;
    }
    case 'epochs':
      return `${value} epoch${value === '1' ? '' : 's'}`;
    default:
      return value;
  }
}
