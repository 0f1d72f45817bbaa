/**
 * The PostgreSQL schema of Tusk, shared by the indexer (writer) and the web app
 * (reader). Change it here, then run `npm run db:generate -w @tusk/shared` to
 * write a migration into `shared/drizzle/`.
 */
import { bigint, customType, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Raw bytes (event contents in the dead-letter table). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** Last checkpoint each pipeline committed, written in the same transaction as its rows. */
export const watermarks = pgTable('watermarks', {
  pipeline: text('pipeline').primaryKey(),
  checkpoint: bigint('checkpoint', { mode: 'bigint' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Events that could not be decoded or have an unknown type: kept, never dropped. */
export const deadLetters = pgTable('dead_letters', {
  id: serial('id').primaryKey(),
  pipeline: text('pipeline').notNull(),
  checkpoint: bigint('checkpoint', { mode: 'bigint' }).notNull(),
  txDigest: text('tx_digest').notNull(),
  eventIndex: integer('event_index').notNull(),
  eventType: text('event_type').notNull(),
  contents: bytea('contents').notNull(),
  error: text('error').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
