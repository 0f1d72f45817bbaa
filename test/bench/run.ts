/**
 * `npm run bench [-- <name>...]`: runs the benchmarks (all, or those named),
 * one after another. Each is its own module and prints one line
 * `BENCH <name> key=value ... ratio=x`; add one by adding an entry here.
 */
import { existsSync } from 'node:fs';

interface Bench {
  name: string;
  /** The module; a bench whose module is not in the tree yet is skipped (and says so). */
  module: string;
  run(): Promise<unknown>;
}

const benches: Bench[] = [
  {
    name: 'indexer',
    module: 'indexer.ts',
    run: async () => (await import('./indexer.ts')).runIndexerBench(),
  },
  {
    name: 'append',
    module: 'append.ts',
    run: async () => (await import('./append.ts')).runAppendBench(),
  },
  {
    name: 'api',
    module: 'api.ts',
    run: async () => {
      // Imported by path at run time: the API bench lives beside this one, owned by the web side.
      const api = (await import(new URL('./api.ts', import.meta.url).href)) as { runApiBench(): Promise<unknown> };
      return api.runApiBench();
    },
  },
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !benches.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const bench of benches) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  if (!existsSync(new URL(`./${bench.module}`, import.meta.url))) {
    console.error(`bench ${bench.name}: ${bench.module} is not present yet; skipped`);
    continue;
  }
  console.error(`=== bench ${bench.name}`);
  try {
    await bench.run();
  } catch (error) {
    failed++;
    console.error(
      `bench ${bench.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}
process.exit(failed > 0 ? 1 : 0);
