/**
 * Reads the struct declarations of a Move source file (field names, types and
 * `///` doc comments, in declaration order, and the `// === Section ===`
 * heading each struct sits under) and parses Move type strings. Enough Move
 * for `move/tusk/sources/events.move`: plain structs with abilities, one field
 * per line or several, primitive, vector, Option, String, ID, address and
 * same-module struct fields. Functions and other items are skipped.
 */

export type MoveType =
  | { kind: 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'u256' | 'bool' | 'address' | 'ID' | 'String' }
  | { kind: 'vector'; of: MoveType }
  | { kind: 'option'; of: MoveType }
  | { kind: 'struct'; name: string };

export interface MoveField {
  name: string;
  type: MoveType;
  /** The field's `///` doc comment, lines joined by `\n` without the slashes; '' when it has none. */
  doc: string;
}

export interface MoveStruct {
  name: string;
  /** E.g. `['copy', 'drop']`. */
  abilities: string[];
  fields: MoveField[];
  /** The struct's `///` doc comment, lines joined by `\n`; '' when it has none. */
  doc: string;
  /** The text of the last `// === Text ===` heading above the struct, or null. */
  section: string | null;
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

/** A type as Move source writes it: `Option<vector<u8>>`. */
export function formatMoveType(type: MoveType): string {
  switch (type.kind) {
    case 'vector':
      return `vector<${formatMoveType(type.of)}>`;
    case 'option':
      return `Option<${formatMoveType(type.of)}>`;
    case 'struct':
      return type.name;
    default:
      return type.kind;
  }
}

const SECTION_HEADING = /^\/\/\s*===\s*(.*?)\s*===\s*$/;
const STRUCT_HEADER = /^public struct (\w+)(?:\s+has\s+([\w\s,]+?))?\s*\{(.*)$/;

/** Every `public struct` in `source`, in file order. */
export function parseMoveStructs(source: string): MoveStruct[] {
  const lines = source.split('\n');
  const structs: MoveStruct[] = [];
  let section: string | null = null;
  let doc: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('///')) {
      doc.push(docText(line));
      continue;
    }
    // Attributes and blank lines may stand between a doc comment and its item.
    if (line === '' || line.startsWith('#[')) continue;
    const heading = SECTION_HEADING.exec(line);
    if (heading) section = heading[1]!;
    const header = heading ? null : STRUCT_HEADER.exec(line);
    if (header) {
      const [, name, abilities, rest] = header as unknown as [string, string, string | undefined, string];
      const body = [rest];
      while (!body.at(-1)!.includes('}')) {
        if (++i >= lines.length) throw new Error(`struct ${name}: no closing "}"`);
        body.push(lines[i]!);
      }
      body[body.length - 1] = body.at(-1)!.slice(0, body.at(-1)!.indexOf('}'));
      structs.push({
        name,
        abilities: abilities ? abilities.split(',').map((a) => a.trim()) : [],
        fields: parseFields(name, body),
        doc: doc.join('\n'),
        section,
      });
    }
    // Any other line ends the doc comment: it belonged to that line's item.
    doc = [];
  }
  return structs;
}

/** The fields of a struct body (the lines between `{` and `}`), each with the doc comment above it. */
function parseFields(structName: string, body: string[]): MoveField[] {
  const fields: MoveField[] = [];
  let doc: string[] = [];
  // Declaration text not yet ended by a top-level comma (a type may span lines), and its doc.
  let pending = '';
  let pendingDoc: string[] = [];
  for (const raw of body) {
    const line = raw.trim();
    if (line.startsWith('///')) {
      doc.push(docText(line));
      continue;
    }
    const code = line.replace(/\/\/.*$/, '').trim();
    if (code === '') continue;
    if (pending.trim() === '') {
      pendingDoc = doc;
      doc = [];
    }
    const parts = splitTopLevel(`${pending} ${code}`);
    for (const part of parts.slice(0, -1)) {
      if (part.trim() !== '') fields.push(parseField(structName, part, pendingDoc));
      pendingDoc = [];
    }
    pending = parts.at(-1)!;
  }
  if (pending.trim() !== '') fields.push(parseField(structName, pending, pendingDoc));
  return fields;
}

function parseField(structName: string, declaration: string, doc: string[]): MoveField {
  const colon = declaration.indexOf(':');
  if (colon < 0) throw new Error(`struct ${structName}: cannot read field "${declaration.trim()}"`);
  return {
    name: declaration.slice(0, colon).trim(),
    type: parseMoveType(declaration.slice(colon + 1)),
    doc: doc.join('\n'),
  };
}

/** `/// Text` -> `Text` (one space after the slashes is the comment's, not the text's). */
function docText(line: string): string {
  return line.slice(3).replace(/^ /, '').trimEnd();
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
