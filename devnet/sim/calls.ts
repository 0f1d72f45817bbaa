/**
 * The devnet's transaction API for in-process callers (the epoch keeper, the
 * scenario generator, tests): one method per Move function of move/tusk/API.md,
 * each building the same PTB a wallet would send (WAL paid by splitting the
 * sender's coins, results transferred to the sender), executing it, and
 * returning the executed transaction with the IDs of what it created.
 *
 * A failed transaction (a Move abort) is returned, not thrown, unless
 * `expectSuccess` is set; a rejected one (stale objects, bad input) throws.
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { Devnet } from './devnet.ts';
import type { ExecutedTransaction } from './ledger.ts';
import { PtbBuilder, type Arg, type ObjectRef } from './ptbBuilder.ts';
import type { SharedName } from './tusk/functions.ts';
import type { RegisterArgs } from './tusk/staking.ts';
import type { SuiObject } from './store.ts';

export interface CallResult {
  tx: ExecutedTransaction;
  /** IDs of objects created, by their Move type suffix (`StakedWal`, `StorageNodeCap`, `Coin`, ...). */
  created: { id: string; type: string }[];
}

export class TxFailed extends Error {
  override name = 'TxFailed';
  constructor(readonly tx: ExecutedTransaction) {
    super(tx.status.success ? 'succeeded' : tx.status.description);
  }
}

export class TuskCalls {
  /** Throw `TxFailed` when a transaction aborts (default: return it). */
  expectSuccess = false;

  constructor(readonly devnet: Devnet) {}

  ref(objectId: string): ObjectRef {
    const object = this.devnet.objects.get(objectId);
    if (!object) throw new Error(`object ${objectId} does not exist`);
    return { objectId: object.id, version: object.version, digest: object.digest };
  }

  /** WAL coins of `owner`, largest first. */
  walCoins(owner: string): SuiObject<{ id: string; balance: bigint }>[] {
    return (
      this.devnet.objects.ownedBy(owner, this.devnet.types.walCoin) as SuiObject<{ id: string; balance: bigint }>[]
    ).sort((a, b) =>
      a.value.balance > b.value.balance ? -1 : a.value.balance < b.value.balance ? 1 : a.id < b.id ? -1 : 1,
    );
  }

  walBalance(owner: string): bigint {
    return this.walCoins(owner).reduce((sum, coin) => sum + coin.value.balance, 0n);
  }

