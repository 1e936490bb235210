// The end-to-end client: @polkadot/api drives the power runtime on a real chain (chopsticks or
// polkadot-omni-node) with signed extrinsics from dev keys, and checks state, events and view
// functions. Exits non-zero at the first failed check.
//
//   node client.mjs --ws ws://127.0.0.1:8000 --mode chopsticks
//   node client.mjs --ws ws://127.0.0.1:9944 --mode omni
//
// --mode chopsticks advances the chain with chopsticks' `dev_newBlock`; --mode omni seals blocks
// with manual seal's `engine_createBlock` when the node offers it (polkadot-omni-node --dev does),
// and otherwise waits for the node to produce them.
//
// Note: @polkadot/types reads a Uint8Array given for a `Bytes` (Vec<u8>) argument as SCALE, with a
// length prefix, so raw bytes are passed as hex strings (u8aToHex).

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { BN, stringToU8a, u8aConcat, u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import {
	ChallengePurpose,
	challengeSeed,
	encodedProof,
	MerkleTree,
	sectorData,
} from './proofs.mjs';
import { batchCount, DEV_PARAMS_2KIB, replicaId, seal } from './porep.mjs';

// ------------------------------------------------------------------------------------------------
// Arguments and reporting.

const args = Object.fromEntries(
	process.argv.slice(2).reduce((pairs, arg, i, all) => {
		if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
		return pairs;
	}, []),
);
const WS = args.ws ?? 'ws://127.0.0.1:8000';
const MODE = args.mode ?? 'chopsticks';
if (!['chopsticks', 'omni'].includes(MODE)) throw new Error(`unknown --mode ${MODE}`);
// The longest wait for one session rotation, in blocks and in seconds.
const MAX_SESSION_BLOCKS = Number(args['max-session-blocks'] ?? 600);
const MAX_SESSION_SECONDS = Number(args['max-session-seconds'] ?? (MODE === 'omni' ? 900 : 600));

const started = Date.now();
let checks = 0;
const secs = (from) => ((Date.now() - from) / 1000).toFixed(1);
const log = (...m) => console.log(`[${secs(started).padStart(6)}s]`, ...m);

/** Asserts `cond`, counting it as a check. */
const check = (cond, what) => {
	if (!cond) throw new Error(`check failed: ${what}`);
	checks += 1;
	log(`  ok ${what}`);
};

/** Runs one named step of the scenario, timing it. */
const step = async (name, fn) => {
	const t = Date.now();
	log(`-- ${name}`);
	const result = await fn();
	log(`   done in ${secs(t)}s`);
	return result;
};

const fmt = (v) => JSON.stringify(v?.toHuman ? v.toHuman() : v);

// ------------------------------------------------------------------------------------------------
// Chain helpers.

const provider = new WsProvider(WS, 2_500, {}, 60_000);
const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });

/** The best block number. */
const bestNumber = async () => (await api.rpc.chain.getHeader()).number.toNumber();

// polkadot-omni-node --dev (manual seal) also seals a block on `engine_createBlock`.
const rpcMethods = (await api.rpc.rpc.methods()).methods.map((m) => m.toString());
const canSeal = MODE === 'omni' && rpcMethods.includes('engine_createBlock');

/** Advances the chain by `n` blocks. */
const advance = async (n) => {
	if (n <= 0) return;
	if (MODE === 'chopsticks') {
		await provider.send('dev_newBlock', [{ count: n }]);
		return;
	}
	if (canSeal) {
		for (let i = 0; i < n; i++) await provider.send('engine_createBlock', [true, true, null]);
		return;
	}
	const target = (await bestNumber()) + n;
	await new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`no block ${target} after ${30 + n * 20}s`)),
			(30 + n * 20) * 1000,
		);
		let unsub;
		api.rpc.chain
			.subscribeNewHeads((header) => {
				if (header.number.toNumber() >= target) {
					clearTimeout(timer);
					unsub?.();
					resolve();
				}
			})
			.then((u) => {
				unsub = u;
			}, reject);
	});
};

/** Advances the chain until block `n` is the best block. */
const advanceTo = async (n) => advance(n - (await bestNumber()));

