'use client';
/**
 * "My stake": every position of an address by state — pending ("active from
 * epoch X (date)"), active, withdrawing (with ETA), withdrawable — plus the
 * history of withdrawn and merged ones (nothing disappears), rewards to date,
 * rewards by epoch with CSV export, and the delegation activity.
 */
import { useState, type ReactNode } from 'react';
import Link from 'next/link';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { useRouter } from 'next/navigation';
import { canWithdrawAtOnce, formatDuration } from '@tusk/shared/epochTiming';
import { frostToWalNumber } from '@tusk/shared/format';
import type { AccountEventsJson, PositionJson, PositionsJson, RewardsJson } from '../data/api.ts';
import { useLive } from '../data/live.ts';
import { Wal } from '../ui/Amount.tsx';
import { Badge, PositionBadge } from '../ui/Badge.tsx';
import { ChartPanel } from '../ui/ChartPanel.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { EpochLink, NodeLink, ShortId } from '../ui/Ids.tsx';
import { Notice, Stat } from '../ui/Stat.tsx';
import { DateTime, formatDate } from '../ui/Time.tsx';
import { positionTotals } from '../../server/queries/positionTotals.ts';
import { useOwnedStakedWalIds } from '../wallet/chainReads.ts';
import { useViewedAddress } from '../wallet/useAddress.ts';
import { NewStakeButton } from './NewStakeDialog.tsx';
import { PositionActionButton, PositionActions } from './PositionDialogs.tsx';

export function MyStakeView() {
  const viewed = useViewedAddress();
  const router = useRouter();
  const [lookup, setLookup] = useState('');
  const lookupForm = (
    <form
      className="toolbar"
      onSubmit={(event) => {
        event.preventDefault();
        if (lookup.trim()) router.push(`/stake?address=${encodeURIComponent(lookup.trim())}`);
      }}
    >
      <div className="field">
        <label htmlFor="lookup-address">Look up an address</label>
        <input
          id="lookup-address"
          type="text"
          className="mono"
          placeholder="0x…"
          value={lookup}
          onChange={(event) => setLookup(event.target.value)}
          size={40}
          maxLength={70}
        />
      </div>
      <button type="submit" className="button button--secondary">
        Show
      </button>
      {viewed.watching && viewed.connected ? (
        <Link className="button button--secondary" href="/stake">
          Back to my wallet
        </Link>
      ) : null}
    </form>
  );

  if (viewed.invalid) {
    return (
      <>
        <Notice tone="error">
          “{viewed.invalid.slice(0, 80)}” is not a Sui address (0x followed by up to 64 hex digits).
        </Notice>
        {lookupForm}
      </>
    );
  }
  if (!viewed.ready && !viewed.address) return <p className="muted">Loading…</p>;
  if (!viewed.address) {
    return (
      <>
        <Notice title="Connect a wallet">to see your positions, or look up any address below.</Notice>
        {lookupForm}
      </>
    );
  }
  return (
    <>
      <AccountView address={viewed.address} canAct={!viewed.watching && viewed.connected === viewed.address} />
      {lookupForm}
    </>
  );
}

