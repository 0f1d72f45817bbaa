/**
 * The checkpoint source against the fake full node over real HTTP, through
 * an unmodified `SuiGrpcClient`: order, filtering, retries through faults,
 * and the live tail's gap filling and reconnects.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GrpcStatusCode, GrpcTypes, RpcError } from '@mysten/sui/grpc';
import { GeneratedCheckpointStore } from '../../../devnet/fakenode/checkpointStore.ts';
import { startFakeNode, type FakeNode } from '../../../devnet/fakenode/fakeNode.ts';
import { combineFaults, randomFaults, resetEveryStream, type FaultPlan } from '../../../devnet/fakenode/faults.ts';
import { GrpcStatusError, serverStreaming, unary } from '../../../devnet/fakenode/grpcWebServer.ts';
import { maskCheckpoint } from '../../../devnet/fakenode/ledgerService.ts';
import {
  ORIGINAL_PACKAGE,
  ourCheckpoints,
  protoCheckpoint,
  UPGRADED_PACKAGE,
} from '../../../devnet/fakenode/sampleChain.ts';
import type { Checkpoint } from './checkpoint.ts';
import { CheckpointPrunedError, MalformedCheckpointError } from './errors.ts';
import { CheckpointSource } from './checkpointSource.ts';
import { SourceConfig, type SourceConfigInput } from './sourceConfig.ts';

const FAST_BACKOFF = { baseMs: 5, maxMs: 50, maxAttempts: Infinity };

let node: FakeNode<GeneratedCheckpointStore> | undefined;
afterEach(async () => {
  node?.store.stop();
  await node?.close();
  node = undefined;
});

async function startNode(height: bigint, options: { faults?: FaultPlan; lowest?: bigint } = {}) {
  const store = new GeneratedCheckpointStore({ height, lowest: options.lowest, generate: protoCheckpoint });
  node = await startFakeNode({ store, faults: options.faults });
  return node;
}

function source(url: string, config: Partial<SourceConfigInput> = {}) {
  return new CheckpointSource({
    config: SourceConfig.parse({ url, packageIds: [ORIGINAL_PACKAGE, UPGRADED_PACKAGE], ...config }),
    backoff: FAST_BACKOFF,
  });
}

async function collect(iterable: AsyncIterable<Checkpoint>, until?: bigint): Promise<Checkpoint[]> {
  const out: Checkpoint[] = [];
  for await (const checkpoint of iterable) {
    out.push(checkpoint);
    if (until !== undefined && checkpoint.sequenceNumber >= until) break;
  }
  return out;
}

describe.each(['list', 'get'] as const)('checkpoint source: backfill with %sCheckpoints', (backfillMethod) => {
  it('yields every checkpoint of the range in order with only our events, digests and indices intact', async () => {
    const { url } = await startNode(300n);
    const got = await collect(
      source(url, { endCheckpoint: 250n, concurrency: 8, listChunkSize: 17, backfillMethod }).checkpoints(10n),
    );
    expect(got).toEqual(ourCheckpoints(10n, 250n));
  });

  it('keeps at most `concurrency` requests in flight while yielding in order', async () => {
    const { url, server } = await startNode(200n, {
      faults: () => ({ kind: 'delay', ms: Math.floor(Math.random() * 8) }),
    });
    const got = await collect(
      source(url, { endCheckpoint: 199n, concurrency: 6, listChunkSize: 5, backfillMethod }).checkpoints(0n),
    );
    expect(got.map((c) => c.sequenceNumber)).toEqual(ourCheckpoints(0n, 199n).map((c) => c.sequenceNumber));
    expect(server.peakInFlight).toBeLessThanOrEqual(6);
    expect(server.peakInFlight).toBeGreaterThan(1);
  });

  it('loses nothing through HTTP 5xx, gRPC errors, dropped connections, truncated frames, resets and delays', async () => {
    const faults = randomFaults({
      seed: 7,
      rate: 0.3,
      faults: [
        { kind: 'httpError', status: 503 },
        { kind: 'httpError', status: 502 },
        { kind: 'grpcError', code: GrpcStatusCode.UNAVAILABLE },
        { kind: 'grpcError', code: GrpcStatusCode.RESOURCE_EXHAUSTED },
        { kind: 'drop' },
        { kind: 'truncate' },
        { kind: 'delay', ms: 30 },
        { kind: 'resetStream', afterMessages: 3, ending: 'destroy' },
        { kind: 'resetStream', afterMessages: 5, ending: 'truncate' },
        { kind: 'resetStream', afterMessages: 2, ending: 'status' },
      ],
    });
    const { url, server } = await startNode(400n, { faults });
    const retries: string[] = [];
    const faulty = new CheckpointSource({
      config: SourceConfig.parse({
        url,
        packageIds: [ORIGINAL_PACKAGE, UPGRADED_PACKAGE],
        endCheckpoint: 399n,
        concurrency: 16,
        listChunkSize: 10,
        backfillMethod,
      }),
      backoff: FAST_BACKOFF,
      observer: { onRetry: (operation) => retries.push(operation) },
    });
    const got = await collect(faulty.checkpoints(0n));
    expect(got).toEqual(ourCheckpoints(0n, 399n));
    expect(retries.length).toBeGreaterThan(backfillMethod === 'get' ? 50 : 5);
    const method = backfillMethod === 'get' ? 'GetCheckpoint' : 'ListCheckpoints';
    expect(server.callCounts.get(`sui.rpc.v2.LedgerService/${method}`)).toBeGreaterThan(
      backfillMethod === 'get' ? 400 : 40,
    );
  });

  it('works in the base64 text format too', async () => {
    const { url } = await startNode(50n);
    expect(
      await collect(
        source(url, { endCheckpoint: 49n, format: 'text', listChunkSize: 7, backfillMethod }).checkpoints(0n),
      ),
    ).toEqual(ourCheckpoints(0n, 49n));
  });

  it('says so when the start checkpoint is pruned on the node', async () => {
    const { url } = await startNode(100n, { lowest: 40n });
    const error = await collect(source(url, { endCheckpoint: 60n, backfillMethod }).checkpoints(0n)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CheckpointPrunedError);
    expect((error as Error).message).toMatch(/checkpoint 0 is pruned .* lowest available is 40/);
  });
});

describe('checkpoint source: backfill method', () => {
  it('falls back to GetCheckpoint when the node does not implement ListCheckpoints', async () => {
    const { url, server } = await startNode(60n);
    server.addService(GrpcTypes.LedgerService, {
      ListCheckpoints: serverStreaming<GrpcTypes.ListCheckpointsRequest, GrpcTypes.ListCheckpointsResponse>(() => {
        throw new GrpcStatusError(GrpcStatusCode.UNIMPLEMENTED, 'unknown method');
      }),
    });
    const methods: string[] = [];
    const fallback = new CheckpointSource({
      config: SourceConfig.parse({ url, packageIds: [ORIGINAL_PACKAGE, UPGRADED_PACKAGE], endCheckpoint: 59n }),
      observer: { onBackfillMethod: (method) => methods.push(method) },
    });
    expect(await collect(fallback.checkpoints(0n))).toEqual(ourCheckpoints(0n, 59n));
    expect(methods).toEqual(['get']);
    expect(server.callCounts.get('sui.rpc.v2.LedgerService/GetCheckpoint')).toBe(60);
  });

  it('refuses a node that skips a checkpoint in a listing', async () => {
    const { url, server } = await startNode(60n);
    server.addService(GrpcTypes.LedgerService, {
      ListCheckpoints: serverStreaming<GrpcTypes.ListCheckpointsRequest, GrpcTypes.ListCheckpointsResponse>(
        async function* (request) {
          const start = request.startCheckpoint ?? 0n;
          yield { checkpoint: maskCheckpoint(protoCheckpoint(start), request.readMask?.paths) };
          yield { checkpoint: maskCheckpoint(protoCheckpoint(start + 2n), request.readMask?.paths) };
        },
      ),
    });
    const error = await collect(source(url, { endCheckpoint: 59n, backfillMethod: 'list' }).checkpoints(0n)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MalformedCheckpointError);
    expect((error as Error).message).toContain('sent checkpoint 2 where 1 was due');
  });

  it('surfaces a refused request as an RpcError instead of retrying it', async () => {
    const { url } = await startNode(50n, {
      faults: () => ({ kind: 'grpcError', code: GrpcStatusCode.PERMISSION_DENIED, message: 'no key' }),
    });
    const error = await collect(source(url, { endCheckpoint: 10n }).checkpoints(0n)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('rejects checkpoints missing the fields it reads (a node ignoring the read mask)', async () => {
    const { url, server } = await startNode(100n);
    server.addService(GrpcTypes.LedgerService, {
      GetCheckpoint: unary<GrpcTypes.GetCheckpointRequest, GrpcTypes.GetCheckpointResponse>(() => ({
        checkpoint: { sequenceNumber: 0n, transactions: [] },
      })),
    });
    const error = await collect(source(url, { endCheckpoint: 5n, backfillMethod: 'get' }).checkpoints(0n)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MalformedCheckpointError);
    expect((error as Error).message).toMatch(/checkpoint 0 .* lacks fields .* summary/);
  });
});

describe('checkpoint source: live tail', () => {
  it('subscribes, fills the gap from the last indexed checkpoint by backfill, then follows the stream', async () => {
    const { url, store, server } = await startNode(120n);
    store.advanceEvery(5);
    const got = await collect(source(url).checkpoints(20n), 200n);
    expect(got).toEqual(ourCheckpoints(20n, 200n));
    expect(server.callCounts.get('sui.rpc.v2.SubscriptionService/SubscribeCheckpoints')).toBeGreaterThanOrEqual(1);
  });

  it('catches up by backfill first when far behind, then goes live', async () => {
    const { url, store, server } = await startNode(500n);
    store.advanceEvery(5);
    const got = await collect(source(url, { catchUpThreshold: 50 }).checkpoints(0n), 700n);
    expect(got).toEqual(ourCheckpoints(0n, 700n));
    expect(server.callCounts.get('sui.rpc.v2.LedgerService/ListCheckpoints')).toBeGreaterThanOrEqual(2);
    expect(server.callCounts.get('sui.rpc.v2.SubscriptionService/SubscribeCheckpoints')).toBeGreaterThanOrEqual(1);
  });

  for (const ending of ['status', 'destroy', 'truncate'] as const) {
    it(`reconnects after stream resets (${ending}) without a gap or a duplicate`, async () => {
      const { url, store, server } = await startNode(30n, { faults: resetEveryStream({ afterMessages: 7, ending }) });
      store.advanceEvery(3);
      const resets: unknown[] = [];
      const live = new CheckpointSource({
        config: SourceConfig.parse({ url, packageIds: [ORIGINAL_PACKAGE] }),
        backoff: FAST_BACKOFF,
        observer: { onStreamReset: (error) => resets.push(error) },
      });
      const got = await collect(live.checkpoints(30n), 130n);
      expect(got.map((c) => c.sequenceNumber)).toEqual(ourCheckpoints(30n, 130n).map((c) => c.sequenceNumber));
      expect(resets.length).toBeGreaterThanOrEqual(3);
      expect(server.callCounts.get('sui.rpc.v2.SubscriptionService/SubscribeCheckpoints')).toBeGreaterThanOrEqual(4);
    });
  }

  it('reconnects after time-based resets while RPC faults hit the gap backfills', async () => {
    const faults = combineFaults(
      resetEveryStream({ afterMs: 60, ending: 'status' }),
      randomFaults({
        calls: 'unary',
        seed: 3,
        rate: 0.3,
        faults: [{ kind: 'httpError', status: 500 }, { kind: 'truncate' }],
      }),
    );
    const { url, store } = await startNode(10n, { faults });
    store.advanceEvery(4);
    const got = await collect(source(url).checkpoints(0n), 150n);
    expect(got).toEqual(ourCheckpoints(0n, 150n));
  });

  it('stops at the end checkpoint even when it is not on chain yet', async () => {
    const { url, store } = await startNode(40n);
    store.advanceEvery(3);
    const got = await collect(source(url, { endCheckpoint: 70n }).checkpoints(35n));
    expect(got).toEqual(ourCheckpoints(35n, 70n));
  });

  it('stops cleanly when aborted while waiting for the chain', async () => {
    const { url } = await startNode(10n);
    const abort = new AbortController();
    const iterator = source(url).checkpoints(0n, abort.signal);
    const got = await collect(
      (async function* () {
        for await (const checkpoint of iterator) {
          yield checkpoint;
          if (checkpoint.sequenceNumber === 9n) setTimeout(() => abort.abort(new Error('shutdown')), 20);
        }
      })(),
    ).catch((e: unknown) => e);
    expect(got).toMatchObject({ message: 'shutdown' });
  });
});

describe('source config', () => {
  it('normalizes package IDs and parses checkpoint numbers', () => {
    const config = SourceConfig.parse({
      url: 'http://127.0.0.1:9000',
      packageIds: ['0x2'],
      startCheckpoint: '15',
      endCheckpoint: 20,
    });
    expect(config.packageIds).toEqual(['0x' + '0'.repeat(63) + '2']);
    expect(config.startCheckpoint).toBe(15n);
    expect(config.endCheckpoint).toBe(20n);
    expect(config.backfillMethod).toBe('auto');
  });

  it('explains what is wrong with a bad package ID or range', () => {
    const bad = SourceConfig.safeParse({
      url: 'http://x',
      packageIds: ['0xzz'],
      startCheckpoint: 5n,
      endCheckpoint: 4n,
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join('\n');
    expect(messages).toContain('"0xzz" is not a Sui package ID');
  });
});
