//! The mock runtime of the periodic tests: pallet-balances, pallet-timestamp, the periodic pallet
//! and `test_task`, a small pallet whose calls serve as tasks.

use crate as pallet_periodic;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Contains},
	weights::Weight,
	PalletId,
};
use frame_system::RunToBlockHooks;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

/// Account ids in the mock: 32 bytes, like the runtime's, so that every task gets a distinct pot
/// and task account (each derived from a 4-byte prefix, the 8-byte pallet id, a 3-byte tag and
/// the 4-byte task id: 19 bytes).
pub type AccountId = sp_core::H256;
/// Balances in the mock.
pub type Balance = u64;

/// A pallet whose calls are the tasks of the tests. It stands for any runtime pallet that exposes
/// a periodic task.
#[frame_support::pallet]
pub mod test_task {
	use crate::TaskId;
	use alloc::{boxed::Box, vec::Vec};
	use frame_support::{
		dispatch::{
			extract_actual_weight, DispatchResultWithPostInfo, GetDispatchInfo, PostDispatchInfo,
		},
		pallet_prelude::*,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Dispatchable;

	/// The declared weight of `tick`.
	pub const TICK_WEIGHT: Weight = Weight::from_parts(10_000_000, 1_000);
	/// The weight `tick` reports having used.
	pub const TICK_ACTUAL_WEIGHT: Weight = Weight::from_parts(4_000_000, 400);
	/// The declared weight of `heavy`.
	pub const HEAVY_WEIGHT: Weight = Weight::from_parts(5_000_000_000, 0);
	/// The declared weight of `bulky`: heavy, but within `MaxCallWeight`.
	pub const BULKY_WEIGHT: Weight = Weight::from_parts(900_000_000, 90_000);

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The test pallet's configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config + crate::Config {}

	/// How many times a task's call ran.
	#[pallet::storage]
	pub type Ticks<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The account the `fund_shortfall` task pays its own nectar from, like a pallet treasury.
	#[pallet::storage]
	pub type Treasury<T: Config> = StorageValue<_, T::AccountId, OptionQuery>;

	/// What `record_running` saw: `Pallet::dispatching_task()` and `TaskRunning::get()`.
	#[pallet::storage]
	pub type SeenRunning<T: Config> = StorageValue<_, (Option<TaskId>, bool), OptionQuery>;

	#[pallet::error]
	pub enum Error<T> {
		/// The `fail` task always fails.
		Failed,
		/// No treasury is set.
		NoTreasury,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// The periodic job: counts a tick. Declares `TICK_WEIGHT`, reports using
		/// `TICK_ACTUAL_WEIGHT`.
		#[pallet::call_index(0)]
		#[pallet::weight(TICK_WEIGHT)]
		pub fn tick(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Ticks::<T>::mutate(|t| *t = t.saturating_add(1));
			Ok(PostDispatchInfo { actual_weight: Some(TICK_ACTUAL_WEIGHT), pays_fee: Pays::Yes })
		}

		/// Counts a tick, then fails: the tick must be rolled back.
		#[pallet::call_index(1)]
		#[pallet::weight(TICK_WEIGHT)]
		pub fn fail(origin: OriginFor<T>) -> DispatchResult {
			ensure_signed(origin)?;
			Ticks::<T>::mutate(|t| *t = t.saturating_add(1));
			Err(Error::<T>::Failed.into())
		}

		/// A self-funding task: counts a tick and pays the running dispatch's shortfall of
		/// `task` from the treasury, as a pallet selling its own tokens would.
		#[pallet::call_index(2)]
		#[pallet::weight(TICK_WEIGHT)]
		pub fn fund_shortfall(origin: OriginFor<T>, task: TaskId) -> DispatchResult {
			ensure_signed(origin)?;
			Ticks::<T>::mutate(|t| *t = t.saturating_add(1));
			let treasury = Treasury::<T>::get().ok_or(Error::<T>::NoTreasury)?;
			let shortfall = crate::Pallet::<T>::nectar_shortfall(task);
			if !shortfall.is_zero() {
				crate::Pallet::<T>::add_nectar_from(&treasury, task, shortfall)?;
			}
			Ok(())
		}

		/// Rejected by the runtime's call filter.
		#[pallet::call_index(3)]
		#[pallet::weight(TICK_WEIGHT)]
		pub fn forbidden(origin: OriginFor<T>) -> DispatchResult {
			ensure_signed(origin)?;
			Ticks::<T>::mutate(|t| *t = t.saturating_add(1));
			Ok(())
		}

		/// Too heavy to be a task.
		#[pallet::call_index(4)]
		#[pallet::weight(HEAVY_WEIGHT)]
		pub fn heavy(origin: OriginFor<T>) -> DispatchResult {
			ensure_signed(origin)?;
			Ok(())
		}

		/// A heavy task within `MaxCallWeight`: counts a tick and uses all of `BULKY_WEIGHT`.
		#[pallet::call_index(5)]
		#[pallet::weight(BULKY_WEIGHT)]
		pub fn bulky(origin: OriginFor<T>) -> DispatchResult {
			ensure_signed(origin)?;
			Ticks::<T>::mutate(|t| *t = t.saturating_add(1));
			Ok(())
		}

		/// `pallet_utility::batch_all`, as far as weights go: declares the sum of the weights
		/// its calls declare **when the extrinsic's weight is computed** (before any of them
		/// runs), dispatches them in order with the caller's origin, stops at the first error
		/// (rolled back: pallet calls are transactional) and reports the sum of the weights they
		/// actually used.
		#[pallet::call_index(6)]
		#[pallet::weight(
			calls
				.iter()
				.map(|c| c.get_dispatch_info().call_weight)
				.fold(Weight::zero(), |a, w| a.saturating_add(w))
		)]
		pub fn batch_all(
			origin: OriginFor<T>,
			calls: Vec<<T as crate::Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			let mut used = Weight::zero();
			for call in calls {
				let info = call.get_dispatch_info();
				let result = call.dispatch(origin.clone());
				used = used.saturating_add(extract_actual_weight(&result, &info));
				result.map_err(|e| {
					let mut e = e;
					e.post_info.actual_weight = Some(used);
					e
				})?;
			}
			Ok(PostDispatchInfo { actual_weight: Some(used), pays_fee: Pays::Yes })
		}

