//! The pinned bundle vectors of `primitives/vectors/pollinate.json` (which the runtime's tests
//! check against the pallet, and the JavaScript client against its own code): the pollinator
//! decodes those bundles and builds the same payload, data hash and wrapped form.

use pollinator::bundle::{wrap_bytes, Bundle, CallSkipper, Domain, MultiSignature};

/// Knows the case's calls (opaque bytes): skips the one the input starts with.
struct KnownCalls(Vec<Vec<u8>>);

impl CallSkipper for KnownCalls {
	fn skip_call(&self, input: &mut &[u8]) -> Result<(), String> {
		// The longest known call the input starts with (the vectors' calls are prefix-free
		// within a case).
		let call = self
			.0
			.iter()
			.filter(|c| input.starts_with(c))
			.max_by_key(|c| c.len())
			.ok_or("not a known call")?;
		*input = &input[call.len()..];
		Ok(())
	}
}

fn hex(v: &serde_json::Value) -> Vec<u8> {
	hex::decode(v.as_str().unwrap().trim_start_matches("0x")).unwrap()
}

#[test]
fn the_pinned_bundles_decode_to_the_runtimes_payload_and_id() {
	let file = std::fs::read_to_string(concat!(
		env!("CARGO_MANIFEST_DIR"),
		"/../primitives/vectors/pollinate.json"
	))
	.expect("the vector file");
	let vectors: serde_json::Value = serde_json::from_str(&file).unwrap();
	let cases = vectors["bundles"].as_array().unwrap();
	assert!(cases.len() >= 4);
	let mut decoded = 0;
	for case in cases {
		let name = case["name"].as_str().unwrap();
		let domain = Domain {
			genesis_hash: hex(&case["genesisHash"]).try_into().unwrap(),
			transaction_version: case["transactionVersion"].as_u64().unwrap() as u32,
		};
		let calls: Vec<Vec<u8>> = case["calls"].as_array().unwrap().iter().map(hex).collect();
		let fees: Vec<u32> =
			case["fees"].as_array().unwrap().iter().map(|w| w.as_u64().unwrap() as u32).collect();
		for signed in case["signed"].as_array().unwrap() {
			let bytes = hex(&signed["bundle"]);
			let bundle = match Bundle::decode(&bytes, &KnownCalls(calls.clone())) {
				Ok(b) => b,
				// A layout vector whose policy the codec refuses is a parse error for the
				// pollinator, as `dispatch` refuses it on chain (the same `FeePolicy::decode`).
				Err(e) => {
					assert!(matches!(e, pollinator::bundle::DecodeError::Policy(_)), "{name}: {e}");
					assert!(power_primitives::fee::FeePolicy::decode(&fees).is_err(), "{name}");
					continue;
				}
			};
			decoded += 1;
			assert_eq!(bundle.signer.to_vec(), hex(&case["signer"]), "{name}");
			assert_eq!(
				bundle.create_time.to_string(),
				case["createTime"].as_str().unwrap(),
				"{name}"
			);
			assert_eq!(bundle.fees, fees, "{name}");
			assert_eq!(bundle.call_count as usize, calls.len(), "{name}");
			let payload = bundle.payload(&domain);
			assert_eq!(payload, hex(&case["payload"]), "{name}: payload");
			assert_eq!(
				bundle.data_hash(&domain).to_vec(),
				hex(&case["dataHash"]),
				"{name}: data hash"
			);
			assert_eq!(wrap_bytes(&payload), hex(&case["wrapped"]), "{name}: wrapped");
			let signature = hex(&signed["signature"]);
			let (scheme, raw) = match &bundle.signature {
				MultiSignature::Ed25519(s) => ("ed25519", s.to_vec()),
				MultiSignature::Sr25519(s) => ("sr25519", s.to_vec()),
				MultiSignature::Ecdsa(s) => ("ecdsa", s.to_vec()),
			};
			assert_eq!((scheme, raw), (signed["type"].as_str().unwrap(), signature), "{name}");
			// The signatures are fixed patterns, not real ones: refused, with the right id.
			assert_eq!(bundle.verify(&domain).unwrap_err().to_vec(), hex(&case["dataHash"]));
		}
	}
	assert_eq!(decoded, 6, "two valid-policy cases, three signature schemes each");
}
