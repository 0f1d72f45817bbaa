/**
 * The devnet's objects, transactions and checkpoints as the protobuf
 * messages of Sui's gRPC API (`GrpcTypes` from `@mysten/sui/grpc`), with
 * every field a client of ours reads filled in: the services mask them per
 * request like a full node does.
 */
import { bcs } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import { fromBase64, normalizeSuiAddress } from '@mysten/sui/utils';
import type { Devnet } from '../sim/devnet.ts';
import type { ExecutedTransaction, ExecutionOutcome, LedgerCheckpoint, ObjectChange } from '../sim/ledger.ts';
import { objectContents, type Owner, type SuiObject } from '../sim/store.ts';

const {
  Owner_OwnerKind,
  Input_InputKind,
  Argument_ArgumentKind,
  TransactionExpiration_TransactionExpirationKind,
  ExecutionError_ExecutionErrorKind,
} = GrpcTypes;

export function timestamp(ms: bigint): { seconds: bigint; nanos: number } {
  return { seconds: ms / 1000n, nanos: Number(ms % 1000n) * 1_000_000 };
}

export function ownerToProto(owner: Owner): GrpcTypes.Owner {
  switch (owner.kind) {
    case 'address':
      return { kind: Owner_OwnerKind.ADDRESS, address: owner.address };
    case 'shared':
      return { kind: Owner_OwnerKind.SHARED, version: owner.initialVersion };
    case 'immutable':
      return { kind: Owner_OwnerKind.IMMUTABLE };
  }
}

/** `Object` BCS (as `bcs.Object`), for owned Move objects. */
function objectBcs(object: SuiObject, contents: Uint8Array): Uint8Array | undefined {
  const type = object.type;
  const moveType =
    type === '0x2::coin::Coin<0x2::sui::SUI>'
      ? { GasCoin: true as const }
      : type.startsWith('0x2::coin::Coin<')
        ? { Coin: type.slice('0x2::coin::Coin<'.length, -1) }
        : { Other: type };
  try {
    return bcs.Object.serialize({
      data: {
        Move: { type: moveType as never, hasPublicTransfer: object.publicTransfer, version: object.version, contents },
      },
      owner: ownerToBcsInput(object.owner),
      previousTransaction: object.previousTransaction,
      storageRebate: 988_000n,
    }).toBytes();
  } catch {
    return undefined;
  }
}

function ownerToBcsInput(owner: Owner) {
  switch (owner.kind) {
    case 'address':
      return { AddressOwner: owner.address };
    case 'shared':
      return { Shared: { initialSharedVersion: owner.initialVersion } };
    case 'immutable':
      return { Immutable: true as const };
  }
}

export function objectToProto(object: SuiObject): GrpcTypes.Object {
  const contents = objectContents(object);
  const proto: GrpcTypes.Object = {
    objectId: object.id,
    version: object.version,
    digest: object.digest,
    owner: ownerToProto(object.owner),
    objectType: object.type,
    hasPublicTransfer: object.publicTransfer,
    previousTransaction: object.previousTransaction,
    storageRebate: contents ? 988_000n : 0n,
  };
  if (contents) {
    proto.contents = { name: object.type, value: contents };
    const full = objectBcs(object, contents);
    if (full) proto.bcs = { name: 'Object', value: full };
  }
  if (object.coinType) proto.balance = (object.value as { balance: bigint }).balance;
  return proto;
}

// --- Transactions ---

type TxDataV1 = NonNullable<ReturnType<typeof bcs.TransactionData.parse>['V1']>;

function argumentToProto(arg: {
  $kind: string;
  Input?: number;
  Result?: number;
  NestedResult?: [number, number];
}): GrpcTypes.Argument {
  switch (arg.$kind) {
    case 'GasCoin':
      return { kind: Argument_ArgumentKind.GAS };
    case 'Input':
      return { kind: Argument_ArgumentKind.INPUT, input: arg.Input };
    case 'Result':
      return { kind: Argument_ArgumentKind.RESULT, result: arg.Result };
    default:
      return { kind: Argument_ArgumentKind.RESULT, result: arg.NestedResult![0], subresult: arg.NestedResult![1] };
  }
}

