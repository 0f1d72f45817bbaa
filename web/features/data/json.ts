/**
 * The JSON form of Tusk data, shared by the `/api/v1` responses, the props a
 * server page hands to its client view, and the client that reads them back:
 * bigint amounts become decimal strings (never JS numbers, which lose FROST),
 * dates become ISO strings, bytes become 0x-hex.
 */

export type Json<T> = T extends bigint
  ? string
  : T extends Date
    ? string
    : T extends Uint8Array
      ? string
      : T extends (infer U)[]
        ? Json<U>[]
        : T extends readonly (infer U)[]
          ? readonly Json<U>[]
          : T extends object
            ? { [K in keyof T]: Json<T[K]> }
            : T;

export function toJson<T>(value: T): Json<T> {
  return convert(value) as Json<T>;
}

function convert(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array)
    return `0x${Array.from(value, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  if (Array.isArray(value)) return value.map(convert);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = convert(inner);
    return out;
  }
  return value;
}

/** A JSON amount (decimal string) back to bigint FROST; null stays null. */
export function big(value: string): bigint;
export function big(value: string | null | undefined): bigint | null;
export function big(value: string | null | undefined): bigint | null {
  return value === null || value === undefined ? null : BigInt(value);
}
