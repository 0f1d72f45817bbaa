/// A test world: `wal` and `tusk` published and initialized with small test
/// parameters through the real `init::initialize`, the shared objects taken
/// out of the scenario once, a test `Clock`, the publisher's WAL to pay
/// stakers from, and helpers that act as any sender and drive epochs.
///
/// Senders: `ctx(sender)` switches the transaction context to `sender` (a
/// fresh digest each time, so object IDs never collide). `next_tx` ends the
/// scenario's transaction (returning and re-taking the shared objects), which
/// clears the events that `event::events_by_type` reports.
#[test_only]
module tusk::world;

use std::unit_test::destroy;
use sui::clock::{Self, Clock};
use sui::coin::Coin;
use sui::package;
use sui::test_scenario::{Self, Scenario};
use tusk::committee;
use tusk::governance::Governance;
use tusk::init::{Self, AdminCap};
use tusk::staked_wal::StakedWal;
use tusk::staking::Staking;
use tusk::storage_node::StorageNodeCap;
use tusk::system::System;
use tusk::test_node_keys;
use wal::wal::{Self, WAL, WalTreasury};

public macro fun frost_per_wal(): u64 { 1_000_000_000 }

/// The publisher of both packages.
const PUBLISHER: address = @0xA11CE;

// Test parameters.
const EPOCH_DURATION_MS: u64 = 1_000_000;
const N_SHARDS: u16 = 100;
const MAX_COMMITTEE_SIZE: u16 = 20;
const MIN_STAKE: u64 = 1_000_000_000;
const BURN_BPS: u16 = 300;
const SLASH_BPS: u16 = 100;
const MIN_PROPOSAL_DEPOSIT: u64 = 10_000_000_000;
const VOTING_EPOCHS: u32 = 2;
const QUORUM_BPS: u16 = 3_340;
const PASS_BPS: u16 = 5_000;
const VETO_BPS: u16 = 3_340;
const MAX_EPOCHS_AHEAD: u32 = 10;
const STORAGE_PRICE: u64 = 1_000;
const WRITE_PRICE: u64 = 2_000;
const CAPACITY: u64 = 1_000_000_000;
const GENESIS_MS: u64 = 1_000;

/// Everything a test needs, until `end`.
public struct World {
    scenario: Scenario,
    staking: Staking,
    system: System,
    governance: Governance,
    treasury: WalTreasury,
    clock: Clock,
    /// The publisher's WAL; `mint` splits coins from it.
    wal: Coin<WAL>,
    /// Caps of registered test nodes, by test node index.
    caps: vector<StorageNodeCap>,
    node_ids: vector<ID>,
    next_hint: u64,
}

/// A world with the test parameters (100 shards, committees of 20, 1 WAL
/// min stake, 3% burn, 1% slash, 10 WAL deposit, 2 voting epochs).
public fun new(): World {
    new_with(N_SHARDS, MAX_COMMITTEE_SIZE)
}

/// A world with `n_shards` shards and committees of at most `max_committee_size`.
public fun new_with(n_shards: u16, max_committee_size: u16): World {
    let mut scenario = test_scenario::begin(PUBLISHER);
    wal::init_for_testing(scenario.ctx());
    init::init_for_testing(scenario.ctx());
    scenario.next_tx(PUBLISHER);
    let admin = scenario.take_from_sender<AdminCap>();
    let upgrade_cap = package::test_publish(object::id_from_address(@tusk), scenario.ctx());
    let mut clock = clock::create_for_testing(scenario.ctx());
    clock.set_for_testing(GENESIS_MS);
    init::initialize(
        admin,
        upgrade_cap,
        EPOCH_DURATION_MS,
        n_shards,
        max_committee_size,
        MIN_STAKE,
        BURN_BPS,
        SLASH_BPS,
        MIN_PROPOSAL_DEPOSIT,
        VOTING_EPOCHS,
        QUORUM_BPS,
        PASS_BPS,
        VETO_BPS,
        MAX_EPOCHS_AHEAD,
        STORAGE_PRICE,
        WRITE_PRICE,
        CAPACITY,
        &clock,
        scenario.ctx(),
    );
    scenario.next_tx(PUBLISHER);
    let staking = scenario.take_shared<Staking>();
    let system = scenario.take_shared<System>();
    let governance = scenario.take_shared<Governance>();
    let treasury = scenario.take_shared<WalTreasury>();
    let wal = scenario.take_from_sender<Coin<WAL>>();
    World {
        scenario,
        staking,
        system,
        governance,
        treasury,
        clock,
        wal,
        caps: vector[],
        node_ids: vector[],
        next_hint: 1_000_000,
    }
}

