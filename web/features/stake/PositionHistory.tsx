/** Withdrawn and merged positions, with what the chain paid out (always shown: nothing disappears). */
import type { PositionJson } from '../data/api.ts';
import { Wal } from '../ui/Amount.tsx';
import { ShortId } from '../ui/Ids.tsx';
import { nodeColumn, positionIdColumn, principalColumn, stateColumn, PositionTable } from './positionColumns.tsx';

export function PositionHistory({ positions }: { positions: PositionJson[] }) {
  return (
    <PositionTable
      id="history"
      title="History"
      caption="Withdrawn and merged positions"
      testId="positions-history"
      positions={positions}
      empty="No past positions."
      columns={[
        positionIdColumn,
        nodeColumn,
        stateColumn((p) =>
          p.state === 'joined' ? (
            <>
              merged into <ShortId id={p.joinedInto ?? ''} />
            </>
          ) : (
            `withdrawn in epoch ${p.withdrawnEpoch ?? '—'}`
          ),
        ),
        principalColumn,
        {
          key: 'rewards',
          header: 'Rewards',
          numeric: true,
          cell: (p) => (p.state === 'joined' ? <span className="muted">—</span> : <Wal frost={p.rewards} signed />),
        },
        {
          key: 'slashed',
          header: 'Slashed',
          numeric: true,
          cell: (p) => (BigInt(p.slashed) > 0n ? <Wal frost={p.slashed} /> : <span className="muted">none</span>),
        },
        {
          key: 'paid',
          header: 'Paid out',
          numeric: true,
          cell: (p) => (p.state === 'joined' ? <span className="muted">—</span> : <Wal frost={p.value} />),
        },
      ]}
    />
  );
}
