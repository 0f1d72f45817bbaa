import { bcs as bcsBase } from '@mysten/bcs';
import { bcs } from '@mysten/sui/bcs';
import { describe, expect, it } from 'vitest';
import { Id, u128, u256, u64 } from './bcsPrimitives.ts';

/** What `type.serialize(value)` does: the bytes, or the error message. */
function encode(type: { serialize(v: never): { toBytes(): Uint8Array } }, value: unknown): Uint8Array | string {
  try {
    return type.serialize(value as never).toBytes();
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

function decode(type: { parse(b: Uint8Array<ArrayBuffer>): unknown }, bytes: Uint8Array<ArrayBuffer>): unknown {
  try {
    return type.parse(bytes);
  } catch (error) {
    return `${(error as Error).name}`;
  }
}

let seed = 12345;
function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out[i] = seed >>> 24;
  }
  return out;
}

describe('Id', () => {
  it('decodes to the same strings as bcs.Address', () => {
    const samples = [
      new Uint8Array(32),
      new Uint8Array(32).fill(255),
      ...Array.from({ length: 200 }, () => randomBytes(32)),
    ];
    for (const bytes of samples) expect(Id.parse(bytes)).toBe(bcs.Address.parse(bytes));
  });

  it('accepts, encodes and refuses the same inputs as bcs.Address', () => {
    const full = bcs.Address.parse(randomBytes(32));
    const inputs: unknown[] = [
      full,
      full.toUpperCase(),
      '0X' + full.slice(2),
      full.slice(2),
      '0x1',
      '0x2',
      'abc',
      '0x',
      '0x' + '0'.repeat(64),
      '0x' + 'f'.repeat(65),
      '0x' + 'g'.repeat(64),
      '0x0x1',
      '',
      ' 0x1',
      randomBytes(32),
      Array.from(randomBytes(32)),
      randomBytes(31),
      null,
      7,
    ];
    for (const input of inputs) expect(encode(Id, input), String(input)).toEqual(encode(bcs.Address, input));
  });

  it('reads the same bytes as bcs.Address from inside a larger buffer', () => {
    const buffer = randomBytes(100);
    expect(Id.parse(buffer.subarray(10, 42))).toBe(bcs.Address.parse(buffer.subarray(10, 42)));
    expect(decode(Id, new Uint8Array(31))).toBe(decode(bcs.Address, new Uint8Array(31)));
  });
});

describe.each([
  ['u64', u64(), bcsBase.u64(), 64],
  ['u128', u128(), bcsBase.u128(), 128],
  ['u256', u256(), bcsBase.u256(), 256],
] as const)('%s', (name, fast, base, bits) => {
  const max = (1n << BigInt(bits)) - 1n;

  it(`decodes to bigints equal to bcsBase.${name}'s decimal strings`, () => {
    const samples = [new Uint8Array(bits / 8), new Uint8Array(bits / 8).fill(255)];
    for (let i = 0; i < 300; i++) {
      const bytes = randomBytes(bits / 8);
      // Small values too (the number fast path), not only full-width ones.
      bytes.fill(0, 1 + (i % (bits / 8)));
      samples.push(bytes);
    }
    for (const bytes of samples) expect(fast.parse(bytes)).toBe(BigInt(base.parse(bytes)));
    expect(fast.parse(new Uint8Array(bits / 8).fill(255))).toBe(max);
    expect(decode(fast, new Uint8Array(bits / 8 - 1))).toBe(decode(base, new Uint8Array(bits / 8 - 1)));
  });

  it('decodes values around 2^53, where the exact-number fast path ends, exactly', () => {
    for (const value of [2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n + 12345n, 2n ** 64n - 1n]) {
      expect(fast.parse(base.serialize(value).toBytes())).toBe(value);
    }
  });

  it(`encodes and refuses the same inputs as bcsBase.${name}`, () => {
    const inputs: unknown[] = [
      0,
      1,
      255,
      2 ** 32,
      2 ** 53 - 1,
      '12345678901234567890',
      0n,
      max,
      max + 1n,
      -1,
      -1n,
      '1.5',
      'x',
      1.5,
      2n ** 63n,
    ];
    for (const input of inputs) expect(encode(fast, input), String(input)).toEqual(encode(base, input));
    expect(fast.name).toBe(base.name);
  });
});
