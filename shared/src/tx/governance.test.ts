import { bcs } from '@mysten/sui/bcs';
import { describe, expect, it } from 'vitest';
import { FROST_PER_WAL } from '../protocol.ts';
import {
  buildFinalizeProposal,
  buildProposeParameterChange,
  buildProposeText,
  buildProposeUpgrade,
  buildVoteAsNode,
  buildVoteWithStake,
  VOTE_OPTIONS,
  voteOptionName,
} from './index.ts';
import {
  commandKinds,
  fakeRef,
  moveCallArgumentKinds,
  moveCallTargets,
  pureBytes,
  TEST_PROPOSAL,
  TEST_SENDER,
  testDeployment,
  walCoins,
} from './testFixtures.ts';

const deployment = testDeployment();
const C = `0x${'c'.repeat(64)}`;
const WAL = FROST_PER_WAL;

describe('voting', () => {
  it('votes as a node with its cap and the option number', () => {
    const tx = buildVoteAsNode({
      deployment,
      sender: TEST_SENDER,
      cap: fakeRef(9),
      proposalId: TEST_PROPOSAL,
      option: 'noWithVeto',
    });
    expect(moveCallTargets(tx)).toEqual([`${C}::governance::vote_as_node`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'shared', 'owned', 'pure', 'pure']);
    expect(bcs.Address.parse(pureBytes(tx, 0, 3))).toBe(TEST_PROPOSAL);
    expect(bcs.u8().parse(pureBytes(tx, 0, 4))).toBe(3);
  });

  it('votes with every given position in one transaction', () => {
    const tx = buildVoteWithStake({
      deployment,
      sender: TEST_SENDER,
      stakedWals: [fakeRef(1), fakeRef(2)],
      proposalId: TEST_PROPOSAL,
      option: 'yes',
    });
    expect(moveCallTargets(tx)).toEqual([`${C}::governance::vote_with_stake`, `${C}::governance::vote_with_stake`]);
    expect(moveCallArgumentKinds(tx, 1)).toEqual(['shared(mut)', 'shared', 'owned', 'pure', 'pure']);
    expect(bcs.u8().parse(pureBytes(tx, 1, 4))).toBe(0);
  });

  it('refuses an unknown option, no positions, or a bad proposal ID', () => {
    expect(() =>
      buildVoteAsNode({
        deployment,
        sender: TEST_SENDER,
        cap: fakeRef(9),
        proposalId: TEST_PROPOSAL,
        option: 'maybe' as never,
      }),
    ).toThrow('vote must be one of');
    expect(() =>
      buildVoteWithStake({ deployment, sender: TEST_SENDER, stakedWals: [], proposalId: TEST_PROPOSAL, option: 'yes' }),
    ).toThrow('at least one active position');
    expect(() =>
      buildVoteAsNode({ deployment, sender: TEST_SENDER, cap: fakeRef(9), proposalId: '<script>', option: 'yes' }),
    ).toThrow('proposal ID must be a Sui ID');
  });

  it('names the options as Move numbers them', () => {
    expect(VOTE_OPTIONS).toEqual({ yes: 0, no: 1, abstain: 2, noWithVeto: 3 });
    expect(voteOptionName(2)).toBe('abstain');
    expect(voteOptionName(9)).toBeUndefined();
  });
});

describe('proposing', () => {
  const base = { deployment, sender: TEST_SENDER, deposit: 10n * WAL, walCoins: walCoins(100n * WAL) };

  it('proposes a parameter change with name, value and a deposit coin', () => {
    const tx = buildProposeParameterChange({ ...base, name: 'slash_bps', value: 200n });
    expect(moveCallTargets(tx)).toEqual([`${C}::governance::propose_parameter_change`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'shared', 'pure', 'pure', 'result']);
    expect(bcs.string().parse(pureBytes(tx, 0, 2))).toBe('slash_bps');
    expect(bcs.u64().parse(pureBytes(tx, 0, 3))).toBe('200');
    expect(commandKinds(tx)).toEqual(['SplitCoins', 'MoveCall']);
  });

  it('proposes an upgrade with a 32-byte digest given as hex', () => {
    const tx = buildProposeUpgrade({ ...base, digest: `0x${'ab'.repeat(32)}` });
    expect(moveCallTargets(tx)).toEqual([`${C}::governance::propose_upgrade`]);
    expect(bcs.vector(bcs.u8()).parse(pureBytes(tx, 0, 2))).toHaveLength(32);
  });

  it('proposes a text', () => {
    const tx = buildProposeText({ ...base, text: '  Raise the committee to 120 nodes  ' });
    expect(moveCallTargets(tx)).toEqual([`${C}::governance::propose_text`]);
    expect(bcs.string().parse(pureBytes(tx, 0, 2))).toBe('Raise the committee to 120 nodes');
  });

  it('refuses bad names, digests, empty text, and deposits under the minimum or over the balance', () => {
    expect(() => buildProposeParameterChange({ ...base, name: 'Robert"); DROP', value: 1n })).toThrow(
      'lower_snake_case',
    );
    expect(() => buildProposeParameterChange({ ...base, name: 'pass_bps', value: 10_000n })).toThrow(
      'pass_bps must be between 5000 and 8000, its safe range (got 10000)',
    );
    expect(() => buildProposeParameterChange({ ...base, name: 'n_shards', value: 10n })).toThrow(
      '"n_shards" is not a governed parameter',
    );
    expect(() => buildProposeUpgrade({ ...base, digest: 'abcd' })).toThrow('64 hex digits');
    expect(() => buildProposeUpgrade({ ...base, digest: new Uint8Array(31) })).toThrow('32 bytes (got 31)');
    expect(() => buildProposeText({ ...base, text: '   ' })).toThrow('proposal text is required');
    expect(() => buildProposeText({ ...base, text: 'x'.repeat(5000) })).toThrow('at most 4096 bytes');
    expect(() => buildProposeText({ ...base, text: 'hi', minDeposit: 50n * WAL })).toThrow(
      'deposit must be at least 50 WAL (got 10)',
    );
    expect(() => buildProposeText({ ...base, text: 'hi', deposit: 500n * WAL })).toThrow(
      'deposit of 500 WAL is more than your WAL balance of 100 WAL',
    );
  });
});

describe('buildFinalizeProposal', () => {
  it('finalizes with the treasury (a vetoed deposit is burned)', () => {
    const tx = buildFinalizeProposal({ deployment, sender: TEST_SENDER, proposalId: TEST_PROPOSAL });
    expect(moveCallTargets(tx)).toEqual([`${C}::governance::finalize`]);
    expect(moveCallArgumentKinds(tx)).toEqual(['shared(mut)', 'shared(mut)', 'shared(mut)', 'pure']);
  });
});
