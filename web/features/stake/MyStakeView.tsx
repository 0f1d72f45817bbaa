'use client';
/**
 * "My stake": every position of an address by state — pending ("active from
 * epoch X (date)"), active, withdrawing (with ETA), withdrawable — plus the
 * history of withdrawn and merged ones (nothing disappears), rewards to date,
 * rewards by epoch with CSV export, and the delegation activity. This module
 * is the page's layout; each table is its own module beside it.
 */
import { useEndpoint } from '../data/live.ts';
import { Notice } from '../ui/Stat.tsx';
import { useOwnedStakedWalIds } from '../wallet/chainReads.ts';
import { useViewedAddress } from '../wallet/useAddress.ts';
import { ActivePositions } from './ActivePositions.tsx';
import { AddressLookupForm } from './AddressLookupForm.tsx';
import { NewStakeButton } from './NewStakeDialog.tsx';
import { PendingPositions } from './PendingPositions.tsx';
import { PositionActions } from './PositionDialogs.tsx';
import { groupPositions } from './positionGroups.ts';
import { PositionHistory } from './PositionHistory.tsx';
import { RewardsByEpoch } from './RewardsByEpoch.tsx';
import { StakeActivity } from './StakeActivity.tsx';
import { StakeTotals } from './StakeTotals.tsx';
import { TransferredPositions } from './TransferredPositions.tsx';
import { WithdrawablePositions } from './WithdrawablePositions.tsx';
import { WithdrawingPositions } from './WithdrawingPositions.tsx';

export function MyStakeView() {
  const viewed = useViewedAddress();
  const lookupForm = <AddressLookupForm showBackToWallet={viewed.watching && viewed.connected !== null} />;

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

function AccountView({ address, canAct }: { address: string; canAct: boolean }) {
  const { data, error, isLoading } = useEndpoint('accountPositions', { address });
  const owned = useOwnedStakedWalIds(address);

  if (isLoading && !data) return <p className="muted">Loading positions…</p>;
  if (error && !data) return <Notice tone="error">{error.message}</Notice>;
  if (!data) return null;

  const groups = groupPositions(data, owned.data);
  const epoch = data.clock?.epoch ?? null;
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
        <StakeTotals totals={groups.totals} />
        {data.positions.length === 0 ? (
          <Notice>No stake yet{canAct ? ': use “Stake WAL” to delegate to a node.' : ' for this address.'}</Notice>
        ) : null}
        <TransferredPositions positions={groups.transferredAway} />
        <WithdrawablePositions positions={groups.withdrawable} canAct={canAct} />
        <ActivePositions positions={groups.active} allPositions={data.positions} canAct={canAct} />
        <PendingPositions positions={groups.pending} allPositions={data.positions} clock={data.clock} canAct={canAct} />
        <WithdrawingPositions positions={groups.withdrawing} />
        <RewardsByEpoch address={address} />
        <PositionHistory positions={groups.history} />
        <StakeActivity address={address} />
        {epoch !== null ? (
          <p className="hint">Current epoch: {epoch}. Dates for future epochs are estimates from the epoch length.</p>
        ) : null}
      </div>
    </PositionActions>
  );
}
