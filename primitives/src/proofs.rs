//! Merkle commitments, challenges and inclusion proofs: a proof of storage that can be verified
//! on-chain.
//!
//! # The scheme
//!
//! - A sector's data is split into 32-byte leaves ([`LEAF_BYTES`]). The number of leaves must be
//!   a **power of two** (every sector size is one); any other length is rejected with
//!   [`ProofError::LeafCountNotPowerOfTwo`] or [`ProofError::UnalignedData`] rather than padded,
//!   so that a commitment always names exactly one tree shape and a challenge index is drawn
//!   without modulo bias.
//! - The commitment (`comm_r`) is the root of a binary blake2-256 Merkle tree over the leaves.
//!   Leaves and inner nodes are hashed with different one-byte prefixes (`0x00` and `0x01`), so a
//!   leaf can never be passed off as an inner node (second-preimage safety).
//! - A challenge is a set of leaf indices drawn from a 32-byte seed and the sector number
//!   ([`challenges`]). The pallet builds the seed from on-chain randomness of a fixed past block,
//!   the provider and the purpose ([`challenge_seed`]).
//! - A proof is, for every challenge in order, the challenged leaf and its Merkle path
//!   ([`LeafProof`]); on-chain it travels SCALE-encoded ([`encode_proof`]).
//!
//! [`commit`], [`challenges`], [`prove`] and [`verify`] are the same code for the storage
//! provider's off-chain tooling, the tests and the runtime.
//!
//! # What this proves, and what it does not
//!
//! A valid proof shows that, when challenged, the prover had the challenged leaves of the data it
//! committed to: with `k` random challenges, a prover that kept only a fraction `f` of the leaves
//! passes with probability at most `f^k`. It is a **proof of possession** only. It does **not**
//! prove replication (several providers, or one provider many times, may store and prove the same
//! data) nor sealing (the data is not encoded in a slow, provider-specific way, so nothing stops a
//! provider from fetching the challenged leaves from elsewhere within the challenge window, or
//! from storing the data only once for several sectors with the same `comm_r`). Proofs of
//! replication need a SNARK over a sealing encoding; the pallet verifies through the
//! [`ProofVerifier`] trait so such a verifier can replace [`MerkleVerifier`] later.

extern crate alloc;

use crate::hashing::blake2_256;
use alloc::vec::Vec;
use codec::{Compact, Decode, DecodeAll, Encode};
use scale_info::TypeInfo;

/// The size of a leaf in bytes.
pub const LEAF_BYTES: usize = 32;

/// The deepest tree accepted: 2^40 leaves of 32 bytes is 32 TiB, far above the largest sector.
pub const MAX_DEPTH: u32 = 40;

/// A node of the Merkle tree (a blake2-256 hash).
pub type Node = [u8; 32];

/// A sector's commitment: the root of the Merkle tree over its leaves.
pub type Commitment = [u8; 32];

/// A 32-byte leaf of sector data.
pub type Leaf = [u8; LEAF_BYTES];

/// The domain prefix of a leaf hash.
const LEAF_PREFIX: u8 = 0x00;
/// The domain prefix of an inner node hash.
const NODE_PREFIX: u8 = 0x01;

/// Why data could not be committed to, or a proof could not be built or verified.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ProofError {
	/// The data is empty.
	EmptyData,
	/// The data length is not a multiple of [`LEAF_BYTES`].
	UnalignedData,
	/// The number of leaves is not a power of two (or is zero), or the tree would be deeper than
	/// [`MAX_DEPTH`].
	LeafCountNotPowerOfTwo,
	/// Zero challenges were asked for.
	NoChallenges,
	/// A leaf index is outside the tree.
	LeafIndexOutOfRange,
	/// The proof bytes do not decode as a list of [`LeafProof`]s (or have trailing bytes).
	MalformedProof,
	/// The proof answers a different number of challenges than were drawn.
	WrongChallengeCount,
	/// A Merkle path does not have one node per tree level.
	WrongPathLength,
	/// A leaf and its path do not hash to the commitment.
	RootMismatch,
}

