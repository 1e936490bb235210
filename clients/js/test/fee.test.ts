// The fee API as the seed shows it, and the errors only JavaScript can meet.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  FeeEntry,
  LAST_BIT,
  PollinateError,
  type TimeUnitName,
  bundlePayload,
  checkPolicy,
  decodePolicy,
  encodeBundle,
  encodePolicy,
  expiresAfter,
  feeAt,
  isPollinateError,
  makeFee,
  makeInvalid,
  policyWords,
} from '../src/index.js';

const code = (c: string) => (e: unknown) => e instanceof PollinateError && e.code === c;

describe('the seed examples', () => {
  test('makeFee(10^18): the word, the rounded amount', () => {
    const fee = makeFee(10n ** 18n);
    assert.equal(fee.toBinary(false).toString(2).padStart(32, '0'), '00000000000001011111101111000001');
    assert.equal(fee.toBinary(true).toString(2).padStart(32, '0'), '10000000000001011111101111000001');
    assert.equal(fee.amtRounded(), 999_939_854_764_605_440n);
    assert.equal(fee.timeSeconds(), 0);
    assert.equal(fee.toBinary(), fee.toBinary(false));
  });

  test('100 after 3 minutes', () => {
    const fee = makeFee(BigInt(100)).after(3).minutes;
    assert.equal(fee.timeSeconds(), 180);
    assert.equal(fee.unit, 'minute');
    assert.equal(fee.count, 3);
    assert.equal(fee.amtRounded(), 100n);
    assert.equal(fee.toString(), 'fee 100 after 3 minute');
  });

  test('10, rising to 100 over two minutes, invalid after ten', () => {
    const fees = [makeFee(10n), makeFee(100n).after(2).minutes, makeInvalid().after(10).minutes];
    assert.deepEqual(encodePolicy(fees), [10, (1 << 28) | (2 << 21) | 100, (LAST_BIT | (1 << 28) | (10 << 21) | 0x1e8000) >>> 0]);
    const words = encodePolicy(fees);
    assert.deepEqual(feeAt(words, 0), { kind: 'fee', amount: 10n });
    assert.deepEqual(feeAt(words, 60), { kind: 'fee', amount: 55n });
    assert.deepEqual(feeAt(words, 2), { kind: 'fee', amount: 11n });
    assert.deepEqual(feeAt(words, 599), { kind: 'fee', amount: 100n });
    assert.deepEqual(feeAt(words, 600), { kind: 'expired' });
    assert.equal(expiresAfter(words), 600);
    assert.equal(makeInvalid().after(10).minutes.toString(), 'invalid after 10 minute');
  });

  test('valid only after one minute', () => {
    const words = encodePolicy([makeFee(10n).after(1).minute, makeFee(100n).after(2).minutes]);
    assert.deepEqual(feeAt(words, 59), { kind: 'notYetValid' });
    assert.deepEqual(feeAt(words, 90), { kind: 'fee', amount: 55n });
    assert.deepEqual(feeAt(words, 2n ** 64n - 1n), { kind: 'fee', amount: 100n });
    assert.equal(expiresAfter(words), null);
  });

  test('.after(128).seconds is refused: use .after(2).minutes', () => {
    assert.throws(() => makeFee(1n).after(128), code('CountTooLarge'));
    assert.equal(makeFee(1n).after(2).minutes.timeSeconds(), 120);
  });

  test('every unit getter, singular and plural', () => {
    const seconds: Record<string, number> = {
      second: 1, seconds: 1, tensec: 10, tensecs: 10, minute: 60, minutes: 60, hour: 3600, hours: 3600,
      day: 86400, days: 86400, week: 604800, weeks: 604800, month: 2592000, months: 2592000,
      year: 31536000, years: 31536000,
    };
    for (const [getter, length] of Object.entries(seconds)) {
      const entry = (makeFee(5n).after(2) as unknown as Record<string, FeeEntry>)[getter] as FeeEntry;
      assert.equal(entry.timeSeconds(), 2 * length, getter);
    }
  });

  test('a count of 0 is time 0 in seconds, whatever the unit', () => {
    assert.equal(makeFee(5n).after(0).years.toBinary(), 5);
    assert.equal(makeFee(5n).after(0).years.unit, 'second');
    assert.equal(makeFee(5n).after(0, 'year').toBinary(), makeFee(5n).toBinary());
  });

  test('entries are immutable; after() makes a new one', () => {
    const base = makeFee(5n);
    const later = base.after(3).hours;
    assert.equal(base.timeSeconds(), 0);
    assert.equal(later.timeSeconds(), 3 * 3600);
    assert.ok(Object.isFrozen(base));
  });

  test('numbers are accepted where they are safe', () => {
    assert.equal(makeFee(100).toBinary(), makeFee(100n).toBinary());
    assert.deepEqual(feeAt([LAST_BIT + 7], 5), { kind: 'fee', amount: 7n });
  });
});