/** A module error as `Pallet.Error`, or the dispatch error as text. */
const errorName = (dispatchError) => {
	if (dispatchError.isModule) {
		const { section, name } = api.registry.findMetaError(dispatchError.asModule);
		return `${section}.${name}`;
	}
	return dispatchError.toString();
};

/**
 * Signs `tx` with `signer`, submits it and waits until it is in a block. Returns the events of
 * the extrinsic and its dispatch error name (null on success).
 *
 * A session-change block is full (pallet-session's `on_initialize` reports the whole block
 * weight), so an extrinsic that would land in one does not fit. A node keeps it in its pool for
 * the next block; chopsticks drops it as `Invalid`. Then the client moves to the next block and
 * submits again, once.
 */
const submit = async (tx, signer) => {
	try {
		return await submitOnce(tx, signer);
	} catch (e) {
		if (MODE !== 'chopsticks' || !String(e.message).endsWith(': Invalid')) throw e;
		log(`   ${e.message} (a full block?): one more block, then submitting again`);
		await advance(1);
		return submitOnce(api.tx(tx.method), signer);
	}
};

const submitOnce = (tx, signer) =>
	new Promise((resolve, reject) => {
		let unsub;
		const timer = setTimeout(
			() => reject(new Error(`${tx.method.section}.${tx.method.method} not included in 180s`)),
			180_000,
		);
		tx.signAndSend(signer, { nonce: -1 }, ({ status, events, dispatchError }) => {
			if (status.isInBlock || status.isFinalized) {
				clearTimeout(timer);
				unsub?.();
				resolve({
					events: events.map(({ event }) => event),
					error: dispatchError ? errorName(dispatchError) : null,
					blockHash: status.isInBlock ? status.asInBlock : status.asFinalized,
				});
			} else if (status.isDropped || status.isInvalid || status.isUsurped) {
				clearTimeout(timer);
				unsub?.();
				reject(new Error(`${tx.method.section}.${tx.method.method}: ${status.type}`));
			}
		})
			.then((u) => {
				unsub = u;
			})
			.catch((e) => {
				clearTimeout(timer);
				reject(e);
			});
	});

/** Submits `tx` and asserts that it succeeded. Returns its events. */
const mustSucceed = async (tx, signer, what) => {
	const { events, error } = await submit(tx, signer);
	check(error === null, `${what} succeeds (dispatch error: ${error})`);
	return events;
};

/** The event `section.method` among `events`, asserted to be there. */
const findEvent = (events, section, method) => {
	const event = events.find((e) => e.section === section && e.method === method);
	check(event !== undefined, `event ${section}.${method} emitted`);
	return event;
};

/** The metadata (latest version) entry of `pallet`. */
const palletMeta = (pallet) => api.runtimeMetadata.asLatest.pallets.find((p) => p.name.eq(pallet));

/**
 * Calls the view function `pallet::name(...params)` through the `RuntimeViewFunction` runtime API
 * (`RuntimeViewFunction_execute_view_function`), encoding the inputs and decoding the output with
 * the types the metadata gives for it.
 */
const view = async (pallet, name, ...params) => {
	const meta = palletMeta(pallet);
	const fn = meta?.viewFunctions.find((f) => f.name.eq(name));
	if (!fn) throw new Error(`no view function ${pallet}::${name} in the metadata`);
	if (fn.inputs.length !== params.length) throw new Error(`${pallet}::${name}: wrong arity`);
	const input = u8aConcat(
		...fn.inputs.map((inp, i) =>
			api.registry.createType(api.registry.createLookupType(inp.type), params[i]).toU8a(),
		),
	);
	const id = fn.id.toU8a();
	if (!api.call.runtimeViewFunction?.executeViewFunction) {
		throw new Error('the runtime API RuntimeViewFunction is not in the metadata');
	}
	// Bytes from a hex string are the raw bytes (see the note at the top).
	const result = await api.call.runtimeViewFunction.executeViewFunction(
		{ prefix: id.subarray(0, 16), suffix: id.subarray(16) },
		u8aToHex(input),
	);
	if (result.isErr) throw new Error(`${pallet}::${name}: ${fmt(result.asErr)}`);
	const output = result.asOk.toU8a(true);
	return api.registry.createType(api.registry.createLookupType(fn.output), output);
};

// ------------------------------------------------------------------------------------------------
// The scenario.