/// Returns the shared objects and ends the scenario.
public fun end(self: World) {
    let World { scenario, staking, system, governance, treasury, clock, wal, caps, .. } = self;
    test_scenario::return_shared(staking);
    test_scenario::return_shared(system);
    test_scenario::return_shared(governance);
    test_scenario::return_shared(treasury);
    clock.destroy_for_testing();
    destroy(wal);
    destroy(caps);
    scenario.end();
}

/// Ends the scenario's transaction (clearing the events it emitted and its
/// per-transaction limits) and starts the next one: `world = world.next_tx();`.
public fun next_tx(self: World): World {
    let World {
        mut scenario,
        staking,
        system,
        governance,
        treasury,
        clock,
        wal,
        caps,
        node_ids,
        next_hint,
    } = self;
    test_scenario::return_shared(staking);
    test_scenario::return_shared(system);
    test_scenario::return_shared(governance);
    test_scenario::return_shared(treasury);
    scenario.next_tx(PUBLISHER);
    let staking = scenario.take_shared<Staking>();
    let system = scenario.take_shared<System>();
    let governance = scenario.take_shared<Governance>();
    let treasury = scenario.take_shared<WalTreasury>();
    World { scenario, staking, system, governance, treasury, clock, wal, caps, node_ids, next_hint }
}

// === Senders and objects ===

/// The transaction context, now sent by `sender`.
public fun ctx(self: &mut World, sender: address): &mut TxContext {
    let _ = tx_context::new_from_hint(sender, self.next_hint, 0, 0, 0);
    self.next_hint = self.next_hint + 1;
    self.scenario.ctx()
}

/// `Staking` and the transaction context sent by `sender`, for calls the
/// helpers do not cover.
public fun staking_and_ctx(self: &mut World, sender: address): (&mut Staking, &mut TxContext) {
    let _ = tx_context::new_from_hint(sender, self.next_hint, 0, 0, 0);
    self.next_hint = self.next_hint + 1;
    (&mut self.staking, self.scenario.ctx())
}

/// `Governance`, `Staking` and the context sent by `sender`.
public fun governance_staking_and_ctx(
    self: &mut World,
    sender: address,
): (&mut Governance, &mut Staking, &mut TxContext) {
    let _ = tx_context::new_from_hint(sender, self.next_hint, 0, 0, 0);
    self.next_hint = self.next_hint + 1;
    (&mut self.governance, &mut self.staking, self.scenario.ctx())
}

/// `Staking` and test node `i`'s cap.
public fun staking_and_cap(self: &mut World, i: u64): (&mut Staking, &StorageNodeCap) {
    (&mut self.staking, &self.caps[i])
}

/// `Staking`, test node `i`'s cap and the context sent by `sender`.
public fun staking_cap_and_ctx(
    self: &mut World,
    i: u64,
    sender: address,
): (&mut Staking, &StorageNodeCap, &mut TxContext) {
    let _ = tx_context::new_from_hint(sender, self.next_hint, 0, 0, 0);
    self.next_hint = self.next_hint + 1;
    (&mut self.staking, &self.caps[i], self.scenario.ctx())
}

/// `Governance`, `Staking` and test node `i`'s cap.
public fun governance_staking_and_cap(
    self: &mut World,
    i: u64,
): (&mut Governance, &Staking, &StorageNodeCap) {
    (&mut self.governance, &self.staking, &self.caps[i])
}

/// The shared objects, for calls the helpers do not cover.
public fun staking(self: &World): &Staking { &self.staking }

public fun staking_mut(self: &mut World): &mut Staking { &mut self.staking }

public fun system_mut(self: &mut World): &mut System { &mut self.system }

