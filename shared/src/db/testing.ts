/**
 * Databases for tests: every DB test runs on in-memory PGlite, and also on the
 * real PostgreSQL server whenever `DATABASE_URL` is set (CI sets it). Each real
 * database is created fresh and dropped afterwards, so tests never share state.
 */
import type { Env } from '../env.ts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from './database.ts';

export interface TestDatabaseKind {
  name: 'pglite' | 'postgres';
  open(): Promise<OpenDatabase>;
}

/** The database kinds to run DB tests on here. */
export function testDatabaseKinds(env: Env = process.env): TestDatabaseKind[] {
  const kinds: TestDatabaseKind[] = [{ name: 'pglite', open: () => openDatabase({ kind: 'pglite' }) }];
  const url = env.DATABASE_URL?.trim();
  if (url) kinds.push({ name: 'postgres', open: () => openFreshPostgres(url) });
  return kinds;
}

/** Creates a new empty database on the server at `serverUrl`, opens it, and drops it on close. */
export async function openFreshPostgres(serverUrl: string): Promise<OpenDatabase> {
  const name = `tusk_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const open = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...open,
    close: async () => {
      await open.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
