//! Sealing: a Stacked-DRG proof of replication (SDR, as Filecoin's), verified without a SNARK by
//! opening challenged columns.
//!
//! # Why
//!
//! With [`crate::proofs`] alone a sector's commitment is a Merkle root over data the provider
//! chose: a provider can commit all-zero (or any low-entropy) data and answer every challenge
//! from a constant, storing nothing. Sealing makes the committed object a **replica**
//! `R = D ⊕ K`, where the key `K` is the last layer of a slow, sequential labelling that is
//! unique to the provider, the sector, a chain ticket and the data commitment. Recomputing any
//! part of `K` costs about a whole seal, so a provider that answers proofs of `R` (the windowed
//! PoSt, still [`crate::proofs`]) has to keep `R`, or re-seal within the response window. See the
//! crate README for what this does and does not guarantee: for small sizes, nothing.
//!
//! # The construction (everything a second implementation needs)
//!
//! Preimages below are SCALE encodings of tuples: integers little endian, byte strings written
//! `b"…"` are raw bytes (no length), `&[u8]` carries a compact length prefix. A sector holds
//! `N = size / 32` nodes (a power of two, `N ≥ 2`), tree depth `D = log2 N`.
//!
//! 1. **Replica id.** `replica_id = blake2_256(b"power/spp/replica-id" ‖ provider: &[u8] ‖
//!    sector_number: u64 ‖ ticket: [u8; 32] ‖ comm_d ‖ version: u8)` ([`replica_id`]). The
//!    ticket is chain randomness of bounded age named at pre-commit; `comm_d` is an input, so the
//!    data is fixed before the key is known and cannot be chosen equal to it.
//! 2. **DRG parents** ([`Graph::drg_parents`], 6 per node, in the node's own layer). For
//!    `v ≤ 1` all six are `0`. For `v ≥ 2`, bucket sampling as Filecoin's `BucketGraph`
//!    (DRSample) with `m' = 5`: for `k` in `0..5`, let `h = blake2_256(drg_key ‖ v: u64 ‖ k: u8)`
//!    with `drg_key = blake2_256(b"power/spp/drg" ‖ version: u8 ‖ N: u64)`, `r1`, `r2` its first
//!    and second little-endian `u64`; `x = 5v + k`, `logi = ⌊log2(5v)⌋`, `j = r1 mod logi`,
//!    `jj = min(x, 2^(j+1))`, `lo = max(⌊jj/2⌋, 2)`, `back = lo + r2 mod (jj − lo + 1)`,
//!    `p = ⌊(x − back) / 5⌋`, and the parent is `p`, or `v − 1` if `p = v`. The sixth parent is
//!    `v − 1`. Every DRG parent of `v ≥ 1` is below `v`.
//! 3. **Expander parents** ([`Graph::exp_parents`], 8 per node, in the layer below). A keyed
//!    permutation `π` of the `8N` edge indices (`b = D + 3` bits): 3 rounds of an unbalanced
//!    Feistel network with a top part of `a = ⌈b/2⌉` bits and a bottom part of `b − a` bits. A
//!    round with key `key_r = blake2_256(b"power/spp/feistel" ‖ version: u8 ‖ N: u64 ‖ r: u8)`
//!    maps `x = hi·2^(b−a) + lo` to `lo·2^a + ((hi ⊕ F(lo)) mod 2^a)` with
//!    `F(lo) = u64_le(blake2_256(key_r ‖ lo: u64)[0..8])`. Each round is a bijection of
//!    `[0, 2^b)`, so no cycle-walking is needed (Filecoin's balanced Feistel walks cycles; this
//!    one does constant work per parent, which a runtime needs). The `k`-th expander parent of
//!    `v` is `⌊π(8v + k) / 8⌋`: every node is an expander parent exactly 8 times.
//! 4. **Labels** ([`label`]). Layers `l = 1..=L`. `label(l, v) = sha2_256(replica_id ‖ l: u32 ‖
//!    v: u64 ‖ 37 parent labels)`, the parent labels taken cyclically from the list: the 6 DRG
//!    parents' labels in layer `l` (for `v = 0`, which has no predecessor, six zero labels), then,
//!    for `l ≥ 2`, the 8 expander parents' labels in layer `l − 1`. A 1,228-byte preimage, 20
//!    SHA-256 blocks, as in the SDR spec. SHA-256 because commodity CPUs have SHA extensions, so
//!    an honest CPU is close to an attacker's hardware.
//! 5. **Encoding.** `K = layer L`; `R_v = D_v ⊕ K_v` byte-wise ([`encode`], [`decode`]).
//! 6. **Commitments** (binary blake2 trees of [`crate::proofs`], leaf prefix `0x00`, node prefix
//!    `0x01`): `comm_d` over the data, `comm_c` over the column digests
//!    `blake2_256(0x02 ‖ label(1, v) ‖ … ‖ label(L, v))`, `comm_r_last` over the replica, and
//!    `comm_r = blake2_256(0x03 ‖ comm_c ‖ comm_r_last)` ([`comm_r`]).
//! 7. **Prove-commit challenges** ([`porep_challenges`]), after pre-commit from an interactive
//!    seed: challenge `i` is `1 + u64_le(blake2_256(b"power/spp/porep-challenge" ‖ seed ‖
//!    replica_id ‖ i: u32)[0..8]) mod (N − 1)` (node 0 is never challenged; the modulo bias is
//!    below `N / 2^64`). The `c` challenges are split into ordered batches of `B`: batch `b`
//!    answers challenges `[b·B, min((b+1)·B, c))`, so the batch index is bound into what is
//!    checked.
//! 8. **A challenge's proof** ([`ChallengeProof`]) opens the node's column and its 14 parents'
//!    columns in `comm_c`, its data leaf in `comm_d` and its replica leaf in `comm_r_last`. The
//!    verifier recomputes the parents, every label of the node's column from the opened parent
//!    labels, and checks `R_v = D_v ⊕ label(L, v)`. Parent columns are not checked recursively:
//!    the soundness of `c` challenges bounds the fraction of wrong labels (see the README).
//!
//! [`seal`], [`Sealed::prove_batch`] and [`unseal`] are the provider's tooling (they hold whole
//! layers in memory); [`verify_seal_batch`] is what the runtime runs, behind [`SealVerifier`].

extern crate alloc;

use crate::hashing::{blake2_256, sha2_256};
use crate::proofs::{
	hash_leaf, root_from_path, tree_depth, Commitment, Leaf, LeafProof, MerkleTree, Node,
	ProofError, LEAF_BYTES,
};
use alloc::vec::Vec;
use codec::{Compact, Decode, DecodeAll, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A label: one node of one layer (a SHA-256 digest).
pub type Label = [u8; 32];

/// The replica id: what binds a seal to a provider, a sector, a ticket and the data.
pub type ReplicaId = [u8; 32];

/// DRG parents per node, including the chain edge `v − 1`.
pub const DRG_DEGREE: usize = 6;
/// Bucket-sampled DRG parents per node (the rest of [`DRG_DEGREE`] is `v − 1`).
pub const DRG_SAMPLED: usize = DRG_DEGREE - 1;
/// Expander parents per node, in the layer below.
pub const EXP_DEGREE: usize = 8;
/// Parent label slots hashed into a label.
pub const PARENT_SLOTS: usize = 37;
/// Rounds of the expander's Feistel permutation.
pub const FEISTEL_ROUNDS: usize = 3;
/// The most layers any parameter set may ask for: bounds a proof's decoding and a verifier's
/// work.
pub const MAX_LAYERS: u32 = 16;
/// The graph construction version of this module, bound into every replica id.
pub const SDR_VERSION: u8 = 1;
/// The largest encoded batch the parameter table is sized for.
pub const MAX_SEAL_BATCH_BYTES: usize = 48 * 1024;

/// The bytes of a label's preimage: replica id, layer, node, parent slots.
const LABEL_PREIMAGE: usize = 32 + 4 + 8 + PARENT_SLOTS * 32;
/// The domain prefix of a column digest (leaf `0x00` and node `0x01` are [`crate::proofs`]').
const COLUMN_PREFIX: u8 = 0x02;
/// The domain prefix of `comm_r`.
const COMM_R_PREFIX: u8 = 0x03;
/// A zero label: the DRG parents of node 0.
const ZERO_LABEL: Label = [0; 32];

/// Why a sector could not be sealed, or a seal proof could not be built or verified.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SealError {
	/// The parameters ask for no layers, more than [`MAX_LAYERS`], no challenges or an empty
	/// batch.
	InvalidParams,
	/// The sector's node count is not a power of two of at least 2 (or is too large).
	BadLeafCount,
	/// The data is not exactly `leaf_count` leaves.
	DataLengthMismatch,
	/// The batch index is not below the number of batches.
	BatchOutOfRange,
	/// The proof bytes do not decode as a list of [`ChallengeProof`]s (or have trailing bytes).
	MalformedProof,
	/// The proof answers a different number of challenges than the batch holds.
	WrongChallengeCount,
	/// A column opening does not hold one label per layer.
	WrongColumnHeight,
	/// A Merkle path does not have one node per tree level.
	WrongPathLength,
	/// A column and its path do not hash to `comm_c`.
	ColumnRootMismatch,
	/// A data leaf and its path do not hash to `comm_d`.
	DataRootMismatch,
	/// A replica leaf and its path do not hash to `comm_r_last`.
	ReplicaRootMismatch,
	/// A label of the challenged column is not the label its opened parents give.
	LabelMismatch,
	/// The replica leaf is not the data leaf XOR the last layer's label.
	EncodingMismatch,
}

impl From<ProofError> for SealError {
	fn from(error: ProofError) -> Self {
		match error {
			ProofError::EmptyData | ProofError::UnalignedData => SealError::DataLengthMismatch,
			ProofError::WrongPathLength => SealError::WrongPathLength,
			ProofError::MalformedProof => SealError::MalformedProof,
			ProofError::WrongChallengeCount => SealError::WrongChallengeCount,
			// Not produced by the tree building and leaf proving that sealing converts from.
			ProofError::RootMismatch => SealError::ReplicaRootMismatch,
			ProofError::LeafCountNotPowerOfTwo
			| ProofError::NoChallenges
			| ProofError::LeafIndexOutOfRange => SealError::BadLeafCount,
		}
	}
}

