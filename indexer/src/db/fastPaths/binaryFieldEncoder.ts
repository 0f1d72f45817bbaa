/**
 * How one non-NULL value of each column type we store is written in
 * PostgreSQL's binary COPY format: an int32 byte length, then the bytes the
 * type's `*_recv` function reads (big-endian; no text for the server to
 * parse). A column's encoder is picked once from its SQL type, so no value is
 * dispatched on its JS type; each encoder still checks that its value has the
 * JS type it expects, because a value of another type would otherwise go out
 * as bytes the server reads as something else.
 *
 * Types outside this list have no encoder: `writeRows` then appends with
 * INSERT instead of COPY (array columns, a future json or custom type).
 */
import type { CopyBuffer } from './copyBuffer.ts';

/** Writes one non-NULL value of a column; throws a TypeError naming what it expected if the value has the wrong type. */
export type FieldEncoder = (out: CopyBuffer, value: unknown) => void;

/** The binary COPY encoder for a column of SQL type `sqlType` (drizzle's `column.getSQLType()`), if we have one. */
export function binaryFieldEncoder(sqlType: string): FieldEncoder | undefined {
  // Our amounts and IDs are integers in numeric(p, 0); a scale would need fractional digits we never write.
  if (/^numeric\(\d+, ?0\)$/.test(sqlType)) return numeric;
  return encoders.get(sqlType);
}

const TWO_63 = 2 ** 63;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix milliseconds. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);

const text: FieldEncoder = (out, value) => {
  if (typeof value !== 'string') throw wrongType('a string', value);
  out.utf8WithLength(value);
};

const int4: FieldEncoder = (out, value) => {
  // `| 0` keeps a number only if it is an integer in int32 range.
  if (typeof value !== 'number' || (value | 0) !== value) throw wrongType('an integer number in int4 range', value);
  out.int32(4);
  out.int32(value);
};

/** int8 columns hold epochs (JS `number`) and checkpoints (JS `bigint`): both are taken, in range. */
const int8: FieldEncoder = (out, value) => {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < -TWO_63 || value >= TWO_63) {
      throw wrongType('an integer in int8 range', value);
    }
    out.int32(8);
    out.int64(value);
    return;
  }
  if (typeof value !== 'bigint' || value < INT64_MIN || value > INT64_MAX) {
    throw wrongType('an integer in int8 range (number or bigint)', value);
  }
  out.int32(8);
  out.bigInt64(value);
};

const bool: FieldEncoder = (out, value) => {
  if (typeof value !== 'boolean') throw wrongType('a boolean', value);
  out.int32(1);
  out.byte(value ? 1 : 0);
};

const float8: FieldEncoder = (out, value) => {
  if (typeof value !== 'number') throw wrongType('a number', value);
  out.int32(8);
  out.float64(value);
};

const bytea: FieldEncoder = (out, value) => {
  if (!(value instanceof Uint8Array)) throw wrongType('a Uint8Array', value);
  out.int32(value.length);
  out.raw(value);
};

/** Microseconds since 2000-01-01 UTC as int8 (PostgreSQL's integer timestamps, the only kind since 10). */
const timestamptz: FieldEncoder = (out, value) => {
  if (!(value instanceof Date)) throw wrongType('a Date', value);
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw wrongType('a valid Date', value);
  const micros = (ms - POSTGRES_EPOCH_MS) * 1000;
  out.int32(8);
  // Exact as a double within ~285 years of 2000; further out, multiply as a bigint. The server checks the range.
  if (Number.isSafeInteger(micros)) out.int64(micros);
  else out.bigInt64(BigInt(ms - POSTGRES_EPOCH_MS) * 1000n);
};

const encoders = new Map<string, FieldEncoder>([
  ['text', text],
  ['integer', int4],
  ['bigint', int8],
  ['boolean', bool],
  ['double precision', float8],
  ['bytea', bytea],
  ['timestamp with time zone', timestamptz],
]);

const NUMERIC_POSITIVE = 0x0000;
const NUMERIC_NEGATIVE = 0x4000;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** 10^12 = 10000^3: a bigint is cut into pieces of three base-10000 digits, each exact as a double. */
const PIECE = 10n ** 12n;
/** numeric's weight (index of the leading base-10000 digit) is an int16. */
const MAX_NUMERIC_DIGITS = 32_768;
/** Base-10000 digits of the value being encoded, least significant first (reused: encoding is synchronous). */
const digits: number[] = [];

/**
 * A bigint as binary numeric: int16 ndigits, weight, sign and dscale, then
 * ndigits base-10000 digits, most significant first, where the value is
 * sum(digit[i] * 10000^(weight - i)). Like the server's own `numeric_send`,
 * zero has no digits and trailing zero digits are left out (weight says where
 * the value ends), and dscale is 0 (an integer). The column's precision is
 * checked by the server on receipt ("numeric field overflow").
 */
const numeric: FieldEncoder = (out, value) => {
  if (typeof value !== 'bigint') throw wrongType('a bigint', value);
  const negative = value < 0n;
  let rest = negative ? -value : value;
  let count = 0;
  // Above 2^53, cut off pieces as bigints; most amounts are below it, and allocate no bigint at all.
  while (rest > MAX_SAFE) {
    count = pushDigits(Number(rest % PIECE), count, 3);
    rest /= PIECE;
  }
  count = pushDigits(Number(rest), count, 4);
  // The top piece may start with zero digits: the value's first digit is its last non-zero one.
  while (count > 0 && digits[count - 1] === 0) count--;
  if (count > MAX_NUMERIC_DIGITS) throw wrongType('a bigint within numeric range', value);
  let low = 0;
  while (low < count && digits[low] === 0) low++;
  const ndigits = count - low;
  out.int32(8 + 2 * ndigits);
  out.int16(ndigits);
  out.int16(count === 0 ? 0 : count - 1);
  out.int16(negative ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
  out.int16(0);
  for (let i = count - 1; i >= low; i--) out.int16(digits[i]!);
};

/**
 * Appends the `n` lowest base-10000 digits of `value` (a safe integer below
 * 10000^n, n <= 4) at `digits[count]`, returning the new count. Halving it at
 * 10^8 first keeps the arithmetic on int32-sized numbers, much cheaper than a
 * remainder of a large double.
 */
function pushDigits(value: number, count: number, n: number): number {
  const high = Math.floor(value / 100_000_000);
  const low = value - high * 100_000_000;
  const lowUpper = (low / 10_000) | 0;
  digits[count++] = low - lowUpper * 10_000;
  digits[count++] = lowUpper;
  const highUpper = (high / 10_000) | 0;
  digits[count++] = high - highUpper * 10_000;
  if (n === 4) digits[count++] = highUpper;
  return count;
}

function wrongType(expected: string, value: unknown): TypeError {
  return new TypeError(`expected ${expected}, got ${describe(value)}`);
}

/** A value's type and, for short primitives, the value: enough to find it without dumping a large one. */
function describe(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'bigint':
      return `bigint ${value}n`;
    case 'string':
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
    case 'object':
      return value === null ? 'null' : `object ${value.constructor?.name ?? 'without prototype'}`;
    default:
      return typeof value;
  }
}
