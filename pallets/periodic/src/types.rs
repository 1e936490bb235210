//! The data structures of the periodic pallet.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{BalanceOf, Config};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{BoundedVec, Weight},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// The id of a task. Ids are handed out in order and never reused, so the call stored under an id
/// never changes, and neither do the task's pot and task account.
pub type TaskId = u32;

/// A periodic task: a runtime call that anyone may run, paid from the task's nectar pot.
///
/// The call runs as the task's own keyless account ([`crate::Pallet::task_account`]), never as
/// its owner.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Task<T: Config> {
	/// Who registered the task. Only the owner may change or cancel it, and cancelling pays the
	/// pot and the task account's free balance to the owner. The call does **not** run as the
	/// owner.
	pub owner: T::AccountId,
	/// The SCALE-encoded runtime call, at most `MaxCallLen` bytes, decoded (with a depth limit)
	/// each time the task runs or is quoted. Its weight is computed afresh each time: the caller
	/// of `dispatch` declares an upper bound for it (`max_call_weight`).
	pub call: BoundedVec<u8, T::MaxCallLen>,
	/// The wanted time between two runs, in seconds.
	pub target_secs_per_cycle: u64,
	/// How many runs make a retarget window.
	pub cycles_per_retarget: u32,
	/// The nectar that accrues over `target_secs_per_cycle` seconds. Never zero.
	pub pay_per_period: BalanceOf<T>,
	/// How many times the task has run. The transaction pool tags a dispatch with
	/// `(task, cycles)`, so at most one dispatch per cycle is valid.
	pub cycles: u64,
	/// How many runs the current retarget window holds so far, always below
	/// `cycles_per_retarget`.
	pub cycles_since_retarget: u32,
	/// The sum of the `target_secs_per_cycle` in force at each run of the current window: the
	/// time the window should have taken. Each run is judged against the target in force when
	/// it ran, so changing the parameters never restarts a window. Zero exactly when the window
	/// holds no run.
	pub window_expected_secs: u64,
	/// When the task last ran (or was registered), in seconds since the Unix epoch. A dispatch
	/// needs time to have passed since: at most one run per second.
	pub last_cycle_secs: u64,
	/// Since when nectar accrues at the current `pay_per_period` and `target_secs_per_cycle`:
	/// the last run, or the last `set_task_params` after it. Never before `last_cycle_secs`.
	pub accruing_since_secs: u64,
	/// Nectar accrued since the last run under parameters that have since changed, owed to the
	/// next caller along with what accrues from `accruing_since_secs`. Zero when
	/// `accruing_since_secs == last_cycle_secs`.
	pub nectar_carried: BalanceOf<T>,
	/// When the current retarget window started, in seconds since the Unix epoch.
	pub last_retarget_secs: u64,
	/// The registration deposit held from the owner, released on cancel.
	pub deposit: BalanceOf<T>,
}

/// What a dispatch of a task would do now: the result of [`crate::Pallet::quote_dispatch`], which
/// [`crate::Pallet::dispatch`] itself runs before the task's call, and of the view function
/// `task_quote`.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct DispatchQuote<Balance> {
	/// The nectar the pot can pay now: `min(accrued, what the pot holds above its existential
	/// deposit)`. A dispatch pays at least this (the pot cannot shrink during the task's call),
	/// and up to `accrued` if the call tops the pot up.
	pub payable: Balance,
	/// The nectar accrued since the last run (carried over and accruing), owed in full if the
	/// pot can pay it.
	pub accrued: Balance,
	/// The task's cycle count before this dispatch: a successful dispatch makes it
	/// `cycle + 1`. The transaction pool tags a dispatch with `(task, cycle)`.
	pub cycle: u64,
	/// The weight of the task's call as the current runtime computes it: the least
	/// `max_call_weight` a dispatch may pass.
	pub call_weight: Weight,
	/// The weight `dispatch` declares when passed `max_call_weight = call_weight`: the
	/// worst-case overhead (`WeightInfo::dispatch(MaxCallLen)`) plus `call_weight`.
	pub declared_weight: Weight,
}
