/**
 * Runs the generated differential Move tests (package move/differential),
 * all or the chosen `differential_<n>.move`, while working on the simulator:
 *
 *   npx tsx devnet/differential/runMove.ts          # all of them
 *   npx tsx devnet/differential/runMove.ts 3 7      # differential_3 and _7
 */
import { join } from 'node:path';
import { MOVE_ROOT } from '../../move/tools/packages.ts';
import { readPackageFiles } from '../../move/tools/packageFiles.ts';
import { testPackage } from '../../move/tools/testPackage.ts';

const dir = join(MOVE_ROOT, 'differential');
const wanted = process.argv.slice(2).map((n) => `tests/differential_${n}.move`);
const files = Object.fromEntries(
  Object.entries(readPackageFiles(dir, true)).filter(
    ([path]) => !path.startsWith('tests/') || wanted.length === 0 || wanted.includes(path),
  ),
);
console.log(`running ${Object.keys(files).filter((p) => p.startsWith('tests/')).length} differential test file(s)`);
const report = await testPackage(dir, { files });
for (const test of report.tests) console.log(`${test.passed ? 'PASS' : 'FAIL'} ${test.name}`);
if (report.details) console.log(report.details);
console.log(
  `${report.tests.filter((t) => t.passed).length} passed, ${report.tests.filter((t) => !t.passed).length} failed (${report.ms} ms)${report.compiled ? '' : ' — did not compile'}`,
);
