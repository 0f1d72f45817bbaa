/**
 * Byte formats of the storage side, as `tusk::encoding`, `tusk::blob` and
 * `tusk::messages` define them (move/tusk/API.md): encoded sizes, blob IDs,
 * and the certificate messages nodes sign, with the parsing and aborts of
 * `messages::certified_blob_message` / `invalid_blob_id_message`.
 */
import { bcs } from '@mysten/sui/bcs';
import { normalizeSuiAddress, toHex } from '@mysten/sui/utils';
import { blake2b256 } from '../ids.ts';
import { check } from './aborts.ts';

const MAX_U64 = (1n << 64n) - 1n;

/** `encoding::encoded_size`: n * (2 * max(1, ceil(size / 2k)) + 32 n), k = n - 2 * floor((n - 1) / 3). */
export function encodedSize(size: bigint, encodingType: number, nShards: bigint): bigint {
  check(encodingType === 0, 'encoding', 'EUnsupportedEncoding', 'encoded_size');
  check(nShards > 0n, 'encoding', 'ENoShards', 'max_faulty_shards');
  const k = nShards - 2n * ((nShards - 1n) / 3n);
  const rowBytes = k * 2n;
  let rows = (size + rowBytes - 1n) / rowBytes;
  if (rows === 0n) rows = 1n;
  const total = (rows * 2n + 32n * nShards) * nShards;
  check(total <= MAX_U64, 'encoding', 'EBlobTooLarge', 'encoded_size');
  return total;
}

/** `blob::derive_blob_id`: blake2b256(bcs(encoding_type, size, root_hash)) as a little-endian u256. */
export function deriveBlobId(encodingType: number, size: bigint, rootHash: bigint): bigint {
  const preimage = bcs
    .struct('BlobIdPreimage', { encoding_type: bcs.u8(), size: bcs.u64(), root_hash: bcs.u256() })
    .serialize({ encoding_type: encodingType, size, root_hash: rootHash })
    .toBytes();
  return BigInt(`0x${toHex(blake2b256(preimage).reverse())}`);
}

const HEADER_LENGTH = 7;

function readHeader(message: Uint8Array, intentType: number, fn: string): number {
  check(message.length >= HEADER_LENGTH, 'messages', 'EMalformedMessage', 'peel_header');
  check(message[0] === intentType && message[1] === 0 && message[2] === 3, 'messages', 'EWrongIntent', 'peel_header');
  void fn;
  return new DataView(message.buffer, message.byteOffset).getUint32(3, true);
}

function readU256(message: Uint8Array, offset: number): bigint {
  return BigInt(`0x${toHex(message.slice(offset, offset + 32).reverse()) || '0'}`);
}

export interface CertifiedBlobMessage {
  epoch: number;
  blobId: bigint;
  deletableObjectId: string | undefined;
}

/** `messages::certified_blob_message`. */
export function certifiedBlobMessage(message: Uint8Array): CertifiedBlobMessage {
  const fn = 'certified_blob_message';
  const epoch = readHeader(message, 1, fn);
  check(message.length >= HEADER_LENGTH + 32 + 1, 'messages', 'EMalformedMessage', fn);
  const blobId = readU256(message, HEADER_LENGTH);
  const tag = message[HEADER_LENGTH + 32]!;
  let deletableObjectId: string | undefined;
  let end = HEADER_LENGTH + 33;
  if (tag !== 0) {
    check(tag === 1, 'messages', 'EMalformedMessage', fn);
    check(message.length >= end + 32, 'messages', 'EMalformedMessage', fn);
    deletableObjectId = normalizeSuiAddress(toHex(message.slice(end, end + 32)));
    end += 32;
  }
  check(message.length === end, 'messages', 'EMalformedMessage', fn);
  return { epoch, blobId, deletableObjectId };
}

/** `messages::invalid_blob_id_message`: (epoch, blob_id). */
export function invalidBlobIdMessage(message: Uint8Array): [number, bigint] {
  const fn = 'invalid_blob_id_message';
  const epoch = readHeader(message, 2, fn);
  check(message.length === HEADER_LENGTH + 32, 'messages', 'EMalformedMessage', fn);
  return [epoch, readU256(message, HEADER_LENGTH)];
}

/** The "blob certified" bytes nodes sign (`messages::blob_certified_bytes`). */
export function blobCertifiedBytes(epoch: number, blobId: bigint, deletableObjectId?: string): Uint8Array {
  const header = Uint8Array.from([
    1,
    0,
    3,
    ...bcs.u32().serialize(epoch).toBytes(),
    ...bcs.u256().serialize(blobId).toBytes(),
  ]);
  return deletableObjectId
    ? Uint8Array.from([...header, 1, ...bcs.Address.serialize(deletableObjectId).toBytes()])
    : Uint8Array.from([...header, 0]);
}

/** The "blob ID invalid" bytes nodes sign. */
export function blobIdInvalidBytes(epoch: number, blobId: bigint): Uint8Array {
  return Uint8Array.from([2, 0, 3, ...bcs.u32().serialize(epoch).toBytes(), ...bcs.u256().serialize(blobId).toBytes()]);
}

/** Bit `i` of byte `i / 8` for each signer (committee order). */
export function signersBitmap(signers: number[], committeeSize: number): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(committeeSize / 8));
  for (const i of signers) bytes[i >> 3]! |= 1 << (i & 7);
  return bytes;
}
