/**
 * `npm test`: every suite of the project, one after another, then one line
 * `N passed, N failed` summed over all of them. Exits non-zero when any test
 * fails or any suite cannot report its counts (a crash is a failure too).
 *
 * Suites report their counts as a line `TESTS passed=N failed=M` (the Move
 * runner and the e2e runner) or through Vitest's JSON report.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  /** Set when the suite ended without reporting counts it could be trusted for. */
  broken?: string;
}

interface Suite {
  name: string;
  command: string[];
  /** A suite whose entry point does not exist yet is not run (and says so). */
  entry?: string;
  counts(output: string): { passed: number; failed: number } | undefined;
}

const countsLine = /^(?:MOVE_TESTS|E2E_TESTS) passed=(\d+) failed=(\d+)$/m;

function fromCountsLine(output: string) {
  const match = countsLine.exec(output);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
}

const vitestReport = join(mkdtempSync(join(tmpdir(), 'tusk-vitest-')), 'report.json');

const suites: Suite[] = [
  { name: 'move', command: ['npm', 'run', '--silent', 'test:move'], counts: fromCountsLine },
  {
    name: 'typescript',
    command: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
    counts() {
      try {
        const report = JSON.parse(readFileSync(vitestReport, 'utf8')) as {
          numPassedTests: number;
          numFailedTests: number;
          testResults: { status: string; assertionResults: unknown[] }[];
        };
        // A test file that fails to load counts as a failure even though it ran no test.
        const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
        return { passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles.length };
      } catch {
        return undefined;
      }
    },
  },
  { name: 'e2e', command: ['npm', 'run', '--silent', 'test:e2e'], entry: 'test/e2e/run.ts', counts: fromCountsLine },
];

function run(suite: Suite): Promise<SuiteResult> {
  console.log(`\n=== ${suite.name}: ${suite.command.join(' ')}`);
  return new Promise((resolve) => {
    const [cmd, ...args] = suite.command as [string, ...string[]];
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('close', (code) => {
      const counts = suite.counts(output);
      if (!counts) {
        resolve({ name: suite.name, passed: 0, failed: 1, broken: `exited ${code} without reporting its counts` });
      } else if (code !== 0 && counts.failed === 0) {
        resolve({ name: suite.name, ...counts, failed: 1, broken: `exited ${code} although no test failed` });
      } else {
        resolve({ name: suite.name, ...counts });
      }
    });
  });
}

const only = process.argv.slice(2);
const results: SuiteResult[] = [];
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  if (suite.entry && !existsSync(suite.entry)) {
    console.log(`\n=== ${suite.name}: not present yet (${suite.entry})`);
    continue;
  }
  results.push(await run(suite));
}

console.log('\n=== summary');
for (const r of results) {
  console.log(`${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed${r.broken ? ` (${r.broken})` : ''}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
