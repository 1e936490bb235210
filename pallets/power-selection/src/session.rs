//! The session change: finding idle collators, advancing the active set, and the power-weighted
//! draw of the next set; the kick queue worked off in `on_initialize`. Also the authorship notes
//! and `try_state`.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{
	candidacy::as_u32,
	pallet::*,
	types::{FrozenDraw, SelectionSnapshot},
	CurrencyOf, PowerOf, WeightInfo as _, RANDOMNESS_SUBJECT,
};
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use codec::Encode;
use frame_support::{
	dispatch::DispatchClass,
	pallet_prelude::*,
	traits::{
		fungible::{BalancedHold, InspectHold},
		EstimateNextSessionRotation, Imbalance, OnUnbalanced, Randomness,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_collator_power::WeightInfo as _;
use power_primitives::selection::draw_weighted;
use sp_runtime::traits::{BlockNumberProvider, Saturating, UniqueSaturatedInto, Zero};
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
		// Candidates, and former candidates still in a set that will be checked (they have a
		// record).
		if CandidateBonds::<T>::contains_key(&author)
			|| LastAuthoredBlock::<T>::contains_key(&author)
		{
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
	/// 1. queues for a kick the drawn collators of the session that just ended that were active
	///    for `KickThreshold` blocks without authoring one, whatever their candidacy did since;
	/// 2. makes the set planned for `index - 1` the active one; collators that just joined it
	///    start their authoring clock now;
	/// 3. draws the set for `index`: the invulnerables, plus `draw_weighted` over the candidates
	///    frozen for this block ([`Freeze`]) with non-zero frozen power that are still candidates
	///    and not queued for a kick, for the remaining `DesiredCollators` slots. Without a
	///    complete freeze for this block, or without randomness known only from more than
	///    `RandomnessLag` after the freeze completed ([`FreezeRandomnessMark`]), nobody is
	///    drawn.
	///
	/// It kicks nobody itself (`on_initialize` does, `MaxKicksPerBlock` per block), so its cost
	/// is bounded by `MaxCandidates` and `MaxCollators` alone. Returns the set (`None` if it would
	/// be empty: the previous set stays) and the weight used.
	pub fn plan_session(index: SessionIndex) -> (Option<Vec<T::AccountId>>, Weight) {
		let now = frame_system::Pallet::<T>::block_number();
		PlannedSession::<T>::put(index);
		let checked = Self::queue_idle(now);
		let activated = Self::advance_active_set(index, now);

		let queued: BTreeSet<T::AccountId> =
			KickQueue::<T>::get().into_iter().map(|(who, _)| who).collect();
		let invulnerables = Invulnerables::<T>::get();
		let candidates = CandidateList::<T>::get();
		let slots = (DesiredCollators::<T>::get() as usize).saturating_sub(invulnerables.len());
		// The draw's inputs were frozen ahead of this block; candidates that left or were
		// queued for a kick since are dropped, newer ones wait for the next freeze.
		let frozen = Freeze::<T>::take().filter(|f| f.at == now && f.is_complete());
		let frozen_count = frozen.as_ref().map(|f| f.candidates.len()).unwrap_or_default();
		if frozen.is_none() && slots > 0 && !candidates.is_empty() {
			log::warn!(target: LOG_TARGET, "no frozen draw for session {index}: nobody drawn");
			Self::deposit_event(Event::DrawNotFrozen { session: index });
		}
		// The randomness must have become known after the freeze was complete: whoever shaped
		// the frozen inputs (delegations, candidacies) must not have known it.
		let (random, known_since) = T::Randomness::random(RANDOMNESS_SUBJECT);
		let frozen_at =
			FreezeRandomnessMark::<T>::take().filter(|(at, _)| *at == now).map(|(_, mark)| mark);
		let fresh = frozen_at
			.is_some_and(|mark| known_since > mark.saturating_add(T::RandomnessLag::get()));
		let to_draw =
			frozen.as_ref().is_some_and(|f| f.candidates.iter().any(|(_, p)| !p.is_zero()));
		if to_draw && slots > 0 && !fresh {
			log::warn!(
				target: LOG_TARGET,
				"randomness for session {index} known since {known_since:?}, the freeze completed \
				 at {frozen_at:?}: nobody drawn"
			);
			Self::deposit_event(Event::DrawRandomnessNotFresh {
				session: index,
				known_since,
				frozen_at,
			});
		}
		// The draw runs over every frozen candidate with power, as frozen, and skips those no
		// longer eligible (left, replaced or queued for a kick) in its order. A weighted draw
		// without replacement restricted to a subset is the same draw over that subset, so the
		// odds are those of a draw among the eligible; and with the seed fixed, a candidate that
		// leaves after the freeze only takes itself out: the others' order does not change.
		let current: BTreeSet<&T::AccountId> = candidates.iter().collect();
		let is_eligible = |who: &T::AccountId| current.contains(who) && !queued.contains(who);
		let frozen_powers: Vec<(T::AccountId, PowerOf<T>)> = frozen
			.map(|f| f.candidates.into_inner())
			.unwrap_or_default()
			.into_iter()
			.filter(|(_, power)| !power.is_zero())
			.collect();
		let weighted: Vec<(T::AccountId, u128)> = frozen_powers
			.iter()
			.map(|(who, power)| (who.clone(), (*power).unique_saturated_into()))
			.collect();
		let ineligible = frozen_powers.iter().filter(|(who, _)| !is_eligible(who)).count();
		let order =
			draw_weighted(&weighted, slots.saturating_add(ineligible), Self::seed(&random, index));
		let drawn: Vec<(T::AccountId, PowerOf<T>)> = order
			.into_iter()
			.filter(|who| is_eligible(who))
			.take(slots)
			.filter_map(|who| frozen_powers.iter().find(|(id, _)| *id == who).cloned())
			.collect();
		// The draw is computed whether or not its randomness is fresh, so the work (and what
		// the benchmark measures, with or without a mark) is the same; a stale one is dropped.
		let drawn = if fresh { drawn } else { Vec::new() };
		// The benchmark has `k` collators in each of the active and the planned set, and `c`
		// candidates both listed and frozen.
		let weight = <T as Config>::WeightInfo::new_session(
			as_u32(candidates.len().max(frozen_count)),
			as_u32(checked.max(activated)),
		);

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

	/// Freezes the draw's inputs for the next session change, a step per block: from
	/// `FreezeLead` blocks before the change (by `NextSessionRotation`'s estimate) it copies the
	/// candidate list, then reads `MaxFreezePerBlock` candidates' powers per block until all are
	/// read. Delegation changes after a candidate's power is read count from the next freeze.
	/// Returns the weight used.
	pub fn freeze_step(now: BlockNumberFor<T>) -> Weight {
		let (next, estimate) = T::NextSessionRotation::estimate_next_session_rotation(now);
		let current = Freeze::<T>::get();
		// Reading the freeze proves it whole while there is one.
		let proof = if current.is_some() { FrozenDraw::<T>::max_encoded_len() } else { 0 };
		let read = T::DbWeight::get()
			.reads(1)
			.saturating_add(estimate)
			.saturating_add(Weight::from_parts(0, u64::try_from(proof).unwrap_or(u64::MAX)));
		match current {
			Some(freeze) if freeze.at > now && freeze.is_complete() => return read,
			Some(mut freeze) if freeze.at > now => {
				let start = freeze.cursor as usize;
				let end = start
					.saturating_add(T::MaxFreezePerBlock::get() as usize)
					.min(freeze.candidates.len());
				for (who, power) in
					freeze.candidates.iter_mut().skip(start).take(end.saturating_sub(start))
				{
					*power = pallet_collator_power::Pallet::<T>::get_collator_power(who);
				}
				freeze.cursor = as_u32(end);
				if freeze.is_complete() {
					let total_power = freeze
						.candidates
						.iter()
						.fold(PowerOf::<T>::zero(), |sum, (_, power)| sum.saturating_add(*power));
					Self::mark_frozen(freeze.at);
					Self::deposit_event(Event::DrawFrozen { at: freeze.at, total_power });
				}
				Freeze::<T>::put(freeze);
				return <T as Config>::WeightInfo::freeze_step(as_u32(end.saturating_sub(start)))
					.saturating_add(estimate);
			}
			_ => {}
		}
		let Some(next) = next else { return read };
		if next <= now || next.saturating_sub(now) > T::FreezeLead::get() {
			return read;
		}
		let list = CandidateList::<T>::get();
		let count = list.len();
		let candidates =
			BoundedVec::truncate_from(list.into_iter().map(|who| (who, Zero::zero())).collect());
		Freeze::<T>::put(FrozenDraw::<T> { at: next, cursor: 0, candidates });
		// A mark left by a freeze whose change came sooner than estimated is void; an empty list
		// is complete at once.
		FreezeRandomnessMark::<T>::kill();
		if count == 0 {
			Self::mark_frozen(next);
		}
		Self::deposit_event(Event::DrawFreezing { at: next, candidates: as_u32(count) });
		let weight = <T as Config>::WeightInfo::freeze_start(as_u32(count));
		// An empty list also completes at once: the mark reads `RandomnessClock`, as a completing
		// step does (the `freeze_start` benchmark starts at one candidate, which never completes).
		let weight = if count == 0 {
			weight.saturating_add(<T as Config>::WeightInfo::freeze_step(0))
		} else {
			weight
		};
		weight.saturating_add(estimate)
	}

	/// The most one freeze step can weigh.
	pub fn freeze_max_weight() -> Weight {
		<T as Config>::WeightInfo::freeze_start(T::MaxCandidates::get())
			.max(<T as Config>::WeightInfo::freeze_step(T::MaxFreezePerBlock::get()))
	}

	/// Records that the freeze for the change at block `at` is complete, with
	/// `RandomnessClock`'s reading: the draw needs randomness known only from later on.
	fn mark_frozen(at: BlockNumberFor<T>) {
		FreezeRandomnessMark::<T>::put((at, T::RandomnessClock::current_block_number()));
	}

	/// The seed of the draw for session `index`: the randomness `random` mixed with the index.
	pub fn seed(random: &T::Hash, index: SessionIndex) -> [u8; 32] {
		sp_io::hashing::blake2_256(&(RANDOMNESS_SUBJECT, random, index).encode())
	}

	/// Queues for a kick the drawn collators of the active set that have not authored for
	/// `KickThreshold` blocks, candidates or not. Returns how many collators were checked.
	///
	/// The queue holds `MaxCollators`: it only overflows if the previous session's kicks were not
	/// all carried out yet (`MaxCollators / MaxKicksPerBlock` blocks). An idle collator that does
	/// not fit keeps its authoring record, unreset, and is found again at a later check.
	fn queue_idle(now: BlockNumberFor<T>) -> usize {
		let Some(active) = ActiveSelection::<T>::get() else { return 0 };
		let threshold = T::KickThreshold::get();
		let mut queue = KickQueue::<T>::get();
		let mut changed = false;
		for (who, _) in active.drawn.iter() {
			if queue.iter().any(|(queued, _)| queued == who) {
				continue;
			}
			let Some(last_authored) = LastAuthoredBlock::<T>::get(who) else { continue };
			if now.saturating_sub(last_authored) < threshold {
				continue;
			}
			if queue.try_push((who.clone(), last_authored)).is_ok() {
				changed = true;
				Self::deposit_event(Event::KickQueued { who: who.clone(), last_authored });
			} else {
				log::warn!(target: LOG_TARGET, "kick queue full: {who:?} is checked again later");
			}
		}
		if changed {
			KickQueue::<T>::put(queue);
		}
		active.drawn.len()
	}

	/// Carries out up to `MaxKicksPerBlock` queued kicks, oldest first. Returns the weight used:
	/// the queue's read and write, and per kick `kick(MaxCandidates)` and `remove_collator()`.
	pub(crate) fn process_kick_queue() -> Weight {
		let queue_item = Self::kick_queue_item_weight();
		let mut weight = T::DbWeight::get().reads(1).saturating_add(queue_item);
		let queue = KickQueue::<T>::get();
		if queue.is_empty() {
			return weight;
		}
		let mut entries = queue.into_inner();
		let rest = entries.split_off((T::MaxKicksPerBlock::get() as usize).min(entries.len()));
		KickQueue::<T>::put(BoundedVec::truncate_from(rest));
		weight.saturating_accrue(T::DbWeight::get().writes(1));
		for (who, last_authored) in entries {
			weight.saturating_accrue(Self::kick(&who, last_authored));
		}
		weight
	}

	/// The proof size of reading the kick queue at its bound.
	fn kick_queue_item_weight() -> Weight {
		let bytes =
			<BoundedVec<(T::AccountId, BlockNumberFor<T>), T::MaxCollators>>::max_encoded_len();
		Weight::from_parts(0, u64::try_from(bytes).unwrap_or(u64::MAX))
	}

	/// The most one block's `on_initialize` can weigh: the queue and `MaxKicksPerBlock` kicks.
	pub fn kick_queue_max_weight() -> Weight {
		let per_kick = <T as Config>::WeightInfo::kick(T::MaxCandidates::get())
			.saturating_add(<<T as pallet_collator_power::Config>::WeightInfo>::remove_collator());
		T::DbWeight::get()
			.reads_writes(1, 1)
			.saturating_add(Self::kick_queue_item_weight())
			.saturating_add(per_kick.saturating_mul(u64::from(T::MaxKicksPerBlock::get())))
	}

	/// The most the block of a session change can spend here: the session change at
	/// `MaxCandidates` candidates and `MaxCollators` collators in each set, the kicks and the
	/// freeze step `on_initialize` may do, and the authorship note. It also bounds every other
	/// block's work here. `integrity_test` checks it against
	/// [`crate::SESSION_CHANGE_MAX_SHARE`] of a block.
	pub fn session_change_max_weight() -> Weight {
		<T as Config>::WeightInfo::new_session(T::MaxCandidates::get(), T::MaxCollators::get())
			.saturating_add(Self::kick_queue_max_weight())
			.saturating_add(Self::freeze_max_weight())
			.saturating_add(<T as Config>::WeightInfo::note_author())
	}

	/// Kicks `who`: ends its candidacy if it still has one (its delegations go back to the
	/// miners), slashes `SlashFraction` of everything it holds as a candidacy bond (its bond and
	/// any bond still unbonding: they answer for what happened before it left) to `OnSlash`, and
	/// unbonds the rest. Returns the weight used.
	pub(crate) fn kick(who: &T::AccountId, last_authored: BlockNumberFor<T>) -> Weight {
		let reason = HoldReason::CandidacyBond.into();
		let candidacy = Self::remove_candidate(who, false);
		LastAuthoredBlock::<T>::remove(who);
		let held = CurrencyOf::<T>::balance_on_hold(&reason, who);
		let to_slash = T::SlashFraction::get() * held;
		let (credit, _missing) = CurrencyOf::<T>::slash(&reason, who, to_slash);
		let slashed = credit.peek();
		T::OnSlash::on_unbalanced(credit);
		let unbonding = held.saturating_sub(slashed);
		let unlock_session = Self::reset_unbonding(who, unbonding);
		let mut weight = <T as Config>::WeightInfo::kick(T::MaxCandidates::get());
		if let Some((_, count)) = candidacy {
			weight = <T as Config>::WeightInfo::kick(as_u32(count));
			weight.saturating_accrue(pallet_collator_power::Pallet::<T>::remove_collator(who));
		}
		log::info!(target: LOG_TARGET, "kicked idle collator {who:?}, slashed {slashed:?}");
		Self::deposit_event(Event::CandidateKicked {
			who: who.clone(),
			last_authored,
			slashed,
			unbonding,
			unlock_session,
		});
		weight
	}

	/// Makes the set planned for `index - 1` (the session that just started) the active one. Its
	/// drawn collators that were not active before, or have no authoring record, start their
	/// authoring clock at `now`, whatever their candidacy (a collator that left or was replaced
	/// after it was drawn is checked all the same); queued ones keep theirs. Collators of the
	/// previous active set that are in no set any more, nor candidates, nor queued, lose their
	/// record. If nothing was planned for `index - 1`, the previous set stayed and so does the
	/// active one. Returns how many drawn collators the new active set has.
	fn advance_active_set(index: SessionIndex, now: BlockNumberFor<T>) -> usize {
		let Some(planned) = PlannedSelection::<T>::get() else { return 0 };
		if planned.session != index.saturating_sub(1) || index == 0 {
			return 0;
		}
		let queued: BTreeSet<T::AccountId> =
			KickQueue::<T>::get().into_iter().map(|(who, _)| who).collect();
		let was_active: BTreeSet<T::AccountId> = ActiveSelection::<T>::get()
			.map(|active| active.drawn.into_iter().map(|(who, _)| who).collect())
			.unwrap_or_default();
		for (who, _) in planned.drawn.iter() {
			if !queued.contains(who)
				&& (!was_active.contains(who) || !LastAuthoredBlock::<T>::contains_key(who))
			{
				LastAuthoredBlock::<T>::insert(who, now);
			}
		}
		for who in was_active.iter() {
			if !planned.was_drawn(who)
				&& !queued.contains(who)
				&& !CandidateBonds::<T>::contains_key(who)
			{
				LastAuthoredBlock::<T>::remove(who);
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
	/// - unbonding chunks are non-zero; authoring records only exist for candidates, collators
	///   of the active or planned set and queued kicks;
	/// - the kick queue has no duplicates; the freeze has no duplicates, and no power past its
	///   cursor; a randomness mark exists only for a complete freeze, of the same change;
	/// - the snapshots have no duplicates, drawn power is non-zero, and the bounds hold.
	///
	/// Compiled with `std` too, so that every test runs it whatever its features.
	#[cfg(any(test, feature = "std", feature = "try-runtime"))]
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
		if let Some(freeze) = Freeze::<T>::get() {
			ensure!(
				freeze.cursor as usize <= freeze.candidates.len(),
				"the freeze's cursor is past its candidates"
			);
			let unique: BTreeSet<&T::AccountId> =
				freeze.candidates.iter().map(|(who, _)| who).collect();
			ensure!(unique.len() == freeze.candidates.len(), "a candidate is frozen twice");
			ensure!(
				freeze.candidates.iter().skip(freeze.cursor as usize).all(|(_, p)| p.is_zero()),
				"a power is frozen ahead of the cursor"
			);
		}
		if let Some((at, _)) = FreezeRandomnessMark::<T>::get() {
			ensure!(
				Freeze::<T>::get().is_some_and(|f| f.at == at && f.is_complete()),
				"a randomness mark without the complete freeze it belongs to"
			);
		}
		let queue = KickQueue::<T>::get();
		let queued: BTreeSet<&T::AccountId> = queue.iter().map(|(who, _)| who).collect();
		ensure!(queued.len() == queue.len(), "an account is queued twice for a kick");
		for who in LastAuthoredBlock::<T>::iter_keys() {
			ensure!(
				CandidateBonds::<T>::contains_key(&who) || Self::is_accountable(&who),
				"an authoring record belongs to nobody who is checked"
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
