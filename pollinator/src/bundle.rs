//! Pay-after bundles as the pollinator sees them: SCALE bytes decoded into their fields, the
//! signed payload, the id (`data_hash`) and the signature check, exactly as `pallet-pay-after`
//! does them.
//!
//! The bundle is `(signer: AccountId32, create_time: u64, fees: Vec<u32>, calls: Vec<RuntimeCall>,
//! signature: MultiSignature)`. The calls are not interpreted: they are skipped through the
//! chain's metadata (a [`CallSkipper`]) and kept as the exact bytes the signature covers, so a
//! runtime upgrade that adds calls needs no new pollinator.

use codec::{Compact, Decode};
use power_primitives::fee::{FeeError, FeePolicy};
use std::sync::LazyLock;

/// The tag that starts every signed payload (`pallet_pay_after::BUNDLE_TAG`).
pub const BUNDLE_TAG: [u8; 16] = *b"pay-after/bundle";
/// What browser wallets put before raw bytes they sign.
pub const WRAP_PREFIX: &[u8] = b"<Bytes>";
/// What browser wallets put after raw bytes they sign.
pub const WRAP_POSTFIX: &[u8] = b"</Bytes>";

/// A bundle's id: blake2-256 of its bare signed payload.
pub type DataHash = [u8; 32];

/// The chain a bundle is signed for: its genesis hash and the runtime's transaction version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Domain {
	/// The genesis hash (block 0).
	pub genesis_hash: [u8; 32],
	/// The runtime's `transaction_version`.
	pub transaction_version: u32,
}

/// A `sp_runtime::MultiSignature`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MultiSignature {
	/// Variant 0: an ed25519 signature; the account is the public key.
	Ed25519([u8; 64]),
	/// Variant 1: an sr25519 signature; the account is the public key.
	Sr25519([u8; 64]),
	/// Variant 2: a recoverable secp256k1 signature over blake2-256 of the message; the account
	/// is blake2-256 of the compressed public key.
	Ecdsa([u8; 65]),
}

impl MultiSignature {
	/// The scheme's name, for logs and errors.
	pub fn scheme(&self) -> &'static str {
		match self {
			MultiSignature::Ed25519(_) => "ed25519",
			MultiSignature::Sr25519(_) => "sr25519",
			MultiSignature::Ecdsa(_) => "ecdsa",
		}
	}

	/// Whether this is `signer`'s signature over `message`, as `MultiSignature::verify` checks it.
	pub fn verify(&self, message: &[u8], signer: &[u8; 32]) -> bool {
		match self {
			MultiSignature::Ed25519(sig) => {
				let Ok(key) = ed25519_zebra::VerificationKey::try_from(*signer) else {
					return false;
				};
				key.verify(&ed25519_zebra::Signature::from(*sig), message).is_ok()
			}
			MultiSignature::Sr25519(sig) => subxt_signer::sr25519::verify(
				&subxt_signer::sr25519::Signature(*sig),
				message,
				&subxt_signer::sr25519::PublicKey(*signer),
			),
			MultiSignature::Ecdsa(sig) => {
				ecdsa_recover_account(sig, message).is_some_and(|account| &account == signer)
			}
		}
	}
}

static SECP: LazyLock<secp256k1::Secp256k1<secp256k1::VerifyOnly>> =
	LazyLock::new(secp256k1::Secp256k1::verification_only);

/// The account of the key that made a recoverable ecdsa signature over blake2-256 of `message`,
/// as `sp_io::crypto::secp256k1_ecdsa_recover_compressed` recovers it (a recovery id of 27..=30
/// is read as 0..=3).
fn ecdsa_recover_account(sig: &[u8; 65], message: &[u8]) -> Option<[u8; 32]> {
	let (rs, v) = sig.split_at(64);
	let v = *v.first()?;
	let v = if v > 26 { v - 27 } else { v };
	let id = secp256k1::ecdsa::RecoveryId::try_from(i32::from(v)).ok()?;
	let recoverable = secp256k1::ecdsa::RecoverableSignature::from_compact(rs, id).ok()?;
	let digest = secp256k1::Message::from_digest(sp_crypto_hashing::blake2_256(message));
	let public = SECP.recover_ecdsa(&digest, &recoverable).ok()?;
	Some(sp_crypto_hashing::blake2_256(&public.serialize()))
}

