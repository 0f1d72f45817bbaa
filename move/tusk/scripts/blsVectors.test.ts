// The BLS test vectors in tests/generated/bls_vectors.move: noble speaks the
// scheme Sui's `bls12381_min_pk_verify` checks, the committed module is what
// the generator makes now, and each certificate is valid or invalid as its
// case says (checked with a pairing equation, independently of noble's verify).
import { readFileSync } from 'node:fs';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { hexToBytes } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { signersBitmap, signersOf } from '../../../shared/src/certificateMessages.ts';
import { bitmap, buildVectors, COMMITTEE_SIZE, renderMoveModule } from './blsVectors.ts';
import { VECTORS_PATH } from './vectorsPath.ts';

const bls = bls12_381.longSignatures;

describe('BLS test vectors', () => {
  const vectors = buildVectors();

  it('noble accepts the drand min-pk signature that Sui framework tests verify with bls12381_min_pk_verify', () => {
    // sui-framework tests/crypto/bls12381_tests.move, test_bls12381_min_pk_valid_and_invalid_sig (drand round 2373935).
    const pk = hexToBytes(
      '868f005eb8e6e4ca0a47c8a77ceaa5309a47978a7c71bc5cce96366b5d7a569937c529eeda66c7293784a9402801af31',
    );
    const sig = hexToBytes(
      'a2cd8577944b84484ef557a7f92f0d5092779497cc470b1b97680b8f7c807d97250d310b801c7c2185c7c8a21032d45403b97530ca87bd8f05d0cf4ffceb4bcb9bf7184fb604967db7e9e6ea555bc51b25a9e41fbd51181f712aa73aaec749fe',
    );
    const prevSig = hexToBytes(
      'a96aace596906562dc525dba4dff734642d71b334d51324f9c9bcb5a3d6caf14b05cde91d6507bf4615cb4285e5b4efd1358ebc46b80b51e338f9dc46cca17cf2e046765ba857c04101a560887fa81aef101a5bb3b2350884558bd3adc72be37',
    );
    const message = (round: bigint) => {
      const roundBytes = new Uint8Array(8);
      new DataView(roundBytes.buffer).setBigUint64(0, round);
      return sha256(new Uint8Array([...prevSig, ...roundBytes]));
    };
    expect(bls.verify(sig, bls.hash(message(2373935n)), pk)).toBe(true);
    expect(bls.verify(sig, bls.hash(message(2373936n)), pk)).toBe(false);
  });

  it('are what the generator makes now (regenerate: npm run generate:bls-vectors -w @tusk/move)', () => {
    expect(readFileSync(VECTORS_PATH, 'utf8')).toBe(renderMoveModule(vectors));
  });

  it('each certificate is valid or invalid as its case says, by the pairing equation', () => {
    const expected: Record<string, boolean | undefined> = {
      certified_by_exact_quorum: true,
      certified_by_one_short_of_quorum: true,
      certified_by_all: true,
      certified_by_scattered_quorum: true,
      certified_for_wrong_epoch: true,
      certified_by_other_committee: false,
      certified_with_repeated_signer: false,
      certified_wrong_message: false,
      certified_with_bit_past_committee: undefined,
      certified_with_bitmap_too_long: undefined,
      certified_deletable: true,
      invalid_blob_id_by_one_third: true,
      invalid_blob_id_short_of_one_third: true,
    };
    expect(vectors.certificates.map((c) => c.name)).toEqual(Object.keys(expected));
    const { G1, G2, pairing } = bls12_381;
    for (const c of vectors.certificates) {
      expect(c.signatureValid, c.name).toBe(expected[c.name]);
      const signers = signersOf(c.signersBitmap, COMMITTEE_SIZE);
      if (!signers) continue;
      const key = signers
        .map((i) => G1.Point.fromBytes(vectors.committee[i]!.publicKey))
        .reduce((sum, point) => sum.add(point));
      const lhs = pairing(key, bls.hash(c.message));
      const rhs = pairing(G1.Point.BASE, G2.Point.fromBytes(c.signature));
      expect(bls12_381.fields.Fp12.eql(lhs, rhs), c.name).toBe(expected[c.name]);
    }
  });

  it('bitmaps set bit i%8 of byte i/8 and reject bits past the committee', () => {
    expect([...bitmap([0, 1, 2, 3, 4, 5, 6])]).toEqual([0x7f, 0x00]);
    expect([...signersBitmap([1, 2, 4, 5, 7, 8, 9], 10)]).toEqual([0xb6, 0x03]);
    expect(signersOf(Uint8Array.of(0xb6, 0x03), 10)).toEqual([1, 2, 4, 5, 7, 8, 9]);
    expect(signersOf(Uint8Array.of(0x00, 0x04), 10)).toBeUndefined();
    expect(signersOf(Uint8Array.of(0x01, 0x00, 0x00), 10)).toBeUndefined();
    expect(() => signersBitmap([10], 10)).toThrow(/signer 10 is not a member of a committee of 10/);
  });
});
