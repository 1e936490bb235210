//! Benchmarks of the pay-after pallet, in the frame-benchmarking v2 syntax.
//!
//! Worst cases: bundles carry the longest fee policy (`MaxFeeEntries` words, the current time
//! between its first two fees, so it is interpolated after a full scan) and a signature over the
//! `<Bytes>`-wrapped payload (the bare form is tried first and fails: two verifications).

use super::*;
use crate::types::{signing_payload, BundleStatus, CurrentBundle, RememberedBundle};
use alloc::{boxed::Box, vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use power_primitives::fee::{FeeEntry, FeePolicy, TimeUnit};
use sp_runtime::traits::{Bounded, Saturating};

/// Gives `who` plenty of the native currency.
fn fund<T: Config>(who: &T::AccountId) {
	let plenty = T::BundleDeposit::get()
		.saturating_add(T::Currency::minimum_balance())
		.saturating_mul(1_000u32.into())
		.saturating_add(1_000_000u32.into());
	T::Currency::set_balance(who, plenty);
}

/// The longest policy: `MaxFeeEntries` words, fees rising every ten seconds from 1, then the
/// invalid marker.
fn longest_policy<T: Config>() -> Vec<u32> {
	let words = T::MaxFeeEntries::get().clamp(1, 16) as u8;
	let fees = (0..words.saturating_sub(1))
		.map(|i| FeeEntry::fee(u128::from(i) + 1).after(i, TimeUnit::TenSeconds));
	let marker = FeeEntry::invalid().after(words.saturating_sub(1), TimeUnit::TenSeconds);
	let entries: Result<Vec<FeeEntry>, _> = if words == 1 {
		Ok(vec![FeeEntry::fee(1)])
	} else {
		fees.chain(core::iter::once(marker)).collect()
	};
	entries.and_then(FeePolicy::new).map(|p| p.encode()).unwrap_or_default()
}

/// A bundle of the helper's signer with the longest policy, created a second ago, with `c`
/// remarks, the first carrying `b` bytes, signed over the wrapped payload if `wrapped` (two
/// verifications: the bare form is tried first), else over the bare one.
fn signed_bundle<T: Config>(c: u32, b: u32, wrapped: bool) -> Bundle<T> {
	let signer = T::BenchmarkHelper::signer();
	let create_time = Pallet::<T>::now_secs().saturating_sub(1);
	let fees: BoundedVec<u32, T::MaxFeeEntries> =
		longest_policy::<T>().try_into().unwrap_or_default();
	let calls: Vec<<T as frame_system::Config>::RuntimeCall> = (0..c)
		.map(|i| {
			let remark = if i == 0 { vec![1u8; b as usize] } else { Vec::new() };
			frame_system::Call::<T>::remark { remark }.into()
		})
		.collect();
	let calls: BoundedVec<_, T::MaxCalls> = calls.try_into().unwrap_or_default();
	let payload = signing_payload(
		&Pallet::<T>::genesis_hash(),
		Pallet::<T>::transaction_version(),
		&signer,
		create_time,
		&fees,
		&calls,
	);
	let signature = if wrapped {
		T::BenchmarkHelper::sign(&wrap_bytes(&payload))
	} else {
		T::BenchmarkHelper::sign(&payload)
	};
	Bundle { signer, create_time, fees, calls, signature }
}

/// Remembers `n` expired bundles of `signer`, taking their deposits as `dispatch` does.
fn remember_expired<T: Config>(
	signer: &T::AccountId,
	n: u32,
) -> Result<BoundedVec<DataHash, T::MaxExpired>, BenchmarkError> {
	let deposit = T::BundleDeposit::get();
	let mut hashes = Vec::new();
	for i in 0..n {
		let hash = [i as u8; 32];
		T::Currency::burn_from(
			signer,
			deposit,
			Preservation::Preserve,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Remembered::<T>::insert(
			signer,
			hash,
			RememberedBundle { status: BundleStatus::Executed, expires: Some(0), deposit },
		);
		hashes.push(hash);
	}
	hashes.try_into().map_err(|_| BenchmarkError::Stop("too many expired"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// `c` calls, a payload of `b` more bytes, `e` expired bundles to forget, the longest policy,
	// and a signature over the bare (`w` = 0) or the wrapped (`w` = 1) payload.
	#[benchmark]
	fn dispatch(
		c: Linear<1, { T::MaxCalls::get() }>,
		b: Linear<0, 16_384>,
		e: Linear<0, { T::MaxExpired::get() }>,
		w: Linear<0, 1>,
	) -> Result<(), BenchmarkError> {
		let relayer: T::AccountId = whitelisted_caller();
		fund::<T>(&relayer);
		let bundle = signed_bundle::<T>(c, b, w == 1);
		let signer = bundle.signer.clone();
		fund::<T>(&signer);
		let expired = remember_expired::<T>(&signer, e)?;
		let data_hash = Pallet::<T>::data_hash(&bundle);

		#[extrinsic_call]
		_(RawOrigin::Signed(relayer), Box::new(bundle), expired);

		assert!(Remembered::<T>::contains_key(&signer, data_hash));
		assert!(!Remembered::<T>::contains_key(&signer, [0u8; 32]) || e == 0);
		Ok(())
	}

	#[benchmark]
	fn kill() {
		let signer: T::AccountId = whitelisted_caller();
		fund::<T>(&signer);
		let expires = Some(Pallet::<T>::now_secs().saturating_add(600));
		#[extrinsic_call]
		_(RawOrigin::Signed(signer.clone()), [1u8; 32], expires);
		assert!(Remembered::<T>::contains_key(&signer, [1u8; 32]));
	}

	// Worst case: a signer with no native balance at all buys the fee, the deposit and the
	// existential deposit.
	#[benchmark]
	fn cover_fee() {
		let signer: T::AccountId = account("signer", 0, 0);
		let deposit = T::BundleDeposit::get();
		let fee = T::Currency::minimum_balance().saturating_add(deposit);
		let native_out = Pallet::<T>::fee_shortfall(&signer, fee.saturating_add(deposit));
		let asset = T::BenchmarkHelper::setup_swap(&signer, native_out);
		let current = CurrentBundle { signer: signer.clone(), fee, deposit };
		let result;

		// `cover_fee` runs inside a bundle's calls: as the pallet runs them.
		#[block]
		{
			result = Pallet::<T>::with_running(current, || {
				Pallet::<T>::cover_fee(
					RawOrigin::Signed(signer.clone()).into(),
					asset,
					BalanceOf::<T>::max_value(),
				)
			});
		}

		assert!(result.is_ok());
		assert_eq!(T::Currency::balance(&signer), native_out);
	}

	#[benchmark]
	fn forget_expired(e: Linear<1, { T::MaxExpired::get() }>) -> Result<(), BenchmarkError> {
		let signer: T::AccountId = whitelisted_caller();
		fund::<T>(&signer);
		let expired = remember_expired::<T>(&signer, e)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(signer.clone()), expired);

		assert_eq!(Remembered::<T>::iter_prefix(&signer).count(), 0);
		Ok(())
	}

	// The transaction pool's check of a bundle: the longest policy, a wrapped signature over a
	// call of `b` bytes.
	#[benchmark]
	fn validate_bundle(b: Linear<0, 16_384>) {
		let bundle = signed_bundle::<T>(1, b, true);
		let result;

		#[block]
		{
			result = Pallet::<T>::validate_bundle(&bundle);
		}

		assert!(result.is_ok());
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