/// What a challenge seed is drawn for. Keeps the seeds of different proofs apart even when they
/// use the same block's randomness.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum ChallengePurpose {
	/// The proof that makes a pre-committed sector active.
	ProveCommit,
	/// A windowed proof of space-time for a proving deadline.
	WindowPoSt,
}

/// One challenged leaf and its Merkle path, from the leaf's sibling up to the root's child.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct LeafProof {
	/// The challenged leaf.
	pub leaf: Leaf,
	/// The sibling at every level, bottom up.
	pub path: Vec<Node>,
}

/// The hash of a leaf.
pub fn hash_leaf(leaf: &Leaf) -> Node {
	let mut buf = [0u8; 1 + LEAF_BYTES];
	let (prefix, rest) = buf.split_at_mut(1);
	prefix.fill(LEAF_PREFIX);
	rest.copy_from_slice(leaf);
	blake2_256(&buf)
}

/// The hash of an inner node from its two children.
pub fn hash_node(left: &Node, right: &Node) -> Node {
	let mut buf = [0u8; 1 + 64];
	let (prefix, rest) = buf.split_at_mut(1);
	prefix.fill(NODE_PREFIX);
	let (l, r) = rest.split_at_mut(32);
	l.copy_from_slice(left);
	r.copy_from_slice(right);
	blake2_256(&buf)
}

/// The depth of a tree with `leaf_count` leaves, if `leaf_count` is a power of two no larger
/// than `2^MAX_DEPTH`.
pub fn tree_depth(leaf_count: u64) -> Result<u32, ProofError> {
	if !leaf_count.is_power_of_two() {
		return Err(ProofError::LeafCountNotPowerOfTwo);
	}
	let depth = leaf_count.trailing_zeros();
	if depth > MAX_DEPTH {
		return Err(ProofError::LeafCountNotPowerOfTwo);
	}
	Ok(depth)
}

/// A whole Merkle tree over some data, kept in memory to build proofs. Off-chain tooling and
/// tests use it; the runtime only verifies.
#[derive(Clone, Debug)]
pub struct MerkleTree {
	/// The raw leaves.
	leaves: Vec<Leaf>,
	/// Every level of hashes, from the leaf hashes (first) to the root (last, one node).
	levels: Vec<Vec<Node>>,
}

impl MerkleTree {
	/// Builds the tree over `data`, which must be a power-of-two number of 32-byte leaves.
	pub fn new(data: &[u8]) -> Result<Self, ProofError> {
		if data.is_empty() {
			return Err(ProofError::EmptyData);
		}
		if !data.len().is_multiple_of(LEAF_BYTES) {
			return Err(ProofError::UnalignedData);
		}
		let (chunks, _) = data.as_chunks::<LEAF_BYTES>();
		Self::from_leaves(chunks.to_vec())
	}

	/// Builds the tree over `leaves`, which must be a power-of-two number of leaves.
	pub fn from_leaves(leaves: Vec<Leaf>) -> Result<Self, ProofError> {
		if leaves.is_empty() {
			return Err(ProofError::EmptyData);
		}
		tree_depth(leaves.len() as u64)?;
		let mut levels: Vec<Vec<Node>> = Vec::new();
		let mut level: Vec<Node> = leaves.iter().map(hash_leaf).collect();
		while level.len() > 1 {
			let (pairs, _) = level.as_chunks::<2>();
			let next: Vec<Node> = pairs.iter().map(|[l, r]| hash_node(l, r)).collect();
			levels.push(level);
			level = next;
		}
		levels.push(level);
		Ok(Self { leaves, levels })
	}

	/// The root: the commitment to the data.
	pub fn root(&self) -> Commitment {
		self.levels.last().and_then(|top| top.first()).copied().unwrap_or_default()
	}

	/// The number of leaves.
	pub fn leaf_count(&self) -> u64 {
		self.leaves.len() as u64
	}

	/// The raw leaves, in order.
	pub fn leaves(&self) -> &[Leaf] {
		&self.leaves
	}

