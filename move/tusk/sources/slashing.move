/// Slash votes: for each target node, the committee members that voted to
/// slash it in the current epoch and their total weight (shards).
///
/// Rules (enforced by `staking::vote_for_slash` / `execute_slash`):
/// - only members of the current committee vote, each once per target per
///   epoch, with weight = its shard count; a node cannot vote against itself;
/// - votes count only in the epoch they were cast: a tally from an earlier
///   epoch reads as empty and is replaced by the next vote;
/// - at a 2/3 quorum of all shards (3 * weight >= 2 * n_shards) anyone
///   executes the slash, at most once per target per epoch (later votes in the
///   same epoch still count in `SlashVoteCast`, but cannot slash again).
///
/// What a slash does is in `staking_pool::slash`: the node's accrued
/// commission and `slash_bps` of its pool's active stake are burned.
module tusk::slashing;

use sui::table::{Self, Table};

/// Votes against one target in `epoch`.
public struct SlashTally has drop, store {
    epoch: u32,
    voters: vector<ID>,
    weight: u64,
    executed: bool,
}

/// All tallies, by target node ID.
public struct SlashVotes has store {
    tallies: Table<ID, SlashTally>,
}

/// No votes yet.
public(package) fun new(ctx: &mut TxContext): SlashVotes {
    SlashVotes { tallies: table::new(ctx) }
}

/// Whether `voter` already voted against `target` in `epoch`.
public(package) fun has_voted(self: &SlashVotes, epoch: u32, target: ID, voter: ID): bool {
    if (!self.tallies.contains(target)) return false;
    let tally = &self.tallies[target];
    tally.epoch == epoch && tally.voters.contains(&voter)
}

/// Weight voting against `target` in `epoch` (0 if none).
public(package) fun weight(self: &SlashVotes, epoch: u32, target: ID): u64 {
    if (!self.tallies.contains(target)) return 0;
    let tally = &self.tallies[target];
    if (tally.epoch == epoch) tally.weight else 0
}

/// Whether `target` was slashed in `epoch`.
public(package) fun is_executed(self: &SlashVotes, epoch: u32, target: ID): bool {
    if (!self.tallies.contains(target)) return false;
    let tally = &self.tallies[target];
    tally.epoch == epoch && tally.executed
}

/// Adds `voter`'s `weight` against `target` in `epoch`; returns the new total.
/// The caller checks that the voter has not voted yet.
public(package) fun add_vote(self: &mut SlashVotes, epoch: u32, target: ID, voter: ID, weight: u64): u64 {
    if (self.tallies.contains(target) && self.tallies[target].epoch != epoch) {
        self.tallies.remove(target);
    };
    if (!self.tallies.contains(target)) {
        self.tallies.add(target, SlashTally { epoch, voters: vector[], weight: 0, executed: false });
    };
    let tally = &mut self.tallies[target];
    tally.voters.push_back(voter);
    tally.weight = tally.weight + weight;
    tally.weight
}

/// Records that `target` was slashed in `epoch` (the caller checked the quorum).
public(package) fun mark_executed(self: &mut SlashVotes, target: ID) {
    self.tallies[target].executed = true;
}
