//! # Pay-after pallet
//!
//! Signed call bundles that pay their own fee, with the 32-bit Pollinate fee policy.
//!
//! - A user signs a [`Bundle`] off-chain: calls, a fee policy and a creation time. It needs no
//!   native tokens to do so. A browser wallet's `<Bytes>`-wrapped signature is accepted too
//!   ([`types::wrap_bytes`]).
//! - A relayer (a "pollinator") submits it with [`Pallet::dispatch`]. The calls run as
//!   `Signed(signer)`, through the runtime's call filter, and only **then** the signer pays the
//!   relayer the fee its policy asks for at the current time, and a [`Config::BundleDeposit`] is
//!   taken while the bundle is remembered against replay (burnt, and minted back to whoever
//!   forgets the entry). The calls' proceeds can pay for them: a call to [`Pallet::cover_fee`]
//!   swaps some of the signer's asset for the native fee through pallet-asset-conversion.
//! - If any call fails, or the fee or deposit is not covered, everything reverts.
//! - The signer forbids a bundle with [`Pallet::kill`], until the bundle's expiry if it gives it.
//! - A remembered bundle whose expiry has passed can be forgotten by a relayer dispatching another
//!   bundle of the same signer (the deposit goes to that relayer), or by the signer itself with
//!   [`Pallet::forget_expired`] (the deposit comes back).
//!
//! Called pallets can read [`Pallet::current_signer`] and [`Pallet::required_fee`] during the
//! calls; they must compare the signer with their own origin before trusting it. The transaction
//! pool and relayers use [`Pallet::validate_bundle`] and [`Pallet::simulate`]. The fee policy
//! codec is pure code in `power_primitives::fee`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::{
	wrap_bytes, Bundle, BundleSimulation, BundleStatus, BundleValidity, CurrentBundle, DataHash,
	RememberedBundle, BUNDLE_TAG,
};
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(feature = "std")]
pub mod client;
mod cover;
mod dispatch;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// The balance type of the native currency.
pub type BalanceOf<T> = <<T as Config>::Currency as frame_support::traits::fungible::Inspect<
	<T as frame_system::Config>::AccountId,
>>::Balance;