	/// The proof for the leaf at `index`.
	pub fn prove_leaf(&self, index: u64) -> Result<LeafProof, ProofError> {
		let leaf = *usize::try_from(index)
			.ok()
			.and_then(|i| self.leaves.get(i))
			.ok_or(ProofError::LeafIndexOutOfRange)?;
		let mut path = Vec::with_capacity(self.levels.len().saturating_sub(1));
		let mut position = index;
		for level in self.levels.iter().take(self.levels.len().saturating_sub(1)) {
			let sibling = usize::try_from(position ^ 1)
				.ok()
				.and_then(|i| level.get(i))
				.ok_or(ProofError::LeafIndexOutOfRange)?;
			path.push(*sibling);
			position >>= 1;
		}
		Ok(LeafProof { leaf, path })
	}
}

/// A Merkle tree of `2^depth` leaves of which only a few are set; every other leaf is the zero
/// leaf. It holds `set leaves × depth` nodes, not the tree, so a 64 GiB sector's tree (31
/// levels) costs microseconds.
///
/// It is the benchmarks' tool: a proof over it costs the verifier exactly what a proof over a
/// full sector does, and it is how [`crate::porep::synthetic_batch`] builds a seal batch for the
/// deepest tree without sealing 64 GiB. It is not a way to prove storage: its root commits to a
/// tree whose other leaves are zero.
#[derive(Clone, Debug)]
pub struct SparseTree {
	/// The hash of an all-zero subtree of each height, leaves first.
	zero: Vec<Node>,
	/// The set nodes of each level, leaf hashes first, the root's level last.
	levels: Vec<alloc::collections::BTreeMap<u64, Node>>,
	/// The set leaves.
	leaves: alloc::collections::BTreeMap<u64, Leaf>,
}

impl SparseTree {
	/// The tree of depth `depth` whose leaves are `leaves` (index, leaf) and zero elsewhere. A
	/// later duplicate index replaces an earlier one; indices beyond `2^depth` are refused.
	pub fn new(
		depth: u32,
		leaves: impl IntoIterator<Item = (u64, Leaf)>,
	) -> Result<Self, ProofError> {
		if depth > MAX_DEPTH {
			return Err(ProofError::LeafCountNotPowerOfTwo);
		}
		let leaves: alloc::collections::BTreeMap<u64, Leaf> = leaves.into_iter().collect();
		if leaves.keys().any(|&index| index >> depth != 0) {
			return Err(ProofError::LeafIndexOutOfRange);
		}
		let mut zero = Vec::with_capacity(depth as usize + 1);
		let mut node = hash_leaf(&[0; LEAF_BYTES]);
		zero.push(node);
		for _ in 0..depth {
			node = hash_node(&node, &node);
			zero.push(node);
		}
		let mut levels = Vec::with_capacity(depth as usize + 1);
		let mut level: alloc::collections::BTreeMap<u64, Node> =
			leaves.iter().map(|(&index, leaf)| (index, hash_leaf(leaf))).collect();
		for zero_below in zero.iter().take(depth as usize) {
			let below = &level;
			let node = |index: u64| below.get(&index).copied().unwrap_or(*zero_below);
			let above = below
				.keys()
				.map(|&index| {
					let parent = index >> 1;
					(parent, hash_node(&node(parent << 1), &node((parent << 1) | 1)))
				})
				.collect();
			levels.push(core::mem::replace(&mut level, above));
		}
		levels.push(level);
		Ok(Self { zero, levels, leaves })
	}

	/// The root.
	pub fn root(&self) -> Commitment {
		let top = self.zero.len().saturating_sub(1);
		self.levels
			.last()
			.and_then(|level| level.get(&0))
			.or_else(|| self.zero.get(top))
			.copied()
			.unwrap_or_default()
	}

	/// The proof of the leaf at `index` (the zero leaf if it was not set).
	pub fn prove_leaf(&self, index: u64) -> LeafProof {
		let depth = self.zero.len().saturating_sub(1);
		let path = self
			.levels
			.iter()
			.zip(&self.zero)
			.take(depth)
			.enumerate()
			.map(|(level, (nodes, zero))| {
				nodes.get(&((index >> level) ^ 1)).copied().unwrap_or(*zero)
			})
			.collect();
		LeafProof { leaf: self.leaves.get(&index).copied().unwrap_or([0; LEAF_BYTES]), path }
	}
}

