/**
 * Faster drop-ins for the BCS types every event is full of: 32-byte IDs
 * (`bcs.Address` from @mysten/sui) and u64/u128/u256 (@mysten/bcs). Same
 * bytes, same accepted inputs and the same errors for bad ones; IDs decode to
 * the same strings (`0x` + 64 lowercase hex digits). Integers decode to
 * `bigint` where the originals give decimal strings: amounts are bigint end to
 * end, and converting each field afterwards cost a string and a parse per
 * field. Only the common paths are rewritten; everything unusual is handed to
 * the original type.
 *
 * Why: the originals format an ID with a string `reduce` and `padStart` per
 * byte and read a u64 through hex strings and two BigInt parses; that was most
 * of the indexer's decoding time (and of the scenario generator's encoding
 * time). Browser-safe (no Buffer).
 */
import { bcs as bcsBase, BcsType, type BcsReader, type BcsWriter } from '@mysten/bcs';
import { bcs } from '@mysten/sui/bcs';

// --- IDs and addresses ---

/** Two ASCII hex digits per byte value, as char codes. */
const HEX_DIGITS = new Uint8Array(512);
/** The value of each lowercase ASCII hex digit, or 255 (normalized IDs are lowercase). */
const HEX_VALUES = new Uint8Array(128).fill(255);
for (let b = 0; b < 256; b++) {
  const hex = b.toString(16).padStart(2, '0');
  HEX_DIGITS[2 * b] = hex.charCodeAt(0);
  HEX_DIGITS[2 * b + 1] = hex.charCodeAt(1);
}
for (let d = 0; d < 16; d++) HEX_VALUES[d.toString(16).charCodeAt(0)] = d;

// One scratch line ("0x" + 64 digits) decoded to a string in one call: a flat
// string, far cheaper than 32 concatenations. Reads are synchronous, so one
// module-level buffer is safe.
const idChars = new Uint8Array(66);
idChars[0] = 0x30; // '0'
idChars[1] = 0x78; // 'x'
const ascii = new TextDecoder();

/** `0x` + 64 lowercase hex digits of 32 bytes: what `normalizeSuiAddress(toHex(bytes))` gives. */
export function idToHex(bytes: Uint8Array): string {
  for (let i = 0; i < 32; i++) {
    const b = bytes[i]! << 1;
    idChars[2 + 2 * i] = HEX_DIGITS[b]!;
    idChars[3 + 2 * i] = HEX_DIGITS[b + 1]!;
  }
  return ascii.decode(idChars);
}

/** Whether `value` is a normalized ID string: `0x` + 64 lowercase hex digits (a loop: cheaper than a regex here). */
function isNormalizedId(value: unknown): value is string {
  if (
    typeof value !== 'string' ||
    value.length !== 66 ||
    value.charCodeAt(0) !== 0x30 ||
    value.charCodeAt(1) !== 0x78
  ) {
    return false;
  }
  for (let i = 2; i < 66; i++) if ((HEX_VALUES[value.charCodeAt(i)] ?? 255) === 255) return false;
  return true;
}

const idBytes = new Uint8Array(32);

/** Writes the 32 bytes of a normalized ID string (through one scratch array: writes are synchronous). */
function writeNormalizedId(id: string, writer: BcsWriter): void {
  for (let i = 0; i < 32; i++) {
    idBytes[i] = (HEX_VALUES[id.charCodeAt(2 + 2 * i)]! << 4) | HEX_VALUES[id.charCodeAt(3 + 2 * i)]!;
  }
  writer.writeBytes(idBytes);
}

/**
 * A Sui address or object ID: `bcs.Address`, faster. The usual input (a
 * normalized `0x` + 64 hex string) and every read take the fast path; any
 * other input (short or upper-case hex, bytes, invalid values) goes through
 * `bcs.Address` itself, so it is accepted or refused exactly as before.
 */
export const Id: BcsType<string, string | Uint8Array, 'bytes[32]'> = new BcsType({
  name: 'bytes[32]',
  read: (reader: BcsReader) => idToHex(reader.readBytes(32)),
  write: (value: string | Uint8Array, writer: BcsWriter) => {
    if (isNormalizedId(value)) writeNormalizedId(value, writer);
    else bcs.Address.write(value, writer);
  },
  serializedSize: () => 32,
  validate: (value: string | Uint8Array) => {
    if (!isNormalizedId(value)) bcs.Address.validate(value);
  },
});

// --- Unsigned integers wider than 32 bits ---

type UintInput = string | number | bigint;
const TWO_POW_32 = 2 ** 32;

/** Reads `words` little-endian u32 words as one unsigned integer. */
function readWords(reader: BcsReader, words: number): bigint {
  const lo = reader.read32();
  const hi = reader.read32();
  // Below 2^53 the number is exact and one BigInt(number) is the cheapest
  // conversion; most u64 amounts and counters take this path.
  if (words === 2 && hi < 0x200000) return BigInt(hi * TWO_POW_32 + lo);
  let value = (BigInt(hi) << 32n) | BigInt(lo);
  for (let w = 2; w < words; w++) value |= BigInt(reader.read32()) << BigInt(32 * w);
  return value;
}

/** Writes `value` as `words` little-endian u32 words. */
function writeWords(writer: BcsWriter, value: UintInput, words: number): void {
  let rest = BigInt(value);
  for (let w = 0; w < words; w++) {
    writer.write32(Number(rest & 0xffffffffn));
    rest >>= 32n;
  }
}

/**
 * `base` (bcs.u64/u128/u256) with the same name and validation, reading and
 * writing 32-bit words, and decoding to `bigint`.
 */
function wideUint<Name extends string>(
  base: BcsType<string, UintInput, Name>,
  words: number,
): BcsType<bigint, UintInput, Name> {
  return new BcsType({
    name: base.name,
    read: (reader: BcsReader) => readWords(reader, words),
    write: (value: UintInput, writer: BcsWriter) => writeWords(writer, value, words),
    serializedSize: () => words * 4,
    validate: (value: UintInput) => base.validate(value),
  });
}

export const u64 = (): BcsType<bigint, UintInput, 'u64'> => wideUint(bcsBase.u64(), 2);
export const u128 = (): BcsType<bigint, UintInput, 'u128'> => wideUint(bcsBase.u128(), 4);
export const u256 = (): BcsType<bigint, UintInput, 'u256'> => wideUint(bcsBase.u256(), 8);
