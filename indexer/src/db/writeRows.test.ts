import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@tusk/shared/db/database';
import { committeeMembers, epochFees, proposals, stakeEvents } from '@tusk/shared/db/schema';
import { testDatabaseKinds } from '@tusk/shared/db/testing';
import { preferKeyLookups } from './fastPaths/keyLookups.ts';
import { arrayLiteral } from './pgArrayLiteral.ts';
import { rowsOf, type Tx } from './tx.ts';
import { loadRows, MAX_BIND_PARAMETERS, updateRows, writeRows } from './writeRows.ts';

const tricky = ['plain', '', 'NULL', 'with "quotes"', 'back\\slash', 'comma, {braces}', 'ünïcødé 🐘 象', ' spaced '];

function proposal(i: number, text: string | null) {
  return {
    proposalId: `0x${i.toString(16).padStart(64, '0')}`,
    proposer: '0x1',
    kind: 'text' as const,
    payload: new Uint8Array([0, 1, 92, 34, 255]),
    parameterName: null,
    parameterValue: (1n << 64n) - 1n,
    text,
    deposit: 5n,
    createdEpoch: 4_294_967_295,
    endEpoch: 2,
    status: 'open' as const,
    yes: null,
    no: null,
    abstain: null,
    veto: null,
    voteCount: 0,
    finalizedEpoch: null,
    executedEpoch: null,
    createdCheckpoint: 9n,
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
    updatedCheckpoint: 9n,
  };
}

describe.each(testDatabaseKinds())('writeRows on $name', (kind) => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await kind.open();
  });
  afterAll(() => open?.close());

  it('round-trips strings that need escaping, NULLs, bytes, u64 max, u32 max and times through unnest', async () => {
    const rows = [...tricky, null].map((text, i) => proposal(i, text));
    await open.db.transaction((tx) => writeRows(tx, proposals, rows, { kind: 'ignore' }));
    const stored = await open.db.select().from(proposals);
    expect(stored.map((p) => p.text)).toEqual([...tricky, null]);
    expect(stored[0]).toMatchObject({
      parameterValue: (1n << 64n) - 1n,
      createdEpoch: 4_294_967_295,
      createdAt: new Date('2026-01-02T03:04:05.678Z'),
    });
    expect(Array.from(stored[0]!.payload)).toEqual([0, 1, 92, 34, 255]);
  });

  it('replaces on conflict when asked and ignores otherwise', async () => {
    await open.db.transaction((tx) => writeRows(tx, proposals, [{ ...proposal(0, 'ignored') }], { kind: 'ignore' }));
    await open.db.transaction((tx) => writeRows(tx, proposals, [{ ...proposal(1, 'replaced') }], { kind: 'replace' }));
    const texts = (await open.db.select().from(proposals)).map((p) => p.text);
    expect(texts).toContain('plain');
    expect(texts).toContain('replaced');
    expect(texts).not.toContain('ignored');
  });

  it('adds counters on conflict', async () => {
    const fees = {
      epoch: 1,
      storagePaid: 10n,
      storageReservedBytes: 1n,
      storageReservations: 1,
      writeFees: 2n,
      blobsRegistered: 1,
      rewardsAdded: 3n,
    };
    const add = {
      kind: 'add',
      columns: [
        'storagePaid',
        'storageReservedBytes',
        'storageReservations',
        'writeFees',
        'blobsRegistered',
        'rewardsAdded',
      ],
    } as const;
    await open.db.transaction((tx) => writeRows(tx, epochFees, [fees], add));
    await open.db.transaction((tx) => writeRows(tx, epochFees, [fees], add));
    expect(await open.db.select().from(epochFees)).toEqual([
      {
        ...fees,
        storagePaid: 20n,
        storageReservedBytes: 2n,
        storageReservations: 2,
        writeFees: 4n,
        blobsRegistered: 2,
        rewardsAdded: 6n,
      },
    ]);
  });

  it('writes tables with array columns in chunks under the bind-parameter limit', async () => {
    const columns = 5;
    const count = Math.ceil(MAX_BIND_PARAMETERS / columns) + 10;
    const rows = Array.from({ length: count }, (_, i) => ({
      epoch: 1,
      nodeId: `n${i}`,
      shards: i % 7,
      selectedCheckpoint: 1n,
      receivedShards: [i, i + 1],
    }));
    await open.db.transaction((tx) => writeRows(tx, committeeMembers, rows, { kind: 'replace' }));
    const [last] = await open.db
      .select()
      .from(committeeMembers)
      .where(eq(committeeMembers.nodeId, `n${count - 1}`));
    expect(last?.receivedShards).toEqual([count - 1, count]);
  });
});

