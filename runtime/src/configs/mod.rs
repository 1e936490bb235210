//! The `Config` of every pallet in the runtime.
//!
//! Wiring, in short:
//! - `PowerSelection` is pallet-session's `SessionManager` and pallet-authorship's
//!   `EventHandler`; Aura's authorities are the session's validators, so they are the collators
//!   `PowerSelection` draws each session.
//! - `CollatorPower`'s `CollatorRegistry` is `PowerSelection`'s current candidates.
//! - `StorageProvider` and `PowerSelection` are tightly coupled to `CollatorPower` (their
//!   `Config` traits require its `Config`).
//! - Randomness for the draw and for storage challenges comes from [`crate::randomness`].
//! - Timings come from [`crate::chain_params`], fixed per chain at genesis.

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers;

use crate::{
	chain_params, randomness, AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce,
	PalletInfo, PoolAssets, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason,
	RuntimeHoldReason, RuntimeOrigin, RuntimeTask, Session, SessionKeys, System, Timestamp,
	WeightToFee, AVERAGE_ON_INITIALIZE_RATIO, BLOCK_PROCESSING_VELOCITY, EXISTENTIAL_DEPOSIT,
	MAXIMUM_BLOCK_WEIGHT, MICRO_UNIT, MILLI_UNIT, NORMAL_DISPATCH_RATIO,
	RELAY_CHAIN_SLOT_DURATION_MILLIS, SLOT_DURATION, UNINCLUDED_SEGMENT_CAPACITY, UNIT, VERSION,
};
#[allow(unused_imports)]
use alloc::{vec, vec::Vec};
use cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;
use cumulus_primitives_core::AggregateMessageOrigin;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	ord_parameter_types, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		tokens::imbalance::ResolveAssetTo,
		AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf,
	},
	weights::{
		constants::{BlockExecutionWeight, ExtrinsicBaseWeight, RocksDbWeight},
		ConstantMultiplier, Weight,
	},
	PalletId,
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot, EnsureSigned, EnsureSignedBy,
};
use pallet_asset_conversion::{AccountIdConverter, Ascending, Chain, WithFirstAsset};
use pallet_transaction_payment::{Multiplier, TargetedFeeAdjustment};
use sp_runtime::{
	traits::{AccountIdConversion, Bounded},
	FixedPointNumber, MultiSignature, Perbill, Permill, Perquintill,
};
use sp_version::RuntimeVersion;

// ---------------------------------------------------------------------------------------------
// System and parachain.

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * *max
		})
		.build();
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			weights.reserved = Some(
				MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT
			);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
	pub const SS58Prefix: u16 = 42;
	pub const BlockHashCount: BlockNumber = 4096;
}

#[derive_impl(frame_system::config_preludes::ParaChainDefaultConfig)]
impl frame_system::Config for Runtime {
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type Block = Block;
	type BlockHashCount = BlockHashCount;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = RocksDbWeight;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type SS58Prefix = SS58Prefix;
	type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
	type MaxConsumers = ConstU32<16>;
	/// Everything, except `Sudo` from inside a pay-after bundle or a periodic task.
	type BaseCallFilter = crate::pollinate::PollinateCallFilter;
}

parameter_types! {
	pub const ReservedDmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const ReservedXcmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const RelayOrigin: AggregateMessageOrigin = AggregateMessageOrigin::Parent;
}

/// Aura's consensus hook: at most `BLOCK_PROCESSING_VELOCITY` blocks per relay slot, and at most
/// `UNINCLUDED_SEGMENT_CAPACITY` blocks not yet included.
pub type AuraConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

// This chain has no XCM yet: no downward or horizontal messages are queued or sent.
impl cumulus_pallet_parachain_system::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Records the relay randomness from the verified relay-state proof.
	type OnSystemEvent = randomness::RecordRelayRandomness;
	type SelfParaId = parachain_info::Pallet<Runtime>;
	type OutboundXcmpMessageSource = ();
	type DmpQueue = ();
	type ReservedDmpWeight = ReservedDmpWeight;
	type XcmpMessageHandler = ();
	type ReservedXcmpWeight = ReservedXcmpWeight;
	type CheckAssociatedRelayNumber = RelayNumberMonotonicallyIncreases;
	type WeightInfo = ();
	type ConsensusHook = AuraConsensusHook;
	type RelayParentOffset = ConstU32<0>;
	type SchedulingSignatureVerifier = ();
}

impl parachain_info::Config for Runtime {}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = ();
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = crate::OriginCaller;
	type WeightInfo = ();
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = ();
}

impl chain_params::Config for Runtime {}

