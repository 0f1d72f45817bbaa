/**
 * The differential scenarios: each runs on a fresh `DiffWorld` through the
 * simulator's transaction API and becomes one Move test
 * (`move/differential/tests/differential_<n>.move`). Together they cover
 * every public function the dashboard and the devnet use, every event group,
 * and aborts at the end of a scenario.
 */
import { eventSchemas } from '@tusk/shared/events';
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import { TuskCalls } from '../sim/calls.ts';
import { nodeKeys } from '../sim/nodeKeys.ts';
import { blobCertifiedBytes, blobIdInvalidBytes, deriveBlobId } from '../sim/tusk/storageFormats.ts';
import { Random } from '../population/random.ts';
import { DiffWorld, person, WAL } from './world.ts';

export interface DifferentialScenario {
  name: string;
  doc: string;
  run(world: DiffWorld): void;
}

const staked = (result: ReturnType<TuskCalls['stake']>) => TuskCalls.createdOf(result, 'StakedWal');
const created = (result: ReturnType<TuskCalls['run']>, type: string) => TuskCalls.createdOf(result, type);

function encodedFor(world: DiffWorld, size: bigint): bigint {
  const n = world.devnet.state.system.committee.nShards;
  const k = n - 2n * ((n - 1n) / 3n);
  const rows = (size + 2n * k - 1n) / (2n * k);
  return n * ((rows === 0n ? 1n : rows) * 2n + 32n * n);
}

/** A world with `nodes` nodes, each with 100 WAL of stake from person 0, in epoch 1. */
function running(world: DiffWorld, nodes = 4): void {
  world.registerNodes(nodes);
  world.fund([person(0)], 10_000n * WAL);
  for (const node of world.nodes) world.calls.stake(person(0), node.nodeId, BigInt(100 * (node.index + 1)) * WAL);
  world.nextEpoch();
}

/** `staking::MAX_ACTIVE_SET_SIZE`. */
const ACTIVE_SET_SIZE = 250;

/**
 * A full active set in epoch 1: node 0 with 100 WAL and nodes 1 to 249 with
 * 2 WAL each from person 0, and node 250 registered without stake. Returns
 * person 0's stakes by node.
 */
function fullActiveSet(world: DiffWorld): string[] {
  world.registerNodes(ACTIVE_SET_SIZE + 1);
  world.fund([person(0)], 10_000n * WAL);
  const stakes = world.nodes
    .slice(0, ACTIVE_SET_SIZE)
    .map((node) => staked(world.calls.stake(person(0), node.nodeId, (node.index === 0 ? 100n : 2n) * WAL)));
  world.nextEpoch();
  return stakes;
}

function blob(world: DiffWorld, owner: string, size: bigint, rootHash: bigint, deletable: boolean, epochs = 3) {
  const storageId = created(
    world.calls.reserveSpace(owner, encodedFor(world, size), epochs, 1_000_000n * WAL),
    'Storage',
  );
  const blobId = deriveBlobId(0, size, rootHash);
  const blobObjectId = created(
    world.calls.registerBlob(
      owner,
      storageId,
      { blobId, rootHash, size, encodingType: 0, deletable },
      1_000_000n * WAL,
    ),
    'Blob',
  );
  return { storageId, blobId, blobObjectId };
}

/** The ID of the proposal a propose call created (its ProposalCreated event). */
function proposalIdOf(result: ReturnType<TuskCalls['run']>): string {
  return eventSchemas.ProposalCreated.parse(result.tx.events[0]!.bcs).proposal_id;
}

/** Proposes `name = value`, every node votes Yes, and it is finalized and applied at the next epoch change. */
function passParameterChange(world: DiffWorld, name: string, value: bigint): void {
  world.fund([person(2)], 100n * WAL);
  const id = proposalIdOf(world.calls.proposeParameterChange(person(2), name, value, 10n * WAL));
  for (const node of world.nodes) world.calls.voteAsNode(node.operator, node.capId, id, 0);
  world.nextEpoch();
  world.nextEpoch();
  world.calls.finalize(person(2), id);
  world.nextEpoch();
}

