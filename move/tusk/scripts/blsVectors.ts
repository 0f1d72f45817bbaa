/**
 * BLS12-381 test vectors for `tusk::bls` and `tusk::system::certify_blob`,
 * made with @noble/curves (min-pk: 48-byte G1 public keys, 96-byte G2
 * signatures, hash-to-G2 with `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_`,
 * the scheme of `sui::bls12381::bls12381_min_pk_verify`), rendered as the
 * Move test module `tests/generated/bls_vectors.move`.
 *
 * Everything is deterministic (keys derive from fixed seeds), so the module
 * is reproducible: `npm run generate:bls-vectors -w @tusk/move` rewrites it and
 * `blsVectors.test.ts` fails when it is stale. Each certificate states whether
 * its signature is valid for the signers its bitmap names; the test checks
 * that claim independently with noble, the way the Move code verifies
 * (sum the named members' keys, verify the aggregate signature).
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToHex, bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { blobId, REED_SOLOMON } from '../../../shared/src/blobId.ts';
import { blobCertifiedMessage, blobIdInvalidMessage, signersOf } from '../../../shared/src/certificateMessages.ts';

const bls = bls12_381.longSignatures;

/** Members of the test committee (10 members; the Move tests give each 1 shard unless they say otherwise). */
export const COMMITTEE_SIZE = 10;
/** Epoch the certificates are signed for. */
export const EPOCH = 1;

/** The blob the certificates name, and another one (for a signature over the wrong message). */
export const BLOB = { encodingType: REED_SOLOMON, size: 1000n, rootHash: 0x7455736b_00000000_00000000_00000001n };
export const OTHER_BLOB = { encodingType: REED_SOLOMON, size: 2000n, rootHash: 0x7455736b_00000000_00000000_00000002n };
/** Object ID a deletable-blob certificate names. */
export const DELETABLE_OBJECT_ID = `0x${'0'.repeat(60)}de1e`;

export interface Keypair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export interface Certificate {
  /** Move function name in `tusk::bls_vectors`. */
  name: string;
  /** What the case is, for the generated doc comment. */
  doc: string;
  signature: Uint8Array;
  signersBitmap: Uint8Array;
  message: Uint8Array;
  /** Whether `signature` verifies against the sum of the keys the bitmap names (undefined: the bitmap is malformed). */
  signatureValid: boolean | undefined;
}

export interface Vectors {
  committee: Keypair[];
  otherCommittee: Keypair[];
  blobId: bigint;
  otherBlobId: bigint;
  certificates: Certificate[];
}

const BLS_ORDER = bls12_381.fields.Fr.ORDER;

/** A keypair from a seed: secret = sha256(seed) mod (r - 1) + 1, 32 bytes big-endian. */
export function keypair(seed: string): Keypair {
  const scalar = (bytesToNumberBE(sha256(new TextEncoder().encode(seed))) % (BLS_ORDER - 1n)) + 1n;
  const secretKey = numberToBytesBE(scalar, 32);
  return { secretKey, publicKey: bls.getPublicKey(secretKey).toBytes() };
}

/** Bit `i` (byte `i / 8`, bit `i % 8`) set for each signer, in `length` bytes (longer than needed to build a bad bitmap). */
export function bitmap(signers: number[], length = Math.ceil(COMMITTEE_SIZE / 8)): Uint8Array {
  const bytes = new Uint8Array(length);
  for (const i of signers) bytes[i >> 3]! |= 1 << (i & 7);
  return bytes;
}

/** The aggregate signature of `keys` on `message` (a key may appear twice). */
export function aggregateSignature(keys: Keypair[], message: Uint8Array): Uint8Array {
  const point = bls.hash(message);
  const signatures = keys.map((key) => bls.sign(point, key.secretKey));
  return bls.Signature.toBytes(bls.aggregateSignatures(signatures));
}

