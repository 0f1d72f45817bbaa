/**
 * Pipeline `commission`: each node's commission schedule (CommissionScheduled)
 * and every collection (CommissionCollected), as logs. The rate in force now is
 * on `nodes` (pipeline `nodes`).
 */
import { commissionChanges, commissionCollections } from '@tusk/shared/db/schema';
import { writeRows } from '../db/writeRows.ts';
import { eventIdentity } from './eventRows.ts';
import { definePipeline } from './pipeline.ts';

type Row =
  | { table: 'changes'; row: typeof commissionChanges.$inferInsert }
  | { table: 'collections'; row: typeof commissionCollections.$inferInsert };

export const commissionPipeline = definePipeline<Row>({
  name: 'commission',
  tables: [commissionChanges, commissionCollections],
  process(checkpoint) {
    const rows: Row[] = [];
    for (const event of checkpoint.events) {
      if (event.name === 'CommissionScheduled') {
        const { node_id, rate_bps, effective_epoch } = event.data;
        rows.push({
          table: 'changes',
          row: { ...eventIdentity(event), nodeId: node_id, rateBps: rate_bps, effectiveEpoch: effective_epoch },
        });
      } else if (event.name === 'CommissionCollected') {
        const { node_id, amount, receiver } = event.data;
        rows.push({ table: 'collections', row: { ...eventIdentity(event), nodeId: node_id, amount, receiver } });
      }
    }
    return rows;
  },
  async commit(tx, rows) {
    await writeRows(
      tx,
      commissionChanges,
      rows.flatMap((r) => (r.table === 'changes' ? [r.row] : [])),
      { kind: 'append' },
    );
    await writeRows(
      tx,
      commissionCollections,
      rows.flatMap((r) => (r.table === 'collections' ? [r.row] : [])),
      { kind: 'append' },
    );
  },
});
