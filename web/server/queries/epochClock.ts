/**
 * Where the chain stands now, from the `epochs` table: the current epoch (the
 * latest that has begun), when it began, whether its voting end has passed,
 * and how long an epoch lasts (a governed parameter when the chain published
 * one, else the median length of the last epochs). Every page that says "from
 * epoch X (date)" uses this one clock.
 */
import { desc, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { epochs, parameters } from '@tusk/shared/db/schema';

/** Parameter names the chain may publish for the epoch length, in ms. */
export const EPOCH_DURATION_PARAMETERS = ['epoch_duration_ms', 'epoch_duration'];

export interface ChainClock {
  epoch: number;
  state: 'selected' | 'sync' | 'done';
  startedAt: Date | null;
  votingEndedAt: Date | null;
  votingEnded: boolean;
  /** Epoch length in ms, or null when nothing tells it yet (a single epoch, no parameter). */
  durationMs: number | null;
  /** Whether `durationMs` came from a published parameter (else estimated from history). */
  durationKnown: boolean;
}

/** The current epoch, or null before the indexer has seen one begin. */
export async function chainClock(db: Database): Promise<ChainClock | null> {
  const recent = await db
    .select({
      epoch: epochs.epoch,
      state: epochs.state,
      startedAt: epochs.startedAt,
      votingEndedAt: epochs.votingEndedAt,
    })
    .from(epochs)
    .where(ne(epochs.state, 'selected'))
    .orderBy(desc(epochs.epoch))
    .limit(12);
  const current = recent[0];
  if (!current) return null;

  const [param] = await db
    .select({ value: parameters.value })
    .from(parameters)
    .where(inArray(parameters.name, EPOCH_DURATION_PARAMETERS))
    .orderBy(desc(parameters.epoch))
    .limit(1);

  let durationMs: number | null = param ? Number(param.value) : null;
  const durationKnown = durationMs !== null;
  if (durationMs === null) {
    const lengths: number[] = [];
    for (let i = 0; i + 1 < recent.length; i++) {
      const later = recent[i]!;
      const earlier = recent[i + 1]!;
      if (later.startedAt && earlier.startedAt && later.epoch === earlier.epoch + 1) {
        lengths.push(later.startedAt.getTime() - earlier.startedAt.getTime());
      }
    }
    lengths.sort((a, b) => a - b);
    durationMs = lengths.length > 0 ? lengths[Math.floor(lengths.length / 2)]! : null;
  }
  return {
    epoch: current.epoch,
    state: current.state,
    startedAt: current.startedAt,
    votingEndedAt: current.votingEndedAt,
    votingEnded: current.votingEndedAt !== null,
    durationMs,
    durationKnown,
  };
}

/** Estimated start of `epoch` (null when the clock cannot tell). */
export function epochStartEstimate(clock: ChainClock | null, epoch: number): Date | null {
  if (!clock?.startedAt || clock.durationMs === null) return null;
  return new Date(clock.startedAt.getTime() + (epoch - clock.epoch) * clock.durationMs);
}

/** `sql` fragment: numeric column as float8, for ratios and weights. */
export const asFloat = (column: unknown) => sql<number>`(${column})::float8`;
