// Reads a Move package from disk into the in-memory `path -> content` map the
// compiler takes (it never reads the filesystem itself).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Files of one Move package, keyed by path relative to the package root. */
export type PackageFiles = Record<string, string>;

/**
 * What a compile is for, which decides the files of local packages it reads:
 * `test` reads tests/ of the root package and of every local dependency (a
 * dependency's `#[test_only]` helpers in tests/ must be callable from the
 * root's tests, as under `sui move test`); `publish` reads sources/ only.
 */
export type CompileMode = 'test' | 'publish';

/**
 * Move.toml, Published.toml (if any) and every .move file under sources/ —
 * plus tests/ when `withTests` (test-only code is never part of a publish).
 * Move.lock is left out on purpose: resolution is always from Move.toml, so a
 * lock written by a real `sui` CLI cannot pin the offline framework elsewhere.
 */
export function readPackageFiles(packageDir: string, withTests: boolean): PackageFiles {
  const files: PackageFiles = {};
  for (const name of ['Move.toml', 'Published.toml']) {
    const path = join(packageDir, name);
    if (existsSync(path)) files[name] = readFileSync(path, 'utf8');
  }
  if (!files['Move.toml']) throw new Error(`${packageDir} is not a Move package: it has no Move.toml`);
  for (const folder of withTests ? ['sources', 'tests'] : ['sources']) {
    for (const path of moveFilesUnder(join(packageDir, folder))) {
      files[relative(packageDir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  }
  return files;
}

function moveFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.move'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
