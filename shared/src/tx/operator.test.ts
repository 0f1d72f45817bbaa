import { bcs } from '@mysten/sui/bcs';
import { describe, expect, it } from 'vitest';
import {
  buildCollectCommission,
  buildExecuteSlash,
  buildScheduleCommission,
  buildSlashVote,
  buildVoteForPrices,
} from './index.ts';
import {
  commandKinds,
  fakeRef,
  moveCallArgumentKinds,
  moveCallTargets,
  pureBytes,
  TEST_NODE,
  TEST_SENDER,
  testDeployment,
} from './testFixtures.ts';

const deployment = testDeployment();
const C = `0x${'c'.repeat(64)}`;
const cap = fakeRef(9);

describe('operator transactions', () => {
  it('collects commission to the sender', () => {
    const tx = buildCollectCommission({ deployment, sender: TEST_SENDER, cap });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::collect_commission`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'owned']);
    expect(commandKinds(tx)).toEqual(['MoveCall', 'TransferObjects']);
  });

  it('schedules a commission rate as u16 basis points', () => {
    const tx = buildScheduleCommission({ deployment, sender: TEST_SENDER, cap, rateBps: 750 });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::set_commission`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'owned', 'pure']);
    expect(bcs.u16().parse(pureBytes(tx, 0, 2))).toBe(750);
  });

  it('refuses a commission outside 0..100% or not whole basis points', () => {
    for (const rateBps of [-1, 10_001, 12.5, Number.NaN]) {
      expect(() => buildScheduleCommission({ deployment, sender: TEST_SENDER, cap, rateBps })).toThrow(
        'commission must be between 0% and 100%',
      );
    }
  });

  it('votes for prices and capacity', () => {
    const tx = buildVoteForPrices({
      deployment,
      sender: TEST_SENDER,
      cap,
      storagePrice: 100n,
      writePrice: 20n,
      capacity: 1n << 40n,
    });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::vote_for_prices`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'owned', 'pure', 'pure', 'pure']);
    expect(() =>
      buildVoteForPrices({ deployment, sender: TEST_SENDER, cap, storagePrice: -5n, writePrice: 20n, capacity: 1n }),
    ).toThrow('storage price must not be negative');
  });

  it('votes to slash another node, and refuses slashing itself', () => {
    const tx = buildSlashVote({ deployment, sender: TEST_SENDER, cap, targetNodeId: TEST_NODE });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::vote_for_slash`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'owned', 'pure']);
    expect(bcs.Address.parse(pureBytes(tx, 0, 2))).toBe(TEST_NODE);
    expect(() =>
      buildSlashVote({ deployment, sender: TEST_SENDER, cap, targetNodeId: TEST_NODE, voterNodeId: TEST_NODE }),
    ).toThrow('cannot vote to slash itself');
  });

  it('executes a slash with the treasury', () => {
    const tx = buildExecuteSlash({ deployment, sender: TEST_SENDER, targetNodeId: TEST_NODE });
    expect(moveCallTargets(tx)).toEqual([`${C}::staking::execute_slash`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'shared(mut)', 'pure']);
  });
});