/// Skips one encoded `RuntimeCall`, so the calls of a bundle can be delimited without being
/// interpreted.
pub trait CallSkipper: Send + Sync {
	/// Advances `input` past one call, or says why it does not hold one.
	fn skip_call(&self, input: &mut &[u8]) -> Result<(), String>;
}

/// A [`CallSkipper`] from a metadata type registry and the id of its `RuntimeCall` type.
pub struct RegistryCalls {
	types: scale_info::PortableRegistry,
	call_type: u32,
}

impl RegistryCalls {
	/// Calls of type `call_type` in `types`.
	pub fn new(types: scale_info::PortableRegistry, call_type: u32) -> Self {
		RegistryCalls { types, call_type }
	}
}

impl CallSkipper for RegistryCalls {
	fn skip_call(&self, input: &mut &[u8]) -> Result<(), String> {
		use subxt::ext::scale_decode::visitor::{decode_with_visitor, IgnoreVisitor};
		decode_with_visitor(input, self.call_type, &self.types, IgnoreVisitor::new())
			.map_err(|e| e.to_string())
	}
}

/// Why bytes are not a bundle. Each is a parse error for the HTTP API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
	/// The input ended inside a field.
	#[error("the bundle ends inside its {0}")]
	Truncated(&'static str),
	/// A call does not decode with the chain's metadata.
	#[error("call {index} does not decode with the chain's metadata: {reason}")]
	BadCall {
		/// The call's position in the bundle.
		index: u32,
		/// The decoder's message.
		reason: String,
	},
	/// The signature's variant is not 0 (ed25519), 1 (sr25519) or 2 (ecdsa).
	#[error("unknown signature variant {0}")]
	BadSignatureVariant(u8),
	/// Bytes left after the signature.
	#[error("{0} bytes after the end of the bundle")]
	TrailingBytes(usize),
	/// More calls than the body could hold.
	#[error("the bundle claims {0} calls")]
	TooManyCalls(u32),
	/// The fee policy is malformed.
	#[error("fee policy: {0:?}")]
	Policy(FeeError),
}

/// A decoded bundle. The calls are kept as the bytes of their SCALE `Vec` (with its length
/// prefix), exactly as the signed payload holds them.
#[derive(Debug, Clone)]
pub struct Bundle {
	/// The signer's account.
	pub signer: [u8; 32],
	/// Creation time, unix seconds.
	pub create_time: u64,
	/// The fee policy words.
	pub fees: Vec<u32>,
	/// The checked fee policy.
	pub policy: FeePolicy,
	/// The encoded `Vec<RuntimeCall>`.
	pub calls: Vec<u8>,
	/// How many calls.
	pub call_count: u32,
	/// The signature.
	pub signature: MultiSignature,
}

fn take<const N: usize>(input: &mut &[u8], what: &'static str) -> Result<[u8; N], DecodeError> {
	let (head, rest) = input.split_at_checked(N).ok_or(DecodeError::Truncated(what))?;
	*input = rest;
	<[u8; N]>::try_from(head).map_err(|_| DecodeError::Truncated(what))
}

fn compact_u32(input: &mut &[u8], what: &'static str) -> Result<u32, DecodeError> {
	Compact::<u32>::decode(input).map(|c| c.0).map_err(|_| DecodeError::Truncated(what))
}

