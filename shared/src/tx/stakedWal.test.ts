import { bcs } from '@mysten/sui/bcs';
import { describe, expect, it } from 'vitest';
import { FROST_PER_WAL } from '../protocol.ts';
import { buildJoin, buildRequestWithdraw, buildSplit, buildWithdraw } from './index.ts';
import {
  commandKinds,
  fakeRef,
  moveCallArgumentKinds,
  moveCallTargets,
  pureBytes,
  TEST_SENDER,
  testDeployment,
} from './testFixtures.ts';

const deployment = testDeployment();
const C = `0x${'c'.repeat(64)}`;
const position = fakeRef(1);
const WAL = FROST_PER_WAL;

describe('buildRequestWithdraw', () => {
  it('requests the whole position with one call', () => {
    const tx = buildRequestWithdraw({ deployment, sender: TEST_SENDER, stakedWal: position });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::request_withdraw_stake`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'owned']);
    expect(commandKinds(tx)).toEqual(['MoveCall']);
  });

  it('treats an amount equal to the principal as the whole position', () => {
    const tx = buildRequestWithdraw({
      deployment,
      sender: TEST_SENDER,
      stakedWal: position,
      principal: 4n * WAL,
      amount: 4n * WAL,
    });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::request_withdraw_stake`]);
  });

  it('splits off the requested part, requests it, and keeps it with the sender', () => {
    const tx = buildRequestWithdraw({
      deployment,
      sender: TEST_SENDER,
      stakedWal: position,
      principal: 10n * WAL,
      amount: 3n * WAL,
    });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::split_staked_wal`, `${C}::staking::request_withdraw_stake`]);
    // One input per object in a PTB: Staking is taken `&mut` by the second call, so the input is mutable.
    expect(moveCallArgumentKinds(tx, 0)).toEqual(['shared(mut)', 'owned', 'pure']);
    expect(bcs.u64().parse(pureBytes(tx, 0, 2))).toBe((3n * WAL).toString());
    expect(moveCallArgumentKinds(tx, 1)).toEqual(['shared(mut)', 'result']);
    expect(commandKinds(tx)).toEqual(['MoveCall', 'MoveCall', 'TransferObjects']);
  });

  it('refuses a partial request that leaves less than 1 WAL staked or asks for more than the position', () => {
    expect(() =>
      buildRequestWithdraw({
        deployment,
        sender: TEST_SENDER,
        stakedWal: position,
        principal: 2n * WAL,
        amount: (3n * WAL) / 2n,
      }),
    ).toThrow(
      'withdrawal would leave 0.5 WAL staked, less than the 1 WAL minimum; withdraw the whole position instead',
    );
    expect(() =>
      buildRequestWithdraw({
        deployment,
        sender: TEST_SENDER,
        stakedWal: position,
        principal: 2n * WAL,
        amount: 5n * WAL,
      }),
    ).toThrow("withdrawal of 5 WAL is more than the position's 2 WAL");
    expect(() =>
      buildRequestWithdraw({
        deployment,
        sender: TEST_SENDER,
        stakedWal: position,
        principal: 5n * WAL,
        amount: WAL / 10n,
      }),
    ).toThrow('withdrawal must be at least 1 WAL (got 0.1)');
    expect(() => buildRequestWithdraw({ deployment, sender: TEST_SENDER, stakedWal: position, amount: WAL })).toThrow(
      "needs the position's principal",
    );
  });
});

describe('buildWithdraw', () => {
  it('withdraws the position and sends the coin to the sender', () => {
    const tx = buildWithdraw({ deployment, sender: TEST_SENDER, stakedWal: position });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::withdraw_stake`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'owned']);
    expect(commandKinds(tx)).toEqual(['MoveCall', 'TransferObjects']);
  });

  it('splits first for a partial withdrawal of a pending position', () => {
    const tx = buildWithdraw({
      deployment,
      sender: TEST_SENDER,
      stakedWal: position,
      principal: 5n * WAL,
      amount: 2n * WAL,
    });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::split_staked_wal`, `${C}::staking::withdraw_stake`]);
  });

  it('accepts a position by ID for the client to resolve', () => {
    const tx = buildWithdraw({ deployment, sender: TEST_SENDER, stakedWal: position.objectId });
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'unresolved']);
  });
});

describe('buildSplit and buildJoin', () => {
  it('splits an amount into a new position owned by the sender', () => {
    const tx = buildSplit({
      deployment,
      sender: TEST_SENDER,
      stakedWal: position,
      principal: 5n * WAL,
      amount: 2n * WAL,
    });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::split_staked_wal`]);
    expect(commandKinds(tx)).toEqual(['MoveCall', 'TransferObjects']);
  });

  it('refuses a split that leaves a part under 1 WAL', () => {
    expect(() =>
      buildSplit({ deployment, sender: TEST_SENDER, stakedWal: position, principal: 2n * WAL, amount: WAL + 1n }),
    ).toThrow('choose a smaller amount');
  });

  it('joins several positions into one, one call each', () => {
    const tx = buildJoin({ deployment, sender: TEST_SENDER, into: position, from: [fakeRef(2), fakeRef(3)] });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::join_staked_wal`, `${C}::staking::join_staked_wal`]);
    expect(moveCallArgumentKinds(tx, 0)).toEqual(['shared', 'owned', 'owned']);
  });

  it('refuses joining nothing or a position with itself', () => {
    expect(() => buildJoin({ deployment, sender: TEST_SENDER, into: position, from: [] })).toThrow(
      'at least one other position',
    );
    expect(() => buildJoin({ deployment, sender: TEST_SENDER, into: position, from: [fakeRef(1)] })).toThrow(
      'cannot be joined with itself',
    );
  });
});
