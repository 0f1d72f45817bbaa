import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '@tusk/shared/db/database';
import {
  blobMetadata,
  blobs,
  deadLetters,
  storageResources,
  epochFees,
  nodeEpochs,
  nodes,
  proposals,
  stakeEvents,
  stakePositions,
  watermarks,
} from '@tusk/shared/db/schema';
import { eventNames, eventType } from '@tusk/shared/events';
import { testDatabaseKinds } from '@tusk/shared/db/testing';
import { Scenario, type ScenarioParams } from '../../test/scenario/scenario.ts';
import { tableHashes } from './db/contentHash.ts';
import { commitBatch, resumeCheckpoint } from './indexer.ts';
import { allPipelines, type Pipeline } from './pipelines/index.ts';
import { stakingPipeline } from './pipelines/stakingPipeline.ts';
import type { Checkpoint } from './source/checkpoint.ts';
import { failingOnCommit, indexCheckpoints, TEST_PACKAGE_ID } from './testing/indexScenario.ts';

const params: ScenarioParams = {
  seed: 42,
  packageId: TEST_PACKAGE_ID,
  nodes: 6,
  stakers: 25,
  epochs: 7,
  checkpointsPerEpoch: 20,
  eventsPerCheckpoint: 8,
  slashEveryEpochs: 3,
  proposalEveryEpochs: 2,
};
const scenario = new Scenario(params);
const checkpoints = [...scenario.checkpoints()];
const facts = scenario.facts;

