/**
 * Decodes every event of a checkpoint once, for all pipelines: our events in
 * chain order, and the events of ours that failed to decode as dead letters.
 * Other packages' events are dropped here (they are not ours to index).
 */
import type { Checkpoint } from '../source/checkpoint.ts';
import { decodeEvent, type DeadLetter, type DecodedEvent } from './decodeEvent.ts';
import type { EventTypeFilter } from './eventType.ts';

export interface DecodedCheckpoint {
  sequenceNumber: bigint;
  timestampMs: bigint;
  events: DecodedEvent[];
  deadLetters: DeadLetter[];
}

export function decodeCheckpoint(checkpoint: Checkpoint, filter: EventTypeFilter): DecodedCheckpoint {
  const events: DecodedEvent[] = [];
  const deadLetters: DeadLetter[] = [];
  for (const raw of checkpoint.events) {
    const result = decodeEvent(raw, checkpoint.sequenceNumber, checkpoint.timestampMs, filter);
    if (result.kind === 'event') events.push(result.event);
    else if (result.kind === 'dead') deadLetters.push(result.letter);
  }
  return { sequenceNumber: checkpoint.sequenceNumber, timestampMs: checkpoint.timestampMs, events, deadLetters };
}