// ---------------------------------------------------------------------------------------------
// Money.

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
	/// Each byte of an extrinsic costs a micro-unit: a 145-byte transfer pays 0.145 milli-units
	/// for its length, a fifteenth of its fee (the rest is its weight's, see `WeightToFee`).
	pub const TransactionByteFee: Balance = MICRO_UNIT;
	/// The fee multiplier aims at blocks a quarter full (of the normal class).
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// How fast the multiplier moves: polkadot's value. A day of full blocks (14 400 blocks of
	/// 6 s) raises fees about 2.3x; a day of empty blocks lowers them to about 0.76x.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(75, 1_000_000);
	/// Fees never fall below a tenth of the calibrated [`WeightToFee`].
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_rational(1, 10u128);
	/// Fees may rise without bound under sustained load.
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

/// polkadot-sdk's slow-adjusting targeted fee multiplier, with polkadot's parameters: fees rise
/// when blocks are fuller than [`TargetBlockFullness`] and fall when they are emptier.
pub type SlowAdjustingFeeUpdate<R> = TargetedFeeAdjustment<
	R,
	TargetBlockFullness,
	AdjustmentVariable,
	MinimumMultiplier,
	MaximumMultiplier,
>;

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = ();
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, ()>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = SlowAdjustingFeeUpdate<Self>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = ();
}

/// Asset ids.
pub type AssetId = u32;
/// The native token or an asset: what the pools trade.
pub type AssetKind = NativeOrWithId<AssetId>;
/// The native token and the assets as one `fungibles`.
pub type NativeAndAssets = UnionOf<Balances, crate::Assets, NativeFromLeft, AssetKind, AccountId>;

parameter_types! {
	pub const AssetConversionPalletId: PalletId = PalletId(*b"py/ascon");
	pub const Native: AssetKind = NativeOrWithId::Native;
	pub const LpFee: Permill = Permill::from_parts(3_000);
	pub const MaxSwapFee: Permill = Permill::from_percent(10);
	pub const LiquidityWithdrawalFee: Permill = Permill::zero();
}

ord_parameter_types! {
	pub const AssetConversionOrigin: AccountId =
		AccountIdConversion::<AccountId>::into_account_truncating(&AssetConversionPalletId::get());
}

impl pallet_assets::Config<pallet_assets::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<{ UNIT }>;
	type AssetAccountDeposit = ConstU128<{ MILLI_UNIT }>;
	type MetadataDepositBase = ConstU128<{ MILLI_UNIT }>;
	type MetadataDepositPerByte = ConstU128<{ MICRO_UNIT }>;
	type ApprovalDeposit = ConstU128<{ MILLI_UNIT }>;
	type StringLimit = ConstU32<50>;
	type Holder = ();
	type Freezer = ();
	type Extra = ();
	type WeightInfo = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// The liquidity tokens of the asset-conversion pools: created only by that pallet.
impl pallet_assets::Config<pallet_assets::Instance2> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = u32;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSignedBy<AssetConversionOrigin, AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
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
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl pallet_asset_conversion::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type HigherPrecisionBalance = sp_core::U256;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type PoolId = (AssetKind, AssetKind);
	type PoolLocator = Chain<
		WithFirstAsset<
			Native,
			AccountId,
			AssetKind,
			AccountIdConverter<AssetConversionPalletId, (AssetKind, AssetKind)>,
		>,
		Ascending<
			AccountId,
			AssetKind,
			AccountIdConverter<AssetConversionPalletId, (AssetKind, AssetKind)>,
		>,
	>;
	type PoolAssetId = u32;
	type PoolAssets = PoolAssets;
	type PoolSetupFee = ConstU128<{ UNIT }>;
	type PoolSetupFeeAsset = Native;
	type PoolSetupFeeTarget = ResolveAssetTo<AssetConversionOrigin, Self::Assets>;
	type PalletId = AssetConversionPalletId;
	type WeightInfo = ();
	type LPFee = LpFee;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxSwapFee = MaxSwapFee;
	type LiquidityWithdrawalFee = LiquidityWithdrawalFee;
	type MaxSwapPathLength = ConstU32<3>;
	type MintMinLiquidity = ConstU128<100>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

// ---------------------------------------------------------------------------------------------
// Collators: authorship, session, Aura, and the power-weighted selection.

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = (crate::PowerSelection,);
}

parameter_types! {
	/// What an account's session keys hold while they are set (`NextKeys` and one `KeyOwner`
	/// entry per key, about 150 bytes kept for ever otherwise): as much as a pay-after bundle's
	/// deposit, released by `purge_keys`.
	pub const SessionKeyDeposit: Balance = 10 * MILLI_UNIT;
}

