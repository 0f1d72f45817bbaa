/**
 * Read masks (`google.protobuf.FieldMask`) applied the way a Sui full node
 * applies them: paths use proto field names (`summary.timestamp`), a path
 * through a repeated message field applies to every element
 * (`transactions.digest`), and a path naming a field keeps all of it.
 *
 * Works on any message type through protobuf-ts reflection, so every service
 * the fake node serves (checkpoints today, objects and transactions in the
 * devnet) masks its responses the same way. Unknown paths are rejected, as a
 * real node does, so a client asking for a misspelled field finds out here
 * rather than against mainnet.
 */
import type { IMessageType } from '@protobuf-ts/runtime';

/** A parsed mask: each key is a field kept; an empty subtree keeps the whole field. */
export type MaskTree = Map<string, MaskTree>;

export class InvalidMaskError extends Error {}

const parsed = new WeakMap<IMessageType<object>, Map<string, MaskTree>>();

/** Parses and checks `paths` against `type`; results are cached per type and path list. */
export function parseMask(type: IMessageType<object>, paths: readonly string[]): MaskTree {
  let cache = parsed.get(type);
  if (!cache) parsed.set(type, (cache = new Map()));
  const key = paths.join(',');
  const hit = cache.get(key);
  if (hit) return hit;

  const tree: MaskTree = new Map();
  for (const path of paths) addPath(type, tree, path.split('.'), path);
  cache.set(key, tree);
  return tree;
}

function addPath(type: IMessageType<object>, tree: MaskTree, segments: string[], fullPath: string): void {
  const [head, ...rest] = segments;
  const field = type.fields.find((f) => f.name === head);
  if (!head || !field) {
    throw new InvalidMaskError(`invalid read_mask path "${fullPath}": ${type.typeName} has no field "${head}"`);
  }
  let sub = tree.get(head);
  if (sub && sub.size === 0) return; // already keeping the whole field
  if (rest.length === 0) {
    tree.set(head, new Map());
    return;
  }
  if (field.kind !== 'message') {
    throw new InvalidMaskError(`invalid read_mask path "${fullPath}": "${head}" is not a message field`);
  }
  if (!sub) tree.set(head, (sub = new Map()));
  addPath(field.T(), sub, rest, fullPath);
}

/**
 * A copy of `message` holding only the masked fields (others at their
 * defaults). Unmasked subtrees are shared with the input, not copied: stores
 * hand out messages they never mutate.
 */
export function applyMask<T extends object>(type: IMessageType<T>, message: T, mask: MaskTree): T {
  const source = message as Record<string, unknown>;
  const out = type.create() as Record<string, unknown>;
  for (const field of type.fields) {
    const sub = mask.get(field.name);
    if (!sub) continue;
    const value = field.oneof ? oneofValue(source, field.oneof, field.localName) : source[field.localName];
    if (value === undefined) continue;
    const masked =
      sub.size === 0 || field.kind !== 'message' ? value : maskMessageValue(field.T(), value, field.repeat !== 0, sub);
    if (field.oneof) out[field.oneof] = { oneofKind: field.localName, [field.localName]: masked };
    else out[field.localName] = masked;
  }
  return out as T;
}

function oneofValue(source: Record<string, unknown>, oneof: string, member: string): unknown {
  const group = source[oneof] as { oneofKind?: string } & Record<string, unknown>;
  return group?.oneofKind === member ? group[member] : undefined;
}

function maskMessageValue(type: IMessageType<object>, value: unknown, repeated: boolean, sub: MaskTree): unknown {
  if (repeated) return (value as object[]).map((element) => applyMask(type, element, sub));
  return applyMask(type, value as object, sub);
}
