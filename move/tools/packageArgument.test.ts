import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { looksLikePath, searchBases, selectPackage } from './packageArgument.ts';
import { MOVE_ROOT, REPO_ROOT } from './packages.ts';

const USER_PKG = join(MOVE_ROOT, 'tools/fixtures/user_pkg');
const NAMES = ['wal', 'tusk', 'tusk_differential'];
const tempRoots: string[] = [];

/** A fresh folder (holding a Move package at `packagePath`, if given). */
function withPackage(packagePath?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'tusk-package-argument-'));
  tempRoots.push(root);
  if (packagePath) {
    mkdirSync(join(root, packagePath), { recursive: true });
    writeFileSync(join(root, packagePath, 'Move.toml'), '[package]\nname = "pkg"\n');
  }
  return root;
}

const empty = withPackage();

afterAll(() => {
  for (const root of tempRoots) rmSync(root, { recursive: true, force: true });
});

describe('selectPackage', () => {
  it('selects a package under move/ by its name, even where a folder has that name', () => {
    expect(selectPackage('wal', NAMES, [MOVE_ROOT])).toEqual({ by: 'name', name: 'wal' });
  });

  it('finds a directory relative to the repository root', () => {
    expect(selectPackage('move/tools/fixtures/user_pkg', NAMES, [empty, REPO_ROOT])).toEqual({
      by: 'dir',
      dir: USER_PKG,
    });
  });

  it('finds a directory relative to the current folder', () => {
    expect(selectPackage('./user_pkg', NAMES, [join(MOVE_ROOT, 'tools/fixtures'), REPO_ROOT])).toEqual({
      by: 'dir',
      dir: USER_PKG,
    });
  });

  it('prefers the first folder tried when several hold a package at that path', () => {
    const [first, second] = [withPackage('pkg'), withPackage('pkg')];
    expect(selectPackage('./pkg', NAMES, [empty, first, second])).toEqual({ by: 'dir', dir: join(first, 'pkg') });
  });

  it('takes an absolute directory as it is', () => {
    expect(selectPackage(USER_PKG, NAMES, [empty])).toEqual({ by: 'dir', dir: USER_PKG });
  });

  it('takes a bare word that is no package name as a directory', () => {
    expect(selectPackage('user_pkg', NAMES, [join(MOVE_ROOT, 'tools/fixtures')])).toEqual({
      by: 'dir',
      dir: USER_PKG,
    });
  });

  it('says what it tried when a path holds no Move package', () => {
    expect(() => selectPackage('move/tools', NAMES, [REPO_ROOT])).toThrow(
      `no Move package at move/tools: none of ${join(REPO_ROOT, 'move/tools')} has a Move.toml`,
    );
  });

  it('lists the package names when a name matches nothing', () => {
    expect(() => selectPackage('walrus', NAMES, [empty])).toThrow(
      'no Move package named "walrus" under move/ (have: wal, tusk, tusk_differential)',
    );
  });
});

describe('searchBases', () => {
  it("tries npm's starting folder, then the current folder, then the repository root, once each", () => {
    expect(searchBases({ INIT_CWD: '/a' }, '/b')).toEqual(['/a', '/b', REPO_ROOT]);
    expect(searchBases({}, REPO_ROOT)).toEqual([REPO_ROOT]);
  });
});

describe('looksLikePath', () => {
  it('treats slashes, dots and absolute paths as paths and a bare word as a name', () => {
    expect(['./x', 'a/b', '.', '..', '/abs', 'a\\b'].map(looksLikePath)).toEqual([true, true, true, true, true, true]);
    expect(looksLikePath('tusk_differential')).toBe(false);
  });
});
