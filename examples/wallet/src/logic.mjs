// The wallet page's logic that needs no browser and no chain: amounts, the fee policy it
// offers, the pool quote, the funds check, and what to tell the user when something fails.
// test/logic.test.mjs tests it with node's test runner.

import { encodePolicy, feeAt, isPollinateError, makeFee, makeInvalid } from '../../../clients/js/dist/index.js';

export { poolAccount } from './pool.mjs';

// ------------------------------------------------------------------------------------------------
// Amounts.

/** `text` ("12.5") in the smallest unit of a token of `decimals` decimals. Throws an Error whose
 * message can be shown as it is. */
export function parseUnits(text, decimals) {
  const s = String(text ?? '').trim();
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(s)) throw new Error(`"${s}" is not an amount: write it like 12.5`);
  const [whole, frac = ''] = s.split('.');
  if (frac.length > decimals) throw new Error(`at most ${decimals} decimals`);
  return BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
}

/** `value` (smallest unit) as a decimal string with at most `maxFraction` decimals, rounded
 * down, without trailing zeros, with thin-space-free thousands separators. */
export function formatUnits(value, decimals, maxFraction = 4) {
  const v = BigInt(value);
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const scale = 10n ** BigInt(decimals);
  const whole = (abs / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let frac = (abs % scale).toString().padStart(decimals, '0').slice(0, maxFraction).replace(/0+$/, '');
  if (frac === '' && abs % scale !== 0n && abs / scale === 0n) {
    // Less than the smallest shown digit: say so rather than print 0.
    return `${negative ? '-' : ''}< 0.${'0'.repeat(Math.max(0, maxFraction - 1))}1`;
  }
  return `${negative ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}

// ------------------------------------------------------------------------------------------------
// The fee policy the page offers.

/**
 * The fee schedule for a bundle whose relaying extrinsic costs `estimate` (native, smallest
 * unit): `start` × the estimate at once, rising linearly to `peak` × the estimate at half the
 * validity, and invalid after `minutes` minutes. A pollinator relays it as soon as the fee pays
 * its extrinsic fee plus its minimum profit; if none does at first, the rising fee is the
 * auction. Returns the entries, their words, rows to show, and the largest fee.
 */
export function feePolicy(estimate, minutes, { start = 2n, peak = 5n } = {}) {
  const m = Number(minutes);
  if (!Number.isInteger(m) || m < 2 || m > 127) {
    throw new Error('the bundle must be valid for 2 to 127 minutes');
  }
  const est = BigInt(estimate);
  const half = Math.floor(m / 2);
  const entries = [makeFee(est * start), makeFee(est * peak).after(half).minutes, makeInvalid().after(m).minutes];
  const words = encodePolicy(entries);
  const rows = entries.map((e) => ({
    afterSeconds: e.timeSeconds(),
    invalid: e.isInvalidMarker(),
    fee: e.isInvalidMarker() ? null : e.amtRounded(),
  }));
  const maxFee = rows.reduce((max, r) => (r.fee !== null && r.fee > max ? r.fee : max), 0n);
  return { entries, words, rows, maxFee, expiresAfter: m * 60 };
}

/** The fee the policy `words` pays `elapsed` seconds after creation, or a word for why none. */
export function feeNow(words, elapsed) {
  const at = feeAt(words, Math.max(0, Math.floor(elapsed)));
  return at.kind === 'fee' ? at.amount : at.kind;
}

/** "now", "after 5 min", "after 1 h 30 min". */
export function describeAfter(seconds) {
  if (seconds === 0) return 'now';
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return 'after ' + [h && `${h} h`, min && `${min} min`, s && `${s} s`].filter(Boolean).join(' ');
}

// ------------------------------------------------------------------------------------------------
// The pool: how much asset buys a given amount of native.

/** pallet-asset-conversion's `get_amount_in`: what must go in to get `amountOut` out of a pool
 * with these reserves, with an LP fee of `feePpm` parts per million. Null if the pool cannot. */
export function amountIn(amountOut, reserveIn, reserveOut, feePpm) {
  const out = BigInt(amountOut);
  const rIn = BigInt(reserveIn);
  const rOut = BigInt(reserveOut);
  if (rIn === 0n || rOut === 0n || out >= rOut) return null;
  const numerator = rIn * out * 1_000_000n;
  const denominator = (rOut - out) * (1_000_000n - BigInt(feePpm));
  return numerator / denominator + 1n;
}

/**
 * What the bundle's `cover_fee` may have to sell, at most: enough asset to buy `nativeNeeded`
 * (the largest fee of the policy, the bundle deposit and the existential deposit) at the pool's
 * price now, plus `marginPct` percent for the price to move. `expected` is the price now.
 */
export function coverQuote({ nativeNeeded, reserveAsset, reserveNative, lpFeePpm, marginPct = 20 }) {
  const expected = amountIn(nativeNeeded, reserveAsset, reserveNative, lpFeePpm);
  if (expected === null) return null;
  return { expected, max: expected + (expected * BigInt(marginPct)) / 100n + 1n };
}

/**
 * Whether an account holding `assetFree` can send `amount` and still sell what the fee needs,
 * keeping the asset's `minBalance` (both calls keep the account alive). Returns
 * `{ ok: true, maxAssetIn }` (the bound to sign: the quote's max, lowered to what is left) or
 * `{ ok: false, message }`.
 */
export function checkFunds({ assetFree, amount, quote, minBalance, symbol = '', decimals = 0 }) {
  const free = BigInt(assetFree);
  const keep = BigInt(minBalance);
  const amt = BigInt(amount);
  if (amt <= 0n) return { ok: false, message: 'Enter an amount above zero.' };
  const fmt = (v) => `${formatUnits(v, decimals)} ${symbol}`.trim();
  const needed = amt + quote.expected + keep;
  if (free < needed) {
    const most = free - quote.expected - keep;
    return {
      ok: false,
      message:
        `Not enough ${symbol || 'asset'}: you hold ${fmt(free)}, sending ${fmt(amt)} and paying the fee ` +
        `(about ${fmt(quote.expected)}) needs ${fmt(needed)} with the ${fmt(keep)} an account must keep. ` +
        (most > 0n ? `You can send at most ${fmt(most)}.` : 'Get some more first.'),
    };
  }
  const left = free - amt - keep;
  return { ok: true, maxAssetIn: quote.max < left ? quote.max : left };
}

// ------------------------------------------------------------------------------------------------
// What went wrong, in words a user can act on.

const ADVICE = {
  BalanceLow: 'the account does not hold enough of the asset for the transfer and the fee',
  FeeNotCovered: 'the account cannot pay the fee: it needs more of the asset to sell',
  DepositNotCovered: 'the account cannot pay the bundle deposit: it needs more of the asset to sell',
  ProvidedMaximumNotSufficientForSwap: 'the price moved: selling the signed maximum no longer buys the fee; review and sign again',
  BundleExpired: 'the bundle expired before a pollinator relayed it; send it again (maybe with a longer validity)',
  BundleNotYetValid: "the bundle's creation time is ahead of the chain's clock; wait a few seconds and send again",
  BadSignature: 'the signature does not match (another chain, or the runtime was upgraded); reload the page',
  BundleAlreadyExecuted: 'this bundle already ran',
  PoolNotFound: 'there is no pool for this asset, so the fee cannot be bought with it',
  NoAccount: 'the sender has no account on chain',
  BelowMinimum: "the recipient would hold less than the asset's minimum balance; send more",
};

/** A sentence for a pollinator's `error` list (strings such as "Assets.BalanceLow" or
 * "simulation failed: Module(PayAfter.FeeNotCovered)"). */
export function explainRefusal(errors) {
  const text = [errors].flat().join('; ');
  for (const [name, advice] of Object.entries(ADVICE)) {
    if (text.includes(name)) return `${advice} (${text})`;
  }
  return text || 'no reason given';
}

/** A message for an exception thrown while talking to the pollinator at `url`. */
export function explainPollinatorFailure(error, url) {
  if (isPollinateError(error)) {
    const http = /HTTP (\d{3})/.exec(error.message);
    if (http && Number(http[1]) >= 500) {
      return `The pollinator at ${url} has a problem (HTTP ${http[1]}); try again later or use another one. (${error.message})`;
    }
    if (http && Number(http[1]) === 429) {
      return `The pollinator at ${url} asks you to slow down (HTTP 429); try again in a few seconds.`;
    }
    return `The pollinator at ${url} answered something this page does not understand: ${error.message}`;
  }
  // fetch rejects with a TypeError when nothing answers (connection refused, CORS, DNS).
  if (error instanceof TypeError || /fetch|network|ECONNREFUSED/i.test(String(error?.message))) {
    return `The pollinator at ${url} is unreachable (${error.message}). Is it running? Set another one with ?pollinator=URL.`;
  }
  return `The pollinator at ${url} failed: ${error?.message ?? error}`;
}
