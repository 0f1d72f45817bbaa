import { bcs } from '@mysten/sui/bcs';
import { normalizeStructTag } from '@mysten/sui/utils';
import { describe, expect, it } from 'vitest';
import { deploymentTypes } from '../deployment.ts';
import { FROST_PER_WAL } from '../protocol.ts';
import {
  buildCollectCommission,
  buildExecuteSlash,
  buildFinalizeProposal,
  buildJoin,
  buildProposeParameterChange,
  buildProposeText,
  buildProposeUpgrade,
  buildRequestWithdraw,
  buildScheduleCommission,
  buildSlashVote,
  buildSplit,
  buildStake,
  buildVoteAsNode,
  buildVoteForPrices,
  buildVoteWithStake,
  buildWithdraw,
} from './index.ts';
import { sameIntent } from './intent.ts';
import { describeIntent, formatSuiExact, formatWalExact, reviewTransaction, type TxReview } from './review.ts';
import {
  fakeRef,
  simulatedEffects,
  simulatedEvent,
  TEST_NODE,
  TEST_PROPOSAL,
  TEST_SENDER,
  testDeployment,
  walCoins,
} from './testFixtures.ts';

const deployment = testDeployment();
const WAL = FROST_PER_WAL;
const base = { deployment, sender: TEST_SENDER };
const types = deploymentTypes(deployment);
const STAKED_WAL = normalizeStructTag(types.stakedWal);
const WAL_COIN = normalizeStructTag(types.walCoin);
const OTHER_NODE = `0x${'8'.repeat(64)}`;
const VOTER_NODE = `0x${'9'.repeat(64)}`;
const NEW_ID = fakeRef(0x77).objectId;
const [P1, P2, P3] = [fakeRef(1).objectId, fakeRef(2).objectId, fakeRef(3).objectId];
const CAP = fakeRef(9);
const CAP_ID = CAP.objectId;

const row = (review: Pick<TxReview, 'action' | 'outcome'>, key: string) =>
  [...review.action, ...review.outcome].find((r) => r.key === key);

describe('formatting amounts exactly', () => {
  it('shows every FROST and MIST, never rounding', () => {
    expect(formatWalExact(1_005_000_000n)).toBe('1.005 WAL');
    expect(formatWalExact(1_000_000_001n)).toBe('1.000000001 WAL');
    expect(formatWalExact(-1_005_000_000n, true)).toBe('−1.005 WAL');
    expect(formatSuiExact(2_021_880n)).toBe('0.00202188 SUI');
    expect(formatSuiExact(1n)).toBe('0.000000001 SUI');
    expect(formatSuiExact(-5n, true)).toBe('−0.000000005 SUI');
  });
});

