/** The totals row of "My stake": staked, value now, rewards to date (withdrawn ones included) and stake by state. */
import type { PositionGroups } from './positionGroups.ts';
import { Wal } from '../ui/Amount.tsx';
import { Stat } from '../ui/Stat.tsx';

export function StakeTotals({ totals }: { totals: PositionGroups['totals'] }) {
  const earnedTotal = BigInt(totals.rewards) + BigInt(totals.withdrawnRewards);
  return (
    <div className="grid" data-testid="stake-totals">
      <Stat label="Staked" hint="principal of live positions">
        <Wal frost={totals.staked} />
      </Stat>
      <Stat label="Value now" hint="principal + rewards − slashes">
        <Wal frost={totals.value} />
      </Stat>
      <Stat
        label="Rewards to date"
        hint={
          <>
            incl. <Wal frost={totals.withdrawnRewards} /> on withdrawn stake
          </>
        }
      >
        <Wal frost={earnedTotal} signed />
      </Stat>
      <Stat label="Pending" hint="not yet earning">
        <Wal frost={totals.pending} />
      </Stat>
      <Stat label="Withdrawing" hint="unbonding">
        <Wal frost={totals.withdrawing} />
      </Stat>
      <Stat label="Withdrawable" hint="ready to withdraw">
        <Wal frost={totals.withdrawable} />
      </Stat>
    </div>
  );
}
