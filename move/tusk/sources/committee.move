/// The committee: which nodes hold which of the `n_shards` shards in an epoch,
/// and the pure functions that choose it at `voting_end`.
///
/// Selection (bit for bit as `shared/src/staking/committee.ts`):
/// 1. `select`: candidates with stake > 0, sorted by stake descending (ties:
///    earlier registered first), at most `max_size` of them;
/// 2. `apportion`: D'Hondt over their stakes (each shard in turn goes to the
///    member with the highest stake / (shards + 1); ties to the earlier
///    member), each member bounded by `bound_i = min(cap, p_i)` where `cap` =
///    `shard_cap` = max(n_shards * 10%, ceil(n_shards / members)) and `p_i` =
///    floor(2 * n_shards * stake_i / total) its proportional bound. The cap
///    spreads shards over members, but only to members with the stake for
///    them: without `p_i`, members capped at 10% handed their excess to
///    members staking next to nothing (seven 1-WAL nodes beside three honest
///    ones got 70 of 100 shards). If the bounds cannot hold all shards, the
///    cap gives way (`bound_i = p_i`), and if even those cannot, the bounds
///    go. So a member never holds more than max(cap, p_i) shards unless stake
///    is so spread out that nothing else fits, and an owner of a fraction X of
///    the members' stake holds at most 2 * X * n_shards shards (plus its share
///    of the cap's spreading among members of real stake);
/// 3. `assign`: members with 0 shards are dropped; each member keeps its
///    lowest previous shard indices up to its new count; the indices left
///    over go, ascending, to members needing more, in committee order. Each
///    member's indices are kept sorted ascending.
///
/// Invariant: a non-empty committee holds every shard index in [0, n_shards)
/// exactly once.
module tusk::committee;

/// Most shards one member may hold, in bps of all shards (10%).
const MAX_SHARDS_PER_NODE_BPS: u64 = 1_000;

/// Members and their shard indices, in committee order.
public struct Committee has copy, drop, store {
    node_ids: vector<ID>,
    shards: vector<vector<u16>>,
}

/// A committee without members (before the first selection).
public fun empty(): Committee {
    Committee { node_ids: vector[], shards: vector[] }
}

/// Member node IDs, in committee order.
public fun node_ids(self: &Committee): vector<ID> { self.node_ids }

/// Shard indices of each member, in committee order.
public fun shards(self: &Committee): vector<vector<u16>> { self.shards }

/// Number of shards of each member, in committee order.
public fun shard_counts(self: &Committee): vector<u16> {
    self.shards.map_ref!(|indices| indices.length() as u16)
}

/// Number of members.
public fun size(self: &Committee): u64 { self.node_ids.length() }

/// Position of `node_id` in the committee, if it is a member.
public fun index_of(self: &Committee, node_id: ID): Option<u64> {
    self.node_ids.find_index!(|id| *id == node_id)
}

/// Whether `node_id` is a member.
public fun contains(self: &Committee, node_id: ID): bool {
    self.index_of(node_id).is_some()
}

/// Shard count of `node_id` (0 when not a member).
public fun shards_of(self: &Committee, node_id: ID): u64 {
    let index = self.index_of(node_id);
    if (index.is_some()) self.shards[index.destroy_some()].length() else 0
}

/// Shard indices of `node_id` (empty when not a member).
public fun shard_indices_of(self: &Committee, node_id: ID): vector<u16> {
    let index = self.index_of(node_id);
    if (index.is_some()) self.shards[index.destroy_some()] else vector[]
}

/// Whether `weight` shards reach a 2/3 quorum of `n_shards`: 3 * weight >= 2 * n_shards.
public fun is_quorum(weight: u64, n_shards: u64): bool {
    3 * (weight as u128) >= 2 * (n_shards as u128)
}

/// Indices into `stakes` of the next committee's members: stake > 0, stake
/// descending, ties by lower index (earlier registered), at most `max_size`.
public fun select(stakes: &vector<u64>, max_size: u64): vector<u64> {
    let mut order: vector<u64> = vector[];
    stakes.length().do!(|i| {
        if (stakes[i] > 0) {
            // Insertion: after every member with at least this stake (stable).
            let mut at = order.length();
            while (at > 0 && stakes[order[at - 1]] < stakes[i]) at = at - 1;
            order.insert(i, at);
        }
    });
    while (order.length() > max_size) { order.pop_back(); };
    order
}

/// Most shards one of `members` members may hold: 10% of `n_shards`, or
/// ceil(n_shards / members) if that is more (0 without members).
public fun shard_cap(n_shards: u64, members: u64): u64 {
    if (members == 0) return 0;
    let cap = n_shards * MAX_SHARDS_PER_NODE_BPS / 10_000;
    cap.max(n_shards.divide_and_round_up(members))
}

/// D'Hondt apportionment of `n_shards` over `stakes`, each member within its
/// bound (see the module doc: at most `cap`, and at most twice its
/// proportional share, rounded down); ties go to the earlier member. If every
/// stake is 0 they count equally.
public fun apportion(stakes: &vector<u64>, n_shards: u64, cap: u64): vector<u64> {
    let len = stakes.length();
    let mut shards = vector::tabulate!(len, |_| 0u64);
    if (len == 0) return shards;
    let all_zero = stakes.all!(|stake| *stake == 0);
    let weights = stakes.map_ref!(|stake| if (all_zero) 1u128 else (*stake as u128));
    let mut total: u128 = 0;
    weights.do_ref!(|w| total = total + *w);
    let bounds = shard_bounds(stakes, n_shards, cap);
    // Shortcut, same result: D'Hondt gives every member at least its lower
    // quota floor(n_shards * stake / total) (bounded; bounding others only
    // adds shards), so those are handed out at once and only the rest one by one.
    let mut assigned = 0;
    len.do!(|i| {
        let quota = (((n_shards as u128) * weights[i] / total) as u64).min(bounds[i]);
        *&mut shards[i] = quota;
        assigned = assigned + quota;
    });
    while (assigned < n_shards) {
        let mut best = len;
        len.do!(|i| {
            if (shards[i] < bounds[i] && weights[i] > 0) {
                if (
                    best == len
                        || weights[i] * ((shards[best] + 1) as u128)
                            > weights[best] * ((shards[i] + 1) as u128)
                ) best = i;
            }
        });
        if (best == len) break;
        *&mut shards[best] = shards[best] + 1;
        assigned = assigned + 1;
    };
    shards
}

