// Unit tests of the page's pure logic (src/logic.mjs): amounts, the fee policy it offers, the
// pool quote, the funds check and the error messages. No browser, no chain, no pollinator.
//
//   node --test test/logic.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePolicy, PollinateError } from '../../../clients/js/dist/index.js';
import {
  amountIn,
  checkFunds,
  coverQuote,
  describeAfter,
  explainPollinatorFailure,
  explainRefusal,
  feeNow,
  feePolicy,
  formatUnits,
  parseUnits,
  poolAccount,
} from '../src/logic.mjs';
import { encodeAddress } from '@polkadot/util-crypto';

test('parseUnits reads decimal amounts exactly and refuses the rest', () => {
  assert.equal(parseUnits('10', 12), 10n * 10n ** 12n);
  assert.equal(parseUnits('0.000000000001', 12), 1n);
  assert.equal(parseUnits(' 12.5 ', 2), 1250n);
  assert.equal(parseUnits('.5', 1), 5n);
  assert.equal(parseUnits('7.', 0), 7n);
  assert.throws(() => parseUnits('1.001', 2), /at most 2 decimals/);
  assert.throws(() => parseUnits('-1', 12), /not an amount/);
  assert.throws(() => parseUnits('1e3', 12), /not an amount/);
  assert.throws(() => parseUnits('', 12), /not an amount/);
});

test('formatUnits rounds down, groups thousands and never prints 0 for a dust amount', () => {
  assert.equal(formatUnits(1_000n * 10n ** 12n, 12), '1,000');
  assert.equal(formatUnits(10_219_421_696n, 12), '0.0102');
  assert.equal(formatUnits(123_456_789n, 3), '123,456.789');
  assert.equal(formatUnits(0n, 12), '0');
  assert.equal(formatUnits(1n, 12), '< 0.0001');
  assert.equal(formatUnits(19_999n, 4, 2), '1.99');
});

test('feePolicy: twice the estimate now, rising to five times at half the validity, invalid at the end', () => {
  const est = 4_498_192_611n;
  const p = feePolicy(est, 10);
  assert.equal(p.rows.length, 3);
  assert.deepEqual(p.rows.map((r) => r.afterSeconds), [0, 300, 600]);
  assert.deepEqual(p.rows.map((r) => r.invalid), [false, false, true]);
  // 13 significant bits, rounded down, as the chain decodes them.
  assert.ok(p.rows[0].fee <= 2n * est && p.rows[0].fee > (2n * est * 999n) / 1000n);
  assert.ok(p.rows[1].fee <= 5n * est && p.rows[1].fee > (5n * est * 999n) / 1000n);
  assert.equal(p.maxFee, p.rows[1].fee);
  assert.equal(p.expiresAfter, 600);
  // The words are a valid policy the library (and so the chain) decodes the same way.
  const decoded = decodePolicy(p.words);
  assert.equal(decoded.expiresAfter(), 600);
  assert.equal(feeNow(p.words, 0), p.rows[0].fee);
  assert.equal(feeNow(p.words, 150), p.rows[0].fee + (p.rows[1].fee - p.rows[0].fee) / 2n);
  assert.equal(feeNow(p.words, 599), p.rows[1].fee);
  assert.equal(feeNow(p.words, 600), 'expired');
  // Odd validities put the rise at the whole minute below half.
  assert.deepEqual(feePolicy(est, 3).rows.map((r) => r.afterSeconds), [0, 60, 180]);
  assert.throws(() => feePolicy(est, 1), /2 to 127 minutes/);
  assert.throws(() => feePolicy(est, 128), /2 to 127 minutes/);
  assert.throws(() => feePolicy(est, 2.5), /2 to 127 minutes/);
});

test('describeAfter', () => {
  assert.equal(describeAfter(0), 'now');
  assert.equal(describeAfter(300), 'after 5 min');
  assert.equal(describeAfter(5430), 'after 1 h 30 min 30 s');
});

