/**
 * Writes move/tusk/tests/generated/event_bcs_tests.move from the TS event
 * schemas and events.move (see shared/src/testing/eventBcsMoveTest.ts).
 * `--check` writes nothing and exits 1 when the committed file is stale.
 *
 *   npm run generate:event-tests -w @tusk/shared [-- --check]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_TEST_PATH, renderEventBcsMoveTest } from '../src/testing/eventBcsMoveTest.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const eventsMove = readFileSync(join(repo, 'move/tusk/sources/events.move'), 'utf8');
const target = join(repo, GENERATED_TEST_PATH);
const rendered = renderEventBcsMoveTest(eventsMove);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== rendered) {
    console.error(`${GENERATED_TEST_PATH} is stale: run npm run generate:event-tests -w @tusk/shared`);
    process.exit(1);
  }
  console.log(`${GENERATED_TEST_PATH} is up to date`);
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, rendered);
  console.log(`wrote ${GENERATED_TEST_PATH}`);
}
