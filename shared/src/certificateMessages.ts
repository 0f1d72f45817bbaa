/**
 * The messages storage nodes sign and the signers bitmap of a certificate,
 * byte for byte as `tusk::messages` and `tusk::bls` read them (see
 * `move/tusk/API.md`, "Certificates"). A certificate is the min-pk BLS
 * aggregate signature of the signers on one of these messages plus the bitmap
 * naming them in committee order.
 */
import { bcs } from '@mysten/sui/bcs';

export const BLOB_CERTIFIED_INTENT = 1;
export const BLOB_ID_INVALID_INTENT = 2;
export const INTENT_VERSION = 0;
export const STORAGE_APP_ID = 3;

const Persistence = bcs.enum('Persistence', {
  Permanent: null,
  Deletable: bcs.struct('Deletable', { object_id: bcs.Address }),
});

const BlobCertifiedMessage = bcs.struct('BlobCertifiedMessage', {
  intent_type: bcs.u8(),
  intent_version: bcs.u8(),
  app_id: bcs.u8(),
  epoch: bcs.u32(),
  blob_id: bcs.u256(),
  persistence: Persistence,
});

const BlobIdInvalidMessage = bcs.struct('BlobIdInvalidMessage', {
  intent_type: bcs.u8(),
  intent_version: bcs.u8(),
  app_id: bcs.u8(),
  epoch: bcs.u32(),
  blob_id: bcs.u256(),
});

/** "Blob `blobId` is stored" in `epoch`; pass the object ID of a deletable blob, nothing for a permanent one. */
export function blobCertifiedMessage(epoch: number, blobId: bigint, deletableObjectId?: string): Uint8Array {
  return BlobCertifiedMessage.serialize({
    intent_type: BLOB_CERTIFIED_INTENT,
    intent_version: INTENT_VERSION,
    app_id: STORAGE_APP_ID,
    epoch,
    blob_id: blobId,
    persistence: deletableObjectId ? { Deletable: { object_id: deletableObjectId } } : { Permanent: true },
  }).toBytes();
}

/** "Blob ID `blobId` matches no correctly encoded data", signed in `epoch`. */
export function blobIdInvalidMessage(epoch: number, blobId: bigint): Uint8Array {
  return BlobIdInvalidMessage.serialize({
    intent_type: BLOB_ID_INVALID_INTENT,
    intent_version: INTENT_VERSION,
    app_id: STORAGE_APP_ID,
    epoch,
    blob_id: blobId,
  }).toBytes();
}

/** The bitmap of `signers` (committee indices) for a committee of `committeeSize`: bit `i % 8` of byte `i / 8`. */
export function signersBitmap(signers: number[], committeeSize: number): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(committeeSize / 8));
  for (const i of signers) {
    if (!Number.isInteger(i) || i < 0 || i >= committeeSize) {
      throw new Error(`signer ${i} is not a member of a committee of ${committeeSize}`);
    }
    bytes[i >> 3]! |= 1 << (i & 7);
  }
  return bytes;
}

/**
 * The committee indices a bitmap names, or undefined when the chain would
 * reject it (more bytes than the committee needs, or a bit past the last member).
 */
export function signersOf(bitmap: Uint8Array, committeeSize: number): number[] | undefined {
  if (bitmap.length > Math.ceil(committeeSize / 8)) return undefined;
  const signers: number[] = [];
  for (let i = 0; i < bitmap.length * 8; i++) {
    if ((bitmap[i >> 3]! >> (i & 7)) & 1) {
      if (i >= committeeSize) return undefined;
      signers.push(i);
    }
  }
  return signers;
}