describe('errors only JavaScript can meet', () => {
  test('amounts: negative, 2^128 and above, not integers', () => {
    assert.throws(() => makeFee(-1n), code('NegativeAmount'));
    assert.throws(() => makeFee(2n ** 128n), code('AmountTooLarge'));
    assert.equal(makeFee(2n ** 128n - 1n).amtRounded(), 8191n << 115n);
    assert.throws(() => makeFee(1.5), code('InvalidAmount'));
    assert.throws(() => makeFee(2 ** 60), code('InvalidAmount'));
    assert.throws(() => makeFee('10' as unknown as bigint), code('InvalidAmount'));
    assert.throws(() => makeFee(-1), code('NegativeAmount'));
  });

  test('counts: negative, fractional, above 127', () => {
    assert.throws(() => makeFee(1n).after(-1), code('InvalidCount'));
    assert.throws(() => makeFee(1n).after(1.5), code('InvalidCount'));
    assert.throws(() => makeFee(1n).after(Number.NaN), code('InvalidCount'));
    assert.throws(() => makeFee(1n).after(256), code('CountTooLarge'));
    assert.throws(() => makeInvalid().after(128), code('CountTooLarge'));
    assert.equal(makeFee(1n).after(127).years.timeSeconds(), 127 * 31536000);
  });

  test('units: an unknown name', () => {
    assert.throws(() => makeFee(1n).after(1, 'fortnight' as TimeUnitName), code('InvalidUnit'));
    assert.throws(() => makeFee(1n).after(1).unit('tenseconds' as TimeUnitName), code('InvalidUnit'));
  });

  test('words: a negative int32 (what `LAST_BIT | x` gives in JavaScript) is not a u32', () => {
    assert.throws(() => decodePolicy([LAST_BIT | 5]), code('InvalidWord'));
    assert.deepEqual(decodePolicy([(LAST_BIT | 5) >>> 0]).encode(), [LAST_BIT + 5]);
  });

  test('words: not u32', () => {
    for (const w of [-1, 2 ** 32, 1.5, Number.NaN]) {
      assert.throws(() => FeeEntry.fromBinary(w), code('InvalidWord'), String(w));
      assert.throws(() => decodePolicy([w]), code('InvalidWord'), String(w));
    }
  });

  test('elapsed times: negative, 2^64, fractional, unsafe numbers', () => {
    const words = [LAST_BIT + 5];
    assert.throws(() => feeAt(words, -1), code('InvalidElapsed'));
    assert.throws(() => feeAt(words, 2n ** 64n), code('InvalidElapsed'));
    assert.throws(() => feeAt(words, 1.5), code('InvalidElapsed'));
    assert.throws(() => feeAt(words, 2 ** 60), code('InvalidElapsed'));
    assert.deepEqual(feeAt(words, 2n ** 64n - 1n), { kind: 'fee', amount: 5n });
  });

  test('the marker has no amount', () => {
    assert.equal(makeInvalid().amount(), null);
    assert.throws(() => makeInvalid().amtRounded(), code('MarkerHasNoAmount'));
    assert.equal(makeInvalid().isInvalidMarker(), true);
    assert.equal(makeInvalid().toBinary(), 0x1e8000);
  });

  test('policies of things that are not entries', () => {
    assert.throws(() => checkPolicy([makeFee(1n), { timeSeconds: () => 5 } as unknown as FeeEntry]), code('InvalidInput'));
  });

  test('policyWords checks words as a policy, entries as entries', () => {
    assert.deepEqual(policyWords([makeFee(1n)]), [LAST_BIT + 1]);
    assert.deepEqual(policyWords([LAST_BIT + 1]), [LAST_BIT + 1]);
    assert.throws(() => policyWords([1]), code('LastFlagMisplaced'));
    assert.throws(() => policyWords([]), code('EmptyPolicy'));
  });

  test('PollinateError: a name, a code, a message', () => {
    try {
      makeFee(1n).after(200);
      assert.fail('no error');
    } catch (e) {
      const [right, wrong] = [isPollinateError(e, 'CountTooLarge'), isPollinateError(e, 'EmptyPolicy')];
      assert.ok(right);
      assert.ok(!wrong);
      assert.ok(e instanceof Error);
      assert.equal((e as Error).name, 'PollinateError');
      assert.match((e as Error).message, /^CountTooLarge: count 200/);
    }
  });

  test('bundle inputs: lengths and ranges', () => {
    const ok = {
      genesisHash: new Uint8Array(32),
      transactionVersion: 1,
      signer: new Uint8Array(32),
      createTime: 0n,
      fees: [LAST_BIT + 1],
      calls: ['0x0000' as const],
    };
    assert.equal(bundlePayload(ok).length, 16 + 32 + 4 + 32 + 8 + 1 + 4 + 1 + 2);
    assert.throws(() => bundlePayload({ ...ok, genesisHash: new Uint8Array(31) }), code('InvalidInput'));
    assert.throws(() => bundlePayload({ ...ok, signer: new Uint8Array(20) }), code('InvalidInput'));
    assert.throws(() => bundlePayload({ ...ok, signer: 'not an address' }), code('InvalidInput'));
    assert.throws(() => bundlePayload({ ...ok, transactionVersion: 2 ** 32 }), code('InvalidInput'));
    assert.throws(() => bundlePayload({ ...ok, createTime: 2n ** 64n }), code('InvalidInput'));
    assert.throws(() => bundlePayload({ ...ok, createTime: -1 }), code('InvalidInput'));
    assert.throws(() => bundlePayload({ ...ok, fees: [2 ** 32] }), code('InvalidInput'));
    assert.throws(() => bundlePayload({ ...ok, calls: ['0x'] }), code('InvalidInput'));
    assert.throws(() => bundlePayload({ ...ok, calls: ['zz' as `0x${string}`] }), code('InvalidInput'));
    // Entries are checked as a policy; words are taken as they are (as the pallet's raw_fees).
    assert.throws(() => bundlePayload({ ...ok, fees: [makeFee(2n), makeFee(1n).after(1).minute] }), code('FeeDecreasing'));
    assert.equal(bundlePayload({ ...ok, fees: [1, 2, 3] }).length, 16 + 32 + 4 + 32 + 8 + 1 + 12 + 1 + 2);
    // An SS58 address is an AccountId32 too.
    const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    assert.deepEqual(bundlePayload({ ...ok, signer: alice }).slice(52, 84)[0], 0xd4);
    assert.throws(
      () => encodeBundle({ ...ok, signature: new Uint8Array(65).fill(9) }),
      code('InvalidInput'),
    );
  });
});
