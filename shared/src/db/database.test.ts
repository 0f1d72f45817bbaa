import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deadLetters, watermarks } from './schema.ts';
import { targetFromEnv } from './database.ts';
import { testDatabaseKinds } from './testing.ts';

describe('targetFromEnv', () => {
  it('defaults to embedded PGlite in .data/pglite', () => {
    expect(targetFromEnv({})).toEqual({ kind: 'pglite', dataDir: '.data/pglite' });
  });
  it('uses an in-memory PGlite for TUSK_DATA_DIR=memory', () => {
    expect(targetFromEnv({ TUSK_DATA_DIR: 'memory' })).toEqual({ kind: 'pglite', dataDir: undefined });
  });
  it('uses the real server when DATABASE_URL is set', () => {
    expect(targetFromEnv({ DATABASE_URL: 'postgres://u@localhost/tusk' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u@localhost/tusk',
    });
  });
  it('rejects a DATABASE_URL that is not a postgres URL, naming the variable', () => {
    expect(() => targetFromEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
  });
});

describe.each(testDatabaseKinds())('database on $name', (kind) => {
  it('applies the migrations and stores watermarks and dead letters', async () => {
    const open = await kind.open();
    try {
      const { db } = open;
      await db.insert(watermarks).values({ pipeline: 'nodes', checkpoint: 41n });
      await db
        .insert(watermarks)
        .values({ pipeline: 'nodes', checkpoint: 42n })
        .onConflictDoUpdate({ target: watermarks.pipeline, set: { checkpoint: 42n } });
      const [row] = await db.select().from(watermarks).where(eq(watermarks.pipeline, 'nodes'));
      expect(row?.checkpoint).toBe(42n);

      const bytes = new Uint8Array([0, 1, 254, 255]);
      await db.insert(deadLetters).values({
        pipeline: 'nodes',
        checkpoint: 7n,
        txDigest: 'digest',
        eventIndex: 3,
        eventType: '0x1::events::Unknown',
        contents: bytes,
        error: 'unknown event type',
      });
      const [letter] = await db.select().from(deadLetters);
      expect(Array.from(letter!.contents)).toEqual([0, 1, 254, 255]);
    } finally {
      await open.close();
    }
  });

  it('rolls back a failed transaction: no watermark moves without its rows', async () => {
    const open = await kind.open();
    try {
      const { db } = open;
      await expect(
        db.transaction(async (tx) => {
          await tx.insert(watermarks).values({ pipeline: 'epochs', checkpoint: 10n });
          await tx.execute(sql`select 1/0`);
        }),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/division by zero/) } });
      expect(await db.select().from(watermarks)).toEqual([]);
    } finally {
      await open.close();
    }
  });
});
