//! Prints a **raw** chain spec of the power runtime for one of its genesis presets, with no node
//! binary needed:
//!
//! ```text
//! cargo run --release -p power-runtime --example raw_chain_spec -- development > spec.json
//! cargo run --release -p power-runtime --example raw_chain_spec -- local_testnet > spec.json
//! ```
//!
//! It does natively what `chain-spec-builder create ... named-preset <name>` followed by a raw
//! conversion does through the wasm: take the default `RuntimeGenesisConfig` as JSON, merge the
//! preset's patch over it (objects merge key by key, anything else is replaced, as
//! `sc_chain_spec::json_patch::merge` does), build the genesis storage from the result, and set
//! `:code` to the runtime wasm. The output is what chopsticks (`--chain-spec`) and
//! polkadot-omni-node (`--chain`) load: `genesis.raw.top` with hex keys and values in key order,
//! the token properties, and the parachain extensions `relay_chain` and `para_id` (the preset's
//! `parachainInfo.parachainId`, 1000 if it sets none).

use power_runtime::{genesis_config_presets, RuntimeGenesisConfig, WASM_BINARY};
use serde_json::{json, Map, Value};
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_runtime::BuildStorage;
use std::{fmt::Write as _, io::Write as _, process::ExitCode};

/// The relay chain the spec names (omni-node's `relay_chain` extension).
const RELAY_CHAIN: &str = "rococo-local";

/// The para id used when the preset does not set `parachainInfo.parachainId`.
const DEFAULT_PARA_ID: u64 = 1000;

/// The storage key of the runtime code.
const CODE_KEY: &[u8] = b":code";

fn main() -> ExitCode {
	let preset = std::env::args().nth(1).unwrap_or_else(|| DEV_RUNTIME_PRESET.to_string());
	match raw_chain_spec(&preset) {
		Ok(spec) => {
			let mut out = std::io::stdout().lock();
			match writeln!(out, "{spec}").and_then(|()| out.flush()) {
				Ok(()) => ExitCode::SUCCESS,
				Err(e) => {
					eprintln!("raw_chain_spec: cannot write the spec: {e}");
					ExitCode::FAILURE
				}
			}
		}
		Err(e) => {
			eprintln!("raw_chain_spec: {e}");
			eprintln!(
				"usage: raw_chain_spec [{DEV_RUNTIME_PRESET}|{LOCAL_TESTNET_RUNTIME_PRESET}] > spec.json"
			);
			ExitCode::FAILURE
		}
	}
}

/// The raw chain spec of `preset`, pretty-printed.
fn raw_chain_spec(preset: &str) -> Result<String, String> {
	let (name, id, chain_type) = match preset {
		DEV_RUNTIME_PRESET => ("Power Development", "power_dev", "Development"),
		LOCAL_TESTNET_RUNTIME_PRESET => ("Power Local Testnet", "power_local", "Local"),
		other => return Err(format!("unknown preset `{other}`")),
	};
	let wasm = WASM_BINARY
		.ok_or("the runtime was built without its wasm (SKIP_WASM_BUILD is set?): rebuild it")?;

	let config = genesis_config(preset)?;
	let para_id = config
		.pointer("/parachainInfo/parachainId")
		.and_then(Value::as_u64)
		.unwrap_or(DEFAULT_PARA_ID);
	let genesis: RuntimeGenesisConfig = serde_json::from_value(config)
		.map_err(|e| format!("the merged genesis config does not deserialize: {e}"))?;
	let mut storage = genesis.build_storage()?;
	if !storage.children_default.is_empty() {
		return Err("the genesis has child storage, which this spec format does not carry".into());
	}
	storage.top.insert(CODE_KEY.to_vec(), wasm.to_vec());

	// `top` is a BTreeMap and serde_json's Map keeps keys sorted, so the keys come out in order
	// (chopsticks' genesis provider relies on that to walk key prefixes).
	let top: Map<String, Value> =
		storage.top.iter().map(|(k, v)| (hex(k), Value::String(hex(v)))).collect();

	let spec = json!({
		"name": name,
		"id": id,
		"chainType": chain_type,
		"bootNodes": [],
		"telemetryEndpoints": null,
		"protocolId": null,
		"properties": {
			"tokenSymbol": "UNIT",
			"tokenDecimals": 12,
			"ss58Format": 42,
		},
		"relay_chain": RELAY_CHAIN,
		"para_id": para_id,
		"codeSubstitutes": {},
		"genesis": {
			"raw": {
				"top": top,
				"childrenDefault": {},
			},
		},
	});
	serde_json::to_string_pretty(&spec).map_err(|e| format!("cannot serialize the spec: {e}"))
}

/// The default genesis config with the preset's patch merged over it, as JSON.
fn genesis_config(preset: &str) -> Result<Value, String> {
	let patch = genesis_config_presets::get_preset(&PresetId::from(preset))
		.ok_or_else(|| format!("the runtime has no preset `{preset}`"))?;
	let patch: Value = serde_json::from_slice(&patch)
		.map_err(|e| format!("the preset `{preset}` is not JSON: {e}"))?;
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default())
		.map_err(|e| format!("the default genesis config does not serialize: {e}"))?;
	merge(&mut config, patch);
	Ok(config)
}

/// Merges `patch` into `base`: objects key by key, recursively; any other value replaces.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// `0x`-prefixed lower-case hex.
fn hex(bytes: &[u8]) -> String {
	let mut s = String::with_capacity(2 + bytes.len() * 2);
	s.push_str("0x");
	for byte in bytes {
		// Writing to a String cannot fail.
		let _ = write!(s, "{byte:02x}");
	}
	s
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn merge_overrides_leaves_and_keeps_siblings() {
		let mut base = json!({ "a": { "x": 1, "y": [1, 2] }, "b": 2 });
		merge(&mut base, json!({ "a": { "y": [3] , "z": null }, "c": 3 }));
		assert_eq!(base, json!({ "a": { "x": 1, "y": [3], "z": null }, "b": 2, "c": 3 }));
	}

	#[test]
	fn hex_is_prefixed_and_padded() {
		assert_eq!(hex(&[]), "0x");
		assert_eq!(hex(&[0, 0x0f, 0xab]), "0x000fab");
	}
}
