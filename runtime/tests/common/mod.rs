//! The harness of the runtime's integration tests: the real runtime, built from a real genesis
//! preset, driven block by block through `Executive` with the same inherents a collator puts in
//! every block (the parachain validation data, with a relay-state proof, and the timestamp).

#![allow(dead_code)]

use codec::Encode;
use cumulus_pallet_parachain_system::parachain_inherent::{
	BasicParachainInherentData, InboundMessagesData,
};
use cumulus_primitives_core::{relay_chain::HeadData, PersistedValidationData};
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use frame_support::{
	assert_ok,
	dispatch::{DispatchResultWithPostInfo, RawOrigin},
};
use power_runtime::{
	genesis_config_presets, AccountId, AllPalletsWithSystem, Executive, Header, ParachainSystem,
	Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, System, Timestamp, SLOT_DURATION,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{Dispatchable, Header as _},
	BuildStorage, Digest, DigestItem,
};

/// The relay slot of block 0; block `n` is built in relay slot `FIRST_SLOT + n`.
pub const FIRST_SLOT: u64 = 1_000_000;

/// Merges the JSON `patch` into `base` (RFC 7386), as chain-spec tooling applies a preset.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				if value.is_null() {
					base.remove(&key);
				} else {
					merge(base.entry(key).or_insert(serde_json::Value::Null), value);
				}
			}
		}
		(base, patch) => *base = patch,
	}
}

