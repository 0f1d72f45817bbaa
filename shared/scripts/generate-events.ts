/**
 * Writes what is generated from move/tusk/sources/events.move: its own
 * constructors and emitters, shared/src/events.ts and the field lists of
 * move/tusk/EVENTS.md (see shared/src/codegen/eventOutputs.ts). `--check`
 * writes nothing and exits 1 when a committed file is stale.
 *
 *   npm run generate:events -w @tusk/shared [-- --check]
 *
 * Then regenerate the Move BCS test, which reads the new schemas:
 *   npm run generate:event-tests -w @tusk/shared
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEventOutputs } from '../src/codegen/eventOutputs.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => (existsSync(join(repo, path)) ? readFileSync(join(repo, path), 'utf8') : '');
const outputs = renderEventOutputs(read);
const stale = [...outputs].filter(([path, text]) => read(path) !== text);

if (process.argv.includes('--check')) {
  if (stale.length > 0) {
    console.error(`stale: ${stale.map(([path]) => path).join(', ')}; run npm run generate:events -w @tusk/shared`);
    process.exit(1);
  }
  console.log(`up to date: ${[...outputs.keys()].join(', ')}`);
} else {
  for (const [path, text] of stale) {
    writeFileSync(join(repo, path), text);
    console.log(`wrote ${path}`);
  }
  if (stale.length === 0) console.log('nothing to write: every output is up to date');
}
