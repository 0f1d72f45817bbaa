/**
 * Abort codes of the Move packages, by module and constant name. Plain
 * `const EName: u64 = n` constants abort with `n`; `#[error]` constants
 * abort with a clever-error code that packs the source line of the
 * constant's use and indices into the compiled module, which only the
 * compiler knows — those are filled in from `abortCodes.generated.ts` when
 * it exists, and otherwise carry their name with a stand-in code.
 */
export interface AbortInfo {
  code: bigint;
  message?: string;
  packageName: 'tusk' | 'wal';
}

/** Known constants: module -> constant -> info. Filled by `registerAbortCodes`. */
const table = new Map<string, Map<string, AbortInfo>>();

export function registerAbortCodes(module: string, codes: Record<string, AbortInfo>): void {
  let entries = table.get(module);
  if (!entries) table.set(module, (entries = new Map()));
  for (const [name, info] of Object.entries(codes)) entries.set(name, info);
}

/** A stable stand-in code for a constant the table does not know yet: 2^62 + a hash of its name. */
function standIn(module: string, constant: string): bigint {
  let hash = 0n;
  for (const char of `${module}::${constant}`) hash = (hash * 131n + BigInt(char.charCodeAt(0))) % 1_000_000_007n;
  return 2n ** 62n + hash;
}

export function abortInfo(module: string, constant: string): AbortInfo {
  return (
    table.get(module)?.get(constant) ?? {
      code: standIn(module, constant),
      packageName: module === 'wal' ? 'wal' : 'tusk',
    }
  );
}
