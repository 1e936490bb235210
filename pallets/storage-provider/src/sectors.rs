//! Registration and the sector lifecycle: pre-commit, prove-commit, termination, expiry, and the
//! collateral and power bookkeeping they share.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{
	deadline::Schedule, pallet::*, CollateralOf, DeadlineIndex, DeadlineState, PowerOf, PreCommit,
	ProviderInfo, QueueEntry, SealBatchProof, Sector, SectorNumber, SectorPreCommitInfo,
	SectorSize, SectorState, TerminationReason, WeightInfo as _,
};
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{BalancedHold, MutateHold},
		tokens::imbalance::Imbalance as _,
		tokens::Precision,
		OnUnbalanced,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_collator_power::PowerDelta;
use power_primitives::{
	porep::{self, SdrParams, SealInputs, SealVerifier as _},
	proofs::{self, ChallengePurpose, ProofVerifier as _},
};
use sp_runtime::{
	traits::{Convert, Saturating, UniqueSaturatedInto, Zero},
	DispatchResult, Perbill,
};

impl<T: Config> Pallet<T> {
	/// Registers `provider`, creating its collator-power miner if it has none.
	pub(crate) fn do_register(
		provider: &T::AccountId,
		sector_size: SectorSize,
		peer_id: BoundedVec<u8, T::MaxPeerIdLength>,
	) -> DispatchResult {
		ensure!(
			!StorageProviders::<T>::contains_key(provider),
			Error::<T>::StorageProviderAlreadyRegistered
		);
		ensure!(Self::is_provable(sector_size), Error::<T>::SectorSizeUnprovable);
		ensure!(Self::seal_params(sector_size).is_some(), Error::<T>::SectorSizeNotSealable);
		if !pallet_collator_power::MinerClaims::<T>::contains_key(provider) {
			pallet_collator_power::Pallet::<T>::do_create_miner(provider)?;
		}
		let proving_period_start = frame_system::Pallet::<T>::block_number();
		StorageProviders::<T>::insert(
			provider,
			ProviderInfo::<T> {
				peer_id: peer_id.clone(),
				sector_size,
				proving_period_start,
				sectors: 0,
				pre_commits: 0,
				deadline_sectors: Default::default(),
			},
		);
		Self::deposit_event(Event::StorageProviderRegistered {
			provider: provider.clone(),
			sector_size,
			peer_id,
			proving_period_start,
		});
		Ok(())
	}

	/// Unregisters `provider`, which must have no sectors and no pre-commits, and removes its
	/// collator-power miner, releasing the miner deposit.
	pub(crate) fn do_unregister(provider: &T::AccountId) -> DispatchResult {
		let info =
			StorageProviders::<T>::get(provider).ok_or(Error::<T>::StorageProviderNotFound)?;
		ensure!(info.sectors == 0, Error::<T>::ProviderHasSectors);
		ensure!(info.pre_commits == 0, Error::<T>::ProviderHasPreCommits);
		// No sectors: no deadlines, no power. Stale queue entries of the provider stay and are
		// dropped as stale (a later registration's entries are checked against its own state).
		StorageProviders::<T>::remove(provider);
		let deposit = pallet_collator_power::Pallet::<T>::do_remove_miner(provider)?;
		Self::deposit_event(Event::StorageProviderUnregistered {
			provider: provider.clone(),
			deposit,
		});
		Ok(())
	}