/// Sessions rotate every `ChainTimings::session_length` blocks.
pub type Sessions = pallet_session::PeriodicSessions<chain_params::SessionLength, ConstU32<0>>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	// A collator's validator id is its account id.
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	// Power-selection's `on_initialize` rotates the sessions on `Sessions`' schedule
	// (`SessionRotation` there); pallet-session's own rotation would charge a whole block.
	type ShouldEndSession = pallet_power_selection::RotatedByPowerSelection;
	type NextSessionRotation = Sessions;
	type SessionManager = crate::PowerSelection;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = crate::AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<100>;
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

parameter_types! {
	/// A kicked collator loses a tenth of its bond.
	pub const CollatorSlashFraction: Perbill = Perbill::from_percent(10);
}

impl pallet_power_selection::Config for Runtime {
	type Currency = Balances;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type MaxCandidates = ConstU32<1000>;
	type MaxInvulnerables = ConstU32<20>;
	type MaxCollators = ConstU32<100>;
	type UnbondingDelay = chain_params::UnbondingDelay;
	type KickThreshold = chain_params::KickThreshold;
	type NextSessionRotation = Sessions;
	// This pallet ends the sessions (pallet-session's `ShouldEndSession` never does), so that
	// the session change is weighed once, by its benchmark, instead of pallet-session's
	// whole-block charge on top of it.
	type SessionRotation = pallet_power_selection::RotateSessions<Runtime, Sessions>;
	// The draw's inputs freeze over the 9 blocks before a session change: the first copies the
	// candidate list, the next (at most 5) read 200 candidates' powers each, 1 000
	// (`MaxCandidates`) in all; under the development chain's 10-block sessions. The freeze is
	// complete at the latest 4 blocks before the change, so the relay parent of the block before
	// the change is about 4 relay blocks past the freeze, more than `RelayParentMaxAge` (2 on
	// Polkadot): the draw's relay randomness is fresh (see `randomness`).
	type FreezeLead = ConstU32<9>;
	type MaxFreezePerBlock = ConstU32<200>;
	// A coordinated idle of all 100 collators is worked off in 25 blocks.
	type MaxKicksPerBlock = ConstU32<4>;
	type SlashFraction = CollatorSlashFraction;
	// Slashed bonds are burnt: this chain has no treasury.
	type OnSlash = ();
	// The relay chain's VRF randomness, known since its relay block; the draw requires it from a
	// relay block more than `allowed_ancestry_len` after the relay parent when the freeze
	// completed.
	type Randomness = randomness::DrawRandomness;
	type RandomnessClock = randomness::RelayParentNumber;
	type RandomnessLag = randomness::RelayParentMaxAge;
	type ValidatorRegistration = Session;
	type WeightInfo = pallet_power_selection::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Collators;
}

// ---------------------------------------------------------------------------------------------
// Storage power.

impl pallet_collator_power::Config for Runtime {
	type StoragePower = power_primitives::StoragePower;
	type CollatorId = AccountId;
	type CollatorRegistry = pallet_power_selection::IsCandidate<Runtime>;
	// A registered storage provider keeps its miner until it unregisters.
	type MinerInUse = crate::StorageProvider;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinerDeposit = ConstU128<{ UNIT }>;
	type MaxDelegationsPerMiner = ConstU32<16>;
	type MaxDelegatorsPerCollator = ConstU32<256>;
	// A new stake is at least 128 bytes of proven storage: a sixteenth of the development chain's
	// 2 KiB sectors, so its tests can split one sector's power between candidates. With
	// displacement by larger stakes, filling a collator's 256 slots costs real power. A chain
	// proving 32 GiB sectors would set this far higher (a `chain_params` timing-like value).
	type MinDelegation = ConstU128<128>;
	type WeightInfo = pallet_collator_power::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Collators;
}

parameter_types! {
	/// A declared fault costs 1% of the sector's pledge per missed deadline.
	pub const FaultFee: Perbill = Perbill::from_percent(1);
	/// An undetected fault (a missed PoSt) costs 3%.
	pub const UndetectedFaultFee: Perbill = Perbill::from_percent(3);
	/// Terminating a sector early costs 10%.
	pub const TerminationFee: Perbill = Perbill::from_percent(10);
	/// The storage-provider queue may use a fifth of a block (ref time and proof size); its
	/// `integrity_test` checks that this holds `MaxQueueEntriesPerBlock` worst deadline closes
	/// and a worst expiry, and that the whole hook stays within a quarter of a block.
	pub MaxQueueWeight: Weight = Perbill::from_percent(20) * MAXIMUM_BLOCK_WEIGHT;
}

