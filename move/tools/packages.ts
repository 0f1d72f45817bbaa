// Finds Move packages — those under move/, or one anywhere on disk with its
// local dependencies — and orders them so that every package comes after the
// local packages it depends on (wal before tusk).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

/** A Move package on disk. */
export interface MovePackageDir {
  /** `[package] name` from Move.toml. */
  name: string;
  dir: string;
  /** Absolute dirs of its `{ local = "..." }` dependencies. */
  localDeps: string[];
  /** Has an on-chain address: a Published.toml (Sui CLI >= 1.63) or `published-at`. */
  published: boolean;
}

export const MOVE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root (the folder holding move/). */
export const REPO_ROOT = resolve(MOVE_ROOT, '..');

/** Whether `dir` holds a Move package (has a Move.toml). */
export function isMovePackage(dir: string): boolean {
  return existsSync(join(dir, 'Move.toml'));
}

/** Reads name and local dependencies from `<dir>/Move.toml`. */
export function readManifest(dir: string): MovePackageDir {
  const manifestPath = join(dir, 'Move.toml');
  if (!isMovePackage(dir)) throw new Error(`${resolve(dir)} is not a Move package: it has no Move.toml`);
  const manifest = parse(readFileSync(manifestPath, 'utf8')) as {
    package?: { name?: unknown; 'published-at'?: unknown };
    dependencies?: Record<string, unknown>;
    'dev-dependencies'?: Record<string, unknown>;
  };
  const name = manifest.package?.name;
  if (typeof name !== 'string') throw new Error(`${manifestPath} has no [package] name`);
  const deps = { ...manifest.dependencies, ...manifest['dev-dependencies'] };
  const localDeps = Object.values(deps).flatMap((dep) =>
    typeof dep === 'object' && dep !== null && 'local' in dep && typeof dep.local === 'string'
      ? [resolve(dir, dep.local)]
      : [],
  );
  const published = existsSync(join(dir, 'Published.toml')) || typeof manifest.package?.['published-at'] === 'string';
  return { name, dir: resolve(dir), localDeps, published };
}

/** Every direct subfolder of `root` with a Move.toml, dependencies first. */
export function findPackages(root: string = MOVE_ROOT): MovePackageDir[] {
  const found = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isMovePackage(join(root, entry.name)))
    .map((entry) => readManifest(join(root, entry.name)))
    .sort((a, b) => a.name.localeCompare(b.name));
  // Only dependencies among the found packages are ordered; others (none today) are the compiler's concern.
  const byDir = new Map(found.map((p) => [p.dir, p]));
  return dependencyOrder(found, (dir) => byDir.get(dir));
}

/**
 * The package in `dir` and, transitively, every local dependency its Move.toml
 * names (`{ local = "..." }`, relative to the package that declares it), read
 * from disk wherever they are: dependencies first, the package itself last.
 * Throws if a named dependency folder is not a Move package.
 */
export function withLocalDependencies(dir: string): MovePackageDir[] {
  const root = readManifest(dir);
  const read = new Map<string, MovePackageDir>([[root.dir, root]]);
  const lookup = (depDir: string, declaredBy: MovePackageDir): MovePackageDir => {
    let pkg = read.get(depDir);
    if (!pkg) {
      if (!isMovePackage(depDir)) {
        throw new Error(
          `${declaredBy.name} (${declaredBy.dir}) has a local dependency at ${depDir}, which has no Move.toml`,
        );
      }
      pkg = readManifest(depDir);
      read.set(depDir, pkg);
    }
    return pkg;
  };
  return dependencyOrder([root], lookup);
}

/**
 * Orders `packages` (and the local dependencies `lookup` returns for them)
 * dependencies first; a dependency `lookup` does not know is skipped.
 */
function dependencyOrder(
  packages: MovePackageDir[],
  lookup: (depDir: string, declaredBy: MovePackageDir) => MovePackageDir | undefined,
): MovePackageDir[] {
  const ordered: MovePackageDir[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (pkg: MovePackageDir, path: string[]): void => {
    if (state.get(pkg.dir) === 'done') return;
    if (state.get(pkg.dir) === 'visiting') {
      throw new Error(`dependency cycle between Move packages: ${[...path, pkg.name].join(' -> ')}`);
    }
    state.set(pkg.dir, 'visiting');
    for (const dep of pkg.localDeps) {
      const local = lookup(dep, pkg);
      if (local) visit(local, [...path, pkg.name]);
    }
    state.set(pkg.dir, 'done');
    ordered.push(pkg);
  };
  for (const pkg of packages) visit(pkg, []);
  return ordered;
}
