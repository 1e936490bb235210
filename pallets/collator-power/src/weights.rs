//! Weights for `pallet_collator_power`.
//!
//! Until the runtime exists and these are generated from the benchmarks with frame-omni-bencher,
//! the **database read/write counts are the honest worst cases** counted from the code (listed on
//! each function), and the execution times are conservative estimates. The runtime's
//! `scripts/benchmark.sh` replaces this file with measured values.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weight functions of `pallet_collator_power`.
pub trait WeightInfo {
	/// `create_miner`.
	fn create_miner() -> Weight;
	/// `delegate_power`, adding a new collator to a miner at `MaxDelegationsPerMiner - 1`.
	fn delegate_power() -> Weight;
	/// `undelegate_power`, removing a whole stake from a miner at `MaxDelegationsPerMiner`.
	fn undelegate_power() -> Weight;
	/// `remove_miner`.
	fn remove_miner() -> Weight;
	/// `update_miner_power` with an increase.
	fn update_miner_power_increase() -> Weight;
	/// `update_miner_power` with a decrease that scales `d` delegations, each to zero.
	fn update_miner_power_decrease(d: u32) -> Weight;
	/// `remove_collator` of a collator with `n` delegating miners.
	fn remove_collator(n: u32) -> Weight;
}

/// Weights for `pallet_collator_power` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: `MinerClaims`, `Balances::Holds`, `System::Account`.
	/// Writes: `MinerClaims`, `Balances::Holds`, `System::Account`.
	fn create_miner() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Reads: the candidate registry, `MinerClaims`, `CollatorDelegatorCount`, `CollatorPower`,
	/// `TotalDelegatedPower`.
	/// Writes: `MinerClaims`, `CollatorDelegators`, `CollatorDelegatorCount`, `CollatorPower`,
	/// `TotalDelegatedPower`.
	fn delegate_power() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Reads: `MinerClaims`, `CollatorDelegatorCount`, `CollatorPower`, `TotalDelegatedPower`.
	/// Writes: `MinerClaims`, `CollatorDelegators`, `CollatorDelegatorCount`, `CollatorPower`,
	/// `TotalDelegatedPower`.
	fn undelegate_power() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Reads: `MinerClaims`, `Balances::Holds`, `System::Account`.
	/// Writes: `MinerClaims`, `Balances::Holds`, `System::Account`.
	fn remove_miner() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Reads: `MinerClaims`, `TotalRawPower`.
	/// Writes: `MinerClaims`, `TotalRawPower`.
	fn update_miner_power_increase() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Reads: `MinerClaims`, `TotalRawPower`, `TotalDelegatedPower`, and per delegation
	/// `CollatorPower` and `CollatorDelegatorCount`.
	/// Writes: the same, plus per delegation `CollatorDelegators`.
	fn update_miner_power_decrease(d: u32) -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(Weight::from_parts(15_000_000, 2_600).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(d.into())))
	}
	/// Reads: `CollatorDelegatorCount`, `CollatorPower`, `TotalDelegatedPower`, and per delegator
	/// its `CollatorDelegators` entry and its `MinerClaims`.
	/// Writes: the same.
	fn remove_collator(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(20_000_000, 5_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
}

// For tests and backwards compatibility.
impl WeightInfo for () {
	fn create_miner() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn delegate_power() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn undelegate_power() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn remove_miner() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn update_miner_power_increase() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn update_miner_power_decrease(d: u32) -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(Weight::from_parts(15_000_000, 2_600).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(d.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(d.into())))
	}
	fn remove_collator(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(20_000_000, 5_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
}
