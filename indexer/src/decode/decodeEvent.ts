/**
 * Turns one raw checkpoint event into a typed Tusk event, nothing (another
 * package's event), or a dead letter. Never throws: an event of ours that we
 * cannot read (unknown name, bytes too short, trailing bytes, invalid values)
 * becomes a `DeadLetter` carrying its bytes and a reason a human can act on.
 */
import { BcsReader } from '@mysten/bcs';
import { eventSchemas, type EventName } from '@tusk/shared/events';
import type { CheckpointEvent } from '../source/checkpoint.ts';
import type { EventTypeFilter } from './eventType.ts';
import { toEventValue, type EventValue } from './eventValues.ts';

/** Where an event sits in the chain: enough to identify it and to order it. */
export interface EventPosition {
  checkpoint: bigint;
  timestampMs: bigint;
  txDigest: string;
  eventIndex: number;
}

/** A decoded Tusk event; switch on `name` to narrow `data`. */
export type DecodedEvent = {
  [N in EventName]: EventPosition & { name: N; data: EventValue<N> };
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

/** Decodes `event`, found in the checkpoint `checkpoint` with time `timestampMs`. */
export function decodeEvent(
  event: CheckpointEvent,
  checkpoint: bigint,
  timestampMs: bigint,
  filter: EventTypeFilter,
): DecodeResult {
  const type = filter.classify(event.type);
  if (type.kind === 'foreign') return { kind: 'foreign' };
  const dead = (error: string): DecodeResult => ({
    kind: 'dead',
    letter: {
      checkpoint,
      txDigest: event.txDigest,
      eventIndex: event.eventIndex,
      eventType: event.type,
      contents: event.bcs,
      error,
    },
  });
  if (type.kind === 'unknown') return dead(type.reason);

  const name = type.name;
  const parsed = parseExactly(name, event.bcs);
  if (typeof parsed === 'string') return dead(parsed);
  return {
    kind: 'event',
    event: {
      name,
      data: parsed,
      checkpoint,
      timestampMs,
      txDigest: event.txDigest,
      eventIndex: event.eventIndex,
    } as DecodedEvent,
  };
}

/**
 * Parses `bytes` as event `name` and requires that every byte was consumed.
 * Returns the value, or an error message.
 */
function parseExactly<N extends EventName>(name: N, bytes: Uint8Array): EventValue<N> | string {
  // The reader reads through to the end of the underlying ArrayBuffer, not of
  // the view: a view into a larger message (protobuf) would let a short event
  // silently read its neighbours' bytes. A private copy makes overruns throw.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  const reader = new BcsReader(own);
  let raw;
  try {
    raw = eventSchemas[name].read(reader);
  } catch (error) {
    const detail = error instanceof RangeError ? 'ran past the end of the bytes' : errorMessage(error);
    return `${name}: could not decode ${own.length} BCS bytes (${detail}); the Move struct and its schema in shared/src/events.ts probably differ`;
  }
  // `bytePosition` is private in the typings but is the reader's cursor.
  const consumed = Reflect.get(reader, 'bytePosition') as number;
  if (consumed !== own.length) {
    return `${name}: ${own.length - consumed} trailing bytes after the event (decoded ${consumed} of ${own.length} bytes); the Move struct probably has fields that shared/src/events.ts lacks`;
  }
  try {
    return toEventValue(name, raw as never);
  } catch (error) {
    return `${name}: decoded but could not convert its numbers (${errorMessage(error)})`;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