	/// Pre-commits `sectors` and holds their deposits.
	pub(crate) fn do_pre_commit(
		provider: &T::AccountId,
		sectors: BoundedVec<SectorPreCommitInfo<BlockNumberFor<T>>, T::MaxSectorsPerCall>,
	) -> DispatchResult {
		ensure!(!sectors.is_empty(), Error::<T>::NoSectors);
		let mut info =
			StorageProviders::<T>::get(provider).ok_or(Error::<T>::StorageProviderNotFound)?;
		let count = sectors.len() as u32;
		ensure!(
			info.sectors.saturating_add(info.pre_commits).saturating_add(count)
				<= Self::max_sectors_per_provider(),
			Error::<T>::TooManySectors
		);
		let now = frame_system::Pallet::<T>::block_number();
		let earliest = now.saturating_add(T::MinSectorLifetime::get());
		let latest = now.saturating_add(T::MaxSectorLifetime::get());
		let oldest_ticket = now.saturating_sub(T::MaxSealTicketAge::get());
		let mut seen = BTreeSet::new();
		let mut tickets = BTreeMap::new();
		for sector in sectors.iter() {
			let ticket_block = sector.seal_ticket_block;
			ensure!(
				ticket_block <= now && ticket_block >= oldest_ticket,
				Error::<T>::InvalidSealTicket
			);
			if let alloc::collections::btree_map::Entry::Vacant(entry) = tickets.entry(ticket_block)
			{
				entry.insert(
					ChallengeSeeds::<T>::get(ticket_block).ok_or(Error::<T>::InvalidSealTicket)?,
				);
			}
			ensure!(seen.insert(sector.sector_number), Error::<T>::DuplicateSector);
			ensure!(
				!PreCommittedSectors::<T>::contains_key(provider, sector.sector_number)
					&& !Sectors::<T>::contains_key(provider, sector.sector_number),
				Error::<T>::SectorNumberInUse
			);
			ensure!(sector.expiration >= earliest, Error::<T>::ExpirationTooSoon);
			ensure!(sector.expiration <= latest, Error::<T>::ExpirationTooLate);
		}

		let deposit = Self::deposit_for(info.sector_size);
		let total = deposit.saturating_mul(count.into());
		T::Collateral::hold(&HoldReason::PreCommitDeposit.into(), provider, total)?;
		let expiry =
			now.saturating_add(T::MaxProveCommitDuration::get()).saturating_add(1u32.into());
		for sector in sectors {
			PreCommittedSectors::<T>::insert(
				provider,
				sector.sector_number,
				PreCommit::<T> {
					comm_d: sector.comm_d,
					comm_c: sector.comm_c,
					comm_r_last: sector.comm_r_last,
					ticket: tickets.get(&sector.seal_ticket_block).copied().unwrap_or_default(),
					expiration: sector.expiration,
					pre_commit_block: now,
					deposit,
					batches_proven: 0,
				},
			);
			Self::schedule(
				expiry,
				QueueEntry::PreCommitExpiry {
					provider: provider.clone(),
					sector_number: sector.sector_number,
				},
			);
			Self::deposit_event(Event::SectorPreCommitted {
				provider: provider.clone(),
				sector_number: sector.sector_number,
				deposit,
			});
		}
		info.pre_commits = info.pre_commits.saturating_add(count);
		StorageProviders::<T>::insert(provider, info);
		Ok(())
	}

