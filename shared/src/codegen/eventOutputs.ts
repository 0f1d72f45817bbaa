/**
 * Everything generated from `move/tusk/sources/events.move`, as
 * `path -> content` (paths relative to the repository root): the module's own
 * constructors and emitters, `shared/src/events.ts` and the field lists of
 * `move/tusk/EVENTS.md`. Pure: takes the current text of those files, so the
 * generator script writes the result and the staleness test compares it.
 *
 * `move/tusk/tests/generated/event_bcs_tests.move` is generated too, but from
 * the schemas in events.ts as loaded (`npm run generate:event-tests`), so it is
 * rendered after events.ts is written, by its own script.
 */
import { withEventBuilders } from './eventBuildersMove.ts';
import { EVENTS_MOVE_PATH, readEventsModule } from './eventsModule.ts';
import { EVENTS_MD_PATH, withEventFieldLists } from './eventsMarkdown.ts';
import { EVENTS_TS_PATH, renderEventsTs } from './eventsTs.ts';

export const EVENT_OUTPUT_PATHS = [EVENTS_MOVE_PATH, EVENTS_TS_PATH, EVENTS_MD_PATH] as const;

/** Reads a file by its path from the repository root ('' when it does not exist). */
export type ReadRepoFile = (path: string) => string;

export function renderEventOutputs(read: ReadRepoFile): Map<string, string> {
  const source = read(EVENTS_MOVE_PATH);
  const module = readEventsModule(source);
  return new Map([
    [EVENTS_MOVE_PATH, withEventBuilders(source, module)],
    [EVENTS_TS_PATH, renderEventsTs(module)],
    [EVENTS_MD_PATH, withEventFieldLists(read(EVENTS_MD_PATH), module)],
  ]);
}

/** The outputs whose committed text differs from the rendered one. */
export function staleEventOutputs(read: ReadRepoFile): string[] {
  return [...renderEventOutputs(read)].filter(([path, text]) => read(path) !== text).map(([path]) => path);
}
