//! Weights for `pallet_collator_power`, generated with frame-omni-bencher (frame-benchmarking-cli
//! 64.0.0) on 2026-12-03 against the `power-runtime` wasm by `scripts/benchmark.sh`.
//! Do not edit by hand: run the script again.
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
	/// `delegate_power_displacing`.
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
	/// `return_delegations`.
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	fn create_miner() -> Weight {
		Weight::from_parts(68_042_000, 4314)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:0)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::RemovedCollators` (r:1 w:0)
	/// Proof: `CollatorPower::RemovedCollators` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:1 w:1)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:1 w:1)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalDelegatedPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalDelegatedPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegators` (r:0 w:1)
	/// Proof: `CollatorPower::CollatorDelegators` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	fn delegate_power() -> Weight {
		Weight::from_parts(110_024_000, 4314)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:0)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::RemovedCollators` (r:1 w:0)
	/// Proof: `CollatorPower::RemovedCollators` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::MinerClaims` (r:2 w:2)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegators` (r:257 w:2)
	/// Proof: `CollatorPower::CollatorDelegators` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `Measured`)
	/// Storage: `CollatorPower::CollatorPower` (r:1 w:1)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalDelegatedPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalDelegatedPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn delegate_power_displacing() -> Weight {
		Weight::from_parts(1_696_831_000, 657182)
			.saturating_add(T::DbWeight::get().reads(264_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
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
	/// Proof: `CollatorPower::CollatorDelegators` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	fn undelegate_power() -> Weight {
		Weight::from_parts(79_128_000, 4314)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:0)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	fn remove_miner() -> Weight {
		Weight::from_parts(52_368_000, 4314)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalRawPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalRawPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn update_miner_power_increase() -> Weight {
		Weight::from_parts(11_096_000, 4314)
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
	/// Proof: `CollatorPower::CollatorDelegators` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// The range of component `d` is `[0, 16]`.
	fn update_miner_power_decrease(d: u32) -> Weight {
		Weight::from_parts(25_268_894, 4314)
			.saturating_add(Weight::from_parts(13_592_555, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(d.into())))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(d.into()))
	}
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:1 w:1)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::RemovedCollators` (r:0 w:1)
	/// Proof: `CollatorPower::RemovedCollators` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	fn remove_collator() -> Weight {
		Weight::from_parts(47_881_000, 3529)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `CollatorPower::RemovedCollators` (r:2 w:1)
	/// Proof: `CollatorPower::RemovedCollators` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegators` (r:257 w:256)
	/// Proof: `CollatorPower::CollatorDelegators` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:1 w:1)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::MinerClaims` (r:256 w:256)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalDelegatedPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalDelegatedPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[0, 256]`.
	fn return_delegations(n: u32) -> Weight {
		Weight::from_parts(45_478_000, 6036)
			.saturating_add(Weight::from_parts(130_250_049, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3324).saturating_mul(n.into()))
	}
}

// For tests: the same numbers with the RocksDB weights.
impl WeightInfo for () {
	fn create_miner() -> Weight {
		Weight::from_parts(68_042_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn delegate_power() -> Weight {
		Weight::from_parts(110_024_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn delegate_power_displacing() -> Weight {
		Weight::from_parts(1_696_831_000, 657182)
			.saturating_add(RocksDbWeight::get().reads(264_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn undelegate_power() -> Weight {
		Weight::from_parts(79_128_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn remove_miner() -> Weight {
		Weight::from_parts(52_368_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn update_miner_power_increase() -> Weight {
		Weight::from_parts(11_096_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn update_miner_power_decrease(d: u32) -> Weight {
		Weight::from_parts(25_268_894, 4314)
			.saturating_add(Weight::from_parts(13_592_555, 0).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(d.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(d.into())))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(d.into()))
	}
	fn remove_collator() -> Weight {
		Weight::from_parts(47_881_000, 3529)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn return_delegations(n: u32) -> Weight {
		Weight::from_parts(45_478_000, 6036)
			.saturating_add(Weight::from_parts(130_250_049, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3324).saturating_mul(n.into()))
	}
}
