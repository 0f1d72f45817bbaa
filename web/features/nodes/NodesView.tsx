'use client';
/**
 * The node list: shuffled by default (and saying so), sortable by any column,
 * filterable by status, searchable by name, ID or operator. The state lives
 * in the URL so a view can be shared.
 */
import { useEffect, useMemo, useState } from 'react';
import type { NodeSort, NodeStatusFilter } from '../../server/queries/nodeList.ts';
import { nodeListParams, PAGE_SIZE, type NodeQuery } from './nodeQuery.ts';
import type { NodeRowJson, NodesJson } from '../data/api.ts';
import { apiPath } from '../data/endpoints.ts';
import { useEndpoint } from '../data/live.ts';
import { Bps, Percent, Wal } from '../ui/Amount.tsx';
import { IDLE_NODE_EXPLANATION, NodeStatusBadge } from '../ui/Badge.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { CopyableId, NodeLink } from '../ui/Ids.tsx';
import { NameWarningBadge } from '../ui/NodeName.tsx';
import { Notice } from '../ui/Stat.tsx';

function newSeed(): string {
  return Math.random().toString(36).slice(2, 10);
}

const SORT_LABELS: Record<NodeSort, string> = {
  shuffle: 'Random order',
  stake: 'Stake',
  apy: 'APY',
  commission: 'Commission',
  shards: 'Shards',
  name: 'Name',
  slashes: 'Slashes',
  registered: 'Registration',
};

