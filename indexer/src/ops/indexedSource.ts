/**
 * Guards a database against being fed another chain's or other packages'
 * checkpoints. An indexer pointed at a valid but wrong package ID finds no
 * events and still moves every watermark to the chain's tip; a rerun with the
 * right package would then index nothing. So the first start records the
 * chain and the package IDs, and any later start must match them.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { indexedSource } from '@tusk/shared/db/schema';

export interface SourceIdentity {
  chainId: string;
  packageIds: readonly string[];
  startCheckpoint: bigint;
}

/** A start that does not match what the database already indexes. */
export class SourceMismatchError extends Error {}

/**
 * Records `wanted` if the database has no source yet; otherwise checks it
 * matches the recorded one and throws `SourceMismatchError` saying both if not.
 * Returns the recorded source.
 */
export async function checkIndexedSource(db: Database, wanted: SourceIdentity): Promise<SourceIdentity> {
  const packageIds = [...wanted.packageIds].sort();
  const [recorded] = await db.select().from(indexedSource).where(eq(indexedSource.id, 1));
  if (!recorded) {
    await db
      .insert(indexedSource)
      .values({ id: 1, chainId: wanted.chainId, packageIds, startCheckpoint: wanted.startCheckpoint })
      .onConflictDoNothing();
    return checkIndexedSource(db, wanted);
  }
  const problems: string[] = [];
  if (recorded.chainId !== wanted.chainId)
    problems.push(`chain ${recorded.chainId}, but the full node serves chain ${wanted.chainId}`);
  if (recorded.packageIds.join(',') !== packageIds.join(','))
    problems.push(`package(s) ${recorded.packageIds.join(', ')}, but this start asks for ${packageIds.join(', ')}`);
  if (problems.length > 0) {
    throw new SourceMismatchError(
      `this database indexes ${problems.join('; and ')} (recorded ${recorded.recordedAt.toISOString()}, from checkpoint ${recorded.startCheckpoint}). ` +
        'Point the indexer at the right full node and packages, or give it another database ' +
        '(see "Re-index" in docs/operators/runbook.md to start this one over).',
    );
  }
  return { chainId: recorded.chainId, packageIds: recorded.packageIds, startCheckpoint: recorded.startCheckpoint };
}