/// The root that the leaf hash `leaf_hash` at position `index` and its bottom-up Merkle `path`
/// hash to. The caller checks the path's length against the tree depth.
pub fn root_from_path(leaf_hash: Node, index: u64, path: &[Node]) -> Node {
	let mut node = leaf_hash;
	let mut position = index;
	for sibling in path {
		node =
			if position & 1 == 0 { hash_node(&node, sibling) } else { hash_node(sibling, &node) };
		position >>= 1;
	}
	node
}

/// The commitment (`comm_r`) to `data`: the root of its Merkle tree.
pub fn commit(data: &[u8]) -> Result<Commitment, ProofError> {
	MerkleTree::new(data).map(|tree| tree.root())
}

/// The 32-byte seed a block's randomness is recorded as: the randomness mixed with the block
/// number, so that two blocks never share a seed even if the randomness source repeats a value.
pub fn block_seed(randomness: &[u8], block: u64) -> [u8; 32] {
	(b"power/spp/block-seed", randomness, block).using_encoded(blake2_256)
}

/// The seed of one provider's challenges for one purpose, from a recorded block seed.
pub fn challenge_seed(
	block_seed: &[u8; 32],
	provider: &[u8],
	purpose: ChallengePurpose,
) -> [u8; 32] {
	(b"power/spp/challenge", block_seed, provider, purpose).using_encoded(blake2_256)
}

/// The `count` leaf indices challenged in sector `sector_number` of `leaf_count` leaves.
///
/// Index `i` is the low 64 bits of `blake2_256(seed ‖ sector_number ‖ i)` reduced modulo
/// `leaf_count`, which is a power of two, so every index is equally likely. Indices may repeat.
pub fn challenges(
	seed: &[u8; 32],
	sector_number: u64,
	count: u32,
	leaf_count: u64,
) -> Result<Vec<u64>, ProofError> {
	tree_depth(leaf_count)?;
	if count == 0 {
		return Err(ProofError::NoChallenges);
	}
	let mask = leaf_count.saturating_sub(1);
	Ok((0..count)
		.map(|i| {
			let hash = (b"power/spp/leaf", seed, sector_number, i).using_encoded(blake2_256);
			let low = hash.first_chunk::<8>().copied().unwrap_or_default();
			u64::from_le_bytes(low) & mask
		})
		.collect())
}

/// Proves the challenges of `seed` for sector `sector_number` holding `data`: the proof a storage
/// provider submits.
pub fn prove(
	data: &[u8],
	seed: &[u8; 32],
	sector_number: u64,
	count: u32,
) -> Result<Vec<LeafProof>, ProofError> {
	let tree = MerkleTree::new(data)?;
	challenges(seed, sector_number, count, tree.leaf_count())?
		.into_iter()
		.map(|index| tree.prove_leaf(index))
		.collect()
}

/// The length of [`encode_proof`]'s output for `count` challenges in a tree of `leaf_count`
/// leaves: what a runtime's proof-size bound must hold for that sector size.
pub fn encoded_proof_len(leaf_count: u64, count: u32) -> Result<usize, ProofError> {
	let depth = tree_depth(leaf_count)?;
	let path_bytes = (depth as usize).saturating_mul(core::mem::size_of::<Node>());
	let one = LEAF_BYTES.saturating_add(Compact(depth).encoded_size()).saturating_add(path_bytes);
	Ok(Compact(count).encoded_size().saturating_add((count as usize).saturating_mul(one)))
}

/// The SCALE encoding of a proof, as it is submitted on-chain.
pub fn encode_proof(proofs: &[LeafProof]) -> Vec<u8> {
	proofs.encode()
}

/// Checks that `proof` answers the `count` challenges of `seed` for sector `sector_number`,
/// whose `leaf_count`-leaf tree has root `comm_r`.
pub fn verify(
	comm_r: &Commitment,
	leaf_count: u64,
	seed: &[u8; 32],
	sector_number: u64,
	count: u32,
	proof: &[LeafProof],
) -> Result<(), ProofError> {
	let depth = tree_depth(leaf_count)?;
	let indices = challenges(seed, sector_number, count, leaf_count)?;
	if proof.len() != indices.len() {
		return Err(ProofError::WrongChallengeCount);
	}
	for (index, leaf_proof) in indices.into_iter().zip(proof) {
		if leaf_proof.path.len() != depth as usize {
			return Err(ProofError::WrongPathLength);
		}
		if root_from_path(hash_leaf(&leaf_proof.leaf), index, &leaf_proof.path) != *comm_r {
			return Err(ProofError::RootMismatch);
		}
	}
	Ok(())
}

