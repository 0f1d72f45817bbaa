/**
 * `TransactionExecutionService` on the devnet.
 *
 * - `SimulateTransaction` also resolves, as a full node does for
 *   `@mysten/sui`'s gRPC client when it builds a transaction: objects passed
 *   by ID get their kind and version (shared objects their initial version,
 *   and mutability from the called function's signature), and with gas
 *   selection the gas price, a budget and the sender's SUI coins are chosen.
 *   It then dry-runs the transaction and returns the resolved transaction
 *   with its effects, events and command outputs.
 * - `ExecuteTransaction` checks each signature against the transaction bytes
 *   and the sender (`verifyTransactionSignature`), executes, and returns the
 *   executed transaction; aborts come back as failed effects with the Move
 *   abort (module, function, code, constant name).
 */
import { bcs } from '@mysten/sui/bcs';
import { GrpcStatusCode, GrpcTypes } from '@mysten/sui/grpc';
import { normalizeSuiAddress, toBase64 } from '@mysten/sui/utils';
import { verifyTransactionSignature } from '@mysten/sui/verify';
import { GrpcStatusError, unary, type MethodImplementation } from '../fakenode/grpcWebServer.ts';
import type { Devnet } from '../sim/devnet.ts';
import { SUI_COIN_TYPE } from '../sim/devnet.ts';
import { TransactionRejected } from '../sim/failures.ts';
import { REFERENCE_GAS_PRICE, suggestedBudget } from '../sim/gas.ts';
import type { ExecutedTransaction } from '../sim/ledger.ts';
import { tuskFunctions } from '../sim/tusk/functions.ts';
import { executedToProto } from './protos.ts';
import { masked } from './readServices.ts';

const { Input_InputKind, Argument_ArgumentKind, TransactionExpiration_TransactionExpirationKind } = GrpcTypes;
const ZERO_ADDRESS = normalizeSuiAddress('0x0');

export interface ExecutionHooks {
  /** Called after a transaction is executed (not simulated), e.g. to seal a checkpoint. */
  afterExecute?(tx: ExecutedTransaction): void;
  /** A reason to refuse transactions for now (e.g. the devnet is still replaying its history), or undefined. */
  unavailable?(): string | undefined;
}

function invalid(message: string): never {
  throw new GrpcStatusError(GrpcStatusCode.INVALID_ARGUMENT, message);
}

type CallArgInput = Parameters<typeof bcs.CallArg.serialize>[0];
type ArgumentInput = Parameters<typeof bcs.Argument.serialize>[0];
type CommandInput = Parameters<typeof bcs.Command.serialize>[0];

function argumentFromProto(arg: GrpcTypes.Argument | undefined): ArgumentInput {
  switch (arg?.kind) {
    case Argument_ArgumentKind.GAS:
      return { GasCoin: true };
    case Argument_ArgumentKind.INPUT:
      return { Input: arg.input ?? 0 };
    case Argument_ArgumentKind.RESULT:
      return arg.subresult !== undefined
        ? { NestedResult: [arg.result ?? 0, arg.subresult] }
        : { Result: arg.result ?? 0 };
    default:
      return invalid('an argument has no kind');
  }
}

function commandFromProto(command: GrpcTypes.Command): CommandInput {
  const c = command.command;
  switch (c.oneofKind) {
    case 'moveCall':
      return {
        MoveCall: {
          package: c.moveCall.package ?? invalid('MoveCall without package'),
          module: c.moveCall.module ?? '',
          function: c.moveCall.function ?? '',
          typeArguments: c.moveCall.typeArguments,
          arguments: c.moveCall.arguments.map(argumentFromProto),
        },
      };
    case 'transferObjects':
      return {
        TransferObjects: {
          objects: c.transferObjects.objects.map(argumentFromProto),
          address: argumentFromProto(c.transferObjects.address),
        },
      };
    case 'splitCoins':
      return {
        SplitCoins: {
          coin: argumentFromProto(c.splitCoins.coin),
          amounts: c.splitCoins.amounts.map(argumentFromProto),
        },
      };
    case 'mergeCoins':
      return {
        MergeCoins: {
          destination: argumentFromProto(c.mergeCoins.coin),
          sources: c.mergeCoins.coinsToMerge.map(argumentFromProto),
        },
      };
    case 'makeMoveVector':
      return {
        MakeMoveVec: {
          type: c.makeMoveVector.elementType ?? null,
          elements: c.makeMoveVector.elements.map(argumentFromProto),
        },
      };
    default:
      return invalid(`the devnet does not support ${c.oneofKind ?? 'empty'} commands`);
  }
}

