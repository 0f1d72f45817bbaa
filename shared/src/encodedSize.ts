/**
 * Encoded sizes, computed exactly as `tusk::encoding::encoded_size` does on
 * chain (see that module for the code): over `n` shards with `f = (n - 1) / 3`
 * possibly faulty, a blob is cut into `k = n - 2f` source slivers, each shard
 * stores one sliver of `2 * max(1, ceil(size / 2k))` bytes plus `32 * n` bytes
 * of metadata (a hash per shard's sliver), so `encoded = n * (sliver + 32n)`.
 * Storage must cover the encoded size and prices are charged on it.
 */
import { REED_SOLOMON } from './blobId.ts';

const SYMBOL_BYTES = 2n;
const HASH_BYTES = 32n;
const MAX_U64 = (1n << 64n) - 1n;

/** Bytes of the sliver each of `nShards` shards stores for a blob of `size` bytes. */
export function sliverSize(size: bigint, nShards: bigint): bigint {
  if (nShards <= 0n) throw new Error(`a blob is encoded over at least 1 shard (got ${nShards})`);
  const sourceSlivers = nShards - 2n * ((nShards - 1n) / 3n);
  const rowBytes = sourceSlivers * SYMBOL_BYTES;
  const rows = (size + rowBytes - 1n) / rowBytes;
  return (rows === 0n ? 1n : rows) * SYMBOL_BYTES;
}

/** Total bytes stored over `nShards` shards for a blob of `size` unencoded bytes. */
export function encodedSize(size: bigint, nShards: bigint, encodingType: number = REED_SOLOMON): bigint {
  if (encodingType !== REED_SOLOMON) {
    throw new Error(`unknown encoding type ${encodingType}: only ${REED_SOLOMON} (Reed-Solomon) is supported`);
  }
  const total = nShards * (sliverSize(size, nShards) + HASH_BYTES * nShards);
  if (total > MAX_U64) throw new Error(`the encoded size of a ${size}-byte blob does not fit in a u64`);
  return total;
}
