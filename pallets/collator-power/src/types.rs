//! The data structures of the collator-power pallet.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{BalanceOf, Config};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::BoundedBTreeMap, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::traits::{Saturating, Zero};

/// What a miner has proven, and to which collators it delegated it.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct MinerClaim<T: Config> {
	/// How much storage power the miner has proven, in bytes.
	pub raw_bytes_power: T::StoragePower,
	/// The power delegated to each collator. Every stake is non-zero, and their sum never exceeds
	/// `raw_bytes_power`.
	pub staked_power: BoundedBTreeMap<T::CollatorId, T::StoragePower, T::MaxDelegationsPerMiner>,
	/// The deposit held from the miner while it exists; released in full by `remove_miner`.
	pub deposit: BalanceOf<T>,
}

impl<T: Config> MinerClaim<T> {
	/// A new miner with no power and no delegations.
	pub fn new(deposit: BalanceOf<T>) -> Self {
		Self { raw_bytes_power: Zero::zero(), staked_power: Default::default(), deposit }
	}

	/// The sum of the miner's delegations. Bounded by `MaxDelegationsPerMiner` terms.
	pub fn delegated_power(&self) -> T::StoragePower {
		self.staked_power
			.values()
			.fold(Zero::zero(), |acc: T::StoragePower, stake| acc.saturating_add(*stake))
	}

	/// The power the miner may still delegate.
	pub fn undelegated_power(&self) -> T::StoragePower {
		self.raw_bytes_power.saturating_sub(self.delegated_power())
	}
}
