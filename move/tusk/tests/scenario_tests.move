/// A long seeded scenario: 24 nodes (committees of at most 20), 120 stakers
/// and 55 epochs of random staking, withdrawals, splits, joins, commission
/// changes and collections, price votes, fees, slashes and governance.
///
/// The test keeps its own model of what the protocol must do (activation and
/// withdraw epochs, payouts from the recorded rates, fee split, tallies with
/// overrides, proposal outcomes) and checks, every epoch:
/// - WAL conservation: all WAL paid in (stakes, fees, deposits) = all paid out
///   (withdrawals, collected commission, returned deposits) + burned + held
///   (pool balances, accrued commission, open deposits);
/// - each pool's books: balance = active stake + pending stake + withdrawable,
///   its shares cover every live position's shares, and `withdrawable` covers
///   every position whose withdraw epoch has come;
/// - no position is withdrawable before its epoch (activation and withdraw
///   epochs equal the model's, and nothing pays before them);
/// - every pool's exchange rate did not fall unless it was slashed (or had no
///   shares);
/// - `EpochChangeStarted` matches the model's burn, rewards and total stake;
/// - the committee: at most 20 members, shards within the cap, every shard
///   index held exactly once, the top pools by stake, sticky shards;
/// - proposal tallies equal the model's sum of votes with overrides applied,
///   and the finalized status follows the quorum / veto / pass rules.
#[test_only]
module tusk::scenario_tests;

use std::unit_test::{assert_eq, destroy};
use sui::event;
use tusk::committee::{Self, Committee};
use tusk::events;
use tusk::staked_wal::StakedWal;
use tusk::world::{Self, World, frost_per_wal};

const NODES: u64 = 24;
const STAKERS: u64 = 120;
const EPOCHS: u32 = 55;
const N_SHARDS: u64 = 100;
const MAX_COMMITTEE: u64 = 20;
const SEED: u64 = 0x7E57_5EED_CAFE_F00D;

// === A seeded pseudo-random generator (xorshift64) ===

public struct Rng has drop { state: u64 }

fun next(rng: &mut Rng): u64 {
    let mut x = rng.state;
    x = x ^ (x << 13);
    x = x ^ (x >> 7);
    x = x ^ (x << 17);
    rng.state = x;
    x
}

fun below(rng: &mut Rng, n: u64): u64 { next(rng) % n }

// === The model ===

/// Live positions and who holds them.
public struct Book {
    staked: vector<StakedWal>,
    owners: vector<u64>,
}

/// What went in and out of the protocol, in FROST.
public struct Ledger has drop {
    wal_in: u64,
    wal_out: u64,
    supply_at_start: u64,
    open_deposit: u64,
}

/// The open proposal's votes, as the model counts them.
public struct Votes has drop {
    proposal_id: ID,
    created_epoch: u32,
    end_epoch: u32,
    value: u64,
    /// Each node's active stake when the proposal opened (at the start of
    /// its epoch, before any slash in it): the snapshot votes weigh.
    start_stakes: vector<u64>,
    node_ids: vector<ID>,
    node_options: vector<u8>,
    node_weights: vector<u64>,
    stake_ids: vector<ID>,
    stake_nodes: vector<ID>,
    stake_options: vector<u8>,
    stake_weights: vector<u64>,
}

public struct Model has drop {
    rng: Rng,
    ledger: Ledger,
    votes: Option<Votes>,
    burn_bps: u64,
    pending_burn_bps: Option<u64>,
    /// Epoch in which each node was last slashed (u32::MAX if never).
    slashed_in: vector<u32>,
    proposals_finalized: u64,
    /// Finalized proposals by status (index = status code).
    outcomes: vector<u64>,
    slashes: u64,
    withdrawals: u64,
}

fun staker(i: u64): address { sui::address::from_u256(0x10_000 + (i as u256)) }

fun wal(n: u64): u64 { n * frost_per_wal!() }

fun shares_for(rate_wal: u64, rate_shares: u64, amount: u64): u64 {
    if (rate_wal == 0 || rate_shares == 0) amount
    else ((amount as u128) * (rate_shares as u128) / (rate_wal as u128)) as u64
}

