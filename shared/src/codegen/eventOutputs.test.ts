import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { eventNames } from '../events.ts';
import { parseMoveStructs } from '../testing/moveStructs.ts';
import { renderEventBuilders, withEventBuilders } from './eventBuildersMove.ts';
import { EVENT_OUTPUT_PATHS, renderEventOutputs, staleEventOutputs } from './eventOutputs.ts';
import { EVENTS_MOVE_PATH, readEventsModule } from './eventsModule.ts';
import { EVENTS_MD_PATH, withEventFieldLists } from './eventsMarkdown.ts';
import { EVENTS_TS_PATH, renderEventsTs } from './eventsTs.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const read = (path: string) => (existsSync(join(repo, path)) ? readFileSync(join(repo, path), 'utf8') : '');
const eventsMove = read(EVENTS_MOVE_PATH);

/** A small events module in the shape of events.move. */
const SAMPLE = `/// Doc.
module tusk::events;

// === Things ===

/// A part.
public struct Pair has copy, drop, store {
    /// The key.
    key: String,
    /// The value.
    value: u64,
}

/// Something happened.
public struct ThingDone has copy, drop {
    /// The epoch.
    epoch: u32,
    /// The pairs, in order.
    pairs: vector<Pair>,
    /// A maybe-ID.
    maybe: Option<ID>,
}

// === Constructors and emitters (generated) ===
`;

describe('files generated from events.move', () => {
  it('are up to date: its constructors and emitters, shared/src/events.ts, EVENTS.md (else run npm run generate:events -w @tusk/shared)', () => {
    expect(staleEventOutputs(read)).toEqual([]);
  });

  it('renders shared/src/events.ts as Prettier formats it, so lint and the staleness check agree', async () => {
    const rendered = renderEventOutputs(read).get(EVENTS_TS_PATH)!;
    const options = await prettier.resolveConfig(join(repo, EVENTS_TS_PATH));
    expect(await prettier.check(rendered, { ...options, filepath: join(repo, EVENTS_TS_PATH) })).toBe(true);
  });

  it('reports events.ts and EVENTS.md as stale when a field doc in events.move changes', () => {
    const edited = (path: string) =>
      path === EVENTS_MOVE_PATH
        ? eventsMove.replace('/// The epoch that begins.', '/// The epoch that starts.')
        : read(path);
    expect(staleEventOutputs(edited)).toEqual([EVENTS_TS_PATH, EVENTS_MD_PATH]);
  });

  it('lists every output path once', () => {
    expect([...renderEventOutputs(read).keys()].sort()).toEqual([...EVENT_OUTPUT_PATHS].sort());
  });
});

describe('readEventsModule', () => {
  it('takes a struct used by another struct as a part of events, every other struct as an event', () => {
    const module = readEventsModule(eventsMove);
    expect(module.parts.map((s) => s.name)).toEqual(['ParameterValue']);
    expect(module.events.map((s) => s.name)).toEqual(eventNames);
    expect(module.moduleName).toBe('events');
  });

  it('names every struct and field without a doc comment', () => {
    const undocumented = SAMPLE.replace('/// The value.\n', '').replace('/// Something happened.\n', '');
    expect(() => readEventsModule(undocumented)).toThrow(
      /field Pair\.value has no \/\/\/ doc comment[\s\S]*struct ThingDone has no \/\/\/ doc comment/,
    );
  });

  it('refuses a part declared below the struct that uses it', () => {
    const [head, rest] = SAMPLE.split('/// A part.\n');
    const pair = rest!.slice(0, rest!.indexOf('}\n') + 2);
    const reordered = `${head}${rest!.slice(pair.length)}\n/// A part.\n${pair}`;
    expect(() => readEventsModule(reordered)).toThrow(
      /struct Pair \(used by ThingDone\.pairs\) must be declared above it/,
    );
  });
});

