/**
 * The devnet: one deterministic Sui-like chain running the Tusk protocol.
 *
 * It holds the objects (coins, positions, caps, the shared protocol objects),
 * executes transactions given as signed `TransactionData` BCS (the same bytes
 * a wallet signs), and records them in a ledger of checkpoints. Everything is
 * a pure function of the genesis options and the sequence of transactions and
 * clock ticks it is given: the same inputs give the same digests, object IDs
 * and event bytes.
 *
 * Time is explicit: `clockMs` is what `Clock::timestamp_ms` returns to the
 * transactions executed now; whoever drives the devnet (the live runner, the
 * scenario generator, a test) moves it forward.
 */
import { bcs } from '@mysten/sui/bcs';
import { normalizeSuiAddress, toBase64 } from '@mysten/sui/utils';
import { TOTAL_SUPPLY_FROST } from '@tusk/shared/protocol';
import { TxContext, type EmittedEvent } from './context.ts';
import { ExecutionFailure, MoveAbort, TransactionRejected } from './failures.ts';
import { netGas, gasCharge, REFERENCE_GAS_PRICE, requiredBudget } from './gas.ts';
import { blake2b256, deriveObjectId, digestFromString, digestToString, labelAddress, saltedDigest } from './ids.ts';
import type { ExecutedTransaction, ExecutionOutcome, LedgerCheckpoint, ObjectChange, ObjectState } from './ledger.ts';
import { runPtb, type ObjectSlot, type PtbCommand, type Slot } from './ptb.ts';
import { computeObjectDigest, GENESIS_DIGEST, ObjectStore, ownerToBcs, type Owner, type SuiObject } from './store.ts';
import { blobCodec, coinCodec, stakedWalCodec, storageCodec, storageNodeCapCodec } from './tusk/objects.ts';
import { tuskFunctions, walFunctions, type MoveFunction, type OwnedKind, type SharedName } from './tusk/functions.ts';
import { initialize } from './tusk/init.ts';
import { DEFAULT_PARAMS, type GenesisParams } from './tusk/params.ts';
import type { TuskState } from './tusk/state.ts';
import { PtbBuilder } from './ptbBuilder.ts';

export const CLOCK_ID = normalizeSuiAddress('0x6');
export const SUI_COIN_TYPE = '0x2::coin::Coin<0x2::sui::SUI>';
export const SUI_TYPE = '0x2::sui::SUI';

export interface DevnetOptions {
  /** Seeds every ID and digest of the chain's genesis. */
  seed: string;
  /** Parameters for `init::initialize` (defaults: the Move defaults, 53 epochs ahead, no capacity). */
  params?: Partial<GenesisParams>;
  /** Clock time of genesis (ms). */
  genesisTimeMs: bigint;
  /** Who publishes, receives the whole WAL supply and a large SUI coin (the faucet). */
  faucetAddress?: string;
  /**
   * Digest of the n-th transaction (0: `initialize`) instead of the hash of
   * its bytes: the differential tests use test_scenario's dummy hashes.
   */
  digestOf?: (index: number, bytes: Uint8Array) => Uint8Array;
}

/** Receives the devnet's inputs in order, so a run can be replayed exactly. */
export interface DevnetRecorder {
  executed(record: { bytes: Uint8Array; signatures: Uint8Array[]; clockMs: bigint; success: boolean }): void;
  sealed(record: { clockMs: bigint }): void;
}

export const DEFAULT_GENESIS: GenesisParams = {
  ...DEFAULT_PARAMS,
  maxEpochsAhead: 53,
  storagePrice: 100_000n,
  writePrice: 20_000n,
  capacity: 0n,
};

export interface Deployment {
  packages: { wal: string; tuskOriginal: string; tuskCurrent: string };
  objects: Record<Exclude<SharedName, 'clock'>, { objectId: string; initialSharedVersion: bigint }>;
}

export interface ExecuteOptions {
  /** Serialized signatures (checked by the node layer before calling). */
  signatures?: Uint8Array[];
  /** Run without committing anything (simulation). */
  simulate?: boolean;
  /** Use this digest instead of hashing the bytes. */
  digestOverride?: Uint8Array;
}

type TxDataV1 = NonNullable<ReturnType<typeof bcs.TransactionData.parse>['V1']>;
type ParsedCallArg = TxDataV1['kind'] extends infer K
  ? K extends { ProgrammableTransaction: { inputs: (infer I)[] } }
    ? I
    : never
  : never;

const SHARED_NAMES = ['walTreasury', 'staking', 'governance', 'system'] as const;