/// The genesis config of the preset `name`, exactly as a node would build it.
pub fn preset_config(name: &str) -> RuntimeGenesisConfig {
	let patch = genesis_config_presets::get_preset(&name.into()).expect("the preset exists");
	let patch: serde_json::Value = serde_json::from_slice(&patch).expect("the preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	merge(&mut config, patch);
	serde_json::from_value(config).expect("the patched config is a RuntimeGenesisConfig")
}

/// How many relay blocks back a collator may pick its relay parent in the harness's relay chain
/// (`AsyncBackingParams::allowed_ancestry_len`, Polkadot's value).
pub const ALLOWED_ANCESTRY_LEN: u32 = 2;

/// The BABE VRF randomness the harness's relay block `number` carries
/// (`well_known_keys::CURRENT_BLOCK_RANDOMNESS`).
pub fn relay_block_randomness(number: u32) -> [u8; 32] {
	sp_io::hashing::blake2_256(&(b"relay-vrf", number).encode())
}

/// The chain built from a preset, and the state of the block driver.
pub struct Chain {
	ext: sp_io::TestExternalities,
	parent: Header,
	relay_number: u32,
	/// How far the relay parent advances for each block (1 by default; 0 builds the next
	/// blocks on the same relay parent).
	pub relay_step: u32,
	/// Whether the relay proof carries the relay parent's VRF randomness
	/// (`CURRENT_BLOCK_RANDOMNESS`, [`relay_block_randomness`]), as a real relay chain's does;
	/// `false` is a relay chain without it (a dev node's mocked proof).
	pub relay_vrf: bool,
}

impl Chain {
	/// A chain at its genesis, from the preset `name`.
	pub fn new(name: &str) -> Self {
		let storage = preset_config(name).build_storage().expect("the genesis builds");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.register_extension(sp_keystore::KeystoreExt::new(
			sp_keystore::testing::MemoryKeystore::new(),
		));
		let parent = ext.execute_with(|| {
			Header::new(
				0,
				Default::default(),
				Default::default(),
				Default::default(),
				Default::default(),
			)
		});
		Self { ext, parent, relay_number: 100, relay_step: 1, relay_vrf: true }
	}

	/// A copy of the chain as it is now: the same state and head, to build a different next
	/// block on (a fork).
	pub fn fork(&mut self) -> Self {
		let top = self.ext.execute_with(|| {
			let mut pairs = std::collections::BTreeMap::new();
			let mut key = Vec::new();
			while let Some(next) = sp_io::storage::next_key(&key) {
				let value = sp_io::storage::get(&next).expect("a listed key has a value");
				pairs.insert(next.clone(), value.to_vec());
				key = next;
			}
			pairs
		});
		let mut ext = sp_io::TestExternalities::new(sp_core::storage::Storage {
			top,
			children_default: Default::default(),
		});
		ext.register_extension(sp_keystore::KeystoreExt::new(
			sp_keystore::testing::MemoryKeystore::new(),
		));
		Self {
			ext,
			parent: self.parent.clone(),
			relay_number: self.relay_number,
			relay_step: self.relay_step,
			relay_vrf: self.relay_vrf,
		}
	}

	/// The relay parent number of the head.
	pub fn relay_number(&self) -> u32 {
		self.relay_number
	}

	/// The head's hash.
	pub fn head_hash(&self) -> H256 {
		self.parent.hash()
	}

	/// The `development` chain.
	pub fn development() -> Self {
		Self::new(genesis_config_presets::DEVELOPMENT)
	}

	/// Runs `f` against the chain's state, between blocks.
	pub fn execute<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.ext.execute_with(f)
	}

	/// Builds one block: initializes it with an Aura pre-digest for its slot, applies the
	/// parachain and timestamp inherents, runs `body`, and finalizes it. Returns `body`'s result.
	pub fn block<R>(&mut self, body: impl FnOnce() -> R) -> R {
		let parent = self.parent.clone();
		self.relay_number += self.relay_step;
		let relay_number = self.relay_number;
		let relay_vrf = self.relay_vrf;
		let (result, header) = self.ext.execute_with(|| {
			let number = parent.number() + 1;
			let slot = FIRST_SLOT + u64::from(number);
			let digest = Digest {
				logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())],
			};
			let header =
				Header::new(number, Default::default(), Default::default(), parent.hash(), digest);
			Executive::initialize_block(&header);

			// The relay chain: same slot length as ours, the parent counts as included, the
			// BABE randomness of one epoch ago changes every 10 relay blocks ("epochs"), and
			// each relay block has its own VRF randomness (unless `relay_vrf` is off).
			let mut sproof = RelayStateSproofBuilder {
				para_id: genesis_config_presets::PARA_ID.into(),
				current_slot: Slot::from(slot),
				included_para_head: Some(HeadData(parent.encode())),
				randomness: H256(sp_io::hashing::blake2_256(&(relay_number / 10).encode())),
				..Default::default()
			};
			sproof.host_config.async_backing_params.allowed_ancestry_len = ALLOWED_ANCESTRY_LEN;
			if relay_vrf {
				sproof.additional_key_values.push((
					cumulus_primitives_core::relay_chain::well_known_keys::CURRENT_BLOCK_RANDOMNESS
						.to_vec(),
					Some(relay_block_randomness(relay_number)).encode(),
				));
			}
			let (relay_parent_storage_root, relay_chain_state) = sproof.into_state_root_and_proof();
			let validation = BasicParachainInherentData {
				validation_data: PersistedValidationData {
					parent_head: HeadData(parent.encode()),
					relay_parent_number: relay_number,
					relay_parent_storage_root,
					max_pov_size: 5 * 1024 * 1024,
				},
				relay_chain_state,
				relay_parent_descendants: Vec::new(),
				collator_peer_id: None,
			};
			assert_ok!(ParachainSystem::set_validation_data(
				RuntimeOrigin::none(),
				validation,
				InboundMessagesData::new(Default::default(), Default::default()),
			));
			assert_ok!(Timestamp::set(RuntimeOrigin::none(), slot * SLOT_DURATION));

			let result = body();
			(result, Executive::finalize_block())
		});
		self.parent = header;
		result
	}

	/// Builds `count` empty blocks.
	pub fn blocks(&mut self, count: u32) {
		for _ in 0..count {
			self.block(|| ());
		}
	}

	/// Builds empty blocks until the chain's head is block `number`.
	pub fn run_to(&mut self, number: u32) {
		while *self.parent.number() < number {
			self.block(|| ());
		}
	}

	/// The head's number.
	pub fn head(&self) -> u32 {
		*self.parent.number()
	}

	/// Checks every pallet's `try_state` invariants (built with the `try-runtime` feature, which
	/// `scripts/test.sh` turns on).
	#[cfg(feature = "try-runtime")]
	pub fn try_state(&mut self) {
		use frame_support::traits::TryState;
		let head = self.head();
		self.ext.execute_with(|| {
			AllPalletsWithSystem::try_state(head, frame_support::traits::TryStateSelect::All)
				.expect("every pallet's try_state holds");
		});
	}

	/// Without the `try-runtime` feature there is no `try_state` to run.
	#[cfg(not(feature = "try-runtime"))]
	pub fn try_state(&mut self) {}
}

/// The account of a dev key.
pub fn account(key: Sr25519Keyring) -> AccountId {
	key.to_account_id()
}

/// Dispatches `call` as a signed user would, through the runtime's call filter.
pub fn dispatch_as(who: &AccountId, call: impl Into<RuntimeCall>) -> DispatchResultWithPostInfo {
	call.into().dispatch(RuntimeOrigin::signed(who.clone()))
}

/// Dispatches `call` as root (what sudo does).
pub fn dispatch_root(call: impl Into<RuntimeCall>) -> DispatchResultWithPostInfo {
	call.into().dispatch(RawOrigin::Root.into())
}

/// The runtime events of the current block.
pub fn events() -> Vec<power_runtime::RuntimeEvent> {
	System::events().into_iter().map(|record| record.event).collect()
}

