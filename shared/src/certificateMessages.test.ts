import { describe, expect, it } from 'vitest';
import { blobCertifiedMessage, blobIdInvalidMessage } from './certificateMessages.ts';

// Move builds the same bytes: move/tusk/tests/bls_messages_tests.move compares
// tusk::messages against the vectors made with these functions.
describe('certificate messages', () => {
  it('a permanent blob certificate is header, epoch, blob ID, tag 0 (40 bytes)', () => {
    const bytes = blobCertifiedMessage(7, 5n);
    expect(bytes.length).toBe(40);
    expect([...bytes.slice(0, 8)]).toEqual([1, 0, 3, 7, 0, 0, 0, 5]);
    expect(bytes[39]).toBe(0);
  });

  it('a deletable blob certificate ends with tag 1 and the object ID (72 bytes)', () => {
    const bytes = blobCertifiedMessage(7, 5n, `0x${'0'.repeat(62)}ab`);
    expect(bytes.length).toBe(72);
    expect(bytes[39]).toBe(1);
    expect(bytes[71]).toBe(0xab);
  });

  it('an invalid blob ID message is header, epoch, blob ID (39 bytes)', () => {
    const bytes = blobIdInvalidMessage(7, 5n);
    expect(bytes.length).toBe(39);
    expect(bytes[0]).toBe(2);
  });
});
