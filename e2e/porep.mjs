// Sealing (power-primitives' Stacked-DRG proof of replication, primitives/src/porep.rs),
// re-implemented in JS from the construction its module documentation specifies, so that the
// client seals sectors and builds prove-commit proofs with code nobody on the runtime side wrote.
// Summary (the Rust docs are the specification; SCALE everywhere, integers little endian,
// b"…" raw bytes, &[u8] with a compact length prefix; N = sector bytes / 32 nodes, D = log2 N):
// - replica_id = blake2(b"power/spp/replica-id" ‖ provider: &[u8] ‖ sector: u64 ‖ ticket ‖
//   comm_d ‖ version: u8);
// - 6 DRG parents per node in its own layer (5 bucket-sampled with drg_key = blake2(
//   b"power/spp/drg" ‖ version: u8 ‖ N: u64), then v − 1; nodes 0 and 1: all 0);
// - 8 expander parents in the layer below: ⌊π(8v + k) / 8⌋, π a 3-round unbalanced Feistel
//   permutation of the D + 3 bit edge indices, round keys blake2(b"power/spp/feistel" ‖
//   version: u8 ‖ N: u64 ‖ r: u8);
// - label(l, v) = sha256(replica_id ‖ l: u32 ‖ v: u64 ‖ 37 parent labels taken cyclically
//   from [6 DRG parents in layer l (zeros for v = 0), 8 expander parents in layer l − 1 if
//   l ≥ 2]);
// - key = layer L, replica = data ⊕ key; comm_d, comm_c (over blake2(0x02 ‖ column labels)) and
//   comm_r_last are proofs.mjs Merkle roots; comm_r = blake2(0x03 ‖ comm_c ‖ comm_r_last);
// - challenge i = 1 + u64_le(blake2(b"power/spp/porep-challenge" ‖ seed ‖ replica_id ‖
//   i: u32)[0..8]) mod (N − 1), batch b answers [b·B, min((b+1)·B, c));
// - a batch proof is SCALE Vec<ChallengeProof { column, drg: [column; 6], exp: [column; 8],
//   data: LeafProof, replica: LeafProof }>, a column { labels: Vec<[u8; 32]>,
//   path: Vec<[u8; 32]> }.
// primitives/vectors/porep.json pins the Rust results; e2e/porep.test.mjs checks this file
// against every entry of it.

import { compactFromU8a, compactToU8a, stringToU8a, u8aConcat, u8aEq } from '@polkadot/util';
import { sha256AsU8a } from '@polkadot/util-crypto';
import { blake2, hashLeaf, hashNode, LEAF_BYTES, MerkleTree, u32, u64 } from './proofs.mjs';

/** DRG parents per node, the chain edge v − 1 included. */
export const DRG_DEGREE = 6;
/** Bucket-sampled DRG parents per node. */
export const DRG_SAMPLED = DRG_DEGREE - 1;
/** Expander parents per node, in the layer below. */
export const EXP_DEGREE = 8;
/** Parent label slots hashed into a label. */
export const PARENT_SLOTS = 37;
/** Rounds of the expander's Feistel permutation. */
export const FEISTEL_ROUNDS = 3;
/** The most layers a parameter set may ask for. */
export const MAX_LAYERS = 16;
/** The graph construction version, bound into every replica id. */
export const SDR_VERSION = 1;
/** The deepest tree proofs.rs accepts. */
const MAX_DEPTH = 40;

/** Filecoin's interactive parameters with `challengesPerBatch` challenges per batch. */
const filecoin = (challengesPerBatch) => ({
	version: SDR_VERSION,
	layers: 11,
	porepChallenges: 176,
	challengesPerBatch,
	postChallenges: 10,
});

