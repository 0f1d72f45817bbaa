/// Protocol parameters: defaults, ranges, names governance may change.
#[test_only]
module tusk::params_tests;

use std::unit_test::assert_eq;
use tusk::params;

#[test]
fun defaults_are_the_documented_protocol_values() {
    let p = params::default();
    assert_eq!(p.epoch_duration_ms(), 14 * 24 * 3600 * 1000);
    assert_eq!(p.n_shards(), 1000);
    assert_eq!(p.max_committee_size(), 100);
    assert_eq!(p.min_stake(), 1_000_000_000);
    assert_eq!(p.burn_bps(), 300);
    assert_eq!(p.slash_bps(), 100);
    assert_eq!(p.min_proposal_deposit(), 1_000_000_000_000);
    assert_eq!(p.voting_epochs(), 2);
    assert_eq!(p.quorum_bps(), 3_340);
    assert_eq!(p.pass_bps(), 5_000);
    assert_eq!(p.veto_bps(), 3_340);
}

#[test]
fun every_governed_name_can_be_read_and_set() {
    let mut p = params::default();
    let names = params::governed_names();
    assert_eq!(names.length(), 10);
    names.do!(|name| {
        let (min, max) = params::range(&name);
        let value = min + (max - min) / 2;
        p.set(name, value);
        assert_eq!(p.value(&name), value);
    });
    // n_shards is readable but not governed.
    assert_eq!(p.value(&b"n_shards".to_string()), 1000);
}

#[test]
fun bps_of_rounds_down() {
    assert_eq!(params::bps_of(999, 1_000), 99);
    assert_eq!(params::bps_of(1_000_001, 300), 30_000);
    assert_eq!(params::bps_of(18_446_744_073_709_551_615, 10_000), 18_446_744_073_709_551_615);
    assert_eq!(params::bps_denominator(), 10_000);
}

/// (name, lowest safe value, highest safe value), written out here so that a
/// change of range is a visible change of this test too.
fun expected_ranges(): vector<vector<u64>> {
    vector[
        vector[60_000, 60 * 24 * 3600 * 1000],
        vector[10, 200],
        vector[1_000_000, 1_000_000_000_000],
        vector[0, 5_000],
        vector[0, 1_000],
        vector[1_000_000_000, 10_000_000_000_000_000],
        vector[1, 30],
        vector[1_000, 6_667],
        vector[5_000, 8_000],
        vector[1_000, 5_000],
    ]
}

#[test]
/// Every governed parameter accepts exactly its safe range: both ends in,
/// one step beyond either end out. Outside them one passed proposal could
/// brick the system (see SECURITY.md).
fun every_governed_parameter_accepts_exactly_its_safe_range() {
    let names = params::governed_names();
    let expected = expected_ranges();
    names.length().do!(|i| {
        let name = names[i];
        let (min, max) = params::range(&name);
        assert_eq!(vector[min, max], expected[i]);
        assert!(params::is_valid(&name, min));
        assert!(params::is_valid(&name, max));
        assert!(!params::is_valid(&name, max + 1));
        if (min > 0) assert!(!params::is_valid(&name, min - 1));
    });
    let p = params::default();
    names.do!(|name| assert!(params::is_valid(&name, p.value(&name))));
}

#[test, expected_failure(abort_code = params::EUnknownParameter)]
fun an_unknown_name_is_refused() {
    params::check(&b"n_shards".to_string(), 10);
}

#[test, expected_failure(abort_code = params::EUnknownParameter)]
fun reading_an_unknown_name_aborts() {
    params::default().value(&b"nope".to_string());
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun a_quorum_of_everyone_is_refused() {
    params::check(&b"quorum_bps".to_string(), 10_000);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun slashing_more_than_10_percent_is_refused() {
    params::check(&b"slash_bps".to_string(), 1_001);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun an_epoch_of_over_60_days_is_refused() {
    params::check(&b"epoch_duration_ms".to_string(), 60 * 24 * 3600 * 1000 + 1);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun a_zero_min_stake_is_refused() {
    params::check(&b"min_stake".to_string(), 0);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun a_committee_of_one_is_refused() {
    params::check(&b"max_committee_size".to_string(), 1);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun zero_shards_are_refused() {
    params::new(60_000, 0, 10, 1_000_000_000, 0, 0, 1_000_000_000, 1, 3_340, 5_000, 3_340);
}

#[test]
fun new_builds_exactly_the_given_values() {
    let p = params::new(60_001, 7, 13, 5_000_000, 1, 2, 9_000_000_000, 4, 1_011, 5_012, 1_013);
    assert_eq!(p.epoch_duration_ms(), 60_001);
    assert_eq!(p.n_shards(), 7);
    assert_eq!(p.max_committee_size(), 13);
    assert_eq!(p.min_stake(), 5_000_000);
    assert_eq!(p.burn_bps(), 1);
    assert_eq!(p.slash_bps(), 2);
    assert_eq!(p.min_proposal_deposit(), 9_000_000_000);
    assert_eq!(p.voting_epochs(), 4);
    assert_eq!(p.quorum_bps(), 1_011);
    assert_eq!(p.pass_bps(), 5_012);
    assert_eq!(p.veto_bps(), 1_013);
}
