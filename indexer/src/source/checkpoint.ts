/**
 * A checkpoint as the indexer sees it, whatever source it came from (backfill,
 * live subscription, a test fixture): its sequence number, its time, and the
 * events of its transactions in execution order.
 */
export interface CheckpointEvent {
  /** Digest of the transaction that emitted the event (base58). */
  txDigest: string;
  /** Position of the event within its transaction. */
  eventIndex: number;
  /** Full Move type, e.g. `0xabc::events::StakeDeposited` (the package that first defined it). */
  type: string;
  /** ID of the package whose code emitted it (may be an upgraded package). */
  packageId: string;
  sender: string;
  /** BCS bytes of the event struct. */
  bcs: Uint8Array;
}

export interface Checkpoint {
  sequenceNumber: bigint;
  timestampMs: bigint;
  events: CheckpointEvent[];
}