public fun governance(self: &World): &Governance { &self.governance }

public fun governance_mut(self: &mut World): &mut Governance { &mut self.governance }

public fun treasury(self: &World): &WalTreasury { &self.treasury }

public fun treasury_mut(self: &mut World): &mut WalTreasury { &mut self.treasury }

public fun clock(self: &World): &Clock { &self.clock }

public fun clock_mut(self: &mut World): &mut Clock { &mut self.clock }

/// `amount` FROST of the publisher's WAL.
public fun mint(self: &mut World, amount: u64): Coin<WAL> {
    let World { wal, scenario, .. } = self;
    wal.split(amount, scenario.ctx())
}

/// WAL in existence (falls when WAL is burned).
public fun total_supply(self: &World): u64 { self.treasury.total_supply() }

/// Default test parameter values.
public fun epoch_duration_ms(): u64 { EPOCH_DURATION_MS }

public fun min_proposal_deposit(): u64 { MIN_PROPOSAL_DEPOSIT }

public fun publisher(): address { PUBLISHER }

// === Nodes ===

/// Registers test nodes `count()`, `count() + 1`, ... up to `n` nodes in all,
/// each with its real BLS key and proof of possession, 10% commission and
/// price votes (1000, 2000, 1 GB).
public fun register_nodes(self: &mut World, n: u64) {
    while (self.caps.length() < n) {
        let i = self.caps.length();
        self.register_node(i, 1_000);
    }
}

/// Registers test node `i` (the next one) with `commission_bps`.
public fun register_node(self: &mut World, i: u64, commission_bps: u16) {
    self.register_node_named(i, node_name(i), commission_bps);
}

/// Registers test node `i` (the next one) under `name`.
public fun register_node_named(self: &mut World, i: u64, name: std::string::String, commission_bps: u16) {
    assert!(i == self.caps.length());
    let operator = test_node_keys::operator(i);
    let World { staking, scenario, next_hint, .. } = self;
    let _ = tx_context::new_from_hint(operator, *next_hint, 0, 0, 0);
    *next_hint = *next_hint + 1;
    let cap = staking.register_candidate(
        name,
        b"node.tusk.test:9000".to_string(),
        b"https://tusk.test/node.json".to_string(),
        test_node_keys::public_key(i),
        x"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        test_node_keys::pop(i),
        commission_bps,
        STORAGE_PRICE,
        WRITE_PRICE,
        CAPACITY,
        scenario.ctx(),
    );
    self.node_ids.push_back(cap.node_id());
    self.caps.push_back(cap);
}

/// Registers a node named `name` for `operator` that is not a test node (no
/// index, no cap kept: the cap goes to `operator`), with test node 0's key
/// and proof (this runner accepts any BLS signature). Returns its node ID.
public fun register_extra_node(self: &mut World, operator: address, name: std::string::String): ID {
    let _ = tx_context::new_from_hint(operator, self.next_hint, 0, 0, 0);
    self.next_hint = self.next_hint + 1;
    let World { staking, scenario, .. } = self;
    let cap = staking.register_candidate(
        name,
        b"node.tusk.test:9000".to_string(),
        b"https://tusk.test/node.json".to_string(),
        test_node_keys::public_key(0),
        x"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        test_node_keys::pop(0),
        1_000,
        STORAGE_PRICE,
        WRITE_PRICE,
        CAPACITY,
        scenario.ctx(),
    );
    let node_id = cap.node_id();
    transfer::public_transfer(cap, operator);
    node_id
}

/// "node-<i>".
public fun node_name(i: u64): std::string::String {
    let mut name = b"node-".to_string();
    name.append(i.to_string());
    name
}

/// Node ID of test node `i`.
public fun node(self: &World, i: u64): ID { self.node_ids[i] }

/// Cap of test node `i`.
public fun cap(self: &World, i: u64): &StorageNodeCap { &self.caps[i] }

/// Number of registered test nodes.
public fun node_count(self: &World): u64 { self.caps.length() }

/// Operator of test node `i`.
public fun operator(i: u64): address { test_node_keys::operator(i) }

// === Delegation ===

