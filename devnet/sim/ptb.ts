/**
 * Runs a programmable transaction block (PTB) the way Sui's executor does,
 * for the commands our clients use: `MoveCall` into `tusk`/`wal`,
 * `SplitCoins`, `MergeCoins` and `TransferObjects`. Arguments are checked
 * against the called function's signature (kinds, types, by value / `&` /
 * `&mut`, shared mutability), values move and are borrowed as in Move, and
 * at the end every object a command returned must have been used
 * (`UnusedValueWithoutDrop`). Failures carry the command index.
 */
import { bcs } from '@mysten/sui/bcs';
import type { TxContext } from './context.ts';
import { ExecutionFailure, MoveAbort, type CommandArgumentErrorKind } from './failures.ts';
import type { MoveFunction, OwnedKind, Param, PureType, SharedName } from './tusk/functions.ts';
import type { TuskState } from './tusk/state.ts';

export interface ObjectSlot {
  t: 'object';
  kind: OwnedKind;
  value: { id: string } & Record<string, unknown>;
  moved: boolean;
  /** Where the value came from: an input, a command's result, or the gas coin. */
  origin: { input: number } | { result: [number, number] } | 'gas';
}
export interface PureSlot {
  t: 'pure';
  bytes: Uint8Array;
}
export interface SharedSlot {
  t: 'shared';
  object: SharedName;
  mutable: boolean;
}
export type Slot = ObjectSlot | PureSlot | SharedSlot;

export type PtbArgument =
  | { $kind: 'GasCoin' }
  | { $kind: 'Input'; Input: number }
  | { $kind: 'Result'; Result: number }
  | { $kind: 'NestedResult'; NestedResult: [number, number] };

export type PtbCommand =
  | {
      $kind: 'MoveCall';
      MoveCall: {
        package: string;
        module: string;
        function: string;
        typeArguments: string[];
        arguments: PtbArgument[];
      };
    }
  | { $kind: 'TransferObjects'; TransferObjects: { objects: PtbArgument[]; address: PtbArgument } }
  | { $kind: 'SplitCoins'; SplitCoins: { coin: PtbArgument; amounts: PtbArgument[] } }
  | { $kind: 'MergeCoins'; MergeCoins: { destination: PtbArgument; sources: PtbArgument[] } }
  | { $kind: string; [key: string]: unknown };

export interface PtbEnvironment {
  ctx: TxContext;
  state: TuskState;
  /** Finds the function a MoveCall names, or undefined (FunctionNotFound). */
  lookup(packageId: string, module: string, name: string): MoveFunction | undefined;
  /** The gas coin, when the transaction pays with one. */
  gas: ObjectSlot | undefined;
}

export interface PtbOutcome {
  /** Objects sent to addresses (TransferObjects and Move `transfer`), in order. */
  transfers: { kind: OwnedKind; value: { id: string } & Record<string, unknown>; recipient: string }[];
  /** Shared objects taken `&mut` by some command. */
  mutatedShared: Set<SharedName>;
  /** Return values of each command (for simulation's command outputs). */
  results: Slot[][];
}

const pureSchemas: Record<
  PureType,
  { parse(bytes: Uint8Array): unknown; serialize(value: never): { toBytes(): Uint8Array } }
> = {
  u8: bcs.u8(),
  u16: bcs.u16(),
  u32: bcs.u32(),
  u64: bcs.u64(),
  u256: bcs.u256(),
  bool: bcs.bool(),
  address: bcs.Address,
  ID: bcs.Address,
  String: bcs.string(),
  'vector<u8>': bcs.byteVector(),
};

/** Decodes a pure argument as `type`, or undefined when the bytes are not exactly one such value. */
export function decodePure(type: PureType, bytes: Uint8Array): unknown {
  const schema = pureSchemas[type];
  let value: unknown;
  try {
    value = schema.parse(bytes);
    const again = schema.serialize(value as never).toBytes();
    if (again.length !== bytes.length) return undefined;
  } catch {
    return undefined;
  }
  if (type === 'u64' || type === 'u256') return BigInt(value as string);
  if (type === 'vector<u8>') return Uint8Array.from(value as Iterable<number>);
  return value;
}

export function encodePure(type: PureType, value: unknown): Uint8Array {
  return pureSchemas[type].serialize(value as never).toBytes();
}

function argFail(argIdx: number, kind: CommandArgumentErrorKind, message: string): never {
  throw new ExecutionFailure({ $kind: 'CommandArgumentError', argIdx, kind }, message);
}

