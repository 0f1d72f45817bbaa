/**
 * How a devnet transaction fails, in the terms a Sui node reports: a Move
 * abort (package, module, function, abort code and, for `#[error]`
 * constants, the constant's name and message) or another execution failure
 * (`InsufficientCoinBalance`, `CommandArgumentError`, `UnusedValueWithoutDrop`,
 * ...). A failed transaction changes nothing but the sender's gas coin.
 */

/** A `MoveAbort` raised by a Move function the simulator implements. */
export class MoveAbort extends Error {
  override name = 'MoveAbort';
  /** Set by the PTB interpreter: the command (0-based) that aborted. */
  command: number | undefined;

  constructor(
    /** Module the abort happened in, e.g. `staking`. */
    readonly module: string,
    /** The error constant, e.g. `EWrongVersion`. */
    readonly constant: string,
    /** The abort code (a clever-error code for `#[error]` constants). */
    readonly code: bigint,
    /** The constant's message, for `#[error]` constants. */
    readonly constantMessage: string | undefined,
    /** The package the module belongs to (`tusk` or `wal`). */
    readonly packageName: 'tusk' | 'wal',
    /** The Move function that aborted, when known. */
    readonly functionName?: string,
  ) {
    super(
      `MoveAbort in ${packageName}::${module}${functionName ? `::${functionName}` : ''}: ${constant} (abort code ${code})${constantMessage ? `: ${constantMessage}` : ''}`,
    );
  }
}

/** Execution failures other than Move aborts, named as in Sui's `ExecutionFailureStatus`. */
export type FailureKind =
  | { $kind: 'InsufficientCoinBalance' }
  | { $kind: 'CoinBalanceOverflow' }
  | { $kind: 'InsufficientGas' }
  | { $kind: 'InvalidGasObject' }
  | { $kind: 'FunctionNotFound' }
  | { $kind: 'ArityMismatch' }
  | { $kind: 'InvalidTransferObject' }
  | { $kind: 'UnusedValueWithoutDrop'; resultIdx: number; secondaryIdx: number }
  | { $kind: 'CommandArgumentError'; argIdx: number; kind: CommandArgumentErrorKind }
  | { $kind: 'MovePrimitiveRuntimeError' }
  | { $kind: 'InputObjectDeleted' };

export type CommandArgumentErrorKind =
  | 'TypeMismatch'
  | 'InvalidBCSBytes'
  | 'InvalidUsageOfPureArg'
  | 'InvalidGasCoinUsage'
  | 'InvalidValueUsage'
  | 'InvalidObjectByValue'
  | 'InvalidObjectByMutRef'
  | 'SharedObjectOperationNotAllowed'
  | 'InvalidArgumentArity'
  | 'ArgumentWithoutValue'
  | 'IndexOutOfBounds';

export class ExecutionFailure extends Error {
  override name = 'ExecutionFailure';
  command: number | undefined;

  constructor(
    readonly failure: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A transaction the node refuses before executing it (bad signature, unknown
 * or wrong-version input object, not enough gas to even start): no effects,
 * no gas charged; the client sees a gRPC error.
 */
export class TransactionRejected extends Error {
  override name = 'TransactionRejected';
}
