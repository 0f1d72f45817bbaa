// The Move test runner itself: it must report real counts for a passing
// package and surface the compiler's diagnostics (not swallow them) for a
// broken one. Each case compiles a copy of move/wal (~3 s).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MOVE_ROOT } from './packages.ts';
import { runMoveTests } from './test.ts';
import { parseTestLines } from './testPackage.ts';

const COMPILE_TIMEOUT_MS = 60_000;
const tempRoots: string[] = [];

/** A fresh folder holding a copy of move/wal, as the only package. */
function copyOfWal(): { root: string; walDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'tusk-move-runner-'));
  tempRoots.push(root);
  const walDir = join(root, 'wal');
  cpSync(join(MOVE_ROOT, 'wal'), walDir, { recursive: true });
  return { root, walDir };
}

async function run(root: string): Promise<{ passed: number; failed: number; output: string }> {
  const lines: string[] = [];
  const totals = await runMoveTests({ root, log: (line) => lines.push(line) });
  return { ...totals, output: lines.join('\n') };
}

afterAll(() => {
  for (const root of tempRoots) rmSync(root, { recursive: true, force: true });
});

describe('Move test runner', () => {
  it('reports each test of a passing package and its count', { timeout: COMPILE_TIMEOUT_MS }, async () => {
    const { root, walDir } = copyOfWal();
    const declared = readFileSync(join(walDir, 'tests/wal_tests.move'), 'utf8').match(/^#\[test\b/gm)?.length ?? 0;

    const { passed, failed, output } = await run(root);

    expect(declared).toBeGreaterThanOrEqual(8);
    expect({ passed, failed }).toEqual({ passed: declared, failed: 0 });
    expect(output).toContain('PASS wal::wal_tests::publisher_receives_the_whole_supply_of_5_billion_wal');
    expect(output).toContain(`wal: ${declared} passed, 0 failed`);
    expect(output.trimEnd().split('\n').at(-1)).toBe(`MOVE_TESTS passed=${declared} failed=0`);
  });

  it(
    "fails with the compiler's diagnostic when a source has a type error",
    { timeout: COMPILE_TIMEOUT_MS },
    async () => {
      const { root, walDir } = copyOfWal();
      const source = join(walDir, 'sources/wal.move');
      const broken = readFileSync(source, 'utf8').replace(
        'treasury.cap.total_supply()',
        'treasury.cap.total_supply() + true',
      );
      writeFileSync(source, broken);

      const { passed, failed, output } = await run(root);

      expect({ passed, failed }).toEqual({ passed: 0, failed: 1 });
      expect(output).toContain('error[E04007]: incompatible types');
      expect(output).toContain('sources/wal.move');
      expect(output).toContain('wal: FAILED TO COMPILE');
      expect(output.trimEnd().split('\n').at(-1)).toBe('MOVE_TESTS passed=0 failed=1');
    },
  );

  it("reads PASS, FAIL and TIMEOUT lines from the Move runner's output", () => {
    const output = [
      'Running Move unit tests',
      '[ PASS    ] wal::wal_tests::a',
      '[ FAIL    ] wal::wal_tests::b',
      '[ TIMEOUT ] wal::wal_tests::c',
      'Test result: FAILED. Total tests: 3; passed: 1; failed: 2',
    ].join('\n');
    expect(parseTestLines(output)).toEqual([
      { name: 'wal::wal_tests::a', passed: true },
      { name: 'wal::wal_tests::b', passed: false },
      { name: 'wal::wal_tests::c', passed: false },
    ]);
  });
});
