import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@tusk/shared/db/database';
import { describeError } from './describeError.ts';

describe('describeError', () => {
  it('gives the innermost cause of a wrapped error, with its code', () => {
    const driver = Object.assign(new Error('password authentication failed for user "tusk"'), { code: '28P01' });
    const wrapped = new Error('Failed query: CREATE SCHEMA IF NOT EXISTS "drizzle"\nparams: ', { cause: driver });
    expect(describeError(wrapped)).toBe('password authentication failed for user "tusk" (28P01)');
  });

  it('says where a refused connection went, not "fetch failed"', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const error = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(describeError(error)).toMatch(new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
  });

  // Needs a real PostgreSQL (CI sets DATABASE_URL).
  it.skipIf(!process.env.DATABASE_URL)('names the database a server does not have', async () => {
    const url = new URL(process.env.DATABASE_URL!.trim());
    url.pathname = '/tusk_no_such_database';
    const error = await openDatabase({ kind: 'postgres', url: url.toString() }).catch((e: unknown) => e);
    expect(describeError(error)).toMatch(/database "tusk_no_such_database" does not exist/);
  });
});