	/// Verifies one prove-commit batch of each named sector; activates the sectors whose last
	/// batch it is and raises the provider's power.
	pub(crate) fn do_prove_commit(
		provider: &T::AccountId,
		proofs: BoundedVec<SealBatchProof<T::MaxSealBatchBytes>, T::MaxSectorsPerCall>,
	) -> DispatchResult {
		ensure!(!proofs.is_empty(), Error::<T>::NoSectors);
		let mut info =
			StorageProviders::<T>::get(provider).ok_or(Error::<T>::StorageProviderNotFound)?;
		let now = frame_system::Pallet::<T>::block_number();
		let schedule = Self::schedule_of(&info);
		let max_per_deadline = T::MaxSectorsPerDeadline::get();
		let deadline_count = T::DeadlineCount::get();
		// Only the deadlines that receive a sector are read (at most one per proof): the loads
		// come from the provider's record.
		let mut deadlines: BTreeMap<DeadlineIndex, DeadlineState<T>> = BTreeMap::new();
		let provider_bytes = provider.encode();
		let mut seen = BTreeSet::new();
		let mut power = PowerOf::<T>::zero();
		let params =
			Self::seal_params(info.sector_size).ok_or(Error::<T>::SectorSizeNotSealable)?;
		let batches = params.batch_count();

		for proof in proofs {
			let sector_number = proof.sector_number;
			ensure!(seen.insert(sector_number), Error::<T>::DuplicateSector);
			ensure!(
				!Sectors::<T>::contains_key(provider, sector_number),
				Error::<T>::SectorAlreadyProven
			);
			let mut pre_commit = PreCommittedSectors::<T>::get(provider, sector_number)
				.ok_or(Error::<T>::PreCommitNotFound)?;
			let seed_block =
				pre_commit.pre_commit_block.saturating_add(T::PreCommitChallengeDelay::get());
			ensure!(now >= seed_block, Error::<T>::ProveCommitTooEarly);
			ensure!(
				now <= pre_commit.pre_commit_block.saturating_add(T::MaxProveCommitDuration::get()),
				Error::<T>::ProveCommitTooLate
			);
			ensure!(pre_commit.expiration > now, Error::<T>::ExpirationTooSoon);
			ensure!(proof.batch == pre_commit.batches_proven, Error::<T>::WrongSealBatch);
			let seed = Self::challenge_seed_at(
				&provider_bytes,
				seed_block,
				ChallengePurpose::ProveCommit,
			)?;
			let inputs = SealInputs {
				provider: &provider_bytes,
				sector_number,
				ticket: pre_commit.ticket,
				comm_d: pre_commit.comm_d,
				comm_c: pre_commit.comm_c,
				comm_r_last: pre_commit.comm_r_last,
			};
			T::SealVerifier::verify_seal_batch(
				&params,
				info.sector_size.leaf_count(),
				&inputs,
				&seed,
				proof.batch,
				&proof.proof,
			)
			.map_err(|_| Error::<T>::InvalidProof)?;
			pre_commit.batches_proven = proof.batch.saturating_add(1);
			if pre_commit.batches_proven < batches {
				PreCommittedSectors::<T>::insert(provider, sector_number, &pre_commit);
				Self::deposit_event(Event::SealBatchProven {
					provider: provider.clone(),
					sector_number,
					batch: proof.batch,
					batches,
				});
				continue;
			}

			// The deposit becomes the pledge: still held, under the pledge reason.
			T::Collateral::release(
				&HoldReason::PreCommitDeposit.into(),
				provider,
				pre_commit.deposit,
				Precision::Exact,
			)?;
			T::Collateral::hold(&HoldReason::SectorPledge.into(), provider, pre_commit.deposit)?;

			// The least loaded deadline with room, the lowest index on ties.
			let index = (0..deadline_count)
				.map(|i| (info.deadline_load(i), i))
				.filter(|(load, _)| *load < max_per_deadline)
				.min()
				.map(|(_, i)| i)
				.ok_or(Error::<T>::DeadlinesFull)?;
			ensure!(info.add_to_deadline(index), Error::<T>::DeadlinesFull);
			let deadline = deadlines
				.entry(index)
				.or_insert_with(|| Deadlines::<T>::get(provider, index).unwrap_or_default());
			deadline.sectors.try_push(sector_number).map_err(|_| Error::<T>::DeadlinesFull)?;
			if deadline.pending_window.is_none() {
				let window = schedule.window_at_or_after(index, now);
				deadline.pending_window = Some(window.open);
				deadline.proven = false;
				Self::schedule(
					window.close,
					QueueEntry::DeadlineClose {
						provider: provider.clone(),
						deadline: index,
						window_open: window.open,
					},
				);
			}

			Sectors::<T>::insert(
				provider,
				sector_number,
				Sector::<T> {
					comm_r_last: pre_commit.comm_r_last,
					activation: now,
					expiration: pre_commit.expiration,
					deadline: index,
					initial_pledge: pre_commit.deposit,
					pledge: pre_commit.deposit,
					state: SectorState::Active,
				},
			);
			PreCommittedSectors::<T>::remove(provider, sector_number);
			Self::schedule(
				pre_commit.expiration,
				QueueEntry::SectorExpiry { provider: provider.clone(), sector_number },
			);
			info.pre_commits = info.pre_commits.saturating_sub(1);
			info.sectors = info.sectors.saturating_add(1);
			power = power.saturating_add(Self::power_of(info.sector_size));
			Self::deposit_event(Event::SectorProven {
				provider: provider.clone(),
				sector_number,
				deadline: index,
				pledge: pre_commit.deposit,
			});
		}

		for (index, deadline) in deadlines {
			Deadlines::<T>::insert(provider, index, deadline);
		}
		StorageProviders::<T>::insert(provider, info);
		if power.is_zero() {
			return Ok(());
		}
		pallet_collator_power::Pallet::<T>::update_miner_power(
			provider,
			PowerDelta::Increase(power),
		)
	}

