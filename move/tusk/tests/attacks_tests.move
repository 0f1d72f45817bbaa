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
use sui::event;
use tusk::events;
use tusk::governance;
use tusk::params;
use tusk::staked_wal::StakedWal;
use tusk::staking;
use tusk::storage_node;
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

#[test]
/// Found by a second review: three honest nodes are capped at 10% of the
/// shards each, and the cap used to hand the other 70% to whoever else was a
/// member, however little it staked. Seven 1-WAL nodes now get nothing.
fun dust_stakes_cannot_take_the_shards_the_cap_leaves_over() {
    let mut w = world::new();
    w.register_nodes(10);
    let mut stakes = vector[];
    3u64.do!(|i| stakes.push_back(w.stake(HONEST, i, wal(1_000_000))));
    7u64.do!(|k| stakes.push_back(w.stake(ATTACKER, 3 + k, wal(1))));
    w.advance_epoch();
    let mut attacker_shards = 0;
    7u64.do!(|k| attacker_shards = attacker_shards + w.shards_of(3 + k));
    assert_eq!(attacker_shards, 0);
    assert_eq!(w.shards_of(0) + w.shards_of(1) + w.shards_of(2), 100);
    destroy(stakes);
    w.end();
}

// === 2. Registration spam ===

/// Registered and staked spam nodes, each with the minimum stake: eight
/// times the active set. (This runner counts dynamic-field writes over a
/// whole test, not per transaction, and stops near 5,000 registrations; the
/// devnet simulator, which mirrors this package, runs the same attack with
/// 10,000 nodes.)
const SPAM_NODES: u64 = 2_000;

/// Sui's per-transaction limit on events (`max_num_event_emit`).
const MAX_EVENTS_PER_TX: u64 = 1_024;

fun spam_name(i: u64): std::string::String {
    let mut name = b"spam-".to_string();
    name.append(i.to_string());
    name
}

/// The attacker registers thousands of nodes (free) and stakes the minimum
/// with each, then lets the epochs run. Once, every epoch change stepped every
/// pool (1,100 nodes already broke the event limit) and `voting_end` sorted
/// them all. Now both only see the active set (at most 250 pools), so an
/// epoch change emits at most 250 `PoolAdvanced` and, at three dynamic-field
/// accesses per pool, stays within Sui's 1,000; `Staking` grows by no vector
/// per node. The spam pools left outside still count in the epoch's stake and
/// pay their stakers out.
#[test]
fun registration_spam_leaves_epoch_changes_bounded() {
    let (mut w, honest) = honest_network();
    let mut spam_stakes = vector[];
    let mut spam_nodes = vector[];
    let mut i = 0;
    while (i < SPAM_NODES) {
        let node_id = w.register_extra_node(ATTACKER, spam_name(i));
        spam_stakes.push_back(w.stake_with_node(ATTACKER, node_id, wal(1)));
        spam_nodes.push_back(node_id);
        i = i + 1;
        if (i % 100 == 0) w = w.next_tx();
    };
    w = w.next_tx();
    assert_eq!(w.staking().node_count(), 12 + SPAM_NODES);
    assert_eq!(w.staking().active_set().length(), 250);
    let spam_total = SPAM_NODES * wal(1);
    let mut epoch = 0;
    while (epoch < 3) {
        w.voting_end();
        w = w.next_tx();
        w.initiate_epoch_change();
        assert!(event::events_by_type<events::PoolAdvanced>().length() <= 250);
        assert!((event::num_events() as u64) <= MAX_EVENTS_PER_TX);
        assert_eq!(w.staking().epoch_start_stake(), wal(400) + spam_total);
        w.sync_all();
        w = w.next_tx();
        epoch = epoch + 1;
    };
    // The honest nodes keep their place in the committee.
    4u64.do!(|n| assert!(w.in_committee(n)));
    // A spam staker deep outside the set withdraws as usual, its pool
    // catching up in a bounded number of steps.
    let mut last = spam_stakes.pop_back();
    w.request_withdraw(ATTACKER, &mut last);
    assert!(event::events_by_type<events::PoolAdvanced>().length() <= 4);
    w.advance_epoch();
    w = w.next_tx();
    assert_eq!(w.withdraw(ATTACKER, last), wal(1));
    assert_eq!(w.staking().epoch_start_stake(), wal(400) + spam_total - wal(1));
    let _ = spam_nodes;
    destroy(spam_stakes);
    destroy(honest);
    w.end();
}

