'use client';
/**
 * Actions on one's positions, each a dialog with its own form and the
 * transaction flow: request a withdrawal (whole or part), withdraw (a
 * withdrawable position, or a pending one no committee selection counted yet
 * at once without rewards), split,
 * and merge positions.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useCurrentAccount } from '@mysten/dapp-kit-react';
import { formatWal } from '@tusk/shared/format';
import { MIN_STAKE_FROST } from '@tusk/shared/protocol';
import { withdrawEpochIfRequestedNow } from '@tusk/shared/epochTiming';
import { buildJoin, buildRequestWithdraw, buildSplit, buildWithdraw, checkSplit } from '@tusk/shared/tx/stakedWal';
import type { BuiltTx } from '@tusk/shared/tx/intent';
import type { ReviewContext, ReviewNode, ReviewPosition } from '@tusk/shared/tx/review';
import { useDeployment } from '../app/DeploymentContext.tsx';
import type { PositionJson } from '../data/api.ts';
import { epochDate, useClock } from '../data/useClock.ts';
import { TxDialog } from '../tx/TxDialog.tsx';
import { TxFormFooter } from '../tx/TxFormFooter.tsx';
import { useTxFlow } from '../tx/useTxFlow.ts';
import { CopyableId } from '../ui/Ids.tsx';
import { NodeName } from '../ui/NodeName.tsx';
import { formatDate } from '../ui/Time.tsx';
import { checkWalAmount, WalAmountField, type WalAmountCheck } from '../ui/WalAmountField.tsx';

export type PositionAction = 'requestWithdraw' | 'withdraw' | 'cancel' | 'split' | 'join';

const TITLES: Record<PositionAction, string> = {
  requestWithdraw: 'Request withdrawal',
  withdraw: 'Withdraw',
  cancel: 'Withdraw pending stake',
  split: 'Split position',
  join: 'Merge positions',
};

interface OpenAction {
  action: PositionAction;
  position: PositionJson;
  siblings: PositionJson[];
}

const PositionActionsContext = createContext<((open: OpenAction) => void) | null>(null);

/**
 * Holds the one open position dialog above the tables: when a transaction
 * moves its position to another state (another table), the dialog stays open
 * to show the confirmation instead of vanishing with the row.
 */