	/// Terminates `sectors` at the provider's request. Returns the weight spent settling.
	pub(crate) fn do_terminate_sectors(
		provider: &T::AccountId,
		sectors: BoundedVec<SectorNumber, T::MaxSectorsPerCall>,
	) -> Result<Weight, DispatchError> {
		ensure!(!sectors.is_empty(), Error::<T>::NoSectors);
		let info =
			StorageProviders::<T>::get(provider).ok_or(Error::<T>::StorageProviderNotFound)?;
		let now = frame_system::Pallet::<T>::block_number();
		let mut seen = BTreeSet::new();
		let mut lost = PowerOf::<T>::zero();
		let mut settled = Weight::zero();
		for sector_number in sectors {
			ensure!(seen.insert(sector_number), Error::<T>::DuplicateSector);
			let sector = Self::settled_sector(provider, sector_number, now, &mut settled)?;
			if sector.is_active() {
				lost = lost.saturating_add(Self::power_of(info.sector_size));
			}
			let deadline = sector.deadline;
			let (fee, released) =
				Self::end_sector(provider, sector_number, sector, T::TerminationFee::get());
			Self::remove_from_deadline(provider, deadline, sector_number);
			Self::deposit_event(Event::SectorTerminated {
				provider: provider.clone(),
				sector_number,
				reason: TerminationReason::Requested,
				fee,
				released,
			});
		}
		Self::decrease_power(provider, lost);
		Ok(settled)
	}

	/// Slashes the deposit of a pre-commit that was not proven in time. Returns the weight used.
	pub(crate) fn expire_pre_commit(
		provider: &T::AccountId,
		sector_number: SectorNumber,
		now: BlockNumberFor<T>,
	) -> Weight {
		let stale = <T as Config>::WeightInfo::queue_stale_entry();
		let Some(pre_commit) = PreCommittedSectors::<T>::get(provider, sector_number) else {
			return stale;
		};
		// A later pre-commit reusing the number has its own entry.
		if pre_commit.pre_commit_block.saturating_add(T::MaxProveCommitDuration::get()) >= now {
			return stale;
		}
		let slashed = Self::slash_hold(provider, HoldReason::PreCommitDeposit, pre_commit.deposit);
		PreCommittedSectors::<T>::remove(provider, sector_number);
		StorageProviders::<T>::mutate(provider, |info| {
			if let Some(info) = info {
				info.pre_commits = info.pre_commits.saturating_sub(1);
			}
		});
		Self::deposit_event(Event::PreCommitExpired {
			provider: provider.clone(),
			sector_number,
			slashed,
		});
		<T as Config>::WeightInfo::pre_commit_expiry()
	}

