//! The runtime itself: its genesis presets, its randomness and its metadata.

mod common;

use common::*;
use power_runtime::{
	chain_params::{ChainTimings, Timings},
	genesis_config_presets::{self, DEVELOPMENT, LOCAL_TESTNET},
	randomness::{self, RelayEpochRandomness, RelayRandomness},
	Runtime, Session, System,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob};

#[test]
fn both_presets_build_and_differ_only_in_their_timings_and_sudo() {
	assert_eq!(genesis_config_presets::preset_names().len(), 2);
	for (name, timings, sudo) in [
		(DEVELOPMENT, ChainTimings::DEVELOPMENT, Some(account(Alice))),
		(LOCAL_TESTNET, ChainTimings::PRODUCTION, None),
	] {
		let mut chain = Chain::new(name);
		chain.execute(|| {
			assert_eq!(Timings::<Runtime>::get(), timings);
			// The invulnerables are the first session's validators, and Aura's authorities.
			let mut validators = Session::validators();
			validators.sort();
			let mut invulnerables = vec![account(Alice), account(Bob)];
			invulnerables.sort();
			assert_eq!(validators, invulnerables);
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
			// Only the development chain has a sudo key.
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), sudo);
		});
		chain.blocks(2);
		chain.try_state();
	}
	assert!(genesis_config_presets::get_preset(&"no-such-preset".into()).is_none());
	// The development proving period fits in minutes; the production one is a day.
	assert_eq!(ChainTimings::DEVELOPMENT.proving_period, 3 * power_runtime::MINUTES);
	assert_eq!(ChainTimings::PRODUCTION.proving_period, power_runtime::DAYS);
}

#[test]
fn randomness_comes_from_the_verified_relay_proof() {
	let mut chain = Chain::development();
	// Before any block: no relay value, the documented fallback.
	chain.execute(|| assert!(RelayEpochRandomness::get().is_none()));
	chain.block(|| ());
	chain.execute(|| {
		let (relay, recorded_at) = RelayEpochRandomness::get().expect("recorded from the proof");
		assert_eq!(recorded_at, 1);
		// The harness's relay chain: blake2 of the "epoch" (relay block / 10).
		let expected_relay = sp_io::hashing::blake2_256(&codec::Encode::encode(&(101u32 / 10)));
		assert_eq!(relay, expected_relay);
		let parent_hash = System::parent_hash();
		let (output, known_since) =
			<RelayRandomness as frame_support::traits::Randomness<_, _>>::random(b"subject");
		assert_eq!(output.0, randomness::mix(&relay, parent_hash.as_ref(), b"subject"));
		assert_eq!(known_since, System::block_number() - 1);
		// Another subject gives another output.
		let (other, _) =
			<RelayRandomness as frame_support::traits::Randomness<_, _>>::random(b"other");
		assert_ne!(output, other);
	});
}

#[test]
fn every_call_of_our_pallets_is_documented_in_the_metadata() {
	// The metadata's constants include the chain's timings, read from its state.
	let metadata = Chain::development().execute(Runtime::metadata);
	let frame_metadata::RuntimeMetadata::V14(metadata) = metadata.1 else {
		panic!("the runtime serves V14 metadata");
	};
	let ours = ["CollatorPower", "StorageProvider", "PowerSelection", "Periodic", "PayAfter"];
	for name in ours {
		let pallet = metadata.pallets.iter().find(|p| p.name == name).expect("the pallet is in");
		let calls = pallet.calls.as_ref().expect("the pallet has calls");
		let ty = metadata.types.resolve(calls.ty.id).expect("the call type is registered");
		let scale_info::TypeDef::Variant(variants) = &ty.type_def else {
			panic!("{name}'s calls are not an enum");
		};
		assert!(!variants.variants.is_empty());
		for call in &variants.variants {
			assert!(!call.docs.is_empty(), "{name}::{} has no docs", call.name);
		}
	}
}

#[test]
fn every_sector_size_is_provable_in_this_runtime() {
	use pallet_storage_provider::types::SectorSize;
	// `MaxProofBytes` holds `ChallengesPerProof` leaves with their paths at 64 GiB (31 levels),
	// so a provider of any size can prove; the benchmarks measure that deepest case.
	for size in SectorSize::ALL {
		assert!(
			pallet_storage_provider::Pallet::<Runtime>::is_provable(size),
			"{size:?} proofs must fit MaxProofBytes"
		);
	}
}

#[test]
fn the_sealing_profile_decides_which_sizes_get_power() {
	use frame_support::traits::Hooks;
	use pallet_storage_provider::SectorSize;
	use power_primitives::porep;
	use power_runtime::{chain_params::Sealing, StorageProvider};
	let sealable = |chain: &mut Chain| {
		chain.execute(|| {
			// The pallet's checks of every sealable size (batches fit, full batches, a full
			// prove-commit fits in a quarter of a block) hold under this profile.
			<StorageProvider as Hooks<u32>>::integrity_test();
			SectorSize::ALL.map(StorageProvider::seal_params)
		})
	};
	let production = [32u64 << 30, 64 << 30].map(porep::params_for_size);
	let mut development = Chain::new(DEVELOPMENT);
	assert_eq!(development.execute(power_runtime::ChainParams::sealing), Sealing::Development);
	assert_eq!(
		sealable(&mut development),
		[Some(porep::DEV_PARAMS_2KIB), None, None, production[0], production[1]]
	);
	let mut local = Chain::new(LOCAL_TESTNET);
	assert_eq!(local.execute(power_runtime::ChainParams::sealing), Sealing::Production);
	assert_eq!(sealable(&mut local), [None, None, None, production[0], production[1]]);
	// On the production profile a 2 KiB provider cannot even register: no power for sizes that
	// re-seal within a PoSt window.
	local.block(|| {
		let register = pallet_storage_provider::Call::<Runtime>::register_storage_provider {
			sector_size: SectorSize::Size2KiB,
			peer_id: Default::default(),
		};
		assert_eq!(
			dispatch_as(&account(sp_keyring::Sr25519Keyring::Eve), register).map_err(|e| e.error),
			Err(pallet_storage_provider::Error::<Runtime>::SectorSizeNotSealable.into())
		);
	});
}
