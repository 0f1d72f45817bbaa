// The runner on a Move package given by directory (not under move/), using the
// fixtures in move/tools/fixtures: user_pkg's test calls
// helper_dep::test_helpers, a #[test_only] module in helper_dep's tests/.
// Test mode must compile that dependency with its tests/; a publish build must
// not. Each compile takes 1-3 s.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from './buildPackage.ts';
import { compilerInput } from './builder.ts';
import { readPackageFiles, type CompileMode } from './packageFiles.ts';
import { findPackages, MOVE_ROOT } from './packages.ts';
import { runMoveTests } from './test.ts';

const COMPILE_TIMEOUT_MS = 60_000;
const FIXTURES = join(MOVE_ROOT, 'tools/fixtures');
const USER_PKG = join(FIXTURES, 'user_pkg');

/** The files the compiler gets for user_pkg's local dependency helper_dep in `mode`. */
async function helperDepFilesFor(mode: CompileMode): Promise<string[]> {
  const input = await compilerInput(USER_PKG, readPackageFiles(USER_PKG, mode === 'test'), mode);
  const files = await input.fetcher!.fetchLocal!('../helper_dep', {
    dependencyName: 'helper_dep',
    parentPackageName: 'user_pkg',
    network: 'mainnet',
  });
  return Object.keys(files).sort();
}

describe('Move test runner on a package given by directory', () => {
  it(
    "passes a test that uses a #[test_only] helper from a local dependency's tests/",
    { timeout: COMPILE_TIMEOUT_MS },
    async () => {
      const lines: string[] = [];
      const totals = await runMoveTests({ packageDir: USER_PKG, log: (line) => lines.push(line) });
      const output = lines.join('\n');

      expect(totals, output).toEqual({ passed: 1, failed: 0 });
      expect(output).toContain('== user_pkg (move/tools/fixtures/user_pkg/), with local dependencies helper_dep');
      expect(output).toContain('PASS user_pkg::bonus_tests::a_bonus_on_a_tally_of_5_makes_15');
      // helper_dep's own test compiles with it but is not run or counted.
      expect(output).not.toContain('helper_dep::tally_tests');
      expect(output.trimEnd().split('\n').at(-1)).toBe('MOVE_TESTS passed=1 failed=0');
    },
  );

  it('serves local dependencies with their tests/ in test mode and without in publish mode', async () => {
    expect(await helperDepFilesFor('test')).toEqual([
      'Move.toml',
      'sources/tally.move',
      'tests/tally_tests.move',
      'tests/test_helpers.move',
    ]);
    expect(await helperDepFilesFor('publish')).toEqual(['Move.toml', 'sources/tally.move']);
  });

  it('builds user_pkg for publishing from sources alone', { timeout: COMPILE_TIMEOUT_MS }, async () => {
    const { artifact } = await buildPackage(USER_PKG);

    expect(artifact.package).toBe('user_pkg');
    expect(artifact.modules).toHaveLength(1); // user_pkg::bonus; no test module of either package
    expect(artifact.unpublishedDependencies).toEqual(['helper_dep']);
    for (const module of artifact.modules) expect(Buffer.from(module, 'base64').includes('test_helpers')).toBe(false);
  });

  it('leaves the fixtures out of the default run over move/', () => {
    const names = findPackages().map((p) => p.name);
    expect(names).toContain('wal');
    expect(names).not.toContain('user_pkg');
    expect(names).not.toContain('helper_dep');
  });
});
