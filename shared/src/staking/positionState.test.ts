import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { OpenDatabase } from '../db/database.ts';
import { stakePositions } from '../db/schema.ts';
import { testDatabaseKinds } from '../db/testing.ts';
import { positionStateAt, positionStateSql, type StoredPositionState } from './positionState.ts';

const stored: StoredPositionState[] = ['pending', 'active', 'withdrawing', 'withdrawn', 'joined'];

describe('positionStateAt', () => {
  it('follows the chain by epoch: active from the activation epoch, withdrawable from the withdraw epoch', () => {
    expect(positionStateAt({ state: 'pending', activationEpoch: 6, withdrawEpoch: null }, 5)).toBe('pending');
    expect(positionStateAt({ state: 'pending', activationEpoch: 6, withdrawEpoch: null }, 6)).toBe('active');
    expect(positionStateAt({ state: 'withdrawing', activationEpoch: 2, withdrawEpoch: 7 }, 6)).toBe('withdrawing');
    expect(positionStateAt({ state: 'withdrawing', activationEpoch: 2, withdrawEpoch: 7 }, 7)).toBe('withdrawable');
    // A counted pending stake whose withdrawal is requested stays withdrawing until its withdraw epoch.
    expect(positionStateAt({ state: 'withdrawing', activationEpoch: 6, withdrawEpoch: 7 }, 6)).toBe('withdrawing');
    expect(positionStateAt({ state: 'withdrawn', activationEpoch: 2, withdrawEpoch: 3 }, 9)).toBe('withdrawn');
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`positionStateSql on ${kind.name}`, () => {
    let open: OpenDatabase;
    beforeAll(async () => {
      open = await kind.open();
    });
    afterAll(async () => open?.close());

    it('says what positionStateAt says, for every stored state and epoch', async () => {
      const rows = stored.flatMap((state, i) =>
        [null, 3, 5].map((activationEpoch, j) => ({
          stakedWalId: `0x${(i * 16 + j).toString(16).padStart(64, '0')}`,
          principal: 1n,
          state,
          activationEpoch,
          withdrawEpoch: state === 'withdrawing' || state === 'withdrawn' ? (activationEpoch ?? 2) + 1 : null,
          createdEpoch: 1,
          createdCheckpoint: 1n,
          updatedCheckpoint: 1n,
        })),
      );
      await open.db.insert(stakePositions).values(rows);
      for (const epoch of [0, 3, 4, 5, 6, 9]) {
        const fromSql = await open.db
          .select({ id: stakePositions.stakedWalId, state: positionStateSql(epoch) })
          .from(stakePositions);
        for (const row of rows) {
          const got = fromSql.find((r) => r.id === row.stakedWalId)!.state;
          expect(got, `${row.state} activation ${row.activationEpoch} at epoch ${epoch}`).toBe(
            positionStateAt(row, epoch),
          );
        }
      }
      await open.db.delete(stakePositions).where(eq(stakePositions.principal, 1n));
    });
  });
}