/**
 * Whether input `index` is passed to some `&mut` shared parameter of a Tusk
 * function (what a node learns from the function signatures when resolving).
 */
function usedMutably(devnet: Devnet, commands: CommandInput[], index: number): boolean {
  for (const command of commands) {
    const call = (
      command as { MoveCall?: { package: string; module: string; function: string; arguments: ArgumentInput[] } }
    ).MoveCall;
    if (!call || normalizeSuiAddress(call.package) !== devnet.deployment.packages.tuskCurrent) continue;
    const fn = tuskFunctions.get(`${call.module}::${call.function}`);
    if (!fn) continue;
    call.arguments.forEach((arg, position) => {
      if ('Input' in arg && arg.Input === index) {
        const param = fn.params[position];
        if (param?.kind === 'shared' && param.mutable) throw new FoundMutable();
      }
    });
  }
  return false;
}

class FoundMutable extends Error {}

function isUsedMutably(devnet: Devnet, commands: CommandInput[], index: number): boolean {
  try {
    return usedMutably(devnet, commands, index);
  } catch (error) {
    if (error instanceof FoundMutable) return true;
    throw error;
  }
}

/** Turns a (possibly unresolved) gRPC transaction into complete `TransactionData` BCS, choosing gas when asked. */
export function resolveTransaction(devnet: Devnet, proto: GrpcTypes.Transaction, doGasSelection: boolean): Uint8Array {
  if (proto.bcs?.value && proto.bcs.value.length > 0) return proto.bcs.value;
  const kind = proto.kind?.data;
  if (kind?.oneofKind !== 'programmableTransaction') invalid('the devnet executes programmable transactions only');
  const ptb = kind.programmableTransaction;
  const commands = ptb.commands.map(commandFromProto);
  const sender = normalizeSuiAddress(proto.sender ?? ZERO_ADDRESS);
  const inputIds = new Set<string>();

  const inputs: CallArgInput[] = ptb.inputs.map((input, index) => {
    if (input.kind === Input_InputKind.PURE) return { Pure: { bytes: input.pure ?? new Uint8Array() } };
    if (input.literal !== undefined)
      invalid(`input ${index}: unresolved pure values are not supported; pass typed values (tx.pure.u64(...))`);
    if (input.kind === Input_InputKind.RECEIVING)
      invalid(`input ${index}: receiving objects is not supported by the devnet`);
    const id = normalizeSuiAddress(input.objectId ?? invalid(`input ${index} has no object ID`));
    inputIds.add(id);
    const object = devnet.objects.get(id);
    if (!object) throw new GrpcStatusError(GrpcStatusCode.NOT_FOUND, `input ${index}: object ${id} not found`);
    if (object.owner.kind === 'shared') {
      const mutable = input.mutable ?? isUsedMutably(devnet, commands, index);
      return { Object: { SharedObject: { objectId: id, initialSharedVersion: object.owner.initialVersion, mutable } } };
    }
    if (input.kind === Input_InputKind.SHARED) invalid(`input ${index}: object ${id} is not shared`);
    const version = input.version ?? object.version;
    const digest =
      input.digest ??
      (version === object.version
        ? object.digest
        : invalid(`input ${index}: object ${id} is at version ${object.version}, not ${version}`));
    return { Object: { ImmOrOwnedObject: { objectId: id, version, digest } } };
  });

  const gas = proto.gasPayment;
  const price = gas?.price ?? REFERENCE_GAS_PRICE;
  const budget = gas?.budget ?? suggestedBudget(price);
  let payment = (gas?.objects ?? []).map((ref) => {
    const object = devnet.objects.get(ref.objectId ?? '');
    if (!object) throw new GrpcStatusError(GrpcStatusCode.NOT_FOUND, `gas object ${ref.objectId} not found`);
    return { objectId: object.id, version: ref.version ?? object.version, digest: ref.digest ?? object.digest };
  });
  if (doGasSelection && payment.length === 0 && sender !== ZERO_ADDRESS) {
    const coins = devnet.objects
      .ownedBy(sender, SUI_COIN_TYPE)
      .filter((coin) => !inputIds.has(coin.id))
      .sort((a, b) => ((a.value as { balance: bigint }).balance > (b.value as { balance: bigint }).balance ? -1 : 1));
    let covered = 0n;
    for (const coin of coins) {
      if (covered >= budget) break;
      payment.push({ objectId: coin.id, version: coin.version, digest: coin.digest });
      covered += (coin.value as { balance: bigint }).balance;
    }
    if (covered < budget)
      invalid(
        `No valid gas coins found for the transaction: ${sender} holds ${covered} MIST of SUI, the budget is ${budget}`,
      );
  }
  if (!doGasSelection && payment.length === 0) payment = [];

  const expiration = proto.expiration;
  const expirationInput =
    expiration?.kind === TransactionExpiration_TransactionExpirationKind.EPOCH
      ? { Epoch: String(expiration.epoch ?? 0n) }
      : expiration?.kind === TransactionExpiration_TransactionExpirationKind.VALID_DURING
        ? {
            ValidDuring: {
              minEpoch: expiration.minEpoch ?? null,
              maxEpoch: expiration.epoch ?? null,
              minTimestamp: expiration.minTimestamp
                ? expiration.minTimestamp.seconds * 1000n + BigInt(Math.floor(expiration.minTimestamp.nanos / 1e6))
                : null,
              maxTimestamp: expiration.maxTimestamp
                ? expiration.maxTimestamp.seconds * 1000n + BigInt(Math.floor(expiration.maxTimestamp.nanos / 1e6))
                : null,
              chain: expiration.chain ?? devnet.chainId,
              nonce: expiration.nonce ?? 0,
            },
          }
        : { None: true as const };

  return bcs.TransactionData.serialize({
    V1: {
      kind: { ProgrammableTransaction: { inputs, commands } },
      sender,
      gasData: { payment, owner: normalizeSuiAddress(gas?.owner ?? sender), price, budget },
      expiration: expirationInput,
    },
  }).toBytes();
}