/// `staker` stakes `amount` FROST with test node `i`.
public fun stake(self: &mut World, staker: address, i: u64, amount: u64): StakedWal {
    let node_id = self.node_ids[i];
    self.stake_with_node(staker, node_id, amount)
}

/// `staker` stakes `amount` FROST with node `node_id`.
public fun stake_with_node(self: &mut World, staker: address, node_id: ID, amount: u64): StakedWal {
    let coin = self.mint(amount);
    let _ = tx_context::new_from_hint(staker, self.next_hint, 0, 0, 0);
    self.next_hint = self.next_hint + 1;
    let World { staking, scenario, .. } = self;
    staking.stake_with_pool(coin, node_id, scenario.ctx())
}

/// `staker` requests the withdrawal of `staked`.
public fun request_withdraw(self: &mut World, staker: address, staked: &mut StakedWal) {
    let _ = tx_context::new_from_hint(staker, self.next_hint, 0, 0, 0);
    self.next_hint = self.next_hint + 1;
    let World { staking, scenario, .. } = self;
    staking.request_withdraw_stake(staked, scenario.ctx());
}

/// `staker` withdraws `staked`; returns the FROST paid.
public fun withdraw(self: &mut World, staker: address, staked: StakedWal): u64 {
    let _ = tx_context::new_from_hint(staker, self.next_hint, 0, 0, 0);
    self.next_hint = self.next_hint + 1;
    let World { staking, scenario, .. } = self;
    let coin = staking.withdraw_stake(staked, scenario.ctx());
    let amount = coin.value();
    destroy(coin);
    amount
}

// === Epochs ===

/// Adds `amount` FROST of fees to the current epoch.
public fun add_fees(self: &mut World, amount: u64) {
    let coin = self.mint(amount);
    self.system.add_rewards(coin);
}

/// Moves the clock to `ms` after the start of the current epoch.
public fun set_time_in_epoch(self: &mut World, ms: u64) {
    let start = self.staking.epoch_start_ms();
    self.clock.set_for_testing(start + ms);
}

/// Moves the clock to the current epoch's voting end and calls `voting_end`.
public fun voting_end(self: &mut World) {
    self.voting_end_at(EPOCH_DURATION_MS / 2);
}

/// Calls `voting_end` at `ms` into the current epoch.
public fun voting_end_at(self: &mut World, ms: u64) {
    self.set_time_in_epoch(ms);
    self.staking.voting_end(&self.clock);
}

/// Moves the clock to the end of the epoch and calls `initiate_epoch_change`.
public fun initiate_epoch_change(self: &mut World) {
    self.initiate_epoch_change_at(EPOCH_DURATION_MS);
}

/// Calls `initiate_epoch_change` at `ms` into the current epoch.
public fun initiate_epoch_change_at(self: &mut World, ms: u64) {
    self.set_time_in_epoch(ms);
    let World { staking, system, treasury, clock, .. } = self;
    staking.initiate_epoch_change(system, treasury, clock);
}

/// Every member of the committee confirms sync, in committee order, until done.
public fun sync_all(self: &mut World) {
    let members = self.staking.committee().node_ids();
    let epoch = self.staking.epoch();
    let mut k = 0;
    while (!self.staking.is_epoch_change_done() && k < members.length()) {
        let i = self.node_ids.find_index!(|id| *id == members[k]).destroy_some();
        let World { staking, caps, clock, .. } = self;
        staking.epoch_sync_done(&caps[i], epoch, clock);
        k = k + 1;
    }
}

/// Anyone completes a stalled epoch change (at the clock's current time).
public fun end_stalled_epoch_change(self: &mut World) {
    let World { staking, clock, .. } = self;
    staking.end_stalled_epoch_change(clock);
}

/// Test node `i` confirms sync of `epoch`.
public fun sync_node(self: &mut World, i: u64, epoch: u32) {
    let World { staking, caps, clock, .. } = self;
    staking.epoch_sync_done(&caps[i], epoch, clock);
}

/// `voting_end`, `initiate_epoch_change` and sync: one whole epoch later.
public fun advance_epoch(self: &mut World) {
    self.voting_end();
    self.initiate_epoch_change();
    self.sync_all();
}