/// The sealing parameters of one sector size.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct SdrParams {
	/// The graph construction version ([`SDR_VERSION`]), bound into the replica id.
	pub version: u8,
	/// Layers of labels (`L`): Filecoin uses 11.
	pub layers: u32,
	/// Prove-commit challenges per sector (`c`): Filecoin's interactive PoRep uses 176.
	pub porep_challenges: u32,
	/// Challenges answered per batch (one bounded call).
	pub challenges_per_batch: u32,
	/// Challenges of a windowed PoSt per sector (leaves of `comm_r_last`).
	pub post_challenges: u32,
}

impl SdrParams {
	/// Checks the parameters for a sector of `leaf_count` nodes; returns the tree depth.
	pub fn check(&self, leaf_count: u64) -> Result<u32, SealError> {
		if self.layers == 0
			|| self.layers > MAX_LAYERS
			|| self.porep_challenges == 0
			|| self.challenges_per_batch == 0
		{
			return Err(SealError::InvalidParams);
		}
		let depth = tree_depth(leaf_count).map_err(|_| SealError::BadLeafCount)?;
		if depth == 0 {
			return Err(SealError::BadLeafCount);
		}
		Ok(depth)
	}

	/// The number of batches a prove-commit is split into.
	pub fn batch_count(&self) -> u32 {
		if self.challenges_per_batch == 0 {
			return 0;
		}
		self.porep_challenges.div_ceil(self.challenges_per_batch)
	}

	/// The first challenge and the number of challenges of batch `batch`, if it exists.
	pub fn batch_range(&self, batch: u32) -> Option<(u32, u32)> {
		if batch >= self.batch_count() {
			return None;
		}
		let first = batch.checked_mul(self.challenges_per_batch)?;
		let count = self.porep_challenges.checked_sub(first)?.min(self.challenges_per_batch);
		Some((first, count))
	}
}

/// The parameters of one sector size in [`SEAL_SIZES`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SealSize {
	/// The sector size in bytes.
	pub sector_bytes: u64,
	/// Its sealing parameters.
	pub params: SdrParams,
	/// Whether sealing this size takes far longer than a PoSt response window (32 min), so that
	/// the seal carries a storage guarantee at all. Only 32 GiB and 64 GiB do.
	pub storage_guarantee: bool,
}

/// Filecoin's interactive parameters: 11 layers, 176 challenges, PoSt 10 leaves per sector.
const fn filecoin(challenges_per_batch: u32) -> SdrParams {
	SdrParams {
		version: SDR_VERSION,
		layers: 11,
		porep_challenges: 176,
		challenges_per_batch,
		post_challenges: 10,
	}
}

/// The parameters per sector size. Every size uses Filecoin's interactive parameters
/// (`L = 11`, `c = 176`); the batch size is the most challenges whose encoded proof fits
/// [`MAX_SEAL_BATCH_BYTES`] (5, 3, 2, 2, 2: 36, 59, 88, 88, 88 batches). 2 KiB, 8 MiB and
/// 512 MiB re-seal well within a PoSt window: they are for development and tests and carry no
/// storage guarantee.
pub const SEAL_SIZES: [SealSize; 5] = [
	SealSize { sector_bytes: 2 << 10, params: filecoin(5), storage_guarantee: false },
	SealSize { sector_bytes: 8 << 20, params: filecoin(3), storage_guarantee: false },
	SealSize { sector_bytes: 512 << 20, params: filecoin(2), storage_guarantee: false },
	SealSize { sector_bytes: 32 << 30, params: filecoin(2), storage_guarantee: true },
	SealSize { sector_bytes: 64 << 30, params: filecoin(2), storage_guarantee: true },
];

/// Light 2 KiB parameters for a development chain, the pallet's mock and the end-to-end client:
/// 2 layers, 8 challenges in one batch (34,561 bytes). No guarantee of any kind.
pub const DEV_PARAMS_2KIB: SdrParams = SdrParams {
	version: SDR_VERSION,
	layers: 2,
	porep_challenges: 8,
	challenges_per_batch: 8,
	post_challenges: 8,
};

/// The [`SEAL_SIZES`] parameters of a sector of `sector_bytes` bytes, if it has any.
pub fn params_for_size(sector_bytes: u64) -> Option<SdrParams> {
	SEAL_SIZES.iter().find(|size| size.sector_bytes == sector_bytes).map(|size| size.params)
}

/// The replica id of sector `sector_number` of `provider` (its encoded account), sealed on
/// `ticket` over data with commitment `comm_d`, with the graph of `version`.
pub fn replica_id(
	provider: &[u8],
	sector_number: u64,
	ticket: &[u8; 32],
	comm_d: &Commitment,
	version: u8,
) -> ReplicaId {
	(b"power/spp/replica-id", provider, sector_number, ticket, comm_d, version)
		.using_encoded(blake2_256)
}

/// `comm_r`: the one commitment naming both the columns and the replica.
pub fn comm_r(comm_c: &Commitment, comm_r_last: &Commitment) -> Commitment {
	let mut buf = [0u8; 1 + 64];
	let (prefix, rest) = buf.split_at_mut(1);
	prefix.fill(COMM_R_PREFIX);
	let (c, r) = rest.split_at_mut(32);
	c.copy_from_slice(comm_c);
	r.copy_from_slice(comm_r_last);
	blake2_256(&buf)
}

/// The low 64 bits (little endian) of the first eight bytes of a hash.
fn low_u64(hash: &[u8; 32]) -> u64 {
	u64::from_le_bytes(hash.first_chunk::<8>().copied().unwrap_or_default())
}

/// The second little-endian `u64` of a hash.
fn second_u64(hash: &[u8; 32]) -> u64 {
	let rest = hash.split_at(8).1;
	u64::from_le_bytes(rest.first_chunk::<8>().copied().unwrap_or_default())
}

/// The stacked graph of one sector size: DRG and expander parents. The same for every replica
/// of that size and version.
#[derive(Clone, Debug)]
pub struct Graph {
	/// Nodes per layer.
	leaf_count: u64,
	/// Bits of an edge index: `D + 3`.
	edge_bits: u32,
	/// The key of the DRG parents' hashes.
	drg_key: [u8; 32],
	/// The Feistel round keys.
	feistel_keys: [[u8; 32]; FEISTEL_ROUNDS],
}

impl Graph {
	/// The graph of `version` for `leaf_count` nodes (a power of two, at least 2).
	pub fn new(version: u8, leaf_count: u64) -> Result<Self, SealError> {
		let depth = tree_depth(leaf_count).map_err(|_| SealError::BadLeafCount)?;
		if depth == 0 {
			return Err(SealError::BadLeafCount);
		}
		let drg_key = (b"power/spp/drg", version, leaf_count).using_encoded(blake2_256);
		let mut feistel_keys = [[0u8; 32]; FEISTEL_ROUNDS];
		for (round, key) in feistel_keys.iter_mut().enumerate() {
			*key =
				(b"power/spp/feistel", version, leaf_count, round as u8).using_encoded(blake2_256);
		}
		Ok(Self { leaf_count, edge_bits: depth.saturating_add(3), drg_key, feistel_keys })
	}

	/// Nodes per layer.
	pub fn leaf_count(&self) -> u64 {
		self.leaf_count
	}

	/// The DRG parents of node `v` in its own layer: five bucket-sampled parents, then `v − 1`.
	/// Node 0 and node 1 have only node 0.
	pub fn drg_parents(&self, v: u64) -> [u64; DRG_DEGREE] {
		let mut parents = [0u64; DRG_DEGREE];
		if v < 2 {
			return parents;
		}
		let m = DRG_SAMPLED as u64;
		let base = v.saturating_mul(m);
		// floor(log2(5v)) >= 3 for v >= 2.
		let logi = u64::from(63u32.saturating_sub(base.leading_zeros())).max(1);
		for (k, parent) in parents.iter_mut().take(DRG_SAMPLED).enumerate() {
			let mut buf = [0u8; 32 + 8 + 1];
			let (key, rest) = buf.split_at_mut(32);
			key.copy_from_slice(&self.drg_key);
			let (node, index) = rest.split_at_mut(8);
			node.copy_from_slice(&v.to_le_bytes());
			index.fill(k as u8);
			let hash = blake2_256(&buf);
			let x = base.saturating_add(k as u64);
			let j = low_u64(&hash) % logi;
			let jj = x.min(1u64 << j.saturating_add(1).min(63));
			let lo = (jj >> 1).max(2);
			let span = jj.saturating_sub(lo).saturating_add(1);
			let back = lo.saturating_add(second_u64(&hash) % span);
			let p = x.saturating_sub(back) / m;
			*parent = if p >= v { v.saturating_sub(1) } else { p };
		}
		if let Some(last) = parents.last_mut() {
			*last = v.saturating_sub(1);
		}
		parents
	}

	/// The keyed permutation of the `8N` edge indices.
	pub fn permute_edge(&self, edge: u64) -> u64 {
		let bits = self.edge_bits;
		let top = bits.div_ceil(2);
		let bottom = bits.saturating_sub(top);
		let top_mask = (1u64 << top).saturating_sub(1);
		let bottom_mask = (1u64 << bottom).saturating_sub(1);
		let mut x = edge & ((1u64 << bits).saturating_sub(1));
		for key in &self.feistel_keys {
			let hi = x >> bottom;
			let lo = x & bottom_mask;
			let mut buf = [0u8; 32 + 8];
			let (k, r) = buf.split_at_mut(32);
			k.copy_from_slice(key);
			r.copy_from_slice(&lo.to_le_bytes());
			let f = low_u64(&blake2_256(&buf));
			x = (lo << top) | ((hi ^ f) & top_mask);
		}
		x
	}

	/// The expander parents of node `v` in the layer below: `⌊π(8v + k) / 8⌋` for `k` in `0..8`.
	pub fn exp_parents(&self, v: u64) -> [u64; EXP_DEGREE] {
		let mut parents = [0u64; EXP_DEGREE];
		let first = v.saturating_mul(EXP_DEGREE as u64);
		for (k, parent) in parents.iter_mut().enumerate() {
			*parent = self.permute_edge(first.saturating_add(k as u64)) / EXP_DEGREE as u64;
		}
		parents
	}
}

