/**
 * The gRPC-web wire format, server side: framing of messages and trailers,
 * and the two content types clients speak (`application/grpc-web-text`, the
 * base64 form `@mysten/sui`'s transport uses by default, and binary
 * `application/grpc-web+proto`).
 *
 * A frame is 1 flag byte (0x00 data, 0x80 trailer), a 4-byte big-endian
 * length, then the payload. A trailer's payload is HTTP-header-like text
 * (`grpc-status:0\r\ngrpc-message:...\r\n`).
 */

export const DATA_FRAME = 0x00;
export const TRAILER_FRAME = 0x80;

export type WireFormat = 'text' | 'binary';

/** The wire format a request's content type asks for, or undefined when it is not gRPC-web. */
export function wireFormatOf(contentType: string | undefined): WireFormat | undefined {
  const base = contentType?.split(';')[0]?.trim().toLowerCase();
  switch (base) {
    case 'application/grpc-web-text':
    case 'application/grpc-web-text+proto':
      return 'text';
    case 'application/grpc-web':
    case 'application/grpc-web+proto':
      return 'binary';
    default:
      return undefined;
  }
}

/** The response content type matching a request's wire format. */
export function contentTypeOf(format: WireFormat): string {
  return format === 'text' ? 'application/grpc-web-text' : 'application/grpc-web+proto';
}

/** One frame: flag byte, big-endian length, payload (given whole or in consecutive parts, copied once). */
export function encodeFrame(flag: number, ...payload: readonly Uint8Array[]): Buffer {
  let length = 0;
  for (const part of payload) length += part.length;
  const frame = Buffer.allocUnsafe(5 + length);
  frame[0] = flag;
  frame.writeUInt32BE(length, 1);
  let offset = 5;
  for (const part of payload) {
    frame.set(part, offset);
    offset += part.length;
  }
  return frame;
}

/**
 * A data frame a handler assembled itself from its message's encoded parts,
 * sent as it is: for messages that wrap large bytes the handler already has,
 * such as a stored checkpoint (copied once, into the frame).
 */
export class DataFrame {
  readonly bytes: Buffer;

  constructor(messageParts: readonly Uint8Array[]) {
    this.bytes = encodeFrame(DATA_FRAME, ...messageParts);
  }
}

/** A trailer frame carrying a gRPC status code and optional message. */
export function encodeTrailer(code: number, message?: string): Buffer {
  let text = `grpc-status:${code}\r\n`;
  // grpc-message is percent-encoded on the wire (the Sui transport decodes it).
  if (message) text += `grpc-message:${encodeURIComponent(message)}\r\n`;
  return encodeFrame(TRAILER_FRAME, Buffer.from(text, 'ascii'));
}

/**
 * Bytes as they go on the wire in a format. In text format every frame is
 * base64-encoded on its own (padded); clients accept the inner padding this
 * produces when frames are concatenated.
 */
export function toWire(frame: Buffer, format: WireFormat): Buffer {
  return format === 'text' ? Buffer.from(frame.toString('base64'), 'ascii') : frame;
}

/** The request message of a gRPC-web request body (exactly one data frame). */
export function decodeRequestMessage(body: Buffer, format: WireFormat): Uint8Array {
  const bytes = format === 'text' ? Buffer.from(body.toString('ascii'), 'base64') : body;
  if (bytes.length < 5 || bytes[0] !== DATA_FRAME) {
    throw new Error(`request body is not one gRPC-web data frame (${bytes.length} bytes)`);
  }
  const length = bytes.readUInt32BE(1);
  if (bytes.length < 5 + length) {
    throw new Error(`request frame announces ${length} bytes but carries ${bytes.length - 5}`);
  }
  return bytes.subarray(5, 5 + length);
}
