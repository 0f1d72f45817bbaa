'use client';
/**
 * Rewards by epoch: a chart of what the address earned each epoch (bars) and
 * in all (line), the table by epoch and position under it, and the CSV export.
 */
import { frostToWalNumber } from '@tusk/shared/format';
import { apiPath } from '../data/endpoints.ts';
import type { RewardsJson } from '../data/api.ts';
import { useEndpoint } from '../data/live.ts';
import { Wal } from '../ui/Amount.tsx';
import { ChartPanel } from '../ui/ChartPanel.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { EpochLink, NodeLink, ShortId } from '../ui/Ids.tsx';

export function RewardsByEpoch({ address }: { address: string }) {
  // Rewards change once an epoch: a slow poll is enough.
  const { data: rewards } = useEndpoint('accountRewards', { address }, { intervalMs: 30_000 });
  const rows = rewards?.rows ?? [];
  return (
    <section aria-labelledby="rewards-history">
      <h2 id="rewards-history">Rewards by epoch</h2>
      <ChartPanel
        title="Rewards earned by epoch"
        note="From each pool’s recorded exchange rate. A negative epoch is a slash."
        chart={{
          data: rewardChartPoints(rows),
          x: 'epoch',
          xPrefix: 'Epoch ',
          unit: 'wal',
          rightUnit: 'wal',
          ariaLabel: 'Rewards earned per epoch (bars) and cumulative rewards (line); the table below has the figures.',
          series: [
            { key: 'reward', label: 'Earned in epoch', kind: 'bar', color: 1 },
            { key: 'cumulative', label: 'Cumulative', kind: 'line', color: 3, axis: 'right' },
          ],
        }}
        table={
          <DataTable
            scroll
            caption="Rewards by epoch and position"
            captionHidden
            rows={[...rows].reverse()}
            rowKey={(row) => `${row.epoch}-${row.stakedWalId}`}
            columns={[
              { key: 'epoch', header: 'Epoch', cell: (row) => <EpochLink epoch={row.epoch} /> },
              { key: 'position', header: 'Position', cell: (row) => <ShortId id={row.stakedWalId} /> },
              { key: 'node', header: 'Node', cell: (row) => <NodeLink nodeId={row.nodeId} name={row.nodeName} /> },
              {
                key: 'reward',
                header: 'Earned',
                numeric: true,
                cell: (row) => <Wal frost={row.reward} signed decimals={4} />,
              },
              {
                key: 'cumulative',
                header: 'Since activation',
                numeric: true,
                cell: (row) => <Wal frost={row.cumulative} decimals={4} />,
              },
            ]}
            empty="No rewards yet: stake earns from its first full epoch."
          />
        }
      />
      <p>
        <a
          className="button button--secondary"
          href={apiPath('accountRewards', { address, format: 'csv' })}
          download
          data-testid="rewards-csv"
        >
          Download rewards history (CSV)
        </a>
      </p>
    </section>
  );
}

/** One chart point per epoch, oldest first: the rewards of all positions in it (WAL) and the running total. */
function rewardChartPoints(rows: RewardsJson['rows']) {
  const byEpoch = new Map<number, bigint>();
  for (const row of rows) byEpoch.set(row.epoch, (byEpoch.get(row.epoch) ?? 0n) + BigInt(row.reward));
  let cumulative = 0n;
  return [...byEpoch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epoch, reward]) => {
      cumulative += reward;
      return { epoch, reward: frostToWalNumber(reward), cumulative: frostToWalNumber(cumulative) };
    });
}