export function runPtb(env: PtbEnvironment, inputs: Slot[], commands: PtbCommand[]): PtbOutcome {
  const results: Slot[][] = [];
  const outcome: PtbOutcome = { transfers: [], mutatedShared: new Set(), results };

  const slotOf = (argument: PtbArgument, argIdx: number): Slot => {
    switch (argument.$kind) {
      case 'GasCoin':
        if (!env.gas) return argFail(argIdx, 'InvalidGasCoinUsage', 'this transaction has no gas coin');
        return env.gas;
      case 'Input': {
        const slot = inputs[argument.Input];
        if (!slot) return argFail(argIdx, 'IndexOutOfBounds', `input ${argument.Input} does not exist`);
        return slot;
      }
      case 'Result': {
        const slots = results[argument.Result];
        if (!slots) return argFail(argIdx, 'IndexOutOfBounds', `result ${argument.Result} does not exist`);
        if (slots.length !== 1)
          throw new ExecutionFailure(
            { $kind: 'CommandArgumentError', argIdx, kind: 'InvalidArgumentArity' },
            `result ${argument.Result} has ${slots.length} values`,
          );
        return slots[0]!;
      }
      case 'NestedResult': {
        const slot = results[argument.NestedResult[0]]?.[argument.NestedResult[1]];
        if (!slot)
          return argFail(argIdx, 'IndexOutOfBounds', `result ${argument.NestedResult.join('.')} does not exist`);
        return slot;
      }
    }
  };

  const objectArg = (
    argument: PtbArgument,
    argIdx: number,
    expected: OwnedKind | 'coin',
    by: 'value' | 'ref' | 'mut',
  ): ObjectSlot => {
    const slot = slotOf(argument, argIdx);
    if (slot.t !== 'object') return argFail(argIdx, 'TypeMismatch', `argument ${argIdx} must be an object`);
    if (slot.moved) return argFail(argIdx, 'ArgumentWithoutValue', `argument ${argIdx} was already moved`);
    const kindOk = expected === 'coin' ? slot.kind === 'walCoin' || slot.kind === 'suiCoin' : slot.kind === expected;
    if (!kindOk) return argFail(argIdx, 'TypeMismatch', `argument ${argIdx} must be a ${expected}, got a ${slot.kind}`);
    if (by === 'value') {
      if (slot.origin === 'gas')
        return argFail(argIdx, 'InvalidGasCoinUsage', 'the gas coin can only be used by value in TransferObjects');
      slot.moved = true;
    }
    return slot;
  };

  const pureArg = (argument: PtbArgument, argIdx: number, type: PureType): unknown => {
    const slot = slotOf(argument, argIdx);
    if (slot.t !== 'pure') return argFail(argIdx, 'TypeMismatch', `argument ${argIdx} must be a ${type} value`);
    const value = decodePure(type, slot.bytes);
    if (value === undefined) return argFail(argIdx, 'InvalidBCSBytes', `argument ${argIdx} is not a valid ${type}`);
    return value;
  };

  commands.forEach((command, index) => {
    try {
      results.push(runCommand(command));
    } catch (error) {
      if (error instanceof MoveAbort || error instanceof ExecutionFailure) error.command ??= index;
      throw error;
    }
  });

  function runCommand(command: PtbCommand): Slot[] {
    switch (command.$kind) {
      case 'MoveCall':
        return moveCall((command as Extract<PtbCommand, { $kind: 'MoveCall' }>).MoveCall);
      case 'SplitCoins': {
        const { coin, amounts } = (command as Extract<PtbCommand, { $kind: 'SplitCoins' }>).SplitCoins;
        const source = objectArg(coin, 0, 'coin', 'mut');
        return amounts.map((amountArg, i) => {
          const amount = pureArg(amountArg, i + 1, 'u64') as bigint;
          const balance = source.value.balance as bigint;
          if (amount > balance)
            throw new ExecutionFailure(
              { $kind: 'InsufficientCoinBalance' },
              `cannot split ${amount} from a coin of ${balance}`,
            );
          env.ctx.touch(source.value).balance = balance - amount;
          return {
            t: 'object',
            kind: source.kind,
            value: { id: env.ctx.freshId(), balance: amount },
            moved: false,
            origin: { result: [results.length, i] },
          } satisfies ObjectSlot;
        });
      }
      case 'MergeCoins': {
        const { destination, sources } = (command as Extract<PtbCommand, { $kind: 'MergeCoins' }>).MergeCoins;
        const target = objectArg(destination, 0, 'coin', 'mut');
        for (const [i, sourceArg] of sources.entries()) {
          const source = objectArg(sourceArg, i + 1, target.kind, 'value');
          if (source === target) argFail(i + 1, 'InvalidValueUsage', 'a coin cannot be merged into itself');
          env.ctx.touch(target.value).balance = (target.value.balance as bigint) + (source.value.balance as bigint);
        }
        return [];
      }
      case 'TransferObjects': {
        const { objects, address } = (command as Extract<PtbCommand, { $kind: 'TransferObjects' }>).TransferObjects;
        const recipient = pureArg(address, objects.length, 'address') as string;
        for (const [i, objectArgument] of objects.entries()) {
          const slot = slotOf(objectArgument, i);
          if (slot.t !== 'object') argFail(i, 'TypeMismatch', `object ${i} of TransferObjects is not an object`);
          if (slot.moved) argFail(i, 'ArgumentWithoutValue', `object ${i} of TransferObjects was already moved`);
          slot.moved = true;
          outcome.transfers.push({ kind: slot.kind, value: slot.value, recipient });
        }
        return [];
      }
      default:
        throw new ExecutionFailure(
          { $kind: 'FunctionNotFound' },
          `the devnet does not execute ${command.$kind} commands`,
        );
    }
  }

  function moveCall(call: Extract<PtbCommand, { $kind: 'MoveCall' }>['MoveCall']): Slot[] {
    const fn = env.lookup(call.package, call.module, call.function);
    if (!fn)
      throw new ExecutionFailure(
        { $kind: 'FunctionNotFound' },
        `function ${call.package}::${call.module}::${call.function} not found`,
      );
    if (call.typeArguments.length > 0)
      throw new ExecutionFailure(
        { $kind: 'FunctionNotFound' },
        `${call.module}::${call.function} takes no type arguments`,
      );
    if (call.arguments.length !== fn.params.length) {
      throw new ExecutionFailure(
        { $kind: 'ArityMismatch' },
        `${call.module}::${call.function} takes ${fn.params.length} arguments, got ${call.arguments.length}`,
      );
    }
    const args = fn.params.map((param: Param, argIdx) => {
      const argument = call.arguments[argIdx]!;
      if (param.kind === 'pure') return pureArg(argument, argIdx, param.type);
      if (param.kind === 'owned') return objectArg(argument, argIdx, param.type, param.by).value;
      const slot = slotOf(argument, argIdx);
      if (slot.t !== 'shared' || slot.object !== param.object)
        return argFail(argIdx, 'TypeMismatch', `argument ${argIdx} must be the ${param.object} object`);
      if (param.mutable && !slot.mutable)
        return argFail(argIdx, 'InvalidObjectByMutRef', `the ${param.object} object must be passed mutably`);
      if (param.mutable) outcome.mutatedShared.add(param.object);
      return undefined;
    });
    env.ctx.currentModule = call.module;
    let returned: unknown[];
    try {
      returned = fn.call(env.ctx, env.state, args);
    } catch (error) {
      if (error instanceof MoveAbort && error.functionName === undefined) {
        throw new MoveAbort(
          error.module,
          error.constant,
          error.code,
          error.constantMessage,
          error.packageName,
          call.function,
        );
      }
      throw error;
    }
    return fn.returns.map((ret, i): Slot => {
      if (ret.kind === 'owned') {
        return {
          t: 'object',
          kind: ret.type,
          value: returned[i] as ObjectSlot['value'],
          moved: false,
          origin: { result: [results.length, i] },
        };
      }
      return { t: 'pure', bytes: encodePure(ret.type, returned[i]) };
    });
  }

  // Every object a command returned must have been moved somewhere.
  results.forEach((slots, resultIdx) =>
    slots.forEach((slot, secondaryIdx) => {
      if (slot.t === 'object' && !slot.moved) {
        throw Object.assign(
          new ExecutionFailure(
            { $kind: 'UnusedValueWithoutDrop', resultIdx, secondaryIdx },
            `result ${resultIdx}.${secondaryIdx} (a ${slot.kind}) was never used`,
          ),
          {
            command: resultIdx,
          },
        );
      }
    }),
  );
  for (const transfer of env.ctx.transfers) outcome.transfers.push(transfer as PtbOutcome['transfers'][number]);
  return outcome;
}