fun wal_for(rate_wal: u64, rate_shares: u64, shares: u64): u64 {
    if (rate_wal == 0 || rate_shares == 0) shares
    else ((shares as u128) * (rate_wal as u128) / (rate_shares as u128)) as u64
}

/// Shares of a position, from the rate recorded at its activation.
fun shares_of(w: &World, staked: &StakedWal): u64 {
    let rate = w.staking().pool(staked.node_id()).rate_at(staked.activation_epoch());
    shares_for(rate.wal(), rate.shares(), staked.principal())
}

/// What a position is worth at the rate recorded for `epoch`.
fun value_at(w: &World, staked: &StakedWal, epoch: u32): u64 {
    let rate = w.staking().pool(staked.node_id()).rate_at(epoch);
    wal_for(rate.wal(), rate.shares(), shares_of(w, staked))
}

fun node_index(w: &World, node_id: ID): u64 {
    let mut i = 0;
    while (w.node(i) != node_id) i = i + 1;
    i
}

// === Actions ===

/// One random delegator or operator action.
fun act(w: &mut World, book: &mut Book, model: &mut Model, voted: bool) {
    let epoch = w.staking().epoch();
    let effect_epoch = if (voted) epoch + 2 else epoch + 1;
    let r = below(&mut model.rng, 100);
    let n = book.staked.length();
    if (r < 35 || n == 0) {
        // Stake 1..500 WAL with a random node.
        let s = below(&mut model.rng, STAKERS);
        let node = below(&mut model.rng, NODES);
        let amount = wal(1 + below(&mut model.rng, 500)) + below(&mut model.rng, 1_000);
        let staked = w.stake(staker(s), node, amount);
        assert_eq!(staked.activation_epoch(), effect_epoch);
        model.ledger.wal_in = model.ledger.wal_in + amount;
        book.staked.push_back(staked);
        book.owners.push_back(s);
    } else if (r < 55) {
        // Request a withdrawal of an active position.
        let p = below(&mut model.rng, n);
        let owner = staker(book.owners[p]);
        let staked = &mut book.staked[p];
        if (staked.activation_epoch() <= epoch && !staked.is_withdrawing()) {
            w.request_withdraw(owner, staked);
            assert_eq!(staked.withdraw_epoch(), option::some(effect_epoch));
        }
    } else if (r < 75) {
        // Withdraw the first position (from a random start) that may leave now.
        let start = below(&mut model.rng, n);
        let mut k = 0;
        let mut found = option::none();
        while (k < n && found.is_none()) {
            let p = (start + k) % n;
            let staked = &book.staked[p];
            // Not counted by any committee selection yet (see attacks_tests).
            let early = !staked.is_withdrawing() && staked.activation_epoch() > epoch
                && !(voted && staked.activation_epoch() == epoch + 1);
            assert_eq!(w.staking().can_withdraw_early(staked), early);
            let due = staked.is_withdrawing() && staked.withdraw_epoch().destroy_some() <= epoch;
            if (early || due) found = option::some(p);
            k = k + 1;
        };
        if (found.is_some()) {
            let p = found.destroy_some();
            let staked = &book.staked[p];
            let expected = if (!staked.is_withdrawing()) staked.principal()
            else value_at(w, staked, staked.withdraw_epoch().destroy_some());
            let staked = book.staked.swap_remove(p);
            let owner = staker(book.owners.swap_remove(p));
            let paid = w.withdraw(owner, staked);
            assert_eq!(paid, expected);
            model.ledger.wal_out = model.ledger.wal_out + paid;
            model.withdrawals = model.withdrawals + 1;
        }
    } else if (r < 85) {
        // Split a position of at least 2 WAL.
        let p = below(&mut model.rng, n);
        let principal = book.staked[p].principal();
        if (principal >= wal(2)) {
            let amount = wal(1) + below(&mut model.rng, principal - wal(2) + 1);
            let owner = book.owners[p];
            let (staking, ctx) = w.staking_and_ctx(staker(owner));
            let part = staking.split_staked_wal(&mut book.staked[p], amount, ctx);
            assert_eq!(book.staked[p].principal() + part.principal(), principal);
            book.staked.push_back(part);
            book.owners.push_back(owner);
        }
    } else if (r < 92) {
        // Join a position with a compatible one.
        let p = below(&mut model.rng, n);
        let mut q = 0;
        while (q < n && (q == p || !book.staked[p].is_compatible(&book.staked[q]))) q = q + 1;
        if (q < n) {
            let other = book.staked.swap_remove(q);
            book.owners.swap_remove(q);
            let p = if (p == n - 1) q else p;
            let total = book.staked[p].principal() + other.principal();
            w.staking().join_staked_wal(&mut book.staked[p], other);
            assert_eq!(book.staked[p].principal(), total);
        }
    } else {
        // An operator: new commission, price votes, or collecting commission.
        let i = below(&mut model.rng, NODES);
        let kind = below(&mut model.rng, 3);
        let (staking, cap, ctx) = w.staking_cap_and_ctx(i, world::operator(i));
        if (kind == 0) staking.set_commission(cap, (below(&mut model.rng, 2_001) as u16))
        else if (kind == 1) {
            let storage_price = 500 + below(&mut model.rng, 1_000);
            let write_price = 1_000 + below(&mut model.rng, 2_000);
            let capacity = 1_000_000 + below(&mut model.rng, 1_000_000_000);
            staking.vote_for_prices(cap, storage_price, write_price, capacity);
        } else {
            let coin = staking.collect_commission(cap, ctx);
            model.ledger.wal_out = model.ledger.wal_out + coin.value();
            destroy(coin);
        }
    }
}

