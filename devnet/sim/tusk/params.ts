/**
 * `tusk::params`: the staking side's parameters, held in `Staking`. All but
 * `nShards` are governed: a passed proposal names one by its Move field name
 * and a new value, checked by `check` and applied at the next epoch change.
 * `maxEpochsAhead` and the initial prices belong to `System` / initialization.
 */
import { GOVERNED_PARAMETER_RANGES } from '@tusk/shared/protocol';
import { abort, check as assert } from './aborts.ts';

const M = 'params';
export const BPS = 10_000n;

export interface Params {
  epochDurationMs: bigint;
  nShards: number;
  maxCommitteeSize: number;
  minStake: bigint;
  burnBps: number;
  slashBps: number;
  minProposalDeposit: bigint;
  votingEpochs: number;
  quorumBps: number;
  passBps: number;
  vetoBps: number;
}

/** Everything `init::initialize` takes besides the caps and the clock. */
export interface GenesisParams extends Params {
  maxEpochsAhead: number;
  storagePrice: bigint;
  writePrice: bigint;
  capacity: bigint;
}

export const DEFAULT_PARAMS: Params = {
  epochDurationMs: 14n * 24n * 60n * 60n * 1000n,
  nShards: 1000,
  maxCommitteeSize: 100,
  minStake: 1_000_000_000n,
  burnBps: 300,
  slashBps: 100,
  minProposalDeposit: 1_000n * 1_000_000_000n,
  votingEpochs: 2,
  quorumBps: 3_340,
  passBps: 5_000,
  vetoBps: 3_340,
};

/** Names a proposal may change, in declaration order (`params::governed_names`). */
export const GOVERNED_NAMES = [
  'epoch_duration_ms',
  'max_committee_size',
  'min_stake',
  'burn_bps',
  'slash_bps',
  'min_proposal_deposit',
  'voting_epochs',
  'quorum_bps',
  'pass_bps',
  'veto_bps',
] as const;

const KEYS: Record<string, keyof Params> = {
  epoch_duration_ms: 'epochDurationMs',
  n_shards: 'nShards',
  max_committee_size: 'maxCommitteeSize',
  min_stake: 'minStake',
  burn_bps: 'burnBps',
  slash_bps: 'slashBps',
  min_proposal_deposit: 'minProposalDeposit',
  voting_epochs: 'votingEpochs',
  quorum_bps: 'quorumBps',
  pass_bps: 'passBps',
  veto_bps: 'vetoBps',
};

/** `params::check`: aborts unless `name` is governed and `value` in its safe range. */
export function checkParameter(name: string, value: bigint): void {
  const range = (GOVERNED_PARAMETER_RANGES as Record<string, { min: bigint; max: bigint }>)[name];
  if (!range) return abort(M, 'EUnknownParameter', 'range');
  assert(value >= range.min && value <= range.max, M, 'EInvalidParameterValue', 'check');
}

/** `params::set` (checked). */
export function setParameter(params: Params, name: string, value: bigint): void {
  checkParameter(name, value);
  const key = KEYS[name]!;
  (params as unknown as Record<string, unknown>)[key] = typeof params[key] === 'bigint' ? value : Number(value);
}

/** `params::value` as a u64. */
export function parameterValue(params: Params, name: string): bigint {
  const key = KEYS[name];
  if (!key) return abort(M, 'EUnknownParameter', 'value');
  return BigInt(params[key]);
}

/** `params::new`: a parameter set, every value checked. */
export function newParams(values: Params): Params {
  assert(values.nShards >= 1, M, 'EInvalidParameterValue', 'new');
  const params: Params = { ...DEFAULT_PARAMS, nShards: values.nShards };
  for (const name of GOVERNED_NAMES) setParameter(params, name, BigInt(values[KEYS[name]!]));
  return params;
}

/** `params::bps_of`: `amount * bps / 10,000`, rounded down. */
export function bpsOf(amount: bigint, bps: number | bigint): bigint {
  return (amount * BigInt(bps)) / BPS;
}
