//! The off-chain side (std only): build fee policies fluently and sign bundles.
//!
//! A bundle's signature covers its payload ([`BundleBuilder::payload`]), either bare or as a
//! browser wallet signs raw bytes: wallets (polkadot-js extension, Talisman, SubWallet) wrap
//! what they are asked to `signRaw` in `<Bytes>`..`</Bytes>` ([`wrap_bytes`]). The chain accepts
//! both, so a web page hands the wallet the bare payload (hex) with `type: 'bytes'` and puts the
//! returned signature into the bundle as it is. The bundle's id is the same for both forms.
//!
//! ```ignore
//! // The `readme_example` test runs the same steps against the mock runtime.
//! use pallet_pay_after::client::{fee, invalid, policy, BundleBuilder};
//! use power_primitives::fee::TimeUnit::Minute;
//!
//! // Offer 10, rising to 100 over two minutes; invalid after ten minutes.
//! let fees = policy([fee(10), fee(100).after(2, Minute), invalid().after(10, Minute)])?;
//! let bundle = BundleBuilder::<Runtime>::new(alice_account, now_secs)
//!     .fees(&fees)?
//!     .call(transfer_call)?
//!     .call(cover_fee_call)?
//!     .sign_with(&alice_pair, &genesis_hash, transaction_version);
//! // Send `bundle.encode()` to the relayers.
//! ```
//!
//! With a browser wallet instead of a key pair (the `<Bytes>` wrapping is the wallet's):
//!
//! ```ignore
//! let builder = BundleBuilder::<Runtime>::new(alice_account, now_secs).fees(&fees)?.call(call)?;
//! let payload = builder.payload(&genesis_hash, transaction_version);
//! // In the page: injector.signer.signRaw({ address, data: toHex(payload), type: 'bytes' }),
//! // which signs wrap_bytes(&payload). Then:
//! let bundle = builder.sign(&genesis_hash, transaction_version, |_| signature_from_wallet);
//! ```
//!
//! A relayer checks a bundle with the runtime's `Pallet::validate_bundle` (is it valid now, and
//! for what fee) and `Pallet::simulate` (what would it earn, and which expired entries of the
//! signer it can forget with it) before submitting it.

pub use crate::types::wrap_bytes;
use crate::{types::signing_payload, Bundle, Config, DataHash};
use alloc::vec::Vec;
use power_primitives::fee::{FeeEntry, FeeError, FeePolicy, TimeUnit};
use sp_core::Pair;

/// A fee entry under construction: errors are kept until [`policy`] reads them, so entries chain
/// fluently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fee(Result<FeeEntry, FeeError>);

/// A fee of `amount` (rounded down to 13 significant bits), from the bundle's creation.
pub fn fee(amount: u128) -> Fee {
	Fee(Ok(FeeEntry::fee(amount)))
}

/// The "invalid from here on" marker, to be placed with [`Fee::after`].
pub fn invalid() -> Fee {
	Fee(Ok(FeeEntry::invalid()))
}

impl Fee {
	/// The same entry, applying `count` (0..=127) units after the bundle's creation.
	pub fn after(self, count: u8, unit: TimeUnit) -> Fee {
		Fee(self.0.and_then(|entry| entry.after(count, unit)))
	}

	/// The entry, or why it is invalid.
	pub fn entry(self) -> Result<FeeEntry, FeeError> {
		self.0
	}
}

/// A checked policy of `entries`.
pub fn policy(entries: impl IntoIterator<Item = Fee>) -> Result<FeePolicy, FeeError> {
	let entries = entries.into_iter().map(Fee::entry).collect::<Result<Vec<_>, _>>()?;
	FeePolicy::new(entries)
}

/// Why a bundle cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildError {
	/// More fee entries than the runtime's `MaxFeeEntries`.
	TooManyFeeEntries,
	/// More calls than the runtime's `MaxCalls`.
	TooManyCalls,
}

/// Builds and signs a [`Bundle`] for the runtime `T`.
pub struct BundleBuilder<T: Config> {
	signer: T::AccountId,
	create_time: u64,
	fees: crate::types::FeesOf<T>,
	calls: crate::types::CallsOf<T>,
}

impl<T: Config> BundleBuilder<T> {
	/// A bundle of `signer`, created at `create_time` (unix seconds), with no fees and no calls
	/// yet.
	pub fn new(signer: T::AccountId, create_time: u64) -> Self {
		Self { signer, create_time, fees: Default::default(), calls: Default::default() }
	}

	/// Sets the fee policy.
	pub fn fees(mut self, policy: &FeePolicy) -> Result<Self, BuildError> {
		self.fees = policy.encode().try_into().map_err(|_| BuildError::TooManyFeeEntries)?;
		Ok(self)
	}

	/// Sets the raw fee words, unchecked (for tests of malformed policies).
	pub fn raw_fees(mut self, words: Vec<u32>) -> Result<Self, BuildError> {
		self.fees = words.try_into().map_err(|_| BuildError::TooManyFeeEntries)?;
		Ok(self)
	}

	/// Appends a call.
	pub fn call(
		mut self,
		call: impl Into<<T as frame_system::Config>::RuntimeCall>,
	) -> Result<Self, BuildError> {
		self.calls.try_push(call.into()).map_err(|_| BuildError::TooManyCalls)?;
		Ok(self)
	}

	/// The bytes to sign for the chain with `genesis_hash` and `transaction_version`.
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

	/// The bundle's id on that chain: blake2-256 of the payload.
	pub fn data_hash(&self, genesis_hash: &T::Hash, transaction_version: u32) -> DataHash {
		sp_io::hashing::blake2_256(&self.payload(genesis_hash, transaction_version))
	}

	/// Signs with any signing function over the payload. The function may sign the bare payload
	/// or [`wrap_bytes`] of it (what a browser wallet's `signRaw` does).
	pub fn sign(
		self,
		genesis_hash: &T::Hash,
		transaction_version: u32,
		sign: impl FnOnce(&[u8]) -> T::Signature,
	) -> Bundle<T> {
		let signature = sign(&self.payload(genesis_hash, transaction_version));
		Bundle {
			signer: self.signer,
			create_time: self.create_time,
			fees: self.fees,
			calls: self.calls,
			signature,
		}
	}

	/// Signs with a key pair (sr25519, ed25519 or ecdsa for a `MultiSignature` runtime).
	pub fn sign_with<P: Pair>(
		self,
		pair: &P,
		genesis_hash: &T::Hash,
		transaction_version: u32,
	) -> Bundle<T>
	where
		T::Signature: From<P::Signature>,
	{
		self.sign(genesis_hash, transaction_version, |payload| pair.sign(payload).into())
	}

	/// Signs the `<Bytes>`-wrapped payload with a key pair, as a browser wallet does when it is
	/// asked to sign the payload raw.
	pub fn sign_wrapped_with<P: Pair>(
		self,
		pair: &P,
		genesis_hash: &T::Hash,
		transaction_version: u32,
	) -> Bundle<T>
	where
		T::Signature: From<P::Signature>,
	{
		self.sign(genesis_hash, transaction_version, |payload| {
			pair.sign(&wrap_bytes(payload)).into()
		})
	}
}
