/**
 * The full-node calls a checkpoint source makes, each with a timeout and
 * retried with backoff until it succeeds: errors are for the caller only
 * when retrying cannot help (a pruned checkpoint, a refused request) or the
 * source is stopped. Failures are `RpcError`s from `@mysten/sui/grpc`.
 *
 * Calls that return checkpoints go through the SDK client's transport
 * (same options, headers and error handling) but with a copy of the method
 * whose responses `CheckpointReader` reads straight into our `Checkpoint`s:
 * decoding them into the SDK's types first was most of the backfill's CPU.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GrpcTypes, GrpcWebFetchTransport, RpcError, SuiGrpcClient } from '@mysten/sui/grpc';
import type { IMessageType } from '@protobuf-ts/runtime';
import { stackIntercept, type MethodInfo, type RpcOptions, type ServiceType } from '@protobuf-ts/runtime-rpc';
import { backoffDelay, DEFAULT_BACKOFF, retry, type BackoffPolicy } from '../ops/retry.ts';
import type { Checkpoint } from './checkpoint.ts';
import { checkpointOf, CheckpointReader, type CheckpointResponse } from './checkpointReader.ts';
import { CheckpointPrunedError, MalformedCheckpointError } from './errors.ts';
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
  readonly #transport: GrpcWebFetchTransport;
  readonly #getCheckpoint: MethodInfo<GrpcTypes.GetCheckpointRequest, CheckpointResponse>;
  readonly #listCheckpoints: MethodInfo<GrpcTypes.ListCheckpointsRequest, CheckpointResponse>;
  readonly #subscribeCheckpoints: MethodInfo<GrpcTypes.SubscribeCheckpointsRequest, CheckpointResponse>;

  constructor(options: CheckpointClientOptions) {
    this.#options = options;
    // Built here rather than by the client, so our calls can share it.
    this.#transport = new GrpcWebFetchTransport({ baseUrl: options.url, format: options.format });
    this.grpc = new SuiGrpcClient({ network: options.network, transport: this.#transport });
    const reader = new CheckpointReader(options.filter);
    this.#getCheckpoint = readingWith(
      GrpcTypes.LedgerService,
      'GetCheckpoint',
      reader.responseReader(GrpcTypes.GetCheckpointResponse, { cursor: false }),
    );
    this.#listCheckpoints = readingWith(
      GrpcTypes.LedgerService,
      'ListCheckpoints',
      reader.responseReader(GrpcTypes.ListCheckpointsResponse, { cursor: false }),
    );
    this.#subscribeCheckpoints = readingWith(
      GrpcTypes.SubscriptionService,
      'SubscribeCheckpoints',
      reader.responseReader(GrpcTypes.SubscribeCheckpointsResponse, { cursor: true }),
    );
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
          const { response } = await stackIntercept(
            'unary',
            this.#transport,
            this.#getCheckpoint,
            this.#ownCallOptions(callSignal),
            {
              checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber },
              readMask: { paths: [...CHECKPOINT_READ_MASK] },
            },
          );
          if (!response.checkpoint) {
            throw new MalformedCheckpointError(`GetCheckpoint ${sequenceNumber} answered without a checkpoint`);
          }
          return checkpointOf(response.checkpoint);
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
          const call = stackIntercept(
            'serverStreaming',
            this.#transport,
            this.#listCheckpoints,
            this.#ownCallOptions(callSignal),
            {
              startCheckpoint: next,
              endCheckpoint: to + 1n,
              readMask: { paths: [...CHECKPOINT_READ_MASK] },
              options: { limit: Number(to - next + 1n) },
            },
          );
          const before = next;
          for await (const message of call.responses) {
            if (!message.checkpoint) continue;
            const checkpoint = checkpointOf(message.checkpoint);
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
    return stackIntercept(
      'serverStreaming',
      this.#transport,
      this.#subscribeCheckpoints,
      this.#transport.mergeOptions({ abort: signal }),
      { readMask: { paths: [...CHECKPOINT_READ_MASK] } },
    );
  }

  /** A streamed checkpoint, with the same checks as a fetched one. */
  fromStream(message: CheckpointResponse): Checkpoint {
    if (!message.checkpoint) {
      throw new MalformedCheckpointError(`the checkpoint stream sent no checkpoint (cursor ${message.cursor})`);
    }
    return checkpointOf(message.checkpoint);
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

  /** Options for a call of ours, merged with the transport's defaults as the SDK's clients do. */
  #ownCallOptions(signal: AbortSignal | undefined): RpcOptions {
    return this.#transport.mergeOptions(this.#callOptions(signal));
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

/**
 * `service`'s method `name` with its responses read by `read` instead of the
 * SDK's type: the transport decodes each response with `method.O.fromBinary`
 * and uses nothing else of `O`.
 */
function readingWith<I extends object, O extends object>(
  service: ServiceType,
  name: string,
  read: (bytes: Uint8Array) => O,
): MethodInfo<I, O> {
  const method = service.methods.find((m) => m.name === name);
  if (!method) throw new Error(`@mysten/sui's ${service.typeName} has no method ${name}`);
  const output: Pick<IMessageType<O>, 'typeName' | 'fromBinary'> = { typeName: method.O.typeName, fromBinary: read };
  return { ...method, O: output as IMessageType<O> };
}
