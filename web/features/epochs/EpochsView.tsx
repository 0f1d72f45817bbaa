'use client';
/** The epoch timeline: newest first, with stake, rewards, fees and APY per epoch, paged backwards. */
import { useState } from 'react';
import Link from 'next/link';
import { frostToWalNumber } from '@tusk/shared/format';
import type { EpochsJson } from '../data/api.ts';
import { useEndpoint } from '../data/live.ts';
import { Percent, Wal } from '../ui/Amount.tsx';
import { EpochStateBadge } from '../ui/Badge.tsx';
import { ChartPanel } from '../ui/ChartPanel.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { DateTime } from '../ui/Time.tsx';

const PAGE = 30;

export function EpochsView({ initial }: { initial: EpochsJson }) {
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before.at(-1);
  const { data = initial } = useEndpoint(
    'epochs',
    { limit: PAGE, before: cursor },
    { initial: cursor === undefined ? initial : undefined },
  );
  const current = data.rows[0]?.epoch;
  const chart = [...data.rows].reverse().map((row) => ({
    epoch: row.epoch,
    rewards: row.rewards ? frostToWalNumber(BigInt(row.rewards)) : null,
    fees: frostToWalNumber(BigInt(row.storagePaid ?? '0') + BigInt(row.writeFees ?? '0')),
  }));
  const oldest = data.rows.at(-1)?.epoch;
  return (
    <div className="stack">
      {data.latest !== null && current !== undefined && data.latest > current && cursor === undefined ? (
        <p className="notice notice--info">
          The committee for epoch {data.latest} is already selected; that epoch begins at the next epoch change.
        </p>
      ) : null}
      <ChartPanel
        title="Rewards and fees by epoch"
        chart={{
          data: chart,
          x: 'epoch',
          xPrefix: 'Epoch ',
          unit: 'wal',
          ariaLabel: 'Rewards distributed and fees paid by epoch; the table below has the figures.',
          series: [
            { key: 'rewards', label: 'Rewards', kind: 'bar', color: 1 },
            { key: 'fees', label: 'Fees', kind: 'line', color: 2 },
          ],
        }}
        table={
          <DataTable
            caption="Epochs"
            captionHidden
            rows={data.rows}
            rowKey={(row) => String(row.epoch)}
            testId="epochs-table"
            columns={[
              {
                key: 'epoch',
                header: 'Epoch',
                cell: (row) => <Link href={`/epochs/${row.epoch}`}>Epoch {row.epoch}</Link>,
              },
              {
                key: 'state',
                header: 'State',
                cell: (row) => (
                  <EpochStateBadge state={row.state} current={row.epoch === current && cursor === undefined} />
                ),
              },
              { key: 'start', header: 'Started', cell: (row) => <DateTime value={row.startedAt} /> },
              {
                key: 'stake',
                header: 'Total stake',
                numeric: true,
                cell: (row) => <Wal frost={row.totalStake} compact />,
              },
              {
                key: 'committee',
                header: 'Committee',
                numeric: true,
                cell: (row) => (row.committeeSize === null ? '—' : `${row.committeeSize} nodes`),
              },
              { key: 'rewards', header: 'Rewards', numeric: true, cell: (row) => <Wal frost={row.rewards} /> },
              { key: 'burned', header: 'Burned', numeric: true, cell: (row) => <Wal frost={row.burned} /> },
              {
                key: 'fees',
                header: 'Fees',
                numeric: true,
                cell: (row) => <Wal frost={BigInt(row.storagePaid ?? '0') + BigInt(row.writeFees ?? '0')} />,
              },
              { key: 'apy', header: 'APY', numeric: true, cell: (row) => <Percent ratio={row.apy} /> },
            ]}
            empty="No epoch has begun yet."
          />
        }
      />
      <nav className="pager" aria-label="Epoch pages">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={before.length === 0}
          onClick={() => setBefore((list) => list.slice(0, -1))}
        >
          Newer
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={oldest === undefined || oldest === 0 || data.rows.length < PAGE}
          onClick={() => oldest !== undefined && setBefore((list) => [...list, oldest])}
        >
          Older
        </button>
      </nav>
      <p className="hint">
        Rewards listed for an epoch are the previous epoch’s fees, distributed to pools when this epoch began (after the
        burn).
      </p>
    </div>
  );
}
