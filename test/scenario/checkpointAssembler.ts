/**
 * Builds `Checkpoint`s the way a full node would deliver them: transactions
 * with digests, each emitting our events (encoded with the shared BCS
 * schemas) with their index in the transaction.
 */
import { toBase58 } from '@mysten/bcs';
import { eventSchemas, eventType, type EventInput, type EventName } from '@tusk/shared/events';
import type { Checkpoint, CheckpointEvent } from '../../indexer/src/source/checkpoint.ts';

/** An event to encode: its name and field values. */
export type EventSpec = { [N in EventName]: { name: N; data: EventInput<N> } }[EventName];

export function event<N extends EventName>(name: N, data: EventInput<N>): EventSpec {
  return { name, data } as EventSpec;
}

export class CheckpointAssembler {
  #events: CheckpointEvent[] = [];
  #txInCheckpoint = 0;

  constructor(
    readonly packageId: string,
    public nextSequence = 0n,
    public nextTimestampMs = 1_700_000_000_000n,
    readonly sender = '0x' + '5e'.repeat(32),
  ) {}

  /** Adds a transaction emitting `events` to the checkpoint being built. */
  transaction(events: readonly EventSpec[]): void {
    const digest = txDigest(this.nextSequence, this.#txInCheckpoint++);
    events.forEach((spec, eventIndex) => {
      this.#events.push({
        txDigest: digest,
        eventIndex,
        type: eventType(this.packageId, spec.name),
        packageId: this.packageId,
        sender: this.sender,
        bcs: eventSchemas[spec.name].serialize(spec.data as never).toBytes(),
      });
    });
  }

  /** Adds a raw event (e.g. malformed bytes or a foreign type) as its own transaction. */
  rawTransaction(events: readonly Omit<CheckpointEvent, 'txDigest' | 'eventIndex'>[]): void {
    const digest = txDigest(this.nextSequence, this.#txInCheckpoint++);
    events.forEach((e, eventIndex) => this.#events.push({ ...e, txDigest: digest, eventIndex }));
  }

  get pendingEvents(): number {
    return this.#events.length;
  }

  /** Closes the checkpoint: its sequence number and time advance by one step. */
  seal(stepMs = 250n): Checkpoint {
    const checkpoint: Checkpoint = {
      sequenceNumber: this.nextSequence,
      timestampMs: this.nextTimestampMs,
      events: this.#events,
    };
    this.#events = [];
    this.#txInCheckpoint = 0;
    this.nextSequence += 1n;
    this.nextTimestampMs += stepMs;
    return checkpoint;
  }
}

/** A deterministic 32-byte transaction digest in base58, like Sui's. */
function txDigest(checkpoint: bigint, index: number): string {
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, checkpoint, true);
  view.setUint32(8, index, true);
  view.setUint32(12, 0x7475736b, true); // "tusk"
  return toBase58(bytes);
}
