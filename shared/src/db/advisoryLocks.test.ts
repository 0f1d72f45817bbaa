// Advisory locks need a real PostgreSQL server (PGlite is one process: nothing to lock against);
// CI sets DATABASE_URL, and so can a local run (.ci/postgres.sh).
import { getTableName } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { acquireLocks, lockHolder } from './advisoryLocks.ts';
import { openDatabase } from './database.ts';
import * as schema from './schema.ts';
import { testDatabaseKinds } from './testing.ts';

// Only the real server (PGlite is one process, with nothing to lock against): run by CI, which sets
// DATABASE_URL, and locally with .ci/postgres.sh. Without it this file reports its tests as skipped.
const postgres = testDatabaseKinds().find((kind) => kind.name === 'postgres');

describe.skipIf(!postgres)('advisory locks on postgres', () => {
  const kind = postgres!;
  it('make a second holder of a pipeline wait, say who holds it, and get it once released', async () => {
    const database = await kind.open();
    const url = (database.target as { url: string }).url;
    try {
      const first = await acquireLocks(url, ['pipeline:nodes', 'pipeline:pools'], { applicationName: 'indexer A' });
      const busyReports: { name: string; application: string }[][] = [];
      const second = acquireLocks(url, ['pipeline:pools', 'pipeline:blobs'], {
        applicationName: 'indexer B',
        pollMs: 50,
        onBusy: (busy) => busyReports.push(busy.map(({ name, application }) => ({ name, application }))),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(busyReports.length).toBeGreaterThan(0);
      expect(busyReports[0]).toEqual([{ name: 'pipeline:pools', application: 'indexer A' }]);
      // It took nothing while waiting: blobs is free for a third.
      const third = await acquireLocks(url, ['pipeline:blobs'], { pollMs: 50 });
      await third.release();

      await first.release();
      const held = await second;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        expect((await lockHolder(client, 'pipeline:pools'))?.application).toBe('indexer B');
        expect(await lockHolder(client, 'pipeline:nodes')).toBeNull();
      } finally {
        await client.end();
      }
      await held.release();
    } finally {
      await database.close();
    }
  });

  it('stop waiting when aborted', async () => {
    const database = await kind.open();
    const url = (database.target as { url: string }).url;
    try {
      const held = await acquireLocks(url, ['pipeline:nodes']);
      const controller = new AbortController();
      const waiting = acquireLocks(url, ['pipeline:nodes'], { pollMs: 20, signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      await expect(waiting).rejects.toThrow();
      await held.release();
    } finally {
      await database.close();
    }
  });

  it('let several processes open a fresh database at once: the migrations run one at a time', async () => {
    const empty = await kind.open();
    const url = (empty.target as { url: string }).url;
    try {
      // openFreshPostgres migrated it already: drop everything to start from nothing.
      await empty.pool!.query(
        'DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS drizzle CASCADE',
      );
      const opened = await Promise.all(
        Array.from({ length: 4 }, () => openDatabase({ kind: 'postgres', url, maxConnections: 2 })),
      );
      const { rows } = await empty.pool!.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1`,
        [getTableName(schema.watermarks)],
      );
      expect(rows[0]!.count).toBe(1);
      await Promise.all(opened.map((o) => o.close()));
    } finally {
      await empty.close();
    }
  });
});