// === Governance ===

fun open_proposal(w: &mut World, model: &mut Model) {
    let value = 200 + 100 * below(&mut model.rng, 4);
    let id = w.propose_parameter(@0xFACE, b"burn_bps", value);
    let proposal = w.governance().proposal(id);
    model.ledger.wal_in = model.ledger.wal_in + world::min_proposal_deposit();
    model.ledger.open_deposit = world::min_proposal_deposit();
    model.votes =
        option::some(Votes {
            proposal_id: id,
            created_epoch: proposal.created_epoch(),
            end_epoch: proposal.end_epoch(),
            value,
            start_stakes: vector::tabulate!(NODES, |i| w.staking().pool(w.node(i)).wal()),
            node_ids: vector[],
            node_options: vector[],
            node_weights: vector[],
            stake_ids: vector[],
            stake_nodes: vector[],
            stake_options: vector[],
            stake_weights: vector[],
        });
}

/// Some nodes and delegators vote (or vote again) on the open proposal.
fun cast_votes(w: &mut World, book: &Book, model: &mut Model) {
    if (model.votes.is_none()) return;
    let epoch = w.staking().epoch();
    let mut votes = model.votes.extract();
    if (epoch < votes.end_epoch) {
        let id = votes.proposal_id;
        // Nodes: options skewed towards yes.
        let voters = 3 + below(&mut model.rng, 6);
        voters.do!(|_| {
            let i = below(&mut model.rng, NODES);
            let weight = votes.start_stakes[i];
            if (weight > 0) {
                let option = (below(&mut model.rng, 7) % 4) as u8;
                w.vote_as_node(i, id, option);
                let node_id = w.node(i);
                let at = votes.node_ids.find_index!(|n| *n == node_id);
                if (at.is_some()) {
                    let k = at.destroy_some();
                    *&mut votes.node_options[k] = option;
                    *&mut votes.node_weights[k] = weight;
                } else {
                    votes.node_ids.push_back(node_id);
                    votes.node_options.push_back(option);
                    votes.node_weights.push_back(weight);
                }
            }
        });
        // Delegators whose positions existed before the proposal opened.
        let delegators = if (book.staked.is_empty()) 0 else below(&mut model.rng, 8);
        delegators.do!(|_| {
            let p = below(&mut model.rng, book.staked.length());
            let staked = &book.staked[p];
            let eligible = staked.activation_epoch() <= votes.created_epoch
                && !staked.is_withdrawing()
                && staked.changed_epoch() < votes.created_epoch;
            if (eligible) {
                let option = (below(&mut model.rng, 4)) as u8;
                let weight = value_at(w, staked, votes.created_epoch);
                w.vote_with_stake(staked, id, option);
                let stake_id = object::id(staked);
                let at = votes.stake_ids.find_index!(|s| *s == stake_id);
                if (at.is_some()) {
                    let k = at.destroy_some();
                    *&mut votes.stake_options[k] = option;
                    *&mut votes.stake_weights[k] = weight;
                } else {
                    votes.stake_ids.push_back(stake_id);
                    votes.stake_nodes.push_back(staked.node_id());
                    votes.stake_options.push_back(option);
                    votes.stake_weights.push_back(weight);
                }
            }
        });
    };
    model.votes.fill(votes);
}

