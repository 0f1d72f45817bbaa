/**
 * Storage node names as people see them. A name is free text chosen by the
 * operator: the Move code now limits new names to printable ASCII, but old
 * events and other deployments may carry anything, including characters that
 * reorder or hide text (bidi overrides, zero-width joiners) and names made to
 * pass for another node's ("Aurora-1" and "Aurora-l").
 *
 * This is the one module that decides how a name is shown and which names are
 * confusable; the API and the dashboard call it, the database keeps the raw
 * name as it was emitted.
 *
 * - `displayNodeName(raw)`: what to print — control and invisible characters
 *   removed, runs of spacing collapsed, at most `MAX_DISPLAY_NAME_CHARS`.
 * - `nameKey(raw)`: equal for names that read the same (NFKC, case-folded,
 *   spacing collapsed): "duplicate".
 * - `nameSkeleton(raw)`: equal for names that look alike (also confusable
 *   letters and digits such as 0/o, 1/l/i, 5/s, rn/m, and separators ignored):
 *   "lookalike".
 * - `flagNodeNames(nodes)`: the warning for each node whose name is a
 *   duplicate or look-alike of another's, or that had hidden characters.
 */
import { shortId } from './format.ts';

/** Longest name shown, in characters (code points); longer names end with "…". */
export const MAX_DISPLAY_NAME_CHARS = 64;

/** Shown when nothing printable is left of a name. */
export const UNNAMED_NODE = '(unnamed node)';

/**
 * Characters that print nothing or change how the text around them prints:
 * controls (C0, DEL, C1), format characters (bidi embeddings, overrides and
 * isolates U+202A–U+202E and U+2066–U+2069, marks U+200E/U+200F/U+061C,
 * zero-width U+200B–U+200D, word joiner, BOM, soft hyphen, tags), lone
 * surrogates, Unicode's default-ignorable code points (variation selectors,
 * the combining grapheme joiner, Hangul fillers...) and the blank Braille
 * pattern.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/gu;

const HAS_INVISIBLE = new RegExp(INVISIBLE.source, 'u');

/** Controls that break lines or tab: shown as a space rather than gluing the words around them. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

/** `raw` with line breaks and tabs as spaces and every other invisible character removed. */
function stripInvisible(raw: string): string {
  return raw.replace(BREAKS, ' ').replace(INVISIBLE, '');
}

/** Any run of spacing (every Unicode space separator, line and paragraph separators). */
const SPACING = /[\s\p{Z}]+/gu;

/** More than two combining marks in a row ("Zalgo" text that draws over its neighbours). */
const MARK_PILES = /(\p{M}{2})\p{M}+/gu;

/** Whether `raw` holds characters `displayNodeName` removes (controls, bidi, zero-width...). */
export function hasHiddenCharacters(raw: string): boolean {
  return HAS_INVISIBLE.test(raw);
}

/**
 * `raw` made safe to print: invisible and control characters removed, all
 * spacing turned into single spaces, trimmed, piles of combining marks cut to
 * two, and at most `MAX_DISPLAY_NAME_CHARS` characters ("…" marks a cut).
 * A name with nothing printable left shows as `UNNAMED_NODE`.
 */
export function displayNodeName(raw: string): string {
  const cleaned = stripInvisible(raw).replace(SPACING, ' ').replace(MARK_PILES, '$1').trim();
  if (cleaned === '') return UNNAMED_NODE;
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_DISPLAY_NAME_CHARS) return cleaned;
  return `${chars
    .slice(0, MAX_DISPLAY_NAME_CHARS - 1)
    .join('')
    .trimEnd()}…`;
}

/** `displayNodeName` of a name that may be missing (a node the index does not know): null stays null. */
export function displayNodeNameOrNull(raw: string | null): string | null {
  return raw === null ? null : displayNodeName(raw);
}

/** Case folding beyond `toLowerCase`: the letters whose folded form differs. */
const FOLD: Record<string, string> = { ß: 'ss', ẞ: 'ss', ς: 'σ', ı: 'i', ſ: 's' };

/**
 * The form two names share when they read the same: NFKC (so "ｆｕｌｌ" and
 * "ℕode" become "full" and "Node"), hidden characters removed, case-folded,
 * spacing collapsed and trimmed.
 */
export function nameKey(raw: string): string {
  return stripInvisible(raw)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[ßẞςıſ]/g, (char) => FOLD[char] ?? char)
    .normalize('NFKC')
    .replace(SPACING, ' ')
    .trim();
}

/**
 * Letters of other scripts that print like Latin ones (Cyrillic, Greek,
 * Armenian, IPA) and digits and symbols read as letters, each mapped to one
 * Latin letter. Applied after case folding and NFKD without marks.
 */
