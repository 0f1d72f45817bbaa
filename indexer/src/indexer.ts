/**
 * The indexer core: consumes an ordered stream of checkpoints (from any
 * source), decodes each once, lets every pipeline `process` it, groups
 * checkpoints into batches and commits each pipeline's batch in order, its
 * rows and its watermark in one transaction.
 *
 * Exactly once: on start each pipeline's watermark is read and checkpoints at
 * or below it are skipped for that pipeline; every commit transaction locks
 * the watermark row and skips a batch that is already in (a replay), so a
 * restart after a crash anywhere resumes at watermark + 1 with no gap and no
 * duplicate. Use `resumeCheckpoint` to start the source there.
 *
 * Throughput: decoding and processing run ahead of the database; each
 * pipeline has its own writer (one transaction at a time, in order) and the
 * pipelines write concurrently on their own connections. Each pipeline fills
 * its own batch: it goes to the writer at `maxCheckpoints` checkpoints or
 * `maxRows` rows, or once it is `flushIntervalMs` old and the writer is idle
 * (so a live tail commits promptly). While a writer is busy its next batch
 * keeps growing: the slower the database, the bigger the batches, and bigger
 * batches cost it less per event (a state row changed several times in a batch
 * is written once).
 */
import type { Database } from '@tusk/shared/db/database';
import { decodeCheckpoint, type DecodedCheckpoint } from './decode/decodeCheckpoint.ts';
import { EventTypeFilter } from './decode/eventType.ts';
import { preferKeyLookups } from './db/fastPaths/keyLookups.ts';
import { isTransientDbError } from './db/transientErrors.ts';
import { lockWatermark, readWatermarks, setWatermark } from './db/watermarks.ts';
import { allPipelines, type Pipeline } from './pipelines/index.ts';
import type { Checkpoint } from './source/checkpoint.ts';

export interface BatchOptions {
  /** Close a pipeline's batch after this many checkpoints. */
  maxCheckpoints: number;
  /** Close a pipeline's batch once it has this many rows. */
  maxRows: number;
  /** Close a pipeline's batch once it is this old (since its first checkpoint) and its writer is idle. */
  flushIntervalMs: number;
}

export interface RetryOptions {
  /** Attempts for an error that is not a lost connection (then the run fails). */
  maxAttempts: number;
  /** Backoff: baseDelayMs * 2^attempt, capped at maxDelayMs. Lost connections retry until aborted. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface BatchCommitted {
  pipeline: string;
  firstCheckpoint: bigint;
  lastCheckpoint: bigint;
  rows: number;
  durationMs: number;
  /** True when the watermark was already at or past the batch (a replay): nothing written. */
  skipped: boolean;
}

/** Hooks for progress, metrics and logs; all optional and synchronous. */
export interface IndexerObserver {
  onCheckpoint?(checkpoint: DecodedCheckpoint): void;
  onBatchCommitted?(batch: BatchCommitted): void;
  onRetry?(info: { pipeline: string; attempt: number; delayMs: number; error: unknown }): void;
}

export interface IndexerOptions {
  db: Database;
  /** Original package IDs of `tusk` (event types keep them across upgrades). */
  packageIds: readonly string[];
  /** Upgraded versions of the package: event types they define are dead-lettered, never ignored. */
  upgradedPackageIds?: readonly string[];
  pipelines?: readonly Pipeline<unknown>[];
  batch?: Partial<BatchOptions>;
  /** Closed batches a pipeline may have waiting for its writer before reading pauses. */
  maxPendingBatches?: number;
  retry?: Partial<RetryOptions>;
  /** Stop reading, commit what was read, and return. */
  signal?: AbortSignal;
  observer?: IndexerObserver;
}

export interface IndexerSummary {
  /** Checkpoints read and processed (excluding those every pipeline had already committed). */
  checkpoints: number;
  events: number;
  deadLetters: number;
  /** Checkpoints that arrived at or below the previous one, ignored. */
  outOfOrder: number;
  lastCheckpoint: bigint | null;
  /** Rows handed to each pipeline's commit (including replays it skipped). */
  rows: Record<string, number>;
  stoppedBy: 'end' | 'abort';
}

export const defaultBatchOptions: BatchOptions = { maxCheckpoints: 10_000, maxRows: 100_000, flushIntervalMs: 500 };
/** Longest the read loop runs before it lets the event loop handle I/O. */
const MAX_RUN_WITHOUT_IO_MS = 5;
export const defaultRetryOptions: RetryOptions = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5_000 };

