/// Amounts keyed by epoch (`VecMap<u32, u64>`): what pools and `staking`
/// schedule for coming epochs. An epoch's entry exists only while its amount
/// is not 0.
module tusk::epoch_amounts;

use sui::vec_map::VecMap;

/// Adds `amount` to `epoch`'s entry.
public fun add(map: &mut VecMap<u32, u64>, epoch: u32, amount: u64) {
    if (amount == 0) return;
    if (map.contains(&epoch)) {
        let value = map.get_mut(&epoch);
        *value = *value + amount;
    } else {
        map.insert(epoch, amount);
    }
}

/// Subtracts `amount` from `epoch`'s entry, which must hold at least that.
public fun sub(map: &mut VecMap<u32, u64>, epoch: u32, amount: u64) {
    if (amount == 0) return;
    let value = map.get_mut(&epoch);
    *value = *value - amount;
    if (*value == 0) {
        map.remove(&epoch);
    }
}

/// Removes `epoch`'s entry and returns its amount (0 without one).
public fun take(map: &mut VecMap<u32, u64>, epoch: u32): u64 {
    if (map.contains(&epoch)) {
        let (_, value) = map.remove(&epoch);
        value
    } else 0
}

/// `epoch`'s amount (0 without an entry).
public fun get(map: &VecMap<u32, u64>, epoch: u32): u64 {
    if (map.contains(&epoch)) *map.get(&epoch) else 0
}

/// The sum over all epochs.
public fun sum(map: &VecMap<u32, u64>): u64 {
    let mut total = 0;
    map.keys().do!(|epoch| total = total + *map.get(&epoch));
    total
}
