//! The mock runtime of the collator-power tests.

use crate as pallet_collator_power;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU64, Contains},
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

/// Account ids in the mock.
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		CollatorPower: pallet_collator_power,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// The deposit held from a miner.
pub const MINER_DEPOSIT: u64 = 100;
/// What every endowed account starts with.
pub const ENDOWMENT: u64 = 10_000;

parameter_types! {
	pub static MaxDelegationsPerMiner: u32 = 3;
	pub static MaxDelegatorsPerCollator: u32 = 3;
	pub static MinDelegation: u128 = 1;
}

thread_local! {
	/// The collator candidates: stands in for the selection pallet's candidate list.
	static CANDIDATES: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
}

/// The mock's candidate registry.
pub struct Candidates;

impl Candidates {
	/// Makes `who` a candidate.
	pub fn add(who: AccountId) {
		CANDIDATES.with(|c| {
			let mut c = c.borrow_mut();
			if !c.contains(&who) {
				c.push(who);
			}
		});
	}
	/// Makes `who` no longer a candidate.
	pub fn remove(who: AccountId) {
		CANDIDATES.with(|c| c.borrow_mut().retain(|x| *x != who));
	}
}

thread_local! {
	/// The miners another pallet relies on: stands in for the storage-provider pallet.
	static IN_USE: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
}

/// The mock's `MinerInUse`: the accounts marked with [`MinersInUse::set`].
pub struct MinersInUse;

impl MinersInUse {
	/// Marks `who` as in use (or not).
	pub fn set(who: AccountId, in_use: bool) {
		IN_USE.with(|u| {
			let mut u = u.borrow_mut();
			u.retain(|x| *x != who);
			if in_use {
				u.push(who);
			}
		});
	}
}

impl Contains<AccountId> for MinersInUse {
	fn contains(who: &AccountId) -> bool {
		IN_USE.with(|u| u.borrow().contains(who))
	}
}

impl Contains<AccountId> for Candidates {
	fn contains(who: &AccountId) -> bool {
		CANDIDATES.with(|c| c.borrow().contains(who))
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for Candidates {
	fn collator(index: u32) -> AccountId {
		let who = 1_000_000 + AccountId::from(index);
		Candidates::add(who);
		who
	}
}

impl pallet_collator_power::Config for Test {
	type StoragePower = u128;
	type CollatorId = AccountId;
	type CollatorRegistry = Candidates;
	type MinerInUse = MinersInUse;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinerDeposit = ConstU64<MINER_DEPOSIT>;
	type MaxDelegationsPerMiner = MaxDelegationsPerMiner;
	type MaxDelegatorsPerCollator = MaxDelegatorsPerCollator;
	type MinDelegation = MinDelegation;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Candidates;
}

/// Miners in the tests.
pub const ALICE: AccountId = 1;
/// A second miner.
pub const BOB: AccountId = 2;
/// A third miner.
pub const CHARLIE: AccountId = 3;
/// A fourth miner.
pub const DAVE: AccountId = 4;
/// An account with no funds.
pub const POOR: AccountId = 9;
/// Collator candidates.
pub const COLLATOR_A: AccountId = 101;
/// A second candidate.
pub const COLLATOR_B: AccountId = 102;
/// A third candidate.
pub const COLLATOR_C: AccountId = 103;
/// A fourth candidate.
pub const COLLATOR_D: AccountId = 104;
/// Not a candidate.
pub const NOT_A_COLLATOR: AccountId = 199;

/// Builds the test externalities.
pub struct ExtBuilder {
	endowed: Vec<(AccountId, u64)>,
	candidates: Vec<AccountId>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			endowed: [ALICE, BOB, CHARLIE, DAVE].into_iter().map(|a| (a, ENDOWMENT)).collect(),
			candidates: vec![COLLATOR_A, COLLATOR_B, COLLATOR_C, COLLATOR_D],
		}
	}
}

impl ExtBuilder {
	/// Sets the delegation bounds.
	pub fn bounds(self, per_miner: u32, per_collator: u32) -> Self {
		MaxDelegationsPerMiner::set(per_miner);
		MaxDelegatorsPerCollator::set(per_collator);
		self
	}

	/// Sets `MinDelegation`.
	pub fn min_delegation(self, min: u128) -> Self {
		MinDelegation::set(min);
		self
	}

	/// Builds the externalities, without running any test.
	pub fn build(self) -> sp_io::TestExternalities {
		CANDIDATES.with(|c| *c.borrow_mut() = self.candidates.clone());
		IN_USE.with(|u| u.borrow_mut().clear());
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.endowed, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Builds the externalities, runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			CollatorPower::do_try_state().expect("try_state must hold after the test");
		});
	}
}

/// The events this pallet emitted, oldest first.
pub fn collator_power_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::CollatorPower(e) => Some(e),
			_ => None,
		})
		.collect()
}