/// The model's tally: delegators by their own option, each node's weight
/// less its delegators' weights (never below 0) by the node's option.
fun model_tally(votes: &Votes): vector<u64> {
    let mut totals = vector[0, 0, 0, 0];
    votes.stake_ids.length().do!(|k| {
        let option = votes.stake_options[k] as u64;
        *&mut totals[option] = totals[option] + votes.stake_weights[k];
    });
    votes.node_ids.length().do!(|k| {
        let mut overridden = 0;
        votes.stake_ids.length().do!(|j| {
            if (votes.stake_nodes[j] == votes.node_ids[k]) overridden = overridden + votes.stake_weights[j];
        });
        if (votes.node_weights[k] > overridden) {
            let option = votes.node_options[k] as u64;
            *&mut totals[option] = totals[option] + votes.node_weights[k] - overridden;
        }
    });
    totals
}

fun check_tally(w: &World, model: &Model) {
    if (model.votes.is_none()) return;
    let votes = model.votes.borrow();
    assert_eq!(w.tally(votes.proposal_id), model_tally(votes));
}

/// Finalizes the open proposal once its window has closed and checks the outcome.
fun finalize_if_due(w: &mut World, model: &mut Model) {
    if (model.votes.is_none() || w.staking().epoch() < model.votes.borrow().end_epoch) return;
    let votes = model.votes.extract();
    let tally = model_tally(&votes);
    assert_eq!(w.tally(votes.proposal_id), tally);
    let (yes, no, abstain, veto) = (tally[0] as u128, tally[1] as u128, tally[2] as u128, tally[3] as u128);
    let voted = yes + no + abstain + veto;
    let mut total: u128 = 0;
    NODES.do!(|i| total = total + (w.staking().pool(w.node(i)).wal() as u128));
    let expected = if (voted == 0 || voted * 10_000 < total * 3_340) 4
    else if (veto * 10_000 > voted * 3_340) 3
    else if (yes * 10_000 > (yes + no + veto) * 5_000) 1
    else 2;
    let supply = w.total_supply();
    w.finalize(votes.proposal_id);
    assert_eq!(w.status(votes.proposal_id), expected);
    if (expected == 3) {
        assert_eq!(supply - w.total_supply(), world::min_proposal_deposit());
    } else {
        model.ledger.wal_out = model.ledger.wal_out + world::min_proposal_deposit();
    };
    if (expected == 1) model.pending_burn_bps = option::some(votes.value);
    model.ledger.open_deposit = 0;
    model.proposals_finalized = model.proposals_finalized + 1;
    *&mut model.outcomes[expected as u64] = model.outcomes[expected as u64] + 1;
}

// === Slashing ===

/// Committee members vote against a random member until 2/3 of the shards
/// agree; then the slash is executed and its burn checked.
fun slash_someone(w: &mut World, model: &mut Model) {
    let committee = w.staking().committee();
    let members = committee.node_ids();
    if (members.length() < 2) return;
    let target = members[below(&mut model.rng, members.length())];
    let mut weight = 0;
    let mut k = 0;
    while (!committee::is_quorum(weight, N_SHARDS) && k < members.length()) {
        if (members[k] != target) {
            let voter = node_index(w, members[k]);
            w.vote_for_slash(voter, target);
            weight = weight + committee.shards_of(members[k]);
        };
        k = k + 1;
    };
    if (!committee::is_quorum(weight, N_SHARDS)) return;
    let pool = w.staking().pool(target);
    let expected_burn = pool.commission() + pool.wal() / 100;
    let supply = w.total_supply();
    w.execute_slash(target);
    assert_eq!(supply - w.total_supply(), expected_burn);
    let t = node_index(w, target);
    *&mut model.slashed_in[t] = w.staking().epoch();
    model.slashes = model.slashes + 1;
}

