'use client';
/** The chain clock (current epoch, voting end, epoch length) for "takes effect" estimates in forms. */
import { estimatedEpochStartMs } from '@tusk/shared/epochTiming';
import type { StatusJson } from './api.ts';
import { useEndpoint } from './live.ts';

export function useClock() {
  const { data } = useEndpoint('status', {}, { intervalMs: 10_000 });
  return data?.clock ?? null;
}

/** Estimated start of `epoch` as a Date, or null when the epoch length is unknown. */
export function epochDate(clock: StatusJson['clock'], epoch: number): Date | null {
  if (!clock?.startedAt || clock.durationMs === null) return null;
  return new Date(
    estimatedEpochStartMs(epoch, {
      epoch: clock.epoch,
      startMs: Date.parse(clock.startedAt),
      durationMs: clock.durationMs,
    }),
  );
}
