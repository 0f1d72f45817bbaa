import { describe, expect, it } from 'vitest';
import { positionValue, rateAsNumber, sharesFor, walFor } from './exchangeRate.ts';

describe('exchange rate', () => {
  it('values a position by the growth of its pool rate since activation', () => {
    const activation = { wal: 100n, shares: 100n };
    const now = { wal: 110n, shares: 100n };
    expect(positionValue(1_000n, activation, now)).toBe(1_100n);
  });

  it('rounds down at both conversions, as the pool does', () => {
    expect(sharesFor(10n, { wal: 3n, shares: 1n })).toBe(3n);
    expect(walFor(3n, { wal: 3n, shares: 1n })).toBe(9n);
  });

  it('loses value through a slash that lowers the rate', () => {
    expect(positionValue(1_000n, { wal: 1n, shares: 1n }, { wal: 99n, shares: 100n })).toBe(990n);
  });

  it('treats an empty pool rate as 1:1', () => {
    expect(positionValue(5n, { wal: 0n, shares: 0n }, { wal: 0n, shares: 0n })).toBe(5n);
    expect(rateAsNumber({ wal: 3n, shares: 2n })).toBe(1.5);
    expect(rateAsNumber({ wal: 3n, shares: 0n })).toBeNull();
  });
});
