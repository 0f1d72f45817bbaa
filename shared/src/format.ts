/**
 * Amounts at the edge: WAL text typed by a person <-> bigint FROST, and FROST,
 * basis points, bytes and IDs -> text for people. Everything inside Tusk is
 * bigint FROST (1 WAL = 10^9 FROST); only these functions turn it into or out
 * of words. Parsing never throws: it returns a result whose error says what to
 * fix, e.g. "stake must be at least 1 WAL (got 0.5)".
 */
import { BPS_DENOMINATOR, FROST_PER_WAL, WAL_DECIMALS } from './protocol.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const U64_MAX = 2n ** 64n - 1n;

export interface ParseWalOptions {
  /** What the amount is, to start the error message: "stake", "deposit", "amount". */
  label?: string;
  /** Smallest accepted amount in FROST (inclusive). Default: anything above zero. */
  min?: bigint;
  /** Largest accepted amount in FROST (inclusive), e.g. the wallet balance. */
  max?: bigint;
  /** How to describe `max` in the error ("your balance", "the position"). */
  maxLabel?: string;
}

/**
 * Parses a WAL amount typed by a person ("12", "0.5", "1,000.25", "3 WAL")
 * into FROST. Rejects empty text, signs, exponents, more than 9 decimals,
 * zero, and anything outside [min, max] or beyond a u64.
 *
 * Nothing typed is dropped silently: a comma is read only as a thousands
 * separator between well-formed groups of three digits ("1,000",
 * "12,345,678.5"); any other comma ("1,5", "0,500", "1.000,50") is an error
 * asking for a dot as the decimal separator, since reading "1,5" as 15 WAL
 * would sign for ten times what was meant. Spaces inside the number ("1 5",
 * "1 000") are an error too.
 */
export function parseWal(text: string, options: ParseWalOptions = {}): Parsed<bigint> {
  const label = options.label ?? 'amount';
  const shown = text.trim().slice(0, 40);
  const number = text.trim().replace(/\s*WAL$/i, '');
  if (number === '') return { ok: false, error: `${label} is required` };
  if (number.startsWith('-')) return { ok: false, error: `${label} must be positive (got ${shown})` };
  if (/\s/.test(number)) {
    return { ok: false, error: `${label} must have no spaces inside the number, like 1000 or 1,000 (got "${shown}")` };
  }
  const ungrouped = withoutThousandsCommas(number, label);
  if (!ungrouped.ok) return ungrouped;
  const cleaned = ungrouped.value;
  const match = /^\+?(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    return { ok: false, error: `${label} must be a number of WAL like 12 or 0.5 (got "${shown}")` };
  }
  const whole = match[1] || '0';
  const fraction = match[2] ?? '';
  if (fraction.length > WAL_DECIMALS) {
    return { ok: false, error: `${label} can have at most ${WAL_DECIMALS} decimals (got ${shown})` };
  }
  if (whole.replace(/^0+/, '').length > 20) {
    return { ok: false, error: `${label} is far too large (got ${shown.slice(0, 24)}...)` };
  }
  const frost = BigInt(whole) * FROST_PER_WAL + BigInt(fraction.padEnd(WAL_DECIMALS, '0') || '0');
  if (frost === 0n) return { ok: false, error: `${label} must be more than 0 WAL` };
  if (frost > U64_MAX) return { ok: false, error: `${label} is larger than any WAL amount can be (got ${shown})` };
  if (options.min !== undefined && frost < options.min) {
    return {
      ok: false,
      error: `${label} must be at least ${formatWal(options.min, { exact: true })} (got ${formatWal(frost, { exact: true, unit: false })})`,
    };
  }
  if (options.max !== undefined && frost > options.max) {
    const of = options.maxLabel ? ` (${options.maxLabel})` : '';
    return {
      ok: false,
      error: `${label} must be at most ${formatWal(options.max, { exact: true })}${of} (got ${formatWal(frost, { exact: true, unit: false })})`,
    };
  }
  return { ok: true, value: frost };
}

/**
 * `number` without its thousands commas, if every comma sits between groups of
 * three digits of the whole part and the first group does not start with 0
 * ("1,000.5" -> "1000.5"). Otherwise an error that says to use a dot for
 * decimals, suggesting the likely intended number when there is one: "1,5"
 * -> "1.5", ",5" -> "0.5", "1.000,50" -> "1000.50".
 */
function withoutThousandsCommas(number: string, label: string): Parsed<string> {
  if (!number.includes(',')) return { ok: true, value: number };
  const body = number.replace(/^\+/, '');
  const [whole = '', ...fraction] = body.split('.');
  if (/^[1-9]\d{0,2}(,\d{3})+$/.test(whole) && fraction.every((part) => !part.includes(','))) {
    // Any second dot is left for the caller to reject.
    return { ok: true, value: number.replace(/,/g, '') };
  }
  let suggestion: string | null = null;
  const decimalComma = /^(\d*),(\d+)$/.exec(body);
  const dottedThousands = /^(\d{1,3}(?:\.\d{3})+),(\d+)$/.exec(body);
  // "1000,000" and "0001,000" may be a slip in grouping rather than a decimal comma: no guess then.
  if (decimalComma && (decimalComma[2]!.length !== 3 || /^0*$/.test(decimalComma[1]!))) {
    suggestion = `${decimalComma[1] || '0'}.${decimalComma[2]}`;
  } else if (dottedThousands) {
    suggestion = `${dottedThousands[1]!.replace(/\./g, '')}.${dottedThousands[2]}`;
  }
  return {
    ok: false,
    error: suggestion
      ? `${label} must use a dot for decimals: "${suggestion}", not "${body.slice(0, 40)}"`
      : `${label} must use a dot for decimals, and commas only between groups of three digits like 1,000.5 (got "${body.slice(0, 40)}")`,
  };
}

