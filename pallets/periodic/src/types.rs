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
/// never changes.
pub type TaskId = u32;

/// A periodic task: a runtime call that anyone may run, paid from the task's nectar pot.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Task<T: Config> {
	/// Who registered the task. The call runs with origin `Signed(owner)`, and only the owner may
	/// change or cancel the task.
	pub owner: T::AccountId,
	/// The SCALE-encoded runtime call, at most `MaxCallLen` bytes, decoded (with a depth limit)
	/// each time the task runs.
	pub call: BoundedVec<u8, T::MaxCallLen>,
	/// The call's weight, computed when the task was registered or its parameters last set.
	/// `dispatch` declares it without decoding the call (see `Pallet::dispatch_weight`), and
	/// refuses to run the call if the current runtime computes a larger weight for it.
	pub call_weight: Weight,
	/// The wanted time between two runs, in seconds.
	pub target_secs_per_cycle: u64,
	/// How many runs make a retarget window.
	pub cycles_per_retarget: u32,
	/// The nectar that accrues over `target_secs_per_cycle` seconds. Never zero.
	pub pay_per_period: BalanceOf<T>,
	/// How many times the task has run.
	pub cycles: u64,
	/// How many runs the current retarget window holds so far, always below
	/// `cycles_per_retarget`.
	pub cycles_since_retarget: u32,
	/// When the task last ran (or was registered), in seconds since the Unix epoch. Nectar
	/// accrues from here.
	pub last_cycle_secs: u64,
	/// When the current retarget window started, in seconds since the Unix epoch.
	pub last_retarget_secs: u64,
	/// The registration deposit held from the owner, released on cancel.
	pub deposit: BalanceOf<T>,
}