impl Bundle {
	/// Decodes SCALE bytes, delimiting the calls with `calls`. The whole input must be used.
	pub fn decode(bytes: &[u8], calls: &dyn CallSkipper) -> Result<Bundle, DecodeError> {
		let mut input = bytes;
		let signer = take::<32>(&mut input, "signer")?;
		let create_time = u64::from_le_bytes(take::<8>(&mut input, "create_time")?);
		let fee_count = compact_u32(&mut input, "fee policy")?;
		if fee_count as usize > power_primitives::fee::MAX_ENTRIES {
			return Err(DecodeError::Policy(FeeError::TooManyEntries));
		}
		let mut fees = Vec::with_capacity(fee_count as usize);
		for _ in 0..fee_count {
			fees.push(u32::from_le_bytes(take::<4>(&mut input, "fee policy")?));
		}
		let policy = FeePolicy::decode(&fees).map_err(DecodeError::Policy)?;

		let calls_start = input;
		let call_count = compact_u32(&mut input, "calls")?;
		// Every call takes at least one byte.
		if call_count as usize > input.len() {
			return Err(DecodeError::TooManyCalls(call_count));
		}
		for index in 0..call_count {
			let before = input.len();
			calls.skip_call(&mut input).map_err(|reason| DecodeError::BadCall { index, reason })?;
			if input.len() >= before {
				return Err(DecodeError::BadCall { index, reason: "an empty call".into() });
			}
		}
		let calls_len = calls_start.len() - input.len();
		let calls_bytes = calls_start.get(..calls_len).unwrap_or_default().to_vec();

		let [variant] = take::<1>(&mut input, "signature")?;
		let signature = match variant {
			0 => MultiSignature::Ed25519(take::<64>(&mut input, "signature")?),
			1 => MultiSignature::Sr25519(take::<64>(&mut input, "signature")?),
			2 => MultiSignature::Ecdsa(take::<65>(&mut input, "signature")?),
			other => return Err(DecodeError::BadSignatureVariant(other)),
		};
		if !input.is_empty() {
			return Err(DecodeError::TrailingBytes(input.len()));
		}
		Ok(Bundle { signer, create_time, fees, policy, calls: calls_bytes, call_count, signature })
	}

	/// The bytes the signer signed: `(BUNDLE_TAG, genesis_hash, transaction_version, signer,
	/// create_time, fees, calls)`, SCALE-encoded.
	pub fn payload(&self, domain: &Domain) -> Vec<u8> {
		use codec::Encode;
		let mut out = Vec::with_capacity(16 + 32 + 4 + 32 + 8 + 1 + 4 * 16 + self.calls.len());
		out.extend_from_slice(&BUNDLE_TAG);
		out.extend_from_slice(&domain.genesis_hash);
		out.extend_from_slice(&domain.transaction_version.to_le_bytes());
		out.extend_from_slice(&self.signer);
		out.extend_from_slice(&self.create_time.to_le_bytes());
		self.fees.encode_to(&mut out);
		out.extend_from_slice(&self.calls);
		out
	}

	/// The bundle's id on `domain`: blake2-256 of the bare payload.
	pub fn data_hash(&self, domain: &Domain) -> DataHash {
		sp_crypto_hashing::blake2_256(&self.payload(domain))
	}

	/// Checks the signature over the bare payload, then over the `<Bytes>`-wrapped one, as
	/// `pallet_pay_after::Pallet::signature_is_valid` does. Returns the id on success.
	pub fn verify(&self, domain: &Domain) -> Result<DataHash, DataHash> {
		let payload = self.payload(domain);
		let data_hash = sp_crypto_hashing::blake2_256(&payload);
		if self.signature.verify(&payload, &self.signer)
			|| self.signature.verify(&wrap_bytes(&payload), &self.signer)
		{
			Ok(data_hash)
		} else {
			Err(data_hash)
		}
	}

	/// Unix second from which the bundle can never run (its invalid marker), if any.
	pub fn valid_until(&self) -> Option<u64> {
		self.policy.expires_after().map(|after| self.create_time.saturating_add(after))
	}
}

