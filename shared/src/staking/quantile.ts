/**
 * The stake-weighted quantile that turns node votes into one value (storage
 * price, write price, capacity). Votes are sorted by value; the result is the
 * first value at which the accumulated weight reaches `numerator/denominator`
 * of the total weight. With ascending order and 2/3, at least 2/3 of the
 * weight voted for that value or less (prices); with descending order, for
 * that value or more (capacity).
 */

export interface WeightedVote {
  value: bigint;
  weight: bigint;
}

export type QuantileOrder = 'ascending' | 'descending';

/**
 * The weighted quantile of `votes`, or undefined when no vote has weight.
 * Ties in value keep their input order (the result does not depend on it).
 */
export function weightedQuantile(
  votes: readonly WeightedVote[],
  numerator: bigint,
  denominator: bigint,
  order: QuantileOrder = 'ascending',
): bigint | undefined {
  const counted = votes.filter((vote) => vote.weight > 0n);
  const total = counted.reduce((sum, vote) => sum + vote.weight, 0n);
  if (total === 0n) return undefined;
  const sorted = [...counted].sort((a, b) => {
    const cmp = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return order === 'ascending' ? cmp : -cmp;
  });
  let accumulated = 0n;
  for (const vote of sorted) {
    accumulated += vote.weight;
    // accumulated / total >= numerator / denominator, without division.
    if (accumulated * denominator >= total * numerator) return vote.value;
  }
  return sorted[sorted.length - 1]!.value;
}

/** Whether `weight` out of `total` reaches `numerator/denominator` (e.g. a 2/3 quorum). */
export function reachesFraction(weight: bigint, total: bigint, numerator: bigint, denominator: bigint): boolean {
  return weight * denominator >= total * numerator;
}