describe.each(testDatabaseKinds())('indexer on $name', (kind) => {
  let clean: OpenDatabase;
  let cleanHashes: Record<string, string>;

  beforeAll(async () => {
    clean = await kind.open();
    await indexCheckpoints(clean.db, checkpoints);
    cleanHashes = await tableHashes(clean.db);
  });
  afterAll(() => clean?.close());

  it('generates a scenario that exercises every event', () => {
    expect(Object.keys(facts.eventsByName).sort()).toEqual([...eventNames].sort());
  });

  it('moves every watermark to the last checkpoint', async () => {
    const rows = await clean.db.select().from(watermarks);
    expect(rows.map((r) => r.pipeline).sort()).toEqual(allPipelines.map((p) => p.name).sort());
    for (const row of rows) expect(row.checkpoint).toBe(facts.lastCheckpoint);
    expect(await resumeCheckpoint(clean.db)).toBe(facts.lastCheckpoint + 1n);
  });

  it('ends every stake position in the state, principal, rewards and lineage the protocol gives it', async () => {
    const rows = await clean.db.select().from(stakePositions);
    expect(rows.length).toBe(facts.positions.size);
    for (const row of rows) {
      const fact = facts.positions.get(row.stakedWalId)!;
      expect({ id: row.stakedWalId, ...pick(row) }).toEqual({ id: row.stakedWalId, ...pick(fact) });
    }
    function pick(p: {
      owner: string | null;
      nodeId: string | null;
      principal: bigint;
      state: string;
      rewards: bigint | null;
      slashed: bigint | null;
      splitFrom: string | null;
      joinedInto: string | null;
    }) {
      return {
        owner: p.owner,
        nodeId: p.nodeId,
        principal: p.principal,
        state: p.state,
        rewards: p.rewards,
        slashed: p.slashed,
        splitFrom: p.splitFrom,
        joinedInto: p.joinedInto,
      };
    }
  });

  it('logs one stake event per delegation event, by owner', async () => {
    const [{ count }] = (await clean.db.select({ count: sql<number>`count(*)::int` }).from(stakeEvents)) as [
      { count: number },
    ];
    const byName = facts.eventsByName;
    expect(count).toBe(
      (byName.StakeDeposited ?? 0) +
        (byName.WithdrawRequested ?? 0) +
        (byName.StakeWithdrawn ?? 0) +
        (byName.StakedWalSplit ?? 0) +
        (byName.StakedWalJoined ?? 0),
    );
  });

  it('gives each node its stake, committee shards, commission, slash count, collected commission and active-set membership', async () => {
    const rows = await clean.db.select().from(nodes);
    expect(rows.length).toBe(facts.nodes.size);
    for (const row of rows) {
      const fact = facts.nodes.get(row.nodeId)!;
      expect({
        id: row.nodeId,
        stake: row.stake,
        shares: row.shares,
        shards: row.shards,
        status: row.status,
        commissionBps: row.commissionBps,
        slashCount: row.slashCount,
        commissionCollected: row.commissionCollected,
        inActiveSet: row.inActiveSet,
        activeSetJoinedEpoch: row.activeSetJoinedEpoch,
      }).toEqual({ id: row.nodeId, ...fact });
    }
    expect(rows.reduce((n, r) => n + r.slashCount, 0)).toBe(facts.eventsByName.NodeSlashed);
  });

  it('records one node_epochs row per PoolAdvanced, with an APY once a pool has a previous epoch', async () => {
    const rows = await clean.db.select().from(nodeEpochs);
    expect(rows.length).toBe(facts.eventsByName.PoolAdvanced);
    const later = rows.filter((r) => r.epoch >= 3 && r.shards > 0);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((r) => r.apy !== null && Number.isFinite(r.apy))).toBe(true);
  });

  it('finalizes proposals with the tallies and status of the model (delegator overrides applied)', async () => {
    const rows = await clean.db.select().from(proposals);
    expect(rows.length).toBe(facts.proposals.size);
    for (const row of rows) {
      const fact = facts.proposals.get(row.proposalId)!;
      expect({
        status: row.status,
        yes: row.yes,
        no: row.no,
        abstain: row.abstain,
        veto: row.veto,
        voters: row.voteCount,
      }).toEqual(fact);
    }
    expect(rows.some((r) => r.status !== 'open')).toBe(true);
  });

  it('tracks every blob through registration, certification, extension, deletion and invalidation', async () => {
    const rows = await clean.db.select().from(blobs);
    expect(rows.length).toBe(facts.blobs.size);
    for (const row of rows) {
      const fact = facts.blobs.get(row.objectId)!;
      expect({ state: row.state, invalidated: row.invalidated, endEpoch: row.endEpoch }).toEqual({
        state: fact.state,
        invalidated: fact.invalidated,
        endEpoch: fact.endEpoch,
      });
    }
  });

  it('keeps the metadata pairs currently set on each blob', async () => {
    const rows = await clean.db.select().from(blobMetadata);
    const expected = [...facts.blobs].flatMap(([objectId, b]) =>
      [...b.metadata].map(([key, value]) => `${objectId}/${key}=${value}`),
    );
    expect(rows.map((r) => `${r.objectId}/${r.key}=${r.value}`).sort()).toEqual(expected.sort());
    expect(rows.length).toBeGreaterThan(0);
  });

  it('follows storage resources through splits, fusions and destruction', async () => {
    const rows = await clean.db.select().from(storageResources);
    expect(rows.length).toBe((facts.eventsByName.StorageReserved ?? 0) + (facts.eventsByName.StorageSplit ?? 0));
    const byId = new Map(rows.map((r) => [r.storageId, r]));
    for (const [id, fact] of facts.storage) {
      const row = byId.get(id)!;
      expect({ id, state: row.state, size: row.size, startEpoch: row.startEpoch, endEpoch: row.endEpoch }).toEqual({
        id,
        state: fact.state,
        size: fact.size,
        startEpoch: fact.startEpoch,
        endEpoch: fact.endEpoch,
      });
    }
  });

  it('sums the storage fees, write fees and added rewards paid in each epoch', async () => {
    const rows = await clean.db.select().from(epochFees);
    expect(
      new Map(
        rows.map((r) => [
          r.epoch,
          { storagePaid: r.storagePaid, writeFees: r.writeFees, rewardsAdded: r.rewardsAdded },
        ]),
      ),
    ).toEqual(facts.epochFees);
  });

  it('is a no-op when the same checkpoints are indexed again', async () => {
    const summary = await indexCheckpoints(clean.db, checkpoints);
    expect(summary.checkpoints).toBe(0);
    expect(await tableHashes(clean.db)).toEqual(cleanHashes);
  });

  it('writes a batch once even when it is committed twice', async () => {
    const before = await tableHashes(clean.db);
    const result = await commitBatch(clean.db, stakingPipeline, { first: 0n, last: facts.lastCheckpoint, rows: [] });
    expect(result.skipped).toBe(true);
    expect(await tableHashes(clean.db)).toEqual(before);
  });

  it('resumes at watermark + 1 after a run that stopped part-way, giving the same tables as a clean run', async () => {
    const db = await kind.open();
    try {
      await indexCheckpoints(db.db, checkpoints.slice(0, 61));
      expect(await resumeCheckpoint(db.db)).toBe(checkpoints[60]!.sequenceNumber + 1n);
      // The source may restart from anywhere at or before the resume point.
      await indexCheckpoints(db.db, checkpoints.slice(40));
      expect(await tableHashes(db.db)).toEqual(cleanHashes);
    } finally {
      await db.close();
    }
  });

  it('recovers from a crash in the middle of a commit with no gap and no duplicate', async () => {
    const db = await kind.open();
    try {
      const crashing = allPipelines.map((p) => (p.name === 'staking' ? failingOnCommit(p, 5) : p));
      await expect(indexCheckpoints(db.db, checkpoints, { pipelines: crashing })).rejects.toThrow(
        /injected crash in staking/,
      );
      const marks = await db.db.select().from(watermarks);
      const staking = marks.find((m) => m.pipeline === 'staking')!.checkpoint;
      expect(staking).toBeLessThan(facts.lastCheckpoint);
      await indexCheckpoints(db.db, checkpoints);
      expect(await tableHashes(db.db)).toEqual(cleanHashes);
    } finally {
      await db.close();
    }
  });

  it('stores undecodable events as dead letters and indexes everything else as usual', async () => {
    const db = await kind.open();
    try {
      const broken = checkpoints.map((c, i) => (i % 40 === 10 ? withBrokenEvents(c) : c));
      const summary = await indexCheckpoints(db.db, broken);
      expect(summary.deadLetters).toBe(2 * broken.filter((_, i) => i % 40 === 10).length);
      const letters = await db.db.select().from(deadLetters);
      expect(letters.length).toBe(summary.deadLetters);
      expect(letters.map((l) => l.error)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/trailing bytes/),
          expect.stringMatching(/no schema named "Teleported"/),
        ]),
      );
      const { dead_letters: _, ...rest } = await tableHashes(db.db);
      const { dead_letters: __, ...cleanRest } = cleanHashes;
      expect(rest).toEqual(cleanRest);
    } finally {
      await db.close();
    }
  });
});

