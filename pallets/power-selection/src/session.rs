//! The session change: kicking idle collators, advancing the active set, and the power-weighted
//! draw of the next set. Also the authorship notes and `try_state`.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{
	candidacy::as_u32, pallet::*, types::SelectionSnapshot, CurrencyOf, PowerOf, WeightInfo as _,
	RANDOMNESS_SUBJECT,
};
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use codec::Encode;
use frame_support::{
	dispatch::DispatchClass,
	pallet_prelude::*,
	traits::{fungible::BalancedHold, Imbalance, OnUnbalanced, Randomness},
};
use frame_system::pallet_prelude::BlockNumberFor;
use power_primitives::selection::draw_weighted;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero};
use sp_staking::SessionIndex;

/// The log target of this pallet.
pub(crate) const LOG_TARGET: &str = "runtime::power-selection";

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let (collators, weight) = Self::plan_session(index);
		frame_system::Pallet::<T>::register_extra_weight_unchecked(
			weight,
			DispatchClass::Mandatory,
		);
		collators
	}

	fn start_session(_: SessionIndex) {}

	fn end_session(_: SessionIndex) {}
}

impl<T: Config> pallet_authorship::EventHandler<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn note_author(author: T::AccountId) {
		if CandidateBonds::<T>::contains_key(&author) {
			LastAuthoredBlock::<T>::insert(&author, frame_system::Pallet::<T>::block_number());
		}
		frame_system::Pallet::<T>::register_extra_weight_unchecked(
			<T as Config>::WeightInfo::note_author(),
			DispatchClass::Mandatory,
		);
	}
}

impl<T: Config> Pallet<T> {
	/// The session change, called by pallet-session right after session `index - 1` started:
	///
	/// 1. kicks the drawn candidates of the session that just ended that were active for
	///    `KickThreshold` blocks without authoring one;
	/// 2. makes the set planned for `index - 1` the active one; candidates that just joined it
	///    start their authoring clock now;
	/// 3. draws the set for `index`: the invulnerables, plus `draw_weighted` over the candidates
	///    with non-zero power for the remaining `DesiredCollators` slots.
	///
	/// Returns the set (`None` if it would be empty: the previous set stays) and the weight used.
	pub fn plan_session(index: SessionIndex) -> (Option<Vec<T::AccountId>>, Weight) {
		let now = frame_system::Pallet::<T>::block_number();
		PlannedSession::<T>::put(index);
		let (mut weight, checked) = Self::kick_idle(now);
		let activated = Self::advance_active_set(index, now);

		let invulnerables = Invulnerables::<T>::get();
		let candidates = CandidateList::<T>::get();
		let slots = (DesiredCollators::<T>::get() as usize).saturating_sub(invulnerables.len());
		let weighted: Vec<(T::AccountId, u128)> = candidates
			.iter()
			.filter_map(|who| {
				let power = pallet_collator_power::Pallet::<T>::get_collator_power(who);
				(!power.is_zero()).then(|| (who.clone(), power.unique_saturated_into()))
			})
			.collect();
		let drawn_ids = draw_weighted(&weighted, slots, Self::seed(index));
		let drawn: Vec<(T::AccountId, PowerOf<T>)> = drawn_ids
			.into_iter()
			.map(|who| {
				let power = pallet_collator_power::Pallet::<T>::get_collator_power(&who);
				(who, power)
			})
			.collect();
		weight.saturating_accrue(<T as Config>::WeightInfo::new_session(
			as_u32(candidates.len()),
			as_u32(checked.saturating_add(activated)),
		));

		if invulnerables.is_empty() && drawn.is_empty() {
			log::warn!(target: LOG_TARGET, "no collator for session {index}: keeping the previous set");
			Self::deposit_event(Event::PreviousCollatorsKept { session: index });
			return (None, weight);
		}
		// `slots <= DesiredCollators <= MaxCollators`, so the bound holds.
		let bounded_drawn = BoundedVec::truncate_from(drawn.clone());
		let snapshot =
			SelectionSnapshot::<T> { session: index, invulnerables, drawn: bounded_drawn };
		let collators = snapshot.collators();
		Self::deposit_event(Event::CollatorsSelected {
			session: index,
			invulnerables: snapshot.invulnerables.to_vec(),
			drawn,
		});
		PlannedSelection::<T>::put(snapshot);
		(Some(collators), weight)
	}

	/// The seed of the draw for session `index`: the randomness mixed with the index.
	pub fn seed(index: SessionIndex) -> [u8; 32] {
		let (random, _) = T::Randomness::random(RANDOMNESS_SUBJECT);
		sp_io::hashing::blake2_256(&(RANDOMNESS_SUBJECT, random, index).encode())
	}

	/// Kicks the drawn candidates of the active set that have not authored for `KickThreshold`
	/// blocks. Returns the weight of the kicks and how many collators were checked.
	fn kick_idle(now: BlockNumberFor<T>) -> (Weight, usize) {
		let mut weight = Weight::zero();
		let Some(active) = ActiveSelection::<T>::get() else { return (weight, 0) };
		let threshold = T::KickThreshold::get();
		for (who, _) in active.drawn.iter() {
			let Some(last_authored) = LastAuthoredBlock::<T>::get(who) else { continue };
			if now.saturating_sub(last_authored) >= threshold {
				weight.saturating_accrue(Self::kick(who, last_authored));
			}
		}
		(weight, active.drawn.len())
	}

