/// Scenarios for the WAL coin: what the publisher gets at publish, what the
/// shared treasury allows (burning, reading supply) and what it refuses.
#[test_only]
module wal::wal_tests;

use std::unit_test::{assert_eq, destroy};
use sui::coin::{Coin, TreasuryCap};
use sui::coin_registry::{Currency, MetadataCap};
use sui::test_scenario::{Self, Scenario};
use wal::wal::{Self, WAL, WalTreasury};

const PUBLISHER: address = @0xA11CE;
const BOB: address = @0xB0B;
const FROST_PER_WAL: u64 = 1_000_000_000;
const FIVE_BILLION_WAL: u64 = 5_000_000_000_000_000_000;

/// Publishes `wal` as PUBLISHER and opens the next transaction.
fun publish(): Scenario {
    let mut scenario = test_scenario::begin(PUBLISHER);
    wal::init_for_testing(scenario.ctx());
    scenario.next_tx(PUBLISHER);
    scenario
}

#[test]
fun publisher_receives_the_whole_supply_of_5_billion_wal() {
    let scenario = publish();
    let coin = scenario.take_from_sender<Coin<WAL>>();
    assert_eq!(coin.value(), FIVE_BILLION_WAL);
    assert_eq!(coin.value(), 5_000_000_000 * FROST_PER_WAL);
    // It is the only WAL coin the publisher owns.
    assert_eq!(test_scenario::ids_for_sender<Coin<WAL>>(&scenario).length(), 1);
    scenario.return_to_sender(coin);
    scenario.end();
}

#[test]
fun treasury_reports_total_supply_of_5e18_frost() {
    let scenario = publish();
    let treasury = scenario.take_shared<WalTreasury>();
    assert_eq!(treasury.total_supply(), FIVE_BILLION_WAL);
    assert_eq!(treasury.total_supply(), wal::initial_supply());
    assert_eq!(treasury.version(), 1);
    test_scenario::return_shared(treasury);
    scenario.end();
}

#[test]
fun wal_has_9_decimals_of_frost() {
    assert_eq!(wal::decimals(), 9);
    assert_eq!(wal::frost_per_wal(), FROST_PER_WAL);
    assert_eq!(wal::frost_per_wal(), std::u64::pow(10, wal::decimals()));
}

#[test]
fun currency_metadata_is_registered_with_symbol_wal() {
    let scenario = publish();
    // `init` sends the `Currency` to the coin registry (0xc) to be finalized there.
    let currency = scenario.take_from_address<Currency<WAL>>(@0xc);
    assert_eq!(currency.decimals(), 9);
    assert_eq!(currency.symbol(), b"WAL".to_string());
    assert_eq!(currency.name(), b"WAL".to_string());
    assert!(currency.description().length() > 0);
    assert_eq!(currency.icon_url(), b"".to_string());
    test_scenario::return_to_address(@0xc, currency);
    scenario.end();
}

#[test]
fun no_one_holds_a_treasury_cap_after_publish() {
    let scenario = publish();
    // The cap is wrapped inside the shared WalTreasury: no address owns it and
    // it is not shared by itself, so no transaction can mint.
    assert!(!test_scenario::has_most_recent_for_address<TreasuryCap<WAL>>(PUBLISHER));
    assert!(!test_scenario::has_most_recent_shared<TreasuryCap<WAL>>());
    // The publisher gets the metadata cap, which edits metadata but cannot mint.
    assert!(test_scenario::has_most_recent_for_address<MetadataCap<WAL>>(PUBLISHER));
    scenario.end();
}

#[test]
fun burning_a_coin_lowers_the_total_supply() {
    let mut scenario = publish();
    let mut treasury = scenario.take_shared<WalTreasury>();
    let mut supply = scenario.take_from_sender<Coin<WAL>>();

    let ten_wal = supply.split(10 * FROST_PER_WAL, scenario.ctx());
    assert_eq!(treasury.burn(ten_wal), 10 * FROST_PER_WAL);
    assert_eq!(treasury.total_supply(), FIVE_BILLION_WAL - 10 * FROST_PER_WAL);

    scenario.return_to_sender(supply);
    test_scenario::return_shared(treasury);
    scenario.end();
}

#[test]
fun burning_a_balance_lowers_the_total_supply_as_tusk_does_for_fees() {
    let mut scenario = publish();
    let mut treasury = scenario.take_shared<WalTreasury>();
    let mut supply = scenario.take_from_sender<Coin<WAL>>();

    let fee = supply.balance_mut().split(3 * FROST_PER_WAL);
    assert_eq!(treasury.burn_balance(fee), 3 * FROST_PER_WAL);
    assert_eq!(treasury.total_supply(), FIVE_BILLION_WAL - 3 * FROST_PER_WAL);

    scenario.return_to_sender(supply);
    test_scenario::return_shared(treasury);
    scenario.end();
}

