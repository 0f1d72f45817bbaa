//! Empty: this crate only exists to pin `moverox-sui` (see Cargo.toml).