/** The parameters per sector size (porep.rs `SEAL_SIZES`). */
export const SEAL_SIZES = [
	{ sectorBytes: 2n << 10n, params: filecoin(5), storageGuarantee: false },
	{ sectorBytes: 8n << 20n, params: filecoin(3), storageGuarantee: false },
	{ sectorBytes: 512n << 20n, params: filecoin(2), storageGuarantee: false },
	{ sectorBytes: 32n << 30n, params: filecoin(2), storageGuarantee: true },
	{ sectorBytes: 64n << 30n, params: filecoin(2), storageGuarantee: true },
];

/** The light 2 KiB development parameters: 2 layers, 8 challenges in one batch. */
export const DEV_PARAMS_2KIB = {
	version: SDR_VERSION,
	layers: 2,
	porepChallenges: 8,
	challengesPerBatch: 8,
	postChallenges: 8,
};

/** Why sealing, proving or verifying failed: `err.code` is the porep.rs `SealError` name. */
export class SealError extends Error {
	constructor(code, detail) {
		super(detail ? `${code}: ${detail}` : code);
		this.code = code;
	}
}

const u8 = (n) => new Uint8Array([n]);

/** The first (offset 0) or second (offset 8) little-endian u64 of a hash, as a BigInt. */
const leU64 = (hash, offset = 0) =>
	new DataView(hash.buffer, hash.byteOffset + offset, 8).getBigUint64(0, true);

/** log2 of a node count: a power of two, at least 2, at most 2^MAX_DEPTH. */
const depthOf = (leafCount) => {
	const n = BigInt(leafCount);
	if (n < 2n || (n & (n - 1n)) !== 0n) throw new SealError('BadLeafCount', `${leafCount}`);
	const depth = n.toString(2).length - 1;
	if (depth > MAX_DEPTH) throw new SealError('BadLeafCount', `${leafCount}`);
	return depth;
};

/** Checks `params` for a sector of `leafCount` nodes; returns the tree depth. */
export const checkParams = (params, leafCount) => {
	if (
		params.layers < 1 ||
		params.layers > MAX_LAYERS ||
		params.porepChallenges < 1 ||
		params.challengesPerBatch < 1
	) {
		throw new SealError('InvalidParams');
	}
	return depthOf(leafCount);
};

/** The number of batches a prove-commit is split into. */
export const batchCount = (params) => Math.ceil(params.porepChallenges / params.challengesPerBatch);

/** `[first, count]` of batch `batch`; throws `BatchOutOfRange` past the last one. */
export const batchRange = (params, batch) => {
	if (!Number.isInteger(batch) || batch < 0 || batch >= batchCount(params)) {
		throw new SealError('BatchOutOfRange', `${batch}`);
	}
	const first = batch * params.challengesPerBatch;
	return [first, Math.min(params.challengesPerBatch, params.porepChallenges - first)];
};

/** The replica id of sector `sectorNumber` of `provider` (its encoded account id). */
export const replicaId = (provider, sectorNumber, ticket, commD, version = SDR_VERSION) =>
	blake2(
		stringToU8a('power/spp/replica-id'),
		compactToU8a(provider.length),
		provider,
		u64(sectorNumber),
		ticket,
		commD,
		u8(version),
	);

/** comm_r: names both the columns and the replica. */
export const commR = (commC, commRLast) => blake2(u8(0x03), commC, commRLast);

/** The digest of a column: a node's labels, layer 1 first. */
export const columnDigest = (labels) => blake2(u8(0x02), ...labels);

/**
 * The stacked graph of one sector size. Node and edge indices are Numbers (exact: at most
 * 8 · 2^40 < 2^53); the arithmetic is on BigInts, as the Rust code's is on u64.
 */
export class Graph {
	constructor(version, leafCount) {
		this.depth = depthOf(leafCount);
		this.leafCount = Number(leafCount);
		const n = u64(leafCount);
		this.edgeBits = BigInt(this.depth + 3);
		this.drgKey = blake2(stringToU8a('power/spp/drg'), u8(version), n);
		this.feistelKeys = Array.from({ length: FEISTEL_ROUNDS }, (_, r) =>
			blake2(stringToU8a('power/spp/feistel'), u8(version), n, u8(r)),
		);
	}

