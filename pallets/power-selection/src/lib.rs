//! # Power selection pallet
//!
//! Bonded collator candidates, and a randomized draw weighted by storage power each session. It
//! is the runtime's [`pallet_session::SessionManager`], in place of cumulus's
//! `pallet-collator-selection` (which takes the top N by bond, with no randomness).
//!
//! - A collator with session keys registers with [`Pallet::register_as_candidate`], which holds
//!   [`CandidacyBond`] under [`HoldReason::CandidacyBond`].
//! - Miners delegate storage power to candidates in `pallet-collator-power` (its
//!   `CollatorRegistry` is [`IsCandidate`]).
//! - Each [`SessionManager::new_session`](pallet_session::SessionManager::new_session) picks the
//!   invulnerables, plus [`power_primitives::selection::draw_weighted`] over the candidates,
//!   weighted by their power, for the remaining [`DesiredCollators`] slots. The candidates and
//!   powers are frozen ahead of the change ([`Freeze`], from [`Config::FreezeLead`] blocks
//!   before it, [`Config::MaxFreezePerBlock`] powers a block), so what the blocks after the
//!   freeze contain cannot steer the draw. The seed is [`Config::Randomness`] mixed with the
//!   session index, and the draw only uses an output that became known after the freeze was
//!   complete: when the freeze completes, [`Config::RandomnessClock`] is read
//!   ([`FreezeRandomnessMark`]), and the change draws only if the output's `known_since` is more
//!   than [`Config::RandomnessLag`] after that reading. Otherwise it draws nobody
//!   ([`Event::DrawRandomnessNotFresh`]): the invulnerables alone, or the previous set stays.
//!   The set and the power each collator had are stored ([`PlannedSelection`]) and emitted.
//! - [`Pallet::leave_intent`] ends a candidacy: the miners' delegations return to them through
//!   `pallet_collator_power::Pallet::remove_collator`, and the bond unlocks after
//!   [`Config::UnbondingDelay`] sessions, for [`Pallet::withdraw_unbonded`].
//! - A drawn collator that stays in the active set for [`Config::KickThreshold`] blocks without
//!   authoring one is found idle at the next session change, whatever its candidacy did in the
//!   meantime (left, re-registered, replaced), and queued in [`KickQueue`]: it is never drawn
//!   again while queued, and [`Config::MaxKicksPerBlock`] queued kicks are carried out per block
//!   in `on_initialize`. A kick slashes [`Config::SlashFraction`] of everything it holds as a
//!   candidacy bond (its bond and any bond still unbonding) to [`Config::OnSlash`], ends its
//!   candidacy, and unbonds the rest. This is the answer to the seed's "slashing collator"
//!   question: the collator's own bond pays, the miners' power is only handed back.
//! - The session change is bounded by construction: the draw reads at most
//!   [`Config::MaxCandidates`] powers, finding idle collators costs one queue write, kicks are
//!   spread over the following blocks, and `pallet_collator_power::Pallet::remove_collator` is
//!   O(1). `integrity_test` checks that the worst case fits in [`SESSION_CHANGE_MAX_SHARE`] of a
//!   block, in ref time and proof size.
//! - When the candidate list is full, [`Pallet::take_candidate_slot`] lets a newcomer with a
//!   larger bond take the slot of a candidate with a smaller one.
//!
//! ## Names shared with `pallet-collator-power`
//!
//! [`Config`] requires `pallet_collator_power::Config`, which also has `Currency`, `WeightInfo`
//! and `BenchmarkHelper`. This pallet keeps the conventional names, so a runtime configures both
//! pallets the usual way, and its code always names its own with `<T as Config>::…`
//! ([`CurrencyOf`], [`BalanceOf`]). The hold reason is collator-power's `RuntimeHoldReason`: in
//! a runtime both are the one overarching enum.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use candidacy::IsCandidate;
pub use pallet::*;
pub use types::{CandidateInfo, DrawWeight, FrozenDraw, SelectionSnapshot, UnbondingChunk};
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod candidacy;
#[cfg(test)]
mod mock;
mod session;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

use frame_support::traits::fungible;
use sp_staking::SessionIndex;

/// This pallet's currency (`Config::Currency` is ambiguous with collator-power's).
pub type CurrencyOf<T> = <T as Config>::Currency;