describe('parseMoveStructs', () => {
  it('reads doc comments, abilities and the section of each struct, and the doc comment of each field', () => {
    const [pair, thing] = parseMoveStructs(SAMPLE);
    expect(pair).toEqual({
      name: 'Pair',
      abilities: ['copy', 'drop', 'store'],
      doc: 'A part.',
      section: 'Things',
      fields: [
        { name: 'key', type: { kind: 'String' }, doc: 'The key.' },
        { name: 'value', type: { kind: 'u64' }, doc: 'The value.' },
      ],
    });
    expect(thing!.fields.map((f) => f.doc)).toEqual(['The epoch.', 'The pairs, in order.', 'A maybe-ID.']);
  });

  it('reads several fields on one line and a struct on one line, skipping plain comments', () => {
    const [s] = parseMoveStructs(
      '/// One\n/// line.\npublic struct S has drop { a: u8, b: vector<u16> } // trailing\n',
    );
    expect(s).toMatchObject({ name: 'S', doc: 'One\nline.', section: null });
    expect(s!.fields.map((f) => [f.name, f.type.kind])).toEqual([
      ['a', 'u8'],
      ['b', 'vector'],
    ]);
  });
});

describe('generated constructors and emitters', () => {
  it('gives every struct a constructor and only events an emitter', () => {
    const rendered = renderEventBuilders(readEventsModule(SAMPLE));
    expect(rendered).toContain(
      'public(package) fun new_pair(key: String, value: u64): Pair {\n    Pair { key, value }\n}',
    );
    expect(rendered).toContain('public use fun emit_thing_done as ThingDone.emit;');
    expect(rendered).not.toContain('emit_pair');
  });

  it('puts one parameter per line when the signature is longer than 100 characters', () => {
    const rendered = renderEventBuilders(readEventsModule(eventsMove));
    expect(rendered).toContain('public(package) fun new_pool_advanced(\n    epoch: u32,\n    node_id: ID,\n');
  });

  it('names the heading it needs when events.move lacks it', () => {
    const without = SAMPLE.replace('// === Constructors and emitters (generated) ===\n', '');
    expect(() => withEventBuilders(without, readEventsModule(without))).toThrow(
      /no line "\/\/ === Constructors and emitters \(generated\) ===": add it/,
    );
  });
});

describe('generated events.ts', () => {
  it('maps Move types to the schemas the indexer has always read, importing only what it uses', () => {
    const rendered = renderEventsTs(readEventsModule(SAMPLE));
    expect(rendered).toContain("import { Id, u64 } from './bcsPrimitives.ts';");
    expect(rendered).toContain('  /** The pairs, in order. */\n  pairs: bcs.vector(Pair),');
    expect(rendered).toContain('  maybe: bcs.option(Id),');
    expect(rendered).toContain('export const eventSchemas = {\n  ThingDone,\n} as const;');
  });
});

describe('generated EVENTS.md field lists', () => {
  const module = readEventsModule(SAMPLE);

  it('replaces only the lines between the markers, with the fields and the part as a nested list', () => {
    const markdown =
      'Intro.\n\n### `ThingDone`\nEmitted by x.\n<!-- fields:ThingDone -->\nold\n<!-- /fields -->\n\nAfter.\n';
    expect(withEventFieldLists(markdown, module)).toBe(
      [
        'Intro.',
        '',
        '### `ThingDone`',
        'Emitted by x.',
        '<!-- fields:ThingDone -->',
        '1. `epoch: u32` — the epoch.',
        '2. `pairs: vector<Pair>` — the pairs, in order.',
        '   - `key: String` — the key.',
        '   - `value: u64` — the value.',
        '3. `maybe: Option<ID>` — a maybe-ID.',
        '<!-- /fields -->',
        '',
        'After.',
        '',
      ].join('\n'),
    );
  });

  it('names an event without a field list and a list of an unknown event', () => {
    expect(() => withEventFieldLists('<!-- fields:Nope -->\n<!-- /fields -->\n', module)).toThrow(
      /"Nope", which is not an event[\s\S]*ThingDone has no field list: add the lines "<!-- fields:ThingDone -->"/,
    );
  });

  it('wraps long docs at 110 columns, never inside a code span', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const longDoc = SAMPLE.replace('/// The epoch.', `/// ${words} \`a + b * c - d\` ${words}`);
    const rendered = withEventFieldLists('<!-- fields:ThingDone -->\n<!-- /fields -->\n', readEventsModule(longDoc));
    const lines = rendered.split('\n').filter((l) => l.includes('word'));
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(110);
      expect((line.match(/`/g)?.length ?? 0) % 2, line).toBe(0);
    }
    expect(lines.slice(1).every((l) => l.startsWith('   ') && !l.startsWith('    '))).toBe(true);
  });
});
