//! The mock runtime of the pay-after tests: `AccountId32` accounts with real sr25519, ed25519 and
//! ecdsa keys, pallet-timestamp, pallet-assets and pallet-asset-conversion with a real pool.

use crate as pallet_pay_after;
use frame_support::{
	assert_ok, derive_impl,
	instances::{Instance1, Instance2},
	ord_parameter_types, parameter_types,
	traits::{
		tokens::{
			fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
			imbalance::ResolveAssetTo,
		},
		AsEnsureOriginWithArg, ConstU128, ConstU32, Contains,
	},
	PalletId,
};
use frame_system::{EnsureSigned, EnsureSignedBy};
use pallet_asset_conversion::{AccountIdConverter, Ascending, Chain, WithFirstAsset};
use sp_core::{ecdsa, Pair};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::{
	traits::{AccountIdConversion, IdentifyAccount, IdentityLookup},
	AccountId32, BuildStorage, MultiSignature, MultiSigner, Permill,
};

type Block = frame_system::mocking::MockBlock<Test>;

/// Account ids in the mock: the runtime's.
pub type AccountId = AccountId32;
/// Balances of every currency.
pub type Balance = u128;
/// The asset kinds of the pool.
pub type AssetKind = NativeOrWithId<u32>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		Assets: pallet_assets::<Instance1>,
		PoolAssets: pallet_assets::<Instance2>,
		AssetConversion: pallet_asset_conversion,
		PayAfter: pallet_pay_after,
		Probe: probe,
	}
);

/// A remark the call filter forbids.
pub const FORBIDDEN_REMARK: &[u8] = b"forbidden";

/// The runtime's call filter: everything but `remark_with_event(FORBIDDEN_REMARK)`.
pub struct TestCallFilter;

impl Contains<RuntimeCall> for TestCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::System(frame_system::Call::remark_with_event { remark })
				if remark.as_slice() == FORBIDDEN_REMARK
		)
	}
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
	type BaseCallFilter = TestCallFilter;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// The native existential deposit.
pub const ED: Balance = 10;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_assets::Config<Instance1> for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = u32;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = frame_system::EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<1>;
	type AssetAccountDeposit = ConstU128<10>;
	type MetadataDepositBase = ConstU128<1>;
	type MetadataDepositPerByte = ConstU128<1>;
	type ApprovalDeposit = ConstU128<1>;
	type StringLimit = ConstU32<50>;
	type Holder = ();
	type Freezer = ();
	type Extra = ();
	type WeightInfo = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	pallet_assets::runtime_benchmarks_enabled! {
		type BenchmarkHelper = ();
	}
}

impl pallet_assets::Config<Instance2> for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = u32;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSignedBy<AssetConversionOrigin, AccountId>>;
	type ForceOrigin = frame_system::EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
	type StringLimit = ConstU32<50>;
	type Holder = ();
	type Freezer = ();
	type Extra = ();
	type WeightInfo = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	pallet_assets::runtime_benchmarks_enabled! {
		type BenchmarkHelper = ();
	}
}

parameter_types! {
	pub const AssetConversionPalletId: PalletId = PalletId(*b"py/ascon");
	pub const Native: AssetKind = NativeOrWithId::Native;
	pub LpFee: Permill = Permill::from_rational(3u32, 1_000u32);
	pub MaxSwapFee: Permill = Permill::from_percent(10);
	pub storage LiquidityWithdrawalFee: Permill = Permill::from_percent(0);
}

ord_parameter_types! {
	pub const AssetConversionOrigin: AccountId =
		AccountIdConversion::<AccountId>::into_account_truncating(&AssetConversionPalletId::get());
}

/// Native and assets as one `fungibles`.
pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;
type PoolIdToAccountId = AccountIdConverter<AssetConversionPalletId, (AssetKind, AssetKind)>;

impl pallet_asset_conversion::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type HigherPrecisionBalance = sp_core::U256;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type PoolId = (AssetKind, AssetKind);
	type PoolLocator = Chain<
		WithFirstAsset<Native, AccountId, AssetKind, PoolIdToAccountId>,
		Ascending<AccountId, AssetKind, PoolIdToAccountId>,
	>;
	type PoolAssetId = u32;
	type PoolAssets = PoolAssets;
	type PoolSetupFee = ConstU128<100>;
	type PoolSetupFeeAsset = Native;
	type PoolSetupFeeTarget = ResolveAssetTo<AssetConversionOrigin, Self::Assets>;
	type PalletId = AssetConversionPalletId;
	type WeightInfo = ();
	type LPFee = LpFee;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxSwapFee = MaxSwapFee;
	type LiquidityWithdrawalFee = LiquidityWithdrawalFee;
	type MaxSwapPathLength = ConstU32<4>;
	type MintMinLiquidity = ConstU128<100>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// The deposit held for each remembered bundle.
