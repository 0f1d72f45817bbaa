// Compiles one Move package in test mode, runs its unit tests and turns the
// runner's text output into a report.
import { testMovePackage } from '@zktx.io/sui-move-builder/full';
import { compilerInput } from './builder.ts';
import { readPackageFiles, type PackageFiles } from './packageFiles.ts';
import { readManifest } from './packages.ts';

export interface TestCase {
  /** Fully qualified: `wal::wal_tests::burning_zero_changes_nothing`. */
  name: string;
  passed: boolean;
}

export interface PackageTestReport {
  name: string;
  dir: string;
  /** False when the package (or a test) did not compile: see `details`. */
  compiled: boolean;
  /** Tests that ran (those matching the filter, if any). */
  tests: TestCase[];
  /** Tests that ran but were hidden by the name filter. */
  filteredOut: number;
  /** Compiler diagnostics, or the runner's failure details; "" when all is well. */
  details: string;
  ms: number;
}

export interface TestOptions {
  /** Keep only tests whose qualified name contains this text. */
  nameFilter?: string;
  /** Use these files instead of reading `dir` (the dir still resolves local deps). */
  files?: PackageFiles;
}

/** One line per test in the runner output: `[ PASS    ] wal::wal_tests::name`. */
const TEST_LINE = /^\[ (PASS|FAIL|TIMEOUT)\s*\] (\S+)\s*$/;
/** The runner's closing line, present only if everything compiled. */
const RESULT_LINE = /^Test result: (OK|FAILED)\. Total tests: \d+/m;

/**
 * Most bytes of test modules compiled in one run. The runner loads a whole
 * package into one arena; past about 1.2 MB of test code every test of the
 * package fails with PACKAGE_ARENA_LIMIT_REACHED (seen with the generated
 * differential tests), so larger test suites run in batches of test files,
 * each with all of the package's sources.
 */
export const TEST_BATCH_BYTES = 700_000;

/** The package's files split into runs whose test modules stay under `budget` bytes. */
export function testBatches(files: PackageFiles, budget = TEST_BATCH_BYTES): PackageFiles[] {
  const tests = Object.keys(files)
    .filter((path) => path.startsWith('tests/'))
    .sort();
  const shared = Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith('tests/')));
  const batches: PackageFiles[] = [];
  let current: PackageFiles = { ...shared };
  let size = 0;
  for (const path of tests) {
    const bytes = Buffer.byteLength(files[path]!);
    if (size > 0 && size + bytes > budget) {
      batches.push(current);
      current = { ...shared };
      size = 0;
    }
    current[path] = files[path]!;
    size += bytes;
  }
  batches.push(current);
  return batches;
}

export async function testPackage(dir: string, options: TestOptions = {}): Promise<PackageTestReport> {
  const files = options.files ?? readPackageFiles(dir, true);
  const reports = [];
  for (const batch of testBatches(files)) reports.push(await testOneRun(dir, batch, options));
  if (reports.length === 1) return reports[0]!;
  return {
    ...reports[0]!,
    compiled: reports.every((r) => r.compiled),
    tests: reports.flatMap((r) => r.tests),
    filteredOut: reports.reduce((sum, r) => sum + r.filteredOut, 0),
    details: reports
      .map((r) => r.details)
      .filter(Boolean)
      .join('\n'),
    ms: reports.reduce((sum, r) => sum + r.ms, 0),
  };
}

async function testOneRun(dir: string, files: PackageFiles, options: TestOptions): Promise<PackageTestReport> {
  const started = performance.now();
  const { name } = readManifest(dir);
  const result = await testMovePackage(await compilerInput(dir, files, 'test'));
  const ms = Math.round(performance.now() - started);

  if ('error' in result) {
    // Dependency resolution, WASM or runner failure: nothing ran.
    return {
      name,
      dir,
      compiled: false,
      tests: [],
      filteredOut: 0,
      details: `${result.category ?? 'error'}: ${result.error}`,
      ms,
    };
  }
  if (!RESULT_LINE.test(result.output)) {
    // No closing line: the compiler stopped; the output is its diagnostics.
    return { name, dir, compiled: false, tests: [], filteredOut: 0, details: result.output.trim(), ms };
  }
  const all = parseTestLines(result.output);
  const tests = options.nameFilter ? all.filter((t) => t.name.includes(options.nameFilter!)) : all;
  const failuresAt = result.output.indexOf('Test failures:');
  const details = tests.some((t) => !t.passed) && failuresAt >= 0 ? result.output.slice(failuresAt).trim() : '';
  return { name, dir, compiled: true, tests, filteredOut: all.length - tests.length, details, ms };
}

export function parseTestLines(output: string): TestCase[] {
  return output.split('\n').flatMap((line) => {
    const match = TEST_LINE.exec(line);
    return match ? [{ name: match[2]!, passed: match[1] === 'PASS' }] : [];
  });
}
