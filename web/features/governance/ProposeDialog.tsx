'use client';
/** Open a proposal — a parameter change, a package upgrade or a text — with a WAL deposit. */
import { useState } from 'react';
import { useCurrentAccount } from '@mysten/dapp-kit-react';
import { formatWal } from '@tusk/shared/format';
import {
  buildProposeParameterChange,
  buildProposeText,
  buildProposeUpgrade,
  MAX_PROPOSAL_TEXT_BYTES,
} from '@tusk/shared/tx/governance';
import type { BuiltTx } from '@tusk/shared/tx/intent';
import { useDeployment } from '../app/DeploymentContext.tsx';
import { describeRange } from './parameters.ts';
import { TxDialog } from '../tx/TxDialog.tsx';
import { TxFormFooter } from '../tx/TxFormFooter.tsx';
import { useTxFlow } from '../tx/useTxFlow.ts';
import { FormField, TextField } from '../ui/FormField.tsx';
import { checkWalAmount, WalAmountField } from '../ui/WalAmountField.tsx';
import { useWalCoins } from '../wallet/chainReads.ts';

type Kind = 'parameter' | 'upgrade' | 'text';

export function ProposeButton({
  parameters,
  minDeposit,
}: {
  parameters: Record<string, string>;
  minDeposit: string | null;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="propose-open">
        New proposal
      </button>
      <TxDialog title="New proposal" open={open} onClose={() => setOpen(false)}>
        <ProposeForm parameters={parameters} minDeposit={minDeposit ? BigInt(minDeposit) : undefined} />
      </TxDialog>
    </>
  );
}

function ProposeForm({ parameters, minDeposit }: { parameters: Record<string, string>; minDeposit?: bigint }) {
  const deployment = useDeployment();
  const sender = useCurrentAccount()?.address ?? null;
  const coins = useWalCoins(sender);
  const flow = useTxFlow(sender);
  const [kind, setKind] = useState<Kind>('parameter');
  const [name, setName] = useState(Object.keys(parameters)[0] ?? '');
  const [value, setValue] = useState('');
  const [digest, setDigest] = useState('');
  const [text, setText] = useState('');
  const [deposit, setDeposit] = useState(
    minDeposit ? formatWal(minDeposit, { exact: true, unit: false, group: false }) : '',
  );
  const [error, setError] = useState<string | null>(null);

  if (!deployment)
    return <p className="notice notice--warning">Proposing is unavailable: no deployment is configured.</p>;
  if (!sender) return <p>Connect a wallet to propose.</p>;

  const checkedDeposit = checkWalAmount(deposit, {
    label: 'deposit',
    min: minDeposit,
    max: coins.data?.total,
    maxLabel: 'your WAL balance',
  });

  function build(): (() => BuiltTx) | null {
    if (checkedDeposit.value === null) return null;
    const base = {
      deployment: deployment!,
      sender: sender!,
      deposit: checkedDeposit.value,
      minDeposit,
      walCoins: coins.data?.coins ?? [],
    };
    if (kind === 'parameter') {
      if (!/^\d{1,20}$/.test(value.trim())) {
        setError(`new value must be a whole number (got "${value.slice(0, 30)}")`);
        return null;
      }
      const parsedValue = BigInt(value.trim());
      return () => buildProposeParameterChange({ ...base, name, value: parsedValue });
    }
    if (kind === 'upgrade') return () => buildProposeUpgrade({ ...base, digest });
    return () => buildProposeText({ ...base, text });
  }

  const { editable } = flow;
  const range = describeRange(name);
  return (
    <div>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          const builder = build();
          if (builder) void flow.review(builder, { parameters });
        }}
      >
        <div className="tabs" role="tablist" aria-label="Kind of proposal">
          {(['parameter', 'upgrade', 'text'] as Kind[]).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={kind === k}
              disabled={!editable}
              onClick={() => setKind(k)}
            >
              {k === 'parameter' ? 'Parameter change' : k === 'upgrade' ? 'Package upgrade' : 'Text'}
            </button>
          ))}
        </div>
        {kind === 'parameter' ? (
          <>
            <FormField
              id="param-name"
              label="Parameter"
              hint={
                <>
                  {parameters[name] !== undefined
                    ? `Currently ${parameters[name]}.`
                    : 'A governed protocol parameter, e.g. slash_bps.'}
                  {range ? (
                    <span className="hint" data-testid="param-range">
                      Allowed: {range} (a safe range the chain enforces, so no vote can brick the protocol).
                    </span>
                  ) : null}
                </>
              }
            >
              {(control) => (
                <>
                  <input
                    {...control}
                    type="text"
                    list="param-names"
                    value={name}
                    disabled={!editable}
                    onChange={(event) => setName(event.target.value)}
                  />
                  <datalist id="param-names">
                    {Object.keys(parameters).map((key) => (
                      <option key={key} value={key} />
                    ))}
                  </datalist>
                </>
              )}
            </FormField>
            <TextField
              id="param-value"
              label="New value"
              inputMode="numeric"
              value={value}
              disabled={!editable}
              onChange={setValue}
            />
          </>
        ) : null}
        {kind === 'upgrade' ? (
          <FormField
            id="upgrade-digest"
            label="Package digest"
            hint="If the proposal passes, exactly this package digest may be published as the upgrade."
          >
            {(control) => (
              <input
                {...control}
                type="text"
                className="mono"
                value={digest}
                disabled={!editable}
                placeholder="64 hex digits"
                onChange={(event) => setDigest(event.target.value)}
              />
            )}
          </FormField>
        ) : null}
        {kind === 'text' ? (
          <FormField
            id="proposal-text"
            label="Text"
            hint={`The first line is the title. At most ${MAX_PROPOSAL_TEXT_BYTES} bytes.`}
          >
            {(control) => (
              <textarea
                {...control}
                value={text}
                disabled={!editable}
                maxLength={MAX_PROPOSAL_TEXT_BYTES}
                onChange={(event) => setText(event.target.value)}
              />
            )}
          </FormField>
        ) : null}
        <WalAmountField
          id="proposal-deposit"
          label="Deposit (WAL)"
          value={deposit}
          disabled={!editable}
          error={checkedDeposit.error}
          onChange={setDeposit}
          hint={
            <>
              {minDeposit !== undefined ? `At least ${formatWal(minDeposit)}. ` : ''}Returned after voting unless the
              proposal is vetoed. Your balance: {coins.data ? formatWal(coins.data.total) : '—'}.
            </>
          }
        />
        <TxFormFooter
          flow={flow}
          reviewLabel="Review proposal"
          reviewTestId="propose-review"
          canReview={checkedDeposit.value !== null}
          error={error}
          submitLabel="Sign and propose"
          effect="Voting opens at once and runs for the governed number of epochs."
        />
      </form>
    </div>
  );
}
