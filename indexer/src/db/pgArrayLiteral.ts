/**
 * PostgreSQL array literals (`{1,"a b",NULL}`) built in JavaScript, so that a
 * whole column of a batch travels as ONE text bind parameter and is cast on
 * the server (`$1::numeric(39, 0)[]`). This is what makes
 * `INSERT ... SELECT * FROM unnest(...)` fast and driver-independent: PGlite and
 * node-postgres serialize typed JS arrays differently, a string they agree on.
 */

/** A value a driver would send for one column (after drizzle's mapToDriverValue). */
export type DriverValue = string | number | bigint | boolean | Date | Uint8Array | null | undefined;

/** One array element. Strings are always quoted; numbers and booleans are bare. */
export function arrayElement(value: DriverValue): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) return `"${String(value)}"`;
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 't' : 'f';
    case 'string':
      return quote(value);
  }
  if (value instanceof Date) return quote(value.toISOString());
  // bytea in hex format; the backslash is itself escaped inside a quoted element.
  return `"\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}"`;
}

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
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
