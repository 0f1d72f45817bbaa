/**
 * Keeps a node-postgres pool healthy through lost connections.
 *
 * 1. node-postgres reports a lost connection as an 'error' event on the
 *    client; the pool listens only while a client is idle, so a connection
 *    killed while a transaction holds it would crash the process. A listener
 *    on every checked-out client sends the error to the query instead, and the
 *    commit is retried.
 * 2. drizzle-orm 0.45's `transaction()` sends BEGIN before its try/finally,
 *    so when BEGIN fails on a dead connection the client is never released:
 *    it would count against the pool's size forever (enough of them and every
 *    later query waits) and make `pool.end()` hang. A client that errored and
 *    is still checked out a while later is released here, with the error, so
 *    the pool discards it.
 */
import type pg from 'pg';

export function guardPool(pool: pg.Pool, onError: (error: Error) => void, releaseAfterMs = 2_000): void {
  const guarded = new WeakSet<pg.PoolClient>();
  const checkedOut = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => {
    checkedOut.add(client);
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', (error) => {
      onError(error);
      setTimeout(() => {
        if (!checkedOut.has(client)) return;
        try {
          client.release(error);
        } catch {
          // Released meanwhile by its holder: nothing to do.
        }
      }, releaseAfterMs).unref();
    });
  });
  pool.on('release', (_error, client) => checkedOut.delete(client as pg.PoolClient));
}

/** Ends the pool, but gives up waiting after `timeoutMs` (a client stuck in a dead connection must not block shutdown). */
export async function endPool(close: () => Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([close().then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
