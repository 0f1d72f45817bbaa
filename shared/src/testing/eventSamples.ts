/**
 * Deterministic sample values for every Tusk event, derived from the Move
 * struct declarations so that a new event or field gets samples without
 * editing this file. Two variants per event exercise the edges of BCS:
 * variant 0 uses maximum integers, large u256s, unicode strings, non-empty
 * vectors and `Some`; variant 1 uses zeros, empty strings and vectors, `None`.
 * The values are valid inputs to the schemas of `shared/src/events.ts`.
 */
import { createHash } from 'node:crypto';
import type { MoveStruct, MoveType } from './moveStructs.ts';

/** A sample value: numbers (u8..u32), bigints (u64..u256), 0x-hex IDs, strings, bytes, arrays, null, objects. */
export type SampleValue =
  number | bigint | boolean | string | Uint8Array | null | SampleValue[] | { [field: string]: SampleValue };

export type SampleVariant = 0 | 1;
export const sampleVariants: readonly SampleVariant[] = [0, 1];

const MAX = { u8: 0xff, u16: 0xffff, u32: 0xffff_ffff } as const;
const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const U256_MAX = (1n << 256n) - 1n;
const UNICODE = ['Tusk 🐘 naïve — 象牙', 'Ωmega ☃ ünïcødé ✓', 'ノード 🚀 Zürich'];

/** Sample values for `struct`, resolving nested structs in `structs`. */
export function sampleStruct(
  struct: MoveStruct,
  structs: ReadonlyMap<string, MoveStruct>,
  variant: SampleVariant,
): { [field: string]: SampleValue } {
  const value: { [field: string]: SampleValue } = {};
  struct.fields.forEach((field, index) => {
    value[field.name] = sampleOf(field.type, structs, variant, `${struct.name}.${field.name}`, index);
  });
  return value;
}

function sampleOf(
  type: MoveType,
  structs: ReadonlyMap<string, MoveStruct>,
  variant: SampleVariant,
  label: string,
  index: number,
): SampleValue {
  const zero = variant === 1;
  switch (type.kind) {
    case 'u8':
    case 'u16':
    case 'u32':
      // Alternate the maximum with a mid value so byte order errors show.
      return zero ? 0 : index % 2 === 0 ? MAX[type.kind] : Math.floor(MAX[type.kind] / 3);
    case 'u64':
      if (zero) return index % 2 === 0 ? 0n : 1n;
      return [U64_MAX, 0x0123_4567_89ab_cdefn, 5_000_000_000n * 1_000_000_000n][index % 3]!;
    case 'u128':
      return zero ? 0n : U128_MAX - BigInt(index);
    case 'u256':
      if (zero) return 0n;
      return index % 2 === 0 ? U256_MAX : BigInt(`0x${digest(label, 32)}`);
    case 'bool':
      return zero ? false : true;
    case 'address':
    case 'ID':
      return `0x${digest(`${label}#${variant}`, 32)}`;
    case 'String':
      return zero ? '' : UNICODE[index % UNICODE.length]!;
    case 'vector': {
      if (type.of.kind === 'u8') return zero ? new Uint8Array() : new Uint8Array(Buffer.from(digest(label, 48), 'hex'));
      if (zero) return [];
      return [0, 1, 2].map((i) => sampleOf(type.of, structs, variant, `${label}[${i}]`, index + i));
    }
    case 'option':
      return zero ? null : sampleOf(type.of, structs, variant, `${label}?`, index);
    case 'struct': {
      const nested = structs.get(type.name);
      if (!nested) throw new Error(`${label}: struct ${type.name} is not declared in the events module`);
      const value: { [field: string]: SampleValue } = {};
      nested.fields.forEach((field, i) => {
        value[field.name] = sampleOf(field.type, structs, variant, `${label}.${field.name}`, index + i);
      });
      return value;
    }
  }
}

/** The first `bytes` bytes of sha256(label), as hex. */
function digest(label: string, bytes: number): string {
  let out = '';
  for (let i = 0; out.length < bytes * 2; i++) {
    out += createHash('sha256').update(`${label}/${i}`).digest('hex');
  }
  return out.slice(0, bytes * 2);
}