const PALLETS = [
	'System',
	'ParachainSystem',
	'ParachainInfo',
	'Timestamp',
	'Balances',
	'TransactionPayment',
	'Utility',
	'Authorship',
	'PowerSelection',
	'Session',
	'Aura',
	'AuraExt',
	'CollatorPower',
	'StorageProvider',
	'Periodic',
	'PayAfter',
	'Assets',
	'AssetConversion',
];
const OUR_PALLETS = ['CollatorPower', 'StorageProvider', 'PowerSelection', 'Periodic', 'PayAfter'];

const version = api.runtimeVersion;
log(
	`connected to ${WS} (${MODE}): ${(await api.rpc.system.chain()).toString()}, ` +
		`${version.specName} v${version.specVersion}, best block ${await bestNumber()}`,
);

await step('metadata decodes, with every pallet and the docs of every call', async () => {
	check(
		api.runtimeMetadata.version >= 16,
		`metadata v${api.runtimeMetadata.version} (>= 16, with view functions)`,
	);
	for (const pallet of PALLETS) check(palletMeta(pallet) !== undefined, `pallet ${pallet} present`);
	for (const pallet of OUR_PALLETS) {
		const meta = palletMeta(pallet);
		check(meta.calls.isSome, `${pallet} has calls`);
		const variants = api.registry.lookup.getSiType(meta.calls.unwrap().type).def.asVariant.variants;
		const undocumented = variants.filter(
			(v) => v.docs.length === 0 || v.docs.join('').trim() === '',
		);
		check(
			undocumented.length === 0,
			`${pallet}: all ${variants.length} calls documented` +
				(undocumented.length ? ` (missing: ${undocumented.map((v) => v.name).join(', ')})` : ''),
		);
		check(meta.viewFunctions.length > 0, `${pallet}: ${meta.viewFunctions.length} view functions`);
	}
	log(
		`   e.g. CollatorPower.create_miner: "${api.tx.collatorPower.createMiner.meta.docs.join(' ')}"`,
	);
});

const alice = keyring.addFromUri('//Alice');
const runId = `${Date.now()}`;
const miner = keyring.addFromUri(`//Alice//e2e//miner//${runId}`);
const newCollator = keyring.addFromUri(`//Alice//e2e//collator//${runId}`);
const consts = api.consts;

/**
 * A storage-provider timing (`minSectorLifetime`...): the metadata constant, which the runtime
 * computes from the chain's genesis timings (`ChainParams.Timings`) when it has them.
 */
const timing = async (name) => {
	if (api.query.chainParams?.timings) {
		const timings = (await api.query.chainParams.timings()).toJSON();
		if (timings[name] !== undefined) return Number(timings[name]);
	}
	return consts.storageProvider[name].toNumber();
};

await step('fund a fresh miner account from //Alice (signed transfer)', async () => {
	const free = (await api.query.system.account(alice.address)).data.free;
	check(free.gt(new BN(0)), `//Alice is endowed (${free.toString()})`);
	const amount = free.divn(10);
	const events = await mustSucceed(
		api.tx.balances.transferKeepAlive(miner.address, amount),
		alice,
		'Balances.transfer_keep_alive to the miner',
	);
	findEvent(events, 'balances', 'Transfer');
	const minerFree = (await api.query.system.account(miner.address)).data.free;
	check(minerFree.eq(amount), `the miner holds ${minerFree.toString()}`);
});

await step('CollatorPower.create_miner', async () => {
	const events = await mustSucceed(api.tx.collatorPower.createMiner(), miner, 'create_miner');
	const created = findEvent(events, 'collatorPower', 'MinerCreated');
	check(created.data.miner.eq(miner.address), 'MinerCreated names the miner');
	const claim = await api.query.collatorPower.minerClaims(miner.address);
	check(claim.isSome, `MinerClaims[miner] stored: ${fmt(claim)}`);
	const viewed = await view('CollatorPower', 'miner_claim', miner.address);
	check(viewed.isSome && viewed.unwrap().eq(claim.unwrap()), 'view miner_claim equals the storage');
	const again = await submit(api.tx.collatorPower.createMiner(), miner);
	check(
		again.error === 'collatorPower.MinerAlreadyExists',
		`a second create_miner fails: ${again.error}`,
	);
});

