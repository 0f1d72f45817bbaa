/**
 * PostgreSQL advisory locks that keep Tusk's processes from doing the same
 * work twice on one database: applying migrations (the indexer and the web
 * server both migrate on start and would race on a fresh database), and
 * indexing a pipeline (two indexers would each write every batch, the second
 * one's work thrown away by the watermark check). Session locks, held by a
 * dedicated connection: they end when it does, even if the process dies.
 */
import pg from 'pg';

/** Every Tusk lock uses this first key ('tusk' in ASCII), so other applications' locks cannot collide. */
const TUSK_LOCK_CLASS = 0x7475736b;

/** The second key of each lock: a stable 32-bit hash of its name (`hashtext` on the server). */
export type LockName = `migrations` | `pipeline:${string}`;

export interface HeldLocks {
  /** Releases the locks and closes their connection. */
  release(): Promise<void>;
}

/** Who holds `name` now (the backend pid and its application name), if anyone does. */
export async function lockHolder(
  client: pg.ClientBase,
  name: LockName,
): Promise<{ pid: number; application: string } | null> {
  const { rows } = await client.query<{ pid: number; application_name: string }>(
    `SELECT l.pid, a.application_name FROM pg_locks l JOIN pg_stat_activity a USING (pid)
     WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid AND l.objid = hashtext($2)::oid
       AND l.objsubid = 2`,
    [TUSK_LOCK_CLASS, name],
  );
  const row = rows[0];
  return row ? { pid: row.pid, application: row.application_name } : null;
}

/**
 * Takes every lock in `names` on a new connection to `url`, waiting while
 * another session holds any of them: `onBusy` is told which and by whom (once
 * per wait of `pollMs`). Takes none until all are free, so two processes
 * asking for overlapping sets cannot deadlock. Gives up when `signal` aborts.
 */
export async function acquireLocks(
  url: string,
  names: readonly LockName[],
  options: {
    onBusy?: (busy: { name: LockName; pid: number; application: string }[]) => void;
    pollMs?: number;
    signal?: AbortSignal;
    applicationName?: string;
  } = {},
): Promise<HeldLocks> {
  const client = new pg.Client({ connectionString: url, application_name: options.applicationName ?? 'tusk' });
  // A lost lock connection surfaces on the next query; no unhandled 'error' event meanwhile.
  client.on('error', () => {});
  await client.connect();
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const taken: boolean[] = [];
      for (const name of names) {
        const { rows } = await client.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok',
          [TUSK_LOCK_CLASS, name],
        );
        taken.push(rows[0]!.ok);
      }
      if (taken.every(Boolean)) {
        return {
          release: async () => {
            await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
            await client.end().catch(() => undefined);
          },
        };
      }
      // Some are busy: give back the ones taken, say who holds the others, wait.
      for (const [i, name] of names.entries()) {
        if (taken[i]) await client.query('SELECT pg_advisory_unlock($1::int, hashtext($2))', [TUSK_LOCK_CLASS, name]);
      }
      const busy = [];
      for (const [i, name] of names.entries()) {
        if (taken[i]) continue;
        const holder = await lockHolder(client, name);
        if (holder) busy.push({ name, ...holder });
      }
      options.onBusy?.(busy);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 2_000);
        options.signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}
