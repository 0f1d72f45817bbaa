/**
 * Rows in PostgreSQL's binary COPY format (`COPY ... FROM STDIN (FORMAT
 * binary)`), in chunks of about 1 MB. Binary rather than text because it is
 * cheaper at both ends: the server reads values instead of parsing them
 * (measured here ~15-20% less backend CPU for our log tables), and the
 * indexer writes fixed-size big-endian numbers into a Buffer instead of
 * formatting and concatenating strings.
 *
 * The format: a signature header; per row an int16 field count, then per
 * field an int32 byte length (-1 for NULL) and the value's bytes; an int16 -1
 * trailer. Values are written by per-column encoders (binaryFieldEncoder.ts).
 */
import { CopyBuffer } from './copyBuffer.ts';
import type { FieldEncoder } from './binaryFieldEncoder.ts';

/** A column as COPY writes it: JS key in the row, SQL name and type, and its encoder. */
export interface BinaryCopyColumn {
  key: string;
  name: string;
  sqlType: string;
  encode: FieldEncoder;
}

/** "PGCOPY\n\377\r\n\0", then int32 flags (0: no OIDs) and int32 header extension length (0). */
const HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);

/**
 * `rows` of `table` as binary COPY data, chunk by chunk. A value its column's
 * encoder rejects (wrong JS type, out of range) throws, naming table, column
 * and row, before any of its bytes are written: the COPY then fails as a whole.
 */
export function* binaryCopy(
  table: string,
  columns: readonly BinaryCopyColumn[],
  rows: readonly Record<string, unknown>[],
): Generator<Buffer> {
  const out = new CopyBuffer();
  out.raw(HEADER);
  const keys = columns.map((c) => c.key);
  const encoders = columns.map((c) => c.encode);
  const fields = columns.length;
  let r = 0;
  let k = 0;
  try {
    for (; r < rows.length; r++) {
      const row = rows[r]!;
      out.int16(fields);
      for (k = 0; k < fields; k++) {
        const value = row[keys[k]!];
        if (value === null || value === undefined) out.int32(-1);
        else encoders[k]!(out, value);
      }
      if (out.hasFull) yield* out.takeFull();
    }
  } catch (error) {
    const column = columns[k]!;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot COPY ${table}.${column.name} (${column.sqlType}) of row ${r}: ${reason}`, {
      cause: error,
    });
  }
  out.int16(-1);
  yield* out.finish();
}