/// `payload` as a browser wallet signs it: `<Bytes>` ++ payload ++ `</Bytes>`.
pub fn wrap_bytes(payload: &[u8]) -> Vec<u8> {
	let mut out = Vec::with_capacity(WRAP_PREFIX.len() + payload.len() + WRAP_POSTFIX.len());
	out.extend_from_slice(WRAP_PREFIX);
	out.extend_from_slice(payload);
	out.extend_from_slice(WRAP_POSTFIX);
	out
}

/// Helpers to build bundles, for tests, the benchmark and the integration test driver.
pub mod build {
	use super::*;
	use codec::Encode;

	/// The unsigned parts of a bundle.
	pub struct Unsigned {
		/// Signer.
		pub signer: [u8; 32],
		/// Creation time.
		pub create_time: u64,
		/// Policy words.
		pub fees: Vec<u32>,
		/// Encoded `Vec<RuntimeCall>`.
		pub calls: Vec<u8>,
	}

	impl Unsigned {
		/// The payload to sign on `domain`.
		pub fn payload(&self, domain: &Domain) -> Vec<u8> {
			let mut out = Vec::new();
			out.extend_from_slice(&BUNDLE_TAG);
			out.extend_from_slice(&domain.genesis_hash);
			out.extend_from_slice(&domain.transaction_version.to_le_bytes());
			out.extend_from_slice(&self.signer);
			out.extend_from_slice(&self.create_time.to_le_bytes());
			self.fees.encode_to(&mut out);
			out.extend_from_slice(&self.calls);
			out
		}

		/// The SCALE bytes of the bundle with `signature`.
		pub fn encode_with(&self, signature: &MultiSignature) -> Vec<u8> {
			let mut out = Vec::new();
			out.extend_from_slice(&self.signer);
			out.extend_from_slice(&self.create_time.to_le_bytes());
			self.fees.encode_to(&mut out);
			out.extend_from_slice(&self.calls);
			match signature {
				MultiSignature::Ed25519(s) => {
					out.push(0);
					out.extend_from_slice(s);
				}
				MultiSignature::Sr25519(s) => {
					out.push(1);
					out.extend_from_slice(s);
				}
				MultiSignature::Ecdsa(s) => {
					out.push(2);
					out.extend_from_slice(s);
				}
			}
			out
		}

		/// Signs with an sr25519 key (bare payload) and encodes.
		pub fn sign_sr25519(
			&self,
			key: &subxt_signer::sr25519::Keypair,
			domain: &Domain,
		) -> Vec<u8> {
			let sig = key.sign(&self.payload(domain));
			self.encode_with(&MultiSignature::Sr25519(sig.0))
		}
	}
}

#[cfg(test)]
mod tests {
	use super::{build::Unsigned, *};
	use codec::Encode;
	use power_primitives::fee::{FeeEntry, TimeUnit};
	use scale_info::{PortableRegistry, Registry, TypeInfo};

	/// A stand-in for a runtime's `RuntimeCall`.
	#[allow(dead_code)]
	#[derive(Encode, TypeInfo)]
	enum TestCall {
		Remark(Vec<u8>),
		Transfer { dest: [u8; 32], amount: u128 },
		Batch(Vec<TestCall>),
	}

	fn skipper() -> RegistryCalls {
		let mut registry = Registry::new();
		let id = registry.register_type(&scale_info::meta_type::<TestCall>()).id;
		RegistryCalls::new(PortableRegistry::from(registry), id)
	}

	const DOMAIN: Domain = Domain { genesis_hash: [7; 32], transaction_version: 3 };

	fn policy() -> Vec<u32> {
		FeePolicy::new(vec![
			FeeEntry::fee(100),
			FeeEntry::fee(1_000).after(10, TimeUnit::Minute).unwrap(),
			FeeEntry::invalid().after(1, TimeUnit::Hour).unwrap(),
		])
		.unwrap()
		.encode()
	}

