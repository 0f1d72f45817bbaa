/**
 * Turns one raw checkpoint event into a typed Tusk event, nothing (another
 * package's event), or a dead letter. Never throws: an event of ours that we
 * cannot read (unknown name, bytes too short, trailing bytes, invalid values)
 * becomes a `DeadLetter` carrying its bytes and a reason a human can act on.
 */
import { BcsReader } from '@mysten/bcs';
import { eventSchemas, type EventData, type EventName } from '@tusk/shared/events';
import type { CheckpointEvent } from '../source/checkpoint.ts';
import type { EventTypeFilter } from './eventType.ts';

/** Where an event sits in the chain: enough to identify it and to order it. */
export interface EventPosition {
  checkpoint: bigint;
  timestampMs: bigint;
  txDigest: string;
  eventIndex: number;
}

/**
 * A decoded Tusk event; switch on `name` to narrow `data`. `data` is what the
 * schema decodes: u64/u256 fields are already `bigint`.
 */
export type DecodedEvent = {
  [N in EventName]: EventPosition & { name: N; data: EventData<N> };
}[EventName];

/** An event of ours that could not be decoded; stored in `dead_letters`. */
export interface DeadLetter {
  checkpoint: bigint;
  txDigest: string;
  eventIndex: number;
  eventType: string;
  contents: Uint8Array;
  error: string;
}

export type DecodeResult =
  { kind: 'event'; event: DecodedEvent } | { kind: 'foreign' } | { kind: 'dead'; letter: DeadLetter };

const FOREIGN: DecodeResult = { kind: 'foreign' };

/** Decodes `event`, found in the checkpoint `checkpoint` with time `timestampMs`. */
export function decodeEvent(
  event: CheckpointEvent,
  checkpoint: bigint,
  timestampMs: bigint,
  filter: EventTypeFilter,
): DecodeResult {
  const type = filter.classify(event.type);
  if (type.kind === 'foreign') return FOREIGN;
  if (type.kind === 'unknown') return deadLetter(event, checkpoint, type.reason);
  const parsed = parseExactly(type.name, event.bcs);
  if (typeof parsed === 'string') return deadLetter(event, checkpoint, parsed);
  return {
    kind: 'event',
    event: {
      name: type.name,
      data: parsed,
      checkpoint,
      timestampMs,
      txDigest: event.txDigest,
      eventIndex: event.eventIndex,
    } as DecodedEvent,
  };
}

function deadLetter(event: CheckpointEvent, checkpoint: bigint, error: string): DecodeResult {
  return {
    kind: 'dead',
    letter: {
      checkpoint,
      txDigest: event.txDigest,
      eventIndex: event.eventIndex,
      eventType: event.type,
      contents: event.bcs,
      error,
    },
  };
}

/**
 * Parses `bytes` as event `name` and requires that every byte was consumed.
 * Returns the value, or an error message.
 */
function parseExactly<N extends EventName>(name: N, bytes: Uint8Array): EventData<N> | string {
  const reader = new BcsReader(bytes);
  let data;
  try {
    data = eventSchemas[name].read(reader) as EventData<N>;
  } catch (error) {
    return error instanceof RangeError ? ranPastTheEnd(name, bytes) : couldNotDecode(name, bytes, errorMessage(error));
  }
  // `bytePosition` is private in the typings but is the reader's cursor.
  const consumed = Reflect.get(reader, 'bytePosition') as number;
  // Fixed-size reads stop at the end of `bytes`, but byte and string reads
  // (and ULEB lengths) go on into the rest of the underlying buffer when
  // `bytes` is a view into a larger message (protobuf): a cursor past the end
  // means the event was short and its neighbours' bytes were read.
  if (consumed > bytes.length) return ranPastTheEnd(name, bytes);
  if (consumed < bytes.length) {
    return `${name}: ${bytes.length - consumed} trailing bytes after the event (decoded ${consumed} of ${bytes.length} bytes); the Move struct probably has fields that shared/src/events.ts lacks`;
  }
  return data;
}

function ranPastTheEnd(name: EventName, bytes: Uint8Array): string {
  return couldNotDecode(name, bytes, 'ran past the end of the bytes');
}

function couldNotDecode(name: EventName, bytes: Uint8Array, detail: string): string {
  return `${name}: could not decode ${bytes.length} BCS bytes (${detail}); the Move struct and its schema in shared/src/events.ts probably differ`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
