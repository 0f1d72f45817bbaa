import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateDifferentialTests } from './generate.ts';

describe('differential Move tests (devnet simulator vs the Move package)', () => {
  const files = generateDifferentialTests();

  it('has at least 20 scenarios, each ending in success or a Move abort', () => {
    expect(files.size).toBeGreaterThanOrEqual(20);
    for (const contents of files.values())
      expect(contents).toMatch(/#\[test(, expected_failure\(abort_code = \w+::\w+::E\w+\))?\]/);
  });

  it('are up to date with the simulator (regenerate: npx tsx devnet/differential/generate.ts)', () => {
    const onDisk = existsSync(GENERATED_DIR)
      ? readdirSync(GENERATED_DIR)
          .filter((f) => /^differential_\d+\.move$/.test(f))
          .sort()
      : [];
    expect(onDisk).toEqual([...files.keys()].sort());
    for (const [name, contents] of files) {
      expect(readFileSync(join(GENERATED_DIR, name), 'utf8'), `${name} is stale`).toBe(contents);
    }
  });
});