	/// Kicks `who`: removes its candidacy, slashes `SlashFraction` of its bond to `OnSlash`,
	/// unbonds the rest and returns its delegations to the miners. Returns the weight used.
	pub(crate) fn kick(who: &T::AccountId, last_authored: BlockNumberFor<T>) -> Weight {
		let Some((bond, count)) = Self::remove_candidate(who) else { return Weight::zero() };
		let to_slash = T::SlashFraction::get() * bond;
		let (credit, _missing) =
			CurrencyOf::<T>::slash(&HoldReason::CandidacyBond.into(), who, to_slash);
		let slashed = credit.peek();
		T::OnSlash::on_unbalanced(credit);
		let unbonding = bond.saturating_sub(slashed);
		let unlock_session = Self::add_unbonding(who, unbonding);
		let returned = pallet_collator_power::Pallet::<T>::remove_collator(who);
		log::info!(target: LOG_TARGET, "kicked idle collator {who:?}, slashed {slashed:?}");
		Self::deposit_event(Event::CandidateKicked {
			who: who.clone(),
			last_authored,
			slashed,
			unbonding,
			unlock_session,
		});
		<T as Config>::WeightInfo::kick(as_u32(count)).saturating_add(returned)
	}

	/// Makes the set planned for `index - 1` (the session that just started) the active one. Its
	/// drawn candidates that were not active before, or have no authoring record, start their
	/// authoring clock at `now`. If nothing was planned for `index - 1`, the previous set stayed
	/// and so does the active one. Returns how many drawn collators the new active set has.
	fn advance_active_set(index: SessionIndex, now: BlockNumberFor<T>) -> usize {
		let Some(planned) = PlannedSelection::<T>::get() else { return 0 };
		if planned.session != index.saturating_sub(1) || index == 0 {
			return 0;
		}
		let was_active: BTreeSet<T::AccountId> = ActiveSelection::<T>::get()
			.map(|active| active.drawn.into_iter().map(|(who, _)| who).collect())
			.unwrap_or_default();
		for (who, _) in planned.drawn.iter() {
			if CandidateBonds::<T>::contains_key(who)
				&& (!was_active.contains(who) || !LastAuthoredBlock::<T>::contains_key(who))
			{
				LastAuthoredBlock::<T>::insert(who, now);
			}
		}
		let activated = planned.drawn.len();
		ActiveSelection::<T>::put(planned);
		activated
	}

	/// Checks the pallet's invariants:
	/// - the candidate list has no duplicates, and matches the bonds map exactly;
	/// - no candidate is an invulnerable; the invulnerables are sorted without duplicates;
	/// - every account with a bond or an unbonding chunk holds exactly their sum;
	/// - unbonding chunks are non-zero; authoring records only exist for candidates;
	/// - the snapshots have no duplicates, drawn power is non-zero, and the bounds hold.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::BalanceOf;
		use frame_support::traits::fungible::InspectHold;

		let list = CandidateList::<T>::get();
		let unique: BTreeSet<&T::AccountId> = list.iter().collect();
		ensure!(unique.len() == list.len(), "a candidate is listed twice");
		ensure!(
			CandidateBonds::<T>::iter_keys().count() == list.len(),
			"the bonds map and the candidate list differ in size"
		);
		let invulnerables = Invulnerables::<T>::get();
		ensure!(
			invulnerables.windows(2).all(|pair| pair.first() < pair.last()),
			"the invulnerables are not sorted and unique"
		);
		for who in list.iter() {
			ensure!(CandidateBonds::<T>::contains_key(who), "a listed candidate has no bond");
			ensure!(!invulnerables.contains(who), "a candidate is also an invulnerable");
		}

		let mut holders: BTreeSet<T::AccountId> = list.iter().cloned().collect();
		for (who, chunk) in Unbonding::<T>::iter() {
			ensure!(!chunk.amount.is_zero(), "a zero unbonding chunk is stored");
			holders.insert(who);
		}
		for who in holders {
			let expected: BalanceOf<T> = CandidateBonds::<T>::get(&who)
				.unwrap_or_default()
				.saturating_add(Unbonding::<T>::get(&who).map(|c| c.amount).unwrap_or_default());
			ensure!(
				CurrencyOf::<T>::balance_on_hold(&HoldReason::CandidacyBond.into(), &who)
					== expected,
				"a held bond differs from the candidate and unbonding bonds"
			);
		}
		for who in LastAuthoredBlock::<T>::iter_keys() {
			ensure!(
				CandidateBonds::<T>::contains_key(&who),
				"a non-candidate has an authoring record"
			);
		}
		ensure!(
			DesiredCollators::<T>::get() <= T::MaxCollators::get(),
			"DesiredCollators exceeds MaxCollators"
		);
		for snapshot in
			[PlannedSelection::<T>::get(), ActiveSelection::<T>::get()].into_iter().flatten()
		{
			let collators = snapshot.collators();
			let unique: BTreeSet<&T::AccountId> = collators.iter().collect();
			ensure!(unique.len() == collators.len(), "a snapshot names a collator twice");
			ensure!(!collators.is_empty(), "an empty snapshot is stored");
			ensure!(
				snapshot.drawn.iter().all(|(_, power)| !power.is_zero()),
				"a snapshot records a zero-power draw"
			);
			ensure!(
				collators.len() <= T::MaxCollators::get() as usize,
				"a snapshot exceeds MaxCollators"
			);
			ensure!(
				snapshot.session <= PlannedSession::<T>::get(),
				"a snapshot is for a session not planned yet"
			);
		}
		Ok(())
	}
}