await step('StorageProvider.register_storage_provider (2 KiB sectors)', async () => {
	const events = await mustSucceed(
		api.tx.storageProvider.registerStorageProvider(
			'Size2KiB',
			u8aToHex(stringToU8a('12D3KooW-power-e2e')),
		),
		miner,
		'register_storage_provider',
	);
	findEvent(events, 'storageProvider', 'StorageProviderRegistered');
	const info = await api.query.storageProvider.storageProviders(miner.address);
	check(
		info.isSome && info.unwrap().sectorSize.isSize2KiB,
		`StorageProviders[miner]: ${fmt(info)}`,
	);
	const viewed = await view('StorageProvider', 'storage_provider', miner.address);
	check(
		viewed.isSome && viewed.unwrap().eq(info.unwrap()),
		'view storage_provider equals the storage',
	);
});

const SECTOR = 1;
const data = sectorData(2048 / 32, `power-e2e/${runId}`);
const dataTree = new MerkleTree(data);
check(data.length === 2048 && dataTree.leafCount === 64, '2 KiB of sector data, 64 leaves');
// The development chain's sealing profile seals 2 KiB with DEV_PARAMS_2KIB; the sealing itself is
// e2e/porep.mjs, written independently of the Rust primitives.
const sealing = await view('ChainParams', 'sealing');
check(sealing.isDevelopment, `ChainParams::sealing = ${sealing.toString()} (2 KiB is sealable)`);
const SEAL_PARAMS = DEV_PARAMS_2KIB;
/** The sealed sector, once sealed at pre-commit: the provider keeps it to prove. */
let sealed;

const preCommitBlock = await step(
	'StorageProvider.pre_commit_sectors with a replica sealed in JavaScript',
	async () => {
		const now = await bestNumber();
		const min = await timing('minSectorLifetime');
		const max = await timing('maxSectorLifetime');
		const expiration = now + min + Math.max(1, Math.floor((max - min) / 2));
		// The ticket: the challenge seed of the best block, recorded in its on_initialize.
		const ticket = await api.query.storageProvider.challengeSeeds(now);
		check(ticket.isSome, `ChallengeSeeds[${now}] recorded: the sealing ticket`);
		const rid = replicaId(miner.addressRaw, SECTOR, ticket.unwrap().toU8a(), dataTree.root);
		const t = Date.now();
		sealed = seal(data, rid, SEAL_PARAMS);
		log(
			`   sealed in ${secs(t)}s: comm_d ${u8aToHex(sealed.commD)}, comm_c ${u8aToHex(sealed.commC)},` +
				` comm_r_last ${u8aToHex(sealed.commRLast)}; expiration ${expiration} (lifetime ${min}..${max})`,
		);
		check(u8aEq(sealed.commD, dataTree.root), 'comm_d is the data tree root');
		const events = await mustSucceed(
			api.tx.storageProvider.preCommitSectors([
				{
					sectorNumber: SECTOR,
					sealTicketBlock: now,
					commD: sealed.commD,
					commC: sealed.commC,
					commRLast: sealed.commRLast,
					expiration,
				},
			]),
			miner,
			'pre_commit_sectors',
		);
		findEvent(events, 'storageProvider', 'SectorPreCommitted');
		const pre = await api.query.storageProvider.preCommittedSectors(miner.address, SECTOR);
		check(
			pre.isSome &&
				u8aEq(pre.unwrap().commRLast, sealed.commRLast) &&
				u8aEq(pre.unwrap().ticket, ticket.unwrap().toU8a()),
			`PreCommittedSectors[miner][${SECTOR}] holds comm_r_last and the ticket`,
		);
		const viewed = await view('StorageProvider', 'provider_pre_commits', miner.address);
		check(
			viewed.length === 1 && viewed[0][0].eqn(SECTOR),
			'view provider_pre_commits lists the sector',
		);
		return pre.unwrap().preCommitBlock.toNumber();
	},
);

