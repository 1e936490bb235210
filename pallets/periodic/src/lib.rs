//! # Periodic pallet
//!
//! Periodic tasks run by keepers ("pollinators") who are paid in self-adjusting nectar.
//!
//! - An owner registers a runtime call as a task with [`Pallet::register_task`], holding
//!   [`Config::TaskDeposit`] and seeding the task's nectar pot (a derived account) with the
//!   existential deposit.
//! - Anyone funds a task's pot with [`Pallet::add_nectar`].
//! - Nectar accrues at `pay_per_period` per `target_secs_per_cycle` seconds. Anyone may run the
//!   task at any time with [`Pallet::dispatch`]: the call runs with origin `Signed(owner)` and the
//!   caller is paid the nectar accrued since the last run, from the pot. The call may top the pot
//!   up itself (see [`Pallet::nectar_shortfall`]); what the pot actually holds after the call is
//!   what counts, so a top-up counts exactly once.
//! - Every `cycles_per_retarget` runs the pay is retargeted by the ratio of the actual to the
//!   expected time ([`power_primitives::periodic::retarget`]): at most halved or doubled.
//! - The owner changes the target and window with [`Pallet::set_task_params`] and gets the pot and
//!   the deposit back with [`Pallet::cancel_task`].
//!
//! Other pallets read [`Pallet::nectar_available`] and [`Pallet::nectar_shortfall`], and fund a
//! pot with [`Pallet::add_nectar_from`]. The pallet is independent of the power pallets.
//!
//! See the README for the mechanism, a worked example, and how a runtime pallet exposes a task.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::{Task, TaskId};
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
	use crate::types::Task;
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::{fungible, UnixTime},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Dispatchable;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

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

		/// The id the task pots are derived from: task `i`'s pot is the sub-account `i` of it.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The deposit held from a task's owner while the task exists.
		#[pallet::constant]
		type TaskDeposit: Get<BalanceOf<Self>>;

		/// The longest encoded call a task may store, in bytes.
		#[pallet::constant]
		type MaxCallLen: Get<u32>;

		/// The heaviest call a task may store. [`Pallet::dispatch`] declares its own weight plus
		/// the call's, so this must leave room in a block.
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

	/// The task whose call is running right now, if any: the re-entrancy guard of
	/// [`Pallet::dispatch`]. Set only for the duration of a task's call, so it is empty between
	/// extrinsics.
	#[pallet::storage]
	pub type DispatchingTask<T: Config> = StorageValue<_, TaskId, OptionQuery>;

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
			/// The nectar paid from the pot to the caller.
			paid: BalanceOf<T>,
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
		},
		/// The owner changed a task's target and window; a new window starts now.
		TaskParamsSet {
			/// The task.
			task: TaskId,
			/// The new wanted seconds between runs.
			target_secs_per_cycle: u64,
			/// The new runs per retarget window.
			cycles_per_retarget: u32,
		},
		/// A task was cancelled: its pot and deposit went back to the owner.
		TaskCancelled {
			/// The task.
			task: TaskId,
			/// Its owner.
			owner: T::AccountId,
			/// Everything the pot held (nectar and the existential deposit), paid to the owner.
			refunded: BalanceOf<T>,
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
		/// The current runtime computes a larger weight for the task's call than the one stored
		/// (and declared); the owner refreshes it with `set_task_params`.
		CallWeightOutdated,
		/// Every task id has been used.
		TaskIdsExhausted,
		/// The amount is zero.
		ZeroAmount,
		/// The nectar accrued is below the caller's `min_nectar`.
		AccruedBelowMinNectar,
		/// After the task's call, the pot does not hold the nectar owed to the caller.
		InsufficientNectar,
		/// A task's call tried to run a task: dispatches do not nest.
		ReentrantDispatch,
		/// The task's own call tried to cancel or change it while it runs.
		TaskBeingDispatched,
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
		/// `Signed(signer)`, subject to the runtime's call filter.
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

		/// Runs `task` and pays the signer the nectar accrued since its last run, which must be
		/// at least `min_nectar`. Fails, changing nothing, if the task's call fails or if the pot
		/// does not hold the nectar after the call. Declares this pallet's overhead plus the
		/// call's stored weight, and refunds what the call did not use.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::dispatch_weight(*task))]
		pub fn dispatch(
			origin: OriginFor<T>,
			task: TaskId,
			min_nectar: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let caller = ensure_signed(origin)?;
			Self::do_dispatch(&caller, task, min_nectar)
		}

		/// Cancels the signer's `task`: the whole pot goes to the owner and the deposit is
		/// released.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::cancel_task())]
		pub fn cancel_task(origin: OriginFor<T>, task: TaskId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_cancel_task(&owner, task)
		}

		/// Sets the signer's `task`'s target seconds per cycle and cycles per retarget, from now
		/// on: a new retarget window starts now. Also re-computes the stored weight of the task's
		/// call with the current runtime.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_task_params(T::MaxCallLen::get()))]
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

		/// The nectar a caller of `dispatch` would be paid now, or `None` for an unknown task.
		pub fn task_accrued_nectar(task: TaskId) -> Option<BalanceOf<T>> {
			Tasks::<T>::get(task).map(|t| Self::accrued(&t, Self::now_secs()))
		}

		/// How much the pot lacks to pay the accrued nectar now, or `None` for an unknown task.
		pub fn task_nectar_shortfall(task: TaskId) -> Option<BalanceOf<T>> {
			Tasks::<T>::contains_key(task).then(|| Self::nectar_shortfall(task))
		}
	}
}
