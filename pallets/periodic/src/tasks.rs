//! The task logic: what the calls delegate to, and the pub fns other pallets call.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{pallet::*, types::Task, BalanceOf, TaskId, WeightInfo as _, CALL_DECODE_DEPTH_LIMIT};
use codec::{DecodeLimit, Encode};
use frame_support::{
	dispatch::{
		extract_actual_weight, DispatchResultWithPostInfo, GetDispatchInfo, PostDispatchInfo,
		WithPostDispatchInfo,
	},
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation},
		UnixTime,
	},
};
use power_primitives::periodic;
use sp_runtime::{
	traits::{AccountIdConversion, Dispatchable, Saturating, UniqueSaturatedInto, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Registers `call` as a task of `owner`: holds [`Config::TaskDeposit`] from `owner` and moves
	/// the existential deposit from `owner` into the task's pot, so the pot exists exactly as
	/// long as the task. Returns the new task's id.
	pub fn do_register_task(
		owner: &T::AccountId,
		call: <T as Config>::RuntimeCall,
		target_secs_per_cycle: u64,
		cycles_per_retarget: u32,
		pay_per_period: BalanceOf<T>,
	) -> Result<TaskId, DispatchError> {
		Self::ensure_valid_params(target_secs_per_cycle, cycles_per_retarget)?;
		ensure!(!pay_per_period.is_zero(), Error::<T>::ZeroPayPerPeriod);
		let call_weight = Self::checked_call_weight(&call)?;
		let encoded: BoundedVec<u8, T::MaxCallLen> =
			call.encode().try_into().map_err(|_| Error::<T>::CallTooLong)?;

		let task = NextTaskId::<T>::get();
		let next = task.checked_add(1).ok_or(Error::<T>::TaskIdsExhausted)?;
		let deposit = T::TaskDeposit::get();
		T::Currency::hold(&HoldReason::TaskDeposit.into(), owner, deposit)?;
		let pot = Self::pot_account(task);
		let seed = T::Currency::minimum_balance();
		if !seed.is_zero() {
			T::Currency::transfer(owner, &pot, seed, Preservation::Preserve)?;
		}

		let now = Self::now_secs();
		Tasks::<T>::insert(
			task,
			Task::<T> {
				owner: owner.clone(),
				call: encoded,
				call_weight,
				target_secs_per_cycle,
				cycles_per_retarget,
				pay_per_period,
				cycles: 0,
				cycles_since_retarget: 0,
				last_cycle_secs: now,
				last_retarget_secs: now,
				deposit,
			},
		);
		NextTaskId::<T>::put(next);
		Self::deposit_event(Event::TaskRegistered {
			task,
			owner: owner.clone(),
			pot,
			deposit,
			target_secs_per_cycle,
			cycles_per_retarget,
			pay_per_period,
		});
		Ok(task)
	}

	/// Moves `amount` from `from` into `task`'s pot, keeping `from` alive. Other pallets call this
	/// to fund a task, for instance from inside the task's own call to cover
	/// [`Pallet::nectar_shortfall`].
	///
	/// Weight: `WeightInfo::add_nectar()`, which the caller accounts for.
	pub fn add_nectar_from(
		from: &T::AccountId,
		task: TaskId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(Tasks::<T>::contains_key(task), Error::<T>::TaskNotFound);
		T::Currency::transfer(from, &Self::pot_account(task), amount, Preservation::Preserve)?;
		Self::deposit_event(Event::NectarAdded { task, from: from.clone(), amount });
		Ok(())
	}

	/// Runs `task` for `caller`; see [`Pallet::dispatch`].
	///
	/// 1. `paid` = the nectar accrued since the last run; at least `min_nectar`.
	/// 2. The call runs with origin `Signed(owner)`, through the runtime's call filter, with the
	///    re-entrancy guard [`DispatchingTask`] set. If it fails, so does the dispatch, and the
	///    transactional dispatch rolls everything back.
	/// 3. The pot must **now** hold `paid` above its existential deposit. Only the pot's actual
	///    balance is looked at, so nectar the call added counts exactly once.
	/// 4. `paid` goes from the pot to `caller`; the pot keeps its existential deposit
	///    (`Preservation::Preserve`), so paying never reaps it.
	/// 5. The cycle is counted, and every `cycles_per_retarget`-th cycle the pay is retargeted.
	///
	/// Returns the actual weight: this pallet's overhead plus what the call reported using.
	pub(crate) fn do_dispatch(
		caller: &T::AccountId,
		task_id: TaskId,
		min_nectar: BalanceOf<T>,
	) -> DispatchResultWithPostInfo {
		let early = T::WeightInfo::dispatch(0);
		ensure!(
			DispatchingTask::<T>::get().is_none(),
			Error::<T>::ReentrantDispatch.with_weight(early)
		);
		let mut task =
			Tasks::<T>::get(task_id).ok_or(Error::<T>::TaskNotFound.with_weight(early))?;
		let overhead = T::WeightInfo::dispatch(task.call.len() as u32);
		let call = Self::decode_call(&task.call)
			.ok_or(Error::<T>::CallUndecodable.with_weight(overhead))?;
		// `dispatch` declared the stored weight: the call must not need more.
		let info = call.get_dispatch_info();
		ensure!(
			info.call_weight.all_lte(task.call_weight),
			Error::<T>::CallWeightOutdated.with_weight(overhead)
		);

		let now = Self::now_secs();
		let paid = Self::accrued(&task, now);
		ensure!(paid >= min_nectar, Error::<T>::AccruedBelowMinNectar.with_weight(overhead));

		DispatchingTask::<T>::put(task_id);
		let result = call.dispatch(frame_system::RawOrigin::Signed(task.owner.clone()).into());
		DispatchingTask::<T>::kill();
		let used = overhead.saturating_add(extract_actual_weight(&result, &info));
		result.map_err(|e| e.error.with_weight(used))?;

		// The guard stops the call from cancelling or changing this task, so `task` is current.
		let pot = Self::pot_account(task_id);
		ensure!(
			Self::nectar_available(task_id) >= paid,
			Error::<T>::InsufficientNectar.with_weight(used)
		);
		if !paid.is_zero() {
			T::Currency::transfer(&pot, caller, paid, Preservation::Preserve)
				.map_err(|e| e.with_weight(used))?;
		}
		Self::deposit_event(Event::Pollinated { task: task_id, caller: caller.clone(), paid });

		task.cycles = task.cycles.saturating_add(1);
		task.cycles_since_retarget = task.cycles_since_retarget.saturating_add(1);
		task.last_cycle_secs = now;
		if task.cycles_since_retarget >= task.cycles_per_retarget {
			Self::retarget(task_id, &mut task, now);
		}
		Tasks::<T>::insert(task_id, task);
		Ok(PostDispatchInfo { actual_weight: Some(used), pays_fee: Pays::Yes })
	}

	/// Closes `task`'s retarget window at `now` and adjusts its pay.
	fn retarget(task_id: TaskId, task: &mut Task<T>, now: u64) {
		let actual_secs = now.saturating_sub(task.last_retarget_secs);
		let old_pay = task.pay_per_period;
		let new_pay: BalanceOf<T> = periodic::retarget(
			old_pay.unique_saturated_into(),
			task.target_secs_per_cycle,
			task.cycles_per_retarget.into(),
			actual_secs,
		)
		.unique_saturated_into();
		task.pay_per_period = new_pay;
		task.cycles_since_retarget = 0;
		task.last_retarget_secs = now;
		Self::deposit_event(Event::Retargeted { task: task_id, old_pay, new_pay, actual_secs });
	}

	/// Cancels `task`, which `owner` must own: pays the whole pot to the owner (reaping the pot)
	/// and releases the deposit.
	pub(crate) fn do_cancel_task(owner: &T::AccountId, task_id: TaskId) -> DispatchResult {
		let task = Self::owned_task(owner, task_id)?;
		let pot = Self::pot_account(task_id);
		let refunded =
			T::Currency::reducible_balance(&pot, Preservation::Expendable, Fortitude::Polite);
		if !refunded.is_zero() {
			T::Currency::transfer(&pot, owner, refunded, Preservation::Expendable)?;
		}
		T::Currency::release(
			&HoldReason::TaskDeposit.into(),
			owner,
			task.deposit,
			Precision::BestEffort,
		)?;
		Tasks::<T>::remove(task_id);
		Self::deposit_event(Event::TaskCancelled {
			task: task_id,
			owner: owner.clone(),
			refunded,
			deposit: task.deposit,
		});
		Ok(())
	}

	/// Sets `task`'s target and window length, which `owner` must own, and starts a new window.
	pub(crate) fn do_set_task_params(
		owner: &T::AccountId,
		task_id: TaskId,
		target_secs_per_cycle: u64,
		cycles_per_retarget: u32,
	) -> DispatchResult {
		let mut task = Self::owned_task(owner, task_id)?;
		Self::ensure_valid_params(target_secs_per_cycle, cycles_per_retarget)?;
		let call = Self::decode_call(&task.call).ok_or(Error::<T>::CallUndecodable)?;
		task.call_weight = Self::checked_call_weight(&call)?;
		task.target_secs_per_cycle = target_secs_per_cycle;
		task.cycles_per_retarget = cycles_per_retarget;
		task.cycles_since_retarget = 0;
		task.last_retarget_secs = Self::now_secs();
		Tasks::<T>::insert(task_id, task);
		Self::deposit_event(Event::TaskParamsSet {
			task: task_id,
			target_secs_per_cycle,
			cycles_per_retarget,
		});
		Ok(())
	}

	/// The nectar `task`'s pot can pay out: its balance above the existential deposit (which
	/// keeps the pot alive). Zero for an unknown task.
	pub fn nectar_available(task: TaskId) -> BalanceOf<T> {
		T::Currency::reducible_balance(
			&Self::pot_account(task),
			Preservation::Preserve,
			Fortitude::Polite,
		)
	}

	/// How much `task`'s pot lacks to pay the nectar accrued now: the amount a task's call adds
	/// to its own pot (with [`Pallet::add_nectar_from`]) so that the dispatch running it
	/// succeeds. Inside the task's own call this is exactly what the running dispatch still
	/// needs, because the last run time only moves after the call. Zero for an unknown task.
	pub fn nectar_shortfall(task: TaskId) -> BalanceOf<T> {
		match Tasks::<T>::get(task) {
			Some(t) => {
				Self::accrued(&t, Self::now_secs()).saturating_sub(Self::nectar_available(task))
			}
			None => Zero::zero(),
		}
	}

	/// The pot account of `task`: the `task` sub-account of [`Config::PalletId`]. Nobody holds a
	/// key to it.
	pub fn pot_account(task: TaskId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(task)
	}

	/// The weight [`Pallet::dispatch`] declares for `task`: this pallet's overhead for the
	/// task's call length, plus the call's weight **as stored** at registration (or at the last
	/// [`Pallet::set_task_params`]). One storage read, no decoding.
	///
	/// Why the stored weight rather than decoding the call here: a call's weight may itself come
	/// from this function. A task whose call is `dispatch(itself)`, directly or inside a batch,
	/// would make decoding-here recurse without end and overflow the stack, in the transaction
	/// pool as in block execution. Reading a stored number cannot recurse. The price is that a
	/// runtime upgrade may make the call heavier than stored: `dispatch` then refuses to run it
	/// ([`Error::CallWeightOutdated`]) until the owner refreshes it with `set_task_params`.
	///
	/// An unknown task declares the bare overhead, and fails early.
	pub fn dispatch_weight(task: TaskId) -> Weight {
		match Tasks::<T>::get(task) {
			Some(stored) => {
				T::WeightInfo::dispatch(stored.call.len() as u32).saturating_add(stored.call_weight)
			}
			None => T::WeightInfo::dispatch(0),
		}
	}

	/// The weight of `call`, which must be at most [`Config::MaxCallWeight`].
	fn checked_call_weight(call: &<T as Config>::RuntimeCall) -> Result<Weight, DispatchError> {
		let weight = call.get_dispatch_info().call_weight;
		ensure!(weight.all_lte(T::MaxCallWeight::get()), Error::<T>::CallTooHeavy);
		Ok(weight)
	}

	/// The nectar accrued by `task` at `now` (seconds), saturating into the balance type.
	pub(crate) fn accrued(task: &Task<T>, now: u64) -> BalanceOf<T> {
		periodic::accrued_nectar(
			task.pay_per_period.unique_saturated_into(),
			task.target_secs_per_cycle,
			now.saturating_sub(task.last_cycle_secs),
		)
		.unique_saturated_into()
	}

	/// The current time in whole seconds since the Unix epoch.
	pub(crate) fn now_secs() -> u64 {
		T::UnixTime::now().as_secs()
	}

	/// Decodes a stored call, with the extrinsic depth limit and no trailing bytes.
	fn decode_call(encoded: &[u8]) -> Option<<T as Config>::RuntimeCall> {
		<T as Config>::RuntimeCall::decode_all_with_depth_limit(
			CALL_DECODE_DEPTH_LIMIT,
			&mut &encoded[..],
		)
		.ok()
	}

	/// The task `task_id`, if `owner` owns it and it is not running right now.
	fn owned_task(owner: &T::AccountId, task_id: TaskId) -> Result<Task<T>, DispatchError> {
		let task = Tasks::<T>::get(task_id).ok_or(Error::<T>::TaskNotFound)?;
		ensure!(task.owner == *owner, Error::<T>::NotTaskOwner);
		ensure!(DispatchingTask::<T>::get() != Some(task_id), Error::<T>::TaskBeingDispatched);
		Ok(task)
	}

	/// Checks a task's target and window length against the configured bounds.
	fn ensure_valid_params(target_secs_per_cycle: u64, cycles_per_retarget: u32) -> DispatchResult {
		ensure!(
			target_secs_per_cycle >= T::MinTargetSecsPerCycle::get().max(1)
				&& target_secs_per_cycle <= T::MaxTargetSecsPerCycle::get(),
			Error::<T>::TargetSecsPerCycleOutOfRange
		);
		ensure!(
			cycles_per_retarget >= 1 && cycles_per_retarget <= T::MaxCyclesPerRetarget::get(),
			Error::<T>::CyclesPerRetargetOutOfRange
		);
		Ok(())
	}

	/// Checks the configuration: sane bounds, and a distinct pot for every task id (the account
	/// id must be long enough to hold the pallet id and a task id without truncation).
	pub(crate) fn do_integrity_test() {
		assert!(T::MinTargetSecsPerCycle::get() >= 1, "MinTargetSecsPerCycle must be at least 1");
		assert!(
			T::MinTargetSecsPerCycle::get() <= T::MaxTargetSecsPerCycle::get(),
			"MinTargetSecsPerCycle must not exceed MaxTargetSecsPerCycle"
		);
		assert!(T::MaxCyclesPerRetarget::get() >= 1, "MaxCyclesPerRetarget must be at least 1");
		assert!(T::MaxCallLen::get() >= 1, "MaxCallLen must be at least 1");
		let id = T::PalletId::get();
		assert!(
			AccountIdConversion::<T::AccountId>::try_into_sub_account(&id, TaskId::MAX).is_some(),
			"the account id is too short to derive a distinct pot for every task id"
		);
	}

	/// Checks the pallet's invariants:
	/// - no dispatch is in progress between extrinsics;
	/// - every task has an id below [`NextTaskId`], valid parameters, a non-zero pay and
	///   consistent counters (`cycles_since_retarget < cycles_per_retarget`,
	///   `cycles_since_retarget <= cycles`, the last run and the window start not in the future);
	/// - every task's pot exists: it holds at least the existential deposit;
	/// - every owner has exactly the deposits of its tasks on hold.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::InspectHold;
		ensure!(DispatchingTask::<T>::get().is_none(), "a dispatch guard was left set");
		let next = NextTaskId::<T>::get();
		let now = Self::now_secs();
		let ed = T::Currency::minimum_balance();
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, task) in Tasks::<T>::iter() {
			ensure!(id < next, "a task id is not below NextTaskId");
			ensure!(!task.pay_per_period.is_zero(), "a task's pay per period is zero");
			ensure!(task.target_secs_per_cycle >= 1, "a task's target is zero");
			ensure!(task.cycles_per_retarget >= 1, "a task's window is zero cycles");
			ensure!(
				task.cycles_since_retarget < task.cycles_per_retarget,
				"a task's window holds as many cycles as it should close at"
			);
			ensure!(
				u64::from(task.cycles_since_retarget) <= task.cycles,
				"a task's window holds more cycles than the task ever ran"
			);
			ensure!(task.last_cycle_secs <= now, "a task ran in the future");
			ensure!(task.last_retarget_secs <= now, "a task's window starts in the future");
			ensure!(
				T::Currency::balance(&Self::pot_account(id)) >= ed,
				"a task's pot holds less than the existential deposit"
			);
			let entry = deposits.entry(task.owner.clone()).or_default();
			*entry = entry.saturating_add(task.deposit);
		}
		for (owner, deposit) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::TaskDeposit.into(), &owner) == deposit,
				"an owner's held deposit differs from the sum of its tasks' deposits"
			);
		}
		Ok(())
	}
}
