/**
 * A seeded, deterministic scenario of the Tusk protocol as a stream of
 * checkpoints: nodes register; stakers stake, request withdrawals, withdraw,
 * split and join; epochs advance (committee selection at mid-epoch, fees turned
 * into rewards, every pool advancing with its exchange rate); operators vote on
 * prices, schedule and collect commission; committees vote to slash a node;
 * proposals are opened, voted on (nodes and overriding delegators) and
 * finalized; storage is bought and blobs registered, certified, extended,
 * deleted and invalidated.
 *
 * It is a fixture generator, not the devnet: it follows the protocol's rules
 * closely enough that every event is plausible and the indexer's tables can be
 * checked against the model it keeps (`facts`), using the shared staking math.
 * Checkpoints are generated lazily, so millions of events need little memory
 * beyond the model itself.
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { Checkpoint } from '../../indexer/src/source/checkpoint.ts';
import type { EventName } from '@tusk/shared/events';
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import {
  apportionShards,
  FLAT_RATE,
  selectCommittee,
  shardCap,
  sharesForWal,
  slashAmount,
  splitCommission,
  splitFees,
  walForShares,
  type ExchangeRate,
} from '@tusk/shared/staking/index';
import { CheckpointAssembler, event, type EventSpec } from './checkpointAssembler.ts';
import { PickSet, Random } from './random.ts';

export interface ScenarioParams {
  seed: number;
  /** Original package ID the events are typed under. */
  packageId: string;
  nodes: number;
  stakers: number;
  /** Epochs after genesis (epoch 0). */
  epochs: number;
  /** Checkpoints in each epoch (at least 8). */
  checkpointsPerEpoch: number;
  /** Average events of an ordinary checkpoint (epoch changes have one per pool more). */
  eventsPerCheckpoint: number;
  committeeSize?: number;
  nShards?: number;
  epochDurationMs?: number;
  /** A slash every this many epochs (0: never). */
  slashEveryEpochs?: number;
  /** A proposal every this many epochs (0: never). */
  proposalEveryEpochs?: number;
  firstCheckpoint?: bigint;
  startTimeMs?: bigint;
}

export type PositionState = 'pending' | 'active' | 'withdrawing' | 'withdrawn' | 'joined';

export interface PositionFact {
  owner: string;
  nodeId: string;
  principal: bigint;
  state: PositionState;
  activationEpoch: number;
  /** Epoch the StakedWal last got its principal: staked, split (both parts) or merged into (Move `changed_epoch`). */
  changedEpoch: number;
  withdrawEpoch: number | null;
  rewards: bigint | null;
  slashed: bigint | null;
  splitFrom: string | null;
  joinedInto: string | null;
}

export interface NodeFact {
  stake: bigint;
  shares: bigint;
  shards: number;
  status: 'candidate' | 'committee';
  commissionBps: number;
  slashCount: number;
  commissionCollected: bigint;
  inActiveSet: boolean;
  activeSetJoinedEpoch: number | null;
}

export interface ProposalFact {
  status: 'open' | 'passed' | 'rejected' | 'vetoed' | 'failed_quorum';
  yes: bigint | null;
  no: bigint | null;
  abstain: bigint | null;
  veto: bigint | null;
  voters: number;
}

export interface BlobFact {
  state: 'registered' | 'certified' | 'deleted' | 'burned';
  invalidated: boolean;
  endEpoch: number;
  /** Metadata pairs currently set. */
  metadata: Map<string, string>;
}

export interface StorageFact {
  state: 'active' | 'fused' | 'destroyed';
  size: bigint;
  startEpoch: number;
  endEpoch: number;
}

/** What the indexer's tables must say once every checkpoint is indexed. */
export interface ScenarioFacts {
  checkpoints: number;
  events: number;
  eventsByName: Partial<Record<EventName, number>>;
  lastCheckpoint: bigint;
  currentEpoch: number;
  positions: Map<string, PositionFact>;
  nodes: Map<string, NodeFact>;
  proposals: Map<string, ProposalFact>;
  blobs: Map<string, BlobFact>;
  storage: Map<string, StorageFact>;
  epochFees: Map<number, { storagePaid: bigint; writeFees: bigint; rewardsAdded: bigint }>;
  /** Epochs whose change completed at the sync timeout, with the members that had not synced. */
  syncTimeouts: Map<number, string[]>;
}

interface NodeModel {
  id: string;
  operator: string;
  commissionBps: number;
  pendingCommission: { bps: number; epoch: number } | null;
  stake: bigint;
  shares: bigint;
  rate: ExchangeRate;
  accruedCommission: bigint;
  activating: Map<number, Set<PositionModel>>;
  leaving: Map<number, Set<PositionModel>>;
  shards: number;
  shardIndices: number[];
  nextShards: number;
  slashCount: number;
  commissionCollected: bigint;
  /** The epoch its first stake made it join the active set; null while it never had one. */
  activeSetJoinedEpoch: number | null;
}

interface PositionModel extends PositionFact {
  id: string;
  node: NodeModel;
  shares: bigint;
  payout: bigint;
}

interface ProposalModel {
  id: string;
  kind: number;
  endEpoch: number;
  parameter: { name: string; value: bigint } | null;
  votes: Map<string, { isNode: boolean; option: number; weight: bigint; nodeId: string }>;
  fact: ProposalFact;
}

interface BlobModel extends BlobFact {
  objectId: string;
  blobId: bigint;
  deletable: boolean;
}

interface StorageModel extends StorageFact {
  id: string;
  owner: string;
}

