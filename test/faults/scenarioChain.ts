/**
 * A seeded scenario chain for fault tests: served by the fake node, and
 * indexed once directly (no RPC, no faults) to get the reference tables.
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { Database } from '@tusk/shared/db/database';
import { runIndexer } from '../../indexer/src/indexer.ts';
import { memoryStoreOf } from '../../devnet/fakenode/protoCheckpoint.ts';
import type { MemoryCheckpointStore } from '../../devnet/fakenode/checkpointStore.ts';
import { Scenario, type ScenarioParams } from '../scenario/scenario.ts';
import { tableHashes, type TableHashes } from './contentHash.ts';

export const FAULT_PACKAGE = normalizeSuiAddress('0x7a5c');

export const SMALL_SCENARIO: ScenarioParams = {
  seed: 42,
  packageId: FAULT_PACKAGE,
  nodes: 12,
  stakers: 150,
  epochs: 3,
  checkpointsPerEpoch: 400,
  eventsPerCheckpoint: 6,
};

export interface ScenarioChain {
  store: MemoryCheckpointStore;
  last: bigint;
  events: number;
  params: ScenarioParams;
}

export function scenarioChain(params: ScenarioParams = SMALL_SCENARIO): ScenarioChain {
  const scenario = new Scenario(params);
  const store = memoryStoreOf(scenario.checkpoints());
  return { store, last: store.highest()!, events: scenario.facts.events, params };
}

/** Indexes the scenario straight from the generator and hashes the result. */
export async function referenceHashes(db: Database, params: ScenarioParams = SMALL_SCENARIO): Promise<TableHashes> {
  await runIndexer(new Scenario(params).stream(), { db, packageIds: [params.packageId] });
  return tableHashes(db);
}