export function NodesView({ initial, initialQuery }: { initial: NodesJson; initialQuery: NodeQuery }) {
  const [query, setQuery] = useState(initialQuery);
  const [search, setSearch] = useState(initialQuery.q);
  const params = nodeListParams(query);
  // The server rendered the first query's page; any other query starts empty.
  const isInitialQuery = apiPath('nodes', params) === apiPath('nodes', nodeListParams(initialQuery));
  const {
    data = initial,
    error,
    isFetching,
  } = useEndpoint('nodes', params, { initial: isInitialQuery ? initial : undefined });

  // Debounce typing into the search box.
  useEffect(() => {
    const timer = setTimeout(
      () => setQuery((current) => (current.q === search ? current : { ...current, q: search, offset: 0 })),
      300,
    );
    return () => clearTimeout(timer);
  }, [search]);

  // Keep the URL in step, without a server round trip.
  useEffect(() => {
    const params = new URLSearchParams();
    if (query.sort !== 'shuffle') params.set('sort', query.sort);
    if (query.sort !== 'shuffle' && query.order !== 'desc') params.set('order', query.order);
    if (query.status !== 'all') params.set('status', query.status);
    if (query.q.trim()) params.set('q', query.q.trim());
    if (query.sort === 'shuffle') params.set('seed', query.seed);
    if (query.offset > 0) params.set('offset', String(query.offset));
    const next = `${window.location.pathname}${params.size ? `?${params}` : ''}`;
    if (next !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', next);
  }, [query]);

  function sortBy(sort: NodeSort) {
    setQuery((current) => ({
      ...current,
      sort,
      order:
        current.sort === sort
          ? current.order === 'desc'
            ? 'asc'
            : 'desc'
          : sort === 'name' || sort === 'commission'
            ? 'asc'
            : 'desc',
      offset: 0,
    }));
  }

  const columns = useMemo<Column<NodeRowJson>[]>(() => {
    const header = (sort: NodeSort, label: string) => (
      <button
        type="button"
        className="sort-button"
        data-active={query.sort === sort}
        onClick={() => sortBy(sort)}
        aria-label={`Sort by ${label}`}
      >
        {label}
        <span aria-hidden="true">{query.sort === sort ? (query.order === 'desc' ? '▼' : '▲') : '↕'}</span>
      </button>
    );
    const ariaSort = (sort: NodeSort) =>
      (query.sort === sort ? (query.order === 'desc' ? 'descending' : 'ascending') : 'none') as
        'descending' | 'ascending' | 'none';
    return [
      {
        key: 'name',
        label: 'Node',
        header: header('name', 'Node'),
        sort: ariaSort('name'),
        cell: (row) => (
          <>
            <NodeLink nodeId={row.nodeId} name={row.name} />
            {row.nameWarning ? (
              <>
                {' '}
                <NameWarningBadge warning={row.nameWarning} similarNodeIds={row.similarNodeIds} />
              </>
            ) : null}
            <div className="hint">
              <CopyableId id={row.nodeId} label="node ID" />
            </div>
          </>
        ),
      },
      {
        key: 'status',
        header: 'Status',
        cell: (row) => (
          <NodeStatusBadge
            status={row.status}
            slashCount={row.slashCount}
            leaving={row.status === 'committee' && row.nextShards === 0}
            idle={!row.inActiveSet}
          />
        ),
      },
      {
        key: 'stake',
        label: 'Stake',
        header: header('stake', 'Stake'),
        sort: ariaSort('stake'),
        numeric: true,
        cell: (row) => <Wal frost={row.stake} decimals={0} />,
      },
      { key: 'power', header: 'Voting power', numeric: true, cell: (row) => <Percent ratio={row.votingPower} /> },
      {
        key: 'shards',
        label: 'Shards',
        header: header('shards', 'Shards'),
        sort: ariaSort('shards'),
        numeric: true,
        cell: (row) => (
          <>
            {row.shards}
            {row.nextShards !== null && row.nextShards !== row.shards ? (
              <div className="hint">next: {row.nextShards}</div>
            ) : null}
          </>
        ),
      },
      {
        key: 'commission',
        label: 'Commission',
        header: header('commission', 'Commission'),
        sort: ariaSort('commission'),
        numeric: true,
        cell: (row) => (
          <>
            <Bps bps={row.commissionBps} />
            {row.pendingCommissionBps !== null ? (
              <div className="hint">
                → <Bps bps={row.pendingCommissionBps} /> from epoch {row.pendingCommissionEpoch}
              </div>
            ) : null}
          </>
        ),
      },
      {
        key: 'apy',
        label: 'APY',
        header: header('apy', 'APY'),
        sort: ariaSort('apy'),
        numeric: true,
        cell: (row) => <Percent ratio={row.apy} />,
      },
      {
        key: 'slashes',
        label: 'Slashes',
        header: header('slashes', 'Slashes'),
        sort: ariaSort('slashes'),
        numeric: true,
        cell: (row) =>
          row.slashCount === 0 ? (
            <span className="muted">none</span>
          ) : (
            <>
              {row.slashCount} (<Wal frost={row.stakeSlashed} compact />)
            </>
          ),
      },
    ];
    // sortBy only uses functional state updates, so the headers depend on the sort alone.
  }, [query.sort, query.order]);

  const from = data.total === 0 ? 0 : query.offset + 1;
  const to = Math.min(query.offset + data.rows.length, data.total);
  return (
    <div className="stack">
      <form className="toolbar" role="search" onSubmit={(event) => event.preventDefault()} aria-label="Filter nodes">
        <div className="field">
          <label htmlFor="node-search">Search</label>
          <input
            id="node-search"
            type="search"
            value={search}
            maxLength={100}
            placeholder="Name, node ID or operator"
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="node-status">Status</label>
          <select
            id="node-status"
            value={query.status}
            onChange={(event) => setQuery({ ...query, status: event.target.value as NodeStatusFilter, offset: 0 })}
          >
            <option value="all">All nodes</option>
            <option value="committee">Committee</option>
            <option value="candidate">Candidates</option>
            <option value="slashed">Slashed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="node-sort">Order</label>
          <select id="node-sort" value={query.sort} onChange={(event) => sortBy(event.target.value as NodeSort)}>
            {(Object.keys(SORT_LABELS) as NodeSort[]).map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setQuery({ ...query, sort: 'shuffle', seed: newSeed(), offset: 0 })}
        >
          Shuffle
        </button>
      </form>
      {query.sort === 'shuffle' ? (
        <Notice title="Random order.">
          Nodes are shuffled on every visit so that no operator gains delegations from a spot at the top of the list.
          Sort by a column to compare.
        </Notice>
      ) : null}
      {error ? <Notice tone="error">Could not refresh the list: {error.message}</Notice> : null}
      <DataTable
        caption={
          <>
            {data.total} node{data.total === 1 ? '' : 's'}
            {query.q ? ` matching “${query.q}”` : ''} ·{' '}
            {query.sort === 'shuffle'
              ? 'random order'
              : `sorted by ${SORT_LABELS[query.sort].toLowerCase()} (${query.order === 'desc' ? 'high to low' : 'low to high'})`}
            {isFetching ? <span className="visually-hidden"> (updating)</span> : null}
          </>
        }
        columns={columns}
        rows={data.rows}
        rowKey={(row) => row.nodeId}
        empty={query.q ? `No node matches “${query.q}”.` : 'No nodes are registered yet.'}
        testId="nodes-table"
      />
      {data.total > PAGE_SIZE ? (
        <nav className="pager" aria-label="Pages">
          <span>
            {from}–{to} of {data.total}
          </span>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={query.offset === 0}
            onClick={() => setQuery({ ...query, offset: Math.max(0, query.offset - PAGE_SIZE) })}
          >
            Previous
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={to >= data.total}
            onClick={() => setQuery({ ...query, offset: query.offset + PAGE_SIZE })}
          >
            Next
          </button>
        </nav>
      ) : null}
      <p className="hint">
        Voting power is a node’s share of all staked WAL. APY is the pool’s realized exchange-rate growth over its last
        epoch, annualized, after commission. Commission changes take effect two epochs after they are scheduled.
      </p>
      <p className="hint">Idle: {IDLE_NODE_EXPLANATION}</p>
    </div>
  );
}