const WAL = FROST_PER_WAL;
const MIB = 1n << 20n;
const BURN_BPS = 300;
const SLASH_BPS = 100;
/** Rewards added each epoch on top of fees (`add_rewards`, RewardsAdded), so pools always grow. */
const EPOCH_SUBSIDY = 50_000n * WAL;

export class Scenario {
  readonly params: Required<ScenarioParams>;
  readonly #random: Random;
  readonly #cp: CheckpointAssembler;
  #epoch = 0;
  #indexInEpoch = 0;
  /**
   * ActiveSetJoined events in the checkpoint being built. They do not count
   * toward a checkpoint's size, so the random actions (and every other event)
   * stay what they were before the event existed, and a seed keeps its story.
   */
  #joinEventsInCheckpoint = 0;
  #storagePrice = 100_000n;
  #writePrice = 20_000n;
  #capacity = 1n << 40n;
  #packageVersion = 1n;
  readonly #nodes: NodeModel[] = [];
  readonly #stakers: string[] = [];
  readonly #positions = new Map<string, PositionModel>();
  readonly #pending = new PickSet<PositionModel>();
  readonly #active = new PickSet<PositionModel>();
  readonly #withdrawing = new PickSet<PositionModel>();
  readonly #splitChildren = new PickSet<PositionModel>();
  readonly #proposals = new Map<string, ProposalModel>();
  readonly #openProposals = new PickSet<ProposalModel>();
  readonly #blobs = new Map<string, BlobModel>();
  readonly #uncertified = new PickSet<BlobModel>();
  readonly #certified = new PickSet<BlobModel>();
  readonly #deletable = new PickSet<BlobModel>();
  readonly #fees = new Map<number, { storagePaid: bigint; writeFees: bigint; rewardsAdded: bigint }>();
  readonly #storage = new Map<string, StorageModel>();
  readonly #freeStorage = new PickSet<StorageModel>();
  /** #freeStorage by owner, size and start epoch: what a fusion looks for, without scanning them all. */
  readonly #freeByStart = new Map<string, Set<StorageModel>>();
  readonly #liveBlobs = new PickSet<BlobModel>();
  readonly #facts: ScenarioFacts;
  #idCounter = 0;

