import { describe, expect, it } from 'vitest';
import { testBatches } from './testPackage.ts';

describe('testBatches', () => {
  const files = {
    'Move.toml': '[package]',
    'sources/a.move': 'module a;',
    'tests/t1.move': 'x'.repeat(400),
    'tests/t2.move': 'y'.repeat(400),
    'tests/t3.move': 'z'.repeat(100),
  };

  it('keeps a small package in one run', () => {
    expect(testBatches(files, 10_000)).toEqual([files]);
  });

  it('splits test modules into runs under the budget, each with every source, each test once', () => {
    const batches = testBatches(files, 600);
    expect(batches.map((b) => Object.keys(b).filter((p) => p.startsWith('tests/')))).toEqual([
      ['tests/t1.move'],
      ['tests/t2.move', 'tests/t3.move'],
    ]);
    for (const batch of batches) {
      expect(batch['Move.toml']).toBe('[package]');
      expect(batch['sources/a.move']).toBe('module a;');
    }
  });

  it('runs a test module larger than the budget on its own rather than dropping it', () => {
    expect(testBatches(files, 50).map((b) => Object.keys(b).filter((p) => p.startsWith('tests/')))).toEqual([
      ['tests/t1.move'],
      ['tests/t2.move'],
      ['tests/t3.move'],
    ]);
  });
});
