/// Exchange-rate arithmetic: exact pairs, conversions rounding down, flat 1:1.
#[test_only]
module tusk::exchange_rate_tests;

use std::unit_test::assert_eq;
use tusk::exchange_rate;

#[test]
fun an_empty_pool_converts_one_to_one() {
    let flat = exchange_rate::flat();
    assert!(flat.is_flat());
    assert_eq!(flat.shares_for(123), 123);
    assert_eq!(flat.wal_for(77), 77);
    // Either side 0 is flat too.
    assert_eq!(exchange_rate::new(0, 5).wal_for(77), 77);
    assert_eq!(exchange_rate::new(5, 0).shares_for(77), 77);
    assert_eq!(exchange_rate::new(5, 0).normalized(), flat);
}

#[test]
fun both_conversions_round_down_in_the_pools_favour() {
    let rate = exchange_rate::new(1_100, 1_000); // 1.1 FROST per share
    assert_eq!(rate.shares_for(100), 90); // 90.9
    assert_eq!(rate.wal_for(90), 99); // 99.0
    assert_eq!(rate.wal_for(91), 100); // 100.1
    assert_eq!(rate.wal(), 1_100);
    assert_eq!(rate.shares(), 1_000);
}

#[test]
fun conversions_of_the_whole_supply_do_not_overflow() {
    let supply = 5_000_000_000_000_000_000;
    let rate = exchange_rate::new(supply, supply - 1);
    assert_eq!(rate.wal_for(supply - 1), supply);
    assert_eq!(rate.shares_for(supply), supply - 1);
}

#[test]
fun rates_compare_by_frost_per_share() {
    let one = exchange_rate::new(1_000, 1_000);
    let more = exchange_rate::new(1_001, 1_000);
    assert!(more.is_at_least(&one));
    assert!(!one.is_at_least(&more));
    assert!(one.is_at_least(&exchange_rate::flat()));
    assert!(exchange_rate::flat().is_at_least(&one));
    assert!(exchange_rate::new(2, 2).is_at_least(&exchange_rate::new(1_000, 1_000)));
}
