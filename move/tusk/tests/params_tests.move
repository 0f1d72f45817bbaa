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
        p.set(name, 7);
        assert_eq!(p.value(&name), 7);
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

#[test]
fun values_exactly_at_their_limits_are_accepted() {
    params::check(&b"burn_bps".to_string(), 10_000);
    params::check(&b"slash_bps".to_string(), 9_999);
    params::check(&b"epoch_duration_ms".to_string(), 2);
    params::check(&b"min_stake".to_string(), 1);
    params::check(&b"voting_epochs".to_string(), 1);
    params::check(&b"max_committee_size".to_string(), 65_535);
    params::check(&b"min_proposal_deposit".to_string(), 0);
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
fun bps_above_10000_is_refused() {
    params::check(&b"quorum_bps".to_string(), 10_001);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun slashing_everything_is_refused() {
    params::check(&b"slash_bps".to_string(), 10_000);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun a_one_ms_epoch_is_refused() {
    params::check(&b"epoch_duration_ms".to_string(), 1);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun a_zero_min_stake_is_refused() {
    params::check(&b"min_stake".to_string(), 0);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun a_committee_size_beyond_u16_is_refused() {
    params::check(&b"max_committee_size".to_string(), 65_536);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun zero_shards_are_refused() {
    params::new(1_000, 0, 10, 1, 0, 0, 0, 1, 0, 0, 0);
}

#[test]
fun new_builds_exactly_the_given_values() {
    let p = params::new(10, 7, 3, 5, 1, 2, 9, 4, 11, 12, 13);
    assert_eq!(p.epoch_duration_ms(), 10);
    assert_eq!(p.n_shards(), 7);
    assert_eq!(p.max_committee_size(), 3);
    assert_eq!(p.min_stake(), 5);
    assert_eq!(p.burn_bps(), 1);
    assert_eq!(p.slash_bps(), 2);
    assert_eq!(p.min_proposal_deposit(), 9);
    assert_eq!(p.voting_epochs(), 4);
    assert_eq!(p.quorum_bps(), 11);
    assert_eq!(p.pass_bps(), 12);
    assert_eq!(p.veto_bps(), 13);
}
