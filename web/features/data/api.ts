/**
 * Names for the JSON `/api/v1` answers that views pass around as props (see
 * web/API.md). Each is read from the endpoint map (`ApiResponse`), which reads
 * it from the server's endpoint function: nothing here restates a shape.
 */
import type { ApiResponse } from './endpoints.ts';

export type OverviewJson = ApiResponse<'overview'>;
export type EpochSummaryJson = OverviewJson['history'][number];
export type NodesJson = ApiResponse<'nodes'>;
export type NodeRowJson = NodesJson['rows'][number];
export type NodeDetailJson = ApiResponse<'node'>;
export type NodeHistoryJson = ApiResponse<'nodeHistory'>;
export type DelegatorsJson = ApiResponse<'nodeDelegators'>;
export type EpochsJson = ApiResponse<'epochs'>;
export type EpochDetailJson = ApiResponse<'epoch'>;
export type PositionsJson = ApiResponse<'accountPositions'>;
export type PositionJson = PositionsJson['positions'][number];
export type AccountEventsJson = ApiResponse<'accountEvents'>;
export type RewardsJson = ApiResponse<'accountRewards'>;
export type ProposalsJson = ApiResponse<'proposals'>;
export type ProposalJson = ProposalsJson['rows'][number];
export type ProposalDetailJson = ApiResponse<'proposal'>;
export type OperatorJson = ApiResponse<'operator'>;
export type StorageJson = ApiResponse<'storage'>;
export type BlobsJson = ApiResponse<'blobs'>;
export type StatusJson = ApiResponse<'status'>;
