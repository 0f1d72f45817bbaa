// Finds the Move packages under move/ and orders them so that every package
// comes after the local packages it depends on (wal before tusk).
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

/** Reads name and local dependencies from `<dir>/Move.toml`. */
export function readManifest(dir: string): MovePackageDir {
  const manifestPath = join(dir, 'Move.toml');
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
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'Move.toml')))
    .map((entry) => readManifest(join(root, entry.name)))
    .sort((a, b) => a.name.localeCompare(b.name));
  return dependencyOrder(found);
}

function dependencyOrder(packages: MovePackageDir[]): MovePackageDir[] {
  const byDir = new Map(packages.map((p) => [p.dir, p]));
  const ordered: MovePackageDir[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (pkg: MovePackageDir, path: string[]): void => {
    if (state.get(pkg.dir) === 'done') return;
    if (state.get(pkg.dir) === 'visiting') {
      throw new Error(`dependency cycle between Move packages: ${[...path, pkg.name].join(' -> ')}`);
    }
    state.set(pkg.dir, 'visiting');
    for (const dep of pkg.localDeps) {
      const local = byDir.get(dep);
      if (local) visit(local, [...path, pkg.name]);
    }
    state.set(pkg.dir, 'done');
    ordered.push(pkg);
  };
  for (const pkg of packages) visit(pkg, []);
  return ordered;
}