/** A parsed `TransactionData` (V1) as the gRPC `Transaction` message. */
export function transactionToProto(data: TxDataV1, bytes: Uint8Array, digest: string): GrpcTypes.Transaction {
  const ptb = data.kind.ProgrammableTransaction!;
  const inputs: GrpcTypes.Input[] = ptb.inputs.map((input) => {
    if (input.$kind === 'Pure') return { kind: Input_InputKind.PURE, pure: fromBase64(input.Pure!.bytes) };
    const object = input.Object!;
    if (object.$kind === 'SharedObject') {
      const ref = object.SharedObject!;
      return {
        kind: Input_InputKind.SHARED,
        objectId: ref.objectId,
        version: BigInt(ref.initialSharedVersion),
        mutable: ref.mutable,
      };
    }
    const ref = (object.ImmOrOwnedObject ?? object.Receiving)!;
    return {
      kind: object.$kind === 'Receiving' ? Input_InputKind.RECEIVING : Input_InputKind.IMMUTABLE_OR_OWNED,
      objectId: ref.objectId,
      version: BigInt(ref.version),
      digest: ref.digest,
    };
  });
  const commands: GrpcTypes.Command[] = ptb.commands.map((command) => {
    if (command.MoveCall) {
      const call = command.MoveCall;
      return {
        command: {
          oneofKind: 'moveCall',
          moveCall: {
            package: call.package,
            module: call.module,
            function: call.function,
            typeArguments: call.typeArguments,
            arguments: call.arguments.map(argumentToProto),
          },
        },
      };
    }
    if (command.TransferObjects) {
      return {
        command: {
          oneofKind: 'transferObjects',
          transferObjects: {
            objects: command.TransferObjects.objects.map(argumentToProto),
            address: argumentToProto(command.TransferObjects.address),
          },
        },
      };
    }
    if (command.SplitCoins) {
      return {
        command: {
          oneofKind: 'splitCoins',
          splitCoins: {
            coin: argumentToProto(command.SplitCoins.coin),
            amounts: command.SplitCoins.amounts.map(argumentToProto),
          },
        },
      };
    }
    if (command.MergeCoins) {
      return {
        command: {
          oneofKind: 'mergeCoins',
          mergeCoins: {
            coin: argumentToProto(command.MergeCoins.destination),
            coinsToMerge: command.MergeCoins.sources.map(argumentToProto),
          },
        },
      };
    }
    if (command.MakeMoveVec) {
      return {
        command: {
          oneofKind: 'makeMoveVector',
          makeMoveVector: {
            elementType: command.MakeMoveVec.type ?? undefined,
            elements: command.MakeMoveVec.elements.map(argumentToProto),
          },
        },
      };
    }
    return { command: { oneofKind: undefined } };
  });
  const expiration: GrpcTypes.TransactionExpiration =
    data.expiration.$kind === 'Epoch'
      ? { kind: TransactionExpiration_TransactionExpirationKind.EPOCH, epoch: BigInt(data.expiration.Epoch!) }
      : data.expiration.$kind === 'ValidDuring'
        ? {
            kind: TransactionExpiration_TransactionExpirationKind.VALID_DURING,
            minEpoch: optionalBigInt(data.expiration.ValidDuring!.minEpoch),
            epoch: optionalBigInt(data.expiration.ValidDuring!.maxEpoch),
            minTimestamp:
              data.expiration.ValidDuring!.minTimestamp != null
                ? timestamp(BigInt(data.expiration.ValidDuring!.minTimestamp))
                : undefined,
            maxTimestamp:
              data.expiration.ValidDuring!.maxTimestamp != null
                ? timestamp(BigInt(data.expiration.ValidDuring!.maxTimestamp))
                : undefined,
            chain: data.expiration.ValidDuring!.chain,
            nonce: data.expiration.ValidDuring!.nonce,
          }
        : { kind: TransactionExpiration_TransactionExpirationKind.NONE };
  return {
    bcs: { name: 'TransactionData', value: bytes },
    digest,
    version: 1,
    kind: { data: { oneofKind: 'programmableTransaction', programmableTransaction: { inputs, commands } } },
    sender: normalizeSuiAddress(data.sender),
    gasPayment: {
      objects: data.gasData.payment.map((ref) => ({
        objectId: ref.objectId,
        version: BigInt(ref.version),
        digest: ref.digest,
      })),
      owner: normalizeSuiAddress(data.gasData.owner),
      price: BigInt(data.gasData.price),
      budget: BigInt(data.gasData.budget),
    },
    expiration,
  };
}

