/**
 * A living Tusk network on the devnet: a seeded population registers its
 * nodes, funds and stakes, then every epoch delegators stake, withdraw,
 * split and join, operators change commission, vote on prices and collect,
 * WAL holders propose and vote, a committee now and then slashes a node,
 * users store blobs (certified by the committee's real BLS signatures), and
 * a subsidy adds rewards. Every action is a transaction through the
 * simulator's transaction API (`TuskCalls`), so the history is real
 * simulator output, and the same seed gives the same chain.
 */
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import { TuskCalls, type CallResult } from '../sim/calls.ts';
import type { Devnet } from '../sim/devnet.ts';
import { EpochKeeper } from '../sim/keeper.ts';
import { certify } from '../sim/nodeKeys.ts';
import type { BlsKeypair } from '../sim/tusk/bls.ts';
import type { StakedWal } from '../sim/tusk/objects.ts';
import { deriveBlobId, blobCertifiedBytes } from '../sim/tusk/storageFormats.ts';
import type { Population } from './population.ts';
import { Random } from './random.ts';

const WAL = FROST_PER_WAL;

export interface NetworkStats {
  transactions: number;
  failed: number;
}

export interface ActivityLevel {
  /** Scales how many delegators act per epoch (1 = the population's own rates). */
  delegators: number;
  /** Blobs registered per epoch. */
  blobs: number;
  /** Epochs between proposals (0: none). */
  proposalEvery: number;
  /** Epochs at which a slash is voted and executed. */
  slashEpochs: number[];
  /**
   * Rewards added each epoch (on top of storage fees), as the yearly return
   * they give the total stake: the subsidy is sized so stake earns about this
   * much a year whatever the epoch length.
   */
  subsidyApy: number;
}