describe('batching', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await openDatabase({ kind: 'pglite' });
  });
  afterAll(() => open?.close());

  /** A pipeline with no tables that records its batches and can hold a commit until released. */
  function probe(name: string) {
    const batches: [bigint, bigint][] = [];
    let release: () => void = () => {};
    let hold: Promise<void> | null = null;
    const pipeline: Pipeline<bigint> = {
      name,
      tables: [],
      process: (checkpoint) => [checkpoint.sequenceNumber],
      async commit(_tx, rows) {
        if (hold) await hold;
        batches.push([rows[0]!, rows[rows.length - 1]!]);
      },
    };
    return {
      pipeline,
      batches,
      holdCommits: () => (hold = new Promise((resolve) => (release = resolve))),
      release: () => {
        hold = null;
        release();
      },
    };
  }

  /** Yields `checkpoints`, then waits for `until` before ending (a live source that goes quiet). */
  async function* quietAfter(checkpoints: Checkpoint[], until: Promise<unknown>): AsyncGenerator<Checkpoint> {
    yield* checkpoints;
    await until;
  }

  const empty = (n: number): Checkpoint[] =>
    Array.from({ length: n }, (_, i) => ({ sequenceNumber: BigInt(i), timestampMs: 0n, events: [] }));

  it('commits a lone checkpoint once the flush interval has passed, without waiting for more (live tail)', async () => {
    const p = probe('probe_live');
    let committed: () => void = () => {};
    const firstCommit = new Promise<void>((resolve) => (committed = resolve));
    await indexCheckpoints(open.db, quietAfter(empty(1), firstCommit), {
      pipelines: [p.pipeline as Pipeline<unknown>],
      batch: { maxCheckpoints: 1000, maxRows: 1000, flushIntervalMs: 20 },
      observer: { onBatchCommitted: () => committed() },
    });
    expect(p.batches).toEqual([[0n, 0n]]);
  });

  it("lets a busy writer's next batch grow, and commits it as one when the writer is free", async () => {
    const p = probe('probe_busy');
    const all = empty(10);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let secondCommitted: () => void = () => {};
    const second = new Promise<void>((resolve) => (secondCommitted = resolve));
    p.holdCommits();
    const source = (async function* () {
      // Checkpoint 0 goes to the idle writer, which is then held busy: the rest,
      // arriving slower than the flush interval, pile up in one batch.
      for (const checkpoint of all) {
        yield checkpoint;
        await sleep(5);
      }
      p.release();
      await second;
    })();
    let commits = 0;
    await indexCheckpoints(open.db, source, {
      pipelines: [p.pipeline as Pipeline<unknown>],
      batch: { maxCheckpoints: 1000, maxRows: 1000, flushIntervalMs: 0 },
      observer: { onBatchCommitted: () => ++commits === 2 && secondCommitted() },
    });
    expect(p.batches).toEqual([
      [0n, 0n],
      [1n, 9n],
    ]);
  });

  it('keeps the default batch limits for options given as undefined (CLI flags not passed)', async () => {
    const p = probe('probe_defaults');
    let committed: () => void = () => {};
    const firstCommit = new Promise<void>((resolve) => (committed = resolve));
    // Without the default flush interval the quiet source would wait forever.
    await indexCheckpoints(open.db, quietAfter(empty(1), firstCommit), {
      pipelines: [p.pipeline as Pipeline<unknown>],
      batch: { maxCheckpoints: undefined, maxRows: undefined, flushIntervalMs: undefined },
      observer: { onBatchCommitted: () => committed() },
    });
    expect(p.batches).toEqual([[0n, 0n]]);
  });

  it('closes a batch at maxCheckpoints even while its writer is busy', async () => {
    const p = probe('probe_max');
    p.holdCommits();
    // Two full batches fill the writer's queue (reading pauses); then the writer is let go.
    setTimeout(() => p.release(), 50);
    await indexCheckpoints(open.db, empty(7), {
      pipelines: [p.pipeline as Pipeline<unknown>],
      batch: { maxCheckpoints: 3, maxRows: 1000, flushIntervalMs: 60_000 },
    });
    expect(p.batches).toEqual([
      [0n, 2n],
      [3n, 5n],
      [6n, 6n],
    ]);
  });
});

/** The checkpoint plus a too-long EpochChangeDone and an event name we have no schema for. */
function withBrokenEvents(checkpoint: Checkpoint): Checkpoint {
  const base = { txDigest: 'BrokenTx', packageId: TEST_PACKAGE_ID, sender: '0x1' };
  return {
    ...checkpoint,
    events: [
      ...checkpoint.events,
      {
        ...base,
        eventIndex: 0,
        type: eventType(TEST_PACKAGE_ID, 'EpochChangeDone'),
        bcs: new Uint8Array([1, 0, 0, 0, 9]),
      },
      { ...base, eventIndex: 1, type: `${TEST_PACKAGE_ID}::events::Teleported`, bcs: new Uint8Array([1]) },
      { ...base, eventIndex: 2, type: '0x2::coin::Foreign', bcs: new Uint8Array([1]) },
    ],
  };
}
