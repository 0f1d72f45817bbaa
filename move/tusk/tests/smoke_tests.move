#[test_only]
module tusk::smoke_tests;
use sui::event;
use tusk::events;
#[test] fun world_runs_epochs() {
    let mut w = tusk::world::new();
    w.register_nodes(4);
    let s = w.stake(@0xB0B, 0, 10_000_000_000);
    w.advance_epoch();
    w = w.next_tx();
    w.add_fees(1_000_000);
    w.advance_epoch();
    assert!(event::events_by_type<events::PoolAdvanced>().length() == 4);
    std::unit_test::destroy(s);
    w.end();
}
