import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MOVE_ROOT, withLocalDependencies } from './packages.ts';

const tempRoots: string[] = [];

/** A folder of packages, each `name -> local dependency folders`, with only a Move.toml. */
function packagesOnDisk(graph: Record<string, string[]>): string {
  const root = mkdtempSync(join(tmpdir(), 'tusk-move-packages-'));
  tempRoots.push(root);
  for (const [name, deps] of Object.entries(graph)) {
    mkdirSync(join(root, name));
    const lines = [`[package]`, `name = "${name}"`, `edition = "2024"`, `[dependencies]`];
    for (const dep of deps) lines.push(`${dep} = { local = "../${dep}" }`);
    writeFileSync(join(root, name, 'Move.toml'), `${lines.join('\n')}\n`);
  }
  return root;
}

afterAll(() => {
  for (const root of tempRoots) rmSync(root, { recursive: true, force: true });
});

describe('withLocalDependencies', () => {
  it('follows local dependencies outside move/, dependencies first', () => {
    const graph = withLocalDependencies(join(MOVE_ROOT, 'tools/fixtures/user_pkg'));
    expect(graph.map((p) => p.name)).toEqual(['helper_dep', 'user_pkg']);
  });

  it('follows them transitively and lists a shared dependency once', () => {
    const root = packagesOnDisk({ app: ['lib', 'base'], lib: ['base'], base: [] });
    expect(withLocalDependencies(join(root, 'app')).map((p) => p.name)).toEqual(['base', 'lib', 'app']);
  });

  it('names the package whose local dependency has no Move.toml', () => {
    const root = packagesOnDisk({ app: ['gone'] });
    expect(() => withLocalDependencies(join(root, 'app'))).toThrow(
      `app (${join(root, 'app')}) has a local dependency at ${join(root, 'gone')}, which has no Move.toml`,
    );
  });

  it('reports a dependency cycle', () => {
    const root = packagesOnDisk({ a: ['b'], b: ['a'] });
    expect(() => withLocalDependencies(join(root, 'a'))).toThrow('dependency cycle between Move packages: a -> b -> a');
  });
});
