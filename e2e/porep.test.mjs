// Self-test of porep.mjs against every entry of primitives/vectors/porep.json (what
// power-primitives' porep.rs computes: parents, labels, replica ids, commitments, challenges and
// the encoded prove-commit batches), plus unsealing, tampering and the JS verifier.
//   node --test e2e/porep.test.mjs

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { hexToU8a, u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import {
	batchCount,
	decodeBatch,
	DEV_PARAMS_2KIB,
	encodeBatch,
	encodedBatchLen,
	Graph,
	label,
	ParentCache,
	porepChallenges,
	replicaId,
	SDR_VERSION,
	seal,
	SEAL_SIZES,
	Sealed,
	unseal,
	verifySealBatch,
} from './porep.mjs';
import { MerkleTree } from './proofs.mjs';

const VECTORS = JSON.parse(
	readFileSync(new URL('../primitives/vectors/porep.json', import.meta.url), 'utf8'),
);
const N = 64;

const hex = (bytes) => u8aToHex(bytes);
const blake2Hex = (bytes) => u8aToHex(blake2AsU8a(bytes, 256));

/** The vector file's sector data: byte i is (i * 31 + salt) mod 256, or all zero. */
const sectorBytes = (data) =>
	data.kind === 'zero'
		? new Uint8Array(2048)
		: Uint8Array.from({ length: 2048 }, (_, i) => (i * 31 + data.salt) & 0xff);

/** A vector sector sealed here, with the inputs a verifier gets. Cached per vector entry. */
const sealedCases = new Map();
const sealCase = (s) => {
	if (sealedCases.has(s)) return sealedCases.get(s);
	const data = sectorBytes(s.data);
	const provider = hexToU8a(s.provider);
	const ticket = hexToU8a(s.ticket);
	const commD = new MerkleTree(data).root;
	const rid = replicaId(provider, BigInt(s.sectorNumber), ticket, commD, s.params.version);
	const started = performance.now();
	const sealed = seal(data, rid, s.params);
	const ms = performance.now() - started;
	const inputs = {
		provider,
		sectorNumber: BigInt(s.sectorNumber),
		ticket,
		commD,
		commC: sealed.commC,
		commRLast: sealed.commRLast,
	};
	const out = { data, rid, sealed, inputs, seed: hexToU8a(s.seed), ms };
	sealedCases.set(s, out);
	return out;
};

/** The SealError code `f` throws, or 'Ok'. */
const outcome = (f) => {
	try {
		f();
		return 'Ok';
	} catch (e) {
		if (e.code) return e.code;
		throw e;
	}
};

test('the parameter table is porep.rs', () => {
	assert.deepEqual(
		SEAL_SIZES.map((s) => ({ ...s, sectorBytes: String(s.sectorBytes) })),
		VECTORS.sizes,
	);
	const dev = VECTORS.sectors.find((s) => s.params.layers === 2).params;
	assert.deepEqual(DEV_PARAMS_2KIB, dev);
});

test('every node of the 2 KiB graph has the pinned DRG and expander parents', () => {
	for (const g of VECTORS.graphs.filter((g) => typeof g.leafCount === 'number')) {
		const graph = new Graph(g.version, g.leafCount);
		assert.equal(g.nodes.length, g.leafCount);
		for (const { node, drg, exp } of g.nodes) {
			assert.deepEqual(graph.drgParents(node), drg, `drg of ${node}`);
			assert.deepEqual(graph.expParents(node), exp, `exp of ${node}`);
		}
	}
});

test('the 64 GiB graph (2^31 nodes) has the pinned parents and edge permutation', () => {
	const large = VECTORS.graphs.filter((g) => typeof g.leafCount === 'string');
	assert.ok(large.length > 0);
	for (const g of large) {
		const graph = new Graph(g.version, BigInt(g.leafCount));
		for (const { node, drg, exp } of g.nodes) {
			assert.deepEqual(graph.drgParents(Number(node)).map(String), drg, `drg of ${node}`);
			assert.deepEqual(graph.expParents(Number(node)).map(String), exp, `exp of ${node}`);
		}
		for (const { edge, permuted } of g.edges) {
			assert.equal(String(graph.permuteEdge(Number(edge))), permuted, `edge ${edge}`);
		}
	}
});

test('graph shape: DRG parents precede the node, every node is an expander parent 8 times', () => {
	for (const leafCount of [2, 64, 1024]) {
		const graph = new Graph(SDR_VERSION, leafCount);
		const hits = new Array(leafCount).fill(0);
		for (let v = 0; v < leafCount; v++) {
			const drg = graph.drgParents(v);
			assert.equal(drg.length, 6);
			assert.ok(drg.every((p) => (v === 0 ? p === 0 : p < v)), `drg of ${v}`);
			if (v > 0) assert.equal(drg[5], v - 1);
			for (const p of graph.expParents(v)) hits[p]++;
		}
		assert.ok(hits.every((h) => h === 8), `expander in-degree at ${leafCount}`);
	}
	assert.throws(() => new Graph(SDR_VERSION, 1), { code: 'BadLeafCount' });
	assert.throws(() => new Graph(SDR_VERSION, 48), { code: 'BadLeafCount' });
});

test('labels hash 37 parent slots, cyclically', () => {
	const v = VECTORS.label;
	const rid = hexToU8a(v.replicaId);
	const parents = Array.from({ length: 14 }, (_, i) => new Uint8Array(32).fill(i));
	assert.equal(hex(label(rid, 3, 9, parents)), v.layer3Node9);
	assert.equal(hex(label(rid, 1, 9, parents.slice(0, 6))), v.layer1Node9FirstSix);
});

for (const s of VECTORS.sectors) {
	test(`vector sector: ${s.name}`, (t) => {
		const { data, rid, sealed, inputs, seed, ms } = sealCase(s);
		t.diagnostic(`seal: ${ms.toFixed(0)} ms (${s.params.layers} layers)`);
		assert.equal(hex(inputs.commD), s.commD);
		assert.equal(hex(rid), s.replicaId);
		assert.deepEqual(sealed.layers[0].slice(0, 3).map(hex), s.layer1First);
		assert.deepEqual(sealed.key.slice(0, 3).map(hex), s.keyFirst);
		assert.equal(blake2Hex(sealed.replica), s.replicaBlake2);
		assert.equal(hex(sealed.commC), s.commC);
		assert.equal(hex(sealed.commRLast), s.commRLast);
		assert.equal(hex(sealed.commR), s.commR);
		assert.deepEqual(porepChallenges(seed, rid, 0, s.params.porepChallenges, N), s.challenges);
		for (const b of s.batches) {
			const bytes = sealed.proveBatchEncoded(seed, b.batch);
			assert.equal(bytes.length, b.length, `batch ${b.batch} length`);
			assert.equal(blake2Hex(bytes), b.blake2, `batch ${b.batch} bytes`);
			const first = b.batch * s.params.challengesPerBatch;
			const count = Math.min(s.params.challengesPerBatch, s.params.porepChallenges - first);
			assert.equal(encodedBatchLen(N, s.params, count), b.length);
			assert.deepEqual(encodeBatch(decodeBatch(bytes)), bytes);
			const verify = () => verifySealBatch(s.params, N, inputs, seed, b.batch, bytes);
			assert.equal(outcome(verify), 'Ok');
		}
		assert.ok(!u8aEq(sealed.replica, data));
	});
}

test('every batch of the production 2 KiB sector verifies; none past the last', () => {
	const s = VECTORS.sectors.find((x) => x.params.layers === 11);
	const { sealed, inputs, seed } = sealCase(s);
	assert.equal(batchCount(s.params), 36);
	for (let batch = 0; batch < 36; batch++) {
		const bytes = sealed.proveBatchEncoded(seed, batch);
		assert.equal(bytes.length, encodedBatchLen(N, s.params, batch === 35 ? 1 : 5));
		assert.equal(outcome(() => verifySealBatch(s.params, N, inputs, seed, batch, bytes)), 'Ok');
	}
	assert.throws(() => sealed.proveBatch(seed, 36), { code: 'BatchOutOfRange' });
	const last = sealed.proveBatchEncoded(seed, 35);
	assert.equal(
		outcome(() => verifySealBatch(s.params, N, inputs, seed, 36, last)),
		'BatchOutOfRange',
	);
});

test('unsealing gives the data back', (t) => {
	for (const s of VECTORS.sectors) {
		const { data, rid, sealed } = sealCase(s);
		const started = performance.now();
		assert.ok(u8aEq(unseal(sealed.replica, rid, s.params), data), s.name);
		const ms = (performance.now() - started).toFixed(0);
		t.diagnostic(`unseal (${s.params.layers} layers): ${ms} ms`);
		// Under another replica id the "data" is garbage.
		const other = rid.slice();
		other[0] ^= 1;
		assert.ok(!u8aEq(unseal(sealed.replica, other, s.params), data));
	}
});

test('a flipped byte changes the commitments', () => {
	const s = VECTORS.sectors[0];
	const { data, rid, sealed, inputs } = sealCase(s);
	const flipped = data.slice();
	flipped[100] ^= 0x01;
	const commD = new MerkleTree(flipped).root;
	assert.ok(!u8aEq(commD, inputs.commD));
	// Through the replica id, a flipped data byte changes the whole key: every commitment.
	const rid2 = replicaId(inputs.provider, inputs.sectorNumber, inputs.ticket, commD);
	assert.ok(!u8aEq(rid2, rid));
	const resealed = seal(flipped, rid2, s.params);
	assert.ok(!u8aEq(resealed.commC, sealed.commC));
	assert.ok(!u8aEq(resealed.commRLast, sealed.commRLast));
	assert.ok(!u8aEq(resealed.commR, sealed.commR));
	// Under the same replica id the key (so comm_c) is the same and the replica differs in the
	// flipped byte only.
	const same = seal(flipped, rid, s.params);
	assert.ok(u8aEq(same.commC, sealed.commC));
	assert.ok(!u8aEq(same.commRLast, sealed.commRLast));
	const diff = [...same.replica].flatMap((b, i) => (b === sealed.replica[i] ? [] : [i]));
	assert.deepEqual(diff, [100]);
	// A flipped ticket byte, sector number or provider byte: another key.
	const { provider, sectorNumber, ticket } = inputs;
	const flipOne = (bytes, at) => Uint8Array.from(bytes, (b, i) => (i === at ? b ^ 0x80 : b));
	for (const other of [
		replicaId(provider, sectorNumber, flipOne(ticket, 31), inputs.commD),
		replicaId(provider, sectorNumber + 1n, ticket, inputs.commD),
		replicaId(flipOne(provider, 0), sectorNumber, ticket, inputs.commD),
	]) {
		assert.ok(!u8aEq(seal(data, other, s.params).commC, sealed.commC));
	}
});

test('the JS verifier rejects tampered and forged batches', () => {
	const s = VECTORS.sectors[0];
	const { data, sealed, inputs, seed } = sealCase(s);
	const p = s.params;
	const verify = (bytes, ins = inputs, sd = seed) =>
		outcome(() => verifySealBatch(p, N, ins, sd, 0, bytes));
	const proof = sealed.proveBatch(seed, 0);
	const bytes = encodeBatch(proof);
	assert.equal(verify(bytes), 'Ok');
	const tampered = (f) => {
		const copy = decodeBatch(bytes);
		f(copy);
		return verify(encodeBatch(copy));
	};
	const flip = (a, i, bit = 1) => {
		const c = a.slice();
		c[i] ^= bit;
		return c;
	};
	// A flipped label (challenged column, DRG parent's), path node, data leaf, replica path.
	const flipIn = (list, at, byte) => (list[at] = flip(list[at], byte));
	assert.equal(tampered((q) => flipIn(q[0].column.labels, 1, 0)), 'ColumnRootMismatch');
	assert.equal(tampered((q) => flipIn(q[3].drg[2].labels, 0, 31)), 'ColumnRootMismatch');
	assert.equal(tampered((q) => flipIn(q[7].exp[7].path, 5, 9)), 'ColumnRootMismatch');
	assert.equal(tampered((q) => (q[2].data.leaf = flip(q[2].data.leaf, 3))), 'DataRootMismatch');
	assert.equal(tampered((q) => flipIn(q[2].replica.path, 0, 3)), 'ReplicaRootMismatch');
	assert.equal(tampered((q) => q[1].column.labels.pop()), 'WrongColumnHeight');
	assert.equal(tampered((q) => q[1].data.path.pop()), 'WrongPathLength');
	assert.equal(tampered((q) => q.pop()), 'WrongChallengeCount');
	// Any flipped bit of the encoding, a trailing byte, a cut: rejected.
	for (const i of [0, 1, 500, 2049, bytes.length - 1]) {
		assert.notEqual(verify(flip(bytes, i)), 'Ok', `byte ${i}`);
	}
	assert.equal(verify(Uint8Array.from([...bytes, 0])), 'MalformedProof');
	assert.equal(verify(bytes.subarray(0, bytes.length - 1)), 'MalformedProof');
	// Another seed's challenges, another provider's sector.
	assert.notEqual(verify(bytes, inputs, new Uint8Array(32).fill(0x23)), 'Ok');
	assert.notEqual(verify(bytes, { ...inputs, sectorNumber: inputs.sectorNumber + 1n }), 'Ok');
	// A seal for another ticket, proven as if sealed on the pre-committed one: its columns open
	// against its own comm_c, but the labels are not the ticket's.
	const otherTicket = new Uint8Array(32).fill(0x12);
	const foreignId = replicaId(inputs.provider, inputs.sectorNumber, otherTicket, inputs.commD);
	const foreign = seal(data, foreignId, p);
	const foreignInputs = { ...inputs, commC: foreign.commC, commRLast: foreign.commRLast };
	const challenged = porepChallenges(seed, sealed.replicaId, 0, p.porepChallenges, N);
	const foreignProof = foreign.proveNodes(challenged);
	assert.equal(verify(encodeBatch(foreignProof), foreignInputs), 'LabelMismatch');
	// The data stored unsealed (comm_r_last over D, not D ⊕ K): honest columns, wrong encoding.
	const { replicaId: rid, cache, layers, treeD, treeC } = sealed;
	const plain = new Sealed(p, rid, cache, layers, treeD, treeC, new MerkleTree(data));
	const plainInputs = { ...inputs, commRLast: plain.commRLast };
	assert.equal(verify(plain.proveBatchEncoded(seed, 0), plainInputs), 'EncodingMismatch');
});

test('bad inputs are rejected, not padded', () => {
	const rid = new Uint8Array(32);
	const sealBytes = (n, params = DEV_PARAMS_2KIB, cache) =>
		seal(new Uint8Array(n), rid, params, cache);
	assert.throws(() => sealBytes(2047), { code: 'DataLengthMismatch' });
	assert.throws(() => sealBytes(32 * 48), { code: 'BadLeafCount' });
	assert.throws(() => sealBytes(32), { code: 'BadLeafCount' });
	for (const bad of [
		{ layers: 0 },
		{ layers: 17 },
		{ porepChallenges: 0 },
		{ challengesPerBatch: 0 },
	]) {
		const params = { ...DEV_PARAMS_2KIB, ...bad };
		assert.throws(() => sealBytes(2048, params), { code: 'InvalidParams' });
	}
	const smaller = new ParentCache(SDR_VERSION, 32);
	assert.throws(() => sealBytes(2048, DEV_PARAMS_2KIB, smaller), { code: 'DataLengthMismatch' });
});

test('a parent cache is reused across seals of one size', (t) => {
	const cache = new ParentCache(SDR_VERSION, N);
	const s = VECTORS.sectors[0];
	const { data, rid, sealed } = sealCase(s);
	const started = performance.now();
	const again = seal(data, rid, s.params, cache);
	const ms = (performance.now() - started).toFixed(0);
	t.diagnostic(`seal with a cached graph (${s.params.layers} layers): ${ms} ms`);
	assert.ok(u8aEq(again.commR, sealed.commR));
});
