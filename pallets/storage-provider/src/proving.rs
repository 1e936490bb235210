//! Proving deadlines: windowed PoSt, fault and recovery declarations, and what happens when a
//! deadline's window closes.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{
	pallet::*, CollateralOf, DeadlineIndex, DeadlineInfo, DeadlineState, PowerOf, QueueEntry,
	Sector, SectorNumber, SectorProof, SectorState, TerminationReason, WeightInfo as _,
	MAX_SETTLED_WINDOWS,
};
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use codec::Encode;
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_collator_power::PowerDelta;
use power_primitives::proofs::ChallengePurpose;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Accepts a PoSt for the open window of `index`. Returns the weight spent settling the
	/// deadline's earlier windows.
	pub(crate) fn do_submit_windowed_post(
		provider: &T::AccountId,
		index: DeadlineIndex,
		proofs: BoundedVec<SectorProof<T::MaxProofBytes>, T::MaxSectorsPerDeadline>,
	) -> Result<Weight, DispatchError> {
		let info =
			StorageProviders::<T>::get(provider).ok_or(Error::<T>::StorageProviderNotFound)?;
		ensure!(index < T::DeadlineCount::get(), Error::<T>::InvalidDeadline);
		let now = frame_system::Pallet::<T>::block_number();
		let window = Self::schedule_of(&info).window_at_or_after(index, now);
		ensure!(window.is_open(now), Error::<T>::DeadlineNotOpen);
		// Earlier windows that closed but wait in the queue are settled first.
		let settled = Self::settle_deadline(provider, index, now);
		let mut deadline =
			Deadlines::<T>::get(provider, index).ok_or(Error::<T>::DeadlineHasNoSectors)?;
		ensure!(deadline.pending_window == Some(window.open), Error::<T>::DeadlineBacklog);
		ensure!(!deadline.proven, Error::<T>::PoStAlreadySubmitted);

		let provider_bytes = provider.encode();
		let mut seen = BTreeSet::new();
		let mut recovered: Vec<SectorNumber> = Vec::new();
		for proof in proofs.iter() {
			let sector_number = proof.sector_number;
			ensure!(seen.insert(sector_number), Error::<T>::DuplicateSector);
			ensure!(deadline.sectors.contains(&sector_number), Error::<T>::SectorNotInDeadline);
			let sector =
				Sectors::<T>::get(provider, sector_number).ok_or(Error::<T>::SectorNotFound)?;
			match sector.state {
				SectorState::Active => {}
				SectorState::Faulty { recovering: true, .. } => recovered.push(sector_number),
				SectorState::Faulty { recovering: false, .. } => {
					return Err(Error::<T>::SectorFaultyNotRecovering.into())
				}
			}
			Self::verify_proof(
				&provider_bytes,
				window.challenge,
				ChallengePurpose::WindowPoSt,
				info.sector_size,
				&sector.comm_r_last,
				sector_number,
				&proof.proof,
			)?;
		}
		// Every sector that was active when the window opened must be proven.
		for sector_number in deadline.sectors.iter() {
			if seen.contains(sector_number) {
				continue;
			}
			let required = Sectors::<T>::get(provider, sector_number)
				.is_some_and(|s| s.is_active() && s.activation < window.open);
			ensure!(!required, Error::<T>::MissingSectorProof);
		}

		let mut power = PowerOf::<T>::zero();
		for sector_number in recovered.iter() {
			Sectors::<T>::mutate(provider, sector_number, |sector| {
				if let Some(sector) = sector {
					sector.state = SectorState::Active;
				}
			});
			power = power.saturating_add(Self::power_of(info.sector_size));
		}
		deadline.proven = true;
		Deadlines::<T>::insert(provider, index, deadline);
		pallet_collator_power::Pallet::<T>::update_miner_power(
			provider,
			PowerDelta::Increase(power),
		)?;
		Self::deposit_event(Event::ValidPoStSubmitted {
			provider: provider.clone(),
			deadline: index,
			sectors_proven: seen.len() as u32,
			sectors_recovered: recovered.len() as u32,
		});
		Ok(settled)
	}

	/// Declares active sectors faulty, before the fault cutoff of their deadline's next window.
	/// Returns the weight spent settling.
	pub(crate) fn do_declare_faults(
		provider: &T::AccountId,
		sectors: BoundedVec<SectorNumber, T::MaxSectorsPerCall>,
	) -> Result<Weight, DispatchError> {
		ensure!(!sectors.is_empty(), Error::<T>::NoSectors);
		let info =
			StorageProviders::<T>::get(provider).ok_or(Error::<T>::StorageProviderNotFound)?;
		let schedule = Self::schedule_of(&info);
		let now = frame_system::Pallet::<T>::block_number();
		let mut seen = BTreeSet::new();
		let mut lost = PowerOf::<T>::zero();
		let mut settled = Weight::zero();
		for sector_number in sectors {
			ensure!(seen.insert(sector_number), Error::<T>::DuplicateSector);
			let mut sector = Self::settled_sector(provider, sector_number, now, &mut settled)?;
			let window = schedule.window_at_or_after(sector.deadline, now);
			ensure!(now < window.fault_cutoff, Error::<T>::FaultDeclarationTooLate);
			ensure!(sector.is_active(), Error::<T>::SectorAlreadyFaulty);
			sector.state = SectorState::Faulty { since: now, recovering: false };
			Sectors::<T>::insert(provider, sector_number, sector);
			lost = lost.saturating_add(Self::power_of(info.sector_size));
			Self::deposit_event(Event::FaultDeclared { provider: provider.clone(), sector_number });
		}
		Self::decrease_power(provider, lost);
		Ok(settled)
	}

	/// Marks faulty sectors as recovering, after settling their deadlines (a missed PoSt not yet
	/// processed makes the sector faulty first). Returns the weight spent settling.
	pub(crate) fn do_declare_faults_recovered(
		provider: &T::AccountId,
		sectors: BoundedVec<SectorNumber, T::MaxSectorsPerCall>,
	) -> Result<Weight, DispatchError> {
		ensure!(!sectors.is_empty(), Error::<T>::NoSectors);
		ensure!(StorageProviders::<T>::contains_key(provider), Error::<T>::StorageProviderNotFound);
		let now = frame_system::Pallet::<T>::block_number();
		let mut seen = BTreeSet::new();
		let mut settled = Weight::zero();
		for sector_number in sectors {
			ensure!(seen.insert(sector_number), Error::<T>::DuplicateSector);
			let mut sector = Self::settled_sector(provider, sector_number, now, &mut settled)?;
			match sector.state {
				SectorState::Active => return Err(Error::<T>::SectorNotFaulty.into()),
				SectorState::Faulty { recovering: true, .. } => {
					return Err(Error::<T>::SectorAlreadyRecovering.into())
				}
				SectorState::Faulty { since, recovering: false } => {
					sector.state = SectorState::Faulty { since, recovering: true }
				}
			}
			Sectors::<T>::insert(provider, sector_number, sector);
			Self::deposit_event(Event::FaultRecoveryDeclared {
				provider: provider.clone(),
				sector_number,
			});
		}
		Ok(settled)
	}

	/// Loads a sector for a call that changes it, after settling its deadline: a window that
	/// closed unproven is charged first (its undetected fault fee is not escaped by declaring or
	/// terminating), which may itself change or end the sector, so the sector is read again.
	/// Adds the weight spent settling to `settled`.
	pub(crate) fn settled_sector(
		provider: &T::AccountId,
		sector_number: SectorNumber,
		now: BlockNumberFor<T>,
		settled: &mut Weight,
	) -> Result<Sector<T>, DispatchError> {
		let sector =
			Sectors::<T>::get(provider, sector_number).ok_or(Error::<T>::SectorNotFound)?;
		settled.saturating_accrue(Self::settle_deadline(provider, sector.deadline, now));
		Sectors::<T>::get(provider, sector_number).ok_or_else(|| Error::<T>::SectorNotFound.into())
	}

	/// Closes deadline `index`'s pending windows that have closed by `now`, oldest first, at
	/// most [`MAX_SETTLED_WINDOWS`] (each close moves the pending window a period on, so the
	/// loop is also bounded by the periods elapsed). Idempotent. Returns the weight used.
	pub fn settle_deadline(
		provider: &T::AccountId,
		index: DeadlineIndex,
		now: BlockNumberFor<T>,
	) -> Weight {
		let mut weight = Weight::zero();
		for _ in 0..MAX_SETTLED_WINDOWS {
			weight.saturating_accrue(T::DbWeight::get().reads(1));
			let Some(deadline) = Deadlines::<T>::get(provider, index) else { break };
			match deadline.pending_window {
				Some(open) if open.saturating_add(T::ChallengeWindow::get()) <= now => {
					weight.saturating_accrue(Self::close_deadline(provider, index, deadline, open))
				}
				_ => break,
			}
		}
		weight
	}

	/// Processes a queued deadline close: closes the window unless it is stale (already settled,
	/// or the deadline emptied).
	pub(crate) fn process_deadline_close(
		provider: &T::AccountId,
		index: DeadlineIndex,
		window_open: BlockNumberFor<T>,
	) -> Weight {
		let stale = <T as Config>::WeightInfo::queue_stale_entry();
		match Deadlines::<T>::get(provider, index) {
			Some(deadline) if deadline.pending_window == Some(window_open) => {
				Self::close_deadline(provider, index, deadline, window_open)
			}
			_ => stale,
		}
	}

	/// Closes the window of `deadline` that opened at `open`:
	/// - without a PoSt, every sector that was active when it opened becomes faulty, loses its
	///   power and pays the undetected-fault fee;
	/// - every sector that was already faulty pays the fault fee, or is terminated once it has
	///   been faulty for `FaultMaxAge` at the window's close (the close, not `now`, so a lagging
	///   queue or a settling call decides exactly as a timely close would);
	/// - the next window's close is scheduled, if sectors remain.
	///
	/// Returns the weight used.
	fn close_deadline(
		provider: &T::AccountId,
		index: DeadlineIndex,
		mut deadline: DeadlineState<T>,
		open: BlockNumberFor<T>,
	) -> Weight {
		let Some(info) = StorageProviders::<T>::get(provider) else {
			frame_support::defensive!("a deadline of an unknown provider");
			Deadlines::<T>::remove(provider, index);
			return <T as Config>::WeightInfo::queue_stale_entry();
		};
		let close = open.saturating_add(T::ChallengeWindow::get());
		let sector_power = Self::power_of(info.sector_size);
		let max_age = T::FaultMaxAge::get();
		let count = deadline.sectors.len() as u32;

		let mut faulted: u32 = 0;
		let mut undetected_fees = CollateralOf::<T>::zero();
		let mut charged: u32 = 0;
		let mut terminated: u32 = 0;
		let mut fault_fees = CollateralOf::<T>::zero();
		let mut lost = PowerOf::<T>::zero();
		let sectors = core::mem::take(&mut deadline.sectors);
		for sector_number in sectors {
			let Some(mut sector) = Sectors::<T>::get(provider, sector_number) else {
				frame_support::defensive!("a deadline names a missing sector");
				continue;
			};
			match sector.state {
				SectorState::Active => {
					if !deadline.proven && sector.activation < open {
						sector.state = SectorState::Faulty { since: close, recovering: false };
						let fee =
							Self::charge_fee(provider, &mut sector, T::UndetectedFaultFee::get());
						undetected_fees = undetected_fees.saturating_add(fee);
						faulted = faulted.saturating_add(1);
						lost = lost.saturating_add(sector_power);
						Sectors::<T>::insert(provider, sector_number, sector);
					}
				}
				SectorState::Faulty { since, .. } => {
					if since.saturating_add(max_age) <= close {
						let (fee, released) = Self::end_sector(
							provider,
							sector_number,
							sector,
							T::TerminationFee::get(),
						);
						Self::deposit_event(Event::SectorTerminated {
							provider: provider.clone(),
							sector_number,
							reason: TerminationReason::FaultMaxAge,
							fee,
							released,
						});
						terminated = terminated.saturating_add(1);
						continue;
					} else {
						let fee = Self::charge_fee(provider, &mut sector, T::FaultFee::get());
						fault_fees = fault_fees.saturating_add(fee);
						charged = charged.saturating_add(1);
						Sectors::<T>::insert(provider, sector_number, sector);
					}
				}
			}
			if deadline.sectors.try_push(sector_number).is_err() {
				frame_support::defensive!("a deadline shrank below its own length");
			}
		}

		if deadline.sectors.is_empty() {
			Deadlines::<T>::remove(provider, index);
		} else {
			let next = open.saturating_add(T::ProvingPeriod::get());
			deadline.pending_window = Some(next);
			deadline.proven = false;
			Self::schedule(
				next.saturating_add(T::ChallengeWindow::get()),
				QueueEntry::DeadlineClose {
					provider: provider.clone(),
					deadline: index,
					window_open: next,
				},
			);
			Deadlines::<T>::insert(provider, index, deadline);
		}

		let mut weight = if terminated > 0 {
			Self::close_weight(count)
		} else {
			<T as Config>::WeightInfo::deadline_close(count).saturating_add(Self::spill_weight())
		};
		if faulted > 0 {
			Self::decrease_power(provider, lost);
			weight.saturating_accrue(Self::power_decrease_weight());
			Self::deposit_event(Event::PoStMissed {
				provider: provider.clone(),
				deadline: index,
				sectors_faulted: faulted,
				power_removed: lost,
				fees: undetected_fees,
			});
		}
		if charged > 0 {
			Self::deposit_event(Event::FaultFeesCharged {
				provider: provider.clone(),
				deadline: index,
				sectors: charged,
				fees: fault_fees,
			});
		}
		weight
	}

	/// Every deadline of `provider`, with its current or next window.
	pub(crate) fn deadline_infos(provider: &T::AccountId) -> Vec<DeadlineInfo<BlockNumberFor<T>>> {
		let Some(info) = StorageProviders::<T>::get(provider) else { return Vec::new() };
		let schedule = Self::schedule_of(&info);
		let now = frame_system::Pallet::<T>::block_number();
		(0..T::DeadlineCount::get())
			.map(|index| {
				let deadline = Deadlines::<T>::get(provider, index).unwrap_or_default();
				let window = schedule.window_at_or_after(index, now);
				DeadlineInfo {
					index,
					window,
					sectors: deadline.sectors.into_inner(),
					proven: deadline.proven && deadline.pending_window == Some(window.open),
				}
			})
			.collect()
	}
}
