//! Benchmarks of the collator-power pallet, in the frame-benchmarking v2 syntax.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_support::weights::WeightMeter;
use frame_system::RawOrigin;
use sp_runtime::traits::{One, Saturating, Zero};

/// A funded account that can pay the miner deposit.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::MinerDeposit::get()
		.saturating_mul(10u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(10u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

/// A registered miner with `power` raw power.
fn miner<T: Config>(index: u32, power: T::StoragePower) -> T::AccountId {
	let who = funded::<T>("miner", index);
	assert!(Pallet::<T>::do_create_miner(&who).is_ok());
	assert!(Pallet::<T>::update_miner_power(&who, PowerDelta::Increase(power)).is_ok());
	who
}

/// Makes `miner` delegate the minimum to each of `count` new collators, starting at `first`.
fn delegate_to_many<T: Config>(miner: &T::AccountId, first: u32, count: u32) {
	for i in first..first.saturating_add(count) {
		let collator = T::BenchmarkHelper::collator(i);
		assert!(Pallet::<T>::do_delegate_power(miner, &collator, T::MinDelegation::get()).is_ok());
	}
}

/// Enough power for the minimum delegation to each of any bounded number of collators, and
/// then some.
fn plenty<T: Config>() -> T::StoragePower {
	T::MinDelegation::get().saturating_mul(1_000u32.into())
}

/// Registers `n` miners, each delegating the minimum to `collator`.
fn fill<T: Config>(collator: &T::CollatorId, n: u32) {
	for i in 0..n {
		let who = miner::<T>(i, plenty::<T>());
		assert!(Pallet::<T>::do_delegate_power(&who, collator, T::MinDelegation::get()).is_ok());
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_miner() {
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert!(MinerClaims::<T>::contains_key(&caller));
	}

	// Worst case: a new collator for a miner that already delegates to all but one.
	#[benchmark]
	fn delegate_power() {
		let max = T::MaxDelegationsPerMiner::get();
		let caller = miner::<T>(0, plenty::<T>());
		delegate_to_many::<T>(&caller, 0, max.saturating_sub(1));
		let collator = T::BenchmarkHelper::collator(max);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), collator.clone(), T::MinDelegation::get());
		assert_eq!(CollatorPower::<T>::get(&collator), T::MinDelegation::get());
	}

	// Worst case: the collator is full, so its whole reverse-index prefix is read to find the
	// smallest stake, which is displaced. The prefix is read in full whatever the trie around
	// it, so its measured proof is sound.
	#[benchmark(pov_mode = MaxEncodedLen {
		CollatorPower::CollatorDelegators: Measured
	})]
	fn delegate_power_displacing() {
		let max = T::MaxDelegatorsPerCollator::get();
		let collator = T::BenchmarkHelper::collator(0);
		fill::<T>(&collator, max);
		let caller = miner::<T>(max, plenty::<T>());
		let amount = T::MinDelegation::get().saturating_add(One::one());
		#[extrinsic_call]
		delegate_power(RawOrigin::Signed(caller.clone()), collator.clone(), amount);
		assert!(CollatorDelegators::<T>::contains_key(&collator, &caller));
		assert_eq!(CollatorDelegatorCount::<T>::get(&collator), max);
	}

	// Worst case: the whole stake goes, from a miner at its bound.
	#[benchmark]
	fn undelegate_power() {
		let max = T::MaxDelegationsPerMiner::get();
		let caller = miner::<T>(0, plenty::<T>());
		delegate_to_many::<T>(&caller, 0, max);
		let collator = T::BenchmarkHelper::collator(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), collator.clone(), T::MinDelegation::get());
		assert!(!CollatorDelegators::<T>::contains_key(&collator, &caller));
	}

	#[benchmark]
	fn remove_miner() {
		let caller = funded::<T>("caller", 0);
		assert!(Pallet::<T>::do_create_miner(&caller).is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert!(!MinerClaims::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn update_miner_power_increase() -> Result<(), BenchmarkError> {
		let who = miner::<T>(0, One::one());
		#[block]
		{
			Pallet::<T>::update_miner_power(&who, PowerDelta::Increase(One::one()))?;
		}
		assert_eq!(MinerClaims::<T>::get(&who).map(|c| c.raw_bytes_power), Some(2u32.into()));
		Ok(())
	}

	// Worst case: every one of `d` delegations is scaled to zero and unindexed.
	#[benchmark]
	fn update_miner_power_decrease(
		d: Linear<0, { T::MaxDelegationsPerMiner::get() }>,
	) -> Result<(), BenchmarkError> {
		let who = miner::<T>(0, plenty::<T>());
		delegate_to_many::<T>(&who, 0, d);
		#[block]
		{
			Pallet::<T>::update_miner_power(&who, PowerDelta::Decrease(plenty::<T>()))?;
		}
		assert_eq!(MinerClaims::<T>::get(&who).map(|c| c.staked_power.len()), Some(0));
		Ok(())
	}

	// O(1) whatever the number of delegators: they are returned later.
	#[benchmark]
	fn remove_collator() {
		let collator = T::BenchmarkHelper::collator(0);
		fill::<T>(&collator, T::MaxDelegatorsPerCollator::get());
		#[block]
		{
			Pallet::<T>::remove_collator(&collator);
		}
		assert!(CollatorPower::<T>::get(&collator).is_zero());
		assert!(RemovedCollators::<T>::contains_key(&collator));
	}

	// `n` miners each get their stake back from a removed collator, which is then cleared.
	#[benchmark]
	fn return_delegations(n: Linear<0, { T::MaxDelegatorsPerCollator::get() }>) {
		let collator = T::BenchmarkHelper::collator(0);
		fill::<T>(&collator, n);
		// A collator without delegators is not recorded as removed: record it anyway, so that
		// `n = 0` measures finding and clearing one.
		Pallet::<T>::remove_collator(&collator);
		RemovedCollators::<T>::insert(&collator, ());
		let mut meter = WeightMeter::new();
		#[block]
		{
			Pallet::<T>::return_delegations(&mut meter);
		}
		assert!(!RemovedCollators::<T>::contains_key(&collator));
		assert_eq!(CollatorDelegatorCount::<T>::get(&collator), 0);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
