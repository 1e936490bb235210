//! # Periodic pallet
//!
//! Periodic tasks run by keepers ("pollinators") who are paid in self-adjusting nectar.
//!
//! - An owner registers a runtime call as a task with [`Pallet::register_task`], holding
//!   [`Config::TaskDeposit`] and seeding the task's nectar pot (a derived account) with the
//!   existential deposit.
//! - Anyone funds a task's pot with [`Pallet::add_nectar`].
//! - The call runs as the task's own keyless **task account** ([`Pallet::task_account`]), never
//!   as the owner: it can spend only what the owner (or anyone) transferred to that account.
//! - Nectar accrues at `pay_per_period` per `target_secs_per_cycle` seconds. Anyone may run the
//!   task with [`Pallet::dispatch`] once time has passed since its last run: the caller declares
//!   an upper bound for the call's weight (`max_call_weight`, the `pallet_multisig::as_multi`
//!   pattern), the call runs, and the caller is paid the nectar accrued since the last run, or
//!   what the pot holds if that is less. The call may top the pot up itself (see
//!   [`Pallet::nectar_shortfall`]); what the pot actually holds after the call is what counts,
//!   so a top-up counts exactly once.
//! - [`Pallet::quote_dispatch`] runs every check of `dispatch` without running the call or
//!   changing anything: the transaction pool and keepers use it.
//! - Every `cycles_per_retarget` runs the pay is retargeted by the ratio of the actual to the
//!   expected time ([`power_primitives::periodic::retarget`]): at most halved or doubled.
//! - The owner changes the target and window with [`Pallet::set_task_params`], from now on
//!   (accrued nectar is kept, the window is not restarted), and gets the pot, the task account's
//!   free balance and the deposit back with [`Pallet::cancel_task`].
//!
//! Other pallets read [`Pallet::nectar_available`] and [`Pallet::nectar_shortfall`], fund a pot
//! with [`Pallet::add_nectar_from`], and ask [`Pallet::dispatching_task`] (or [`TaskRunning`])
//! whether a task's call is running. The pallet is independent of the power pallets.
//!
//! See the README for the mechanism, a worked example, and how a runtime pallet exposes a task.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::{DispatchQuote, Task, TaskId};
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
mod tasks;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// The balance type of the currency nectar and deposits are paid in.
pub type BalanceOf<T> = <<T as Config>::Currency as frame_support::traits::fungible::Inspect<
	<T as frame_system::Config>::AccountId,
>>::Balance;

/// How deeply a stored call may nest when it is decoded: the same limit as for extrinsics.
pub const CALL_DECODE_DEPTH_LIMIT: u32 = frame_support::MAX_EXTRINSIC_DEPTH;

/// `true` while a task's call runs (inside [`Pallet::dispatch`]), `false` otherwise: a
/// `Get<bool>` for other pallets' configurations. The runtime gives it to pallet-pay-after, so
/// that a bundle's signer is not reported as the signer of a periodic task's call that runs
/// inside the bundle.
pub struct TaskRunning<T>(core::marker::PhantomData<T>);

impl<T: Config> frame_support::traits::Get<bool> for TaskRunning<T> {
	fn get() -> bool {
		Pallet::<T>::dispatching_task().is_some()
	}
}

