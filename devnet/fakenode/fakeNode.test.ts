import { afterEach, describe, expect, it } from 'vitest';
import { GrpcStatusCode, GrpcTypes, RpcError, SuiGrpcClient } from '@mysten/sui/grpc';
import type { Checkpoint } from '@tusk/indexer/source/checkpoint';
import { EncodedCheckpointStore, GeneratedCheckpointStore, MemoryCheckpointStore } from './checkpointStore.ts';
import { startFakeNode, type FakeNode } from './fakeNode.ts';
import type { Fault } from './faults.ts';
import { maskCheckpoint } from './ledgerService.ts';
import { fakeDigest, toProtoCheckpoint } from './protoCheckpoint.ts';

const PACKAGE = '0x' + '11'.repeat(32);

function sampleCheckpoint(sequenceNumber: bigint): Checkpoint {
  return {
    sequenceNumber,
    timestampMs: 1_700_000_000_000n + sequenceNumber * 250n,
    events: [0, 1, 2].map((i) => ({
      txDigest: fakeDigest(`tx:${sequenceNumber}:${i >> 1}`),
      eventIndex: i & 1,
      type: `${PACKAGE}::events::StakeDeposited`,
      packageId: PACKAGE,
      sender: '0x' + '22'.repeat(32),
      bcs: new Uint8Array([Number(sequenceNumber % 256n), i]),
    })),
  };
}

const generated = () =>
  new GeneratedCheckpointStore({ height: 100n, generate: (n) => toProtoCheckpoint(sampleCheckpoint(n)) });

let node: FakeNode<GeneratedCheckpointStore> | undefined;
afterEach(async () => {
  await node?.close();
  node = undefined;
});

async function start(faults?: (call: { method: string; index: number }) => Fault | undefined) {
  node = await startFakeNode({ store: generated(), faults });
  return node;
}

function client(url: string, format?: 'text' | 'binary') {
  return new SuiGrpcClient({ baseUrl: url, network: 'localnet', ...(format ? { format } : {}) });
}

const FULL_MASK = [
  'sequence_number',
  'summary.timestamp',
  'transactions.digest',
  'transactions.events.events.event_type',
  'transactions.events.events.contents',
];

describe('fake full node', () => {
  it('answers GetServiceInfo from an unmodified SuiGrpcClient', async () => {
    const { url } = await start();
    const { response } = await client(url).ledgerService.getServiceInfo({});
    expect(response.checkpointHeight).toBe(99n);
    expect(response.lowestAvailableCheckpoint).toBe(0n);
    expect(response.chain).toBe('localnet');
  });

  for (const format of ['text', 'binary'] as const) {
    it(`serves a masked checkpoint in ${format} format`, async () => {
      const { url } = await start();
      const { response } = await client(url, format).ledgerService.getCheckpoint({
        checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: 42n },
        readMask: { paths: FULL_MASK },
      });
      const checkpoint = response.checkpoint!;
      expect(checkpoint.sequenceNumber).toBe(42n);
      expect(checkpoint.digest).toBeUndefined();
      expect(checkpoint.summary?.timestamp).toEqual({ seconds: 1_700_000_010n, nanos: 500_000_000 });
      expect(checkpoint.transactions.map((t) => t.digest)).toEqual([fakeDigest('tx:42:0'), fakeDigest('tx:42:1')]);
      const events = checkpoint.transactions.flatMap((t) => t.events?.events ?? []);
      expect(events.map((e) => [...(e.contents?.value ?? [])])).toEqual([
        [42, 0],
        [42, 1],
        [42, 2],
      ]);
      expect(events[0]?.sender).toBeUndefined();
    });
  }

  it('returns only sequence number and digest when no read mask is given', async () => {
    const { url } = await start();
    const { response } = await client(url).ledgerService.getCheckpoint({
      checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: 3n },
    });
    expect(response.checkpoint).toEqual({ sequenceNumber: 3n, digest: fakeDigest('checkpoint:3'), transactions: [] });
  });

  it('rejects a read mask naming an unknown field with INVALID_ARGUMENT', async () => {
    const { url } = await start();
    const call = client(url).ledgerService.getCheckpoint({
      checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: 3n },
      readMask: { paths: ['transactions.event'] },
    });
    await expect(call.response).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('answers NOT_FOUND as an RpcError for a checkpoint not executed yet', async () => {
    const { url } = await start();
    const error = await client(url)
      .ledgerService.getCheckpoint({ checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: 100n } })
      .response.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'checkpoint 100 not found' });
  });

  it('looks checkpoints up by digest in a memory store', async () => {
    const store = new MemoryCheckpointStore(5n);
    store.append(toProtoCheckpoint(sampleCheckpoint(5n)));
    store.append(toProtoCheckpoint(sampleCheckpoint(6n)));
    const memoryNode = await startFakeNode({ store });
    try {
      const { response } = await client(memoryNode.url).ledgerService.getCheckpoint({
        checkpointId: { oneofKind: 'digest', digest: fakeDigest('checkpoint:6') },
      });
      expect(response.checkpoint?.sequenceNumber).toBe(6n);
    } finally {
      await memoryNode.close();
    }
  });

  for (const format of ['text', 'binary'] as const) {
    it(`streams newly executed checkpoints to a subscriber in ${format} format`, async () => {
      const { url, store } = await start();
      const abort = new AbortController();
      const call = client(url, format).subscriptionService.subscribeCheckpoints(
        { readMask: { paths: FULL_MASK } },
        { abort: abort.signal },
      );
      await call.headers;
      store.advanceTo(103n);
      const seen: bigint[] = [];
      for await (const message of call.responses) {
        expect(message.checkpoint?.sequenceNumber).toBe(message.cursor);
        expect(message.checkpoint?.transactions).toHaveLength(2);
        seen.push(message.cursor!);
        if (seen.length === 3) break;
      }
      abort.abort();
      expect(seen).toEqual([100n, 101n, 102n]);
    });
  }

  for (const format of ['text', 'binary'] as const) {
    it(`lists pre-encoded checkpoints exactly as it lists decoded ones (${format})`, async () => {
      const encoded = new EncodedCheckpointStore(FULL_MASK);
      for (let n = 0n; n < 40n; n++) {
        encoded.append(
          GrpcTypes.Checkpoint.toBinary(maskCheckpoint(toProtoCheckpoint(sampleCheckpoint(n)), FULL_MASK)),
        );
      }
      const decodedNode = await start();
      const encodedNode = await startFakeNode({ store: encoded });
      try {
        // Limit 7 ends the call inside the range (ITEM_LIMIT); limit 50 runs to the range's end (CHECKPOINT_BOUND).
        const list = async (url: string, limit: number) => {
          const call = client(url, format).ledgerService.listCheckpoints({
            startCheckpoint: 10n,
            endCheckpoint: 30n,
            readMask: { paths: FULL_MASK },
            options: { limit },
          });
          const responses: GrpcTypes.ListCheckpointsResponse[] = [];
          for await (const response of call.responses) responses.push(response);
          return responses;
        };
        for (const limit of [7, 50]) {
          const fromEncoded = await list(encodedNode.url, limit);
          expect(fromEncoded).toEqual(await list(decodedNode.url, limit));
          expect(fromEncoded.filter((r) => r.checkpoint).map((r) => r.checkpoint!.sequenceNumber)).toEqual(
            Array.from({ length: Math.min(limit, 20) }, (_, i) => BigInt(10 + i)),
          );
          expect(fromEncoded.at(-1)?.end?.reason).toBe(
            limit === 7 ? GrpcTypes.QueryEndReason.ITEM_LIMIT : GrpcTypes.QueryEndReason.CHECKPOINT_BOUND,
          );
        }
      } finally {
        await encodedNode.close();
      }
    });
  }
});

