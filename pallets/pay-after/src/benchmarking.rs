//! Benchmarks of the pay-after pallet, in the frame-benchmarking v2 syntax.

use super::*;
use crate::types::{signing_payload, BundleStatus, CurrentBundle, RememberedBundle};
use alloc::{boxed::Box, vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use power_primitives::fee::{FeeEntry, FeePolicy};
use sp_runtime::traits::{Bounded, Saturating};

/// Gives `who` plenty of the native currency.
fn fund<T: Config>(who: &T::AccountId) {
	let plenty = T::BundleDeposit::get()
		.saturating_add(T::Currency::minimum_balance())
		.saturating_mul(1_000u32.into())
		.saturating_add(1_000_000u32.into());
	T::Currency::set_balance(who, plenty);
}

/// A bundle of the helper's signer, created now, paying a fee of 1, with `c` remarks, the first
/// carrying `b` bytes.
fn signed_bundle<T: Config>(c: u32, b: u32) -> Bundle<T> {
	let signer = T::BenchmarkHelper::signer();
	let create_time = Pallet::<T>::now_secs();
	let fees: Vec<u32> =
		FeePolicy::new(vec![FeeEntry::fee(1)]).map(|p| p.encode()).unwrap_or_default();
	let fees: BoundedVec<u32, T::MaxFeeEntries> = fees.try_into().unwrap_or_default();
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
	let signature = T::BenchmarkHelper::sign(&payload);
	Bundle { signer, create_time, fees, calls, signature }
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// Worst case: `c` calls, a payload of `b` more bytes, and `e` expired bundles to forget.
	#[benchmark]
	fn dispatch(
		c: Linear<1, { T::MaxCalls::get() }>,
		b: Linear<0, 16_384>,
		e: Linear<0, { T::MaxExpired::get() }>,
	) -> Result<(), BenchmarkError> {
		let relayer: T::AccountId = whitelisted_caller();
		fund::<T>(&relayer);
		let bundle = signed_bundle::<T>(c, b);
		let signer = bundle.signer.clone();
		fund::<T>(&signer);
		let deposit = T::BundleDeposit::get();
		let mut expired = Vec::new();
		for i in 0..e {
			let hash = [i as u8; 32];
			T::Currency::hold(&HoldReason::BundleDeposit.into(), &signer, deposit)?;
			Remembered::<T>::insert(
				&signer,
				hash,
				RememberedBundle { status: BundleStatus::Executed, expires: Some(0), deposit },
			);
			expired.push(hash);
		}
		let expired: BoundedVec<DataHash, T::MaxExpired> =
			expired.try_into().map_err(|_| BenchmarkError::Stop("too many expired"))?;
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
		#[extrinsic_call]
		_(RawOrigin::Signed(signer.clone()), [1u8; 32]);
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
		Current::<T>::put(CurrentBundle { signer: signer.clone(), fee, deposit });

		#[extrinsic_call]
		_(RawOrigin::Signed(signer.clone()), asset, BalanceOf::<T>::max_value());

		Current::<T>::kill();
		assert_eq!(T::Currency::balance(&signer), native_out);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
