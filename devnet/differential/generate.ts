/**
 * Generates the differential Move tests: runs every scenario of
 * `scenarios.ts` on the devnet simulator and writes it as
 * `move/differential/tests/differential_<n>.move`, which performs the same
 * transactions through the real Move API and asserts the same event bytes.
 *
 *   npx tsx devnet/differential/generate.ts
 *
 * `differential.test.ts` fails when the files are stale.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeMoveTest } from './moveTest.ts';
import { SCENARIOS } from './scenarios.ts';
import { DiffWorld, INITIALIZE_ARGS, PUBLISHER } from './world.ts';

export const GENERATED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../move/differential/tests');

/** Every generated file: name -> contents. */
export function generateDifferentialTests(): Map<string, string> {
  const files = new Map<string, string>();
  SCENARIOS.forEach((scenario, n) => {
    const world = new DiffWorld();
    const genesisCoinId = world.genesisCoinId;
    world.calls.expectSuccess = false;
    scenario.run(world);
    if (world.devnet.pendingTransactions > 0) world.devnet.seal();
    const module = `differential_${n}`;
    files.set(
      `${module}.move`,
      writeMoveTest(world.devnet, {
        module,
        doc: `${scenario.name}: ${scenario.doc}`,
        initialize: INITIALIZE_ARGS,
        genesisCoinId,
        publisher: PUBLISHER,
      }),
    );
  });
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = generateDifferentialTests();
  for (const old of readdirSync(GENERATED_DIR).filter((f) => /^differential_\d+\.move$/.test(f)))
    rmSync(join(GENERATED_DIR, old));
  for (const [name, contents] of files) writeFileSync(join(GENERATED_DIR, name), contents);
  console.log(`wrote ${files.size} differential tests to ${GENERATED_DIR}`);
}