export class Devnet {
  readonly objects = new ObjectStore();
  readonly state: TuskState;
  readonly deployment: Deployment;
  readonly faucetAddress: string;
  readonly genesis: GenesisParams;
  readonly checkpoints: LedgerCheckpoint[] = [];
  readonly #transactions = new Map<string, ExecutedTransaction>();
  #pending: ExecutedTransaction[] = [];
  #transactionCount = 0n;
  readonly #sharedIds = new Map<string, SharedName>();
  readonly #types: Record<OwnedKind, string>;
  readonly #digestOf: DevnetOptions['digestOf'];
  clockMs: bigint;
  readonly suiEpoch = 0n;
  /** Told of every committed transaction and seal, in order (persistence, replay). */
  recorder: DevnetRecorder | undefined;

  constructor(options: DevnetOptions) {
    this.clockMs = options.genesisTimeMs;
    this.genesis = { ...DEFAULT_GENESIS, ...options.params };
    this.#digestOf = options.digestOf;
    this.faucetAddress = normalizeSuiAddress(options.faucetAddress ?? labelAddress(`${options.seed}:faucet`));
    const genesis = blake2b256(new TextEncoder().encode(`tusk-devnet-genesis:${options.seed}`));
    const genesisDigest = digestToString(genesis);
    const id = (n: number) => deriveObjectId(genesis, n);
    const wal = id(0);
    const tusk = id(1);
    this.#types = {
      walCoin: `0x2::coin::Coin<${wal}::wal::WAL>`,
      suiCoin: SUI_COIN_TYPE,
      stakedWal: `${tusk}::staked_wal::StakedWal`,
      storageNodeCap: `${tusk}::storage_node::StorageNodeCap`,
      storage: `${tusk}::storage_resource::Storage`,
      blob: `${tusk}::blob::Blob`,
    };
    // --- Publish: the packages, the WAL treasury, the whole supply and SUI for gas to the publisher ---
    const put = (object: Omit<SuiObject, 'digest' | 'previousTransaction'>) =>
      this.#put({ ...object, previousTransaction: genesisDigest });
    const shared = (objectId: string, type: string, name: SharedName, version: bigint) => {
      this.#sharedIds.set(objectId, name);
      put({
        id: objectId,
        type,
        owner: { kind: 'shared', initialVersion: version },
        version,
        value: undefined,
        publicTransfer: false,
      });
    };
    for (const pkg of [wal, tusk])
      put({
        id: pkg,
        type: 'package',
        owner: { kind: 'immutable' },
        version: 1n,
        value: undefined,
        publicTransfer: false,
      });
    shared(CLOCK_ID, '0x2::clock::Clock', 'clock', 1n);
    shared(id(2), `${wal}::wal::WalTreasury`, 'walTreasury', 1n);
    const owner: Owner = { kind: 'address', address: this.faucetAddress };
    put({
      id: id(3),
      type: this.#types.walCoin,
      owner,
      version: 1n,
      value: { id: id(3), balance: TOTAL_SUPPLY_FROST },
      codec: coinCodec,
      coinType: `${wal}::wal::WAL`,
      publicTransfer: true,
    });
    put({
      id: id(4),
      type: SUI_COIN_TYPE,
      owner,
      version: 1n,
      value: { id: id(4), balance: 10_000_000_000n * 1_000_000_000n },
      codec: coinCodec,
      coinType: SUI_TYPE,
      publicTransfer: true,
    });
    this.checkpoints.push({
      sequenceNumber: 0n,
      digest: digestToString(saltedDigest('CheckpointSummary::', genesis)),
      previousDigest: undefined,
      timestampMs: options.genesisTimeMs,
      suiEpoch: 0n,
      firstTransactionNumber: 0n,
      transactions: [],
    });

