/**
 * The checkpoint source's own failures, which no retry can fix: the source
 * gives up on them at once (see `checkpointClient.ts`) and names the checkpoint.
 */

/** A checkpoint (or the node's answer about one) lacks a field we rely on, or has it in the wrong shape. */
export class MalformedCheckpointError extends Error {}

/** The checkpoint asked for is older than anything the node keeps. */
export class CheckpointPrunedError extends Error {
  constructor(
    readonly sequenceNumber: bigint,
    readonly lowestAvailable: bigint,
  ) {
    super(
      `checkpoint ${sequenceNumber} is pruned on this full node (its lowest available is ${lowestAvailable}); use an archival node or start at ${lowestAvailable} or later`,
    );
  }
}