		/// Dispatches `call` with origin `Signed(who)`, as a pallet that runs calls `who` signed
		/// elsewhere (pallet-pay-after's bundles) would: the way a task's call could still act
		/// as its owner.
		#[pallet::call_index(7)]
		#[pallet::weight(TICK_WEIGHT.saturating_add(call.get_dispatch_info().call_weight))]
		pub fn dispatch_as(
			origin: OriginFor<T>,
			who: T::AccountId,
			call: Box<<T as crate::Config>::RuntimeCall>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			call.dispatch(frame_system::RawOrigin::Signed(who).into())
				.map(|_| ())
				.map_err(|e| e.error)
		}

		/// Records in `SeenRunning` whether a task's call is running, as pallet-pay-after asks.
		#[pallet::call_index(8)]
		#[pallet::weight(TICK_WEIGHT)]
		pub fn record_running(origin: OriginFor<T>) -> DispatchResult {
			use frame_support::traits::Get;
			ensure_signed(origin)?;
			SeenRunning::<T>::put((
				crate::Pallet::<T>::dispatching_task(),
				crate::TaskRunning::<T>::get(),
			));
			Ok(())
		}
	}
}

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Periodic: pallet_periodic,
		TestTask: test_task,
	}
);

/// The runtime's call filter: everything but `TestTask::forbidden`.
pub struct BaseFilter;

impl Contains<RuntimeCall> for BaseFilter {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::TestTask(test_task::Call::forbidden {}))
	}
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
	type BaseCallFilter = BaseFilter;
}

/// The existential deposit: large enough to matter in the tests.
pub const ED: Balance = 10;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ExistentialDeposit = ConstU64<ED>;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// The deposit held from a task's owner.
pub const TASK_DEPOSIT: Balance = 100;
/// The longest stored call.
pub const MAX_CALL_LEN: u32 = 64;
/// The shortest target.
pub const MIN_TARGET: u64 = 6;
/// The longest target: 30 days.
pub const MAX_TARGET: u64 = 30 * 24 * 3600;
/// The longest retarget window.
pub const MAX_CYCLES: u32 = 1_000;

