//! Weights for `pallet_pay_after`, generated with frame-omni-bencher (frame-benchmarking-cli
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

/// The weight functions of `pallet_pay_after`.
pub trait WeightInfo {
	/// `dispatch`.
	fn dispatch(c: u32, b: u32, e: u32, w: u32) -> Weight;
	/// `kill`.
	fn kill() -> Weight;
	/// `cover_fee`.
	fn cover_fee() -> Weight;
	/// `forget_expired`.
	fn forget_expired(e: u32) -> Weight;
	/// `validate_bundle`.
	fn validate_bundle(b: u32) -> Weight;
}

/// Weights for `pallet_pay_after` measured on the `power-runtime`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `PayAfter::Remembered` (r:17 w:17)
	/// Proof: `PayAfter::Remembered` (`max_values`: None, `max_size`: Some(122), added: 2597, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 16]`.
	/// The range of component `b` is `[0, 16384]`.
	/// The range of component `e` is `[0, 16]`.
	/// The range of component `w` is `[0, 1]`.
	fn dispatch(c: u32, b: u32, e: u32, w: u32) -> Weight {
		Weight::from_parts(114_767_101, 3593)
			.saturating_add(Weight::from_parts(4_219_311, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(17_510, 0).saturating_mul(b.into()))
			.saturating_add(Weight::from_parts(11_870_696, 0).saturating_mul(e.into()))
			.saturating_add(Weight::from_parts(83_169_173, 0).saturating_mul(w.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2597).saturating_mul(e.into()))
	}
	/// Storage: `PayAfter::Remembered` (r:1 w:1)
	/// Proof: `PayAfter::Remembered` (`max_values`: None, `max_size`: Some(122), added: 2597, mode: `MaxEncodedLen`)
	fn kill() -> Weight {
		Weight::from_parts(50_415_000, 3587)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `AssetConversion::PoolFees` (r:1 w:0)
	/// Proof: `AssetConversion::PoolFees` (`max_values`: None, `max_size`: Some(30), added: 2505, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	fn cover_fee() -> Weight {
		Weight::from_parts(154_491_000, 6208)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `PayAfter::Remembered` (r:16 w:16)
	/// Proof: `PayAfter::Remembered` (`max_values`: None, `max_size`: Some(122), added: 2597, mode: `MaxEncodedLen`)
	/// The range of component `e` is `[1, 16]`.
	fn forget_expired(e: u32) -> Weight {
		Weight::from_parts(38_001_657, 990)
			.saturating_add(Weight::from_parts(11_329_380, 0).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2597).saturating_mul(e.into()))
	}
	/// Storage: `PayAfter::Remembered` (r:1 w:0)
	/// Proof: `PayAfter::Remembered` (`max_values`: None, `max_size`: Some(122), added: 2597, mode: `MaxEncodedLen`)
	/// The range of component `b` is `[0, 16384]`.
	fn validate_bundle(b: u32) -> Weight {
		Weight::from_parts(125_895_641, 3587)
			.saturating_add(Weight::from_parts(12_305, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
}

// For tests: the same numbers with the RocksDB weights.
impl WeightInfo for () {
	fn dispatch(c: u32, b: u32, e: u32, w: u32) -> Weight {
		Weight::from_parts(114_767_101, 3593)
			.saturating_add(Weight::from_parts(4_219_311, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(17_510, 0).saturating_mul(b.into()))
			.saturating_add(Weight::from_parts(11_870_696, 0).saturating_mul(e.into()))
			.saturating_add(Weight::from_parts(83_169_173, 0).saturating_mul(w.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2597).saturating_mul(e.into()))
	}
	fn kill() -> Weight {
		Weight::from_parts(50_415_000, 3587)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn cover_fee() -> Weight {
		Weight::from_parts(154_491_000, 6208)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn forget_expired(e: u32) -> Weight {
		Weight::from_parts(38_001_657, 990)
			.saturating_add(Weight::from_parts(11_329_380, 0).saturating_mul(e.into()))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2597).saturating_mul(e.into()))
	}
	fn validate_bundle(b: u32) -> Weight {
		Weight::from_parts(125_895_641, 3587)
			.saturating_add(Weight::from_parts(12_305, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
}