/**
 * The first checkpoint some pipeline still needs: min over pipelines of
 * watermark + 1 (0 if a pipeline never committed). Start the source here.
 */
export async function resumeCheckpoint(
  db: Database,
  pipelines: readonly Pipeline<unknown>[] = allPipelines,
): Promise<bigint> {
  const marks = await readWatermarks(
    db,
    pipelines.map((p) => p.name),
  );
  let first: bigint | null = null;
  for (const p of pipelines) {
    const next = (marks.get(p.name) ?? -1n) + 1n;
    if (first === null || next < first) first = next;
  }
  return first ?? 0n;
}

/** Indexes `checkpoints` (ascending sequence numbers) until the stream ends or `signal` aborts. */
export async function runIndexer(
  checkpoints: AsyncIterable<Checkpoint>,
  options: IndexerOptions,
): Promise<IndexerSummary> {
  const pipelines = options.pipelines ?? allPipelines;
  const names = new Set<string>();
  for (const p of pipelines) {
    if (names.has(p.name)) throw new Error(`two pipelines are named "${p.name}"; watermarks need unique names`);
    names.add(p.name);
  }
  const batchOptions = withDefaults(defaultBatchOptions, options.batch);
  const retry = withDefaults(defaultRetryOptions, options.retry);
  const filter = new EventTypeFilter(options.packageIds, options.upgradedPackageIds);
  const marks = await readWatermarks(options.db, [...names]);
  const failure = new FailureSignal();
  const writers = pipelines.map(
    (p) =>
      new PipelineWriter(
        p,
        options.db,
        marks.get(p.name) ?? -1n,
        retry,
        options.maxPendingBatches ?? 2,
        failure,
        options,
      ),
  );
  const summary: IndexerSummary = {
    checkpoints: 0,
    events: 0,
    deadLetters: 0,
    outOfOrder: 0,
    lastCheckpoint: null,
    rows: Object.fromEntries(pipelines.map((p) => [p.name, 0])),
    stoppedBy: 'end',
  };

  const wakeup = new Wakeup();
  for (const w of writers) w.onIdle = () => wakeup.notify();
  /** Hands each pipeline's batch to its writer when due (all of them when `all`), then waits for room. */
  const handOver = async (all: boolean) => {
    const now = Date.now();
    let full = false;
    for (const writer of writers) {
      const pending = writer.pending;
      if (!pending) continue;
      const due =
        all ||
        pending.checkpoints >= batchOptions.maxCheckpoints ||
        pending.rows.length >= batchOptions.maxRows ||
        (writer.idle && now - pending.openedAt >= batchOptions.flushIntervalMs);
      if (!due) continue;
      summary.rows[writer.pipeline.name]! += pending.rows.length;
      writer.enqueuePending();
      full ||= !writer.hasRoom;
    }
    // Backpressure: read on only when every writer has room (checked per checkpoint, so without awaiting when it has).
    if (full) await Promise.all(writers.map((w) => w.room()));
  };
  /** When the oldest batch an idle writer could take becomes due (busy writers wake the loop when done). */
  const nextDeadline = (): number | undefined => {
    let deadline: number | undefined;
    for (const w of writers) {
      if (!w.pending || !w.idle) continue;
      const due = w.pending.openedAt + batchOptions.flushIntervalMs;
      if (deadline === undefined || due < deadline) deadline = due;
    }
    return deadline;
  };

  const iterator = checkpoints[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<Checkpoint>> | undefined;
  let ranSince = performance.now();
  try {
    for (;;) {
      failure.throwIfFailed();
      // A source with checkpoints at hand resolves in microtasks: without this
      // the loop would hold the event loop for whole chunks, and the writers'
      // database replies would wait (every statement of a commit a round trip).
      if (performance.now() - ranSince > MAX_RUN_WITHOUT_IO_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        ranSince = performance.now();
      }
      next ??= iterator.next();
      const outcome = await waitFor(next, nextDeadline(), options.signal, failure, wakeup);
      if (outcome.kind === 'abort') {
        summary.stoppedBy = 'abort';
        break;
      }
      if (outcome.kind === 'timeout') {
        await handOver(false);
        continue;
      }
      next = undefined;
      if (outcome.result.done) break;
      const checkpoint = outcome.result.value;
      if (summary.lastCheckpoint !== null && checkpoint.sequenceNumber <= summary.lastCheckpoint) {
        summary.outOfOrder++;
        continue;
      }
      summary.lastCheckpoint = checkpoint.sequenceNumber;
      if (writers.every((w) => checkpoint.sequenceNumber <= w.through)) continue;

      const decoded = decodeCheckpoint(checkpoint, filter);
      summary.checkpoints++;
      summary.events += decoded.events.length;
      summary.deadLetters += decoded.deadLetters.length;
      options.observer?.onCheckpoint?.(decoded);
      for (const writer of writers) writer.add(decoded);
      await handOver(false);
    }
    await handOver(true);
    await Promise.all(writers.map((w) => w.drained()));
    failure.throwIfFailed();
  } catch (error) {
    // The source or a writer failed: let the other writers finish the batches
    // already handed to them (they are correct), then report the failure.
    await Promise.allSettled(writers.map((w) => w.drained()));
    throw error;
  } finally {
    // Stop the source (closes streams) whether we ended, aborted or failed.
    if (summary.stoppedBy === 'abort' || failure.error) await iterator.return?.().catch(() => undefined);
  }
  return summary;
}

/**
 * `defaults` with the values `given` sets. An option present but undefined
 * (a CLI flag not passed) keeps its default: a batch without a size limit
 * would grow without bound while its writer is busy.
 */
function withDefaults<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const merged = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

interface PendingBatch {
  first: bigint;
  last: bigint;
  rows: unknown[];
}

/**
 * The one writer of a pipeline: fills its next batch from decoded checkpoints
 * and commits its batches in order, each with its watermark.
 */
class PipelineWriter {
  /** Highest checkpoint given to this writer (committed, queued or in the batch being filled). */
  through: bigint;
  /** The batch being filled, if any checkpoint came since the last one closed. */
  pending: (PendingBatch & { checkpoints: number; openedAt: number }) | null = null;
  /** Called whenever the writer has committed everything it was given. */
  onIdle: () => void = () => {};
  readonly #queue: PendingBatch[] = [];
  #running: Promise<void> | null = null;
  #roomWaiters: (() => void)[] = [];

  constructor(
    readonly pipeline: Pipeline<unknown>,
    private readonly db: Database,
    committed: bigint,
    private readonly retry: RetryOptions,
    private readonly maxPending: number,
    private readonly failure: FailureSignal,
    private readonly options: IndexerOptions,
  ) {
    this.through = committed;
  }

  /** Adds the pipeline's rows of `checkpoint` to the batch being filled (unless committed before a restart). */
  add(checkpoint: DecodedCheckpoint): void {
    const seq = checkpoint.sequenceNumber;
    if (seq <= this.through) return;
    this.through = seq;
    this.pending ??= { first: seq, last: seq, rows: [], checkpoints: 0, openedAt: Date.now() };
    this.pending.last = seq;
    this.pending.checkpoints++;
    const rows = this.pipeline.process(checkpoint);
    for (let i = 0; i < rows.length; i++) this.pending.rows.push(rows[i]);
  }

  /** Nothing queued or being committed. */
  get idle(): boolean {
    return this.#running === null && this.#queue.length === 0;
  }

  /** Closes the batch being filled and queues it for commit. */
  enqueuePending(): void {
    const batch = this.pending;
    if (!batch) return;
    this.pending = null;
    this.#queue.push({ first: batch.first, last: batch.last, rows: batch.rows });
    this.#running ??= this.#run().finally(() => {
      this.#running = null;
      this.onIdle();
    });
  }

  /** Fewer than `maxPending` batches wait (or the run failed: the caller then sees it). */
  get hasRoom(): boolean {
    return this.#queue.length < this.maxPending || Boolean(this.failure.error);
  }

  /** Resolves when the writer has room. */
  room(): Promise<void> {
    if (this.hasRoom) return Promise.resolve();
    return new Promise((resolve) => this.#roomWaiters.push(resolve));
  }

  async drained(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #run(): Promise<void> {
    while (this.#queue.length > 0 && !this.failure.error) {
      const batch = this.#queue[0]!;
      try {
        await this.#commit(batch);
      } catch (error) {
        this.failure.fail(error);
      }
      this.#queue.shift();
      this.#wakeRoomWaiters();
    }
    this.#wakeRoomWaiters();
  }

  #wakeRoomWaiters(): void {
    if (this.#queue.length < this.maxPending || this.failure.error) {
      const waiters = this.#roomWaiters;
      this.#roomWaiters = [];
      for (const w of waiters) w();
    }
  }

  async #commit(batch: PendingBatch): Promise<void> {
    const name = this.pipeline.name;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const { skipped } = await commitBatch(this.db, this.pipeline, batch);
        this.options.observer?.onBatchCommitted?.({
          pipeline: name,
          firstCheckpoint: batch.first,
          lastCheckpoint: batch.last,
          rows: batch.rows.length,
          durationMs: performance.now() - started,
          skipped,
        });
        return;
      } catch (error) {
        const transient = isTransientDbError(error);
        if ((!transient && attempt >= this.retry.maxAttempts) || this.options.signal?.aborted) {
          throw new Error(
            `pipeline ${name}: committing checkpoints ${batch.first}..${batch.last} failed: ${describe(error)}`,
            {
              cause: error,
            },
          );
        }
        const delayMs = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** Math.min(attempt - 1, 16));
        this.options.observer?.onRetry?.({ pipeline: name, attempt, delayMs, error });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
}