  constructor(params: ScenarioParams) {
    if (params.checkpointsPerEpoch < 8)
      throw new Error(`checkpointsPerEpoch must be at least 8 (got ${params.checkpointsPerEpoch})`);
    if (params.nodes < 1 || params.stakers < 1) throw new Error('a scenario needs at least one node and one staker');
    this.params = {
      committeeSize: Math.min(params.nodes, 100),
      nShards: 1000,
      epochDurationMs: 24 * 60 * 60 * 1000,
      slashEveryEpochs: 5,
      proposalEveryEpochs: 3,
      firstCheckpoint: 0n,
      startTimeMs: 1_735_689_600_000n,
      ...params,
    };
    this.#random = new Random(params.seed);
    this.#cp = new CheckpointAssembler(
      normalizeSuiAddress(params.packageId),
      this.params.firstCheckpoint,
      this.params.startTimeMs,
    );
    this.#facts = {
      checkpoints: 0,
      events: 0,
      eventsByName: {},
      lastCheckpoint: this.params.firstCheckpoint - 1n,
      currentEpoch: 0,
      positions: this.#positions as Map<string, PositionFact>,
      nodes: new Map(),
      proposals: new Map(),
      blobs: this.#blobs as Map<string, BlobFact>,
      storage: this.#storage as Map<string, StorageFact>,
      epochFees: this.#fees,
      syncTimeouts: new Map(),
    };
  }

  /** Total checkpoints the scenario will produce. */
  get totalCheckpoints(): number {
    return (this.params.epochs + 1) * this.params.checkpointsPerEpoch;
  }

  /** The expected table facts; complete once `checkpoints()` has been fully consumed. */
  get facts(): ScenarioFacts {
    this.#facts.currentEpoch = this.#epoch;
    this.#facts.nodes = new Map(
      this.#nodes.map((n) => [
        n.id,
        {
          stake: n.stake,
          shares: n.shares,
          shards: n.shards,
          status: n.shards > 0 ? 'committee' : 'candidate',
          commissionBps: n.commissionBps,
          slashCount: n.slashCount,
          commissionCollected: n.commissionCollected,
          inActiveSet: n.activeSetJoinedEpoch !== null,
          activeSetJoinedEpoch: n.activeSetJoinedEpoch,
        },
      ]),
    );
    this.#facts.proposals = new Map([...this.#proposals].map(([id, p]) => [id, p.fact]));
    return this.#facts;
  }

  /** The checkpoints, generated one at a time. Consume once. */
  *checkpoints(): Generator<Checkpoint> {
    const perEpoch = this.params.checkpointsPerEpoch;
    const stepMs = BigInt(Math.max(1, Math.floor(this.params.epochDurationMs / perEpoch)));
    for (let epoch = 0; epoch <= this.params.epochs; epoch++) {
      for (let i = 0; i < perEpoch; i++) {
        this.#indexInEpoch = i;
        if (i === 0) this.#epochChange(epoch);
        else if (i === 1) this.#syncDone();
        else if (i === Math.floor(perEpoch / 2)) this.#votingEnd();
        else if (i === Math.floor(perEpoch / 2) + 1 && this.#isSlashEpoch()) this.#slash();
        else if (
          i === 2 &&
          this.params.proposalEveryEpochs > 0 &&
          epoch > 0 &&
          epoch % this.params.proposalEveryEpochs === 0
        ) {
          this.#propose();
        } else this.#ordinaryCheckpoint();
        yield this.#seal(stepMs);
      }
    }
  }

  /** The same checkpoints as an async iterable, as indexer sources provide them. */
  async *stream(): AsyncGenerator<Checkpoint> {
    for (const checkpoint of this.checkpoints()) yield checkpoint;
  }

  #seal(stepMs: bigint): Checkpoint {
    const checkpoint = this.#cp.seal(stepMs);
    this.#joinEventsInCheckpoint = 0;
    this.#facts.checkpoints++;
    this.#facts.events += checkpoint.events.length;
    this.#facts.lastCheckpoint = checkpoint.sequenceNumber;
    return checkpoint;
  }

  #tx(...events: EventSpec[]): void {
    for (const e of events) this.#facts.eventsByName[e.name] = (this.#facts.eventsByName[e.name] ?? 0) + 1;
    this.#cp.transaction(events);
  }

  #newId(): string {
    // Unique by construction (a counter), random-looking for realism.
    this.#idCounter++;
    return '0x' + this.#random.hex(24).slice(2) + this.#idCounter.toString(16).padStart(16, '0');
  }

  get #beforeVotingEnd(): boolean {
    return this.#indexInEpoch < Math.floor(this.params.checkpointsPerEpoch / 2);
  }

  #isSlashEpoch(): boolean {
    return this.params.slashEveryEpochs > 0 && this.#epoch >= 2 && this.#epoch % this.params.slashEveryEpochs === 0;
  }

  // --- Epochs ---

  #epochChange(epoch: number): void {
    this.#epoch = epoch;
    if (epoch === 0) {
      this.#tx(event('EpochChangeStarted', { epoch: 0, total_stake: 0n, rewards: 0n, burned: 0n }));
      this.#registerNodes();
      this.#tx(this.#parametersApplied([]));
      return;
    }
    // The ending epoch's fees (plus the subsidy) become rewards for its committee.
    const fees = this.#fees.get(epoch - 1);
    const { burned, rewards } = splitFees(fees ? fees.storagePaid + fees.writeFees + fees.rewardsAdded : 0n, BURN_BPS);
    const totalShards = this.#nodes.reduce((sum, n) => sum + n.shards, 0);
    const advances: EventSpec[] = [];
    let distributed = 0n;
    for (const node of this.#nodes) {
      const nodeRewards = totalShards === 0 ? 0n : (rewards * BigInt(node.shards)) / BigInt(totalShards);
      distributed += nodeRewards;
      advances.push(this.#advancePool(node, epoch, nodeRewards));
    }
    const totalStake = this.#nodes.reduce((sum, n) => sum + n.stake, 0n);
    this.#tx(event('EpochChangeStarted', { epoch, total_stake: totalStake, rewards: distributed, burned }));
    for (const advance of advances) this.#tx(advance);

    // The committee selected at the last voting end takes over; scheduled commissions apply.
    for (const node of this.#nodes) {
      node.shards = node.nextShards;
      if (node.pendingCommission && node.pendingCommission.epoch <= epoch) {
        node.commissionBps = node.pendingCommission.bps;
        node.pendingCommission = null;
      }
    }
    const changed = this.#finalizeProposals(epoch);
    this.#tx(this.#parametersApplied(changed));
    if (epoch % 4 === 0) {
      this.#storagePrice += 1_000n;
      this.#writePrice += 100n;
      this.#tx(event('PricesUpdated', { epoch, storage_price: this.#storagePrice, write_price: this.#writePrice }));
    }
  }

  #parametersApplied(changed: { name: string; value: bigint }[]): EventSpec {
    return event('ParametersApplied', {
      epoch: this.#epoch,
      storage_price: this.#storagePrice,
      write_price: this.#writePrice,
      capacity: this.#capacity,
      changed,
    });
  }

  /** Rewards in, commission out, then the stake leaving and arriving at this epoch, at the epoch's rate. */
  #advancePool(node: NodeModel, epoch: number, rewards: bigint): EventSpec {
    const { commission, toPool } = splitCommission(rewards, node.commissionBps);
    node.accruedCommission += commission;
    node.stake += toPool;
    const rate = node.shares > 0n && node.stake > 0n ? { wal: node.stake, shares: node.shares } : FLAT_RATE;
    let withdrawn = 0n;
    for (const p of node.leaving.get(epoch) ?? []) {
      p.payout = walForShares(p.shares, rate);
      withdrawn += p.payout;
      node.shares -= p.shares;
    }
    node.stake = node.stake > withdrawn ? node.stake - withdrawn : 0n;
    node.leaving.delete(epoch);
    let activated = 0n;
    for (const p of node.activating.get(epoch) ?? []) {
      p.shares = sharesForWal(p.principal, rate);
      node.shares += p.shares;
      activated += p.principal;
      p.state = 'active';
      this.#pending.delete(p);
      this.#active.add(p);
    }
    node.stake += activated;
    node.activating.delete(epoch);
    node.rate = rate;
    return event('PoolAdvanced', {
      epoch,
      node_id: node.id,
      stake: node.stake,
      shares: node.shares,
      rewards,
      commission,
      activated,
      withdrawn,
      rate_wal: rate.wal,
      rate_shares: rate.shares,
    });
  }

  #syncDone(): void {
    if (this.#epoch > 0) {
      // Now and then the committee stalls: only its first half syncs and the
      // change is completed at the timeout (EpochSyncTimedOut).
      const members = this.#nodes.filter((node) => node.shards > 0);
      const stalls = this.#epoch % 11 === 5 && members.length > 1;
      const syncing = stalls ? members.slice(0, Math.floor(members.length / 2)) : members;
      for (const node of syncing) {
        this.#tx(event('ShardsReceived', { epoch: this.#epoch, node_id: node.id, shards: node.shardIndices }));
      }
      if (stalls) {
        this.#facts.syncTimeouts.set(
          this.#epoch,
          members.slice(syncing.length).map((node) => node.id),
        );
        this.#tx(
          event('EpochSyncTimedOut', {
            epoch: this.#epoch,
            synced_weight: BigInt(syncing.reduce((sum, node) => sum + node.shards, 0)),
            unsynced: members.slice(syncing.length).map((node) => node.id),
          }),
        );
      }
    }
    this.#tx(event('EpochChangeDone', { epoch: this.#epoch }));
    this.#addFees(0n, 0n, EPOCH_SUBSIDY);
    this.#tx(event('RewardsAdded', { epoch: this.#epoch, amount: EPOCH_SUBSIDY }));
    this.#ordinaryCheckpoint();
  }

  /** Mid-epoch: the next committee is the top pools by next-epoch stake, shards by D'Hondt. */
  #votingEnd(): void {
    const next = this.#epoch + 1;
    const candidates = this.#nodes.map((node) => {
      let stake = node.stake + [...(node.activating.get(next) ?? [])].reduce((s, p) => s + p.principal, 0n);
      for (const p of node.leaving.get(next) ?? []) stake -= walForShares(p.shares, node.rate);
      return { id: node.id, stake: stake > 0n ? stake : 0n, node };
    });
    const members = selectCommittee(candidates, this.params.committeeSize);
    const cap = shardCap(this.params.nShards, members.length, 1000);
    const shards = apportionShards(
      members.map((m) => m.stake),
      this.params.nShards,
      cap,
    );
    for (const node of this.#nodes) node.nextShards = 0;
    let nextIndex = 0;
    members.forEach((m, i) => {
      m.node.nextShards = shards[i]!;
      m.node.shardIndices = Array.from({ length: shards[i]! }, () => nextIndex++);
    });
    this.#tx(
      event('CommitteeSelected', {
        epoch: this.#epoch,
        next_epoch: next,
        node_ids: members.map((m) => m.id),
        shards,
      }),
    );
    this.#ordinaryCheckpoint();
  }

  // --- Nodes ---

  #registerNodes(): void {
    for (let i = 0; i < this.params.nodes; i++) {
      const node: NodeModel = {
        id: this.#newId(),
        operator: this.#random.hex(32),
        commissionBps: this.#random.between(0, 20) * 50,
        pendingCommission: null,
        stake: 0n,
        shares: 0n,
        rate: FLAT_RATE,
        accruedCommission: 0n,
        activating: new Map(),
        leaving: new Map(),
        shards: 0,
        shardIndices: [],
        nextShards: 0,
        slashCount: 0,
        commissionCollected: 0n,
        activeSetJoinedEpoch: null,
      };
      this.#nodes.push(node);
      this.#tx(
        event('NodeRegistered', {
          epoch: 0,
          node_id: node.id,
          operator: node.operator,
          name: `node-${i} 🐘`,
          network_address: `node${i}.tusk.example:9185`,
          public_key: Uint8Array.from({ length: 96 }, (_, k) => (i * 7 + k) & 0xff),
          commission_bps: node.commissionBps,
        }),
      );
    }
    for (let i = 0; i < this.params.stakers; i++) this.#stakers.push(this.#random.hex(32));
  }

  #slash(): void {
    const committee = this.#nodes.filter((n) => n.shards > 0);
    if (committee.length >= 2) {
      const target = this.#random.pick(committee);
      let total = 0n;
      const voters = committee.filter((n) => n !== target);
      for (const voter of voters) {
        total += BigInt(voter.shards);
        this.#tx(
          event('SlashVoteCast', {
            epoch: this.#epoch,
            voter_node_id: voter.id,
            target_node_id: target.id,
            weight: BigInt(voter.shards),
            total_weight: total,
          }),
        );
        if (total * 3n > BigInt(this.params.nShards) * 2n) break;
      }
      if (total * 3n > BigInt(this.params.nShards) * 2n) {
        const stakeBurned = slashAmount(target.stake, SLASH_BPS);
        const commissionBurned = target.accruedCommission;
        target.accruedCommission = 0n;
        target.stake -= stakeBurned;
        target.slashCount += 1;
        // The pool's rate drops: the same shares now hold less WAL.
        target.rate =
          target.shares > 0n && target.stake > 0n ? { wal: target.stake, shares: target.shares } : target.rate;
        this.#tx(
          event('NodeSlashed', {
            epoch: this.#epoch,
            node_id: target.id,
            commission_burned: commissionBurned,
            stake_burned: stakeBurned,
            rate_wal: target.rate.wal,
            rate_shares: target.rate.shares,
          }),
        );
      }
    }
    this.#ordinaryCheckpoint();
  }

  // --- Ordinary activity ---

  #ordinaryCheckpoint(): void {
    const average = this.params.eventsPerCheckpoint;
    const target = this.#random.between(
      Math.max(1, Math.ceil(average / 2)),
      Math.max(1, Math.floor((average * 3) / 2)),
    );
    for (
      let attempts = 0;
      this.#cp.pendingEvents - this.#joinEventsInCheckpoint < target && attempts < target * 10;
      attempts++
    )
      this.#randomAction();
  }

  #randomAction(): void {
    const roll = this.#random.int(1000);
    if (roll < 250) this.#deposit();
    else if (roll < 330) this.#requestWithdraw();
    else if (roll < 420) this.#withdraw();
    else if (roll < 440) this.#withdrawEarly();
    else if (roll < 500) this.#split();
    else if (roll < 530) this.#join();
    else if (roll < 680) this.#registerBlob();
    else if (roll < 800) this.#certifyBlob();
    else if (roll < 820) this.#extendBlob();
    else if (roll < 850) this.#deleteBlob();
    else if (roll < 853) this.#invalidateBlob();
    else if (roll < 880) this.#nodeVote();
    else if (roll < 890) this.#scheduleCommission();
    else if (roll < 910) this.#collectCommission();
    else if (roll < 915) this.#updateNode();
    else if (roll < 925) this.#buyStorage();
    else if (roll < 933) this.#splitStorage();
    else if (roll < 938) this.#fuseStorage();
    else if (roll < 942) this.#destroyStorage();
    else if (roll < 946) this.#burnBlob();
    else if (roll < 956) this.#setBlobMetadata();
    else this.#vote();
  }

  #deposit(): void {
    const node = this.#random.pick(this.#nodes);
    const owner = this.#random.pick(this.#stakers);
    const amount = BigInt(this.#random.between(1, 5_000)) * WAL + BigInt(this.#random.int(1_000_000_000));
    const activationEpoch = this.#epoch + (this.#beforeVotingEnd ? 1 : 2);
    const p: PositionModel = {
      id: this.#newId(),
      owner,
      nodeId: node.id,
      node,
      principal: amount,
      state: 'pending',
      activationEpoch,
      changedEpoch: this.#epoch,
      withdrawEpoch: null,
      rewards: null,
      slashed: null,
      splitFrom: null,
      joinedInto: null,
      shares: 0n,
      payout: 0n,
    };
    this.#positions.set(p.id, p);
    this.#pending.add(p);
    setOf(node.activating, activationEpoch).add(p);
    // A pool joins the active set when first staked with (as stake_with_pool does, before
    // StakeDeposited). The model's set has room for every node and never evicts: every pool
    // steps into every epoch here, as active-set pools do on chain.
    const joined: EventSpec[] = [];
    if (node.activeSetJoinedEpoch === null) {
      node.activeSetJoinedEpoch = this.#epoch;
      let eventual = node.stake;
      for (const arriving of node.activating.values()) for (const q of arriving) eventual += q.principal;
      joined.push(event('ActiveSetJoined', { epoch: this.#epoch, node_id: node.id, stake: eventual, evicted: null }));
      this.#joinEventsInCheckpoint++;
    }
    this.#tx(
      ...joined,
      event('StakeDeposited', {
        epoch: this.#epoch,
        staked_wal_id: p.id,
        node_id: node.id,
        owner,
        amount,
        activation_epoch: activationEpoch,
      }),
    );
  }

  #requestWithdraw(): void {
    const p = this.#active.pick(this.#random);
    if (!p) return;
    const withdrawEpoch = this.#epoch + (this.#beforeVotingEnd ? 1 : 2);
    p.state = 'withdrawing';
    p.withdrawEpoch = withdrawEpoch;
    this.#active.delete(p);
    this.#withdrawing.add(p);
    setOf(p.node.leaving, withdrawEpoch).add(p);
    this.#tx(
      event('WithdrawRequested', {
        epoch: this.#epoch,
        staked_wal_id: p.id,
        node_id: p.nodeId,
        owner: p.owner,
        principal: p.principal,
        withdraw_epoch: withdrawEpoch,
      }),
    );
  }

  #withdraw(): void {
    const p = this.#withdrawing.pick(this.#random);
    if (!p || p.withdrawEpoch === null || p.withdrawEpoch > this.#epoch) return;
    this.#withdrawing.delete(p);
    p.state = 'withdrawn';
    p.rewards = p.payout > p.principal ? p.payout - p.principal : 0n;
    p.slashed = p.payout < p.principal ? p.principal - p.payout : 0n;
    this.#tx(
      event('StakeWithdrawn', {
        epoch: this.#epoch,
        staked_wal_id: p.id,
        node_id: p.nodeId,
        owner: p.owner,
        principal: p.principal,
        rewards: p.rewards,
        slashed: p.slashed,
      }),
    );
  }

  /** Stake that is not active yet leaves at once, without rewards. */
  #withdrawEarly(): void {
    const p = this.#pending.pick(this.#random);
    if (!p) return;
    this.#pending.delete(p);
    p.node.activating.get(p.activationEpoch)?.delete(p);
    p.state = 'withdrawn';
    p.rewards = 0n;
    p.slashed = 0n;
    this.#tx(
      event('StakeWithdrawn', {
        epoch: this.#epoch,
        staked_wal_id: p.id,
        node_id: p.nodeId,
        owner: p.owner,
        principal: p.principal,
        rewards: 0n,
        slashed: 0n,
      }),
    );
  }

  #split(): void {
    const from = this.#random.chance(0.5) ? this.#active.pick(this.#random) : this.#pending.pick(this.#random);
    if (!from || from.principal < 2n * WAL) return;
    const amount = WAL + this.#random.bigBetween(0n, (from.principal - 2n * WAL) / 1000n) * 1000n;
    const child: PositionModel = {
      ...from,
      id: this.#newId(),
      principal: amount,
      splitFrom: from.id,
      shares: 0n,
      changedEpoch: this.#epoch,
    };
    from.changedEpoch = this.#epoch;
    if (from.state === 'active') {
      child.shares = (from.shares * amount) / from.principal;
      from.shares -= child.shares;
      this.#active.add(child);
    } else {
      this.#pending.add(child);
      setOf(from.node.activating, from.activationEpoch).add(child);
    }
    from.principal -= amount;
    this.#positions.set(child.id, child);
    this.#splitChildren.add(child);
    this.#tx(event('StakedWalSplit', { epoch: this.#epoch, from_id: from.id, new_id: child.id, amount }));
  }

  /** Joins a split-off position back into its parent when both are still alike. */
  #join(): void {
    const child = this.#splitChildren.pick(this.#random);
    if (!child) return;
    this.#splitChildren.delete(child);
    const parent = child.splitFrom ? this.#positions.get(child.splitFrom) : undefined;
    if (!parent || parent.state !== child.state || (parent.state !== 'active' && parent.state !== 'pending')) return;
    if (parent.activationEpoch !== child.activationEpoch) return;
    parent.principal += child.principal;
    parent.shares += child.shares;
    parent.changedEpoch = this.#epoch;
    child.state = 'joined';
    child.joinedInto = parent.id;
    child.principal = 0n;
    child.shares = 0n;
    this.#active.delete(child);
    this.#pending.delete(child);
    child.node.activating.get(child.activationEpoch)?.delete(child);
    this.#tx(event('StakedWalJoined', { epoch: this.#epoch, into_id: parent.id, from_id: child.id }));
  }

  // --- Storage ---

  #addFees(storagePaid: bigint, writeFees: bigint, rewardsAdded = 0n): void {
    const f = this.#fees.get(this.#epoch) ?? { storagePaid: 0n, writeFees: 0n, rewardsAdded: 0n };
    f.storagePaid += storagePaid;
    f.writeFees += writeFees;
    f.rewardsAdded += rewardsAdded;
    this.#fees.set(this.#epoch, f);
  }

  /** Storage bought on its own (not for a blob), which owners split, fuse and destroy. */
  #buyStorage(): void {
    const owner = this.#random.pick(this.#stakers);
    const size = BigInt(this.#random.between(1, 1024)) * MIB;
    const epochsAhead = this.#random.between(2, 12);
    const paid = (size / MIB) * this.#storagePrice * BigInt(epochsAhead);
    const r: StorageModel = {
      id: this.#newId(),
      owner,
      state: 'active',
      size,
      startEpoch: this.#epoch,
      endEpoch: this.#epoch + epochsAhead,
    };
    this.#storage.set(r.id, r);
    this.#addFree(r);
    this.#addFees(paid, 0n);
    this.#tx(
      event('StorageReserved', {
        epoch: this.#epoch,
        storage_id: r.id,
        owner,
        size,
        start_epoch: r.startEpoch,
        end_epoch: r.endEpoch,
        paid,
      }),
    );
  }

  /** Splits by epoch: the original keeps [start, mid), the new resource gets [mid, end). */
  #splitStorage(): void {
    const r = this.#freeStorage.pick(this.#random);
    if (!r || r.endEpoch - r.startEpoch < 2) return;
    const mid = r.startEpoch + 1 + this.#random.int(r.endEpoch - r.startEpoch - 1);
    const created: StorageModel = {
      id: this.#newId(),
      owner: r.owner,
      state: 'active',
      size: r.size,
      startEpoch: mid,
      endEpoch: r.endEpoch,
    };
    r.endEpoch = mid;
    this.#storage.set(created.id, created);
    this.#addFree(created);
    this.#tx(
      event('StorageSplit', {
        epoch: this.#epoch,
        storage_id: r.id,
        size: r.size,
        start_epoch: r.startEpoch,
        end_epoch: r.endEpoch,
        new_storage_id: created.id,
        new_size: created.size,
        new_start_epoch: created.startEpoch,
        new_end_epoch: created.endEpoch,
      }),
    );
  }

  /** Fuses two resources of one owner adjacent in time and equal in size. */
  #fuseStorage(): void {
    const r = this.#freeStorage.pick(this.#random);
    if (!r) return;
    // The first free resource (in pick order) of the same owner and size starting where r ends.
    let next: StorageModel | undefined;
    let nextIndex = Infinity;
    for (const o of this.#freeByStart.get(freeKey(r.owner, r.size, r.endEpoch)) ?? []) {
      const index = this.#freeStorage.indexOf(o);
      if (o !== r && index < nextIndex) {
        next = o;
        nextIndex = index;
      }
    }
    if (!next) return;
    r.endEpoch = next.endEpoch;
    next.state = 'fused';
    this.#deleteFree(next);
    this.#tx(
      event('StorageFused', {
        epoch: this.#epoch,
        storage_id: r.id,
        fused_id: next.id,
        size: r.size,
        start_epoch: r.startEpoch,
        end_epoch: r.endEpoch,
      }),
    );
  }

  #addFree(r: StorageModel): void {
    this.#freeStorage.add(r);
    setOf(this.#freeByStart, freeKey(r.owner, r.size, r.startEpoch)).add(r);
  }

  #deleteFree(r: StorageModel): void {
    this.#freeStorage.delete(r);
    this.#freeByStart.get(freeKey(r.owner, r.size, r.startEpoch))?.delete(r);
  }

  #destroyStorage(): void {
    const r = this.#freeStorage.pick(this.#random);
    if (!r || r.endEpoch > this.#epoch) return;
    r.state = 'destroyed';
    this.#deleteFree(r);
    this.#tx(event('StorageDestroyed', { epoch: this.#epoch, storage_id: r.id }));
  }

  #burnBlob(): void {
    const blob = this.#liveBlobs.pick(this.#random);
    if (!blob) return;
    this.#forgetBlob(blob);
    blob.state = 'burned';
    this.#tx(event('BlobBurned', { epoch: this.#epoch, blob_id: blob.blobId, object_id: blob.objectId }));
  }

  #setBlobMetadata(): void {
    const blob = this.#liveBlobs.pick(this.#random);
    if (!blob) return;
    const key = this.#random.pick(['content-type', 'filename', 'description']);
    const value = blob.metadata.has(key) && this.#random.chance(0.3) ? null : `${key} ${this.#idCounter} ✓`;
    if (value === null) blob.metadata.delete(key);
    else blob.metadata.set(key, value);
    this.#tx(
      event('BlobMetadataUpdated', { epoch: this.#epoch, blob_id: blob.blobId, object_id: blob.objectId, key, value }),
    );
  }

  #forgetBlob(blob: BlobModel): void {
    this.#liveBlobs.delete(blob);
    this.#deletable.delete(blob);
    this.#uncertified.delete(blob);
    this.#certified.delete(blob);
  }

  #registerBlob(): void {
    const owner = this.#random.pick(this.#stakers);
    const size = BigInt(this.#random.between(1, 64 * 1024 * 1024));
    const encoded = size * 5n + 64n * MIB;
    const epochsAhead = this.#random.between(1, 20);
    const mibs = (encoded + MIB - 1n) / MIB;
    const paid = mibs * this.#storagePrice * BigInt(epochsAhead);
    const writeFee = mibs * this.#writePrice;
    const blob: BlobModel = {
      objectId: this.#newId(),
      blobId: BigInt(this.#random.hex(32)),
      state: 'registered',
      invalidated: false,
      endEpoch: this.#epoch + epochsAhead,
      deletable: this.#random.chance(0.4),
      metadata: new Map(),
    };
    this.#blobs.set(blob.objectId, blob);
    this.#liveBlobs.add(blob);
    this.#uncertified.add(blob);
    if (blob.deletable) this.#deletable.add(blob);
    this.#addFees(paid, writeFee);
    this.#tx(
      event('StorageReserved', {
        epoch: this.#epoch,
        storage_id: this.#newId(),
        owner,
        size: encoded,
        start_epoch: this.#epoch,
        end_epoch: blob.endEpoch,
        paid,
      }),
      event('BlobRegistered', {
        epoch: this.#epoch,
        blob_id: blob.blobId,
        object_id: blob.objectId,
        owner,
        size,
        encoding_type: 1,
        end_epoch: blob.endEpoch,
        deletable: blob.deletable,
        write_fee: writeFee,
      }),
    );
  }

  #certifyBlob(): void {
    const blob = this.#uncertified.pick(this.#random);
    if (!blob) return;
    this.#uncertified.delete(blob);
    this.#certified.add(blob);
    blob.state = 'certified';
    this.#tx(
      event('BlobCertified', {
        epoch: this.#epoch,
        blob_id: blob.blobId,
        object_id: blob.objectId,
        end_epoch: blob.endEpoch,
        deletable: blob.deletable,
        is_extension: false,
      }),
    );
  }

  #extendBlob(): void {
    const blob = this.#certified.pick(this.#random);
    if (!blob) return;
    blob.endEpoch += this.#random.between(1, 10);
    this.#tx(
      event('BlobCertified', {
        epoch: this.#epoch,
        blob_id: blob.blobId,
        object_id: blob.objectId,
        end_epoch: blob.endEpoch,
        deletable: blob.deletable,
        is_extension: true,
      }),
    );
  }

  #deleteBlob(): void {
    const blob = this.#deletable.pick(this.#random);
    if (!blob) return;
    const wasCertified = blob.state === 'certified';
    this.#forgetBlob(blob);
    blob.state = 'deleted';
    this.#tx(
      event('BlobDeleted', {
        epoch: this.#epoch,
        blob_id: blob.blobId,
        object_id: blob.objectId,
        end_epoch: blob.endEpoch,
        was_certified: wasCertified,
      }),
    );
  }

  #invalidateBlob(): void {
    const blob = this.#uncertified.pick(this.#random) ?? this.#certified.pick(this.#random);
    if (!blob || blob.invalidated) return;
    blob.invalidated = true;
    this.#tx(event('BlobInvalidated', { epoch: this.#epoch, blob_id: blob.blobId }));
  }

  // --- Operators ---

  #nodeVote(): void {
    const node = this.#random.pick(this.#nodes);
    this.#tx(
      event('NodeVoted', {
        epoch: this.#epoch,
        node_id: node.id,
        storage_price: this.#storagePrice + BigInt(this.#random.between(-500, 500)),
        write_price: this.#writePrice + BigInt(this.#random.between(-50, 50)),
        capacity: BigInt(this.#random.between(1, 100)) << 40n,
      }),
    );
  }

  #scheduleCommission(): void {
    const node = this.#random.pick(this.#nodes);
    const bps = this.#random.between(0, 20) * 50;
    node.pendingCommission = { bps, epoch: this.#epoch + 2 };
    this.#tx(
      event('CommissionScheduled', {
        epoch: this.#epoch,
        node_id: node.id,
        rate_bps: bps,
        effective_epoch: this.#epoch + 2,
      }),
    );
  }

  #collectCommission(): void {
    const node = this.#random.pick(this.#nodes);
    if (node.accruedCommission === 0n) return;
    const amount = node.accruedCommission;
    node.accruedCommission = 0n;
    node.commissionCollected += amount;
    this.#tx(event('CommissionCollected', { epoch: this.#epoch, node_id: node.id, amount, receiver: node.operator }));
  }

  #updateNode(): void {
    const node = this.#random.pick(this.#nodes);
    this.#tx(
      event('NodeUpdated', {
        epoch: this.#epoch,
        node_id: node.id,
        name: null,
        network_address: `moved-${this.#idCounter}.tusk.example:9185`,
        public_key: null,
        network_public_key: Uint8Array.from({ length: 32 }, (_, k) => k),
        metadata_url: this.#random.chance(0.5) ? 'https://tusk.example/node.json' : null,
      }),
    );
  }

  // --- Governance ---

  #propose(): void {
    const kind = this.#proposals.size % 3;
    const id = this.#newId();
    const parameter = kind === 0 ? { name: 'slash_bps', value: BigInt(100 + this.#proposals.size) } : null;
    const payload =
      kind === 0
        ? parameterPayload(parameter!.name, parameter!.value)
        : kind === 1
          ? Uint8Array.from({ length: 32 }, (_, k) => (k * 13 + this.#proposals.size) & 0xff)
          : new TextEncoder().encode(`Proposal ${this.#proposals.size}: keep Tusk 🐘 fast`);
    const proposal: ProposalModel = {
      id,
      kind,
      endEpoch: this.#epoch + 2,
      parameter,
      votes: new Map(),
      fact: { status: 'open', yes: null, no: null, abstain: null, veto: null, voters: 0 },
    };
    this.#proposals.set(id, proposal);
    this.#openProposals.add(proposal);
    this.#tx(
      event('ProposalCreated', {
        epoch: this.#epoch,
        proposal_id: id,
        proposer: this.#random.pick(this.#stakers),
        kind,
        payload,
        deposit: 100n * WAL,
        end_epoch: proposal.endEpoch,
      }),
    );
    this.#ordinaryCheckpoint();
  }

  #vote(): void {
    const proposal = this.#openProposals.pick(this.#random);
    if (!proposal) return;
    // Options lean towards Yes so that some proposals pass.
    const option = [0, 0, 0, 1, 2, 3][this.#random.int(6)]!;
    if (this.#random.chance(0.5)) {
      const node = this.#random.pick(this.#nodes);
      if (node.stake === 0n) return;
      proposal.votes.set(node.id, { isNode: true, option, weight: node.stake, nodeId: node.id });
      this.#tx(
        event('VoteCast', {
          epoch: this.#epoch,
          proposal_id: proposal.id,
          voter: node.id,
          is_node: true,
          option,
          weight: node.stake,
        }),
      );
    } else {
      const p = this.#active.pick(this.#random);
      if (!p) return;
      const weight = walForShares(p.shares, p.node.rate);
      proposal.votes.set(p.id, { isNode: false, option, weight, nodeId: p.nodeId });
      this.#tx(
        event('VoteCast', {
          epoch: this.#epoch,
          proposal_id: proposal.id,
          voter: p.id,
          is_node: false,
          option,
          weight,
        }),
      );
    }
    proposal.fact.voters = proposal.votes.size;
  }

  /** Closes the proposals ending now: tallies with delegator overrides, then executes passed ones. */
  #finalizeProposals(epoch: number): { name: string; value: bigint }[] {
    const changed: { name: string; value: bigint }[] = [];
    for (const proposal of [...this.#openProposals.values()]) {
      if (proposal.endEpoch > epoch) continue;
      this.#openProposals.delete(proposal);
      const tally = [0n, 0n, 0n, 0n];
      const overrides = new Map<string, bigint>();
      for (const v of proposal.votes.values()) {
        if (!v.isNode) overrides.set(v.nodeId, (overrides.get(v.nodeId) ?? 0n) + v.weight);
      }
      for (const v of proposal.votes.values()) {
        if (v.isNode) {
          const own = v.weight - (overrides.get(v.nodeId) ?? 0n);
          tally[v.option]! += own > 0n ? own : 0n;
        } else tally[v.option]! += v.weight;
      }
      const [yes, no, abstain, veto] = tally as [bigint, bigint, bigint, bigint];
      const totalStake = this.#nodes.reduce((s, n) => s + n.stake, 0n);
      const cast = yes + no + abstain + veto;
      const status = cast * 3n < totalStake ? 4 : veto * 3n > yes + no + veto ? 3 : yes > no + veto ? 1 : 2;
      proposal.fact = {
        status: ({ 1: 'passed', 2: 'rejected', 3: 'vetoed', 4: 'failed_quorum' } as const)[status],
        yes,
        no,
        abstain,
        veto,
        voters: proposal.votes.size,
      };
      this.#tx(event('ProposalFinalized', { epoch, proposal_id: proposal.id, status, yes, no, abstain, veto }));
      if (status === 1 && proposal.kind !== 2) {
        this.#tx(event('ProposalExecuted', { epoch, proposal_id: proposal.id }));
        if (proposal.parameter) changed.push(proposal.parameter);
        if (proposal.kind === 1) {
          this.#packageVersion += 1n;
          this.#tx(event('PackageUpgraded', { epoch, package_id: this.#newId(), version: this.#packageVersion }));
        }
      }
    }
    return changed;
  }
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

function freeKey(owner: string, size: bigint, startEpoch: number): string {
  return `${owner}/${size}/${startEpoch}`;
}

/** BCS of (name: String, value: u64), the payload of a parameter-change proposal. */
function parameterPayload(name: string, value: bigint): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const out = new Uint8Array(1 + nameBytes.length + 8);
  out[0] = nameBytes.length; // < 128: one ULEB128 byte
  out.set(nameBytes, 1);
  new DataView(out.buffer).setBigUint64(1 + nameBytes.length, value, true);
  return out;
}
