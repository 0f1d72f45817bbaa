/**
 * What a stake position is at an epoch: the one rule the dashboard's pages and
 * the API apply to what the indexer stored. The indexer stores the state the
 * events gave (`pending` until the epoch change that activates the stake is
 * indexed); the chain's rule is by epoch: a position is active from its
 * activation epoch and withdrawable from its withdraw epoch. So a page read
 * between the epoch change and its indexing, or a position whose row was
 * written before, still shows what the chain says.
 *
 * `positionStateAt` applies it to a row; `positionStateSql` is the same rule as
 * a SQL expression for queries that group or filter by state. A test runs
 * both over every stored state and epoch and expects the same answer.
 */
import { sql, type SQL } from 'drizzle-orm';
import { stakePositions } from '../db/schema.ts';

/** What the indexer stores (the schema's enum). */
export type StoredPositionState = (typeof stakePositions.state.enumValues)[number];

/** What a position is at an epoch. */
export type PositionState = StoredPositionState | 'withdrawable';

/** The fields of a position the rule reads. */
export interface PositionEpochs {
  state: StoredPositionState;
  activationEpoch: number | null;
  withdrawEpoch: number | null;
}

/** The state of `position` at `epoch`. */
export function positionStateAt(position: PositionEpochs, epoch: number): PositionState {
  const { state, activationEpoch, withdrawEpoch } = position;
  if (state === 'pending' && activationEpoch !== null && activationEpoch <= epoch) return 'active';
  if (state === 'withdrawing' && withdrawEpoch !== null && withdrawEpoch <= epoch) return 'withdrawable';
  return state;
}

/** `positionStateAt` as a SQL expression over `stake_positions` at `epoch`. */
export function positionStateSql(epoch: number): SQL<PositionState> {
  const p = stakePositions;
  return sql<PositionState>`case
    when ${p.state} = 'pending' and ${p.activationEpoch} <= ${epoch} then 'active'
    when ${p.state} = 'withdrawing' and ${p.withdrawEpoch} <= ${epoch} then 'withdrawable'
    else ${p.state} end`;
}
