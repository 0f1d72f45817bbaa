/** Positions unbonding, with the epoch (and estimated date) they become withdrawable. Hidden when none. */
import type { PositionJson } from '../data/api.ts';
import { DataTable } from '../ui/DataTable.tsx';
import {
  eta,
  nodeColumn,
  positionIdColumn,
  principalColumn,
  rewardsColumn,
  stateColumn,
  valueColumn,
} from './positionColumns.tsx';

export function WithdrawingPositions({ positions }: { positions: PositionJson[] }) {
  if (positions.length === 0) return null;
  return (
    <section aria-labelledby="withdrawing">
      <h2 id="withdrawing">Withdrawing</h2>
      <DataTable
        caption="Positions unbonding"
        captionHidden
        rows={positions}
        rowKey={(p) => p.stakedWalId}
        testId="positions-withdrawing"
        columns={[
          positionIdColumn,
          nodeColumn,
          stateColumn((p) => (
            <>
              withdrawable from epoch {p.withdrawEpoch}
              {eta(p.withdrawableAt)}
            </>
          )),
          principalColumn,
          rewardsColumn,
          valueColumn,
        ]}
      />
    </section>
  );
}
