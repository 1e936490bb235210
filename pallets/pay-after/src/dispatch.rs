//! Running bundles, remembering and forgetting them, and the pub fns called pallets read.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{
	pallet::*,
	types::{Bundle, BundleStatus, CurrentBundle, DataHash, RememberedBundle},
	BalanceOf, WeightInfo as _,
};
use codec::Encode;
use frame_support::{
	dispatch::{extract_actual_weight, DispatchErrorWithPostInfo, GetDispatchInfo},
	ensure,
	pallet_prelude::*,
	storage::with_transaction,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		UnixTime,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use power_primitives::fee::{FeeAt, FeeError, FeePolicy};
use sp_runtime::{
	traits::{Dispatchable, Saturating, Verify, Zero},
	DispatchResult, TokenError, TransactionOutcome,
};

impl<T: Config> From<FeeError> for Error<T> {
	fn from(e: FeeError) -> Self {
		match e {
			// A count is 7 bits in a word, so only `FeeEntry::after` can report this.
			FeeError::CountTooLarge | FeeError::MalformedEntry => Error::<T>::FeeEntryMalformed,
			FeeError::AmountOverflow => Error::<T>::FeeAmountOverflow,
			FeeError::EmptyPolicy => Error::<T>::FeePolicyEmpty,
			FeeError::TooManyEntries => Error::<T>::TooManyFeeEntries,
			FeeError::TimesNotIncreasing => Error::<T>::FeeTimesNotIncreasing,
			FeeError::FeeDecreasing => Error::<T>::FeeDecreasing,
			FeeError::MarkerNotLast => Error::<T>::InvalidMarkerNotLast,
			FeeError::FirstEntryIsMarker => Error::<T>::FirstFeeEntryIsInvalidMarker,
			FeeError::LastFlagMisplaced => Error::<T>::LastFlagMisplaced,
		}
	}
}

/// What the checks of a bundle found: everything needed to run and settle it.
struct Checked<T: Config> {
	data_hash: DataHash,
	fee: BalanceOf<T>,
	expires: Option<u64>,
}

impl<T: Config> Pallet<T> {
	/// The signer of the bundle whose calls are running, if any.
	pub fn current_signer() -> Option<T::AccountId> {
		Current::<T>::get().map(|c| c.signer)
	}

	/// What the running bundle's signer must hold when the calls end: the fee plus the bundle
	/// deposit (on top of the existential deposit, to stay alive). `None` outside a bundle.
	pub fn required_fee() -> Option<BalanceOf<T>> {
		Current::<T>::get().map(|c| c.fee.saturating_add(c.deposit))
	}

	/// The chain's genesis hash, which every bundle signature covers.
	pub fn genesis_hash() -> T::Hash {
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
	}

	/// The runtime's transaction version, which every bundle signature covers.
	pub fn transaction_version() -> u32 {
		<T as frame_system::Config>::Version::get().transaction_version
	}

	/// The now, in unix seconds.
	pub fn now_secs() -> u64 {
		T::UnixTime::now().as_secs()
	}

	/// A bundle's id on this chain: blake2-256 of its signed payload.
	pub fn data_hash(bundle: &Bundle<T>) -> DataHash {
		sp_io::hashing::blake2_256(
			&bundle.payload(&Self::genesis_hash(), Self::transaction_version()),
		)
	}

	/// The weight of `dispatch`: the overhead (signature over the payload, settlement, cleaning
	/// `expired` entries) plus the declared weight of every call.
	pub fn dispatch_weight(bundle: &Bundle<T>, expired: usize) -> Weight {
		let calls = bundle.calls.iter().fold(Weight::zero(), |acc, call| {
			acc.saturating_add(call.get_dispatch_info().call_weight)
		});
		Self::overhead_weight(bundle, expired).saturating_add(calls)
	}

	fn overhead_weight(bundle: &Bundle<T>, expired: usize) -> Weight {
		let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
		T::WeightInfo::dispatch(
			count(bundle.calls.len()),
			count(bundle.calls.encoded_size()),
			count(expired),
		)
	}

	/// Checks a bundle against the clock, its signature and the remembered bundles.
	fn check(bundle: &Bundle<T>) -> Result<Checked<T>, DispatchError> {
		let policy = FeePolicy::decode(&bundle.fees).map_err(Error::<T>::from)?;
		// A creation time in the future (a skewed clock) is not valid yet either.
		let elapsed = Self::now_secs()
			.checked_sub(bundle.create_time)
			.ok_or(Error::<T>::BundleNotYetValid)?;
		let fee = match policy.fee_at(elapsed) {
			FeeAt::NotYetValid => return Err(Error::<T>::BundleNotYetValid.into()),
			FeeAt::Expired => return Err(Error::<T>::BundleExpired.into()),
			FeeAt::Fee(fee) => {
				BalanceOf::<T>::try_from(fee).map_err(|_| Error::<T>::FeeTooLarge)?
			}
		};

		let payload = bundle.payload(&Self::genesis_hash(), Self::transaction_version());
		ensure!(bundle.signature.verify(&payload[..], &bundle.signer), Error::<T>::BadSignature);
		let data_hash = sp_io::hashing::blake2_256(&payload);

		match Remembered::<T>::get(&bundle.signer, data_hash).map(|r| r.status) {
			Some(BundleStatus::Executed) => return Err(Error::<T>::BundleAlreadyExecuted.into()),
			Some(BundleStatus::Killed) => return Err(Error::<T>::BundleKilled.into()),
			None => {}
		}
		let expires = policy.expires_after().map(|after| bundle.create_time.saturating_add(after));
		Ok(Checked { data_hash, fee, expires })
	}

	/// Runs a bundle for `relayer`; see [`Pallet::dispatch`].
	pub(crate) fn do_dispatch(
		relayer: &T::AccountId,
		bundle: Bundle<T>,
		expired: &[DataHash],
	) -> DispatchResultWithPostInfo {
		let overhead = Self::overhead_weight(&bundle, expired.len());
		let with_overhead = |error: DispatchError, calls: Weight| DispatchErrorWithPostInfo {
			post_info: Some(overhead.saturating_add(calls)).into(),
			error,
		};
		if Current::<T>::exists() {
			return Err(with_overhead(Error::<T>::NestedBundle.into(), Weight::zero()));
		}
		let checked = Self::check(&bundle).map_err(|e| with_overhead(e, Weight::zero()))?;
		let deposit = T::BundleDeposit::get();
		let signer = bundle.signer.clone();

		let mut calls_weight = Weight::zero();
		let result = with_transaction(|| {
			Current::<T>::put(CurrentBundle { signer: signer.clone(), fee: checked.fee, deposit });
			let outcome = Self::run_calls(&signer, bundle.calls, &mut calls_weight)
				.and_then(|()| Self::settle(relayer, &signer, &checked, deposit))
				.and_then(|()| Self::forget_expired(relayer, &signer, expired));
			// Transient: never outlives the calls, whatever happened.
			Current::<T>::kill();
			match outcome {
				Ok(()) => TransactionOutcome::Commit(Ok(())),
				Err(e) => TransactionOutcome::Rollback(Err(e)),
			}
		});
		result.map_err(|e| with_overhead(e, calls_weight))?;

		Self::deposit_event(Event::BundleExecuted {
			data_hash: checked.data_hash,
			signer,
			relayer: relayer.clone(),
			fee: checked.fee,
			expires: checked.expires,
		});
		Ok(Some(overhead.saturating_add(calls_weight)).into())
	}

	/// Runs `calls` in order as `Signed(signer)`, through the runtime's call filter, adding up
	/// their actual weights. Stops at the first failure and returns its error.
	fn run_calls(
		signer: &T::AccountId,
		calls: impl IntoIterator<Item = <T as frame_system::Config>::RuntimeCall>,
		weight: &mut Weight,
	) -> DispatchResult {
		for call in calls {
			let info = call.get_dispatch_info();
			// An origin made from a `RawOrigin` carries the runtime's `BaseCallFilter`.
			let origin: T::RuntimeOrigin = frame_system::RawOrigin::Signed(signer.clone()).into();
			let result = call.dispatch(origin);
			*weight = weight.saturating_add(extract_actual_weight(&result, &info));
			result.map_err(|e| e.error)?;
		}
		Ok(())
	}

	/// Pays the fee from the signer to the relayer and holds the deposit from the signer.
	fn settle(
		relayer: &T::AccountId,
		signer: &T::AccountId,
		checked: &Checked<T>,
		deposit: BalanceOf<T>,
	) -> DispatchResult {
		if !checked.fee.is_zero() {
			T::Currency::transfer(signer, relayer, checked.fee, Preservation::Preserve)
				.map_err(|e| Self::uncovered(e, Error::<T>::FeeNotCovered))?;
		}
		Self::remember(signer, checked.data_hash, BundleStatus::Executed, checked.expires, deposit)
	}

	/// `error` if `e` says the signer lacks funds, else `e` itself (e.g. a fee below the
	/// existential deposit sent to a relayer account that does not exist).
	fn uncovered(e: DispatchError, error: Error<T>) -> DispatchError {
		match e {
			DispatchError::Token(
				TokenError::FundsUnavailable | TokenError::NotExpendable | TokenError::Frozen,
			) => error.into(),
			other => other,
		}
	}

	/// Holds `deposit` from `signer` and remembers the bundle.
	fn remember(
		signer: &T::AccountId,
		data_hash: DataHash,
		status: BundleStatus,
		expires: Option<u64>,
		deposit: BalanceOf<T>,
	) -> DispatchResult {
		// Checked before the calls; checked again so an entry is never overwritten (its deposit
		// would stay held with nothing to account for it).
		ensure!(!Remembered::<T>::contains_key(signer, data_hash), Error::<T>::BundleKilled);
		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::BundleDeposit.into(), signer, deposit)
				.map_err(|e| Self::uncovered(e, Error::<T>::DepositNotCovered))?;
		}
		Remembered::<T>::insert(signer, data_hash, RememberedBundle { status, expires, deposit });
		Ok(())
	}

	/// Forgets each of `expired`, which must be `signer`'s and past its expiry, and gives its
	/// deposit to `relayer`.
	fn forget_expired(
		relayer: &T::AccountId,
		signer: &T::AccountId,
		expired: &[DataHash],
	) -> DispatchResult {
		let now = Self::now_secs();
		for data_hash in expired {
			let entry = Remembered::<T>::get(signer, data_hash).ok_or(Error::<T>::UnknownBundle)?;
			ensure!(entry.expires.is_some_and(|e| now >= e), Error::<T>::BundleNotExpired);
			if !entry.deposit.is_zero() {
				T::Currency::transfer_on_hold(
					&HoldReason::BundleDeposit.into(),
					signer,
					relayer,
					entry.deposit,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Polite,
				)?;
			}
			Remembered::<T>::remove(signer, data_hash);
			Self::deposit_event(Event::BundleForgotten {
				data_hash: *data_hash,
				signer: signer.clone(),
				relayer: relayer.clone(),
				deposit: entry.deposit,
			});
		}
		Ok(())
	}

	/// Forbids `signer`'s bundle `data_hash` for ever; see [`Pallet::kill`].
	pub(crate) fn do_kill(signer: &T::AccountId, data_hash: DataHash) -> DispatchResult {
		match Remembered::<T>::get(signer, data_hash).map(|r| r.status) {
			Some(BundleStatus::Executed) => return Err(Error::<T>::BundleAlreadyExecuted.into()),
			Some(BundleStatus::Killed) => return Err(Error::<T>::BundleKilled.into()),
			None => {}
		}
		let deposit = T::BundleDeposit::get();
		// The bundle itself is unknown, so is its expiry: a killed bundle is kept for ever.
		Self::remember(signer, data_hash, BundleStatus::Killed, None, deposit)?;
		Self::deposit_event(Event::BundleKilled { data_hash, signer: signer.clone(), deposit });
		Ok(())
	}

	/// Checks the pallet's invariants:
	/// - no bundle is running between extrinsics;
	/// - for every signer, the deposits of its remembered bundles add up to its balance on hold
	///   for [`HoldReason::BundleDeposit`].
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use frame_support::traits::fungible::InspectHold;

		ensure!(!Current::<T>::exists(), "a bundle is marked running outside its dispatch");
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (signer, _, entry) in Remembered::<T>::iter() {
			let sum = deposits.entry(signer).or_default();
			*sum = sum.saturating_add(entry.deposit);
		}
		for (signer, sum) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::BundleDeposit.into(), &signer) == sum,
				"a signer's held bundle deposits differ from its remembered bundles' deposits"
			);
		}
		Ok(())
	}
}
