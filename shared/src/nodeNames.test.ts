import { describe, expect, it } from 'vitest';
import {
  describeNameWarning,
  displayNodeName,
  flagNodeNames,
  hasHiddenCharacters,
  MAX_DISPLAY_NAME_CHARS,
  nameKey,
  nameSkeleton,
  UNNAMED_NODE,
} from './nodeNames.ts';

const id = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

describe('displayNodeName', () => {
  it('leaves an ordinary printable name as it is', () => {
    expect(displayNodeName('Aurora Storage-1')).toBe('Aurora Storage-1');
    expect(displayNodeName('Café Nœud')).toBe('Café Nœud');
  });

  it('removes bidi overrides, isolates and marks that would reorder the text', () => {
    // "Node ‮1-arorua" would print as "Node aurora-1" reversed: the override is removed.
    expect(displayNodeName('Node \u202E1-arorua')).toBe('Node 1-arorua');
    for (const char of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(displayNodeName(`a${char}b`)).toBe('ab');
    }
    expect(displayNodeName('a\u200Eb\u200Fc\u061Cd')).toBe('abcd');
  });

  it('removes zero-width characters, the BOM, the soft hyphen and tag characters', () => {
    expect(displayNodeName('Au\u200Bro\u200Cra\u200D\u2060\uFEFF\u00AD-1')).toBe('Aurora-1');
    expect(displayNodeName('node\u{E0041}\u{E0042}')).toBe('node');
    // Default-ignorable code points: combining grapheme joiner, variation selectors, Hangul filler.
    expect(displayNodeName('a\u034Fb\uFE0Fc\u3164d\u{E0100}')).toBe('abcd');
  });

  it('removes control characters and turns line breaks and tabs into single spaces', () => {
    expect(displayNodeName('evil\u0000node\u0007\u001B[31m')).toBe('evilnode[31m');
    expect(displayNodeName('two\nlines\tand\u0085more\r\n')).toBe('two lines and more');
    expect(displayNodeName('  spaced \u00A0\u2003 out  ')).toBe('spaced out');
  });

  it('cuts piles of combining marks to two', () => {
    expect(displayNodeName('Z\u0301\u0302\u0303\u0304\u0305a')).toBe('Z\u0301\u0302a');
  });

  it(`caps the length at ${MAX_DISPLAY_NAME_CHARS} characters, counting code points, with an ellipsis`, () => {
    const long = 'x'.repeat(200);
    const shown = displayNodeName(long);
    expect(Array.from(shown)).toHaveLength(MAX_DISPLAY_NAME_CHARS);
    expect(shown.endsWith('…')).toBe(true);
    const emoji = '🐘'.repeat(MAX_DISPLAY_NAME_CHARS);
    expect(displayNodeName(emoji)).toBe(emoji);
  });

  it('shows "(unnamed node)" when nothing printable is left', () => {
    expect(displayNodeName('\u202E\u200B \u0000')).toBe(UNNAMED_NODE);
    expect(displayNodeName('')).toBe(UNNAMED_NODE);
  });

  it('tells whether a name holds hidden characters', () => {
    expect(hasHiddenCharacters('plain name')).toBe(false);
    expect(hasHiddenCharacters('a\u2067b')).toBe(true);
    expect(hasHiddenCharacters('a\u0000b')).toBe(true);
    // Twice in a row: no state kept between calls.
    expect(hasHiddenCharacters('a\u200Bb')).toBe(true);
    expect(hasHiddenCharacters('a\u200Bb')).toBe(true);
  });
});

