'use client';
/**
 * Vote on a proposal: with those of your positions that can vote on it (your
 * vote overrides your node's for that stake; `stakeVoters` says which, and why
 * not the others) or as the node whose `StorageNodeCap` you hold.
 */
import { useState } from 'react';
import { useCurrentAccount } from '@mysten/dapp-kit-react';
import { formatWal, shortId } from '@tusk/shared/format';
import { buildVoteAsNode, buildVoteWithStake, VOTE_OPTION_LABELS, type VoteOption } from '@tusk/shared/tx/governance';
import { useDeployment } from '../app/DeploymentContext.tsx';
import type { PositionJson, ProposalJson } from '../data/api.ts';
import { useEndpoint } from '../data/live.ts';
import { TxDialog } from '../tx/TxDialog.tsx';
import { TxFormFooter } from '../tx/TxFormFooter.tsx';
import { useTxFlow } from '../tx/useTxFlow.ts';
import { useOwnedCaps } from '../wallet/chainReads.ts';
import { stakeVoters, type StakeVoters } from './stakeVoteEligibility.ts';

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
  const { data: positions } = useEndpoint('accountPositions', sender ? { address: sender } : null, {
    intervalMs: 15_000,
  });
  const caps = useOwnedCaps(sender);
  const voters = stakeVoters(positions?.positions ?? [], proposal);
  const [option, setOption] = useState<VoteOption>('yes');
  const [as, setAs] = useState<string>('stake');
  const [error, setError] = useState<string | null>(null);

  if (!deployment) return <p className="notice notice--warning">Voting is unavailable: no deployment is configured.</p>;
  if (!sender) return <p>Connect a wallet to vote.</p>;

  const capChoices = caps.data ?? [];
  const stakeReady = positions !== undefined && voters.eligible.length > 0;

  function review() {
    setError(null);
    if (as === 'stake') {
      if (!stakeReady) return;
      void flow.review(() =>
        buildVoteWithStake({
          deployment: deployment!,
          sender: sender!,
          stakedWals: voters.eligible.map((p) => p.stakedWalId),
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

  const { editable } = flow;
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
            My stake:{' '}
            {positions === undefined ? (
              'loading…'
            ) : (
              <>
                <span data-testid="vote-stake-weight">
                  {voters.eligible.length} position{voters.eligible.length === 1 ? '' : 's'} that can vote, about{' '}
                  {formatWal(voters.weight)}
                </span>
                <span className="hint">
                  {' '}
                  (votes weigh each position as it was when epoch {proposal.createdEpoch} began, so rewards earned since
                  do not count)
                </span>
              </>
            )}
          </label>
          {as === 'stake' && positions !== undefined ? (
            <StakeVoterList voters={voters} canVoteAsNode={capChoices.length > 0} />
          ) : null}
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
        <TxFormFooter
          flow={flow}
          reviewLabel="Review vote"
          reviewTestId="vote-review"
          canReview={as !== 'stake' || stakeReady}
          error={error}
          submitLabel="Sign and vote"
          effect="Counted at once; the result is final when the proposal is finalized after its voting window."
        />
      </form>
    </div>
  );
}

/** The positions a stake vote uses, and each one it leaves out with why (so the weight shown is the weight cast). */
function StakeVoterList({ voters, canVoteAsNode }: { voters: StakeVoters<PositionJson>; canVoteAsNode: boolean }) {
  const line = (position: PositionJson) => (
    <>
      <code title={position.stakedWalId}>{shortId(position.stakedWalId)}</code> — {formatWal(BigInt(position.value))}
    </>
  );
  return (
    <div className="hint">
      {voters.eligible.length > 0 ? (
        <ul data-testid="vote-positions-eligible">
          {voters.eligible.map((position) => (
            <li key={position.stakedWalId}>{line(position)}</li>
          ))}
        </ul>
      ) : null}
      {voters.excluded.length > 0 ? (
        <>
          <p>Not counted:</p>
          <ul data-testid="vote-positions-excluded">
            {voters.excluded.map(({ position, exclusion }) => (
              <li key={position.stakedWalId} data-exclusion={exclusion.kind}>
                {line(position)}: {exclusion.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {voters.eligible.length === 0 ? (
        <p className="notice notice--warning" data-testid="vote-no-stake">
          {voters.excluded.length > 0
            ? 'None of your positions can vote on this proposal (see why above).'
            : 'You have no stake to vote with.'}{' '}
          Only active stake, not withdrawing and unchanged since before the proposal opened, can vote
          {canVoteAsNode ? '; you can still vote as your node.' : '.'}
        </p>
      ) : null}
    </div>
  );
}