await step('StorageProvider.prove_commit_sectors: the seal, batch by batch', async () => {
	const delay = await timing('preCommitChallengeDelay');
	const seedBlock = preCommitBlock + delay;
	// The seed of block `seedBlock` is recorded in its on_initialize: prove once it is built.
	log(`   pre-committed at ${preCommitBlock}; the challenge randomness is block ${seedBlock}'s`);
	await advanceTo(seedBlock);
	const blockSeed = await api.query.storageProvider.challengeSeeds(seedBlock);
	check(blockSeed.isSome, `ChallengeSeeds[${seedBlock}] recorded`);
	const seed = challengeSeed(
		blockSeed.unwrap().toU8a(),
		miner.addressRaw,
		ChallengePurpose.ProveCommit,
	);
	const batches = batchCount(SEAL_PARAMS);
	const proofs = Array.from({ length: batches }, (_, b) => sealed.proveBatchEncoded(seed, b));
	log(`   ${SEAL_PARAMS.porepChallenges} challenges in ${batches} batch(es): ${proofs[0].length} bytes each`);

	// A proof with one flipped bit is rejected, and changes nothing.
	const bad = proofs[0].slice();
	bad[5] ^= 1;
	const rejected = await submit(
		api.tx.storageProvider.proveCommitSectors([
			{ sectorNumber: SECTOR, batch: 0, proof: u8aToHex(bad) },
		]),
		miner,
	);
	check(
		rejected.error === 'storageProvider.InvalidProof',
		`a tampered proof fails: ${rejected.error}`,
	);

	let events;
	for (let b = 0; b < batches; b++) {
		events = await mustSucceed(
			api.tx.storageProvider.proveCommitSectors([
				{ sectorNumber: SECTOR, batch: b, proof: u8aToHex(proofs[b]) },
			]),
			miner,
			`prove_commit_sectors (batch ${b + 1} of ${batches})`,
		);
	}
	findEvent(events, 'storageProvider', 'SectorProven');
	const increased = findEvent(events, 'collatorPower', 'MinerPowerIncreased');
	check(
		increased.data.amount.toString() === '2048',
		`the miner gained 2048 bytes of power: ${fmt(increased.data)}`,
	);
	const sector = await api.query.storageProvider.sectors(miner.address, SECTOR);
	check(sector.isSome && sector.unwrap().state.isActive, `Sectors[miner][${SECTOR}] is active`);
	const power = await view('StorageProvider', 'provider_power', miner.address);
	check(power.toString() === '2048', `view provider_power = ${power.toString()}`);
});

const collator = await step('a collator candidate to delegate to', async () => {
	const candidates = await api.query.powerSelection.candidateList();
	const invulnerables = await api.query.powerSelection.invulnerables();
	log(`   preset candidates ${fmt(candidates)}, invulnerables ${fmt(invulnerables)}`);
	if (candidates.length > 0) {
		check(true, `the preset's candidate ${candidates[0].toString()} is used`);
		return candidates[0].toString();
	}
	// None in the preset: a fresh account sets its session keys and registers as a candidate.
	const bond = await api.query.powerSelection.candidacyBond();
	const free = (await api.query.system.account(alice.address)).data.free;
	await mustSucceed(
		api.tx.balances.transferKeepAlive(newCollator.address, free.divn(10)),
		alice,
		'fund the new collator',
	);
	const keysType = api.tx.session.setKeys.meta.args[0].type.toString();
	const keyFields = Object.keys(api.registry.createType(keysType).toJSON());
	const keys = Object.fromEntries(keyFields.map((f) => [f, newCollator.publicKey]));
	// The proof of possession: each key signs "POP_" ‖ the owner's account id.
	const signature = newCollator.sign(u8aConcat(stringToU8a('POP_'), newCollator.addressRaw));
	const proof = u8aConcat(...keyFields.map(() => signature));
	await mustSucceed(
		api.tx.session.setKeys(keys, u8aToHex(proof)),
		newCollator,
		`Session.set_keys (${keyFields})`,
	);
	const events = await mustSucceed(
		api.tx.powerSelection.registerAsCandidate(),
		newCollator,
		`PowerSelection.register_as_candidate (bond ${bond.toString()})`,
	);
	findEvent(events, 'powerSelection', 'CandidateRegistered');
	return newCollator.address;
});