	/// Ends a sector that reached its expiration. Returns the weight used.
	pub(crate) fn expire_sector(
		provider: &T::AccountId,
		sector_number: SectorNumber,
		now: BlockNumberFor<T>,
	) -> Weight {
		let mut weight = <T as Config>::WeightInfo::queue_stale_entry();
		let Some(sector) = Sectors::<T>::get(provider, sector_number) else { return weight };
		// A later sector reusing the number has its own entry.
		if sector.expiration > now {
			return weight;
		}
		// Settle a window that closed before: a missed PoSt is still charged.
		weight.saturating_accrue(Self::settle_deadline(provider, sector.deadline, now));
		let Some(sector) = Sectors::<T>::get(provider, sector_number) else { return weight };
		let lost = if sector.is_active() {
			StorageProviders::<T>::get(provider)
				.map(|info| Self::power_of(info.sector_size))
				.unwrap_or_default()
		} else {
			Zero::zero()
		};
		// A faulty sector owes the fault fee of the (partial) period it ends in, as it would at
		// its deadline's next close, unless it became faulty at a close of this very block (that
		// close charged it).
		let fee = match sector.state {
			SectorState::Faulty { since, .. } if since < now => T::FaultFee::get(),
			_ => Perbill::zero(),
		};
		let deadline = sector.deadline;
		let (fee, released) = Self::end_sector(provider, sector_number, sector, fee);
		Self::remove_from_deadline(provider, deadline, sector_number);
		Self::deposit_event(Event::SectorExpired {
			provider: provider.clone(),
			sector_number,
			fee,
			released,
		});
		weight.saturating_accrue(<T as Config>::WeightInfo::sector_expiry());
		if !lost.is_zero() {
			Self::decrease_power(provider, lost);
			weight.saturating_accrue(Self::power_decrease_weight());
		}
		weight
	}

	/// Removes a proven sector: slashes `fee` of its initial pledge (at most what is left) and
	/// releases the rest. Returns `(fee slashed, pledge released)`. The caller removes it from its
	/// deadline and cuts the power.
	pub(crate) fn end_sector(
		provider: &T::AccountId,
		sector_number: SectorNumber,
		mut sector: Sector<T>,
		fee: Perbill,
	) -> (CollateralOf<T>, CollateralOf<T>) {
		let fee = Self::charge_fee(provider, &mut sector, fee);
		let released = if sector.pledge.is_zero() {
			Zero::zero()
		} else {
			T::Collateral::release(
				&HoldReason::SectorPledge.into(),
				provider,
				sector.pledge,
				Precision::BestEffort,
			)
			.unwrap_or_else(|_| {
				frame_support::defensive!("a sector's pledge could not be released");
				Zero::zero()
			})
		};
		Sectors::<T>::remove(provider, sector_number);
		StorageProviders::<T>::mutate(provider, |info| {
			if let Some(info) = info {
				info.sectors = info.sectors.saturating_sub(1);
				info.remove_from_deadline(sector.deadline);
			}
		});
		(fee, released)
	}

	/// Slashes `fee × initial pledge` (at most what is left of the pledge) from `sector`'s
	/// pledge and hands it to `OnSlash`. Returns the amount slashed.
	pub(crate) fn charge_fee(
		provider: &T::AccountId,
		sector: &mut Sector<T>,
		fee: Perbill,
	) -> CollateralOf<T> {
		let amount = fee.mul_floor(sector.initial_pledge).min(sector.pledge);
		let slashed = Self::slash_hold(provider, HoldReason::SectorPledge, amount);
		sector.pledge = sector.pledge.saturating_sub(slashed);
		slashed
	}

	/// Slashes `amount` held for `reason` and hands it to `OnSlash`. Returns the amount slashed.
	fn slash_hold(
		provider: &T::AccountId,
		reason: HoldReason,
		amount: CollateralOf<T>,
	) -> CollateralOf<T> {
		if amount.is_zero() {
			return Zero::zero();
		}
		let (credit, missing) = T::Collateral::slash(&reason.into(), provider, amount);
		if !missing.is_zero() {
			frame_support::defensive!("less collateral was held than recorded");
		}
		let slashed = credit.peek();
		T::OnSlash::on_unbalanced(credit);
		slashed
	}

	/// Removes `sector_number` from deadline `index`, removing the deadline when it empties.
	pub(crate) fn remove_from_deadline(
		provider: &T::AccountId,
		index: DeadlineIndex,
		sector_number: SectorNumber,
	) {
		Deadlines::<T>::mutate_exists(provider, index, |maybe| {
			if let Some(deadline) = maybe {
				deadline.sectors.retain(|s| *s != sector_number);
				if deadline.sectors.is_empty() {
					// Its scheduled close finds no deadline and is dropped as stale.
					*maybe = None;
				}
			}
		});
	}

