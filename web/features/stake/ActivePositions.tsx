/** Active positions (always shown, "No active stake." when none), with withdraw, split and merge. */
import type { PositionJson } from '../data/api.ts';
import { DataTable } from '../ui/DataTable.tsx';
import {
  actionsColumn,
  nodeColumn,
  positionIdColumn,
  principalColumn,
  rewardsColumn,
  stateColumn,
  valueColumn,
} from './positionColumns.tsx';
import { mergeablePositions } from './positionGroups.ts';
import { PositionActionButton } from './PositionDialogs.tsx';

export function ActivePositions({
  positions,
  allPositions,
  canAct,
}: {
  positions: PositionJson[];
  /** Every position of the address, to find the ones each can merge with. */
  allPositions: PositionJson[];
  canAct: boolean;
}) {
  return (
    <section aria-labelledby="active">
      <h2 id="active">Active</h2>
      <DataTable
        caption="Active positions"
        captionHidden
        rows={positions}
        rowKey={(p) => p.stakedWalId}
        testId="positions-active"
        empty="No active stake."
        columns={[
          positionIdColumn,
          nodeColumn,
          stateColumn((p) => <>since epoch {p.activationEpoch}</>),
          principalColumn,
          rewardsColumn,
          valueColumn,
          actionsColumn(canAct, (p) => {
            const mergeable = mergeablePositions(allPositions, p);
            return (
              <>
                <PositionActionButton action="requestWithdraw" position={p} label="Withdraw…" />
                <PositionActionButton action="split" position={p} label="Split…" />
                {mergeable.length > 0 ? (
                  <PositionActionButton action="join" position={p} siblings={mergeable} label="Merge…" />
                ) : null}
              </>
            );
          }),
        ]}
      />
    </section>
  );
}
