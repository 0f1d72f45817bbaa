/// The protocol parameters of Tusk's staking side, held inside `Staking`.
///
/// Every duration and count is a parameter so that tests and demo networks can
/// use small values. All but `n_shards` are *governed*: a passed parameter
/// proposal names one of them (by its field name, e.g. `b"burn_bps"`) and a
/// new value, which applies at the next epoch change. `n_shards` is fixed at
/// `init::initialize`, because shard indices are handed out once.
///
/// Every governed parameter has a safe range (`MIN_*`/`MAX_*` below, checked
/// by `check` when a proposal is created, by `set` when it applies, and by
/// `new` at initialization). One passed proposal must never be able to brick
/// the system: epochs that never end, windows that overflow `epoch +
/// voting_epochs`, a pass threshold or quorum nothing can reach, a veto any
/// single vote triggers, a committee so small one node can halt it, a slash
/// that wipes a pool out (and, compounded, overflows its share count), or a
/// minimum stake or deposit no one can pay. The ranges leave governance every
/// setting a working network needs; see `SECURITY.md`.
module tusk::params;

use std::string::String;

/// Basis points in one whole.
const BPS: u64 = 10_000;

// Defaults (see `default`).
const DEFAULT_EPOCH_DURATION_MS: u64 = 14 * 24 * 60 * 60 * 1000;
const DEFAULT_N_SHARDS: u16 = 1000;
const DEFAULT_MAX_COMMITTEE_SIZE: u16 = 100;
const DEFAULT_MIN_STAKE: u64 = 1_000_000_000;
const DEFAULT_BURN_BPS: u16 = 300;
const DEFAULT_SLASH_BPS: u16 = 100;
const DEFAULT_MIN_PROPOSAL_DEPOSIT: u64 = 1_000 * 1_000_000_000;
const DEFAULT_VOTING_EPOCHS: u32 = 2;
const DEFAULT_QUORUM_BPS: u16 = 3_340;
const DEFAULT_PASS_BPS: u16 = 5_000;
const DEFAULT_VETO_BPS: u16 = 3_340;

// Safe ranges of the governed parameters (inclusive).
const MIN_EPOCH_DURATION_MS: u64 = 60_000;
const MAX_EPOCH_DURATION_MS: u64 = 60 * 24 * 60 * 60 * 1000;
const MIN_COMMITTEE_SIZE: u64 = 10;
const MAX_COMMITTEE_SIZE: u64 = 200;
const MIN_MIN_STAKE: u64 = 1_000_000;
const MAX_MIN_STAKE: u64 = 1_000 * 1_000_000_000;
const MAX_BURN_BPS: u64 = 5_000;
const MAX_SLASH_BPS: u64 = 1_000;
const MIN_PROPOSAL_DEPOSIT_FLOOR: u64 = 1_000_000_000;
const MAX_PROPOSAL_DEPOSIT_CEILING: u64 = 10_000_000 * 1_000_000_000;
const MAX_VOTING_EPOCHS: u64 = 30;
const MIN_QUORUM_BPS: u64 = 1_000;
const MAX_QUORUM_BPS: u64 = 6_667;
const MIN_PASS_BPS: u64 = 5_000;
const MAX_PASS_BPS: u64 = 8_000;
const MIN_VETO_BPS: u64 = 1_000;
const MAX_VETO_BPS: u64 = 5_000;

#[error]
const EUnknownParameter: vector<u8> =
    b"No governed parameter has this name (see params::governed_names)";

#[error]
const EInvalidParameterValue: vector<u8> =
    b"Parameter value out of its safe range (see params::range)";