/// The committee of `node_ids` with `counts` shards each (members with 0 are
/// dropped), keeping shard indices of `previous` where possible (see module doc).
public fun assign(previous: &Committee, node_ids: vector<ID>, counts: vector<u64>, n_shards: u64): Committee {
    let mut members = vector[];
    let mut wanted = vector[];
    node_ids.length().do!(|i| {
        if (counts[i] > 0) {
            members.push_back(node_ids[i]);
            wanted.push_back(counts[i]);
        }
    });
    let mut taken = vector::tabulate!(n_shards, |_| false);
    // Keep the lowest previous indices, up to the new count.
    let mut shards: vector<vector<u16>> = vector[];
    members.length().do!(|i| {
        let old = previous.shard_indices_of(members[i]);
        let keep = old.length().min(wanted[i]);
        let mut kept = vector[];
        keep.do!(|k| {
            let index = old[k];
            *&mut taken[index as u64] = true;
            kept.push_back(index);
        });
        shards.push_back(kept);
    });
    // Hand out the free indices, ascending, in committee order.
    let mut next = 0;
    members.length().do!(|i| {
        let need = wanted[i] - shards[i].length();
        let mut added = vector[];
        need.do!(|_| {
            while (taken[next]) next = next + 1;
            added.push_back(next as u16);
            next = next + 1;
        });
        let merged = merge_sorted(&shards[i], &added);
        *&mut shards[i] = merged;
    });
    Committee { node_ids: members, shards }
}

/// The stake-weighted quantile of `values`: sorted ascending (or descending),
/// the first value at which the accumulated weight reaches 2/3 of the total
/// (3 * accumulated >= 2 * total). Votes with weight 0 are ignored; none if no
/// vote has weight. Used for prices (ascending: 2/3 of the stake voted this
/// price or less) and capacity (descending: 2/3 of the stake offers at least this).
public fun two_thirds_quantile(values: &vector<u64>, weights: &vector<u64>, ascending: bool): Option<u64> {
    // Sort the indices of weighted votes by value (stable).
    let mut order: vector<u64> = vector[];
    let mut total: u128 = 0;
    values.length().do!(|i| {
        if (weights[i] > 0) {
            total = total + (weights[i] as u128);
            let mut at = order.length();
            while (
                at > 0 && (
                    if (ascending) values[order[at - 1]] > values[i]
                    else values[order[at - 1]] < values[i]
                )
            ) at = at - 1;
            order.insert(i, at);
        }
    });
    if (total == 0) return option::none();
    let mut accumulated: u128 = 0;
    let mut k = 0;
    while (k < order.length()) {
        accumulated = accumulated + (weights[order[k]] as u128);
        if (3 * accumulated >= 2 * total) return option::some(values[order[k]]);
        k = k + 1;
    };
    option::some(values[order[order.length() - 1]])
}

/// Each member's most shards (see the module doc): `min(cap, p_i)` with `p_i`
/// = floor(2 * n_shards * stake_i / total); if those cannot hold `n_shards`,
/// `p_i`; if even those cannot, `n_shards`. All-zero stakes count equally.
public fun shard_bounds(stakes: &vector<u64>, n_shards: u64, cap: u64): vector<u64> {
    let len = stakes.length();
    let all_zero = stakes.all!(|stake| *stake == 0);
    let weights = stakes.map_ref!(|stake| if (all_zero) 1u128 else (*stake as u128));
    let mut total: u128 = 0;
    weights.do_ref!(|w| total = total + *w);
    if (total == 0) return vector[];
    let proportional = weights.map_ref!(|w| ((2 * (n_shards as u128) * *w / total) as u64));
    let capped = proportional.map_ref!(|p| (*p).min(cap));
    if (sum(&capped) >= n_shards) return capped;
    if (sum(&proportional) >= n_shards) return proportional;
    vector::tabulate!(len, |_| n_shards)
}

fun sum(values: &vector<u64>): u64 {
    let mut total = 0;
    values.do_ref!(|v| total = total + *v);
    total
}

/// Builds a committee directly (package only; tests use `new_for_testing`).
public(package) fun new(node_ids: vector<ID>, shards: vector<vector<u16>>): Committee {
    Committee { node_ids, shards }
}

#[test_only]
/// A committee with the given members and shard indices.
public fun new_for_testing(node_ids: vector<ID>, shards: vector<vector<u16>>): Committee {
    new(node_ids, shards)
}

fun merge_sorted(a: &vector<u16>, b: &vector<u16>): vector<u16> {
    let mut out = vector[];
    let (mut i, mut j) = (0, 0);
    while (i < a.length() || j < b.length()) {
        if (j >= b.length() || (i < a.length() && a[i] <= b[j])) {
            out.push_back(a[i]);
            i = i + 1;
        } else {
            out.push_back(b[j]);
            j = j + 1;
        }
    };
    out
}