/// Sets up what the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<T: Config> {
	/// The account whose bundles the benchmarks sign.
	fn signer() -> T::AccountId;
	/// `signer()`'s signature over `message` (a bundle's payload, bare or wrapped).
	fn sign(message: &[u8]) -> T::Signature;
	/// Creates a pool of some asset with the native currency, with enough liquidity, and gives
	/// `who` enough of the asset to buy `native_out`. Returns the asset.
	fn setup_swap(who: &T::AccountId, native_out: BalanceOf<T>) -> T::AssetKind;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::{fungible, UnixTime},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{Dispatchable, IdentifyAccount, Verify};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration.
	#[pallet::config]
	pub trait Config:
		frame_system::Config<
		RuntimeEvent: From<Event<Self>>,
		RuntimeCall: Dispatchable<PostInfo = PostDispatchInfo> + GetDispatchInfo,
	>
	{
		/// The signature of a bundle. Its signer must identify as an account id: the runtime
		/// uses `MultiSignature` (sr25519, ed25519 or ecdsa) with `AccountId32`.
		type Signature: Verify<Signer: IdentifyAccount<AccountId = Self::AccountId>> + Parameter;

		/// The wall clock (pallet-timestamp): bundle times are unix seconds.
		type UnixTime: UnixTime;

		/// The native currency: fees are paid in it, and bundle deposits are burnt from it and
		/// minted back when the bundle is forgotten.
		type Currency: fungible::Mutate<Self::AccountId>;

		/// True while some other mechanism runs calls under a different origin inside a bundle's
		/// calls; [`Pallet::current_signer`] and [`Pallet::required_fee`] then return `None`,
		/// and [`Pallet::cover_fee`] refuses to run. The runtime wires pallet-periodic's
		/// `TaskRunning`, which is true while a periodic task's call runs as its owner.
		type SignerHidden: Get<bool>;

		/// The kind of asset [`Pallet::cover_fee`] swaps from.
		type AssetKind: Parameter + MaxEncodedLen;

		/// The native currency as an [`Config::AssetKind`]: what [`Pallet::cover_fee`] swaps to.
		type NativeAsset: Get<Self::AssetKind>;

		/// The swap used by [`Pallet::cover_fee`] (pallet-asset-conversion).
		type Swap: pallet_asset_conversion::Swap<
			Self::AccountId,
			Balance = BalanceOf<Self>,
			AssetKind = Self::AssetKind,
		>;

		/// The deposit taken from the signer for each remembered bundle, returned to whoever
		/// forgets it.
		#[pallet::constant]
		type BundleDeposit: Get<BalanceOf<Self>>;

		/// The most calls in a bundle.
		#[pallet::constant]
		type MaxCalls: Get<u32>;

		/// The most fee entries in a bundle's policy: at most 16, the codec's limit.
		#[pallet::constant]
		type MaxFeeEntries: Get<u32>;

		/// The most expired bundles one dispatch (or one `forget_expired`) may forget.
		#[pallet::constant]
		type MaxExpired: Get<u32>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Signs bundles and sets up a pool for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self>;
	}

	/// Every executed or killed bundle, by signer and data hash, until it is forgotten.
	#[pallet::storage]
	pub type Remembered<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		DataHash,
		RememberedBundle<BalanceOf<T>>,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A bundle ran, its fee was paid and it is remembered.
		BundleExecuted {
			/// The bundle's id.
			data_hash: DataHash,
			/// Its signer, who paid the fee.
			signer: T::AccountId,
			/// The relayer that submitted it and received the fee.
			relayer: T::AccountId,
			/// The fee paid.
			fee: BalanceOf<T>,
			/// The unix second from which it may be forgotten; `None`: never.
			expires: Option<u64>,
		},
		/// An expired bundle was forgotten and its deposit went to `beneficiary`.
		BundleForgotten {
			/// The bundle's id.
			data_hash: DataHash,
			/// Its signer.
			signer: T::AccountId,
			/// Who received the deposit: the relayer that cleaned it during another bundle of
			/// the signer, or the signer itself (`forget_expired`).
			beneficiary: T::AccountId,
			/// The deposit `beneficiary` received.
			deposit: BalanceOf<T>,
		},
		/// A signer killed one of its bundles: it may not run (before `expires`, after which it
		/// cannot run anyway and the entry may be forgotten).
		BundleKilled {
			/// The bundle's id.
			data_hash: DataHash,
			/// Its signer.
			signer: T::AccountId,
			/// The deposit taken for remembering it.
			deposit: BalanceOf<T>,
			/// The unix second from which the entry may be forgotten; `None`: never.
			expires: Option<u64>,
		},
		/// Some of the signer's asset was swapped for the native currency to cover the fee.
		FeeCovered {
			/// The bundle's signer.
			signer: T::AccountId,
			/// The asset sold.
			asset: T::AssetKind,
			/// How much of it was sold.
			asset_in: BalanceOf<T>,
			/// How much native currency was bought.
			native_out: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The bundle's creation time plus its first fee time is still in the future.
		BundleNotYetValid,
		/// The bundle's policy has passed its invalid marker.
		BundleExpired,
		/// A fee word's exponent and base are above the invalid marker's `0x1E8000`.
		FeeEntryMalformed,
		/// A fee word's amount does not fit in 128 bits.
		FeeAmountOverflow,
		/// The fee policy has no entries.
		FeePolicyEmpty,
		/// The fee policy has more than 16 entries.
		TooManyFeeEntries,
		/// The fee entries' times do not strictly increase.
		FeeTimesNotIncreasing,
		/// A fee entry asks for less than an earlier one.
		FeeDecreasing,
		/// The invalid marker is not the last fee entry.
		InvalidMarkerNotLast,
		/// The first fee entry is the invalid marker.
		FirstFeeEntryIsInvalidMarker,
		/// The last-entry bit is not set on exactly the last fee word.
		LastFlagMisplaced,
		/// The fee does not fit in the native balance type.
		FeeTooLarge,
		/// The signature does not match the signer and payload (or was made for another chain).
		BadSignature,
		/// The bundle already ran.
		BundleAlreadyExecuted,
		/// The bundle was killed by its signer.
		BundleKilled,
		/// A bundle's calls may not dispatch another bundle.
		NestedBundle,
		/// After the calls the signer cannot pay the fee and stay alive.
		FeeNotCovered,
		/// After the calls and the fee the signer cannot cover the bundle deposit.
		DepositNotCovered,
		/// The bundle to forget is not remembered for this signer.
		UnknownBundle,
		/// The bundle to forget has not expired yet (or never expires).
		BundleNotExpired,
		/// `cover_fee` was called outside a bundle's calls (or while the signer is hidden).
		NoBundleInProgress,
		/// `cover_fee` was called by someone other than the running bundle's signer.
		NotTheBundleSigner,
		/// `cover_fee` cannot swap the native currency for itself.
		CannotSwapNative,
		/// The expiry given to `kill` has already passed: the bundle cannot run anyway.
		ExpiryPassed,
		/// More expired bundles to forget than `MaxExpired`.
		TooManyExpired,
		/// `forget_expired` was given no bundle to forget.
		NothingToForget,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			let max = T::MaxFeeEntries::get();
			assert!(
				max >= 1 && max as usize <= power_primitives::fee::MAX_ENTRIES,
				"MaxFeeEntries must be 1..=16"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Runs a signed bundle and pays the caller (the relayer) its fee, then forgets the
		/// `expired` bundles of the same signer and gives the relayer their deposits.
		///
		/// Checks the policy against the current time, the signature (over the payload, or the
		/// payload wrapped in `<Bytes>`..`</Bytes>`), and that the bundle has not run or been
		/// killed ([`Pallet::validate_bundle`]); runs the calls as `Signed(signer)` through the
		/// call filter; then transfers the fee from the signer to the relayer and takes
		/// `BundleDeposit`. If anything fails, everything reverts. Unused weight is refunded.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::dispatch_weight(bundle, expired.len()))]
		pub fn dispatch(
			origin: OriginFor<T>,
			bundle: Box<Bundle<T>>,
			expired: BoundedVec<DataHash, T::MaxExpired>,
		) -> DispatchResultWithPostInfo {
			let relayer = ensure_signed(origin)?;
			let dispatched = Self::do_dispatch(&relayer, *bundle, &expired)?;
			Ok(Some(dispatched.actual_weight).into())
		}

		/// Forbids one of the signer's bundles, taking `BundleDeposit` to remember it.
		///
		/// `expires` is the bundle's expiry (its creation time plus its invalid marker's time,
		/// as `BundleExecuted` reports it): from then on the entry may be forgotten like an
		/// executed one, and its deposit returned. `None`: kept for ever. The signer is
		/// responsible for it: an expiry earlier than the bundle's real one lets the bundle run
		/// once the entry is forgotten.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::kill())]
		pub fn kill(
			origin: OriginFor<T>,
			data_hash: DataHash,
			expires: Option<u64>,
		) -> DispatchResult {
			let signer = ensure_signed(origin)?;
			Self::do_kill(&signer, data_hash, expires)
		}

		/// Called by a bundle's calls: swaps at most `max_asset_in` of the signer's `asset` for
		/// the native currency the signer still lacks to pay [`Pallet::required_fee`] and stay
		/// alive. Does nothing if nothing is lacking.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cover_fee())]
		pub fn cover_fee(
			origin: OriginFor<T>,
			asset: T::AssetKind,
			max_asset_in: BalanceOf<T>,
		) -> DispatchResult {
			let signer = ensure_signed(origin)?;
			Self::do_cover_fee(&signer, asset, max_asset_in)
		}

		/// Forgets the signer's own `data_hashes`, each remembered and past its expiry, and
		/// returns their deposits to the signer.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::forget_expired(data_hashes.len() as u32))]
		pub fn forget_expired(
			origin: OriginFor<T>,
			data_hashes: BoundedVec<DataHash, T::MaxExpired>,
		) -> DispatchResult {
			let signer = ensure_signed(origin)?;
			Self::do_forget_expired(&signer, &data_hashes)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// What the pallet remembers of a signer's bundle, if anything.
		pub fn remembered(
			signer: T::AccountId,
			data_hash: DataHash,
		) -> Option<RememberedBundle<BalanceOf<T>>> {
			Remembered::<T>::get(signer, data_hash)
		}
	}
}
