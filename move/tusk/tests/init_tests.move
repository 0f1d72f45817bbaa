/// Bootstrapping: the publisher's `AdminCap` initializes the protocol once.
#[test_only]
module tusk::init_tests;

use std::unit_test::assert_eq;
use sui::clock;
use sui::event;
use sui::package;
use sui::test_scenario::{Self, Scenario};
use tusk::events;
use tusk::governance::{Self, Governance};
use tusk::init::{Self, AdminCap};
use tusk::params;
use tusk::staking::Staking;
use tusk::system::System;

const PUBLISHER: address = @0xA11CE;

fun published(): Scenario {
    let mut scenario = test_scenario::begin(PUBLISHER);
    init::init_for_testing(scenario.ctx());
    scenario.next_tx(PUBLISHER);
    scenario
}

/// Initializes with the defaults except `slash_bps`, using an `UpgradeCap` of `package`.
fun initialize(scenario: &mut Scenario, package: address, slash_bps: u16) {
    let admin = scenario.take_from_sender<AdminCap>();
    let upgrade_cap = package::test_publish(object::id_from_address(package), scenario.ctx());
    let clock = clock::create_for_testing(scenario.ctx());
    init::initialize(
        admin,
        upgrade_cap,
        1_209_600_000,
        1000,
        100,
        1_000_000_000,
        300,
        slash_bps,
        1_000_000_000_000,
        2,
        3_340,
        5_000,
        3_340,
        53,
        11_000,
        20_000,
        0,
        &clock,
        scenario.ctx(),
    );
    clock.destroy_for_testing();
}

#[test]
fun publishing_sends_the_admin_cap_to_the_publisher() {
    let scenario = published();
    assert!(test_scenario::has_most_recent_for_address<AdminCap>(PUBLISHER));
    scenario.end();
}

#[test]
fun initialize_shares_the_three_objects_and_announces_every_parameter() {
    let mut scenario = published();
    initialize(&mut scenario, @tusk, 100);
    let p = params::default();
    let mut changed = vector[events::new_parameter_value(b"n_shards".to_string(), 1000)];
    params::governed_names().do!(|name| changed.push_back(events::new_parameter_value(name, p.value(&name))));
    assert_eq!(
        event::events_by_type<events::ParametersApplied>(),
        vector[events::new_parameters_applied(0, 11_000, 20_000, 0, changed)],
    );
    scenario.next_tx(PUBLISHER);
    // The cap is spent; the shared objects exist.
    assert!(!test_scenario::has_most_recent_for_address<AdminCap>(PUBLISHER));
    let staking = scenario.take_shared<Staking>();
    let governance = scenario.take_shared<Governance>();
    let system = scenario.take_shared<System>();
    assert_eq!(staking.params(), params::default());
    assert_eq!(staking.version(), 1);
    assert_eq!(governance.version(), 1);
    assert_eq!(system.epoch(), 0);
    assert_eq!(governance.package_id(), object::id_from_address(@tusk));
    test_scenario::return_shared(staking);
    test_scenario::return_shared(governance);
    test_scenario::return_shared(system);
    scenario.end();
}

#[test, expected_failure(abort_code = governance::EWrongUpgradeCap)]
fun initialize_refuses_another_packages_upgrade_cap() {
    let mut scenario = published();
    initialize(&mut scenario, @0xBAD, 100);
    scenario.end();
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun initialize_refuses_parameters_out_of_range() {
    let mut scenario = published();
    initialize(&mut scenario, @tusk, 10_000);
    scenario.end();
}