await step('CollatorPower.delegate_power, then reading collator power', async () => {
	const before = await api.query.collatorPower.collatorPower(collator);
	const amount = 1024;
	const events = await mustSucceed(
		api.tx.collatorPower.delegatePower(collator, amount),
		miner,
		`delegate_power(${collator}, ${amount})`,
	);
	findEvent(events, 'collatorPower', 'PowerDelegated');
	const after = await api.query.collatorPower.collatorPower(collator);
	check(
		after.sub(before).eqn(amount),
		`CollatorPower[collator] ${before.toString()} -> ${after.toString()}`,
	);
	const viewed = await view('CollatorPower', 'collator_power', collator);
	check(viewed.eq(after), `view collator_power = ${viewed.toString()} (RuntimeViewFunction API)`);
	const undelegated = await view('CollatorPower', 'miner_undelegated_power', miner.address);
	check(
		undelegated.isSome && undelegated.unwrap().eqn(2048 - amount),
		`view miner_undelegated_power = ${fmt(undelegated)}`,
	);
	const tooMuch = await submit(api.tx.collatorPower.delegatePower(collator, 4096), miner);
	check(
		tooMuch.error === 'collatorPower.InsufficientUndelegatedPower',
		`delegating more than the undelegated power fails: ${tooMuch.error}`,
	);
	const weight = await view('PowerSelection', 'draw_weight', collator);
	log(`   PowerSelection::draw_weight(collator) = ${fmt(weight)}`);
});

/** Produces blocks until `Session.CurrentIndex` grows (bounded); returns the new index. */
const rotateSession = async () => {
	const index = (await api.query.session.currentIndex()).toNumber();
	const t = Date.now();
	let blocks = 0;
	let now = index;
	while (now === index) {
		if (blocks >= MAX_SESSION_BLOCKS || (Date.now() - t) / 1000 > MAX_SESSION_SECONDS) {
			throw new Error(`no session rotation within ${blocks} blocks / ${secs(t)}s`);
		}
		await advance(1);
		blocks += 1;
		now = (await api.query.session.currentIndex()).toNumber();
	}
	check(now > index, `Session.CurrentIndex ${index} -> ${now} after ${blocks} blocks`);
	return now;
};

await step('a session rotation', async () => {
	await rotateSession();
	const validators = await api.query.session.validators();
	check(validators.length > 0, `Session.Validators: ${fmt(validators)}`);
	const authorities = await api.query.aura.authorities();
	check(authorities.length === validators.length, `Aura.Authorities: ${authorities.length}`);
	const power = await view('CollatorPower', 'collator_power', collator);
	check(
		power.eqn(1024),
		`the delegation survives the rotation: collator_power = ${power.toString()}`,
	);
	log(
		`   PowerSelection::active_selection = ${fmt(await view('PowerSelection', 'active_selection'))}`,
	);
	log(
		`   PowerSelection::planned_selection = ${fmt(await view('PowerSelection', 'planned_selection'))}`,
	);
});

await step(
	'the powered candidate is drawn, and becomes a validator and an Aura authority',
	async () => {
		// A draw plans the session after next, so it takes up to two more rotations. The preset has
		// more seats than invulnerables, and this candidate is the only one with power.
		const isIn = (list) => list.some((a) => a.toString() === collator);
		let rotations = 0;
		while (!isIn(await api.query.session.validators())) {
			if (rotations >= 3)
				throw new Error(`${collator} is no validator after ${rotations} more rotations`);
			await rotateSession();
			rotations += 1;
		}
		check(true, `${collator} is in Session.Validators after ${rotations} more rotation(s)`);
		const active = await view('PowerSelection', 'active_selection');
		// `drawn` is a list of (collator, its power when drawn).
		check(
			active.isSome && isIn(active.unwrap().drawn.map(([who]) => who)),
			`PowerSelection::active_selection draws it: ${fmt(active)}`,
		);
		const keys = await api.query.session.nextKeys(collator);
		const auraKey = keys.unwrap().aura.toString();
		const authorities = (await api.query.aura.authorities()).map((a) => a.toString());
		check(
			authorities.includes(auraKey),
			`its Aura key is in Aura.Authorities (${authorities.length} authorities)`,
		);
	},
);