function certified(
  world: DiffWorld,
  owner: string,
  b: { blobId: bigint; blobObjectId: string },
  deletable: boolean,
): void {
  const cert = world.certificate(
    blobCertifiedBytes(world.devnet.state.system.epoch, b.blobId, deletable ? b.blobObjectId : undefined),
  );
  world.calls.certifyBlob(owner, b.blobObjectId, cert.signature, cert.signersBitmap, cert.message);
}

export const SCENARIOS: DifferentialScenario[] = [
  {
    name: 'register_nodes',
    doc: 'Four operators register storage nodes (BLS keys with proofs of possession); the first epoch change with no stake makes an empty committee.',
    run: (w) => {
      w.registerNodes(4);
      w.nextEpoch();
    },
  },
  {
    name: 'stake_activates_next_epoch',
    doc: 'Stakes made before voting end activate at the next epoch; the committee is chosen by stake with D’Hondt shards; pools advance with PoolAdvanced.',
    run: (w) => {
      running(w, 5);
      w.nextEpoch();
    },
  },
  {
    name: 'stake_after_voting_end',
    doc: 'A stake made after voting end activates two epochs later.',
    run: (w) => {
      running(w, 3);
      w.votingEnd();
      w.fund([person(1)], 50n * WAL);
      w.calls.stake(person(1), w.nodes[0]!.nodeId, 20n * WAL);
      w.nextEpoch();
      w.nextEpoch();
    },
  },
  {
    name: 'withdraw_before_activation',
    doc: 'Stake that is not active yet is withdrawn at once, principal only.',
    run: (w) => {
      running(w, 2);
      w.fund([person(1)], 50n * WAL);
      const id = staked(w.calls.stake(person(1), w.nodes[1]!.nodeId, 30n * WAL));
      w.calls.withdraw(person(1), id);
    },
  },
  {
    name: 'request_withdraw_and_rewards',
    doc: 'A delegator earns rewards (fees burned 3%, split by shards, commission taken), requests a withdrawal and withdraws at the withdraw epoch with rewards.',
    run: (w) => {
      running(w, 3);
      w.fund([person(1)], 500n * WAL);
      const id = staked(w.calls.stake(person(1), w.nodes[0]!.nodeId, 200n * WAL));
      w.nextEpoch();
      w.calls.addRewards(w.devnet.faucetAddress, 1_000n * WAL);
      w.nextEpoch();
      w.calls.requestWithdraw(person(1), id);
      w.nextEpoch();
      w.calls.withdraw(person(1), id);
    },
  },
  {
    name: 'partial_withdraw_split_join',
    doc: 'Positions are split, joined back, and part of one is withdrawn by splitting first.',
    run: (w) => {
      running(w, 2);
      w.fund([person(1)], 500n * WAL);
      const a = staked(w.calls.stake(person(1), w.nodes[0]!.nodeId, 90n * WAL));
      const b = staked(w.calls.stake(person(1), w.nodes[0]!.nodeId, 60n * WAL));
      w.nextEpoch();
      w.calls.join(person(1), a, [b]);
      const part = created(w.calls.split(person(1), a, 40n * WAL), 'StakedWal');
      w.calls.requestWithdraw(person(1), part, 15n * WAL);
      w.nextEpoch();
    },
  },
  {
    name: 'commission_schedule_and_collect',
    doc: 'An operator schedules a new commission (effective two epochs later) and collects what it accrued.',
    run: (w) => {
      running(w, 3);
      const node = w.nodes[2]!;
      w.calls.setCommission(node.operator, node.capId, 2_500);
      w.calls.addRewards(w.devnet.faucetAddress, 500n * WAL);
      w.nextEpoch();
      w.calls.addRewards(w.devnet.faucetAddress, 500n * WAL);
      w.nextEpoch();
      w.calls.addRewards(w.devnet.faucetAddress, 500n * WAL);
      w.nextEpoch();
      w.calls.collectCommission(node.operator, node.capId);
    },
  },
  {
    name: 'slash_and_withdraw',
    doc: 'Committee members vote to slash a node up to the 2/3 quorum; the slash burns its commission and 1% of its stake; its delegator withdraws with the loss reported.',
    run: (w) => {
      running(w, 4);
      w.fund([person(1)], 500n * WAL);
      const target = w.nodes[0]!;
      const id = staked(w.calls.stake(person(1), target.nodeId, 100n * WAL));
      w.calls.addRewards(w.devnet.faucetAddress, 300n * WAL);
      w.nextEpoch();
      w.calls.addRewards(w.devnet.faucetAddress, 300n * WAL);
      w.nextEpoch();
      for (const voter of w.nodes.slice(1)) w.calls.voteForSlash(voter.operator, voter.capId, target.nodeId);
      w.calls.executeSlash(person(1), target.nodeId);
      w.calls.requestWithdraw(person(1), id);
      w.nextEpoch();
      w.calls.withdraw(person(1), id);
    },
  },
  {
    name: 'governance_parameter_change_passes',
    doc: 'A parameter change passes with node votes, is finalized after the window, and applies at the next epoch change (ParametersApplied lists it).',
    run: (w) => {
      running(w, 3);
      passParameterChange(w, 'burn_bps', 500n);
    },
  },
  {
    name: 'governance_veto_burns_deposit',
    doc: 'A text proposal is vetoed: the deposit is burned.',
    run: (w) => {
      running(w, 3);
      w.fund([person(2)], 100n * WAL);
      const proposal = w.calls.proposeText(person(2), 'Rename WAL to TUSK', 20n * WAL);
      const id = proposalIdOf(proposal);
      w.calls.voteAsNode(w.nodes[2]!.operator, w.nodes[2]!.capId, id, 3);
      w.calls.voteAsNode(w.nodes[1]!.operator, w.nodes[1]!.capId, id, 0);
      w.nextEpoch();
      w.nextEpoch();
      w.calls.finalize(person(3), id);
    },
  },
  {
    name: 'governance_failed_quorum',
    doc: 'An upgrade proposal that too little stake votes on fails quorum; the deposit goes back.',
    run: (w) => {
      running(w, 4);
      w.fund([person(2)], 100n * WAL);
      const proposal = w.calls.proposeUpgrade(person(2), new Uint8Array(32).fill(7), 10n * WAL);
      const id = proposalIdOf(proposal);
      w.calls.voteAsNode(w.nodes[0]!.operator, w.nodes[0]!.capId, id, 0);
      w.nextEpoch();
      w.nextEpoch();
      w.calls.finalize(person(2), id);
    },
  },
  {
    name: 'governance_delegator_override',
    doc: 'A node votes Yes; its delegator votes No with a StakedWal and overrides the node for that stake; an upgrade passes and is executed at once.',
    run: (w) => {
      running(w, 2);
      w.fund([person(1), person(2)], 1_000n * WAL);
      const position = staked(w.calls.stake(person(1), w.nodes[1]!.nodeId, 500n * WAL));
      w.nextEpoch();
      w.nextEpoch();
      const proposal = w.calls.proposeUpgrade(person(2), new Uint8Array(32).fill(9), 10n * WAL);
      const id = proposalIdOf(proposal);
      w.calls.voteAsNode(w.nodes[1]!.operator, w.nodes[1]!.capId, id, 0);
      w.calls.voteAsNode(w.nodes[0]!.operator, w.nodes[0]!.capId, id, 0);
      w.calls.voteWithStake(person(1), [position], id, 1);
      w.calls.voteWithStake(person(1), [position], id, 2);
      w.nextEpoch();
      w.nextEpoch();
      w.calls.finalize(person(2), id);
    },
  },
  {
    name: 'price_votes_quantile',
    doc: 'Nodes vote prices and capacity; voting end takes the stake-weighted 2/3 quantiles; the epoch change applies them (PricesUpdated).',
    run: (w) => {
      w.registerNodes(5, 500, (i) => ({
        storagePrice: BigInt(1_000 + 100 * i),
        writePrice: BigInt(2_000 - 50 * i),
        capacity: BigInt(i + 1) * 1_000_000_000_000n,
      }));
      w.fund([person(0)], 5_000n * WAL);
      for (const node of w.nodes) w.calls.stake(person(0), node.nodeId, BigInt(50 + 70 * node.index) * WAL);
      w.calls.voteForPrices(w.nodes[4]!.operator, w.nodes[4]!.capId, 5_000n, 9_000n, 7_000_000_000_000n);
      w.nextEpoch();
      w.nextEpoch();
    },
  },
  {
    name: 'node_info_updates',
    doc: 'An operator changes its node’s name, address, metadata URL, network key and BLS key (with a new proof of possession).',
    run: (w) => {
      running(w, 2);
      const node = w.nodes[0]!;
      w.calls.setName(node.operator, node.capId, 'renamed-node');
      w.calls.setNetworkAddress(node.operator, node.capId, 'new.tusk.test:9185');
      w.calls.run(node.operator, (b) => {
        b.moveCall(w.devnet.deployment.packages.tuskCurrent, 'staking', 'set_metadata_url', [
          b.shared(
            w.devnet.deployment.objects.staking.objectId,
            w.devnet.deployment.objects.staking.initialSharedVersion,
            true,
          ),
          b.object(w.calls.ref(node.capId)),
          b.string('https://new.tusk.test/meta.json'),
        ]);
        b.moveCall(w.devnet.deployment.packages.tuskCurrent, 'staking', 'set_network_public_key', [
          b.shared(
            w.devnet.deployment.objects.staking.objectId,
            w.devnet.deployment.objects.staking.initialSharedVersion,
            true,
          ),
          b.object(w.calls.ref(node.capId)),
          b.bytes(new Uint8Array(32).fill(3)),
        ]);
      });
      const rotated = nodeKeys('differential-rotated', node.operator);
      w.calls.run(node.operator, (b) => {
        b.moveCall(w.devnet.deployment.packages.tuskCurrent, 'staking', 'set_public_key', [
          b.shared(
            w.devnet.deployment.objects.staking.objectId,
            w.devnet.deployment.objects.staking.initialSharedVersion,
            true,
          ),
          b.object(w.calls.ref(node.capId)),
          b.bytes(rotated.bls.publicKey),
          b.bytes(rotated.proofOfPossession),
        ]);
      });
    },
  },
  {
    name: 'store_certify_extend',
    doc: 'A user reserves storage, registers a permanent blob, the committee certifies it (BLS quorum), and the user extends it.',
    run: (w) => {
      running(w, 4);
      w.fund([person(5)], 100_000n * WAL);
      const b = blob(w, person(5), 10_000n, 0x1234n, false);
      certified(w, person(5), b, false);
      w.calls.extendBlob(person(5), b.blobObjectId, 2, 1_000_000n * WAL);
      w.nextEpoch();
    },
  },
  {
    name: 'delete_and_reuse_storage',
    doc: 'A deletable blob is certified, deleted (its storage comes back), and the storage holds a new blob.',
    run: (w) => {
      running(w, 4);
      w.fund([person(5)], 100_000n * WAL);
      const first = blob(w, person(5), 5_000n, 0x55n, true, 4);
      certified(w, person(5), first, true);
      const deleted = w.calls.deleteBlob(person(5), first.blobObjectId);
      const storageId = deleted.tx.changes.find((c) => c.objectType.endsWith('::Storage') && c.output)!.objectId;
      const rootHash = 0x66n;
      w.calls.registerBlob(
        person(5),
        storageId,
        { blobId: deriveBlobId(0, 4_000n, rootHash), rootHash, size: 4_000n, encodingType: 0, deletable: false },
        1_000_000n * WAL,
      );
    },
  },
  {
    name: 'storage_split_fuse_destroy',
    doc: 'Storage is split by epoch and by size, fused back, and destroyed once expired.',
    run: (w) => {
      running(w, 3);
      w.fund([person(6)], 100_000n * WAL);
      const storage = created(w.calls.reserveSpace(person(6), 10_000_000n, 4, 1_000_000n * WAL), 'Storage');
      const later = created(
        w.calls.splitStorageByEpoch(person(6), storage, w.devnet.state.system.epoch + 2),
        'Storage',
      );
      const part = created(w.calls.splitStorageBySize(person(6), storage, 4_000_000n), 'Storage');
      w.calls.fuseStorage(person(6), storage, part);
      w.nextEpoch();
      w.nextEpoch();
      w.calls.destroyStorage(person(6), storage);
      w.calls.fuseStorage(
        person(6),
        later,
        created(w.calls.reserveSpace(person(6), 10_000_000n, 2, 1_000_000n * WAL), 'Storage'),
      );
    },
  },
  {
    name: 'blob_metadata_and_burn',
    doc: 'A blob gets metadata pairs, one is removed, and the blob object is burned.',
    run: (w) => {
      running(w, 3);
      w.fund([person(7)], 100_000n * WAL);
      const b = blob(w, person(7), 2_000n, 0x77n, false);
      w.calls.setBlobMetadata(person(7), b.blobObjectId, 'content-type', 'image/png');
      w.calls.setBlobMetadata(person(7), b.blobObjectId, 'name', 'tusk.png');
      w.calls.run(person(7), (bb) => {
        bb.moveCall(w.devnet.deployment.packages.tuskCurrent, 'system', 'remove_blob_metadata', [
          bb.shared(
            w.devnet.deployment.objects.system.objectId,
            w.devnet.deployment.objects.system.initialSharedVersion,
            false,
          ),
          bb.object(w.calls.ref(b.blobObjectId)),
          bb.string('name'),
        ]);
      });
      w.calls.burnBlob(person(7), b.blobObjectId);
    },
  },
  {
    name: 'invalidate_blob_id',
    doc: 'More than 1/3 of the shards declare a blob ID invalid.',
    run: (w) => {
      running(w, 4);
      const blobId = deriveBlobId(0, 999n, 0x99n);
      const cert = w.certificate(blobIdInvalidBytes(w.devnet.state.system.epoch, blobId), 'one-third');
      w.calls.invalidateBlobId(person(0), cert.signature, cert.signersBitmap, cert.message);
    },
  },
  {
    name: 'many_epochs_rewards',
    doc: 'Four epochs with fees every epoch: rates rise, pools compound, the committee keeps its shards.',
    run: (w) => {
      running(w, 5);
      w.fund([person(1)], 10_000n * WAL);
      for (let e = 0; e < 4; e++) {
        w.calls.stake(person(1), w.nodes[e % 5]!.nodeId, BigInt(100 + 37 * e) * WAL);
        w.calls.addRewards(w.devnet.faucetAddress, BigInt(250 + 10 * e) * WAL);
        w.nextEpoch();
      }
    },
  },
  randomScenario('random_activity_a', 'alpha'),
  randomScenario('random_activity_b', 'bravo'),
  {
    name: 'abort_stake_below_minimum',
    doc: 'Staking less than min_stake aborts with staking::EStakeBelowMinimum.',
    run: (w) => {
      running(w, 2);
      w.fund([person(1)], 10n * WAL);
      w.calls.stake(person(1), w.nodes[0]!.nodeId, FROST_PER_WAL / 2n);
    },
  },
  {
    name: 'abort_request_withdraw_not_active',
    doc: 'Requesting the withdrawal of stake that no committee selection counted yet aborts with staking::ENotActive.',
    run: (w) => {
      running(w, 2);
      w.fund([person(1)], 10n * WAL);
      const id = staked(w.calls.stake(person(1), w.nodes[0]!.nodeId, 5n * WAL));
      w.calls.requestWithdraw(person(1), id);
    },
  },
  {
    name: 'abort_voting_end_too_early',
    doc: 'voting_end before half of the epoch aborts with staking::ETooEarly.',
    run: (w) => {
      running(w, 2);
      w.calls.votingEnd(person(0));
    },
  },
  {
    name: 'abort_slash_without_quorum',
    doc: 'Executing a slash that has less than 2/3 of the shards aborts with staking::ENoSlashQuorum.',
    run: (w) => {
      running(w, 4);
      w.calls.voteForSlash(w.nodes[1]!.operator, w.nodes[1]!.capId, w.nodes[0]!.nodeId);
      w.calls.executeSlash(person(0), w.nodes[0]!.nodeId);
    },
  },
  {
    name: 'abort_certificate_wrong_epoch',
    doc: 'A certificate signed for another epoch aborts with system::EWrongCertificateEpoch.',
    run: (w) => {
      running(w, 3);
      w.fund([person(5)], 100_000n * WAL);
      const b = blob(w, person(5), 1_000n, 0x42n, false);
      const cert = w.certificate(blobCertifiedBytes(w.devnet.state.system.epoch + 1, b.blobId));
      w.calls.certifyBlob(person(5), b.blobObjectId, cert.signature, cert.signersBitmap, cert.message);
    },
  },
  {
    name: 'counted_stake_leaves_by_request',
    doc: 'Stake counted by voting end (activating next epoch) leaves through a withdrawal request: it activates, serves that epoch with its rewards, and is withdrawable one epoch later.',
    run: (w) => {
      running(w, 3);
      w.fund([person(1)], 500n * WAL);
      const id = staked(w.calls.stake(person(1), w.nodes[0]!.nodeId, 250n * WAL + 7n));
      w.votingEnd();
      w.calls.requestWithdraw(person(1), id);
      w.nextEpoch();
      w.calls.addRewards(w.devnet.faucetAddress, 1_000n * WAL + 3n);
      w.nextEpoch();
      w.calls.withdraw(person(1), id);
    },
  },
  {
    name: 'abort_withdraw_counted_stake_at_once',
    doc: 'Withdrawing at once stake that voting end counted (a flash stake) aborts with staking::ENotWithdrawing.',
    run: (w) => {
      running(w, 2);
      w.fund([person(1)], 500n * WAL);
      const id = staked(w.calls.stake(person(1), w.nodes[1]!.nodeId, 400n * WAL));
      w.votingEnd();
      w.calls.withdraw(person(1), id);
    },
  },
  {
    name: 'abort_join_withdrawing_stakes',
    doc: 'Joining two withdrawing stakes aborts with staking::EIncompatibleStakedWal (their joined shares could round up past what the pool set aside).',
    run: (w) => {
      running(w, 2);
      w.fund([person(1)], 500n * WAL);
      const a = staked(w.calls.stake(person(1), w.nodes[0]!.nodeId, 30n * WAL));
      const b = staked(w.calls.stake(person(1), w.nodes[0]!.nodeId, 20n * WAL));
      w.nextEpoch();
      w.calls.requestWithdraw(person(1), a);
      w.calls.requestWithdraw(person(1), b);
      w.calls.join(person(1), a, [b]);
    },
  },
  {
    name: 'sync_timeout_completes_epoch_change',
    doc: 'Only one member of four syncs; from half of the epoch anyone completes the change without the quorum (EpochSyncTimedOut names the others), and the next epoch runs as usual.',
    run: (w) => {
      running(w, 4);
      const duration = w.devnet.state.staking.params.epochDurationMs;
      w.votingEnd();
      w.wait(duration / 2n);
      w.calls.initiateEpochChange(person(0));
      const epoch = w.devnet.state.staking.epoch;
      w.calls.epochSyncDone(w.nodes[0]!.operator, w.nodes[0]!.capId, epoch);
      w.wait(duration / 2n);
      w.calls.endStalledEpochChange(person(3));
      w.nextEpoch();
    },
  },
  {
    name: 'abort_end_stalled_change_too_early',
    doc: 'Completing an unsynced epoch change before half of the epoch aborts with staking::ESyncNotTimedOut.',
    run: (w) => {
      running(w, 3);
      const duration = w.devnet.state.staking.params.epochDurationMs;
      w.votingEnd();
      w.wait(duration / 2n);
      w.calls.initiateEpochChange(person(0));
      w.wait(duration / 2n - 1n);
      w.calls.endStalledEpochChange(person(3));
    },
  },
  {
    name: 'abort_rename_to_taken_name',
    doc: 'A node renaming itself to another node’s name (ignoring case) aborts with staking::ENameTaken.',
    run: (w) => {
      running(w, 2);
      const node = w.nodes[1]!;
      w.calls.setName(node.operator, node.capId, 'Node 1 (renamed)');
      w.calls.setName(node.operator, node.capId, 'NODE-0');
    },
  },
  {
    name: 'abort_name_with_bidi_override',
    doc: 'A node name with U+202E (right-to-left override) aborts with storage_node::EInvalidName.',
    run: (w) => {
      running(w, 2);
      const node = w.nodes[0]!;
      w.calls.setName(node.operator, node.capId, 'node-\u202e1');
    },
  },
  {
    name: 'abort_collect_commission_during_slash_vote',
    doc: 'Collecting commission while a vote to slash the node is open aborts with staking::ECommissionFrozen.',
    run: (w) => {
      running(w, 4);
      w.calls.addRewards(w.devnet.faucetAddress, 300n * WAL);
      w.nextEpoch();
      const target = w.nodes[0]!;
      w.calls.voteForSlash(w.nodes[1]!.operator, w.nodes[1]!.capId, target.nodeId);
      w.calls.collectCommission(target.operator, target.capId);
    },
  },
  {
    name: 'governance_votes_weigh_the_snapshot',
    doc: 'Votes weigh stake as it was when the proposal’s epoch began: stake added afterwards and stake that moved count once; quorum is measured against that epoch’s total.',
    run: (w) => {
      running(w, 3);
      w.fund([person(1), person(2)], 2_000n * WAL);
      const mover = staked(w.calls.stake(person(1), w.nodes[0]!.nodeId, 300n * WAL));
      w.nextEpoch();
      const proposal = w.calls.proposeText(person(2), 'Snapshot voting', 10n * WAL);
      const id = proposalIdOf(proposal);
      w.calls.voteAsNode(w.nodes[0]!.operator, w.nodes[0]!.capId, id, 0);
      w.calls.stake(person(2), w.nodes[2]!.nodeId, 900n * WAL);
      w.calls.requestWithdraw(person(1), mover);
      w.nextEpoch();
      w.calls.withdraw(person(1), mover);
      w.calls.stake(person(1), w.nodes[1]!.nodeId, 300n * WAL);
      w.calls.voteAsNode(w.nodes[2]!.operator, w.nodes[2]!.capId, id, 1);
      w.calls.voteAsNode(w.nodes[1]!.operator, w.nodes[1]!.capId, id, 0);
      w.nextEpoch();
      w.calls.finalize(person(2), id);
    },
  },
  {
    name: 'abort_parameter_out_of_range',
    doc: 'Proposing a pass threshold of 100% (nothing could pass again) aborts with params::EInvalidParameterValue.',
    run: (w) => {
      running(w, 2);
      w.fund([person(2)], 100n * WAL);
      w.calls.proposeParameterChange(person(2), 'pass_bps', 10_000n, 10n * WAL);
    },
  },
  {
    name: 'abort_stake_overflowing_slashed_pool',
    doc: 'Governance raises slash_bps to its 10% maximum; after 13 slashes a 4B WAL stake into that pool would overflow its share count and aborts with staking::EPoolSharesOverflow.',
    run: (w) => {
      running(w, 4);
      passParameterChange(w, 'slash_bps', 1_000n);
      const target = w.nodes[0]!;
      for (let i = 0; i < 13; i++) {
        for (const voter of w.nodes.slice(1)) w.calls.voteForSlash(voter.operator, voter.capId, target.nodeId);
        w.calls.executeSlash(person(2), target.nodeId);
        w.nextEpoch();
      }
      w.fund([person(7)], 4_000_000_000n * WAL);
      w.calls.stake(person(7), target.nodeId, 4_000_000_000n * WAL);
    },
  },
  {
    name: 'abort_join_full_active_set_after_eviction_and_catch_up',
    doc: 'A full active set (250 pools): a pool staked with less stays idle, skips epoch changes yet counts in their total stake, then catches up when staked with again and takes the place of the weakest member outside the committees; the evicted pool pays its staker out as an idle pool; last, bringing a pool with no more stake than the weakest member into the set aborts with staking::ECannotJoinActiveSet.',
    run: (w) => {
      const stakes = fullActiveSet(w);
      const [idle, evicted] = [w.nodes[ACTIVE_SET_SIZE]!, w.nodes[ACTIVE_SET_SIZE - 1]!];
      w.fund([person(1)], 100n * WAL);
      w.calls.stake(person(1), idle.nodeId, WAL);
      w.nextEpoch();
      w.nextEpoch();
      w.calls.stake(person(1), idle.nodeId, 5n * WAL);
      w.nextEpoch();
      w.calls.requestWithdraw(person(0), stakes[ACTIVE_SET_SIZE - 1]!);
      w.nextEpoch();
      w.nextEpoch();
      w.calls.withdraw(person(0), stakes[ACTIVE_SET_SIZE - 1]!);
      w.calls.stake(person(1), evicted.nodeId, 2n * WAL);
      w.nextEpoch();
      w.calls.joinActiveSet(person(3), evicted.nodeId);
    },
  },
  {
    name: 'abort_slash_outside_committee',
    doc: 'A vote to slash a node outside the current committee aborts with staking::ENotInCommittee.',
    run: (w) => {
      running(w, 4);
      const [outsider] = w.registerNodes(1);
      w.calls.voteForSlash(w.nodes[1]!.operator, w.nodes[1]!.capId, outsider!.nodeId);
    },
  },
];

