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
	/// The signer's signature over [`signing_payload`].
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
	/// `None`: the policy has no invalid marker (or the bundle was killed), and the entry is kept
	/// for ever.
	pub expires: Option<u64>,
	/// The deposit held from the signer for this entry.
	pub deposit: Balance,
}

/// The bundle being dispatched, readable by the called pallets.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct CurrentBundle<AccountId, Balance> {
	/// The bundle's signer.
	pub signer: AccountId,
	/// The fee the policy asks for now.
	pub fee: Balance,
	/// The deposit that will be held for remembering the bundle.
	pub deposit: Balance,
}
