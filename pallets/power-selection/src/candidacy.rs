//! Candidacy: registering, leaving, unbonding, and the governance of invulnerables and bounds.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{
	pallet::*, types::UnbondingChunk, BalanceOf, CandidateInfo, CurrencyOf, DrawWeight, PowerOf,
	WeightInfo as _,
};
use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::{
	dispatch::DispatchResultWithPostInfo,
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Contains, ValidatorRegistration},
};
use pallet_collator_power::WeightInfo as _;
use sp_runtime::{
	traits::{Saturating, UniqueSaturatedInto, Zero},
	DispatchResult, Perbill,
};
use sp_staking::SessionIndex;

/// `Contains` for "is a current candidate": what the runtime wires collator-power's
/// `CollatorRegistry` to. One storage read.
pub struct IsCandidate<T>(PhantomData<T>);

impl<T: Config> Contains<T::AccountId> for IsCandidate<T> {
	fn contains(who: &T::AccountId) -> bool {
		CandidateBonds::<T>::contains_key(who)
	}
}

impl<T: Config> Pallet<T> {
	/// Makes `who` a candidate and holds [`CandidacyBond`] from it.
	pub(crate) fn do_register_as_candidate(who: &T::AccountId) -> DispatchResultWithPostInfo {
		ensure!(!CandidateBonds::<T>::contains_key(who), Error::<T>::AlreadyCandidate);
		ensure!(!Invulnerables::<T>::get().contains(who), Error::<T>::AlreadyInvulnerable);
		ensure!(T::ValidatorRegistration::is_registered(who), Error::<T>::SessionKeysNotRegistered);
		ensure!(!Self::is_queued(who), Error::<T>::AwaitingKick);
		let mut list = CandidateList::<T>::get();
		list.try_push(who.clone()).map_err(|_| Error::<T>::TooManyCandidates)?;
		let bond = CandidacyBond::<T>::get();
		CurrencyOf::<T>::hold(&HoldReason::CandidacyBond.into(), who, bond)?;
		let count = list.len();
		CandidateList::<T>::put(list);
		CandidateBonds::<T>::insert(who, bond);
		Self::deposit_event(Event::CandidateRegistered { who: who.clone(), bond });
		Ok(Some(<T as Config>::WeightInfo::register_as_candidate(as_u32(count))).into())
	}

	/// Takes `target`'s slot in the full candidate list for `who`, with `bond` (more than
	/// `target`'s, at least `CandidacyBond`).
	pub(crate) fn do_take_candidate_slot(
		who: &T::AccountId,
		bond: BalanceOf<T>,
		target: &T::AccountId,
	) -> DispatchResultWithPostInfo {
		ensure!(!CandidateBonds::<T>::contains_key(who), Error::<T>::AlreadyCandidate);
		ensure!(!Invulnerables::<T>::get().contains(who), Error::<T>::AlreadyInvulnerable);
		ensure!(T::ValidatorRegistration::is_registered(who), Error::<T>::SessionKeysNotRegistered);
		ensure!(!Self::is_queued(who), Error::<T>::AwaitingKick);
		ensure!(bond >= CandidacyBond::<T>::get(), Error::<T>::BondTooLow);
		let count = CandidateList::<T>::decode_len().unwrap_or_default();
		ensure!(as_u32(count) >= T::MaxCandidates::get(), Error::<T>::CandidateListNotFull);
		let old_bond = CandidateBonds::<T>::get(target).ok_or(Error::<T>::NotCandidate)?;
		ensure!(bond > old_bond, Error::<T>::BondTooLow);
		CurrencyOf::<T>::hold(&HoldReason::CandidacyBond.into(), who, bond)?;

		Self::remove_candidate(target, true);
		let unlock_session = Self::add_unbonding(target, old_bond);
		pallet_collator_power::Pallet::<T>::remove_collator(target);
		let mut list = CandidateList::<T>::get();
		list.try_push(who.clone()).map_err(|_| Error::<T>::TooManyCandidates)?;
		CandidateList::<T>::put(list);
		CandidateBonds::<T>::insert(who, bond);
		Self::deposit_event(Event::CandidateReplaced {
			old: target.clone(),
			old_bond,
			unlock_session,
			new: who.clone(),
			bond,
		});
		Ok(().into())
	}

	/// Sets `who`'s bond to `bond`: holds a raise, unbonds a cut.
	pub(crate) fn do_update_bond(who: &T::AccountId, bond: BalanceOf<T>) -> DispatchResult {
		let old = CandidateBonds::<T>::get(who).ok_or(Error::<T>::NotCandidate)?;
		ensure!(bond >= CandidacyBond::<T>::get(), Error::<T>::BondTooLow);
		if bond > old {
			CurrencyOf::<T>::hold(
				&HoldReason::CandidacyBond.into(),
				who,
				bond.saturating_sub(old),
			)?;
		} else if bond < old {
			Self::add_unbonding(who, old.saturating_sub(bond));
		}
		CandidateBonds::<T>::insert(who, bond);
		Self::deposit_event(Event::CandidateBondUpdated { who: who.clone(), bond });
		Ok(())
	}