const CONFUSABLE: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  г: 'r',
  һ: 'h',
  і: 'l',
  ї: 'l',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ь: 'b',
  // Greek
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'l',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  σ: 'o',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  // Armenian and IPA
  օ: 'o',
  ս: 'u',
  ց: 'g',
  ɡ: 'g',
  ɑ: 'a',
  ɩ: 'l',
  // Digits and symbols read as letters
  '0': 'o',
  '1': 'l',
  i: 'l',
  '|': 'l',
  '!': 'l',
  '2': 'z',
  '3': 'e',
  '4': 'a',
  '@': 'a',
  '5': 's',
  $: 's',
  '6': 'b',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

/** Letter pairs that print like one letter, replaced after single letters are mapped. */
const CONFUSABLE_PAIRS: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
];

/**
 * The form two names share when they look alike: `nameKey`, accents dropped
 * (NFKD without combining marks), confusable letters and digits mapped to one
 * Latin letter ("0"→"o", "1"/"i"/"|"→"l", "5"→"s", Cyrillic "а"→"a"), letter
 * pairs read as one ("rn"→"m", "vv"→"w"), and spacing and punctuation
 * ignored ("node-a", "Node A" and "node_a" share "nodea").
 */
export function nameSkeleton(raw: string): string {
  let skeleton = nameKey(raw)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\p{L}\p{N}\p{S}\p{P}]/gu, (char) => CONFUSABLE[char] ?? char)
    .replace(/[^\p{L}\p{N}]/gu, '');
  for (const [pair, letter] of CONFUSABLE_PAIRS) skeleton = skeleton.replace(pair, letter);
  return skeleton;
}

/** Why a node's name deserves a second look. */
export type NameWarning =
  /** Another node's name reads the same (ignoring case, width and spacing). */
  | 'duplicate'
  /** Another node's name looks alike (confusable letters or digits, punctuation). */
  | 'lookalike'
  /** The name holds invisible or control characters, removed for display. */
  | 'hidden-characters';

export interface NameFlag {
  warning: NameWarning;
  /** The other nodes whose names this one duplicates or looks like (empty for `hidden-characters`). */
  similarNodeIds: string[];
}

/**
 * The flag of every node whose name needs a second look, by node ID (nodes
 * without a flag are absent). A duplicate outranks a look-alike, which
 * outranks hidden characters. Linear in the number of nodes.
 */
export function flagNodeNames(nodes: readonly { nodeId: string; name: string }[]): Map<string, NameFlag> {
  const byKey = new Map<string, string[]>();
  const bySkeleton = new Map<string, string[]>();
  const keys = new Map<string, { key: string; skeleton: string }>();
  for (const { nodeId, name } of nodes) {
    const key = nameKey(name);
    const skeleton = nameSkeleton(name);
    keys.set(nodeId, { key, skeleton });
    push(byKey, key, nodeId);
    // A name with no letters or digits (all punctuation) looks like nothing in particular.
    if (skeleton !== '') push(bySkeleton, skeleton, nodeId);
  }
  const flags = new Map<string, NameFlag>();
  for (const { nodeId, name } of nodes) {
    const { key, skeleton } = keys.get(nodeId)!;
    const same = (byKey.get(key) ?? []).filter((other) => other !== nodeId);
    if (same.length > 0) {
      flags.set(nodeId, { warning: 'duplicate', similarNodeIds: same });
      continue;
    }
    const alike = (bySkeleton.get(skeleton) ?? []).filter((other) => other !== nodeId);
    if (alike.length > 0) {
      flags.set(nodeId, { warning: 'lookalike', similarNodeIds: alike });
      continue;
    }
    if (hasHiddenCharacters(name)) flags.set(nodeId, { warning: 'hidden-characters', similarNodeIds: [] });
  }
  return flags;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A sentence for people about `flag`, e.g. for a badge's tooltip. */
export function describeNameWarning(flag: { warning: NameWarning; similarNodeIds: readonly string[] }): string {
  const others = flag.similarNodeIds.length;
  const ids = flag.similarNodeIds.map((id) => shortId(id)).join(', ');
  switch (flag.warning) {
    case 'duplicate':
      return `${others === 1 ? 'Another node has' : `${others} other nodes have`} the same name (${ids}): check the node ID before you stake or vote.`;
    case 'lookalike':
      return `This name looks like the name of ${others === 1 ? 'another node' : `${others} other nodes`} (${ids}): check the node ID before you stake or vote.`;
    case 'hidden-characters':
      return 'The name holds invisible or control characters, removed here: check the node ID before you stake or vote.';
  }
}
