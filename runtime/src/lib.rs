//! # Power runtime
//!
//! The storage-power parachain runtime: a cumulus parachain with Aura block production whose
//! collators are drawn each session by `PowerSelection`, weighted by the storage power miners
//! delegated to them in `CollatorPower`, which `StorageProvider` raises and cuts as miners prove
//! (or fail to prove) their storage. `Periodic` and `PayAfter` are the "Pollinate" framework.
//!
//! - [`configs`]: the `Config` of every pallet.
//! - [`chain_params`]: the timings (session length, proving periods, ...) fixed per chain at
//!   genesis, so the `development` preset can use minutes where `local_testnet` uses days.
//! - [`randomness`]: the relay chain's BABE randomness, and the fallback used without it.
//! - [`apis`]: the runtime APIs.
//! - [`pollinate`]: the transaction extension that validates Pollinate dispatches in the pool,
//!   the `PollinateApi` runtime API, and the call filter of bundles and tasks.
//! - [`genesis_config_presets`]: the `development` and `local_testnet` presets.

#![cfg_attr(not(feature = "std"), no_std)]
// FRAME's runtime macros (`#[frame_support::runtime]`, `impl_runtime_apis!`, `parameter_types!`,
// the wasm builder's include) emit public items without docs, which no attribute on the invocation
// reaches; the items this crate writes itself are documented.
#![allow(missing_docs)]
// `#[frame_support::runtime]` recurses deeply.
#![recursion_limit = "256"]

extern crate alloc;

// The wasm binary, built by `build.rs`: `WASM_BINARY` (compressed) and `WASM_BINARY_BLOATY`.
#[cfg(feature = "std")]
mod wasm {
	include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
}
#[cfg(feature = "std")]
pub use wasm::*;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod chain_params;
pub mod configs;
pub mod genesis_config_presets;
pub mod pollinate;
pub mod randomness;

#[allow(unused_imports)]
use alloc::{vec, vec::Vec};
use frame_support::weights::{
	constants::WEIGHT_REF_TIME_PER_SECOND, Weight, WeightToFee as _, WeightToFeeCoefficient,
	WeightToFeeCoefficients, WeightToFeePolynomial,
};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature, Perbill,
};
use sp_version::RuntimeVersion;

pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;

/// A transaction signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// The balance of an account.
pub type Balance = u128;
/// The index of a transaction of an account.
pub type Nonce = u32;
/// A hash.
pub type Hash = sp_core::H256;
/// A block number.
pub type BlockNumber = u32;
/// The address format of a call's target.
pub type Address = MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions: the checks every signed transaction passes.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	pollinate::ValidatePollinate,
);

/// The transaction extension a signer attaches to a transaction from an account at `nonce`, valid
/// for `era`, tipping `tip`: what wallets build from the metadata, and what the runtime's tests
/// sign with.
pub fn tx_extension(nonce: Nonce, era: generic::Era, tip: Balance) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(era),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(tip),
		pollinate::ValidatePollinate,
	)
}

/// An extrinsic as it arrives in a block.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Migrations to run on a runtime upgrade (none yet).
pub type Migrations = ();

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// What the base weight of an extrinsic ([`ExtrinsicBaseWeight`], the fixed cost every
/// extrinsic pays, about 0.1 ms of execution) costs: a tenth of a milli-unit.
///
/// [`ExtrinsicBaseWeight`]: frame_support::weights::constants::ExtrinsicBaseWeight
pub const BASE_EXTRINSIC_FEE: Balance = MILLI_UNIT / 10;

/// The normal-class share of a block's weight: what a block full of normal extrinsics uses.
fn normal_block_weight() -> Weight {
	NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT
}

/// Converts ref time into a fee, linearly: [`BASE_EXTRINSIC_FEE`] per `ExtrinsicBaseWeight`.
///
/// A block full of normal extrinsics (1.5 s) costs about 1.4 UNIT before the fee multiplier.
pub struct RefTimeToFee;
impl WeightToFeePolynomial for RefTimeToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = BASE_EXTRINSIC_FEE;
		let q =
			Balance::from(frame_support::weights::constants::ExtrinsicBaseWeight::get().ref_time());
		smallvec::smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
	}
}

