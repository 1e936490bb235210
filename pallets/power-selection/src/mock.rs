//! The mock runtime of the power-selection tests: real pallet-session (this pallet is its
//! `SessionManager`), real pallet-authorship (this pallet is its `EventHandler`), pallet-balances,
//! and pallet-collator-power whose `CollatorRegistry` is this pallet's [`IsCandidate`].

use crate::{self as pallet_power_selection, IsCandidate};
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		tokens::imbalance::ResolveTo, ConstU32, ConstU64, FindAuthor, OnFinalize, OnIdle,
		OnInitialize, Randomness,
	},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_core::H256;
use sp_runtime::{
	testing::UintAuthorityId, traits::OpaqueKeys, BuildStorage, KeyTypeId, Perbill,
	RuntimeAppPublic,
};

type Block = frame_system::mocking::MockBlock<Test>;

/// Account ids in the mock.
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		CollatorPower: pallet_collator_power,
		PowerSelection: pallet_power_selection,
		Session: pallet_session,
		Authorship: pallet_authorship,
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

/// The deposit collator-power holds from a miner.
pub const MINER_DEPOSIT: u64 = 10;

impl pallet_collator_power::Config for Test {
	type StoragePower = u128;
	type CollatorId = AccountId;
	type MinerInUse = frame_support::traits::Nothing;
	type CollatorRegistry = IsCandidate<Test>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinerDeposit = ConstU64<MINER_DEPOSIT>;
	type MaxDelegationsPerMiner = ConstU32<8>;
	type MaxDelegatorsPerCollator = ConstU32<8>;
	type MinDelegation = frame_support::traits::ConstU128<1>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchCollators;
}

sp_runtime::impl_opaque_keys! {
	/// The session keys of the mock: one Aura-like key.
	pub struct MockSessionKeys {
		/// The authoring key.
		pub aura: UintAuthorityId,
	}
}

impl From<UintAuthorityId> for MockSessionKeys {
	fn from(aura: UintAuthorityId) -> Self {
		Self { aura }
	}
}

/// Session keys for `who`.
pub fn keys(who: AccountId) -> MockSessionKeys {
	MockSessionKeys { aura: UintAuthorityId(who) }
}

/// Records what pallet-session tells the session handlers.
pub struct TestSessionHandler;

impl pallet_session::SessionHandler<AccountId> for TestSessionHandler {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[UintAuthorityId::ID];
	fn on_genesis_session<Ks: OpaqueKeys>(_: &[(AccountId, Ks)]) {}
	fn on_new_session<Ks: OpaqueKeys>(_: bool, _: &[(AccountId, Ks)], _: &[(AccountId, Ks)]) {}
	fn on_disabled(_: u32) {}
}

/// Blocks per session.
pub const PERIOD: u64 = 10;

parameter_types! {
	pub const Period: u64 = PERIOD;
	pub const Offset: u64 = 0;
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = crate::RotatedByPowerSelection;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = PowerSelection;
	type SessionHandler = TestSessionHandler;
	type Keys = MockSessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ConstU64<0>;
}

thread_local! {
	/// Validators that miss their authoring slots.
	static SILENT: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
	/// Whether anybody authors at all.
	static AUTHORING: RefCell<bool> = const { RefCell::new(true) };
	/// The seed of the mock randomness.
	static RANDOM_SEED: RefCell<u64> = const { RefCell::new(0) };
	static RANDOM_KNOWN_SINCE: RefCell<Option<u64>> = const { RefCell::new(None) };
}

/// Makes `who` miss every authoring slot it gets (`silent = true`) or author again.
pub fn set_silent(who: AccountId, silent: bool) {
	SILENT.with(|s| {
		let mut s = s.borrow_mut();
		s.retain(|x| *x != who);
		if silent {
			s.push(who);
		}
	});
}

/// Turns authoring on or off for everybody.
pub fn set_authoring(on: bool) {
	AUTHORING.with(|a| *a.borrow_mut() = on);
}

/// Aura-like authorship: block `n` belongs to the session validator at `n mod len`, and is noted
/// unless that validator is silent.
pub struct TestFindAuthor;

impl FindAuthor<AccountId> for TestFindAuthor {
	fn find_author<'a, I>(_: I) -> Option<AccountId>
	where
		I: 'a + IntoIterator<Item = (frame_support::ConsensusEngineId, &'a [u8])>,
	{
		if !AUTHORING.with(|a| *a.borrow()) {
			return None;
		}
		let validators = Session::validators();
		let len = validators.len() as u64;
		let slot_owner =
			*validators.get(usize::try_from(System::block_number() % len.max(1)).ok()?)?;
		(!SILENT.with(|s| s.borrow().contains(&slot_owner))).then_some(slot_owner)
	}
}