/**
 * Commits one batch of `pipeline` (rows of checkpoints `first..last`) and moves
 * its watermark to `last`, in one transaction. A batch at or below the
 * watermark is skipped (`skipped: true`): committing twice writes once.
 */
export async function commitBatch<Row>(
  db: Database,
  pipeline: Pipeline<Row>,
  batch: { first: bigint; last: bigint; rows: Row[] },
): Promise<{ skipped: boolean }> {
  let skipped = false;
  await db.transaction(async (tx) => {
    const committed = await lockWatermark(tx, pipeline.name);
    if (committed >= batch.last) {
      skipped = true;
      return;
    }
    if (committed >= batch.first) {
      throw new Error(
        `pipeline ${pipeline.name}: watermark ${committed} is inside the batch [${batch.first}, ${batch.last}]; is another indexer writing this database?`,
      );
    }
    await preferKeyLookups(tx);
    await pipeline.commit(tx, batch.rows);
    await setWatermark(tx, pipeline.name, batch.last);
  });
  return { skipped };
}

/** The first fatal error of any writer; stops the run. */
class FailureSignal {
  error: unknown = null;
  #listeners: (() => void)[] = [];

  fail(error: unknown): void {
    if (this.error) return;
    this.error = error ?? new Error('unknown failure');
    for (const l of this.#listeners) l();
    this.#listeners = [];
  }

  throwIfFailed(): void {
    if (this.error) throw this.error;
  }

  onFail(listener: () => void): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }
}

