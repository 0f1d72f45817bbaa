/**
 * The Move functions of `tusk` (and `wal`) a PTB can call on the devnet, by
 * module and name, with their parameters as the Move signature declares them
 * (shared objects and their mutability, owned objects by value / `&` /
 * `&mut`, pure values and their types) and what they return. The PTB
 * interpreter checks arguments against these and calls the implementation.
 */
import type { TxContext } from '../context.ts';
import * as governance from './governance.ts';
import type { Blob, Coin, StakedWal, Storage, StorageNodeCap } from './objects.ts';
import * as staking from './staking.ts';
import type { TuskState } from './state.ts';
import * as system from './system.ts';
import { burnBalance } from './treasury.ts';

export type SharedName = 'staking' | 'governance' | 'system' | 'walTreasury' | 'clock';
export type OwnedKind = 'walCoin' | 'suiCoin' | 'stakedWal' | 'storageNodeCap' | 'storage' | 'blob';
export type PureType = 'u8' | 'u16' | 'u32' | 'u64' | 'u256' | 'bool' | 'address' | 'ID' | 'String' | 'vector<u8>';

export type Param =
  | { kind: 'shared'; object: SharedName; mutable: boolean }
  | { kind: 'owned'; type: OwnedKind; by: 'value' | 'ref' | 'mut' }
  | { kind: 'pure'; type: PureType };

export type Return = { kind: 'owned'; type: OwnedKind } | { kind: 'pure'; type: PureType };

/** Decoded arguments, in parameter order (shared objects are passed as undefined: the state is `state`). */
export type Args = unknown[];

export interface MoveFunction {
  module: string;
  name: string;
  params: Param[];
  returns: Return[];
  /** Whether the Move function takes the `TxContext` last (`&mut` or `&`). */
  ctx: 'mut' | 'ref' | undefined;
  /** Whether the function is `entry`-only or `public` (all ours are public). */
  call(ctx: TxContext, state: TuskState, args: Args): unknown[];
}

const S = (object: SharedName, mutable: boolean): Param => ({ kind: 'shared', object, mutable });
const O = (type: OwnedKind, by: 'value' | 'ref' | 'mut'): Param => ({ kind: 'owned', type, by });
const P = (type: PureType): Param => ({ kind: 'pure', type });
const R = (type: OwnedKind): Return => ({ kind: 'owned', type });
const V = (type: PureType): Return => ({ kind: 'pure', type });

const clock = S('clock', false);
const stakingMut = S('staking', true);
const stakingRef = S('staking', false);
const cap = O('storageNodeCap', 'ref');
const systemMut = S('system', true);
const systemRef = S('system', false);

/** Functions whose Move signature ends with `ctx: &mut TxContext` (or `&TxContext`). */
const TAKES_CTX: Record<string, 'mut' | 'ref'> = {
  register_candidate: 'mut',
  collect_commission: 'mut',
  set_public_key: 'ref',
  stake_with_pool: 'mut',
  request_withdraw_stake: 'mut',
  withdraw_stake: 'mut',
  split_staked_wal: 'mut',
  propose_parameter_change: 'mut',
  propose_upgrade: 'mut',
  propose_text: 'mut',
  finalize: 'mut',
  reserve_space: 'mut',
  reserve_space_for_epochs: 'mut',
  split_storage_by_epoch: 'mut',
  split_storage_by_size: 'mut',
  register_blob: 'mut',
  extend_blob: 'mut',
};

function fn(
  module: string,
  name: string,
  params: Param[],
  returns: Return[],
  call: MoveFunction['call'],
): MoveFunction {
  return { module, name, params, returns, ctx: module === 'wal' ? undefined : TAKES_CTX[name], call };
}

const nodeSetter = (name: string, field: staking.NodeField, type: PureType) =>
  fn('staking', name, [stakingMut, cap, P(type)], [], (ctx, state, [, c, value]) => {
    staking.setNodeInfo(ctx, state, c as StorageNodeCap, field, value as string | Uint8Array);
    return [];
  });