function optionalBigInt(value: string | number | null | undefined): bigint | undefined {
  return value === null || value === undefined ? undefined : BigInt(value);
}

function changeToProto(change: ObjectChange): GrpcTypes.ChangedObject {
  const {
    ChangedObject_InputObjectState: In,
    ChangedObject_OutputObjectState: Out,
    ChangedObject_IdOperation: Op,
  } = GrpcTypes;
  return {
    objectId: change.objectId,
    inputState: change.input ? In.EXISTS : In.DOES_NOT_EXIST,
    inputVersion: change.input?.version,
    inputDigest: change.input?.digest,
    inputOwner: change.input ? ownerToProto(change.input.owner) : undefined,
    outputState: change.output ? Out.OBJECT_WRITE : Out.DOES_NOT_EXIST,
    outputVersion: change.output?.version,
    outputDigest: change.output?.digest,
    outputOwner: change.output ? ownerToProto(change.output.owner) : undefined,
    idOperation:
      change.idOperation === 'created' ? Op.CREATED : change.idOperation === 'deleted' ? Op.DELETED : Op.NONE,
    objectType: change.objectType,
  };
}

const FAILURE_KINDS: Record<string, GrpcTypes.ExecutionError_ExecutionErrorKind> = {
  MoveAbort: ExecutionError_ExecutionErrorKind.MOVE_ABORT,
  InsufficientCoinBalance: ExecutionError_ExecutionErrorKind.INSUFFICIENT_COIN_BALANCE,
  CoinBalanceOverflow: ExecutionError_ExecutionErrorKind.COIN_BALANCE_OVERFLOW,
  InsufficientGas: ExecutionError_ExecutionErrorKind.INSUFFICIENT_GAS,
  InvalidGasObject: ExecutionError_ExecutionErrorKind.INVALID_GAS_OBJECT,
  FunctionNotFound: ExecutionError_ExecutionErrorKind.FUNCTION_NOT_FOUND,
  ArityMismatch: ExecutionError_ExecutionErrorKind.ARITY_MISMATCH,
  InvalidTransferObject: ExecutionError_ExecutionErrorKind.INVALID_TRANSFER_OBJECT,
  UnusedValueWithoutDrop: ExecutionError_ExecutionErrorKind.UNUSED_VALUE_WITHOUT_DROP,
  CommandArgumentError: ExecutionError_ExecutionErrorKind.COMMAND_ARGUMENT_ERROR,
  MovePrimitiveRuntimeError: ExecutionError_ExecutionErrorKind.MOVE_PRIMITIVE_RUNTIME_ERROR,
  InputObjectDeleted: ExecutionError_ExecutionErrorKind.INPUT_OBJECT_DELETED,
};

const ARGUMENT_ERROR_KINDS: Record<string, GrpcTypes.CommandArgumentError_CommandArgumentErrorKind> = {
  TypeMismatch: GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.TYPE_MISMATCH,
  InvalidBCSBytes: GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.INVALID_BCS_BYTES,
  InvalidUsageOfPureArg: GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.INVALID_USAGE_OF_PURE_ARGUMENT,
  InvalidGasCoinUsage: GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.INVALID_GAS_COIN_USAGE,
  InvalidValueUsage: GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.INVALID_VALUE_USAGE,
  InvalidObjectByValue: GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.INVALID_OBJECT_BY_VALUE,
  InvalidObjectByMutRef: GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.INVALID_OBJECT_BY_MUT_REF,
  SharedObjectOperationNotAllowed:
    GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.CONSENSUS_OBJECT_OPERATION_NOT_ALLOWED,
  InvalidArgumentArity: GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.INVALID_ARGUMENT_ARITY,
  ArgumentWithoutValue: GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.ARGUMENT_WITHOUT_VALUE,
  IndexOutOfBounds: GrpcTypes.CommandArgumentError_CommandArgumentErrorKind.INDEX_OUT_OF_BOUNDS,
};