  #shared(b: PtbBuilder, name: SharedName, mutable: boolean): Arg {
    if (name === 'clock') return b.shared('0x6', 1n, false);
    const object = this.devnet.deployment.objects[name];
    return b.shared(object.objectId, object.initialSharedVersion, mutable);
  }

  /** A coin of exactly `amount` WAL from `owner`'s coins (merging as few as needed, largest first). */
  #walPayment(b: PtbBuilder, owner: string, amount: bigint): Arg {
    const coins = this.walCoins(owner);
    const used: SuiObject<{ id: string; balance: bigint }>[] = [];
    let covered = 0n;
    for (const coin of coins) {
      if (covered >= amount) break;
      used.push(coin);
      covered += coin.value.balance;
    }
    if (covered < amount || used.length === 0)
      throw new Error(`${owner} holds ${covered} FROST of WAL, less than ${amount}`);
    const [first, ...rest] = used.map((coin) => b.object(this.ref(coin.id)));
    if (rest.length > 0) b.mergeCoins(first!, rest);
    if (covered === amount) return first!;
    return b.splitCoins(first!, [amount])[0]!;
  }

  /** The coin to pay `amount` from by `&mut` (the largest, merged with others if needed). */
  #walCoinFor(b: PtbBuilder, owner: string, amount: bigint): Arg {
    const coins = this.walCoins(owner);
    const used: SuiObject<{ id: string; balance: bigint }>[] = [];
    let covered = 0n;
    for (const coin of coins) {
      if (covered >= amount && used.length > 0) break;
      used.push(coin);
      covered += coin.value.balance;
    }
    if (used.length === 0) throw new Error(`${owner} holds no WAL`);
    const [first, ...rest] = used.map((coin) => b.object(this.ref(coin.id)));
    if (rest.length > 0) b.mergeCoins(first!, rest);
    return first!;
  }

  #target(module: string, fn: string, wal = false): [string, string, string] {
    return [wal ? this.devnet.deployment.packages.wal : this.devnet.deployment.packages.tuskCurrent, module, fn];
  }

  /** Builds with `build`, executes as `sender`, and reports what was created. */
  run(
    sender: string,
    build: (b: PtbBuilder) => void,
    options: { gas?: ObjectRef[]; digestOverride?: Uint8Array } = {},
  ): CallResult {
    const b = new PtbBuilder();
    build(b);
    const validity = { chain: this.devnet.chainId, nonce: this.devnet.nextNonce(), timestampMs: this.devnet.clockMs };
    const tx = this.devnet.execute(b.build({ sender: normalizeSuiAddress(sender), gas: options.gas, validity }), {
      digestOverride: options.digestOverride,
    });
    if (this.expectSuccess && !tx.status.success) throw new TxFailed(tx);
    const created = tx.changes
      .filter((c) => c.idOperation === 'created')
      .map((c) => ({ id: c.objectId, type: c.objectType }));
    return { tx, created };
  }

  /** The ID of the created object whose type ends with `::<suffix>` (or contains it for coins). */
  static createdOf(result: CallResult, suffix: string): string {
    const found = result.created.find((c) => c.type.endsWith(`::${suffix}`) || c.type.includes(`::${suffix}<`));
    if (!found)
      throw new Error(
        `the transaction created no ${suffix}${result.tx.status.success ? '' : ` (it failed: ${result.tx.status.description})`}`,
      );
    return found.id;
  }

  // === Coins ===

  /** Sends `amounts[i]` WAL from `from` to `recipients[i]`, in one transaction. */
  sendWal(from: string, recipients: string[], amounts: bigint[]): CallResult {
    return this.run(from, (b) => {
      const total = amounts.reduce((sum, a) => sum + a, 0n);
      const source = this.#walCoinFor(b, from, total);
      const parts = b.splitCoins(source, amounts);
      parts.forEach((part, i) => b.transferObjects([part], recipients[i]!));
    });
  }

  /** Sends SUI coins of `amounts[i]` from `from`'s first SUI coin to `recipients[i]`. */
  sendSui(from: string, recipients: string[], amounts: bigint[]): CallResult {
    const coin = this.devnet.objects.ownedBy(from, this.devnet.types.suiCoin)[0];
    if (!coin) throw new Error(`${from} holds no SUI`);
    return this.run(from, (b) => {
      const parts = b.splitCoins(b.object(this.ref(coin.id)), amounts);
      parts.forEach((part, i) => b.transferObjects([part], recipients[i]!));
    });
  }

  // === Operators ===

  registerCandidate(operator: string, input: RegisterArgs): CallResult {
    return this.run(operator, (b) => {
      const cap = b.moveCall(...this.#target('staking', 'register_candidate'), [
        this.#shared(b, 'staking', true),
        b.string(input.name),
        b.string(input.networkAddress),
        b.string(input.metadataUrl),
        b.bytes(input.publicKey),
        b.bytes(input.networkPublicKey),
        b.bytes(input.proofOfPossession),
        b.u16(input.commissionBps),
        b.u64(input.storagePrice),
        b.u64(input.writePrice),
        b.u64(input.capacity),
      ]);
      b.transferObjects([cap], operator);
    });
  }

  #capCall(
    operator: string,
    capId: string,
    fn: string,
    extra: (b: PtbBuilder) => Arg[],
    returnsCoin = false,
  ): CallResult {
    return this.run(operator, (b) => {
      const result = b.moveCall(...this.#target('staking', fn), [
        this.#shared(b, 'staking', true),
        b.object(this.ref(capId)),
        ...extra(b),
      ]);
      if (returnsCoin) b.transferObjects([result], operator);
    });
  }

  setCommission(operator: string, capId: string, rateBps: number): CallResult {
    return this.#capCall(operator, capId, 'set_commission', (b) => [b.u16(rateBps)]);
  }

  collectCommission(operator: string, capId: string): CallResult {
    return this.#capCall(operator, capId, 'collect_commission', () => [], true);
  }

  voteForPrices(
    operator: string,
    capId: string,
    storagePrice: bigint,
    writePrice: bigint,
    capacity: bigint,
  ): CallResult {
    return this.#capCall(operator, capId, 'vote_for_prices', (b) => [
      b.u64(storagePrice),
      b.u64(writePrice),
      b.u64(capacity),
    ]);
  }

  setName(operator: string, capId: string, name: string): CallResult {
    return this.#capCall(operator, capId, 'set_name', (b) => [b.string(name)]);
  }

  setNetworkAddress(operator: string, capId: string, value: string): CallResult {
    return this.#capCall(operator, capId, 'set_network_address', (b) => [b.string(value)]);
  }

  voteForSlash(operator: string, capId: string, targetNodeId: string): CallResult {
    return this.#capCall(operator, capId, 'vote_for_slash', (b) => [b.address(targetNodeId)]);
  }

  epochSyncDone(operator: string, capId: string, epoch: number): CallResult {
    return this.#capCall(operator, capId, 'epoch_sync_done', (b) => [b.u32(epoch), this.#shared(b, 'clock', false)]);
  }

  // === Anyone ===

  votingEnd(sender: string): CallResult {
    return this.run(sender, (b) => {
      b.moveCall(...this.#target('staking', 'voting_end'), [
        this.#shared(b, 'staking', true),
        this.#shared(b, 'clock', false),
      ]);
    });
  }

  initiateEpochChange(sender: string): CallResult {
    return this.run(sender, (b) => {
      b.moveCall(...this.#target('staking', 'initiate_epoch_change'), [
        this.#shared(b, 'staking', true),
        this.#shared(b, 'system', true),
        this.#shared(b, 'walTreasury', true),
        this.#shared(b, 'clock', false),
      ]);
    });
  }

  endStalledEpochChange(sender: string): CallResult {
    return this.run(sender, (b) => {
      b.moveCall(...this.#target('staking', 'end_stalled_epoch_change'), [
        this.#shared(b, 'staking', true),
        this.#shared(b, 'clock', false),
      ]);
    });
  }

  /** `join_active_set`: brings an idle pool into the active set (anyone may call it). */
  joinActiveSet(sender: string, nodeId: string): CallResult {
    return this.run(sender, (b) => {
      b.moveCall(...this.#target('staking', 'join_active_set'), [this.#shared(b, 'staking', true), b.address(nodeId)]);
    });
  }

  executeSlash(sender: string, targetNodeId: string): CallResult {
    return this.run(sender, (b) => {
      b.moveCall(...this.#target('staking', 'execute_slash'), [
        this.#shared(b, 'staking', true),
        this.#shared(b, 'walTreasury', true),
        b.address(targetNodeId),
      ]);
    });
  }

  // === Delegators ===

  stake(owner: string, nodeId: string, amount: bigint): CallResult {
    return this.run(owner, (b) => {
      const coin = this.#walPayment(b, owner, amount);
      const staked = b.moveCall(...this.#target('staking', 'stake_with_pool'), [
        this.#shared(b, 'staking', true),
        coin,
        b.address(nodeId),
      ]);
      b.transferObjects([staked], owner);
    });
  }

  /** Requests a withdrawal of the whole position, or of `amount` by splitting first. */
  requestWithdraw(owner: string, stakedWalId: string, amount?: bigint): CallResult {
    return this.run(owner, (b) => {
      let position = b.object(this.ref(stakedWalId));
      if (amount !== undefined)
        position = b.moveCall(...this.#target('staking', 'split_staked_wal'), [
          this.#shared(b, 'staking', false),
          position,
          b.u64(amount),
        ]);
      b.moveCall(...this.#target('staking', 'request_withdraw_stake'), [this.#shared(b, 'staking', true), position]);
      if (amount !== undefined) b.transferObjects([position], owner);
    });
  }

  withdraw(owner: string, stakedWalId: string): CallResult {
    return this.run(owner, (b) => {
      const coin = b.moveCall(...this.#target('staking', 'withdraw_stake'), [
        this.#shared(b, 'staking', true),
        b.object(this.ref(stakedWalId)),
      ]);
      b.transferObjects([coin], owner);
    });
  }

  split(owner: string, stakedWalId: string, amount: bigint): CallResult {
    return this.run(owner, (b) => {
      const part = b.moveCall(...this.#target('staking', 'split_staked_wal'), [
        this.#shared(b, 'staking', false),
        b.object(this.ref(stakedWalId)),
        b.u64(amount),
      ]);
      b.transferObjects([part], owner);
    });
  }

  join(owner: string, intoId: string, fromIds: string[]): CallResult {
    return this.run(owner, (b) => {
      const into = b.object(this.ref(intoId));
      for (const from of fromIds)
        b.moveCall(...this.#target('staking', 'join_staked_wal'), [
          this.#shared(b, 'staking', false),
          into,
          b.object(this.ref(from)),
        ]);
    });
  }

  // === Governance ===

  proposeParameterChange(proposer: string, name: string, value: bigint, deposit: bigint): CallResult {
    return this.run(proposer, (b) => {
      const coin = this.#walPayment(b, proposer, deposit);
      b.moveCall(...this.#target('governance', 'propose_parameter_change'), [
        this.#shared(b, 'governance', true),
        this.#shared(b, 'staking', false),
        b.string(name),
        b.u64(value),
        coin,
      ]);
    });
  }

  proposeUpgrade(proposer: string, digest: Uint8Array, deposit: bigint): CallResult {
    return this.run(proposer, (b) => {
      const coin = this.#walPayment(b, proposer, deposit);
      b.moveCall(...this.#target('governance', 'propose_upgrade'), [
        this.#shared(b, 'governance', true),
        this.#shared(b, 'staking', false),
        b.bytes(digest),
        coin,
      ]);
    });
  }

  proposeText(proposer: string, text: string, deposit: bigint): CallResult {
    return this.run(proposer, (b) => {
      const coin = this.#walPayment(b, proposer, deposit);
      b.moveCall(...this.#target('governance', 'propose_text'), [
        this.#shared(b, 'governance', true),
        this.#shared(b, 'staking', false),
        b.string(text),
        coin,
      ]);
    });
  }

  voteAsNode(operator: string, capId: string, proposalId: string, option: number): CallResult {
    return this.run(operator, (b) => {
      b.moveCall(...this.#target('governance', 'vote_as_node'), [
        this.#shared(b, 'governance', true),
        this.#shared(b, 'staking', false),
        b.object(this.ref(capId)),
        b.address(proposalId),
        b.u8(option),
      ]);
    });
  }

  voteWithStake(owner: string, stakedWalIds: string[], proposalId: string, option: number): CallResult {
    return this.run(owner, (b) => {
      for (const id of stakedWalIds) {
        b.moveCall(...this.#target('governance', 'vote_with_stake'), [
          this.#shared(b, 'governance', true),
          this.#shared(b, 'staking', false),
          b.object(this.ref(id)),
          b.address(proposalId),
          b.u8(option),
        ]);
      }
    });
  }

  finalize(sender: string, proposalId: string): CallResult {
    return this.run(sender, (b) => {
      b.moveCall(...this.#target('governance', 'finalize'), [
        this.#shared(b, 'governance', true),
        this.#shared(b, 'staking', true),
        this.#shared(b, 'walTreasury', true),
        b.address(proposalId),
      ]);
    });
  }

  // === Storage ===

  reserveSpace(owner: string, size: bigint, epochsAhead: number, maxPayment: bigint): CallResult {
    return this.run(owner, (b) => {
      const coin = this.#walCoinFor(b, owner, maxPayment);
      const storage = b.moveCall(...this.#target('system', 'reserve_space'), [
        this.#shared(b, 'system', true),
        b.u64(size),
        b.u32(epochsAhead),
        coin,
      ]);
      b.transferObjects([storage], owner);
    });
  }

  registerBlob(
    owner: string,
    storageId: string,
    blob: { blobId: bigint; rootHash: bigint; size: bigint; encodingType: number; deletable: boolean },
    maxPayment: bigint,
  ): CallResult {
    return this.run(owner, (b) => {
      const coin = this.#walCoinFor(b, owner, maxPayment);
      const created = b.moveCall(...this.#target('system', 'register_blob'), [
        this.#shared(b, 'system', true),
        b.object(this.ref(storageId)),
        b.u256(blob.blobId),
        b.u256(blob.rootHash),
        b.u64(blob.size),
        b.u8(blob.encodingType),
        b.bool(blob.deletable),
        coin,
      ]);
      b.transferObjects([created], owner);
    });
  }

  certifyBlob(
    owner: string,
    blobObjectId: string,
    signature: Uint8Array,
    signersBitmap: Uint8Array,
    message: Uint8Array,
  ): CallResult {
    return this.run(owner, (b) => {
      b.moveCall(...this.#target('system', 'certify_blob'), [
        this.#shared(b, 'system', false),
        b.object(this.ref(blobObjectId)),
        b.bytes(signature),
        b.bytes(signersBitmap),
        b.bytes(message),
      ]);
    });
  }

  deleteBlob(owner: string, blobObjectId: string): CallResult {
    return this.run(owner, (b) => {
      const storage = b.moveCall(...this.#target('system', 'delete_blob'), [
        this.#shared(b, 'system', false),
        b.object(this.ref(blobObjectId)),
      ]);
      b.transferObjects([storage], owner);
    });
  }

  extendBlob(owner: string, blobObjectId: string, epochsAhead: number, maxPayment: bigint): CallResult {
    return this.run(owner, (b) => {
      const coin = this.#walCoinFor(b, owner, maxPayment);
      b.moveCall(...this.#target('system', 'extend_blob'), [
        this.#shared(b, 'system', true),
        b.object(this.ref(blobObjectId)),
        b.u32(epochsAhead),
        coin,
      ]);
    });
  }

  splitStorageByEpoch(owner: string, storageId: string, splitEpoch: number): CallResult {
    return this.run(owner, (b) => {
      const part = b.moveCall(...this.#target('system', 'split_storage_by_epoch'), [
        this.#shared(b, 'system', false),
        b.object(this.ref(storageId)),
        b.u32(splitEpoch),
      ]);
      b.transferObjects([part], owner);
    });
  }

  splitStorageBySize(owner: string, storageId: string, size: bigint): CallResult {
    return this.run(owner, (b) => {
      const part = b.moveCall(...this.#target('system', 'split_storage_by_size'), [
        this.#shared(b, 'system', false),
        b.object(this.ref(storageId)),
        b.u64(size),
      ]);
      b.transferObjects([part], owner);
    });
  }

  fuseStorage(owner: string, storageId: string, otherId: string): CallResult {
    return this.run(owner, (b) => {
      b.moveCall(...this.#target('system', 'fuse_storage'), [
        this.#shared(b, 'system', false),
        b.object(this.ref(storageId)),
        b.object(this.ref(otherId)),
      ]);
    });
  }

  destroyStorage(owner: string, storageId: string): CallResult {
    return this.run(owner, (b) => {
      b.moveCall(...this.#target('system', 'destroy_storage'), [
        this.#shared(b, 'system', false),
        b.object(this.ref(storageId)),
      ]);
    });
  }

  burnBlob(owner: string, blobObjectId: string): CallResult {
    return this.run(owner, (b) => {
      b.moveCall(...this.#target('system', 'burn_blob'), [
        this.#shared(b, 'system', false),
        b.object(this.ref(blobObjectId)),
      ]);
    });
  }

  setBlobMetadata(owner: string, blobObjectId: string, key: string, value: string): CallResult {
    return this.run(owner, (b) => {
      b.moveCall(...this.#target('system', 'set_blob_metadata'), [
        this.#shared(b, 'system', false),
        b.object(this.ref(blobObjectId)),
        b.string(key),
        b.string(value),
      ]);
    });
  }

  invalidateBlobId(sender: string, signature: Uint8Array, signersBitmap: Uint8Array, message: Uint8Array): CallResult {
    return this.run(sender, (b) => {
      b.moveCall(...this.#target('system', 'invalidate_blob_id'), [
        this.#shared(b, 'system', false),
        b.bytes(signature),
        b.bytes(signersBitmap),
        b.bytes(message),
      ]);
    });
  }

  addRewards(sender: string, amount: bigint): CallResult {
    return this.run(sender, (b) => {
      const coin = this.#walPayment(b, sender, amount);
      b.moveCall(...this.#target('system', 'add_rewards'), [this.#shared(b, 'system', true), coin]);
    });
  }
}