/// The balance type of the currency the bonds are held in.
pub type BalanceOf<T> =
	<CurrencyOf<T> as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// The storage power type of `pallet-collator-power`.
pub type PowerOf<T> = <T as pallet_collator_power::Config>::StoragePower;

/// What a slash yields: the credit handed to [`Config::OnSlash`].
pub type CreditOf<T> = fungible::Credit<<T as frame_system::Config>::AccountId, CurrencyOf<T>>;

/// Sets up what the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Registers session keys for `who`, so that [`Config::ValidatorRegistration`] accepts it.
	fn register_session_keys(who: &AccountId);
}

/// Ends sessions from this pallet's `on_initialize` ([`Config::SessionRotation`]).
///
/// pallet-session's own `on_initialize` rotates when its `ShouldEndSession` says so and then
/// reports a **whole block** (`BlockWeights::max_block`) as used, whatever the change cost: on top
/// of the weight this pallet's `new_session` registers, the boundary block would count the
/// session change twice and have no room left for a single transaction. So pallet-session is
/// given [`RotatedByPowerSelection`] (it never ends a session itself), and this pallet calls
/// `rotate_session` when the real schedule says so; the whole rotation (pallet-session's key
/// loading and handlers included, see the `new_session` benchmark) is registered once.
pub trait SessionRotation<BlockNumber> {
	/// Whether a session ends at block `now`.
	fn should_rotate(now: BlockNumber) -> bool;
	/// Ends the current session: pallet-session's `rotate_session`, which calls this pallet's
	/// `SessionManager::new_session`.
	fn rotate();
	/// Sets pallet-session's current session index, so that the benchmark's `rotate` plans the
	/// session it prepared.
	#[cfg(feature = "runtime-benchmarks")]
	fn set_current_index(index: SessionIndex);
}

/// No rotation: for a runtime (or a test) where pallet-session rotates by itself.
impl<BlockNumber> SessionRotation<BlockNumber> for () {
	fn should_rotate(_: BlockNumber) -> bool {
		false
	}
	fn rotate() {}
	#[cfg(feature = "runtime-benchmarks")]
	fn set_current_index(_: SessionIndex) {}
}

/// Rotates pallet-session of runtime `T` whenever `S` says a session ends (for example
/// `pallet_session::PeriodicSessions`, the same type as pallet-session's `NextSessionRotation`).
pub struct RotateSessions<T, S>(core::marker::PhantomData<(T, S)>);

