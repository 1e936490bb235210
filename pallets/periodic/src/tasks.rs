//! The task logic: what the calls delegate to, and the pub fns other pallets call.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{
	pallet::*,
	types::{DispatchQuote, Task},
	BalanceOf, TaskId, WeightInfo as _, CALL_DECODE_DEPTH_LIMIT,
};
use codec::{DecodeLimit, Encode};
use frame_support::{
	dispatch::{
		extract_actual_weight, DispatchErrorWithPostInfo, DispatchInfo, DispatchResultWithPostInfo,
		GetDispatchInfo, PostDispatchInfo, WithPostDispatchInfo,
	},
	dispatch_context::{run_in_context, with_context},
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

/// The tag of a task's pot in its sub-account seed: `(POT_TAG, task)`.
const POT_TAG: &[u8; 3] = b"pot";
/// The tag of a task's task account in its sub-account seed: `(RUN_TAG, task)`.
const RUN_TAG: &[u8; 3] = b"run";

/// The task whose call runs right now: the transient re-entrancy guard of `dispatch`, kept in
/// FRAME's dispatch context (`frame_support::dispatch_context`, built on `environmental`), not
/// in storage. It exists only while the call runs, inside the dispatch that set it.
struct RunningTask(TaskId);

/// What `dispatch` knows once every check before the task's call has passed.
struct Prepared<T: Config> {
	/// The task, as stored.
	task: Task<T>,
	/// Its decoded call.
	call: <T as Config>::RuntimeCall,
	/// The call's dispatch info, from the current runtime.
	info: DispatchInfo,
	/// What the dispatch would pay, as [`Pallet::quote_dispatch`] reports it.
	quote: DispatchQuote<BalanceOf<T>>,
	/// This pallet's overhead for the call's actual length.
	overhead: Weight,
	/// The time of the checks, in seconds.
	now: u64,
}

impl<T: Config> Pallet<T> {
	/// Registers `call` as a task of `owner`: holds [`Config::TaskDeposit`] from `owner` and moves
	/// the existential deposit from `owner` into the task's pot, so the pot exists exactly as
	/// long as the task. The call will run as the task's account ([`Pallet::task_account`]), which
	/// the owner funds separately. Returns the new task's id.
	pub fn do_register_task(
		owner: &T::AccountId,
		call: <T as Config>::RuntimeCall,
		target_secs_per_cycle: u64,
		cycles_per_retarget: u32,
		pay_per_period: BalanceOf<T>,
	) -> Result<TaskId, DispatchError> {
		Self::ensure_valid_params(target_secs_per_cycle, cycles_per_retarget)?;
		ensure!(!pay_per_period.is_zero(), Error::<T>::ZeroPayPerPeriod);
		ensure!(
			call.get_dispatch_info().call_weight.all_lte(T::MaxCallWeight::get()),
			Error::<T>::CallTooHeavy
		);
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
				target_secs_per_cycle,
				cycles_per_retarget,
				pay_per_period,
				cycles: 0,
				cycles_since_retarget: 0,
				window_expected_secs: 0,
				last_cycle_secs: now,
				accruing_since_secs: now,
				nectar_carried: Zero::zero(),
				last_retarget_secs: now,
				deposit,
			},
		);
		NextTaskId::<T>::put(next);
		Self::deposit_event(Event::TaskRegistered {
			task,
			owner: owner.clone(),
			pot,
			task_account: Self::task_account(task),
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

	/// Checks, without running the task's call or changing anything, that
	/// `dispatch(task, min_nectar, max_call_weight)` passes every check it makes before the call,
	/// and returns what it would pay. [`Pallet::dispatch`] runs exactly this function before the
	/// call, so the two cannot disagree. The checks, in order:
	///
	/// 1. no task's call is running ([`Error::ReentrantDispatch`]);
	/// 2. `max_call_weight` is at most [`Config::MaxCallWeight`]
	///    ([`Error::MaxCallWeightTooHigh`]);
	/// 3. the task exists ([`Error::TaskNotFound`]) and its call decodes
	///    ([`Error::CallUndecodable`]);
	/// 4. the call's current weight is at most `MaxCallWeight` ([`Error::CallTooHeavy`]) and at
	///    most `max_call_weight` ([`Error::MaxCallWeightTooLow`]);
	/// 5. time has passed since the last run ([`Error::NoTimeElapsed`]);
	/// 6. nectar has accrued ([`Error::NothingAccrued`]), at least `min_nectar`
	///    ([`Error::AccruedBelowMinNectar`]);
	/// 7. the pot can pay at least `min_nectar` **with what it holds now**
	///    ([`Error::InsufficientNectar`]).
	///
	/// The pot's balance can only grow during the call, so a dispatch that passes pays at least
	/// the quoted `payable`. A self-funding task (whose call tops the pot up) cannot be judged
	/// without running its call: the quote counts only what the pot holds now, and a caller who
	/// relies on the call's top-up passes `min_nectar` of at most `payable` (zero for a dry pot).
	/// Such a dispatch passes this check and fails after the call, with the call's weight
	/// charged, if the pot still cannot pay at least `min_nectar` and something.
	pub fn quote_dispatch(
		task: TaskId,
		min_nectar: BalanceOf<T>,
		max_call_weight: Weight,
	) -> Result<DispatchQuote<BalanceOf<T>>, DispatchError> {
		Self::prepare_dispatch(task, min_nectar, max_call_weight)
			.map(|prepared| prepared.quote)
			.map_err(|e| e.error)
	}

	/// What a dispatch of `task` would pay now, with `max_call_weight` the call's current weight
	/// and `min_nectar` zero, **without** refusing: the quote is reported even if no time has
	/// passed or nothing is payable (`payable` is then what it is, possibly zero). `None` for an
	/// unknown task or a call that no longer decodes. A keeper passes `call_weight` as
	/// `max_call_weight`, and checks the rest with [`Pallet::quote_dispatch`].
	pub fn task_quote_of(task_id: TaskId) -> Option<DispatchQuote<BalanceOf<T>>> {
		let task = Tasks::<T>::get(task_id)?;
		let call = Self::decode_call(&task.call)?;
		let call_weight = call.get_dispatch_info().call_weight;
		Some(Self::quote_of(task_id, &task, Self::now_secs(), call_weight))
	}

	/// The quote of `task` at `now` for a call weighing `call_weight`.
	fn quote_of(
		task_id: TaskId,
		task: &Task<T>,
		now: u64,
		call_weight: Weight,
	) -> DispatchQuote<BalanceOf<T>> {
		let accrued = Self::accrued(task, now);
		DispatchQuote {
			payable: accrued.min(Self::nectar_available(task_id)),
			accrued,
			cycle: task.cycles,
			call_weight,
			declared_weight: Self::dispatch_weight(call_weight),
		}
	}

	/// Every check of `dispatch` before the task's call (see [`Pallet::quote_dispatch`]), with the
	/// weight used so far on failure.
	fn prepare_dispatch(
		task_id: TaskId,
		min_nectar: BalanceOf<T>,
		max_call_weight: Weight,
	) -> Result<Prepared<T>, DispatchErrorWithPostInfo> {
		let early = T::WeightInfo::dispatch(0);
		ensure!(
			Self::dispatching_task().is_none(),
			Error::<T>::ReentrantDispatch.with_weight(early)
		);
		ensure!(
			max_call_weight.all_lte(T::MaxCallWeight::get()),
			Error::<T>::MaxCallWeightTooHigh.with_weight(early)
		);
		let task = Tasks::<T>::get(task_id).ok_or(Error::<T>::TaskNotFound.with_weight(early))?;
		let overhead = T::WeightInfo::dispatch(task.call.len() as u32);
		let call = Self::decode_call(&task.call)
			.ok_or(Error::<T>::CallUndecodable.with_weight(overhead))?;
		let info = call.get_dispatch_info();
		ensure!(
			info.call_weight.all_lte(T::MaxCallWeight::get()),
			Error::<T>::CallTooHeavy.with_weight(overhead)
		);
		ensure!(
			info.call_weight.all_lte(max_call_weight),
			Error::<T>::MaxCallWeightTooLow.with_weight(overhead)
		);
		let now = Self::now_secs();
		ensure!(now > task.last_cycle_secs, Error::<T>::NoTimeElapsed.with_weight(overhead));
		let quote = Self::quote_of(task_id, &task, now, info.call_weight);
		ensure!(!quote.accrued.is_zero(), Error::<T>::NothingAccrued.with_weight(overhead));
		ensure!(
			quote.accrued >= min_nectar,
			Error::<T>::AccruedBelowMinNectar.with_weight(overhead)
		);
		ensure!(quote.payable >= min_nectar, Error::<T>::InsufficientNectar.with_weight(overhead));
		Ok(Prepared { task, call, info, quote, overhead, now })
	}

	/// Runs `task` for `caller`; see [`Pallet::dispatch`].
	///
	/// 1. Every check of [`Pallet::quote_dispatch`].
	/// 2. The call runs with origin `Signed(task_account(task))`, through the runtime's call
	///    filter, with the transient guard ([`Pallet::dispatching_task`]) set. If it fails, so
	///    does the dispatch, and the transactional dispatch rolls everything back.
	/// 3. `paid` = the accrued nectar, or what the pot **now** holds above its existential
	///    deposit if that is less; it must be at least `min_nectar` and not zero. Only the pot's
	///    actual balance is looked at, so nectar the call added counts exactly once.
	/// 4. `paid` goes from the pot to `caller`; the pot keeps its existential deposit
	///    (`Preservation::Preserve`), so paying never reaps it. Accrued nectar the pot could not
	///    pay is forgone.
	/// 5. The cycle is counted, and every `cycles_per_retarget`-th cycle the pay is retargeted.
	///
	/// Returns the actual weight: this pallet's overhead for the call's length plus what the
	/// call reported using.
	pub(crate) fn do_dispatch(
		caller: &T::AccountId,
		task_id: TaskId,
		min_nectar: BalanceOf<T>,
		max_call_weight: Weight,
	) -> DispatchResultWithPostInfo {
		let Prepared { mut task, call, info, quote, overhead, now } =
			Self::prepare_dispatch(task_id, min_nectar, max_call_weight)?;

		let origin = frame_system::RawOrigin::Signed(Self::task_account(task_id)).into();
		let result = run_in_context(|| {
			with_context::<RunningTask, _>(|guard| guard.set(RunningTask(task_id)));
			let result = call.dispatch(origin);
			with_context::<RunningTask, _>(|guard| guard.clear());
			result
		});
		let used = overhead.saturating_add(extract_actual_weight(&result, &info));
		result.map_err(|e| e.error.with_weight(used))?;

		// The guard stops the call from cancelling or changing this task, so `task` is current,
		// and nothing but this dispatch and `cancel_task` moves money out of the pot.
		let paid = quote.accrued.min(Self::nectar_available(task_id));
		ensure!(
			paid >= min_nectar && !paid.is_zero(),
			Error::<T>::InsufficientNectar.with_weight(used)
		);
		T::Currency::transfer(&Self::pot_account(task_id), caller, paid, Preservation::Preserve)
			.map_err(|e| e.with_weight(used))?;
		Self::deposit_event(Event::Pollinated {
			task: task_id,
			caller: caller.clone(),
			paid,
			accrued: quote.accrued,
		});

		task.cycles = task.cycles.saturating_add(1);
		task.cycles_since_retarget = task.cycles_since_retarget.saturating_add(1);
		task.window_expected_secs =
			task.window_expected_secs.saturating_add(task.target_secs_per_cycle);
		task.last_cycle_secs = now;
		task.accruing_since_secs = now;
		task.nectar_carried = Zero::zero();
		if task.cycles_since_retarget >= task.cycles_per_retarget {
			Self::retarget(task_id, &mut task, now);
		}
		Tasks::<T>::insert(task_id, task);
		Ok(PostDispatchInfo { actual_weight: Some(used), pays_fee: Pays::Yes })
	}

	/// Closes `task`'s retarget window at `at` (seconds) and adjusts its pay by the ratio of the
	/// window's actual time to its expected time (the sum of the targets of its runs).
	fn retarget(task_id: TaskId, task: &mut Task<T>, at: u64) {
		let actual_secs = at.saturating_sub(task.last_retarget_secs);
		let expected_secs = task.window_expected_secs;
		let old_pay = task.pay_per_period;
		// `periodic::retarget` expects `target × cycles` seconds; the sum of the targets is
		// that product for a window whose target changed along the way.
		let new_pay: BalanceOf<T> =
			periodic::retarget(old_pay.unique_saturated_into(), expected_secs, 1, actual_secs)
				.unique_saturated_into();
		task.pay_per_period = new_pay;
		task.cycles_since_retarget = 0;
		task.window_expected_secs = 0;
		task.last_retarget_secs = at;
		Self::deposit_event(Event::Retargeted {
			task: task_id,
			old_pay,
			new_pay,
			actual_secs,
			expected_secs,
		});
	}

	/// Cancels `task`, which `owner` must own: pays the whole pot (reaping it) and the task
	/// account's free balance to the owner, and releases the deposit.
	///
	/// The task account keeps what it cannot give (funds on hold, frozen, or the existential
	/// deposit if something else keeps it alive); nobody holds its key, and with the task gone
	/// no call runs as it again.
	pub(crate) fn do_cancel_task(owner: &T::AccountId, task_id: TaskId) -> DispatchResult {
		let task = Self::owned_task(owner, task_id)?;
		let pot = Self::pot_account(task_id);
		let refunded =
			T::Currency::reducible_balance(&pot, Preservation::Expendable, Fortitude::Polite);
		if !refunded.is_zero() {
			T::Currency::transfer(&pot, owner, refunded, Preservation::Expendable)?;
		}
		let account = Self::task_account(task_id);
		let swept =
			T::Currency::reducible_balance(&account, Preservation::Expendable, Fortitude::Polite);
		if !swept.is_zero() {
			T::Currency::transfer(&account, owner, swept, Preservation::Expendable)?;
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
			swept,
			deposit: task.deposit,
		});
		Ok(())
	}

	/// Sets `task`'s target and window length, which `owner` must own, from now on:
	/// - the nectar accrued until now under the old parameters is kept in `nectar_carried`, and
	///   accrual goes on from now under the new ones;
	/// - the current window is **not** restarted (a restart on each call would let the owner
	///   postpone retargets for ever); if it already holds `cycles_per_retarget` runs, it closes
	///   at its last run and the pay is retargeted.
	pub(crate) fn do_set_task_params(
		owner: &T::AccountId,
		task_id: TaskId,
		target_secs_per_cycle: u64,
		cycles_per_retarget: u32,
	) -> DispatchResult {
		let mut task = Self::owned_task(owner, task_id)?;
		Self::ensure_valid_params(target_secs_per_cycle, cycles_per_retarget)?;
		let now = Self::now_secs();
		task.nectar_carried = Self::accrued(&task, now);
		task.accruing_since_secs = now;
		task.target_secs_per_cycle = target_secs_per_cycle;
		task.cycles_per_retarget = cycles_per_retarget;
		let nectar_carried = task.nectar_carried;
		Self::deposit_event(Event::TaskParamsSet {
			task: task_id,
			target_secs_per_cycle,
			cycles_per_retarget,
			nectar_carried,
		});
		if task.cycles_since_retarget >= task.cycles_per_retarget {
			let at = task.last_cycle_secs;
			Self::retarget(task_id, &mut task, at);
		}
		Tasks::<T>::insert(task_id, task);
		Ok(())
	}

	/// The task whose call is running right now (inside [`Pallet::dispatch`]), if any. Kept out
	/// of storage, in FRAME's dispatch context, for the duration of the call only.
	pub fn dispatching_task() -> Option<TaskId> {
		with_context::<RunningTask, _>(|guard| guard.get().map(|running| running.0)).flatten()
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
	/// to its own pot (with [`Pallet::add_nectar_from`]) so that the dispatch running it pays the
	/// caller all of the accrued nectar. Inside the task's own call this is exactly what the
	/// running dispatch still needs, because the last run time only moves after the call. Zero
	/// for an unknown task.
	pub fn nectar_shortfall(task: TaskId) -> BalanceOf<T> {
		match Tasks::<T>::get(task) {
			Some(t) => {
				Self::accrued(&t, Self::now_secs()).saturating_sub(Self::nectar_available(task))
			}
			None => Zero::zero(),
		}
	}

	/// The pot account of `task`: the sub-account `(b"pot", task)` of [`Config::PalletId`].
	/// Nobody holds a key to it; only `dispatch` (paying the caller) and `cancel_task` (paying
	/// the owner) move money out of it.
	pub fn pot_account(task: TaskId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating((POT_TAG, task))
	}

	/// The task account of `task`: the sub-account `(b"run", task)` of [`Config::PalletId`],
	/// distinct from every pot and every other task's account. The task's call runs with origin
	/// `Signed(task_account(task))`. Nobody holds a key to it: it spends only through its task's
	/// call, and `cancel_task` pays its free balance to the owner.
	pub fn task_account(task: TaskId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating((RUN_TAG, task))
	}

	/// The weight [`Pallet::dispatch`] declares for a given `max_call_weight`: this pallet's
	/// worst-case overhead (the longest call, `MaxCallLen` bytes) plus `max_call_weight`. It
	/// reads no storage and decodes nothing, so a batch cannot make it depend on a task that
	/// does not exist yet, and a task whose call is a dispatch cannot make it recurse.
	pub fn dispatch_weight(max_call_weight: Weight) -> Weight {
		T::WeightInfo::dispatch(T::MaxCallLen::get()).saturating_add(max_call_weight)
	}

	/// The nectar accrued by `task` at `now` (seconds), saturating into the balance type: what
	/// was carried over from earlier parameters, plus what accrued since `accruing_since_secs`
	/// at the current ones.
	pub(crate) fn accrued(task: &Task<T>, now: u64) -> BalanceOf<T> {
		let fresh: BalanceOf<T> = periodic::accrued_nectar(
			task.pay_per_period.unique_saturated_into(),
			task.target_secs_per_cycle,
			now.saturating_sub(task.accruing_since_secs),
		)
		.unique_saturated_into();
		task.nectar_carried.saturating_add(fresh)
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
		ensure!(Self::dispatching_task() != Some(task_id), Error::<T>::TaskBeingDispatched);
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

	/// Checks the configuration: sane bounds, and a distinct pot and task account for every task
	/// id (the account id must be long enough to hold the pallet id, a tag and a task id without
	/// truncation; the seeds have a fixed length, so checking the largest id checks them all).
	pub(crate) fn do_integrity_test() {
		assert!(T::MinTargetSecsPerCycle::get() >= 1, "MinTargetSecsPerCycle must be at least 1");
		assert!(
			T::MinTargetSecsPerCycle::get() <= T::MaxTargetSecsPerCycle::get(),
			"MinTargetSecsPerCycle must not exceed MaxTargetSecsPerCycle"
		);
		assert!(T::MaxCyclesPerRetarget::get() >= 1, "MaxCyclesPerRetarget must be at least 1");
		assert!(T::MaxCallLen::get() >= 1, "MaxCallLen must be at least 1");
		let id = T::PalletId::get();
		for tag in [POT_TAG, RUN_TAG] {
			assert!(
				AccountIdConversion::<T::AccountId>::try_into_sub_account(&id, (tag, TaskId::MAX))
					.is_some(),
				"the account id is too short to derive a distinct pot and task account for every \
				 task id"
			);
		}
	}

	/// Checks the pallet's invariants:
	/// - no task's call is running between extrinsics;
	/// - every task has an id below [`NextTaskId`], valid parameters, a non-zero pay and
	///   consistent counters (`cycles_since_retarget < cycles_per_retarget`,
	///   `cycles_since_retarget <= cycles`, `window_expected_secs` zero exactly when the window
	///   holds no run and at least one second per run; `last_retarget_secs <= last_cycle_secs <= accruing_since_secs
	///   <= now`, and no nectar carried when `accruing_since_secs == last_cycle_secs`);
	/// - every task's pot exists: it holds at least the existential deposit;
	/// - every owner has exactly the deposits of its tasks on hold.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::InspectHold;
		ensure!(Self::dispatching_task().is_none(), "a task's call is running between extrinsics");
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
			ensure!(
				(task.cycles_since_retarget == 0) == (task.window_expected_secs == 0),
				"a task's expected window time is zero exactly when its window is not empty"
			);
			ensure!(
				task.window_expected_secs >= u64::from(task.cycles_since_retarget),
				"a task's expected window time is below one second per run"
			);
			ensure!(
				task.last_retarget_secs <= task.last_cycle_secs,
				"a task's window starts after its last run"
			);
			ensure!(
				task.last_cycle_secs <= task.accruing_since_secs,
				"a task accrues from before its last run"
			);
			ensure!(task.accruing_since_secs <= now, "a task accrues from the future");
			ensure!(
				task.accruing_since_secs > task.last_cycle_secs || task.nectar_carried.is_zero(),
				"a task carries nectar over although its parameters did not change since its last run"
			);
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
