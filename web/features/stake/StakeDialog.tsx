'use client';
/**
 * Stake WAL with a node: amount (checked against the minimum and the wallet's
 * WAL), simulation with fee and effect ("active from epoch X"), signing,
 * confirmation. Also offers the node list when no node is fixed.
 */
import { useState } from 'react';
import { formatWal } from '@tusk/shared/format';
import { MIN_STAKE_FROST } from '@tusk/shared/protocol';
import { stakeActivationEpoch } from '@tusk/shared/epochTiming';
import { displayNodeName, type NameWarning } from '@tusk/shared/nodeNames';
import { buildStake } from '@tusk/shared/tx/stake';
import { useDeployment } from '../app/DeploymentContext.tsx';
import { useMounted } from '../app/useMounted.ts';
import { epochDate, useClock } from '../data/useClock.ts';
import { TxDialog } from '../tx/TxDialog.tsx';
import { TxFormFooter } from '../tx/TxFormFooter.tsx';
import { useTxFlow } from '../tx/useTxFlow.ts';
import { IDLE_NODE_EXPLANATION } from '../ui/Badge.tsx';
import { NodeName } from '../ui/NodeName.tsx';
import { formatDate } from '../ui/Time.tsx';
import { checkWalAmount, WalAmountField } from '../ui/WalAmountField.tsx';
import { useWalCoins } from '../wallet/chainReads.ts';
import { useCurrentAccount } from '@mysten/dapp-kit-react';

/** The node a stake goes to, as the API lists it (name already safe to print, and its warning if any). */
export interface StakeTarget {
  nodeId: string;
  name: string;
  nameWarning?: NameWarning | null;
  similarNodeIds?: string[];
  /** False for an idle node (outside the staking active set); the form says what staking with it does. */
  inActiveSet?: boolean;
}

export function StakeButton({ node, label = 'Stake with this node' }: { node: StakeTarget; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="stake-open">
        {label}
      </button>
      <TxDialog title={`Stake with ${displayNodeName(node.name)}`} open={open} onClose={() => setOpen(false)}>
        <StakeForm node={node} />
      </TxDialog>
    </>
  );
}

export function StakeForm({ node }: { node: StakeTarget }) {
  const { nodeId } = node;
  const mounted = useMounted();
  const deployment = useDeployment();
  const account = useCurrentAccount();
  const sender = mounted ? (account?.address ?? null) : null;
  const coins = useWalCoins(sender);
  const clock = useClock();
  const flow = useTxFlow(sender);
  const [amount, setAmount] = useState('');

  if (!deployment)
    return (
      <p className="notice notice--warning">Staking is unavailable: this dashboard has no deployment configured.</p>
    );
  if (!sender) return <p>Connect a wallet (top right) to stake.</p>;

  const balance = coins.data?.total ?? null;
  const activation = clock ? stakeActivationEpoch(clock) : null;
  const activationDate = clock && activation !== null ? epochDate(clock, activation) : null;

  const checked = checkWalAmount(amount, {
    label: 'stake',
    min: MIN_STAKE_FROST,
    max: balance ?? undefined,
    maxLabel: 'your WAL balance',
  });

  function review() {
    const stake = checked.value;
    if (stake === null) return;
    void flow.review(
      () =>
        buildStake({
          deployment: deployment!,
          sender: sender!,
          nodeId,
          amount: stake,
          walCoins: coins.data?.coins ?? [],
        }),
      { nodes: { [nodeId]: node } },
    );
  }

  const busy = flow.phase.step !== 'idle' && flow.phase.step !== 'invalid' && flow.phase.step !== 'failed';
  return (
    <div>
      <p data-testid="stake-node-chosen">
        Staking with{' '}
        <NodeName
          nodeId={nodeId}
          name={node.name}
          nameWarning={node.nameWarning}
          similarNodeIds={node.similarNodeIds}
          link={false}
        />
      </p>
      {node.inActiveSet === false ? (
        <p className="notice notice--warning" data-testid="stake-node-idle">
          <strong>This node is idle.</strong> {IDLE_NODE_EXPLANATION} If it cannot join, your stake still activates but
          earns nothing until the node joins.
        </p>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          review();
        }}
        noValidate
      >
        <WalAmountField
          id="stake-amount"
          value={amount}
          disabled={busy}
          error={checked.error}
          onChange={(text) => {
            setAmount(text);
            if (flow.phase.step !== 'idle') flow.reset();
          }}
          hint={
            <>
              At least {formatWal(MIN_STAKE_FROST, { exact: true })}. Available:{' '}
              {balance === null ? (coins.isLoading ? 'loading…' : '—') : formatWal(balance)}
              {balance !== null && balance > 0n ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setAmount(formatWal(balance, { exact: true, unit: false, group: false }))}
                  >
                    Max
                  </button>
                </>
              ) : null}
            </>
          }
        />
        {activation !== null ? (
          <p className="hint">
            Staked now, it becomes active in epoch {activation}
            {activationDate ? ` (≈ ${formatDate(activationDate)})` : ''} and earns from then on. You can withdraw it at
            once, without rewards, until a voting end counts it in a committee; from then on it leaves through a
            withdrawal request, one epoch after it activates (a stake cannot pick a committee and leave before serving
            it).
          </p>
        ) : null}
        <TxFormFooter
          flow={flow}
          reviewLabel="Review stake"
          reviewTestId="stake-review"
          canReview={checked.value !== null}
          submitLabel="Sign and stake"
          effect={
            activation !== null
              ? `Active from epoch ${activation}${activationDate ? ` (≈ ${formatDate(activationDate)})` : ''}`
              : undefined
          }
        />
      </form>
    </div>
  );
}