test('amountIn is pallet-asset-conversion get_amount_in', () => {
  // reserve_in * out * 1e6 / ((reserve_out - out) * (1e6 - fee)) + 1
  assert.equal(amountIn(1_000n, 100_000n, 10_000n, 3_000n), (100_000n * 1_000n * 1_000_000n) / (9_000n * 997_000n) + 1n);
  assert.equal(amountIn(10n, 0n, 10_000n, 3_000n), null);
  assert.equal(amountIn(10_000n, 100_000n, 10_000n, 3_000n), null);
});

test('coverQuote adds the margin; checkFunds refuses what cannot be paid, with the most one can send', () => {
  const quote = coverQuote({ nativeNeeded: 1_000n, reserveAsset: 100_000n, reserveNative: 10_000n, lpFeePpm: 3_000n });
  assert.equal(quote.expected, amountIn(1_000n, 100_000n, 10_000n, 3_000n));
  assert.equal(quote.max, quote.expected + (quote.expected * 20n) / 100n + 1n);
  assert.equal(coverQuote({ nativeNeeded: 10_000n, reserveAsset: 1n, reserveNative: 10_000n, lpFeePpm: 0n }), null);

  const q = { expected: 100n, max: 121n };
  assert.deepEqual(checkFunds({ assetFree: 1_000n, amount: 500n, quote: q, minBalance: 10n }), { ok: true, maxAssetIn: 121n });
  // The bound is lowered to what is left after the transfer and the minimum balance.
  assert.deepEqual(checkFunds({ assetFree: 620n, amount: 500n, quote: q, minBalance: 10n }), { ok: true, maxAssetIn: 110n });
  const short = checkFunds({ assetFree: 600n, amount: 500n, quote: q, minBalance: 10n, symbol: 'SNZ', decimals: 0 });
  assert.equal(short.ok, false);
  assert.match(short.message, /^Not enough SNZ: you hold 600 SNZ/);
  assert.match(short.message, /You can send at most 490 SNZ\./);
  const none = checkFunds({ assetFree: 0n, amount: 5n, quote: q, minBalance: 10n, symbol: 'SNZ' });
  assert.match(none.message, /Get some more first\./);
  assert.equal(checkFunds({ assetFree: 600n, amount: 0n, quote: q, minBalance: 10n }).ok, false);
});

test('poolAccount is the runtime pool account of (Native, WithId(1))', () => {
  // The account that holds the pool's liquidity on a development chain after setup-chain.mjs
  // (checked there: its native balance is the liquidity added), so the derivation is the runtime's.
  assert.equal(encodeAddress(poolAccount(1), 42), '5GZRJs31fsfWgikpUkJMSqderQQUE7wGLQcYen7RgYARFKav');
});

test('errors a user can act on', () => {
  assert.match(explainRefusal(['simulation failed: Assets.BalanceLow']), /does not hold enough of the asset/);
  assert.match(explainRefusal(['PayAfter.FeeNotCovered']), /cannot pay the fee/);
  assert.match(explainRefusal(['AssetConversion.ProvidedMaximumNotSufficientForSwap']), /price moved/);
  assert.equal(explainRefusal(['something new']), 'something new');
  assert.equal(explainRefusal([]), 'no reason given');
  assert.match(explainPollinatorFailure(new TypeError('Failed to fetch'), 'http://x'), /http:\/\/x is unreachable/);
  assert.match(
    explainPollinatorFailure(new PollinateError('PollinatorResponse', 'http://x/api/v1/payafter: HTTP 502, not JSON: <html>'), 'http://x'),
    /has a problem \(HTTP 502\)/,
  );
  assert.match(
    explainPollinatorFailure(new PollinateError('PollinatorResponse', 'http://x/api/v1/payafter: HTTP 200, not JSON: hi'), 'http://x'),
    /answered something this page does not understand/,
  );
});
