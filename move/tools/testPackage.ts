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

export async function testPackage(dir: string, options: TestOptions = {}): Promise<PackageTestReport> {
  const started = performance.now();
  const { name } = readManifest(dir);
  const files = options.files ?? readPackageFiles(dir, true);
  const result = await testMovePackage(await compilerInput(dir, files));
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
