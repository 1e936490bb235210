//! The data structures of the power-selection pallet.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{BalanceOf, Config, PowerOf};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::Perbill;
use sp_staking::SessionIndex;

/// A bond that is still held after its candidacy ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct UnbondingChunk<Balance> {
	/// How much is held. Never zero.
	pub amount: Balance,
	/// The planned session index from which `withdraw_unbonded` releases it.
	pub unlock_session: SessionIndex,
}

/// The collators chosen for one session.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct SelectionSnapshot<T: Config> {
	/// The session the set was chosen for.
	pub session: SessionIndex,
	/// The invulnerables at the time, all in the set.
	pub invulnerables: BoundedVec<T::AccountId, T::MaxInvulnerables>,
	/// The drawn candidates in draw order, with the power each had when drawn (never zero).
	pub drawn: BoundedVec<(T::AccountId, PowerOf<T>), T::MaxCollators>,
}

impl<T: Config> SelectionSnapshot<T> {
	/// Every collator of the set: the invulnerables, then the drawn candidates.
	pub fn collators(&self) -> alloc::vec::Vec<T::AccountId> {
		self.invulnerables
			.iter()
			.cloned()
			.chain(self.drawn.iter().map(|(who, _)| who.clone()))
			.collect()
	}

	/// Whether `who` was drawn into this set.
	pub fn was_drawn(&self, who: &T::AccountId) -> bool {
		self.drawn.iter().any(|(drawn, _)| drawn == who)
	}
}

/// The draw's inputs, frozen ahead of a session change: the candidates when the freeze began,
/// and the power of each, read `MaxFreezePerBlock` at a time.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct FrozenDraw<T: Config> {
	/// The block of the session change whose draw this is.
	pub at: BlockNumberFor<T>,
	/// How many of `candidates` have their power read; the freeze is complete when it is their
	/// number.
	pub cursor: u32,
	/// The candidates when the freeze began, in list order, with their power (zero until read).
	pub candidates: BoundedVec<(T::AccountId, PowerOf<T>), T::MaxCandidates>,
}

impl<T: Config> FrozenDraw<T> {
	/// Whether every candidate's power has been read.
	pub fn is_complete(&self) -> bool {
		self.cursor as usize >= self.candidates.len()
	}
}

/// A candidate as the `candidates` view function shows it.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct CandidateInfo<T: Config> {
	/// The candidate.
	pub who: T::AccountId,
	/// The power miners delegated to it: its weight in the draw.
	pub power: PowerOf<T>,
	/// The bond held from it.
	pub bond: BalanceOf<T>,
}

/// A candidate's weight in the next draw.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct DrawWeight<Power> {
	/// The candidate's power.
	pub power: Power,
	/// The power of every candidate, the candidate's included.
	pub total_power: Power,
	/// `power / total_power`: the chance to be drawn first, rounded down.
	pub first_draw_chance: Perbill,
}
