/**
 * Renders the field lists of `move/tusk/EVENTS.md` from the doc comments of
 * `events.move`. The rest of EVENTS.md (the introduction, the order of events,
 * what emits each event) is written by hand; only the lines between
 * `<!-- fields:EventName -->` and `<!-- /fields -->` are generated: a numbered
 * list of the event's fields, `name: Type` and the field's doc, and for a
 * field whose type is a part of events (`ParameterValue`) that part's fields
 * as a nested list.
 */
import { formatMoveType, type MoveStruct, type MoveType } from '../testing/moveStructs.ts';
import type { EventsModule } from './eventsModule.ts';

export const EVENTS_MD_PATH = 'move/tusk/EVENTS.md';

const BLOCK = /<!-- fields:(\w+) -->\n[\s\S]*?<!-- \/fields -->/g;
// The width EVENTS.md is wrapped to.
const WIDTH = 110;

/** `markdown` (the current EVENTS.md) with every field list rendered anew. */
export function withEventFieldLists(markdown: string, module: EventsModule): string {
  const events = new Map(module.events.map((e) => [e.name, e]));
  const parts = new Map(module.parts.map((p) => [p.name, p]));
  const seen = new Set<string>();
  const problems: string[] = [];
  const rendered = markdown.replace(BLOCK, (block, name: string) => {
    const event = events.get(name);
    if (!event) {
      problems.push(`a field list names "${name}", which is not an event of events.move`);
      return block;
    }
    if (seen.has(name)) problems.push(`${name} has two field lists`);
    seen.add(name);
    return `<!-- fields:${name} -->\n${fieldList(event, parts)}<!-- /fields -->`;
  });
  for (const name of events.keys()) {
    if (!seen.has(name)) {
      problems.push(
        `${name} has no field list: add the lines "<!-- fields:${name} -->" and "<!-- /fields -->" under its heading`,
      );
    }
  }
  if (problems.length > 0) throw new Error(`${EVENTS_MD_PATH}:\n- ${problems.join('\n- ')}`);
  return rendered;
}

function fieldList(struct: MoveStruct, parts: ReadonlyMap<string, MoveStruct>): string {
  return struct.fields
    .map((field, index) => {
      const marker = `${index + 1}. `;
      const indent = ' '.repeat(marker.length);
      const item = wrap(
        `${marker}\`${field.name}: ${formatMoveType(field.type)}\` — ${sentencePart(field.doc)}`,
        indent,
      );
      const part = partOf(field.type, parts);
      if (!part) return item;
      const nested = part.fields.map((f) =>
        wrap(`${indent}- \`${f.name}: ${formatMoveType(f.type)}\` — ${sentencePart(f.doc)}`, `${indent}  `),
      );
      return [item, ...nested].join('');
    })
    .join('');
}

/** The part (a struct of events.move that is not an event) that `type` holds, if any. */
function partOf(type: MoveType, parts: ReadonlyMap<string, MoveStruct>): MoveStruct | undefined {
  if (type.kind === 'vector' || type.kind === 'option') return partOf(type.of, parts);
  return type.kind === 'struct' ? parts.get(type.name) : undefined;
}

/**
 * A doc comment as the rest of a list item after "— ": one line, and a first
 * word that is an ordinary capitalized word ("The epoch") in lower case, so it
 * reads like the hand-written lists ("— the epoch"); "FROST", "BLS12-381" and
 * code stay as they are.
 */
function sentencePart(doc: string): string {
  const text = doc.split('\n').join(' ');
  return /^[A-Z](?=[a-z]|\s)/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/**
 * `text` wrapped at WIDTH on spaces outside code spans, continuation lines
 * indented by `indent`, with a final newline. A word that would start a list
 * or a heading at the start of a line ("-", "1.", "#") is never moved to a new
 * line.
 */
function wrap(text: string, indent: string): string {
  const lead = /^ */.exec(text)![0];
  const [first, ...words] = wordsOf(text.slice(lead.length));
  const lines: string[] = [];
  let line = lead + first;
  for (const word of words) {
    if (line.length + 1 + word.length > WIDTH && !/^([-+*>#]|\d+[.)])/.test(word)) {
      lines.push(line);
      line = indent + word;
    } else {
      line = `${line} ${word}`;
    }
  }
  lines.push(line);
  return `${lines.join('\n')}\n`;
}

/** `text` split on the spaces that are not inside a `code span`. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  let inCode = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '`') inCode = !inCode;
    else if (text[i] === ' ' && !inCode) {
      words.push(text.slice(start, i));
      start = i + 1;
    }
  }
  words.push(text.slice(start));
  return words;
}