pub const BUNDLE_DEPOSIT: Balance = 50;
/// The most calls in a bundle.
pub const MAX_CALLS: u32 = 8;
/// The most expired bundles one dispatch cleans.
pub const MAX_EXPIRED: u32 = 4;

impl pallet_pay_after::Config for Test {
	type Signature = MultiSignature;
	type UnixTime = Timestamp;
	type Currency = Balances;
	type SignerHidden = SignerHidden;
	type AssetKind = AssetKind;
	type NativeAsset = Native;
	type Swap = AssetConversion;
	type BundleDeposit = ConstU128<BUNDLE_DEPOSIT>;
	type MaxCalls = ConstU32<MAX_CALLS>;
	type MaxFeeEntries = ConstU32<16>;
	type MaxExpired = ConstU32<MAX_EXPIRED>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

/// A pallet that records what pay-after tells the called pallets during a bundle's calls.
#[frame_support::pallet]
pub mod probe {
	use alloc::boxed::Box;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Dispatchable;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + crate::Config {}

	/// What `record` saw: the current signer and the required fee.
	#[pallet::storage]
	pub type Seen<T: Config> = StorageValue<
		_,
		(Option<<T as frame_system::Config>::AccountId>, Option<crate::BalanceOf<T>>),
		OptionQuery,
	>;

	/// Who `act` acted for, in order.
	#[pallet::storage]
	pub type Acted<T: Config> = StorageValue<
		_,
		BoundedVec<<T as frame_system::Config>::AccountId, ConstU32<8>>,
		ValueQuery,
	>;

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Records `current_signer()` and `required_fee()`.
		#[pallet::call_index(0)]
		#[pallet::weight(Weight::from_parts(1_000, 0))]
		pub fn record(origin: OriginFor<T>) -> DispatchResult {
			ensure_signed(origin)?;
			Seen::<T>::put((
				crate::Pallet::<T>::current_signer(),
				crate::Pallet::<T>::required_fee(),
			));
			Ok(())
		}

		/// Always fails, after declaring a big weight and reporting a small one.
		#[pallet::call_index(1)]
		#[pallet::weight(Weight::from_parts(1_000_000, 0))]
		pub fn fail(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Err(frame_support::dispatch::DispatchErrorWithPostInfo {
				post_info: Some(Weight::from_parts(7, 0)).into(),
				error: DispatchError::Other("probe failed"),
			})
		}

		/// Succeeds, declaring a big weight and using a small one.
		#[pallet::call_index(2)]
		#[pallet::weight(Weight::from_parts(1_000_000, 0))]
		pub fn light(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Ok(Some(Weight::from_parts(5, 0)).into())
		}

		/// A pallet that trusts `current_signer()` the naive way (the seed's
		/// `PayAfter.msgSender()` without checking the caller): it acts for
		/// `current_signer().unwrap_or(origin)` and records who that was.
		#[pallet::call_index(3)]
		#[pallet::weight(Weight::from_parts(1_000, 0))]
		pub fn act(origin: OriginFor<T>) -> DispatchResult {
			let origin = ensure_signed(origin)?;
			let actor = crate::Pallet::<T>::current_signer().unwrap_or(origin);
			Acted::<T>::try_mutate(|acted| acted.try_push(actor))
				.map_err(|_| DispatchError::Other("too many actors"))
		}

		/// Runs `call` as `Signed(who)` with the mock's `SignerHidden` flag set, as
		/// pallet-periodic runs a task's call as its owner (the runtime wires its
		/// `TaskRunning`).
		#[pallet::call_index(4)]
		#[pallet::weight(call.get_dispatch_info().call_weight)]
		pub fn run_hidden(
			origin: OriginFor<T>,
			who: <T as frame_system::Config>::AccountId,
			call: Box<<T as frame_system::Config>::RuntimeCall>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			crate::mock::set_signer_hidden(true);
			let result = call.dispatch(frame_system::RawOrigin::Signed(who).into());
			crate::mock::set_signer_hidden(false);
			result.map(|_| ()).map_err(|e| e.error)
		}
	}
}

impl probe::Config for Test {}

/// The asset in the pool.
pub const ASSET: u32 = 1;
/// The asset as an asset kind.
pub const ASSET_KIND: AssetKind = NativeOrWithId::WithId(ASSET);
/// Native liquidity in the pool.
pub const POOL_NATIVE: Balance = 1_000_000;
/// Asset liquidity in the pool.
pub const POOL_ASSET: Balance = 2_000_000;
/// The asset every signer starts with.
pub const SIGNER_ASSET: Balance = 100_000;
/// The native balance of endowed accounts.
pub const ENDOWMENT: Balance = 100_000_000;
/// The clock at the start of every test, in unix seconds.
pub const START: u64 = 1_700_000_000;