/// The staking side's parameters. Fields are named exactly as governance names them.
public struct Params has copy, drop, store {
    /// Length of an epoch in ms; `voting_end` may run from half of it.
    epoch_duration_ms: u64,
    /// Shards the committee holds (fixed at initialization).
    n_shards: u16,
    /// Most nodes in a committee.
    max_committee_size: u16,
    /// Smallest principal a `StakedWal` may hold (FROST), also after a split.
    min_stake: u64,
    /// Share of each epoch's fees burned at the epoch change (bps).
    burn_bps: u16,
    /// Share of a pool's active stake burned by a slash (bps, at most 1,000).
    slash_bps: u16,
    /// Smallest deposit that opens a proposal (FROST).
    min_proposal_deposit: u64,
    /// Epochs a proposal is open for votes.
    voting_epochs: u32,
    /// Votes needed, as bps of total active stake, for a proposal to count.
    quorum_bps: u16,
    /// Yes needed, as bps of yes + no + veto, to pass (strictly more than).
    pass_bps: u16,
    /// Veto needed, as bps of all votes, to veto (strictly more than).
    veto_bps: u16,
}

/// The defaults: 14-day epochs, 1000 shards, committees of at most 100 nodes,
/// 1 WAL minimum stake, 3% fee burn, 1% slash, 1000 WAL proposal deposit,
/// 2 voting epochs, quorum 33.4%, pass above 50%, veto above 33.4%.
public fun default(): Params {
    Params {
        epoch_duration_ms: DEFAULT_EPOCH_DURATION_MS,
        n_shards: DEFAULT_N_SHARDS,
        max_committee_size: DEFAULT_MAX_COMMITTEE_SIZE,
        min_stake: DEFAULT_MIN_STAKE,
        burn_bps: DEFAULT_BURN_BPS,
        slash_bps: DEFAULT_SLASH_BPS,
        min_proposal_deposit: DEFAULT_MIN_PROPOSAL_DEPOSIT,
        voting_epochs: DEFAULT_VOTING_EPOCHS,
        quorum_bps: DEFAULT_QUORUM_BPS,
        pass_bps: DEFAULT_PASS_BPS,
        veto_bps: DEFAULT_VETO_BPS,
    }
}

/// Builds a parameter set, checking every value as `set` does.
public fun new(
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
): Params {
    assert!(n_shards >= 1, EInvalidParameterValue);
    let mut params = default();
    params.n_shards = n_shards;
    params.set(b"epoch_duration_ms".to_string(), epoch_duration_ms);
    params.set(b"max_committee_size".to_string(), max_committee_size as u64);
    params.set(b"min_stake".to_string(), min_stake);
    params.set(b"burn_bps".to_string(), burn_bps as u64);
    params.set(b"slash_bps".to_string(), slash_bps as u64);
    params.set(b"min_proposal_deposit".to_string(), min_proposal_deposit);
    params.set(b"voting_epochs".to_string(), voting_epochs as u64);
    params.set(b"quorum_bps".to_string(), quorum_bps as u64);
    params.set(b"pass_bps".to_string(), pass_bps as u64);
    params.set(b"veto_bps".to_string(), veto_bps as u64);
    params
}

/// Names a proposal may change, in declaration order.
public fun governed_names(): vector<String> {
    vector[
        b"epoch_duration_ms".to_string(),
        b"max_committee_size".to_string(),
        b"min_stake".to_string(),
        b"burn_bps".to_string(),
        b"slash_bps".to_string(),
        b"min_proposal_deposit".to_string(),
        b"voting_epochs".to_string(),
        b"quorum_bps".to_string(),
        b"pass_bps".to_string(),
        b"veto_bps".to_string(),
    ]
}

/// The safe range `(min, max)`, inclusive, of governed parameter `name`.
public fun range(name: &String): (u64, u64) {
    let n = name.as_bytes();
    if (n == b"epoch_duration_ms") (MIN_EPOCH_DURATION_MS, MAX_EPOCH_DURATION_MS)
    else if (n == b"max_committee_size") (MIN_COMMITTEE_SIZE, MAX_COMMITTEE_SIZE)
    else if (n == b"min_stake") (MIN_MIN_STAKE, MAX_MIN_STAKE)
    else if (n == b"burn_bps") (0, MAX_BURN_BPS)
    else if (n == b"slash_bps") (0, MAX_SLASH_BPS)
    else if (n == b"min_proposal_deposit") (MIN_PROPOSAL_DEPOSIT_FLOOR, MAX_PROPOSAL_DEPOSIT_CEILING)
    else if (n == b"voting_epochs") (1, MAX_VOTING_EPOCHS)
    else if (n == b"quorum_bps") (MIN_QUORUM_BPS, MAX_QUORUM_BPS)
    else if (n == b"pass_bps") (MIN_PASS_BPS, MAX_PASS_BPS)
    else if (n == b"veto_bps") (MIN_VETO_BPS, MAX_VETO_BPS)
    else abort EUnknownParameter
}

