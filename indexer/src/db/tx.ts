/**
 * The transaction handle pipelines write through: a drizzle transaction over
 * either driver (PGlite or node-postgres), with the shared schema.
 */
import type { Database } from '@tusk/shared/db/database';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Rows of a raw `execute`, whichever driver ran it (both return `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