export const DEMO_ACTIVITY: ActivityLevel = {
  delegators: 1,
  blobs: 2,
  proposalEvery: 4,
  slashEpochs: [9, 21],
  subsidyApy: 0.08,
};

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export class Network {
  readonly calls: TuskCalls;
  readonly keeper: EpochKeeper;
  readonly random: Random;
  readonly stats: NetworkStats = { transactions: 0, failed: 0 };
  /** Node ID by node index, and caps. */
  readonly nodeIds: string[] = [];
  readonly capIds: string[] = [];
  readonly #blsByPublicKey = new Map<string, BlsKeypair>();
  readonly #openProposals: { id: string; endEpoch: number }[] = [];
  #txSinceSeal = 0;
  /** Once-per-epoch actions already done, as `action:epoch`. */
  readonly #once = new Set<string>();

  #firstTime(action: string, epoch: number): boolean {
    const key = `${action}:${epoch}`;
    if (this.#once.has(key)) return false;
    this.#once.add(key);
    return true;
  }

  constructor(
    readonly devnet: Devnet,
    readonly population: Population,
    readonly activity: ActivityLevel = DEMO_ACTIVITY,
    /** Seal a checkpoint after this many transactions. */
    readonly txPerCheckpoint = 25,
  ) {
    this.calls = new TuskCalls(devnet);
    this.keeper = new EpochKeeper(this.calls, population.crank);
    this.random = new Random(`${population.seed}:activity`);
    for (const node of population.nodes)
      this.#blsByPublicKey.set(Buffer.from(node.keys.bls.publicKey).toString('hex'), node.keys.bls);
  }

  #count(result: CallResult): CallResult {
    this.stats.transactions++;
    if (!result.tx.status.success) this.stats.failed++;
    if (++this.#txSinceSeal >= this.txPerCheckpoint) this.seal();
    return result;
  }

  seal(): void {
    if (this.devnet.pendingTransactions > 0) this.devnet.seal();
    this.#txSinceSeal = 0;
  }

  /** Runs the epoch keeper (voting end, epoch change, syncs) at the current clock. */
  crank(): number {
    const sent = this.keeper.tick();
    this.stats.transactions += sent;
    if (sent > 0) this.seal();
    return sent;
  }

  // === Bootstrap ===

  /** Funds everyone, registers the nodes and makes the first stakes (in epoch 0). */
  bootstrap(): void {
    const { devnet, calls, population } = this;
    const faucet = devnet.faucetAddress;
    const operators = population.nodes.map((n) => n.operator);
    for (let i = 0; i < operators.length; i += 200) {
      const batch = operators.slice(i, i + 200);
      this.#count(
        calls.sendWal(
          faucet,
          batch,
          batch.map(() => 2_000_000n * WAL),
        ),
      );
    }
    for (let i = 0; i < population.delegators.length; i += 400) {
      const batch = population.delegators.slice(i, i + 400);
      this.#count(
        calls.sendWal(
          faucet,
          batch.map((d) => d.address),
          batch.map((d) => d.budget),
        ),
      );
    }
    const users = population.storageUsers;
    this.#count(
      calls.sendWal(
        faucet,
        users,
        users.map(() => 5_000_000n * WAL),
      ),
    );
    for (const node of population.nodes) {
      const result = this.#count(
        calls.registerCandidate(node.operator, {
          name: node.name,
          networkAddress: node.networkAddress,
          metadataUrl: node.metadataUrl,
          publicKey: node.keys.bls.publicKey,
          networkPublicKey: node.keys.networkPublicKey,
          proofOfPossession: node.keys.proofOfPossession,
          commissionBps: node.commissionBps,
          storagePrice: node.storagePrice,
          writePrice: node.writePrice,
          capacity: node.capacity,
        }),
      );
      const nodeId = this.#nodeIdOf(result);
      const capId = TuskCalls.createdOf(result, 'StorageNodeCap');
      this.nodeIds.push(nodeId);
      this.capIds.push(capId);
      this.keeper.operate({ nodeId, operator: node.operator, capId });
      // Operators stake on their own node.
      this.#count(calls.stake(node.operator, nodeId, BigInt(this.random.int(50_000, 400_000)) * WAL));
    }
    for (const delegator of population.delegators)
      this.#stake(delegator.address, delegator.budget / BigInt(this.random.int(1, 3)));
    this.seal();
  }

  #nodeIdOf(result: CallResult): string {
    const event = result.tx.events.find((e) => e.name === 'NodeRegistered');
    if (!event)
      throw new Error(`registration failed: ${result.tx.status.success ? 'no event' : result.tx.status.description}`);
    return `0x${Buffer.from(event.bcs.slice(4, 36)).toString('hex')}`;
  }

  #pickNode(): string {
    return this.nodeIds[this.random.weighted(this.population.nodes.map((n) => n.popularity))]!;
  }

  #stake(owner: string, amount: bigint): void {
    const balance = this.calls.walBalance(owner);
    const stake = amount < balance ? amount : balance;
    if (stake < WAL) return;
    this.#count(this.calls.stake(owner, this.#pickNode(), stake));
  }

  #positions(owner: string): StakedWal[] {
    return this.devnet.objects.ownedBy(owner, this.devnet.types.stakedWal).map((o) => o.value as StakedWal);
  }

  /**
   * After a replay: finds the nodes, caps and open proposals in the devnet's
   * state again, and treats this epoch's once-per-epoch actions as done.
   */
  resume(): void {
    const { devnet, population } = this;
    this.nodeIds.length = 0;
    this.capIds.length = 0;
    population.nodes.forEach((node) => {
      const nodeId = [...devnet.state.pools.values()].find((pool) => pool.operator === node.operator)?.nodeId;
      const cap = devnet.objects
        .ownedBy(node.operator, devnet.types.storageNodeCap)
        .find((o) => (o.value as { nodeId: string }).nodeId === nodeId);
      if (!nodeId || !cap) throw new Error(`node ${node.index} (${node.name}) is missing after the replay`);
      this.nodeIds.push(nodeId);
      this.capIds.push(cap.id);
      this.keeper.operate({ nodeId, operator: node.operator, capId: cap.id });
    });
    this.#openProposals.length = 0;
    for (const proposal of devnet.state.proposals.values())
      if (proposal.status === 0) this.#openProposals.push({ id: proposal.id, endEpoch: proposal.endEpoch });
    const epoch = devnet.state.staking.epoch;
    for (const action of ['propose', 'slash']) this.#once.add(`${action}:${epoch}`);
    for (const proposal of this.#openProposals) this.#once.add(`vote:${proposal.id}:${epoch}`);
  }

  /** A few random actions now (the live network between epochs). */
  actSome(count: number): void {
    for (let i = 0; i < count; i++) {
      const roll = this.random.next();
      if (roll < 0.8) this.#delegatorAction(this.random.pick(this.population.delegators).address);
      else if (roll < 0.9) this.#storeBlob();
      else {
        const i = this.random.int(0, this.population.nodes.length - 1);
        this.#count(this.calls.collectCommission(this.population.nodes[i]!.operator, this.capIds[i]!));
      }
    }
    const epoch = this.devnet.state.staking.epoch;
    if (
      this.activity.proposalEvery > 0 &&
      epoch % this.activity.proposalEvery === 0 &&
      this.#firstTime('propose', epoch)
    )
      this.#propose();
    for (const proposal of this.#openProposals.filter((p) => p.endEpoch > epoch))
      if (this.#firstTime(`vote:${proposal.id}`, epoch)) this.#voteOn(proposal.id);
    for (const proposal of this.#openProposals.filter((p) => p.endEpoch <= epoch)) this.#finalize(proposal.id);
    if (this.activity.subsidyApy > 0 && this.#firstTime('subsidy', epoch)) this.#addSubsidy();
  }

  // === Activity ===

  /** Delegators', operators' and users' actions, spread over the clock range [from, to). */
  act(from: bigint, to: bigint): void {
    const actions: (() => void)[] = [];
    const epoch = this.devnet.state.staking.epoch;
    for (const delegator of this.population.delegators) {
      if (!this.random.chance(delegator.activity * this.activity.delegators * 0.5)) continue;
      actions.push(() => this.#delegatorAction(delegator.address));
    }
    this.population.nodes.forEach((node, i) => {
      if (this.random.chance(0.05))
        actions.push(() =>
          this.#count(
            this.calls.setCommission(node.operator, this.capIds[i]!, this.random.pick([0, 300, 500, 1000, 1500])),
          ),
        );
      if (this.random.chance(0.1))
        actions.push(() => this.#count(this.calls.collectCommission(node.operator, this.capIds[i]!)));
      if (this.random.chance(0.08)) {
        actions.push(() =>
          this.#count(
            this.calls.voteForPrices(
              node.operator,
              this.capIds[i]!,
              BigInt(this.random.int(8, 14)) * 10_000n,
              BigInt(this.random.int(15, 25)) * 1_000n,
              BigInt(this.random.int(2, 16)) << 40n,
            ),
          ),
        );
      }
    });
    for (let b = 0; b < this.activity.blobs; b++) actions.push(() => this.#storeBlob());
    if (this.activity.subsidyApy > 0 && this.#firstTime('subsidy', epoch)) actions.push(() => this.#addSubsidy());
    if (
      this.activity.proposalEvery > 0 &&
      epoch > 0 &&
      epoch % this.activity.proposalEvery === 0 &&
      this.#firstTime('propose', epoch)
    ) {
      actions.push(() => this.#propose());
    }
    for (const proposal of this.#openProposals.filter((p) => p.endEpoch > epoch)) {
      if (this.#firstTime(`vote:${proposal.id}`, epoch)) actions.push(() => this.#voteOn(proposal.id));
    }
    for (const proposal of this.#openProposals.filter((p) => p.endEpoch <= epoch))
      actions.push(() => this.#finalize(proposal.id));
    if (this.activity.slashEpochs.includes(epoch) && this.#firstTime('slash', epoch)) actions.push(() => this.#slash());

    // Shuffle, then run them at times spread over the range.
    for (let i = actions.length - 1; i > 0; i--) {
      const j = this.random.int(0, i);
      [actions[i], actions[j]] = [actions[j]!, actions[i]!];
    }
    const span = to - from;
    actions.forEach((action, i) => {
      const at = from + (span * BigInt(i + 1)) / BigInt(actions.length + 1);
      if (at > this.devnet.clockMs) this.devnet.clockMs = at;
      action();
    });
  }

  /** Adds the epoch's subsidy: total stake x the per-epoch return of `subsidyApy`. */
  #addSubsidy(): void {
    const staking = this.devnet.state.staking;
    const total = staking.epochStartStake;
    const perEpoch = Math.pow(1 + this.activity.subsidyApy, Number(staking.params.epochDurationMs) / YEAR_MS) - 1;
    const amount = (total * BigInt(Math.round(perEpoch * 1e12))) / 1_000_000_000_000n;
    if (amount >= 1n) this.#count(this.calls.addRewards(this.devnet.faucetAddress, amount));
  }

  #delegatorAction(owner: string): void {
    const epoch = this.devnet.state.staking.epoch;
    const positions = this.#positions(owner);
    const withdrawable = positions.find((p) => p.state.kind === 'withdrawing' && p.state.withdrawEpoch <= epoch);
    if (withdrawable) return void this.#count(this.calls.withdraw(owner, withdrawable.id));
    const active = positions.filter((p) => p.state.kind === 'staked' && p.activationEpoch <= epoch);
    const roll = this.random.next();
    if (roll < 0.45 || active.length === 0)
      return this.#stake(owner, this.calls.walBalance(owner) / BigInt(this.random.int(2, 4)));
    const position = this.random.pick(active);
    if (roll < 0.75) {
      const partial = position.principal >= 4n * WAL && this.random.chance(0.4) ? position.principal / 2n : undefined;
      return void this.#count(this.calls.requestWithdraw(owner, position.id, partial));
    }
    const twin = active.find(
      (p) => p.id !== position.id && p.nodeId === position.nodeId && p.activationEpoch === position.activationEpoch,
    );
    if (twin) return void this.#count(this.calls.join(owner, position.id, [twin.id]));
    if (position.principal >= 4n * WAL)
      return void this.#count(this.calls.split(owner, position.id, position.principal / 3n));
    this.#stake(owner, this.calls.walBalance(owner) / 2n);
  }

  #storeBlob(): void {
    const system = this.devnet.state.system;
    if (system.committee.nShards === 0n) return;
    const owner = this.random.pick(this.population.storageUsers);
    const size = BigInt(this.random.int(1_000, 50_000_000));
    const rootHash = BigInt(this.random.int(1, 2 ** 30)) * 0x1_0000_0000n + BigInt(this.random.int(0, 2 ** 30));
    const blobId = deriveBlobId(0, size, rootHash);
    const k = system.committee.nShards - 2n * ((system.committee.nShards - 1n) / 3n);
    const rows = (size + 2n * k - 1n) / (2n * k);
    const encoded = system.committee.nShards * ((rows === 0n ? 1n : rows) * 2n + 32n * system.committee.nShards);
    const epochs = this.random.int(1, 10);
    const reserved = this.#count(this.calls.reserveSpace(owner, encoded, epochs, 1_000_000n * WAL));
    if (!reserved.tx.status.success) return;
    const storageId = TuskCalls.createdOf(reserved, 'Storage');
    const deletable = this.random.chance(0.4);
    const registered = this.#count(
      this.calls.registerBlob(
        owner,
        storageId,
        { blobId, rootHash, size, encodingType: 0, deletable },
        1_000_000n * WAL,
      ),
    );
    if (!registered.tx.status.success) return;
    const blobObjectId = TuskCalls.createdOf(registered, 'Blob');
    if (this.random.chance(0.1)) return; // some blobs are never certified
    const committee = system.committee;
    // Members in committee order until more than 2/3 of the shards signed.
    const signers: number[] = [];
    let weight = 0n;
    for (let i = 0; i < committee.nodeIds.length && 3n * weight < 2n * committee.nShards + 1n; i++) {
      signers.push(i);
      weight += BigInt(committee.shards[i]!);
    }
    const message = blobCertifiedBytes(system.epoch, blobId, deletable ? blobObjectId : undefined);
    const certificate = certify(committee, this.#blsByPublicKey, signers, message);
    this.#count(
      this.calls.certifyBlob(
        owner,
        blobObjectId,
        certificate.signature,
        certificate.signersBitmap,
        certificate.message,
      ),
    );
    if (deletable && this.random.chance(0.3)) this.#count(this.calls.deleteBlob(owner, blobObjectId));
  }

  #propose(): void {
    const proposer =
      this.random.pick(this.population.delegators.filter((d) => d.budget > 50_000n * WAL)) ??
      this.population.delegators[0]!;
    const deposit = this.devnet.state.staking.params.minProposalDeposit;
    if (this.calls.walBalance(proposer.address) < deposit)
      this.#count(this.calls.sendWal(this.devnet.faucetAddress, [proposer.address], [deposit]));
    const roll = this.random.next();
    const result =
      roll < 0.5
        ? this.#count(
            this.calls.proposeParameterChange(
              proposer.address,
              this.random.pick(['burn_bps', 'slash_bps', 'min_stake']),
              BigInt(this.random.pick([200, 250, 400, 150])),
              deposit,
            ),
          )
        : this.#count(
            this.calls.proposeText(
              proposer.address,
              this.random.pick([
                'Raise the storage subsidy for small nodes',
                'Publish a node operator code of conduct',
                'Fund an independent audit of the staking contracts',
              ]),
              deposit,
            ),
          );
    const event = result.tx.events.find((e) => e.name === 'ProposalCreated');
    if (!event) return;
    const id = `0x${Buffer.from(event.bcs.slice(4, 36)).toString('hex')}`;
    this.#openProposals.push({
      id,
      endEpoch: this.devnet.state.staking.epoch + this.devnet.state.staking.params.votingEpochs,
    });
  }

  #voteOn(proposalId: string): void {
    const epoch = this.devnet.state.staking.epoch;
    this.population.nodes.forEach((node, i) => {
      if (this.random.chance(0.6))
        this.#count(
          this.calls.voteAsNode(node.operator, this.capIds[i]!, proposalId, this.random.weighted([6, 2, 1, 0.5])),
        );
    });
    const proposal = this.devnet.state.proposals.get(proposalId);
    if (!proposal) return;
    for (const delegator of this.population.delegators) {
      if (!this.random.chance(0.02)) continue;
      const eligible = this.#positions(delegator.address).filter(
        (p) => p.state.kind === 'staked' && p.activationEpoch <= epoch && p.changedEpoch < proposal.createdEpoch,
      );
      if (eligible.length > 0)
        this.#count(
          this.calls.voteWithStake(
            delegator.address,
            eligible.map((p) => p.id).slice(0, 3),
            proposalId,
            this.random.weighted([4, 3, 1, 1]),
          ),
        );
    }
  }

  #finalize(proposalId: string): void {
    this.#count(this.calls.finalize(this.population.crank, proposalId));
    this.#openProposals.splice(
      this.#openProposals.findIndex((p) => p.id === proposalId),
      1,
    );
  }

  #slash(): void {
    const committee = this.devnet.state.staking.committee;
    if (committee.nodeIds.length < 4) return;
    const target = committee.nodeIds[committee.nodeIds.length - 1]!;
    const nShards = BigInt(this.devnet.state.staking.params.nShards);
    let weight = 0n;
    for (let i = 0; i < committee.nodeIds.length - 1 && 3n * weight < 2n * nShards; i++) {
      const index = this.nodeIds.indexOf(committee.nodeIds[i]!);
      if (index < 0) continue;
      this.#count(this.calls.voteForSlash(this.population.nodes[index]!.operator, this.capIds[index]!, target));
      weight += BigInt(committee.shards[i]!.length);
    }
    this.#count(this.calls.executeSlash(this.population.crank, target));
  }

  // === Time ===

  /** Runs one whole epoch from the clock's position: activity, voting end, activity, epoch change and sync. */
  runEpoch(): void {
    const staking = this.devnet.state.staking;
    const start = staking.epochStartMs;
    const duration = staking.params.epochDurationMs;
    const mid = start + duration / 2n;
    const end = start + duration;
    this.act(this.devnet.clockMs, mid - 1n);
    this.devnet.clockMs = mid;
    this.crank();
    this.act(mid + 1n, end - 1n);
    this.devnet.clockMs = end;
    this.crank();
    this.seal();
  }
}
