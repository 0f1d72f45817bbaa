/**
 * The JSON shapes `/api/v1` returns (see web/API.md), as types for client
 * views: each is the query result with bigints and dates as strings.
 */
import type { Json } from './json.ts';
import type { AccountPositions, RewardRow, StakeEventRow } from '../../server/queries/accounts.ts';
import type { EpochDetail } from '../../server/queries/epochs.ts';
import type { ChainClock } from '../../server/queries/epochClock.ts';
import type { EpochSummary, Overview } from '../../server/queries/overview.ts';
import type { ProposalDetail, ProposalList } from '../../server/queries/governance.ts';
import type { NodeList, NodeSort } from '../../server/queries/nodeList.ts';
import type { DelegatorRow, NodeDetail, NodeEpochRow } from '../../server/queries/nodes.ts';
import type { OperatorView } from '../../server/queries/operator.ts';
import type { BlobRow, StorageOverview } from '../../server/queries/storage.ts';

export type OverviewJson = Json<Overview>;
export type EpochSummaryJson = Json<EpochSummary>;
export type NodesJson = Json<NodeList> & { limit: number; offset: number; sort: NodeSort; seed: string };
export type NodeRowJson = NodesJson['rows'][number];
export type NodeDetailJson = Json<NodeDetail>;
export type NodeHistoryJson = { nodeId: string; rows: Json<NodeEpochRow>[] };
export type DelegatorsJson = { nodeId: string; rows: Json<DelegatorRow>[]; total: number };
export type EpochsJson = { rows: Json<EpochSummary>[]; latest: number | null };
export type EpochDetailJson = Json<EpochDetail>;
export type PositionsJson = Json<AccountPositions>;
export type PositionJson = PositionsJson['positions'][number];
export type AccountEventsJson = { owner: string; rows: Json<StakeEventRow>[]; total: number };
export type RewardsJson = { owner: string; rows: Json<RewardRow>[] };
export type ProposalsJson = Json<ProposalList>;
export type ProposalJson = ProposalsJson['rows'][number];
export type ProposalDetailJson = Json<ProposalDetail>;
export type OperatorJson = Json<OperatorView>;
export type StorageJson = Json<StorageOverview>;
export type BlobsJson = { rows: Json<BlobRow>[]; total: number; limit: number; offset: number };
export type VotesJson = { votes: { proposalId: string; voter: string; option: string; weight: string }[] };
export type StatusJson = {
  epoch: number | null;
  clock: Json<ChainClock> | null;
  pipelines: { pipeline: string; checkpoint: string; updatedAt: string }[];
};
