// Reads the package argument of `npm run test:move -- <package>`: either the
// `[package] name` of a package under move/ (`wal`, `tusk_differential`) or
// the directory of any Move package on disk (a fixture, a scratch package).
//
// A bare word is a name first, so `wal` keeps meaning move/wal whatever the
// current directory; anything with a slash (or `.`/`..`, or absolute) is a
// path. A relative path is tried against the directory npm was started from
// (npm runs the script in move/, and passes the caller's directory as
// INIT_CWD), then the current directory, then the repository root.
import { isAbsolute, resolve } from 'node:path';
import { isMovePackage, REPO_ROOT } from './packages.ts';

export type PackageSelection = { by: 'name'; name: string } | { by: 'dir'; dir: string };

/** Folders a relative package path is tried against, in order, without repeats. */
export function searchBases(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): string[] {
  const bases = [env.INIT_CWD, cwd, REPO_ROOT].filter((base): base is string => Boolean(base));
  return [...new Set(bases.map((base) => resolve(base)))];
}

export function looksLikePath(arg: string): boolean {
  return isAbsolute(arg) || /[\\/]/.test(arg) || arg === '.' || arg === '..';
}

/**
 * What `arg` selects, given the `names` of the packages under move/.
 * Throws a message listing what was tried when it is neither.
 */
export function selectPackage(arg: string, names: string[], bases: string[] = searchBases()): PackageSelection {
  const pathLike = looksLikePath(arg);
  if (!pathLike && names.includes(arg)) return { by: 'name', name: arg };

  const candidates = isAbsolute(arg) ? [resolve(arg)] : [...new Set(bases.map((base) => resolve(base, arg)))];
  const dir = candidates.find(isMovePackage);
  if (dir) return { by: 'dir', dir };

  const tried = candidates.join(', ');
  throw new Error(
    pathLike
      ? `no Move package at ${arg}: none of ${tried} has a Move.toml`
      : `no Move package named "${arg}" under move/ (have: ${names.join(', ')}), ` +
          `and none of ${tried} has a Move.toml`,
  );
}
