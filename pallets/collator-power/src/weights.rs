//! Weights for `pallet_collator_power`, generated with frame-omni-bencher (frame-benchmarking-cli
//! 64.0.0) on 2026-11-21 against the `power-runtime` wasm by `scripts/benchmark.sh`.
//! Do not edit by hand: run the script again.
//!
//! NOT YET REGENERATED after the issue-12 changes: `delegate_power` and `undelegate_power`
//! (one more read, `RemovedCollators`), `delegate_power_displacing`, `remove_collator` (now
//! O(1)) and `return_delegations` are hand-written estimates with honest read/write counts
//! until `scripts/benchmark.sh` runs again.
//!
//! Steps: 50, repeat: 20, on `AMD EPYC`. The DB read/write counts
//! are measured; the execution times (the first number of each `Weight::from_parts`) are for that
//! machine; the second number is the proof size in bytes, from the storage items' max encoded lengths.

#![allow(unused_parens, unused_imports, missing_docs)]
#![allow(clippy::unnecessary_cast)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weight functions of `pallet_collator_power`.
pub trait WeightInfo {
	/// `create_miner`.
	fn create_miner() -> Weight;
	/// `delegate_power`.
	fn delegate_power() -> Weight;
	/// `delegate_power` on a full collator, displacing its smallest stake.
	fn delegate_power_displacing() -> Weight;
	/// `undelegate_power`.
	fn undelegate_power() -> Weight;
	/// `remove_miner`.
	fn remove_miner() -> Weight;
	/// `update_miner_power_increase`.
	fn update_miner_power_increase() -> Weight;
	/// `update_miner_power_decrease`.
	fn update_miner_power_decrease(d: u32) -> Weight;
	/// `remove_collator`.
	fn remove_collator() -> Weight;
	/// `return_delegations`: returning `n` delegations of a removed collator, then clearing it.
	fn return_delegations(n: u32) -> Weight;
}

/// Weights for `pallet_collator_power` measured on the `power-runtime`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn create_miner() -> Weight {
		Weight::from_parts(57_546_000, 4314)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:0)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:1 w:1)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalDelegatedPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalDelegatedPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:1 w:1)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegators` (r:0 w:1)
	/// Proof: `CollatorPower::CollatorDelegators` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	fn delegate_power() -> Weight {
		Weight::from_parts(62_983_000, 4314)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Estimate: `delegate_power`, plus the reverse-index prefix of a full collator
	/// (`MaxDelegatorsPerCollator` entries, measured proof) and the displaced miner's claim.
	fn delegate_power_displacing() -> Weight {
		Weight::from_parts(830_000_000, 40_000)
			.saturating_add(T::DbWeight::get().reads(264_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:1 w:1)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:1 w:1)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalDelegatedPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalDelegatedPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegators` (r:0 w:1)
	/// Proof: `CollatorPower::CollatorDelegators` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	fn undelegate_power() -> Weight {
		Weight::from_parts(53_559_000, 4314)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Placeholder until `scripts/benchmark.sh` runs: one more read for `MinerInUse` (the
	/// runtime's `StorageProvider::StorageProviders`).
	fn remove_miner() -> Weight {
		Weight::from_parts(51_506_000, 4314)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalRawPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalRawPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn update_miner_power_increase() -> Weight {
		Weight::from_parts(12_568_000, 4314)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:16 w:16)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:16 w:16)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalRawPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalRawPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalDelegatedPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalDelegatedPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegators` (r:0 w:16)
	/// Proof: `CollatorPower::CollatorDelegators` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// The range of component `d` is `[0, 16]`.
	fn update_miner_power_decrease(d: u32) -> Weight {
		Weight::from_parts(16_820_357, 4314)
			.saturating_add(Weight::from_parts(13_040_582, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(d.into())))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(d.into()))
	}
	/// Estimate. Storage: `CollatorPower::CollatorDelegatorCount` (r:1 w:0),
	/// `CollatorPower::CollatorPower` (r:1 w:1), `CollatorPower::RemovedCollators` (r:0 w:1).
	fn remove_collator() -> Weight {
		Weight::from_parts(16_000_000, 3561)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Estimate, from the old eager `remove_collator(n)`. Per delegation:
	/// `CollatorPower::CollatorDelegators` (r:1 w:1), `CollatorPower::CollatorDelegatorCount`
	/// (r:1 w:1), `CollatorPower::MinerClaims` (r:1 w:1), `CollatorPower::TotalDelegatedPower`
	/// (r:0 w:1, read once). Once: `CollatorPower::RemovedCollators` (r:1 w:1), the empty prefix
	/// (r:1), the count (w:1).
	fn return_delegations(n: u32) -> Weight {
		Weight::from_parts(16_000_000, 6000)
			.saturating_add(Weight::from_parts(12_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 8422).saturating_mul(n.into()))
	}
}

// For tests: the same numbers with the RocksDB weights.
impl WeightInfo for () {
	fn create_miner() -> Weight {
		Weight::from_parts(57_546_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn delegate_power() -> Weight {
		Weight::from_parts(62_983_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn delegate_power_displacing() -> Weight {
		Weight::from_parts(830_000_000, 40_000)
			.saturating_add(RocksDbWeight::get().reads(264_u64))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
	}
	fn undelegate_power() -> Weight {
		Weight::from_parts(53_559_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn remove_miner() -> Weight {
		Weight::from_parts(51_506_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn update_miner_power_increase() -> Weight {
		Weight::from_parts(12_568_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn update_miner_power_decrease(d: u32) -> Weight {
		Weight::from_parts(16_820_357, 4314)
			.saturating_add(Weight::from_parts(13_040_582, 0).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(d.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(d.into())))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(d.into()))
	}
	fn remove_collator() -> Weight {
		Weight::from_parts(16_000_000, 3561)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn return_delegations(n: u32) -> Weight {
		Weight::from_parts(16_000_000, 6000)
			.saturating_add(Weight::from_parts(12_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 8422).saturating_mul(n.into()))
	}
}
