/// `StakedWal`: a delegator's stake in one node's pool, as an owned object.
///
/// It records the principal (FROST staked; changed only by split and join),
/// the epoch from which it is active, and whether a withdrawal was requested
/// (then from which epoch it can be withdrawn). Its shares are not stored:
/// they are `principal` converted at the pool's rate of `activation_epoch`
/// (rounded down), so a split or join never needs the pool's help.
///
/// `changed_epoch` is the epoch the object last got its principal (created,
/// split or joined). It may vote only on proposals opened in a later epoch, so
/// the same WAL cannot vote twice by moving between objects (see `governance`).
///
/// Only `staking` creates, changes or destroys a `StakedWal`; every change
/// there emits one event.
module tusk::staked_wal;

/// Whether the stake is staked, or leaving the pool from `withdraw_epoch`.
public enum StakedWalState has copy, drop, store {
    Staked,
    Withdrawing { withdraw_epoch: u32 },
}

/// A stake of `principal` FROST in the pool of node `node_id`.
public struct StakedWal has key, store {
    id: UID,
    state: StakedWalState,
    node_id: ID,
    principal: u64,
    activation_epoch: u32,
    changed_epoch: u32,
}

/// A new stake (package only: `staking::stake_with_pool` creates them).
public(package) fun mint(
    node_id: ID,
    principal: u64,
    activation_epoch: u32,
    epoch: u32,
    ctx: &mut TxContext,
): StakedWal {
    StakedWal {
        id: object::new(ctx),
        state: StakedWalState::Staked,
        node_id,
        principal,
        activation_epoch,
        changed_epoch: epoch,
    }
}

/// Marks the stake as withdrawing from `withdraw_epoch`.
public(package) fun set_withdrawing(self: &mut StakedWal, withdraw_epoch: u32) {
    self.state = StakedWalState::Withdrawing { withdraw_epoch };
}

/// Moves `amount` of principal into a new `StakedWal` in the same state;
/// both are marked as changed at `epoch`.
public(package) fun split(
    self: &mut StakedWal,
    amount: u64,
    epoch: u32,
    ctx: &mut TxContext,
): StakedWal {
    self.principal = self.principal - amount;
    self.changed_epoch = epoch;
    StakedWal {
        id: object::new(ctx),
        state: self.state,
        node_id: self.node_id,
        principal: amount,
        activation_epoch: self.activation_epoch,
        changed_epoch: epoch,
    }
}

/// Adds `other`'s principal to `self` and destroys `other`; `self` is marked
/// as changed at `epoch`. The caller checks that they are compatible.
public(package) fun join(self: &mut StakedWal, other: StakedWal, epoch: u32) {
    let StakedWal { id, principal, .. } = other;
    id.delete();
    self.principal = self.principal + principal;
    self.changed_epoch = epoch;
}

/// Destroys the object (its WAL has been paid out).
public(package) fun burn(self: StakedWal) {
    let StakedWal { id, .. } = self;
    id.delete();
}

/// The node whose pool holds this stake.
public fun node_id(self: &StakedWal): ID { self.node_id }

/// FROST staked.
public fun principal(self: &StakedWal): u64 { self.principal }

/// First epoch in which the stake is active (earns rewards, counts for votes).
public fun activation_epoch(self: &StakedWal): u32 { self.activation_epoch }

/// Epoch the object last got its principal (created, split or joined).
public fun changed_epoch(self: &StakedWal): u32 { self.changed_epoch }

/// Staked or withdrawing.
public fun state(self: &StakedWal): StakedWalState { self.state }

/// Whether a withdrawal was requested.
public fun is_withdrawing(self: &StakedWal): bool {
    match (&self.state) {
        StakedWalState::Withdrawing { .. } => true,
        StakedWalState::Staked => false,
    }
}

/// The epoch from which it can be withdrawn, if a withdrawal was requested.
public fun withdraw_epoch(self: &StakedWal): Option<u32> {
    match (&self.state) {
        StakedWalState::Withdrawing { withdraw_epoch } => option::some(*withdraw_epoch),
        StakedWalState::Staked => option::none(),
    }
}

/// Whether `self` and `other` may be joined: same node, same activation
/// epoch, and neither withdrawing. Withdrawing stakes are never joined: the
/// pool set aside each one's own shares (rounded down), and the shares of a
/// joined principal can be one more than the sum of its parts, which would
/// claim WAL the pool did not set aside.
public fun is_compatible(self: &StakedWal, other: &StakedWal): bool {
    self.node_id == other.node_id
        && self.activation_epoch == other.activation_epoch
        && !self.is_withdrawing()
        && !other.is_withdrawing()
}
