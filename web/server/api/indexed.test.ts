/**
 * The API over tables written by the real indexer pipelines from a generated
 * protocol scenario (test/scenario): every endpoint answers for every node,
 * staker and proposal, and what it says agrees with the scenario's model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@tusk/shared/db/database';
import { testDatabaseKinds } from '@tusk/shared/db/testing';
import { Scenario, type ScenarioParams } from '../../../test/scenario/scenario.ts';
import { indexCheckpoints, TEST_PACKAGE_ID } from '../../../indexer/src/testing/indexScenario.ts';
import { endpoints, type EndpointName } from './endpoints.ts';
import { errorResponse } from './respond.ts';

const params: ScenarioParams = {
  seed: 7,
  packageId: TEST_PACKAGE_ID,
  nodes: 8,
  stakers: 20,
  epochs: 6,
  checkpointsPerEpoch: 16,
  eventsPerCheckpoint: 6,
  slashEveryEpochs: 3,
  proposalEveryEpochs: 2,
};
const scenario = new Scenario(params);
const checkpoints = [...scenario.checkpoints()];
const facts = scenario.facts;

for (const kind of testDatabaseKinds()) {
  describe(`/api/v1 over indexed scenario data on ${kind.name}`, () => {
    let open: OpenDatabase;
    beforeAll(async () => {
      open = await kind.open();
      await indexCheckpoints(open.db, checkpoints);
    });
    afterAll(async () => open?.close());

    async function get(name: EndpointName, params: Record<string, string> = {}, query = '') {
      let response: Response;
      try {
        response = await endpoints[name]({ db: open.db, url: new URL(`http://tusk.test/x${query}`), params });
      } catch (error) {
        response = errorResponse(error);
      }
      const text = await response.text();
      expect(response.status, `${name} ${JSON.stringify(params)} ${query}: ${text.slice(0, 300)}`).toBe(200);
      return response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    }

    it('lists every node with the stake the model holds', async () => {
      const list = await get('nodes', {}, '?sort=stake&limit=1000');
      expect(list.total).toBe(facts.nodes.size);
      for (const row of list.rows) {
        const fact = facts.nodes.get(row.nodeId)!;
        expect(BigInt(row.stake), row.nodeId).toBe(fact.stake);
        expect(row.status).toBe(fact.status);
        expect(row.slashCount).toBe(fact.slashCount);
      }
      const stakes = list.rows.map((row: { stake: string }) => BigInt(row.stake));
      expect(stakes).toEqual([...stakes].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    });

    it('serves every node page, history and delegator list', async () => {
      for (const nodeId of facts.nodes.keys()) {
        const detail = await get('node', { nodeId });
        expect(detail.node.shards).toBe(facts.nodes.get(nodeId)!.shards);
        expect(BigInt(detail.node.commissionAccrued)).toBeGreaterThanOrEqual(0n);
        await get('nodeHistory', { nodeId });
        await get('nodeDelegators', { nodeId });
        await get('operator', {}, `?nodeIds=${nodeId}`);
      }
    });

    it("shows every position a staker ever held, in the model's state", async () => {
      const owners = new Map<string, string[]>();
      for (const [id, position] of facts.positions)
        owners.set(position.owner, [...(owners.get(position.owner) ?? []), id]);
      const epoch = facts.currentEpoch;
      for (const [owner, ids] of owners) {
        const account = await get('accountPositions', { address: owner });
        expect(account.positions.map((p: { stakedWalId: string }) => p.stakedWalId).sort(), owner).toEqual(
          [...ids].sort(),
        );
        for (const position of account.positions) {
          const fact = facts.positions.get(position.stakedWalId)!;
          const expected =
            fact.state === 'withdrawing' && fact.withdrawEpoch !== null && fact.withdrawEpoch <= epoch
              ? 'withdrawable'
              : fact.state;
          expect(position.state, position.stakedWalId).toBe(expected);
          expect(BigInt(position.principal)).toBe(fact.principal);
          expect(position.changedEpoch, `changed epoch of ${position.stakedWalId}`).toBe(fact.changedEpoch);
          if (fact.state === 'withdrawn') expect(BigInt(position.rewards)).toBe(fact.rewards ?? 0n);
        }
        await get('accountEvents', { address: owner });
        const csv: string = await get('accountRewards', { address: owner }, '?format=csv');
        expect(csv.split('\n')[0]).toMatch(/^epoch,date_utc/);
      }
    });

    it('reports final tallies of finalized proposals as the chain did', async () => {
      const list = await get('proposals', {}, '?status=all&limit=200');
      expect(list.total).toBe(facts.proposals.size);
      for (const row of list.rows) {
        const fact = facts.proposals.get(row.proposalId)!;
        expect(row.status).toBe(fact.status);
        if (fact.status !== 'open') {
          expect(row.tally).toEqual({
            yes: String(fact.yes),
            no: String(fact.no),
            abstain: String(fact.abstain),
            noWithVeto: String(fact.veto),
            final: true,
          });
        }
        const detail = await get('proposal', { proposalId: row.proposalId });
        expect(detail.votes.length).toBeGreaterThanOrEqual(0);
      }
    });

    it('serves the overview, epochs, storage and blobs', async () => {
      const overview = await get('overview');
      expect(overview.clock.epoch).toBe(facts.currentEpoch);
      const epochs = await get('epochs', {}, '?limit=200');
      expect(epochs.rows[0].epoch).toBe(facts.currentEpoch);
      for (const row of epochs.rows) {
        const detail = await get('epoch', { epoch: String(row.epoch) });
        // A change completed at the sync timeout says so, naming who did not sync.
        expect(detail.epoch.syncTimedOut, `epoch ${row.epoch}`).toBe(facts.syncTimeouts.has(row.epoch));
        expect(detail.epoch.unsyncedNodeIds).toEqual(facts.syncTimeouts.get(row.epoch) ?? []);
      }
      expect(facts.syncTimeouts.size).toBeGreaterThan(0);
      const storage = await get('storage');
      const certified = [...facts.blobs.values()].filter(
        (b) => b.state === 'certified' && !b.invalidated && b.endEpoch > facts.currentEpoch,
      ).length;
      expect(storage.blobs.certified).toBe(certified);
      const blobs = await get('blobs', {}, '?limit=200');
      expect(blobs.total).toBe(facts.blobs.size);
    });
  });
}
