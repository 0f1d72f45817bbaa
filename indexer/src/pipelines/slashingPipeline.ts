/**
 * Pipeline `slashing`: every slashing vote (SlashVoteCast) and every executed
 * slash (NodeSlashed), as logs. Per-node totals are on `nodes`.
 */
import { slashes, slashVotes } from '@tusk/shared/db/schema';
import { writeRows } from '../db/writeRows.ts';
import { eventIdentity } from './eventRows.ts';
import { definePipeline } from './pipeline.ts';

type Row =
  { table: 'votes'; row: typeof slashVotes.$inferInsert } | { table: 'slashes'; row: typeof slashes.$inferInsert };

export const slashingPipeline = definePipeline<Row>({
  name: 'slashing',
  tables: [slashVotes, slashes],
  process(checkpoint) {
    const rows: Row[] = [];
    for (const event of checkpoint.events) {
      if (event.name === 'SlashVoteCast') {
        const d = event.data;
        rows.push({
          table: 'votes',
          row: {
            ...eventIdentity(event),
            voterNodeId: d.voter_node_id,
            targetNodeId: d.target_node_id,
            weight: d.weight,
            totalWeight: d.total_weight,
          },
        });
      } else if (event.name === 'NodeSlashed') {
        const d = event.data;
        rows.push({
          table: 'slashes',
          row: {
            ...eventIdentity(event),
            nodeId: d.node_id,
            commissionBurned: d.commission_burned,
            stakeBurned: d.stake_burned,
            rateWal: d.rate_wal,
            rateShares: d.rate_shares,
          },
        });
      }
    }
    return rows;
  },
  async commit(tx, rows) {
    await writeRows(
      tx,
      slashVotes,
      rows.flatMap((r) => (r.table === 'votes' ? [r.row] : [])),
      { kind: 'append' },
    );
    await writeRows(
      tx,
      slashes,
      rows.flatMap((r) => (r.table === 'slashes' ? [r.row] : [])),
      { kind: 'append' },
    );
  },
});