#[test]
fun burning_zero_changes_nothing() {
    let mut scenario = publish();
    let mut treasury = scenario.take_shared<WalTreasury>();
    assert_eq!(treasury.burn_balance(sui::balance::zero()), 0);
    assert_eq!(treasury.total_supply(), FIVE_BILLION_WAL);
    test_scenario::return_shared(treasury);
    scenario.end();
}

#[test]
fun any_holder_can_burn_and_supply_always_equals_wal_in_circulation() {
    let mut scenario = publish();
    // The publisher pays bob 100 WAL.
    let mut supply = scenario.take_from_sender<Coin<WAL>>();
    transfer::public_transfer(supply.split(100 * FROST_PER_WAL, scenario.ctx()), BOB);
    scenario.return_to_sender(supply);

    // Bob burns 40 of them; the publisher burns 1 WAL.
    scenario.next_tx(BOB);
    let mut treasury = scenario.take_shared<WalTreasury>();
    let mut bobs = scenario.take_from_sender<Coin<WAL>>();
    treasury.burn(bobs.split(40 * FROST_PER_WAL, scenario.ctx()));
    scenario.return_to_sender(bobs);
    test_scenario::return_shared(treasury);

    scenario.next_tx(PUBLISHER);
    let mut treasury = scenario.take_shared<WalTreasury>();
    let mut supply = scenario.take_from_sender<Coin<WAL>>();
    treasury.burn(supply.split(FROST_PER_WAL, scenario.ctx()));

    // Supply only went down, by exactly what was burned, and matches the coins left.
    let bobs = scenario.take_from_address<Coin<WAL>>(BOB);
    assert_eq!(bobs.value(), 60 * FROST_PER_WAL);
    assert_eq!(treasury.total_supply(), FIVE_BILLION_WAL - 41 * FROST_PER_WAL);
    assert_eq!(treasury.total_supply(), supply.value() + bobs.value());

    test_scenario::return_to_address(BOB, bobs);
    scenario.return_to_sender(supply);
    test_scenario::return_shared(treasury);
    scenario.end();
}

#[test]
fun burning_the_entire_supply_leaves_zero() {
    let mut scenario = publish();
    let mut treasury = scenario.take_shared<WalTreasury>();
    let supply = scenario.take_from_sender<Coin<WAL>>();
    assert_eq!(treasury.burn(supply), FIVE_BILLION_WAL);
    assert_eq!(treasury.total_supply(), 0);
    test_scenario::return_shared(treasury);
    scenario.end();
}

#[test]
fun migrate_moves_an_outdated_treasury_to_the_current_version() {
    let mut scenario = publish();
    let mut treasury = scenario.take_shared<WalTreasury>();
    treasury.set_version_for_testing(0);
    treasury.migrate();
    assert_eq!(treasury.version(), 1);
    // Burning works again after the migration.
    let mut supply = scenario.take_from_sender<Coin<WAL>>();
    treasury.burn(supply.split(FROST_PER_WAL, scenario.ctx()));
    assert_eq!(treasury.total_supply(), FIVE_BILLION_WAL - FROST_PER_WAL);
    scenario.return_to_sender(supply);
    test_scenario::return_shared(treasury);
    scenario.end();
}

#[test, expected_failure(abort_code = wal::EWrongVersion)]
fun burn_on_a_treasury_of_another_version_aborts() {
    let mut scenario = publish();
    let mut treasury = scenario.take_shared<WalTreasury>();
    treasury.set_version_for_testing(2);
    let supply = scenario.take_from_sender<Coin<WAL>>();
    treasury.burn(supply);
    abort
}

#[test, expected_failure(abort_code = wal::EWrongVersion)]
fun burn_balance_on_an_outdated_treasury_aborts() {
    let mut scenario = publish();
    let mut treasury = scenario.take_shared<WalTreasury>();
    treasury.set_version_for_testing(0);
    let supply = scenario.take_from_sender<Coin<WAL>>();
    treasury.burn_balance(supply.into_balance());
    abort
}

#[test, expected_failure(abort_code = wal::EAlreadyMigrated)]
fun migrate_on_a_current_treasury_aborts() {
    let mut scenario = publish();
    let mut treasury = scenario.take_shared<WalTreasury>();
    treasury.migrate();
    destroy(treasury);
    scenario.end();
}
