//! Validating, running and simulating bundles, remembering and forgetting them, and the pub fns
//! called pallets read.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{
	pallet::*,
	types::{
		wrap_bytes, Bundle, BundleSimulation, BundleStatus, BundleValidity, CurrentBundle,
		DataHash, RememberedBundle,
	},
	BalanceOf, WeightInfo as _,
};
use codec::Encode;
use frame_support::{
	dispatch::{extract_actual_weight, DispatchErrorWithPostInfo, GetDispatchInfo},
	dispatch_context::{run_in_context, with_context},
	ensure,
	pallet_prelude::*,
	storage::with_transaction,
	traits::{
		fungible::Mutate,
		tokens::{Fortitude, Precision, Preservation},
		UnixTime,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use power_primitives::fee::{FeeAt, FeeError, FeePolicy};
use sp_runtime::{
	traits::{CheckedAdd, Dispatchable, Saturating, Verify, Zero},
	ArithmeticError, DispatchResult, TokenError, TransactionOutcome,
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

/// The bundle whose calls are running. It lives in FRAME's dispatch context (memory, for the
/// extrinsic being applied), never in storage: setting and clearing it costs no storage access.
struct Running<T: Config>(CurrentBundle<T::AccountId, BalanceOf<T>>);

/// What a successful dispatch did.
pub(crate) struct Dispatched<T: Config> {
	/// The checks' findings: the signer, the id, the fee paid and the expiry.
	pub(crate) validity: BundleValidity<T::AccountId, BalanceOf<T>>,
	/// The deposits of the forgotten expired bundles, paid to the relayer.
	pub(crate) deposits_collected: BalanceOf<T>,
	/// The overhead plus the calls' actual weights.
	pub(crate) actual_weight: Weight,
}

impl<T: Config> Pallet<T> {
	/// The signer of the bundle whose calls are running, if any.
	///
	/// `None` outside a bundle's calls, and while [`Config::SignerHidden`] is true (another
	/// mechanism, such as a periodic task, runs a call under a different origin inside the
	/// bundle).
	///
	/// This is **not** an origin, and it grants nothing by itself: anyone can submit a bundle,
	/// and a bundle's calls can reach pallets through other pallets. A called pallet must compare
	/// it with its own origin before trusting it:
	///
	/// ```ignore
	/// let who = ensure_signed(origin)?;
	/// let in_bundle = pallet_pay_after::Pallet::<T>::current_signer() == Some(who.clone());
	/// ```
	pub fn current_signer() -> Option<T::AccountId> {
		Self::current().map(|c| c.signer)
	}

	/// What the running bundle's signer must hold when the calls end: the fee plus the bundle
	/// deposit (on top of the existential deposit, to stay alive). `None` outside a bundle's
	/// calls and while [`Config::SignerHidden`] is true.
	pub fn required_fee() -> Option<BalanceOf<T>> {
		Self::current().map(|c| c.fee.saturating_add(c.deposit))
	}

	/// The running bundle as called pallets may see it: `None` while the signer is hidden.
	pub(crate) fn current() -> Option<CurrentBundle<T::AccountId, BalanceOf<T>>> {
		// `SignerHidden` may read storage (pallet-periodic's `TaskRunning` does): only ask it
		// when a bundle is running.
		Self::running().filter(|_| !T::SignerHidden::get())
	}

	/// The running bundle, hidden or not.
	fn running() -> Option<CurrentBundle<T::AccountId, BalanceOf<T>>> {
		with_context::<Running<T>, _>(|value| value.get().map(|running| running.0.clone()))
			.flatten()
	}

	/// Runs `f` with `current` as the running bundle, and clears it afterwards whatever `f`
	/// returns.
	pub(crate) fn with_running<R>(
		current: CurrentBundle<T::AccountId, BalanceOf<T>>,
		f: impl FnOnce() -> R,
	) -> R {
		// A no-op inside an extrinsic (FRAME runs every dispatch in a context); creates one when
		// called as a plain function (tests, runtime APIs).
		run_in_context(|| {
			with_context::<Running<T>, _>(|value| value.set(Running(current)));
			let result = f();
			with_context::<Running<T>, _>(|value| value.clear());
			result
		})
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

	/// A bundle's id on this chain: blake2-256 of its (bare) signed payload.
	pub fn data_hash(bundle: &Bundle<T>) -> DataHash {
		sp_io::hashing::blake2_256(
			&bundle.payload(&Self::genesis_hash(), Self::transaction_version()),
		)
	}

	/// The weight of `dispatch`: the overhead (signature over the payload, settlement, cleaning
	/// `expired` entries) plus the declared weight of every call.
	///
	/// Reads no storage: the transaction pool computes it for every bundle it sees. (A call's
	/// declared weight must itself not read storage.)
	pub fn dispatch_weight(bundle: &Bundle<T>, expired: usize) -> Weight {
		let calls = bundle.calls.iter().fold(Weight::zero(), |acc, call| {
			acc.saturating_add(call.get_dispatch_info().call_weight)
		});
		Self::overhead_weight(bundle, expired, true).saturating_add(calls)
	}

	/// `dispatch`'s own weight for `bundle`, cleaning `expired` entries. `wrapped`: the signature
	/// is over the `<Bytes>`-wrapped payload, which costs a second verification (the bare form is
	/// tried first). The declared weight assumes it; the actual weight refunds it for a bare
	/// signature.
	fn overhead_weight(bundle: &Bundle<T>, expired: usize, wrapped: bool) -> Weight {
		let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
		T::WeightInfo::dispatch(
			count(bundle.calls.len()),
			count(bundle.calls.encoded_size()),
			count(expired),
			u32::from(wrapped),
		)
	}

	/// Whether `signature` is `signer`'s over `payload`, bare or wrapped in `<Bytes>`..
	/// `</Bytes>` as browser wallets sign raw bytes. The bare form is tried first.
	pub fn signature_is_valid(
		signature: &T::Signature,
		payload: &[u8],
		signer: &T::AccountId,
	) -> bool {
		Self::signature_form(signature, payload, signer).is_some()
	}

	/// Which form of `payload` `signature` is `signer`'s signature over: `Some(false)` for the
	/// bare payload (one verification), `Some(true)` for the `<Bytes>`-wrapped one (two), `None`
	/// for neither.
	pub fn signature_form(
		signature: &T::Signature,
		payload: &[u8],
		signer: &T::AccountId,
	) -> Option<bool> {
		if signature.verify(payload, signer) {
			Some(false)
		} else if signature.verify(&wrap_bytes(payload)[..], signer) {
			Some(true)
		} else {
			None
		}
	}

	/// Every check [`Pallet::dispatch`] makes before running a bundle's calls, in its order:
	/// the policy decodes, the bundle is valid now (not before its first fee, not at or after
	/// its invalid marker), the fee fits the balance type, the signature is the signer's (bare
	/// or wrapped), and the bundle has not run and was not killed.
	///
	/// Writes nothing. Reads the clock, the genesis hash and the bundle's remembered entry. For
	/// the transaction pool (a transaction extension) and relayers; `dispatch` calls it too.
	pub fn validate_bundle(
		bundle: &Bundle<T>,
	) -> Result<BundleValidity<T::AccountId, BalanceOf<T>>, DispatchError> {
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
		let wrapped = Self::signature_form(&bundle.signature, &payload, &bundle.signer)
			.ok_or(Error::<T>::BadSignature)?;
		let data_hash = sp_io::hashing::blake2_256(&payload);

		match Remembered::<T>::get(&bundle.signer, data_hash).map(|r| r.status) {
			Some(BundleStatus::Executed) => return Err(Error::<T>::BundleAlreadyExecuted.into()),
			Some(BundleStatus::Killed) => return Err(Error::<T>::BundleKilled.into()),
			None => {}
		}
		let expires = policy.expires_after().map(|after| bundle.create_time.saturating_add(after));
		Ok(BundleValidity {
			signer: bundle.signer.clone(),
			data_hash,
			fee,
			expires,
			valid_until: expires,
			wrapped,
		})
	}

	/// Runs the whole dispatch of `bundle` by `relayer`, forgetting `expired` (calls, fee,
	/// deposit, cleaning, events) in a storage transaction, and **always rolls it back**.
	///
	/// Returns what the relayer would receive and be charged for, or the error of the failing
	/// step. For relayers (a runtime API) to decide whether a bundle is worth submitting, and
	/// which expired entries they can clean with it.
	pub fn simulate(
		relayer: &T::AccountId,
		bundle: Bundle<T>,
		expired: &[DataHash],
	) -> Result<BundleSimulation<BalanceOf<T>>, DispatchError> {
		ensure!(
			u32::try_from(expired.len()).is_ok_and(|n| n <= T::MaxExpired::get()),
			Error::<T>::TooManyExpired
		);
		let declared_weight = Self::dispatch_weight(&bundle, expired.len());
		let outcome: Result<Result<Dispatched<T>, DispatchError>, DispatchError> =
			with_transaction(|| {
				let result = Self::do_dispatch(relayer, bundle, expired).map_err(|e| e.error);
				TransactionOutcome::Rollback(Ok(result))
			});
		let dispatched = outcome??;
		Ok(BundleSimulation {
			data_hash: dispatched.validity.data_hash,
			fee: dispatched.validity.fee,
			deposits_collected: dispatched.deposits_collected,
			// FRAME charges the smaller of the declared and the reported weight.
			actual_weight: dispatched.actual_weight.min(declared_weight),
			declared_weight,
		})
	}

	/// Runs a bundle for `relayer`; see [`Pallet::dispatch`].
	pub(crate) fn do_dispatch(
		relayer: &T::AccountId,
		bundle: Bundle<T>,
		expired: &[DataHash],
	) -> Result<Dispatched<T>, DispatchErrorWithPostInfo> {
		// Until the signature is checked, the worst case: a wrapped signature.
		let mut overhead = Self::overhead_weight(&bundle, expired.len(), true);
		let with_overhead =
			|overhead: Weight, error: DispatchError, calls: Weight| DispatchErrorWithPostInfo {
				post_info: Some(overhead.saturating_add(calls)).into(),
				error,
			};
		// Hidden or not: a periodic task inside a bundle may not start another bundle either.
		if Self::running().is_some() {
			return Err(with_overhead(overhead, Error::<T>::NestedBundle.into(), Weight::zero()));
		}
		let validity = Self::validate_bundle(&bundle)
			.map_err(|e| with_overhead(overhead, e, Weight::zero()))?;
		// A bare signature took one verification: refund the second.
		overhead = Self::overhead_weight(&bundle, expired.len(), validity.wrapped);
		let deposit = T::BundleDeposit::get();
		let current = CurrentBundle { signer: validity.signer.clone(), fee: validity.fee, deposit };

		let mut calls_weight = Weight::zero();
		let result = with_transaction(|| {
			let outcome = Self::with_running(current, || {
				Self::run_calls(&validity.signer, bundle.calls, &mut calls_weight)
			})
			.and_then(|()| Self::settle(relayer, &validity, deposit))
			.and_then(|()| Self::forget(&validity.signer, relayer, expired));
			match outcome {
				Ok(collected) => TransactionOutcome::Commit(Ok(collected)),
				Err(e) => TransactionOutcome::Rollback(Err(e)),
			}
		});
		let deposits_collected = result.map_err(|e| with_overhead(overhead, e, calls_weight))?;

		Self::deposit_event(Event::BundleExecuted {
			data_hash: validity.data_hash,
			signer: validity.signer.clone(),
			relayer: relayer.clone(),
			fee: validity.fee,
			expires: validity.expires,
		});
		Ok(Dispatched {
			validity,
			deposits_collected,
			actual_weight: overhead.saturating_add(calls_weight),
		})
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

	/// Pays the fee from the signer to the relayer and takes the deposit from the signer.
	fn settle(
		relayer: &T::AccountId,
		validity: &BundleValidity<T::AccountId, BalanceOf<T>>,
		deposit: BalanceOf<T>,
	) -> DispatchResult {
		if !validity.fee.is_zero() {
			T::Currency::transfer(&validity.signer, relayer, validity.fee, Preservation::Preserve)
				.map_err(|e| Self::uncovered(e, Error::<T>::FeeNotCovered))?;
		}
		Self::remember(
			&validity.signer,
			validity.data_hash,
			BundleStatus::Executed,
			validity.expires,
			deposit,
		)
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

	/// Takes `deposit` from `signer` (burns it: it is minted back to whoever forgets the entry)
	/// and remembers the bundle.
	fn remember(
		signer: &T::AccountId,
		data_hash: DataHash,
		status: BundleStatus,
		expires: Option<u64>,
		deposit: BalanceOf<T>,
	) -> DispatchResult {
		// Checked before the calls; checked again (the same key, already read) so an entry is
		// never overwritten: its deposit would be lost.
		ensure!(!Remembered::<T>::contains_key(signer, data_hash), Error::<T>::BundleKilled);
		if !deposit.is_zero() {
			T::Currency::burn_from(
				signer,
				deposit,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Polite,
			)
			.map_err(|e| Self::uncovered(e, Error::<T>::DepositNotCovered))?;
		}
		Remembered::<T>::insert(signer, data_hash, RememberedBundle { status, expires, deposit });
		Ok(())
	}

	/// Forgets each of `data_hashes`, which must be `signer`'s and past its expiry, and mints
	/// their deposits, together, to `beneficiary`. Returns the deposits.
	fn forget(
		signer: &T::AccountId,
		beneficiary: &T::AccountId,
		data_hashes: &[DataHash],
	) -> Result<BalanceOf<T>, DispatchError> {
		if data_hashes.is_empty() {
			return Ok(Zero::zero());
		}
		let now = Self::now_secs();
		let mut total = BalanceOf::<T>::zero();
		for data_hash in data_hashes {
			let entry = Remembered::<T>::get(signer, data_hash).ok_or(Error::<T>::UnknownBundle)?;
			ensure!(entry.expires.is_some_and(|e| now >= e), Error::<T>::BundleNotExpired);
			Remembered::<T>::remove(signer, data_hash);
			total = total.checked_add(&entry.deposit).ok_or(ArithmeticError::Overflow)?;
			Self::deposit_event(Event::BundleForgotten {
				data_hash: *data_hash,
				signer: signer.clone(),
				beneficiary: beneficiary.clone(),
				deposit: entry.deposit,
			});
		}
		if !total.is_zero() {
			T::Currency::mint_into(beneficiary, total)?;
		}
		Ok(total)
	}

	/// Forgets `signer`'s own expired `data_hashes`; see [`Pallet::forget_expired`].
	pub(crate) fn do_forget_expired(
		signer: &T::AccountId,
		data_hashes: &[DataHash],
	) -> DispatchResult {
		ensure!(!data_hashes.is_empty(), Error::<T>::NothingToForget);
		Self::forget(signer, signer, data_hashes).map(|_| ())
	}

	/// Forbids `signer`'s bundle `data_hash` until `expires`; see [`Pallet::kill`].
	pub(crate) fn do_kill(
		signer: &T::AccountId,
		data_hash: DataHash,
		expires: Option<u64>,
	) -> DispatchResult {
		if let Some(expires) = expires {
			ensure!(Self::now_secs() < expires, Error::<T>::ExpiryPassed);
		}
		match Remembered::<T>::get(signer, data_hash).map(|r| r.status) {
			Some(BundleStatus::Executed) => return Err(Error::<T>::BundleAlreadyExecuted.into()),
			Some(BundleStatus::Killed) => return Err(Error::<T>::BundleKilled.into()),
			None => {}
		}
		let deposit = T::BundleDeposit::get();
		Self::remember(signer, data_hash, BundleStatus::Killed, expires, deposit)?;
		Self::deposit_event(Event::BundleKilled {
			data_hash,
			signer: signer.clone(),
			deposit,
			expires,
		});
		Ok(())
	}

	/// Checks the pallet's invariants:
	/// - no bundle is running between extrinsics;
	/// - every remembered entry decodes.
	///
	/// (Deposits are burnt, so there is no hold to compare them with; the mock's tests check
	/// that the total issuance plus the remembered deposits stays constant.)
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(Self::running().is_none(), "a bundle is marked running outside its dispatch");
		ensure!(
			Remembered::<T>::iter_keys().count() == Remembered::<T>::iter_values().count(),
			"a remembered entry does not decode"
		);
		Ok(())
	}
}
