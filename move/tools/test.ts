// `npm run test:move [-- <package> [name-filter]]`: compiles every Move
// package under move/ (dependencies first) and runs its unit tests. <package>
// is a package name under move/ or the directory of any Move package, e.g.
// `move/tools/fixtures/user_pkg` (see packageArgument.ts); its local
// dependencies compile with it (with their tests/) but their tests do not run.
//
// Prints PASS/FAIL per test, a summary per package, compiler diagnostics on
// failure, and last the line `MOVE_TESTS passed=N failed=M` that the root
// test script parses. A package that does not compile counts as one failure.
// Exits non-zero on any failure.
import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toolchain } from './builder.ts';
import { selectPackage } from './packageArgument.ts';
import { findPackages, MOVE_ROOT, REPO_ROOT, withLocalDependencies, type MovePackageDir } from './packages.ts';
import { testPackage, type PackageTestReport } from './testPackage.ts';

export interface RunOptions {
  /** Folder whose subfolders are Move packages (move/ by default). */
  root?: string;
  /** Only this package (by `[package] name`). */
  packageName?: string;
  /** Only the Move package in this directory, anywhere on disk (instead of `root`'s packages). */
  packageDir?: string;
  /** Only tests whose qualified name contains this text. */
  nameFilter?: string;
  log?: (line: string) => void;
}

export interface RunTotals {
  passed: number;
  failed: number;
}

/** Runs the selected packages' tests, logging as it goes; ends with the MOVE_TESTS line. */
export async function runMoveTests(options: RunOptions = {}): Promise<RunTotals> {
  const { nameFilter, log = console.log } = options;
  const selected = selectedPackages(options);

  const { framework, suiVersion } = await toolchain();
  log(`Move unit tests: runner Sui ${suiVersion}, framework sources from ${framework.origin}`);

  const totals: RunTotals = { passed: 0, failed: 0 };
  for (const { pkg, shownDir, localDeps } of selected) {
    const deps = localDeps.length > 0 ? `, with local dependencies ${localDeps.join(', ')}` : '';
    log(`\n== ${pkg.name} (${shownDir}/)${deps}`);
    const report = await testPackage(pkg.dir, { nameFilter });
    printReport(report, log);
    const counts = count(report);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
  }
  if (nameFilter && totals.passed + totals.failed === 0) {
    log(`\nno test name contains "${nameFilter}"`);
    totals.failed += 1;
  }
  log(`\nMOVE_TESTS passed=${totals.passed} failed=${totals.failed}`);
  return totals;
}

interface SelectedPackage {
  pkg: MovePackageDir;
  /** The dir as the header shows it. */
  shownDir: string;
  /** Names of the local dependencies a directory selection compiles with it, dependencies first. */
  localDeps: string[];
}

function selectedPackages(options: RunOptions): SelectedPackage[] {
  const { root = MOVE_ROOT, packageName, packageDir } = options;
  if (packageName && packageDir) throw new Error('select a Move package by name or by directory, not both');
  if (packageDir) {
    // Read the whole local graph now, so a missing or cyclic dependency fails before anything compiles.
    const graph = withLocalDependencies(packageDir);
    const pkg = graph.at(-1)!;
    return [{ pkg, shownDir: fromRepoRoot(pkg.dir), localDeps: graph.slice(0, -1).map((dep) => dep.name) }];
  }
  const all = findPackages(root);
  const selected = packageName ? all.filter((p) => p.name === packageName) : all;
  if (selected.length === 0) {
    throw new Error(
      `no Move package named "${packageName}" under ${root} (have: ${all.map((p) => p.name).join(', ')})`,
    );
  }
  return selected.map((pkg) => ({ pkg, shownDir: relative(root, pkg.dir), localDeps: [] }));
}

/** `dir` relative to the repository root when inside it (as a user would type it), else absolute. */
function fromRepoRoot(dir: string): string {
  const path = relative(REPO_ROOT, dir);
  if (path === '') return '.';
  return path.startsWith('..') || isAbsolute(path) ? dir : path;
}

function count(report: PackageTestReport): RunTotals {
  if (!report.compiled) return { passed: 0, failed: 1 };
  const passed = report.tests.filter((t) => t.passed).length;
  return { passed, failed: report.tests.length - passed };
}

function printReport(report: PackageTestReport, log: (line: string) => void): void {
  const seconds = (report.ms / 1000).toFixed(1);
  if (!report.compiled) {
    log(report.details);
    log(`${report.name}: FAILED TO COMPILE in ${seconds} s`);
    return;
  }
  for (const test of report.tests) log(`${test.passed ? 'PASS' : 'FAIL'} ${test.name}`);
  if (report.details) log(`\n${report.details}\n`);
  const { passed, failed } = count(report);
  const hidden = report.filteredOut > 0 ? `, ${report.filteredOut} filtered out` : '';
  const note = report.tests.length + report.filteredOut === 0 ? ' (compiled; no tests yet)' : '';
  log(`${report.name}: ${passed} passed, ${failed} failed${hidden} in ${seconds} s${note}`);
}

/** Run options for the script's package argument (a name under move/ or a directory); all packages without one. */
export function selectionFromArgument(packageArg: string | undefined): Pick<RunOptions, 'packageName' | 'packageDir'> {
  if (!packageArg) return {};
  const selection = selectPackage(
    packageArg,
    findPackages().map((p) => p.name),
  );
  return selection.by === 'name' ? { packageName: selection.name } : { packageDir: selection.dir };
}

// Run as a script (not when imported by the runner's own tests).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [packageArg, nameFilter] = process.argv.slice(2);
  // Exit only once stdout is flushed: when it is a pipe (CI), an immediate exit cuts off the last lines.
  const exitAfterFlush = (code: number) => process.stdout.write('', () => process.exit(code));
  // Inside a promise chain so a bad argument ends like any other failure, with the MOVE_TESTS line.
  Promise.resolve()
    .then(() => runMoveTests({ ...selectionFromArgument(packageArg), nameFilter }))
    .then(
      ({ failed }) => exitAfterFlush(failed === 0 ? 0 : 1),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        console.log('MOVE_TESTS passed=0 failed=1');
        exitAfterFlush(1);
      },
    );
}
