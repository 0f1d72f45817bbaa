import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventNames } from '../events.ts';
import { GENERATED_TEST_PATH, renderEventBcsMoveTest } from './eventBcsMoveTest.ts';
import { parseMoveStructs } from './moveStructs.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const eventsMove = readFileSync(`${repo}/move/tusk/sources/events.move`, 'utf8');

describe('generated Move BCS test', () => {
  it('is up to date with shared/src/events.ts and events.move (else run npm run generate:event-tests -w @tusk/shared)', () => {
    const committed = readFileSync(`${repo}/${GENERATED_TEST_PATH}`, 'utf8');
    expect(committed === renderEventBcsMoveTest(eventsMove)).toBe(true);
  });

  it('has one test per event in eventSchemas', () => {
    const rendered = renderEventBcsMoveTest(eventsMove);
    expect(rendered.match(/#\[test\]/g)?.length).toBe(eventNames.length);
  });

  it('declares every event of eventSchemas as a Move struct in events.move', () => {
    const structs = new Map(parseMoveStructs(eventsMove).map((s) => [s.name, s]));
    for (const name of eventNames) expect(structs.get(name), name).toBeDefined();
  });

  it('names the missing constructor when events.move lacks one', () => {
    const without = eventsMove.replace('public(package) fun new_blob_invalidated(', 'public(package) fun other_name(');
    expect(() => renderEventBcsMoveTest(without)).toThrow(/new_blob_invalidated/);
  });
});
