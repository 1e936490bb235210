//! # Randomness
//!
//! Two sources, both read from the relay-chain state proof that each parachain block's
//! validation-data inherent carries and that `ParachainSystem` verifies against the relay
//! parent's state root. After verifying it, `ParachainSystem` hands the proof to
//! [`RecordRelayRandomness`] (its `OnSystemEvent::on_relay_state_proof`), which records:
//!
//! - the relay parent's **own VRF randomness**
//!   (`well_known_keys::CURRENT_BLOCK_RANDOMNESS`, BABE's `AuthorVrfRandomness`, set by the relay
//!   block's author's VRF output), hashed into a chain of every relay block's value seen so far,
//!   with the relay parent's number ([`RelayBlockRandomness`]). [`DrawRandomness`] serves it to
//!   the collator draw (`PowerSelection`), with `known_since` = that relay block's number;
//! - the relay chain's **epoch randomness of one epoch ago** (`ONE_EPOCH_AGO_RANDOMNESS`)
//!   ([`RelayEpochRandomness`]). [`RelayRandomness`] serves
//!   `blake2_256(epoch randomness ‖ parent hash ‖ subject)` to the storage challenges
//!   (`StorageProvider`), as before.
//!
//! The cumulus collator (`cumulus-client-parachain-inherent`, `collect_relay_storage_proof`)
//! always puts both keys (and `TWO_EPOCHS_AGO_RANDOMNESS`) into the proof.
//!
//! ## The draw's randomness
//!
//! `PowerSelection` freezes the draw's inputs ahead of a session change. When the freeze
//! completes it reads its randomness clock, here the relay parent number of the previous block
//! (`RelaychainDataProvider`, in `on_initialize`); the change draws only if [`DrawRandomness`]'s
//! `known_since` (the number of the relay block whose VRF value was recorded last) is more than
//! [`RelayParentMaxAge`] after that reading, so the value comes from a relay block that did not
//! exist when the last block feeding the freeze was built (a collator may build on a relay
//! parent up to `allowed_ancestry_len` blocks old). Otherwise the change draws nobody (the
//! invulnerables only, or the previous set stays): a draw someone could have shaped is worse
//! than none. No parachain block's hash or content is an input.
//!
//! **What the proof may lack.** A relay block authored in a secondary plain slot has no VRF
//! value, and a collator may build a proof without the key (the read fails): the last value
//! recorded stays, with its older relay number, so nobody can make the draw use a value known
//! earlier than the one recorded last. A proof that shows the key absent from the relay state
//! means a relay chain without BABE (a dev node's or chopsticks' mocked relay chain): while no
//! relay value was ever recorded, [`DrawRandomness`] falls back to
//! `blake2_256(FALLBACK_TAG ‖ parent hash ‖ subject)`, known since the relay parent number, so
//! dev chains keep drawing. That fallback is only as unpredictable as the parent hash (its
//! author can grind it), and it is never used once a relay value has been seen. Before any
//! record (genesis), the output is known since 0: never fresh.
//!
//! The bias that remains, and how much, is in the runtime README ("What can still bias the
//! draw").

use crate::{BlockNumber, Hash, Runtime};
use codec::{Decode, Encode, MaxEncodedLen};
use cumulus_pallet_parachain_system::{OnSystemEvent, RelayChainStateProof};
use cumulus_primitives_core::{relay_chain::well_known_keys, PersistedValidationData};
use frame_support::{
	traits::{Get, Randomness},
	weights::Weight,
};
use scale_info::TypeInfo;
use sp_runtime::traits::BlockNumberProvider;

/// The tag that stands in for the relay randomness when there is none.
pub const FALLBACK_TAG: &[u8; 32] = b"power-runtime/no-relay-random!!!";

/// The domain tag of the chain of relay VRF values.
pub const RELAY_VRF_TAG: &[u8] = b"power-runtime/relay-vrf";

/// The relay parent number, as parachain-system reports it: the current block's relay parent
/// once its inherent ran, the previous block's before (in `on_initialize`).
pub type RelayParentNumber = cumulus_pallet_parachain_system::RelaychainDataProvider<Runtime>;

/// The relay chain's BABE randomness of one epoch ago, as last read from a verified relay-state
/// proof, with the parachain block it was read in.
#[frame_support::storage_alias]
pub type RelayEpochRandomness =
	StorageValue<PowerRuntime, ([u8; 32], BlockNumber), frame_support::pallet_prelude::OptionQuery>;

