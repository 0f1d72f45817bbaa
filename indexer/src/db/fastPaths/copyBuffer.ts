/**
 * The byte sink binary COPY is encoded into: big-endian writes straight into a
 * Buffer that, once full, is set aside as a chunk and replaced by a fresh one.
 * A batch of any size thus streams in chunks of about 1 MB, each filled in
 * place (never one giant buffer, never a copy or a concatenation).
 *
 * Every write makes room for itself: one comparison per write, cheaper than
 * getting a caller's byte count wrong.
 */

/** Size of the chunks handed to the COPY stream (a larger single value gets a chunk of its own size). */
export const COPY_CHUNK_BYTES = 1 << 20;

const TWO_32 = 2 ** 32;

export class CopyBuffer {
  private bytes = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
  private view = viewOf(this.bytes);
  private pos = 0;
  private full: Buffer[] = [];

  /** Whether chunks are filled and waiting for `takeFull`. */
  get hasFull(): boolean {
    return this.full.length > 0;
  }

  /** The filled chunks, handed out once. */
  takeFull(): Buffer[] {
    const full = this.full;
    this.full = [];
    return full;
  }

  /** Everything not yet handed out, the partly filled chunk last; the buffer is spent after this. */
  finish(): Buffer[] {
    const rest = this.takeFull();
    if (this.pos > 0) rest.push(this.bytes.subarray(0, this.pos));
    return rest;
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.pos++] = value;
  }

  int16(value: number): void {
    this.reserve(2);
    this.view.setInt16(this.pos, value);
    this.pos += 2;
  }

  int32(value: number): void {
    this.reserve(4);
    this.view.setInt32(this.pos, value);
    this.pos += 4;
  }

  /** A signed 64-bit integer given as a JS integer in int64 range (exact for any such double). */
  int64(value: number): void {
    this.reserve(8);
    const high = Math.floor(value / TWO_32);
    this.view.setInt32(this.pos, high);
    this.view.setUint32(this.pos + 4, value - high * TWO_32);
    this.pos += 8;
  }

  /** A signed 64-bit integer given as a bigint in int64 range (wider ones would wrap: callers check). */
  bigInt64(value: bigint): void {
    this.reserve(8);
    this.view.setBigInt64(this.pos, value);
    this.pos += 8;
  }

  float64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.pos, value);
    this.pos += 8;
  }

  /** `value`'s bytes, as they are. */
  raw(value: Uint8Array): void {
    this.reserve(value.length);
    this.bytes.set(value, this.pos);
    this.pos += value.length;
  }

  /** `text` in UTF-8 after its int32 byte length (what binary COPY takes for a text field). */
  utf8WithLength(text: string): void {
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8; the exact length is known after writing.
    this.reserve(4 + 3 * text.length);
    const written = this.bytes.write(text, this.pos + 4, 'utf8');
    this.view.setInt32(this.pos, written);
    this.pos += 4 + written;
  }

  private reserve(n: number): void {
    if (this.pos + n > this.bytes.length) this.nextChunk(n);
  }

  private nextChunk(n: number): void {
    if (this.pos > 0) this.full.push(this.bytes.subarray(0, this.pos));
    this.bytes = Buffer.allocUnsafe(Math.max(COPY_CHUNK_BYTES, n));
    this.view = viewOf(this.bytes);
    this.pos = 0;
  }
}

function viewOf(bytes: Buffer): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
