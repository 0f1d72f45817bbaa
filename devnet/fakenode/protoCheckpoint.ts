/**
 * Builds the full-node form of a checkpoint (`GrpcTypes.Checkpoint`, what
 * `getCheckpoint` returns) from the indexer's form (`Checkpoint`, what the
 * scenario generator produces), so the fake node can serve any scenario and
 * the indexer's source must turn it back into exactly the same thing.
 *
 * Events are grouped into transactions by digest, in order. Where a
 * transaction's event indices have gaps (events of other packages the source
 * filtered out), filler events of a foreign package take those positions, so
 * indices survive the round trip.
 */
import { createHash } from 'node:crypto';
import { GrpcTypes } from '@mysten/sui/grpc';
import { toBase58 } from '@mysten/sui/utils';
import type { Checkpoint, CheckpointEvent } from '@tusk/indexer/source/checkpoint';
import { MemoryCheckpointStore, type ProtoCheckpoint } from './checkpointStore.ts';

/** A deterministic 32-byte base58 digest for `label` (checkpoints and transactions need one). */
export function fakeDigest(label: string): string {
  return toBase58(createHash('sha256').update(label).digest());
}

/** Type of the events standing in for other packages' events. */
export const FOREIGN_EVENT_TYPE = '0x0000000000000000000000000000000000000000000000000000000000000abc::market::Traded';

export function toProtoCheckpoint(checkpoint: Checkpoint, options: { epoch?: bigint } = {}): ProtoCheckpoint {
  const transactions: GrpcTypes.ExecutedTransaction[] = [];
  let current: { digest: string; events: CheckpointEvent[] } | undefined;
  const flush = () => {
    if (current) transactions.push(toProtoTransaction(current.digest, current.events, checkpoint));
  };
  for (const event of checkpoint.events) {
    if (current?.digest !== event.txDigest) {
      flush();
      current = { digest: event.txDigest, events: [] };
    }
    current.events.push(event);
  }
  flush();

  const seconds = checkpoint.timestampMs / 1000n;
  return {
    sequenceNumber: checkpoint.sequenceNumber,
    digest: fakeDigest(`checkpoint:${checkpoint.sequenceNumber}`),
    summary: {
      sequenceNumber: checkpoint.sequenceNumber,
      epoch: options.epoch ?? 0n,
      timestamp: { seconds, nanos: Number(checkpoint.timestampMs % 1000n) * 1_000_000 },
      commitments: [],
    },
    transactions,
  };
}

function toProtoTransaction(
  digest: string,
  events: CheckpointEvent[],
  checkpoint: Checkpoint,
): GrpcTypes.ExecutedTransaction {
  const protoEvents: GrpcTypes.Event[] = [];
  for (const event of [...events].sort((a, b) => a.eventIndex - b.eventIndex)) {
    while (protoEvents.length < event.eventIndex) protoEvents.push(foreignEvent(event.sender));
    protoEvents.push({
      packageId: event.packageId,
      module: event.type.split('::')[1] ?? '',
      sender: event.sender,
      eventType: event.type,
      contents: { name: event.type, value: event.bcs },
    });
  }
  return {
    digest,
    signatures: [],
    balanceChanges: [],
    checkpoint: checkpoint.sequenceNumber,
    events: { events: protoEvents },
  };
}

function foreignEvent(sender: string): GrpcTypes.Event {
  return {
    packageId: FOREIGN_EVENT_TYPE.split('::')[0],
    module: 'market',
    sender,
    eventType: FOREIGN_EVENT_TYPE,
    contents: { name: FOREIGN_EVENT_TYPE, value: new Uint8Array([1, 2, 3]) },
  };
}

/** A memory store serving `checkpoints` (consecutive, e.g. a scenario's), in full-node form. */
export function memoryStoreOf(checkpoints: Iterable<Checkpoint>): MemoryCheckpointStore {
  let store: MemoryCheckpointStore | undefined;
  for (const checkpoint of checkpoints) {
    store ??= new MemoryCheckpointStore(checkpoint.sequenceNumber);
    store.append(toProtoCheckpoint(checkpoint));
  }
  return store ?? new MemoryCheckpointStore();
}