/** Verifies like `tusk::bls`: sum the named members' keys, verify the signature on the message. */
export function verifyCertificate(
  committee: Keypair[],
  signature: Uint8Array,
  signersBitmap: Uint8Array,
  message: Uint8Array,
): boolean | undefined {
  const signers = signersOf(signersBitmap, committee.length);
  if (!signers || signers.length === 0) return undefined;
  const aggregateKey = bls.aggregatePublicKeys(signers.map((i) => committee[i]!.publicKey));
  return bls.verify(signature, bls.hash(message), aggregateKey);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

export function buildVectors(): Vectors {
  const committee = range(0, COMMITTEE_SIZE).map((i) => keypair(`tusk bls test committee/${i}`));
  const otherCommittee = range(0, COMMITTEE_SIZE).map((i) => keypair(`tusk bls other committee/${i}`));
  const id = blobId(BLOB.encodingType, BLOB.size, BLOB.rootHash);
  const otherId = blobId(OTHER_BLOB.encodingType, OTHER_BLOB.size, OTHER_BLOB.rootHash);
  const permanent = blobCertifiedMessage(EPOCH, id);
  const quorum = range(0, 7);
  const by = (signers: number[], from = committee) => signers.map((i) => from[i]!);

  const cases: Omit<Certificate, 'signatureValid'>[] = [
    {
      name: 'certified_by_exact_quorum',
      doc: 'Members 0-6 (7 of 10 shards, exactly a quorum) certify the permanent blob in epoch 1.',
      signature: aggregateSignature(by(quorum), permanent),
      signersBitmap: bitmap(quorum),
      message: permanent,
    },
    {
      name: 'certified_by_one_short_of_quorum',
      doc: 'Members 0-5 (6 of 10 shards, one short of a quorum) certify the permanent blob in epoch 1.',
      signature: aggregateSignature(by(range(0, 6)), permanent),
      signersBitmap: bitmap(range(0, 6)),
      message: permanent,
    },
    {
      name: 'certified_by_all',
      doc: 'All 10 members certify the permanent blob in epoch 1.',
      signature: aggregateSignature(by(range(0, 10)), permanent),
      signersBitmap: bitmap(range(0, 10)),
      message: permanent,
    },
    {
      name: 'certified_by_scattered_quorum',
      doc: 'Members 1, 2, 4, 5, 7, 8, 9 (a quorum spread over both bitmap bytes) certify the permanent blob in epoch 1.',
      signature: aggregateSignature(by([1, 2, 4, 5, 7, 8, 9]), permanent),
      signersBitmap: bitmap([1, 2, 4, 5, 7, 8, 9]),
      message: permanent,
    },
    {
      name: 'certified_for_wrong_epoch',
      doc: 'A quorum certifies the permanent blob, but for epoch 2 (the System is in epoch 1).',
      signature: aggregateSignature(by(quorum), blobCertifiedMessage(EPOCH + 1, id)),
      signersBitmap: bitmap(quorum),
      message: blobCertifiedMessage(EPOCH + 1, id),
    },
    {
      name: 'certified_by_other_committee',
      doc: 'Members 0-6 of another committee (other keys) sign; the bitmap names members 0-6 of ours.',
      signature: aggregateSignature(by(quorum, otherCommittee), permanent),
      signersBitmap: bitmap(quorum),
      message: permanent,
    },
    {
      name: 'certified_with_repeated_signer',
      doc: 'Members 0-5 sign and member 0 signs twice (7 signatures); the bitmap claims members 0-6.',
      signature: aggregateSignature(by([0, 0, 1, 2, 3, 4, 5]), permanent),
      signersBitmap: bitmap(quorum),
      message: permanent,
    },
    {
      name: 'certified_wrong_message',
      doc: 'A quorum signs the certificate of the permanent blob; the message submitted names another blob.',
      signature: aggregateSignature(by(quorum), permanent),
      signersBitmap: bitmap(quorum),
      message: blobCertifiedMessage(EPOCH, otherId),
    },
    {
      name: 'certified_with_bit_past_committee',
      doc: 'A quorum signs; the bitmap also sets bit 12, past the last of the 10 members.',
      signature: aggregateSignature(by(quorum), permanent),
      signersBitmap: bitmap([...quorum, 12]),
      message: permanent,
    },
    {
      name: 'certified_with_bitmap_too_long',
      doc: 'A quorum signs; the bitmap has 3 bytes where 10 members need 2.',
      signature: aggregateSignature(by(quorum), permanent),
      signersBitmap: bitmap(quorum, 3),
      message: permanent,
    },
    {
      name: 'certified_deletable',
      doc: `A quorum certifies the blob as deletable object ${DELETABLE_OBJECT_ID} in epoch 1.`,
      signature: aggregateSignature(by(quorum), blobCertifiedMessage(EPOCH, id, DELETABLE_OBJECT_ID)),
      signersBitmap: bitmap(quorum),
      message: blobCertifiedMessage(EPOCH, id, DELETABLE_OBJECT_ID),
    },
    {
      name: 'invalid_blob_id_by_one_third',
      doc: 'Members 0-3 (4 of 10 shards, just over 1/3) declare the blob ID invalid in epoch 1.',
      signature: aggregateSignature(by(range(0, 4)), blobIdInvalidMessage(EPOCH, id)),
      signersBitmap: bitmap(range(0, 4)),
      message: blobIdInvalidMessage(EPOCH, id),
    },
    {
      name: 'invalid_blob_id_short_of_one_third',
      doc: 'Members 0-2 (3 of 10 shards, not over 1/3) declare the blob ID invalid in epoch 1.',
      signature: aggregateSignature(by(range(0, 3)), blobIdInvalidMessage(EPOCH, id)),
      signersBitmap: bitmap(range(0, 3)),
      message: blobIdInvalidMessage(EPOCH, id),
    },
  ];
  const certificates = cases.map((c) => ({
    ...c,
    signatureValid: verifyCertificate(committee, c.signature, c.signersBitmap, c.message),
  }));
  return { committee, otherCommittee, blobId: id, otherBlobId: otherId, certificates };
}

const hex = (bytes: Uint8Array) => `x"${bytesToHex(bytes)}"`;

function vectorOf(items: Uint8Array[], indent: string): string {
  return `vector[\n${items.map((item) => `${indent}    ${hex(item)},`).join('\n')}\n${indent}]`;
}

/** The Move test module with every vector. */
export function renderMoveModule(vectors: Vectors): string {
  const lines: string[] = [];
  lines.push(
    '// GENERATED by move/tusk/scripts/generateBlsVectors.ts from move/tusk/scripts/blsVectors.ts: do not edit.',
    '// Regenerate with `npm run generate:bls-vectors -w @tusk/move`; blsVectors.test.ts fails when this is stale.',
    '',
    '/// BLS12-381 min-pk test vectors made with @noble/curves: a 10-member test',
    '/// committee, another committee with other keys, and certificates over',
    '/// storage messages for epoch 1. `signature_valid` in each doc says whether',
    '/// the signature verifies against the sum of the keys its bitmap names',
    '/// (checked with noble by blsVectors.test.ts).',
    '#[test_only]',
    'module tusk::bls_vectors;',
    '',
    '/// A certificate as `certify_blob` and `invalidate_blob_id` take it.',
    'public struct Certificate has copy, drop {',
    '    signature: vector<u8>,',
    '    signers_bitmap: vector<u8>,',
    '    message: vector<u8>,',
    '}',
    '',
    'public fun signature(self: &Certificate): vector<u8> { self.signature }',
    '',
    'public fun signers_bitmap(self: &Certificate): vector<u8> { self.signers_bitmap }',
    '',
    'public fun message(self: &Certificate): vector<u8> { self.message }',
    '',
    '/// Secret keys of the test committee (32-byte big-endian scalars), in committee order.',
    `public fun secret_keys(): vector<vector<u8>> {\n    ${vectorOf(
      vectors.committee.map((k) => k.secretKey),
      '    ',
    )}\n}`,
    '',
    '/// Compressed G1 public keys of the test committee, in committee order.',
    `public fun public_keys(): vector<vector<u8>> {\n    ${vectorOf(
      vectors.committee.map((k) => k.publicKey),
      '    ',
    )}\n}`,
    '',
    '/// Compressed G1 public keys of another committee (same size, other keys).',
    `public fun other_public_keys(): vector<vector<u8>> {\n    ${vectorOf(
      vectors.otherCommittee.map((k) => k.publicKey),
      '    ',
    )}\n}`,
    '',
    `/// The certified blob: encoding ${BLOB.encodingType}, ${BLOB.size} bytes, this root hash.`,
    `public fun blob_root_hash(): u256 { ${BLOB.rootHash} }`,
    '',
    `public fun blob_size(): u64 { ${BLOB.size} }`,
    '',
    '/// Its blob ID as computed by shared/src/blobId.ts.',
    `public fun blob_id(): u256 { ${vectors.blobId} }`,
    '',
    `/// Another blob: encoding ${OTHER_BLOB.encodingType}, ${OTHER_BLOB.size} bytes.`,
    `public fun other_blob_root_hash(): u256 { ${OTHER_BLOB.rootHash} }`,
    '',
    `public fun other_blob_size(): u64 { ${OTHER_BLOB.size} }`,
    '',
    `public fun other_blob_id(): u256 { ${vectors.otherBlobId} }`,
    '',
    '/// The object ID `certified_deletable` names.',
    `public fun deletable_object_id(): ID { object::id_from_address(@${DELETABLE_OBJECT_ID}) }`,
  );
  for (const c of vectors.certificates) {
    const validity =
      c.signatureValid === undefined
        ? 'malformed bitmap'
        : c.signatureValid
          ? 'signature_valid: true'
          : 'signature_valid: false';
    lines.push(
      '',
      `/// ${c.doc} (${validity})`,
      `public fun ${c.name}(): Certificate {`,
      '    Certificate {',
      `        signature: ${hex(c.signature)},`,
      `        signers_bitmap: ${hex(c.signersBitmap)},`,
      `        message: ${hex(c.message)},`,
      '    }',
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}
