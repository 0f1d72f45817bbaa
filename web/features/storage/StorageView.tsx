'use client';
/** Storage: capacity in use, prices, fees by epoch, and the blobs (filter by state, search by ID or owner). */
import { useState } from 'react';
import { frostToWalNumber } from '@tusk/shared/format';
import type { BlobsJson, StorageJson } from '../data/api.ts';
import { useEndpoint } from '../data/live.ts';
import { Bytes, Percent, Price, Wal } from '../ui/Amount.tsx';
import { BlobBadge } from '../ui/Badge.tsx';
import { ChartPanel } from '../ui/ChartPanel.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { AddressLink, EpochLink, ShortId } from '../ui/Ids.tsx';
import { Notice, Stat } from '../ui/Stat.tsx';
import { DateTime } from '../ui/Time.tsx';

const STATES = [
  ['all', 'All'],
  ['certified', 'Certified'],
  ['registered', 'Registered'],
  ['expired', 'Expired'],
  ['deleted', 'Deleted'],
  ['burned', 'Burned'],
  ['invalid', 'Invalid'],
] as const;

const PAGE = 50;

export function StorageView({ initial, initialBlobs }: { initial: StorageJson; initialBlobs: BlobsJson }) {
  const { data = initial } = useEndpoint('storage', {}, { initial, intervalMs: 10_000 });
  const [state, setState] = useState('all');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const firstPage = state === 'all' && !query && page === 0 ? initialBlobs : undefined;
  const { data: blobs = firstPage, error: blobsError } = useEndpoint(
    'blobs',
    { state, limit: PAGE, offset: page * PAGE, q: query },
    { initial: firstPage, intervalMs: 10_000 },
  );
  const epoch = data.clock?.epoch ?? 0;
  const capacity = data.capacity ? BigInt(data.capacity) : null;
  const used = capacity && capacity > 0n ? Number((BigInt(data.reserved) * 1_000_000n) / capacity) / 1_000_000 : null;
  const chart = data.fees.map((fee) => ({
    epoch: fee.epoch,
    storage: frostToWalNumber(BigInt(fee.storagePaid)),
    writes: frostToWalNumber(BigInt(fee.writeFees)),
    reserved: Number(fee.storageReservedBytes),
  }));
  return (
    <div className="stack">
      <div className="grid">
        <Stat label="Capacity" hint="voted by the committee">
          <Bytes bytes={data.capacity} />
        </Stat>
        <Stat
          label="Reserved this epoch"
          hint={
            used !== null ? (
              <>
                of capacity: <Percent ratio={used} />
              </>
            ) : undefined
          }
        >
          <Bytes bytes={data.reserved} />
        </Stat>
        <Stat label="Storage price" hint="per MiB per epoch">
          <Price frost={data.storagePrice} />
        </Stat>
        <Stat label="Write price" hint="per MiB, once">
          <Price frost={data.writePrice} />
        </Stat>
        <Stat label="Certified blobs" hint={<Bytes bytes={data.blobs.certifiedBytes} />}>
          {data.blobs.certified}
        </Stat>
        <Stat
          label="Other blobs"
          hint={`${data.blobs.expired} expired · ${data.blobs.deleted} deleted · ${data.blobs.burned} burned · ${data.blobs.invalid} invalid`}
        >
          {data.blobs.registered} uncertified
        </Stat>
      </div>
      <ChartPanel
        title="Fees paid by epoch"
        note="Storage fees are paid up front for all the epochs bought and reach pools as rewards spread over those epochs; write fees go to the epoch they are paid in."
        chart={{
          data: chart,
          x: 'epoch',
          xPrefix: 'Epoch ',
          unit: 'wal',
          ariaLabel: 'Storage and write fees paid by epoch; the table below has the figures.',
          series: [
            { key: 'storage', label: 'Storage', kind: 'bar', color: 1 },
            { key: 'writes', label: 'Writes', kind: 'bar', color: 2 },
          ],
        }}
        table={
          <DataTable
            scroll
            caption="Fees by epoch"
            captionHidden
            rows={[...data.fees].reverse()}
            rowKey={(fee) => String(fee.epoch)}
            columns={[
              { key: 'epoch', header: 'Epoch', cell: (fee) => <EpochLink epoch={fee.epoch} /> },
              { key: 'storage', header: 'Storage fees', numeric: true, cell: (fee) => <Wal frost={fee.storagePaid} /> },
              {
                key: 'reserved',
                header: 'Bought',
                numeric: true,
                cell: (fee) => <Bytes bytes={fee.storageReservedBytes} />,
              },
              { key: 'writes', header: 'Write fees', numeric: true, cell: (fee) => <Wal frost={fee.writeFees} /> },
              { key: 'blobs', header: 'Blobs', numeric: true, cell: (fee) => fee.blobsRegistered },
              { key: 'added', header: 'Other rewards', numeric: true, cell: (fee) => <Wal frost={fee.rewardsAdded} /> },
              {
                key: 'price',
                header: 'Storage price',
                numeric: true,
                cell: (fee) => <Price frost={fee.storagePrice} />,
              },
            ]}
            empty="No fees yet."
          />
        }
      />
      <section aria-labelledby="blobs">
        <h2 id="blobs">Blobs</h2>
        <form
          className="toolbar"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setQuery(search.trim());
            setPage(0);
          }}
        >
          <div className="field">
            <label htmlFor="blob-state">State</label>
            <select
              id="blob-state"
              value={state}
              onChange={(event) => {
                setState(event.target.value);
                setPage(0);
              }}
            >
              {STATES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="blob-search">Blob ID, object ID or owner</label>
            <input
              id="blob-search"
              type="search"
              value={search}
              size={40}
              maxLength={80}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <button type="submit" className="button button--secondary">
            Search
          </button>
        </form>
        {blobsError ? <Notice tone="error">{blobsError.message}</Notice> : null}
        <DataTable
          caption={blobs ? `${blobs.total} blob${blobs.total === 1 ? '' : 's'}` : 'Blobs'}
          captionHidden
          rows={blobs?.rows ?? []}
          rowKey={(blob) => blob.objectId}
          testId="blobs-table"
          columns={[
            {
              key: 'blob',
              header: 'Blob ID',
              cell: (blob) => (
                <span className="mono" title={blob.blobId}>
                  {blob.blobId.length > 16 ? `${blob.blobId.slice(0, 8)}…${blob.blobId.slice(-6)}` : blob.blobId}
                </span>
              ),
            },
            { key: 'object', header: 'Object', cell: (blob) => <ShortId id={blob.objectId} /> },
            {
              key: 'state',
              header: 'State',
              cell: (blob) => (
                <BlobBadge state={blob.state} invalidated={blob.invalidated} expired={blob.endEpoch <= epoch} />
              ),
            },
            { key: 'size', header: 'Size', numeric: true, cell: (blob) => <Bytes bytes={blob.size} /> },
            {
              key: 'until',
              header: 'Stored until',
              cell: (blob) => (
                <>
                  epoch {blob.endEpoch}
                  {blob.extensions > 0 ? ` (extended ${blob.extensions}×)` : ''}
                </>
              ),
            },
            { key: 'deletable', header: 'Deletable', cell: (blob) => (blob.deletable ? 'yes' : 'permanent') },
            { key: 'owner', header: 'Owner', cell: (blob) => <AddressLink address={blob.owner} /> },
            { key: 'registered', header: 'Registered', cell: (blob) => <DateTime value={blob.registeredAt} /> },
          ]}
          empty={query ? 'No blob matches.' : 'No blobs yet.'}
        />
        {blobs && blobs.total > PAGE ? (
          <nav className="pager" aria-label="Blob pages">
            <span>
              {page * PAGE + 1}–{Math.min((page + 1) * PAGE, blobs.total)} of {blobs.total}
            </span>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={page === 0}
              onClick={() => setPage((p) => p - 1)}
            >
              Newer
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={(page + 1) * PAGE >= blobs.total}
              onClick={() => setPage((p) => p + 1)}
            >
              Older
            </button>
          </nav>
        ) : null}
      </section>
      {data.priceChanges.length > 0 ? (
        <DataTable
          caption="Price changes"
          rows={data.priceChanges}
          rowKey={(change, index) => `${change.epoch}-${index}`}
          columns={[
            {
              key: 'when',
              header: 'When',
              cell: (change) => (
                <>
                  <DateTime value={change.timestamp} /> (epoch {change.epoch})
                </>
              ),
            },
            {
              key: 'storage',
              header: 'Storage price',
              numeric: true,
              cell: (change) => <Price frost={change.storagePrice} per="/MiB/epoch" />,
            },
            {
              key: 'write',
              header: 'Write price',
              numeric: true,
              cell: (change) => <Price frost={change.writePrice} per="/MiB" />,
            },
          ]}
        />
      ) : null}
    </div>
  );
}