function eta(date: string | null): ReactNode {
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

function AccountView({ address, canAct }: { address: string; canAct: boolean }) {
  const { data, error, isLoading } = useLive<PositionsJson>(`/api/v1/accounts/${address}/positions`);
  const { data: rewards } = useLive<RewardsJson>(`/api/v1/accounts/${address}/rewards`, undefined, 30_000);
  const [eventsPage, setEventsPage] = useState(0);
  const owned = useOwnedStakedWalIds(address);
  const { data: events } = useLive<AccountEventsJson>(
    `/api/v1/accounts/${address}/events?limit=25&offset=${eventsPage * 25}`,
    undefined,
    15_000,
  );

  if (isLoading && !data) return <p className="muted">Loading positions…</p>;
  if (error && !data) return <Notice tone="error">{error.message}</Notice>;
  if (!data) return null;

  // Positions the index lists for this address that the chain no longer does:
  // given away with a plain transfer, which emits no staking event.
  const isLive = (p: PositionJson) => p.state !== 'withdrawn' && p.state !== 'joined';
  const transferredAway = data.positions.filter(
    (p) => isLive(p) && owned.data !== undefined && !owned.data.has(normalizeSuiAddress(p.stakedWalId)),
  );
  const held = new Set(data.positions.filter((p) => !transferredAway.includes(p)).map((p) => p.stakedWalId));
  const by = (state: string) => data.positions.filter((p) => p.state === state && held.has(p.stakedWalId));
  const totals =
    transferredAway.length === 0 ? data.totals : positionTotals(data.positions.filter((p) => held.has(p.stakedWalId)));
  const pending = by('pending');
  const active = by('active');
  const withdrawing = by('withdrawing');
  const withdrawable = by('withdrawable');
  const history = data.positions.filter((p) => p.state === 'withdrawn' || p.state === 'joined');
  const epoch = data.clock?.epoch ?? null;

  const nodeCell: Column<PositionJson> = {
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
  const idCell: Column<PositionJson> = { key: 'id', header: 'Position', cell: (p) => <ShortId id={p.stakedWalId} /> };
  const principalCell: Column<PositionJson> = {
    key: 'principal',
    header: 'Principal',
    numeric: true,
    cell: (p) => <Wal frost={p.principal} />,
  };
  const rewardsCell: Column<PositionJson> = {
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
  const valueCell: Column<PositionJson> = {
    key: 'value',
    header: 'Value now',
    numeric: true,
    cell: (p) => <Wal frost={p.value} />,
  };
  const actions = (render: (p: PositionJson) => ReactNode): Column<PositionJson> => ({
    key: 'actions',
    header: <span className="visually-hidden">Actions</span>,
    label: '',
    cell: (p) => (canAct ? <div className="button-row">{render(p)}</div> : null),
  });
  const joinable = (p: PositionJson) =>
    data.positions.filter(
      (o) =>
        o.stakedWalId !== p.stakedWalId &&
        o.state === p.state &&
        o.nodeId === p.nodeId &&
        o.activationEpoch === p.activationEpoch &&
        o.withdrawEpoch === p.withdrawEpoch,
    );

  const rewardRows = rewards?.rows ?? [];
  const byEpoch = new Map<number, { epoch: number; reward: bigint; value: bigint }>();
  for (const row of rewardRows) {
    const entry = byEpoch.get(row.epoch) ?? { epoch: row.epoch, reward: 0n, value: 0n };
    entry.reward += BigInt(row.reward);
    entry.value += BigInt(row.value);
    byEpoch.set(row.epoch, entry);
  }
  const rewardEpochs = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  let cumulative = 0n;
  const rewardChart = rewardEpochs.map((entry) => {
    cumulative += entry.reward;
    return { epoch: entry.epoch, reward: frostToWalNumber(entry.reward), cumulative: frostToWalNumber(cumulative) };
  });
  const earnedTotal = BigInt(totals.rewards) + BigInt(totals.withdrawnRewards);

  return (
    <PositionActions>
      <div className="stack" data-testid="my-stake">
        <div className="page-head">
          <p className="mono" style={{ overflowWrap: 'anywhere' }}>
            {canAct ? 'Your wallet' : 'Watching'} {address}
          </p>
          {canAct ? <NewStakeButton /> : null}
        </div>
        {error ? <Notice tone="warning">Live updates paused: {error.message}</Notice> : null}
        <div className="grid" data-testid="stake-totals">
          <Stat label="Staked" hint="principal of live positions">
            <Wal frost={totals.staked} />
          </Stat>
          <Stat label="Value now" hint="principal + rewards − slashes">
            <Wal frost={totals.value} />
          </Stat>
          <Stat
            label="Rewards to date"
            hint={
              <>
                incl. <Wal frost={totals.withdrawnRewards} /> on withdrawn stake
              </>
            }
          >
            <Wal frost={earnedTotal} signed />
          </Stat>
          <Stat label="Pending" hint="not yet earning">
            <Wal frost={totals.pending} />
          </Stat>
          <Stat label="Withdrawing" hint="unbonding">
            <Wal frost={totals.withdrawing} />
          </Stat>
          <Stat label="Withdrawable" hint="ready to withdraw">
            <Wal frost={totals.withdrawable} />
          </Stat>
        </div>
        {data.positions.length === 0 ? (
          <Notice>No stake yet{canAct ? ': use “Stake WAL” to delegate to a node.' : ' for this address.'}</Notice>
        ) : null}

        {transferredAway.length > 0 ? (
          <section aria-labelledby="transferred">
            <h2 id="transferred">No longer held by this address</h2>
            <p className="hint">
              The chain no longer lists these positions under this address: they were transferred to another one. Their
              new holder can act on them; they are left out of the tables below.
            </p>
            <DataTable
              caption="Positions transferred away"
              captionHidden
              rows={transferredAway}
              rowKey={(p) => p.stakedWalId}
              testId="positions-transferred"
              columns={[idCell, nodeCell, principalCell]}
            />
          </section>
        ) : null}

        {withdrawable.length > 0 ? (
          <section aria-labelledby="withdrawable">
            <h2 id="withdrawable">Withdrawable</h2>
            <DataTable
              caption="Positions ready to withdraw"
              captionHidden
              rows={withdrawable}
              rowKey={(p) => p.stakedWalId}
              testId="positions-withdrawable"
              columns={[
                idCell,
                nodeCell,
                { key: 'state', header: 'State', cell: (p) => <PositionBadge state={p.state} /> },
                principalCell,
                rewardsCell,
                { key: 'value', header: 'You receive', numeric: true, cell: (p) => <Wal frost={p.value} /> },
                actions((p) => <PositionActionButton action="withdraw" position={p} primary />),
              ]}
            />
          </section>
        ) : null}

        <section aria-labelledby="active">
          <h2 id="active">Active</h2>
          <DataTable
            caption="Active positions"
            captionHidden
            rows={active}
            rowKey={(p) => p.stakedWalId}
            testId="positions-active"
            empty="No active stake."
            columns={[
              idCell,
              nodeCell,
              {
                key: 'state',
                header: 'State',
                cell: (p) => (
                  <>
                    <PositionBadge state={p.state} />
                    <div className="hint">since epoch {p.activationEpoch}</div>
                  </>
                ),
              },
              principalCell,
              rewardsCell,
              valueCell,
              actions((p) => (
                <>
                  <PositionActionButton action="requestWithdraw" position={p} label="Withdraw…" />
                  <PositionActionButton action="split" position={p} label="Split…" />
                  {joinable(p).length > 0 ? (
                    <PositionActionButton action="join" position={p} siblings={joinable(p)} label="Merge…" />
                  ) : null}
                </>
              )),
            ]}
          />
        </section>

        {pending.length > 0 ? (
          <section aria-labelledby="pending">
            <h2 id="pending">Pending</h2>
            <DataTable
              caption="Pending positions"
              captionHidden
              rows={pending}
              rowKey={(p) => p.stakedWalId}
              testId="positions-pending"
              columns={[
                idCell,
                nodeCell,
                {
                  key: 'state',
                  header: 'State',
                  cell: (p) => (
                    <>
                      <PositionBadge state={p.state} />
                      <div className="hint" data-testid="pending-activation">
                        active from epoch {p.activationEpoch}
                        {eta(p.activatesAt)}
                      </div>
                    </>
                  ),
                },
                principalCell,
                actions((p) => (
                  <>
                    {data.clock && p.activationEpoch !== null && !canWithdrawAtOnce(p.activationEpoch, data.clock) ? (
                      <span title="The voting end of this epoch counted this stake in the next committee, so it leaves through a withdrawal request, withdrawable one epoch after it activates.">
                        <PositionActionButton action="requestWithdraw" position={p} label="Request withdrawal…" />
                      </span>
                    ) : (
                      <PositionActionButton action="cancel" position={p} label="Withdraw now…" />
                    )}
                    {joinable(p).length > 0 ? (
                      <PositionActionButton action="join" position={p} siblings={joinable(p)} label="Merge…" />
                    ) : null}
                  </>
                )),
              ]}
            />
          </section>
        ) : null}

        {withdrawing.length > 0 ? (
          <section aria-labelledby="withdrawing">
            <h2 id="withdrawing">Withdrawing</h2>
            <DataTable
              caption="Positions unbonding"
              captionHidden
              rows={withdrawing}
              rowKey={(p) => p.stakedWalId}
              testId="positions-withdrawing"
              columns={[
                idCell,
                nodeCell,
                {
                  key: 'state',
                  header: 'State',
                  cell: (p) => (
                    <>
                      <PositionBadge state={p.state} />
                      <div className="hint">
                        withdrawable from epoch {p.withdrawEpoch}
                        {eta(p.withdrawableAt)}
                      </div>
                    </>
                  ),
                },
                principalCell,
                rewardsCell,
                valueCell,
              ]}
            />
          </section>
        ) : null}

        <section aria-labelledby="rewards-history">
          <h2 id="rewards-history">Rewards by epoch</h2>
          <ChartPanel
            title="Rewards earned by epoch"
            note="From each pool’s recorded exchange rate. A negative epoch is a slash."
            chart={{
              data: rewardChart,
              x: 'epoch',
              xPrefix: 'Epoch ',
              unit: 'wal',
              rightUnit: 'wal',
              ariaLabel:
                'Rewards earned per epoch (bars) and cumulative rewards (line); the table below has the figures.',
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
                rows={[...rewardRows].reverse()}
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
              href={`/api/v1/accounts/${address}/rewards?format=csv`}
              download
              data-testid="rewards-csv"
            >
              Download rewards history (CSV)
            </a>
          </p>
        </section>

        <section aria-labelledby="history">
          <h2 id="history">History</h2>
          <DataTable
            caption="Withdrawn and merged positions"
            captionHidden
            rows={history}
            rowKey={(p) => p.stakedWalId}
            testId="positions-history"
            empty="No past positions."
            columns={[
              idCell,
              nodeCell,
              {
                key: 'state',
                header: 'State',
                cell: (p) => (
                  <>
                    <PositionBadge state={p.state} />
                    <div className="hint">
                      {p.state === 'joined' ? (
                        <>
                          merged into <ShortId id={p.joinedInto ?? ''} />
                        </>
                      ) : (
                        `withdrawn in epoch ${p.withdrawnEpoch ?? '—'}`
                      )}
                    </div>
                  </>
                ),
              },
              principalCell,
              {
                key: 'rewards',
                header: 'Rewards',
                numeric: true,
                cell: (p) =>
                  p.state === 'joined' ? <span className="muted">—</span> : <Wal frost={p.rewards} signed />,
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
        </section>

        <section aria-labelledby="activity">
          <h2 id="activity">Activity</h2>
          <DataTable
            caption="Delegation events"
            captionHidden
            rows={events?.rows ?? []}
            rowKey={(row, index) => `${row.txDigest}-${index}`}
            columns={[
              {
                key: 'when',
                header: 'When',
                cell: (row) => (
                  <>
                    <DateTime value={row.timestamp} />
                    <div className="hint">epoch {row.epoch}</div>
                  </>
                ),
              },
              {
                key: 'what',
                header: 'Event',
                cell: (row) => <EventLabel kind={row.kind} effectiveEpoch={row.effectiveEpoch} />,
              },
              {
                key: 'node',
                header: 'Node',
                cell: (row) => (row.nodeId ? <NodeLink nodeId={row.nodeId} name={row.nodeName} /> : '—'),
              },
              { key: 'amount', header: 'Amount', numeric: true, cell: (row) => <Wal frost={row.amount} /> },
              {
                key: 'tx',
                header: 'Transaction',
                cell: (row) => (
                  <span className="mono" title={row.txDigest}>
                    {row.txDigest.slice(0, 10)}…
                  </span>
                ),
              },
            ]}
            empty="No activity yet."
          />
          {events && events.total > 25 ? (
            <nav className="pager" aria-label="Activity pages">
              <span>
                {eventsPage * 25 + 1}–{Math.min((eventsPage + 1) * 25, events.total)} of {events.total}
              </span>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={eventsPage === 0}
                onClick={() => setEventsPage((p) => p - 1)}
              >
                Newer
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={(eventsPage + 1) * 25 >= events.total}
                onClick={() => setEventsPage((p) => p + 1)}
              >
                Older
              </button>
            </nav>
          ) : null}
        </section>
        {epoch !== null ? (
          <p className="hint">Current epoch: {epoch}. Dates for future epochs are estimates from the epoch length.</p>
        ) : null}
      </div>
    </PositionActions>
  );
}

function EventLabel({ kind, effectiveEpoch }: { kind: string; effectiveEpoch: number | null }) {
  switch (kind) {
    case 'deposited':
      return <>Staked{effectiveEpoch !== null ? ` (active from epoch ${effectiveEpoch})` : ''}</>;
    case 'withdraw_requested':
      return <>Requested withdrawal{effectiveEpoch !== null ? ` (from epoch ${effectiveEpoch})` : ''}</>;
    case 'withdrawn':
      return <>Withdrew</>;
    case 'split':
      return <>Split</>;
    case 'joined':
      return <>Merged</>;
    default:
      return <>{kind}</>;
  }
}
