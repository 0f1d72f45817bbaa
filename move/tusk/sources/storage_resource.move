/// `Storage`: the right to keep `size` bytes of encoded data on the committee
/// for the epochs [start_epoch, end_epoch). It is bought from the `System`
/// (`system::reserve_space`), held by a blob while the blob lives, and can be
/// split, fused and, once expired, destroyed (all through `system`, which
/// emits the events).
///
/// Invariants: `start_epoch < end_epoch` and `size > 0`; splitting and fusing
/// conserve bytes x epochs, so the capacity the `System` counted for a resource
/// is exactly what its pieces cover.
module tusk::storage_resource;

#[error]
const EInvalidSplitEpoch: vector<u8> =
    b"The split epoch must lie strictly inside the storage period (start < epoch < end)";

#[error]
const EInvalidSplitSize: vector<u8> =
    b"The split size must be more than 0 and less than the storage size";

#[error]
const EIncompatibleStorage: vector<u8> =
    b"Storage resources fuse only with the same period, or the same size and adjacent periods";

/// Reserved space: `size` encoded bytes for epochs [start_epoch, end_epoch).
public struct Storage has key, store {
    id: UID,
    start_epoch: u32,
    end_epoch: u32,
    size: u64,
}

/// First epoch covered (inclusive).
public fun start_epoch(self: &Storage): u32 {
    self.start_epoch
}

/// First epoch no longer covered (exclusive).
public fun end_epoch(self: &Storage): u32 {
    self.end_epoch
}

/// Encoded bytes covered.
public fun size(self: &Storage): u64 {
    self.size
}

/// Number of epochs covered: `end_epoch - start_epoch`.
public fun epochs(self: &Storage): u32 {
    self.end_epoch - self.start_epoch
}

/// Whether the storage covers `epoch`.
public fun covers(self: &Storage, epoch: u32): bool {
    self.start_epoch <= epoch && epoch < self.end_epoch
}

/// Whether the storage has ended by `epoch` (it covers no epoch from `epoch` on).
public fun is_expired_at(self: &Storage, epoch: u32): bool {
    self.end_epoch <= epoch
}

/// Whether `other` can be fused into `self` (see `fuse`).
public fun can_fuse(self: &Storage, other: &Storage): bool {
    let same_period = self.start_epoch == other.start_epoch && self.end_epoch == other.end_epoch;
    let adjacent = self.end_epoch == other.start_epoch || other.end_epoch == self.start_epoch;
    same_period || (self.size == other.size && adjacent)
}

/// A new resource; the caller (the `System`) has charged and counted it.
public(package) fun new(start_epoch: u32, end_epoch: u32, size: u64, ctx: &mut TxContext): Storage {
    Storage { id: object::new(ctx), start_epoch, end_epoch, size }
}

/// Cuts the period at `split_epoch`: `self` keeps [start, split_epoch) and the
/// returned resource gets [split_epoch, end), both with the same size.
public(package) fun split_by_epoch(self: &mut Storage, split_epoch: u32, ctx: &mut TxContext): Storage {
    assert!(self.start_epoch < split_epoch && split_epoch < self.end_epoch, EInvalidSplitEpoch);
    let end_epoch = self.end_epoch;
    self.end_epoch = split_epoch;
    new(split_epoch, end_epoch, self.size, ctx)
}

/// Cuts the size: the returned resource gets `size` bytes and `self` keeps the
/// rest, both over the same period.
public(package) fun split_by_size(self: &mut Storage, size: u64, ctx: &mut TxContext): Storage {
    assert!(size > 0 && size < self.size, EInvalidSplitSize);
    self.size = self.size - size;
    new(self.start_epoch, self.end_epoch, size, ctx)
}

/// Merges `other` into `self`: over the same period the sizes add up; with the
/// same size, adjacent periods (in either order) join into one.
public(package) fun fuse(self: &mut Storage, other: Storage) {
    assert!(self.can_fuse(&other), EIncompatibleStorage);
    let Storage { id, start_epoch, end_epoch, size } = other;
    id.delete();
    if (self.start_epoch == start_epoch && self.end_epoch == end_epoch) {
        self.size = self.size + size;
    } else if (self.end_epoch == start_epoch) {
        self.end_epoch = end_epoch;
    } else {
        self.start_epoch = start_epoch;
    }
}

/// Deletes the object; the caller (the `System`) checks it has expired.
public(package) fun destroy(self: Storage) {
    let Storage { id, .. } = self;
    id.delete();
}

/// A resource with any bounds, for tests that need one without buying it.
#[test_only]
public fun new_for_testing(start_epoch: u32, end_epoch: u32, size: u64, ctx: &mut TxContext): Storage {
    new(start_epoch, end_epoch, size, ctx)
}
