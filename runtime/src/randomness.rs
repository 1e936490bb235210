//! # Randomness
//!
//! Randomness for the collator draw (`PowerSelection`) and for the storage challenges
//! (`StorageProvider`).
//!
//! **Production.** Each parachain block's validation-data inherent carries a proof of relay-chain
//! state, which `ParachainSystem` verifies against the relay parent's state root. The collator
//! client always puts the relay chain's BABE randomness of one epoch ago
//! (`well_known_keys::ONE_EPOCH_AGO_RANDOMNESS`) into that proof. [`RecordRelayRandomness`] wraps
//! the consensus hook, which receives the verified proof, reads that value and stores it in
//! [`RelayEpochRandomness`]. [`RelayRandomness`] then answers `random(subject)` with
//! `blake2_256(relay_randomness ‖ parent_hash ‖ subject)`.
//!
//! **Fallback.** Where no relay value has been recorded (at genesis, in the first block, or on a
//! dev node whose mocked relay proof has no BABE randomness), the relay part is replaced by the
//! domain tag [`FALLBACK_TAG`], so the output is `blake2_256(tag ‖ parent_hash ‖ subject)`. This is
//! only as unpredictable as the parent hash: fine for a dev chain, not for value at stake.
//!
//! **What can be biased.** The relay value is fixed for a whole relay epoch and was decided by
//! relay-chain validators' VRFs an epoch earlier, so no parachain collator can choose it. The
//! parent hash mixes in the previous parachain block, whose author can try different block
//! contents (or withhold its block) to steer the next output: a grinding collator picks among the
//! outputs of the blocks it is able to build, once per block it authors. For the collator draw
//! this is bounded by the author having one slot; for storage challenges the storage-provider
//! pallet fixes the seed of a given block when that block is built, so a provider cannot re-roll it
//! by choosing when to submit its proof. Because the relay value is known an epoch in advance, the
//! parachain part is what keeps the next block's output unknown.

use crate::{BlockNumber, Hash, Runtime};
use core::marker::PhantomData;
use cumulus_pallet_parachain_system::{
	consensus_hook::{ConsensusHook, UnincludedSegmentCapacity},
	RelayChainStateProof,
};
use cumulus_primitives_core::relay_chain::well_known_keys;
use frame_support::{traits::Randomness, weights::Weight};

/// The tag that stands in for the relay randomness when there is none.
pub const FALLBACK_TAG: &[u8; 32] = b"power-runtime/no-relay-random!!!";

/// The relay chain's BABE randomness of one epoch ago, as last read from a verified relay-state
/// proof, with the parachain block it was read in.
#[frame_support::storage_alias]
pub type RelayEpochRandomness =
	StorageValue<PowerRuntime, ([u8; 32], BlockNumber), frame_support::pallet_prelude::OptionQuery>;

/// Wraps a consensus hook, and records the relay randomness from the verified relay-state proof.
pub struct RecordRelayRandomness<Inner>(PhantomData<Inner>);

impl<Inner: ConsensusHook> ConsensusHook for RecordRelayRandomness<Inner> {
	fn on_state_proof(state_proof: &RelayChainStateProof) -> (Weight, UnincludedSegmentCapacity) {
		let (weight, capacity) = Inner::on_state_proof(state_proof);
		let block = frame_system::Pallet::<Runtime>::block_number();
		match state_proof.read_optional_entry::<[u8; 32]>(well_known_keys::ONE_EPOCH_AGO_RANDOMNESS)
		{
			Ok(Some(random)) => RelayEpochRandomness::put((random, block)),
			// No value in the proof (a dev node's mocked proof): keep what we had, if anything.
			Ok(None) => {}
			Err(error) => log::warn!(
				target: "runtime::randomness",
				"cannot read the relay randomness from the state proof: {error:?}",
			),
		}
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		(weight.saturating_add(db.reads_writes(1, 1)), capacity)
	}
}

/// `Randomness` from the relay chain's epoch randomness and the parent hash.
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