/// Converts proof size into a fee, linearly, so that a block's whole normal-class proof budget
/// costs what its whole normal-class execution time costs in [`RefTimeToFee`].
pub struct ProofSizeToFee;
impl WeightToFeePolynomial for ProofSizeToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let full_block = normal_block_weight();
		let full_block_fee =
			RefTimeToFee::weight_to_fee(&Weight::from_parts(full_block.ref_time(), 0));
		let q = Balance::from(full_block.proof_size().max(1));
		smallvec::smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(full_block_fee % q, q),
			coeff_integer: full_block_fee / q,
		}]
	}
}

/// Converts weight into a fee: the larger of its ref time's fee and its proof size's fee, as
/// polkadot-sdk's system parachains do. A parachain block is bounded by both (execution time and
/// the proof the relay chain validates), so an extrinsic pays for the scarcer one it uses; a
/// full block costs the same whichever of the two fills it.
pub struct WeightToFee;
impl frame_support::weights::WeightToFee for WeightToFee {
	type Balance = Balance;
	fn weight_to_fee(weight: &Weight) -> Self::Balance {
		let time = RefTimeToFee::weight_to_fee(&Weight::from_parts(weight.ref_time(), 0));
		let proof = ProofSizeToFee::weight_to_fee(&Weight::from_parts(weight.proof_size(), 0));
		time.max(proof)
	}
}

/// Types the node needs without knowing the runtime's details.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
	/// The block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// The block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// A block id.
	pub type BlockId = generic::BlockId<Block>;
}

impl_opaque_keys! {
	/// The session keys of a collator.
	pub struct SessionKeys {
		/// The Aura key it authors blocks with.
		pub aura: Aura,
	}
}

/// The runtime version.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("power-runtime"),
	impl_name: alloc::borrow::Cow::Borrowed("power-runtime"),
	authoring_version: 1,
	spec_version: 1,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The target block time: with asynchronous backing, one block every 6 seconds.
pub const MILLISECS_PER_BLOCK: u64 = 6000;
/// Aura's slot duration. Cannot change once the chain runs.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// One unit of the native token (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a unit.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of a unit.
pub const MICRO_UNIT: Balance = 1_000_000;
/// The existential deposit.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// About 5% of the block weight goes to `on_initialize`.
pub const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);
/// Normal extrinsics may fill 75% of a block; the rest is for operational ones.
pub const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Two seconds of compute per block, and the relay chain's maximum proof size.
pub const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);
/// How many blocks may be built on top of a block not yet included in the relay chain.
pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
/// How many parachain blocks the relay chain processes per relay block.
pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// The relay chain's slot duration.
pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;

#[frame_support::runtime]
mod runtime {
	/// The runtime.
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	#[runtime::pallet_index(4)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(5)]
	pub type ChainParams = crate::chain_params;

	// Money.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(12)]
	pub type Assets = pallet_assets<Instance1>;
	#[runtime::pallet_index(13)]
	pub type PoolAssets = pallet_assets<Instance2>;
	#[runtime::pallet_index(14)]
	pub type AssetConversion = pallet_asset_conversion;

	// Governance: the development presets set a sudo key.
	#[runtime::pallet_index(15)]
	pub type Sudo = pallet_sudo;

	// Storage power. `CollatorPower` comes before the pallets that use it, so that its genesis
	// (miners) is built before theirs.
	#[runtime::pallet_index(19)]
	pub type CollatorPower = pallet_collator_power;

	// Collators. The order matters: authorship notes authors before the selection pallet
	// reads them, and the selection pallet's genesis (the invulnerables) must be built before
	// the session pallet asks it for the first set.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type PowerSelection = pallet_power_selection;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	#[runtime::pallet_index(30)]
	pub type StorageProvider = pallet_storage_provider;

	// Pollinate.
	#[runtime::pallet_index(40)]
	pub type Periodic = pallet_periodic;
	#[runtime::pallet_index(41)]
	pub type PayAfter = pallet_pay_after;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