/// The label of node `v` in layer `layer` (from 1), from its parents' labels in order (DRG
/// parents, then expander parents), repeated cyclically over [`PARENT_SLOTS`] slots.
pub fn label(replica_id: &ReplicaId, layer: u32, v: u64, parents: &[Label]) -> Label {
	let mut buf = [0u8; LABEL_PREIMAGE];
	let (id, rest) = buf.split_at_mut(32);
	id.copy_from_slice(replica_id);
	let (l, rest) = rest.split_at_mut(4);
	l.copy_from_slice(&layer.to_le_bytes());
	let (node, slots) = rest.split_at_mut(8);
	node.copy_from_slice(&v.to_le_bytes());
	for (slot, parent) in slots.chunks_exact_mut(32).zip(parents.iter().cycle()) {
		slot.copy_from_slice(parent);
	}
	sha2_256(&buf)
}

/// The digest of a column: a node's labels in every layer, bottom up.
pub fn column_digest(labels: &[Label]) -> Node {
	let mut buf = Vec::with_capacity(labels.len().saturating_mul(32).saturating_add(1));
	buf.push(COLUMN_PREFIX);
	for label in labels {
		buf.extend_from_slice(label);
	}
	blake2_256(&buf)
}

/// The `count` prove-commit challenges from index `first` on: nodes in `[1, leaf_count)`.
pub fn porep_challenges(
	seed: &[u8; 32],
	replica_id: &ReplicaId,
	first: u32,
	count: u32,
	leaf_count: u64,
) -> Result<Vec<u64>, SealError> {
	let depth = tree_depth(leaf_count).map_err(|_| SealError::BadLeafCount)?;
	if depth == 0 {
		return Err(SealError::BadLeafCount);
	}
	let others = leaf_count.saturating_sub(1);
	(0..count)
		.map(|i| {
			let index = first.checked_add(i).ok_or(SealError::BatchOutOfRange)?;
			let hash =
				(b"power/spp/porep-challenge", seed, replica_id, index).using_encoded(blake2_256);
			Ok(1u64.saturating_add(low_u64(&hash) % others))
		})
		.collect()
}

/// One replica leaf: a data leaf XOR a key label.
fn xor_leaf(data: &Leaf, key: &Label) -> Leaf {
	let mut out = *data;
	for (o, k) in out.iter_mut().zip(key) {
		*o ^= k;
	}
	out
}

/// XOR of two equally long byte strings: the encoding `R = D ⊕ K`, and its inverse.
fn xor_leaves(a: &[u8], key: &[Label]) -> Vec<u8> {
	a.iter().zip(key.iter().flatten()).map(|(x, k)| x ^ k).collect()
}

/// The replica of `data` under `key` (the last layer): `R = D ⊕ K`.
pub fn encode(data: &[u8], key: &[Label]) -> Result<Vec<u8>, SealError> {
	if data.len() != key.len().saturating_mul(LEAF_BYTES) {
		return Err(SealError::DataLengthMismatch);
	}
	Ok(xor_leaves(data, key))
}

/// The data of `replica` under `key`: `D = R ⊕ K`.
pub fn decode(replica: &[u8], key: &[Label]) -> Result<Vec<u8>, SealError> {
	encode(replica, key)
}

/// The parents of every node, computed once per sector size (Filecoin keeps the same as a
/// "parent cache" file: 56 bytes per node). Sealing many sectors of one size reuses it.
#[derive(Clone, Debug)]
pub struct ParentCache {
	/// The graph.
	graph: Graph,
	/// DRG parents, per node.
	drg: Vec<[u32; DRG_DEGREE]>,
	/// Expander parents, per node.
	exp: Vec<[u32; EXP_DEGREE]>,
}

impl ParentCache {
	/// Computes the parents of every node of `version`'s graph for `leaf_count` nodes (at most
	/// 2^32).
	pub fn new(version: u8, leaf_count: u64) -> Result<Self, SealError> {
		let graph = Graph::new(version, leaf_count)?;
		let n = usize::try_from(leaf_count).map_err(|_| SealError::BadLeafCount)?;
		if leaf_count > 1 << 32 {
			return Err(SealError::BadLeafCount);
		}
		let mut drg = Vec::with_capacity(n);
		let mut exp = Vec::with_capacity(n);
		for v in 0..leaf_count {
			drg.push(graph.drg_parents(v).map(|p| p as u32));
			exp.push(graph.exp_parents(v).map(|p| p as u32));
		}
		Ok(Self { graph, drg, exp })
	}

	/// The graph the cache was computed from.
	pub fn graph(&self) -> &Graph {
		&self.graph
	}

	/// Labels layer `layer` (from 1) of `replica_id`, given the layer below (`None` for
	/// layer 1).
	fn label_layer(
		&self,
		replica_id: &ReplicaId,
		layer: u32,
		below: Option<&[Label]>,
	) -> Result<Vec<Label>, SealError> {
		let mut current: Vec<Label> = Vec::with_capacity(self.drg.len());
		let mut parents = [ZERO_LABEL; DRG_DEGREE + EXP_DEGREE];
		for (v, (drg, exp)) in self.drg.iter().zip(&self.exp).enumerate() {
			let (drg_slots, exp_slots) = parents.split_at_mut(DRG_DEGREE);
			if v == 0 {
				drg_slots.fill(ZERO_LABEL);
			} else {
				for (slot, p) in drg_slots.iter_mut().zip(drg) {
					*slot = *current.get(*p as usize).ok_or(SealError::BadLeafCount)?;
				}
			}
			let used = match below {
				None => DRG_DEGREE,
				Some(below) => {
					for (slot, p) in exp_slots.iter_mut().zip(exp) {
						*slot = *below.get(*p as usize).ok_or(SealError::BadLeafCount)?;
					}
					DRG_DEGREE + EXP_DEGREE
				}
			};
			let list = parents.get(..used).unwrap_or(&[]);
			current.push(label(replica_id, layer, v as u64, list));
		}
		Ok(current)
	}

	/// The key (the last layer) of `replica_id` under `params`, keeping only two layers in
	/// memory.
	pub fn key(&self, replica_id: &ReplicaId, params: &SdrParams) -> Result<Vec<Label>, SealError> {
		params.check(self.graph.leaf_count)?;
		let mut below = self.label_layer(replica_id, 1, None)?;
		for layer in 2..=params.layers {
			below = self.label_layer(replica_id, layer, Some(&below))?;
		}
		Ok(below)
	}
}

/// A sealed sector, as the provider's tooling keeps it until prove-commit: every layer, the
/// three trees and the replica.
#[derive(Clone, Debug)]
pub struct Sealed {
	/// The parameters it was sealed with.
	params: SdrParams,
	/// The replica id it was sealed for.
	replica_id: ReplicaId,
	/// The graph.
	graph: Graph,
	/// Layers `1..=L`, each `N` labels.
	layers: Vec<Vec<Label>>,
	/// The tree over the data (`comm_d`).
	tree_d: MerkleTree,
	/// The tree over the column digests (`comm_c`).
	tree_c: MerkleTree,
	/// The tree over the replica (`comm_r_last`).
	tree_r: MerkleTree,
}

/// Seals `data` (a power-of-two number of 32-byte leaves, at least 2) for `replica_id`.
pub fn seal(data: &[u8], replica_id: &ReplicaId, params: &SdrParams) -> Result<Sealed, SealError> {
	if !data.len().is_multiple_of(LEAF_BYTES) {
		return Err(SealError::DataLengthMismatch);
	}
	let leaf_count = (data.len() / LEAF_BYTES) as u64;
	let cache = ParentCache::new(params.version, leaf_count)?;
	seal_with_cache(&cache, data, replica_id, params)
}

/// [`seal`] with a precomputed [`ParentCache`] for the sector size.
pub fn seal_with_cache(
	cache: &ParentCache,
	data: &[u8],
	replica_id: &ReplicaId,
	params: &SdrParams,
) -> Result<Sealed, SealError> {
	let leaf_count = cache.graph.leaf_count;
	params.check(leaf_count)?;
	if data.len() as u64 != leaf_count.saturating_mul(LEAF_BYTES as u64) {
		return Err(SealError::DataLengthMismatch);
	}
	let tree_d = MerkleTree::new(data)?;
	let mut layers: Vec<Vec<Label>> = Vec::with_capacity(params.layers as usize);
	for layer in 1..=params.layers {
		let next = cache.label_layer(replica_id, layer, layers.last().map(Vec::as_slice))?;
		layers.push(next);
	}
	let key = layers.last().ok_or(SealError::InvalidParams)?;
	let replica: Vec<Leaf> =
		data.as_chunks::<LEAF_BYTES>().0.iter().zip(key).map(|(d, k)| xor_leaf(d, k)).collect();
	let tree_r = MerkleTree::from_leaves(replica)?;
	let mut column = Vec::with_capacity(layers.len());
	let columns: Vec<Leaf> = (0..leaf_count as usize)
		.map(|v| {
			column.clear();
			column.extend(layers.iter().filter_map(|layer| layer.get(v)).copied());
			column_digest(&column)
		})
		.collect();
	let tree_c = MerkleTree::from_leaves(columns)?;
	Ok(Sealed {
		params: *params,
		replica_id: *replica_id,
		graph: cache.graph.clone(),
		layers,
		tree_d,
		tree_c,
		tree_r,
	})
}

/// The inputs a prove-commit is checked against: who sealed what, on which ticket, and the
/// three commitments of the pre-commit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SealInputs<'a> {
	/// The provider's encoded account.
	pub provider: &'a [u8],
	/// The sector number.
	pub sector_number: u64,
	/// The sealing ticket (chain randomness named at pre-commit).
	pub ticket: [u8; 32],
	/// The data commitment.
	pub comm_d: Commitment,
	/// The column commitment.
	pub comm_c: Commitment,
	/// The replica commitment.
	pub comm_r_last: Commitment,
}

impl SealInputs<'_> {
	/// The replica id these inputs name under `version`.
	pub fn replica_id(&self, version: u8) -> ReplicaId {
		replica_id(self.provider, self.sector_number, &self.ticket, &self.comm_d, version)
	}
}

/// A column of `comm_c`: a node's label in every layer and its Merkle path.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ColumnOpening {
	/// The labels, layer 1 first.
	pub labels: Vec<Label>,
	/// The sibling at every level of `comm_c`'s tree, bottom up.
	pub path: Vec<Node>,
}

/// The answer to one prove-commit challenge.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ChallengeProof {
	/// The challenged node's column.
	pub column: ColumnOpening,
	/// Its DRG parents' columns, in [`Graph::drg_parents`] order.
	pub drg: [ColumnOpening; DRG_DEGREE],
	/// Its expander parents' columns, in [`Graph::exp_parents`] order.
	pub exp: [ColumnOpening; EXP_DEGREE],
	/// Its data leaf in `comm_d`.
	pub data: LeafProof,
	/// Its replica leaf in `comm_r_last`.
	pub replica: LeafProof,
}

