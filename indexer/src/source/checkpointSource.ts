/**
 * The indexer's checkpoint source: every checkpoint from `from` on, in order,
 * exactly once, from a Sui full node.
 *
 * Far behind the chain it backfills (`backfill.ts`). Near the tip it follows
 * the live subscription, which cannot start from a past position: it
 * subscribes, fills the gap up to the tip by backfill while the stream
 * buffers, then drains the stream, dropping what it already yielded and
 * backfilling any hole the stream leaves. A stream that
 * ends or fails (public nodes reset them about every 30 s) is reopened the
 * same way after a backoff. With an end checkpoint it stops there.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../ops/retry.ts';
import { backfillCheckpoints, type FetchRange } from './backfill.ts';
import type { Checkpoint } from './checkpoint.ts';
import { CheckpointClient, isRetryableRpcError, type SourceObserver } from './checkpointClient.ts';
import { MalformedCheckpointError } from './errors.ts';
import { PackageFilter } from './packageFilter.ts';
import type { SourceConfig } from './sourceConfig.ts';

export interface CheckpointSourceOptions {
  config: SourceConfig;
  observer?: SourceObserver;
  backoff?: BackoffPolicy;
}

/** Opens a source; `checkpoints(from)` can be called again after a restart (e.g. from a new watermark). */
export class CheckpointSource {
  readonly client: CheckpointClient;
  readonly #config: SourceConfig;
  readonly #observer: SourceObserver | undefined;
  readonly #backoff: BackoffPolicy;
  #method: 'list' | 'get' | undefined;

  constructor(options: CheckpointSourceOptions) {
    this.#config = options.config;
    this.#observer = options.observer;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.client = new CheckpointClient({
      url: options.config.url,
      network: options.config.network,
      format: options.config.format,
      timeoutMs: options.config.timeoutMs,
      filter: new PackageFilter(options.config.packageIds),
      backoff: this.#backoff,
      observer: options.observer,
    });
  }

  /** The end checkpoint, if the source stops at one. */
  get end(): bigint | undefined {
    return this.#config.endCheckpoint;
  }

  /** How backfill reads: `ListCheckpoints` ranges when the node serves them, else `GetCheckpoint` each. */
  async backfillMethod(from: bigint, signal?: AbortSignal): Promise<'list' | 'get'> {
    if (this.#method) return this.#method;
    const configured = this.#config.backfillMethod;
    this.#method =
      configured !== 'auto' ? configured : (await this.client.supportsListCheckpoints(from, signal)) ? 'list' : 'get';
    this.#observer?.onBackfillMethod?.(this.#method);
    return this.#method;
  }

  /** Every checkpoint from `from` to the end checkpoint (or forever), in order. */
  async *checkpoints(from: bigint, signal?: AbortSignal): AsyncGenerator<Checkpoint> {
    const end = this.#config.endCheckpoint;
    let next = from;
    let failures = 0;
    const method = await this.backfillMethod(from, signal);
    const fetchRange: FetchRange =
      method === 'list'
        ? (first, last, s) => this.client.listCheckpoints(first, last, s)
        : async (first, _last, s) => [await this.client.getCheckpoint(first, s)];
    const backfill = (to: bigint) =>
      backfillCheckpoints(fetchRange, {
        from: next,
        to,
        chunkSize: method === 'list' ? this.#config.listChunkSize : 1,
        concurrency: this.#config.concurrency ?? (method === 'list' ? 4 : 32),
        signal,
      });

    while (end === undefined || next <= end) {
      // Far behind (or the end is already on chain): backfill, re-reading the tip as it moves.
      for (;;) {
        const tip = (await this.client.serviceInfo(signal)).checkpointHeight;
        if (tip === undefined) break;
        const target = end !== undefined && end < tip ? end : tip;
        if (target < next || (target !== end && target - next + 1n < BigInt(this.#config.catchUpThreshold))) break;
        for await (const checkpoint of backfill(target)) {
          yield checkpoint;
          next = checkpoint.sequenceNumber + 1n;
        }
        if (end !== undefined && next > end) return;
      }

      // Near the tip: follow the live stream, filling gaps by backfill.
      const stream = new AbortController();
      const streamSignal = signal ? AbortSignal.any([signal, stream.signal]) : stream.signal;
      let resetError: unknown;
      try {
        const call = this.client.subscribe(streamSignal);
        // Once the stream is open, everything executed from now on will come through it (and
        // queue up while we backfill); everything before is on chain up to the tip read now.
        await call.headers;
        const tip = (await this.client.serviceInfo(signal)).checkpointHeight;
        if (tip !== undefined && tip >= next) {
          for await (const checkpoint of backfill(end !== undefined && end < tip ? end : tip)) {
            yield checkpoint;
            next = checkpoint.sequenceNumber + 1n;
          }
          if (end !== undefined && next > end) return;
        }
        for await (const message of call.responses) {
          const sequenceNumber = message.cursor ?? message.checkpoint?.sequenceNumber;
          if (sequenceNumber === undefined)
            throw new MalformedCheckpointError('the checkpoint stream sent a message without a cursor');
          this.#observer?.onChainTip?.(sequenceNumber);
          if (sequenceNumber < next) continue; // already yielded (by backfill or an earlier stream)
          if (sequenceNumber > next) {
            // Too far ahead to buffer meanwhile: go back to catching up first.
            if (sequenceNumber - next >= BigInt(this.#config.catchUpThreshold)) break;
            const gapEnd = end !== undefined && end < sequenceNumber - 1n ? end : sequenceNumber - 1n;
            for await (const checkpoint of backfill(gapEnd)) {
              yield checkpoint;
              next = checkpoint.sequenceNumber + 1n;
            }
            if (end !== undefined && next > end) return;
          }
          yield this.client.fromStream(message);
          next = sequenceNumber + 1n;
          failures = 0;
          if (end !== undefined && next > end) return;
        }
      } catch (error) {
        if (signal?.aborted) throw signal.reason ?? error;
        if (!isRetryableRpcError(error)) throw error;
        resetError = error;
      } finally {
        stream.abort();
      }
      this.#observer?.onStreamReset?.(resetError);
      await sleep(backoffDelay(failures++, this.#backoff), undefined, { signal });
    }
  }
}
