//! # Power primitives
//!
//! Shared types and pure logic of the storage-power suite. Nothing here touches storage: every
//! function is a plain function over its arguments, unit-tested on its own, so the pallets stay
//! thin shells around it.
//!
//! - [`StoragePower`] and [`PowerDelta`]: the unit of storage power and a change to it.
//! - [`power`]: proportional scaling of delegations when a miner's power is cut.
//! - [`selection`]: the weighted random draw without replacement that picks collators.
//! - [`proofs`]: Merkle commitments, challenges and inclusion proofs for proofs of storage.
//! - [`porep`]: sealing (a Stacked-DRG proof of replication) and its column-opening verifier.
//! - [`periodic`]: nectar accrual and pay retargeting for periodic tasks.
//! - [`fee`]: the 32-bit PayAfter fee entries and fee policies.
//! - [`hashing`]: the hashes the proofs use, through the host in a runtime (`host-hashing`).

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

pub mod fee;
pub mod hashing;
pub mod periodic;
pub mod porep;
pub mod power;
pub mod proofs;
pub mod selection;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Storage power: bytes of raw storage a miner has proven.
pub type StoragePower = u128;

/// A change to a miner's storage power, as the storage-provider pallet reports it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum PowerDelta<P> {
	/// The miner proved more storage: its raw power grows by this much.
	Increase(P),
	/// The miner lost storage (a fault, a termination, an expiry): its raw power shrinks by this
	/// much, and every delegation it made shrinks in proportion.
	Decrease(P),
}
