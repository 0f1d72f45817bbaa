import { describe, expect, it } from 'vitest';
import { backoffDelay, retry } from './retry.ts';

describe('retry with backoff', () => {
  it('waits a jittered, exponentially growing, capped delay', () => {
    const policy = { baseMs: 100, maxMs: 1_000, maxAttempts: Infinity };
    expect(backoffDelay(0, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
    expect(backoffDelay(20, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(5, policy, () => 0)).toBe(0);
  });

  it('retries until success and reports each retry', async () => {
    const seen: number[] = [];
    const result = await retry(
      async (attempt) => {
        if (attempt < 3) throw new Error(`fail ${attempt}`);
        return 'ok';
      },
      { policy: { baseMs: 1, maxMs: 2, maxAttempts: 10 }, onRetry: (_e, attempt) => seen.push(attempt) },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('gives up at once on an error that retrying cannot fix, and after the last attempt otherwise', async () => {
    let calls = 0;
    const permanent = retry(async () => (calls++, Promise.reject(new Error('bad request'))), {
      isRetryable: () => false,
    });
    await expect(permanent).rejects.toThrow('bad request');
    expect(calls).toBe(1);
    const exhausted = retry(async () => Promise.reject(new Error('down')), {
      policy: { baseMs: 1, maxMs: 1, maxAttempts: 3 },
    });
    await expect(exhausted).rejects.toThrow('down');
  });

  it('stops waiting when aborted', async () => {
    const abort = new AbortController();
    const pending = retry(async () => Promise.reject(new Error('down')), {
      policy: { baseMs: 10_000, maxMs: 10_000, maxAttempts: Infinity },
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(new Error('shutdown')), 20);
    await expect(pending).rejects.toThrow();
  });
});
