//! Weights for `pallet_pay_after`.
//!
//! Until the runtime exists and these are generated from the benchmarks with frame-omni-bencher,
//! the **database read/write counts are the honest worst cases** counted from the code (listed on
//! each function), and the execution times are conservative estimates. The runtime's
//! `scripts/benchmark.sh` replaces this file with measured values.
//!
//! The weight of `dispatch` here is its overhead only: the pallet adds the declared weight of
//! every call in the bundle on top, and refunds what the calls did not use.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weight functions of `pallet_pay_after`.
pub trait WeightInfo {
	/// `dispatch` of a bundle of `c` calls whose encoding is `b` bytes, cleaning `e` expired
	/// bundles: signature verification and hashing over the payload, settlement and cleaning,
	/// without the calls' own weight.
	fn dispatch(c: u32, b: u32, e: u32) -> Weight;
	/// `kill`.
	fn kill() -> Weight;
	/// `cover_fee`, swapping through one pool.
	fn cover_fee() -> Weight;
}

/// Weights for `pallet_pay_after` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: `PayAfter::Current`, `PayAfter::Remembered`, `System::BlockHash`,
	/// `Timestamp::Now`, `System::Account` (signer, relayer), `Balances::Holds`; per expired
	/// bundle `PayAfter::Remembered`, `Balances::Holds`, `System::Account`.
	/// Writes: `PayAfter::Current`, `PayAfter::Remembered`, `System::Account` (signer, relayer),
	/// `Balances::Holds`; per expired bundle `PayAfter::Remembered`, `Balances::Holds`,
	/// `System::Account`.
	/// ref_time: an sr25519 verification (~50 µs) plus hashing, per call and per byte (estimates).
	fn dispatch(c: u32, b: u32, e: u32) -> Weight {
		Weight::from_parts(120_000_000, 6_000)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(5_000, 0).saturating_mul(b.into()))
			.saturating_add(Weight::from_parts(40_000_000, 3_600).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(e.into())))
	}
	/// Reads: `PayAfter::Remembered`, `Balances::Holds`, `System::Account`.
	/// Writes: `PayAfter::Remembered`, `Balances::Holds`, `System::Account`.
	fn kill() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Reads: `PayAfter::Current`, `System::Account` (signer, pool), `AssetConversion::Pools`,
	/// `Assets::Asset`, `Assets::Account` (signer, pool).
	/// Writes: `System::Account` (signer, pool), `Assets::Asset`, `Assets::Account` (signer,
	/// pool).
	fn cover_fee() -> Weight {
		Weight::from_parts(150_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

// For tests and backwards compatibility.
impl WeightInfo for () {
	fn dispatch(c: u32, b: u32, e: u32) -> Weight {
		Weight::from_parts(120_000_000, 6_000)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(5_000, 0).saturating_mul(b.into()))
			.saturating_add(Weight::from_parts(40_000_000, 3_600).saturating_mul(e.into()))
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(e.into())))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(e.into())))
	}
	fn kill() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn cover_fee() -> Weight {
		Weight::from_parts(150_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
}
