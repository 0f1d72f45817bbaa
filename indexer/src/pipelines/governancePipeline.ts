/**
 * Pipeline `governance`: proposals (with their payload decoded: parameter name
 * and value, upgrade digest, or text; status and final tallies), the latest
 * vote of each voter on each proposal, and package upgrades.
 */
import { bcs } from '@mysten/bcs';
import { and, sql } from 'drizzle-orm';
import { packageUpgrades, proposals, votes } from '@tusk/shared/db/schema';
import type { Tx } from '../db/tx.ts';
import { arrayLiteral } from '../db/pgArrayLiteral.ts';
import { isAnyOf, writeRows } from '../db/writeRows.ts';
import { eventIdentity, eventsNamed, storableText, timeOf, type EventOf } from './eventRows.ts';
import { definePipeline } from './pipeline.ts';

const names = new Set([
  'ProposalCreated',
  'VoteCast',
  'ProposalFinalized',
  'ProposalExecuted',
  'PackageUpgraded',
] as const);
type Row = EventOf<typeof names extends Set<infer N> ? N : never>;
type Proposal = typeof proposals.$inferSelect;
type Vote = typeof votes.$inferSelect;

/** The payload of a parameter-change proposal: BCS of (name: String, value: u64). */
const ParameterChangePayload = bcs.struct('ParameterChangePayload', { name: bcs.string(), value: bcs.u64() });

const kinds = { 0: 'parameter', 1: 'upgrade', 2: 'text' } as const;
const statuses = { 1: 'passed', 2: 'rejected', 3: 'vetoed', 4: 'failed_quorum' } as const;
const options = { 0: 'yes', 1: 'no', 2: 'abstain', 3: 'no_with_veto' } as const;

export const governancePipeline = definePipeline<Row>({
  name: 'governance',
  tables: [proposals, votes, packageUpgrades],
  process: (checkpoint) => eventsNamed(checkpoint, names),
  async commit(tx, events) {
    const { proposalState, voteState } = await load(tx, events);
    const changedProposals = new Set<Proposal>();
    const changedVotes = new Set<Vote>();
    const upgrades: (typeof packageUpgrades.$inferInsert)[] = [];
    const touch = (id: string, checkpoint: bigint): Proposal | undefined => {
      const p = proposalState.get(id);
      if (p) {
        p.updatedCheckpoint = checkpoint;
        changedProposals.add(p);
      }
      return p;
    };

    for (const event of events) {
      switch (event.name) {
        case 'ProposalCreated': {
          const p = newProposal(event);
          proposalState.set(p.proposalId, p);
          changedProposals.add(p);
          break;
        }
        case 'VoteCast': {
          const d = event.data;
          const k = `${d.proposal_id}/${d.voter}`;
          const previous = voteState.get(k);
          const vote: Vote = {
            proposalId: d.proposal_id,
            voter: d.voter,
            isNode: d.is_node,
            option: options[d.option as keyof typeof options] ?? 'unknown',
            weight: d.weight,
            epoch: d.epoch,
            checkpoint: event.checkpoint,
            txDigest: event.txDigest,
            eventIndex: event.eventIndex,
            timestamp: timeOf(event.timestampMs),
            revotes: previous ? previous.revotes + 1 : 0,
          };
          if (previous) changedVotes.delete(previous);
          voteState.set(k, vote);
          changedVotes.add(vote);
          const p = touch(d.proposal_id, event.checkpoint);
          if (p && !previous) p.voteCount += 1;
          break;
        }
        case 'ProposalFinalized': {
          const p = touch(event.data.proposal_id, event.checkpoint);
          if (!p) break;
          const d = event.data;
          Object.assign(p, {
            status: statuses[d.status as keyof typeof statuses] ?? 'unknown',
            yes: d.yes,
            no: d.no,
            abstain: d.abstain,
            veto: d.veto,
            finalizedEpoch: d.epoch,
          });
          break;
        }
        case 'ProposalExecuted': {
          const p = touch(event.data.proposal_id, event.checkpoint);
          if (p) p.executedEpoch = event.data.epoch;
          break;
        }
        case 'PackageUpgraded':
          upgrades.push({ ...eventIdentity(event), packageId: event.data.package_id, version: event.data.version });
          break;
      }
    }
    await writeRows(tx, proposals, [...changedProposals], { kind: 'replace' });
    await writeRows(tx, votes, [...changedVotes], { kind: 'replace' });
    await writeRows(tx, packageUpgrades, upgrades, { kind: 'append' });
  },
});

function newProposal(event: EventOf<'ProposalCreated'>): Proposal {
  const d = event.data;
  const kind = kinds[d.kind as keyof typeof kinds] ?? 'unknown';
  let parameterName: string | null = null;
  let parameterValue: bigint | null = null;
  let text: string | null = null;
  if (kind === 'parameter') {
    try {
      const parsed = ParameterChangePayload.parse(d.payload);
      parameterName = storableText(parsed.name);
      parameterValue = BigInt(parsed.value);
    } catch {
      // A malformed payload stays available raw in `payload`.
    }
  } else if (kind === 'text') {
    text = storableText(new TextDecoder().decode(d.payload));
  }
  return {
    proposalId: d.proposal_id,
    proposer: d.proposer,
    kind,
    payload: d.payload,
    parameterName,
    parameterValue,
    text,
    deposit: d.deposit,
    createdEpoch: d.epoch,
    endEpoch: d.end_epoch,
    status: 'open',
    yes: null,
    no: null,
    abstain: null,
    veto: null,
    voteCount: 0,
    finalizedEpoch: null,
    executedEpoch: null,
    createdCheckpoint: event.checkpoint,
    createdAt: timeOf(event.timestampMs),
    updatedCheckpoint: event.checkpoint,
  };
}

async function load(tx: Tx, events: Row[]) {
  const proposalIds = new Set<string>();
  const voters: { proposal: string; voter: string }[] = [];
  for (const e of events) {
    if (e.name === 'VoteCast') voters.push({ proposal: e.data.proposal_id, voter: e.data.voter });
    if (e.name === 'VoteCast' || e.name === 'ProposalFinalized' || e.name === 'ProposalExecuted') {
      proposalIds.add(e.data.proposal_id);
    }
  }
  const proposalRows =
    proposalIds.size === 0
      ? []
      : await tx
          .select()
          .from(proposals)
          .where(isAnyOf(proposals.proposalId, [...proposalIds]));
  const voteRows =
    voters.length === 0
      ? []
      : await tx
          .select()
          .from(votes)
          .where(
            and(
              isAnyOf(votes.proposalId, [...new Set(voters.map((v) => v.proposal))]),
              sql`(${votes.proposalId}, ${votes.voter}) IN (SELECT * FROM unnest(${arrayLiteral(voters.map((v) => v.proposal))}::text[], ${arrayLiteral(voters.map((v) => v.voter))}::text[]))`,
            ),
          );
  return {
    proposalState: new Map(proposalRows.map((p) => [p.proposalId, p])),
    voteState: new Map(voteRows.map((v) => [`${v.proposalId}/${v.voter}`, v])),
  };
}
