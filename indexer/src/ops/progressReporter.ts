/**
 * Shows backfill progress: on a terminal, one line on stderr redrawn in place
 * ("checkpoint 12,345 of 100,000 (12.3%) · 45,210 events/s · ETA 1m 57s");
 * otherwise a `progress` JSON log line every interval, which log pipelines can
 * parse.
 */
import type { Logger } from './logger.ts';
import type { IndexingProgress, ProgressSnapshot } from './progress.ts';

export interface ProgressReporterOptions {
  progress: IndexingProgress;
  logger: Logger;
  /** Where the terminal line goes (stderr). */
  stream?: NodeJS.WriteStream;
  /** Redraw interval on a terminal. */
  ttyIntervalMs?: number;
  /** Log interval otherwise. */
  logIntervalMs?: number;
}

export function formatProgressLine(s: ProgressSnapshot): string {
  const at = s.committed === undefined ? 'starting' : `checkpoint ${s.committed.toLocaleString('en-US')}`;
  const of = s.target !== undefined ? ` of ${s.target.toLocaleString('en-US')}` : '';
  const pct =
    s.target !== undefined && s.committed !== undefined && s.target > 0n
      ? ` (${(Number((s.committed * 1000n) / s.target) / 10).toFixed(1)}%)`
      : '';
  const rate = ` · ${Math.round(s.eventsPerSecond).toLocaleString('en-US')} events/s · ${Math.round(s.checkpointsPerSecond).toLocaleString('en-US')} checkpoints/s`;
  const eta = s.etaSeconds !== undefined ? ` · ETA ${formatDuration(s.etaSeconds)}` : '';
  return `${at}${of}${pct}${rate}${eta}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** Starts reporting; returns the function that stops it (and ends the terminal line). */
export function startProgressReporter(options: ProgressReporterOptions): () => void {
  const stream = options.stream ?? process.stderr;
  if (stream.isTTY) {
    const timer = setInterval(() => {
      stream.write(`\r\x1b[2K${formatProgressLine(options.progress.snapshot())}`);
    }, options.ttyIntervalMs ?? 250);
    timer.unref();
    return () => {
      clearInterval(timer);
      stream.write(`\r\x1b[2K${formatProgressLine(options.progress.snapshot())}\n`);
    };
  }
  const timer = setInterval(() => {
    const s = options.progress.snapshot();
    options.logger.info(
      {
        committed: s.committed,
        target: s.target,
        chainTip: s.chainTip,
        lag: s.lag,
        eventsPerSecond: Math.round(s.eventsPerSecond),
        checkpointsPerSecond: Math.round(s.checkpointsPerSecond),
        etaSeconds: s.etaSeconds === undefined ? undefined : Math.round(s.etaSeconds),
      },
      'progress',
    );
  }, options.logIntervalMs ?? 10_000);
  timer.unref();
  return () => clearInterval(timer);
}
