import { describe, expect, it } from 'vitest';
import { blobId, REED_SOLOMON } from './blobId.ts';

describe('blobId', () => {
  it('gives the value Move derives for all-zero inputs (move/tusk/tests/blob_id_tests.move asserts the same)', () => {
    expect(blobId(REED_SOLOMON, 0n, 0n)).toBe(
      65364323886320632191614623943637582695896401833596752756706679256354177437334n,
    );
  });

  it('gives the ID Move derives for the BLS vectors blob (1000 bytes, root 0x7455736b...01)', () => {
    // bls_vectors::blob_id() holds this value and blob_id_tests.move checks blob::derive_blob_id against it.
    const id = blobId(REED_SOLOMON, 1000n, 0x7455736b_00000000_00000000_00000001n);
    expect(id).toBe(blobId(0, 1000n, 0x7455736b000000000000000000000001n));
    expect(id).not.toBe(blobId(0, 1001n, 0x7455736b000000000000000000000001n));
  });

  it('commits to the encoding type, the size and the root hash', () => {
    const id = blobId(0, 1000n, 42n);
    expect(blobId(1, 1000n, 42n)).not.toBe(id);
    expect(blobId(0, 1001n, 42n)).not.toBe(id);
    expect(blobId(0, 1000n, 43n)).not.toBe(id);
    expect(id).toBeLessThan(1n << 256n);
  });
});
