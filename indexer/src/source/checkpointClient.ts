/**
 * The full-node calls a checkpoint source makes, each with a timeout and
 * retried with backoff until it succeeds: errors are for the caller only
 * when retrying cannot help (a pruned checkpoint, a refused request) or the
 * source is stopped. Failures are `RpcError`s from `@mysten/sui/grpc`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { RpcError, SuiGrpcClient, type GrpcTypes } from '@mysten/sui/grpc';
import { backoffDelay, DEFAULT_BACKOFF, retry, type BackoffPolicy } from '../ops/retry.ts';
import type { Checkpoint } from './checkpoint.ts';
import { checkpointFromProto, MalformedCheckpointError } from './fromProto.ts';
import type { PackageFilter } from './packageFilter.ts';
import { CHECKPOINT_READ_MASK } from './readMask.ts';

/** Hooks through which operations (metrics, logs) watch a source. */
export interface SourceObserver {
  /** A call failed and will be retried after `delayMs`. */
  onRetry?(operation: string, error: unknown, attempt: number, delayMs: number): void;
  /** The live subscription ended or failed and will be reopened. */
  onStreamReset?(error: unknown): void;
  /** The chain's latest checkpoint, whenever the source learns it. */
  onChainTip?(sequenceNumber: bigint): void;
  /** The backfill method chosen (once per source). */
  onBackfillMethod?(method: 'list' | 'get'): void;
}

/** The checkpoint asked for is older than anything the node keeps. */
export class CheckpointPrunedError extends Error {
  constructor(
    readonly sequenceNumber: bigint,
    readonly lowestAvailable: bigint,
  ) {
    super(
      `checkpoint ${sequenceNumber} is pruned on this full node (its lowest available is ${lowestAvailable}); use an archival node or start at ${lowestAvailable} or later`,
    );
  }
}

/** gRPC codes that mean the request itself is wrong: retrying the same call cannot succeed. */
const PERMANENT_CODES = new Set([
  'INVALID_ARGUMENT',
  'UNIMPLEMENTED',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'FAILED_PRECONDITION',
]);

export function isRetryableRpcError(error: unknown): boolean {
  if (error instanceof CheckpointPrunedError || error instanceof MalformedCheckpointError) return false;
  if (error instanceof RpcError) return !PERMANENT_CODES.has(error.code);
  // Anything else (a fetch failure not wrapped by the transport) is treated as transient.
  return true;
}

export interface CheckpointClientOptions {
  url: string;
  network: string;
  format: 'binary' | 'text';
  timeoutMs: number;
  filter: PackageFilter;
  backoff?: BackoffPolicy;
  observer?: SourceObserver;
}

export class CheckpointClient {
  readonly grpc: SuiGrpcClient;
  readonly #options: CheckpointClientOptions;

  constructor(options: CheckpointClientOptions) {
    this.#options = options;
    this.grpc = new SuiGrpcClient({ baseUrl: options.url, network: options.network, format: options.format });
  }

