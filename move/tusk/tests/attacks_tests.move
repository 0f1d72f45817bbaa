/// Attacks that a security review proved against earlier versions of the
/// package, each written as the attacker would run it, now failing to do
/// harm: the attack aborts, or completes without the gain it was after.
/// `SECURITY.md` lists the rule that stops each one.
///
/// Setting unless said otherwise: honest nodes 0..3 each hold 100 WAL of
/// active stake; the attacker runs nodes 4..11 (registered like any node:
/// eight nodes, because no node may hold more than 10% of the shards).
#[test_only]
module tusk::attacks_tests;

use std::unit_test::{assert_eq, destroy};
use tusk::staked_wal::StakedWal;
use tusk::staking;
use tusk::world::{Self, World, frost_per_wal};

const HONEST: address = @0x40E5;
const ATTACKER: address = @0xBAD;

fun wal(n: u64): u64 { n * frost_per_wal!() }

/// Four honest nodes with 100 WAL each, active, in epoch 1; the attacker's
/// eight nodes are registered with no stake.
fun honest_network(): (World, vector<StakedWal>) {
    let mut w = world::new();
    w.register_nodes(12);
    let mut stakes = vector[];
    4u64.do!(|i| stakes.push_back(w.stake(HONEST, i, wal(100))));
    w.advance_epoch();
    (w.next_tx(), stakes)
}

/// The attacker's flash stake: right before `voting_end`, 10,000 WAL on each
/// of its nodes (borrowed, in the real attack), then `voting_end` selects the
/// next committee counting it.
fun flash_stake_and_select(w: &mut World): vector<StakedWal> {
    w.set_time_in_epoch(world::epoch_duration_ms() / 2);
    let mut flash = vector[];
    8u64.do!(|k| flash.push_back(w.stake(ATTACKER, 4 + k, wal(10_000))));
    w.voting_end();
    flash
}

// === 1. Flash-stake committee takeover ===

#[test]
/// The selection the attacker wanted did happen: its nodes would hold the
/// quorum of the next committee. What the attack needs next is its WAL back
/// in the same transaction, and that is refused (next tests).
fun flash_stake_counts_in_the_selection_it_precedes() {
    let (mut w, honest) = honest_network();
    let flash = flash_stake_and_select(&mut w);
    let next = w.staking().next_committee();
    let mut attacker_shards = 0;
    8u64.do!(|k| attacker_shards = attacker_shards + next.shards_of(w.node(4 + k)));
    assert!(3 * attacker_shards >= 2 * 100);
    // Counted stake is no longer withdrawable at once.
    flash.do_ref!(|s| assert!(!w.staking().can_withdraw_early(s)));
    destroy(honest);
    destroy(flash);
    w.end();
}

#[test, expected_failure(abort_code = staking::ENotWithdrawing)]
/// The attack's last step, `withdraw_stake` right after `voting_end`, aborts:
/// the stake was counted by a committee selection.
fun flash_stake_cannot_be_taken_back_after_voting_end() {
    let (mut w, honest) = honest_network();
    let mut flash = flash_stake_and_select(&mut w);
    let stake = flash.pop_back();
    w.withdraw(ATTACKER, stake);
    destroy(honest);
    destroy(flash);
    w.end();
}

#[test]
/// The only way out is a withdrawal request: the WAL stays in the pool for
/// the whole epoch the selected committee serves, where a slash reaches it.
fun counted_stake_leaves_only_after_its_committee_served_and_bears_its_slash() {
    let (mut w, honest) = honest_network();
    let mut flash = flash_stake_and_select(&mut w);
    let mut stake = flash.pop_back();
    w.request_withdraw(ATTACKER, &mut stake);
    assert_eq!(stake.activation_epoch(), 2);
    assert_eq!(stake.withdraw_epoch(), option::some(3));
    // The pool books it as leaving one epoch after it activates.
    assert_eq!(w.staking().pool(w.node(11)).pre_active_withdrawal(2), wal(10_000));
    w.initiate_epoch_change();
    w.sync_all();
    let mut w = w.next_tx();
    assert_eq!(w.staking().pool(w.node(11)).pending_withdraw_shares(3), wal(10_000));
    // Epoch 2: the stake is in node 11's pool and bears a slash of it (here
    // voted by the attacker's other nodes, the only quorum there is).
    let target = w.node(11);
    7u64.do!(|k| w.vote_for_slash(4 + k, target));
    w.execute_slash(target);
    w.advance_epoch();
    let paid = w.withdraw(ATTACKER, stake);
    assert_eq!(paid, wal(10_000) - wal(100));
    destroy(honest);
    destroy(flash);
    w.end();
}

#[test, expected_failure(abort_code = staking::EWithdrawEpochNotReached)]
fun counted_stake_is_not_withdrawable_while_its_committee_serves() {
    let (mut w, honest) = honest_network();
    let mut flash = flash_stake_and_select(&mut w);
    let mut stake = flash.pop_back();
    w.request_withdraw(ATTACKER, &mut stake);
    w.initiate_epoch_change();
    w.sync_all();
    w.withdraw(ATTACKER, stake);
    destroy(honest);
    destroy(flash);
    w.end();
}