	/** The DRG parents of node `v` in its own layer: five sampled, then v − 1. */
	drgParents(v) {
		if (v < 2) return new Array(DRG_DEGREE).fill(0);
		const node = BigInt(v);
		const m = BigInt(DRG_SAMPLED);
		const base = node * m;
		const logi = BigInt(base.toString(2).length - 1); // ⌊log2(5v)⌋ ≥ 3
		const parents = [];
		for (let k = 0; k < DRG_SAMPLED; k++) {
			const hash = blake2(this.drgKey, u64(node), u8(k));
			const x = base + BigInt(k);
			const j = leU64(hash) % logi;
			const bucket = 1n << (j + 1n);
			const jj = x < bucket ? x : bucket;
			const half = jj >> 1n;
			const lo = half > 2n ? half : 2n;
			const back = lo + (leU64(hash, 8) % (jj - lo + 1n));
			const p = (x - back) / m;
			parents.push(Number(p >= node ? node - 1n : p));
		}
		parents.push(v - 1);
		return parents;
	}

	/** π: the keyed permutation of the 8N edge indices. */
	permuteEdge(edge) {
		const bits = this.edgeBits;
		const top = (bits + 1n) / 2n;
		const bottom = bits - top;
		const topMask = (1n << top) - 1n;
		const bottomMask = (1n << bottom) - 1n;
		let x = BigInt(edge) & ((1n << bits) - 1n);
		for (const key of this.feistelKeys) {
			const hi = x >> bottom;
			const lo = x & bottomMask;
			const f = leU64(blake2(key, u64(lo)));
			x = (lo << top) | ((hi ^ f) & topMask);
		}
		return Number(x);
	}

	/** The expander parents of node `v` in the layer below. */
	expParents(v) {
		return Array.from({ length: EXP_DEGREE }, (_, k) =>
			Math.floor(this.permuteEdge(EXP_DEGREE * v + k) / EXP_DEGREE),
		);
	}
}

/** The label of node `v` in layer `layer` (from 1), from its parents' labels in order. */
export const label = (replica, layer, v, parents) => {
	const buf = new Uint8Array(32 + 4 + 8 + PARENT_SLOTS * 32);
	const view = new DataView(buf.buffer);
	buf.set(replica, 0);
	view.setUint32(32, layer, true);
	view.setBigUint64(36, BigInt(v), true);
	for (let slot = 0; slot < PARENT_SLOTS; slot++) {
		buf.set(parents[slot % parents.length], 44 + 32 * slot);
	}
	return sha256AsU8a(buf);
};

/** The `count` prove-commit challenges from index `first` on: nodes in [1, leafCount). */
export const porepChallenges = (seed, replica, first, count, leafCount) => {
	depthOf(leafCount);
	const others = BigInt(leafCount) - 1n;
	const domain = stringToU8a('power/spp/porep-challenge');
	return Array.from({ length: count }, (_, i) => {
		const hash = blake2(domain, seed, replica, u32(first + i));
		return Number(1n + (leU64(hash) % others));
	});
};

const ZERO_LABEL = new Uint8Array(32);

/** Every node's parents of one sector size, computed once (Filecoin's "parent cache"). */
export class ParentCache {
	constructor(version, leafCount) {
		this.graph = new Graph(version, leafCount);
		if (this.graph.depth > 32) throw new SealError('BadLeafCount', 'a cache holds 2^32 nodes');
		this.drg = [];
		this.exp = [];
		for (let v = 0; v < this.graph.leafCount; v++) {
			this.drg.push(this.graph.drgParents(v));
			this.exp.push(this.graph.expParents(v));
		}
	}