/// The full transaction extension of a signed extrinsic by a sender at `nonce`: immortal, no tip,
/// exactly what a wallet attaches.
pub fn tx_extension(nonce: power_runtime::Nonce) -> power_runtime::TxExtension {
	power_runtime::tx_extension(nonce, sp_runtime::generic::Era::Immortal, 0)
}

/// `call` signed by `signer` at its current nonce with the runtime's whole `TxExtension`, as a
/// wallet would build it.
pub fn signed_extrinsic(
	signer: Sr25519Keyring,
	call: impl Into<RuntimeCall>,
) -> power_runtime::UncheckedExtrinsic {
	signed_extrinsic_by(&signer.pair(), call)
}

/// `call` signed by the sr25519 key `signer` at its current nonce with the runtime's whole
/// `TxExtension`.
pub fn signed_extrinsic_by(
	signer: &sp_core::sr25519::Pair,
	call: impl Into<RuntimeCall>,
) -> power_runtime::UncheckedExtrinsic {
	use sp_core::Pair as _;
	let who = AccountId::from(signer.public());
	let nonce = System::account_nonce(&who);
	let payload = sp_runtime::generic::SignedPayload::new(call.into(), tx_extension(nonce))
		.expect("the implicit data of every extension is available");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let (call, extension, _) = payload.deconstruct();
	power_runtime::UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::MultiAddress::Id(who),
		sp_runtime::MultiSignature::Sr25519(signature),
		extension,
	)
}

/// The transaction pool's verdict on `extrinsic` (from an external source) at the current state,
/// as a node's pool asks it: against a throw-away copy of the state (here a storage transaction
/// rolled back), so nothing it does remains.
pub fn pool_validate(
	extrinsic: power_runtime::UncheckedExtrinsic,
) -> sp_runtime::transaction_validity::TransactionValidity {
	sp_io::storage::start_transaction();
	let verdict = Executive::validate_transaction(
		frame_support::pallet_prelude::TransactionSource::External,
		extrinsic,
		System::parent_hash(),
	);
	sp_io::storage::rollback_transaction();
	verdict
}

/// What applying a signed extrinsic did, read back from the block's events and storage.
#[derive(Debug)]
pub struct Applied {
	/// The outcome `Executive::apply_extrinsic` returned.
	pub result: sp_runtime::ApplyExtrinsicResult,
	/// The extrinsic's encoded length.
	pub len: u32,
	/// The dispatch info it declared before running.
	pub declared: frame_support::dispatch::DispatchInfo,
	/// What frame-system recorded after it ran: the actual weight (including the base extrinsic
	/// weight) and whether it paid a fee.
	pub actual: frame_system::DispatchEventInfo,
	/// The fee `TransactionFeePaid` reports.
	pub fee: power_runtime::Balance,
	/// How much the normal-class `BlockWeight` grew.
	pub block_weight_delta: frame_support::weights::Weight,
}

/// Applies `extrinsic` through `Executive::apply_extrinsic`, inside a block, exactly as a block
/// author does: every transaction extension runs (nonce, weight, fee, Pollinate's validation),
/// then the call, then the refund. Returns what it did.
pub fn apply(extrinsic: power_runtime::UncheckedExtrinsic) -> Applied {
	use frame_support::dispatch::{DispatchClass, GetDispatchInfo};
	let len = extrinsic.encoded_size() as u32;
	let declared = extrinsic.get_dispatch_info();
	let weight_before = *System::block_weight().get(DispatchClass::Normal);
	let events_before = System::event_count();
	let result = Executive::apply_extrinsic(extrinsic);
	let weight_after = *System::block_weight().get(DispatchClass::Normal);
	let new_events: Vec<_> =
		System::events().into_iter().skip(events_before as usize).map(|r| r.event).collect();
	let actual = new_events
		.iter()
		.find_map(|e| match e {
			power_runtime::RuntimeEvent::System(
				frame_system::Event::ExtrinsicSuccess { dispatch_info }
				| frame_system::Event::ExtrinsicFailed { dispatch_info, .. },
			) => Some(*dispatch_info),
			_ => None,
		})
		.unwrap_or_default();
	let fee = new_events
		.iter()
		.find_map(|e| match e {
			power_runtime::RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
			) => Some(*actual_fee),
			_ => None,
		})
		.unwrap_or_default();
	Applied { result, len, declared, actual, fee, block_weight_delta: weight_after - weight_before }
}

impl Applied {
	/// Asserts that the extrinsic was included and its call succeeded.
	#[track_caller]
	pub fn assert_success(&self) {
		assert_eq!(self.result, Ok(Ok(())), "the extrinsic and its call succeed");
	}