describe('stake review', () => {
  const built = buildStake({ ...base, nodeId: TEST_NODE, amount: 1_005_000_000n, walCoins: walCoins(2n * WAL) });
  const context = {
    nodes: { [TEST_NODE]: { name: 'aurora-1', nameWarning: 'lookalike' as const, similarNodeIds: [OTHER_NODE] } },
  };
  const deposited = (over: Partial<{ node_id: string; amount: bigint; owner: string }> = {}) =>
    simulatedEvent('StakeDeposited', {
      epoch: 7,
      staked_wal_id: NEW_ID,
      node_id: TEST_NODE,
      owner: TEST_SENDER,
      amount: 1_005_000_000n,
      activation_epoch: 8,
      ...over,
    });

  it('shows the exact amount, the node by name and ID with its look-alike warning, and the coins paid from', () => {
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [deposited()],
        wal: -1_005_000_000n,
        objects: [{ objectId: NEW_ID, type: STAKED_WAL, fate: 'created' }],
      }),
      deployment,
      context,
    );
    expect(review.title).toBe('Stake 1.005 WAL with aurora-1');
    expect(row(review, 'amount')?.value).toBe('1.005 WAL');
    expect(row(review, 'node')).toMatchObject({ value: 'aurora-1', ids: [TEST_NODE] });
    expect(row(review, 'node')?.warning).toContain('looks like the name of another node');
    expect(row(review, 'coins')).toEqual({
      key: 'coins',
      label: 'Paid from',
      value: '1 WAL coin',
      ids: [fakeRef(0x100).objectId],
    });
    expect(row(review, 'activation')?.value).toBe('epoch 8');
    expect(review.balanceChanges.find((c) => c.symbol === 'WAL')?.text).toBe('−1.005 WAL');
    expect(review.fee).toEqual({ computation: 1_000_000n, storage: 2_000_000n, rebate: 978_120n, total: 2_021_880n });
    expect(review.created).toEqual([{ objectId: NEW_ID, type: STAKED_WAL, fate: 'created' }]);
    expect(review.mismatches).toEqual([]);
  });

  it('refuses a simulation that stakes with another node or another amount', () => {
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({ events: [deposited({ node_id: OTHER_NODE, amount: WAL })], wal: -WAL }),
      deployment,
      context,
    );
    expect(review.mismatches).toEqual([
      `The simulation stakes with node ${OTHER_NODE}, not the chosen ${TEST_NODE}.`,
      'The simulation stakes 1 WAL, not the 1.005 WAL asked for.',
      'Staking should change your WAL by −1.005 WAL, but the simulation changes it by −1 WAL.',
    ]);
  });

  it('says so, without refusing, when the node reports no WAL balance change at all', () => {
    const review = reviewTransaction(built.intent, simulatedEffects({ events: [deposited()] }), deployment);
    expect(review.mismatches).toEqual([]);
    expect(review.notes).toEqual([
      "The node reported no WAL balance change; the −1.005 WAL is checked against the transaction's event only.",
    ]);
    expect(review.balanceChanges.map((c) => c.symbol)).toEqual(['SUI']);
  });

  it('refuses a simulation that emits no stake, or takes more WAL than the stake', () => {
    expect(reviewTransaction(built.intent, simulatedEffects(), deployment).mismatches).toEqual([
      'The simulation emits no StakeDeposited event: the transaction would not stake.',
    ]);
    const greedy = reviewTransaction(
      built.intent,
      simulatedEffects({ events: [deposited()], wal: -2n * WAL }),
      deployment,
    );
    expect(greedy.mismatches).toEqual([
      'Staking should change your WAL by −1.005 WAL, but the simulation changes it by −2 WAL.',
    ]);
  });

  it('refuses objects removed or given away that the stake does not imply, but allows its own coins and gas coins', () => {
    const stranger = fakeRef(0x55).objectId;
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [deposited()],
        wal: -1_005_000_000n,
        objects: [
          { objectId: fakeRef(0x100).objectId, type: WAL_COIN, fate: 'deleted' },
          {
            objectId: fakeRef(0x56).objectId,
            type: normalizeStructTag('0x2::coin::Coin<0x2::sui::SUI>'),
            fate: 'deleted',
          },
          { objectId: stranger, type: STAKED_WAL, fate: 'wrapped' },
          { objectId: P1, type: STAKED_WAL, fate: 'transferred', newOwner: OTHER_NODE },
        ],
      }),
      deployment,
    );
    expect(review.removed.map((o) => o.objectId)).toEqual([fakeRef(0x100).objectId, fakeRef(0x56).objectId, stranger]);
    expect(review.mismatches).toEqual([
      `The simulation wraps ${STAKED_WAL} ${stranger}, which this action should not touch.`,
      `The simulation gives your ${STAKED_WAL} ${P1} to ${OTHER_NODE}.`,
    ]);
  });

  it('refuses a simulation that takes more SUI than its fee', () => {
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({ events: [deposited()], wal: -1_005_000_000n, sui: -3_000_000n }),
      deployment,
    );
    expect(review.mismatches).toEqual([
      'The simulation takes 0.003 SUI of SUI from you, more than the 0.00202188 SUI fee.',
    ]);
  });
});