/// [`verify`] of a SCALE-encoded proof. The whole input must decode.
pub fn verify_encoded(
	comm_r: &Commitment,
	leaf_count: u64,
	seed: &[u8; 32],
	sector_number: u64,
	count: u32,
	proof: &[u8],
) -> Result<(), ProofError> {
	let proofs =
		Vec::<LeafProof>::decode_all(&mut &proof[..]).map_err(|_| ProofError::MalformedProof)?;
	verify(comm_r, leaf_count, seed, sector_number, count, &proofs)
}

/// How the storage-provider pallet verifies a proof of storage. The runtime uses
/// [`MerkleVerifier`]; a SNARK verifier of proofs of replication can replace it later.
pub trait ProofVerifier {
	/// Checks `proof` (opaque bytes) for the sector `sector_number` with commitment `comm_r` and
	/// `leaf_count` leaves, against `count` challenges drawn from `seed`.
	fn verify(
		comm_r: &Commitment,
		leaf_count: u64,
		seed: &[u8; 32],
		sector_number: u64,
		count: u32,
		proof: &[u8],
	) -> Result<(), ProofError>;
}

/// The Merkle inclusion-proof verifier: [`verify_encoded`].
pub struct MerkleVerifier;

impl ProofVerifier for MerkleVerifier {
	fn verify(
		comm_r: &Commitment,
		leaf_count: u64,
		seed: &[u8; 32],
		sector_number: u64,
		count: u32,
		proof: &[u8],
	) -> Result<(), ProofError> {
		verify_encoded(comm_r, leaf_count, seed, sector_number, count, proof)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	/// `leaves` leaves of distinct, deterministic data.
	fn data(leaves: usize, salt: u8) -> Vec<u8> {
		(0..leaves * LEAF_BYTES).map(|i| (i as u8).wrapping_mul(31).wrapping_add(salt)).collect()
	}

	#[test]
	fn a_sparse_tree_is_the_full_tree_with_zero_leaves() {
		let set = [(1u64, [7u8; LEAF_BYTES]), (6, [9; LEAF_BYTES]), (7, [1; LEAF_BYTES])];
		let mut leaves = vec![[0u8; LEAF_BYTES]; 8];
		for (index, leaf) in set {
			leaves[index as usize] = leaf;
		}
		let full = MerkleTree::from_leaves(leaves).unwrap();
		let sparse = SparseTree::new(3, set).unwrap();
		assert_eq!(sparse.root(), full.root());
		for index in 0..8 {
			assert_eq!(sparse.prove_leaf(index), full.prove_leaf(index).unwrap());
		}
		assert_eq!(SparseTree::new(3, []).unwrap().root(), commit(&[0; 8 * LEAF_BYTES]).unwrap());
		assert_eq!(
			SparseTree::new(3, [(8, [0; LEAF_BYTES])]).unwrap_err(),
			ProofError::LeafIndexOutOfRange
		);
	}

	#[test]
	fn encoded_proof_len_is_the_length_of_a_real_proof() {
		for leaves in [1usize, 2, 64, 256] {
			let tree_data = data(leaves, 3);
			for count in [1u32, 4, 8, 70] {
				let proof = prove(&tree_data, &[9; 32], 5, count).unwrap();
				assert_eq!(
					encoded_proof_len(leaves as u64, count),
					Ok(encode_proof(&proof).len()),
					"{leaves} leaves, {count} challenges"
				);
			}
		}
		// 64 GiB, 8 challenges: 31 levels.
		assert_eq!(encoded_proof_len(1 << 31, 8), Ok(1 + 8 * (32 + 1 + 31 * 32)));
		assert_eq!(encoded_proof_len(3, 8), Err(ProofError::LeafCountNotPowerOfTwo));
	}

	const SEED: [u8; 32] = [7; 32];

	#[test]
	fn a_single_leaf_tree_is_its_leaf_hash() {
		let d = data(1, 0);
		let leaf: Leaf = d.clone().try_into().unwrap();
		assert_eq!(commit(&d), Ok(hash_leaf(&leaf)));
		assert_eq!(MerkleTree::new(&d).unwrap().prove_leaf(0).unwrap().path, Vec::<Node>::new());
	}

	#[test]
	fn a_four_leaf_root_by_hand() {
		let d = data(4, 1);
		let l: Vec<Node> = d.chunks(32).map(|c| hash_leaf(&c.try_into().unwrap())).collect();
		let root = hash_node(&hash_node(&l[0], &l[1]), &hash_node(&l[2], &l[3]));
		assert_eq!(commit(&d), Ok(root));
	}

	#[test]
	fn leaves_and_nodes_are_domain_separated() {
		let a = [1u8; 32];
		let b = [2u8; 32];
		let mut both = [0u8; 32];
		both.copy_from_slice(&hash_node(&a, &b));
		assert_ne!(hash_leaf(&both), hash_node(&a, &b));
		assert_ne!(hash_leaf(&a), a);
	}

	#[test]
	fn bad_data_is_rejected_explicitly() {
		assert_eq!(commit(&[]), Err(ProofError::EmptyData));
		assert_eq!(commit(&[0u8; 33]), Err(ProofError::UnalignedData));
		// 3 and 6 leaves: not a power of two, rejected rather than padded.
		assert_eq!(commit(&data(3, 0)), Err(ProofError::LeafCountNotPowerOfTwo));
		assert_eq!(commit(&data(6, 0)), Err(ProofError::LeafCountNotPowerOfTwo));
		assert_eq!(tree_depth(0), Err(ProofError::LeafCountNotPowerOfTwo));
		assert_eq!(tree_depth(1 << 41), Err(ProofError::LeafCountNotPowerOfTwo));
		assert_eq!(tree_depth(1 << 40), Ok(40));
		assert_eq!(tree_depth(64), Ok(6));
	}

	#[test]
	fn challenges_are_deterministic_in_range_and_depend_on_every_input() {
		let c = challenges(&SEED, 5, 16, 64).unwrap();
		assert_eq!(c.len(), 16);
		assert!(c.iter().all(|i| *i < 64));
		assert_eq!(c, challenges(&SEED, 5, 16, 64).unwrap());
		assert_ne!(c, challenges(&SEED, 6, 16, 64).unwrap());
		assert_ne!(c, challenges(&[8; 32], 5, 16, 64).unwrap());
		// A prefix of a longer draw is the shorter draw.
		assert_eq!(c[..4], challenges(&SEED, 5, 4, 64).unwrap()[..]);
		assert_eq!(challenges(&SEED, 5, 0, 64), Err(ProofError::NoChallenges));
		assert_eq!(challenges(&SEED, 5, 4, 63), Err(ProofError::LeafCountNotPowerOfTwo));
		assert_eq!(challenges(&SEED, 5, 3, 1).unwrap(), vec![0, 0, 0]);
	}

	#[test]
	fn seeds_separate_providers_purposes_and_blocks() {
		let b = block_seed(b"randomness", 10);
		assert_ne!(b, block_seed(b"randomness", 11));
		assert_ne!(b, block_seed(b"randomnesz", 10));
		let s = challenge_seed(&b, b"alice", ChallengePurpose::ProveCommit);
		assert_ne!(s, challenge_seed(&b, b"bob", ChallengePurpose::ProveCommit));
		assert_ne!(s, challenge_seed(&b, b"alice", ChallengePurpose::WindowPoSt));
	}

	#[test]
	fn an_honest_proof_verifies() {
		let d = data(64, 3);
		let root = commit(&d).unwrap();
		let proof = prove(&d, &SEED, 9, 8).unwrap();
		assert_eq!(proof.len(), 8);
		assert!(proof.iter().all(|p| p.path.len() == 6));
		assert_eq!(verify(&root, 64, &SEED, 9, 8, &proof), Ok(()));
		let bytes = encode_proof(&proof);
		assert_eq!(MerkleVerifier::verify(&root, 64, &SEED, 9, 8, &bytes), Ok(()));
	}

	#[test]
	fn wrong_proofs_are_rejected() {
		let d = data(64, 3);
		let root = commit(&d).unwrap();
		let proof = prove(&d, &SEED, 9, 8).unwrap();

		// Other data with the same shape.
		let other = prove(&data(64, 4), &SEED, 9, 8).unwrap();
		assert_eq!(verify(&root, 64, &SEED, 9, 8, &other), Err(ProofError::RootMismatch));
		// Answers to another seed's or another sector's challenges.
		let stale = prove(&d, &[1; 32], 9, 8).unwrap();
		assert_eq!(verify(&root, 64, &SEED, 9, 8, &stale), Err(ProofError::RootMismatch));
		let other_sector = prove(&d, &SEED, 10, 8).unwrap();
		assert_eq!(verify(&root, 64, &SEED, 9, 8, &other_sector), Err(ProofError::RootMismatch));
		// A flipped leaf bit or path node.
		let mut tampered = proof.clone();
		tampered[3].leaf[0] ^= 1;
		assert_eq!(verify(&root, 64, &SEED, 9, 8, &tampered), Err(ProofError::RootMismatch));
		let mut tampered = proof.clone();
		tampered[0].path[5][31] ^= 1;
		assert_eq!(verify(&root, 64, &SEED, 9, 8, &tampered), Err(ProofError::RootMismatch));
		// Too few answers, a short path, the wrong leaf count.
		assert_eq!(
			verify(&root, 64, &SEED, 9, 8, &proof[..7]),
			Err(ProofError::WrongChallengeCount)
		);
		let mut short = proof.clone();
		short[0].path.pop();
		assert_eq!(verify(&root, 64, &SEED, 9, 8, &short), Err(ProofError::WrongPathLength));
		assert_eq!(verify(&root, 32, &SEED, 9, 8, &proof), Err(ProofError::WrongPathLength));
		// Bytes that do not decode, or decode with bytes left over.
		assert_eq!(
			MerkleVerifier::verify(&root, 64, &SEED, 9, 8, &[1, 2, 3]),
			Err(ProofError::MalformedProof)
		);
		let mut trailing = encode_proof(&proof);
		trailing.push(0);
		assert_eq!(
			MerkleVerifier::verify(&root, 64, &SEED, 9, 8, &trailing),
			Err(ProofError::MalformedProof)
		);
		// A huge claimed length does not allocate or panic.
		assert_eq!(
			MerkleVerifier::verify(&root, 64, &SEED, 9, 8, &[0xff, 0xff, 0xff, 0xff, 0x03]),
			Err(ProofError::MalformedProof)
		);
	}

	#[test]
	fn the_leaf_at_a_challenged_index_is_needed() {
		// Swapping the answers of two different challenges fails: each answer is bound to its
		// index by the path's left/right order.
		let d = data(64, 5);
		let root = commit(&d).unwrap();
		let c = challenges(&SEED, 1, 8, 64).unwrap();
		let mut proof = prove(&d, &SEED, 1, 8).unwrap();
		let (a, b) =
			(0..8).flat_map(|a| (0..8).map(move |b| (a, b))).find(|(a, b)| c[*a] != c[*b]).unwrap();
		proof.swap(a, b);
		assert_eq!(verify(&root, 64, &SEED, 1, 8, &proof), Err(ProofError::RootMismatch));
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		#[test]
		fn every_leaf_proof_verifies_and_a_flip_breaks_it(
			log in 0u32..7,
			salt in any::<u8>(),
			seed in any::<[u8; 32]>(),
			sector in any::<u64>(),
			count in 1u32..6,
			flip in any::<(usize, u8)>(),
		) {
			let leaves = 1usize << log;
			let d = data(leaves, salt);
			let root = commit(&d).unwrap();
			let proof = prove(&d, &seed, sector, count).unwrap();
			prop_assert_eq!(verify(&root, leaves as u64, &seed, sector, count, &proof), Ok(()));
			let mut bad = proof.clone();
			let i = flip.0 % bad.len();
			let bit = 1u8 << (flip.1 % 8);
			bad[i].leaf[0] ^= bit;
			prop_assert_eq!(
				verify(&root, leaves as u64, &seed, sector, count, &bad),
				Err(ProofError::RootMismatch)
			);
		}
	}
}