/// Test node `voter` votes to slash `target`.
public fun vote_for_slash(self: &mut World, voter: u64, target: ID) {
    let World { staking, caps, .. } = self;
    staking.vote_for_slash(&caps[voter], target);
}

/// Anyone executes the slash of `target`.
public fun execute_slash(self: &mut World, target: ID) {
    let World { staking, treasury, .. } = self;
    staking.execute_slash(treasury, target);
}

// === Governance ===

/// `proposer` proposes setting `name` to `value` with the minimum deposit.
public fun propose_parameter(self: &mut World, proposer: address, name: vector<u8>, value: u64): ID {
    let deposit = self.mint(MIN_PROPOSAL_DEPOSIT);
    let (governance, staking, ctx) = self.governance_staking_and_ctx(proposer);
    governance.propose_parameter_change(staking, name.to_string(), value, deposit, ctx)
}

/// `proposer` proposes the upgrade to `digest` with the minimum deposit.
public fun propose_upgrade(self: &mut World, proposer: address, digest: vector<u8>): ID {
    let deposit = self.mint(MIN_PROPOSAL_DEPOSIT);
    let (governance, staking, ctx) = self.governance_staking_and_ctx(proposer);
    governance.propose_upgrade(staking, digest, deposit, ctx)
}

/// `proposer` proposes `text` with the minimum deposit.
public fun propose_text(self: &mut World, proposer: address, text: vector<u8>): ID {
    let deposit = self.mint(MIN_PROPOSAL_DEPOSIT);
    let (governance, staking, ctx) = self.governance_staking_and_ctx(proposer);
    governance.propose_text(staking, text.to_string(), deposit, ctx)
}

/// Issues the ticket of the upgrade passed proposal `proposal_id` authorized.
public fun authorize_upgrade(self: &mut World, proposal_id: ID): sui::package::UpgradeTicket {
    let World { governance, staking, .. } = self;
    governance.authorize_upgrade(staking, proposal_id)
}

/// Advances `n` whole epochs.
public fun advance_epochs(self: &mut World, n: u64) {
    n.do!(|_| self.advance_epoch());
}

/// Test node `i` votes `option` on `proposal_id`.
public fun vote_as_node(self: &mut World, i: u64, proposal_id: ID, option: u8) {
    let World { governance, staking, caps, .. } = self;
    governance.vote_as_node(staking, &caps[i], proposal_id, option);
}

/// The holder of `staked` votes `option` on `proposal_id`.
public fun vote_with_stake(self: &mut World, staked: &StakedWal, proposal_id: ID, option: u8) {
    let World { governance, staking, .. } = self;
    governance.vote_with_stake(staking, staked, proposal_id, option);
}

/// Anyone finalizes `proposal_id`.
public fun finalize(self: &mut World, proposal_id: ID) {
    let World { governance, staking, treasury, scenario, .. } = self;
    governance.finalize(staking, treasury, proposal_id, scenario.ctx());
}

/// Status of `proposal_id`.
public fun status(self: &World, proposal_id: ID): u8 {
    self.governance.proposal(proposal_id).status()
}

/// Tally of `proposal_id` as [yes, no, abstain, veto].
public fun tally(self: &World, proposal_id: ID): vector<u64> {
    let (yes, no, abstain, veto) = self.governance.proposal(proposal_id).tally();
    vector[yes, no, abstain, veto]
}

/// Total FROST of the WAL coins `owner` received in earlier transactions of
/// the scenario (call after `next_tx`); the coins are destroyed.
public fun received(self: &World, owner: address): u64 {
    let ids = test_scenario::ids_for_address<Coin<WAL>>(owner);
    let mut total = 0;
    ids.do!(|id| {
        let coin = self.scenario.take_from_address_by_id<Coin<WAL>>(owner, id);
        total = total + coin.value();
        destroy(coin);
    });
    total
}

/// Shards of test node `i` in the current committee.
public fun shards_of(self: &World, i: u64): u64 {
    self.staking.committee().shards_of(self.node_ids[i])
}

/// Whether test node `i` is in the current committee.
public fun in_committee(self: &World, i: u64): bool {
    committee::contains(&self.staking.committee(), self.node_ids[i])
}
