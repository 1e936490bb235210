//! Weights for `pallet_storage_provider`.
//!
//! Until the runtime exists and these are generated from the benchmarks with frame-omni-bencher,
//! the **database read/write counts are the honest worst cases** counted from the code (listed on
//! each function), and the execution times are conservative **estimates**, not measurements.
//! Proof checks are estimated per proof for the depth of the largest sector (31 levels); the
//! benchmarks measure 2 KiB sectors only. The runtime's `scripts/benchmark.sh` replaces this file
//! with measured values.
//!
//! The collator-power calls this pallet makes (`update_miner_power`), and the settling of
//! earlier windows, are added by the pallet on top of these (see `Pallet::prove_commit_weight`
//! and friends).

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weight functions of `pallet_storage_provider`.
pub trait WeightInfo {
	/// `register_storage_provider`, creating the collator-power miner.
	fn register_storage_provider() -> Weight;
	/// `pre_commit_sectors` with `n` sectors.
	fn pre_commit_sectors(n: u32) -> Weight;
	/// `prove_commit_sectors` with `n` proofs (the proof checks included; the collator-power
	/// increase is added by the pallet).
	fn prove_commit_sectors(n: u32) -> Weight;
	/// `submit_windowed_post` with `n` proofs (settling an earlier window and the increase are
	/// added by the pallet).
	fn submit_windowed_post(n: u32) -> Weight;
	/// `declare_faults` with `n` sectors (settling and the decrease are added by the pallet).
	fn declare_faults(n: u32) -> Weight;
	/// `declare_faults_recovered` with `n` sectors.
	fn declare_faults_recovered(n: u32) -> Weight;
	/// `terminate_sectors` with `n` sectors (settling and the decrease are added by the pallet).
	fn terminate_sectors(n: u32) -> Weight;
	/// Recording the block's challenge seed in `on_initialize`.
	fn record_seed() -> Weight;
	/// The fixed part of servicing the queue.
	fn queue_base() -> Weight;
	/// Moving the queue cursor past one block.
	fn queue_advance() -> Weight;
	/// An entry that finds nothing left to do.
	fn queue_stale_entry() -> Weight;
	/// An entry that slashes an unproven pre-commit.
	fn pre_commit_expiry() -> Weight;
	/// An entry that ends an expired sector (settling and the decrease are added).
	fn sector_expiry() -> Weight;
	/// Closing a deadline of `s` sectors, each faulted or terminated (the decrease is added).
	fn deadline_close(s: u32) -> Weight;
	/// The whole `on_initialize` at its worst: the seed, and `MaxQueueEntriesPerBlock` deadline
	/// closes that each fault a full deadline of a miner with `MaxDelegationsPerMiner`
	/// delegations.
	fn on_initialize_worst() -> Weight;
}

