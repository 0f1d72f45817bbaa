/**
 * Byte formats of the storage side with the aborts Move raises on them:
 * encoded sizes (`tusk::encoding`), blob IDs (`tusk::blob::derive_blob_id`)
 * and the certificate messages nodes sign (`tusk::messages`). The formats
 * themselves live once in `shared/src/` (`encodedSize.ts`, `blobId.ts`,
 * `certificateMessages.ts`); this module adds Move's checks and parsing.
 */
import { normalizeSuiAddress, toHex } from '@mysten/sui/utils';
import { blobId } from '@tusk/shared/blobId';
import {
  blobCertifiedMessage,
  blobIdInvalidMessage,
  signersBitmap as sharedSignersBitmap,
} from '@tusk/shared/certificateMessages';
import { encodedSize as sharedEncodedSize } from '@tusk/shared/encodedSize';
import { check } from './aborts.ts';

const MAX_U64 = (1n << 64n) - 1n;

/** `encoding::encoded_size`, aborting where Move does. */
export function encodedSize(size: bigint, encodingType: number, nShards: bigint): bigint {
  check(encodingType === 0, 'encoding', 'EUnsupportedEncoding', 'encoded_size');
  check(nShards > 0n, 'encoding', 'ENoShards', 'max_faulty_shards');
  const k = nShards - 2n * ((nShards - 1n) / 3n);
  const rows = (size + 2n * k - 1n) / (2n * k);
  check(
    ((rows === 0n ? 1n : rows) * 2n + 32n * nShards) * nShards <= MAX_U64,
    'encoding',
    'EBlobTooLarge',
    'encoded_size',
  );
  return sharedEncodedSize(size, nShards, encodingType);
}

export const deriveBlobId = blobId;

const HEADER_LENGTH = 7;

function readHeader(message: Uint8Array, intentType: number): number {
  check(message.length >= HEADER_LENGTH, 'messages', 'EMalformedMessage', 'peel_header');
  check(message[0] === intentType && message[1] === 0 && message[2] === 3, 'messages', 'EWrongIntent', 'peel_header');
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
  const epoch = readHeader(message, 1);
  check(message.length >= HEADER_LENGTH + 32 + 1, 'messages', 'EMalformedMessage', fn);
  const id = readU256(message, HEADER_LENGTH);
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
  return { epoch, blobId: id, deletableObjectId };
}

/** `messages::invalid_blob_id_message`: (epoch, blob_id). */
export function invalidBlobIdMessage(message: Uint8Array): [number, bigint] {
  const epoch = readHeader(message, 2);
  check(message.length === HEADER_LENGTH + 32, 'messages', 'EMalformedMessage', 'invalid_blob_id_message');
  return [epoch, readU256(message, HEADER_LENGTH)];
}

export const blobCertifiedBytes = blobCertifiedMessage;
export const blobIdInvalidBytes = blobIdInvalidMessage;
export const signersBitmap = sharedSignersBitmap;