	fn calls() -> Vec<u8> {
		vec![
			TestCall::Remark(b"hello".to_vec()),
			TestCall::Batch(vec![TestCall::Transfer { dest: [1; 32], amount: 5 }]),
		]
		.encode()
	}

	fn alice() -> subxt_signer::sr25519::Keypair {
		subxt_signer::sr25519::dev::alice()
	}

	fn unsigned(signer: [u8; 32]) -> Unsigned {
		Unsigned { signer, create_time: 1_700_000_000, fees: policy(), calls: calls() }
	}

	#[test]
	fn sr25519_bundle_round_trips_and_verifies() {
		let key = alice();
		let u = unsigned(key.public_key().0);
		let bytes = u.sign_sr25519(&key, &DOMAIN);
		let bundle = Bundle::decode(&bytes, &skipper()).unwrap();
		assert_eq!(bundle.signer, key.public_key().0);
		assert_eq!(bundle.create_time, 1_700_000_000);
		assert_eq!(bundle.fees, policy());
		assert_eq!(bundle.calls, calls());
		assert_eq!(bundle.call_count, 2);
		assert_eq!(bundle.valid_until(), Some(1_700_000_000 + 3_600));
		let expected = sp_crypto_hashing::blake2_256(&u.payload(&DOMAIN));
		assert_eq!(bundle.verify(&DOMAIN), Ok(expected));
		// The payload is the tuple encoding the pallet signs.
		let tuple =
			(BUNDLE_TAG, DOMAIN.genesis_hash, 3u32, key.public_key().0, 1_700_000_000u64, policy())
				.encode();
		assert!(bundle.payload(&DOMAIN).starts_with(&tuple));
		// Another chain, or another transaction version, is a bad signature.
		let other = Domain { genesis_hash: [8; 32], ..DOMAIN };
		assert!(bundle.verify(&other).is_err());
		let other = Domain { transaction_version: 4, ..DOMAIN };
		assert!(bundle.verify(&other).is_err());
	}

	#[test]
	fn wallet_wrapped_signatures_verify_with_the_same_id() {
		let key = alice();
		let u = unsigned(key.public_key().0);
		let sig = key.sign(&wrap_bytes(&u.payload(&DOMAIN)));
		let bytes = u.encode_with(&MultiSignature::Sr25519(sig.0));
		let bundle = Bundle::decode(&bytes, &skipper()).unwrap();
		assert_eq!(bundle.verify(&DOMAIN), Ok(sp_crypto_hashing::blake2_256(&u.payload(&DOMAIN))));
		// Any other wrapping is refused.
		let mut wrong = b"<Bytes>".to_vec();
		wrong.extend(u.payload(&DOMAIN));
		let sig = key.sign(&wrong);
		let bytes = u.encode_with(&MultiSignature::Sr25519(sig.0));
		assert!(Bundle::decode(&bytes, &skipper()).unwrap().verify(&DOMAIN).is_err());
	}

