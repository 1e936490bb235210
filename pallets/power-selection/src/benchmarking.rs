//! Benchmarks of the power-selection pallet, in the frame-benchmarking v2 syntax.
//!
//! Power comes from real collator-power miners, so the runtime's collator-power
//! `CollatorRegistry` must be this pallet's [`crate::IsCandidate`].

use super::*;
use crate::types::{FrozenDraw, SelectionSnapshot};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::BoundedVec,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		EnsureOrigin, EstimateNextSessionRotation, Get,
	},
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use power_primitives::PowerDelta;
use sp_runtime::traits::{One, Saturating, Zero};

/// An account with session keys and funds for a few bonds.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	<T as Config>::BenchmarkHelper::register_session_keys(&who);
	let amount = CandidacyBond::<T>::get()
		.saturating_mul(10u32.into())
		.saturating_add(CurrencyOf::<T>::minimum_balance().saturating_mul(10u32.into()));
	CurrencyOf::<T>::set_balance(&who, amount);
	who
}

/// Registers `count` candidates, each with power from its own miner if `with_power`. Returns
/// them.
fn candidates<T: Config>(count: u32, with_power: bool) -> alloc::vec::Vec<T::AccountId> {
	(0..count)
		.map(|i| {
			let who = funded::<T>("candidate", i);
			assert!(Pallet::<T>::do_register_as_candidate(&who).is_ok());
			if with_power {
				give_power::<T>(i, &who);
			}
			who
		})
		.collect()
}

/// Makes a new miner delegate some power to `collator`.
fn give_power<T: Config>(index: u32, collator: &T::AccountId) {
	let miner: T::AccountId = account("miner", index, 0);
	let deposit = <T as pallet_collator_power::Config>::MinerDeposit::get();
	let minimum = <<T as pallet_collator_power::Config>::Currency as Inspect<_>>::minimum_balance();
	<<T as pallet_collator_power::Config>::Currency as Mutate<_>>::set_balance(
		&miner,
		deposit.saturating_mul(10u32.into()).saturating_add(minimum.saturating_mul(10u32.into())),
	);
	assert!(pallet_collator_power::Pallet::<T>::do_create_miner(&miner).is_ok());
	// At least the minimum delegation, and different for every candidate.
	let power: PowerOf<T> = <T as pallet_collator_power::Config>::MinDelegation::get()
		.saturating_add(index.saturating_add(1).into());
	assert!(pallet_collator_power::Pallet::<T>::update_miner_power(
		&miner,
		PowerDelta::Increase(power)
	)
	.is_ok());
	assert!(pallet_collator_power::Pallet::<T>::delegate_power(
		RawOrigin::Signed(miner).into(),
		collator.clone(),
		power,
	)
	.is_ok());
}

/// A snapshot for `session` drawing `accounts`.
fn snapshot<T: Config>(
	session: SessionIndex,
	accounts: impl Iterator<Item = T::AccountId>,
) -> SelectionSnapshot<T> {
	SelectionSnapshot {
		session,
		invulnerables: BoundedVec::new(),
		drawn: BoundedVec::truncate_from(accounts.map(|who| (who, One::one())).collect()),
	}
}

/// A freeze for block `at` of `candidates`, complete with their powers if `complete`.
fn frozen<T: Config>(
	at: BlockNumberFor<T>,
	candidates: &[T::AccountId],
	complete: bool,
) -> FrozenDraw<T> {
	let entries = candidates
		.iter()
		.map(|who| {
			let power = if complete {
				pallet_collator_power::Pallet::<T>::get_collator_power(who)
			} else {
				Zero::zero()
			};
			(who.clone(), power)
		})
		.collect();
	FrozenDraw {
		at,
		cursor: if complete { candidates.len() as u32 } else { 0 },
		candidates: BoundedVec::truncate_from(entries),
	}
}