export function PositionActions({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<OpenAction | null>(null);
  return (
    <PositionActionsContext.Provider value={setCurrent}>
      {children}
      <TxDialog title={current ? TITLES[current.action] : ''} open={current !== null} onClose={() => setCurrent(null)}>
        {current ? (
          <PositionActionForm
            key={`${current.action}:${current.position.stakedWalId}`}
            action={current.action}
            position={current.position}
            siblings={current.siblings}
          />
        ) : null}
      </TxDialog>
    </PositionActionsContext.Provider>
  );
}

export function PositionActionButton({
  action,
  position,
  siblings = [],
  label,
  primary,
}: {
  action: PositionAction;
  position: PositionJson;
  siblings?: PositionJson[];
  label?: string;
  primary?: boolean;
}) {
  const open = useContext(PositionActionsContext);
  return (
    <button
      type="button"
      className={`button button--small${primary ? '' : ' button--secondary'}`}
      onClick={() => open?.({ action, position, siblings })}
      data-testid={`position-${action}`}
    >
      {label ?? TITLES[action]}
    </button>
  );
}

function PositionActionForm({
  action,
  position,
  siblings,
}: {
  action: PositionAction;
  position: PositionJson;
  siblings: PositionJson[];
}) {
  const deployment = useDeployment();
  const sender = useCurrentAccount()?.address ?? null;
  const clock = useClock();
  const flow = useTxFlow(sender);
  const principal = BigInt(position.principal);
  const [amount, setAmount] = useState(
    action === 'split' ? '' : formatWal(principal, { exact: true, unit: false, group: false }),
  );
  const [selected, setSelected] = useState<string[]>(siblings.map((p) => p.stakedWalId));

  if (!deployment) return <p className="notice notice--warning">Unavailable: no deployment is configured.</p>;
  if (!sender) return <p>Connect the wallet that owns this position.</p>;

  const withdrawEpoch = clock ? withdrawEpochIfRequestedNow(clock) : null;
  const withdrawDate = clock && withdrawEpoch !== null ? epochDate(clock, withdrawEpoch) : null;
  const base = { deployment, sender, stakedWal: position.stakedWalId };

  let effect: ReactNode = null;
  let explain: ReactNode = null;
  let needsAmount = false;
  let submitLabel = 'Sign';
  switch (action) {
    case 'requestWithdraw':
      needsAmount = true;
      submitLabel = 'Sign and request';
      explain =
        position.state === 'pending'
          ? `This stake activates in epoch ${position.activationEpoch} and this epoch's voting end already counted it in that epoch's committee, so it cannot leave at once: it serves that epoch, earning its rewards, and can be withdrawn from the epoch after. A partial request splits the position first; the rest stays staked.`
          : 'The stake keeps earning until the withdraw epoch, then stops; from then on you can withdraw it with its rewards. A partial request splits the position first; the rest stays staked.';
      effect =
        withdrawEpoch !== null
          ? `Withdrawable from epoch ${withdrawEpoch}${withdrawDate ? ` (≈ ${formatDate(withdrawDate)})` : ''}`
          : null;
      break;
    case 'withdraw':
      submitLabel = 'Sign and withdraw';
      explain = (
        <>You receive about {formatWal(BigInt(position.value))} (principal plus rewards, minus any slash) as WAL.</>
      );
      effect = 'Immediately: the WAL arrives in your wallet.';
      break;
    case 'cancel':
      needsAmount = true;
      submitLabel = 'Sign and withdraw';
      explain = `This stake is not active yet (it activates in epoch ${position.activationEpoch}) and no committee selection has counted it, so it can be withdrawn at once, without rewards.`;
      effect = 'Immediately: the principal returns to your wallet.';
      break;
    case 'split':
      needsAmount = true;
      submitLabel = 'Sign and split';
      explain =
        'Moves part of the principal into a new position with the same node and epochs, e.g. to withdraw or vote with part of it. Both parts must hold at least 1 WAL.';
      effect = 'Immediately.';
      break;
    case 'join':
      submitLabel = 'Sign and merge';
      explain =
        'Merges positions with the same node and the same activation into this one. The merged positions end (they stay in your history).';
      effect = 'Immediately.';
      break;
  }

  const checked: WalAmountCheck | null = needsAmount ? checkPositionAmount(action, amount, principal) : null;
  const joinError = action === 'join' && selected.length === 0 ? 'choose at least one position to merge' : null;
  const ready = action === 'join' ? joinError === null : checked === null || checked.value !== null;

  function build(): (() => BuiltTx) | null {
    if (action === 'join') {
      if (joinError) return null;
      return () => buildJoin({ deployment: deployment!, sender: sender!, into: position.stakedWalId, from: selected });
    }
    if (action === 'withdraw') return () => buildWithdraw({ ...base, principal });
    const value = checked?.value ?? null;
    if (value === null) return null;
    if (action === 'split') return () => buildSplit({ ...base, principal, amount: value });
    if (action === 'cancel') return () => buildWithdraw({ ...base, principal, amount: value });
    return () => buildRequestWithdraw({ ...base, principal, amount: value });
  }

  const { editable } = flow;
  return (
    <div>
      <p className="hint">
        Position <CopyableId id={position.stakedWalId} label="position ID" /> with{' '}
        {position.nodeId ? <NodeName nodeId={position.nodeId} name={position.nodeName} link={false} /> : 'its node'}:{' '}
        {formatWal(principal)} principal.
      </p>
      <p>{explain}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const builder = build();
          if (builder) void flow.review(builder, reviewContext(position, siblings));
        }}
      >
        {needsAmount ? (
          <WalAmountField
            id="position-amount"
            value={amount}
            disabled={!editable}
            error={checked?.error ?? null}
            onChange={setAmount}
            hint={
              <>
                Up to {formatWal(principal, { exact: true })}.
                {action !== 'split' ? ' Less than all of it splits the position first.' : ''}
              </>
            }
          />
        ) : null}
        {action === 'join' ? (
          <fieldset className="field">
            <legend>Merge into this position</legend>
            {siblings.map((sibling) => (
              <label key={sibling.stakedWalId} style={{ fontWeight: 400 }}>
                <input
                  type="checkbox"
                  checked={selected.includes(sibling.stakedWalId)}
                  disabled={!editable}
                  onChange={(event) =>
                    setSelected((list) =>
                      event.target.checked
                        ? [...list, sibling.stakedWalId]
                        : list.filter((id) => id !== sibling.stakedWalId),
                    )
                  }
                />{' '}
                <code>{sibling.stakedWalId.slice(0, 10)}…</code> — {formatWal(BigInt(sibling.principal))}
              </label>
            ))}
          </fieldset>
        ) : null}
        <TxFormFooter
          flow={flow}
          reviewTestId="position-review"
          canReview={ready}
          error={joinError}
          submitLabel={submitLabel}
          effect={effect}
        />
      </form>
    </div>
  );
}

/**
 * The amount of a withdrawal, early withdrawal or split, as typed: a valid WAL
 * amount of at least the minimum stake and at most the principal; anything
 * less than the whole position is split off first, so both parts must then
 * hold the minimum stake (`checkSplit`).
 */
function checkPositionAmount(action: PositionAction, text: string, principal: bigint): WalAmountCheck {
  const label = action === 'split' ? 'split' : 'withdrawal';
  const checked = checkWalAmount(text, { label, min: MIN_STAKE_FROST, max: principal, maxLabel: 'the position' });
  if (checked.value === null || (checked.value === principal && action !== 'split')) return checked;
  try {
    checkSplit(principal, checked.value, label);
    return checked;
  } catch (cause) {
    return { value: null, error: (cause as Error).message };
  }
}

/** Names the review shows for this position and the ones it may merge: principal and node of each. */
function reviewContext(position: PositionJson, siblings: PositionJson[]): ReviewContext {
  const positions: Record<string, ReviewPosition> = {};
  const nodes: Record<string, ReviewNode> = {};
  for (const p of [position, ...siblings]) {
    if (!p.nodeId) continue;
    positions[p.stakedWalId] = { principal: p.principal, nodeId: p.nodeId };
    if (p.nodeName !== null) nodes[p.nodeId] = { name: p.nodeName };
  }
  return { positions, nodes };
}