/// An sr25519 signer with no native balance at all: only the asset.
pub fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}
/// An ed25519 signer with native balance.
pub fn bob() -> AccountId {
	Ed25519Keyring::Bob.to_account_id()
}
/// The ecdsa key of a third signer.
pub fn charlie_pair() -> ecdsa::Pair {
	ecdsa::Pair::from_string("//Charlie", None).expect("a valid derivation")
}
/// An ecdsa signer with native balance.
pub fn charlie() -> AccountId {
	MultiSigner::from(charlie_pair().public()).into_account()
}
/// The relayer.
pub fn relayer() -> AccountId {
	Sr25519Keyring::Ferdie.to_account_id()
}
/// A second relayer.
pub fn relayer2() -> AccountId {
	Sr25519Keyring::Eve.to_account_id()
}
/// The liquidity provider.
pub fn lp() -> AccountId {
	Sr25519Keyring::Dave.to_account_id()
}

std::thread_local! {
	static SIGNER_HIDDEN: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
	static ISSUANCE_AT_START: core::cell::Cell<Balance> = const { core::cell::Cell::new(0) };
}

/// Sets the flag the mock's `SignerHidden` reads (each test runs on its own thread).
pub fn set_signer_hidden(hidden: bool) {
	SIGNER_HIDDEN.with(|h| h.set(hidden));
}

/// The test-controlled `SignerHidden`: true while `probe::run_hidden` runs its call.
pub struct SignerHidden;

impl frame_support::traits::Get<bool> for SignerHidden {
	fn get() -> bool {
		SIGNER_HIDDEN.with(|h| h.get())
	}
}

/// Sets the clock to `secs` unix seconds.
pub fn set_now(secs: u64) {
	pallet_timestamp::Now::<Test>::put(secs * 1_000);
}

/// Builds the test externalities.
pub struct ExtBuilder {
	signer_asset: Balance,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { signer_asset: SIGNER_ASSET }
	}
}

impl ExtBuilder {
	/// Sets the asset Alice and Bob start with.
	pub fn signer_asset(mut self, amount: Balance) -> Self {
		self.signer_asset = amount;
		self
	}

	/// Builds the externalities with the pool, without running any test.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![
				(bob(), ENDOWMENT),
				(charlie(), ENDOWMENT),
				(relayer(), ENDOWMENT),
				(relayer2(), ENDOWMENT),
				(lp(), ENDOWMENT),
			],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test, Instance1> {
			// Sufficient, so a signer with no native balance can hold it.
			assets: vec![(ASSET, lp(), true, 1)],
			accounts: vec![
				(ASSET, lp(), POOL_ASSET * 10),
				(ASSET, alice(), self.signer_asset),
				(ASSET, bob(), self.signer_asset),
			],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			set_now(START);
			assert_ok!(AssetConversion::create_pool(
				RuntimeOrigin::signed(lp()),
				Box::new(NativeOrWithId::Native),
				Box::new(ASSET_KIND),
			));
			assert_ok!(AssetConversion::add_liquidity(
				RuntimeOrigin::signed(lp()),
				Box::new(NativeOrWithId::Native),
				Box::new(ASSET_KIND),
				POOL_NATIVE,
				POOL_ASSET,
				POOL_NATIVE,
				POOL_ASSET,
				lp(),
			));
			System::reset_events();
			ISSUANCE_AT_START.with(|i| i.set(pallet_balances::TotalIssuance::<Test>::get()));
		});
		ext
	}

	/// Builds the externalities, runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			check_invariants();
		});
	}
}

/// The pallet's `try_state`, and the mock's own check that deposits are accounted for: nothing
/// else in the mock mints or burns, so the total issuance plus the remembered bundles' deposits
/// (burnt when remembered, minted when forgotten) is what it was at the start.
pub fn check_invariants() {
	PayAfter::do_try_state().expect("try_state must hold");
	let deposits: Balance = crate::Remembered::<Test>::iter_values().map(|r| r.deposit).sum();
	assert_eq!(
		pallet_balances::TotalIssuance::<Test>::get() + deposits,
		ISSUANCE_AT_START.with(|i| i.get()),
		"the remembered deposits are what the issuance lost"
	);
}

/// The events this pallet emitted, oldest first.
pub fn pay_after_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::PayAfter(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Signs the benchmarks' bundles with Alice's sr25519 key and uses the mock's pool.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<Test> for BenchHelper {
	fn signer() -> AccountId {
		alice()
	}
	fn sign(message: &[u8]) -> MultiSignature {
		Sr25519Keyring::Alice.sign(message).into()
	}
	fn setup_swap(who: &AccountId, _native_out: Balance) -> AssetKind {
		use frame_support::traits::fungibles::Mutate;
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(ASSET, who, POOL_ASSET));
		ASSET_KIND
	}
}