	/// The candidate with the smallest bond, the first in the list among equals.
	pub(crate) fn weakest() -> Option<(T::AccountId, BalanceOf<T>)> {
		CandidateList::<T>::get().into_iter().fold(None, |weakest, who| {
			let bond = CandidateBonds::<T>::get(&who).unwrap_or_default();
			match weakest {
				Some((_, least)) if least <= bond => weakest,
				_ => Some((who, bond)),
			}
		})
	}

	/// Whether `who` is queued for a kick.
	pub(crate) fn is_queued(who: &T::AccountId) -> bool {
		KickQueue::<T>::get().iter().any(|(queued, _)| queued == who)
	}

	/// Whether `who` will still be checked for idleness: drawn into the active or the planned
	/// set, or queued for a kick.
	pub fn is_accountable(who: &T::AccountId) -> bool {
		ActiveSelection::<T>::get().is_some_and(|s| s.was_drawn(who))
			|| PlannedSelection::<T>::get().is_some_and(|s| s.was_drawn(who))
			|| Self::is_queued(who)
	}

	/// Ends `who`'s candidacy: its delegations return to the miners and its bond unbonds.
	pub(crate) fn do_leave_intent(who: &T::AccountId) -> DispatchResultWithPostInfo {
		let (bond, count) = Self::remove_candidate(who, true).ok_or(Error::<T>::NotCandidate)?;
		let unlock_session = Self::add_unbonding(who, bond);
		let returned = pallet_collator_power::Pallet::<T>::remove_collator(who);
		Self::deposit_event(Event::CandidateLeft { who: who.clone(), bond, unlock_session });
		Ok(Some(<T as Config>::WeightInfo::leave_intent(as_u32(count)).saturating_add(returned))
			.into())
	}

	/// The most `leave_intent` can weigh: `MaxCandidates` candidates, and `remove_collator`
	/// (O(1): the delegations are returned later).
	pub fn leave_intent_max_weight() -> Weight {
		<T as Config>::WeightInfo::leave_intent(T::MaxCandidates::get())
			.saturating_add(<<T as pallet_collator_power::Config>::WeightInfo>::remove_collator())
	}

	/// Releases `who`'s unbonding bond once its delay has passed.
	pub(crate) fn do_withdraw_unbonded(who: &T::AccountId) -> DispatchResult {
		let chunk = Unbonding::<T>::get(who).ok_or(Error::<T>::NothingUnbonding)?;
		ensure!(PlannedSession::<T>::get() >= chunk.unlock_session, Error::<T>::StillUnbonding);
		ensure!(!Self::is_accountable(who), Error::<T>::StillAccountable);
		CurrencyOf::<T>::release(
			&HoldReason::CandidacyBond.into(),
			who,
			chunk.amount,
			Precision::Exact,
		)?;
		Unbonding::<T>::remove(who);
		Self::deposit_event(Event::BondWithdrawn { who: who.clone(), amount: chunk.amount });
		Ok(())
	}

	/// Replaces the invulnerables.
	pub(crate) fn do_set_invulnerables(new: Vec<T::AccountId>) -> DispatchResult {
		let mut sorted = new;
		sorted.sort();
		let len = sorted.len();
		sorted.dedup();
		ensure!(sorted.len() == len, Error::<T>::DuplicateInvulnerable);
		for who in &sorted {
			Self::ensure_can_be_invulnerable(who)?;
		}
		let bounded: BoundedVec<_, T::MaxInvulnerables> =
			sorted.try_into().map_err(|_| Error::<T>::TooManyInvulnerables)?;
		let invulnerables = bounded.to_vec();
		Invulnerables::<T>::put(bounded);
		Self::deposit_event(Event::InvulnerablesSet { invulnerables });
		Ok(())
	}

	/// Adds `who` to the invulnerables.
	pub(crate) fn do_add_invulnerable(who: T::AccountId) -> DispatchResult {
		let mut invulnerables = Invulnerables::<T>::get();
		let position = match invulnerables.binary_search(&who) {
			Ok(_) => return Err(Error::<T>::AlreadyInvulnerable.into()),
			Err(position) => position,
		};
		Self::ensure_can_be_invulnerable(&who)?;
		invulnerables
			.try_insert(position, who.clone())
			.map_err(|_| Error::<T>::TooManyInvulnerables)?;
		Invulnerables::<T>::put(invulnerables);
		Self::deposit_event(Event::InvulnerableAdded { who });
		Ok(())
	}

	/// Removes `who` from the invulnerables.
	pub(crate) fn do_remove_invulnerable(who: T::AccountId) -> DispatchResult {
		let mut invulnerables = Invulnerables::<T>::get();
		let position =
			invulnerables.binary_search(&who).map_err(|_| Error::<T>::NotInvulnerable)?;
		invulnerables.remove(position);
		Invulnerables::<T>::put(invulnerables);
		Self::deposit_event(Event::InvulnerableRemoved { who });
		Ok(())
	}

