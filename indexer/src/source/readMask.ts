/**
 * The fields of a checkpoint the indexer reads, as a full node's read mask
 * (proto field names; a path through a repeated field applies to each
 * element). Without a mask a node returns only `sequence_number,digest`.
 * Asking for exactly these event fields, not `transactions.events`, spares the
 * node rendering each event as JSON.
 */
export const CHECKPOINT_READ_MASK: readonly string[] = [
  'sequence_number',
  'summary.timestamp',
  'transactions.digest',
  'transactions.events.events.package_id',
  'transactions.events.events.sender',
  'transactions.events.events.event_type',
  'transactions.events.events.contents',
];
