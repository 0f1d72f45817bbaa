/**
 * Pipeline `dead_letters`: every event of ours that could not be decoded, with
 * its bytes and the reason, so nothing is dropped silently and an operator can
 * re-index once the schema is fixed.
 */
import { deadLetters } from '@tusk/shared/db/schema';
import { writeRows } from '../db/writeRows.ts';
import { definePipeline } from './pipeline.ts';

type Row = typeof deadLetters.$inferInsert;

export const deadLettersPipeline = definePipeline<Row>({
  name: 'dead_letters',
  tables: [deadLetters],
  process: (checkpoint) =>
    checkpoint.deadLetters.map((letter) => ({
      pipeline: 'decode',
      checkpoint: letter.checkpoint,
      txDigest: letter.txDigest,
      eventIndex: letter.eventIndex,
      eventType: letter.eventType,
      contents: letter.contents,
      error: letter.error,
    })),
  // The unique (checkpoint, tx_digest, event_index) index makes a replay a no-op.
  commit: async (tx, rows) => {
    await writeRows(tx, deadLetters, rows, { kind: 'ignore' });
  },
});