describe('position reviews', () => {
  const positions = { [P1]: { principal: (10n * WAL).toString(), nodeId: TEST_NODE } };
  const nodes = { [TEST_NODE]: { name: 'aurora-1' } };

  it('request withdrawal of a part: the exact part, what stays, the split-off position and the withdraw epoch', () => {
    const built = buildRequestWithdraw({ ...base, stakedWal: P1, principal: 10n * WAL, amount: 3n * WAL + 1n });
    expect(built.intent).toMatchObject({ kind: 'requestWithdraw', splitFirst: true, amount: 3n * WAL + 1n });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('StakedWalSplit', { epoch: 7, from_id: P1, new_id: NEW_ID, amount: 3n * WAL + 1n }),
          simulatedEvent('WithdrawRequested', {
            epoch: 7,
            staked_wal_id: NEW_ID,
            node_id: TEST_NODE,
            owner: TEST_SENDER,
            principal: 3n * WAL + 1n,
            withdraw_epoch: 9,
          }),
        ],
        objects: [{ objectId: NEW_ID, type: STAKED_WAL, fate: 'created' }],
      }),
      deployment,
      { positions, nodes },
    );
    expect(review.title).toBe('Request withdrawal of 3.000000001 WAL');
    expect(row(review, 'position')).toMatchObject({ value: '10 WAL principal with aurora-1', ids: [P1] });
    expect(row(review, 'amount')?.value).toBe(
      '3.000000001 WAL of 10 WAL, split into a new position first; 6.999999999 WAL stays staked',
    );
    expect(row(review, 'node')?.ids).toEqual([TEST_NODE]);
    expect(row(review, 'requested')).toMatchObject({ value: '3.000000001 WAL', ids: [NEW_ID] });
    expect(row(review, 'withdrawable')?.value).toBe('epoch 9');
    expect(review.mismatches).toEqual([]);
  });

  it('withdraw a whole position: the position is listed as deleted and the amount received is exact', () => {
    const built = buildWithdraw({ ...base, stakedWal: P1, principal: 10n * WAL });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('StakeWithdrawn', {
            epoch: 9,
            staked_wal_id: P1,
            node_id: TEST_NODE,
            owner: TEST_SENDER,
            principal: 10n * WAL,
            rewards: 123_456_789n,
            slashed: 1n,
          }),
        ],
        wal: 10n * WAL + 123_456_788n,
        objects: [
          { objectId: P1, type: STAKED_WAL, fate: 'deleted' },
          { objectId: NEW_ID, type: WAL_COIN, fate: 'created' },
        ],
      }),
      deployment,
      { positions, nodes },
    );
    expect(review.title).toBe('Withdraw a whole position');
    expect(row(review, 'amount')?.value).toBe('10 WAL (the whole position)');
    expect(row(review, 'received')?.value).toBe(
      '10.123456788 WAL (principal 10 WAL + rewards 0.123456789 WAL − slashed 0.000000001 WAL)',
    );
    expect(review.removed).toEqual([{ objectId: P1, type: STAKED_WAL, fate: 'deleted' }]);
    expect(review.balanceChanges.find((c) => c.symbol === 'WAL')?.text).toBe('+10.123456788 WAL');
    expect(review.mismatches).toEqual([]);
  });

  it('withdraw: refuses a simulation that pays less than the event says', () => {
    const built = buildWithdraw({ ...base, stakedWal: P1 });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('StakeWithdrawn', {
            epoch: 9,
            staked_wal_id: P1,
            node_id: TEST_NODE,
            owner: TEST_SENDER,
            principal: 10n * WAL,
            rewards: 0n,
            slashed: 0n,
          }),
        ],
        wal: 9n * WAL,
      }),
      deployment,
    );
    expect(review.mismatches).toEqual([
      'Withdrawing should change your WAL by +10 WAL, but the simulation changes it by +9 WAL.',
    ]);
  });

  it('split: the amount moved, what stays, and the new position', () => {
    const built = buildSplit({ ...base, stakedWal: P1, principal: 10n * WAL, amount: 2_500_000_000n });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [simulatedEvent('StakedWalSplit', { epoch: 7, from_id: P1, new_id: NEW_ID, amount: 2_500_000_000n })],
        objects: [{ objectId: NEW_ID, type: STAKED_WAL, fate: 'created' }],
      }),
      deployment,
      { positions, nodes },
    );
    expect(review.title).toBe('Split 2.5 WAL off a position');
    expect(row(review, 'amount')?.value).toBe('2.5 WAL');
    expect(row(review, 'remaining')?.value).toBe('7.5 WAL');
    expect(row(review, 'new-position')?.ids).toEqual([NEW_ID]);
    expect(review.mismatches).toEqual([]);
  });

  it('join: lists every merged position as deleted, and refuses a simulation that keeps one', () => {
    const built = buildJoin({ ...base, into: P1, from: [P2, P3] });
    const events = [
      simulatedEvent('StakedWalJoined', { epoch: 7, into_id: P1, from_id: P2 }),
      simulatedEvent('StakedWalJoined', { epoch: 7, into_id: P1, from_id: P3 }),
    ];
    const both = reviewTransaction(
      built.intent,
      simulatedEffects({
        events,
        objects: [
          { objectId: P2, type: STAKED_WAL, fate: 'deleted' },
          { objectId: P3, type: STAKED_WAL, fate: 'deleted' },
        ],
      }),
      deployment,
    );
    expect(both.title).toBe('Merge 2 positions into one');
    expect(both.action.filter((r) => r.label === 'Merged in (deleted)').map((r) => r.ids)).toEqual([[P2], [P3]]);
    expect(both.removed.map((o) => o.objectId)).toEqual([P2, P3]);
    expect(both.mismatches).toEqual([]);
    const kept = reviewTransaction(
      built.intent,
      simulatedEffects({ events, objects: [{ objectId: P2, type: STAKED_WAL, fate: 'deleted' }] }),
      deployment,
    );
    expect(kept.mismatches).toEqual([`Position ${P3} would still exist after the merge.`]);
  });
});