impl Sealed {
	/// The data commitment.
	pub fn comm_d(&self) -> Commitment {
		self.tree_d.root()
	}

	/// The column commitment.
	pub fn comm_c(&self) -> Commitment {
		self.tree_c.root()
	}

	/// The replica commitment: what the windowed PoSt proves leaves of.
	pub fn comm_r_last(&self) -> Commitment {
		self.tree_r.root()
	}

	/// `comm_r = H(comm_c ‖ comm_r_last)`.
	pub fn comm_r(&self) -> Commitment {
		comm_r(&self.comm_c(), &self.comm_r_last())
	}

	/// The replica id it was sealed for.
	pub fn replica_id(&self) -> ReplicaId {
		self.replica_id
	}

	/// The replica leaves: what the provider stores.
	pub fn replica(&self) -> &[Leaf] {
		self.tree_r.leaves()
	}

	/// The replica's tree, for windowed PoSt proofs.
	pub fn replica_tree(&self) -> &MerkleTree {
		&self.tree_r
	}

	/// Layer `layer` (from 1), if it exists.
	pub fn layer(&self, layer: u32) -> Option<&[Label]> {
		self.layers.get((layer as usize).checked_sub(1)?).map(Vec::as_slice)
	}

	/// The key: the last layer.
	pub fn key(&self) -> &[Label] {
		self.layers.last().map(Vec::as_slice).unwrap_or(&[])
	}

	/// The column of node `v` and its path in `comm_c`.
	fn open_column(&self, v: u64) -> Result<ColumnOpening, SealError> {
		let index = usize::try_from(v).map_err(|_| SealError::BadLeafCount)?;
		let labels = self
			.layers
			.iter()
			.map(|layer| layer.get(index).copied().ok_or(SealError::BadLeafCount))
			.collect::<Result<Vec<_>, _>>()?;
		Ok(ColumnOpening { labels, path: self.tree_c.prove_leaf(v)?.path })
	}

	/// The proof of batch `batch` of the challenges drawn from `seed`.
	pub fn prove_batch(
		&self,
		seed: &[u8; 32],
		batch: u32,
	) -> Result<Vec<ChallengeProof>, SealError> {
		let (first, count) = self.params.batch_range(batch).ok_or(SealError::BatchOutOfRange)?;
		let leaf_count = self.graph.leaf_count;
		self.prove_nodes(&porep_challenges(seed, &self.replica_id, first, count, leaf_count)?)
	}

	/// The answers for the challenged nodes `nodes`.
	fn prove_nodes(&self, nodes: &[u64]) -> Result<Vec<ChallengeProof>, SealError> {
		nodes
			.iter()
			.map(|&v| {
				let drg = self.graph.drg_parents(v);
				let exp = self.graph.exp_parents(v);
				let mut drg_openings = Vec::with_capacity(DRG_DEGREE);
				for p in drg {
					drg_openings.push(self.open_column(p)?);
				}
				let mut exp_openings = Vec::with_capacity(EXP_DEGREE);
				for p in exp {
					exp_openings.push(self.open_column(p)?);
				}
				Ok(ChallengeProof {
					column: self.open_column(v)?,
					drg: drg_openings.try_into().map_err(|_| SealError::BadLeafCount)?,
					exp: exp_openings.try_into().map_err(|_| SealError::BadLeafCount)?,
					data: self.tree_d.prove_leaf(v)?,
					replica: self.tree_r.prove_leaf(v)?,
				})
			})
			.collect()
	}

	/// [`Sealed::prove_batch`], SCALE-encoded as it is submitted on-chain.
	pub fn prove_batch_encoded(&self, seed: &[u8; 32], batch: u32) -> Result<Vec<u8>, SealError> {
		self.prove_batch(seed, batch).map(|proof| proof.encode())
	}
}

/// Recovers the data of `replica` sealed for `replica_id`: recomputes the key (as slow as
/// sealing) and XORs it off.
pub fn unseal(
	replica: &[u8],
	replica_id: &ReplicaId,
	params: &SdrParams,
) -> Result<Vec<u8>, SealError> {
	if !replica.len().is_multiple_of(LEAF_BYTES) {
		return Err(SealError::DataLengthMismatch);
	}
	let leaf_count = (replica.len() / LEAF_BYTES) as u64;
	let cache = ParentCache::new(params.version, leaf_count)?;
	let key = cache.key(replica_id, params)?;
	decode(replica, &key)
}

/// The length of one encoded [`ChallengeProof`] for `layers` layers and tree depth `depth`.
fn encoded_challenge_len(layers: u32, depth: u32) -> usize {
	let node = core::mem::size_of::<Node>();
	let path = Compact(depth).encoded_size().saturating_add((depth as usize).saturating_mul(node));
	let column = Compact(layers)
		.encoded_size()
		.saturating_add((layers as usize).saturating_mul(node))
		.saturating_add(path);
	let leaf = LEAF_BYTES.saturating_add(path);
	column.saturating_mul(1 + DRG_DEGREE + EXP_DEGREE).saturating_add(leaf.saturating_mul(2))
}

/// The exact length of an encoded batch of `count` challenges for a sector of `leaf_count` nodes.
pub fn encoded_batch_len(
	leaf_count: u64,
	params: &SdrParams,
	count: u32,
) -> Result<usize, SealError> {
	let depth = params.check(leaf_count)?;
	Ok(Compact(count).encoded_size().saturating_add(
		(count as usize).saturating_mul(encoded_challenge_len(params.layers, depth)),
	))
}

/// The length of the largest batch of a sector of `leaf_count` nodes: what a runtime's
/// per-call proof bound must hold.
pub fn max_encoded_batch_len(leaf_count: u64, params: &SdrParams) -> Result<usize, SealError> {
	encoded_batch_len(leaf_count, params, params.challenges_per_batch.min(params.porep_challenges))
}

/// Checks a column opening's shape and its path to `comm_c` at node `v`.
fn check_column(
	opening: &ColumnOpening,
	v: u64,
	layers: u32,
	depth: u32,
	comm_c: &Commitment,
) -> Result<(), SealError> {
	if opening.labels.len() != layers as usize {
		return Err(SealError::WrongColumnHeight);
	}
	if opening.path.len() != depth as usize {
		return Err(SealError::WrongPathLength);
	}
	if root_from_path(hash_leaf(&column_digest(&opening.labels)), v, &opening.path) != *comm_c {
		return Err(SealError::ColumnRootMismatch);
	}
	Ok(())
}

/// Checks a leaf opening's shape and its path to `root` at node `v`.
fn check_leaf(
	opening: &LeafProof,
	v: u64,
	depth: u32,
	root: &Commitment,
	mismatch: SealError,
) -> Result<(), SealError> {
	if opening.path.len() != depth as usize {
		return Err(SealError::WrongPathLength);
	}
	if root_from_path(hash_leaf(&opening.leaf), v, &opening.path) != *root {
		return Err(mismatch);
	}
	Ok(())
}

/// The label at `layer` (from 1) of a column opening.
fn label_at(opening: &ColumnOpening, layer: u32) -> Result<Label, SealError> {
	let index = (layer as usize).checked_sub(1).ok_or(SealError::WrongColumnHeight)?;
	opening.labels.get(index).copied().ok_or(SealError::WrongColumnHeight)
}

/// Checks one challenge's proof for node `v`.
fn verify_challenge(
	params: &SdrParams,
	depth: u32,
	graph: &Graph,
	replica_id: &ReplicaId,
	inputs: &SealInputs,
	v: u64,
	proof: &ChallengeProof,
) -> Result<(), SealError> {
	let layers = params.layers;
	check_column(&proof.column, v, layers, depth, &inputs.comm_c)?;
	for (opening, parent) in proof.drg.iter().zip(graph.drg_parents(v)) {
		check_column(opening, parent, layers, depth, &inputs.comm_c)?;
	}
	for (opening, parent) in proof.exp.iter().zip(graph.exp_parents(v)) {
		check_column(opening, parent, layers, depth, &inputs.comm_c)?;
	}
	check_leaf(&proof.data, v, depth, &inputs.comm_d, SealError::DataRootMismatch)?;
	check_leaf(&proof.replica, v, depth, &inputs.comm_r_last, SealError::ReplicaRootMismatch)?;

	let mut parents = [ZERO_LABEL; DRG_DEGREE + EXP_DEGREE];
	for layer in 1..=layers {
		let (drg_slots, exp_slots) = parents.split_at_mut(DRG_DEGREE);
		for (slot, opening) in drg_slots.iter_mut().zip(&proof.drg) {
			*slot = label_at(opening, layer)?;
		}
		let used = if layer == 1 {
			DRG_DEGREE
		} else {
			for (slot, opening) in exp_slots.iter_mut().zip(&proof.exp) {
				*slot = label_at(opening, layer.saturating_sub(1))?;
			}
			DRG_DEGREE + EXP_DEGREE
		};
		let list = parents.get(..used).unwrap_or(&[]);
		if label(replica_id, layer, v, list) != label_at(&proof.column, layer)? {
			return Err(SealError::LabelMismatch);
		}
	}
	let key = label_at(&proof.column, layers)?;
	if proof.replica.leaf != xor_leaf(&proof.data.leaf, &key) {
		return Err(SealError::EncodingMismatch);
	}
	Ok(())
}

/// Checks that `proofs` answer batch `batch` of the prove-commit challenges drawn from `seed`
/// for the sector of `leaf_count` nodes that `inputs` names.
pub fn verify_seal_challenges(
	params: &SdrParams,
	leaf_count: u64,
	inputs: &SealInputs,
	seed: &[u8; 32],
	batch: u32,
	proofs: &[ChallengeProof],
) -> Result<(), SealError> {
	let depth = params.check(leaf_count)?;
	let (first, count) = params.batch_range(batch).ok_or(SealError::BatchOutOfRange)?;
	if proofs.len() != count as usize {
		return Err(SealError::WrongChallengeCount);
	}
	let graph = Graph::new(params.version, leaf_count)?;
	let replica_id = inputs.replica_id(params.version);
	let challenges = porep_challenges(seed, &replica_id, first, count, leaf_count)?;
	for (v, proof) in challenges.into_iter().zip(proofs) {
		verify_challenge(params, depth, &graph, &replica_id, inputs, v, proof)?;
	}
	Ok(())
}

