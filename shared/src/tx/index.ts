/**
 * One transaction builder per Tusk action. Each takes the deployment, the
 * sender and the action's inputs, validates them (throwing `TxInputError` with
 * a sentence a person can act on), and returns a `BuiltTx`: the `Transaction`
 * ready to simulate and sign, and its `TxIntent` (what it does, for the review
 * before signing: `review.ts`). They never touch the network: objects passed
 * by ID are resolved by the client when the transaction is built.
 */
export { TxInputError, type ObjectInput, type TxContext, type WalCoin } from './inputs.ts';
export { sameIntent, type BuiltTx, type TxIntent, type TxKind } from './intent.ts';
export { buildStake, type StakeInput } from './stake.ts';
export { buildRequestWithdraw, buildWithdraw, buildSplit, buildJoin, checkSplit } from './stakedWal.ts';
export type { PartialPositionInput, PositionInput, SplitInput, JoinInput } from './stakedWal.ts';
export {
  buildVoteAsNode,
  buildVoteWithStake,
  buildProposeParameterChange,
  buildProposeUpgrade,
  buildProposeText,
  buildFinalizeProposal,
  parseDigest,
  voteOptionName,
  VOTE_OPTIONS,
  VOTE_OPTION_LABELS,
  MAX_PROPOSAL_TEXT_BYTES,
  type VoteOption,
} from './governance.ts';
export {
  buildCollectCommission,
  buildScheduleCommission,
  buildVoteForPrices,
  buildSlashVote,
  buildExecuteSlash,
} from './operator.ts';
