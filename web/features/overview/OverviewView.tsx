'use client';
/** The overview page's live view: epoch clock, network figures and their trend charts. */
import Link from 'next/link';
import { frostToWalNumber, formatBytes } from '@tusk/shared/format';
import type { EpochSummaryJson, OverviewJson } from '../data/api.ts';
import { useEndpoint } from '../data/live.ts';
import { Bytes, Percent, Price, Wal } from '../ui/Amount.tsx';
import { ChartPanel } from '../ui/ChartPanel.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { EpochLink } from '../ui/Ids.tsx';
import { Notice, Stat } from '../ui/Stat.tsx';
import { DateTime } from '../ui/Time.tsx';
import { EpochClockCard } from './EpochClockCard.tsx';

export function OverviewView({ initial, serverNow }: { initial: OverviewJson; serverNow: number }) {
  const { data = initial, error } = useEndpoint('overview', {}, { initial });
  const current = data.current;
  if (!data.clock || !current) {
    return (
      <Notice title="Waiting for the first epoch.">
        The indexer has not seen an epoch begin yet. This page fills in as soon as it does
        {data.indexer.checkpoint ? ` (indexed up to checkpoint ${data.indexer.checkpoint})` : ''}.
      </Notice>
    );
  }
  const fees =
    current.storagePaid !== null || current.writeFees !== null
      ? BigInt(current.storagePaid ?? '0') + BigInt(current.writeFees ?? '0')
      : null;
  const capacity = data.storage.capacity ? BigInt(data.storage.capacity) : null;
  const used = capacity && capacity > 0n ? Number((BigInt(data.storage.reserved) * 10_000n) / capacity) / 10_000 : null;

  return (
    <div className="stack">
      {error ? <Notice tone="warning">Live updates paused: {error.message}</Notice> : null}
      <div className="grid grid--wide">
        <EpochClockCard clock={data.clock} serverNow={serverNow} />
        <section className="card" aria-labelledby="committee-heading">
          <h2 id="committee-heading" style={{ marginTop: 0 }}>
            Committee
          </h2>
          <dl className="kv">
            <dt>Members this epoch</dt>
            <dd>
              {current.committeeSize ?? data.nodes.committee} nodes, {current.committeeShards ?? '—'} shards
            </dd>
            <dt>Next epoch</dt>
            <dd>
              {data.next
                ? `${data.next.committeeSize ?? '—'} nodes selected for epoch ${data.next.epoch}`
                : `selected at the mid-epoch cutoff`}
            </dd>
            <dt>Candidates</dt>
            <dd>{data.nodes.candidates} outside the committee</dd>
            <dt>Slashed</dt>
            <dd>
              {data.nodes.slashed === 0
                ? 'no node has been slashed'
                : `${data.nodes.slashed} node${data.nodes.slashed === 1 ? '' : 's'} slashed at least once`}
            </dd>
          </dl>
          <p style={{ marginTop: '0.75rem', marginBottom: 0 }}>
            <Link href="/nodes">Compare nodes →</Link>
          </p>
        </section>
      </div>

      <div className="grid" data-testid="overview-stats">
        <Stat
          label="Total stake"
          hint={
            <>
              committee: <Wal frost={data.stake.committee} compact />
            </>
          }
        >
          <Wal frost={data.stake.total} compact />
        </Stat>
        <Stat label="Network APY" hint="last epoch's pool growth, annualized, stake-weighted, after commission">
          <Percent ratio={current.apy} />
        </Stat>
        <Stat
          label={`Rewards into epoch ${current.epoch}`}
          hint={
            <>
              burned: <Wal frost={current.burned} />
            </>
          }
        >
          <Wal frost={current.rewards} />
        </Stat>
        <Stat
          label={`Fees paid in epoch ${current.epoch}`}
          hint={
            <>
              storage <Wal frost={current.storagePaid} /> · writes <Wal frost={current.writeFees} />
            </>
          }
        >
          <Wal frost={fees} />
        </Stat>
        <Stat
          label="Capacity"
          hint={
            <>
              reserved: <Bytes bytes={data.storage.reserved} />
              {used !== null ? ` (${(used * 100).toFixed(1)}%)` : ''}
            </>
          }
        >
          <Bytes bytes={capacity} />
        </Stat>
        <Stat
          label="Storage price per MiB per epoch"
          hint={
            <>
              write: <Price frost={current.writePrice} per="per MiB" />
            </>
          }
        >
          <Price frost={current.storagePrice} />
        </Stat>
      </div>

      <TrendCharts history={data.history} />

      <p className="hint">
        Indexed up to checkpoint {data.indexer.checkpoint ?? '—'}
        {data.indexer.updatedAt ? (
          <>
            , updated <DateTime value={data.indexer.updatedAt} />
          </>
        ) : null}
        . Storage capacity is {capacity !== null ? formatBytes(capacity) : 'not yet voted'}.
      </p>
    </div>
  );
}