/// [`verify_seal_challenges`] of a SCALE-encoded batch. The whole input must decode.
pub fn verify_seal_batch(
	params: &SdrParams,
	leaf_count: u64,
	inputs: &SealInputs,
	seed: &[u8; 32],
	batch: u32,
	proof: &[u8],
) -> Result<(), SealError> {
	params.check(leaf_count)?;
	params.batch_range(batch).ok_or(SealError::BatchOutOfRange)?;
	let proofs = Vec::<ChallengeProof>::decode_all(&mut &proof[..])
		.map_err(|_| SealError::MalformedProof)?;
	verify_seal_challenges(params, leaf_count, inputs, seed, batch, &proofs)
}

/// How a runtime verifies one batch of a prove-commit. [`SdrVerifier`] opens columns; a SNARK
/// over the same relation (same inputs, same commitments) can replace it without changing what
/// the chain stores.
pub trait SealVerifier {
	/// Checks `proof` (opaque bytes) for batch `batch` of the sector that `inputs` names, of
	/// `leaf_count` nodes, sealed with `params`, against challenges drawn from `seed`.
	fn verify_seal_batch(
		params: &SdrParams,
		leaf_count: u64,
		inputs: &SealInputs,
		seed: &[u8; 32],
		batch: u32,
		proof: &[u8],
	) -> Result<(), SealError>;
}

/// The column-opening verifier: [`verify_seal_batch`].
pub struct SdrVerifier;

impl SealVerifier for SdrVerifier {
	fn verify_seal_batch(
		params: &SdrParams,
		leaf_count: u64,
		inputs: &SealInputs,
		seed: &[u8; 32],
		batch: u32,
		proof: &[u8],
	) -> Result<(), SealError> {
		verify_seal_batch(params, leaf_count, inputs, seed, batch, proof)
	}
}

/// A synthetic sealed sector's commitments and the proof of one of its batches: see
/// [`synthetic_batch`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SyntheticBatch {
	/// The data commitment: the all-zero data of a committed-capacity sector.
	pub comm_d: Commitment,
	/// The column commitment, over the opened columns only.
	pub comm_c: Commitment,
	/// The replica commitment, over the challenged replica leaves only.
	pub comm_r_last: Commitment,
	/// The batch's proof, SCALE-encoded as it is submitted on-chain.
	pub proof: Vec<u8>,
}

/// Builds commitments and a proof of batch `batch` that [`verify_seal_batch`] accepts, for a
/// sector of any size, without sealing it: **for benchmarks**, which must measure the verifier
/// at the deepest tree (64 GiB, 31 levels) and the production layer count.
///
/// The data is all zero (a committed-capacity sector, so `comm_d` is known before the
/// challenges). Only the batch's columns are real: the challenged nodes' labels are computed from
/// their parents' columns, which are arbitrary, and the trees hold those columns and zero
/// elsewhere ([`crate::proofs::SparseTree`]). This is exactly the spot check's blind spot, and why
/// the challenge count carries the soundness: with only a fraction of the columns right, a
/// prover passes one challenge with that probability, and this commitment is right nowhere
/// else. Its cost to the verifier is that of a real batch: same parents, same labels, same path
/// lengths.
pub fn synthetic_batch(
	params: &SdrParams,
	leaf_count: u64,
	provider: &[u8],
	sector_number: u64,
	ticket: &[u8; 32],
	seed: &[u8; 32],
	batch: u32,
) -> Result<SyntheticBatch, SealError> {
	use crate::proofs::SparseTree;
	use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};

	let depth = params.check(leaf_count)?;
	let (first, count) = params.batch_range(batch).ok_or(SealError::BatchOutOfRange)?;
	let graph = Graph::new(params.version, leaf_count)?;
	let tree_d = SparseTree::new(depth, [])?;
	let comm_d = tree_d.root();
	let replica_id = replica_id(provider, sector_number, ticket, &comm_d, params.version);
	let challenges = porep_challenges(seed, &replica_id, first, count, leaf_count)?;
	let challenged: BTreeSet<u64> = challenges.iter().copied().collect();
	let layers = params.layers as usize;
	let filler = |v: u64, layer: usize| -> Label {
		(b"power/spp/synthetic", v, layer as u32).using_encoded(blake2_256)
	};
	// The challenged nodes' columns, layer by layer: within a layer in increasing node order,
	// since a node's DRG parents are below it.
	let mut computed: BTreeMap<u64, Vec<Label>> =
		challenged.iter().map(|&v| (v, Vec::with_capacity(layers))).collect();
	let label_of = |computed: &BTreeMap<u64, Vec<Label>>, p: u64, layer: usize| -> Label {
		match computed.get(&p) {
			Some(column) => {
				column.get(layer.saturating_sub(1)).copied().unwrap_or_else(|| filler(p, layer))
			}
			None => filler(p, layer),
		}
	};
	for layer in 1..=layers {
		for &v in &challenged {
			let mut parents = Vec::with_capacity(DRG_DEGREE + EXP_DEGREE);
			parents.extend(graph.drg_parents(v).map(|p| label_of(&computed, p, layer)));
			if layer >= 2 {
				parents.extend(graph.exp_parents(v).map(|p| label_of(&computed, p, layer - 1)));
			}
			let next = label(&replica_id, layer as u32, v, &parents);
			if let Some(column) = computed.get_mut(&v) {
				column.push(next);
			}
		}
	}
	let column_of = |v: u64| -> Vec<Label> {
		computed.get(&v).cloned().unwrap_or_else(|| (1..=layers).map(|l| filler(v, l)).collect())
	};
	let mut opened = BTreeSet::new();
	for &v in &challenged {
		opened.insert(v);
		opened.extend(graph.drg_parents(v));
		opened.extend(graph.exp_parents(v));
	}
	let tree_c = SparseTree::new(depth, opened.iter().map(|&v| (v, column_digest(&column_of(v)))))?;
	let key_of = |v: u64| column_of(v).last().copied().unwrap_or(ZERO_LABEL);
	let tree_r = SparseTree::new(depth, challenged.iter().map(|&v| (v, key_of(v))))?;
	let open = |v: u64| ColumnOpening { labels: column_of(v), path: tree_c.prove_leaf(v).path };
	let proofs: Vec<ChallengeProof> = challenges
		.iter()
		.map(|&v| ChallengeProof {
			column: open(v),
			drg: graph.drg_parents(v).map(open),
			exp: graph.exp_parents(v).map(open),
			data: tree_d.prove_leaf(v),
			replica: tree_r.prove_leaf(v),
		})
		.collect();
	Ok(SyntheticBatch {
		comm_d,
		comm_c: tree_c.root(),
		comm_r_last: tree_r.root(),
		proof: proofs.encode(),
	})
}

/// A windowed proof of space-time of a sealed sector proves leaves of its replica commitment
/// `comm_r_last`: exactly what [`crate::proofs::ProofVerifier`] (with [`crate::proofs::MerkleVerifier`])
/// already checks, given `comm_r_last` as the commitment. No second trait is needed; a SNARK
/// PoSt can implement that one.
pub use crate::proofs::{MerkleVerifier as MerklePostVerifier, ProofVerifier as PostVerifier};

#[cfg(test)]
mod tests {
	use super::*;
	use crate::proofs::{self, commit};
	use proptest::prelude::*;
	use std::sync::OnceLock;

	const ALICE: &[u8] = b"alice's 32-byte account id......";
	const BOB: &[u8] = b"bob's 32-byte account id........";
	const SECTOR: u64 = 7;
	const TICKET: [u8; 32] = [0x11; 32];
	const SEED: [u8; 32] = [0x22; 32];
	/// The production parameters of 2 KiB: 11 layers, 176 challenges, 5 per batch.
	const PROD: SdrParams = filecoin(5);
	const N: u64 = 64;

	/// `leaves` leaves of distinct, deterministic data.
	fn data(leaves: u64, salt: u8) -> Vec<u8> {
		(0..leaves as usize * LEAF_BYTES)
			.map(|i| (i as u8).wrapping_mul(31).wrapping_add(salt))
			.collect()
	}

