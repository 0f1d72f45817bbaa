import { describe, expect, it } from 'vitest';
import { encodedSize, sliverSize } from './encodedSize.ts';

// The same cases move/tusk/tests/blob_encoding_tests.move checks against tusk::encoding.
describe('encodedSize', () => {
  it('a 1000-byte blob over 10 shards takes 5700 bytes', () => {
    expect(sliverSize(1000n, 10n)).toBe(250n);
    expect(encodedSize(1000n, 10n)).toBe(5700n);
  });

  it('a 1 GiB blob over 1000 shards takes about 3 times its size', () => {
    expect(sliverSize(1n << 30n, 1000n)).toBe(3_214_796n);
    expect(encodedSize(1n << 30n, 1000n)).toBe(3_246_796_000n);
  });

  it('an empty blob still takes one symbol and the metadata on every shard', () => {
    expect(encodedSize(0n, 10n)).toBe(10n * (2n + 320n));
  });

  it('small committees', () => {
    expect(encodedSize(1000n, 1n)).toBe(1032n);
    expect(encodedSize(1000n, 4n)).toBe(4n * (500n + 128n));
  });

  it('rejects unknown encodings, no shards and sizes past u64 with a message', () => {
    expect(() => encodedSize(1000n, 10n, 1)).toThrow(/unknown encoding type 1/);
    expect(() => encodedSize(1000n, 0n)).toThrow(/at least 1 shard/);
    expect(() => encodedSize((1n << 64n) - 1n, 1000n)).toThrow(/does not fit in a u64/);
  });
});
