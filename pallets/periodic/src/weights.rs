//! Weights for `pallet_periodic`, generated with frame-omni-bencher (frame-benchmarking-cli
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

/// The weight functions of `pallet_periodic`.
pub trait WeightInfo {
	/// `register_task`.
	fn register_task(l: u32) -> Weight;
	/// `add_nectar`.
	fn add_nectar() -> Weight;
	/// `dispatch`.
	fn dispatch(l: u32) -> Weight;
	/// `cancel_task`.
	fn cancel_task() -> Weight;
	/// `set_task_params`.
	fn set_task_params() -> Weight;
}

/// Weights for `pallet_periodic` measured on the `power-runtime`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Periodic::NextTaskId` (r:1 w:1)
	/// Proof: `Periodic::NextTaskId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `Periodic::Tasks` (r:0 w:1)
	/// Proof: `Periodic::Tasks` (`max_values`: None, `max_size`: Some(1174), added: 3649, mode: `MaxEncodedLen`)
	/// The range of component `l` is `[0, 1018]`.
	fn register_task(l: u32) -> Weight {
		Weight::from_parts(78_864_360, 6196)
			.saturating_add(Weight::from_parts(604, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Periodic::Tasks` (r:1 w:0)
	/// Proof: `Periodic::Tasks` (`max_values`: None, `max_size`: Some(1174), added: 3649, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn add_nectar() -> Weight {
		Weight::from_parts(43_064_000, 6196)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Periodic::Tasks` (r:1 w:1)
	/// Proof: `Periodic::Tasks` (`max_values`: None, `max_size`: Some(1174), added: 3649, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// The range of component `l` is `[0, 1018]`.
	fn dispatch(l: u32) -> Weight {
		Weight::from_parts(55_289_544, 6196)
			.saturating_add(Weight::from_parts(888, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Periodic::Tasks` (r:1 w:1)
	/// Proof: `Periodic::Tasks` (`max_values`: None, `max_size`: Some(1174), added: 3649, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	fn cancel_task() -> Weight {
		Weight::from_parts(123_384_000, 8799)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Periodic::Tasks` (r:1 w:1)
	/// Proof: `Periodic::Tasks` (`max_values`: None, `max_size`: Some(1174), added: 3649, mode: `MaxEncodedLen`)
	fn set_task_params() -> Weight {
		Weight::from_parts(11_597_000, 4639)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For tests: the same numbers with the RocksDB weights.
impl WeightInfo for () {
	fn register_task(l: u32) -> Weight {
		Weight::from_parts(78_864_360, 6196)
			.saturating_add(Weight::from_parts(604, 0).saturating_mul(l.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn add_nectar() -> Weight {
		Weight::from_parts(43_064_000, 6196)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn dispatch(l: u32) -> Weight {
		Weight::from_parts(55_289_544, 6196)
			.saturating_add(Weight::from_parts(888, 0).saturating_mul(l.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn cancel_task() -> Weight {
		Weight::from_parts(123_384_000, 8799)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn set_task_params() -> Weight {
		Weight::from_parts(11_597_000, 4639)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
