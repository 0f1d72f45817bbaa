/**
 * Blob IDs, computed exactly as `tusk::blob::derive_blob_id` does on chain:
 * `blake2b256(bcs(encoding_type: u8, size: u64, root_hash: u256))`, the 32
 * digest bytes read as a little-endian u256. The ID commits to the encoding,
 * the unencoded size and the root of the sliver hashes.
 */
import { bcs } from '@mysten/sui/bcs';
import { blake2b } from '@noble/hashes/blake2.js';

/** Encoding type 0: Reed-Solomon over GF(2^16), one sliver per shard (see `encodedSize.ts`). */
export const REED_SOLOMON = 0;

const BlobIdPreimage = bcs.struct('BlobIdPreimage', {
  encoding_type: bcs.u8(),
  size: bcs.u64(),
  root_hash: bcs.u256(),
});

/** The blob ID of a blob of `size` unencoded bytes whose sliver hashes have root `rootHash`. */
export function blobId(encodingType: number, size: bigint, rootHash: bigint): bigint {
  const preimage = BlobIdPreimage.serialize({ encoding_type: encodingType, size, root_hash: rootHash }).toBytes();
  const digest = blake2b(preimage, { dkLen: 32 });
  return BigInt(bcs.u256().parse(digest));
}
