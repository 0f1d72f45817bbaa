/**
 * Columns every event-derived row shares: where the event is (checkpoint,
 * transaction, index), when (checkpoint time) and in which Walrus epoch.
 * Also the per-event filters pipelines use in `process`.
 */
import type { EventName } from '@tusk/shared/events';
import type { DecodedCheckpoint } from '../decode/decodeCheckpoint.ts';
import type { DecodedEvent } from '../decode/decodeEvent.ts';

export interface EventIdentity {
  checkpoint: bigint;
  txDigest: string;
  eventIndex: number;
  timestamp: Date;
  epoch: number;
}

export function eventIdentity(event: DecodedEvent): EventIdentity {
  return {
    checkpoint: event.checkpoint,
    txDigest: event.txDigest,
    eventIndex: event.eventIndex,
    timestamp: timeOf(event.timestampMs),
    epoch: event.data.epoch,
  };
}

// The events of a checkpoint share its time: one Date per checkpoint, not per row
// (rows only read it).
let lastMs = -1n;
let lastDate = new Date(0);
export function timeOf(timestampMs: bigint): Date {
  if (timestampMs !== lastMs) {
    lastMs = timestampMs;
    lastDate = new Date(Number(timestampMs));
  }
  return lastDate;
}

export type EventOf<N extends EventName> = Extract<DecodedEvent, { name: N }>;

/**
 * Free text from an event (a node's name, a proposal's text) as PostgreSQL
 * `text` can hold it: kept exactly as emitted — display code sanitizes, the
 * table keeps the raw value — except U+0000, which `text` cannot store. One
 * node named "a\0" would otherwise fail its batch on every retry and stop the
 * pipeline; the NUL becomes U+FFFD (the replacement character) instead.
 */
export function storableText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

/** The events of `checkpoint` named in `names`, in chain order. */
export function eventsNamed<const N extends EventName>(
  checkpoint: DecodedCheckpoint,
  names: ReadonlySet<N>,
): EventOf<N>[] {
  return checkpoint.events.filter((e): e is EventOf<N> => names.has(e.name as N));
}
