/**
 * Governance: proposals with their tallies (final ones from the chain, live
 * ones summed from the votes so far with delegator overrides applied), one
 * proposal's votes, and the governed parameters in force.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { epochs, nodes, parameters, proposals, stakePositions, votes } from '@tusk/shared/db/schema';
import { displayNodeNameOrNull } from '@tusk/shared/nodeNames';
import { chainClock, type ChainClock } from './epochClock.ts';
import { proposalTitle } from './nodes.ts';

export const PROPOSAL_STATUSES = ['all', 'open', 'passed', 'rejected', 'vetoed', 'failed_quorum'] as const;
export type ProposalStatusFilter = (typeof PROPOSAL_STATUSES)[number];

export interface Tally {
  yes: bigint;
  no: bigint;
  abstain: bigint;
  noWithVeto: bigint;
  /** Whether these are the chain's final tallies (else a live sum of the votes so far). */
  final: boolean;
}

export interface ProposalRow {
  proposalId: string;
  proposer: string;
  kind: 'parameter' | 'upgrade' | 'text' | 'unknown';
  title: string;
  parameterName: string | null;
  parameterValue: bigint | null;
  text: string | null;
  /** Hex of the package digest (upgrade proposals). */
  digest: string | null;
  deposit: bigint;
  createdEpoch: number;
  endEpoch: number;
  status: 'open' | 'passed' | 'rejected' | 'vetoed' | 'failed_quorum' | 'unknown';
  voteCount: number;
  finalizedEpoch: number | null;
  executedEpoch: number | null;
  createdAt: Date;
  tally: Tally;
}

/** Latest value of every governed parameter. */
export async function currentParameters(db: Database): Promise<Record<string, bigint>> {
  const rows = await db
    .selectDistinctOn([parameters.name], { name: parameters.name, value: parameters.value })
    .from(parameters)
    .orderBy(parameters.name, desc(parameters.epoch));
  return Object.fromEntries(rows.map((row) => [row.name, row.value]));
}

/**
 * Live tallies of open proposals: node votes count their pool's stake minus
 * the stake of any of its delegators who voted themselves (an override), and
 * delegator votes count their own stake.
 */
export async function liveTallies(db: Database, proposalIds: string[]): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>();
  if (proposalIds.length === 0) return out;
  const rows = await db.execute(sql`
    with overrides as (
      select v.proposal_id, p.node_id, sum(v.weight) as weight
      from ${votes} v join ${stakePositions} p on p.staked_wal_id = v.voter
      where not v.is_node and v.proposal_id in ${proposalIds}
      group by v.proposal_id, p.node_id
    )
    select v.proposal_id, v.option,
      sum(case when v.is_node then greatest(v.weight - coalesce(o.weight, 0), 0) else v.weight end)::text as weight
    from ${votes} v
    left join overrides o on v.is_node and o.proposal_id = v.proposal_id and o.node_id = v.voter
    where v.proposal_id in ${proposalIds}
    group by v.proposal_id, v.option`);
  for (const row of rowsOf<{ proposal_id: string; option: string; weight: string }>(rows)) {
    const tally = out.get(row.proposal_id) ?? { yes: 0n, no: 0n, abstain: 0n, noWithVeto: 0n, final: false };
    const weight = BigInt(row.weight);
    if (row.option === 'yes') tally.yes += weight;
    else if (row.option === 'no') tally.no += weight;
    else if (row.option === 'abstain') tally.abstain += weight;
    else if (row.option === 'no_with_veto') tally.noWithVeto += weight;
    out.set(row.proposal_id, tally);
  }
  return out;
}

/** Rows of `db.execute` on either driver (node-postgres wraps them in `rows`, PGlite too). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

const proposalColumns = {
  proposalId: proposals.proposalId,
  proposer: proposals.proposer,
  kind: proposals.kind,
  payload: proposals.payload,
  parameterName: proposals.parameterName,
  parameterValue: proposals.parameterValue,
  text: proposals.text,
  deposit: proposals.deposit,
  createdEpoch: proposals.createdEpoch,
  endEpoch: proposals.endEpoch,
  status: proposals.status,
  yes: proposals.yes,
  no: proposals.no,
  abstain: proposals.abstain,
  veto: proposals.veto,
  voteCount: proposals.voteCount,
  finalizedEpoch: proposals.finalizedEpoch,
  executedEpoch: proposals.executedEpoch,
  createdAt: proposals.createdAt,
};

type RawProposal = Pick<typeof proposals.$inferSelect, keyof typeof proposalColumns>;

async function toProposalRows(db: Database, raw: RawProposal[]): Promise<ProposalRow[]> {
  const live = await liveTallies(
    db,
    raw.filter((p) => p.status === 'open').map((p) => p.proposalId),
  );
  return raw.map(({ payload, yes, no, abstain, veto, ...p }) => ({
    ...p,
    title: proposalTitle({ ...p, payload }),
    digest: p.kind === 'upgrade' ? `0x${Buffer.from(payload).toString('hex')}` : null,
    tally:
      p.status === 'open' || yes === null
        ? (live.get(p.proposalId) ?? { yes: 0n, no: 0n, abstain: 0n, noWithVeto: 0n, final: false })
        : { yes: yes ?? 0n, no: no ?? 0n, abstain: abstain ?? 0n, noWithVeto: veto ?? 0n, final: true },
  }));
}

export interface ProposalList {
  rows: ProposalRow[];
  total: number;
  clock: ChainClock | null;
  /** Total stake of the current epoch: the base for quorum. */
  totalStake: bigint | null;
  parameters: Record<string, bigint>;
}

