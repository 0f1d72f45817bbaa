/** Positions unbonding, with the epoch (and estimated date) they become withdrawable. Hidden when none. */
import type { PositionJson } from '../data/api.ts';
import {
  eta,
  nodeColumn,
  positionIdColumn,
  principalColumn,
  rewardsColumn,
  stateColumn,
  valueColumn,
  PositionTable,
} from './positionColumns.tsx';

export function WithdrawingPositions({ positions }: { positions: PositionJson[] }) {
  if (positions.length === 0) return null;
  return (
    <PositionTable
      id="withdrawing"
      title="Withdrawing"
      caption="Positions unbonding"
      testId="positions-withdrawing"
      positions={positions}
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
  );
}
