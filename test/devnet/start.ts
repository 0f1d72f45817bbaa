/**
 * `npm start`: runs the Tusk stack locally with embedded defaults and says what
 * it started. Ctrl-C stops everything cleanly. Data persists in `.data/`
 * unless `--fresh` is given.
 */
import { rmSync } from 'node:fs';
import { DEFAULT_DATA_DIR, openDatabase, targetFromEnv } from '@tusk/shared/db/database';

const fresh = process.argv.includes('--fresh');
if (fresh && !process.env.DATABASE_URL) rmSync(DEFAULT_DATA_DIR, { recursive: true, force: true });

const target = targetFromEnv();
const database = await openDatabase(target);
console.log(
  target.kind === 'pglite'
    ? `database: embedded PGlite in ${target.dataDir ?? 'memory'} (migrations applied)`
    : `database: PostgreSQL at ${new URL(target.url).host} (migrations applied)`,
);
console.log('running; press Ctrl-C to stop');

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
setInterval(() => {}, 1 << 30);
