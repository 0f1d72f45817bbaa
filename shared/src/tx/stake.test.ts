import { bcs } from '@mysten/sui/bcs';
import { describe, expect, it } from 'vitest';
import { FROST_PER_WAL } from '../protocol.ts';
import { buildStake, TxInputError } from './index.ts';
import {
  commandKinds,
  fakeRef,
  moveCallArgumentKinds,
  moveCallTargets,
  pureBytes,
  TEST_NODE,
  TEST_SENDER,
  testDeployment,
  walCoins,
} from './testFixtures.ts';

const deployment = testDeployment();
const C = `0x${'c'.repeat(64)}`;

describe('buildStake', () => {
  it('splits exactly the amount off one coin and calls stake_with_pool on the current package', () => {
    const tx = buildStake({
      deployment,
      sender: TEST_SENDER,
      nodeId: TEST_NODE,
      amount: 5n * FROST_PER_WAL,
      walCoins: walCoins(10n * FROST_PER_WAL),
    });
    expect(commandKinds(tx)).toEqual(['SplitCoins', 'MoveCall', 'TransferObjects']);
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::stake_with_pool`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'result', 'pure']);
    expect(bcs.Address.parse(pureBytes(tx, 0, 2))).toBe(TEST_NODE);
    expect(tx.transaction.getData().sender).toBe(TEST_SENDER);
    expect(tx.intent).toEqual({
      kind: 'stake',
      sender: TEST_SENDER,
      nodeId: TEST_NODE,
      amount: 5n * FROST_PER_WAL,
      coinIds: [fakeRef(0x100).objectId],
    });
  });

  it('merges coins when one is not enough, and uses the merged coin whole when the amount is the full balance', () => {
    const tx = buildStake({
      deployment,
      sender: TEST_SENDER,
      nodeId: TEST_NODE,
      amount: 3n * FROST_PER_WAL,
      walCoins: walCoins(2n * FROST_PER_WAL, FROST_PER_WAL),
    });
    expect(commandKinds(tx)).toEqual(['MergeCoins', 'MoveCall', 'TransferObjects']);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'owned', 'pure']);
  });

  it('merges a payment spread over many coins in commands of at most 500 (Sui takes 512 arguments a command)', () => {
    const many = walCoins(...Array.from({ length: 1_100 }, () => FROST_PER_WAL));
    const tx = buildStake({
      deployment,
      sender: TEST_SENDER,
      nodeId: TEST_NODE,
      amount: 1_100n * FROST_PER_WAL,
      walCoins: many,
    });
    expect(commandKinds(tx)).toEqual(['MergeCoins', 'MergeCoins', 'MergeCoins', 'MoveCall', 'TransferObjects']);
    const merges = tx.transaction.getData().commands.filter((c) => c.$kind === 'MergeCoins');
    expect(merges.map((c) => c.MergeCoins!.sources.length)).toEqual([500, 500, 99]);
    expect(tx.intent.coinIds).toHaveLength(1_100);
  });

  it('refuses a payment that needs more coins than one transaction can carry, and says what to do', () => {
    const many = walCoins(...Array.from({ length: 1_300 }, () => FROST_PER_WAL));
    expect(() =>
      buildStake({
        deployment,
        sender: TEST_SENDER,
        nodeId: TEST_NODE,
        amount: 1_250n * FROST_PER_WAL,
        walCoins: many,
      }),
    ).toThrow(/needs 1250 of your WAL coins, more than one transaction can carry \(1200\); merge your coins first/);
  });

  it('touches only the coins needed, largest first', () => {
    const tx = buildStake({
      deployment,
      sender: TEST_SENDER,
      nodeId: TEST_NODE,
      amount: 2n * FROST_PER_WAL,
      walCoins: walCoins(FROST_PER_WAL, 7n * FROST_PER_WAL, FROST_PER_WAL),
    });
    expect(commandKinds(tx)).toEqual(['SplitCoins', 'MoveCall', 'TransferObjects']);
    const objects = tx.transaction
      .getData()
      .inputs.filter((input) => input.$kind === 'Object' && input.Object.$kind === 'ImmOrOwnedObject');
    expect(objects).toHaveLength(1);
  });

  it('passes shared objects by ID for the client to resolve when their versions are unknown', () => {
    const tx = buildStake({
      deployment: testDeployment({ withVersions: false }),
      sender: TEST_SENDER,
      nodeId: TEST_NODE,
      amount: FROST_PER_WAL,
      walCoins: walCoins(2n * FROST_PER_WAL),
    });
    expect(moveCallArgumentKinds(tx)).toEqual(['unresolved', 'result', 'pure']);
  });

  it('refuses a stake under 1 WAL with the amount in the message', () => {
    expect(() =>
      buildStake({
        deployment,
        sender: TEST_SENDER,
        nodeId: TEST_NODE,
        amount: FROST_PER_WAL / 2n,
        walCoins: walCoins(FROST_PER_WAL),
      }),
    ).toThrow(new TxInputError('stake must be at least 1 WAL (got 0.5)'));
  });

  it('refuses a stake above the balance', () => {
    expect(() =>
      buildStake({
        deployment,
        sender: TEST_SENDER,
        nodeId: TEST_NODE,
        amount: 3n * FROST_PER_WAL,
        walCoins: walCoins(FROST_PER_WAL, FROST_PER_WAL),
      }),
    ).toThrow('stake of 3 WAL is more than your WAL balance of 2 WAL');
  });

  it('refuses a stake without coins, a negative or a u64-overflowing amount, and a bad node ID', () => {
    const base = { deployment, sender: TEST_SENDER, nodeId: TEST_NODE };
    expect(() => buildStake({ ...base, amount: FROST_PER_WAL, walCoins: [] })).toThrow('holds no WAL coins');
    expect(() => buildStake({ ...base, amount: -1n, walCoins: walCoins(FROST_PER_WAL) })).toThrow(
      'must not be negative',
    );
    expect(() => buildStake({ ...base, amount: 2n ** 64n, walCoins: walCoins(FROST_PER_WAL) })).toThrow(
      'larger than a u64',
    );
    expect(() =>
      buildStake({
        ...base,
        nodeId: "0x1'; DROP TABLE nodes;--",
        amount: FROST_PER_WAL,
        walCoins: walCoins(FROST_PER_WAL),
      }),
    ).toThrow('node ID must be a Sui ID');
  });

  it('refuses a malformed sender', () => {
    expect(() =>
      buildStake({
        deployment,
        sender: 'alice',
        nodeId: TEST_NODE,
        amount: FROST_PER_WAL,
        walCoins: walCoins(FROST_PER_WAL),
      }),
    ).toThrow('sender must be a Sui ID');
  });
});
