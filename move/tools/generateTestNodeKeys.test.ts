// The generated BLS test keys are real: every proof of possession in
// move/tusk/tests/generated/test_node_keys.move verifies with @noble/curves
// over the message `tusk::storage_node::pop_message` builds, and fails for
// another sender or key. (The WASM Move test runner stubs BLS verification,
// so this is where rejection is actually checked.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { describe, expect, it } from 'vitest';

const bls = bls12_381.longSignatures;
const source = readFileSync(
  join(import.meta.dirname, '..', 'tusk', 'tests', 'generated', 'test_node_keys.move'),
  'utf8',
);

function table(name: string): Uint8Array[] {
  const body = new RegExp(`const ${name}: vector<vector<u8>> = vector\\[([^\\]]*)\\]`).exec(source)?.[1];
  if (!body) throw new Error(`${name} not found`);
  return [...body.matchAll(/x"([0-9a-f]+)"/g)].map((m) => Uint8Array.from(Buffer.from(m[1]!, 'hex')));
}

function operator(i: number): Uint8Array {
  const address = new Uint8Array(32);
  address[30] = (0x1000 + i) >> 8;
  address[31] = (0x1000 + i) & 0xff;
  return address;
}

const popMessage = (publicKey: Uint8Array, sender: Uint8Array) =>
  Uint8Array.from([5, 0, 3, publicKey.length, ...publicKey, ...sender]);
const verify = (pop: Uint8Array, publicKey: Uint8Array, sender: Uint8Array) =>
  bls.verify(pop, bls.hash(popMessage(publicKey, sender)), publicKey);

describe('generated BLS test node keys', () => {
  const keys = table('PUBLIC_KEYS');
  const pops = table('POPS');
  const popsByOperator0 = table('POPS_BY_OPERATOR_0');

  it('has 40 distinct 48-byte keys with 96-byte proofs', () => {
    expect(keys).toHaveLength(40);
    expect(new Set(keys.map((k) => Buffer.from(k).toString('hex'))).size).toBe(40);
    expect(keys.every((k) => k.length === 48)).toBe(true);
    expect([...pops, ...popsByOperator0].every((p) => p.length === 96)).toBe(true);
  });

  it('proves possession of each key for its own operator and for operator 0', () => {
    keys.forEach((key, i) => {
      expect(verify(pops[i]!, key, operator(i))).toBe(true);
      expect(verify(popsByOperator0[i]!, key, operator(0))).toBe(true);
    });
  });

  it('rejects a proof presented by another sender or for another key', () => {
    expect(verify(pops[1]!, keys[1]!, operator(0))).toBe(false);
    expect(verify(pops[0]!, keys[1]!, operator(0))).toBe(false);
  });
});
