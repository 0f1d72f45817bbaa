/**
 * How an epoch's fees become pool rewards: `burn_bps` of them are burned, the
 * rest is split across the outgoing committee in proportion to shards, and
 * each pool keeps its commission out of its part before the remainder
 * compounds into the pool. All divisions round down; what rounding leaves
 * over (`dust`) is reported so callers can account for every FROST.
 */
import { BPS_DENOMINATOR } from '../protocol.ts';

export interface FeeSplit {
  burned: bigint;
  rewards: bigint;
}

/** `amount * bps / 10,000`, rounded down. */
export function bpsOf(amount: bigint, bps: bigint | number): bigint {
  return (amount * BigInt(bps)) / BPS_DENOMINATOR;
}

/** Splits an epoch's fees into the part burned and the part paid as rewards. */
export function splitFees(fees: bigint, burnBps: bigint | number): FeeSplit {
  const burned = bpsOf(fees, burnBps);
  return { burned, rewards: fees - burned };
}

export interface ShardRewards {
  /** Rewards per committee member, in the members' order. */
  perMember: bigint[];
  /** What rounding left undistributed. */
  dust: bigint;
}

/** Splits `rewards` across members by shards: member i gets `rewards * shards[i] / totalShards`. */
export function rewardsByShards(rewards: bigint, shards: readonly number[], totalShards?: number): ShardRewards {
  const total = BigInt(totalShards ?? shards.reduce((sum, s) => sum + s, 0));
  if (total === 0n) return { perMember: shards.map(() => 0n), dust: rewards };
  const perMember = shards.map((s) => (rewards * BigInt(s)) / total);
  return { perMember, dust: rewards - perMember.reduce((sum, r) => sum + r, 0n) };
}

export interface CommissionSplit {
  commission: bigint;
  /** What compounds into the pool. */
  toPool: bigint;
}

/** A pool's commission out of its rewards at `commissionBps`. */
export function splitCommission(rewards: bigint, commissionBps: bigint | number): CommissionSplit {
  const commission = bpsOf(rewards, commissionBps);
  return { commission, toPool: rewards - commission };
}

/** The stake burned by a slash of `slashBps` of a pool's stake. */
export function slashAmount(stake: bigint, slashBps: bigint | number): bigint {
  return bpsOf(stake, slashBps);
}
