import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { OpenDatabase } from '@tusk/shared/db/database';
import { stakePositions } from '@tusk/shared/db/schema';
import { testDatabaseKinds } from '@tusk/shared/db/testing';
import { valueAt as positionValue } from '@tusk/shared/staking/exchangeRate';
import {
  ACTIVE_SET_JOINED,
  ALICE,
  BOB,
  CURRENT_EPOCH,
  EPOCH_MS,
  NODE_STAKE,
  NODES,
  OPERATOR,
  POSITIONS,
  PROPOSALS,
  rateOf,
  seedScenario,
  WAL,
} from '../testing/scenario.ts';
import { accountEvents, accountPositions, accountRewards, rewardsCsv } from './accounts.ts';
import { chainClock } from './epochClock.ts';
import { epochDetail, listEpochs } from './epochs.ts';
import { listProposals, proposalDetail } from './governance.ts';
import type { NodeListParams } from './nodeList.ts';
import { listNodes, nodeDelegators, nodeDetail, nodeHistory } from './nodes.ts';
import { operatorNodes } from './operator.ts';
import { overview } from './overview.ts';
import { listBlobs, storageOverview } from './storage.ts';

const listParams: NodeListParams = { sort: 'stake', order: 'desc', status: 'all', seed: 'x', limit: 50, offset: 0 };