/// Sets the block number to one at which a freeze is due (`FreezeLead` blocks before the next
/// session change) and returns it.
fn freeze_due<T: Config>() -> BlockNumberFor<T> {
	let here: BlockNumberFor<T> = 1u32.into();
	let (next, _) = T::NextSessionRotation::estimate_next_session_rotation(here);
	let now = next.unwrap_or(here).saturating_sub(T::FreezeLead::get()).max(here);
	frame_system::Pallet::<T>::set_block_number(now);
	now
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// Worst case: the list is one short of full.
	#[benchmark]
	fn register_as_candidate(c: Linear<0, { T::MaxCandidates::get().saturating_sub(1) }>) {
		candidates::<T>(c, false);
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert!(CandidateBonds::<T>::contains_key(&caller));
	}

	// Without delegations: the call adds the weight `remove_collator` returns.
	#[benchmark]
	fn leave_intent(c: Linear<1, { T::MaxCandidates::get() }>) {
		candidates::<T>(c.saturating_sub(1), false);
		let caller = funded::<T>("caller", 0);
		assert!(Pallet::<T>::do_register_as_candidate(&caller).is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert!(Unbonding::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn withdraw_unbonded() {
		let caller = funded::<T>("caller", 0);
		assert!(Pallet::<T>::do_register_as_candidate(&caller).is_ok());
		assert!(Pallet::<T>::do_leave_intent(&caller).is_ok());
		let unlock = Unbonding::<T>::get(&caller).map(|chunk| chunk.unlock_session);
		PlannedSession::<T>::put(unlock.unwrap_or_default());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert!(!Unbonding::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn set_invulnerables(
		b: Linear<0, { T::MaxInvulnerables::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let new: alloc::vec::Vec<T::AccountId> =
			(0..b).map(|i| funded::<T>("invulnerable", i)).collect();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, new);
		assert_eq!(Invulnerables::<T>::decode_len().unwrap_or_default(), b as usize);
		Ok(())
	}

	#[benchmark]
	fn add_invulnerable(
		b: Linear<0, { T::MaxInvulnerables::get().saturating_sub(1) }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let existing: alloc::vec::Vec<T::AccountId> =
			(0..b).map(|i| funded::<T>("invulnerable", i)).collect();
		assert!(Pallet::<T>::do_set_invulnerables(existing).is_ok());
		let who = funded::<T>("new", 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(Invulnerables::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_invulnerable(
		b: Linear<1, { T::MaxInvulnerables::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let existing: alloc::vec::Vec<T::AccountId> =
			(0..b).map(|i| funded::<T>("invulnerable", i)).collect();
		let who = existing.first().cloned().ok_or(BenchmarkError::Weightless)?;
		assert!(Pallet::<T>::do_set_invulnerables(existing).is_ok());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!Invulnerables::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn set_desired_collators() -> Result<(), BenchmarkError> {
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let desired = T::MaxCollators::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, desired);
		assert_eq!(DesiredCollators::<T>::get(), desired);
		Ok(())
	}

	#[benchmark]
	fn set_candidacy_bond() -> Result<(), BenchmarkError> {
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let bond = CurrencyOf::<T>::minimum_balance().saturating_mul(3u32.into());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, bond);
		assert_eq!(CandidacyBond::<T>::get(), bond);
		Ok(())
	}

	#[benchmark]
	fn note_author() {
		let author = candidates::<T>(1, false).pop().unwrap_or_else(|| account("author", 0, 0));
		let now: BlockNumberFor<T> = 7u32.into();
		frame_system::Pallet::<T>::set_block_number(now);
		#[block]
		{
			<Pallet<T> as pallet_authorship::EventHandler<_, _>>::note_author(author.clone());
		}
		assert_eq!(LastAuthoredBlock::<T>::get(&author), Some(now));
	}

	// The session change, `rotate_session` of pallet-session with this pallet's `new_session`:
	// `c` candidates with power, listed and frozen for this block, and `k` collators in each of
	// the active and the planned sets; every planned one newly active, every active one idle, so
	// all `k` are queued for a kick. `MaxCollators` slots to fill. The powers come from the
	// freeze: no `CollatorPower` read.
	#[benchmark]
	fn new_session(
		c: Linear<0, { T::MaxCandidates::get() }>,
		k: Linear<0, { T::MaxCollators::get() }>,
	) {
		let candidates = candidates::<T>(c, true);
		assert!(Pallet::<T>::do_set_invulnerables(alloc::vec::Vec::new()).is_ok());
		DesiredCollators::<T>::put(T::MaxCollators::get());
		let now = T::KickThreshold::get().saturating_add(10u32.into());
		frame_system::Pallet::<T>::set_block_number(now);
		let others = (0..k).map(|i| account::<T::AccountId>("collator", i, 0));
		let mut pool = candidates.iter().cloned().chain(others);
		let active: alloc::vec::Vec<_> = pool.by_ref().take(k as usize).collect();
		for who in &active {
			LastAuthoredBlock::<T>::insert(who, BlockNumberFor::<T>::from(0u32));
		}
		ActiveSelection::<T>::put(snapshot::<T>(4, active.into_iter()));
		PlannedSelection::<T>::put(snapshot::<T>(5, pool.take(k as usize)));
		PlannedSession::<T>::put(5);
		Freeze::<T>::put(frozen::<T>(now, &candidates, true));
		// The whole rotation, as `on_initialize` runs it: pallet-session ends session 4, starts
		// 5, asks this pallet for 6 and loads the drawn collators' keys.
		T::SessionRotation::set_current_index(4);
		#[block]
		{
			T::SessionRotation::rotate();
		}
		assert_eq!(KickQueue::<T>::decode_len().unwrap_or_default(), k as usize);
	}

	// One kick of the last of `c` candidates, which also has a bond unbonding; its
	// `remove_collator` is weighed apart.
	#[benchmark]
	fn kick(c: Linear<1, { T::MaxCandidates::get() }>) {
		let candidates = candidates::<T>(c, false);
		let who = candidates.last().cloned().unwrap_or_else(|| account("kicked", 0, 0));
		let extra = CandidacyBond::<T>::get();
		assert!(CurrencyOf::<T>::hold(&HoldReason::CandidacyBond.into(), &who, extra).is_ok());
		Pallet::<T>::add_unbonding(&who, extra);
		let zero: BlockNumberFor<T> = 0u32.into();
		#[block]
		{
			Pallet::<T>::kick(&who, zero);
		}
		assert!(!CandidateBonds::<T>::contains_key(&who));
	}

	// The first step of a freeze: copying a list of `c` candidates. From one candidate: an empty
	// list completes at once and reads the randomness clock (measured-mode items the analysis
	// cannot fit from one point); `freeze_step` prices that, and the pallet adds it for `c = 0`.
	#[benchmark]
	fn freeze_start(c: Linear<1, { T::MaxCandidates::get() }>) {
		candidates::<T>(c, false);
		let now = freeze_due::<T>();
		#[block]
		{
			Pallet::<T>::freeze_step(now);
		}
		assert_eq!(Freeze::<T>::get().map(|f| f.candidates.len()), Some(c as usize));
	}

	// A freeze step reading `n` powers into a freeze of `MaxCandidates` candidates.
	#[benchmark]
	fn freeze_step(n: Linear<0, { T::MaxFreezePerBlock::get() }>) {
		let candidates = candidates::<T>(T::MaxCandidates::get(), true);
		let now = freeze_due::<T>();
		let mut freeze = frozen::<T>(now.saturating_add(One::one()), &candidates, false);
		freeze.cursor = T::MaxCandidates::get().saturating_sub(n);
		Freeze::<T>::put(freeze);
		#[block]
		{
			Pallet::<T>::freeze_step(now);
		}
		assert_eq!(Freeze::<T>::get().map(|f| f.cursor), Some(T::MaxCandidates::get()));
	}

	// A raise: the difference is held.
	#[benchmark]
	fn update_bond() {
		let caller = funded::<T>("caller", 0);
		assert!(Pallet::<T>::do_register_as_candidate(&caller).is_ok());
		let bond = CandidacyBond::<T>::get().saturating_add(CurrencyOf::<T>::minimum_balance());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), bond);
		assert_eq!(CandidateBonds::<T>::get(&caller), Some(bond));
	}

	// The list is full; the caller takes the last candidate's slot.
	#[benchmark]
	fn take_candidate_slot() -> Result<(), BenchmarkError> {
		let candidates = candidates::<T>(T::MaxCandidates::get(), false);
		let target = candidates.last().cloned().ok_or(BenchmarkError::Weightless)?;
		let caller = funded::<T>("caller", 0);
		let bond = CandidacyBond::<T>::get().saturating_add(CurrencyOf::<T>::minimum_balance());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), bond, target.clone());
		assert!(CandidateBonds::<T>::contains_key(&caller));
		assert!(Unbonding::<T>::contains_key(&target));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
