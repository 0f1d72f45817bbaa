/**
 * Pipeline `epochs`: one row per Walrus epoch (state, times, stake, rewards
 * and burn, committee size, prices and capacity, whether its change timed out
 * and who did not sync), the governed parameters
 * applied at each epoch change, and every price change.
 */
import { epochs, parameters, priceChanges } from '@tusk/shared/db/schema';
import type { Tx } from '../db/tx.ts';
import { isAnyOf, writeRows } from '../db/writeRows.ts';
import { eventIdentity, eventsNamed, timeOf, type EventOf } from './eventRows.ts';
import { definePipeline } from './pipeline.ts';

const names = new Set([
  'EpochChangeStarted',
  'EpochChangeDone',
  'EpochSyncTimedOut',
  'CommitteeSelected',
  'ParametersApplied',
  'PricesUpdated',
] as const);
type Row = EventOf<typeof names extends Set<infer N> ? N : never>;
type Epoch = typeof epochs.$inferSelect;

export const epochsPipeline = definePipeline<Row>({
  name: 'epochs',
  tables: [epochs, parameters, priceChanges],
  process: (checkpoint) => eventsNamed(checkpoint, names),
  async commit(tx, events) {
    const state = await loadEpochs(tx, events);
    const parameterRows = new Map<string, typeof parameters.$inferInsert>();
    const priceRows: (typeof priceChanges.$inferInsert)[] = [];
    // A row first seen through an event from inside its epoch has begun; one
    // first seen as a future committee or parameter set has not.
    const epoch = (n: number, ifNew: Epoch['state'], checkpoint: bigint): Epoch => {
      let row = state.get(n);
      if (!row) {
        row = emptyEpoch(n, ifNew, checkpoint);
        state.set(n, row);
      }
      row.updatedCheckpoint = checkpoint;
      return row;
    };

    for (const event of events) {
      const at = timeOf(event.timestampMs);
      switch (event.name) {
        case 'EpochChangeStarted': {
          const row = epoch(event.data.epoch, 'sync', event.checkpoint);
          Object.assign(row, {
            state: 'sync',
            startCheckpoint: event.checkpoint,
            startedAt: at,
            totalStake: event.data.total_stake,
            rewards: event.data.rewards,
            burned: event.data.burned,
          });
          break;
        }
        case 'EpochChangeDone':
          Object.assign(epoch(event.data.epoch, 'done', event.checkpoint), { state: 'done', doneAt: at });
          break;
        case 'EpochSyncTimedOut':
          Object.assign(epoch(event.data.epoch, 'sync', event.checkpoint), {
            syncTimedOut: true,
            unsyncedNodeIds: event.data.unsynced,
          });
          break;
        case 'CommitteeSelected': {
          epoch(event.data.epoch, 'sync', event.checkpoint).votingEndedAt = at;
          const next = epoch(event.data.next_epoch, 'selected', event.checkpoint);
          next.committeeSize = event.data.node_ids.length;
          next.committeeShards = event.data.shards.reduce((sum, s) => sum + s, 0);
          break;
        }
        case 'ParametersApplied': {
          const { storage_price, write_price, capacity, changed } = event.data;
          Object.assign(epoch(event.data.epoch, 'selected', event.checkpoint), {
            storagePrice: storage_price,
            writePrice: write_price,
            capacity,
          });
          for (const p of changed) {
            parameterRows.set(`${event.data.epoch}/${p.name}`, {
              epoch: event.data.epoch,
              name: p.name,
              value: p.value,
              checkpoint: event.checkpoint,
            });
          }
          break;
        }
        case 'PricesUpdated': {
          const { storage_price, write_price } = event.data;
          Object.assign(epoch(event.data.epoch, 'sync', event.checkpoint), {
            storagePrice: storage_price,
            writePrice: write_price,
          });
          priceRows.push({ ...eventIdentity(event), storagePrice: storage_price, writePrice: write_price });
          break;
        }
      }
    }
    await writeRows(tx, epochs, [...state.values()], { kind: 'replace' });
    await writeRows(tx, parameters, [...parameterRows.values()], { kind: 'replace' });
    await writeRows(tx, priceChanges, priceRows, { kind: 'append' });
  },
});

function emptyEpoch(epoch: number, state: Epoch['state'], checkpoint: bigint): Epoch {
  return {
    epoch,
    state,
    startCheckpoint: null,
    startedAt: null,
    doneAt: null,
    syncTimedOut: false,
    unsyncedNodeIds: null,
    votingEndedAt: null,
    totalStake: null,
    rewards: null,
    burned: null,
    committeeSize: null,
    committeeShards: null,
    storagePrice: null,
    writePrice: null,
    capacity: null,
    updatedCheckpoint: checkpoint,
  };
}

async function loadEpochs(tx: Tx, events: Row[]): Promise<Map<number, Epoch>> {
  const numbers = new Set<number>();
  for (const e of events) {
    numbers.add(e.data.epoch);
    if (e.name === 'CommitteeSelected') numbers.add(e.data.next_epoch);
  }
  if (numbers.size === 0) return new Map();
  const rows = await tx
    .select()
    .from(epochs)
    .where(isAnyOf(epochs.epoch, [...numbers]));
  return new Map(rows.map((r) => [r.epoch, r]));
}
