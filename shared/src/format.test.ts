import { describe, expect, it } from 'vitest';
import {
  formatBps,
  formatBytes,
  formatPercent,
  formatWal,
  formatWalCompact,
  parseFrost,
  parsePercentToBps,
  parseWal,
  shortId,
} from './format.ts';
import { FROST_PER_WAL } from './protocol.ts';

const WAL = FROST_PER_WAL;

describe('parseWal', () => {
  it('reads whole and fractional WAL into exact FROST', () => {
    expect(parseWal('12')).toEqual({ ok: true, value: 12n * WAL });
    expect(parseWal('0.5')).toEqual({ ok: true, value: WAL / 2n });
    expect(parseWal('.25')).toEqual({ ok: true, value: WAL / 4n });
    expect(parseWal('1,000.000000001 WAL')).toEqual({ ok: true, value: 1000n * WAL + 1n });
    expect(parseWal('  7 wal ')).toEqual({ ok: true, value: 7n * WAL });
    expect(parseWal('18446744073.709551615')).toEqual({ ok: true, value: 2n ** 64n - 1n });
  });

  it('says what is wrong, naming the field and the input', () => {
    expect(parseWal('0.5', { label: 'stake', min: WAL })).toEqual({
      ok: false,
      error: 'stake must be at least 1 WAL (got 0.5)',
    });
    expect(parseWal('', { label: 'stake' })).toEqual({ ok: false, error: 'stake is required' });
    expect(parseWal('-3', { label: 'stake' })).toEqual({ ok: false, error: 'stake must be positive (got -3)' });
    expect(parseWal('0', { label: 'stake' })).toEqual({ ok: false, error: 'stake must be more than 0 WAL' });
    expect(parseWal('1.0000000001')).toEqual({
      ok: false,
      error: 'amount can have at most 9 decimals (got 1.0000000001)',
    });
    expect(parseWal('1e9')).toMatchObject({ ok: false, error: expect.stringContaining('must be a number of WAL') });
    expect(parseWal('abc')).toMatchObject({ ok: false, error: expect.stringContaining('(got "abc")') });
    expect(parseWal('.')).toMatchObject({ ok: false });
    expect(parseWal('18446744073.709551616')).toMatchObject({
      ok: false,
      error: expect.stringContaining('larger than any WAL amount'),
    });
    expect(parseWal('9'.repeat(40))).toMatchObject({ ok: false, error: expect.stringContaining('far too large') });
    expect(parseWal('20', { label: 'stake', max: 15n * WAL, maxLabel: 'your balance' })).toEqual({
      ok: false,
      error: 'stake must be at most 15 WAL (your balance) (got 20)',
    });
  });
});

describe('parseWal: commas and spaces', () => {
  it('reads commas between well-formed groups of three digits as thousands separators', () => {
    expect(parseWal('1,000')).toEqual({ ok: true, value: 1000n * WAL });
    expect(parseWal('12,345,678.5')).toEqual({ ok: true, value: 12_345_678n * WAL + WAL / 2n });
    expect(parseWal('999,999.999999999 WAL')).toEqual({ ok: true, value: 1_000_000n * WAL - 1n });
    expect(parseWal('+1,000')).toEqual({ ok: true, value: 1000n * WAL });
  });

  it('refuses "1,5" (never 15 WAL) and says to use a dot for decimals', () => {
    expect(parseWal('1,5', { label: 'withdrawal' })).toEqual({
      ok: false,
      error: 'withdrawal must use a dot for decimals: "1.5", not "1,5"',
    });
  });

  it('refuses "0,5" (never 5 WAL) with the dot form as the hint', () => {
    expect(parseWal('0,5')).toEqual({ ok: false, error: 'amount must use a dot for decimals: "0.5", not "0,5"' });
  });

  it('refuses "0,500": a group of three that starts with 0 is a decimal comma, not 500 WAL', () => {
    expect(parseWal('0,500')).toEqual({ ok: false, error: 'amount must use a dot for decimals: "0.500", not "0,500"' });
  });

  it('refuses "1.000,50" (never 1.0005 WAL), suggesting the dot form', () => {
    expect(parseWal('1.000,50 WAL', { label: 'stake' })).toEqual({
      ok: false,
      error: 'stake must use a dot for decimals: "1000.50", not "1.000,50"',
    });
  });

  it('refuses "1,00" and ",5"', () => {
    expect(parseWal('1,00')).toEqual({ ok: false, error: 'amount must use a dot for decimals: "1.00", not "1,00"' });
    expect(parseWal(',5')).toEqual({ ok: false, error: 'amount must use a dot for decimals: "0.5", not ",5"' });
  });

  it('refuses malformed groups without guessing what was meant', () => {
    for (const text of ['1000,000', '1,0000,000', '12,34,567', '1,000,00', '1,000.5,5', '1,,000', '1,000,', ',']) {
      expect(parseWal(text), text).toEqual({
        ok: false,
        error: `amount must use a dot for decimals, and commas only between groups of three digits like 1,000.5 (got "${text}")`,
      });
    }
  });

  it('refuses spaces inside the number instead of dropping them', () => {
    for (const text of ['1 5', '1 000', '1\u00a0000', '1\u202f000,5', '0. 5']) {
      expect(parseWal(text), text).toEqual({
        ok: false,
        error: `amount must have no spaces inside the number, like 1000 or 1,000 (got "${text}")`,
      });
    }
  });

  it('refuses underscores and a second dot', () => {
    expect(parseWal('1_000')).toMatchObject({ ok: false, error: expect.stringContaining('must be a number of WAL') });
    expect(parseWal('1,000.5.5')).toMatchObject({
      ok: false,
      error: expect.stringContaining('must be a number of WAL'),
    });
  });

  it('keeps the 9-decimal limit with thousands commas', () => {
    expect(parseWal('1,000.0000000001')).toEqual({
      ok: false,
      error: 'amount can have at most 9 decimals (got 1,000.0000000001)',
    });
  });
});

