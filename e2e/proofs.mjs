// The storage proofs of power-primitives (primitives/src/proofs.rs), re-implemented in JS from
// their definition, so that the client proves sectors with code nobody on the runtime side wrote:
// - the sector data is split into 32-byte leaves, a power-of-two number of them;
// - a leaf hashes as blake2-256(0x00 ‖ leaf), an inner node as blake2-256(0x01 ‖ left ‖ right);
// - comm_r is the root of that binary tree;
// - the challenge seed is blake2-256(SCALE(("power/spp/challenge": [u8; 19], block_seed: [u8; 32],
//   provider: &[u8] (compact length + bytes), purpose: u8))), purpose 0 = ProveCommit,
//   1 = WindowPoSt;
// - challenge i is the low 64 bits (little-endian) of blake2-256(SCALE(("power/spp/leaf": [u8; 14],
//   seed, sector_number: u64, i: u32))) masked to the leaf count;
// - the proof is the SCALE Vec<LeafProof { leaf: [u8; 32], path: Vec<[u8; 32]> }>, each path from
//   the leaf's sibling up to the root's child.
// The chain accepting a prove-commit built here is the check that both sides agree.

import { compactToU8a, stringToU8a, u8aConcat, u8aToBigInt } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

export const LEAF_BYTES = 32;

export const ChallengePurpose = { ProveCommit: 0, WindowPoSt: 1 };

/** blake2-256 of the concatenation of `parts`. */
export const blake2 = (...parts) => blake2AsU8a(u8aConcat(...parts), 256);

export const hashLeaf = (leaf) => blake2(new Uint8Array([0x00]), leaf);

export const hashNode = (left, right) => blake2(new Uint8Array([0x01]), left, right);

/** `n` as a SCALE u64 (8 bytes, little endian). */
export const u64 = (n) => {
	const out = new Uint8Array(8);
	new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
	return out;
};

/** `n` as a SCALE u32 (4 bytes, little endian). */
export const u32 = (n) => {
	const out = new Uint8Array(4);
	new DataView(out.buffer).setUint32(0, Number(n), true);
	return out;
};

/** The Merkle tree over `data`: every level, leaf hashes first, the root last. */
export class MerkleTree {
	constructor(data) {
		if (data.length === 0) throw new Error('empty data');
		if (data.length % LEAF_BYTES !== 0) throw new Error('data is not a whole number of leaves');
		const count = data.length / LEAF_BYTES;
		if ((count & (count - 1)) !== 0) throw new Error('the leaf count is not a power of two');
		this.leaves = [];
		for (let i = 0; i < count; i++) {
			this.leaves.push(data.subarray(i * LEAF_BYTES, (i + 1) * LEAF_BYTES));
		}
		this.levels = [];
		let level = this.leaves.map(hashLeaf);
		while (level.length > 1) {
			const next = [];
			for (let i = 0; i < level.length; i += 2) next.push(hashNode(level[i], level[i + 1]));
			this.levels.push(level);
			level = next;
		}
		this.levels.push(level);
	}

	get root() {
		return this.levels[this.levels.length - 1][0];
	}

	get leafCount() {
		return this.leaves.length;
	}

	/** The leaf at `index` and its path of siblings, bottom up. */
	proveLeaf(index) {
		const path = [];
		let position = index;
		for (const level of this.levels.slice(0, -1)) {
			path.push(level[position ^ 1]);
			position >>= 1;
		}
		return { leaf: this.leaves[index], path };
	}
}

/** The challenge seed of `provider` (its SCALE-encoded account id) for `purpose`. */
export const challengeSeed = (blockSeed, providerBytes, purpose) =>
	blake2(
		stringToU8a('power/spp/challenge'),
		blockSeed,
		compactToU8a(providerBytes.length),
		providerBytes,
		new Uint8Array([purpose]),
	);

/** The `count` challenged leaf indices of sector `sectorNumber` with `leafCount` leaves. */
export const challenges = (seed, sectorNumber, count, leafCount) => {
	const mask = BigInt(leafCount - 1);
	const out = [];
	for (let i = 0; i < count; i++) {
		const hash = blake2(stringToU8a('power/spp/leaf'), seed, u64(sectorNumber), u32(i));
		out.push(Number(u8aToBigInt(hash.subarray(0, 8), { isLe: true }) & mask));
	}
	return out;
};

/** The SCALE-encoded proof of the challenges of `seed` for sector `sectorNumber` over `tree`. */
export const encodedProof = (tree, seed, sectorNumber, count) => {
	const parts = [compactToU8a(count)];
	for (const index of challenges(seed, sectorNumber, count, tree.leafCount)) {
		const { leaf, path } = tree.proveLeaf(index);
		parts.push(leaf, compactToU8a(path.length), ...path);
	}
	return u8aConcat(...parts);
};

/** `leaves` leaves of deterministic, distinct data. */
export const sectorData = (leaves, salt) =>
	u8aConcat(...Array.from({ length: leaves }, (_, i) => blake2(stringToU8a(`${salt}/${i}`))));