/// Whether `value` is in the safe range of governed parameter `name`
/// (aborts `EUnknownParameter` for other names).
public fun is_valid(name: &String, value: u64): bool {
    let (min, max) = range(name);
    value >= min && value <= max
}

/// Aborts unless `name` is a governed parameter and `value` is in its safe range.
public fun check(name: &String, value: u64) {
    assert!(is_valid(name, value), EInvalidParameterValue);
}

/// Sets the governed parameter `name` to `value` (checked as `check` does).
public(package) fun set(self: &mut Params, name: String, value: u64) {
    check(&name, value);
    let n = name.as_bytes();
    if (n == b"epoch_duration_ms") self.epoch_duration_ms = value
    else if (n == b"max_committee_size") self.max_committee_size = value as u16
    else if (n == b"min_stake") self.min_stake = value
    else if (n == b"burn_bps") self.burn_bps = value as u16
    else if (n == b"slash_bps") self.slash_bps = value as u16
    else if (n == b"min_proposal_deposit") self.min_proposal_deposit = value
    else if (n == b"voting_epochs") self.voting_epochs = value as u32
    else if (n == b"quorum_bps") self.quorum_bps = value as u16
    else if (n == b"pass_bps") self.pass_bps = value as u16
    else self.veto_bps = value as u16;
}

/// The value of parameter `name` (governed ones and `n_shards`) as a u64.
public fun value(self: &Params, name: &String): u64 {
    let n = name.as_bytes();
    if (n == b"epoch_duration_ms") self.epoch_duration_ms
    else if (n == b"n_shards") self.n_shards as u64
    else if (n == b"max_committee_size") self.max_committee_size as u64
    else if (n == b"min_stake") self.min_stake
    else if (n == b"burn_bps") self.burn_bps as u64
    else if (n == b"slash_bps") self.slash_bps as u64
    else if (n == b"min_proposal_deposit") self.min_proposal_deposit
    else if (n == b"voting_epochs") self.voting_epochs as u64
    else if (n == b"quorum_bps") self.quorum_bps as u64
    else if (n == b"pass_bps") self.pass_bps as u64
    else if (n == b"veto_bps") self.veto_bps as u64
    else abort EUnknownParameter
}

/// Length of an epoch in ms.
public fun epoch_duration_ms(self: &Params): u64 { self.epoch_duration_ms }

/// Shards the committee holds.
public fun n_shards(self: &Params): u16 { self.n_shards }

/// Most nodes in a committee.
public fun max_committee_size(self: &Params): u16 { self.max_committee_size }

/// Smallest principal of a `StakedWal` (FROST).
public fun min_stake(self: &Params): u64 { self.min_stake }

/// Share of fees burned at each epoch change (bps).
public fun burn_bps(self: &Params): u16 { self.burn_bps }

/// Share of a pool's active stake burned by a slash (bps).
public fun slash_bps(self: &Params): u16 { self.slash_bps }

/// Smallest proposal deposit (FROST).
public fun min_proposal_deposit(self: &Params): u64 { self.min_proposal_deposit }

/// Epochs a proposal is open for votes.
public fun voting_epochs(self: &Params): u32 { self.voting_epochs }

/// Quorum, in bps of total active stake.
public fun quorum_bps(self: &Params): u16 { self.quorum_bps }

/// Pass threshold, in bps of yes + no + veto.
public fun pass_bps(self: &Params): u16 { self.pass_bps }

/// Veto threshold, in bps of all votes.
public fun veto_bps(self: &Params): u16 { self.veto_bps }

/// Basis points in one whole (10,000).
public fun bps_denominator(): u64 { BPS }

/// `amount * bps / 10,000`, rounded down.
public fun bps_of(amount: u64, bps: u16): u64 {
    ((amount as u128) * (bps as u128) / (BPS as u128)) as u64
}
