import { describe, expect, it } from 'vitest';
import { IndexingProgress } from './progress.ts';
import { formatDuration, formatProgressLine } from './progressReporter.ts';

describe('indexing progress', () => {
  it('counts committed as the least of the pipelines and derives lag, rates and ETA', () => {
    const progress = new IndexingProgress({ pipelines: ['a', 'b'], end: 10_000n });
    progress.noteChainTip(20_000n);
    progress.noteCommitted('a', 1_999n);
    expect(progress.committed()).toBeUndefined();
    progress.noteCommitted('b', 999n);
    for (let i = 0; i <= 100; i++) progress.noteProcessed(10, 1_000 + i * 10);
    const s = progress.snapshot(2_000);
    expect(s.committed).toBe(999n);
    expect(s.target).toBe(10_000n);
    expect(s.lag).toBe(19_001n);
    // About 100 checkpoints and 1,000 events a second (samples are merged per 100 ms).
    expect(s.checkpointsPerSecond).toBeGreaterThan(85);
    expect(s.checkpointsPerSecond).toBeLessThan(105);
    expect(s.eventsPerSecond / s.checkpointsPerSecond).toBeCloseTo(10, 5);
    expect(s.etaSeconds! * s.checkpointsPerSecond).toBeCloseTo(9_001, 0);
  });

  it('formats a progress line and durations', () => {
    const line = formatProgressLine({
      committed: 12_345n,
      target: 100_000n,
      chainTip: 100_000n,
      lag: 87_655n,
      checkpointsPerSecond: 4_000,
      eventsPerSecond: 45_210,
      etaSeconds: 117,
      totalCheckpoints: 0,
      totalEvents: 0,
    });
    expect(line).toBe('checkpoint 12,345 of 100,000 (12.3%) · 45,210 events/s · 4,000 checkpoints/s · ETA 1m 57s');
    expect(formatDuration(3_725)).toBe('1h 2m');
  });
});