await step("StorageProvider.submit_windowed_post for the sector's deadline", async () => {
	const deadlines = await view('StorageProvider', 'provider_deadlines', miner.address);
	const deadline = deadlines.find((d) => d.sectors.some((n) => n.eqn(SECTOR)));
	check(deadline !== undefined, `sector ${SECTOR} is in deadline ${deadline?.index.toString()}`);
	const { open, close, challenge } = deadline.window;
	log(`   its window: blocks ${open}..${close}, challenge randomness of block ${challenge}`);
	// The PoSt lands in the next block, which must be inside the window.
	await advanceTo(open.toNumber() - 1);
	const seed = await api.query.storageProvider.challengeSeeds(challenge);
	check(seed.isSome, `ChallengeSeeds[${challenge}] recorded`);
	// The PoSt proves leaves of the replica (comm_r_last), which the provider stores.
	const replicaTree = new MerkleTree(sealed.replica);
	check(u8aEq(replicaTree.root, sealed.commRLast), 'the stored replica hashes to comm_r_last');
	const proof = encodedProof(
		replicaTree,
		challengeSeed(seed.unwrap().toU8a(), miner.addressRaw, ChallengePurpose.WindowPoSt),
		SECTOR,
		consts.storageProvider.challengesPerProof.toNumber(),
	);
	const events = await mustSucceed(
		api.tx.storageProvider.submitWindowedPost(deadline.index, [
			{ sectorNumber: SECTOR, proof: u8aToHex(proof) },
		]),
		miner,
		`submit_windowed_post(deadline ${deadline.index})`,
	);
	const accepted = findEvent(events, 'storageProvider', 'ValidPoStSubmitted');
	check(accepted.data.sectorsProven.eqn(1), `ValidPoStSubmitted: ${fmt(accepted.data)}`);
	const after = await view('StorageProvider', 'provider_deadlines', miner.address);
	const proven = after.find((d) => d.index.eq(deadline.index));
	check(proven.proven.isTrue, `view provider_deadlines: deadline ${deadline.index} proven`);
	const power = await view('StorageProvider', 'provider_power', miner.address);
	check(power.eqn(2048), `the miner keeps its power: provider_power = ${power.toString()}`);
});

// ------------------------------------------------------------------------------------------------
// Pollinate: a keeper runs a periodic task; a bundle signed here, in JavaScript, is relayed, and a
// second relay of the same bundle is refused by the pool before it costs the relayer anything.

const UNIT = new BN(10).pow(new BN(12));
const keeper = keyring.addFromUri(`//Alice//e2e//keeper//${runId}`);
const relayer2 = keyring.addFromUri(`//Alice//e2e//relayer2//${runId}`);
const bundleSigner = keyring.addFromUri(`//Alice//e2e//bundler//${runId}`);
const freeOf = async (who) => (await api.query.system.account(who)).data.free;

await step('fund the keeper, a second relayer and a bundle signer', async () => {
	await mustSucceed(
		api.tx.utility.batchAll([
			api.tx.balances.transferKeepAlive(keeper.address, UNIT.muln(10)),
			api.tx.balances.transferKeepAlive(relayer2.address, UNIT.muln(10)),
			api.tx.balances.transferKeepAlive(bundleSigner.address, UNIT.muln(10)),
		]),
		alice,
		'funding',
	);
});

const task = await step('register and fund a periodic task', async () => {
	const id = (await api.query.periodic.nextTaskId()).toNumber();
	const tick = api.tx.system.remarkWithEvent('e2e tick');
	const events = await mustSucceed(
		api.tx.utility.batchAll([
			// 1 UNIT per 60 s, retarget every 10 cycles.
			api.tx.periodic.registerTask(tick.method, 60, 10, UNIT),
			api.tx.periodic.addNectar(id, UNIT.muln(100)),
		]),
		alice,
		'register_task + add_nectar',
	);
	const registered = findEvent(events, 'periodic', 'TaskRegistered');
	check(registered.data.task.eqn(id), `TaskRegistered: task ${id}`);
	return id;
});