// === 3. A silent committee freezes epochs ===

/// Four nodes with 100 WAL each, in epoch 2 right after `initiate_epoch_change`:
/// the committee (25 shards each) is syncing and nobody has confirmed.
fun syncing_network(): (World, vector<StakedWal>) {
    let mut w = world::new();
    w.register_nodes(4);
    let mut stakes = vector[];
    4u64.do!(|i| stakes.push_back(w.stake(HONEST, i, wal(100))));
    w.advance_epoch();
    w.voting_end();
    w.initiate_epoch_change();
    (w.next_tx(), stakes)
}

#[test]
/// Members holding over a third of the shards stay silent: after half of
/// the epoch anyone completes the change without them, the event names who
/// did not sync, and epochs (and so withdrawals) go on.
fun a_silent_third_of_the_committee_cannot_freeze_epochs() {
    let (mut w, mut stakes) = syncing_network();
    w.sync_node(0, 2); // 25 shards: no quorum
    assert!(!w.staking().is_epoch_change_done());
    w.set_time_in_epoch(world::epoch_duration_ms() / 2);
    w.end_stalled_epoch_change();
    assert!(w.staking().is_epoch_change_done());
    assert_eq!(
        event::events_by_type<events::EpochSyncTimedOut>(),
        vector[events::new_epoch_sync_timed_out(2, 25, vector[w.node(1), w.node(2), w.node(3)])],
    );
    assert_eq!(event::events_by_type<events::EpochChangeDone>(), vector[events::new_epoch_change_done(2)]);
    // The epoch goes on: a withdrawal requested now matures.
    let mut leaving = stakes.pop_back();
    w.request_withdraw(HONEST, &mut leaving);
    w.voting_end();
    w.initiate_epoch_change();
    w.sync_all();
    assert_eq!(w.withdraw(HONEST, leaving), wal(100));
    destroy(stakes);
    w.end();
}

#[test, expected_failure(abort_code = staking::ESyncNotTimedOut)]
/// Before half of the epoch the committee still has time to sync.
fun a_stalled_change_cannot_be_forced_early() {
    let (mut w, stakes) = syncing_network();
    w.set_time_in_epoch(world::epoch_duration_ms() / 2 - 1);
    w.end_stalled_epoch_change();
    destroy(stakes);
    w.end();
}

#[test, expected_failure(abort_code = staking::EWrongEpochState)]
fun a_finished_change_cannot_be_forced() {
    let (mut w, stakes) = syncing_network();
    w.sync_all();
    w.set_time_in_epoch(world::epoch_duration_ms() / 2);
    w.end_stalled_epoch_change();
    destroy(stakes);
    w.end();
}

