//! The data structures of the pay-after pallet.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::Config;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// A bundle's id: blake2-256 of its signed payload.
pub type DataHash = [u8; 32];

/// The tag that starts every signed payload, so a bundle signature can never be mistaken for the
/// signature of anything else (an extrinsic, another pallet's message).
pub const BUNDLE_TAG: [u8; 16] = *b"pay-after/bundle";

/// What browser wallets (polkadot-js extension, Talisman, SubWallet) put before the bytes they
/// are asked to sign raw.
pub const WRAP_PREFIX: &[u8] = b"<Bytes>";

/// What browser wallets put after the bytes they are asked to sign raw.
pub const WRAP_POSTFIX: &[u8] = b"</Bytes>";

/// `payload` as a browser wallet signs it: `<Bytes>` ++ payload ++ `</Bytes>`.
///
/// A bundle's signature may cover either the bare payload or this wrapped form; the bundle's id
/// is the same for both (the hash of the bare payload), so a bundle runs at most once whichever
/// form signed it.
pub fn wrap_bytes(payload: &[u8]) -> Vec<u8> {
	let mut wrapped = Vec::with_capacity(WRAP_PREFIX.len() + payload.len() + WRAP_POSTFIX.len());
	wrapped.extend_from_slice(WRAP_PREFIX);
	wrapped.extend_from_slice(payload);
	wrapped.extend_from_slice(WRAP_POSTFIX);
	wrapped
}

/// The calls a bundle runs.
pub type CallsOf<T> = BoundedVec<<T as frame_system::Config>::RuntimeCall, <T as Config>::MaxCalls>;

/// The fee policy words of a bundle.
pub type FeesOf<T> = BoundedVec<u32, <T as Config>::MaxFeeEntries>;

/// A signed bundle of calls, as a relayer submits it with [`crate::Pallet::dispatch`].
///
/// The signature covers [`signing_payload`]: the tag, the genesis hash, the runtime's transaction
/// version and every other field. Build and sign bundles with the `client` module (std only).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Bundle<T: Config> {
	/// The account that signed the bundle: the calls run as it, and it pays the fee.
	pub signer: T::AccountId,
	/// When the bundle was created, in unix seconds. Fee entry times count from here.
	pub create_time: u64,
	/// The fee policy, one 32-bit word per entry (see `power_primitives::fee`).
	pub fees: FeesOf<T>,
	/// The calls, run in order as `Signed(signer)`.
	pub calls: CallsOf<T>,
	/// The signer's signature over [`signing_payload`], bare or wrapped by [`wrap_bytes`].
	pub signature: T::Signature,
}

impl<T: Config> Bundle<T> {
	/// The bytes the signer signs, for the chain with `genesis_hash` and `transaction_version`.
	pub fn payload(&self, genesis_hash: &T::Hash, transaction_version: u32) -> Vec<u8> {
		signing_payload(
			genesis_hash,
			transaction_version,
			&self.signer,
			self.create_time,
			&self.fees,
			&self.calls,
		)
	}
}

/// The SCALE bytes a bundle's signature covers:
/// `(BUNDLE_TAG, genesis_hash, transaction_version, signer, create_time, fees, calls)`.
///
/// The genesis hash ties the bundle to one chain, and the transaction version to one call
/// encoding; the tag keeps it apart from an extrinsic's signed payload.
pub fn signing_payload<AccountId: Encode, Hash: Encode, Call: Encode>(
	genesis_hash: &Hash,
	transaction_version: u32,
	signer: &AccountId,
	create_time: u64,
	fees: &[u32],
	calls: &[Call],
) -> Vec<u8> {
	(BUNDLE_TAG, genesis_hash, transaction_version, signer, create_time, fees, calls).encode()
}

/// Why a bundle is remembered.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum BundleStatus {
	/// It ran: it may not run again.
	Executed,
	/// Its signer killed it: it may never run.
	Killed,
}

/// What the pallet remembers of an executed or killed bundle.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct RememberedBundle<Balance> {
	/// Executed or killed.
	pub status: BundleStatus,
	/// The unix second from which the bundle's policy is expired, so the entry may be forgotten.
	/// `None`: the policy has no invalid marker (or the bundle was killed without an expiry),
	/// and the entry is kept for ever.
	pub expires: Option<u64>,
	/// The deposit taken (burnt) from the signer for this entry, minted to whoever forgets it.
	pub deposit: Balance,
}

/// The bundle whose calls are running, as the called pallets see it through
/// [`crate::Pallet::current_signer`] and [`crate::Pallet::required_fee`]. Kept in FRAME's
/// dispatch context, not in storage.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct CurrentBundle<AccountId, Balance> {
	/// The bundle's signer.
	pub signer: AccountId,
	/// The fee the policy asks for now.
	pub fee: Balance,
	/// The deposit that will be taken for remembering the bundle.
	pub deposit: Balance,
}

/// What [`crate::Pallet::validate_bundle`] found: a bundle that `dispatch` would start running
/// now, and what it would pay.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct BundleValidity<AccountId, Balance> {
	/// The bundle's signer.
	pub signer: AccountId,
	/// The bundle's id: blake2-256 of its bare payload.
	pub data_hash: DataHash,
	/// The fee the policy pays the relayer now.
	pub fee: Balance,
	/// The unix second from which its remembered entry may be forgotten; `None`: never.
	pub expires: Option<u64>,
	/// The unix second at which the policy stops (its invalid marker), if it has one: the
	/// bundle cannot run at or after it. Today the same as `expires`; pools use this one for a
	/// transaction's longevity.
	pub valid_until: Option<u64>,
	/// Whether the signature is over the `<Bytes>`-wrapped payload (as browser wallets sign)
	/// rather than the bare one: it took a second verification.
	pub wrapped: bool,
}

/// What a dispatch of a bundle would do, from [`crate::Pallet::simulate`] (which rolls it back).
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct BundleSimulation<Balance> {
	/// The bundle's id.
	pub data_hash: DataHash,
	/// The fee the relayer would receive.
	pub fee: Balance,
	/// The deposits the relayer would receive from the expired bundles it forgets.
	pub deposits_collected: Balance,
	/// The weight the relayer's `dispatch` would be charged for after dispatch (its declared
	/// weight less the refund).
	pub actual_weight: frame_support::weights::Weight,
	/// The weight `dispatch` declares before running ([`crate::Pallet::dispatch_weight`]).
	pub declared_weight: frame_support::weights::Weight,
}
