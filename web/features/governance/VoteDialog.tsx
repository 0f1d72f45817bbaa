'use client';
/**
 * Vote on a proposal: with your active positions (your vote overrides your
 * node's for that stake) and/or as the node whose `StorageNodeCap` you hold.
 */
import { useState } from 'react';
import { useCurrentAccount } from '@mysten/dapp-kit-react';
import { formatWal } from '@tusk/shared/format';
import { buildVoteAsNode, buildVoteWithStake, VOTE_OPTION_LABELS, type VoteOption } from '@tusk/shared/tx/governance';
import { useDeployment } from '../app/DeploymentContext.tsx';
import type { PositionsJson, ProposalJson } from '../data/api.ts';
import { useLive } from '../data/live.ts';
import { TxDialog } from '../tx/TxDialog.tsx';
import { TxStatus } from '../tx/TxStatus.tsx';
import { useTxFlow } from '../tx/useTxFlow.ts';
import { useOwnedCaps } from '../wallet/chainReads.ts';

export function VoteButton({ proposal }: { proposal: ProposalJson }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--small" onClick={() => setOpen(true)} data-testid="vote-open">
        Vote
      </button>
      <TxDialog title={`Vote: ${proposal.title}`} open={open} onClose={() => setOpen(false)}>
        <VoteForm proposal={proposal} />
      </TxDialog>
    </>
  );
}

function VoteForm({ proposal }: { proposal: ProposalJson }) {
  const deployment = useDeployment();
  const sender = useCurrentAccount()?.address ?? null;
  const flow = useTxFlow(sender);
  const { data: positions } = useLive<PositionsJson>(
    sender ? `/api/v1/accounts/${sender}/positions` : null,
    undefined,
    15_000,
  );
  const caps = useOwnedCaps(sender);
  const active = (positions?.positions ?? []).filter((p) => p.state === 'active' || p.state === 'withdrawing');
  const [option, setOption] = useState<VoteOption>('yes');
  const [as, setAs] = useState<string>('stake');
  const [error, setError] = useState<string | null>(null);

  if (!deployment) return <p className="notice notice--warning">Voting is unavailable: no deployment is configured.</p>;
  if (!sender) return <p>Connect a wallet to vote.</p>;

  const capChoices = caps.data ?? [];
  const stakeWeight = active.reduce((sum, p) => sum + BigInt(p.value), 0n);

  function review() {
    setError(null);
    if (as === 'stake') {
      if (active.length === 0) {
        setError('You have no active stake to vote with. Stake first, or vote as a node.');
        return;
      }
      void flow.review(() =>
        buildVoteWithStake({
          deployment: deployment!,
          sender: sender!,
          stakedWals: active.map((p) => p.stakedWalId),
          proposalId: proposal.proposalId,
          option,
        }),
      );
    } else {
      const cap = capChoices.find((c) => c.capId === as);
      if (!cap) {
        setError('Choose how to vote.');
        return;
      }
      void flow.review(() =>
        buildVoteAsNode({
          deployment: deployment!,
          sender: sender!,
          cap: cap.capId,
          proposalId: proposal.proposalId,
          option,
        }),
      );
    }
  }

  const editable = flow.phase.step === 'idle' || flow.phase.step === 'invalid';
  return (
    <div>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          review();
        }}
      >
        <fieldset className="field">
          <legend>Your vote</legend>
          <div className="radio-row">
            {(Object.keys(VOTE_OPTION_LABELS) as VoteOption[]).map((key) => (
              <label key={key}>
                <input
                  type="radio"
                  name="vote-option"
                  value={key}
                  checked={option === key}
                  disabled={!editable}
                  onChange={() => setOption(key)}
                />
                {VOTE_OPTION_LABELS[key]}
              </label>
            ))}
          </div>
          <p className="hint">
            “No with veto” counts as No and, above the veto threshold, burns the proposer’s deposit.
          </p>
        </fieldset>
        <fieldset className="field">
          <legend>Vote with</legend>
          <label style={{ fontWeight: 400 }}>
            <input
              type="radio"
              name="vote-as"
              value="stake"
              checked={as === 'stake'}
              disabled={!editable}
              onChange={() => setAs('stake')}
            />{' '}
            My stake: {active.length} position{active.length === 1 ? '' : 's'}, {formatWal(stakeWeight)}
          </label>
          {capChoices.map((cap) => (
            <label key={cap.capId} style={{ fontWeight: 400 }}>
              <input
                type="radio"
                name="vote-as"
                value={cap.capId}
                checked={as === cap.capId}
                disabled={!editable}
                onChange={() => setAs(cap.capId)}
              />{' '}
              As node <code>{cap.nodeId.slice(0, 10)}…</code> (its whole pool)
            </label>
          ))}
          <p className="hint">
            Voting with your stake overrides your node’s vote for that stake. You can change your vote until voting ends
            (epoch {proposal.endEpoch}).
          </p>
        </fieldset>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {editable ? (
          <button type="submit" className="button" data-testid="vote-review">
            Review vote
          </button>
        ) : null}
      </form>
      <TxStatus
        phase={flow.phase}
        submitLabel="Sign and vote"
        onSubmit={() => void flow.submit()}
        onReset={flow.reset}
        effect="Counted at once; the result is final when the proposal is finalized after its voting window."
      />
    </div>
  );
}