for (const kind of testDatabaseKinds()) {
  describe(`web queries on ${kind.name}`, () => {
    let open: OpenDatabase;
    const now = new Date();
    beforeAll(async () => {
      open = await kind.open();
      await seedScenario(open.db, now);
    });
    afterAll(async () => open?.close());

    it('reads the clock: current epoch, its start, voting end not yet passed, and the published epoch length', async () => {
      const clock = await chainClock(open.db);
      expect(clock).toMatchObject({
        epoch: CURRENT_EPOCH,
        state: 'done',
        votingEnded: false,
        durationMs: EPOCH_MS,
        durationKnown: true,
      });
    });

    it('summarizes the network on the overview', async () => {
      const view = await overview(open.db);
      expect(view.current?.epoch).toBe(CURRENT_EPOCH);
      expect(view.next?.epoch).toBe(CURRENT_EPOCH + 1);
      expect(view.nodes).toEqual({ total: 6, committee: 4, candidates: 2, slashed: 1 });
      expect(view.stake.committee).toBe(NODE_STAKE.a + NODE_STAKE.b + NODE_STAKE.c + NODE_STAKE.d);
      expect(view.storage.reserved).toBe(1n << 30n);
      expect(view.history.map((e) => e.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(view.current?.apy).toBeGreaterThan(0.05);
      expect(view.indexer.checkpoint).toBe(5100n);
    });

    it('sorts, filters and searches nodes, with voting power as a share of all stake', async () => {
      const byStake = await listNodes(open.db, listParams);
      expect(byStake.rows.map((n) => n.nodeId)).toEqual([NODES.a, NODES.b, NODES.c, NODES.d, NODES.e, NODES.f]);
      expect(byStake.total).toBe(6);
      const total = Object.values(NODE_STAKE).reduce((a, b) => a + b, 0n);
      expect(byStake.rows[0]!.votingPower).toBeCloseTo(Number(NODE_STAKE.a) / Number(total), 5);
      const committee = await listNodes(open.db, {
        ...listParams,
        status: 'committee',
        sort: 'commission',
        order: 'asc',
      });
      expect(committee.rows[0]!.nodeId).toBe(NODES.a);
      expect(committee.total).toBe(4);
      expect((await listNodes(open.db, { ...listParams, status: 'slashed' })).rows.map((n) => n.nodeId)).toEqual([
        NODES.d,
      ]);
      expect((await listNodes(open.db, { ...listParams, search: 'node b' })).rows.map((n) => n.nodeId)).toEqual([
        NODES.b,
      ]);
      // LIKE wildcards in a search are literal text.
      expect((await listNodes(open.db, { ...listParams, search: '100%' })).rows.map((n) => n.nodeId)).toEqual([
        NODES.f,
      ]);
      expect((await listNodes(open.db, { ...listParams, search: '_' })).rows).toHaveLength(0);
      expect((await listNodes(open.db, { ...listParams, search: "'; drop table nodes; --" })).rows).toHaveLength(0);
      const paged = await listNodes(open.db, { ...listParams, limit: 2, offset: 4 });
      expect(paged.rows.map((n) => n.nodeId)).toEqual([NODES.e, NODES.f]);
      expect(paged.total).toBe(6);
      expect((await listNodes(open.db, { ...listParams, offset: 100 })).total).toBe(6);
    });

    it('says which nodes are idle (outside the active set) in the list, on a node’s page and to its operator', async () => {
      const list = await listNodes(open.db, listParams);
      expect(list.rows.map((n) => [n.nodeId, n.inActiveSet, n.activeSetJoinedEpoch])).toEqual(
        (Object.keys(NODES) as (keyof typeof NODES)[]).map((key) => [
          NODES[key],
          ACTIVE_SET_JOINED[key] !== null,
          ACTIVE_SET_JOINED[key],
        ]),
      );
      expect((await nodeDetail(open.db, NODES.f))?.node).toMatchObject({
        inActiveSet: false,
        activeSetJoinedEpoch: null,
      });
      expect((await nodeDetail(open.db, NODES.e))?.node).toMatchObject({ inActiveSet: true, activeSetJoinedEpoch: 2 });
      const f = (await operatorNodes(open.db, { nodeIds: [NODES.f] })).nodes[0]!;
      expect(f.inActiveSet).toBe(false);
      expect(f.alerts.map((alert) => alert.message).join(' ')).toContain('Idle: the node is outside the active set');
      const a = (await operatorNodes(open.db, { nodeIds: [NODES.a] })).nodes[0]!;
      expect(a.alerts.map((alert) => alert.message).join(' ')).not.toContain('Idle');
    });

    it('shuffles nodes stably per seed, differently across seeds', async () => {
      const one = await listNodes(open.db, { ...listParams, sort: 'shuffle', seed: 'seed-1' });
      const again = await listNodes(open.db, { ...listParams, sort: 'shuffle', seed: 'seed-1' });
      expect(again.rows.map((n) => n.nodeId)).toEqual(one.rows.map((n) => n.nodeId));
      const orders = new Set<string>();
      for (let i = 0; i < 8; i++)
        orders.add(
          (await listNodes(open.db, { ...listParams, sort: 'shuffle', seed: `s${i}` })).rows
            .map((n) => n.nodeId)
            .join(),
        );
      expect(orders.size).toBeGreaterThan(1);
    });

    it('details a node: rank, commission to collect, slashes, votes and its delegators', async () => {
      const detail = await nodeDetail(open.db, NODES.a);
      expect(detail?.node).toMatchObject({ stakeRank: 1, commissionBps: 500, pendingCommissionBps: 750 });
      // 5 epochs x 10 WAL commission, 20 collected.
      expect(detail?.node.commissionAccrued).toBe(30n * WAL);
      expect(detail?.commissionChanges).toHaveLength(1);
      expect(detail?.slashVotesCast.map((v) => v.targetNodeId)).toEqual([NODES.d]);
      expect(detail?.slashVotesAgainst.map((v) => v.voterNodeId)).toEqual([NODES.b]);
      expect(detail?.governanceVotes.map((v) => v.option).sort()).toEqual(['yes', 'yes']);
      const d = await nodeDetail(open.db, NODES.d);
      expect(d?.slashes).toHaveLength(1);
      expect(d?.node.commissionAccrued).toBe(0n);
      expect(await nodeDetail(open.db, `0x${'9'.repeat(64)}`)).toBeNull();
      const history = await nodeHistory(open.db, NODES.a, 3);
      expect(history.map((h) => h.epoch)).toEqual([5, 4, 3]);
      const delegators = await nodeDelegators(open.db, NODES.a, 10, 0);
      expect(delegators.rows.map((r) => r.owner)).toEqual([BOB, ALICE]);
      expect(delegators.rows[1]).toMatchObject({ positions: 2, principal: 120n * WAL });
    });

    it('shows a position one way everywhere: stored pending with its activation epoch come is active on My stake and in its node’s delegators', async () => {
      const carol = `0x${'ca'.repeat(32)}`;
      const id = `0x${'c1'.repeat(32)}`;
      // The indexer has not flipped this row yet: the epoch change that activated it is not indexed.
      await open.db.insert(stakePositions).values({
        stakedWalId: id,
        owner: carol,
        nodeId: NODES.b,
        principal: 7n * WAL,
        state: 'pending',
        activationEpoch: CURRENT_EPOCH,
        createdEpoch: CURRENT_EPOCH - 1,
        createdCheckpoint: 5200n,
        updatedCheckpoint: 5200n,
      });
      try {
        const mine = await accountPositions(open.db, carol);
        expect(mine.positions.map((p) => p.state)).toEqual(['active']);
        const carolAtNode = (await nodeDelegators(open.db, NODES.b, 50, 0)).rows.find((r) => r.owner === carol);
        expect(carolAtNode).toMatchObject({ principal: 7n * WAL, pending: 0n, withdrawing: 0n });
      } finally {
        await open.db.delete(stakePositions).where(eq(stakePositions.stakedWalId, id));
      }
    });

    it('lists epochs and details one', async () => {
      const list = await listEpochs(open.db, 3);
      expect(list.rows.map((e) => e.epoch)).toEqual([5, 4, 3]);
      expect(list.latest).toBe(CURRENT_EPOCH + 1);
      expect((await listEpochs(open.db, 10, 2)).rows.map((e) => e.epoch)).toEqual([1, 0]);
      const three = await epochDetail(open.db, 3);
      expect(three?.committee).toHaveLength(4);
      expect(three?.slashes.map((s) => s.nodeId)).toEqual([NODES.d]);
      expect(three?.proposalsEnded.map((p) => p.title)).toEqual(['Set slash_bps to 200']);
      expect(three?.flows.rewards).toBe(40n * WAL);
      expect(await epochDetail(open.db, 999)).toBeNull();
    });

    it('shows every position of an address by state, with rewards from the pool rate, and none disappears', async () => {
      const account = await accountPositions(open.db, ALICE);
      const byId = new Map(account.positions.map((p) => [p.stakedWalId, p]));
      expect(account.positions).toHaveLength(6);
      expect(byId.get(POSITIONS.pending)).toMatchObject({ state: 'pending', rewards: 0n, activationEpoch: 6 });
      expect(byId.get(POSITIONS.pending)?.activatesAt?.getTime()).toBeGreaterThan(now.getTime());
      const expected = positionValue(100n * WAL, rateOf('a', 2), rateOf('a', CURRENT_EPOCH));
      expect(byId.get(POSITIONS.active)).toMatchObject({
        state: 'active',
        value: expected,
        rewards: expected - 100n * WAL,
        valued: true,
      });
      expect(byId.get(POSITIONS.withdrawing)).toMatchObject({ state: 'withdrawing', withdrawEpoch: 6 });
      expect(byId.get(POSITIONS.withdrawing)?.withdrawableAt).toBeInstanceOf(Date);
      expect(byId.get(POSITIONS.withdrawable)).toMatchObject({ state: 'withdrawable' });
      expect(byId.get(POSITIONS.withdrawn)).toMatchObject({
        state: 'withdrawn',
        rewards: WAL / 5n,
        slashed: WAL / 10n,
        value: 10n * WAL + WAL / 5n - WAL / 10n,
      });
      expect(byId.get(POSITIONS.joined)).toMatchObject({ state: 'joined', joinedInto: POSITIONS.active });
      expect(account.totals.pending).toBe(50n * WAL);
      expect(account.totals.staked).toBe(200n * WAL);
      expect((await accountPositions(open.db, `0x${'9'.repeat(64)}`)).positions).toEqual([]);
    });

    it('dates when each position last got its principal: staked, or merged into later', async () => {
      const account = await accountPositions(open.db, ALICE);
      const changed = new Map(account.positions.map((p) => [p.stakedWalId, p.changedEpoch]));
      // Staked in epoch 1, merged into in epoch 2.
      expect(changed.get(POSITIONS.active)).toBe(2);
      expect(changed.get(POSITIONS.pending)).toBe(5);
      expect(changed.get(POSITIONS.withdrawing)).toBe(1);
      // Its withdrawal request (epoch 3) and payout (epoch 4) moved no principal between objects.
      expect(changed.get(POSITIONS.withdrawn)).toBe(1);
      // Merged away in epoch 2: the merge changed the position it went into.
      expect(changed.get(POSITIONS.joined)).toBe(1);
    });

    it("pages an address's delegation events, newest first", async () => {
      const events = await accountEvents(open.db, ALICE, 2, 0);
      expect(events.total).toBe(6);
      expect(events.rows.map((e) => e.kind)).toEqual(['deposited', 'withdrawn']);
    });

    it('computes rewards epoch by epoch and exports them as CSV', async () => {
      const rows = await accountRewards(open.db, ALICE);
      const active = rows.filter((r) => r.stakedWalId === POSITIONS.active);
      expect(active.map((r) => r.epoch)).toEqual([3, 4, 5]);
      expect(active.at(-1)!.cumulative).toBe(positionValue(100n * WAL, rateOf('a', 2), rateOf('a', 5)) - 100n * WAL);
      expect(active.reduce((sum, r) => sum + r.reward, 0n)).toBe(active.at(-1)!.cumulative);
      // The withdrawn position on the slashed node lost value in epoch 3.
      const slashed = rows.filter((r) => r.stakedWalId === POSITIONS.withdrawn);
      expect(slashed.map((r) => r.epoch)).toEqual([3, 4]);
      expect(slashed[0]!.reward).toBeLessThan(0n);
      const csv = rewardsCsv(rows);
      const lines = csv.trim().split('\n');
      expect(lines[0]).toBe(
        'epoch,date_utc,staked_wal_id,node_id,node_name,principal_wal,value_wal,reward_wal,cumulative_reward_wal,reward_frost',
      );
      expect(lines).toHaveLength(rows.length + 1);
      expect(csv).toContain(',-0.');
    });

    it('tallies open proposals live with the delegator override, and closed ones from the chain', async () => {
      const list = await listProposals(open.db, 'all', 10, 0);
      expect(list.total).toBe(2);
      const openOne = list.rows.find((p) => p.proposalId === PROPOSALS.open)!;
      // Node A's 4M yes loses Alice's 100 WAL, which votes no with node B's 3M.
      expect(openOne.tally).toEqual({
        yes: NODE_STAKE.a - 100n * WAL,
        no: NODE_STAKE.b + 100n * WAL,
        abstain: 0n,
        noWithVeto: 0n,
        final: false,
      });
      const passed = list.rows.find((p) => p.proposalId === PROPOSALS.passed)!;
      expect(passed.tally).toMatchObject({ yes: 7_000_000n * WAL, final: true });
      expect(passed.title).toBe('Set slash_bps to 200');
      expect(list.parameters.slash_bps).toBe(200n);
      expect((await listProposals(open.db, 'passed', 10, 0)).rows).toHaveLength(1);
      const detail = await proposalDetail(open.db, PROPOSALS.open);
      expect(detail?.votes.map((v) => v.voter)).toEqual([NODES.a, NODES.b, POSITIONS.active]);
      expect(detail?.votes[2]).toMatchObject({ isNode: false, nodeId: NODES.a, owner: ALICE, name: 'Node A' });
      expect(await proposalDetail(open.db, `0x${'9'.repeat(64)}`)).toBeNull();
    });

    it('gives operators commission to collect and alerts for slash votes and leaving the committee', async () => {
      const view = await operatorNodes(open.db, { nodeIds: [], operator: OPERATOR });
      expect(view.nodes.map((n) => n.nodeId)).toEqual([NODES.a]);
      const a = view.nodes[0]!;
      expect(a.commissionAccrued).toBe(30n * WAL);
      expect(a.slashVotesAgainst.shards).toBe(300n);
      expect(a.alerts[0]).toMatchObject({ level: 'warning' });
      expect(a.alerts[0]!.message).toContain('30% of shards');
      // Votes are open and no slash was executed: the chain refuses to pay the commission out now.
      expect(a.commissionFrozen).toBe(true);
      expect(a.alerts.map((alert) => alert.message).join(' ')).toContain('Commission collection is frozen');
      const d = (await operatorNodes(open.db, { nodeIds: [NODES.d] })).nodes[0]!;
      expect(d.alerts.map((alert) => alert.message).join(' ')).toContain(`Not selected for epoch ${CURRENT_EPOCH + 1}`);
      expect((await operatorNodes(open.db, { nodeIds: [] })).nodes).toEqual([]);
    });

    it('summarizes storage and lists blobs by state', async () => {
      const view = await storageOverview(open.db);
      expect(view.reserved).toBe(1n << 30n);
      expect(view.blobs).toMatchObject({ certified: 1, registered: 1, deleted: 1, burned: 1, invalid: 1, expired: 1 });
      expect(view.fees.map((f) => f.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
      const all = await listBlobs(open.db, { state: 'all', limit: 10, offset: 0 }, CURRENT_EPOCH);
      expect(all.total).toBe(6);
      const one = await listBlobs(
        open.db,
        { state: 'all', search: { blobId: 2n ** 255n + 2n }, limit: 10, offset: 0 },
        CURRENT_EPOCH,
      );
      expect(one.rows.map((b) => b.state)).toEqual(['registered']);
      expect((await listBlobs(open.db, { state: 'expired', limit: 10, offset: 0 }, CURRENT_EPOCH)).total).toBe(1);
    });
  });
}