export function statusToProto(status: ExecutionOutcome): GrpcTypes.ExecutionStatus {
  if (status.success) return { success: true };
  const failure = status.failure;
  const error: GrpcTypes.ExecutionError = {
    description: status.description,
    command: status.command === undefined ? undefined : BigInt(status.command),
    kind: FAILURE_KINDS[failure.$kind] ?? ExecutionError_ExecutionErrorKind.EXECUTION_ERROR_KIND_UNKNOWN,
    errorDetails: { oneofKind: undefined },
  };
  if (failure.$kind === 'MoveAbort') {
    error.errorDetails = {
      oneofKind: 'abort',
      abort: {
        abortCode: failure.code,
        location: {
          package: failure.packageId,
          module: failure.module,
          function: 0,
          instruction: 0,
          functionName: failure.functionName,
        },
        cleverError: failure.constantName
          ? {
              errorCode: failure.code >= 2n ** 63n ? failure.code & 0xffffn : undefined,
              lineNumber: failure.code >= 2n ** 63n ? (failure.code >> 48n) & 0xffffn : undefined,
              constantName: failure.constantName,
              constantType: failure.constantMessage !== undefined ? 'vector<u8>' : 'u64',
              value:
                failure.constantMessage !== undefined
                  ? { oneofKind: 'rendered', rendered: failure.constantMessage }
                  : { oneofKind: undefined },
            }
          : undefined,
      },
    };
  } else if (failure.$kind === 'CommandArgumentError') {
    error.errorDetails = {
      oneofKind: 'commandArgumentError',
      commandArgumentError: { argument: failure.argIdx, kind: ARGUMENT_ERROR_KINDS[failure.kind] },
    };
  }
  return { success: false, error };
}

export function executedToProto(devnet: Devnet, tx: ExecutedTransaction): GrpcTypes.ExecutedTransaction {
  const data = bcs.TransactionData.parse(tx.bytes).V1!;
  const changed = tx.changes.map(changeToProto);
  const gasObject = tx.gasObjectId ? changed.find((c) => c.objectId === tx.gasObjectId) : undefined;
  return {
    digest: tx.digest,
    transaction: transactionToProto(data, tx.bytes, tx.digest),
    signatures: tx.signatures.map((signature) => ({
      bcs: { name: 'UserSignature', value: signature },
      signature: { oneofKind: undefined },
    })),
    effects: {
      bcs: { name: 'TransactionEffects', value: tx.effectsBcs },
      digest: tx.effectsDigest,
      version: 2,
      status: statusToProto(tx.status),
      epoch: tx.suiEpoch,
      gasUsed: tx.gasUsed,
      transactionDigest: tx.digest,
      gasObject,
      eventsDigest: tx.eventsDigest,
      dependencies: tx.dependencies,
      lamportVersion: tx.lamportVersion,
      changedObjects: changed,
      unchangedConsensusObjects: tx.unchangedShared.map((object) => ({
        kind: GrpcTypes.UnchangedConsensusObject_UnchangedConsensusObjectKind.READ_ONLY_ROOT,
        objectId: object.objectId,
        version: object.version,
        digest: object.digest,
      })),
      unchangedLoadedRuntimeObjects: [],
    },
    events: {
      digest: tx.eventsDigest,
      events: tx.events.map((event) => ({
        packageId: event.packageId,
        module: event.module,
        sender: event.sender,
        eventType: event.type,
        contents: { name: event.type, value: event.bcs },
      })),
    },
    checkpoint: tx.checkpoint,
    timestamp: timestamp(tx.timestampMs),
    balanceChanges: tx.balanceChanges.map((change) => ({
      address: change.address,
      coinType: change.coinType,
      amount: change.amount.toString(),
    })),
    objects: { objects: [] },
  };
  void devnet;
}

export function checkpointToProto(devnet: Devnet, checkpoint: LedgerCheckpoint): GrpcTypes.Checkpoint {
  return {
    sequenceNumber: checkpoint.sequenceNumber,
    digest: checkpoint.digest,
    summary: {
      digest: checkpoint.digest,
      epoch: checkpoint.suiEpoch,
      sequenceNumber: checkpoint.sequenceNumber,
      totalNetworkTransactions: checkpoint.firstTransactionNumber + BigInt(checkpoint.transactions.length),
      previousDigest: checkpoint.previousDigest,
      timestamp: timestamp(checkpoint.timestampMs),
      commitments: [],
    },
    transactions: checkpoint.transactions.map((tx) => executedToProto(devnet, tx)),
  };
}
