'use client';
/** Proposals by status with live tallies; vote, propose, finalize. */
import { useState } from 'react';
import Link from 'next/link';
import type { ProposalsJson } from '../data/api.ts';
import { useEndpoint } from '../data/live.ts';
import { Wal } from '../ui/Amount.tsx';
import { Badge, ProposalBadge } from '../ui/Badge.tsx';
import { ShortId } from '../ui/Ids.tsx';
import { Notice } from '../ui/Stat.tsx';
import { FinalizeButton } from './FinalizeButton.tsx';
import { GOVERNED_PARAMETERS, describeRange, describeValue } from './parameters.ts';
import { ProposeButton } from './ProposeDialog.tsx';
import { Tally } from './Tally.tsx';
import { VoteButton } from './VoteDialog.tsx';

const FILTERS = [
  ['open', 'Open'],
  ['all', 'All'],
  ['passed', 'Passed'],
  ['rejected', 'Rejected'],
  ['vetoed', 'Vetoed'],
  ['failed_quorum', 'No quorum'],
] as const;

const KIND_LABEL: Record<string, string> = {
  parameter: 'Parameter change',
  upgrade: 'Upgrade',
  text: 'Text',
  unknown: 'Unknown',
};

export function GovernanceView({ initial, initialStatus }: { initial: ProposalsJson; initialStatus: string }) {
  const [status, setStatus] = useState(initialStatus);
  const { data = initial, error } = useEndpoint(
    'proposals',
    { status, limit: 50 },
    { initial: status === initialStatus ? initial : undefined },
  );
  const epoch = data.clock?.epoch ?? null;
  const params = data.parameters;
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Governance</h1>
          <p>
            WAL holders decide protocol parameters and upgrades. Voting power is active stake; your own vote overrides
            your node’s for your stake.
          </p>
        </div>
        <ProposeButton parameters={params} minDeposit={params.min_proposal_deposit ?? null} />
      </div>
      {error ? <Notice tone="warning">Live updates paused: {error.message}</Notice> : null}
      <nav className="tabs" aria-label="Proposal status">
        {FILTERS.map(([value, label]) => (
          <button key={value} type="button" aria-selected={status === value} onClick={() => setStatus(value)}>
            {label}
          </button>
        ))}
      </nav>
      {data.rows.length === 0 ? (
        <Notice>{status === 'open' ? 'No proposal is open for voting.' : 'No proposals here yet.'}</Notice>
      ) : null}
      <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="proposals">
        {data.rows.map((proposal) => {
          const votingOver = epoch !== null && epoch >= proposal.endEpoch;
          return (
            <li key={proposal.proposalId} className="card">
              <article aria-labelledby={`p-${proposal.proposalId}`}>
                <div className="page-head" style={{ marginBottom: '0.4rem' }}>
                  <div>
                    <h2 id={`p-${proposal.proposalId}`} style={{ margin: 0 }}>
                      <Link href={`/governance/${proposal.proposalId}`}>{proposal.title}</Link>
                    </h2>
                    <p className="hint">
                      <Badge>{KIND_LABEL[proposal.kind]}</Badge> by <ShortId id={proposal.proposer} /> · epoch{' '}
                      {proposal.createdEpoch} → {proposal.endEpoch} · deposit <Wal frost={proposal.deposit} />
                    </p>
                  </div>
                  <div className="button-row">
                    <ProposalBadge status={proposal.status} executed={proposal.executedEpoch !== null} />
                    {proposal.status === 'open' && !votingOver ? <VoteButton proposal={proposal} /> : null}
                    {proposal.status === 'open' && votingOver ? (
                      <FinalizeButton proposalId={proposal.proposalId} title={proposal.title} />
                    ) : null}
                  </div>
                </div>
                {proposal.kind === 'parameter' && proposal.parameterName ? (
                  <p className="hint">
                    {GOVERNED_PARAMETERS[proposal.parameterName]?.description ?? 'Parameter'}:{' '}
                    {params[proposal.parameterName] !== undefined
                      ? `${describeValue(proposal.parameterName, params[proposal.parameterName]!)} → `
                      : 'to '}
                    {proposal.parameterValue !== null
                      ? describeValue(proposal.parameterName, proposal.parameterValue)
                      : '?'}
                  </p>
                ) : null}
                <Tally tally={proposal.tally} totalStake={data.totalStake} />
                {proposal.status === 'open' ? (
                  <p className="hint">
                    {votingOver
                      ? 'Voting has ended: anyone can finalize the proposal to record the result.'
                      : `Voting open until epoch ${proposal.endEpoch} begins.`}
                  </p>
                ) : null}
              </article>
            </li>
          );
        })}
      </ul>
      <section className="card" aria-labelledby="params">
        <h2 id="params" style={{ marginTop: 0 }}>
          Governed parameters
        </h2>
        <dl className="kv">
          {Object.entries(GOVERNED_PARAMETERS).map(([name, info]) => (
            <div key={name} style={{ display: 'contents' }}>
              <dt>
                <code>{name}</code>
                <div className="hint">{info.description}</div>
              </dt>
              <dd>
                {params[name] !== undefined ? (
                  describeValue(name, params[name]!)
                ) : (
                  <span className="muted">initial value (not changed by governance yet)</span>
                )}
                <div className="hint">safe range: {describeRange(name)}</div>
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