// === Invariants ===

fun check_committee(w: &World, next: &Committee, previous: &Committee) {
    let counts = next.shard_counts();
    assert!(counts.length() <= MAX_COMMITTEE);
    let cap = committee::shard_cap(N_SHARDS, counts.length());
    let mut total = 0;
    counts.do!(|c| {
        assert!((c as u64) <= cap);
        total = total + (c as u64);
    });
    if (counts.length() > 0) assert_eq!(total, N_SHARDS);
    // Every shard index exactly once.
    let mut seen = vector::tabulate!(N_SHARDS, |_| false);
    next.shards().do!(|indices| indices.do!(|index| {
        assert!(!seen[index as u64]);
        *&mut seen[index as u64] = true;
    }));
    if (counts.length() > 0) assert!(seen.all!(|s| *s));
    // Sticky: a member keeps min(old, new) of its old shards.
    next.node_ids().do!(|id| {
        let old = previous.shard_indices_of(id);
        let new = next.shard_indices_of(id);
        let mut kept = 0;
        old.do_ref!(|index| if (new.contains(index)) kept = kept + 1);
        assert_eq!(kept, old.length().min(new.length()));
    });
    // The top pools by stake: no outsider has more stake than a member.
    let mut weakest = std::u64::max_value!();
    next.node_ids().do!(|id| weakest = weakest.min(w.staking().pool(id).eventual_stake()));
    if (counts.length() > 0) {
        NODES.do!(|i| {
            if (!next.contains(w.node(i))) assert!(w.staking().pool(w.node(i)).eventual_stake() <= weakest);
        });
    }
}

fun check_epoch(w: &World, book: &Book, model: &Model) {
    let epoch = w.staking().epoch();
    let mut held = 0;
    NODES.do!(|i| {
        let pool = w.staking().pool(w.node(i));
        held = held + pool.balance() + pool.commission();
        // The pool's books balance exactly.
        assert_eq!(
            pool.balance(),
            pool.wal() + pool.pending_stake(epoch + 1) + pool.pending_stake(epoch + 2) + pool.withdrawable(),
        );
        // The rate did not fall unless the pool was slashed (or had no shares).
        let before = pool.rate_at(epoch - 1);
        let now = pool.rate_at(epoch);
        if (model.slashed_in[i] != epoch - 1 && !before.is_flat() && !now.is_flat()) {
            assert!(now.is_at_least(&before));
        };
    });
    // WAL conservation.
    let burned = model.ledger.supply_at_start - w.total_supply();
    assert_eq!(model.ledger.wal_in, model.ledger.wal_out + burned + held + model.ledger.open_deposit);
    // Each pool's shares cover its live positions; withdrawable covers those due.
    let mut shares = vector::tabulate!(NODES, |_| 0u64);
    let mut owed = vector::tabulate!(NODES, |_| 0u64);
    book.staked.do_ref!(|staked| {
        let i = node_index(w, staked.node_id());
        let withdraw_epoch = staked.withdraw_epoch();
        let left = withdraw_epoch.is_some() && *withdraw_epoch.borrow() <= epoch;
        if (left) {
            *&mut owed[i] = owed[i] + value_at(w, staked, *withdraw_epoch.borrow());
        } else if (staked.activation_epoch() <= epoch) {
            *&mut shares[i] = shares[i] + shares_of(w, staked);
        } else {
            assert!(w.staking().can_withdraw_early(staked));
        };
        if (staked.is_withdrawing() && !left) assert!(!w.staking().can_withdraw_early(staked));
    });
    NODES.do!(|i| {
        let pool = w.staking().pool(w.node(i));
        assert!(shares[i] <= pool.shares());
        assert!(owed[i] <= pool.withdrawable());
    });
    check_tally(w, model);
}

