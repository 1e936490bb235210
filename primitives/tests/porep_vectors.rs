//! The sealing vector file, `primitives/vectors/porep.json`, generated from power-primitives.
//!
//! It pins the bytes of the sealing construction (`power_primitives::porep`) for a second
//! implementation (an end-to-end client that seals in JavaScript, as `e2e/proofs.mjs` does for
//! the Merkle proofs): the graph's parents, a label, replica ids, the three commitments and
//! `comm_r`, the challenges and the encoded batches (their length and blake2-256) of three 2 KiB
//! sectors. This test regenerates the file's content and asserts that it equals the committed
//! file byte for byte. After an intended change, rewrite it with
//!
//! ```sh
//! UPDATE_VECTORS=1 SKIP_WASM_BUILD=1 cargo test -p power-primitives --test porep_vectors
//! ```

use power_primitives::{
	porep::{
		label, porep_challenges, replica_id, seal, verify_seal_batch, Graph, SdrParams, SealInputs,
		DEV_PARAMS_2KIB, SDR_VERSION, SEAL_SIZES,
	},
	proofs::commit,
};
use sp_crypto_hashing::blake2_256;

mod common;
use common::json::{hex, n, obj, s, Json};

/// //Alice's sr25519 public key: the provider of every sector below.
const ALICE: [u8; 32] = [
	0xd4, 0x35, 0x93, 0xc7, 0x15, 0xfd, 0xd3, 0x1c, 0x61, 0x14, 0x1a, 0xbd, 0x04, 0xa9, 0x9f, 0xd6,
	0x82, 0x2c, 0x85, 0x58, 0x85, 0x4c, 0xcd, 0xe3, 0x9a, 0x56, 0x84, 0xe7, 0xa5, 0x6d, 0xa2, 0x7d,
];

fn params_json(p: &SdrParams) -> Json {
	obj(vec![
		("version", n(p.version)),
		("layers", n(p.layers)),
		("porepChallenges", n(p.porep_challenges)),
		("challengesPerBatch", n(p.challenges_per_batch)),
		("postChallenges", n(p.post_challenges)),
	])
}

fn nums(values: impl IntoIterator<Item = u64>) -> Json {
	Json::Arr(values.into_iter().map(n).collect())
}

/// Every node's parents in the 2 KiB graph, and some parents and edges of the largest graph.
fn graphs() -> Json {
	let small = Graph::new(SDR_VERSION, 64).unwrap();
	let nodes: Vec<Json> = (0..64)
		.map(|v| {
			obj(vec![
				("node", n(v)),
				("drg", nums(small.drg_parents(v))),
				("exp", nums(small.exp_parents(v))),
			])
		})
		.collect();
	let large_n = 1u64 << 31;
	let large = Graph::new(SDR_VERSION, large_n).unwrap();
	let large_nodes: Vec<Json> = [2u64, 3, 1000, 1 << 20, large_n - 2, large_n - 1]
		.into_iter()
		.map(|v| {
			obj(vec![
				("node", s(v)),
				("drg", Json::Arr(large.drg_parents(v).iter().map(s).collect())),
				("exp", Json::Arr(large.exp_parents(v).iter().map(s).collect())),
			])
		})
		.collect();
	let edges: Vec<Json> = [0u64, 1, 12345, 8 * large_n - 1]
		.into_iter()
		.map(|e| obj(vec![("edge", s(e)), ("permuted", s(large.permute_edge(e)))]))
		.collect();
	Json::Arr(vec![
		obj(vec![
			("leafCount", n(64u64)),
			("version", n(SDR_VERSION)),
			("nodes", Json::Arr(nodes)),
		]),
		obj(vec![
			("leafCount", s(large_n)),
			("version", n(SDR_VERSION)),
			("nodes", Json::Arr(large_nodes)),
			("edges", Json::Arr(edges)),
		]),
	])
}

fn label_example() -> Json {
	let rid = [5u8; 32];
	let parents: Vec<[u8; 32]> = (0..14u8).map(|i| [i; 32]).collect();
	obj(vec![
		("replicaId", hex(&rid)),
		("parents", s("14 labels, the i-th 32 bytes of value i")),
		("layer3Node9", hex(&label(&rid, 3, 9, &parents))),
		("layer1Node9FirstSix", hex(&label(&rid, 1, 9, &parents[..6]))),
	])
}

fn pattern(salt: u8) -> Vec<u8> {
	(0..2048usize).map(|i| (i as u8).wrapping_mul(31).wrapping_add(salt)).collect()
}

struct SectorCase {
	name: &'static str,
	params: SdrParams,
	/// `None`: all-zero data (committed capacity).
	salt: Option<u8>,
	sector_number: u64,
	ticket: [u8; 32],
	seed: [u8; 32],
	/// The batches whose proof is pinned.
	batches: Vec<u32>,
}

