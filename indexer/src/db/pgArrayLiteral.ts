/**
 * PostgreSQL array literals (`{1,"a b",NULL}`) built in JavaScript, so that a
 * whole column of a batch travels as ONE text bind parameter and is cast on
 * the server (`$1::numeric(39, 0)[]`). This is what makes
 * `INSERT ... SELECT * FROM unnest(...)` fast and driver-independent: PGlite and
 * node-postgres serialize typed JS arrays differently, a string they agree on.
 *
 * This runs for every value the indexer writes, so it avoids regexes and
 * intermediate arrays on the common paths (hex IDs, numbers, shared timestamps).
 */

/** A value a driver would send for one column. */
export type DriverValue = string | number | bigint | boolean | Date | Uint8Array | null | undefined;

/** One array element. Strings are always quoted; numbers and booleans are bare. */
export function arrayElement(value: DriverValue): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? String(value) : `"${String(value)}"`;
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 't' : 'f';
    case 'string':
      return quote(value);
  }
  if (value instanceof Date) return `"${isoOf(value)}"`;
  // bytea in hex format; the backslash is itself escaped inside a quoted element.
  return `"\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}"`;
}

function quote(text: string): string {
  // Hex IDs and names rarely hold a quote or backslash: skip the replace then.
  if (text.includes('"') || text.includes('\\')) return `"${text.replace(/[\\"]/g, '\\$&')}"`;
  return `"${text}"`;
}

// Rows of one checkpoint share its timestamp: format it once.
let lastTime = Number.NaN;
let lastIso = '';
/** `date.toISOString()`, remembered for the last date (rows of a checkpoint share one). */
export function isoOf(date: Date): string {
  const time = date.getTime();
  if (time !== lastTime) {
    lastTime = time;
    lastIso = date.toISOString();
  }
  return lastIso;
}

/** The literal of a one-dimensional array. */
export function arrayLiteral(values: readonly DriverValue[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += arrayElement(values[i]);
  }
  return out + '}';
}

/** The literal of column `key` of `rows`, without building the column first. */
export function columnLiteral(
  rows: readonly Record<string, unknown>[],
  key: string,
  toDriver?: (value: unknown) => DriverValue,
): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) out += ',';
    const value = rows[i]![key];
    out += arrayElement(toDriver && value !== null && value !== undefined ? toDriver(value) : (value as DriverValue));
  }
  return out + '}';
}
