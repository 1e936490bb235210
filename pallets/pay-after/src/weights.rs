//! Weights for `pallet_pay_after`.
//!
//! `cover_fee` was generated with frame-omni-bencher (frame-benchmarking-cli 64.0.0) on
//! 2026-11-21 against the `power-runtime` wasm by `scripts/benchmark.sh` (steps: 50, repeat: 20,
//! on `AMD EPYC`); its reads trade the `PayAfter::Current` read it no longer makes for the
//! runtime's `SignerHidden` (pallet-periodic's `TaskRunning` reads `Periodic::DispatchingTask`).
//!
//! **To be regenerated** (`scripts/benchmark.sh pallet_pay_after`): `dispatch`, `kill` and
//! `cover_fee` changed, `forget_expired` and `validate_bundle` are new. Until then their DB
//! read/write counts are the honest worst cases of the new code (see each function), and their
//! execution times are the previous measurements (`dispatch`, `kill`, `cover_fee`: upper bounds,
//! as the new code does less) or estimates (`forget_expired`, `validate_bundle`).

#![allow(unused_parens, unused_imports, missing_docs)]
#![allow(clippy::unnecessary_cast)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weight functions of `pallet_pay_after`.
pub trait WeightInfo {
	/// `dispatch` without its calls: `c` calls of `b` encoded bytes, forgetting `e` bundles.
	fn dispatch(c: u32, b: u32, e: u32) -> Weight;
	/// `kill`.
	fn kill() -> Weight;
	/// `cover_fee`.
	fn cover_fee() -> Weight;
	/// `forget_expired` of `e` bundles.
	fn forget_expired(e: u32) -> Weight;
	/// `Pallet::validate_bundle` of a bundle whose calls encode to `b` bytes (for the
	/// transaction extension that validates bundles in the pool).
	fn validate_bundle(b: u32) -> Weight;
}

/// Weights for `pallet_pay_after` measured on the `power-runtime`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `PayAfter::Remembered` (r:17 w:17)
	/// Proof: `PayAfter::Remembered` (`max_values`: None, `max_size`: Some(122), added: 2597, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 16]`.
	/// The range of component `b` is `[0, 16384]`.
	/// The range of component `e` is `[0, 16]`.
	fn dispatch(c: u32, b: u32, e: u32) -> Weight {
		Weight::from_parts(200_557_574, 3640)
			.saturating_add(Weight::from_parts(1_219_993, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(5_531, 0).saturating_mul(b.into()))
			.saturating_add(Weight::from_parts(49_087_312, 0).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2597).saturating_mul(e.into()))
	}
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PayAfter::Remembered` (r:1 w:1)
	/// Proof: `PayAfter::Remembered` (`max_values`: None, `max_size`: Some(122), added: 2597, mode: `MaxEncodedLen`)
	fn kill() -> Weight {
		Weight::from_parts(61_411_000, 3640)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Periodic::DispatchingTask` (r:1 w:0), through `SignerHidden`
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `AssetConversion::PoolFees` (r:1 w:0)
	/// Proof: `AssetConversion::PoolFees` (`max_values`: None, `max_size`: Some(30), added: 2505, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	fn cover_fee() -> Weight {
		Weight::from_parts(130_623_000, 6208)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PayAfter::Remembered` (r:16 w:16)
	/// Proof: `PayAfter::Remembered` (`max_values`: None, `max_size`: Some(122), added: 2597, mode: `MaxEncodedLen`)
	/// The range of component `e` is `[1, 16]`.
	fn forget_expired(e: u32) -> Weight {
		Weight::from_parts(40_000_000, 1493)
			.saturating_add(Weight::from_parts(20_000_000, 0).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2597).saturating_mul(e.into()))
	}
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `PayAfter::Remembered` (r:1 w:0)
	/// Proof: `PayAfter::Remembered` (`max_values`: None, `max_size`: Some(122), added: 2597, mode: `MaxEncodedLen`)
	/// The range of component `b` is `[0, 16384]`.
	fn validate_bundle(b: u32) -> Weight {
		Weight::from_parts(150_000_000, 3587)
			.saturating_add(Weight::from_parts(11_062, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
	}
}

// For tests: the same numbers with the RocksDB weights.
impl WeightInfo for () {
	fn dispatch(c: u32, b: u32, e: u32) -> Weight {
		Weight::from_parts(200_557_574, 3640)
			.saturating_add(Weight::from_parts(1_219_993, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(5_531, 0).saturating_mul(b.into()))
			.saturating_add(Weight::from_parts(49_087_312, 0).saturating_mul(e.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2597).saturating_mul(e.into()))
	}
	fn kill() -> Weight {
		Weight::from_parts(61_411_000, 3640)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn cover_fee() -> Weight {
		Weight::from_parts(130_623_000, 6208)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn forget_expired(e: u32) -> Weight {
		Weight::from_parts(40_000_000, 1493)
			.saturating_add(Weight::from_parts(20_000_000, 0).saturating_mul(e.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2597).saturating_mul(e.into()))
	}
	fn validate_bundle(b: u32) -> Weight {
		Weight::from_parts(150_000_000, 3587)
			.saturating_add(Weight::from_parts(11_062, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
	}
}
