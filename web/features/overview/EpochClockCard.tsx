'use client';
/**
 * The current epoch against the wall clock: progress to the mid-epoch cutoff
 * (voting end: the next committee is chosen and new stake starts counting for
 * E+2) and to the epoch's end, ticking every second.
 */
import { useEffect, useState } from 'react';
import { epochProgress, formatDuration } from '@tusk/shared/epochTiming';
import type { Json } from '../data/json.ts';
import type { ChainClock } from '../../server/queries/epochClock.ts';
import { Progress } from '../ui/Stat.tsx';
import { DateTime } from '../ui/Time.tsx';

/**
 * The current time, ticking. Starts from `initial` (the server's render time)
 * so the first client render matches the server's HTML exactly.
 */
export function useNow(initial: number, intervalMs = 1_000): number {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function EpochClockCard({ clock, serverNow }: { clock: Json<ChainClock>; serverNow: number }) {
  const now = useNow(serverNow);
  const start = clock.startedAt ? Date.parse(clock.startedAt) : null;
  if (start === null || clock.durationMs === null) {
    return (
      <section className="card" aria-labelledby="epoch-clock">
        <h2 id="epoch-clock" style={{ marginTop: 0 }}>
          Epoch {clock.epoch}
        </h2>
        <p className="muted">The epoch length is not known yet (it is measured once two epochs have begun).</p>
        <p>
          Voting end:{' '}
          {clock.votingEnded ? (
            <>
              passed (<DateTime value={clock.votingEndedAt} />)
            </>
          ) : (
            'not yet'
          )}
          .
        </p>
      </section>
    );
  }
  const progress = epochProgress({ startMs: start, durationMs: clock.durationMs }, now);
  const votingEnd = new Date(start + clock.durationMs / 2);
  const end = new Date(start + clock.durationMs);
  const passed = clock.votingEnded || progress.msToVotingEnd === 0;
  return (
    <section className="card" aria-labelledby="epoch-clock" data-testid="epoch-clock">
      <h2 id="epoch-clock" style={{ marginTop: 0 }}>
        Epoch {clock.epoch}
      </h2>
      <p className="muted" style={{ marginBottom: 0 }}>
        Started <DateTime value={clock.startedAt} />; epochs last {formatDuration(clock.durationMs)}
        {clock.durationKnown ? '' : ' (measured from recent epochs)'}.
      </p>
      <h3 style={{ marginTop: '0.9rem' }}>To the mid-epoch cutoff (voting end)</h3>
      <Progress
        value={progress.toVotingEnd}
        label="Progress to the mid-epoch cutoff"
        start={
          passed ? (
            <>
              Passed
              {clock.votingEndedAt ? (
                <>
                  {' '}
                  at <DateTime value={clock.votingEndedAt} />
                </>
              ) : null}
            </>
          ) : (
            <>in {formatDuration(progress.msToVotingEnd)}</>
          )
        }
        end={<DateTime value={votingEnd} prefix={passed ? '' : '≈ '} />}
      />
      <p className="hint">
        {passed
          ? `The committee for epoch ${clock.epoch + 1} is selected. Stake deposited now becomes active in epoch ${clock.epoch + 2}.`
          : `Stake deposited before the cutoff becomes active in epoch ${clock.epoch + 1}; after it, in epoch ${clock.epoch + 2}.`}
      </p>
      <h3 style={{ marginTop: '0.9rem' }}>To the end of the epoch</h3>
      <Progress
        value={progress.fraction}
        marker={0.5}
        label="Progress through the epoch"
        start={
          <>
            {progress.msToEnd > 0 ? `in ${formatDuration(progress.msToEnd)}` : 'due now (waiting for the epoch change)'}
          </>
        }
        end={<DateTime value={end} prefix="≈ " />}
      />
    </section>
  );
}
