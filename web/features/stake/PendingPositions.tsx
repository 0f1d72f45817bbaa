/**
 * Pending positions with the epoch (and estimated date) they become active.
 * A stake no committee selection has counted yet can be withdrawn at once;
 * one the voting end already counted leaves through a withdrawal request.
 * Hidden when none.
 */
import { canWithdrawAtOnce } from '@tusk/shared/epochTiming';
import type { PositionJson, PositionsJson } from '../data/api.ts';
import {
  actionsColumn,
  eta,
  nodeColumn,
  positionIdColumn,
  principalColumn,
  stateColumn,
  PositionTable,
} from './positionColumns.tsx';
import { mergeablePositions } from './positionGroups.ts';
import { PositionActionButton } from './PositionDialogs.tsx';

export function PendingPositions({
  positions,
  allPositions,
  clock,
  canAct,
}: {
  positions: PositionJson[];
  /** Every position of the address, to find the ones each can merge with. */
  allPositions: PositionJson[];
  clock: PositionsJson['clock'];
  canAct: boolean;
}) {
  if (positions.length === 0) return null;
  return (
    <PositionTable
      id="pending"
      title="Pending"
      caption="Pending positions"
      testId="positions-pending"
      positions={positions}
      columns={[
        positionIdColumn,
        nodeColumn,
        stateColumn(
          (p) => (
            <>
              active from epoch {p.activationEpoch}
              {eta(p.activatesAt)}
            </>
          ),
          'pending-activation',
        ),
        principalColumn,
        actionsColumn(canAct, (p) => {
          const mergeable = mergeablePositions(allPositions, p);
          return (
            <>
              {clock && p.activationEpoch !== null && !canWithdrawAtOnce(p.activationEpoch, clock) ? (
                <span title="The voting end of this epoch counted this stake in the next committee, so it leaves through a withdrawal request, withdrawable one epoch after it activates.">
                  <PositionActionButton action="requestWithdraw" position={p} label="Request withdrawal…" />
                </span>
              ) : (
                <PositionActionButton action="cancel" position={p} label="Withdraw now…" />
              )}
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