describe('nameKey and nameSkeleton', () => {
  it('gives names that read the same one key: case, width, compatibility forms, spacing', () => {
    expect(nameKey('Aurora  Node')).toBe(nameKey('aurora node'));
    expect(nameKey('ＡＵＲＯＲＡ')).toBe(nameKey('aurora'));
    expect(nameKey('ℕode')).toBe(nameKey('Node'));
    expect(nameKey('Straße')).toBe(nameKey('STRASSE'));
    expect(nameKey('au\u200Brora')).toBe(nameKey('aurora'));
    expect(nameKey('aurora-1')).not.toBe(nameKey('aurora-l'));
  });

  it('gives names that look alike one skeleton: confusable digits and letters', () => {
    expect(nameSkeleton('node0')).toBe(nameSkeleton('nodeo'));
    expect(nameSkeleton('aurora-1')).toBe(nameSkeleton('aurora-l'));
    expect(nameSkeleton('aurora-1')).toBe(nameSkeleton('aurora-i'));
    expect(nameSkeleton('aurora-1')).toBe(nameSkeleton('AURORA-I'));
    expect(nameSkeleton('5tore')).toBe(nameSkeleton('store'));
    expect(nameSkeleton('modern')).toBe(nameSkeleton('rnodern'));
    expect(nameSkeleton('wave')).toBe(nameSkeleton('vvave'));
  });

  it('gives Cyrillic and Greek look-alikes and accented letters the Latin skeleton', () => {
    expect(nameSkeleton('аurora')).toBe(nameSkeleton('aurora')); // Cyrillic а
    expect(nameSkeleton('ΑΡΕΧ')).toBe(nameSkeleton('apex')); // Greek capitals
    expect(nameSkeleton('Aurörà')).toBe(nameSkeleton('aurora'));
  });

  it('ignores spacing and punctuation between the letters', () => {
    expect(nameSkeleton('node-a')).toBe(nameSkeleton('Node A'));
    expect(nameSkeleton('node_a')).toBe(nameSkeleton('node.a'));
  });

  it('keeps names that differ in a real letter or digit apart', () => {
    expect(nameSkeleton('aurora-1')).not.toBe(nameSkeleton('aurora-2'));
    expect(nameSkeleton('aurora-1')).not.toBe(nameSkeleton('aurora-11'));
    expect(nameSkeleton('boreal')).not.toBe(nameSkeleton('aurora'));
  });
});

describe('flagNodeNames', () => {
  it('flags every node of a duplicate pair, each naming the other', () => {
    const flags = flagNodeNames([
      { nodeId: id(1), name: 'Aurora' },
      { nodeId: id(2), name: 'aurora ' },
      { nodeId: id(3), name: 'Boreal' },
    ]);
    expect(flags.get(id(1))).toEqual({ warning: 'duplicate', similarNodeIds: [id(2)] });
    expect(flags.get(id(2))).toEqual({ warning: 'duplicate', similarNodeIds: [id(1)] });
    expect(flags.has(id(3))).toBe(false);
  });

  it('flags look-alikes that are not exact duplicates', () => {
    const flags = flagNodeNames([
      { nodeId: id(1), name: 'aurora-1' },
      { nodeId: id(2), name: 'aurora-l' },
      { nodeId: id(3), name: 'aurora-2' },
    ]);
    expect(flags.get(id(1))).toEqual({ warning: 'lookalike', similarNodeIds: [id(2)] });
    expect(flags.get(id(2))).toEqual({ warning: 'lookalike', similarNodeIds: [id(1)] });
    expect(flags.has(id(3))).toBe(false);
  });

  it('ranks a duplicate above a look-alike when a node has both', () => {
    const flags = flagNodeNames([
      { nodeId: id(1), name: 'Aurora' },
      { nodeId: id(2), name: 'AURORA' },
      { nodeId: id(3), name: 'Aur0ra' },
    ]);
    expect(flags.get(id(1))).toEqual({ warning: 'duplicate', similarNodeIds: [id(2)] });
    expect(flags.get(id(3))).toEqual({ warning: 'lookalike', similarNodeIds: [id(1), id(2)] });
  });

  it('catches a name that hides a zero-width or bidi character to pass for another', () => {
    const flags = flagNodeNames([
      { nodeId: id(1), name: 'Aurora' },
      { nodeId: id(2), name: 'Aur\u200Bora' },
    ]);
    expect(flags.get(id(2))).toEqual({ warning: 'duplicate', similarNodeIds: [id(1)] });
  });

  it('flags hidden characters in a name that resembles no other', () => {
    const flags = flagNodeNames([
      { nodeId: id(1), name: 'Aurora' },
      { nodeId: id(2), name: 'Bo\u202Ereal' },
    ]);
    expect(flags.get(id(2))).toEqual({ warning: 'hidden-characters', similarNodeIds: [] });
    expect(flags.has(id(1))).toBe(false);
  });

  it('does not pair names made only of punctuation', () => {
    const flags = flagNodeNames([
      { nodeId: id(1), name: '---' },
      { nodeId: id(2), name: '...' },
    ]);
    expect(flags.size).toBe(0);
  });

  it('says in words what to check', () => {
    expect(describeNameWarning({ warning: 'lookalike', similarNodeIds: [id(2)] })).toBe(
      'This name looks like the name of another node (0x0000…0002): check the node ID before you stake or vote.',
    );
    expect(describeNameWarning({ warning: 'duplicate', similarNodeIds: [id(2), id(3)] })).toContain(
      '2 other nodes have the same name',
    );
  });
});