impl pallet_authorship::Config for Test {
	type FindAuthor = TestFindAuthor;
	type EventHandler = PowerSelection;
}

/// Sets the seed of the mock randomness.
pub fn set_random_seed(seed: u64) {
	RANDOM_SEED.with(|s| *s.borrow_mut() = seed);
}

/// Makes the mock randomness report `known_since` (`None`: the current block, its default).
pub fn set_random_known_since(known_since: Option<u64>) {
	RANDOM_KNOWN_SINCE.with(|k| *k.borrow_mut() = known_since);
}

/// Deterministic randomness: `blake2_256(seed ‖ subject ‖ block number)`, with a settable seed,
/// known since the current block (or what [`set_random_known_since`] says).
pub struct TestRandomness;

impl Randomness<H256, u64> for TestRandomness {
	fn random(subject: &[u8]) -> (H256, u64) {
		let block = System::block_number();
		let seed = RANDOM_SEED.with(|s| *s.borrow());
		let mut input = seed.to_le_bytes().to_vec();
		input.extend_from_slice(subject);
		input.extend_from_slice(&block.to_le_bytes());
		let known_since = RANDOM_KNOWN_SINCE.with(|k| *k.borrow()).unwrap_or(block);
		(H256(sp_io::hashing::blake2_256(&input)), known_since)
	}
}

/// The account slashed bonds go to.
pub const TREASURY: AccountId = 999;

parameter_types! {
	pub static SlashFraction: Perbill = Perbill::from_percent(10);
	pub static MaxCandidates: u32 = 20;
	pub static MaxKicksPerBlock: u32 = 2;
	pub static RandomnessLag: u64 = 0;
}

/// The governance origin of the tests: root.
pub type UpdateOrigin = EnsureRoot<AccountId>;

impl pallet_power_selection::Config for Test {
	type Currency = Balances;
	type UpdateOrigin = UpdateOrigin;
	type MaxCandidates = MaxCandidates;
	type MaxInvulnerables = ConstU32<4>;
	type MaxCollators = ConstU32<6>;
	type UnbondingDelay = ConstU32<UNBONDING_DELAY>;
	type KickThreshold = ConstU64<KICK_THRESHOLD>;
	type MaxKicksPerBlock = MaxKicksPerBlock;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionRotation =
		crate::RotateSessions<Test, pallet_session::PeriodicSessions<Period, Offset>>;
	type FreezeLead = ConstU64<FREEZE_LEAD>;
	type MaxFreezePerBlock = ConstU32<10>;
	type SlashFraction = SlashFraction;
	type OnSlash = ResolveTo<ConstU64<TREASURY>, Balances>;
	type Randomness = TestRandomness;
	type RandomnessClock = System;
	type RandomnessLag = RandomnessLag;
	type ValidatorRegistration = Session;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchCollators;
}

/// Blocks before a session change the draw's inputs start being frozen: the freeze for block
/// `10 n` starts at `10 n - 3` and, with 10 powers a block, is complete at `10 n - 2` for up to
/// 10 candidates.
pub const FREEZE_LEAD: u64 = 3;

/// Sessions a bond stays held after its candidacy ended.
pub const UNBONDING_DELAY: u32 = 2;
/// Blocks an active collator may go without authoring.
pub const KICK_THRESHOLD: u64 = 2 * PERIOD;

