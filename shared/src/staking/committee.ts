/**
 * Committee selection and shard apportionment. At `voting_end` the next
 * committee is the top `maxSize` pools by next-epoch stake (ties: earlier
 * registered first); its `nShards` shards are apportioned by D'Hondt (the
 * next shard goes to the member with the highest stake / (shards + 1)),
 * each member bounded by `shardBounds` (the 10% cap, and twice its
 * proportional share); then shard indices are assigned
 * keeping each member's current shards where possible, so little data moves.
 */

export interface Candidate {
  id: string;
  stake: bigint;
}

/**
 * The members of the next committee: candidates with stake, sorted by stake
 * (descending; ties keep input order, i.e. registration order), at most `maxSize`.
 */
export function selectCommittee<C extends Candidate>(candidates: readonly C[], maxSize: number): C[] {
  return candidates
    .map((candidate, index) => ({ candidate, index }))
    .filter(({ candidate }) => candidate.stake > 0n)
    .sort((a, b) =>
      a.candidate.stake > b.candidate.stake ? -1 : a.candidate.stake < b.candidate.stake ? 1 : a.index - b.index,
    )
    .slice(0, maxSize)
    .map(({ candidate }) => candidate);
}

/** Most shards one member may hold: `maxPerNodeBps` of `nShards`, but never so few that shards stay unassigned. */
export function shardCap(nShards: number, members: number, maxPerNodeBps: number): number {
  if (members === 0) return 0;
  const cap = Math.floor((nShards * maxPerNodeBps) / 10_000);
  return Math.max(cap, Math.ceil(nShards / members));
}

/**
 * Each member's bound (`committee::apportion`): at most `cap`, and at most
 * twice its proportional share rounded down, so the cap spreads shards only
 * to members with the stake for them; if those bounds cannot hold all shards
 * the cap gives way, and if even that cannot, the bounds go.
 */
export function shardBounds(weights: readonly bigint[], nShards: number, cap: number): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0n);
  const proportional = weights.map((w) => Number((2n * BigInt(nShards) * w) / total));
  const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
  const capped = proportional.map((p) => Math.min(p, cap));
  if (sum(capped) >= nShards) return capped;
  if (sum(proportional) >= nShards) return proportional;
  return weights.map(() => nShards);
}

/**
 * D'Hondt apportionment of `nShards` over `stakes`, each member within its
 * bound (`shardBounds`). Ties go to the earlier member. Members with zero
 * stake get nothing unless every member has zero stake.
 */
export function apportionShards(stakes: readonly bigint[], nShards: number, cap: number): number[] {
  const shards = stakes.map(() => 0);
  if (stakes.length === 0) return shards;
  const allZero = stakes.every((stake) => stake === 0n);
  const weights = allZero ? stakes.map(() => 1n) : stakes;
  const bounds = shardBounds(weights, nShards, cap);
  for (let assigned = 0; assigned < nShards; assigned++) {
    let best = -1;
    for (let i = 0; i < weights.length; i++) {
      if (shards[i]! >= bounds[i]! || weights[i]! === 0n) continue;
      // weights[i] / (shards[i] + 1) > weights[best] / (shards[best] + 1)
      if (best < 0 || weights[i]! * BigInt(shards[best]! + 1) > weights[best]! * BigInt(shards[i]! + 1)) best = i;
    }
    if (best < 0) break;
    shards[best]! += 1;
  }
  return shards;
}

/**
 * Shard indices for each member given how many it gets (`counts`, member ->
 * count) and who held which before (`previous`): each member keeps its
 * lowest previous indices up to its new count; the indices left over go, in
 * ascending order, to members needing more, in the order of `counts`.
 */
export function assignShardIndices(
  counts: ReadonlyMap<string, number>,
  previous: ReadonlyMap<string, readonly number[]>,
  nShards: number,
): Map<string, number[]> {
  const assigned = new Map<string, number[]>();
  const taken = new Set<number>();
  for (const [id, count] of counts) {
    const kept = [...(previous.get(id) ?? [])].sort((a, b) => a - b).slice(0, count);
    kept.forEach((index) => taken.add(index));
    assigned.set(id, kept);
  }
  const free: number[] = [];
  for (let index = 0; index < nShards; index++) if (!taken.has(index)) free.push(index);
  let next = 0;
  for (const [id, count] of counts) {
    const indices = assigned.get(id)!;
    while (indices.length < count && next < free.length) indices.push(free[next++]!);
    indices.sort((a, b) => a - b);
  }
  return assigned;
}
