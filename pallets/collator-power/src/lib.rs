//! # Collator power pallet
//!
//! The ledger of the storage power each miner has proven, and of the power it delegated to
//! collators.
//!
//! - A storage miner registers with [`Pallet::create_miner`], which holds
//!   [`Config::MinerDeposit`].
//! - The storage-provider pallet, and only it, changes a miner's raw power with
//!   [`Pallet::update_miner_power`]. A cut scales every delegation of that miner down by the same
//!   ratio, rounding down.
//! - The miner delegates its power to collator candidates with [`Pallet::delegate_power`] and takes
//!   it back with [`Pallet::undelegate_power`].
//! - The selection pallet reads a collator's power in O(1) with [`Pallet::get_collator_power`] and,
//!   when a collator leaves or is kicked, calls [`Pallet::remove_collator`], which costs O(1): the
//!   collator's power drops to zero at once, and its delegations go back to the miners lazily, a
//!   metered number per block in `on_idle` ([`RemovedCollators`]), or at once when a miner calls
//!   [`Pallet::undelegate_power`].
//! - A delegation is at least [`Config::MinDelegation`]; when a collator already has
//!   [`Config::MaxDelegatorsPerCollator`] delegators, a new stake larger than the smallest one
//!   displaces it (the displaced stake returns to its miner).
//!
//! The storage-provider and selection pallets are tightly coupled to this one: their `Config`
//! traits require [`Config`] and they call the pub fns above directly. The reverse direction, "is
//! this account a collator candidate?", is loose: [`Config::CollatorRegistry`].
//!
//! See the README for the reasoning on collator slashing.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use power_primitives::PowerDelta;
pub use types::MinerClaim;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod ledger;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// The balance type of the currency the deposits are held in.
pub type BalanceOf<T> = <<T as Config>::Currency as frame_support::traits::fungible::Inspect<
	<T as frame_system::Config>::AccountId,
>>::Balance;

