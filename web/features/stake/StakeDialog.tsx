'use client';
/**
 * Stake WAL with a node: amount (checked against the minimum and the wallet's
 * WAL), simulation with fee and effect ("active from epoch X"), signing,
 * confirmation. Also offers the node list when no node is fixed.
 */
import { useState } from 'react';
import { formatWal, parseWal } from '@tusk/shared/format';
import { MIN_STAKE_FROST } from '@tusk/shared/protocol';
import { stakeActivationEpoch } from '@tusk/shared/epochTiming';
import { buildStake } from '@tusk/shared/tx/stake';
import { useDeployment } from '../app/DeploymentContext.tsx';
import { useMounted } from '../app/useMounted.ts';
import { epochDate, useClock } from '../data/useClock.ts';
import { TxDialog } from '../tx/TxDialog.tsx';
import { TxStatus } from '../tx/TxStatus.tsx';
import { useTxFlow } from '../tx/useTxFlow.ts';
import { formatDate } from '../ui/Time.tsx';
import { useWalCoins } from '../wallet/chainReads.ts';
import { useCurrentAccount } from '@mysten/dapp-kit-react';

export function StakeButton({
  nodeId,
  nodeName,
  label = 'Stake with this node',
}: {
  nodeId: string;
  nodeName: string;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="stake-open">
        {label}
      </button>
      <TxDialog title={`Stake with ${nodeName}`} open={open} onClose={() => setOpen(false)}>
        <StakeForm nodeId={nodeId} />
      </TxDialog>
    </>
  );
}

export function StakeForm({ nodeId }: { nodeId: string }) {
  const mounted = useMounted();
  const deployment = useDeployment();
  const account = useCurrentAccount();
  const sender = mounted ? (account?.address ?? null) : null;
  const coins = useWalCoins(sender);
  const clock = useClock();
  const flow = useTxFlow(sender);
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!deployment)
    return (
      <p className="notice notice--warning">Staking is unavailable: this dashboard has no deployment configured.</p>
    );
  if (!sender) return <p>Connect a wallet (top right) to stake.</p>;

  const balance = coins.data?.total ?? null;
  const activation = clock ? stakeActivationEpoch(clock) : null;
  const activationDate = clock && activation !== null ? epochDate(clock, activation) : null;

  function review() {
    const parsed = parseWal(amount, {
      label: 'stake',
      min: MIN_STAKE_FROST,
      max: balance ?? undefined,
      maxLabel: 'your WAL balance',
    });
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    void flow.review(() =>
      buildStake({
        deployment: deployment!,
        sender: sender!,
        nodeId,
        amount: parsed.value,
        walCoins: coins.data?.coins ?? [],
      }),
    );
  }

  const busy = flow.phase.step !== 'idle' && flow.phase.step !== 'invalid' && flow.phase.step !== 'failed';
  return (
    <div>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          review();
        }}
        noValidate
      >
        <div className="field">
          <label htmlFor="stake-amount">Amount (WAL)</label>
          <input
            id="stake-amount"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            disabled={busy}
            aria-invalid={error ? true : undefined}
            aria-describedby="stake-amount-hint stake-amount-error"
            onChange={(event) => {
              setAmount(event.target.value);
              setError(null);
              if (flow.phase.step !== 'idle') flow.reset();
            }}
          />
          <p id="stake-amount-hint" className="hint">
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
          </p>
          {error ? (
            <p id="stake-amount-error" className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        {activation !== null ? (
          <p className="hint">
            Staked now, it becomes active in epoch {activation}
            {activationDate ? ` (≈ ${formatDate(activationDate)})` : ''} and earns from then on. Until then you can
            withdraw it at once, without rewards.
          </p>
        ) : null}
        {flow.phase.step === 'idle' || flow.phase.step === 'invalid' ? (
          <button type="submit" className="button" data-testid="stake-review">
            Review stake
          </button>
        ) : null}
      </form>
      <TxStatus
        phase={flow.phase}
        submitLabel="Sign and stake"
        onSubmit={() => void flow.submit()}
        onReset={flow.reset}
        effect={
          activation !== null
            ? `Active from epoch ${activation}${activationDate ? ` (≈ ${formatDate(activationDate)})` : ''}`
            : undefined
        }
      />
    </div>
  );
}
