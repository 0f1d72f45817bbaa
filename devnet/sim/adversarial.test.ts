/**
 * A seeded adversarial run on the simulator (which the differential tests keep
 * equal to the Move package): honest delegators and nodes, and attackers who
 * flash-stake around voting end, register junk nodes, move stake between nodes
 * during votes to count it twice, and stay silent in the committee. After
 * every epoch it checks what the attacks were after:
 * - WAL is conserved: coins + pools + fee ledger + deposits = total supply;
 * - stake a committee selection counted was still at stake through the
 *   epoch it selected for (no flash stake);
 * - no proposal counts more than the stake active when its epoch began, and
 *   every vote weighs its snapshot;
 * - every epoch change completes, within Sui's 1,024 events per transaction.
 */
import { describe, expect, it } from 'vitest';
import { eventSchemas } from '@tusk/shared/events';
import { Random } from '../population/random.ts';
import { TuskCalls } from './calls.ts';
import { labelAddress } from './ids.ts';
import { nodeKeys } from './nodeKeys.ts';
import type { StakedWal } from './tusk/objects.ts';
import { tally } from './tusk/governance.ts';
import { activeStakeAt } from './tusk/staking.ts';
import { payout } from './tusk/stakingPool.ts';
import { testWorld, WAL, type TestWorld } from './testWorld.ts';

const EPOCHS = 24;
const MAX_EVENTS_PER_TRANSACTION = 1_024;

const honest = Array.from({ length: 6 }, (_, i) => labelAddress(`honest-${i}`));
const flashStaker = labelAddress('flash-staker');
const mover = labelAddress('vote-mover');
const spammer = labelAddress('spammer');
const proposer = labelAddress('proposer');

function positions(w: TestWorld, owner: string): StakedWal[] {
  return w.devnet.objects.ownedBy(owner, w.devnet.types.stakedWal).map((o) => o.value as StakedWal);
}

/** Every FROST of WAL the run can reach, wherever it sits. */
function walInExistence(w: TestWorld, holders: string[]): bigint {
  const state = w.devnet.state;
  let total = holders.reduce((sum, address) => sum + w.calls.walBalance(address), 0n);
  for (const pool of state.pools.values()) total += pool.balance + pool.commission;
  for (const entry of state.system.ledger) total += entry.rewards;
  for (const proposal of state.proposals.values()) total += proposal.deposit;
  return total;
}

function registerJunk(w: TestWorld, k: number): void {
  const keys = nodeKeys(`junk-${k}`, spammer);
  w.calls.registerCandidate(spammer, {
    name: `junk ${k}`,
    networkAddress: 'junk.invalid:1',
    metadataUrl: '',
    publicKey: keys.bls.publicKey,
    networkPublicKey: keys.networkPublicKey,
    proofOfPossession: keys.proofOfPossession,
    commissionBps: 10_000,
    storagePrice: 1n,
    writePrice: 1n,
    capacity: 0n,
  });
}

