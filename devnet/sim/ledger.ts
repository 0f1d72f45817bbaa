/**
 * The devnet's history: every executed transaction (its data, signatures,
 * status, object changes, events) and the checkpoints that group them. The
 * node layer turns these into the protobuf messages clients read; the
 * checkpoint store interface (`devnet/fakenode/checkpointStore.ts`) is
 * implemented on top by `node/devnetCheckpointStore.ts`.
 */
import type { EmittedEvent } from './context.ts';
import type { FailureKind } from './failures.ts';
import type { Owner } from './store.ts';

export interface ObjectState {
  version: bigint;
  digest: string;
  owner: Owner;
}

export interface ObjectChange {
  objectId: string;
  objectType: string;
  input: ObjectState | undefined;
  output: ObjectState | undefined;
  idOperation: 'none' | 'created' | 'deleted';
}

export type ExecutionOutcome =
  | { success: true }
  | {
      success: false;
      command: number | undefined;
      description: string;
      failure:
        | {
            $kind: 'MoveAbort';
            packageId: string;
            module: string;
            functionName: string | undefined;
            code: bigint;
            constantName: string | undefined;
            constantMessage: string | undefined;
          }
        | FailureKind;
    };

export interface GasUsed {
  computationCost: bigint;
  storageCost: bigint;
  storageRebate: bigint;
  nonRefundableStorageFee: bigint;
}

export interface ExecutedTransaction {
  digest: string;
  /** `TransactionData` BCS, as signed. */
  bytes: Uint8Array;
  /** Serialized user signatures (flag || signature || public key). */
  signatures: Uint8Array[];
  sender: string;
  status: ExecutionOutcome;
  events: EmittedEvent[];
  changes: ObjectChange[];
  /** Shared objects read but not written: ID, version, digest. */
  unchangedShared: { objectId: string; version: bigint; digest: string }[];
  gasObjectId: string | undefined;
  gasUsed: GasUsed;
  lamportVersion: bigint;
  suiEpoch: bigint;
  timestampMs: bigint;
  balanceChanges: { address: string; coinType: string; amount: bigint }[];
  dependencies: string[];
  /** `TransactionEffects` BCS (V2), what wallets hand back to dapps. */
  effectsBcs: Uint8Array;
  effectsDigest: string;
  eventsDigest: string | undefined;
  /** Return values of each command (simulation only). */
  commandOutputs?: Uint8Array[][];
  /** Set when the transaction is in a checkpoint. */
  checkpoint?: bigint;
}

export interface LedgerCheckpoint {
  sequenceNumber: bigint;
  digest: string;
  previousDigest: string | undefined;
  timestampMs: bigint;
  suiEpoch: bigint;
  /** Transactions executed before this one, this checkpoint's excluded. */
  firstTransactionNumber: bigint;
  transactions: ExecutedTransaction[];
}