	fn inputs<'a>(provider: &'a [u8], sealed: &Sealed) -> SealInputs<'a> {
		SealInputs {
			provider,
			sector_number: SECTOR,
			ticket: TICKET,
			comm_d: sealed.comm_d(),
			comm_c: sealed.comm_c(),
			comm_r_last: sealed.comm_r_last(),
		}
	}

	fn seal_for(provider: &[u8], d: &[u8], params: &SdrParams) -> Sealed {
		let rid = replica_id(provider, SECTOR, &TICKET, &commit(d).unwrap(), params.version);
		seal(d, &rid, params).unwrap()
	}

	/// Alice's 2 KiB sector sealed at the production parameters, once for every test.
	fn prod() -> &'static (Vec<u8>, Sealed) {
		static SEALED: OnceLock<(Vec<u8>, Sealed)> = OnceLock::new();
		SEALED.get_or_init(|| {
			let d = data(N, 3);
			let sealed = seal_for(ALICE, &d, &PROD);
			(d, sealed)
		})
	}

	fn verify(
		inputs: &SealInputs,
		seed: &[u8; 32],
		batch: u32,
		proof: &[ChallengeProof],
	) -> Result<(), SealError> {
		verify_seal_challenges(&PROD, N, inputs, seed, batch, proof)
	}

	#[test]
	fn a_synthetic_batch_verifies_at_every_size_and_only_for_its_inputs() {
		for size in SEAL_SIZES {
			let leaf_count = size.sector_bytes / LEAF_BYTES as u64;
			let params = size.params;
			let last = params.batch_count() - 1;
			for batch in [0, last] {
				let b = synthetic_batch(&params, leaf_count, ALICE, SECTOR, &TICKET, &SEED, batch)
					.unwrap();
				let count = params.batch_range(batch).unwrap().1;
				assert_eq!(b.proof.len(), encoded_batch_len(leaf_count, &params, count).unwrap());
				let inputs = SealInputs {
					provider: ALICE,
					sector_number: SECTOR,
					ticket: TICKET,
					comm_d: b.comm_d,
					comm_c: b.comm_c,
					comm_r_last: b.comm_r_last,
				};
				let check = |inputs: &SealInputs, seed: &[u8; 32], batch: u32| {
					verify_seal_batch(&params, leaf_count, inputs, seed, batch, &b.proof)
				};
				assert_eq!(check(&inputs, &SEED, batch), Ok(()), "{} bytes", size.sector_bytes);
				assert!(check(&inputs, &[0x33; 32], batch).is_err());
				assert!(check(&SealInputs { provider: BOB, ..inputs }, &SEED, batch).is_err());
				assert!(check(&SealInputs { sector_number: SECTOR + 1, ..inputs }, &SEED, batch)
					.is_err());
				if last > 0 {
					assert!(check(&inputs, &SEED, if batch == 0 { 1 } else { 0 }).is_err());
				}
			}
		}
	}

	#[test]
	fn production_2kib_seals_and_every_batch_verifies() {
		let (d, sealed) = prod();
		let inputs = inputs(ALICE, sealed);
		assert_eq!(PROD.batch_count(), 36);
		assert_eq!(sealed.layers.len(), 11);
		for batch in 0..PROD.batch_count() {
			let bytes = sealed.prove_batch_encoded(&SEED, batch).unwrap();
			let (_, count) = PROD.batch_range(batch).unwrap();
			assert_eq!(count, if batch == 35 { 1 } else { 5 });
			assert_eq!(encoded_batch_len(N, &PROD, count), Ok(bytes.len()));
			assert!(bytes.len() <= MAX_SEAL_BATCH_BYTES);
			assert_eq!(
				SdrVerifier::verify_seal_batch(&PROD, N, &inputs, &SEED, batch, &bytes),
				Ok(())
			);
		}
		assert_eq!(sealed.prove_batch(&SEED, 36), Err(SealError::BatchOutOfRange));
		assert_eq!(
			verify_seal_batch(&PROD, N, &inputs, &SEED, 36, &[0]),
			Err(SealError::BatchOutOfRange)
		);
		// The replica is the data XOR the last layer, and unsealing gives the data back.
		let replica: Vec<u8> = sealed.replica().concat();
		assert_eq!(encode(d, sealed.key()), Ok(replica.clone()));
		assert_ne!(&replica, d);
		assert_eq!(unseal(&replica, &sealed.replica_id(), &PROD).as_ref(), Ok(d));
	}

	#[test]
	fn tampered_openings_are_rejected() {
		let (_, sealed) = prod();
		let inputs = inputs(ALICE, sealed);
		let proof = sealed.prove_batch(&SEED, 3).unwrap();
		assert_eq!(verify(&inputs, &SEED, 3, &proof), Ok(()));
		let check = |f: &dyn Fn(&mut Vec<ChallengeProof>), expected: SealError| {
			let mut bad = proof.clone();
			f(&mut bad);
			assert_eq!(verify(&inputs, &SEED, 3, &bad), Err(expected));
		};
		// A flipped label: in the challenged column, in a DRG parent's, in an expander parent's.
		check(&|p| p[0].column.labels[4][0] ^= 1, SealError::ColumnRootMismatch);
		check(&|p| p[1].drg[2].labels[10][31] ^= 0x80, SealError::ColumnRootMismatch);
		check(&|p| p[4].exp[7].labels[0][9] ^= 4, SealError::ColumnRootMismatch);
		// A flipped path node of a column, a data leaf, a replica leaf.
		check(&|p| p[2].column.path[5][0] ^= 1, SealError::ColumnRootMismatch);
		check(&|p| p[2].exp[3].path[0][0] ^= 1, SealError::ColumnRootMismatch);
		check(&|p| p[3].data.path[2][7] ^= 1, SealError::DataRootMismatch);
		check(&|p| p[3].replica.path[1][7] ^= 1, SealError::ReplicaRootMismatch);
		// A flipped data or replica leaf.
		check(&|p| p[0].data.leaf[0] ^= 1, SealError::DataRootMismatch);
		check(&|p| p[0].replica.leaf[31] ^= 1, SealError::ReplicaRootMismatch);
		// Swapped parent columns (two different parents), within DRG, within expander, across.
		let drg = sealed
			.graph
			.drg_parents(porep_challenges(&SEED, &sealed.replica_id, 15, 1, N).unwrap()[0]);
		let (a, b) = (0..6)
			.flat_map(|a| (0..6).map(move |b| (a, b)))
			.find(|(a, b)| drg[*a] != drg[*b])
			.unwrap();
		check(&|p| p[0].drg.swap(a, b), SealError::ColumnRootMismatch);
		let exp = sealed
			.graph
			.exp_parents(porep_challenges(&SEED, &sealed.replica_id, 15, 1, N).unwrap()[0]);
		let (a, b) = (0..8)
			.flat_map(|a| (0..8).map(move |b| (a, b)))
			.find(|(a, b)| exp[*a] != exp[*b])
			.unwrap();
		check(&|p| p[0].exp.swap(a, b), SealError::ColumnRootMismatch);
		check(
			&|p| {
				let e = p[0].exp[0].clone();
				p[0].exp[0] = p[0].drg[0].clone();
				p[0].drg[0] = e;
			},
			SealError::ColumnRootMismatch,
		);
		// The two answers of two different challenges swapped.
		check(&|p| p.swap(0, 1), SealError::ColumnRootMismatch);
		// Shapes.
		check(
			&|p| {
				p[1].column.labels.pop();
			},
			SealError::WrongColumnHeight,
		);
		check(&|p| p[1].drg[0].labels.push([0; 32]), SealError::WrongColumnHeight);
		check(
			&|p| {
				p[1].exp[5].path.pop();
			},
			SealError::WrongPathLength,
		);
		check(&|p| p[1].data.path.push([0; 32]), SealError::WrongPathLength);
		check(
			&|p| {
				p.pop();
			},
			SealError::WrongChallengeCount,
		);
		check(&|p| p.push(p[0].clone()), SealError::WrongChallengeCount);
	}

	#[test]
	fn encoded_proofs_decode_strictly() {
		let (_, sealed) = prod();
		let inputs = inputs(ALICE, sealed);
		let bytes = sealed.prove_batch_encoded(&SEED, 35).unwrap();
		let run = |b: &[u8]| verify_seal_batch(&PROD, N, &inputs, &SEED, 35, b);
		assert_eq!(run(&bytes), Ok(()));
		let mut trailing = bytes.clone();
		trailing.push(0);
		assert_eq!(run(&trailing), Err(SealError::MalformedProof));
		assert_eq!(run(&bytes[..bytes.len() - 1]), Err(SealError::MalformedProof));
		assert_eq!(run(&[]), Err(SealError::MalformedProof));
		// A huge claimed length does not allocate or panic.
		assert_eq!(run(&[0xff, 0xff, 0xff, 0xff, 0x03]), Err(SealError::MalformedProof));
		// A flipped bit anywhere in an encoded batch is rejected (one byte in 23, spread over
		// every part of the proof; the proptest flips random bits).
		for (i, bit) in (0..bytes.len()).step_by(23).map(|i| (i, 1u8 << (i % 8))) {
			let mut bad = bytes.clone();
			bad[i] ^= bit;
			assert!(run(&bad).is_err(), "byte {i} bit {bit}");
		}
	}

	/// A sealer that committed a wrong label consistently (Merkle openings all valid) at the
	/// node `v` of layer `layer`.
	fn with_wrong_label(sealed: &Sealed, d: &[u8], layer: usize, v: usize) -> Sealed {
		let mut bad = sealed.clone();
		bad.layers[layer][v][0] ^= 1;
		let key = bad.layers.last().unwrap().clone();
		let replica: Vec<u8> = encode(d, &key).unwrap();
		bad.tree_r = MerkleTree::new(&replica).unwrap();
		let columns: Vec<Leaf> = (0..d.len() / 32)
			.map(|v| column_digest(&bad.layers.iter().map(|l| l[v]).collect::<Vec<_>>()))
			.collect();
		bad.tree_c = MerkleTree::from_leaves(columns).unwrap();
		bad
	}

	#[test]
	fn a_wrong_label_committed_consistently_is_caught_by_recomputation() {
		let (d, sealed) = prod();
		let v = porep_challenges(&SEED, &sealed.replica_id, 0, 1, N).unwrap()[0] as usize;
		for layer in [0usize, 5, 10] {
			let bad = with_wrong_label(sealed, d, layer, v);
			let proof = bad.prove_batch(&SEED, 0).unwrap();
			assert_eq!(
				verify(&inputs(ALICE, &bad), &SEED, 0, &proof),
				Err(SealError::LabelMismatch),
				"layer {layer}"
			);
		}
		// A wrong label of a parent of v: v's own label no longer follows from it.
		let parent = sealed.graph.drg_parents(v as u64)[0] as usize;
		let bad = with_wrong_label(sealed, d, 3, parent);
		let proof = bad.prove_batch(&SEED, 0).unwrap();
		assert_eq!(verify(&inputs(ALICE, &bad), &SEED, 0, &proof), Err(SealError::LabelMismatch));
		// A replica leaf that is not data XOR key, committed consistently.
		let mut bad = sealed.clone();
		let mut replica: Vec<u8> = sealed.replica().concat();
		replica[v * 32] ^= 1;
		bad.tree_r = MerkleTree::new(&replica).unwrap();
		let proof = bad.prove_batch(&SEED, 0).unwrap();
		assert_eq!(
			verify(&inputs(ALICE, &bad), &SEED, 0, &proof),
			Err(SealError::EncodingMismatch)
		);
	}

	#[test]
	fn a_replica_id_of_another_provider_sector_ticket_or_data_is_rejected() {
		let (d, sealed) = prod();
		let comm_d = sealed.comm_d();
		let claimed = inputs(ALICE, sealed);
		let honest_rid = claimed.replica_id(SDR_VERSION);
		assert_eq!(honest_rid, sealed.replica_id());
		let others = [
			replica_id(BOB, SECTOR, &TICKET, &comm_d, SDR_VERSION),
			replica_id(ALICE, SECTOR + 1, &TICKET, &comm_d, SDR_VERSION),
			replica_id(ALICE, SECTOR, &[0x12; 32], &comm_d, SDR_VERSION),
			replica_id(ALICE, SECTOR, &TICKET, &commit(&data(N, 4)).unwrap(), SDR_VERSION),
			replica_id(ALICE, SECTOR, &TICKET, &comm_d, SDR_VERSION + 1),
		];
		for (i, rid) in others.iter().enumerate() {
			assert_ne!(*rid, honest_rid);
			let other = seal(d, rid, &PROD).unwrap();
			let mut inputs = claimed;
			inputs.comm_c = other.comm_c();
			inputs.comm_r_last = other.comm_r_last();
			// Even answering the challenges the verifier draws, its labels are not Alice's.
			let nodes = porep_challenges(&SEED, &honest_rid, 0, 5, N).unwrap();
			let proof = other.prove_nodes(&nodes).unwrap();
			assert_eq!(
				verify(&inputs, &SEED, 0, &proof),
				Err(SealError::LabelMismatch),
				"case {i}"
			);
			// And its own batch answers other challenges.
			let proof = other.prove_batch(&SEED, 0).unwrap();
			assert!(verify(&inputs, &SEED, 0, &proof).is_err(), "case {i}");
		}
		// Bob proving Alice's sealed sector as his own.
		let proof = sealed.prove_batch(&SEED, 0).unwrap();
		let bob = inputs(BOB, sealed);
		assert!(verify(&bob, &SEED, 0, &proof).is_err());
		let nodes = porep_challenges(&SEED, &bob.replica_id(SDR_VERSION), 0, 5, N).unwrap();
		assert_eq!(
			verify(&bob, &SEED, 0, &sealed.prove_nodes(&nodes).unwrap()),
			Err(SealError::LabelMismatch)
		);
		// Another sector number, another ticket, another data commitment claimed for the same seal.
		let mut other = claimed;
		other.sector_number += 1;
		let nodes = porep_challenges(&SEED, &other.replica_id(SDR_VERSION), 0, 5, N).unwrap();
		assert_eq!(
			verify(&other, &SEED, 0, &sealed.prove_nodes(&nodes).unwrap()),
			Err(SealError::LabelMismatch)
		);
		let mut other = claimed;
		other.ticket[0] ^= 1;
		let nodes = porep_challenges(&SEED, &other.replica_id(SDR_VERSION), 0, 5, N).unwrap();
		assert_eq!(
			verify(&other, &SEED, 0, &sealed.prove_nodes(&nodes).unwrap()),
			Err(SealError::LabelMismatch)
		);
		let mut other = claimed;
		other.comm_d = commit(&data(N, 9)).unwrap();
		let nodes = porep_challenges(&SEED, &other.replica_id(SDR_VERSION), 0, 5, N).unwrap();
		assert_eq!(
			verify(&other, &SEED, 0, &sealed.prove_nodes(&nodes).unwrap()),
			Err(SealError::DataRootMismatch)
		);
	}

	#[test]
	fn another_seed_or_batch_index_is_rejected() {
		let (_, sealed) = prod();
		let inputs = inputs(ALICE, sealed);
		let proof = sealed.prove_batch(&SEED, 0).unwrap();
		assert_eq!(verify(&inputs, &[0x23; 32], 0, &proof), Err(SealError::ColumnRootMismatch));
		for batch in [1u32, 2, 34] {
			assert_eq!(verify(&inputs, &SEED, batch, &proof), Err(SealError::ColumnRootMismatch));
		}
		// The last batch holds one challenge: the first of another batch does not answer it.
		assert_eq!(verify(&inputs, &SEED, 35, &proof[..1]), Err(SealError::ColumnRootMismatch));
		assert_eq!(verify(&inputs, &SEED, 36, &proof), Err(SealError::BatchOutOfRange));
	}

	#[test]
	fn the_constant_all_zero_proof_is_rejected() {
		// The attack on the unsealed scheme: all-zero data, nothing stored, every answer a
		// constant. The strongest form here: every opening is a valid Merkle opening (all-zero
		// labels under a comm_c over all-zero columns, all-zero leaves under the zero trees).
		let zeros = vec![0u8; N as usize * 32];
		let zero_tree = MerkleTree::new(&zeros).unwrap();
		let zero_column = column_digest(&[ZERO_LABEL; 11]);
		let column_tree = MerkleTree::from_leaves(vec![zero_column; N as usize]).unwrap();
		let inputs = SealInputs {
			provider: ALICE,
			sector_number: SECTOR,
			ticket: TICKET,
			comm_d: zero_tree.root(),
			comm_c: column_tree.root(),
			comm_r_last: zero_tree.root(),
		};
		// Without sealing (the scheme storage-provider verifies today) the attack succeeds: the
		// constant answer (leaf 0 with the zero tree's path) passes any challenges of comm_r =
		// the zero root, while nothing is stored.
		let constant_post = vec![zero_tree.prove_leaf(0).unwrap(); 8];
		assert_eq!(proofs::verify(&zero_tree.root(), N, &SEED, SECTOR, 8, &constant_post), Ok(()));
		// Every path in a constant tree is the same, whatever the index.
		let column = ColumnOpening {
			labels: vec![ZERO_LABEL; 11],
			path: column_tree.prove_leaf(0).unwrap().path,
		};
		let leaf = zero_tree.prove_leaf(0).unwrap();
		let constant = ChallengeProof {
			column: column.clone(),
			drg: core::array::from_fn(|_| column.clone()),
			exp: core::array::from_fn(|_| column.clone()),
			data: leaf.clone(),
			replica: leaf,
		};
		for batch in [0u32, 17, 35] {
			let count = PROD.batch_range(batch).unwrap().1 as usize;
			let proof = vec![constant.clone(); count];
			assert_eq!(verify(&inputs, &SEED, batch, &proof), Err(SealError::LabelMismatch));
			let bytes = proof.encode();
			assert_eq!(
				verify_seal_batch(&PROD, N, &inputs, &SEED, batch, &bytes),
				Err(SealError::LabelMismatch)
			);
			// The literal all-zero bytes of a real batch's length.
			let zero_bytes = vec![0u8; encoded_batch_len(N, &PROD, count as u32).unwrap()];
			assert_eq!(
				verify_seal_batch(&PROD, N, &inputs, &SEED, batch, &zero_bytes),
				Err(SealError::MalformedProof)
			);
		}
		// An honest committed-capacity sector (all-zero data) is accepted: it stores R = K.
		let cc = seal_for(ALICE, &zeros, &PROD);
		assert_eq!(cc.comm_d(), zero_tree.root());
		assert_ne!(cc.comm_r_last(), zero_tree.root());
		let replica: Vec<u8> = cc.replica().concat();
		assert_eq!(replica, cc.key().concat());
		let cc_inputs = SealInputs { comm_c: cc.comm_c(), comm_r_last: cc.comm_r_last(), ..inputs };
		for batch in 0..PROD.batch_count() {
			let bytes = cc.prove_batch_encoded(&SEED, batch).unwrap();
			assert_eq!(verify_seal_batch(&PROD, N, &cc_inputs, &SEED, batch, &bytes), Ok(()));
		}
	}

	#[test]
	fn the_post_verifier_proves_leaves_of_the_replica() {
		let (d, sealed) = prod();
		let replica: Vec<u8> = sealed.replica().concat();
		let post = proofs::encode_proof(&proofs::prove(&replica, &SEED, SECTOR, 10).unwrap());
		assert_eq!(
			MerklePostVerifier::verify(&sealed.comm_r_last(), N, &SEED, SECTOR, 10, &post),
			Ok(())
		);
		// Proving the (unsealed) data instead of the replica fails.
		let unsealed = proofs::encode_proof(&proofs::prove(d, &SEED, SECTOR, 10).unwrap());
		assert_eq!(
			MerklePostVerifier::verify(&sealed.comm_r_last(), N, &SEED, SECTOR, 10, &unsealed),
			Err(ProofError::RootMismatch)
		);
	}

	#[test]
	fn the_expander_is_an_exact_8_regular_permutation() {
		for depth in 1..=12u32 {
			let n = 1u64 << depth;
			let graph = Graph::new(SDR_VERSION, n).unwrap();
			let edges = n * EXP_DEGREE as u64;
			let mut seen = vec![false; edges as usize];
			for e in 0..edges {
				let p = graph.permute_edge(e);
				assert!(p < edges);
				assert!(!seen[p as usize], "depth {depth}: {p} twice");
				seen[p as usize] = true;
			}
			let mut indegree = vec![0u32; n as usize];
			let mut self_loops = 0;
			for v in 0..n {
				for p in graph.exp_parents(v) {
					indegree[p as usize] += 1;
					self_loops += u64::from(p == v);
				}
			}
			assert!(indegree.iter().all(|d| *d == 8), "depth {depth}");
			// A permutation, not the identity or a shift: few parents are the node itself.
			if depth >= 6 {
				assert!(self_loops * 8 < n, "depth {depth}: {self_loops} self loops");
			}
		}
		// Another version or size is another graph.
		let a = Graph::new(1, 64).unwrap();
		let b = Graph::new(2, 64).unwrap();
		assert!((0..64).any(|v| a.exp_parents(v) != b.exp_parents(v)));
	}

	#[test]
	fn drg_parents_are_earlier_and_reach_far_back() {
		let n = 1u64 << 12;
		let graph = Graph::new(SDR_VERSION, n).unwrap();
		assert_eq!(graph.drg_parents(0), [0; 6]);
		assert_eq!(graph.drg_parents(1), [0; 6]);
		let mut far = 0;
		for v in 2..n {
			let parents = graph.drg_parents(v);
			assert!(parents.iter().all(|p| *p < v), "{v}: {parents:?}");
			assert_eq!(parents[5], v - 1);
			far += u64::from(parents.iter().any(|p| *p < v / 2));
		}
		// Bucket sampling: about a fifth of the nodes have a parent in the first half (856 of
		// 4096); a chain or a local window would have none.
		assert!(far * 8 > n, "{far} of {n}");
		assert!(far * 2 < n, "{far} of {n}");
	}

	#[test]
	fn a_label_is_the_sha256_of_its_1228_byte_preimage() {
		assert_eq!(LABEL_PREIMAGE, 1228);
		let rid = [5u8; 32];
		let parents: Vec<Label> = (0..14u8).map(|i| [i; 32]).collect();
		let mut preimage = rid.to_vec();
		preimage.extend_from_slice(&3u32.to_le_bytes());
		preimage.extend_from_slice(&9u64.to_le_bytes());
		for slot in 0..37 {
			preimage.extend_from_slice(&parents[slot % 14]);
		}
		assert_eq!(preimage.len(), 1228);
		assert_eq!(label(&rid, 3, 9, &parents), sha2_256(&preimage));
		// Layer 1: the six DRG parents repeated.
		let mut preimage = rid.to_vec();
		preimage.extend_from_slice(&1u32.to_le_bytes());
		preimage.extend_from_slice(&9u64.to_le_bytes());
		for slot in 0..37 {
			preimage.extend_from_slice(&parents[slot % 6]);
		}
		assert_eq!(label(&rid, 1, 9, &parents[..6]), sha2_256(&preimage));
	}

	#[test]
	fn the_size_table_fits_its_bounds() {
		let expected_batches = [36u32, 59, 88, 88, 88];
		for (size, batches) in SEAL_SIZES.iter().zip(expected_batches) {
			let n = size.sector_bytes / 32;
			let p = size.params;
			assert_eq!((p.layers, p.porep_challenges), (11, 176));
			assert_eq!(p.batch_count(), batches);
			let len = max_encoded_batch_len(n, &p).unwrap();
			assert!(len <= MAX_SEAL_BATCH_BYTES, "{}: {len}", size.sector_bytes);
			// The batch is the largest that fits.
			let more = encoded_batch_len(n, &p, p.challenges_per_batch + 1).unwrap();
			assert!(more > MAX_SEAL_BATCH_BYTES, "{}: {more}", size.sector_bytes);
			assert_eq!(params_for_size(size.sector_bytes), Some(p));
			assert_eq!(size.storage_guarantee, size.sector_bytes >= 32 << 30);
		}
		// The design's per-challenge sizes: 8,640 bytes at 2 KiB, 22,240 at 64 GiB (L = 11).
		assert_eq!(encoded_batch_len(64, &PROD, 1), Ok(1 + 8_640));
		assert_eq!(encoded_batch_len(1 << 31, &PROD, 1), Ok(1 + 22_240));
		assert_eq!(max_encoded_batch_len(64, &DEV_PARAMS_2KIB), Ok(34_561));
		assert_eq!(params_for_size(4 << 10), None);
	}

	#[test]
	fn bad_parameters_and_shapes_are_rejected() {
		let d = data(N, 1);
		let rid = [1; 32];
		for bad in [
			SdrParams { layers: 0, ..PROD },
			SdrParams { layers: MAX_LAYERS + 1, ..PROD },
			SdrParams { porep_challenges: 0, ..PROD },
			SdrParams { challenges_per_batch: 0, ..PROD },
		] {
			assert_eq!(seal(&d, &rid, &bad).err(), Some(SealError::InvalidParams));
			assert_eq!(encoded_batch_len(N, &bad, 1), Err(SealError::InvalidParams));
		}
		assert_eq!(seal(&d[..32], &rid, &PROD).err(), Some(SealError::BadLeafCount));
		assert_eq!(seal(&d[..96], &rid, &PROD).err(), Some(SealError::BadLeafCount));
		assert_eq!(seal(&d[..100], &rid, &PROD).err(), Some(SealError::DataLengthMismatch));
		assert_eq!(unseal(&d[..100], &rid, &PROD).err(), Some(SealError::DataLengthMismatch));
		assert_eq!(Graph::new(1, 1).err(), Some(SealError::BadLeafCount));
		assert_eq!(porep_challenges(&SEED, &rid, 0, 1, 1), Err(SealError::BadLeafCount));
		let cache = ParentCache::new(1, 32).unwrap();
		assert_eq!(
			seal_with_cache(&cache, &d, &rid, &PROD).err(),
			Some(SealError::DataLengthMismatch)
		);
		assert_eq!(SdrParams { challenges_per_batch: 0, ..PROD }.batch_count(), 0);
		assert_eq!(PROD.batch_range(35), Some((175, 1)));
	}

	#[test]
	fn challenges_avoid_node_zero_and_depend_on_every_input() {
		let rid = [3u8; 32];
		let c = porep_challenges(&SEED, &rid, 0, 200, 64).unwrap();
		assert!(c.iter().all(|v| (1..64).contains(v)));
		assert!(
			(1..64).all(|v| c.contains(&v))
				|| c.iter().collect::<std::collections::BTreeSet<_>>().len() > 50
		);
		assert_eq!(c[10..15], porep_challenges(&SEED, &rid, 10, 5, 64).unwrap()[..]);
		assert_ne!(c[..8], porep_challenges(&[0x23; 32], &rid, 0, 8, 64).unwrap()[..]);
		assert_ne!(c[..8], porep_challenges(&SEED, &[4; 32], 0, 8, 64).unwrap()[..]);
		assert_eq!(porep_challenges(&SEED, &rid, 0, 4, 2).unwrap(), vec![1; 4]);
		assert_eq!(porep_challenges(&SEED, &rid, u32::MAX, 2, 64), Err(SealError::BatchOutOfRange));
	}

	#[test]
	fn replica_id_and_comm_r_bind_every_input() {
		let base = replica_id(ALICE, 1, &TICKET, &[9; 32], 1);
		assert_ne!(base, replica_id(BOB, 1, &TICKET, &[9; 32], 1));
		assert_ne!(base, replica_id(ALICE, 2, &TICKET, &[9; 32], 1));
		assert_ne!(base, replica_id(ALICE, 1, &[0; 32], &[9; 32], 1));
		assert_ne!(base, replica_id(ALICE, 1, &TICKET, &[8; 32], 1));
		assert_ne!(base, replica_id(ALICE, 1, &TICKET, &[9; 32], 2));
		assert_ne!(comm_r(&[1; 32], &[2; 32]), comm_r(&[2; 32], &[1; 32]));
		assert_ne!(comm_r(&[1; 32], &[2; 32]), proofs::hash_node(&[1; 32], &[2; 32]));
	}

	/// Hex of 32 bytes.
	fn hex(bytes: &[u8]) -> String {
		bytes.iter().map(|b| format!("{b:02x}")).collect()
	}

	#[test]
	fn fixed_vectors_pin_the_commitments() {
		// Other implementations (the JavaScript client) must reproduce these bytes; the same
		// values are in primitives/vectors/porep.json.
		let (_, sealed) = prod();
		let pinned = [
			("replica_id", hex(&sealed.replica_id())),
			("comm_d", hex(&sealed.comm_d())),
			("comm_c", hex(&sealed.comm_c())),
			("comm_r_last", hex(&sealed.comm_r_last())),
			("comm_r", hex(&sealed.comm_r())),
		];
		let expected = [
			("replica_id", "7755d8f656afd37e6d4aceb0d945bacd7f337e8b99d881e0e9890836bf562e0f"),
			("comm_d", "f641f9fd6576d15e3eeb42c229bf6b72b265a42c506a8a3ca79da92a9436b298"),
			("comm_c", "f31d4a781096bdf685f5e5a5d20d50c22ea51fce35e46a3e742f78040313e38c"),
			("comm_r_last", "c648c46f440cd8ffa66b717f9f34bba7014141730527c7d8add42a7bf97b7058"),
			("comm_r", "fd19a9ab69a4eb1721dc4a2c2f529a15ac133e6767bdc81eb2f73cd996231a7c"),
		];
		for ((name, got), (_, want)) in pinned.iter().zip(expected) {
			assert_eq!(got, want, "{name}");
		}
	}

	/// The inverse of [`Graph::permute_edge`]: the rounds undone in reverse order.
	fn invert_edge(graph: &Graph, edge: u64) -> u64 {
		let bits = graph.edge_bits;
		let top = bits.div_ceil(2);
		let bottom = bits - top;
		let mut x = edge;
		for key in graph.feistel_keys.iter().rev() {
			let lo = x >> top;
			let mixed = x & ((1 << top) - 1);
			let mut buf = [0u8; 40];
			buf[..32].copy_from_slice(key);
			buf[32..].copy_from_slice(&lo.to_le_bytes());
			let hi = (mixed ^ low_u64(&blake2_256(&buf))) & ((1 << top) - 1);
			x = (hi << bottom) | lo;
		}
		x
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(256))]
		#[test]
		fn parents_stay_in_range_and_the_expander_inverts_at_every_size(
			depth in 1u32..=31,
			v in any::<u64>(),
			k in 0u64..8,
		) {
			let n = 1u64 << depth;
			let v = v % n;
			let graph = Graph::new(SDR_VERSION, n).unwrap();
			let drg = graph.drg_parents(v);
			prop_assert!(drg.iter().all(|p| *p < v.max(1)));
			prop_assert_eq!(drg[5], v.saturating_sub(1));
			prop_assert!(graph.exp_parents(v).iter().all(|p| *p < n));
			let edge = v * 8 + k;
			let permuted = graph.permute_edge(edge);
			prop_assert!(permuted < 8 * n);
			prop_assert_eq!(invert_edge(&graph, permuted), edge);
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(48))]
		#[test]
		fn small_seals_verify_unseal_and_reject_a_flipped_bit(
			depth in 1u32..7,
			layers in 1u32..4,
			challenges in 1u32..7,
			per_batch in 1u32..4,
			salt in any::<u8>(),
			sector in any::<u64>(),
			ticket in any::<[u8; 32]>(),
			seed in any::<[u8; 32]>(),
			flip in any::<(u32, usize, u8)>(),
		) {
			let n = 1u64 << depth;
			let params = SdrParams {
				version: SDR_VERSION,
				layers,
				porep_challenges: challenges,
				challenges_per_batch: per_batch,
				post_challenges: 4,
			};
			let d = data(n, salt);
			let comm_d = commit(&d).unwrap();
			let rid = replica_id(ALICE, sector, &ticket, &comm_d, SDR_VERSION);
			let sealed = seal(&d, &rid, &params).unwrap();
			let inputs = SealInputs {
				provider: ALICE,
				sector_number: sector,
				ticket,
				comm_d,
				comm_c: sealed.comm_c(),
				comm_r_last: sealed.comm_r_last(),
			};
			let mut batches = Vec::new();
			for batch in 0..params.batch_count() {
				let bytes = sealed.prove_batch_encoded(&seed, batch).unwrap();
				let count = params.batch_range(batch).unwrap().1;
				prop_assert_eq!(encoded_batch_len(n, &params, count), Ok(bytes.len()));
				prop_assert_eq!(verify_seal_batch(&params, n, &inputs, &seed, batch, &bytes), Ok(()));
				batches.push(bytes);
			}
			let batch = flip.0 % params.batch_count();
			let mut bad = batches[batch as usize].clone();
			let i = flip.1 % bad.len();
			bad[i] ^= 1 << (flip.2 % 8);
			prop_assert!(verify_seal_batch(&params, n, &inputs, &seed, batch, &bad).is_err());
			// Another provider's inputs over the same commitments fail.
			let bob = SealInputs { provider: BOB, ..inputs };
			prop_assert!(verify_seal_batch(&params, n, &bob, &seed, batch, &batches[batch as usize]).is_err());
			// Unsealing round-trips.
			let replica: Vec<u8> = sealed.replica().concat();
			prop_assert_eq!(unseal(&replica, &rid, &params), Ok(d));
		}
	}
}
