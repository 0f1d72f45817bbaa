/// Bootstrapping: publishing the package sends an `AdminCap` to the publisher;
/// `initialize` spends it (with the package's `UpgradeCap`) to create and share
/// `Staking`, `Governance` and `System` with the chosen parameters. The cap is
/// destroyed, so initialization happens once and no admin remains: from then
/// on parameters change only through governance, and upgrades only through a
/// passed upgrade proposal (the `UpgradeCap` lives in `Governance`).
module tusk::init;

use sui::clock::Clock;
use sui::package::UpgradeCap;
use tusk::events;
use tusk::governance;
use tusk::params;
use tusk::staking;
use tusk::system;

/// Allows one call of `initialize`; destroyed by it.
public struct AdminCap has key, store {
    id: UID,
}

/// Sends the `AdminCap` to the publisher.
fun init(ctx: &mut TxContext) {
    transfer::public_transfer(AdminCap { id: object::new(ctx) }, ctx.sender());
}

/// Creates and shares `Staking` (epoch 0, starting now), `Governance` (holding
/// `upgrade_cap`, which must be this package's) and `System`. Parameters are
/// described in `params` (defaults: 14-day epochs = 1209600000 ms, 1000
/// shards, committee of 100, min stake 1 WAL, burn 300 bps, slash 100 bps,
/// proposal deposit 1000 WAL, 2 voting epochs, quorum 3340, pass 5000, veto
/// 3340 bps); `max_epochs_ahead` goes to `System`; `storage_price`,
/// `write_price` (FROST per MiB) and `capacity` (bytes) are in force until the
/// first committee votes. Emits `ParametersApplied` for epoch 0 with every
/// parameter (including `n_shards`) in `changed`.
public fun initialize(
    cap: AdminCap,
    upgrade_cap: UpgradeCap,
    epoch_duration_ms: u64,
    n_shards: u16,
    max_committee_size: u16,
    min_stake: u64,
    burn_bps: u16,
    slash_bps: u16,
    min_proposal_deposit: u64,
    voting_epochs: u32,
    quorum_bps: u16,
    pass_bps: u16,
    veto_bps: u16,
    max_epochs_ahead: u32,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    clock: &Clock,
    ctx: &mut TxContext,
) {
    let AdminCap { id } = cap;
    id.delete();
    let params = params::new(
        epoch_duration_ms,
        n_shards,
        max_committee_size,
        min_stake,
        burn_bps,
        slash_bps,
        min_proposal_deposit,
        voting_epochs,
        quorum_bps,
        pass_bps,
        veto_bps,
    );
    staking::create_and_share(params, storage_price, write_price, capacity, clock, ctx);
    governance::create_and_share(upgrade_cap, ctx);
    system::create_and_share(max_epochs_ahead, ctx);

    let mut changed = vector[events::new_parameter_value(b"n_shards".to_string(), n_shards as u64)];
    params::governed_names().do!(|name| {
        let value = params.value(&name);
        changed.push_back(events::new_parameter_value(name, value));
    });
    events::new_parameters_applied(0, storage_price, write_price, capacity, changed).emit();
}

#[test_only]
/// Runs `init` as publishing would.
public fun init_for_testing(ctx: &mut TxContext) {
    init(ctx);
}