/**
 * Parses a FROST amount written as a decimal string (the JSON form of every
 * amount Tusk serves) into a bigint.
 */
export function parseFrost(text: string, label = 'amount'): Parsed<bigint> {
  if (!/^\d{1,20}$/.test(text))
    return { ok: false, error: `${label} must be a whole number of FROST (got "${text.slice(0, 30)}")` };
  const value = BigInt(text);
  if (value > U64_MAX) return { ok: false, error: `${label} is larger than a u64 (got ${text})` };
  return { ok: true, value };
}

export interface FormatWalOptions {
  /** Show every significant decimal (up to 9) instead of rounding. */
  exact?: boolean;
  /** Decimals to round to when not exact (default 2, more for amounts under 1 WAL). */
  decimals?: number;
  /** Append " WAL" (default true). */
  unit?: boolean;
  /** Group thousands with commas (default true). */
  group?: boolean;
  /** Prefix positive amounts with "+" (for changes). */
  signed?: boolean;
}

/** FROST -> "1,234.56 WAL". Negative amounts (losses, deltas) get a leading "−". */
export function formatWal(frost: bigint, options: FormatWalOptions = {}): string {
  const negative = frost < 0n;
  const abs = negative ? -frost : frost;
  let decimals: number;
  if (options.exact) decimals = WAL_DECIMALS;
  else if (options.decimals !== undefined) decimals = Math.max(0, Math.min(WAL_DECIMALS, options.decimals));
  else decimals = abs !== 0n && abs < FROST_PER_WAL ? 4 : 2;

  const scale = 10n ** BigInt(WAL_DECIMALS - decimals);
  // Round half up at the chosen precision.
  const rounded = ((abs + scale / 2n) / scale) * scale;
  let whole = (rounded / FROST_PER_WAL).toString();
  let fraction = (rounded % FROST_PER_WAL).toString().padStart(WAL_DECIMALS, '0').slice(0, decimals);
  if (options.exact) fraction = fraction.replace(/0+$/, '');
  if (options.group !== false) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let text = fraction ? `${whole}.${fraction}` : whole;
  if (abs !== 0n && rounded === 0n) text = `<${decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`}`;
  const sign = negative ? '−' : options.signed && abs !== 0n ? '+' : '';
  return `${sign}${text}${options.unit === false ? '' : ' WAL'}`;
}

/** FROST -> a JS number of WAL, for charts only (loses precision past 2^53 FROST). */
export function frostToWalNumber(frost: bigint): number {
  return Number(frost / 1000n) / 1e6;
}

/** FROST -> compact text for tight spaces: "1.2M WAL", "950.3K WAL", "12.5 WAL". */
export function formatWalCompact(frost: bigint): string {
  const wal = frostToWalNumber(frost < 0n ? -frost : frost);
  const sign = frost < 0n ? '−' : '';
  const units: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) {
    if (wal >= size) return `${sign}${(wal / size).toFixed(wal / size >= 100 ? 0 : 1)}${suffix} WAL`;
  }
  return `${sign}${formatWal(frost < 0n ? -frost : frost)}`;
}

/** Basis points -> "5%" / "12.5%" / "0.01%". */
export function formatBps(bps: number | bigint): string {
  const value = Number(bps);
  const percent = value / 100;
  return `${Number.isInteger(percent) ? percent.toString() : percent.toFixed(2).replace(/0$/, '')}%`;
}

/**
 * Parses a percentage typed by a person ("5", "5%", "12.5") into basis points
 * (0..10,000), e.g. for a commission rate.
 */
export function parsePercentToBps(text: string, label = 'rate'): Parsed<number> {
  const cleaned = text.trim().replace(/%$/, '').trim();
  if (cleaned === '') return { ok: false, error: `${label} is required` };
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(cleaned)) {
    return {
      ok: false,
      error: `${label} must be a percentage with at most 2 decimals, like 5 or 12.5 (got "${text.trim().slice(0, 20)}")`,
    };
  }
  const [whole, fraction = ''] = cleaned.split('.');
  const bps = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (bps > Number(BPS_DENOMINATOR)) return { ok: false, error: `${label} must be at most 100% (got ${cleaned}%)` };
  return { ok: true, value: bps };
}

/** A ratio (0.0523) -> "5.23%"; `null`/non-finite -> "—". */
export function formatPercent(ratio: number | null | undefined, decimals = 2): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(decimals)}%`;
}

/** Bytes -> "1.5 GiB" (binary units, as storage is priced per MiB). */
export function formatBytes(bytes: bigint | number): string {
  const value = Number(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let unit = 0;
  let scaled = value;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? scaled.toString() : scaled.toFixed(scaled >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** A long hex ID -> "0x1234…cdef" for display (the full ID goes in a title / copy button). */
export function shortId(id: string, keep = 4): string {
  const hex = id.startsWith('0x') ? id.slice(2) : id;
  if (hex.length <= keep * 2 + 1) return id;
  return `0x${hex.slice(0, keep)}…${hex.slice(-keep)}`;
}

/** A count with thousands separators: 1234567 -> "1,234,567". */
export function formatCount(value: number | bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
