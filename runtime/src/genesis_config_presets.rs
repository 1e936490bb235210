//! Genesis presets: `development` and `local_testnet`.
//!
//! Both endow the well-known dev accounts, make Alice and Bob invulnerable collators with their
//! Aura session keys, and register Charlie and Dave as storage providers (each with a
//! collator-power miner). They differ in their timings, their sealing and in sudo:
//!
//! - `development`: 1-minute sessions and a 3-minute proving period (3 one-minute deadlines), so a
//!   whole proving period can be watched live; the development sealing profile (2 KiB sectors
//!   with light parameters, which guarantee nothing), and Charlie and Dave have 2 KiB sectors;
//!   Alice holds the sudo key;
//! - `local_testnet`: the production timings, 1-hour sessions and a 24-hour proving period, the
//!   production sealing profile (only 32 GiB and 64 GiB sectors get power; Charlie and Dave have
//!   32 GiB sectors), and **no sudo key**: what it tests is the chain as it would run, where root
//!   comes only from governance (none is wired yet, so root calls cannot be made at all).

use crate::{
	chain_params::{ChainTimings, Sealing},
	AccountId, AuraId, BalancesConfig, ChainParamsConfig, ParachainInfoConfig,
	PowerSelectionConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, StorageProviderConfig,
	SudoConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use pallet_storage_provider::SectorSize;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

/// The preset for a dev chain with fast timings.
pub const DEVELOPMENT: &str = "development";
/// The preset for a local test network with the production timings.
pub const LOCAL_TESTNET: &str = "local_testnet";
/// The parachain id of both presets.
pub const PARA_ID: u32 = 1000;
/// What each endowed account starts with.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;
/// The bond a collator candidate puts up.
pub const CANDIDACY_BOND: u128 = 100 * UNIT;

/// The invulnerable collators and their Aura keys.
pub fn invulnerables() -> Vec<(AccountId, AuraId)> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob]
		.into_iter()
		.map(|k| (k.to_account_id(), k.public().into()))
		.collect()
}

/// The storage providers registered at genesis.
pub fn storage_providers() -> Vec<AccountId> {
	vec![Sr25519Keyring::Charlie.to_account_id(), Sr25519Keyring::Dave.to_account_id()]
}

fn genesis(
	timings: ChainTimings,
	sealing: Sealing,
	sector_size: SectorSize,
	sudo: Option<AccountId>,
) -> serde_json::Value {
	let endowed: Vec<(AccountId, u128)> =
		Sr25519Keyring::iter().map(|k| (k.to_account_id(), ENDOWMENT)).collect();
	let invulnerables = invulnerables();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowed },
		parachain_info: ParachainInfoConfig { parachain_id: ParaId::from(PARA_ID) },
		chain_params: ChainParamsConfig { timings, sealing },
		power_selection: PowerSelectionConfig {
			invulnerables: invulnerables.iter().map(|(account, _)| account.clone()).collect(),
			candidacy_bond: CANDIDACY_BOND,
			desired_collators: 4,
		},
		session: SessionConfig {
			keys: invulnerables
				.into_iter()
				.map(|(account, aura)| (account.clone(), account, SessionKeys { aura }))
				.collect(),
		},
		storage_provider: StorageProviderConfig {
			providers: storage_providers()
				.into_iter()
				.map(|account| (account, sector_size, b"12D3KooWdev".to_vec()))
				.collect(),
		},
		sudo: SudoConfig { key: sudo },
	})
}

/// The preset named `id`, as a JSON patch over the default genesis config.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEVELOPMENT => genesis(
			ChainTimings::DEVELOPMENT,
			Sealing::Development,
			SectorSize::Size2KiB,
			Some(Sr25519Keyring::Alice.to_account_id()),
		),
		LOCAL_TESTNET => {
			genesis(ChainTimings::PRODUCTION, Sealing::Production, SectorSize::Size32GiB, None)
		}
		_ => return None,
	};
	Some(serde_json::to_string(&patch).unwrap_or_else(|_| "{}".into()).into_bytes())
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEVELOPMENT), PresetId::from(LOCAL_TESTNET)]
}
