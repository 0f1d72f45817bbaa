// The bootstrap call after `tusk` is published: `tusk::init::initialize`,
// which consumes the `AdminCap` and creates and shares `Staking`,
// `Governance` and `System` (move/tusk/API.md).
//
// The argument list is read from the Move source that was just compiled
// (move/tusk/sources/init.move), not hard-coded, so this step follows the
// signature as the Move package changes: objects are passed by their type
// (AdminCap, UpgradeCap, Clock, WalTreasury), and every plain value
// (u8..u64, bool, vector<u64>) comes by parameter name from `--params`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transaction, type TransactionArgument } from '@mysten/sui/transactions';

export const INIT_MODULE = 'init';
export const INIT_FUNCTION = 'initialize';

/** One parameter of a Move function as written in the source. */
export interface MoveParameter {
  name: string;
  type: string;
}

/** How one `initialize` parameter is supplied. */
export type InitArgument =
  | { kind: 'adminCap' }
  | { kind: 'upgradeCap' }
  | { kind: 'clock' }
  | { kind: 'walTreasury'; mutable: boolean }
  | { kind: 'txContext' }
  | { kind: 'value'; name: string; type: 'u8' | 'u16' | 'u32' | 'u64' | 'bool' | 'vector<u64>' | 'vector<u32>' };

