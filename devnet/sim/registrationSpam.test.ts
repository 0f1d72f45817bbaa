/**
 * Attack 2 of move/tusk/SECURITY.md at full scale, in the simulator (which
 * mirrors move/tusk and is checked against it by the differential tests; the
 * Move runner cannot hold this many registrations in one test): 10,000 nodes
 * registered for free and each staked with the minimum. Epoch changes must
 * stay within Sui's per-transaction limits whatever the number of nodes:
 *   - 1,024 events (`max_num_event_emit`);
 *   - 1,000 dynamic fields accessed (`object_runtime_max_num_cached_objects`):
 *     stepping a pool reads its `ObjectTable` entry (2) and adds a rate (1),
 *     so at most 333 pools may step in one transaction;
 *   - 256,000-byte objects (`max_move_object_size`): `Staking` keeps no
 *     per-node vector, only the active set (250 entries of 48 bytes).
 */
import { describe, expect, it } from 'vitest';
import { eventSchemas } from '@tusk/shared/events';
import { labelAddress } from './ids.ts';
import { nodeKeys } from './nodeKeys.ts';
import { MAX_ACTIVE_SET_SIZE } from './tusk/staking.ts';
import { activeAt } from './tusk/stakingPool.ts';
import { testWorld, WAL } from './testWorld.ts';

const SPAM_NODES = 10_000;
const MAX_EVENTS_PER_TRANSACTION = 1_024;
const MAX_DYNAMIC_FIELDS_PER_TRANSACTION = 1_000;
const DYNAMIC_FIELDS_PER_POOL_STEP = 3;
/** The attacker spreads its nodes over addresses (a wallet holding 20,000 objects is slow to use, for it and for the devnet alike). */
const SPAMMERS = 100;

describe('registration spam (simulator, 10,000 nodes)', () => {
  it('keeps every epoch change within Sui limits and counts the spam stake exactly', () => {
    const w = testWorld({ nodes: 4 });
    const honest = labelAddress('honest');
    const spammers = Array.from({ length: SPAMMERS }, (_, i) => labelAddress(`spammer-${i}`));
    w.calls.sendWal(w.devnet.faucetAddress, [honest], [1_000n * WAL]);
    w.calls.sendWal(
      w.devnet.faucetAddress,
      spammers,
      spammers.map(() => BigInt(SPAM_NODES / SPAMMERS + 1) * WAL),
    );
    for (const node of w.nodes) w.calls.stake(honest, node.nodeId, 100n * WAL);
    w.nextEpoch();

    // One key per spammer for all its junk nodes: a proof of possession binds a key to its sender only.
    const keys = spammers.map((spammer) => nodeKeys(`spam ${spammer}`, spammer));
    const spamIds: string[] = [];
    for (let i = 0; i < SPAM_NODES; i++) {
      const spammer = spammers[i % SPAMMERS]!;
      const { bls, networkPublicKey, proofOfPossession } = keys[i % SPAMMERS]!;
      const registered = w.calls.registerCandidate(spammer, {
        name: `spam ${i}`,
        networkAddress: 'spam.invalid:1',
        metadataUrl: '',
        publicKey: bls.publicKey,
        networkPublicKey,
        proofOfPossession,
        commissionBps: 10_000,
        storagePrice: 1n,
        writePrice: 1n,
        capacity: 0n,
      });
      const event = registered.tx.events.find((e) => e.name === 'NodeRegistered')!;
      const nodeId = eventSchemas.NodeRegistered.parse(event.bcs).node_id;
      spamIds.push(nodeId);
      const staked = w.calls.stake(spammer, nodeId, WAL);
      expect(staked.tx.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_TRANSACTION);
    }
    const state = w.devnet.state;
    expect(state.staking.nodeCount).toBe(SPAM_NODES + 4);
    expect(state.staking.activeSet).toHaveLength(MAX_ACTIVE_SET_SIZE);

    const honestStake = 400n * WAL;
    const spamStake = BigInt(SPAM_NODES) * WAL;
    for (let e = 0; e < 3; e++) {
      const staking = state.staking;
      w.devnet.clockMs = staking.epochStartMs + staking.params.epochDurationMs / 2n;
      const vote = w.calls.votingEnd(w.crank);
      expect(vote.tx.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_TRANSACTION);

      const stepsBefore = new Map([...state.pools.values()].map((pool) => [pool.nodeId, pool.epoch]));
      w.devnet.clockMs = staking.epochStartMs + staking.params.epochDurationMs;
      const change = w.calls.initiateEpochChange(w.crank);
      const stepped = [...state.pools.values()].filter((pool) => pool.epoch !== stepsBefore.get(pool.nodeId));
      expect(change.tx.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_TRANSACTION);
      expect(stepped.length).toBeLessThanOrEqual(MAX_ACTIVE_SET_SIZE);
      expect(stepped.length * DYNAMIC_FIELDS_PER_POOL_STEP).toBeLessThan(MAX_DYNAMIC_FIELDS_PER_TRANSACTION);
      // Every FROST of every pool counts, idle or not.
      expect(state.staking.epochStartStake).toBe(honestStake + spamStake);
      w.keeper.tick();
      expect(state.staking.epochState.kind).toBe('done');
    }
    // The honest nodes keep their committee seats.
    for (const node of w.nodes) expect(state.staking.committee.nodeIds).toContain(node.nodeId);

    // The last junk pool never stepped; its books catch up when touched, in a few steps.
    const last = spamIds.at(-1)!;
    const spammer = spammers[(SPAM_NODES - 1) % SPAMMERS]!;
    expect(state.pools.get(last)!.epoch).toBe(1);
    expect(activeAt(state, state.pools.get(last)!, state.staking.epoch)).toBe(WAL);
    const [position] = w.devnet.objects
      .ownedBy(spammer, w.devnet.types.stakedWal)
      .filter((o) => (o.value as { nodeId: string }).nodeId === last);
    const request = w.calls.requestWithdraw(spammer, position!.id);
    expect(request.tx.events.filter((e) => e.name === 'PoolAdvanced')).toHaveLength(1);
    w.nextEpoch();
    w.nextEpoch();
    expect(w.calls.withdraw(spammer, position!.id).tx.status.success).toBe(true);
    expect(state.staking.epochStartStake).toBe(honestStake + spamStake - WAL);
  }, 120_000);
});