/// Sets up collators for the benchmarks of both pallets: session keys, and for collator-power,
/// candidacy here.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchCollators;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for BenchCollators {
	fn register_session_keys(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(who, 1_000);
		use codec::Encode;
		// `UintAuthorityId`'s proof of possession: the key and the owner's encoding.
		let proof = sp_runtime::testing::TestSignature(*who, who.encode()).encode();
		let result = Session::set_keys(RuntimeOrigin::signed(*who), keys(*who), proof);
		assert!(result.is_ok(), "{result:?}");
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_collator_power::BenchmarkHelper<AccountId> for BenchCollators {
	fn collator(index: u32) -> AccountId {
		use crate::BenchmarkHelper;
		use frame_support::traits::fungible::Mutate;
		let who = 1_000_000 + AccountId::from(index);
		BenchCollators::register_session_keys(&who);
		let _ = Balances::mint_into(&who, 1_000_000);
		assert!(PowerSelection::register_as_candidate(RuntimeOrigin::signed(who)).is_ok());
		who
	}
}

/// An invulnerable at genesis.
pub const INVULNERABLE: AccountId = 1;
/// Accounts with session keys and funds, to be candidates.
pub const CANDIDATE_A: AccountId = 11;
/// A second candidate.
pub const CANDIDATE_B: AccountId = 12;
/// A third candidate.
pub const CANDIDATE_C: AccountId = 13;
/// A fourth candidate.
pub const CANDIDATE_D: AccountId = 14;
/// A funded account with session keys that is nothing yet.
pub const SPARE: AccountId = 15;
/// Miners, which delegate power.
pub const MINER_1: AccountId = 21;
/// A second miner.
pub const MINER_2: AccountId = 22;
/// A funded account without session keys.
pub const NO_KEYS: AccountId = 31;
/// An account with session keys and no funds.
pub const POOR: AccountId = 41;
/// What every endowed account starts with.
pub const ENDOWMENT: u64 = 10_000;
/// The candidacy bond at genesis.
pub const BOND: u64 = 1_000;

/// Builds the test externalities.
pub struct ExtBuilder {
	invulnerables: Vec<AccountId>,
	desired: u32,
	seed: u64,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { invulnerables: vec![INVULNERABLE], desired: 3, seed: 0 }
	}
}

impl ExtBuilder {
	/// Sets the genesis invulnerables.
	pub fn invulnerables(mut self, invulnerables: Vec<AccountId>) -> Self {
		self.invulnerables = invulnerables;
		self
	}

	/// Sets the genesis `DesiredCollators`.
	pub fn desired(mut self, desired: u32) -> Self {
		self.desired = desired;
		self
	}

	/// Sets the seed of the mock randomness.
	pub fn seed(mut self, seed: u64) -> Self {
		self.seed = seed;
		self
	}

	/// Builds the externalities, without running any test.
	pub fn build(self) -> sp_io::TestExternalities {
		SILENT.with(|s| s.borrow_mut().clear());
		set_authoring(true);
		set_random_seed(self.seed);
		set_random_known_since(None);
		RandomnessLag::set(0);
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let with_keys =
			[INVULNERABLE, 2, 3, CANDIDATE_A, CANDIDATE_B, CANDIDATE_C, CANDIDATE_D, SPARE, POOR];
		let funded = [
			INVULNERABLE,
			2,
			3,
			CANDIDATE_A,
			CANDIDATE_B,
			CANDIDATE_C,
			CANDIDATE_D,
			SPARE,
			MINER_1,
			MINER_2,
			NO_KEYS,
			TREASURY,
		];
		pallet_balances::GenesisConfig::<Test> {
			balances: funded.iter().map(|a| (*a, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_power_selection::GenesisConfig::<Test> {
			invulnerables: self.invulnerables,
			candidacy_bond: BOND,
			desired_collators: self.desired,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_session::GenesisConfig::<Test> {
			keys: vec![(INVULNERABLE, INVULNERABLE, keys(INVULNERABLE))],
			non_authority_keys: with_keys
				.iter()
				.filter(|a| **a != INVULNERABLE)
				.map(|a| (*a, *a, keys(*a)))
				.collect(),
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Builds the externalities, runs `test`, then checks the invariants of this pallet and of
	/// collator-power, whatever the features.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			PowerSelection::do_try_state().expect("try_state must hold after the test");
			CollatorPower::do_try_state().expect("collator-power's try_state must hold");
		});
	}
}

/// The weight `on_idle` may use in a mock block.
pub const IDLE_WEIGHT: Weight = Weight::from_parts(1_000_000_000_000, 5 * 1024 * 1024);

/// Runs blocks up to `n`, as `frame-executive` does: runs `on_idle` (registering what it used)
/// and finalizes the current block, then starts each next one with an empty block weight and
/// initializes it (session rotation, kicks and authorship notes happen in `on_initialize`).
/// After it, `System::block_weight()` holds what block `n`'s initialization used.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let now = System::block_number();
		let used = AllPalletsWithSystem::on_idle(now, IDLE_WEIGHT);
		System::register_extra_weight_unchecked(used, DispatchClass::Mandatory);
		AllPalletsWithSystem::on_finalize(now);
		System::set_block_number(now + 1);
		frame_system::BlockWeight::<Test>::kill();
		AllPalletsWithSystem::on_initialize(now + 1);
	}
}

/// Runs blocks until session `index` starts.
pub fn run_to_session(index: u32) {
	run_to_block(u64::from(index) * PERIOD);
	assert_eq!(Session::current_index(), index);
}

/// The events this pallet emitted, oldest first.
pub fn selection_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::PowerSelection(e) => Some(e),
			_ => None,
		})
		.collect()
}