export async function listProposals(
  db: Database,
  status: ProposalStatusFilter,
  limit: number,
  offset: number,
): Promise<ProposalList> {
  const where = status === 'all' ? undefined : eq(proposals.status, status);
  const [raw, [count], clock, params] = await Promise.all([
    db
      .select(proposalColumns)
      .from(proposals)
      .where(where)
      .orderBy(desc(proposals.createdCheckpoint), proposals.proposalId)
      .limit(limit)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(proposals)
      .where(where),
    chainClock(db),
    currentParameters(db),
  ]);
  const [stake] = clock
    ? await db.select({ totalStake: epochs.totalStake }).from(epochs).where(eq(epochs.epoch, clock.epoch))
    : [];
  return {
    rows: await toProposalRows(db, raw),
    total: count?.n ?? 0,
    clock,
    totalStake: stake?.totalStake ?? null,
    parameters: params,
  };
}

export interface VoteRow {
  voter: string;
  isNode: boolean;
  /** Node name (node votes) or the position's node name (stake votes). */
  name: string | null;
  /** For stake votes: the node whose vote this stake overrides. */
  nodeId: string | null;
  owner: string | null;
  option: string;
  weight: bigint;
  epoch: number;
  timestamp: Date;
  revotes: number;
}

export interface ProposalDetail extends Omit<ProposalList, 'rows' | 'total'> {
  proposal: ProposalRow;
  votes: VoteRow[];
}

export async function proposalDetail(db: Database, proposalId: string): Promise<ProposalDetail | null> {
  const raw = await db.select(proposalColumns).from(proposals).where(eq(proposals.proposalId, proposalId));
  if (raw.length === 0) return null;
  const [[proposal], voteRows, clock, params] = await Promise.all([
    toProposalRows(db, raw),
    db
      .select({
        voter: votes.voter,
        isNode: votes.isNode,
        option: votes.option,
        weight: votes.weight,
        epoch: votes.epoch,
        timestamp: votes.timestamp,
        revotes: votes.revotes,
        positionNode: stakePositions.nodeId,
        owner: stakePositions.owner,
        name: sql<
          string | null
        >`coalesce(nodes.name, (select n2.name from nodes n2 where n2.node_id = stake_positions.node_id))`,
      })
      .from(votes)
      .leftJoin(nodes, and(eq(votes.isNode, true), eq(nodes.nodeId, votes.voter)))
      .leftJoin(stakePositions, and(eq(votes.isNode, false), eq(stakePositions.stakedWalId, votes.voter)))
      .where(eq(votes.proposalId, proposalId))
      .orderBy(desc(votes.weight))
      .limit(500),
    chainClock(db),
    currentParameters(db),
  ]);
  const [stake] = clock
    ? await db.select({ totalStake: epochs.totalStake }).from(epochs).where(eq(epochs.epoch, clock.epoch))
    : [];
  return {
    proposal: proposal!,
    votes: voteRows.map(({ positionNode, ...vote }) => ({
      ...vote,
      name: displayNodeNameOrNull(vote.name),
      nodeId: vote.isNode ? vote.voter : positionNode,
    })),
    clock,
    totalStake: stake?.totalStake ?? null,
    parameters: params,
  };
}

/** The votes `voters` (node IDs or StakedWal IDs) cast, by proposal — to show "you voted Yes". */
export async function votesBy(
  db: Database,
  voters: string[],
): Promise<{ proposalId: string; voter: string; option: string; weight: bigint }[]> {
  if (voters.length === 0) return [];
  return db
    .select({ proposalId: votes.proposalId, voter: votes.voter, option: votes.option, weight: votes.weight })
    .from(votes)
    .where(inArray(votes.voter, voters));
}