// === 4. Governed parameters that brick the system ===

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
/// A pass threshold of 100% would let nothing pass ever again: refused when
/// proposed (and `params::set` refuses it again when a change applies).
fun a_proposal_to_make_passing_impossible_is_refused() {
    let (mut w, stakes) = honest_network();
    w.propose_parameter(ATTACKER, b"pass_bps", 10_000);
    destroy(stakes);
    w.end();
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
/// Epochs of u64::MAX ms would never end.
fun a_proposal_for_endless_epochs_is_refused() {
    let (mut w, stakes) = honest_network();
    w.propose_parameter(ATTACKER, b"epoch_duration_ms", 18_446_744_073_709_551_615);
    destroy(stakes);
    w.end();
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
/// A committee of one node could halt the protocol alone.
fun a_proposal_for_a_committee_of_one_is_refused() {
    let (mut w, stakes) = honest_network();
    w.propose_parameter(ATTACKER, b"max_committee_size", 1);
    destroy(stakes);
    w.end();
}

// === 5. Share overflow after heavy slashing ===

/// Node 0 slashed at the highest rate (10%) in `n` epochs by nodes 1..3.
fun slashed_pool(n: u64): (World, vector<StakedWal>) {
    let mut w = world::new();
    w.register_nodes(4);
    let mut stakes = vector[];
    4u64.do!(|i| stakes.push_back(w.stake(HONEST, i, wal(100))));
    w.advance_epoch();
    w.staking_mut().set_param_for_testing(b"slash_bps".to_string(), 1_000);
    let target = w.node(0);
    n.do!(|_| {
        3u64.do!(|k| w.vote_for_slash(1 + k, target));
        w.execute_slash(target);
        w.advance_epoch();
        w = w.next_tx();
    });
    (w, stakes)
}

#[test, expected_failure(abort_code = staking::EPoolSharesOverflow)]
/// After 13 slashes a share is worth 25% of a FROST: a 4B WAL stake would
/// need more shares than a u64 holds, which used to abort every later
/// `initiate_epoch_change`. It is now refused when staked, with a clear error.
fun a_stake_that_would_overflow_the_share_count_is_refused() {
    let (mut w, stakes) = slashed_pool(13);
    let huge = w.stake(ATTACKER, 0, 4_000_000_000 * frost_per_wal!());
    destroy(huge);
    destroy(stakes);
    w.end();
}

#[test]
/// A large stake that fits is taken, and epoch changes go on.
fun after_heavy_slashing_epochs_keep_changing() {
    let (mut w, stakes) = slashed_pool(13);
    let big = w.stake(ATTACKER, 0, 1_000_000_000 * frost_per_wal!());
    w.advance_epoch();
    assert!(w.staking().pool(w.node(0)).shares() > 3 * 1_000_000_000 * frost_per_wal!());
    destroy(big);
    destroy(stakes);
    w.end();
}

// === 6. The same WAL votes twice ===

#[test]
/// Stake that moves from node 0 to node 1 while a proposal is open does
/// not vote twice: both nodes weigh the stake they had when the proposal's
/// epoch began (and the moved stake is not node 1's yet at that snapshot).
fun stake_moved_during_a_vote_counts_once() {
    let (mut w, mut stakes) = honest_network();
    // Node 4 (the attacker's) gets 100 WAL too, so quorum is reachable.
    let mut moving = w.stake(ATTACKER, 4, wal(100));
    w.advance_epoch();
    let id = w.propose_text(ATTACKER, b"double count");
    w.vote_as_node(4, id, 0);
    // Move the stake: withdraw from node 4, stake with node 5, vote again.
    w.request_withdraw(ATTACKER, &mut moving);
    w.advance_epoch();
    let back = w.withdraw(ATTACKER, moving);
    let moved = w.stake(ATTACKER, 5, back);
    w.advance_epoch();
    // Node 5's snapshot (start of the proposal's epoch) is 0: no vote.
    let (governance, staking, cap) = w.governance_staking_and_cap(5);
    assert_eq!(staking.active_stake_at(cap.node_id(), governance.proposal(id).created_epoch()), 0);
    // Node 4 still weighs what it had then, once.
    assert_eq!(w.tally(id), vector[wal(100), 0, 0, 0]);
    assert_eq!(w.governance().proposal(id).total_stake(), wal(500));
    destroy(moved);
    destroy(stakes.pop_back());
    destroy(stakes);
    w.end();
}

#[test, expected_failure(abort_code = governance::ENoVotingPower)]
/// A node whose stake arrived after the proposal's epoch began has no vote on it.
fun a_node_cannot_vote_with_stake_added_after_the_proposal_opened() {
    let (mut w, stakes) = honest_network();
    let id = w.propose_text(ATTACKER, b"late stake");
    let late = w.stake(ATTACKER, 5, wal(1_000));
    w.advance_epoch();
    w.vote_as_node(5, id, 0);
    destroy(late);
    destroy(stakes);
    w.end();
}

// === 7. Collecting commission ahead of a slash ===

#[test, expected_failure(abort_code = staking::ECommissionFrozen)]
/// Once a vote to slash it is cast, the node cannot take its commission out
/// before the slash burns it.
fun commission_is_frozen_while_a_slash_vote_is_open() {
    let (mut w, stakes) = honest_network();
    w.add_fees(1_000_000);
    w.advance_epoch();
    let target = w.node(0);
    assert!(w.staking().pool(target).commission() > 0);
    w.vote_for_slash(1, target);
    assert!(w.staking().is_commission_frozen(target));
    let (staking, cap, ctx) = w.staking_cap_and_ctx(0, world::operator(0));
    let coin = staking.collect_commission(cap, ctx);
    destroy(coin);
    destroy(stakes);
    w.end();
}

#[test]
/// The slash burns the accrued commission; after it, collecting works again.
fun the_slash_burns_the_frozen_commission() {
    let (mut w, stakes) = honest_network();
    w.add_fees(1_000_000);
    w.advance_epoch();
    let target = w.node(0);
    let accrued = w.staking().pool(target).commission();
    3u64.do!(|k| w.vote_for_slash(1 + k, target));
    w.execute_slash(target);
    let slashed = event::events_by_type<events::NodeSlashed>();
    assert_eq!(slashed.length(), 1);
    assert!(!w.staking().is_commission_frozen(target));
    assert_eq!(w.staking().pool(target).commission(), 0);
    assert!(accrued > 0);
    let (staking, cap, ctx) = w.staking_cap_and_ctx(0, world::operator(0));
    let coin = staking.collect_commission(cap, ctx);
    assert_eq!(coin.value(), 0);
    destroy(coin);
    destroy(stakes);
    w.end();
}

// === 9. An upgrade authorized at once ===

#[test, expected_failure(abort_code = governance::EUpgradeDelayNotOver)]
/// A passed upgrade cannot be applied before holders had time to leave.
fun a_passed_upgrade_waits_for_its_delay() {
    let (mut w, stakes) = honest_network();
    let id = w.propose_upgrade(ATTACKER, x"0000000000000000000000000000000000000000000000000000000000000001");
    4u64.do!(|i| w.vote_as_node(i, id, 0));
    w.advance_epochs(2);
    w.finalize(id);
    assert_eq!(w.governance().upgrade_available_epoch(id), option::some(3 + governance::upgrade_delay_epochs()));
    w.advance_epochs(2);
    let ticket = w.authorize_upgrade(id);
    destroy(ticket);
    destroy(stakes);
    w.end();
}

// === 10. A node passing itself off as another ===

#[test, expected_failure(abort_code = staking::ENameTaken)]
/// Names are unique ignoring case: "NODE-0" cannot register beside "node-0".
fun a_node_cannot_take_another_nodes_name() {
    let mut w = world::new();
    w.register_nodes(1);
    w.register_node_named(1, b"NODE-0".to_string(), 1_000);
    w.end();
}

#[test, expected_failure(abort_code = staking::ENameTaken)]
fun a_node_cannot_rename_itself_to_another_nodes_name() {
    let mut w = world::new();
    w.register_nodes(2);
    let (staking, cap) = w.staking_and_cap(1);
    staking.set_name(cap, b"Node-0".to_string());
    w.end();
}

#[test, expected_failure(abort_code = storage_node::EInvalidName)]
/// U+202E (right-to-left override) would make a name display as something else.
fun a_name_with_a_bidi_override_is_refused() {
    let mut w = world::new();
    w.register_node_named(0, b"node-\xe2\x80\xae1".to_string(), 1_000);
    w.end();
}

#[test]
/// The name rule, case by case; a rename frees the old name.
fun names_are_short_printable_ascii_without_padding() {
    assert!(storage_node::is_valid_name(&b"Tusk Node 7 (eu-west)".to_string()));
    assert!(storage_node::is_valid_name(&b"x".to_string()));
    assert!(!storage_node::is_valid_name(&b"".to_string()));
    assert!(!storage_node::is_valid_name(&b" node".to_string()));
    assert!(!storage_node::is_valid_name(&b"node ".to_string()));
    assert!(!storage_node::is_valid_name(&b"node  a".to_string()));
    assert!(!storage_node::is_valid_name(&b"node\na".to_string()));
    assert!(!storage_node::is_valid_name(&b"node\x7f".to_string()));
    assert!(!storage_node::is_valid_name(&b"n\xc3\xb6de".to_string()));
    let mut long = b"".to_string();
    64u64.do!(|_| long.append(b"a".to_string()));
    assert!(storage_node::is_valid_name(&long));
    long.append(b"a".to_string());
    assert!(!storage_node::is_valid_name(&long));
    let mut w = world::new();
    w.register_nodes(2);
    let (staking, cap) = w.staking_and_cap(1);
    staking.set_name(cap, b"Renamed".to_string());
    w.register_node_named(2, b"NODE-1".to_string(), 1_000);
    w.end();
}
