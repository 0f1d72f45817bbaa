/**
 * The columns the position tables of "My stake" share — position, node,
 * state (badge plus a note that differs per table), principal, rewards to
 * date, value now, actions — so each table lists only what is its own.
 */
import type { ReactNode } from 'react';
import { formatDuration } from '@tusk/shared/epochTiming';
import type { PositionJson } from '../data/api.ts';
import { Wal } from '../ui/Amount.tsx';
import { Badge, PositionBadge } from '../ui/Badge.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { NodeLink, ShortId } from '../ui/Ids.tsx';
import { formatDate } from '../ui/Time.tsx';

export type PositionColumn = Column<PositionJson>;

export const positionIdColumn: PositionColumn = {
  key: 'id',
  header: 'Position',
  cell: (p) => <ShortId id={p.stakedWalId} />,
};

export const nodeColumn: PositionColumn = {
  key: 'node',
  header: 'Node',
  cell: (p) =>
    p.nodeId ? (
      <>
        <NodeLink nodeId={p.nodeId} name={p.nodeName} />
        {p.nodeSlashCount > 0 ? (
          <>
            {' '}
            <Badge tone="danger">slashed</Badge>
          </>
        ) : null}
      </>
    ) : (
      <span className="muted">unknown</span>
    ),
};

export const principalColumn: PositionColumn = {
  key: 'principal',
  header: 'Principal',
  numeric: true,
  cell: (p) => <Wal frost={p.principal} />,
};

export const rewardsColumn: PositionColumn = {
  key: 'rewards',
  header: 'Rewards to date',
  numeric: true,
  cell: (p) =>
    p.valued ? (
      <Wal frost={p.rewards} signed />
    ) : (
      <span className="muted" title="The activation epoch's pool rate is not indexed">
        —
      </span>
    ),
};

export const valueColumn: PositionColumn = {
  key: 'value',
  header: 'Value now',
  numeric: true,
  cell: (p) => <Wal frost={p.value} />,
};

/** The state badge, with `note` (when the state changes, what it merged into…) under it. */
export function stateColumn(note?: (p: PositionJson) => ReactNode, noteTestId?: string): PositionColumn {
  return {
    key: 'state',
    header: 'State',
    cell: (p) => (
      <>
        <PositionBadge state={p.state} />
        {note ? (
          <div className="hint" data-testid={noteTestId}>
            {note(p)}
          </div>
        ) : null}
      </>
    ),
  };
}

/** The row's action buttons; empty when the viewer cannot sign for the address (watching another). */
export function actionsColumn(canAct: boolean, render: (p: PositionJson) => ReactNode): PositionColumn {
  return {
    key: 'actions',
    header: <span className="visually-hidden">Actions</span>,
    label: '',
    cell: (p) => (canAct ? <div className="button-row">{render(p)}</div> : null),
  };
}

/** " (≈ 24 Nov 2026, 14:00 UTC, in 3 h)" after an epoch number, from the API's estimated date. */
export function eta(date: string | null): ReactNode {
  if (!date) return null;
  const ms = Date.parse(date) - Date.now();
  return (
    <>
      {' '}
      (≈ {formatDate(date)}
      {ms > 0 ? `, in ${formatDuration(ms)}` : ''})
    </>
  );
}

/** One section of My stake: a heading and its positions' table. */
export function PositionTable({
  id,
  title,
  caption,
  testId,
  positions,
  columns,
  empty,
}: {
  id: string;
  title: string;
  /** Read by screen readers, for the table. */
  caption: string;
  testId: string;
  positions: PositionJson[];
  columns: Column<PositionJson>[];
  /** Shown when there is no position (sections hidden when empty give none). */
  empty?: string;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <DataTable
        caption={caption}
        captionHidden
        rows={positions}
        rowKey={(p) => p.stakedWalId}
        testId={testId}
        empty={empty}
        columns={columns}
      />
    </section>
  );
}
