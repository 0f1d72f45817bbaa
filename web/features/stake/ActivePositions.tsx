/** Active positions (always shown, "No active stake." when none), with withdraw, split and merge. */
import type { PositionJson } from '../data/api.ts';
import {
  actionsColumn,
  nodeColumn,
  positionIdColumn,
  principalColumn,
  rewardsColumn,
  stateColumn,
  valueColumn,
  PositionTable,
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
    <PositionTable
      id="active"
      title="Active"
      caption="Active positions"
      testId="positions-active"
      positions={positions}
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
  );
}
