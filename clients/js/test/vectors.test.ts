// Every vector of primitives/vectors/pollinate.json, reproduced bit for bit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import {
  type FeeAt,
  FeeEntry,
  FeePolicy,
  FeeTime,
  PollinateError,
  TIME_UNITS,
  type TimeUnitName,
  bundlePayload,
  checkPolicy,
  dataHash,
  decodePolicy,
  encodeBundle,
  encodePolicy,
  expiresAfter,
  feeAt,
  makeFee,
  makeInvalid,
  wrapBytes,
} from '../src/index.js';
import { type FeeAtJson, type SpecJson, VECTORS_PATH, vectors } from './vectors-file.js';

function build(spec: SpecJson): FeeEntry {
  const start = spec.kind === 'fee' ? makeFee(BigInt(spec.amount as string)) : makeInvalid();
  return start.after(spec.count, spec.unit as TimeUnitName);
}

function feeAtJson(at: FeeAt): Omit<FeeAtJson, 'elapsed'> {
  return at.kind === 'fee' ? { kind: 'fee', amount: at.amount.toString() } : { kind: at.kind };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof PollinateError, `expected a PollinateError, got ${String(e)}`);
    return e.code;
  }
  return 'no error';
}

describe(`vectors (${VECTORS_PATH})`, () => {
  test('the file is the format this client reads, generated from power-primitives', () => {
    assert.equal(vectors.format, 'pollinate-vectors/1');
    assert.match(vectors.notes[0] ?? '', /primitives\/tests\/vectors\.rs/);
  });

  test('units: names, codes and lengths', () => {
    assert.deepEqual(
      TIME_UNITS.map((u) => ({ name: u.name, code: u.code, seconds: u.seconds })),
      vectors.units,
    );
  });

  test("the seed's example: 10^18 and its binary form", () => {
    const ex = vectors.seedExample;
    const entry = makeFee(BigInt(ex.amount));
    assert.equal(entry.toBinary(false).toString(2).padStart(32, '0'), ex.binary);
    assert.equal(entry.toBinary(true).toString(2).padStart(32, '0'), ex.binaryLast);
    assert.equal(entry.toBinary(false), ex.word);
    assert.equal(entry.toBinary(true), ex.wordLast);
    assert.equal(entry.amtRounded().toString(), ex.amtRounded);
    assert.equal(ex.binary, '00000000000001011111101111000001');
    assert.equal(ex.amtRoundedEther, '0.99993985476460544');
  });

  test('entries: every amount encodes to the same word, exponent, base and rounded amount', () => {
    assert.ok(vectors.entries.length > 100);
    for (const v of vectors.entries) {
      const entry = makeFee(BigInt(v.amount));
      const got = {
        amount: v.amount,
        word: entry.toBinary(false),
        wordLast: entry.toBinary(true),
        exponent: entry.exponent,
        base: entry.base,
        amtRounded: entry.amtRounded().toString(),
        timeSeconds: entry.timeSeconds(),
      };
      assert.deepEqual(got, v, `amount ${v.amount}`);
      // And back.
      const read = FeeEntry.fromBinary(v.wordLast);
      assert.equal(read.last, true);
      assert.equal(read.entry.toBinary(true), v.wordLast);
    }
  });

  test('times: every unit with counts 0, 1, 2, 127, for fees and the marker, both spellings', () => {
    const plural: Record<TimeUnitName, keyof FeeTime> = {
      second: 'seconds',
      minute: 'minutes',
      hour: 'hours',
      day: 'days',
      week: 'weeks',
      month: 'months',
      year: 'years',
      tensec: 'tensec',
    };
    assert.equal(vectors.times.length, 3 * 8 * 4);
    for (const v of vectors.times) {
      const entry = build(v.entry);
      const label = JSON.stringify(v.entry);
      assert.equal(entry.toBinary(false), v.word, label);
      assert.equal(entry.toBinary(true), v.wordLast, label);
      assert.equal(entry.timeSeconds(), v.timeSeconds, label);
      const start = v.entry.kind === 'fee' ? makeFee(BigInt(v.entry.amount as string)) : makeInvalid();
      const unit = v.entry.unit as TimeUnitName;
      const singular = start.after(v.entry.count)[unit as keyof FeeTime] as FeeEntry;
      const many = start.after(v.entry.count)[plural[unit]] as FeeEntry;
      assert.equal(singular.toBinary(false), v.word, `${label} .${unit}`);
      assert.equal(many.toBinary(false), v.word, `${label} .${plural[unit]}`);
    }
  });

  test('afterErrors: counts above 127', () => {
    assert.ok(vectors.afterErrors.length > 0);
    for (const v of vectors.afterErrors) {
      assert.equal(codeOf(() => build(v.entry)), v.error, JSON.stringify(v.entry));
    }
  });

  test('decodeWords: fields of valid words, errors of malformed ones', () => {
    assert.ok(vectors.decodeWords.length > 30);
    for (const v of vectors.decodeWords) {
      const label = `word 0x${v.word.toString(16)}`;
      if (v.error !== undefined) {
        assert.equal(codeOf(() => FeeEntry.fromBinary(v.word)), v.error, label);
        continue;
      }
      const { entry, last } = FeeEntry.fromBinary(v.word);
      assert.deepEqual(
        {
          last,
          unit: entry.unit,
          count: entry.count,
          exponent: entry.exponent,
          base: entry.base,
          marker: entry.isInvalidMarker(),
          amount: entry.amount()?.toString() ?? null,
          timeSeconds: entry.timeSeconds(),
        },
        v.ok,
        label,
      );
      assert.equal(entry.toBinary(last), v.word, `${label} round trip`);
    }
  });

  for (const v of vectors.policies) {
    test(`policy: ${v.name}`, () => {
      const entries = v.entries.map(build);
      checkPolicy(entries);
      assert.deepEqual(encodePolicy(entries), v.words);
      const policy = decodePolicy(v.words);
      assert.deepEqual(policy.encode(), v.words);
      assert.equal(expiresAfter(v.words), v.expiresAfter);
      assert.equal(policy.expiresAfter(), v.expiresAfter);
      for (const point of v.feeAt) {
        const t = BigInt(point.elapsed);
        const expected = { elapsed: point.elapsed, ...feeAtJson(feeAt(v.words, t)) };
        assert.deepEqual(expected, point, `elapsed ${point.elapsed}`);
        // Safe integers may be given as numbers.
        if (t <= BigInt(Number.MAX_SAFE_INTEGER)) {
          assert.deepEqual(feeAtJson(policy.feeAt(Number(t))), feeAtJson(policy.feeAt(t)));
        }
      }
    });
  }

  test('policyErrors: every rule, checked in the Rust order', () => {
    assert.ok(vectors.policyErrors.length > 10);
    for (const v of vectors.policyErrors) {
      const entries = v.entries.map(build);
      assert.equal(codeOf(() => checkPolicy(entries)), v.error, v.name);
      assert.equal(codeOf(() => encodePolicy(entries)), v.error, v.name);
    }
  });

  test('decodePolicies: the L bit, word errors, then the rules', () => {
    assert.ok(vectors.decodePolicies.length > 10);
    for (const v of vectors.decodePolicies) {
      if (v.error !== undefined) {
        assert.equal(codeOf(() => decodePolicy(v.words)), v.error, v.name);
        assert.equal(codeOf(() => feeAt(v.words, 0)), v.error, v.name);
        continue;
      }
      const policy = decodePolicy(v.words);
      assert.ok(policy instanceof FeePolicy);
      assert.deepEqual(policy.encode(), v.words, v.name);
      assert.equal(policy.expiresAfter(), v.expiresAfter, v.name);
    }
  });

  for (const v of vectors.bundles) {
    test(`bundle: ${v.name}`, () => {
      const input = {
        genesisHash: v.genesisHash,
        transactionVersion: v.transactionVersion,
        signer: v.signer,
        createTime: BigInt(v.createTime),
        fees: v.fees,
        calls: v.calls,
      };
      const payload = bundlePayload(input);
      assert.equal(u8aToHex(payload), v.payload);
      assert.equal(u8aToHex(dataHash(payload)), v.dataHash);
      assert.equal(u8aToHex(wrapBytes(payload)), v.wrapped);
      assert.equal(u8aToHex(dataHash(wrapBytes(payload))), v.wrappedHash);
      // Bytes in, same bytes out.
      const fromBytes = bundlePayload({
        ...input,
        genesisHash: hexToU8a(v.genesisHash),
        signer: hexToU8a(v.signer),
        calls: v.calls.map((c) => hexToU8a(c)),
      });
      assert.equal(u8aToHex(fromBytes), v.payload);
      for (const s of v.signed) {
        const fields = { signer: v.signer, createTime: BigInt(v.createTime), fees: v.fees, calls: v.calls };
        const bundle = encodeBundle({ ...fields, signature: { type: s.type, signature: hexToU8a(s.signature) } });
        assert.equal(u8aToHex(bundle), s.bundle, s.type);
      }
    });
  }

  test('bundle payloads from fee entries equal those from their words', () => {
    const v = vectors.bundles[0];
    assert.ok(v);
    const policy = decodePolicy(v.fees);
    const payload = bundlePayload({
      genesisHash: v.genesisHash,
      transactionVersion: v.transactionVersion,
      signer: v.signer,
      createTime: Number(v.createTime),
      fees: [...policy.entries],
      calls: v.calls,
    });
    assert.equal(u8aToHex(payload), v.payload);
  });
});
