/**
 * Aborts, named as the Move package names them. `abort(module, constant)`
 * throws the `MoveAbort` the Move code would raise, with the abort code from
 * `abortCodes` (read from the Move sources; see `abortTable.ts`). The module
 * is the Move module where the `assert!` is, which is what a client sees.
 */
import { MoveAbort } from '../failures.ts';
import { abortInfo } from './abortTable.ts';

export function abort(module: string, constant: string, functionName?: string): never {
  const info = abortInfo(module, constant);
  throw new MoveAbort(module, constant, info.code, info.message, info.packageName, functionName);
}

/** `assert!(condition, module::constant)`. */
export function check(condition: boolean, module: string, constant: string, functionName?: string): asserts condition {
  if (!condition) abort(module, constant, functionName);
}
