//! Benchmarks of the periodic pallet, in the frame-benchmarking v2 syntax.
//!
//! The tasks' call is `System::remark` of `l` bytes, whose execution does nothing: the `dispatch`
//! benchmark measures this pallet's overhead (decoding an `l`-byte call, the checks, the
//! transient guard, the payment, the retarget), and the caller adds the task's own call weight
//! (`max_call_weight`) to the declared weight.

use super::*;
use alloc::boxed::Box;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, Zero};

/// The time the benchmarks start at, in seconds since the Unix epoch.
const START_SECS: u64 = 1_700_000_000;

/// A lot of money in the currency: enough for any deposit and nectar the benchmarks move.
fn plenty<T: Config>() -> BalanceOf<T> {
	T::TaskDeposit::get()
		.saturating_add(T::Currency::minimum_balance())
		.saturating_mul(1_000u32.into())
		.saturating_add(1_000_000_000u32.into())
}

/// A funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, plenty::<T>());
	who
}

/// A call of about `l` encoded bytes (a remark of `l` bytes; the encoding adds at most 6).
fn call_of_len<T: Config>(l: u32) -> <T as Config>::RuntimeCall {
	frame_system::Call::<T>::remark { remark: alloc::vec![0u8; l as usize] }.into()
}

/// The longest remark that fits in `MaxCallLen`.
fn max_remark<T: Config>() -> u32 {
	T::MaxCallLen::get().saturating_sub(6)
}

/// The pay per period of the benchmark tasks: well above the existential deposit, so paying it
/// to a new account works.
fn pay<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(100u32.into()).saturating_add(1_000u32.into())
}

/// Moves `task` to the last run of its retarget window: the next run closes it.
fn window_almost_full<T: Config>(task: TaskId) {
	Tasks::<T>::mutate(task, |t| {
		if let Some(t) = t {
			t.cycles_since_retarget = t.cycles_per_retarget.saturating_sub(1);
			t.cycles = t.cycles_since_retarget.into();
			t.window_expected_secs =
				t.target_secs_per_cycle.saturating_mul(t.cycles_since_retarget.into());
		}
	});
}

/// Registers a task of `owner` with an `l`-byte call and a funded pot, at `START_SECS`.
fn task<T: Config>(owner: &T::AccountId, l: u32) -> TaskId {
	T::BenchmarkHelper::set_time(START_SECS);
	let id = Pallet::<T>::do_register_task(
		owner,
		call_of_len::<T>(l),
		T::MinTargetSecsPerCycle::get(),
		T::MaxCyclesPerRetarget::get(),
		pay::<T>(),
	);
	assert!(id.is_ok());
	let id = id.unwrap_or_default();
	let funder = funded::<T>("funder", 0);
	assert!(
		Pallet::<T>::add_nectar_from(&funder, id, pay::<T>().saturating_mul(4u32.into())).is_ok()
	);
	id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_task(l: Linear<0, { max_remark::<T>() }>) {
		T::BenchmarkHelper::set_time(START_SECS);
		let caller = funded::<T>("caller", 0);
		let call = call_of_len::<T>(l);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			Box::new(call),
			T::MinTargetSecsPerCycle::get(),
			T::MaxCyclesPerRetarget::get(),
			pay::<T>(),
		);
		assert_eq!(Tasks::<T>::get(0).map(|t| t.owner), Some(caller));
	}

	#[benchmark]
	fn add_nectar() {
		let owner = funded::<T>("owner", 0);
		let id = task::<T>(&owner, 0);
		let caller = funded::<T>("caller", 0);
		let before = Pallet::<T>::nectar_available(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, pay::<T>());
		assert_eq!(Pallet::<T>::nectar_available(id), before.saturating_add(pay::<T>()));
	}

	// Worst case: nectar carried over from earlier parameters, a pot that cannot pay all that
	// accrued (it pays what it has), a caller that is a new account (the payment creates it),
	// and a cycle that closes a retarget window.
	#[benchmark]
	fn dispatch(l: Linear<0, { max_remark::<T>() }>) {
		let owner = funded::<T>("owner", 0);
		let id = task::<T>(&owner, l);
		window_almost_full::<T>(id);
		Tasks::<T>::mutate(id, |t| {
			if let Some(t) = t {
				t.nectar_carried = pay::<T>().saturating_mul(10u32.into());
				t.accruing_since_secs = START_SECS.saturating_add(1);
			}
		});
		T::BenchmarkHelper::set_time(START_SECS.saturating_add(T::MinTargetSecsPerCycle::get()));
		let available = Pallet::<T>::nectar_available(id);
		let quote = Pallet::<T>::task_quote_of(id);
		assert!(quote.as_ref().is_some_and(|q| q.accrued > q.payable && q.payable == available));
		let max_call_weight = quote.map(|q| q.call_weight).unwrap_or_default();
		let caller: T::AccountId = account("keeper", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), id, available, max_call_weight);
		assert_eq!(T::Currency::balance(&caller), available);
		assert_eq!(Tasks::<T>::get(id).map(|t| t.cycles_since_retarget), Some(0));
	}

	// Worst case: both the pot and the task account hold money, and both are reaped.
	#[benchmark]
	fn cancel_task() {
		let owner = funded::<T>("owner", 0);
		let id = task::<T>(&owner, 0);
		let task_account = Pallet::<T>::task_account(id);
		T::Currency::set_balance(&task_account, pay::<T>());
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
		assert!(!Tasks::<T>::contains_key(id));
		assert!(T::Currency::balance(&task_account).is_zero());
	}

	// Worst case: the accrued nectar is settled, and the shorter window closes at once.
	#[benchmark]
	fn set_task_params() {
		let owner = funded::<T>("owner", 0);
		let id = task::<T>(&owner, 0);
		window_almost_full::<T>(id);
		T::BenchmarkHelper::set_time(START_SECS.saturating_add(T::MinTargetSecsPerCycle::get()));
		let target = T::MaxTargetSecsPerCycle::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, target, 1);
		let stored = Tasks::<T>::get(id);
		assert_eq!(stored.as_ref().map(|t| t.target_secs_per_cycle), Some(target));
		assert!(stored.is_some_and(|t| !t.nectar_carried.is_zero() && t.cycles_since_retarget == 0));
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