	/// Sets [`DesiredCollators`].
	pub(crate) fn do_set_desired_collators(desired: u32) -> DispatchResult {
		ensure!(desired <= T::MaxCollators::get(), Error::<T>::TooManyDesiredCollators);
		DesiredCollators::<T>::put(desired);
		Self::deposit_event(Event::DesiredCollatorsSet { desired });
		Ok(())
	}

	/// An invulnerable needs session keys and must not be a candidate.
	fn ensure_can_be_invulnerable(who: &T::AccountId) -> DispatchResult {
		ensure!(!CandidateBonds::<T>::contains_key(who), Error::<T>::AlreadyCandidate);
		ensure!(T::ValidatorRegistration::is_registered(who), Error::<T>::SessionKeysNotRegistered);
		Ok(())
	}

	/// Removes `who` from the candidates. Its authoring record stays if `keep_if_accountable`
	/// and it will still be checked (it is in the active or planned set, or queued): leaving
	/// does not stop or reset the clock. Returns its bond (still held) and how many candidates
	/// there were, or `None` for a non-candidate.
	pub(crate) fn remove_candidate(
		who: &T::AccountId,
		keep_if_accountable: bool,
	) -> Option<(BalanceOf<T>, usize)> {
		let bond = CandidateBonds::<T>::take(who)?;
		let mut count = 0;
		CandidateList::<T>::mutate(|list| {
			count = list.len();
			list.retain(|candidate| candidate != who);
		});
		if !(keep_if_accountable && Self::is_accountable(who)) {
			LastAuthoredBlock::<T>::remove(who);
		}
		Some((bond, count))
	}

	/// Sets `who`'s unbonding chunk to `amount` (removing it at zero), unlocking
	/// `UnbondingDelay` sessions after the latest planned one, or later if the chunk already
	/// unlocked later. Returns the unlock session.
	pub(crate) fn reset_unbonding(who: &T::AccountId, amount: BalanceOf<T>) -> SessionIndex {
		let unlock_session = PlannedSession::<T>::get().saturating_add(T::UnbondingDelay::get());
		Unbonding::<T>::mutate_exists(who, |maybe_chunk| {
			let unlock_session = maybe_chunk
				.map(|chunk| chunk.unlock_session.max(unlock_session))
				.unwrap_or(unlock_session);
			*maybe_chunk = (!amount.is_zero()).then_some(UnbondingChunk { amount, unlock_session });
			unlock_session
		})
	}

	/// Moves `amount` of `who`'s held bond to unbonding, unlocking `UnbondingDelay` sessions
	/// after the latest planned one. Merges with an earlier chunk (the later unlock wins).
	/// Returns the unlock session.
	pub(crate) fn add_unbonding(who: &T::AccountId, amount: BalanceOf<T>) -> SessionIndex {
		let unlock_session = PlannedSession::<T>::get().saturating_add(T::UnbondingDelay::get());
		if amount.is_zero() {
			return unlock_session;
		}
		Unbonding::<T>::mutate(who, |maybe_chunk| {
			let chunk =
				maybe_chunk.get_or_insert(UnbondingChunk { amount: Zero::zero(), unlock_session });
			chunk.amount = chunk.amount.saturating_add(amount);
			chunk.unlock_session = chunk.unlock_session.max(unlock_session);
			chunk.unlock_session
		})
	}

	/// Every candidate with its power and bond.
	pub(crate) fn candidate_infos() -> Vec<CandidateInfo<T>> {
		CandidateList::<T>::get()
			.into_iter()
			.map(|who| CandidateInfo {
				power: pallet_collator_power::Pallet::<T>::get_collator_power(&who),
				bond: CandidateBonds::<T>::get(&who).unwrap_or_default(),
				who,
			})
			.collect()
	}

	/// `who`'s weight in the next draw, or `None` for a non-candidate.
	pub(crate) fn candidate_draw_weight(who: &T::AccountId) -> Option<DrawWeight<PowerOf<T>>> {
		if !CandidateBonds::<T>::contains_key(who) {
			return None;
		}
		let power = pallet_collator_power::Pallet::<T>::get_collator_power(who);
		let total_power = CandidateList::<T>::get()
			.iter()
			.map(pallet_collator_power::Pallet::<T>::get_collator_power)
			.fold(PowerOf::<T>::zero(), |acc, p| acc.saturating_add(p));
		let first_draw_chance = if total_power.is_zero() {
			Perbill::zero()
		} else {
			let (p, t): (u128, u128) =
				(power.unique_saturated_into(), total_power.unique_saturated_into());
			Perbill::from_rational(p, t)
		};
		Some(DrawWeight { power, total_power, first_draw_chance })
	}
}

/// A length as a `u32` weight parameter.
pub(crate) fn as_u32(len: usize) -> u32 {
	u32::try_from(len).unwrap_or(u32::MAX)
}
