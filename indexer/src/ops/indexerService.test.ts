/**
 * The indexer service over real HTTP (fake full node) and an in-memory
 * database: its /metrics and /health while following a live chain, and a
 * clean stop. The CLI's signal handling is tested in cli.test.ts.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@tusk/shared/db/testing';
import { startFakeNode, type FakeNode } from '../../../devnet/fakenode/fakeNode.ts';
import type { MemoryCheckpointStore } from '../../../devnet/fakenode/checkpointStore.ts';
import { FAULT_PACKAGE, scenarioChain } from '../../../test/faults/scenarioChain.ts';
import { parseCli } from './cliOptions.ts';
import { runIndexerService } from './indexerService.ts';
import { createLogger } from './logger.ts';

let node: FakeNode<MemoryCheckpointStore> | undefined;
afterEach(async () => {
  await node?.close();
  node = undefined;
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('indexer service', () => {
  it('serves Prometheus metrics and a health report while following the chain, then stops cleanly', async () => {
    const chain = scenarioChain({
      ...(await import('../../../test/faults/scenarioChain.ts')).SMALL_SCENARIO,
      epochs: 1,
    });
    node = await startFakeNode({ store: chain.store });
    const parsed = parseCli(
      [
        '--rpc-url',
        node.url,
        '--package',
        FAULT_PACKAGE,
        '--data-dir',
        'memory',
        '--metrics-port',
        '0',
        '--max-lag',
        '5',
      ],
      {} as unknown as NodeJS.ProcessEnv,
      undefined,
    );
    if (parsed.help) throw new Error('help');
    const stop = new AbortController();
    let opsUrl: string | undefined;
    const run = runIndexerService({
      config: parsed.config,
      logger: createLogger({ level: 'silent' }),
      signal: stop.signal,
      onOpsServer: (url) => (opsUrl = url),
    });

    // Healthy once caught up with the tip (lag within 5).
    const health = await until(async () => {
      if (!opsUrl) return undefined;
      const response = await fetch(`${opsUrl}/health`);
      if (response.status !== 200) return undefined;
      const report = (await response.json()) as Record<string, { ok: boolean; checkpoints?: string }>;
      return report.lag!.checkpoints !== undefined ? report : undefined;
    });
    expect(health.database!.ok).toBe(true);
    expect(health.rpc!.ok).toBe(true);
    expect(Number(health.lag!.checkpoints)).toBeLessThanOrEqual(5);

    const metrics = await (await fetch(`${opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/^tusk_indexer_chain_tip_checkpoint \d+/m);
    expect(metrics).toMatch(/^tusk_indexer_lag_checkpoints \d+/m);
    expect(metrics).toMatch(/^tusk_indexer_events_total [1-9]\d*/m);
    expect(metrics).toMatch(/^tusk_indexer_rows_committed_total\{pipeline="staking"\} [1-9]\d*/m);
    expect(metrics).toMatch(/^tusk_indexer_batch_commit_seconds_bucket\{le="[^"]+",pipeline="staking"\} \d+/m);
    expect(metrics).toMatch(/^tusk_indexer_dead_letters_total 0/m);
    expect(metrics).toMatch(/^# TYPE tusk_indexer_rpc_retries_total counter/m);

    // Unhealthy (503) when the chain runs ahead of what the indexer can see: stop the node.
    await node.close();
    const unhealthy = await fetch(`${opsUrl}/health`);
    expect(unhealthy.status).toBe(503);
    expect(((await unhealthy.json()) as { rpc: { ok: boolean } }).rpc.ok).toBe(false);

    stop.abort(new Error('test over'));
    await expect(run).resolves.toMatchObject({ stoppedBy: 'abort' });
    await expect(fetch(`${opsUrl}/health`)).rejects.toThrow();
    node = undefined;
  }, 60_000);
});

// Only the real server: advisory locks, and two processes' connections to one database.
describe.each(testDatabaseKinds().filter((kind) => kind.name === 'postgres'))(
  'two indexer services on one $name database',
  (kind) => {
    it('the second waits, saying who holds which pipelines, and takes over when the first stops', async () => {
      const { SMALL_SCENARIO } = await import('../../../test/faults/scenarioChain.ts');
      const chain = scenarioChain({ ...SMALL_SCENARIO, epochs: 1 });
      node = await startFakeNode({ store: chain.store });
      const database = await kind.open();
      const url = (database.target as { url: string }).url;
      const config = () => {
        const parsed = parseCli(
          ['--rpc-url', node!.url, '--package', FAULT_PACKAGE, '--database-url', url, '--metrics-port', '0'],
          {} as NodeJS.ProcessEnv,
          undefined,
        );
        if (parsed.help) throw new Error('help');
        return parsed.config;
      };
      const logLines = (stream: PassThrough) => {
        const lines: { msg: string; held?: { pipeline: string; by: string }[] }[] = [];
        stream.on('data', (chunk: Buffer) => {
          for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        });
        return lines;
      };
      const [firstLog, secondLog] = [new PassThrough(), new PassThrough()];
      const [stopFirst, stopSecond] = [new AbortController(), new AbortController()];
      try {
        const first = runIndexerService({
          config: config(),
          logger: createLogger({ level: 'info', destination: firstLog }),
          signal: stopFirst.signal,
        });
        const firstLines = logLines(firstLog);
        await until(async () => (firstLines.some((l) => l.msg === 'indexing') ? true : undefined));

        const secondLines = logLines(secondLog);
        const second = runIndexerService({
          config: config(),
          logger: createLogger({ level: 'info', destination: secondLog }),
          signal: stopSecond.signal,
        });
        const waiting = await until(async () =>
          secondLines.find(
            (l) => l.msg === 'another indexer is indexing these pipelines on this database; waiting for it to stop',
          ),
        );
        expect(waiting.held!.map((h) => h.pipeline)).toContain('staking');
        expect(waiting.held!.every((h) => h.by.startsWith('tusk indexer pid'))).toBe(true);
        expect(secondLines.some((l) => l.msg === 'indexing')).toBe(false);

        stopFirst.abort(new Error('first stops'));
        await expect(first).resolves.toMatchObject({ stoppedBy: 'abort' });
        await until(async () => (secondLines.some((l) => l.msg === 'indexing') ? true : undefined));
        stopSecond.abort(new Error('test over'));
        await expect(second).resolves.toMatchObject({ stoppedBy: 'abort' });
      } finally {
        stopFirst.abort();
        stopSecond.abort();
        await database.close();
      }
    }, 60_000);
  },
);
