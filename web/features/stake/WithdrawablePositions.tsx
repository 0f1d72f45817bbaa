/** Positions whose withdraw epoch has come, each with its Withdraw button. Hidden when none. */
import type { PositionJson } from '../data/api.ts';
import { Wal } from '../ui/Amount.tsx';
import {
  actionsColumn,
  nodeColumn,
  positionIdColumn,
  principalColumn,
  rewardsColumn,
  stateColumn,
  PositionTable,
} from './positionColumns.tsx';
import { PositionActionButton } from './PositionDialogs.tsx';

export function WithdrawablePositions({ positions, canAct }: { positions: PositionJson[]; canAct: boolean }) {
  if (positions.length === 0) return null;
  return (
    <PositionTable
      id="withdrawable"
      title="Withdrawable"
      caption="Positions ready to withdraw"
      testId="positions-withdrawable"
      positions={positions}
      columns={[
        positionIdColumn,
        nodeColumn,
        stateColumn(),
        principalColumn,
        rewardsColumn,
        { key: 'value', header: 'You receive', numeric: true, cell: (p) => <Wal frost={p.value} /> },
        actionsColumn(canAct, (p) => <PositionActionButton action="withdraw" position={p} primary />),
      ]}
    />
  );
}