	/// Asserts what the issue "tests that reach the layer where these bugs live" asks: the fee
	/// charged is the fee of the post-dispatch weight (refund included), and the block's weight
	/// grew by exactly the post-dispatch weight.
	#[track_caller]
	pub fn assert_fee_and_weight_match_post_info(&self) {
		let base = <Runtime as frame_system::Config>::BlockWeights::get()
			.get(self.declared.class)
			.base_extrinsic;
		let post = frame_support::dispatch::PostDispatchInfo {
			actual_weight: Some(self.actual.weight.saturating_sub(base)),
			pays_fee: self.actual.pays_fee,
		};
		let expected = pallet_transaction_payment::Pallet::<Runtime>::compute_actual_fee(
			self.len,
			&self.declared,
			&post,
			0,
		);
		assert_eq!(self.fee, expected, "the fee charged is the post-dispatch fee");
		// `CheckWeight` also counts the extrinsic's bytes as proof: they are in the block.
		assert_eq!(
			self.block_weight_delta,
			self.actual
				.weight
				.saturating_add(frame_support::weights::Weight::from_parts(0, u64::from(self.len))),
			"the block weight grew by the post-dispatch weight (and the extrinsic's length)"
		);
		assert!(
			self.actual.weight.all_lte(self.declared.total_weight().saturating_add(base)),
			"no extrinsic uses more than it declared"
		);
	}
}

/// Keep `Runtime` reachable for the tests' type annotations.
pub type TestRuntime = Runtime;

/// Sealing as a storage provider's tooling does it, with the chain's parameters (the runtime
/// tests run the development profile: 2 KiB sectors, 2 layers, one batch).
pub mod sealing {
	use codec::Encode;
	use pallet_storage_provider::{
		ChallengeSeeds, SealBatchProof, SectorPreCommitInfo, SectorSize,
	};
	use power_primitives::{
		porep::{self, Sealed},
		proofs::{self, ChallengePurpose},
	};
	use power_runtime::{AccountId, Runtime, StorageProvider, System};
	use std::{cell::RefCell, collections::BTreeMap};

	/// The 2 KiB of data a provider stores in a sector: distinct per provider and sector.
	pub fn sector_data(provider: &AccountId, sector: u64) -> Vec<u8> {
		(0..64u32)
			.flat_map(|leaf| sp_io::hashing::blake2_256(&(provider, sector, leaf).encode()))
			.collect()
	}

	thread_local! {
		/// The sectors sealed in this test, as the providers' tooling keeps them.
		static SEALED: RefCell<BTreeMap<(AccountId, u64), Sealed>> =
			const { RefCell::new(BTreeMap::new()) };
	}

	/// Seals `provider`'s `sector` on the ticket of the current block, with the chain's parameters
	/// for 2 KiB, keeps the seal, and returns the pre-commit naming it. Inside a block.
	pub fn seal(
		provider: &AccountId,
		sector: u64,
		data: &[u8],
		expiration: u32,
	) -> SectorPreCommitInfo<u32> {
		let now = System::block_number();
		let ticket = ChallengeSeeds::<Runtime>::get(now).expect("this block's seed is recorded");
		let params = StorageProvider::seal_params(SectorSize::Size2KiB).expect("2 KiB is sealable");
		let comm_d = proofs::commit(data).expect("2 KiB commits");
		let replica_id =
			porep::replica_id(&provider.encode(), sector, &ticket, &comm_d, params.version);
		let sealed = porep::seal(data, &replica_id, &params).expect("the data seals");
		let info = SectorPreCommitInfo {
			sector_number: sector,
			seal_ticket_block: now,
			comm_d,
			comm_c: sealed.comm_c(),
			comm_r_last: sealed.comm_r_last(),
			expiration,
		};
		SEALED.with(|all| all.borrow_mut().insert((provider.clone(), sector), sealed));
		info
	}

	fn sealed<R>(provider: &AccountId, sector: u64, f: impl FnOnce(&Sealed) -> R) -> R {
		SEALED
			.with(|all| f(all.borrow().get(&(provider.clone(), sector)).expect("sealed by `seal`")))
	}

	/// The replica `provider` stores for its sealed `sector`.
	pub fn replica(provider: &AccountId, sector: u64) -> Vec<u8> {
		sealed(provider, sector, |s| s.replica().concat())
	}

	/// The proof of batch `batch` of `sector`'s seal for the randomness recorded at `seed_block`.
	pub fn seal_proof(
		provider: &AccountId,
		sector: u64,
		seed_block: u32,
		batch: u32,
	) -> SealBatchProof<<Runtime as pallet_storage_provider::Config>::MaxSealBatchBytes> {
		let block_seed = ChallengeSeeds::<Runtime>::get(seed_block).expect("the seed is recorded");
		let seed =
			proofs::challenge_seed(&block_seed, &provider.encode(), ChallengePurpose::ProveCommit);
		let proof = sealed(provider, sector, |s| s.prove_batch_encoded(&seed, batch))
			.expect("the batch exists");
		SealBatchProof { sector_number: sector, batch, proof: proof.try_into().expect("it fits") }
	}
}