/// Sets up what the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<CollatorId> {
	/// Returns the `index`th collator, registered so that [`Config::CollatorRegistry`] contains
	/// it. Called again with the same `index`, it returns the same collator without registering
	/// it twice.
	fn collator(index: u32) -> CollatorId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::weights::WeightMeter;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, Contains},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{AtLeast32BitUnsigned, Zero};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The unit of storage power (bytes of proven storage).
		type StoragePower: Parameter
			+ Member
			+ AtLeast32BitUnsigned
			+ Copy
			+ Default
			+ MaxEncodedLen
			+ TypeInfo;

		/// How a collator is identified: the runtime uses the account id, which is also
		/// pallet-session's `ValidatorId`.
		type CollatorId: Parameter + Member + Ord + MaxEncodedLen + TypeInfo;

		/// Whether an id is a collator candidate. Power may only be delegated to candidates.
		type CollatorRegistry: Contains<Self::CollatorId>;

		/// Accounts whose miner another pallet still relies on: [`Pallet::remove_miner`] refuses
		/// them with [`Error::MinerInUse`]. The runtime uses the storage-provider pallet (a
		/// registered provider keeps its miner until `unregister_storage_provider`).
		type MinerInUse: Contains<Self::AccountId>;

		/// The currency the miner deposit is held in.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The deposit held from a miner while it is registered.
		#[pallet::constant]
		type MinerDeposit: Get<BalanceOf<Self>>;

		/// How many collators one miner may delegate to at once.
		#[pallet::constant]
		type MaxDelegationsPerMiner: Get<u32>;

		/// How many miners may delegate to one collator at once. Bounds the cost of
		/// [`Pallet::remove_collator`].
		#[pallet::constant]
		type MaxDelegatorsPerCollator: Get<u32>;

		/// The smallest stake a new delegation may have, and the smallest a partial
		/// undelegation may leave. With displacement by larger stakes, it makes filling a
		/// collator's delegator slots cost real power (see the README).
		#[pallet::constant]
		type MinDelegation: Get<Self::StoragePower>;

		/// Weights of the calls and pub fns, from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up collator candidates for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::CollatorId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a registered miner.
		#[codec(index = 0)]
		MinerDeposit,
	}

	/// The claim of every registered miner: its raw power and its delegations.
	#[pallet::storage]
	pub type MinerClaims<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, MinerClaim<T>, OptionQuery>;

	/// The total power delegated to each collator: the sum of the stakes on it. No entry means
	/// zero.
	#[pallet::storage]
	pub type CollatorPower<T: Config> =
		StorageMap<_, Blake2_128Concat, T::CollatorId, T::StoragePower, ValueQuery>;

	/// Reverse index: the miners that delegate to each collator, with a copy of each stake (so
	/// that finding a full collator's smallest stake reads only this prefix).
	#[pallet::storage]
	pub type CollatorDelegators<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::CollatorId,
		Blake2_128Concat,
		T::AccountId,
		T::StoragePower,
		OptionQuery,
	>;

	/// Collators removed by [`Pallet::remove_collator`] whose delegations are still being
	/// returned to their miners (by `on_idle`, a metered number per block). Their power is zero
	/// and they take no new delegations until the entry is gone.
	#[pallet::storage]
	pub type RemovedCollators<T: Config> =
		StorageMap<_, Blake2_128Concat, T::CollatorId, (), OptionQuery>;

	/// How many miners delegate to each collator (the size of its [`CollatorDelegators`] prefix),
	/// at most [`Config::MaxDelegatorsPerCollator`].
	#[pallet::storage]
	pub type CollatorDelegatorCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::CollatorId, u32, ValueQuery>;

	/// The sum of every miner's raw power.
	#[pallet::storage]
	pub type TotalRawPower<T: Config> = StorageValue<_, T::StoragePower, ValueQuery>;

	/// The sum of every delegation.
	#[pallet::storage]
	pub type TotalDelegatedPower<T: Config> = StorageValue<_, T::StoragePower, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A miner registered and its deposit was held.
		MinerCreated {
			/// The new miner.
			miner: T::AccountId,
			/// The deposit held from it.
			deposit: BalanceOf<T>,
		},
		/// A miner left and its deposit was released.
		MinerRemoved {
			/// The miner that left.
			miner: T::AccountId,
			/// The deposit released to it.
			deposit: BalanceOf<T>,
		},
		/// A miner delegated power to a collator.
		PowerDelegated {
			/// The delegating miner.
			miner: T::AccountId,
			/// The collator that received the power.
			collator: T::CollatorId,
			/// How much power was delegated.
			amount: T::StoragePower,
			/// The collator's total power afterwards.
			collator_power: T::StoragePower,
		},
		/// A miner took back power it had delegated to a collator.
		PowerUndelegated {
			/// The miner.
			miner: T::AccountId,
			/// The collator that lost the power.
			collator: T::CollatorId,
			/// How much power was taken back.
			amount: T::StoragePower,
			/// The collator's total power afterwards.
			collator_power: T::StoragePower,
		},
		/// A miner's raw power grew.
		MinerPowerIncreased {
			/// The miner.
			miner: T::AccountId,
			/// How much power it gained.
			amount: T::StoragePower,
			/// Its raw power afterwards.
			raw_power: T::StoragePower,
		},
		/// A miner's raw power was cut, and its delegations were scaled down by the same ratio.
		MinerPowerDecreased {
			/// The miner.
			miner: T::AccountId,
			/// How much raw power it lost.
			amount: T::StoragePower,
			/// Its raw power afterwards.
			raw_power: T::StoragePower,
			/// How much delegated power the collators lost in total.
			delegation_removed: T::StoragePower,
		},
		/// A decrease asked for more than the miner's raw power and was clamped to it. This
		/// indicates a bug in the caller.
		MinerPowerDecreaseClamped {
			/// The miner.
			miner: T::AccountId,
			/// The decrease that was asked for.
			requested: T::StoragePower,
			/// The decrease that was applied: all of the raw power.
			removed: T::StoragePower,
		},
		/// A collator was removed: its power is zero from now on, and its delegations are
		/// returned to their miners in the next blocks ([`Event::DelegationReturned`]).
		CollatorRemoved {
			/// The collator.
			collator: T::CollatorId,
			/// How many miners delegated to it.
			delegators: u32,
			/// The power it had, which goes back to the miners.
			power_returned: T::StoragePower,
		},
		/// A delegation to a removed collator went back to its miner as undelegated power.
		DelegationReturned {
			/// The miner.
			miner: T::AccountId,
			/// The removed collator.
			collator: T::CollatorId,
			/// The stake returned.
			amount: T::StoragePower,
		},
		/// Every delegation to a removed collator has been returned; it may take delegations
		/// again if it is a candidate.
		CollatorCleared {
			/// The collator.
			collator: T::CollatorId,
		},
		/// A full collator's smallest stake was displaced by a larger new one and returned to
		/// its miner.
		DelegationDisplaced {
			/// The miner whose stake was displaced.
			miner: T::AccountId,
			/// The collator.
			collator: T::CollatorId,
			/// The displaced stake, now undelegated power of `miner` again.
			amount: T::StoragePower,
			/// The miner whose larger stake took the slot.
			by: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is already a registered miner.
		MinerAlreadyExists,
		/// The account is not a registered miner.
		MinerNotFound,
		/// The collator is not a collator candidate.
		NotACollatorCandidate,
		/// The amount of power is zero.
		ZeroAmount,
		/// The miner has not that much power left to delegate.
		InsufficientUndelegatedPower,
		/// The miner has not delegated that much power to this collator.
		InsufficientDelegatedPower,
		/// The miner has no delegation to this collator.
		DelegationNotFound,
		/// The miner already delegates to `MaxDelegationsPerMiner` collators.
		TooManyDelegations,
		/// The collator already has `MaxDelegatorsPerCollator` delegating miners, and the new
		/// stake is not larger than the smallest of theirs.
		TooManyDelegators,
		/// A new delegation would be below `MinDelegation`, or a partial undelegation would
		/// leave less than `MinDelegation`.
		DelegationBelowMinimum,
		/// The collator was removed and its delegations are still being returned: it takes no
		/// delegation until then.
		CollatorBeingRemoved,
		/// The miner still has raw power; it can only leave with none.
		MinerHasPower,
		/// Another pallet still relies on the miner (it is a registered storage provider):
		/// unregister there first.
		MinerInUse,
		/// The power would overflow its type.
		PowerOverflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Returns delegations of removed collators to their miners with the weight left in the
		/// block.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::return_delegations(&mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			assert!(!T::MinDelegation::get().is_zero(), "MinDelegation must be positive");
			assert!(T::MaxDelegatorsPerCollator::get() > 0, "MaxDelegatorsPerCollator is zero");
			assert!(T::MaxDelegationsPerMiner::get() > 0, "MaxDelegationsPerMiner is zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the signer as a storage miner and holds `MinerDeposit` from it.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_miner())]
		pub fn create_miner(origin: OriginFor<T>) -> DispatchResult {
			let miner = ensure_signed(origin)?;
			Self::do_create_miner(&miner)
		}

		/// Delegates `amount` of the signer's undelegated power to the candidate `collator`.
		///
		/// A new delegation must be at least `MinDelegation`. If `collator` already has
		/// `MaxDelegatorsPerCollator` delegators, a new stake larger than the smallest of theirs
		/// displaces it (the displaced stake returns to its miner); otherwise it fails with
		/// `TooManyDelegators`.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::delegate_power_max_weight())]
		pub fn delegate_power(
			origin: OriginFor<T>,
			collator: T::CollatorId,
			amount: T::StoragePower,
		) -> DispatchResultWithPostInfo {
			let miner = ensure_signed(origin)?;
			Self::do_delegate_power(&miner, &collator, amount)
		}

		/// Takes back `amount` of the power the signer delegated to `collator`. Works whether or
		/// not `collator` is still a candidate, and at once for a removed collator whose
		/// delegations are still being returned. What stays staked on a live collator must be
		/// zero or at least `MinDelegation`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::undelegate_power())]
		pub fn undelegate_power(
			origin: OriginFor<T>,
			collator: T::CollatorId,
			amount: T::StoragePower,
		) -> DispatchResult {
			let miner = ensure_signed(origin)?;
			Self::do_undelegate_power(&miner, &collator, amount)
		}

		/// Unregisters the signer, which must have no raw power (and so no delegations) and must
		/// not be in use by another pallet ([`Config::MinerInUse`]), and releases its deposit.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_miner())]
		pub fn remove_miner(origin: OriginFor<T>) -> DispatchResult {
			let miner = ensure_signed(origin)?;
			Self::do_remove_miner(&miner).map(|_| ())
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A miner's claim: its raw power, its delegations and its deposit.
		pub fn miner_claim(miner: T::AccountId) -> Option<MinerClaim<T>> {
			MinerClaims::<T>::get(miner)
		}

		/// The power a miner may still delegate, or `None` for an unknown miner.
		pub fn miner_undelegated_power(miner: T::AccountId) -> Option<T::StoragePower> {
			MinerClaims::<T>::get(miner).map(|claim| claim.undelegated_power())
		}

		/// The total power delegated to a collator.
		pub fn collator_power(collator: T::CollatorId) -> T::StoragePower {
			CollatorPower::<T>::get(collator)
		}

		/// The smallest stake on a collator and its miner: what a new stake must exceed when
		/// the collator is full. `None` without delegators.
		pub fn smallest_delegation(
			collator: T::CollatorId,
		) -> Option<(T::AccountId, T::StoragePower)> {
			Self::smallest_stake(&collator)
		}
	}
}