/** Parameters of `public fun <name>(...)` in Move source (comments removed). */
export function moveFunctionParameters(source: string, fn: string): MoveParameter[] {
  const code = source.replace(/\/\/[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const start = new RegExp(`\\bfun\\s+${fn}\\s*(<[^>]*>)?\\s*\\(`).exec(code);
  if (!start) throw new Error(`no function ${fn} in the Move source`);
  let depth = 1;
  let end = start.index + start[0].length;
  for (; end < code.length && depth > 0; end++) {
    if (code[end] === '(') depth++;
    if (code[end] === ')') depth--;
  }
  const list = code.slice(start.index + start[0].length, end - 1);
  const parts: string[] = [];
  let angle = 0;
  let current = '';
  for (const char of list) {
    if (char === '<') angle++;
    if (char === '>') angle--;
    if (char === ',' && angle === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter((part) => part.length > 0)
    .map((part) => {
      const colon = part.indexOf(':');
      if (colon < 0) throw new Error(`cannot read Move parameter "${part}"`);
      return {
        name: part
          .slice(0, colon)
          .replace(/^mut\s+/, '')
          .trim(),
        type: part.slice(colon + 1).trim(),
      };
    });
}

/** Maps each parameter to how it is supplied; throws on a type this tool cannot provide. */
export function initArguments(parameters: MoveParameter[]): InitArgument[] {
  return parameters.map((parameter): InitArgument => {
    const type = parameter.type.replace(/\s+/g, '');
    const base = type.replace(/^&(mut)?/, '').replace(/^.*::/, '');
    if (base === 'AdminCap') return { kind: 'adminCap' };
    if (base === 'UpgradeCap') return { kind: 'upgradeCap' };
    if (base === 'Clock') return { kind: 'clock' };
    if (base === 'WalTreasury') return { kind: 'walTreasury', mutable: type.startsWith('&mut') };
    if (base === 'TxContext') return { kind: 'txContext' };
    if (['u8', 'u16', 'u32', 'u64', 'bool', 'vector<u64>', 'vector<u32>'].includes(type)) {
      return { kind: 'value', name: parameter.name, type: type as 'u64' };
    }
    throw new Error(
      `${INIT_MODULE}::${INIT_FUNCTION} takes ${parameter.name}: ${parameter.type}, which the publish tool ` +
        `cannot supply: extend move/tools/publish/initialize.ts`,
    );
  });
}

/** Reads the `initialize` signature from the package's source. */
export function readInitArguments(tuskDir: string): InitArgument[] {
  const path = join(tuskDir, 'sources', `${INIT_MODULE}.move`);
  if (!existsSync(path)) {
    throw new Error(`${path} does not exist: the tusk package has no ${INIT_MODULE} module to initialize with yet`);
  }
  return initArguments(moveFunctionParameters(readFileSync(path, 'utf8'), INIT_FUNCTION));
}

/** Values for `initialize`'s plain parameters, by name, from a JSON file. */
export type InitParams = Record<string, unknown>;

export function readInitParams(path: string | undefined): InitParams {
  if (!path) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--params ${path} is not a readable JSON file: ${(error as Error).message}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`--params ${path} must hold a JSON object of parameter name -> value`);
  }
  return parsed as InitParams;
}

/** Objects the call needs, by role. */
export interface InitObjects {
  tuskPackage: string;
  adminCap: string;
  upgradeCap: string;
  walTreasury: { objectId: string; initialSharedVersion: string };
}

/** The `initialize` transaction; throws listing every missing or malformed parameter value. */
export function initializeTransaction(
  args: InitArgument[],
  params: InitParams,
  objects: InitObjects,
  sender: string,
): Transaction {
  const problems: string[] = [];
  const known = new Set(args.flatMap((arg) => (arg.kind === 'value' ? [arg.name] : [])));
  for (const name of Object.keys(params)) {
    if (!known.has(name)) problems.push(`--params has ${name}, which ${INIT_FUNCTION} does not take`);
  }
  const tx = new Transaction();
  tx.setSender(sender);
  const callArgs: TransactionArgument[] = [];
  for (const arg of args) {
    switch (arg.kind) {
      case 'adminCap':
        callArgs.push(tx.object(objects.adminCap));
        break;
      case 'upgradeCap':
        callArgs.push(tx.object(objects.upgradeCap));
        break;
      case 'clock':
        callArgs.push(tx.object.clock());
        break;
      case 'walTreasury':
        callArgs.push(tx.sharedObjectRef({ ...objects.walTreasury, mutable: arg.mutable }));
        break;
      case 'txContext':
        break;
      case 'value': {
        const value = params[arg.name];
        const checked = checkValue(arg, value);
        if (typeof checked === 'string') problems.push(checked);
        else callArgs.push(checked(tx));
        break;
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`cannot call ${INIT_MODULE}::${INIT_FUNCTION}: ${problems.join('; ')}`);
  }
  tx.moveCall({ target: `${objects.tuskPackage}::${INIT_MODULE}::${INIT_FUNCTION}`, arguments: callArgs });
  return tx;
}

const MAX: Record<string, bigint> = { u8: 2n ** 8n, u16: 2n ** 16n, u32: 2n ** 32n, u64: 2n ** 64n };

function checkValue(
  arg: Extract<InitArgument, { kind: 'value' }>,
  value: unknown,
): string | ((tx: Transaction) => TransactionArgument) {
  if (value === undefined) return `--params needs ${arg.name} (${arg.type})`;
  if (arg.type === 'bool') {
    return typeof value === 'boolean' ? (tx) => tx.pure.bool(value) : `${arg.name} must be true or false`;
  }
  const integer = (v: unknown, type: string): bigint | undefined => {
    if (typeof v !== 'number' && typeof v !== 'string') return undefined;
    if (!/^\d+$/.test(String(v))) return undefined;
    const n = BigInt(v);
    return n < MAX[type]! ? n : undefined;
  };
  if (arg.type === 'vector<u64>' || arg.type === 'vector<u32>') {
    const inner = arg.type === 'vector<u64>' ? 'u64' : 'u32';
    const items = Array.isArray(value) ? value.map((item) => integer(item, inner)) : undefined;
    if (!items || items.some((item) => item === undefined)) return `${arg.name} must be an array of ${inner} integers`;
    return (tx) => tx.pure.vector(inner, items as bigint[]);
  }
  const n = integer(value, arg.type);
  if (n === undefined)
    return `${arg.name} must be a whole number that fits in ${arg.type} (got ${JSON.stringify(value)})`;
  const type = arg.type;
  return (tx) => (type === 'u64' ? tx.pure.u64(n) : tx.pure[type](Number(n)));
}