describe('fake full node faults', () => {
  const getCheckpoint = (url: string) =>
    client(url).ledgerService.getCheckpoint({ checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: 1n } })
      .response;

  it('turns an injected HTTP 503 into an UNAVAILABLE RpcError', async () => {
    const { url } = await start(() => ({ kind: 'httpError', status: 503 }));
    await expect(getCheckpoint(url)).rejects.toMatchObject({ name: 'RpcError', code: 'UNAVAILABLE' });
  });

  it('returns an injected gRPC status', async () => {
    const { url } = await start(() => ({
      kind: 'grpcError',
      code: GrpcStatusCode.RESOURCE_EXHAUSTED,
      message: 'slow down: 100% busy',
    }));
    await expect(getCheckpoint(url)).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      message: 'slow down: 100% busy',
    });
  });

  it('cuts a response mid-frame so the client reports DATA_LOSS', async () => {
    const { url } = await start(() => ({ kind: 'truncate' }));
    await expect(getCheckpoint(url)).rejects.toMatchObject({ code: 'DATA_LOSS' });
  });

  it('drops the connection without an answer', async () => {
    const { url } = await start(() => ({ kind: 'drop' }));
    await expect(getCheckpoint(url)).rejects.toBeInstanceOf(RpcError);
  });

  it('delays a call and then serves it', async () => {
    const { url } = await start(() => ({ kind: 'delay', ms: 150 }));
    const started = Date.now();
    await expect(getCheckpoint(url)).resolves.toMatchObject({ checkpoint: { sequenceNumber: 1n } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('faults only the calls the plan picks', async () => {
    const { url, server } = await start((call) => (call.index === 1 ? { kind: 'httpError', status: 502 } : undefined));
    await expect(getCheckpoint(url)).rejects.toBeInstanceOf(RpcError);
    await expect(getCheckpoint(url)).resolves.toBeDefined();
    expect(server.callCounts.get('sui.rpc.v2.LedgerService/GetCheckpoint')).toBe(2);
  });

  for (const ending of ['status', 'destroy', 'truncate'] as const) {
    it(`resets a stream after N messages (${ending})`, async () => {
      const { url, store } = await start((call) =>
        call.method === 'SubscribeCheckpoints' ? { kind: 'resetStream', afterMessages: 2, ending } : undefined,
      );
      const call = client(url).subscriptionService.subscribeCheckpoints({});
      await call.headers;
      store.advanceTo(110n);
      const seen: bigint[] = [];
      const error = await (async () => {
        for await (const message of call.responses) seen.push(message.cursor!);
      })().catch((e: unknown) => e);
      expect(seen).toEqual([100n, 101n]);
      expect(error).toBeInstanceOf(RpcError);
    });
  }

  it('resets an idle stream after T milliseconds', async () => {
    const { url } = await start((call) =>
      call.method === 'SubscribeCheckpoints' ? { kind: 'resetStream', afterMs: 100, ending: 'status' } : undefined,
    );
    const call = client(url).subscriptionService.subscribeCheckpoints({});
    const error = await (async () => {
      for await (const _ of call.responses) void _;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', message: 'stream reset by server' });
  });
});