impl<T, S> SessionRotation<frame_system::pallet_prelude::BlockNumberFor<T>> for RotateSessions<T, S>
where
	T: pallet_session::Config,
	S: pallet_session::ShouldEndSession<frame_system::pallet_prelude::BlockNumberFor<T>>,
{
	fn should_rotate(now: frame_system::pallet_prelude::BlockNumberFor<T>) -> bool {
		S::should_end_session(now)
	}
	fn rotate() {
		pallet_session::Pallet::<T>::rotate_session();
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn set_current_index(index: SessionIndex) {
		pallet_session::CurrentIndex::<T>::put(index);
	}
}

/// pallet-session's `ShouldEndSession` when this pallet rotates the sessions
/// ([`RotateSessions`]): pallet-session never ends one by itself, so it never charges its
/// whole-block weight.
pub struct RotatedByPowerSelection;

impl<BlockNumber> pallet_session::ShouldEndSession<BlockNumber> for RotatedByPowerSelection {
	fn should_end_session(_: BlockNumber) -> bool {
		false
	}
}

/// The subject passed to [`Config::Randomness`].
pub const RANDOMNESS_SUBJECT: &[u8] = b"power-selection/draw";

/// The largest share of a block, in ref time and in proof size each, that the worst session
/// change may use (the draw at `MaxCandidates`, `MaxCollators` in each set, and the most kicks a
/// block carries out). `integrity_test` checks it with the runtime's weights. Half a block leaves
/// the other half to the inherents (the relay-chain proof) and to the transactions.
pub const SESSION_CHANGE_MAX_SHARE: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(50);

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{BalancedHold, Mutate, MutateHold},
			EstimateNextSessionRotation, OnUnbalanced, Randomness, ValidatorRegistration,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{BlockNumberProvider, UniqueSaturatedInto},
		Perbill,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration.
	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ pallet_collator_power::Config<
			CollatorId = <Self as frame_system::Config>::AccountId,
			RuntimeHoldReason: From<HoldReason>,
		>
	{
		/// The currency the candidacy bonds are held in, and slashed from.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<
				Self::AccountId,
				Reason = <Self as pallet_collator_power::Config>::RuntimeHoldReason,
			> + BalancedHold<Self::AccountId>;

		/// The origin of the governance calls (invulnerables, desired collators, bond).
		type UpdateOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// How many candidates there may be. Bounds the cost of a session change.
		#[pallet::constant]
		type MaxCandidates: Get<u32>;

		/// How many invulnerables there may be.
		#[pallet::constant]
		type MaxInvulnerables: Get<u32>;

		/// How many collators a session may have: at least [`Config::MaxInvulnerables`], and
		/// the bound of [`DesiredCollators`].
		#[pallet::constant]
		type MaxCollators: Get<u32>;

		/// How many sessions a bond stays held after its candidate left or was kicked.
		#[pallet::constant]
		type UnbondingDelay: Get<SessionIndex>;

		/// A drawn collator in the active set for this many blocks without authoring one is
		/// queued for a kick at the next session change.
		#[pallet::constant]
		type KickThreshold: Get<BlockNumberFor<Self>>;

		/// When the next session change is: pallet-session's `NextSessionRotation` (the freeze
		/// of the draw's inputs starts `FreezeLead` blocks before it).
		type NextSessionRotation: EstimateNextSessionRotation<BlockNumberFor<Self>>;

		/// Ends the sessions (pallet-session's `rotate_session`) in this pallet's
		/// `on_initialize`, after the kicks and the freeze step, so that the session change's
		/// weight is registered once ([`RotateSessions`]; pallet-session's `ShouldEndSession`
		/// is then [`RotatedByPowerSelection`]).
		type SessionRotation: SessionRotation<BlockNumberFor<Self>>;

		/// How many blocks before a session change the draw's inputs (the candidates and their
		/// powers) start being frozen. Delegation changes after that count from the next
		/// freeze. The first block of the freeze copies the candidate list and each of the
		/// `FreezeLead - 1` blocks after it reads `MaxFreezePerBlock` powers, so
		/// `(FreezeLead - 1) * MaxFreezePerBlock >= MaxCandidates` (checked by `integrity_test`).
		/// It must be under a session length.
		#[pallet::constant]
		type FreezeLead: Get<BlockNumberFor<Self>>;

		/// How many candidates' powers the freeze reads per block.
		#[pallet::constant]
		type MaxFreezePerBlock: Get<u32>;

		/// How many queued kicks `on_initialize` carries out per block. Bounds the mandatory
		/// work of every block; a coordinated idle of `MaxCollators` collators is worked off in
		/// `MaxCollators / MaxKicksPerBlock` blocks.
		#[pallet::constant]
		type MaxKicksPerBlock: Get<u32>;

		/// The part of a kicked candidate's bond that is slashed. May be zero.
		#[pallet::constant]
		type SlashFraction: Get<Perbill>;

		/// Where slashed bonds go (a treasury); `()` burns them.
		type OnSlash: OnUnbalanced<CreditOf<Self>>;

		/// The source of randomness for the draw, mixed with the session index. Its
		/// `known_since` is the point, counted by [`Config::RandomnessClock`], from which the
		/// output could be known to anyone; an output that is not known only from a point after
		/// the freeze must report an earlier (or zero) `known_since`.
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// The clock `Randomness` counts `known_since` in: this chain's block number
		/// (`frame_system::Pallet`) for a randomness of this chain, the relay parent's number
		/// for relay-chain randomness. Read when the freeze completes, in `on_initialize`.
		type RandomnessClock: BlockNumberProvider<BlockNumber = BlockNumberFor<Self>>;

		/// How far ahead of [`Config::RandomnessClock`] a block author may already know
		/// `Randomness` outputs (for relay-chain randomness: how old a relay parent a collator
		/// may build on, the relay chain's `allowed_ancestry_len`). The draw uses an output
		/// only if its `known_since` is more than this after the clock's reading when the
		/// freeze completed.
		type RandomnessLag: Get<BlockNumberFor<Self>>;

		/// Whether an account has registered session keys (pallet-session in a runtime).
		type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;

		/// Weights of the calls and the session change, from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up session keys for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The bond of a candidate, or of a former candidate while it unbonds.
		#[codec(index = 0)]
		CandidacyBond,
	}

	/// The invulnerable collators, in every session's set. Sorted, no duplicates.
	#[pallet::storage]
	pub type Invulnerables<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxInvulnerables>, ValueQuery>;

	/// The candidates, in registration order. The draw reads it in one go.
	#[pallet::storage]
	pub type CandidateList<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxCandidates>, ValueQuery>;

	/// The bond held from each candidate: an entry exactly for each account in
	/// [`CandidateList`], for O(1) membership checks.
	#[pallet::storage]
	pub type CandidateBonds<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, OptionQuery>;

	/// Bonds of former candidates that are still held, and when they unlock.
	#[pallet::storage]
	pub type Unbonding<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, UnbondingChunk<BalanceOf<T>>, OptionQuery>;

	/// The last block each drawn collator authored, or the block it became active if later.
	/// Entries exist only for candidates, for collators of the active or planned set (whatever
	/// their candidacy did since they were drawn) and for queued kicks.
	#[pallet::storage]
	pub type LastAuthoredBlock<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>, OptionQuery>;

	/// How many collators a session should have, invulnerables included. At most
	/// [`Config::MaxCollators`].
	#[pallet::storage]
	pub type DesiredCollators<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The bond a new candidate must put up.
	#[pallet::storage]
	pub type CandidacyBond<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// The index of the latest session planned by `new_session`: the clock unbonding counts in.
	#[pallet::storage]
	pub type PlannedSession<T: Config> = StorageValue<_, SessionIndex, ValueQuery>;

	/// The set the latest non-empty `new_session` chose, with the power each drawn collator had.
	#[pallet::storage]
	pub type PlannedSelection<T: Config> = StorageValue<_, SelectionSnapshot<T>, OptionQuery>;

	/// The set of the current session: the kick check looks at its drawn collators.
	#[pallet::storage]
	pub type ActiveSelection<T: Config> = StorageValue<_, SelectionSnapshot<T>, OptionQuery>;

	/// The draw's inputs for the next session change, frozen ahead of it: filled
	/// `MaxFreezePerBlock` powers per block from `FreezeLead` blocks before the change, read (and
	/// removed) by the change. A change without a complete freeze draws nobody.
	#[pallet::storage]
	pub type Freeze<T: Config> = StorageValue<_, FrozenDraw<T>, OptionQuery>;

	/// When the [`Freeze`] for the session change at block `.0` became complete:
	/// [`Config::RandomnessClock`]'s reading then (`.1`). The change draws only with randomness
	/// known from more than [`Config::RandomnessLag`] after it. Exists only while that freeze
	/// is complete and waiting for its change.
	#[pallet::storage]
	pub type FreezeRandomnessMark<T: Config> =
		StorageValue<_, (BlockNumberFor<T>, BlockNumberFor<T>), OptionQuery>;

	/// Collators found idle at a session change, with the block each last authored, waiting for
	/// `on_initialize` to kick them ([`Config::MaxKicksPerBlock`] per block). A queued account is
	/// never drawn, may not register, and may not withdraw an unbonding bond.
	#[pallet::storage]
	pub type KickQueue<T: Config> =
		StorageValue<_, BoundedVec<(T::AccountId, BlockNumberFor<T>), T::MaxCollators>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The invulnerable collators.
		pub invulnerables: alloc::vec::Vec<T::AccountId>,
		/// The bond a new candidate must put up.
		pub candidacy_bond: BalanceOf<T>,
		/// How many collators a session should have, invulnerables included.
		pub desired_collators: u32,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut invulnerables = self.invulnerables.clone();
			invulnerables.sort();
			invulnerables.dedup();
			assert_eq!(invulnerables.len(), self.invulnerables.len(), "duplicate invulnerables");
			let invulnerables: BoundedVec<_, T::MaxInvulnerables> =
				invulnerables.try_into().expect("genesis invulnerables exceed MaxInvulnerables");
			assert!(
				self.desired_collators <= T::MaxCollators::get(),
				"genesis desired_collators exceeds MaxCollators"
			);
			Invulnerables::<T>::put(invulnerables);
			CandidacyBond::<T>::put(self.candidacy_bond);
			DesiredCollators::<T>::put(self.desired_collators);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account became a candidate and its bond was held.
		CandidateRegistered {
			/// The new candidate.
			who: T::AccountId,
			/// The bond held from it.
			bond: BalanceOf<T>,
		},
		/// A candidate left: it is not drawn from the next session on, its delegations went back
		/// to the miners, and its bond unbonds.
		CandidateLeft {
			/// The former candidate.
			who: T::AccountId,
			/// Its bond, now unbonding.
			bond: BalanceOf<T>,
			/// The planned session index from which it may withdraw.
			unlock_session: SessionIndex,
		},
		/// A drawn collator authored no block for `KickThreshold` blocks while active: it is
		/// queued for a kick and no longer drawn.
		KickQueued {
			/// The idle collator.
			who: T::AccountId,
			/// The last block it authored, or the block it became active if later.
			last_authored: BlockNumberFor<T>,
		},
		/// A queued kick was carried out: the collator's candidacy ended (if it still had one),
		/// `SlashFraction` of its held bonds was slashed, its delegations go back to the miners
		/// and the rest of its bonds unbonds.
		CandidateKicked {
			/// The kicked candidate.
			who: T::AccountId,
			/// The last block it authored, or the block it became active if later.
			last_authored: BlockNumberFor<T>,
			/// How much of its bond was slashed to `OnSlash`.
			slashed: BalanceOf<T>,
			/// What is left of its bond, now unbonding.
			unbonding: BalanceOf<T>,
			/// The planned session index from which it may withdraw.
			unlock_session: SessionIndex,
		},
		/// The freeze of the draw's inputs for the session change at block `at` began.
		DrawFreezing {
			/// The block of the session change.
			at: BlockNumberFor<T>,
			/// How many candidates are frozen.
			candidates: u32,
		},
		/// Every frozen candidate's power has been read: the draw at block `at` is fixed but for
		/// the randomness (and for candidates that leave or are queued for a kick before it).
		DrawFrozen {
			/// The block of the session change.
			at: BlockNumberFor<T>,
			/// The total frozen power.
			total_power: PowerOf<T>,
		},
		/// A session change found no complete freeze of the draw's inputs (the session came
		/// sooner than estimated): it drew nobody, only the invulnerables (or the previous set).
		DrawNotFrozen {
			/// The session that was planned.
			session: SessionIndex,
		},
		/// A session change found its randomness known too early: not more than
		/// `RandomnessLag` after the freeze completed (or no record of the freeze completing),
		/// so someone could have shaped the freeze knowing the draw. It drew nobody, only the
		/// invulnerables (or the previous set).
		DrawRandomnessNotFresh {
			/// The session that was planned.
			session: SessionIndex,
			/// Since when the randomness was known, by `RandomnessClock`.
			known_since: BlockNumberFor<T>,
			/// The clock's reading when the freeze completed, if it did.
			frozen_at: Option<BlockNumberFor<T>>,
		},
		/// A newcomer with a larger bond took a candidate's slot in a full candidate list.
		CandidateReplaced {
			/// The candidate that lost its slot; its bond unbonds.
			old: T::AccountId,
			/// Its bond, now unbonding.
			old_bond: BalanceOf<T>,
			/// The planned session index from which it may withdraw.
			unlock_session: SessionIndex,
			/// The new candidate.
			new: T::AccountId,
			/// The bond held from the new candidate.
			bond: BalanceOf<T>,
		},
		/// A candidate changed its bond.
		CandidateBondUpdated {
			/// The candidate.
			who: T::AccountId,
			/// Its bond now.
			bond: BalanceOf<T>,
		},
		/// A former candidate withdrew its unbonded bond.
		BondWithdrawn {
			/// The account.
			who: T::AccountId,
			/// The amount released.
			amount: BalanceOf<T>,
		},
		/// The invulnerables were replaced.
		InvulnerablesSet {
			/// The new invulnerables, sorted.
			invulnerables: alloc::vec::Vec<T::AccountId>,
		},
		/// An invulnerable was added.
		InvulnerableAdded {
			/// The new invulnerable.
			who: T::AccountId,
		},
		/// An invulnerable was removed.
		InvulnerableRemoved {
			/// The former invulnerable.
			who: T::AccountId,
		},
		/// The desired number of collators changed.
		DesiredCollatorsSet {
			/// The new number, invulnerables included.
			desired: u32,
		},
		/// The candidacy bond for new candidates changed.
		CandidacyBondSet {
			/// The new bond.
			bond: BalanceOf<T>,
		},
		/// A session's collators were chosen.
		CollatorsSelected {
			/// The session they were chosen for.
			session: SessionIndex,
			/// The invulnerables, all in the set.
			invulnerables: alloc::vec::Vec<T::AccountId>,
			/// The drawn candidates in draw order, with the power each had when drawn.
			drawn: alloc::vec::Vec<(T::AccountId, PowerOf<T>)>,
		},
		/// The draw found no collator and there are no invulnerables: the previous set stays.
		PreviousCollatorsKept {
			/// The session that keeps the previous set.
			session: SessionIndex,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a candidate.
		AlreadyCandidate,
		/// The account is not a candidate.
		NotCandidate,
		/// The account is an invulnerable, and an invulnerable cannot also be a candidate.
		AlreadyInvulnerable,
		/// The account is not an invulnerable.
		NotInvulnerable,
		/// There are already `MaxCandidates` candidates.
		TooManyCandidates,
		/// There would be more than `MaxInvulnerables` invulnerables.
		TooManyInvulnerables,
		/// The new invulnerables name an account twice.
		DuplicateInvulnerable,
		/// The desired number of collators exceeds `MaxCollators`.
		TooManyDesiredCollators,
		/// The account has no session keys registered.
		SessionKeysNotRegistered,
		/// The account has no bond unbonding.
		NothingUnbonding,
		/// The bond is still in its unbonding delay.
		StillUnbonding,
		/// The account is in the active or planned set, or queued for a kick: its bonds stay
		/// held until it has been checked.
		StillAccountable,
		/// The account is queued for a kick.
		AwaitingKick,
		/// The candidate list is not full: use `register_as_candidate`.
		CandidateListNotFull,
		/// The bond is below `CandidacyBond`, or not larger than the bond of the candidate whose
		/// slot it would take.
		BondTooLow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Carries out up to `MaxKicksPerBlock` queued kicks, freezes the next draw's inputs
		/// when it is due, and ends the session when [`Config::SessionRotation`] says so (the
		/// rotation registers its own weight, `new_session`, once).
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let weight = Self::process_kick_queue().saturating_add(Self::freeze_step(n));
			// Whether a session ends here: the schedule's read (its period may be a storage
			// parameter).
			let weight = weight.saturating_add(T::DbWeight::get().reads(1));
			if T::SessionRotation::should_rotate(n) {
				T::SessionRotation::rotate();
			}
			weight
		}

		fn integrity_test() {
			assert!(
				T::MaxCollators::get() >= T::MaxInvulnerables::get(),
				"MaxCollators must be at least MaxInvulnerables"
			);
			assert!(T::MaxCollators::get() > 0, "MaxCollators must be positive");
			assert!(T::MaxKicksPerBlock::get() > 0, "MaxKicksPerBlock must be positive");
			let lead: u64 = T::FreezeLead::get().unique_saturated_into();
			assert!(
				lead.saturating_sub(1).saturating_mul(u64::from(T::MaxFreezePerBlock::get()))
					>= u64::from(T::MaxCandidates::get()),
				"(FreezeLead - 1) * MaxFreezePerBlock must cover MaxCandidates"
			);
			let max = <T as frame_system::Config>::BlockWeights::get().max_block;
			let worst = Self::session_change_max_weight();
			assert!(
				worst.ref_time() <= SESSION_CHANGE_MAX_SHARE * max.ref_time()
					&& worst.proof_size() <= SESSION_CHANGE_MAX_SHARE * max.proof_size(),
				"the worst session change ({worst:?}) exceeds {SESSION_CHANGE_MAX_SHARE:?} of a \
				 block ({max:?})"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Makes the signer a candidate and holds `CandidacyBond` from it. It needs session keys,
		/// must not be an invulnerable, and is drawn from the next session change on if miners
		/// delegate power to it.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::register_as_candidate(T::MaxCandidates::get()))]
		pub fn register_as_candidate(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_register_as_candidate(&who)
		}

		/// Ends the signer's candidacy: it is not drawn from the next session change on, the power
		/// miners delegated to it returns to them, and its bond unlocks after `UnbondingDelay`
		/// sessions.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::leave_intent_max_weight())]
		pub fn leave_intent(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_leave_intent(&who)
		}

		/// Releases the signer's bond once its unbonding delay has passed and it is no longer in
		/// the active or planned set nor queued for a kick.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(&who)
		}

		/// Replaces the invulnerables. Each needs session keys and must not be a candidate.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::set_invulnerables(
			u32::try_from(new.len()).unwrap_or(u32::MAX)
		))]
		pub fn set_invulnerables(
			origin: OriginFor<T>,
			new: alloc::vec::Vec<T::AccountId>,
		) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			Self::do_set_invulnerables(new)
		}

		/// Adds an invulnerable. It needs session keys and must not be a candidate.
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::add_invulnerable(
			T::MaxInvulnerables::get().saturating_sub(1)
		))]
		pub fn add_invulnerable(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			Self::do_add_invulnerable(who)
		}

		/// Removes an invulnerable.
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_invulnerable(T::MaxInvulnerables::get()))]
		pub fn remove_invulnerable(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			Self::do_remove_invulnerable(who)
		}

		/// Sets how many collators a session should have, invulnerables included; at most
		/// `MaxCollators`.
		#[pallet::call_index(6)]
		#[pallet::weight(<T as Config>::WeightInfo::set_desired_collators())]
		pub fn set_desired_collators(origin: OriginFor<T>, desired: u32) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			Self::do_set_desired_collators(desired)
		}

		/// Takes the slot of `target`, a candidate whose bond is smaller than `bond`, when the
		/// candidate list is full. The signer becomes a candidate holding `bond` (at least
		/// `CandidacyBond`); `target` stops being one, its delegations go back to the miners and
		/// its bond unbonds (it stays accountable for the sets it is in).
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::take_candidate_slot())]
		pub fn take_candidate_slot(
			origin: OriginFor<T>,
			bond: BalanceOf<T>,
			target: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_take_candidate_slot(&who, bond, &target)
		}

		/// Sets the signer's candidacy bond to `bond` (at least `CandidacyBond`): a raise is held
		/// at once, which defends the slot against `take_candidate_slot`; a cut unbonds like a
		/// leave (it stays slashable until it unlocks).
		#[pallet::call_index(9)]
		#[pallet::weight(<T as Config>::WeightInfo::update_bond())]
		pub fn update_bond(origin: OriginFor<T>, bond: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_bond(&who, bond)
		}

		/// Sets the bond new candidates must put up. Existing candidates keep theirs.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::set_candidacy_bond())]
		pub fn set_candidacy_bond(origin: OriginFor<T>, bond: BalanceOf<T>) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			CandidacyBond::<T>::put(bond);
			Self::deposit_event(Event::CandidacyBondSet { bond });
			Ok(())
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// Every candidate with its delegated power and its bond, in registration order.
		pub fn candidates() -> alloc::vec::Vec<CandidateInfo<T>> {
			Self::candidate_infos()
		}

		/// The set the latest `new_session` chose, with the power of each drawn collator.
		pub fn planned_selection() -> Option<SelectionSnapshot<T>> {
			PlannedSelection::<T>::get()
		}

		/// The set of the current session.
		pub fn active_selection() -> Option<SelectionSnapshot<T>> {
			ActiveSelection::<T>::get()
		}

		/// The draw's inputs frozen so far for the next session change.
		pub fn frozen_draw() -> Option<FrozenDraw<T>> {
			Freeze::<T>::get()
		}

		/// The queued kicks, oldest first.
		pub fn kick_queue() -> alloc::vec::Vec<(T::AccountId, BlockNumberFor<T>)> {
			KickQueue::<T>::get().into_inner()
		}

		/// The candidate with the smallest bond (the first in the list among equals): whose slot
		/// `take_candidate_slot` can take with a larger bond. `None` without candidates.
		pub fn weakest_candidate() -> Option<(T::AccountId, BalanceOf<T>)> {
			Self::weakest()
		}

		/// A candidate's weight in the draws to come, from its current power: its power, the power
		/// of every candidate, and its chance to be drawn first. The next draw uses the powers
		/// frozen for it ([`Pallet::frozen_draw`]) once its freeze has begun. `None` for a
		/// non-candidate.
		pub fn draw_weight(who: T::AccountId) -> Option<DrawWeight<PowerOf<T>>> {
			Self::candidate_draw_weight(&who)
		}
	}
}