describe('adversarial scenario (simulator)', () => {
  it('keeps WAL, committees and tallies honest over many epochs of attacks', () => {
    const random = new Random('adversarial');
    // Nodes 0..5 honest (operated by the keeper); 6..8 the attacker's, silent in the committee.
    const w = testWorld({ nodes: 9, params: { maxCommitteeSize: 10 } });
    const attackerNodes = w.nodes.slice(6);
    for (const node of attackerNodes) w.keeper.release(node.nodeId);
    const holders = [w.devnet.faucetAddress, w.crank, ...honest, flashStaker, mover, spammer, proposer];
    holders.push(...w.nodes.map((n) => n.operator));
    w.calls.sendWal(
      w.devnet.faucetAddress,
      [...honest, flashStaker, mover, spammer, proposer],
      [...honest.map(() => 50_000n * WAL), 5_000_000n * WAL, 10_000n * WAL, 1_000n * WAL, 1_000n * WAL],
    );
    for (const [i, owner] of honest.entries()) w.calls.stake(owner, w.nodes[i]!.nodeId, 10_000n * WAL);
    const supplyAtStart = w.devnet.state.treasury.totalSupply;
    expect(walInExistence(w, holders)).toBe(supplyAtStart);
    w.nextEpoch();

    let junk = 0;
    let flashBlocked = 0;
    let timeouts = 0;
    let proposalId: string | undefined;
    let moved = false;
    w.calls.expectSuccess = false;

    for (let e = 0; e < EPOCHS; e++) {
      const staking = w.devnet.state.staking;
      const epoch = staking.epoch;
      // Honest delegators.
      for (const owner of honest) {
        const mine = positions(w, owner);
        const due = mine.find((p) => p.state.kind === 'withdrawing' && p.state.withdrawEpoch <= epoch);
        const active = mine.filter((p) => p.state.kind === 'staked' && p.activationEpoch <= epoch);
        const roll = random.next();
        if (due) expect(w.calls.withdraw(owner, due.id).tx.status.success).toBe(true);
        else if (roll < 0.5 || active.length === 0)
          w.calls.stake(owner, random.pick(w.nodes.slice(0, 6)).nodeId, BigInt(random.int(1, 2_000)) * WAL);
        else if (roll < 0.75) w.calls.requestWithdraw(owner, random.pick(active).id);
        else if (active[0]!.principal >= 4n * WAL) w.calls.split(owner, active[0]!.id, active[0]!.principal / 3n);
      }
      // The spammer registers junk nodes.
      for (let k = 0; k < 3; k++) registerJunk(w, junk++);
      w.calls.addRewards(w.devnet.faucetAddress, BigInt(random.int(10, 500)) * WAL);

      // A proposal, and a vote mover who tries to count the same WAL twice.
      if (proposalId === undefined && epoch % 6 === 1) {
        const created = w.calls.proposeText(proposer, `proposal ${epoch}`, 10n * WAL);
        proposalId = eventSchemas.ProposalCreated.parse(created.tx.events[0]!.bcs).proposal_id;
        const node = w.nodes[0]!;
        w.calls.voteAsNode(node.operator, node.capId, proposalId, 0);
        const mine = positions(w, mover).find((p) => p.state.kind === 'staked' && p.activationEpoch <= epoch);
        if (mine) {
          w.calls.voteWithStake(mover, [mine.id], proposalId, 0);
          w.calls.requestWithdraw(mover, mine.id);
          moved = true;
        }
      } else if (proposalId !== undefined) {
        const due = positions(w, mover).find((p) => p.state.kind === 'withdrawing' && p.state.withdrawEpoch <= epoch);
        if (due) {
          w.calls.withdraw(mover, due.id);
          w.calls.stake(mover, w.nodes[1]!.nodeId, w.calls.walBalance(mover) - WAL);
        }
        const node = w.nodes[1]!;
        w.calls.voteAsNode(node.operator, node.capId, proposalId, 0);
        for (const p of positions(w, mover)) w.calls.voteWithStake(mover, [p.id], proposalId, 0);
      } else if (positions(w, mover).length === 0) {
        w.calls.stake(mover, w.nodes[0]!.nodeId, 5_000n * WAL);
      }

      // The flash stake, right before voting end, on the attacker's nodes (after a
      // timed-out sync, voting end runs at once with it: no flash that epoch).
      const mid = staking.epochStartMs + staking.params.epochDurationMs / 2n;
      if (w.devnet.clockMs < mid) w.devnet.clockMs = mid;
      const flash = w.devnet.state.staking.votingEnded
        ? []
        : attackerNodes.map((node) =>
            TuskCalls.createdOf(w.calls.stake(flashStaker, node.nodeId, 400_000n * WAL), 'StakedWal'),
          );
      w.keeper.tick(); // voting_end counts it
      const counted = new Map(
        w.devnet.state.staking.nextCommittee.nodeIds.map((id) => [
          id,
          // What selection counted: its active stake at the next epoch, projected.
          activeStakeAt(w.devnet.state, id, epoch + 1),
        ]),
      );
      for (const id of flash) {
        const out = w.calls.withdraw(flashStaker, id);
        expect(out.tx.status.success, 'a counted flash stake cannot be withdrawn at once').toBe(false);
        flashBlocked++;
        w.calls.requestWithdraw(flashStaker, id);
      }
      for (const p of positions(w, flashStaker)) {
        if (p.state.kind === 'withdrawing' && p.state.withdrawEpoch <= epoch) w.calls.withdraw(flashStaker, p.id);
      }

      // The epoch change: the attacker's nodes never sync.
      w.devnet.clockMs = staking.epochStartMs + staking.params.epochDurationMs;
      const change = w.calls.initiateEpochChange(w.crank);
      expect(change.tx.status.success, `the change into epoch ${epoch + 1} ran`).toBe(true);
      expect(change.tx.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_TRANSACTION);
      w.keeper.tick();
      if (w.devnet.state.staking.epochState.kind === 'sync') {
        w.devnet.clockMs = w.devnet.state.staking.epochStartMs + w.devnet.state.staking.params.epochDurationMs / 2n;
        w.keeper.tick();
        timeouts++;
      }
      w.devnet.seal();
      const now = w.devnet.state;
      expect(now.staking.epoch).toBe(epoch + 1);
      expect(now.staking.epochState.kind, `the change into epoch ${epoch + 1} completed`).toBe('done');

      // Stake the selection counted is at stake now (less slashes, plus rewards: none slashed here).
      for (const [id, stake] of counted) {
        const pool = now.pools.get(id)!;
        expect(pool.wal + 1n >= stake, `node ${id} holds the stake that selected it`).toBe(true);
      }
      // WAL is conserved.
      expect(walInExistence(w, holders)).toBe(now.treasury.totalSupply);
      // Tallies: snapshot weights, never more than the snapshot total.
      if (proposalId !== undefined) {
        const proposal = now.proposals.get(proposalId)!;
        const votes = now.proposalVotes.get(proposalId)!;
        const [yes, no, abstain, veto] = tally(proposal, votes);
        expect(yes + no + abstain + veto).toBeLessThanOrEqual(proposal.totalStake);
        for (const [nodeId, vote] of votes.nodeVotes)
          expect(vote.weight).toBe(activeStakeAt(now, nodeId, proposal.createdEpoch));
        for (const [stakeId, vote] of votes.stakeVotes) {
          // Its value when the proposal's epoch began (it may have asked to leave since).
          const object = w.devnet.objects.get(stakeId)?.value as StakedWal | undefined;
          if (object) {
            const [then] = payout(
              now,
              now.pools.get(object.nodeId)!,
              object.principal,
              object.activationEpoch,
              proposal.createdEpoch,
            );
            expect(vote.weight).toBe(then);
          }
        }
        if (now.staking.epoch >= proposal.endEpoch) {
          w.calls.finalize(proposer, proposalId);
          proposalId = undefined;
        }
      }
    }
    expect(flashBlocked).toBeGreaterThanOrEqual((EPOCHS / 2) * attackerNodes.length);
    expect(moved).toBe(true);
    expect(junk).toBe(EPOCHS * 3);
    expect(timeouts).toBeGreaterThan(0);
    expect(w.devnet.state.treasury.totalSupply).toBeLessThan(supplyAtStart);
  });
});
