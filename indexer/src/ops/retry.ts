/**
 * Retries with exponential backoff and full jitter: attempt n waits a random
 * time in [0, min(maxMs, baseMs * 2^n)], so many clients failing together
 * do not retry in lockstep. Used for RPC calls and database commits alike.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Attempts before giving up (Infinity: never give up). */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 100, maxMs: 10_000, maxAttempts: Infinity };

/** The wait before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

export interface RetryOptions {
  policy?: BackoffPolicy;
  signal?: AbortSignal;
  /** False for errors that will not go away by retrying (they are rethrown at once). */
  isRetryable?: (error: unknown) => boolean;
  /** Called before each wait, e.g. to log and count the retry. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `operation` until it succeeds, the error is not retryable, attempts run out, or `signal` aborts. */
export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const policy = options.policy ?? DEFAULT_BACKOFF;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      if (attempt + 1 >= policy.maxAttempts || !(options.isRetryable?.(error) ?? true)) throw error;
      const delay = backoffDelay(attempt, policy);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, undefined, { signal: options.signal });
    }
  }
}