	/** Layer `layer` of `replica`, given the layer below (`null` for layer 1). */
	labelLayer(replica, layer, below) {
		const current = [];
		for (let v = 0; v < this.graph.leafCount; v++) {
			const parents =
				v === 0
					? new Array(DRG_DEGREE).fill(ZERO_LABEL)
					: this.drg[v].map((p) => current[p]);
			if (below) for (const p of this.exp[v]) parents.push(below[p]);
			current.push(label(replica, layer, v, parents));
		}
		return current;
	}

	/** The key (the last layer) of `replica`, two layers in memory at a time. */
	key(replica, params) {
		checkParams(params, this.graph.leafCount);
		let layer = null;
		for (let l = 1; l <= params.layers; l++) layer = this.labelLayer(replica, l, layer);
		return layer;
	}
}

/** `data` XOR the key's labels, leaf by leaf: the encoding R = D ⊕ K and its inverse. */
export const xorKey = (data, key) => {
	if (data.length !== key.length * LEAF_BYTES) throw new SealError('DataLengthMismatch');
	const out = new Uint8Array(data.length);
	for (let i = 0; i < data.length; i++) out[i] = data[i] ^ key[i >> 5][i & 31];
	return out;
};

/** Node count of `bytes`, which must be whole leaves. */
const leafCountOf = (bytes) => {
	if (bytes.length === 0 || bytes.length % LEAF_BYTES !== 0) {
		throw new SealError('DataLengthMismatch', `${bytes.length} bytes`);
	}
	return bytes.length / LEAF_BYTES;
};

/** A column opening, SCALE-encoded: Vec<Label> then Vec<Node>. */
const encodeColumn = ({ labels, path }) =>
	u8aConcat(compactToU8a(labels.length), ...labels, compactToU8a(path.length), ...path);

/** A leaf opening, SCALE-encoded: [u8; 32] then Vec<Node>. */
const encodeLeaf = ({ leaf, path }) => u8aConcat(leaf, compactToU8a(path.length), ...path);

/** A batch's challenge proofs, SCALE-encoded as the chain takes them. */
export const encodeBatch = (proofs) =>
	u8aConcat(
		compactToU8a(proofs.length),
		...proofs.flatMap((p) => [
			encodeColumn(p.column),
			...p.drg.map(encodeColumn),
			...p.exp.map(encodeColumn),
			encodeLeaf(p.data),
			encodeLeaf(p.replica),
		]),
	);

/** A sealed sector as the provider keeps it until prove-commit: every layer, the three trees. */
export class Sealed {
	constructor(params, replica, cache, layers, treeD, treeC, treeR) {
		Object.assign(this, { params, replicaId: replica, cache, layers, treeD, treeC, treeR });
	}

	get graph() {
		return this.cache.graph;
	}

	get commD() {
		return this.treeD.root;
	}

	get commC() {
		return this.treeC.root;
	}

	get commRLast() {
		return this.treeR.root;
	}

	get commR() {
		return commR(this.commC, this.commRLast);
	}

	/** The key: the last layer. */
	get key() {
		return this.layers[this.layers.length - 1];
	}

	/** The replica bytes: what the provider stores. */
	get replica() {
		return u8aConcat(...this.treeR.leaves);
	}

	/** Node `v`'s column (its label in every layer) and its path in comm_c's tree. */
	openColumn(v) {
		return { labels: this.layers.map((layer) => layer[v]), path: this.treeC.proveLeaf(v).path };
	}

	/** The answers for the challenged nodes `nodes`. */
	proveNodes(nodes) {
		return nodes.map((v) => ({
			column: this.openColumn(v),
			drg: this.graph.drgParents(v).map((p) => this.openColumn(p)),
			exp: this.graph.expParents(v).map((p) => this.openColumn(p)),
			data: this.treeD.proveLeaf(v),
			replica: this.treeR.proveLeaf(v),
		}));
	}