describe('governance reviews', () => {
  const proposals = { [TEST_PROPOSAL]: 'Raise the committee to 120 nodes' };
  const vote = (voter: string, isNode: boolean, weight: bigint, option = 0) =>
    simulatedEvent('VoteCast', { epoch: 7, proposal_id: TEST_PROPOSAL, voter, is_node: isNode, option, weight });

  it('vote with stake: the proposal, the option, which positions, and their exact weight', () => {
    const built = buildVoteWithStake({ ...base, stakedWals: [P1, P2], proposalId: TEST_PROPOSAL, option: 'yes' });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({ events: [vote(P1, false, 10n * WAL), vote(P2, false, 1_500_000_001n)] }),
      deployment,
      {
        proposals,
        positions: {
          [P1]: { principal: 10n * WAL, nodeId: TEST_NODE },
          [P2]: { principal: '1500000001', nodeId: TEST_NODE },
        },
      },
    );
    expect(review.title).toBe('Vote Yes with your stake');
    expect(row(review, 'proposal')).toMatchObject({ value: 'Raise the committee to 120 nodes', ids: [TEST_PROPOSAL] });
    expect(row(review, 'option')?.value).toBe('Yes');
    expect(row(review, 'positions')).toMatchObject({ value: '2 positions, 11.500000001 WAL principal', ids: [P1, P2] });
    expect(row(review, 'weight')?.value).toBe('11.500000001 WAL');
    expect(review.mismatches).toEqual([]);
  });

  it('vote with stake: refuses a simulation that votes another option or leaves a position out', () => {
    const built = buildVoteWithStake({ ...base, stakedWals: [P1, P2], proposalId: TEST_PROPOSAL, option: 'no' });
    const review = reviewTransaction(built.intent, simulatedEffects({ events: [vote(P1, false, WAL, 0)] }), deployment);
    expect(review.mismatches).toEqual([
      'The simulation votes option 0, not No.',
      `The simulation casts no vote for position ${P2}.`,
      'The simulation casts 1 votes for 2 positions.',
    ]);
  });

  it('vote as a node: the option, the cap, and the node and weight the simulation votes with', () => {
    const built = buildVoteAsNode({ ...base, cap: CAP, proposalId: TEST_PROPOSAL, option: 'noWithVeto' });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({ events: [vote(TEST_NODE, true, 3_000_000n * WAL, 3)] }),
      deployment,
      { proposals, nodes: { [TEST_NODE]: { name: 'aurora-1' } }, caps: { [CAP_ID]: TEST_NODE } },
    );
    expect(review.title).toBe('Vote No with veto as a node');
    expect(row(review, 'operator-node')).toMatchObject({ value: 'aurora-1', ids: [TEST_NODE] });
    expect(row(review, 'cap')?.ids).toEqual([CAP_ID]);
    expect(row(review, 'voting-node')?.ids).toEqual([TEST_NODE]);
    expect(row(review, 'weight')?.value).toBe('3,000,000 WAL');
    expect(review.mismatches).toEqual([]);
  });

  const proposalCreated = (kind: number, payload: Uint8Array, deposit = 1_000_500_000_000n) =>
    simulatedEvent('ProposalCreated', {
      epoch: 7,
      proposal_id: NEW_ID,
      proposer: TEST_SENDER,
      kind,
      payload,
      deposit,
      end_epoch: 10,
    });
  const proposeBase = { ...base, deposit: 1_000_500_000_000n, walCoins: walCoins(5_000n * WAL) };
  const parameterPayload = (name: string, value: bigint) =>
    bcs.struct('P', { name: bcs.string(), value: bcs.u64() }).serialize({ name, value }).toBytes();

  it('propose a parameter change: kind, parameter, new and current value, exact deposit', () => {
    const built = buildProposeParameterChange({ ...proposeBase, name: 'slash_bps', value: 200n });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({ events: [proposalCreated(0, parameterPayload('slash_bps', 200n))], wal: -1_000_500_000_000n }),
      deployment,
      { parameters: { slash_bps: '100' } },
    );
    expect(review.title).toBe('Propose setting slash_bps to 200');
    expect(review.action.map((r) => [r.key, r.value])).toEqual([
      ['kind', 'Parameter change'],
      ['parameter', 'slash_bps'],
      ['value', '200'],
      ['current', '100'],
      ['deposit', '1,000.5 WAL'],
      ['coins', '1 WAL coin'],
      ['sender', 'your address'],
    ]);
    expect(row(review, 'voting-ends')?.value).toBe('epoch 10');
    expect(review.mismatches).toEqual([]);
  });

  it('propose a parameter change: refuses a simulation whose proposal says another value', () => {
    const built = buildProposeParameterChange({ ...proposeBase, name: 'slash_bps', value: 200n });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [proposalCreated(0, parameterPayload('slash_bps', 9_999n))],
        wal: -1_000_500_000_000n,
      }),
      deployment,
    );
    expect(review.mismatches).toEqual(['The proposal the simulation opens does not say what you wrote.']);
  });

  it('propose an upgrade: the full package digest', () => {
    const digest = `0x${'ab'.repeat(32)}`;
    const built = buildProposeUpgrade({ ...proposeBase, digest });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({ events: [proposalCreated(1, new Uint8Array(32).fill(0xab))], wal: -1_000_500_000_000n }),
      deployment,
    );
    expect(row(review, 'digest')?.value).toBe(digest);
    expect(review.mismatches).toEqual([]);
  });

  it('propose a text: the whole text', () => {
    const text = 'Raise the committee to 120 nodes\nMore nodes, more capacity.';
    const built = buildProposeText({ ...proposeBase, text });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({ events: [proposalCreated(2, new TextEncoder().encode(text))], wal: -1_000_500_000_000n }),
      deployment,
    );
    expect(row(review, 'text')?.value).toBe(text);
    expect(row(review, 'deposit')?.value).toBe('1,000.5 WAL');
    expect(review.mismatches).toEqual([]);
  });

  it('finalize: the proposal and the result', () => {
    const built = buildFinalizeProposal({ ...base, proposalId: TEST_PROPOSAL });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('ProposalFinalized', {
            epoch: 11,
            proposal_id: TEST_PROPOSAL,
            status: 1,
            yes: 1n,
            no: 0n,
            abstain: 0n,
            veto: 0n,
          }),
        ],
      }),
      deployment,
      { proposals },
    );
    expect(row(review, 'proposal')?.ids).toEqual([TEST_PROPOSAL]);
    expect(row(review, 'result')?.value).toBe('passed');
    expect(review.mismatches).toEqual([]);
  });
});