await step('a keeper dispatches the task for its nectar', async () => {
	await advance(2);
	// The keeper asks the chain what the task pays now and what weight to declare.
	const quote = await api.call.pollinateApi.quoteTask(task, 200);
	check(quote.isOk, `PollinateApi.quote_task: ${fmt(quote)}`);
	const { quote: q, extrinsicFee } = quote.asOk;
	check(q.payable.gt(new BN(0)), `the task pays ${q.payable.toString()} now`);
	const before = await freeOf(keeper.address);
	const events = await mustSucceed(
		api.tx.periodic.dispatch(task, 1, q.callWeight),
		keeper,
		'Periodic::dispatch by the keeper',
	);
	const paid = findEvent(events, 'periodic', 'Pollinated').data.paid;
	findEvent(events, 'system', 'Remarked');
	const fee = findEvent(events, 'transactionPayment', 'TransactionFeePaid').data.actualFee;
	const after = await freeOf(keeper.address);
	check(after.eq(before.add(paid).sub(fee)), `the keeper earned ${paid} nectar, paid ${fee} fee`);
	check(fee.lte(extrinsicFee.muln(2)), `the fee ${fee} is near the quoted ${extrinsicFee}`);
	// The same cycle again, in the same second, is refused by the pool.
	const again = await submit(api.tx.periodic.dispatch(task, 1, q.callWeight), keeper).then(
		(r) => `included (${r.error})`,
		(e) => `refused: ${e.message}`,
	);
	log(`   a second dispatch right after: ${again}`);
});

const genesisHash = api.genesisHash;
const txVersion = api.runtimeVersion.transactionVersion;
const BUNDLE_TAG = stringToU8a('pay-after/bundle');

/** Builds and signs a bundle here: the SCALE payload is encoded by @polkadot/types, not Rust. */
const signBundle = async (signer, calls, fees) => {
	const createTime = (await api.query.timestamp.now()).toBn().divn(1000);
	const payload = api
		.createType('([u8;16], H256, u32, AccountId32, u64, Vec<u32>, Vec<Call>)', [
			BUNDLE_TAG,
			genesisHash,
			txVersion,
			signer.address,
			createTime,
			fees,
			calls,
		])
		.toU8a();
	const signature = signer.sign(payload);
	return {
		signer: signer.address,
		createTime,
		fees,
		calls,
		signature: { Sr25519: signature },
		payload,
	};
};

await step('a bundle signed in JavaScript is simulated, relayed, and refused the second time', async () => {
	const bob = keyring.addFromUri('//Bob');
	const calls = [api.tx.balances.transferKeepAlive(bob.address, UNIT).method];
	// One fee word: 0.01 UNIT from creation (13-bit base 0x1000, exponent 23... computed as the
	// codec does: shift right until it fits in 13 bits), with the last-entry bit.
	const feeAmount = new BN(10).pow(new BN(10));
	let base = feeAmount;
	let exponent = 0;
	while (base.bitLength() > 13) {
		base = base.shrn(1);
		exponent++;
	}
	const word = ((1 << 31) >>> 0) + (exponent << 13) + base.toNumber();
	const signed = await signBundle(bundleSigner, calls, [word >>> 0]);
	const { payload, ...bundle } = signed;
	const dataHash = blake2AsU8a(payload);

	const simulated = await api.call.pollinateApi.simulateBundle(alice.address, bundle, [], 300);
	check(simulated.isOk, `PollinateApi.simulate_bundle: ${fmt(simulated)}`);
	const fee = simulated.asOk.simulation.fee;
	check(fee.eq(base.shln(exponent)), `the simulation pays the relayer ${fee}`);

	const events = await mustSucceed(api.tx.payAfter.dispatch(bundle, []), alice, 'relay 1');
	const executed = findEvent(events, 'payAfter', 'BundleExecuted');
	check(u8aEq(executed.data.dataHash, dataHash), 'the data hash is blake2 of the JS payload');
	check(executed.data.fee.eq(fee), `the relayer was paid ${executed.data.fee}`);

	const before = await freeOf(relayer2.address);
	const second = await submitOnce(api.tx.payAfter.dispatch(bundle, []), relayer2).then(
		(r) => `included (${r.error})`,
		(e) => `refused: ${e.message}`,
	);
	check(second.startsWith('refused'), `the second relay is refused by the pool: ${second}`);
	await advance(1);
	const after = await freeOf(relayer2.address);
	check(after.eq(before), `the losing relayer paid nothing (${before} -> ${after})`);
});

log(`e2e (${MODE}): ${checks} checks passed in ${secs(started)}s`);
await api.disconnect();
process.exit(0);