describe.each(testDatabaseKinds())('appending log rows on $name', (kind) => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await kind.open();
  });
  afterAll(() => open?.close());

  const row = (i: number, txDigest: string) => ({
    checkpoint: BigInt(i),
    txDigest,
    eventIndex: 0,
    timestamp: new Date(1_700_000_000_123 + i),
    epoch: 2,
    kind: 'deposited' as const,
    stakedWalId: '0xa',
    nodeId: null,
    owner: 'o',
    amount: (1n << 64n) - 1n,
    rewards: null,
    slashed: null,
    relatedId: null,
    effectiveEpoch: 3,
  });

  it('appends rows with tabs, newlines, backslashes and NULLs intact (binary COPY on PostgreSQL)', async () => {
    const digests = ['plain', 'tab\there', 'new\nline', 'back\\slash\\N', 'cr\rlf', '\\N', 'ünï 🐘'];
    await open.db.transaction((tx) =>
      writeRows(
        tx,
        stakeEvents,
        digests.map((d, i) => row(i, d)),
        { kind: 'append' },
      ),
    );
    const stored = await open.db.select().from(stakeEvents).orderBy(asc(stakeEvents.checkpoint));
    expect(stored.map((r) => r.txDigest)).toEqual(digests);
    expect(stored[1]).toMatchObject({ nodeId: null, amount: (1n << 64n) - 1n, timestamp: new Date(1_700_000_000_124) });
  });

  it('fails the whole batch on a duplicate rather than dropping it', async () => {
    await expect(
      open.db.transaction((tx) => writeRows(tx, stakeEvents, [row(100, 'x'), row(100, 'x')], { kind: 'append' })),
    ).rejects.toThrow();
    expect(await open.db.select().from(stakeEvents).where(eq(stakeEvents.checkpoint, 100n))).toEqual([]);
  });
});