impl pallet_storage_provider::Config for Runtime {
	type Collateral = Balances;
	// Slashed collateral is burnt: this chain has no treasury.
	type OnSlash = ();
	type Randomness = randomness::RelayRandomness;
	type ProofVerifier = pallet_storage_provider::MerkleVerifier;
	type SealVerifier = pallet_storage_provider::SdrVerifier;
	type SealParams = chain_params::SealParams;
	// 48 KiB: the largest batch of every size in `porep::SEAL_SIZES` fits (checked by the
	// pallet's integrity_test for the sizes this chain seals).
	type MaxSealBatchBytes = ConstU32<{ power_primitives::porep::MAX_SEAL_BATCH_BYTES as u32 }>;
	// A ticket may be as old as a prove-commit may take: no seed is kept longer for it.
	type MaxSealTicketAge = chain_params::MaxProveCommitDuration;
	type ProvingPeriod = chain_params::ProvingPeriod;
	type DeadlineCount = chain_params::DeadlineCount;
	type MaxDeadlineCount = ConstU32<{ chain_params::MAX_DEADLINE_COUNT }>;
	type ChallengeWindow = chain_params::ChallengeWindow;
	type ChallengeLookback = chain_params::ChallengeLookback;
	type FaultDeclarationCutoff = chain_params::FaultDeclarationCutoff;
	type FaultMaxAge = chain_params::FaultMaxAge;
	type PreCommitChallengeDelay = chain_params::PreCommitChallengeDelay;
	type MaxProveCommitDuration = chain_params::MaxProveCommitDuration;
	type MinSectorLifetime = chain_params::MinSectorLifetime;
	type MaxSectorLifetime = chain_params::MaxSectorLifetime;
	type ChallengesPerProof = ConstU32<8>;
	type MaxSectorsPerCall = ConstU32<8>;
	type MaxSectorsPerDeadline = ConstU32<16>;
	// 8 challenges of a leaf and a path of up to 31 hashes (64 GiB sectors), with headroom.
	type MaxProofBytes = ConstU32<{ 16 * 1024 }>;
	type MaxPeerIdLength = ConstU32<128>;
	// A block is given at most 8 closes and 8 expiries; more spill up to 16 blocks later.
	type MaxQueueEntriesPerBlock = ConstU32<8>;
	type MaxQueueSpill = ConstU32<16>;
	type MaxQueueWeight = MaxQueueWeight;
	// 2 KiB costs 2 milli-units; 32 GiB costs 33_554 units.
	type DepositPerKiB = ConstU128<{ MILLI_UNIT }>;
	type FaultFee = FaultFee;
	type UndetectedFaultFee = UndetectedFaultFee;
	type TerminationFee = TerminationFee;
	type WeightInfo = pallet_storage_provider::weights::SubstrateWeight<Runtime>;
}

// ---------------------------------------------------------------------------------------------
// Pollinate.

parameter_types! {
	pub const PeriodicPalletId: PalletId = PalletId(*b"py/perio");
	/// A task's call may weigh at most a tenth of a block.
	pub MaxTaskCallWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(10);
}

impl pallet_periodic::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnixTime = Timestamp;
	type PalletId = PeriodicPalletId;
	type TaskDeposit = ConstU128<{ UNIT }>;
	type MaxCallLen = ConstU32<1024>;
	type MaxCallWeight = MaxTaskCallWeight;
	type MinTargetSecsPerCycle = ConstU64<6>;
	type MaxTargetSecsPerCycle = ConstU64<{ 365 * 24 * 3600 }>;
	type MaxCyclesPerRetarget = ConstU32<10_000>;
	type WeightInfo = pallet_periodic::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Clock;
}

impl pallet_pay_after::Config for Runtime {
	type Signature = MultiSignature;
	// `current_signer()` reports nobody while a periodic task's call runs inside a bundle: the
	// task's origin is its own account, not the bundle's signer.
	type SignerHidden = pallet_periodic::TaskRunning<Runtime>;
	type UnixTime = Timestamp;
	type Currency = Balances;
	type AssetKind = AssetKind;
	type NativeAsset = Native;
	type Swap = crate::AssetConversion;
	type BundleDeposit = ConstU128<{ 10 * MILLI_UNIT }>;
	type MaxCalls = ConstU32<16>;
	type MaxFeeEntries = ConstU32<16>;
	type MaxExpired = ConstU32<16>;
	type WeightInfo = pallet_pay_after::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::PayAfterHelper;
}
