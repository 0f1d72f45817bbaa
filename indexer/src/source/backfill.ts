/**
 * Backfill: checkpoints `from..to` fetched in chunks, several chunks at a
 * time, but yielded strictly in order, so the consumer commits in order while
 * network round trips overlap. A chunk is one `GetCheckpoint` (size 1) or one
 * `ListCheckpoints` range. At most `concurrency` chunks are in flight or
 * waiting to be consumed; when the consumer stops early, in-flight fetches are
 * cancelled.
 */
import { setMaxListeners } from 'node:events';
import type { Checkpoint } from './checkpoint.ts';
import { MalformedCheckpointError } from './errors.ts';

/** Fetches checkpoints `from..to` (inclusive), all of them, in order. */
export type FetchRange = (from: bigint, to: bigint, signal: AbortSignal) => Promise<Checkpoint[]>;

export interface BackfillOptions {
  /** First checkpoint (inclusive). */
  from: bigint;
  /** Last checkpoint (inclusive). */
  to: bigint;
  /** Checkpoints per fetch. */
  chunkSize: number;
  /** Fetches in flight at once. */
  concurrency: number;
  signal?: AbortSignal;
}

export async function* backfillCheckpoints(
  fetchRange: FetchRange,
  options: BackfillOptions,
): AsyncGenerator<Checkpoint> {
  const cancel = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, cancel.signal]) : cancel.signal;
  // Each in-flight fetch links its own call to this signal for its duration.
  setMaxListeners(options.concurrency + 16, signal);
  const chunkSize = BigInt(options.chunkSize);
  const window: { from: bigint; to: bigint; checkpoints: Promise<Checkpoint[]> }[] = [];
  let next = options.from;
  const fill = () => {
    while (window.length < options.concurrency && next <= options.to) {
      const from = next;
      const to = from + chunkSize - 1n < options.to ? from + chunkSize - 1n : options.to;
      next = to + 1n;
      const checkpoints = fetchRange(from, to, signal);
      // Awaited later, in order; until then a failure must not count as unhandled.
      checkpoints.catch(() => {});
      window.push({ from, to, checkpoints });
    }
  };
  try {
    fill();
    while (window.length > 0) {
      const chunk = window.shift()!;
      const checkpoints = await chunk.checkpoints;
      fill();
      let expected = chunk.from;
      for (const checkpoint of checkpoints) {
        if (checkpoint.sequenceNumber !== expected) {
          throw new MalformedCheckpointError(
            `expected checkpoint ${expected} from the node and got ${checkpoint.sequenceNumber}`,
          );
        }
        expected += 1n;
        yield checkpoint;
      }
      if (expected !== chunk.to + 1n) {
        throw new MalformedCheckpointError(
          `the node returned checkpoints ${chunk.from}..${expected - 1n} when asked for ${chunk.from}..${chunk.to}`,
        );
      }
    }
  } finally {
    cancel.abort();
  }
}