describe.each(testDatabaseKinds())('updating stored rows on $name', (kind) => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await kind.open();
  });
  afterAll(() => open?.close());

  it('sets every column of the stored rows by key, leaving other rows and unknown keys alone', async () => {
    const stored = [proposal(1, 'one'), proposal(2, 'two'), proposal(3, 'three')];
    await open.db.transaction((tx) => writeRows(tx, proposals, stored, { kind: 'append' }));
    const changed = [
      { ...proposal(1, 'back\\slash, "quoted" {x}'), status: 'passed' as const, yes: (1n << 64n) - 1n, voteCount: 7 },
      { ...proposal(3, null), payload: new Uint8Array([9]), createdAt: new Date('2027-01-01T00:00:00.001Z') },
      proposal(4, 'never stored'),
    ];
    await open.db.transaction((tx) => updateRows(tx, proposals, changed));
    const rows = await open.db.select().from(proposals).orderBy(asc(proposals.proposalId));
    expect(rows.map((r) => r.text)).toEqual(['back\\slash, "quoted" {x}', 'two', null]);
    expect(rows[0]).toMatchObject({ status: 'passed', yes: (1n << 64n) - 1n, voteCount: 7 });
    expect(Array.from(rows[2]!.payload)).toEqual([9]);
    expect(rows[2]!.createdAt).toEqual(new Date('2027-01-01T00:00:00.001Z'));
  });

  it('leaves the join settings of the transaction as they were (the commit, not updateRows, chooses the plan settings)', async () => {
    await open.db.transaction((tx) => writeRows(tx, proposals, [proposal(10, 'ten')], { kind: 'append' }));
    const settings = await open.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_mergejoin = off`);
      await updateRows(tx, proposals, [{ ...proposal(10, 'ten'), status: 'passed' as const }]);
      const [row] = rowsOf<{ hash: string; merge: string }>(
        await tx.execute(
          sql`SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge`,
        ),
      );
      return row;
    });
    expect(settings).toEqual({ hash: 'on', merge: 'off' });
    const [row] = await open.db
      .select()
      .from(proposals)
      .where(eq(proposals.proposalId, proposal(10, 'ten').proposalId));
    expect(row?.status).toBe('passed');
  });

  it('looks keys up in the index under preferKeyLookups, where the planner would read the whole table', async () => {
    const many = Array.from({ length: 4_000 }, (_, i) => proposal(1_000 + i, null));
    await open.db.transaction((tx) => writeRows(tx, proposals, many, { kind: 'append' }));
    await open.db.execute(sql`ANALYZE proposals`);
    const ids = arrayLiteral(many.slice(0, 2_000).map((p) => p.proposalId));
    const plans = async (tx: Tx) => {
      const plan = async (query: SQL) =>
        rowsOf<Record<string, string>>(await tx.execute(sql`EXPLAIN ${query}`))
          .map((r) => Object.values(r)[0])
          .join('\n');
      return [
        await plan(sql`SELECT * FROM proposals WHERE proposal_id = ANY(${ids}::text[])`),
        await plan(
          sql`UPDATE proposals t SET vote_count = 1 FROM unnest(${ids}::text[]) AS v(id) WHERE t.proposal_id = v.id`,
        ),
      ];
    };
    const usual = await open.db.transaction(plans);
    const preferred = await open.db.transaction(async (tx) => {
      await preferKeyLookups(tx);
      return plans(tx);
    });
    // Half the table by key: the planner's own choice is to scan it all.
    for (const plan of usual) expect(plan).toMatch(/Seq Scan on proposals/);
    for (const plan of preferred) {
      expect(plan).not.toMatch(/Seq Scan on proposals|Hash Join|Merge Join/);
      expect(plan).toMatch(/Index Scan using proposals_pkey/);
    }
    // SET LOCAL: the next transaction plans as usual again.
    expect(await open.db.transaction(plans)).toEqual(usual);
  });

  it('sets only the columns changed since loadRows read the rows, every column of rows it did not read', async () => {
    await open.db.transaction((tx) =>
      writeRows(tx, proposals, [proposal(20, 'twenty'), proposal(21, 'twenty-one')], { kind: 'append' }),
    );
    await open.db.transaction(async (tx) => {
      const [loaded] = await loadRows(tx, proposals, proposals.proposalId, [proposal(20, null).proposalId]);
      loaded!.status = 'passed';
      loaded!.createdAt = new Date(loaded!.createdAt.getTime()); // the same time in another object: not a change
      // Another statement of the same transaction sets a column the loaded row leaves as it was.
      await tx.execute(sql`UPDATE proposals SET text = 'set in SQL', vote_count = 3`);
      await updateRows(tx, proposals, [loaded!]);
      await updateRows(tx, proposals, [{ ...proposal(21, 'whole row'), status: 'rejected' as const }]);
    });
    const rows = await open.db
      .select()
      .from(proposals)
      .where(inArray(proposals.proposalId, [proposal(20, null).proposalId, proposal(21, null).proposalId]))
      .orderBy(asc(proposals.proposalId));
    expect(rows.map((r) => [r.status, r.text, r.voteCount])).toEqual([
      ['passed', 'set in SQL', 3],
      ['rejected', 'whole row', 0],
    ]);
  });

  it('matches rows by a composite key, also for tables with array columns', async () => {
    const member = (nodeId: string, shards: number) => ({
      epoch: 5,
      nodeId,
      shards,
      selectedCheckpoint: 1n,
      receivedShards: [shards],
    });
    await open.db.transaction((tx) =>
      writeRows(tx, committeeMembers, [member('a', 1), member('b', 2)], { kind: 'append' }),
    );
    await open.db.transaction((tx) => updateRows(tx, committeeMembers, [member('b', 9)]));
    const rows = await open.db.select().from(committeeMembers).orderBy(asc(committeeMembers.nodeId));
    expect(rows.map((r) => [r.nodeId, r.shards, r.receivedShards])).toEqual([
      ['a', 1, [1]],
      ['b', 9, [9]],
    ]);
  });
});
