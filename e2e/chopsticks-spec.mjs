// Makes the chopsticks copy of a raw chain spec: the same genesis plus `Timestamp::Now`.
//
//   node e2e/chopsticks-spec.mjs <raw spec in> <spec out>
//
// Why: chopsticks builds block #1 of a genesis-started chain at startup, and when the genesis has
// no `Timestamp::Now` it takes the wall clock twice, once for the Aura slot of the block and once
// for the relay-chain slot of the mocked validation data. If a 6 s slot boundary falls between
// the two reads, aura-ext's consensus hook rejects the block ("Parachain slot must match
// relay-derived slot") and the chain is broken. A genesis timestamp makes both reads the same
// value. It is a whole minute in the past, so it is slot-aligned for any slot duration that
// divides 60 s; chopsticks then moves it one slot per block.

import { readFileSync, writeFileSync } from 'node:fs';
import { u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
	console.error('usage: node e2e/chopsticks-spec.mjs <raw spec in> <spec out>');
	process.exit(2);
}
const spec = JSON.parse(readFileSync(input, 'utf8'));
const top = spec?.genesis?.raw?.top;
if (!top || !top['0x3a636f6465']) throw new Error(`${input} is not a raw chain spec with :code`);

const key = u8aToHex(
	new Uint8Array([...xxhashAsU8a('Timestamp', 128), ...xxhashAsU8a('Now', 128)]),
);
const now = BigInt(Math.floor(Date.now() / 60_000) * 60_000);
const value = new Uint8Array(8);
new DataView(value.buffer).setBigUint64(0, now, true);
// Keep the keys in order: chopsticks' genesis provider walks them in insertion order.
const entries = Object.entries(top).filter(([k]) => k !== key);
entries.push([key, u8aToHex(value)]);
entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
spec.genesis.raw.top = Object.fromEntries(entries);
writeFileSync(output, JSON.stringify(spec));
console.log(`${output}: genesis Timestamp::Now = ${now} (${new Date(Number(now)).toISOString()})`);