function TrendCharts({ history }: { history: EpochSummaryJson[] }) {
  const rows = history.filter((epoch) => epoch.totalStake !== null || epoch.rewards !== null);
  const data = rows.map((epoch) => ({
    epoch: epoch.epoch,
    stake: epoch.totalStake ? frostToWalNumber(BigInt(epoch.totalStake)) : null,
    rewards: epoch.rewards ? frostToWalNumber(BigInt(epoch.rewards)) : null,
    fees: frostToWalNumber(BigInt(epoch.storagePaid ?? '0') + BigInt(epoch.writeFees ?? '0')),
    apy: epoch.apy,
  }));
  const reversed = [...rows].reverse();
  return (
    <div className="grid grid--wide">
      <ChartPanel
        title="Stake and rewards by epoch"
        chart={{
          data,
          x: 'epoch',
          xPrefix: 'Epoch ',
          unit: 'wal',
          rightUnit: 'wal',
          ariaLabel: 'Total stake (line) and rewards distributed (bars) by epoch; the table below has the figures.',
          series: [
            { key: 'stake', label: 'Total stake', kind: 'line', color: 1 },
            { key: 'rewards', label: 'Rewards', kind: 'bar', color: 2, axis: 'right' },
          ],
        }}
        table={
          <DataTable
            scroll
            caption="Stake and rewards by epoch"
            captionHidden
            rows={reversed}
            rowKey={(row) => String(row.epoch)}
            columns={[
              { key: 'epoch', header: 'Epoch', cell: (row) => <EpochLink epoch={row.epoch} /> },
              { key: 'stake', header: 'Total stake', numeric: true, cell: (row) => <Wal frost={row.totalStake} /> },
              { key: 'rewards', header: 'Rewards', numeric: true, cell: (row) => <Wal frost={row.rewards} /> },
              { key: 'burned', header: 'Burned', numeric: true, cell: (row) => <Wal frost={row.burned} /> },
            ]}
          />
        }
      />
      <ChartPanel
        title="Network APY and fees by epoch"
        note="APY is realized: each pool's exchange-rate growth over its last epoch, annualized. It is not a promise of future returns."
        chart={{
          data,
          x: 'epoch',
          xPrefix: 'Epoch ',
          unit: 'percent',
          rightUnit: 'wal',
          ariaLabel: 'Network APY (line) and fees paid (bars) by epoch; the table below has the figures.',
          series: [
            { key: 'apy', label: 'APY', kind: 'line', color: 3 },
            { key: 'fees', label: 'Fees', kind: 'bar', color: 4, axis: 'right' },
          ],
        }}
        table={
          <DataTable
            scroll
            caption="APY and fees by epoch"
            captionHidden
            rows={reversed}
            rowKey={(row) => String(row.epoch)}
            columns={[
              { key: 'epoch', header: 'Epoch', cell: (row) => <EpochLink epoch={row.epoch} /> },
              { key: 'apy', header: 'APY', numeric: true, cell: (row) => <Percent ratio={row.apy} /> },
              { key: 'storage', header: 'Storage fees', numeric: true, cell: (row) => <Wal frost={row.storagePaid} /> },
              { key: 'writes', header: 'Write fees', numeric: true, cell: (row) => <Wal frost={row.writeFees} /> },
            ]}
          />
        }
      />
    </div>
  );
}