	/// Cuts `provider`'s power by `amount` in collator-power, scaling its delegations.
	pub(crate) fn decrease_power(provider: &T::AccountId, amount: PowerOf<T>) {
		if amount.is_zero() {
			return;
		}
		if pallet_collator_power::Pallet::<T>::update_miner_power(
			provider,
			PowerDelta::Decrease(amount),
		)
		.is_err()
		{
			// Active sectors imply raw power, which implies a miner.
			frame_support::defensive!("a provider with active sectors has no miner");
		}
	}

	/// The challenge seed of `provider_bytes` for `purpose` from the randomness recorded at
	/// `seed_block`.
	pub(crate) fn challenge_seed_at(
		provider_bytes: &[u8],
		seed_block: BlockNumberFor<T>,
		purpose: ChallengePurpose,
	) -> Result<[u8; 32], DispatchError> {
		let block_seed = ChallengeSeeds::<T>::get(seed_block)
			.ok_or(Error::<T>::ChallengeRandomnessUnavailable)?;
		Ok(proofs::challenge_seed(&block_seed, provider_bytes, purpose))
	}

	/// Verifies one sector's windowed PoSt (leaves of its replica, `comm_r_last`) against the
	/// randomness recorded at `seed_block`.
	pub(crate) fn verify_proof(
		provider_bytes: &[u8],
		seed_block: BlockNumberFor<T>,
		purpose: ChallengePurpose,
		sector_size: SectorSize,
		comm_r_last: &proofs::Commitment,
		sector_number: SectorNumber,
		proof: &[u8],
	) -> DispatchResult {
		let seed = Self::challenge_seed_at(provider_bytes, seed_block, purpose)?;
		T::ProofVerifier::verify(
			comm_r_last,
			sector_size.leaf_count(),
			&seed,
			sector_number,
			T::ChallengesPerProof::get(),
			proof,
		)
		.map_err(|_| Error::<T>::InvalidProof.into())
	}

	/// The pre-commit deposit (and so the initial pledge) of a sector of `size`.
	pub fn deposit_for(size: SectorSize) -> CollateralOf<T> {
		T::DepositPerKiB::get().saturating_mul(size.kib().unique_saturated_into())
	}

	/// Whether a proof of a sector of `size` (`ChallengesPerProof` leaves and their paths) fits
	/// `MaxProofBytes`.
	pub fn is_provable(size: SectorSize) -> bool {
		proofs::encoded_proof_len(size.leaf_count(), T::ChallengesPerProof::get())
			.is_ok_and(|len| len <= T::MaxProofBytes::get() as usize)
	}

	/// The sealing parameters of `size`, if it has any and its largest prove-commit batch fits
	/// `MaxSealBatchBytes`: a size without them cannot be registered.
	pub fn seal_params(size: SectorSize) -> Option<SdrParams> {
		let params = T::SealParams::convert(size)?;
		let len = porep::max_encoded_batch_len(size.leaf_count(), &params).ok()?;
		(params.batch_count() > 0 && len <= T::MaxSealBatchBytes::get() as usize).then_some(params)
	}

	/// The storage power of a sector of `size`: its size in bytes.
	pub fn power_of(size: SectorSize) -> PowerOf<T> {
		size.bytes().unique_saturated_into()
	}

	/// The most sectors, proven and pre-committed, a provider may have.
	pub fn max_sectors_per_provider() -> u32 {
		T::DeadlineCount::get().saturating_mul(T::MaxSectorsPerDeadline::get())
	}

	/// The deadline schedule of a provider.
	pub(crate) fn schedule_of(info: &ProviderInfo<T>) -> Schedule<BlockNumberFor<T>> {
		Schedule {
			start: info.proving_period_start,
			proving_period: T::ProvingPeriod::get(),
			challenge_window: T::ChallengeWindow::get(),
			challenge_lookback: T::ChallengeLookback::get(),
			fault_cutoff: T::FaultDeclarationCutoff::get(),
		}
	}
}
