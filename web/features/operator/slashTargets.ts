/**
 * Whom a committee member may vote to slash: the other members of the current
 * committee. `staking::vote_for_slash` aborts with `ENotInCommittee` for any
 * other target, so the slash dialog offers no one else. "Current committee"
 * is the index's: nodes whose `status` is `committee` (the committee of the
 * latest epoch that began) with shards in it, as `?status=committee` lists them.
 */
export interface SlashCandidate {
  nodeId: string;
  status: string;
  shards: number;
}

/** The rows of `nodes` that `voterNodeId` may vote to slash, in the given order. */
export function slashTargets<T extends SlashCandidate>(nodes: readonly T[], voterNodeId: string): T[] {
  return nodes.filter((node) => node.status === 'committee' && node.shards > 0 && node.nodeId !== voterNodeId);
}
