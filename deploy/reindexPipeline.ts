// Re-index one indexer pipeline: delete its rows and its watermark in one
// transaction, so the next indexer start rebuilds it from the deployment's
// start checkpoint while the other pipelines skip what they already have
// (docs/operators/runbook.md). Stop the indexer first.
//
//   DATABASE_URL=postgres://... npx tsx deploy/reindexPipeline.ts staking
//   TUSK_DATA_DIR=.data/pglite npx tsx deploy/reindexPipeline.ts --list
//
// The tables come from the indexer's own pipeline definitions, so this stays
// right when a pipeline gains a table.
import { pathToFileURL } from 'node:url';
import { eq, getTableName } from 'drizzle-orm';
import { allPipelines } from '@tusk/indexer/pipelines/index';
import { openDatabase, targetFromEnv, type Database } from '@tusk/shared/db/database';
import { watermarks } from '@tusk/shared/db/schema';

/** Pipeline names and the tables each owns. */
export function pipelineTables(): Map<string, string[]> {
  return new Map(allPipelines.map((pipeline) => [pipeline.name, pipeline.tables.map((table) => getTableName(table))]));
}

/** Deletes `name`'s rows and watermark atomically; returns the tables emptied. */
export async function resetPipeline(db: Database, name: string): Promise<string[]> {
  const pipeline = allPipelines.find((candidate) => candidate.name === name);
  if (!pipeline) {
    throw new Error(`no pipeline named "${name}": the pipelines are ${allPipelines.map((p) => p.name).join(', ')}`);
  }
  await db.transaction(async (tx) => {
    for (const table of pipeline.tables) await tx.delete(table);
    await tx.delete(watermarks).where(eq(watermarks.pipeline, name));
  });
  return pipeline.tables.map((table) => getTableName(table));
}

async function main(args: string[]): Promise<void> {
  if (args.length !== 1 || args[0] === '--help') {
    console.log('usage: npx tsx deploy/reindexPipeline.ts <pipeline> | --list   (stop the indexer first)');
    process.exitCode = args.length === 1 ? 0 : 2;
    return;
  }
  if (args[0] === '--list') {
    for (const [name, tables] of pipelineTables()) console.log(`${name}: ${tables.join(', ')}`);
    return;
  }
  const target = targetFromEnv();
  const database = await openDatabase(target);
  try {
    const tables = await resetPipeline(database.db, args[0]!);
    console.log(`emptied ${tables.join(', ')} and removed the ${args[0]} watermark; start the indexer to rebuild it`);
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