/// Weights for `pallet_storage_provider` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: crate::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: `StorageProviders`, collator-power `MinerClaims` (twice), `Balances::Holds`,
	/// `System::Account`.
	/// Writes: `StorageProviders`, `MinerClaims`, `Balances::Holds`, `System::Account`.
	fn register_storage_provider() -> Weight {
		Weight::from_parts(80_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Reads: `StorageProviders`, `Balances::Holds`, `System::Account`; per sector
	/// `PreCommittedSectors`, `Sectors`, `QueueLength`.
	/// Writes: `StorageProviders`, `Balances::Holds`, `System::Account`; per sector
	/// `PreCommittedSectors`, `Queue`, `QueueLength`.
	fn pre_commit_sectors(n: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(25_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
	/// Reads: `StorageProviders`, every `Deadlines` entry (`D = DeadlineCount`); per proof `Sectors`,
	/// `PreCommittedSectors`, `ChallengeSeeds`, `Balances::Holds`, `System::Account`,
	/// `QueueLength` (twice).
	/// Writes: `StorageProviders`, the `Deadlines`; per proof `Balances::Holds` and `System::Account`
	/// (release and hold), `Sectors`, `PreCommittedSectors`, `Queue` and `QueueLength` (twice).
	fn prove_commit_sectors(n: u32) -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(Weight::from_parts(200_000_000, 6000).saturating_mul(n.into()))
			.saturating_add(
				T::DbWeight::get().reads((1_u64).saturating_add(T::DeadlineCount::get().into())),
			)
			.saturating_add(T::DbWeight::get().reads((7_u64).saturating_mul(n.into())))
			.saturating_add(
				T::DbWeight::get().writes((1_u64).saturating_add(T::DeadlineCount::get().into())),
			)
			.saturating_add(T::DbWeight::get().writes((8_u64).saturating_mul(n.into())))
	}
	/// Reads: `StorageProviders`, `Deadlines`, `ChallengeSeeds`; per proof `Sectors`; and up to
	/// `S = MaxSectorsPerDeadline` `Sectors` for the completeness check.
	/// Writes: `Deadlines`; per recovered sector `Sectors`.
	fn submit_windowed_post(n: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(200_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(
				T::DbWeight::get()
					.reads((3_u64).saturating_add(T::MaxSectorsPerDeadline::get().into())),
			)
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	/// Reads: `StorageProviders`; per sector `Sectors` (twice) and `Deadlines`.
	/// Writes: per sector `Sectors`.
	fn declare_faults(n: u32) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(20_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(0_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	/// Reads: `StorageProviders`; per sector `Sectors`.
	/// Writes: per sector `Sectors`.
	fn declare_faults_recovered(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 3000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(0_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	/// Reads: `StorageProviders`; per sector `Sectors` (twice), `Deadlines` (twice),
	/// `StorageProviders`, `Balances::Holds`, `System::Account`, `Balances::TotalIssuance`.
	/// Writes: per sector `Sectors`, `Deadlines`, `StorageProviders`, `Balances::Holds`,
	/// `System::Account`, `Balances::TotalIssuance`.
	fn terminate_sectors(n: u32) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(60_000_000, 6000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((8_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(0_u64))
			.saturating_add(T::DbWeight::get().writes((6_u64).saturating_mul(n.into())))
	}
	/// Reads: the randomness source (one item for collective flip).
	/// Writes: `ChallengeSeeds` (insert and remove).
	fn record_seed() -> Weight {
		Weight::from_parts(15_000_000, 1500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Reads: `QueueCursor`, `QueueLength`.
	/// Writes: `QueueCursor`.
	fn queue_base() -> Weight {
		Weight::from_parts(5_000_000, 1500)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Reads: `QueueLength`.
	/// Writes: `QueueLength` (removed).
	fn queue_advance() -> Weight {
		Weight::from_parts(4_000_000, 1500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Reads: `Queue`, the item it names.
	/// Writes: `Queue` (taken).
	fn queue_stale_entry() -> Weight {
		Weight::from_parts(8_000_000, 3000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Reads: `Queue`, `PreCommittedSectors`, `StorageProviders`, `Balances::Holds`,
	/// `System::Account`, `Balances::TotalIssuance`.
	/// Writes: the same.
	fn pre_commit_expiry() -> Weight {
		Weight::from_parts(50_000_000, 5000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Reads: `Queue`, `Sectors` (twice), `Deadlines`, `StorageProviders` (twice), `Balances::Holds`,
	/// `System::Account`.
	/// Writes: `Queue`, `Sectors`, `Deadlines`, `StorageProviders`, `Balances::Holds`,
	/// `System::Account`.
	fn sector_expiry() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Reads: `Queue`, `Deadlines`, `StorageProviders`, `QueueLength`; per sector `Sectors`,
	/// `StorageProviders`, `Balances::Holds`, `System::Account`, `Balances::TotalIssuance`.
	/// Writes: `Queue`, `Deadlines`, `Queue` and `QueueLength` of the next close; per sector the same
	/// five.
	fn deadline_close(s: u32) -> Weight {
		Weight::from_parts(40_000_000, 5000)
			.saturating_add(Weight::from_parts(45_000_000, 4000).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((5_u64).saturating_mul(s.into())))
	}
	/// The seed, the queue's fixed part, `MaxQueueEntriesPerBlock + 2` block advances and
	/// `MaxQueueEntriesPerBlock` closes of full deadlines with collator-power's worst decrease.
	fn on_initialize_worst() -> Weight {
		use pallet_collator_power::WeightInfo as _;
		let max = T::MaxQueueEntriesPerBlock::get();
		let decrease =
			<T as pallet_collator_power::Config>::WeightInfo::update_miner_power_decrease(
				T::MaxDelegationsPerMiner::get(),
			);
		Self::record_seed()
			.saturating_add(Self::queue_base())
			.saturating_add(Self::queue_advance().saturating_mul(max.saturating_add(2).into()))
			.saturating_add(
				Self::deadline_close(T::MaxSectorsPerDeadline::get())
					.saturating_add(decrease)
					.saturating_mul(max.into()),
			)
	}
}

// For tests: the mock's `DeadlineCount` (3), `MaxSectorsPerDeadline` (8),
// `MaxQueueEntriesPerBlock` (16) and `MaxDelegationsPerMiner` (3).
impl WeightInfo for () {
	fn register_storage_provider() -> Weight {
		Weight::from_parts(80_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn pre_commit_sectors(n: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(25_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
	fn prove_commit_sectors(n: u32) -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(Weight::from_parts(200_000_000, 6000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().reads((7_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((8_u64).saturating_mul(n.into())))
	}
	fn submit_windowed_post(n: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(200_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(11_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn declare_faults(n: u32) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(20_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(0_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn declare_faults_recovered(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 3000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(0_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn terminate_sectors(n: u32) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(60_000_000, 6000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((8_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(0_u64))
			.saturating_add(RocksDbWeight::get().writes((6_u64).saturating_mul(n.into())))
	}
	fn record_seed() -> Weight {
		Weight::from_parts(15_000_000, 1500)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn queue_base() -> Weight {
		Weight::from_parts(5_000_000, 1500)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn queue_advance() -> Weight {
		Weight::from_parts(4_000_000, 1500)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn queue_stale_entry() -> Weight {
		Weight::from_parts(8_000_000, 3000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn pre_commit_expiry() -> Weight {
		Weight::from_parts(50_000_000, 5000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn sector_expiry() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn deadline_close(s: u32) -> Weight {
		Weight::from_parts(40_000_000, 5000)
			.saturating_add(Weight::from_parts(45_000_000, 4000).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().reads((5_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((5_u64).saturating_mul(s.into())))
	}
	fn on_initialize_worst() -> Weight {
		use pallet_collator_power::WeightInfo as _;
		let decrease = <() as pallet_collator_power::WeightInfo>::update_miner_power_decrease(3);
		Self::record_seed()
			.saturating_add(Self::queue_base())
			.saturating_add(Self::queue_advance().saturating_mul(18))
			.saturating_add(Self::deadline_close(8).saturating_add(decrease).saturating_mul(16))
	}
}
