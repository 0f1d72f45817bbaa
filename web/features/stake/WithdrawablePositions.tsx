/** Positions whose withdraw epoch has come, each with its Withdraw button. Hidden when none. */
import type { PositionJson } from '../data/api.ts';
import { Wal } from '../ui/Amount.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import {
  actionsColumn,
  nodeColumn,
  positionIdColumn,
  principalColumn,
  rewardsColumn,
  stateColumn,
} from './positionColumns.tsx';
import { PositionActionButton } from './PositionDialogs.tsx';

export function WithdrawablePositions({ positions, canAct }: { positions: PositionJson[]; canAct: boolean }) {
  if (positions.length === 0) return null;
  return (
    <section aria-labelledby="withdrawable">
      <h2 id="withdrawable">Withdrawable</h2>
      <DataTable
        caption="Positions ready to withdraw"
        captionHidden
        rows={positions}
        rowKey={(p) => p.stakedWalId}
        testId="positions-withdrawable"
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
    </section>
  );
}