/** Seeded random delegation over a few epochs: stakes, withdrawals, splits and joins. */
function randomScenario(name: string, seed: string): DifferentialScenario {
  return {
    name,
    doc: `Seeded random delegation (seed "${seed}"): stakes, withdrawal requests, withdrawals, splits and joins over four epochs, with fees.`,
    run: (w) => {
      const random = new Random(seed);
      running(w, 5);
      const people = Array.from({ length: 4 }, (_, i) => person(10 + i));
      w.fund(people, 5_000n * WAL);
      for (let epoch = 0; epoch < 4; epoch++) {
        for (const owner of people) {
          const current = w.devnet.state.staking.epoch;
          const positions = w.devnet.objects
            .ownedBy(owner, w.devnet.types.stakedWal)
            .map((o) => o.value as import('../sim/tusk/objects.ts').StakedWal);
          const due = positions.find((p) => p.state.kind === 'withdrawing' && p.state.withdrawEpoch <= current);
          const active = positions.filter((p) => p.state.kind === 'staked' && p.activationEpoch <= current);
          const roll = random.next();
          if (due) w.calls.withdraw(owner, due.id);
          else if (roll < 0.5 || active.length === 0)
            w.calls.stake(owner, random.pick(w.nodes).nodeId, BigInt(random.int(2, 300)) * WAL);
          else if (roll < 0.8) w.calls.requestWithdraw(owner, random.pick(active).id);
          else {
            const p = random.pick(active);
            if (p.principal >= 4n * WAL) w.calls.split(owner, p.id, p.principal / 2n);
          }
        }
        w.calls.addRewards(w.devnet.faucetAddress, BigInt(random.int(50, 500)) * WAL);
        w.nextEpoch();
      }
    },
  };
}
