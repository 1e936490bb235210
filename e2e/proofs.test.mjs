// Self-test of proofs.mjs against the definitions of primitives/src/proofs.rs, with a verifier
// written here the way `proofs::verify` is. The chain accepting the client's prove-commit is the
// cross-check against the Rust code itself.   node --test e2e/

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactFromU8a, u8aEq } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { challenges, encodedProof, hashLeaf, hashNode, MerkleTree, sectorData } from './proofs.mjs';

const SEED = new Uint8Array(32).fill(7);

/** Decodes a SCALE Vec<LeafProof> and checks it like `proofs::verify`. */
const verify = (root, leafCount, seed, sectorNumber, count, bytes) => {
	const depth = Math.log2(leafCount);
	const indices = challenges(seed, sectorNumber, count, leafCount);
	let [offset, n] = compactFromU8a(bytes);
	if (n.toNumber() !== indices.length) return 'WrongChallengeCount';
	for (const index of indices) {
		const leaf = bytes.subarray(offset, offset + 32);
		offset += 32;
		const [len, pathLen] = compactFromU8a(bytes.subarray(offset));
		offset += len;
		if (pathLen.toNumber() !== depth) return 'WrongPathLength';
		let node = hashLeaf(leaf);
		let position = index;
		for (let i = 0; i < depth; i++) {
			const sibling = bytes.subarray(offset, offset + 32);
			offset += 32;
			node = position & 1 ? hashNode(sibling, node) : hashNode(node, sibling);
			position >>= 1;
		}
		if (!u8aEq(node, root)) return 'RootMismatch';
	}
	return offset === bytes.length ? 'Ok' : 'MalformedProof';
};

test('leaves and nodes hash with their domain prefixes', () => {
	const leaf = new Uint8Array(32).fill(1);
	assert.ok(u8aEq(hashLeaf(leaf), blake2AsU8a(new Uint8Array([0, ...leaf]), 256)));
	const l = new Uint8Array(32).fill(2);
	const r = new Uint8Array(32).fill(3);
	assert.ok(u8aEq(hashNode(l, r), blake2AsU8a(new Uint8Array([1, ...l, ...r]), 256)));
});

test('a single leaf tree is its leaf hash; four leaves by hand', () => {
	const one = sectorData(1, 'x');
	assert.ok(u8aEq(new MerkleTree(one).root, hashLeaf(one)));
	const four = sectorData(4, 'y');
	const h = [0, 1, 2, 3].map((i) => hashLeaf(four.subarray(i * 32, i * 32 + 32)));
	const root = hashNode(hashNode(h[0], h[1]), hashNode(h[2], h[3]));
	assert.ok(u8aEq(new MerkleTree(four).root, root));
});

test('bad data is rejected, not padded', () => {
	assert.throws(() => new MerkleTree(new Uint8Array(0)));
	assert.throws(() => new MerkleTree(new Uint8Array(33)));
	assert.throws(() => new MerkleTree(sectorData(3, 'z')));
});

test('challenges are in range, deterministic and depend on every input', () => {
	const c = challenges(SEED, 5, 16, 64);
	assert.equal(c.length, 16);
	assert.ok(c.every((i) => i >= 0 && i < 64));
	assert.deepEqual(c, challenges(SEED, 5, 16, 64));
	assert.notDeepEqual(c, challenges(SEED, 6, 16, 64));
	assert.notDeepEqual(c, challenges(new Uint8Array(32).fill(8), 5, 16, 64));
	assert.deepEqual(c.slice(0, 4), challenges(SEED, 5, 4, 64));
});

test('an honest 2 KiB proof verifies; tampering breaks it', () => {
	const data = sectorData(64, 'e2e');
	const tree = new MerkleTree(data);
	const proof = encodedProof(tree, SEED, 9, 8);
	assert.equal(verify(tree.root, 64, SEED, 9, 8, proof), 'Ok');
	const flipped = proof.slice();
	flipped[5] ^= 1;
	assert.equal(verify(tree.root, 64, SEED, 9, 8, flipped), 'RootMismatch');
	assert.equal(verify(tree.root, 64, SEED, 10, 8, proof), 'RootMismatch');
	const other = new MerkleTree(sectorData(64, 'other'));
	assert.equal(verify(tree.root, 64, SEED, 9, 8, encodedProof(other, SEED, 9, 8)), 'RootMismatch');
	assert.equal(verify(tree.root, 32, SEED, 9, 8, proof), 'WrongPathLength');
});