/** Wakes the read loop when a writer becomes idle (its next batch may be due). */
class Wakeup {
  #notified = false;
  #listener: (() => void) | null = null;

  notify(): void {
    this.#notified = true;
    const listener = this.#listener;
    this.#listener = null;
    listener?.();
  }

  /** Calls `listener` at the next notification (at once if one came since the last call). */
  listen(listener: () => void): () => void {
    if (this.#notified) {
      this.#notified = false;
      queueMicrotask(listener);
      return () => {};
    }
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = null;
    };
  }
}

type WaitOutcome<T> = { kind: 'value'; result: T } | { kind: 'timeout' } | { kind: 'abort' };

/**
 * Waits for `promise`, a deadline, a writer becoming idle (reported as a
 * timeout: time to look at the batches), an abort or a writer failure,
 * whichever comes first.
 */
function waitFor<T>(
  promise: Promise<T>,
  deadline: number | undefined,
  signal: AbortSignal | undefined,
  failure: FailureSignal,
  wakeup: Wakeup,
): Promise<WaitOutcome<T>> {
  if (signal?.aborted) return Promise.resolve({ kind: 'abort' });
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      offFail();
      offWake();
    };
    const offWake = wakeup.listen(() => {
      cleanup();
      resolve({ kind: 'timeout' });
    });
    const onAbort = () => {
      cleanup();
      resolve({ kind: 'abort' });
    };
    const offFail = failure.onFail(() => {
      cleanup();
      reject(failure.error);
    });
    if (deadline !== undefined) {
      timer = setTimeout(
        () => {
          cleanup();
          resolve({ kind: 'timeout' });
        },
        Math.max(0, deadline - Date.now()),
      );
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (result) => {
        cleanup();
        resolve({ kind: 'value', result });
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join(': ');
}