describe('operator reviews', () => {
  const nodes = {
    [TEST_NODE]: { name: 'aurora-1' },
    [OTHER_NODE]: { name: 'aurora-l', nameWarning: 'lookalike' as const, similarNodeIds: [TEST_NODE] },
    [VOTER_NODE]: { name: 'E2E Operator Node' },
  };
  const caps = { [CAP_ID]: VOTER_NODE };

  it('collect commission: the node and the exact amount received', () => {
    const built = buildCollectCommission({ ...base, cap: CAP });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('CommissionCollected', {
            epoch: 7,
            node_id: VOTER_NODE,
            amount: 12_345_678_901n,
            receiver: TEST_SENDER,
          }),
        ],
        wal: 12_345_678_901n,
      }),
      deployment,
      { nodes, caps },
    );
    expect(row(review, 'operator-node')?.ids).toEqual([VOTER_NODE]);
    expect(row(review, 'collected')?.value).toBe('12.345678901 WAL');
    expect(review.mismatches).toEqual([]);
  });

  it('schedule commission: rate in percent and basis points, effective epoch from the simulation', () => {
    const built = buildScheduleCommission({ ...base, cap: CAP, rateBps: 1250 });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('CommissionScheduled', { epoch: 7, node_id: VOTER_NODE, rate_bps: 1250, effective_epoch: 9 }),
        ],
      }),
      deployment,
      { nodes, caps },
    );
    expect(review.title).toBe('Schedule a commission of 12.5%');
    expect(row(review, 'rate')?.value).toBe('12.5% (1,250 basis points)');
    expect(row(review, 'effective')?.value).toBe('epoch 9');
    expect(review.mismatches).toEqual([]);
    const other = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('CommissionScheduled', { epoch: 7, node_id: VOTER_NODE, rate_bps: 5000, effective_epoch: 9 }),
        ],
      }),
      deployment,
    );
    expect(other.mismatches).toEqual(['The simulation schedules 50%, not the 12.5% asked for.']);
  });

  it('price vote: every value exact with its unit', () => {
    const built = buildVoteForPrices({
      ...base,
      cap: CAP,
      storagePrice: 100_000n,
      writePrice: 20_001n,
      capacity: 1n << 40n,
    });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('NodeVoted', {
            epoch: 7,
            node_id: VOTER_NODE,
            storage_price: 100_000n,
            write_price: 20_001n,
            capacity: 1n << 40n,
          }),
        ],
      }),
      deployment,
      { nodes, caps },
    );
    expect(row(review, 'storage-price')?.value).toBe('100,000 FROST per MiB per epoch (0.0001 WAL)');
    expect(row(review, 'write-price')?.value).toBe('20,001 FROST per MiB (0.000020001 WAL)');
    expect(row(review, 'capacity')?.value).toBe('1,099,511,627,776 bytes (1.0 TiB)');
    expect(review.mismatches).toEqual([]);
  });

  it('slash vote: the target by name AND node ID with its warning, the voting node, the weight', () => {
    const built = buildSlashVote({ ...base, cap: CAP, targetNodeId: OTHER_NODE, voterNodeId: VOTER_NODE });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('SlashVoteCast', {
            epoch: 7,
            voter_node_id: VOTER_NODE,
            target_node_id: OTHER_NODE,
            weight: 120n,
            total_weight: 450n,
          }),
        ],
      }),
      deployment,
      { nodes, caps },
    );
    expect(review.title).toBe('Vote to slash aurora-l');
    expect(row(review, 'target')).toMatchObject({ value: 'aurora-l', ids: [OTHER_NODE] });
    expect(row(review, 'target')?.warning).toContain('looks like the name of another node (0x6666…6666)');
    expect(row(review, 'voter')?.ids).toEqual([VOTER_NODE]);
    expect(row(review, 'weight')?.value).toBe('120 shards (450 shards voting for this slash so far)');
    expect(review.mismatches).toEqual([]);
  });

  it('slash vote: refuses a simulation that votes against another node', () => {
    const built = buildSlashVote({ ...base, cap: CAP, targetNodeId: OTHER_NODE });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('SlashVoteCast', {
            epoch: 7,
            voter_node_id: VOTER_NODE,
            target_node_id: TEST_NODE,
            weight: 1n,
            total_weight: 1n,
          }),
        ],
      }),
      deployment,
    );
    expect(review.mismatches).toEqual([`The simulation votes to slash ${TEST_NODE}, not the chosen ${OTHER_NODE}.`]);
  });

  it('execute slash: the node and the exact amounts burned', () => {
    const built = buildExecuteSlash({ ...base, targetNodeId: OTHER_NODE });
    const review = reviewTransaction(
      built.intent,
      simulatedEffects({
        events: [
          simulatedEvent('NodeSlashed', {
            epoch: 7,
            node_id: OTHER_NODE,
            commission_burned: 5n,
            stake_burned: 30_000_000_000_001n,
            rate_wal: 1n,
            rate_shares: 1n,
          }),
        ],
      }),
      deployment,
      { nodes },
    );
    expect(row(review, 'target')).toMatchObject({ value: 'aurora-l', ids: [OTHER_NODE] });
    expect(row(review, 'burned')?.value).toBe('30,000.000000001 WAL of stake and 0.000000005 WAL of commission');
    expect(review.mismatches).toEqual([]);
  });
});