	#[test]
	fn ed25519_and_ecdsa_signatures_verify() {
		// ed25519: the account is the public key.
		let sk = ed25519_zebra::SigningKey::from([9u8; 32]);
		let public: [u8; 32] = ed25519_zebra::VerificationKey::from(&sk).into();
		let u = unsigned(public);
		let sig: [u8; 64] = sk.sign(&u.payload(&DOMAIN)).into();
		let bundle =
			Bundle::decode(&u.encode_with(&MultiSignature::Ed25519(sig)), &skipper()).unwrap();
		assert!(bundle.verify(&DOMAIN).is_ok());
		let sig: [u8; 64] = sk.sign(&wrap_bytes(&u.payload(&DOMAIN))).into();
		let bundle =
			Bundle::decode(&u.encode_with(&MultiSignature::Ed25519(sig)), &skipper()).unwrap();
		assert!(bundle.verify(&DOMAIN).is_ok());

		// ecdsa: the account is blake2-256 of the compressed key; the signature is over
		// blake2-256 of the payload.
		let phrase = bip39::Mnemonic::parse(crate::keys::DEV_PHRASE).unwrap();
		let key = subxt_signer::ecdsa::Keypair::from_phrase(&phrase, None).unwrap();
		let account = sp_crypto_hashing::blake2_256(&key.public_key().0);
		let u = unsigned(account);
		let sig = key.sign(&u.payload(&DOMAIN));
		let bundle =
			Bundle::decode(&u.encode_with(&MultiSignature::Ecdsa(sig.0)), &skipper()).unwrap();
		assert!(bundle.verify(&DOMAIN).is_ok());
		// A recovery id of 27/28 (Ethereum style) is accepted, as sp-io accepts it.
		let mut eth = sig.0;
		eth[64] += 27;
		let bundle =
			Bundle::decode(&u.encode_with(&MultiSignature::Ecdsa(eth)), &skipper()).unwrap();
		assert!(bundle.verify(&DOMAIN).is_ok());
		// Someone else's account is refused.
		let u2 = unsigned([5; 32]);
		let sig = key.sign(&u2.payload(&DOMAIN));
		let bundle =
			Bundle::decode(&u2.encode_with(&MultiSignature::Ecdsa(sig.0)), &skipper()).unwrap();
		assert!(bundle.verify(&DOMAIN).is_err());
	}

	#[test]
	fn a_tampered_bundle_fails_the_check() {
		let key = alice();
		let mut bytes = unsigned(key.public_key().0).sign_sr25519(&key, &DOMAIN);
		// create_time is at bytes 32..40.
		bytes[33] ^= 1;
		let bundle = Bundle::decode(&bytes, &skipper()).unwrap();
		assert!(bundle.verify(&DOMAIN).is_err());
	}

	#[test]
	fn every_truncation_and_garbage_is_an_error_never_a_panic() {
		let key = alice();
		let bytes = unsigned(key.public_key().0).sign_sr25519(&key, &DOMAIN);
		for len in 0..bytes.len() {
			assert!(Bundle::decode(&bytes[..len], &skipper()).is_err(), "prefix {len}");
		}
		let mut longer = bytes.clone();
		longer.push(0);
		assert_eq!(Bundle::decode(&longer, &skipper()).unwrap_err(), DecodeError::TrailingBytes(1));
		// Pseudo-random garbage, and every single-byte mutation of a good bundle.
		let mut state = 0x2545_f491_4f6c_dd1du64;
		for len in 0..600 {
			let garbage: Vec<u8> = (0..len)
				.map(|_| {
					state ^= state << 13;
					state ^= state >> 7;
					state ^= state << 17;
					state as u8
				})
				.collect();
			let _ = Bundle::decode(&garbage, &skipper());
		}
		for i in 0..bytes.len() {
			let mut m = bytes.clone();
			m[i] = m[i].wrapping_add(0x55);
			if let Ok(b) = Bundle::decode(&m, &skipper()) {
				assert!(b.verify(&DOMAIN).is_err(), "mutation at {i} still verifies");
			}
		}
	}

	#[test]
	fn a_bad_policy_or_variant_is_named() {
		let key = alice();
		let mut u = unsigned(key.public_key().0);
		u.fees = vec![100, 200]; // no L bit on the last word
		let bytes = u.sign_sr25519(&key, &DOMAIN);
		assert!(matches!(Bundle::decode(&bytes, &skipper()), Err(DecodeError::Policy(_))));
		let u = unsigned(key.public_key().0);
		let mut bytes = u.sign_sr25519(&key, &DOMAIN);
		let at = bytes.len() - 65;
		bytes[at] = 7;
		assert_eq!(
			Bundle::decode(&bytes, &skipper()).unwrap_err(),
			DecodeError::BadSignatureVariant(7)
		);
	}
}