  /** Service info (chain, tip, lowest available checkpoint), retried. */
  async serviceInfo(signal?: AbortSignal): Promise<GrpcTypes.GetServiceInfoResponse> {
    const info = await this.#retry('GetServiceInfo', signal, () =>
      this.#withCallSignal(signal, async (callSignal) => {
        const { response } = await this.grpc.ledgerService.getServiceInfo({}, this.#callOptions(callSignal));
        return response;
      }),
    );
    if (info.checkpointHeight !== undefined) this.#options.observer?.onChainTip?.(info.checkpointHeight);
    return info;
  }

  /** Checkpoint `sequenceNumber` with our events, retried until the node has it. */
  getCheckpoint(sequenceNumber: bigint, signal?: AbortSignal): Promise<Checkpoint> {
    return this.#retry('GetCheckpoint', signal, () =>
      this.#withCallSignal(signal, async (callSignal) => {
        try {
          const { response } = await this.grpc.ledgerService.getCheckpoint(
            {
              checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber },
              readMask: { paths: [...CHECKPOINT_READ_MASK] },
            },
            this.#callOptions(callSignal),
          );
          return checkpointFromProto(response.checkpoint, this.#options.filter);
        } catch (error) {
          if (error instanceof RpcError && error.code === 'NOT_FOUND')
            await this.#throwIfPruned(sequenceNumber, signal);
          throw error;
        }
      }),
    );
  }

  /**
   * Checkpoints `from..to` (inclusive) through `ListCheckpoints`, as many
   * streamed calls as it takes: a call may end early (the server's item
   * limit, a reset, an error), and the next resumes after the last checkpoint
   * received. Every checkpoint must come, in order: a node that skips one is
   * refused, never skipped past.
   */
  async listCheckpoints(from: bigint, to: bigint, signal?: AbortSignal): Promise<Checkpoint[]> {
    const checkpoints: Checkpoint[] = [];
    let next = from;
    let failures = 0;
    while (next <= to) {
      try {
        await this.#withCallSignal(signal, async (callSignal) => {
          const call = this.grpc.ledgerService.listCheckpoints(
            {
              startCheckpoint: next,
              endCheckpoint: to + 1n,
              readMask: { paths: [...CHECKPOINT_READ_MASK] },
              options: { limit: Number(to - next + 1n) },
            },
            this.#callOptions(callSignal),
          );
          const before = next;
          for await (const message of call.responses) {
            if (!message.checkpoint) continue;
            const checkpoint = checkpointFromProto(message.checkpoint, this.#options.filter);
            if (checkpoint.sequenceNumber !== next) {
              throw new MalformedCheckpointError(
                `ListCheckpoints sent checkpoint ${checkpoint.sequenceNumber} where ${next} was due`,
              );
            }
            checkpoints.push(checkpoint);
            next += 1n;
          }
          if (next === before && next <= to) {
            // Nothing came (the range is not on the node yet): wait like after an error.
            throw new RpcError(`ListCheckpoints from ${next} returned no checkpoint`, 'UNAVAILABLE');
          }
        });
        failures = 0;
      } catch (error) {
        if (signal?.aborted) throw signal.reason ?? error;
        if (error instanceof RpcError && error.code === 'NOT_FOUND') await this.#throwIfPruned(next, signal);
        if (!isRetryableRpcError(error)) throw error;
        const delayMs = backoffDelay(failures, this.#options.backoff ?? DEFAULT_BACKOFF);
        this.#options.observer?.onRetry?.('ListCheckpoints', error, failures++, delayMs);
        await sleep(delayMs, undefined, { signal });
      }
    }
    return checkpoints;
  }

  /** Whether the node serves `ListCheckpoints` (older nodes answer UNIMPLEMENTED). */
  async supportsListCheckpoints(from: bigint, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.#retry('ListCheckpoints', signal, () =>
        this.#withCallSignal(signal, async (callSignal) => {
          const call = this.grpc.ledgerService.listCheckpoints(
            {
              startCheckpoint: from,
              endCheckpoint: from + 1n,
              readMask: { paths: ['sequence_number'] },
              options: { limit: 1 },
            },
            this.#callOptions(callSignal),
          );
          for await (const _ of call.responses) void _;
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof RpcError && error.code === 'UNIMPLEMENTED') return false;
      throw error;
    }
  }

  /** Opens the live checkpoint stream (not retried: the live tail reconnects itself). */
  subscribe(signal: AbortSignal) {
    return this.grpc.subscriptionService.subscribeCheckpoints(
      { readMask: { paths: [...CHECKPOINT_READ_MASK] } },
      { abort: signal },
    );
  }

  /** Turns a streamed checkpoint into ours, with the same checks as a fetched one. */
  fromStream(message: GrpcTypes.SubscribeCheckpointsResponse): Checkpoint {
    return checkpointFromProto(message.checkpoint, this.#options.filter);
  }

  async #throwIfPruned(sequenceNumber: bigint, signal?: AbortSignal): Promise<void> {
    const { lowestAvailableCheckpoint } = await this.serviceInfo(signal);
    if (lowestAvailableCheckpoint !== undefined && sequenceNumber < lowestAvailableCheckpoint) {
      throw new CheckpointPrunedError(sequenceNumber, lowestAvailableCheckpoint);
    }
  }

  #callOptions(signal: AbortSignal | undefined) {
    return { abort: signal, timeout: this.#options.timeoutMs };
  }

  /**
   * Runs one call with its own abort signal, linked to the caller's for the
   * call's duration only: fetch leaves its abort listener on a signal until
   * garbage collection, so thousands of calls must not share a long-lived one.
   */
  async #withCallSignal<T>(signal: AbortSignal | undefined, call: (callSignal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) controller.abort(signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await call(controller.signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  #retry<T>(operation: string, signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    return retry(call, {
      policy: this.#options.backoff ?? DEFAULT_BACKOFF,
      signal,
      isRetryable: isRetryableRpcError,
      onRetry: (error, attempt, delayMs) => this.#options.observer?.onRetry?.(operation, error, attempt, delayMs),
    });
  }
}
