'use client';
/** One proposal: its content, live or final tally, and every vote with delegator overrides. */
import Link from 'next/link';
import { useCurrentAccount } from '@mysten/dapp-kit-react';
import type { ProposalDetailJson } from '../data/api.ts';
import { useEndpoint } from '../data/live.ts';
import { Wal } from '../ui/Amount.tsx';
import { Badge, ProposalBadge } from '../ui/Badge.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { AddressLink, NodeLink, ShortId } from '../ui/Ids.tsx';
import { DateTime } from '../ui/Time.tsx';
import { useMounted } from '../app/useMounted.ts';
import { FinalizeButton } from './FinalizeButton.tsx';
import { UPGRADE_DELAY_EPOCHS } from '@tusk/shared/protocol';
import { describeValue, GOVERNED_PARAMETERS } from './parameters.ts';
import { Tally } from './Tally.tsx';
import { VoteButton } from './VoteDialog.tsx';

const OPTION: Record<string, [string, 'ok' | 'danger' | 'warn' | 'neutral']> = {
  yes: ['Yes', 'ok'],
  no: ['No', 'danger'],
  no_with_veto: ['No with veto', 'warn'],
  abstain: ['Abstain', 'neutral'],
};

export function ProposalView({ initial }: { initial: ProposalDetailJson }) {
  const id = initial.proposal.proposalId;
  const { data = initial } = useEndpoint('proposal', { proposalId: id }, { initial });
  const mounted = useMounted();
  const account = useCurrentAccount();
  const p = data.proposal;
  const epoch = data.clock?.epoch ?? null;
  const votingOver = epoch !== null && epoch >= p.endEpoch;
  const mine = mounted && account ? data.votes.filter((vote) => vote.owner === account.address) : [];
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link href="/governance">Governance</Link> / proposal
          </p>
          <h1>{p.title}</h1>
          <ProposalBadge status={p.status} executed={p.executedEpoch !== null} />
        </div>
        <div className="button-row">
          {p.status === 'open' && !votingOver ? <VoteButton proposal={p} /> : null}
          {p.status === 'open' && votingOver ? <FinalizeButton proposalId={p.proposalId} title={p.title} /> : null}
        </div>
      </div>
      <section className="card">
        <dl className="kv">
          <dt>Proposal ID</dt>
          <dd className="mono">{p.proposalId}</dd>
          <dt>Proposer</dt>
          <dd>
            <AddressLink address={p.proposer} />
          </dd>
          <dt>Created</dt>
          <dd>
            <DateTime value={p.createdAt} /> (epoch {p.createdEpoch})
          </dd>
          <dt>Voting</dt>
          <dd>
            {p.status === 'open'
              ? votingOver
                ? `ended at epoch ${p.endEpoch}; awaiting finalization`
                : `open until epoch ${p.endEpoch}`
              : `closed; finalized in epoch ${p.finalizedEpoch ?? '—'}`}
          </dd>
          <dt>Deposit</dt>
          <dd>
            <Wal frost={p.deposit} />{' '}
            {p.status === 'vetoed'
              ? '(burned: vetoed)'
              : p.status === 'open'
                ? '(returned unless vetoed)'
                : '(returned)'}
          </dd>
          {p.kind === 'parameter' && p.parameterName ? (
            <>
              <dt>Change</dt>
              <dd>
                <code>{p.parameterName}</code> ({GOVERNED_PARAMETERS[p.parameterName]?.description ?? 'parameter'}) to{' '}
                {p.parameterValue !== null ? describeValue(p.parameterName, p.parameterValue) : '?'}
                {data.parameters[p.parameterName] !== undefined
                  ? ` (now ${describeValue(p.parameterName, data.parameters[p.parameterName]!)})`
                  : ''}
              </dd>
            </>
          ) : null}
          {p.kind === 'upgrade' ? (
            <>
              <dt>Package digest</dt>
              <dd className="mono">{p.digest}</dd>
              {p.status === 'passed' && p.finalizedEpoch !== null ? (
                <>
                  <dt>Can be applied</dt>
                  <dd data-testid="upgrade-available">
                    from epoch {p.finalizedEpoch + UPGRADE_DELAY_EPOCHS}, {UPGRADE_DELAY_EPOCHS} epochs after it passed,
                    so holders who disagree can withdraw before the new code runs
                  </dd>
                </>
              ) : null}
            </>
          ) : null}
          {p.executedEpoch !== null ? (
            <>
              <dt>Executed</dt>
              <dd>epoch {p.executedEpoch}</dd>
            </>
          ) : null}
        </dl>
        {p.kind === 'text' && p.text ? (
          <blockquote
            style={{
              whiteSpace: 'pre-wrap',
              margin: '0.75rem 0 0',
              borderLeft: '3px solid var(--border)',
              paddingLeft: '0.75rem',
            }}
          >
            {p.text}
          </blockquote>
        ) : null}
      </section>
      <section className="card" aria-labelledby="tally">
        <h2 id="tally" style={{ marginTop: 0 }}>
          {p.tally.final ? 'Final tally' : 'Live tally'}
        </h2>
        <Tally tally={p.tally} totalStake={data.totalStake} />
        {mine.length > 0 ? (
          <p className="notice notice--ok">
            You voted {mine.map((vote) => OPTION[vote.option]?.[0] ?? vote.option).join(', ')} with {mine.length}{' '}
            position{mine.length === 1 ? '' : 's'}.
          </p>
        ) : null}
      </section>
      <DataTable
        caption={`Votes (${data.votes.length})`}
        rows={data.votes}
        rowKey={(vote) => vote.voter}
        testId="proposal-votes"
        columns={[
          {
            key: 'voter',
            header: 'Voter',
            cell: (vote) =>
              vote.isNode ? (
                <>
                  <Badge tone="info">Node</Badge> <NodeLink nodeId={vote.voter} name={vote.name} />
                </>
              ) : (
                <>
                  <Badge>Stake</Badge> <ShortId id={vote.voter} />
                  {vote.owner ? (
                    <>
                      {' '}
                      of <AddressLink address={vote.owner} />
                    </>
                  ) : null}
                </>
              ),
          },
          {
            key: 'vote',
            header: 'Vote',
            cell: (vote) => {
              const [label, tone] = OPTION[vote.option] ?? [vote.option, 'neutral'];
              return <Badge tone={tone}>{label}</Badge>;
            },
          },
          { key: 'weight', header: 'Weight', numeric: true, cell: (vote) => <Wal frost={vote.weight} compact /> },
          {
            key: 'overrides',
            header: 'Overrides',
            cell: (vote) =>
              !vote.isNode && vote.nodeId ? (
                <>
                  node <NodeLink nodeId={vote.nodeId} name={vote.name} />
                </>
              ) : (
                <span className="muted">—</span>
              ),
          },
          {
            key: 'when',
            header: 'When',
            cell: (vote) => (
              <>
                epoch {vote.epoch}
                {vote.revotes > 0 ? ` (changed ${vote.revotes}×)` : ''}
              </>
            ),
          },
        ]}
        empty="No votes yet."
      />
    </div>
  );
}