describe('describeIntent without names', () => {
  it('still shows every ID when the dashboard knows no names', () => {
    const built = buildSlashVote({ ...base, cap: CAP, targetNodeId: OTHER_NODE });
    const { title, action } = describeIntent(built.intent);
    expect(title).toBe(`Vote to slash node ${OTHER_NODE.slice(0, 10)}…`);
    expect(action.find((r) => r.key === 'target')).toMatchObject({
      value: 'a node not in the index',
      ids: [OTHER_NODE],
    });
    expect(action.find((r) => r.key === 'sender')?.ids).toEqual([TEST_SENDER]);
  });

  it('shows a node name made safe to print', () => {
    const built = buildStake({ ...base, nodeId: TEST_NODE, amount: WAL, walCoins: walCoins(WAL) });
    const { action } = describeIntent(built.intent, { nodes: { [TEST_NODE]: { name: 'aur\u202Eora\u200B' } } });
    expect(action.find((r) => r.key === 'node')?.value).toBe('aurora');
  });
});

describe('sameIntent', () => {
  it('tells a rebuild of the reviewed transaction from one with other coins or another amount', () => {
    const stake = (amount: bigint, coins = walCoins(5n * WAL)) =>
      buildStake({ ...base, nodeId: TEST_NODE, amount, walCoins: coins }).intent;
    expect(sameIntent(stake(WAL), stake(WAL))).toBe(true);
    expect(sameIntent(stake(WAL), stake(WAL + 1n))).toBe(false);
    expect(sameIntent(stake(WAL), stake(WAL, [{ ref: fakeRef(0x999), balance: 5n * WAL }]))).toBe(false);
  });
});
