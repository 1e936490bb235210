//! Weights for `pallet_periodic`.
//!
//! Until the runtime exists and these are generated from the benchmarks with frame-omni-bencher,
//! the **database read/write counts are the honest worst cases** counted from the code (listed on
//! each function), and the execution times are conservative estimates. The runtime's
//! `scripts/benchmark.sh` replaces this file with measured values.
//!
//! `dispatch(l)` is the pallet's own overhead only: [`crate::Pallet::dispatch`] adds the task's
//! call weight, from the call's dispatch info, on top.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weight functions of `pallet_periodic`.
pub trait WeightInfo {
	/// `register_task` with a call of `l` encoded bytes.
	fn register_task(l: u32) -> Weight;
	/// `add_nectar`.
	fn add_nectar() -> Weight;
	/// `dispatch` of a task whose call is `l` encoded bytes, paying the caller and closing a
	/// retarget window, **excluding** the task's call itself.
	fn dispatch(l: u32) -> Weight;
	/// `cancel_task`.
	fn cancel_task() -> Weight;
	/// `set_task_params` of a task whose call is `l` encoded bytes (decoded to re-compute its
	/// weight).
	fn set_task_params(l: u32) -> Weight;
}

/// Weights for `pallet_periodic` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: `NextTaskId`, `Balances::Holds` (owner), `System::Account` (owner, pot),
	/// `Timestamp::Now`.
	/// Writes: `Tasks`, `NextTaskId`, `Balances::Holds` (owner), `System::Account` (owner, pot).
	fn register_task(l: u32) -> Weight {
		Weight::from_parts(70_000_000, 6_000)
			.saturating_add(Weight::from_parts(2_000, 1).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Reads: `Tasks`, `System::Account` (funder, pot).
	/// Writes: `System::Account` (funder, pot).
	fn add_nectar() -> Weight {
		Weight::from_parts(50_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Reads: `Tasks` (twice: once by the weight expression, `Pallet::dispatch_weight`),
	/// `DispatchingTask`,
	/// `Timestamp::Now`, `System::Account` (pot, caller).
	/// Writes: `DispatchingTask` (set and cleared), `Tasks`, `System::Account` (pot, caller).
	fn dispatch(l: u32) -> Weight {
		Weight::from_parts(70_000_000, 6_000)
			.saturating_add(Weight::from_parts(4_000, 2).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Reads: `Tasks`, `DispatchingTask`, `System::Account` (pot, owner), `Balances::Holds`
	/// (owner).
	/// Writes: `Tasks`, `System::Account` (pot, owner), `Balances::Holds` (owner).
	fn cancel_task() -> Weight {
		Weight::from_parts(70_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Reads: `Tasks`, `DispatchingTask`, `Timestamp::Now`.
	/// Writes: `Tasks`.
	fn set_task_params(l: u32) -> Weight {
		Weight::from_parts(25_000_000, 3_000)
			.saturating_add(Weight::from_parts(4_000, 1).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For tests and backwards compatibility.
impl WeightInfo for () {
	fn register_task(l: u32) -> Weight {
		Weight::from_parts(70_000_000, 6_000)
			.saturating_add(Weight::from_parts(2_000, 1).saturating_mul(l.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn add_nectar() -> Weight {
		Weight::from_parts(50_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn dispatch(l: u32) -> Weight {
		Weight::from_parts(70_000_000, 6_000)
			.saturating_add(Weight::from_parts(4_000, 2).saturating_mul(l.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn cancel_task() -> Weight {
		Weight::from_parts(70_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn set_task_params(l: u32) -> Weight {
		Weight::from_parts(25_000_000, 3_000)
			.saturating_add(Weight::from_parts(4_000, 1).saturating_mul(l.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