parameter_types! {
	pub const PeriodicPalletId: PalletId = PalletId(*b"py/perio");
	pub const MaxCallWeight: Weight = Weight::from_parts(1_000_000_000, 100_000);
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for Test {
	fn set_time(secs: u64) {
		Timestamp::set_timestamp(secs.saturating_mul(1000));
	}
}

impl pallet_periodic::Config for Test {
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnixTime = Timestamp;
	type PalletId = PeriodicPalletId;
	type TaskDeposit = ConstU64<TASK_DEPOSIT>;
	type MaxCallLen = ConstU32<MAX_CALL_LEN>;
	type MaxCallWeight = MaxCallWeight;
	type MinTargetSecsPerCycle = ConstU64<MIN_TARGET>;
	type MaxTargetSecsPerCycle = ConstU64<MAX_TARGET>;
	type MaxCyclesPerRetarget = ConstU32<MAX_CYCLES>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Test;
}

impl test_task::Config for Test {}

/// Task owners and pollinators in the tests.
pub const ALICE: AccountId = AccountId::repeat_byte(1);
/// A second account.
pub const BOB: AccountId = AccountId::repeat_byte(2);
/// A third account.
pub const CHARLIE: AccountId = AccountId::repeat_byte(3);
/// A pollinator.
pub const KEEPER: AccountId = AccountId::repeat_byte(4);
/// The `test_task` treasury.
pub const TREASURY: AccountId = AccountId::repeat_byte(5);
/// An account with no funds.
pub const POOR: AccountId = AccountId::repeat_byte(9);
/// What every endowed account starts with.
pub const ENDOWMENT: Balance = 1_000_000;
/// The mock's genesis time, in seconds since the Unix epoch.
pub const GENESIS_SECS: u64 = 1_700_000_000;
/// Seconds per block.
pub const BLOCK_SECS: u64 = 6;

thread_local! {
	/// The seconds the next block's timestamp moves on by; `BLOCK_SECS` unless a test jumps.
	static NEXT_STEP: RefCell<u64> = const { RefCell::new(BLOCK_SECS) };
}

/// Builds the test externalities.
pub struct ExtBuilder {
	endowed: Vec<(AccountId, Balance)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			endowed: [ALICE, BOB, CHARLIE, KEEPER, TREASURY]
				.into_iter()
				.map(|a| (a, ENDOWMENT))
				.collect(),
		}
	}
}

impl ExtBuilder {
	/// Builds the externalities at block 1, time `GENESIS_SECS`, without running any test.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.endowed, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			Timestamp::set_timestamp(GENESIS_SECS * 1000);
			test_task::Treasury::<Test>::put(TREASURY);
		});
		ext
	}

	/// Builds the externalities, runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Periodic::do_try_state().expect("try_state must hold after the test");
		});
	}
}

/// Runs the blocks up to `n`, with their hooks, moving the time on by `BLOCK_SECS` per block.
pub fn run_to_block(n: u64) {
	System::run_to_block_with::<AllPalletsWithSystem>(
		n,
		RunToBlockHooks::default().before_initialize(|_| {
			let step = NEXT_STEP.with(|s| s.replace(BLOCK_SECS));
			Timestamp::set_timestamp(pallet_timestamp::Now::<Test>::get() + step * 1000);
		}),
	);
}

/// Moves to the next block, `secs` seconds later.
pub fn advance_secs(secs: u64) {
	NEXT_STEP.with(|s| *s.borrow_mut() = secs);
	run_to_block(System::block_number() + 1);
}

/// The current time in seconds.
pub fn now_secs() -> u64 {
	pallet_timestamp::Now::<Test>::get() / 1000
}

/// The events this pallet emitted, oldest first.
pub fn periodic_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Periodic(e) => Some(e),
			_ => None,
		})
		.collect()
}