/// Sets up what the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Sets the current time, as [`Config::UnixTime`] reports it, to `secs` seconds since the
	/// Unix epoch. A runtime using pallet-timestamp calls its `set_timestamp(secs * 1000)`.
	fn set_time(secs: u64);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::types::{DispatchQuote, Task};
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::{fungible, UnixTime},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Dispatchable;

	/// The in-code storage version. 1: `Task` lost `call_weight` and gained
	/// `window_expected_secs`, `accruing_since_secs` and `nectar_carried`; the pots moved to the
	/// sub-accounts `(b"pot", task)`; `DispatchingTask` left storage. No migration from 0: the
	/// pallet never ran on a live chain with version 0.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The runtime call a task stores: the runtime's `RuntimeCall`. Declared here, rather than
		/// taken from `frame_system::Config`, because the pallet needs its post-dispatch info to
		/// be `PostDispatchInfo` (to refund the unused weight of the task's call), which
		/// `frame_system` does not require.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ From<frame_system::Call<Self>>
			+ IsType<<Self as frame_system::Config>::RuntimeCall>;

		/// The currency nectar and deposits are paid in.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The clock, in seconds since the Unix epoch: pallet-timestamp in a runtime.
		type UnixTime: UnixTime;

		/// The id the tasks' accounts are derived from: task `i`'s pot is its sub-account
		/// `(b"pot", i)` and task `i`'s task account (the origin its call runs with) is its
		/// sub-account `(b"run", i)`. The account id must hold 19 bytes (checked by
		/// `integrity_test`), so that neither derivation truncates.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The deposit held from a task's owner while the task exists.
		#[pallet::constant]
		type TaskDeposit: Get<BalanceOf<Self>>;

		/// The longest encoded call a task may store, in bytes.
		#[pallet::constant]
		type MaxCallLen: Get<u32>;

		/// The heaviest call a task may store, and the largest `max_call_weight` a dispatch may
		/// declare. [`Pallet::dispatch`] declares its own weight plus `max_call_weight`, so this
		/// must leave room in a block.
		#[pallet::constant]
		type MaxCallWeight: Get<Weight>;

		/// The shortest allowed `target_secs_per_cycle`. At least one second.
		#[pallet::constant]
		type MinTargetSecsPerCycle: Get<u64>;

		/// The longest allowed `target_secs_per_cycle`.
		#[pallet::constant]
		type MaxTargetSecsPerCycle: Get<u64>;

		/// The largest allowed `cycles_per_retarget`.
		#[pallet::constant]
		type MaxCyclesPerRetarget: Get<u32>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets the clock for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a registered task.
		#[codec(index = 0)]
		TaskDeposit,
	}

	/// Every registered task.
	#[pallet::storage]
	pub type Tasks<T: Config> = StorageMap<_, Twox64Concat, TaskId, Task<T>, OptionQuery>;

	/// The id the next registered task gets. Ids are never reused.
	#[pallet::storage]
	pub type NextTaskId<T: Config> = StorageValue<_, TaskId, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A task was registered, its deposit held and its pot seeded with the existential
		/// deposit.
		TaskRegistered {
			/// The new task.
			task: TaskId,
			/// Its owner.
			owner: T::AccountId,
			/// Its nectar pot.
			pot: T::AccountId,
			/// Its task account: the origin its call runs with. The owner funds it with what the
			/// task may spend.
			task_account: T::AccountId,
			/// The deposit held from the owner.
			deposit: BalanceOf<T>,
			/// The wanted seconds between runs.
			target_secs_per_cycle: u64,
			/// The runs per retarget window.
			cycles_per_retarget: u32,
			/// The initial nectar per `target_secs_per_cycle`.
			pay_per_period: BalanceOf<T>,
		},
		/// Someone added nectar to a task's pot.
		NectarAdded {
			/// The task.
			task: TaskId,
			/// Who paid.
			from: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// A task ran and its caller was paid.
		Pollinated {
			/// The task.
			task: TaskId,
			/// Who ran it, and was paid.
			caller: T::AccountId,
			/// The nectar paid from the pot to the caller: `accrued`, or what the pot held if
			/// that was less.
			paid: BalanceOf<T>,
			/// The nectar accrued since the last run. What the pot could not pay is forgone.
			accrued: BalanceOf<T>,
		},
		/// A retarget window closed and the task's pay was adjusted.
		Retargeted {
			/// The task.
			task: TaskId,
			/// The pay per period before.
			old_pay: BalanceOf<T>,
			/// The pay per period after.
			new_pay: BalanceOf<T>,
			/// How long the window actually took, in seconds.
			actual_secs: u64,
			/// How long it should have taken: the sum of the targets in force at its runs.
			expected_secs: u64,
		},
		/// The owner changed a task's target and window, from now on: the nectar accrued so far
		/// is kept, and the current window goes on (closing now if it already holds the new
		/// number of runs).
		TaskParamsSet {
			/// The task.
			task: TaskId,
			/// The new wanted seconds between runs.
			target_secs_per_cycle: u64,
			/// The new runs per retarget window.
			cycles_per_retarget: u32,
			/// The nectar accrued since the last run under the parameters until now, kept for
			/// the next caller.
			nectar_carried: BalanceOf<T>,
		},
		/// A task was cancelled: its pot, its task account's free balance and its deposit went
		/// back to the owner.
		TaskCancelled {
			/// The task.
			task: TaskId,
			/// Its owner.
			owner: T::AccountId,
			/// Everything the pot held (nectar and the existential deposit), paid to the owner.
			refunded: BalanceOf<T>,
			/// What the task account could give: its balance, less anything held, frozen or
			/// needed to keep it alive, paid to the owner.
			swept: BalanceOf<T>,
			/// The deposit released to the owner.
			deposit: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No task has this id.
		TaskNotFound,
		/// Only the task's owner may do this.
		NotTaskOwner,
		/// `target_secs_per_cycle` is below `MinTargetSecsPerCycle` or above
		/// `MaxTargetSecsPerCycle`.
		TargetSecsPerCycleOutOfRange,
		/// `cycles_per_retarget` is zero or above `MaxCyclesPerRetarget`.
		CyclesPerRetargetOutOfRange,
		/// The pay per period is zero; it must be at least 1.
		ZeroPayPerPeriod,
		/// The encoded call is longer than `MaxCallLen`.
		CallTooLong,
		/// The call weighs more than `MaxCallWeight`.
		CallTooHeavy,
		/// The stored call no longer decodes (the runtime changed since it was registered).
		CallUndecodable,
		/// The task's call weighs more than the `max_call_weight` the dispatch declared: pass at
		/// least the `call_weight` of `task_quote`. Nothing ran.
		MaxCallWeightTooLow,
		/// Every task id has been used.
		TaskIdsExhausted,
		/// The amount is zero.
		ZeroAmount,
		/// The nectar accrued is below the caller's `min_nectar`.
		AccruedBelowMinNectar,
		/// The pot can pay less than the caller's `min_nectar` (before the task's call, with
		/// what it holds now), or nothing at all (after the call).
		InsufficientNectar,
		/// A task's call tried to run a task: dispatches do not nest.
		ReentrantDispatch,
		/// The task's own call tried to cancel or change it while it runs.
		TaskBeingDispatched,
		/// The `max_call_weight` a dispatch declared exceeds `MaxCallWeight`.
		MaxCallWeightTooHigh,
		/// No time has passed since the task last ran (or was registered): a cycle needs time.
		NoTimeElapsed,
		/// No nectar has accrued since the last run: a run must be worth something.
		NothingAccrued,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			Self::do_integrity_test();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers `call` as a periodic task of the signer, holding `TaskDeposit` and moving the
		/// existential deposit into the task's new pot. The call will run with origin
		/// `Signed(task_account(task))`, subject to the runtime's call filter: the signer funds
		/// that account with what the task may spend.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_task(
			u32::try_from(call.encoded_size()).unwrap_or(u32::MAX)
		))]
		pub fn register_task(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
			target_secs_per_cycle: u64,
			cycles_per_retarget: u32,
			initial_pay_per_period: BalanceOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_register_task(
				&owner,
				*call,
				target_secs_per_cycle,
				cycles_per_retarget,
				initial_pay_per_period,
			)
			.map(|_| ())
		}

		/// Moves `amount` from the signer into `task`'s pot. Anyone may fund any task.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_nectar())]
		pub fn add_nectar(
			origin: OriginFor<T>,
			task: TaskId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let from = ensure_signed(origin)?;
			Self::add_nectar_from(&from, task, amount)
		}

		/// Runs `task` and pays the signer the nectar accrued since its last run, or what the
		/// pot holds if that is less; either way at least `min_nectar`, and not nothing.
		///
		/// Declares this pallet's worst-case overhead plus `max_call_weight`, read from the
		/// arguments only (the `pallet_multisig::as_multi` pattern): the task's call must weigh
		/// at most `max_call_weight` now, which must be at most `MaxCallWeight`, else nothing
		/// runs. Refunds down to the overhead for the real call length plus what the call used.
		/// Fails, changing nothing, if no time has passed since the last run, if the task's call
		/// fails, or if the pot cannot pay.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::dispatch_weight(*max_call_weight))]
		pub fn dispatch(
			origin: OriginFor<T>,
			task: TaskId,
			min_nectar: BalanceOf<T>,
			max_call_weight: Weight,
		) -> DispatchResultWithPostInfo {
			let caller = ensure_signed(origin)?;
			Self::do_dispatch(&caller, task, min_nectar, max_call_weight)
		}

		/// Cancels the signer's `task`: the whole pot and the task account's free balance go to
		/// the owner and the deposit is released.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::cancel_task())]
		pub fn cancel_task(origin: OriginFor<T>, task: TaskId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_cancel_task(&owner, task)
		}

		/// Sets the signer's `task`'s target seconds per cycle and cycles per retarget, from now
		/// on: the nectar accrued so far is kept for the next caller, and the current retarget
		/// window goes on, each of its runs judged against the target in force when it ran (it
		/// closes now if it already holds `cycles_per_retarget` runs).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_task_params())]
		pub fn set_task_params(
			origin: OriginFor<T>,
			task: TaskId,
			target_secs_per_cycle: u64,
			cycles_per_retarget: u32,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_set_task_params(&owner, task, target_secs_per_cycle, cycles_per_retarget)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A task, or `None` for an unknown id.
		pub fn task_info(task: TaskId) -> Option<Task<T>> {
			Tasks::<T>::get(task)
		}

		/// The nectar a task's pot can pay out now, or `None` for an unknown task.
		pub fn task_nectar_available(task: TaskId) -> Option<BalanceOf<T>> {
			Tasks::<T>::contains_key(task).then(|| Self::nectar_available(task))
		}

		/// The nectar accrued since the task's last run (owed in full to a caller of `dispatch`
		/// if the pot can pay it), or `None` for an unknown task.
		pub fn task_accrued_nectar(task: TaskId) -> Option<BalanceOf<T>> {
			Tasks::<T>::get(task).map(|t| Self::accrued(&t, Self::now_secs()))
		}

		/// How much the pot lacks to pay the accrued nectar now, or `None` for an unknown task.
		pub fn task_nectar_shortfall(task: TaskId) -> Option<BalanceOf<T>> {
			Tasks::<T>::contains_key(task).then(|| Self::nectar_shortfall(task))
		}

		/// What a dispatch of `task` would pay now, and the `max_call_weight` to pass: see
		/// [`Pallet::task_quote_of`]. `None` for an unknown task or a call that no longer
		/// decodes. Reported even when a dispatch would fail (`payable` may be zero).
		pub fn task_quote(task: TaskId) -> Option<DispatchQuote<BalanceOf<T>>> {
			Self::task_quote_of(task)
		}

		/// Whether `dispatch(task, min_nectar, max_call_weight)` passes every check it makes
		/// before running the task's call, and what it would pay: [`Pallet::quote_dispatch`].
		pub fn task_dispatch_quote(
			task: TaskId,
			min_nectar: BalanceOf<T>,
			max_call_weight: Weight,
		) -> Result<DispatchQuote<BalanceOf<T>>, DispatchError> {
			Self::quote_dispatch(task, min_nectar, max_call_weight)
		}

		/// The task account of `task` (the origin its call runs with), or `None` for an unknown
		/// task.
		pub fn task_account_of(task: TaskId) -> Option<T::AccountId> {
			Tasks::<T>::contains_key(task).then(|| Self::task_account(task))
		}
	}
}