// === The scenario ===

#[test]
fun fifty_five_epochs_of_random_staking_keep_every_invariant() {
    let mut w = world::new_with(N_SHARDS as u16, MAX_COMMITTEE as u16);
    let mut model = Model {
        rng: Rng { state: SEED },
        ledger: Ledger { wal_in: 0, wal_out: 0, supply_at_start: w.total_supply(), open_deposit: 0 },
        votes: option::none(),
        burn_bps: 300,
        pending_burn_bps: option::none(),
        slashed_in: vector::tabulate!(NODES, |_| std::u32::max_value!()),
        proposals_finalized: 0,
        outcomes: vector[0, 0, 0, 0, 0],
        slashes: 0,
        withdrawals: 0,
    };
    NODES.do!(|i| w.register_node(i, (below(&mut model.rng, 2_001) as u16)));
    let mut book = Book { staked: vector[], owners: vector[] };
    // Everyone stakes once in epoch 0.
    STAKERS.do!(|s| {
        let node = below(&mut model.rng, NODES);
        let amount = wal(1 + below(&mut model.rng, 500));
        book.staked.push_back(w.stake(staker(s), node, amount));
        book.owners.push_back(s);
        model.ledger.wal_in = model.ledger.wal_in + amount;
    });

    let mut e = 0;
    while (e < EPOCHS) {
        w = w.next_tx();
        let epoch = w.staking().epoch();
        assert_eq!(epoch, e);
        // Before voting end.
        let actions = 5 + below(&mut model.rng, 10);
        actions.do!(|_| act(&mut w, &mut book, &mut model, false));
        if (epoch % 6 == 1 && model.votes.is_none()) open_proposal(&mut w, &mut model);
        cast_votes(&mut w, &book, &mut model);
        check_tally(&w, &model);
        if (epoch % 9 == 5) slash_someone(&mut w, &mut model);
        // Voting end: the next committee.
        let previous = w.staking().committee();
        w.voting_end();
        let next = w.staking().next_committee();
        check_committee(&w, &next, &previous);
        let actions = 2 + below(&mut model.rng, 6);
        actions.do!(|_| act(&mut w, &mut book, &mut model, true));
        // Fees, then the epoch change.
        let fees = below(&mut model.rng, wal(5));
        w.add_fees(fees);
        model.ledger.wal_in = model.ledger.wal_in + fees;
        let ending = w.staking().committee().shard_counts();
        w = w.next_tx();
        w.initiate_epoch_change();
        let burned = fees * model.burn_bps / 10_000;
        let mut distributed = 0;
        ending.do!(|shards| distributed = distributed + (fees - burned) * (shards as u64) / N_SHARDS);
        let mut total_stake = 0;
        NODES.do!(|i| total_stake = total_stake + w.staking().pool(w.node(i)).wal());
        assert_eq!(
            event::events_by_type<events::EpochChangeStarted>(),
            vector[
                events::new_epoch_change_started(
                    epoch + 1,
                    total_stake,
                    distributed,
                    fees - distributed,
                ),
            ],
        );
        assert_eq!(event::events_by_type<events::PoolAdvanced>().length(), NODES);
        if (model.pending_burn_bps.is_some()) model.burn_bps = model.pending_burn_bps.extract();
        assert_eq!(w.staking().params().burn_bps() as u64, model.burn_bps);
        w.sync_all();
        assert!(w.staking().is_epoch_change_done());
        finalize_if_due(&mut w, &mut model);
        check_epoch(&w, &book, &model);
        e = e + 1;
    };

    // The scenario exercised what it claims to.
    assert_eq!(w.staking().epoch(), EPOCHS);
    assert!(model.proposals_finalized >= 5);
    assert!(model.slashes >= 3);
    assert!(model.withdrawals >= 100);
    assert!(model.outcomes[1] >= 1 && model.outcomes[2] >= 1); // some passed, some rejected
    destroy(book);
    w.end();
}
