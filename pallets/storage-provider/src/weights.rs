//! Weights for `pallet_storage_provider`, generated with frame-omni-bencher (frame-benchmarking-cli
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

/// The weight functions of `pallet_storage_provider`.
pub trait WeightInfo {
	/// `register_storage_provider`.
	fn register_storage_provider() -> Weight;
	/// `pre_commit_sectors`.
	fn pre_commit_sectors(n: u32) -> Weight;
	/// `prove_commit_sectors`.
	fn prove_commit_sectors(n: u32) -> Weight;
	/// `submit_windowed_post`.
	fn submit_windowed_post(n: u32) -> Weight;
	/// `declare_faults`.
	fn declare_faults(n: u32) -> Weight;
	/// `declare_faults_recovered`.
	fn declare_faults_recovered(n: u32) -> Weight;
	/// `terminate_sectors`.
	fn terminate_sectors(n: u32) -> Weight;
	/// `record_seed`.
	fn record_seed() -> Weight;
	/// `queue_base`.
	fn queue_base() -> Weight;
	/// `queue_advance`.
	fn queue_advance() -> Weight;
	/// `queue_stale_entry`.
	fn queue_stale_entry() -> Weight;
	/// `pre_commit_expiry`.
	fn pre_commit_expiry() -> Weight;
	/// `sector_expiry`.
	fn sector_expiry() -> Weight;
	/// `deadline_close`.
	fn deadline_close(s: u32) -> Weight;
	/// `deadline_close_fault_age`.
	fn deadline_close_fault_age(s: u32) -> Weight;
	/// `unregister_storage_provider`.
	fn unregister_storage_provider() -> Weight;
}