#[test]
/// Stake no selection has counted still leaves at once (before voting end,
/// or made after it for the epoch after next), without rewards.
fun uncounted_stake_still_leaves_at_once() {
    let (mut w, honest) = honest_network();
    let before = w.stake(ATTACKER, 4, wal(50));
    assert!(w.staking().can_withdraw_early(&before));
    assert_eq!(w.withdraw(ATTACKER, before), wal(50));
    w.voting_end();
    let after = w.stake(ATTACKER, 4, wal(50));
    assert_eq!(after.activation_epoch(), 3);
    assert!(w.staking().can_withdraw_early(&after));
    assert_eq!(w.withdraw(ATTACKER, after), wal(50));
    assert_eq!(w.staking().pool(w.node(4)).pending_stake(3), 0);
    destroy(honest);
    w.end();
}

#[test, expected_failure(abort_code = staking::ENotActive)]
/// Uncounted stake needs no request (and gets a clear abort pointing to
/// `withdraw_stake`).
fun uncounted_stake_is_not_requested() {
    let (mut w, honest) = honest_network();
    let mut stake = w.stake(ATTACKER, 4, wal(50));
    w.request_withdraw(ATTACKER, &mut stake);
    destroy(honest);
    destroy(stake);
    w.end();
}

// === 8. Rounding: joined withdrawing stakes ===

#[test, expected_failure(abort_code = staking::EIncompatibleStakedWal)]
/// Two withdrawing stakes cannot be joined: their joined shares could round
/// up by one over what the pool set aside for them.
fun withdrawing_stakes_cannot_be_joined() {
    let (mut w, mut honest) = honest_network();
    let mut a = honest.pop_back();
    let (staking, ctx) = w.staking_and_ctx(HONEST);
    let mut b = staking.split_staked_wal(&mut a, wal(50), ctx);
    w.request_withdraw(HONEST, &mut a);
    w.request_withdraw(HONEST, &mut b);
    let (staking, _) = w.staking_and_ctx(HONEST);
    staking.join_staked_wal(&mut a, b);
    destroy(a);
    destroy(honest);
    w.end();
}

#[test]
/// Many stakes with awkward amounts, split, joined while staked, requested
/// and withdrawn over epochs whose rewards make the rate uneven: every
/// withdrawal is paid exactly its shares' worth (the pool's `withdrawable`
/// cap never binds), and the pool ends holding no more than rounding dust.
fun withdrawal_cap_never_binds_under_split_join_withdraw_sequences() {
    let mut w = world::new();
    w.register_nodes(1);
    let mut seed: u64 = 7;
    let mut live: vector<StakedWal> = vector[];
    let mut round = 0u64;
    while (round < 12) {
        // New stakes with odd amounts.
        3u64.do!(|_| {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            live.push_back(w.stake(HONEST, 0, wal(1) + seed % wal(37)));
        });
        w.add_fees(1_000_003 + seed % 999_983);
        w.advance_epoch();
        let mut w2 = w.next_tx();
        // Split some active stakes, join pairs of staked ones, request others.
        let mut i = 0;
        while (i < live.length()) {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            let choice = seed % 4;
            let epoch = w2.staking().epoch();
            let s = &live[i];
            let active = s.activation_epoch() <= epoch;
            if (active && !s.is_withdrawing()) {
                if (choice == 0 && s.principal() >= wal(2) + 2) {
                    let amount = wal(1) + seed % (s.principal() - wal(2));
                    let (staking, ctx) = w2.staking_and_ctx(HONEST);
                    let part = staking.split_staked_wal(&mut live[i], amount, ctx);
                    live.push_back(part);
                } else if (choice == 1) {
                    w2.request_withdraw(HONEST, &mut live[i]);
                } else if (choice == 2 && i + 1 < live.length()) {
                    let other = &live[i + 1];
                    if (
                        other.activation_epoch() == s.activation_epoch() && !other.is_withdrawing()
                    ) {
                        let other = live.remove(i + 1);
                        let (staking, _) = w2.staking_and_ctx(HONEST);
                        staking.join_staked_wal(&mut live[i], other);
                    }
                }
            };
            i = i + 1;
        };
        // Withdraw everything withdrawable, each paid its exact worth.
        let mut j = 0;
        while (j < live.length()) {
            let s = &live[j];
            let epoch = w2.staking().epoch();
            if (s.is_withdrawing() && *s.withdraw_epoch().borrow() <= epoch) {
                let s = live.remove(j);
                let (due, _, _) = w2
                    .staking()
                    .pool(w2.node(0))
                    .payout(s.principal(), s.activation_epoch(), *s.withdraw_epoch().borrow());
                assert_eq!(w2.withdraw(HONEST, s), due);
            } else j = j + 1;
        };
        w = w2;
        round = round + 1;
    };
    // Everyone leaves: request all, two epochs, withdraw all.
    live.length().do!(|k| if (!live[k].is_withdrawing()) w.request_withdraw(HONEST, &mut live[k]));
    w.advance_epoch();
    w.advance_epoch();
    while (!live.is_empty()) {
        let s = live.pop_back();
        let (due, _, _) = w
            .staking()
            .pool(w.node(0))
            .payout(s.principal(), s.activation_epoch(), *s.withdraw_epoch().borrow());
        assert_eq!(w.withdraw(HONEST, s), due);
    };
    // What stays is rounding dust: shares bought as one sum round up over
    // the stakes' own shares, never the other way round.
    let pool = w.staking().pool(w.node(0));
    assert!(pool.balance() < 100);
    assert!(pool.shares() < 100);
    live.destroy_empty();
    w.end();
}
