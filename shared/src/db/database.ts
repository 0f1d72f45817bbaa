/**
 * Opens Tusk's database: embedded PGlite by default (a data directory, or in
 * memory), or a real PostgreSQL server when a URL is given (`DATABASE_URL`).
 * Migrations from `shared/drizzle/` are applied on open, so every caller sees
 * the current schema.
 */
import type { Env } from '../env.ts';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { acquireLocks } from './advisoryLocks.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A drizzle database over either driver; queries are written once for both. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget =
  { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string; maxConnections?: number };

export interface OpenDatabase {
  db: Database;
  target: DatabaseTarget;
  /** The node-postgres pool, for COPY and other driver-level work (postgres only). */
  pool?: pg.Pool;
  /** The PGlite instance (pglite only). */
  pglite?: PGlite;
  close(): Promise<void>;
}

// Resolved from this file's path at runtime (not `new URL(..., import.meta.url)`, which bundlers such
// as Next.js's Turbopack treat as an asset import and fail to resolve for a folder).
const migrationsFolder =
  process.env.TUSK_MIGRATIONS_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

/** Where the embedded database lives when nothing else is configured. */
export const DEFAULT_DATA_DIR = '.data/pglite';

/** The target the environment asks for: `DATABASE_URL`, else PGlite in `TUSK_DATA_DIR`. */
export function targetFromEnv(env: Env = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.slice(0, 20)}...")`);
    }
    return { kind: 'postgres', url };
  }
  const dataDir = env.TUSK_DATA_DIR?.trim() || DEFAULT_DATA_DIR;
  return { kind: 'pglite', dataDir: dataDir === 'memory' ? undefined : dataDir };
}

/** Opens and migrates the database at `target`. */
export async function openDatabase(target: DatabaseTarget = targetFromEnv()): Promise<OpenDatabase> {
  if (target.kind === 'pglite') {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    const pglite = new PGlite(target.dataDir);
    const db = drizzlePglite(pglite, { schema });
    await migratePglite(db, { migrationsFolder });
    return { db: db as unknown as Database, target, pglite, close: () => pglite.close() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: target.maxConnections ?? 10 });
  // An idle client that loses its server (restart, killed connection) must not crash the process;
  // the next query reconnects and callers retry.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema });
  // The indexer and the web server both migrate on start: one at a time, or
  // on a fresh database they race to create the same tables.
  const lock = await acquireLocks(target.url, ['migrations'], { applicationName: 'tusk migrations' });
  try {
    await migratePg(db, { migrationsFolder });
  } finally {
    await lock.release();
  }
  return { db: db as unknown as Database, target, pool, close: () => pool.end() };
}