/// What the relay chain's per-block VRF randomness recorded so far is.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum RelayVrf {
	/// `random` chains the VRF values of every relay parent seen with one, the last of them
	/// from relay block `relay_number`.
	Output {
		/// `blake2_256(RELAY_VRF_TAG ‖ previous ‖ relay_number ‖ value)` over the values seen.
		random: [u8; 32],
		/// The relay block of the last value: nobody but its author knew it before.
		relay_number: BlockNumber,
	},
	/// The relay chain proved it has no per-block VRF randomness (a mocked relay chain), as of
	/// relay parent `relay_number`, and no value was ever recorded.
	Absent {
		/// The relay parent of the last proof.
		relay_number: BlockNumber,
	},
}

/// The relay chain's per-block VRF randomness, as recorded from the verified relay-state proofs.
#[frame_support::storage_alias]
pub type RelayBlockRandomness =
	StorageValue<PowerRuntime, RelayVrf, frame_support::pallet_prelude::OptionQuery>;

/// Records the relay randomness from each block's verified relay-state proof: parachain-system
/// calls it (as its `OnSystemEvent`) after verifying the proof and storing the validation data.
pub struct RecordRelayRandomness;

impl RecordRelayRandomness {
	/// Chains the VRF value of relay block `relay_number` onto `previous`.
	pub fn chain(
		previous: Option<&[u8; 32]>,
		relay_number: BlockNumber,
		value: &[u8; 32],
	) -> [u8; 32] {
		sp_crypto_hashing::blake2_256(
			&(RELAY_VRF_TAG, previous.unwrap_or(&[0; 32]), relay_number, value).encode(),
		)
	}

	/// The next record from the current one and what the proof of relay block `relay_number`
	/// holds under `CURRENT_BLOCK_RANDOMNESS`: `Ok(Some(Some(value)))`, a relay block without a
	/// VRF value (`Ok(Some(None))`), the key proven absent (`Ok(None)`), or a proof without it
	/// (`Err`).
	pub fn next<E>(
		current: Option<RelayVrf>,
		relay_number: BlockNumber,
		read: Result<Option<Option<[u8; 32]>>, E>,
	) -> Option<RelayVrf> {
		let last = match current {
			Some(RelayVrf::Output { random, relay_number }) => Some((random, relay_number)),
			_ => None,
		};
		match (read, last) {
			// A new relay block's value (a block on the same relay parent adds nothing).
			(Ok(Some(Some(value))), Some((random, last_number))) => {
				if relay_number > last_number {
					Some(RelayVrf::Output {
						random: Self::chain(Some(&random), relay_number, &value),
						relay_number,
					})
				} else {
					current
				}
			}
			(Ok(Some(Some(value))), None) => Some(RelayVrf::Output {
				random: Self::chain(None, relay_number, &value),
				relay_number,
			}),
			// Once a value was seen, nothing replaces it but a newer value.
			(_, Some(_)) => current,
			// A relay block without a VRF value, before any value: nothing is known yet.
			(Ok(Some(None)), None) => current,
			// A relay chain without the key (or a proof without it) and no value ever seen.
			(Ok(None) | Err(_), None) => Some(RelayVrf::Absent { relay_number }),
		}
	}
}

impl OnSystemEvent for RecordRelayRandomness {
	fn on_validation_data(_: &PersistedValidationData) {}

	fn on_validation_code_applied() {}

	fn on_relay_state_proof(state_proof: &RelayChainStateProof) -> Weight {
		let block = frame_system::Pallet::<Runtime>::block_number();
		match state_proof.read_optional_entry::<[u8; 32]>(well_known_keys::ONE_EPOCH_AGO_RANDOMNESS)
		{
			Ok(Some(random)) => RelayEpochRandomness::put((random, block)),
			// No value in the proof (a dev node's mocked proof): keep what we had, if anything.
			Ok(None) => {}
			Err(error) => log::warn!(
				target: "runtime::randomness",
				"cannot read the relay epoch randomness from the state proof: {error:?}",
			),
		}

		// The validation data is stored before this is called: this is the relay parent.
		let relay_number = RelayParentNumber::current_block_number();
		let read = state_proof
			.read_optional_entry::<Option<[u8; 32]>>(well_known_keys::CURRENT_BLOCK_RANDOMNESS);
		if let Err(error) = &read {
			log::warn!(
				target: "runtime::randomness",
				"cannot read the relay block randomness from the state proof: {error:?}",
			);
		}
		let current = RelayBlockRandomness::get();
		let next = RecordRelayRandomness::next(current, relay_number, read);
		if next != current {
			if let Some(next) = next {
				RelayBlockRandomness::put(next);
			}
		}
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		db.reads_writes(2, 2)
	}
}