    // --- init::initialize: Staking, Governance and System, and ParametersApplied for epoch 0 ---
    const g = this.genesis;
    const b = new PtbBuilder();
    b.moveCall(tusk, 'init', 'initialize', [
      b.u64(g.epochDurationMs),
      b.u16(g.nShards),
      b.u16(g.maxCommitteeSize),
      b.u64(g.minStake),
      b.u16(g.burnBps),
      b.u16(g.slashBps),
      b.u64(g.minProposalDeposit),
      b.u32(g.votingEpochs),
      b.u16(g.quorumBps),
      b.u16(g.passBps),
      b.u16(g.vetoBps),
      b.u32(g.maxEpochsAhead),
      b.u64(g.storagePrice),
      b.u64(g.writePrice),
      b.u64(g.capacity),
      b.shared(CLOCK_ID, 1n, false),
    ]);
    const bytes = b.build({
      sender: this.faucetAddress,
      validity: { chain: this.chainId, nonce: 0, timestampMs: this.clockMs },
    });
    const digestBytes = this.#digestOf?.(0, bytes) ?? saltedDigest('TransactionData::', bytes);
    const ctx = new TxContext({
      sender: this.faucetAddress,
      digest: digestBytes,
      timestampMs: this.clockMs,
      suiEpoch: this.suiEpoch,
      packages: { tuskOriginal: tusk, tuskCurrent: tusk },
    });
    const initialized = initialize(ctx, g, tusk);
    this.state = initialized.state;
    const initDigest = digestToString(digestBytes);
    const sharedVersion = 2n;
    for (const [objectId, type, name] of [
      [initialized.stakingId, `${tusk}::staking::Staking`, 'staking'],
      [initialized.governanceId, `${tusk}::governance::Governance`, 'governance'],
      [initialized.systemId, `${tusk}::system::System`, 'system'],
    ] as const) {
      this.#sharedIds.set(objectId, name);
      this.#put({
        id: objectId,
        type,
        owner: { kind: 'shared', initialVersion: sharedVersion },
        version: sharedVersion,
        previousTransaction: initDigest,
        value: undefined,
        publicTransfer: false,
      });
    }
    this.deployment = {
      packages: { wal, tuskOriginal: tusk, tuskCurrent: tusk },
      objects: {
        walTreasury: { objectId: id(2), initialSharedVersion: 1n },
        staking: { objectId: initialized.stakingId, initialSharedVersion: sharedVersion },
        governance: { objectId: initialized.governanceId, initialSharedVersion: sharedVersion },
        system: { objectId: initialized.systemId, initialSharedVersion: sharedVersion },
      },
    };
    const created = (objectId: string, type: string): ObjectChange => ({
      objectId,
      objectType: type,
      input: undefined,
      output: {
        version: sharedVersion,
        digest: this.objects.get(objectId)!.digest,
        owner: { kind: 'shared', initialVersion: sharedVersion },
      },
      idOperation: 'created',
    });
    const changes = [
      created(initialized.stakingId, `${tusk}::staking::Staking`),
      created(initialized.governanceId, `${tusk}::governance::Governance`),
      created(initialized.systemId, `${tusk}::system::System`),
    ].sort((x, y) => (x.objectId < y.objectId ? -1 : 1));
    const gasUsed = { computationCost: 0n, storageCost: 0n, storageRebate: 0n, nonRefundableStorageFee: 0n };
    const eventsDigest = digestToString(saltedDigest('TransactionEvents::', concat(ctx.events.map((e) => e.bcs))));
    const effectsBcs = this.#effectsBcs(
      initDigest,
      { success: true },
      gasUsed,
      sharedVersion,
      changes,
      [{ objectId: CLOCK_ID, version: 1n, digest: this.objects.get(CLOCK_ID)!.digest }],
      undefined,
      eventsDigest,
      [],
    );
    const executed: ExecutedTransaction = {
      digest: initDigest,
      bytes,
      signatures: [],
      sender: this.faucetAddress,
      status: { success: true },
      events: ctx.events,
      changes,
      unchangedShared: [{ objectId: CLOCK_ID, version: 1n, digest: this.objects.get(CLOCK_ID)!.digest }],
      gasObjectId: undefined,
      gasUsed,
      lamportVersion: sharedVersion,
      suiEpoch: this.suiEpoch,
      timestampMs: this.clockMs,
      balanceChanges: [],
      dependencies: [],
      effectsBcs,
      effectsDigest: digestToString(saltedDigest('TransactionEffects::', effectsBcs)),
      eventsDigest,
    };
    this.#transactions.set(initDigest, executed);
    this.#pending.push(executed);
    this.#transactionCount += 1n;
    this.seal();
  }

  #nonce = 0;

  /** Moves the nonce counter past `count` nonces (after a replay). */
  skipNonces(count: number): void {
    this.#nonce = (this.#nonce + count) % 2 ** 32;
  }

  /** A fresh nonce for a transaction without gas coins (see `PtbBuilder.build`). */
  nextNonce(): number {
    this.#nonce = (this.#nonce + 1) % 2 ** 32;
    return this.#nonce;
  }

  /** The chain identifier: the genesis checkpoint's digest. */
  get chainId(): string {
    return this.checkpoints[0]!.digest;
  }

  /** Full Move type names of the owned object kinds. */
  get types(): Readonly<Record<OwnedKind, string>> {
    return this.#types;
  }

  /** The object ID of one of the protocol's shared objects. */
  sharedObjectId(name: SharedName): string {
    return name === 'clock' ? CLOCK_ID : this.deployment.objects[name].objectId;
  }

  kindOfType(type: string): OwnedKind | undefined {
    return (Object.keys(this.#types) as OwnedKind[]).find((kind) => this.#types[kind] === type);
  }

  #put(object: Omit<SuiObject, 'digest'>): SuiObject {
    const full = { ...object, digest: computeObjectDigest(object) } as SuiObject;
    this.objects.put(full);
    return full;
  }

  // === Ledger ===

  transaction(digest: string): ExecutedTransaction | undefined {
    return this.#transactions.get(digest);
  }

  get transactionCount(): bigint {
    return this.#transactionCount;
  }

  get latestCheckpoint(): LedgerCheckpoint {
    return this.checkpoints[this.checkpoints.length - 1]!;
  }

  get pendingTransactions(): number {
    return this.#pending.length;
  }

  #checkpointListeners = new Set<(checkpoint: LedgerCheckpoint) => void>();

  onCheckpoint(listener: (checkpoint: LedgerCheckpoint) => void): () => void {
    this.#checkpointListeners.add(listener);
    return () => this.#checkpointListeners.delete(listener);
  }

  /** Seals the transactions executed since the last checkpoint into a new one, stamped with the clock. */
  seal(): LedgerCheckpoint {
    const previous = this.latestCheckpoint;
    const sequenceNumber = previous.sequenceNumber + 1n;
    const transactions = this.#pending;
    this.#pending = [];
    for (const tx of transactions) tx.checkpoint = sequenceNumber;
    const summary = bcs
      .struct('CheckpointDigestInput', {
        seq: bcs.u64(),
        previous: bcs.ObjectDigest,
        time: bcs.u64(),
        txs: bcs.vector(bcs.ObjectDigest),
      })
      .serialize({
        seq: sequenceNumber,
        previous: previous.digest,
        time: this.clockMs,
        txs: transactions.map((tx) => tx.digest),
      })
      .toBytes();
    const checkpoint: LedgerCheckpoint = {
      sequenceNumber,
      digest: digestToString(saltedDigest('CheckpointSummary::', summary)),
      previousDigest: previous.digest,
      timestampMs: this.clockMs > previous.timestampMs ? this.clockMs : previous.timestampMs,
      suiEpoch: this.suiEpoch,
      firstTransactionNumber: previous.firstTransactionNumber + BigInt(previous.transactions.length),
      transactions,
    };
    this.checkpoints.push(checkpoint);
    this.recorder?.sealed({ clockMs: this.clockMs });
    for (const listener of [...this.#checkpointListeners]) listener(checkpoint);
    return checkpoint;
  }

  // === Execution ===

  /**
   * Executes (or, with `simulate`, dry-runs) a transaction given as
   * `TransactionData` BCS. Throws `TransactionRejected` when a node would
   * refuse it before execution (unknown or stale objects, gas problems);
   * otherwise returns the executed transaction, successful or failed.
   */
  execute(bytes: Uint8Array, options: ExecuteOptions = {}): ExecutedTransaction {
    let parsed: ReturnType<typeof bcs.TransactionData.parse>;
    try {
      parsed = bcs.TransactionData.parse(bytes);
    } catch (error) {
      throw new TransactionRejected(`cannot decode the transaction: ${(error as Error).message}`);
    }
    const data = parsed.V1;
    if (!data) throw new TransactionRejected('only TransactionData V1 is supported');
    if (data.kind.$kind !== 'ProgrammableTransaction' || !data.kind.ProgrammableTransaction) {
      throw new TransactionRejected(`the devnet executes programmable transactions only (got ${data.kind.$kind})`);
    }
    const sender = normalizeSuiAddress(data.sender);
    const digestBytes =
      options.digestOverride ??
      (options.simulate ? undefined : this.#digestOf?.(Number(this.#transactionCount), bytes)) ??
      saltedDigest('TransactionData::', bytes);
    const digest = digestToString(digestBytes);
    if (!options.simulate && this.#transactions.has(digest)) return this.#transactions.get(digest)!;

    // --- Inputs (a node rejects the transaction when these are wrong) ---
    const { inputs: callArgs, commands } = data.kind.ProgrammableTransaction;
    const ownedInputs = new Map<number, SuiObject>();
    const sharedInputs = new Map<string, { name: SharedName; mutable: boolean; object: SuiObject }>();
    const slots: Slot[] = callArgs.map((arg, index) => this.#loadInput(arg, index, sender, ownedInputs, sharedInputs));
    const seen = new Set<string>();
    for (const object of ownedInputs.values()) {
      if (seen.has(object.id)) throw new TransactionRejected(`object ${object.id} is used twice as an input`);
      seen.add(object.id);
    }

    // --- Gas ---
    const price = BigInt(data.gasData.price);
    const budget = BigInt(data.gasData.budget);
    const gasObjects = data.gasData.payment.map((ref) => {
      const object = this.objects.get(ref.objectId);
      if (!object) throw new TransactionRejected(`gas object ${ref.objectId} not found`);
      if (object.version !== BigInt(ref.version) || object.digest !== ref.digest) {
        throw new TransactionRejected(
          `gas object ${ref.objectId} is at version ${object.version}, not ${ref.version}: ObjectVersionUnavailableForConsumption`,
        );
      }
      if (object.type !== SUI_COIN_TYPE) throw new TransactionRejected(`gas object ${ref.objectId} is not a SUI coin`);
      if (object.owner.kind !== 'address' || object.owner.address !== normalizeSuiAddress(data.gasData.owner)) {
        throw new TransactionRejected(`gas object ${ref.objectId} is not owned by ${data.gasData.owner}`);
      }
      if (seen.has(object.id)) throw new TransactionRejected(`gas object ${object.id} is also an input`);
      seen.add(object.id);
      return object;
    });
    if (normalizeSuiAddress(data.gasData.owner) !== sender)
      throw new TransactionRejected('sponsored transactions are not supported by the devnet');
    if (gasObjects.length > 0) {
      if (price < REFERENCE_GAS_PRICE)
        throw new TransactionRejected(`gas price ${price} is below the reference gas price ${REFERENCE_GAS_PRICE}`);
      if (budget < requiredBudget(price))
        throw new TransactionRejected(
          `gas budget ${budget} is below the minimum ${requiredBudget(price)}: InsufficientGas`,
        );
      const balance = gasObjects.reduce((sum, object) => sum + (object.value as { balance: bigint }).balance, 0n);
      if (balance < budget)
        throw new TransactionRejected(
          `GasBalanceTooLow: gas coins hold ${balance} MIST, less than the budget ${budget}`,
        );
    }

    // --- Execute ---
    const ctx = new TxContext({
      sender,
      digest: digestBytes,
      timestampMs: this.clockMs,
      suiEpoch: this.suiEpoch,
      packages: {
        tuskOriginal: this.deployment.packages.tuskOriginal,
        tuskCurrent: this.deployment.packages.tuskCurrent,
      },
    });
    const gasCoin = gasObjects[0];
    const gasValue = gasCoin
      ? {
          id: gasCoin.id,
          balance: gasObjects.reduce((sum, o) => sum + (o.value as { balance: bigint }).balance, 0n) - budget,
        }
      : undefined;
    const gasSlot: ObjectSlot | undefined = gasValue
      ? { t: 'object', kind: 'suiCoin', value: gasValue, moved: false, origin: 'gas' }
      : undefined;

    let status: ExecutionOutcome = { success: true };
    // Coin balances before the commands run: the PTB changes coin values in place.
    const coinBalancesBefore = new Map(
      [...ownedInputs.values(), ...gasObjects]
        .filter((object) => object.coinType)
        .map((object) => [object.id, (object.value as { balance: bigint }).balance] as const),
    );
    let outcome: ReturnType<typeof runPtb> | undefined;
    try {
      outcome = runPtb(
        { ctx, state: this.state, lookup: (pkg, module, name) => this.#lookup(pkg, module, name), gas: gasSlot },
        slots,
        commands as PtbCommand[],
      );
    } catch (error) {
      ctx.journal.rollback();
      status = this.#failure(error);
    }

    const gasUsed =
      gasObjects.length > 0
        ? gasCharge(price)
        : { computationCost: 0n, storageCost: 0n, storageRebate: 0n, nonRefundableStorageFee: 0n };
    const executed = this.#finish({
      digest,
      bytes,
      sender,
      options,
      ctx,
      status,
      outcome,
      slots,
      ownedInputs,
      sharedInputs,
      gasObjects,
      coinBalancesBefore,
      gasRemaining:
        gasValue && status.success
          ? gasValue.balance + budget - netGas(gasUsed)
          : gasObjects.reduce((sum, o) => sum + (o.value as { balance: bigint }).balance, 0n) - netGas(gasUsed),
      gasUsed,
    });
    if (options.simulate) {
      ctx.journal.rollback();
      return executed;
    }
    ctx.journal.commit();
    this.#transactions.set(digest, executed);
    this.#pending.push(executed);
    this.#transactionCount += 1n;
    this.recorder?.executed({
      bytes,
      signatures: options.signatures ?? [],
      clockMs: this.clockMs,
      success: executed.status.success,
    });
    return executed;
  }

  #lookup(packageId: string, module: string, name: string): MoveFunction | undefined {
    const pkg = normalizeSuiAddress(packageId);
    if (pkg === this.deployment.packages.tuskCurrent) return tuskFunctions.get(`${module}::${name}`);
    if (pkg === this.deployment.packages.wal) return walFunctions.get(`${module}::${name}`);
    return undefined;
  }

  #loadInput(
    arg: ParsedCallArg,
    index: number,
    sender: string,
    owned: Map<number, SuiObject>,
    shared: Map<string, { name: SharedName; mutable: boolean; object: SuiObject }>,
  ): Slot {
    if (arg.$kind === 'Pure') return { t: 'pure', bytes: Uint8Array.from(Buffer.from(arg.Pure.bytes, 'base64')) };
    if (arg.$kind !== 'Object')
      throw new TransactionRejected(`input ${index}: ${arg.$kind} inputs are not supported by the devnet`);
    const objectArg = arg.Object;
    if (objectArg.$kind === 'SharedObject') {
      const ref = objectArg.SharedObject;
      const id = normalizeSuiAddress(ref.objectId);
      const object = this.objects.get(id);
      const name = this.#sharedIds.get(id);
      if (!object || !name) throw new TransactionRejected(`input ${index}: shared object ${id} not found`);
      if (object.owner.kind !== 'shared' || BigInt(ref.initialSharedVersion) !== object.owner.initialVersion) {
        throw new TransactionRejected(
          `input ${index}: object ${id} is shared at version ${object.owner.kind === 'shared' ? object.owner.initialVersion : '-'}, not ${ref.initialSharedVersion}`,
        );
      }
      const previous = shared.get(id);
      shared.set(id, { name, mutable: (previous?.mutable ?? false) || ref.mutable, object });
      return { t: 'shared', object: name, mutable: ref.mutable };
    }
    if (objectArg.$kind !== 'ImmOrOwnedObject')
      throw new TransactionRejected(`input ${index}: receiving objects is not supported by the devnet`);
    const ref = objectArg.ImmOrOwnedObject;
    const object = this.objects.get(ref.objectId);
    if (!object)
      throw new TransactionRejected(`input ${index}: object ${ref.objectId} not found (it may have been deleted)`);
    if (object.version !== BigInt(ref.version) || object.digest !== ref.digest) {
      throw new TransactionRejected(
        `input ${index}: object ${ref.objectId} is at version ${object.version}, not ${ref.version}: ObjectVersionUnavailableForConsumption`,
      );
    }
    if (object.owner.kind !== 'address' || object.owner.address !== sender) {
      throw new TransactionRejected(`input ${index}: object ${ref.objectId} is not owned by the sender ${sender}`);
    }
    const kind = this.kindOfType(object.type);
    if (!kind)
      throw new TransactionRejected(
        `input ${index}: object ${ref.objectId} of type ${object.type} cannot be used on the devnet`,
      );
    owned.set(index, object);
    return { t: 'object', kind, value: object.value as ObjectSlot['value'], moved: false, origin: { input: index } };
  }

  #failure(error: unknown): ExecutionOutcome {
    if (error instanceof MoveAbort) {
      return {
        success: false,
        command: error.command,
        description: error.message,
        failure: {
          $kind: 'MoveAbort',
          packageId: error.packageName === 'wal' ? this.deployment.packages.wal : this.deployment.packages.tuskCurrent,
          module: error.module,
          functionName: error.functionName,
          code: error.code,
          constantName: error.constant,
          constantMessage: error.constantMessage,
        },
      };
    }
    if (error instanceof ExecutionFailure)
      return { success: false, command: error.command, description: error.message, failure: error.failure };
    throw error;
  }

  #finish(run: {
    digest: string;
    bytes: Uint8Array;
    sender: string;
    options: ExecuteOptions;
    ctx: TxContext;
    status: ExecutionOutcome;
    outcome: ReturnType<typeof runPtb> | undefined;
    slots: Slot[];
    ownedInputs: Map<number, SuiObject>;
    sharedInputs: Map<string, { name: SharedName; mutable: boolean; object: SuiObject }>;
    gasObjects: SuiObject[];
    coinBalancesBefore: Map<string, bigint>;
    gasRemaining: bigint;
    gasUsed: ExecutedTransaction['gasUsed'];
  }): ExecutedTransaction {
    const { ctx, status, outcome } = run;
    const inputVersions = [
      ...run.ownedInputs.values(),
      ...[...run.sharedInputs.values()].map((s) => s.object),
      ...run.gasObjects,
    ].map((o) => o.version);
    const lamport = inputVersions.reduce((max, v) => (v > max ? v : max), 0n) + 1n;
    const changes = new Map<string, ObjectChange>();
    const writes: SuiObject[] = [];
    const deletes: string[] = [];
    const stateOf = (object: SuiObject): ObjectState => ({
      version: object.version,
      digest: object.digest,
      owner: object.owner,
    });
    const write = (
      object: Omit<SuiObject, 'digest' | 'version' | 'previousTransaction'>,
      input: SuiObject | undefined,
      idOperation: ObjectChange['idOperation'],
    ) => {
      const next = { ...object, version: lamport, previousTransaction: run.digest } as Omit<SuiObject, 'digest'>;
      const full = { ...next, digest: computeObjectDigest(next) } as SuiObject;
      writes.push(full);
      changes.set(full.id, {
        objectId: full.id,
        objectType: full.type,
        input: input && stateOf(input),
        output: stateOf(full),
        idOperation,
      });
    };
    const remove = (input: SuiObject, idOperation: ObjectChange['idOperation']) => {
      deletes.push(input.id);
      changes.set(input.id, {
        objectId: input.id,
        objectType: input.type,
        input: stateOf(input),
        output: undefined,
        idOperation,
      });
    };

    const transferred = new Map<string, { kind: OwnedKind; value: { id: string }; recipient: string }>();
    if (status.success && outcome) for (const t of outcome.transfers) transferred.set(t.value.id, t);

    // Owned inputs: transferred, consumed (deleted or wrapped), or mutated in place.
    for (const [index, input] of run.ownedInputs) {
      const slot = run.slots[index] as ObjectSlot;
      const transfer = transferred.get(input.id);
      if (status.success && transfer) {
        write(
          {
            ...input,
            value: transfer.value,
            owner: { kind: 'address', address: normalizeSuiAddress(transfer.recipient) },
          },
          input,
          'none',
        );
        transferred.delete(input.id);
      } else if (status.success && slot.moved) {
        remove(input, slot.kind === 'storage' ? 'none' : 'deleted');
      } else {
        write({ ...input }, input, 'none');
      }
    }
    // Objects created (or unwrapped) by the transaction and sent somewhere.
    for (const transfer of transferred.values()) {
      const kind = transfer.kind;
      const wasCreated = ctx.createdIds.has(transfer.value.id);
      write(
        {
          id: transfer.value.id,
          type: this.#types[kind],
          owner: { kind: 'address', address: normalizeSuiAddress(transfer.recipient) },
          value: transfer.value,
          codec: codecOf(kind),
          coinType:
            kind === 'walCoin'
              ? `${this.deployment.packages.wal}::wal::WAL`
              : kind === 'suiCoin'
                ? SUI_TYPE
                : undefined,
          publicTransfer: true,
        } as Omit<SuiObject, 'digest' | 'version' | 'previousTransaction'>,
        undefined,
        wasCreated ? 'created' : 'none',
      );
    }
    // Gas: merged into the first coin, charged.
    const [gasCoin, ...mergedGas] = run.gasObjects;
    if (gasCoin) {
      write({ ...gasCoin, value: { id: gasCoin.id, balance: run.gasRemaining } }, gasCoin, 'none');
      for (const merged of mergedGas) remove(merged, 'deleted');
    }
    // Shared objects: written when taken mutably, else only read.
    const unchangedShared: ExecutedTransaction['unchangedShared'] = [];
    for (const { object, mutable } of run.sharedInputs.values()) {
      if (mutable) write({ ...object }, object, 'none');
      else unchangedShared.push({ objectId: object.id, version: object.version, digest: object.digest });
    }

    const events: EmittedEvent[] = status.success ? ctx.events : [];
    const sortedChanges = [...changes.values()].sort((a, b) =>
      a.objectId < b.objectId ? -1 : a.objectId > b.objectId ? 1 : 0,
    );
    const balanceChanges = this.#balanceChanges(
      sortedChanges,
      writes,
      run.ownedInputs,
      run.gasObjects,
      run.coinBalancesBefore,
    );
    const dependencies = [
      ...new Set(
        [...run.ownedInputs.values(), ...run.gasObjects, ...[...run.sharedInputs.values()].map((s) => s.object)].map(
          (o) => o.previousTransaction,
        ),
      ),
    ]
      .filter((d) => d !== GENESIS_DIGEST)
      .sort();
    const eventsDigest =
      events.length === 0
        ? undefined
        : digestToString(saltedDigest('TransactionEvents::', concat(events.map((e) => e.bcs))));
    const effectsBcs = this.#effectsBcs(
      run.digest,
      status,
      run.gasUsed,
      lamport,
      sortedChanges,
      unchangedShared,
      gasCoin?.id,
      eventsDigest,
      dependencies,
    );

    if (!run.options.simulate) {
      for (const id of deletes) this.objects.delete(id);
      for (const object of writes) this.objects.put(object);
    }
    return {
      digest: run.digest,
      bytes: run.bytes,
      signatures: run.options.signatures ?? [],
      sender: run.sender,
      status,
      events,
      changes: sortedChanges,
      unchangedShared,
      gasObjectId: gasCoin?.id,
      gasUsed: run.gasUsed,
      lamportVersion: lamport,
      suiEpoch: this.suiEpoch,
      timestampMs: this.clockMs,
      balanceChanges,
      dependencies,
      effectsBcs,
      effectsDigest: digestToString(saltedDigest('TransactionEffects::', effectsBcs)),
      eventsDigest,
      commandOutputs:
        run.options.simulate && outcome
          ? outcome.results.map((slots) => slots.map((slot) => (slot.t === 'pure' ? slot.bytes : new Uint8Array())))
          : undefined,
    };
  }

  #balanceChanges(
    changes: ObjectChange[],
    writes: SuiObject[],
    inputs: Map<number, SuiObject>,
    gas: SuiObject[],
    balancesBefore: Map<string, bigint>,
  ): ExecutedTransaction['balanceChanges'] {
    const deltas = new Map<string, bigint>();
    const add = (owner: Owner | undefined, coinType: string | undefined, amount: bigint) => {
      if (!owner || owner.kind !== 'address' || !coinType || amount === 0n) return;
      const key = `${owner.address}|${coinType}`;
      deltas.set(key, (deltas.get(key) ?? 0n) + amount);
    };
    const before = new Map([...inputs.values(), ...gas].map((o) => [o.id, o] as const));
    const after = new Map(writes.map((o) => [o.id, o] as const));
    for (const change of changes) {
      const old = before.get(change.objectId);
      const now = after.get(change.objectId);
      if (old?.coinType) add(old.owner, old.coinType, -(balancesBefore.get(old.id) ?? 0n));
      if (now?.coinType) add(now.owner, now.coinType, (now.value as { balance: bigint }).balance);
    }
    return [...deltas]
      .filter(([, amount]) => amount !== 0n)
      .map(([key, amount]) => {
        const [address, coinType] = key.split('|') as [string, string];
        return { address, coinType, amount };
      });
  }

  #effectsBcs(
    digest: string,
    status: ExecutionOutcome,
    gasUsed: ExecutedTransaction['gasUsed'],
    lamport: bigint,
    changes: ObjectChange[],
    unchangedShared: ExecutedTransaction['unchangedShared'],
    gasObjectId: string | undefined,
    eventsDigest: string | undefined,
    dependencies: string[],
  ): Uint8Array {
    const gasIndex = gasObjectId ? changes.findIndex((c) => c.objectId === gasObjectId) : -1;
    return bcs.TransactionEffects.serialize({
      V2: {
        status: status.success
          ? { Success: true }
          : {
              Failure: {
                error: failureToBcs(status.failure),
                command: status.command === undefined ? null : BigInt(status.command),
              },
            },
        executedEpoch: this.suiEpoch,
        gasUsed,
        transactionDigest: digest,
        gasObjectIndex: gasIndex >= 0 ? gasIndex : null,
        eventsDigest: eventsDigest ?? null,
        dependencies,
        lamportVersion: lamport,
        changedObjects: changes.map((change) => [
          change.objectId,
          {
            inputState: change.input
              ? { Exist: [[change.input.version, change.input.digest], ownerToBcs(change.input.owner)] }
              : { NotExist: true },
            outputState: change.output
              ? { ObjectWrite: [change.output.digest, ownerToBcs(change.output.owner)] }
              : { NotExist: true },
            idOperation:
              change.idOperation === 'created'
                ? { Created: true }
                : change.idOperation === 'deleted'
                  ? { Deleted: true }
                  : { None: true },
          },
        ]),
        unchangedConsensusObjects: unchangedShared.map((object) => [
          object.objectId,
          { ReadOnlyRoot: [object.version, object.digest] },
        ]),
        auxDataDigest: null,
      },
    }).toBytes();
  }
}

