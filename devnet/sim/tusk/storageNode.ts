/**
 * `tusk::storage_node`'s name rule: 1 to 64 bytes of printable ASCII, no
 * leading, trailing or doubled space; `staking` keeps names unique by their
 * lower-cased key. (Keys and proofs of possession are in `bls.ts`.)
 */
import { MAX_NODE_NAME_LENGTH } from '@tusk/shared/protocol';
import { check } from './aborts.ts';

/** `storage_node::is_valid_name`. */
export function isValidName(name: string): boolean {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length === 0 || bytes.length > MAX_NODE_NAME_LENGTH) return false;
  if (bytes[0] === 0x20 || bytes[bytes.length - 1] === 0x20) return false;
  return bytes.every((b, i) => b >= 0x20 && b <= 0x7e && !(b === 0x20 && bytes[i - 1] === 0x20));
}

/** `storage_node::check_name`. */
export function checkName(name: string, functionName: string): void {
  check(isValidName(name), 'storage_node', 'EInvalidName', functionName);
}

/** `storage_node::name_key`: ASCII upper case lowered (names are valid ASCII here). */
export function nodeNameKey(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