function rejected(error: unknown): never {
  if (error instanceof TransactionRejected) throw new GrpcStatusError(GrpcStatusCode.INVALID_ARGUMENT, error.message);
  throw error;
}

export function executionService(devnet: Devnet, hooks: ExecutionHooks = {}): Record<string, MethodImplementation> {
  return {
    SimulateTransaction: unary<GrpcTypes.SimulateTransactionRequest, GrpcTypes.SimulateTransactionResponse>(
      (request) => {
        if (!request.transaction) invalid('transaction is required');
        const bytes = resolveTransaction(devnet, request.transaction, request.doGasSelection ?? false);
        let executed: ExecutedTransaction;
        try {
          executed = devnet.execute(bytes, { simulate: true });
        } catch (error) {
          rejected(error);
        }
        const response: GrpcTypes.SimulateTransactionResponse = {
          transaction: executedToProto(devnet, executed),
          commandOutputs: (executed.commandOutputs ?? []).map((values) => ({
            returnValues: values.map((value) => ({ value: { name: '', value } })),
            mutatedByRef: [],
          })),
          suggestedGasPrice: REFERENCE_GAS_PRICE,
        };
        return masked(GrpcTypes.SimulateTransactionResponse, response, request.readMask?.paths, [
          'transaction.digest',
          'transaction.effects.status',
        ]);
      },
    ),

    ExecuteTransaction: unary<GrpcTypes.ExecuteTransactionRequest, GrpcTypes.ExecuteTransactionResponse>(
      async (request) => {
        const bytes = request.transaction?.bcs?.value;
        if (!bytes || bytes.length === 0) invalid('transaction.bcs is required to execute');
        let sender: string;
        try {
          sender = normalizeSuiAddress(bcs.TransactionData.parse(bytes).V1!.sender);
        } catch (error) {
          invalid(`cannot decode the transaction: ${(error as Error).message}`);
        }
        if (request.signatures.length === 0) invalid('the transaction is not signed');
        const signatures = request.signatures.map(
          (signature) => signature.bcs?.value ?? invalid('a signature has no bcs bytes'),
        );
        for (const signature of signatures) {
          try {
            await verifyTransactionSignature(bytes, toBase64(signature), { address: sender });
          } catch (error) {
            invalid(`invalid signature for sender ${sender}: ${(error as Error).message}`);
          }
        }
        let executed: ExecutedTransaction;
        try {
          executed = devnet.execute(bytes, { signatures });
        } catch (error) {
          rejected(error);
        }
        hooks.afterExecute?.(executed);
        return {
          transaction: masked(
            GrpcTypes.ExecutedTransaction,
            executedToProto(devnet, executed),
            request.readMask?.paths,
            ['digest', 'effects.status'],
          ),
        };
      },
    ),
  };
}
