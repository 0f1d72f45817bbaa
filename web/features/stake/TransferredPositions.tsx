/** Positions the index still lists for the address but the chain no longer does: given away. Hidden when none. */
import type { PositionJson } from '../data/api.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { nodeColumn, positionIdColumn, principalColumn } from './positionColumns.tsx';

export function TransferredPositions({ positions }: { positions: PositionJson[] }) {
  if (positions.length === 0) return null;
  return (
    <section aria-labelledby="transferred">
      <h2 id="transferred">No longer held by this address</h2>
      <p className="hint">
        The chain no longer lists these positions under this address: they were transferred to another one. Their new
        holder can act on them; they are left out of the tables below.
      </p>
      <DataTable
        caption="Positions transferred away"
        captionHidden
        rows={positions}
        rowKey={(p) => p.stakedWalId}
        testId="positions-transferred"
        columns={[positionIdColumn, nodeColumn, principalColumn]}
      />
    </section>
  );
}