/// Weights for `pallet_storage_provider` measured on the `power-runtime`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:1)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::SealingProfile` (r:1 w:0)
	/// Proof: `ChainParams::SealingProfile` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	fn register_storage_provider() -> Weight {
		Weight::from_parts(98_384_000, 4314)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:1)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::ChallengeSeeds` (r:8 w:0)
	/// Proof: `StorageProvider::ChallengeSeeds` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::PreCommittedSectors` (r:8 w:8)
	/// Proof: `StorageProvider::PreCommittedSectors` (`max_values`: None, `max_size`: Some(220), added: 2695, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Sectors` (r:8 w:0)
	/// Proof: `StorageProvider::Sectors` (`max_values`: None, `max_size`: Some(146), added: 2621, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::QueueLength` (r:1 w:1)
	/// Proof: `StorageProvider::QueueLength` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Queue` (r:0 w:8)
	/// Proof: `StorageProvider::Queue` (`max_values`: None, `max_size`: Some(66), added: 2541, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn pre_commit_sectors(n: u32) -> Weight {
		Weight::from_parts(100_684_377, 3849)
			.saturating_add(Weight::from_parts(21_697_063, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2695).saturating_mul(n.into()))
	}
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:1)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::SealingProfile` (r:1 w:0)
	/// Proof: `ChainParams::SealingProfile` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Sectors` (r:8 w:8)
	/// Proof: `StorageProvider::Sectors` (`max_values`: None, `max_size`: Some(146), added: 2621, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::PreCommittedSectors` (r:8 w:8)
	/// Proof: `StorageProvider::PreCommittedSectors` (`max_values`: None, `max_size`: Some(220), added: 2695, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::ChallengeSeeds` (r:1 w:0)
	/// Proof: `StorageProvider::ChallengeSeeds` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Deadlines` (r:3 w:3)
	/// Proof: `StorageProvider::Deadlines` (`max_values`: None, `max_size`: Some(195), added: 2670, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::QueueLength` (r:4 w:4)
	/// Proof: `StorageProvider::QueueLength` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalRawPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalRawPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Queue` (r:0 w:11)
	/// Proof: `StorageProvider::Queue` (`max_values`: None, `max_size`: Some(66), added: 2541, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn prove_commit_sectors(n: u32) -> Weight {
		Weight::from_parts(112_781_702, 7175)
			.saturating_add(Weight::from_parts(772_844_254, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(10_u64))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2695).saturating_mul(n.into()))
	}
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:0)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Deadlines` (r:1 w:1)
	/// Proof: `StorageProvider::Deadlines` (`max_values`: None, `max_size`: Some(195), added: 2670, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Sectors` (r:16 w:16)
	/// Proof: `StorageProvider::Sectors` (`max_values`: None, `max_size`: Some(146), added: 2621, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::ChallengeSeeds` (r:1 w:0)
	/// Proof: `StorageProvider::ChallengeSeeds` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalRawPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalRawPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 16]`.
	fn submit_windowed_post(n: u32) -> Weight {
		Weight::from_parts(152_787_900, 4314)
			.saturating_add(Weight::from_parts(126_818_511, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(n.into()))
	}
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:0)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Sectors` (r:8 w:8)
	/// Proof: `StorageProvider::Sectors` (`max_values`: None, `max_size`: Some(146), added: 2621, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Deadlines` (r:1 w:0)
	/// Proof: `StorageProvider::Deadlines` (`max_values`: None, `max_size`: Some(195), added: 2670, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalRawPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalRawPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalDelegatedPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalDelegatedPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn declare_faults(n: u32) -> Weight {
		Weight::from_parts(64_748_599, 4314)
			.saturating_add(Weight::from_parts(15_393_359, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(n.into()))
	}
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:0)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Sectors` (r:8 w:8)
	/// Proof: `StorageProvider::Sectors` (`max_values`: None, `max_size`: Some(146), added: 2621, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Deadlines` (r:1 w:0)
	/// Proof: `StorageProvider::Deadlines` (`max_values`: None, `max_size`: Some(195), added: 2670, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn declare_faults_recovered(n: u32) -> Weight {
		Weight::from_parts(28_355_889, 3849)
			.saturating_add(Weight::from_parts(21_246_230, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(n.into()))
	}
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:1)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Sectors` (r:8 w:8)
	/// Proof: `StorageProvider::Sectors` (`max_values`: None, `max_size`: Some(146), added: 2621, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Deadlines` (r:1 w:1)
	/// Proof: `StorageProvider::Deadlines` (`max_values`: None, `max_size`: Some(195), added: 2670, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalRawPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalRawPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalDelegatedPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalDelegatedPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn terminate_sectors(n: u32) -> Weight {
		Weight::from_parts(72_336_372, 4314)
			.saturating_add(Weight::from_parts(91_545_399, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(7_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(n.into()))
	}
	/// Storage: UNKNOWN KEY `0x6e39f0fb4bb221444d2603c6fe621eb694212af64e5ce31d328d85e4dcee98ad` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x6e39f0fb4bb221444d2603c6fe621eb694212af64e5ce31d328d85e4dcee98ad` (r:1 w:0)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::ChallengeSeeds` (r:0 w:2)
	/// Proof: `StorageProvider::ChallengeSeeds` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	fn record_seed() -> Weight {
		Weight::from_parts(18_344_000, 3638)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `StorageProvider::QueueCursor` (r:2 w:2)
	/// Proof: `StorageProvider::QueueCursor` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::QueueLength` (r:2 w:0)
	/// Proof: `StorageProvider::QueueLength` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	fn queue_base() -> Weight {
		Weight::from_parts(19_767_000, 5974)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `StorageProvider::QueueCursor` (r:2 w:2)
	/// Proof: `StorageProvider::QueueCursor` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::QueueLength` (r:2 w:1)
	/// Proof: `StorageProvider::QueueLength` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	fn queue_advance() -> Weight {
		Weight::from_parts(21_711_000, 5974)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `StorageProvider::Deadlines` (r:1 w:0)
	/// Proof: `StorageProvider::Deadlines` (`max_values`: None, `max_size`: Some(195), added: 2670, mode: `MaxEncodedLen`)
	fn queue_stale_entry() -> Weight {
		Weight::from_parts(7_955_000, 3660).saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `StorageProvider::PreCommittedSectors` (r:1 w:1)
	/// Proof: `StorageProvider::PreCommittedSectors` (`max_values`: None, `max_size`: Some(220), added: 2695, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:1)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	fn pre_commit_expiry() -> Weight {
		Weight::from_parts(69_349_000, 3849)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `StorageProvider::Sectors` (r:1 w:1)
	/// Proof: `StorageProvider::Sectors` (`max_values`: None, `max_size`: Some(146), added: 2621, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Deadlines` (r:1 w:1)
	/// Proof: `StorageProvider::Deadlines` (`max_values`: None, `max_size`: Some(195), added: 2670, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:1)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	fn sector_expiry() -> Weight {
		Weight::from_parts(126_236_000, 3849)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `StorageProvider::Deadlines` (r:1 w:1)
	/// Proof: `StorageProvider::Deadlines` (`max_values`: None, `max_size`: Some(195), added: 2670, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:0)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Sectors` (r:16 w:16)
	/// Proof: `StorageProvider::Sectors` (`max_values`: None, `max_size`: Some(146), added: 2621, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::QueueLength` (r:1 w:1)
	/// Proof: `StorageProvider::QueueLength` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
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
	/// Storage: `StorageProvider::Queue` (r:0 w:1)
	/// Proof: `StorageProvider::Queue` (`max_values`: None, `max_size`: Some(66), added: 2541, mode: `MaxEncodedLen`)
	/// The range of component `s` is `[1, 16]`.
	fn deadline_close(s: u32) -> Weight {
		Weight::from_parts(294_366_632, 41614)
			.saturating_add(Weight::from_parts(53_726_945, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(41_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(56_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(s.into()))
	}
	/// Storage: `StorageProvider::Deadlines` (r:1 w:1)
	/// Proof: `StorageProvider::Deadlines` (`max_values`: None, `max_size`: Some(195), added: 2670, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:1)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `StorageProvider::Sectors` (r:16 w:16)
	/// Proof: `StorageProvider::Sectors` (`max_values`: None, `max_size`: Some(146), added: 2621, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// The range of component `s` is `[1, 16]`.
	fn deadline_close_fault_age(s: u32) -> Weight {
		Weight::from_parts(50_148_274, 3849)
			.saturating_add(Weight::from_parts(118_214_174, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(s.into()))
	}
	/// Storage: `StorageProvider::StorageProviders` (r:1 w:1)
	/// Proof: `StorageProvider::StorageProviders` (`max_values`: None, `max_size`: Some(384), added: 2859, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::MinerClaims` (r:1 w:1)
	/// Proof: `CollatorPower::MinerClaims` (`max_values`: None, `max_size`: Some(849), added: 3324, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	fn unregister_storage_provider() -> Weight {
		Weight::from_parts(141_424_000, 4314)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
}

// For tests: the same numbers with the RocksDB weights.
impl WeightInfo for () {
	fn register_storage_provider() -> Weight {
		Weight::from_parts(98_384_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn pre_commit_sectors(n: u32) -> Weight {
		Weight::from_parts(100_684_377, 3849)
			.saturating_add(Weight::from_parts(21_697_063, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2695).saturating_mul(n.into()))
	}
	fn prove_commit_sectors(n: u32) -> Weight {
		Weight::from_parts(112_781_702, 7175)
			.saturating_add(Weight::from_parts(772_844_254, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(10_u64))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2695).saturating_mul(n.into()))
	}
	fn submit_windowed_post(n: u32) -> Weight {
		Weight::from_parts(152_787_900, 4314)
			.saturating_add(Weight::from_parts(126_818_511, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(n.into()))
	}
	fn declare_faults(n: u32) -> Weight {
		Weight::from_parts(64_748_599, 4314)
			.saturating_add(Weight::from_parts(15_393_359, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(n.into()))
	}
	fn declare_faults_recovered(n: u32) -> Weight {
		Weight::from_parts(28_355_889, 3849)
			.saturating_add(Weight::from_parts(21_246_230, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(n.into()))
	}
	fn terminate_sectors(n: u32) -> Weight {
		Weight::from_parts(72_336_372, 4314)
			.saturating_add(Weight::from_parts(91_545_399, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(n.into()))
	}
	fn record_seed() -> Weight {
		Weight::from_parts(18_344_000, 3638)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn queue_base() -> Weight {
		Weight::from_parts(19_767_000, 5974)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn queue_advance() -> Weight {
		Weight::from_parts(21_711_000, 5974)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn queue_stale_entry() -> Weight {
		Weight::from_parts(7_955_000, 3660).saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn pre_commit_expiry() -> Weight {
		Weight::from_parts(69_349_000, 3849)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn sector_expiry() -> Weight {
		Weight::from_parts(126_236_000, 3849)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn deadline_close(s: u32) -> Weight {
		Weight::from_parts(294_366_632, 41614)
			.saturating_add(Weight::from_parts(53_726_945, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(41_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().writes(56_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(s.into()))
	}
	fn deadline_close_fault_age(s: u32) -> Weight {
		Weight::from_parts(50_148_274, 3849)
			.saturating_add(Weight::from_parts(118_214_174, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2621).saturating_mul(s.into()))
	}
	fn unregister_storage_provider() -> Weight {
		Weight::from_parts(141_424_000, 4314)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
}