fn sector(case: SectorCase) -> Json {
	let data = case.salt.map_or_else(|| vec![0u8; 2048], pattern);
	let comm_d = commit(&data).unwrap();
	let rid = replica_id(&ALICE, case.sector_number, &case.ticket, &comm_d, case.params.version);
	let sealed = seal(&data, &rid, &case.params).unwrap();
	let inputs = SealInputs {
		provider: &ALICE,
		sector_number: case.sector_number,
		ticket: case.ticket,
		comm_d,
		comm_c: sealed.comm_c(),
		comm_r_last: sealed.comm_r_last(),
	};
	let challenges =
		porep_challenges(&case.seed, &rid, 0, case.params.porep_challenges, 64).unwrap();
	let batches: Vec<Json> = case
		.batches
		.iter()
		.map(|&batch| {
			let bytes = sealed.prove_batch_encoded(&case.seed, batch).unwrap();
			assert_eq!(
				verify_seal_batch(&case.params, 64, &inputs, &case.seed, batch, &bytes),
				Ok(())
			);
			obj(vec![
				("batch", n(batch)),
				("length", n(bytes.len() as u64)),
				("blake2", hex(&blake2_256(&bytes))),
			])
		})
		.collect();
	let layer1 = sealed.layer(1).unwrap();
	obj(vec![
		("name", s(case.name)),
		("params", params_json(&case.params)),
		(
			"data",
			match case.salt {
				Some(salt) => obj(vec![("kind", s("pattern")), ("salt", n(salt))]),
				None => obj(vec![("kind", s("zero"))]),
			},
		),
		("provider", hex(&ALICE)),
		("sectorNumber", s(case.sector_number)),
		("ticket", hex(&case.ticket)),
		("commD", hex(&comm_d)),
		("replicaId", hex(&rid)),
		("layer1First", Json::Arr(layer1.iter().take(3).map(|l| hex(l)).collect())),
		("keyFirst", Json::Arr(sealed.key().iter().take(3).map(|l| hex(l)).collect())),
		("replicaBlake2", hex(&blake2_256(&sealed.replica().concat()))),
		("commC", hex(&sealed.comm_c())),
		("commRLast", hex(&sealed.comm_r_last())),
		("commR", hex(&sealed.comm_r())),
		("seed", hex(&case.seed)),
		("challenges", nums(challenges)),
		("batches", Json::Arr(batches)),
	])
}

fn sectors() -> Json {
	let prod = SEAL_SIZES[0].params;
	Json::Arr(
		[
			SectorCase {
				name: "2 KiB, development parameters, pattern data",
				params: DEV_PARAMS_2KIB,
				salt: Some(3),
				sector_number: 7,
				ticket: [0x11; 32],
				seed: [0x22; 32],
				batches: vec![0],
			},
			SectorCase {
				name: "2 KiB, development parameters, committed capacity (all-zero data)",
				params: DEV_PARAMS_2KIB,
				salt: None,
				sector_number: 1 << 40,
				ticket: [0xA5; 32],
				seed: [0x5A; 32],
				batches: vec![0],
			},
			SectorCase {
				name: "2 KiB, production parameters (11 layers, 176 challenges, 5 per batch)",
				params: prod,
				salt: Some(3),
				sector_number: 7,
				ticket: [0x11; 32],
				seed: [0x22; 32],
				batches: vec![0, 1, 35],
			},
		]
		.into_iter()
		.map(sector)
		.collect(),
	)
}

fn sizes() -> Json {
	Json::Arr(
		SEAL_SIZES
			.iter()
			.map(|size| {
				obj(vec![
					("sectorBytes", s(size.sector_bytes)),
					("params", params_json(&size.params)),
					("storageGuarantee", Json::Bool(size.storage_guarantee)),
				])
			})
			.collect(),
	)
}

const NOTES: [&str; 6] = [
	"Generated by primitives/tests/porep_vectors.rs from power-primitives (module porep, whose documentation is the specification); do not edit by hand. Rewrite with UPDATE_VECTORS=1 SKIP_WASM_BUILD=1 cargo test -p power-primitives --test porep_vectors.",
	"Bytes are 0x hex; numbers that may exceed 2^53 (u64 node and edge indices of the 64 GiB graph, sector numbers, sector sizes) are decimal strings.",
	"replicaId = blake2_256(b\"power/spp/replica-id\" ++ compact(len(provider)) ++ provider ++ u64le(sectorNumber) ++ ticket ++ commD ++ u8(version)): the provider is the 32-byte account, SCALE-encoded as a byte slice (prefix 0x80).",
	"Pattern data: byte i of the 2,048 is (i * 31 + salt) mod 256. commD is the proofs.rs Merkle root of the data (leaf 0x00, node 0x01, blake2-256).",
	"challenges are the batch-ordered prove-commit challenges 0..porepChallenges drawn from seed and replicaId; batch b answers challenges [b*challengesPerBatch, ...). A batch's proof is SCALE Vec<ChallengeProof>; length and blake2 are of those bytes.",
	"replicaBlake2 is blake2-256 of the 2,048 replica bytes (data XOR the last layer).",
];

fn document() -> String {
	let doc = obj(vec![
		("format", s("porep-vectors/1")),
		("notes", Json::Arr(NOTES.iter().map(s).collect())),
		("sizes", sizes()),
		("graphs", graphs()),
		("label", label_example()),
		("sectors", sectors()),
	]);
	common::json::document(&doc)
}

#[test]
fn the_committed_porep_vectors_are_what_power_primitives_computes() {
	common::check_vector_file(
		"porep.json",
		&document(),
		"UPDATE_VECTORS=1 SKIP_WASM_BUILD=1 cargo test -p power-primitives --test porep_vectors",
	);
}

#[test]
fn the_development_sector_is_pinned() {
	// A second pin, independent of the file: the 2 KiB development sector's commitments.
	let doc = document();
	for (name, value) in [
		("commC", "3940bc93368b36a8e74e1f1a3a15dc8ff6ed00a229b28cda111c745b0928eb33"),
		("commRLast", "21c2f2dbdceaf423cc2a4afa00ae4933bc871c42826f38ef1ebd4960a900a180"),
		("commR", "5a7213581b556840b8c8d8e486b018a4e429e791194add303ba679a12e3344ea"),
	] {
		assert!(doc.contains(&format!("\"{name}\": \"0x{value}\"")), "{name}");
	}
	// Its one batch is the design's 34,561 bytes.
	assert!(doc.contains("{\"batch\": 0, \"length\": 34561, "));
}