/// `Randomness` for the collator draw: the chain of relay VRF values, known since the relay
/// block of the last one (see the module docs).
pub struct DrawRandomness;

impl Randomness<Hash, BlockNumber> for DrawRandomness {
	fn random(subject: &[u8]) -> (Hash, BlockNumber) {
		match RelayBlockRandomness::get() {
			Some(RelayVrf::Output { random, relay_number }) => {
				let output = sp_crypto_hashing::blake2_256(&(random, subject).encode());
				(Hash::from(output), relay_number)
			}
			Some(RelayVrf::Absent { relay_number }) => {
				let parent_hash = frame_system::Pallet::<Runtime>::parent_hash();
				(Hash::from(mix(FALLBACK_TAG, parent_hash.as_ref(), subject)), relay_number)
			}
			None => {
				let parent_hash = frame_system::Pallet::<Runtime>::parent_hash();
				(Hash::from(mix(FALLBACK_TAG, parent_hash.as_ref(), subject)), 0)
			}
		}
	}
}

/// The most [`RelayParentMaxAge`] counts, whatever the relay chain's configuration says.
///
/// Polkadot and Kusama allow 2 (`allowed_ancestry_len`), and no relay chain runs with more than
/// 3. A larger value would make every draw stale with this runtime's `FreezeLead` (a freeze of
/// `MaxCandidates` completes 4 blocks before the change), and the only source of larger values
/// seen is a mocked relay chain: chopsticks' built-in host configuration decodes to an
/// `allowed_ancestry_len` of 1 048 576 with this runtime's types. The cap keeps such chains
/// drawing (their randomness is the dev fallback anyway, see the module docs); on a real relay
/// chain it changes nothing.
pub const MAX_RELAY_PARENT_AGE: BlockNumber = 3;

/// How many relay blocks old a relay parent may be: the relay chain's `allowed_ancestry_len`
/// (async backing), from the host configuration in the last relay-state proof (0 before any),
/// at most [`MAX_RELAY_PARENT_AGE`]. A collator building a block knows the relay blocks up to
/// this many after its relay parent.
pub struct RelayParentMaxAge;

impl Get<BlockNumber> for RelayParentMaxAge {
	fn get() -> BlockNumber {
		cumulus_pallet_parachain_system::HostConfiguration::<Runtime>::get()
			.map(|config| config.async_backing_params.allowed_ancestry_len)
			.unwrap_or_default()
			.min(MAX_RELAY_PARENT_AGE)
	}
}

/// `Randomness` from the relay chain's epoch randomness and the parent hash, for the storage
/// challenges.
///
/// The relay value is fixed for a whole relay epoch and was decided by relay-chain validators'
/// VRFs an epoch earlier, so no parachain collator can choose it; the parent hash keeps the next
/// block's output unknown, and its author can try different block contents (or withhold its
/// block) to steer it, once per block it authors. The storage-provider pallet fixes the seed of
/// a given block when that block is built, so a provider cannot re-roll it by choosing when to
/// submit its proof. Where no relay value has been recorded (genesis, a dev node's mocked proof)
/// the relay part is [`FALLBACK_TAG`].
pub struct RelayRandomness;

impl Randomness<Hash, BlockNumber> for RelayRandomness {
	fn random(subject: &[u8]) -> (Hash, BlockNumber) {
		let relay = RelayEpochRandomness::get().map(|(random, _)| random);
		let parent_hash = frame_system::Pallet::<Runtime>::parent_hash();
		let block = frame_system::Pallet::<Runtime>::block_number();
		let output = mix(relay.as_ref().unwrap_or(FALLBACK_TAG), parent_hash.as_ref(), subject);
		// The output is known once the parent block is: one block before this one.
		(Hash::from(output), block.saturating_sub(1))
	}
}

/// `blake2_256(relay ‖ parent_hash ‖ subject)`.
pub fn mix(relay: &[u8; 32], parent_hash: &[u8], subject: &[u8]) -> [u8; 32] {
	let mut input = alloc::vec::Vec::with_capacity(64usize.saturating_add(subject.len()));
	input.extend_from_slice(relay);
	input.extend_from_slice(parent_hash);
	input.extend_from_slice(subject);
	sp_crypto_hashing::blake2_256(&input)
}