describe('parseFrost', () => {
  it('accepts decimal u64 strings and rejects anything else', () => {
    expect(parseFrost('123')).toEqual({ ok: true, value: 123n });
    expect(parseFrost('-1')).toMatchObject({ ok: false });
    expect(parseFrost('1.5')).toMatchObject({ ok: false });
    expect(parseFrost('18446744073709551616')).toMatchObject({
      ok: false,
      error: expect.stringContaining('larger than a u64'),
    });
  });
});

describe('formatWal', () => {
  it('rounds to 2 decimals with grouping by default', () => {
    expect(formatWal(1234567n * WAL + WAL / 2n)).toBe('1,234,567.50 WAL');
    expect(formatWal(0n)).toBe('0.00 WAL');
    expect(formatWal(5n * WAL + 5_000_000n)).toBe('5.01 WAL');
  });

  it('shows more decimals under 1 WAL and a floor for dust', () => {
    expect(formatWal(WAL / 3n)).toBe('0.3333 WAL');
    expect(formatWal(1n)).toBe('<0.0001 WAL');
  });

  it('is exact on request, trimming trailing zeros', () => {
    expect(formatWal(1000n * WAL + 1n, { exact: true })).toBe('1,000.000000001 WAL');
    expect(formatWal(2n * WAL, { exact: true, unit: false })).toBe('2');
  });

  it('marks signs for deltas', () => {
    expect(formatWal(-2n * WAL)).toBe('−2.00 WAL');
    expect(formatWal(2n * WAL, { signed: true })).toBe('+2.00 WAL');
  });

  it('round-trips through parseWal exactly', () => {
    for (const frost of [1n, WAL, 123456789012345678n, 2n ** 64n - 1n]) {
      const text = formatWal(frost, { exact: true });
      expect(parseWal(text)).toEqual({ ok: true, value: frost });
    }
  });
});

describe('other formats', () => {
  it('formats compact amounts, basis points, percentages, bytes and IDs', () => {
    expect(formatWalCompact(1_500_000n * WAL)).toBe('1.5M WAL');
    expect(formatWalCompact(12n * WAL)).toBe('12.00 WAL');
    expect(formatBps(500)).toBe('5%');
    expect(formatBps(1250)).toBe('12.5%');
    expect(formatBps(1)).toBe('0.01%');
    expect(formatPercent(0.0523)).toBe('5.23%');
    expect(formatPercent(null)).toBe('—');
    expect(formatBytes(1536n)).toBe('1.5 KiB');
    expect(formatBytes(5n * 2n ** 40n)).toBe('5.0 TiB');
    expect(shortId(`0x${'ab'.repeat(32)}`)).toBe('0xabab…abab');
  });

  it('parses percentages into basis points', () => {
    expect(parsePercentToBps('5')).toEqual({ ok: true, value: 500 });
    expect(parsePercentToBps('12.5%')).toEqual({ ok: true, value: 1250 });
    expect(parsePercentToBps('0.01')).toEqual({ ok: true, value: 1 });
    expect(parsePercentToBps('101', 'commission')).toEqual({
      ok: false,
      error: 'commission must be at most 100% (got 101%)',
    });
    expect(parsePercentToBps('1.234')).toMatchObject({ ok: false });
    expect(parsePercentToBps('-1')).toMatchObject({ ok: false });
  });
});