function codecOf(kind: OwnedKind) {
  switch (kind) {
    case 'walCoin':
    case 'suiCoin':
      return coinCodec;
    case 'stakedWal':
      return stakedWalCodec;
    case 'storageNodeCap':
      return storageNodeCapCodec;
    case 'storage':
      return storageCodec;
    case 'blob':
      return blobCodec;
  }
}

function failureToBcs(
  failure: Extract<ExecutionOutcome, { success: false }>['failure'],
): Parameters<typeof bcs.TransactionEffects.serialize>[0] extends { V2: { status: infer S } }
  ? S extends { Failure: { error: infer E } }
    ? E
    : never
  : never {
  switch (failure.$kind) {
    case 'MoveAbort':
      return {
        MoveAbort: [
          {
            module: { address: failure.packageId, name: failure.module },
            function: 0,
            instruction: 0,
            functionName: failure.functionName ?? null,
          },
          failure.code,
        ],
      } as never;
    case 'UnusedValueWithoutDrop':
      return { UnusedValueWithoutDrop: { resultIdx: failure.resultIdx, secondaryIdx: failure.secondaryIdx } } as never;
    case 'CommandArgumentError':
      return {
        CommandArgumentError: {
          argIdx: failure.argIdx,
          kind: { [failure.kind]: failure.kind === 'IndexOutOfBounds' ? { idx: 0 } : true },
        },
      } as never;
    case 'MovePrimitiveRuntimeError':
      return { MovePrimitiveRuntimeError: null } as never;
    default:
      return { [failure.$kind]: true } as never;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export { toBase64, digestFromString, SHARED_NAMES };
