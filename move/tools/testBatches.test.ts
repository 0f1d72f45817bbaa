import { describe, expect, it } from 'vitest';
import { testBatches } from './testBatches.ts';

describe('testBatches', () => {
  it('keeps a package without differential tests in one run', () => {
    const files = { 'Move.toml': '', 'sources/a.move': '', 'tests/a_tests.move': '' };
    expect(testBatches(files)).toEqual([files]);
  });

  it('runs generated differential tests apart, with the sources and no other test', () => {
    const files = {
      'Move.toml': 'm',
      'sources/a.move': 'a',
      'tests/a_tests.move': 't',
      'tests/generated/event_bcs_tests.move': 'e',
      'tests/generated/differential_0.move': 'd0',
      'tests/generated/differential_12.move': 'd12',
    };
    const [main, differential] = testBatches(files);
    expect(Object.keys(main!).sort()).toEqual([
      'Move.toml',
      'sources/a.move',
      'tests/a_tests.move',
      'tests/generated/event_bcs_tests.move',
    ]);
    expect(Object.keys(differential!).sort()).toEqual([
      'Move.toml',
      'sources/a.move',
      'tests/generated/differential_0.move',
      'tests/generated/differential_12.move',
    ]);
  });
});