	/** The proof of batch `batch` of the challenges drawn from `seed`. */
	proveBatch(seed, batch) {
		const [first, count] = batchRange(this.params, batch);
		const nodes = porepChallenges(seed, this.replicaId, first, count, this.graph.leafCount);
		return this.proveNodes(nodes);
	}

	/** `proveBatch`, SCALE-encoded as it is submitted on-chain. */
	proveBatchEncoded(seed, batch) {
		return encodeBatch(this.proveBatch(seed, batch));
	}
}

/**
 * Seals `data` (a power-of-two number of 32-byte leaves, at least 2) for `replica` (a replica
 * id) under `params`; `cache` (a ParentCache of the size) is computed when not given.
 */
export const seal = (data, replica, params, cache) => {
	const leafCount = leafCountOf(data);
	checkParams(params, leafCount);
	cache ??= new ParentCache(params.version, leafCount);
	if (cache.graph.leafCount !== leafCount) throw new SealError('DataLengthMismatch');
	const treeD = new MerkleTree(data);
	const layers = [];
	for (let l = 1; l <= params.layers; l++) {
		layers.push(cache.labelLayer(replica, l, layers.length ? layers[layers.length - 1] : null));
	}
	const treeR = new MerkleTree(xorKey(data, layers[layers.length - 1]));
	const digests = Array.from({ length: leafCount }, (_, v) =>
		columnDigest(layers.map((layer) => layer[v])),
	);
	const treeC = new MerkleTree(u8aConcat(...digests));
	return new Sealed(params, replica, cache, layers, treeD, treeC, treeR);
};

/** Recovers the data of `replica` (bytes) sealed for `replicaIdBytes`: recomputes the key. */
export const unseal = (replica, replicaIdBytes, params, cache) => {
	const leafCount = leafCountOf(replica);
	cache ??= new ParentCache(params.version, leafCount);
	return xorKey(replica, cache.key(replicaIdBytes, params));
};

/** The exact length of an encoded batch of `count` challenges (porep.rs `encoded_batch_len`). */
export const encodedBatchLen = (leafCount, params, count) => {
	const depth = checkParams(params, leafCount);
	const path = compactToU8a(depth).length + 32 * depth;
	const column = compactToU8a(params.layers).length + 32 * params.layers + path;
	const leaf = LEAF_BYTES + path;
	const challenge = column * (1 + DRG_DEGREE + EXP_DEGREE) + 2 * leaf;
	return compactToU8a(count).length + count * challenge;
};

/** A reader of SCALE bytes that throws `MalformedProof` past the end. */
class Reader {
	constructor(bytes) {
		this.bytes = bytes;
		this.offset = 0;
	}

	take(n) {
		if (this.offset + n > this.bytes.length) {
			throw new SealError('MalformedProof', 'short input');
		}
		const out = this.bytes.subarray(this.offset, this.offset + n);
		this.offset += n;
		return out;
	}

	compact() {
		if (this.offset >= this.bytes.length) throw new SealError('MalformedProof', 'short input');
		const [len, value] = compactFromU8a(this.bytes.subarray(this.offset));
		this.offset += len;
		if (this.offset > this.bytes.length) throw new SealError('MalformedProof', 'short input');
		return value.toNumber();
	}

	vec(item) {
		return Array.from({ length: this.compact() }, () => item());
	}

	node() {
		return this.take(32);
	}

	column() {
		return { labels: this.vec(() => this.node()), path: this.vec(() => this.node()) };
	}

	leaf() {
		return { leaf: this.node(), path: this.vec(() => this.node()) };
	}
}

