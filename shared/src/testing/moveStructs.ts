/**
 * Reads the struct declarations of a Move source file (field names and types,
 * in declaration order) and parses Move type strings. Enough Move for
 * `move/tusk/sources/events.move`: plain structs with abilities, primitive,
 * vector, Option, String, ID, address and same-module struct fields.
 */

export type MoveType =
  | { kind: 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'u256' | 'bool' | 'address' | 'ID' | 'String' }
  | { kind: 'vector'; of: MoveType }
  | { kind: 'option'; of: MoveType }
  | { kind: 'struct'; name: string };

export interface MoveField {
  name: string;
  type: MoveType;
}

export interface MoveStruct {
  name: string;
  fields: MoveField[];
}

const primitives = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'u256', 'bool', 'address', 'ID', 'String']);

/** Parses a Move type such as `Option<vector<u8>>`. */
export function parseMoveType(text: string): MoveType {
  const type = text.trim();
  const generic = /^(\w+)<(.+)>$/.exec(type);
  if (generic) {
    const [, outer, inner] = generic as unknown as [string, string, string];
    if (outer === 'vector') return { kind: 'vector', of: parseMoveType(inner) };
    if (outer === 'Option') return { kind: 'option', of: parseMoveType(inner) };
    throw new Error(`unsupported generic Move type "${type}"`);
  }
  if (primitives.has(type)) return { kind: type } as MoveType;
  if (/^[A-Z]\w*$/.test(type)) return { kind: 'struct', name: type };
  throw new Error(`unsupported Move type "${type}"`);
}

/** Every `public struct` in `source`, in file order. */
export function parseMoveStructs(source: string): MoveStruct[] {
  const withoutComments = source.replace(/\/\/.*$/gm, '');
  const structs: MoveStruct[] = [];
  for (const match of withoutComments.matchAll(/public struct (\w+)(?:\s+has\s+[\w\s,]+)?\s*\{([^}]*)\}/g)) {
    const [, name, body] = match as unknown as [string, string, string];
    const fields = splitTopLevel(body)
      .map((f) => f.trim())
      .filter((f) => f.length > 0)
      .map((f) => {
        const colon = f.indexOf(':');
        if (colon < 0) throw new Error(`struct ${name}: cannot read field "${f}"`);
        return { name: f.slice(0, colon).trim(), type: parseMoveType(f.slice(colon + 1)) };
      });
    structs.push({ name, fields });
  }
  return structs;
}

/** Splits on commas that are not inside `<...>`. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** `StakeDeposited` -> `stake_deposited`. */
export function snakeCase(name: string): string {
  return name.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
}
