import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../shared/src/db/database.ts';
import { watermarks } from '../../shared/src/db/schema.ts';
import { pipelineTables, resetPipeline } from '../../deploy/reindexPipeline.ts';

let database: OpenDatabase;

beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite' });
});

afterAll(async () => {
  await database?.close();
});

describe('re-indexing one pipeline', () => {
  it("removes that pipeline's watermark and rows, and leaves the others alone", async () => {
    const { db } = database;
    await db.insert(watermarks).values([
      { pipeline: 'staking', checkpoint: 500n },
      { pipeline: 'nodes', checkpoint: 500n },
    ]);
    const [table] = pipelineTables().get('staking')!;
    const count = async (name: string) =>
      Number(
        ((await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${name}`))) as unknown as { rows: { n: number }[] })
          .rows[0]!.n,
      );

    expect(await resetPipeline(db, 'staking')).toEqual(pipelineTables().get('staking'));
    expect(await count(table!)).toBe(0);
    const left = await db.select().from(watermarks);
    expect(left.map((row) => row.pipeline)).toEqual(['nodes']);
  });

  it('names the pipelines when asked for one that does not exist', async () => {
    await expect(resetPipeline(database.db, 'stakes')).rejects.toThrow(
      /no pipeline named "stakes": the pipelines are .*staking/,
    );
  });
});
