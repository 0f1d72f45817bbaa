/**
 * Turns a full node's checkpoint (`GrpcTypes.Checkpoint`, read with
 * `CHECKPOINT_READ_MASK`) into the indexer's `Checkpoint`, keeping only our
 * packages' events but their original transaction digest and event index.
 * The fields we depend on are checked here, so a node that ignores the read
 * mask or a proxy that mangles responses fails loudly, naming the checkpoint.
 */
import type { GrpcTypes } from '@mysten/sui/grpc';
import { z } from 'zod';
import type { Checkpoint, CheckpointEvent } from './checkpoint.ts';
import { MalformedCheckpointError } from './errors.ts';
import type { PackageFilter } from './packageFilter.ts';

const Envelope = z.object({
  sequenceNumber: z.bigint(),
  summary: z.object({ timestamp: z.object({ seconds: z.bigint(), nanos: z.number().int() }) }),
});

const OurEvent = z.object({
  packageId: z.string(),
  sender: z.string(),
  eventType: z.string(),
  contents: z.object({ value: z.instanceof(Uint8Array) }),
});

export function checkpointFromProto(proto: GrpcTypes.Checkpoint | undefined, filter: PackageFilter): Checkpoint {
  const envelope = Envelope.safeParse(proto);
  if (!envelope.success) {
    throw new MalformedCheckpointError(
      `checkpoint ${proto?.sequenceNumber ?? '(no number)'} from the node lacks fields the indexer reads (${z.prettifyError(envelope.error).replaceAll('\n', ' ')}); does the node honour read masks?`,
    );
  }
  const { sequenceNumber, summary } = envelope.data;
  const events: CheckpointEvent[] = [];
  for (const transaction of proto!.transactions) {
    const transactionEvents = transaction.events?.events;
    if (!transactionEvents) continue;
    for (let eventIndex = 0; eventIndex < transactionEvents.length; eventIndex++) {
      const event = transactionEvents[eventIndex]!;
      if (event.eventType === undefined || !filter.matches(event.eventType)) continue;
      const parsed = OurEvent.safeParse(event);
      if (!parsed.success || !transaction.digest) {
        throw new MalformedCheckpointError(
          `event ${eventIndex} of transaction ${transaction.digest ?? '(no digest)'} in checkpoint ${sequenceNumber} lacks fields the indexer reads: ${parsed.success ? 'transaction digest' : z.prettifyError(parsed.error).replaceAll('\n', ' ')}`,
        );
      }
      events.push({
        txDigest: transaction.digest,
        eventIndex,
        type: parsed.data.eventType,
        packageId: parsed.data.packageId,
        sender: parsed.data.sender,
        bcs: parsed.data.contents.value,
      });
    }
  }
  const timestampMs = summary.timestamp.seconds * 1000n + BigInt(Math.floor(summary.timestamp.nanos / 1_000_000));
  return { sequenceNumber, timestampMs, events };
}