const TUSK_FUNCTIONS: MoveFunction[] = [
  // Delegators
  fn(
    'staking',
    'stake_with_pool',
    [stakingMut, O('walCoin', 'value'), P('ID')],
    [R('stakedWal')],
    (ctx, state, [, coin, nodeId]) => [staking.stakeWithPool(ctx, state, coin as Coin, nodeId as string)],
  ),
  fn('staking', 'request_withdraw_stake', [stakingMut, O('stakedWal', 'mut')], [], (ctx, state, [, staked]) => {
    staking.requestWithdrawStake(ctx, state, staked as StakedWal);
    return [];
  }),
  fn('staking', 'withdraw_stake', [stakingMut, O('stakedWal', 'value')], [R('walCoin')], (ctx, state, [, staked]) => [
    staking.withdrawStake(ctx, state, staked as StakedWal),
  ]),
  fn(
    'staking',
    'split_staked_wal',
    [stakingRef, O('stakedWal', 'mut'), P('u64')],
    [R('stakedWal')],
    (ctx, state, [, staked, amount]) => [staking.splitStakedWal(ctx, state, staked as StakedWal, amount as bigint)],
  ),
  fn(
    'staking',
    'join_staked_wal',
    [stakingRef, O('stakedWal', 'mut'), O('stakedWal', 'value')],
    [],
    (ctx, state, [, into, other]) => {
      staking.joinStakedWal(ctx, state, into as StakedWal, other as StakedWal);
      return [];
    },
  ),
  fn('staking', 'calculate_rewards', [stakingRef, O('stakedWal', 'ref')], [V('u64')], (_ctx, state, [, staked]) => [
    staking.calculateRewards(state, staked as StakedWal),
  ]),
  fn('staking', 'can_withdraw_early', [stakingRef, O('stakedWal', 'ref')], [V('bool')], (_ctx, state, [, staked]) => [
    staking.canWithdrawEarly(state, staked as StakedWal),
  ]),
  // Operators
  fn(
    'staking',
    'register_candidate',
    [
      stakingMut,
      P('String'),
      P('String'),
      P('String'),
      P('vector<u8>'),
      P('vector<u8>'),
      P('vector<u8>'),
      P('u16'),
      P('u64'),
      P('u64'),
      P('u64'),
    ],
    [R('storageNodeCap')],
    (
      ctx,
      state,
      [
        ,
        name,
        networkAddress,
        metadataUrl,
        publicKey,
        networkPublicKey,
        proofOfPossession,
        commissionBps,
        storagePrice,
        writePrice,
        capacity,
      ],
    ) => [
      staking.registerCandidate(ctx, state, {
        name: name as string,
        networkAddress: networkAddress as string,
        metadataUrl: metadataUrl as string,
        publicKey: publicKey as Uint8Array,
        networkPublicKey: networkPublicKey as Uint8Array,
        proofOfPossession: proofOfPossession as Uint8Array,
        commissionBps: commissionBps as number,
        storagePrice: storagePrice as bigint,
        writePrice: writePrice as bigint,
        capacity: capacity as bigint,
      }),
    ],
  ),
  fn('staking', 'set_commission', [stakingMut, cap, P('u16')], [], (ctx, state, [, c, rate]) => {
    staking.setCommission(ctx, state, c as StorageNodeCap, rate as number);
    return [];
  }),
  fn('staking', 'collect_commission', [stakingMut, cap], [R('walCoin')], (ctx, state, [, c]) => [
    staking.collectCommission(ctx, state, c as StorageNodeCap),
  ]),
  fn(
    'staking',
    'vote_for_prices',
    [stakingMut, cap, P('u64'), P('u64'), P('u64')],
    [],
    (ctx, state, [, c, sp, wp, capacity]) => {
      staking.voteForPrices(ctx, state, c as StorageNodeCap, sp as bigint, wp as bigint, capacity as bigint);
      return [];
    },
  ),
  nodeSetter('set_name', 'name', 'String'),
  nodeSetter('set_network_address', 'networkAddress', 'String'),
  nodeSetter('set_metadata_url', 'metadataUrl', 'String'),
  nodeSetter('set_network_public_key', 'networkPublicKey', 'vector<u8>'),
  fn(
    'staking',
    'set_public_key',
    [stakingMut, cap, P('vector<u8>'), P('vector<u8>')],
    [],
    (ctx, state, [, c, key, pop]) => {
      staking.setPublicKey(ctx, state, c as StorageNodeCap, key as Uint8Array, pop as Uint8Array);
      return [];
    },
  ),
  fn('staking', 'vote_for_slash', [stakingMut, cap, P('ID')], [], (ctx, state, [, c, target]) => {
    staking.voteForSlash(ctx, state, c as StorageNodeCap, target as string);
    return [];
  }),
  fn('staking', 'epoch_sync_done', [stakingMut, cap, P('u32'), clock], [], (ctx, state, [, c, epoch]) => {
    staking.epochSyncDone(ctx, state, c as StorageNodeCap, epoch as number);
    return [];
  }),
  // Anyone
  fn('staking', 'voting_end', [stakingMut, clock], [], (ctx, state) => {
    staking.votingEnd(ctx, state);
    return [];
  }),
  fn(
    'staking',
    'initiate_epoch_change',
    [stakingMut, S('system', true), S('walTreasury', true), clock],
    [],
    (ctx, state) => {
      staking.initiateEpochChange(ctx, state);
      return [];
    },
  ),
  fn('staking', 'execute_slash', [stakingMut, S('walTreasury', true), P('ID')], [], (ctx, state, [, , target]) => {
    staking.executeSlash(ctx, state, target as string);
    return [];
  }),
  fn('staking', 'join_active_set', [stakingMut, P('ID')], [], (ctx, state, [, nodeId]) => {
    staking.joinActiveSet(ctx, state, nodeId as string);
    return [];
  }),
  fn('staking', 'end_stalled_epoch_change', [stakingMut, clock], [], (ctx, state) => {
    staking.endStalledEpochChange(ctx, state);
    return [];
  }),
  fn('staking', 'is_commission_frozen', [stakingRef, P('ID')], [V('bool')], (_ctx, state, [, nodeId]) => [
    staking.isCommissionFrozen(state, nodeId as string),
  ]),
  // Governance
  fn(
    'governance',
    'propose_parameter_change',
    [S('governance', true), stakingRef, P('String'), P('u64'), O('walCoin', 'value')],
    [V('ID')],
    (ctx, state, [, , name, value, deposit]) => [
      governance.proposeParameterChange(ctx, state, name as string, value as bigint, deposit as Coin),
    ],
  ),
  fn(
    'governance',
    'propose_upgrade',
    [S('governance', true), stakingRef, P('vector<u8>'), O('walCoin', 'value')],
    [V('ID')],
    (ctx, state, [, , digest, deposit]) => [
      governance.proposeUpgrade(ctx, state, digest as Uint8Array, deposit as Coin),
    ],
  ),
  fn(
    'governance',
    'propose_text',
    [S('governance', true), stakingRef, P('String'), O('walCoin', 'value')],
    [V('ID')],
    (ctx, state, [, , text, deposit]) => [governance.proposeText(ctx, state, text as string, deposit as Coin)],
  ),
  fn(
    'governance',
    'vote_as_node',
    [S('governance', true), stakingRef, cap, P('ID'), P('u8')],
    [],
    (ctx, state, [, , c, proposal, option]) => {
      governance.voteAsNode(ctx, state, c as StorageNodeCap, proposal as string, option as number);
      return [];
    },
  ),
  fn(
    'governance',
    'vote_with_stake',
    [S('governance', true), stakingRef, O('stakedWal', 'ref'), P('ID'), P('u8')],
    [],
    (ctx, state, [, , staked, proposal, option]) => {
      governance.voteWithStake(ctx, state, staked as StakedWal, proposal as string, option as number);
      return [];
    },
  ),
  fn(
    'governance',
    'finalize',
    [S('governance', true), stakingMut, S('walTreasury', true), P('ID')],
    [],
    (ctx, state, [, , , proposal]) => {
      governance.finalize(ctx, state, proposal as string);
      return [];
    },
  ),
  // Storage
  fn(
    'system',
    'reserve_space',
    [systemMut, P('u64'), P('u32'), O('walCoin', 'mut')],
    [R('storage')],
    (ctx, state, [, size, epochs, payment]) => [
      system.reserveSpace(ctx, state, size as bigint, epochs as number, payment as Coin),
    ],
  ),
  fn(
    'system',
    'reserve_space_for_epochs',
    [systemMut, P('u64'), P('u32'), P('u32'), O('walCoin', 'mut')],
    [R('storage')],
    (ctx, state, [, size, start, end, payment]) => [
      system.reserveSpaceForEpochs(ctx, state, size as bigint, start as number, end as number, payment as Coin),
    ],
  ),
  fn(
    'system',
    'split_storage_by_epoch',
    [systemRef, O('storage', 'mut'), P('u32')],
    [R('storage')],
    (ctx, state, [, storage, epoch]) => [system.splitStorageByEpoch(ctx, state, storage as Storage, epoch as number)],
  ),
  fn(
    'system',
    'split_storage_by_size',
    [systemRef, O('storage', 'mut'), P('u64')],
    [R('storage')],
    (ctx, state, [, storage, size]) => [system.splitStorageBySize(ctx, state, storage as Storage, size as bigint)],
  ),
  fn(
    'system',
    'fuse_storage',
    [systemRef, O('storage', 'mut'), O('storage', 'value')],
    [],
    (ctx, state, [, storage, other]) => {
      system.fuseStorage(ctx, state, storage as Storage, other as Storage);
      return [];
    },
  ),
  fn('system', 'destroy_storage', [systemRef, O('storage', 'value')], [], (ctx, state, [, storage]) => {
    system.destroyStorage(ctx, state, storage as Storage);
    return [];
  }),
  fn(
    'system',
    'register_blob',
    [systemMut, O('storage', 'value'), P('u256'), P('u256'), P('u64'), P('u8'), P('bool'), O('walCoin', 'mut')],
    [R('blob')],
    (ctx, state, [, storage, blobId, rootHash, size, encodingType, deletable, payment]) => [
      system.registerBlob(
        ctx,
        state,
        storage as Storage,
        {
          blobId: blobId as bigint,
          rootHash: rootHash as bigint,
          size: size as bigint,
          encodingType: encodingType as number,
          deletable: deletable as boolean,
        },
        payment as Coin,
      ),
    ],
  ),
  fn(
    'system',
    'certify_blob',
    [systemRef, O('blob', 'mut'), P('vector<u8>'), P('vector<u8>'), P('vector<u8>')],
    [],
    (ctx, state, [, blob, signature, bitmap, message]) => {
      system.certifyBlob(
        ctx,
        state,
        blob as Blob,
        signature as Uint8Array,
        bitmap as Uint8Array,
        message as Uint8Array,
      );
      return [];
    },
  ),
  fn(
    'system',
    'invalidate_blob_id',
    [systemRef, P('vector<u8>'), P('vector<u8>'), P('vector<u8>')],
    [V('u256')],
    (ctx, state, [, signature, bitmap, message]) => [
      system.invalidateBlobId(ctx, state, signature as Uint8Array, bitmap as Uint8Array, message as Uint8Array),
    ],
  ),
  fn('system', 'delete_blob', [systemRef, O('blob', 'value')], [R('storage')], (ctx, state, [, blob]) => [
    system.deleteBlob(ctx, state, blob as Blob),
  ]),
  fn('system', 'burn_blob', [systemRef, O('blob', 'value')], [], (ctx, state, [, blob]) => {
    system.burnBlob(ctx, state, blob as Blob);
    return [];
  }),
  fn(
    'system',
    'extend_blob',
    [systemMut, O('blob', 'mut'), P('u32'), O('walCoin', 'mut')],
    [],
    (ctx, state, [, blob, epochs, payment]) => {
      system.extendBlob(ctx, state, blob as Blob, epochs as number, payment as Coin);
      return [];
    },
  ),
  fn(
    'system',
    'extend_blob_with_storage',
    [systemRef, O('blob', 'mut'), O('storage', 'value')],
    [],
    (ctx, state, [, blob, storage]) => {
      system.extendBlobWithStorage(ctx, state, blob as Blob, storage as Storage);
      return [];
    },
  ),
  fn(
    'system',
    'set_blob_metadata',
    [systemRef, O('blob', 'mut'), P('String'), P('String')],
    [],
    (ctx, state, [, blob, key, value]) => {
      system.setBlobMetadata(ctx, state, blob as Blob, key as string, value as string);
      return [];
    },
  ),
  fn(
    'system',
    'remove_blob_metadata',
    [systemRef, O('blob', 'mut'), P('String')],
    [V('String')],
    (ctx, state, [, blob, key]) => [system.removeBlobMetadata(ctx, state, blob as Blob, key as string)],
  ),
  fn('system', 'add_rewards', [systemMut, O('walCoin', 'value')], [], (ctx, state, [, payment]) => {
    system.addRewards(ctx, state, payment as Coin);
    return [];
  }),
];

const WAL_FUNCTIONS: MoveFunction[] = [
  fn('wal', 'burn', [S('walTreasury', true), O('walCoin', 'value')], [V('u64')], (ctx, state, [, coin]) => [
    burnBalance(ctx, state, (coin as Coin).balance),
  ]),
];

function index(functions: MoveFunction[]): Map<string, MoveFunction> {
  return new Map(functions.map((f) => [`${f.module}::${f.name}`, f]));
}

export const tuskFunctions = index(TUSK_FUNCTIONS);
export const walFunctions = index(WAL_FUNCTIONS);
