/**
 * The web server's one database connection (a pool for PostgreSQL, one PGlite
 * instance otherwise), opened on first use from `DATABASE_URL` /
 * `TUSK_DATA_DIR` and kept for the life of the process (also across dev-mode
 * module reloads). Pages and route handlers reach PostgreSQL only through here.
 */
import 'server-only';
import { openDatabase, targetFromEnv, type Database, type OpenDatabase } from '@tusk/shared/db/database';

const holder = globalThis as typeof globalThis & { __tuskDatabase?: Promise<OpenDatabase> };

export function database(): Promise<OpenDatabase> {
  if (!holder.__tuskDatabase) {
    const target = targetFromEnv();
    holder.__tuskDatabase = openDatabase(
      target.kind === 'postgres' ? { ...target, maxConnections: Number(process.env.TUSK_WEB_DB_POOL ?? 20) } : target,
    ).catch((error: unknown) => {
      // Let the next request try again instead of caching the failure forever.
      holder.__tuskDatabase = undefined;
      throw error;
    });
  }
  return holder.__tuskDatabase;
}

export async function db(): Promise<Database> {
  return (await database()).db;
}
