//! The per-block work queue, the challenge seeds, the composite weights and the invariants.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{
	pallet::*, QueueEntry, QueueEntryOf, QueueLane, SectorSize, WeightInfo as _, MAX_HOOK_SHARE,
	MAX_SETTLED_WINDOWS,
};
use frame_support::{pallet_prelude::*, traits::Randomness, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_collator_power::WeightInfo as _;
use power_primitives::proofs;
use sp_runtime::traits::{One, SaturatedConversion, Saturating, Zero};

/// The subject the challenge randomness is drawn with.
pub(crate) const SEED_SUBJECT: &[u8] = b"storage-provider/challenge-seed";

impl<T: Config> Pallet<T> {
	/// How many blocks a challenge seed is kept: long enough for the latest prove-commit
	/// (`MaxProveCommitDuration` after its pre-commit) and the latest PoSt (a window closes
	/// `ChallengeLookback + ChallengeWindow` after its challenge block), and for the oldest sealing
	/// ticket a pre-commit may name (`MaxSealTicketAge`).
	pub fn seed_retention() -> BlockNumberFor<T> {
		T::MaxProveCommitDuration::get()
			.max(T::ChallengeLookback::get().saturating_add(T::ChallengeWindow::get()))
			.max(T::MaxSealTicketAge::get())
			.saturating_add(One::one())
	}

	/// Records the seed of block `now` and forgets the one that left the retention window.
	pub(crate) fn record_seed(now: BlockNumberFor<T>) -> Weight {
		let (random, _) = T::Randomness::random(SEED_SUBJECT);
		let seed = proofs::block_seed(random.as_ref(), now.saturated_into::<u64>());
		ChallengeSeeds::<T>::insert(now, seed);
		let retention = Self::seed_retention();
		if now >= retention {
			ChallengeSeeds::<T>::remove(now.saturating_sub(retention));
		}
		<T as Config>::WeightInfo::record_seed()
	}

	/// Schedules `entry` for block `at` in its lane, or for the next block if `at` is not in
	/// the future (the queue only ever grows ahead of the block being processed). A block that
	/// already has `MaxQueueEntriesPerBlock` entries in the lane spills the entry to the next one
	/// with room, up to `MaxQueueSpill` blocks later; if those are all full it goes to the last
	/// one anyway. Costs at most `1 + MaxQueueSpill` reads (see [`Pallet::spill_weight`]).
	pub(crate) fn schedule(at: BlockNumberFor<T>, entry: QueueEntryOf<T>) {
		let lane = entry.lane();
		let next = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		let mut at = at.max(next);
		let cap = T::MaxQueueEntriesPerBlock::get();
		let mut position = QueueLength::<T>::get((lane, at));
		let mut probes = T::MaxQueueSpill::get();
		while position >= cap && probes > 0 {
			at = at.saturating_add(One::one());
			position = QueueLength::<T>::get((lane, at));
			probes = probes.saturating_sub(1);
		}
		Queue::<T>::insert((lane, at), position, entry);
		QueueLength::<T>::insert((lane, at), position.saturating_add(1));
	}

	/// The extra reads one [`Pallet::schedule`] may make when blocks are full: the benchmarks
	/// measure one read of the due block's length.
	pub fn spill_weight() -> Weight {
		T::DbWeight::get().reads(T::MaxQueueSpill::get().into())
	}

	/// Processes both lanes from their cursors up to `now`, deadline closes first, metered by
	/// `MaxQueueWeight`: an entry is taken only while the meter can still take the worst entry of
	/// its lane, and is charged what it really cost (a stale entry costs one read). What is left
	/// waits for the next block. Returns the weight used.
	pub(crate) fn service_queue(now: BlockNumberFor<T>) -> Weight {
		let mut meter = WeightMeter::with_limit(T::MaxQueueWeight::get());
		if meter.try_consume(<T as Config>::WeightInfo::queue_base()).is_err() {
			return Weight::zero();
		}
		for lane in QueueLane::ALL {
			Self::service_lane(lane, now, &mut meter);
		}
		meter.consumed()
	}

	/// Processes one lane from its cursor up to `now` while `meter` allows.
	fn service_lane(lane: QueueLane, now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		let worst = Self::worst_entry_weight(lane);
		let advance = <T as Config>::WeightInfo::queue_advance();
		let (mut block, mut position) = QueueCursor::<T>::get(lane).unwrap_or((now, 0));
		let mut length = QueueLength::<T>::get((lane, block));
		while block <= now {
			if position < length {
				if !meter.can_consume(worst) {
					break;
				}
				let taken = Queue::<T>::take((lane, block), position);
				let mut used = Self::take_weight();
				if let Some(entry) = taken {
					used.saturating_accrue(Self::process_entry(entry, now));
				}
				if meter.try_consume(used).is_err() {
					frame_support::defensive!("a queue entry weighed more than its worst case");
					meter.consume(meter.remaining());
				}
				position = position.saturating_add(1);
			} else {
				if !meter.can_consume(advance) {
					break;
				}
				meter.consume(advance);
				QueueLength::<T>::remove((lane, block));
				block = block.saturating_add(One::one());
				position = 0;
				if block <= now {
					length = QueueLength::<T>::get((lane, block));
				}
			}
		}
		QueueCursor::<T>::insert(lane, (block, position));
	}

	/// Processes one entry. Returns the weight used.
	fn process_entry(entry: QueueEntryOf<T>, now: BlockNumberFor<T>) -> Weight {
		match entry {
			QueueEntry::PreCommitExpiry { provider, sector_number } => {
				Self::expire_pre_commit(&provider, sector_number, now)
			}
			QueueEntry::SectorExpiry { provider, sector_number } => {
				Self::expire_sector(&provider, sector_number, now)
			}
			QueueEntry::DeadlineClose { provider, deadline, window_open } => {
				Self::process_deadline_close(&provider, deadline, window_open)
			}
		}
	}

	/// Taking an entry out of the queue: one read and one write (the entry's own benchmark
	/// measures what it does, not its removal from the queue).
	pub fn take_weight() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}

	/// The most one entry of `lane` may weigh, its removal from the queue included.
	pub fn worst_entry_weight(lane: QueueLane) -> Weight {
		Self::take_weight().saturating_add(match lane {
			QueueLane::Closes => Self::close_weight(T::MaxSectorsPerDeadline::get())
				.saturating_add(Self::power_decrease_weight()),
			QueueLane::Expiries => {
				<T as Config>::WeightInfo::pre_commit_expiry().max(Self::worst_sector_expiry())
			}
		})
	}

	/// The most a sector expiry may weigh: settling its deadline's closed windows, then ending
	/// the sector (faulty: a fault fee slashed; active: its power cut).
	pub fn worst_sector_expiry() -> Weight {
		<T as Config>::WeightInfo::queue_stale_entry()
			.saturating_add(Self::settle_windows_weight())
			.saturating_add(<T as Config>::WeightInfo::sector_expiry())
			.saturating_add(Self::power_decrease_weight())
	}

	/// The weight of closing a deadline of `s` sectors, without the power decrease: the worse of
	/// faulting them all (a missed PoSt) and terminating them all (faulty for `FaultMaxAge`).
	/// Includes the spill reads of scheduling the next close.
	pub fn close_weight(s: u32) -> Weight {
		<T as Config>::WeightInfo::deadline_close(s)
			.max(<T as Config>::WeightInfo::deadline_close_fault_age(s))
			.saturating_add(Self::spill_weight())
	}

	/// The weight of collator-power's worst-case decrease, which scales every delegation.
	pub fn power_decrease_weight() -> Weight {
		<T as pallet_collator_power::Config>::WeightInfo::update_miner_power_decrease(
			T::MaxDelegationsPerMiner::get(),
		)
	}

	/// The worst case of settling one window of a deadline: reading it, and closing it with
	/// every sector faulted or terminated.
	pub fn settle_weight() -> Weight {
		T::DbWeight::get()
			.reads(1)
			.saturating_add(Self::close_weight(T::MaxSectorsPerDeadline::get()))
			.saturating_add(Self::power_decrease_weight())
	}

	/// The worst case of settling one deadline: `MAX_SETTLED_WINDOWS` windows.
	pub fn settle_windows_weight() -> Weight {
		Self::settle_weight().saturating_mul(MAX_SETTLED_WINDOWS.into())
	}

	/// The worst case of settling the deadlines of `n` sectors: at most `DeadlineCount` distinct.
	fn settle_sectors_weight(n: u32) -> Weight {
		let settles = n.min(T::DeadlineCount::get());
		Self::settle_windows_weight().saturating_mul(settles.into())
	}

	/// The weight of `prove_commit_sectors` with `n` proofs. It reads only the deadlines it
	/// assigns sectors to (at most `n`), whatever `DeadlineCount` is, and schedules at most `2n`
	/// entries (an expiry each, a close for each deadline it starts).
	pub fn prove_commit_weight(n: u32) -> Weight {
		<T as Config>::WeightInfo::prove_commit_sectors(n)
			.saturating_add(Self::new_deadline_weight().saturating_mul(n.into()))
			.saturating_add(Self::spill_weight().saturating_mul(n.saturating_mul(2).into()))
			.saturating_add(
				<T as pallet_collator_power::Config>::WeightInfo::update_miner_power_increase(),
			)
	}

	/// What one prove-commit proof may cost beyond its benchmark: a deadline of its own (read
	/// and written, with its proof size) and that deadline's first close scheduled. The benchmark
	/// runs with the benchmark chain's `DeadlineCount` (the development chain's 3), which it cannot
	/// set, so with `n` proofs it measures at most `min(n, 3)` distinct deadlines; charging a
	/// deadline for every proof makes the weight hold for any `DeadlineCount`.
	pub fn new_deadline_weight() -> Weight {
		// Keys: the provider hashed with `Blake2_128Concat`, the index with `Twox64Concat`.
		let key = 16u64.saturating_add(T::AccountId::max_encoded_len() as u64).saturating_add(12);
		let deadline = (crate::DeadlineState::<T>::max_encoded_len() as u64).saturating_add(key);
		T::DbWeight::get().reads_writes(2, 3).saturating_add(Weight::from_parts(0, deadline))
	}

	/// The weight of `pre_commit_sectors` with `n` sectors, each scheduling an expiry.
	pub fn pre_commit_weight(n: u32) -> Weight {
		<T as Config>::WeightInfo::pre_commit_sectors(n)
			.saturating_add(Self::spill_weight().saturating_mul(n.into()))
	}

	/// The weight of `submit_windowed_post` with `n` proofs: the PoSt, settling earlier windows
	/// (with their reschedules), and the power increase of recovered sectors.
	pub fn submit_post_weight(n: u32) -> Weight {
		Self::submit_post_weight_with(
			n,
			Self::settle_windows_weight()
				.saturating_add(Self::spill_weight().saturating_mul(MAX_SETTLED_WINDOWS.into())),
		)
	}

	/// The weight of `submit_windowed_post` with `n` proofs that used `settled` to settle.
	pub(crate) fn submit_post_weight_with(n: u32, settled: Weight) -> Weight {
		<T as Config>::WeightInfo::submit_windowed_post(n).saturating_add(settled).saturating_add(
			<T as pallet_collator_power::Config>::WeightInfo::update_miner_power_increase(),
		)
	}

	/// The worst settling of the deadlines of `n` sectors, with the reschedules of their closes.
	fn worst_settled(n: u32) -> Weight {
		let settles = n.min(T::DeadlineCount::get()).saturating_mul(MAX_SETTLED_WINDOWS);
		Self::settle_sectors_weight(n)
			.saturating_add(Self::spill_weight().saturating_mul(settles.into()))
	}

	/// The weight of `declare_faults` with `n` sectors: each may settle a distinct deadline.
	pub fn declare_faults_weight(n: u32) -> Weight {
		Self::declare_faults_weight_with(n, Self::worst_settled(n))
	}

	/// The weight of `declare_faults` with `n` sectors that used `settled` to settle.
	pub(crate) fn declare_faults_weight_with(n: u32, settled: Weight) -> Weight {
		<T as Config>::WeightInfo::declare_faults(n)
			.saturating_add(settled)
			.saturating_add(Self::power_decrease_weight())
	}

	/// The weight of `declare_faults_recovered` with `n` sectors: each may settle a deadline.
	pub fn declare_recovered_weight(n: u32) -> Weight {
		Self::declare_recovered_weight_with(n, Self::worst_settled(n))
	}

	/// The weight of `declare_faults_recovered` with `n` sectors that used `settled`.
	pub(crate) fn declare_recovered_weight_with(n: u32, settled: Weight) -> Weight {
		<T as Config>::WeightInfo::declare_faults_recovered(n).saturating_add(settled)
	}

	/// The weight of `terminate_sectors` with `n` sectors: each may settle a distinct deadline.
	pub fn terminate_weight(n: u32) -> Weight {
		Self::terminate_weight_with(n, Self::worst_settled(n))
	}

	/// The weight of `terminate_sectors` with `n` sectors that used `settled` to settle.
	pub(crate) fn terminate_weight_with(n: u32, settled: Weight) -> Weight {
		<T as Config>::WeightInfo::terminate_sectors(n)
			.saturating_add(settled)
			.saturating_add(Self::power_decrease_weight())
	}

	/// The weight of `unregister_storage_provider`: this pallet's part and the miner removal.
	pub fn unregister_weight() -> Weight {
		<T as Config>::WeightInfo::unregister_storage_provider()
	}

	/// The worst case of `on_initialize`: the seed and the whole queue budget (the meter never
	/// lets the queue spend more).
	pub fn on_initialize_worst_weight() -> Weight {
		<T as Config>::WeightInfo::record_seed().saturating_add(T::MaxQueueWeight::get())
	}

	/// Checks that the constants are consistent. Panics (in `integrity_test`, at build time)
	/// if not.
	pub(crate) fn check_constants() {
		let window = T::ChallengeWindow::get();
		let deadlines = T::DeadlineCount::get();
		assert!(deadlines > 0, "DeadlineCount must be positive");
		assert!(!window.is_zero(), "ChallengeWindow must be positive");
		assert!(
			window.saturating_mul(deadlines.into()) == T::ProvingPeriod::get(),
			"ChallengeWindow × DeadlineCount must equal ProvingPeriod"
		);
		assert!(
			T::FaultDeclarationCutoff::get() >= T::ChallengeLookback::get(),
			"faults must be declared before the challenge is drawn"
		);
		assert!(
			!T::PreCommitChallengeDelay::get().is_zero(),
			"the prove-commit randomness must come after the pre-commit"
		);
		assert!(
			T::MaxProveCommitDuration::get() >= T::PreCommitChallengeDelay::get(),
			"a pre-commit must be provable"
		);
		assert!(
			T::MinSectorLifetime::get() > T::MaxProveCommitDuration::get(),
			"a pre-committed sector must not expire before it can be proven"
		);
		assert!(T::MaxSectorLifetime::get() >= T::MinSectorLifetime::get());
		assert!(T::ChallengesPerProof::get() > 0, "a proof needs challenges");
		assert!(T::MaxSectorsPerCall::get() > 0 && T::MaxSectorsPerDeadline::get() > 0);
		assert!(
			T::FaultDeclarationCutoff::get() < window,
			"the fault cutoff must be shorter than a challenge window, so a deadline's faults can be \
			 declared between its windows"
		);
		// The randomness source's output for block `b` is known from block `b - 1` (the parent
		// hash is its fresh part), so both challenge blocks must come at least a block after the
		// provider commits: the pre-commit (checked above) and the fault cutoff.
		assert!(
			!T::ChallengeLookback::get().is_zero(),
			"a PoSt challenge must be drawn after its window's fault cutoff is fixed"
		);
		assert!(
			T::DeadlineCount::get() <= T::MaxDeadlineCount::get(),
			"DeadlineCount must not exceed MaxDeadlineCount"
		);
		assert!(T::MaxQueueEntriesPerBlock::get() > 0, "a block must take queue entries");
		assert!(
			T::UndetectedFaultFee::get() >= T::FaultFee::get(),
			"a declared fault must not cost more than an undetected one"
		);
		// The queue makes progress in both lanes, and a block's closes are all processed in it.
		let budget = T::MaxQueueWeight::get();
		let base = <T as Config>::WeightInfo::queue_base()
			.saturating_add(<T as Config>::WeightInfo::queue_advance().saturating_mul(2));
		let closes = Self::worst_entry_weight(QueueLane::Closes)
			.saturating_mul(T::MaxQueueEntriesPerBlock::get().into());
		let one_expiry = Self::worst_entry_weight(QueueLane::Expiries);
		assert!(
			base.saturating_add(closes).saturating_add(one_expiry).all_lte(budget),
			"MaxQueueWeight must hold a block's worth of worst closes and one worst expiry"
		);
		let max_block = T::BlockWeights::get().max_block;
		assert!(
			Self::on_initialize_worst_weight().all_lte(MAX_HOOK_SHARE * max_block),
			"the worst on_initialize must fit in MAX_HOOK_SHARE of a block"
		);
		// Sealing: every size with parameters can be proven, batch by batch, within bounds.
		use sp_runtime::traits::Convert;
		let mut sealable = 0;
		for size in SectorSize::ALL {
			let Some(params) = T::SealParams::convert(size) else { continue };
			let depth = params.check(size.leaf_count());
			assert!(depth.is_ok(), "the sealing parameters of {size:?} are invalid");
			let len = power_primitives::porep::max_encoded_batch_len(size.leaf_count(), &params)
				.unwrap_or(usize::MAX);
			assert!(
				len <= T::MaxSealBatchBytes::get() as usize,
				"a {size:?} batch ({len} bytes) does not fit MaxSealBatchBytes"
			);
			// The prove-commit weight is benchmarked on a last batch: a partial one would be
			// lighter than the full batches it stands for.
			assert!(
				params.porep_challenges.is_multiple_of(params.challenges_per_batch),
				"{size:?}: the challenges must split into full batches"
			);
			sealable += 1;
		}
		assert!(sealable > 0, "no sector size can be sealed: no provider could get power");
		assert!(
			Self::prove_commit_weight(T::MaxSectorsPerCall::get())
				.all_lte(T::BlockWeights::get().max_block / 4),
			"a full prove_commit_sectors must fit in a quarter of a block"
		);
	}

	/// Checks the pallet's invariants:
	/// - every provider's active sector bytes equal its `raw_bytes_power` in collator-power;
	/// - the held pre-commit deposits and pledges equal the recorded ones;
	/// - the provider's counts match its pre-commits and sectors, within the bound;
	/// - every sector is in exactly the deadline it names, and every deadline holds only its
	///   sectors and has its close queued;
	/// - every pre-commit and sector has its expiry queued;
	/// - every provider has its collator-power miner, and its recorded deadline loads match;
	/// - every queue entry is in its lane, at or after its lane's cursor;
	/// - nothing is stored for unknown providers, and the seeds stay within their retention.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::{CollateralOf, PowerOf};
		use alloc::collections::btree_set::BTreeSet;
		use frame_support::traits::fungible::InspectHold;

		let mut queued_closes = BTreeSet::new();
		let mut queued_pre_commits = BTreeSet::new();
		let mut queued_sectors = BTreeSet::new();
		for ((lane, block), position, entry) in Queue::<T>::iter() {
			ensure!(entry.lane() == lane, "a queue entry in the wrong lane");
			ensure!(
				position < QueueLength::<T>::get((lane, block)),
				"a queue entry beyond its length"
			);
			if let Some((cursor_block, cursor_position)) = QueueCursor::<T>::get(lane) {
				ensure!(
					block > cursor_block || (block == cursor_block && position >= cursor_position),
					"a queue entry behind the cursor"
				);
			}
			match entry {
				QueueEntry::PreCommitExpiry { provider, sector_number } => {
					queued_pre_commits.insert((provider, sector_number));
				}
				QueueEntry::SectorExpiry { provider, sector_number } => {
					queued_sectors.insert((provider, sector_number));
				}
				QueueEntry::DeadlineClose { provider, deadline, window_open } => {
					queued_closes.insert((provider, deadline, window_open));
				}
			}
		}

		for (provider, info) in StorageProviders::<T>::iter() {
			// Collator-power's `MinerInUse` keeps a provider's miner while it is registered.
			ensure!(
				pallet_collator_power::MinerClaims::<T>::contains_key(&provider),
				"a registered provider has no miner"
			);
			let mut pre_commits: u32 = 0;
			let mut deposits = CollateralOf::<T>::zero();
			let batches = Self::seal_params(info.sector_size).map(|params| params.batch_count());
			for (sector_number, pre_commit) in PreCommittedSectors::<T>::iter_prefix(&provider) {
				pre_commits = pre_commits.saturating_add(1);
				deposits = deposits.saturating_add(pre_commit.deposit);
				ensure!(
					queued_pre_commits.contains(&(provider.clone(), sector_number)),
					"a pre-commit has no expiry queued"
				);
				// A pre-commit whose last batch is proven is a sector, not a pre-commit.
				ensure!(
					batches.is_some_and(|batches| pre_commit.batches_proven < batches),
					"a pre-commit has all its batches proven, or its size cannot be sealed"
				);
			}
			ensure!(pre_commits == info.pre_commits, "the pre-commit count differs");
			ensure!(
				T::Collateral::balance_on_hold(&HoldReason::PreCommitDeposit.into(), &provider)
					== deposits,
				"the held pre-commit deposits differ from the recorded ones"
			);

			let mut sectors: u32 = 0;
			let mut pledges = CollateralOf::<T>::zero();
			let mut active = PowerOf::<T>::zero();
			for (sector_number, sector) in Sectors::<T>::iter_prefix(&provider) {
				sectors = sectors.saturating_add(1);
				pledges = pledges.saturating_add(sector.pledge);
				ensure!(sector.pledge <= sector.initial_pledge, "a pledge grew");
				if sector.is_active() {
					active = active.saturating_add(Self::power_of(info.sector_size));
				}
				ensure!(
					Deadlines::<T>::get(&provider, sector.deadline)
						.is_some_and(|d| d.sectors.contains(&sector_number)),
					"a sector is missing from its deadline"
				);
				ensure!(
					queued_sectors.contains(&(provider.clone(), sector_number)),
					"a sector has no expiry queued"
				);
			}
			ensure!(sectors == info.sectors, "the sector count differs");
			ensure!(
				sectors.saturating_add(pre_commits) <= Self::max_sectors_per_provider(),
				"a provider has more sectors than the bound"
			);
			ensure!(
				T::Collateral::balance_on_hold(&HoldReason::SectorPledge.into(), &provider)
					== pledges,
				"the held pledges differ from the recorded ones"
			);
			let raw = pallet_collator_power::MinerClaims::<T>::get(&provider)
				.map(|claim| claim.raw_bytes_power)
				.unwrap_or_default();
			ensure!(raw == active, "active sector bytes differ from the miner's raw power");

			let mut in_deadlines: u32 = 0;
			for (index, deadline) in Deadlines::<T>::iter_prefix(&provider) {
				ensure!(index < T::DeadlineCount::get(), "a deadline index out of range");
				ensure!(!deadline.sectors.is_empty(), "an empty deadline is stored");
				let unique: BTreeSet<_> = deadline.sectors.iter().collect();
				ensure!(unique.len() == deadline.sectors.len(), "a deadline names a sector twice");
				for sector_number in deadline.sectors.iter() {
					ensure!(
						Sectors::<T>::get(&provider, sector_number)
							.is_some_and(|s| s.deadline == index),
						"a deadline names a sector that is not its own"
					);
				}
				let open = deadline.pending_window.ok_or("a deadline without a pending window")?;
				ensure!(
					queued_closes.contains(&(provider.clone(), index, open)),
					"a deadline's close is not queued"
				);
				in_deadlines = in_deadlines.saturating_add(deadline.sectors.len() as u32);
				ensure!(
					info.deadline_load(index) == deadline.sectors.len() as u32,
					"a deadline's recorded load differs from its sectors"
				);
			}
			let loads: u32 = info.deadline_sectors.iter().sum();
			ensure!(loads == sectors, "the recorded deadline loads differ from the sectors");
			ensure!(in_deadlines == sectors, "the deadlines hold other sectors than the provider");
		}

		for (provider, _) in PreCommittedSectors::<T>::iter_keys() {
			ensure!(StorageProviders::<T>::contains_key(&provider), "an orphan pre-commit");
		}
		for (provider, _) in Sectors::<T>::iter_keys() {
			ensure!(StorageProviders::<T>::contains_key(&provider), "an orphan sector");
		}
		for (provider, _) in Deadlines::<T>::iter_keys() {
			ensure!(StorageProviders::<T>::contains_key(&provider), "an orphan deadline");
		}
		let retention: u64 = Self::seed_retention().saturated_into();
		ensure!(
			ChallengeSeeds::<T>::iter_keys().count() as u64 <= retention,
			"more seeds are kept than the retention"
		);
		Ok(())
	}
}