/** Decodes a SCALE Vec<ChallengeProof>; the whole input must decode. */
export const decodeBatch = (bytes) => {
	const r = new Reader(bytes);
	const count = r.compact();
	// Every challenge is at least 17 openings of a byte or more: refuse absurd counts early.
	if (count > bytes.length) throw new SealError('MalformedProof', 'count');
	const proofs = Array.from({ length: count }, () => ({
		column: r.column(),
		drg: Array.from({ length: DRG_DEGREE }, () => r.column()),
		exp: Array.from({ length: EXP_DEGREE }, () => r.column()),
		data: r.leaf(),
		replica: r.leaf(),
	}));
	if (r.offset !== bytes.length) throw new SealError('MalformedProof', 'trailing bytes');
	return proofs;
};

/** The root of `leafHash` at `index` under `path` (siblings, bottom up). */
const rootFromPath = (leafHash, index, path) => {
	let node = leafHash;
	let position = index;
	for (const sibling of path) {
		node = position % 2 ? hashNode(sibling, node) : hashNode(node, sibling);
		position = Math.floor(position / 2);
	}
	return node;
};

const checkColumn = (opening, v, layers, depth, commC) => {
	if (opening.labels.length !== layers) throw new SealError('WrongColumnHeight');
	if (opening.path.length !== depth) throw new SealError('WrongPathLength');
	if (!u8aEq(rootFromPath(hashLeaf(columnDigest(opening.labels)), v, opening.path), commC)) {
		throw new SealError('ColumnRootMismatch', `node ${v}`);
	}
};

const checkLeaf = (opening, v, depth, root, mismatch) => {
	if (opening.path.length !== depth) throw new SealError('WrongPathLength');
	if (!u8aEq(rootFromPath(hashLeaf(opening.leaf), v, opening.path), root)) {
		throw new SealError(mismatch, `node ${v}`);
	}
};

/**
 * Checks a decoded batch the way the runtime does: `inputs` is { provider, sectorNumber, ticket,
 * commD, commC, commRLast }. Throws a SealError; returns nothing when the batch is valid.
 */
export const verifySealChallenges = (params, leafCount, inputs, seed, batch, proofs) => {
	const depth = checkParams(params, leafCount);
	const [first, count] = batchRange(params, batch);
	if (proofs.length !== count) throw new SealError('WrongChallengeCount');
	const graph = new Graph(params.version, leafCount);
	const rid = replicaId(
		inputs.provider,
		inputs.sectorNumber,
		inputs.ticket,
		inputs.commD,
		params.version,
	);
	const nodes = porepChallenges(seed, rid, first, count, leafCount);
	nodes.forEach((v, i) => {
		const proof = proofs[i];
		const drg = graph.drgParents(v);
		const exp = graph.expParents(v);
		checkColumn(proof.column, v, params.layers, depth, inputs.commC);
		proof.drg.forEach((o, k) => checkColumn(o, drg[k], params.layers, depth, inputs.commC));
		proof.exp.forEach((o, k) => checkColumn(o, exp[k], params.layers, depth, inputs.commC));
		checkLeaf(proof.data, v, depth, inputs.commD, 'DataRootMismatch');
		checkLeaf(proof.replica, v, depth, inputs.commRLast, 'ReplicaRootMismatch');
		for (let l = 1; l <= params.layers; l++) {
			const parents = proof.drg.map((o) => o.labels[l - 1]);
			if (l > 1) for (const o of proof.exp) parents.push(o.labels[l - 2]);
			if (!u8aEq(label(rid, l, v, parents), proof.column.labels[l - 1])) {
				throw new SealError('LabelMismatch', `node ${v} layer ${l}`);
			}
		}
		const key = proof.column.labels[params.layers - 1];
		const expected = xorKey(proof.data.leaf, [key]);
		if (!u8aEq(proof.replica.leaf, expected)) throw new SealError('EncodingMismatch');
	});
};

/** `verifySealChallenges` of a SCALE-encoded batch. */
export const verifySealBatch = (params, leafCount, inputs, seed, batch, bytes) => {
	checkParams(params, leafCount);
	batchRange(params, batch);
	verifySealChallenges(params, leafCount, inputs, seed, batch, decodeBatch(bytes));
};
