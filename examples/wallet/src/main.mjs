// The wallet page: connect to the chain, pick an account, see its balances, and send an asset
// in a PayAfter bundle that buys its own fee with some of the asset (`cover_fee`), relayed by a
// pollinator. Bundled for the browser by build.mjs (esbuild) into dist/app.js.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, decodeAddress, encodeAddress, mnemonicGenerate } from '@polkadot/util-crypto';
import { buildSignedBundle, estimate, status as pollinatorStatus, submit } from '../../../clients/js/dist/index.js';
import {
  checkFunds,
  coverQuote,
  describeAfter,
  explainPollinatorFailure,
  explainRefusal,
  feePolicy,
  formatUnits,
  amountIn,
  parseUnits,
  poolAccount,
} from './logic.mjs';

// ------------------------------------------------------------------------------------------------
// Settings, from the query string.

const params = new URLSearchParams(location.search);
const WS = params.get('ws') ?? 'ws://127.0.0.1:9944';
const POLLINATOR = (params.get('pollinator') ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
const ASSET = Number(params.get('asset') ?? 1);
const EMPTY_URI = params.get('empty') ?? '//NoNative';
const POLL_MS = Number(params.get('poll') ?? 1500);

const DEV = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

// ------------------------------------------------------------------------------------------------
// State.

let api;
let keyring;
/** Every account the select offers: { key, label, address, signer }. */
const accounts = [];
let current = null;
let unsubBalances = [];
const balances = { native: null, asset: null };
let native = { symbol: 'UNIT', decimals: 12, ed: 0n };
let asset = { id: ASSET, symbol: `#${ASSET}`, decimals: 0, minBalance: 0n, exists: false };
/** What the review computed, signed by "Sign and send". */
let review = null;
/** The bundle being tracked. */
let tracking = null;
/** The scans of new blocks, chained. */
let headQueue = Promise.resolve();

// ------------------------------------------------------------------------------------------------
// Messages.

function showError(message) {
  const banner = $('error');
  banner.textContent = message;
  banner.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

function setPill(node, text, kind) {
  node.textContent = text;
  node.className = `pill ${kind ?? ''}`.trim();
}

const fmtNative = (v) => `${formatUnits(v, native.decimals)} ${native.symbol}`;
const fmtAsset = (v) => `${formatUnits(v, asset.decimals)} ${asset.symbol}`;
const short = (address) => `${address.slice(0, 6)}…${address.slice(-6)}`;
const nameOf = (address) => accounts.find((a) => a.address === address)?.label ?? short(address);

// ------------------------------------------------------------------------------------------------
// The chain.

async function connect() {
  $('chain-url').textContent = WS;
  $('pollinator-url').textContent = POLLINATOR;
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const provider = new WsProvider(WS, 2_500);
  let everConnected = false;
  provider.on('error', () => {
    if (!everConnected) showError(`Cannot reach the chain at ${WS}. Is it running? Set another one with ?ws=URL.`);
    setPill($('chain-state'), 'unreachable', 'bad');
  });
  provider.on('disconnected', () => setPill($('chain-state'), everConnected ? 'disconnected' : 'unreachable', 'bad'));
  provider.on('connected', () => {
    if (everConnected) setPill($('chain-state'), 'reconnected', 'wait');
    everConnected = true;
  });
  api = await ApiPromise.create({ provider, noInitWarn: true });
  clearError();
  const props = api.registry;
  native = {
    symbol: props.chainTokens[0] ?? 'UNIT',
    decimals: props.chainDecimals[0] ?? 12,
    ed: api.consts.balances.existentialDeposit.toBigInt(),
  };
  if (!api.tx.payAfter || !api.tx.assets || !api.tx.assetConversion) {
    throw new Error('This chain has no PayAfter, Assets or AssetConversion pallet.');
  }
  await api.rpc.chain.subscribeNewHeads((header) => {
    setPill($('chain-state'), `block #${header.number.toNumber()}`, 'ok');
    // One head at a time, in order: each scan starts where the previous one ended.
    headQueue = headQueue.then(() => onNewHead(header)).catch((e) => console.error(e));
  });

  const details = await api.query.assets.asset(ASSET);
  if (details.isNone) {
    showError(
      `Asset ${ASSET} does not exist on this chain. Run examples/wallet/setup-chain.mjs against it, or pick ` +
        'another asset with ?asset=ID.',
    );
  } else {
    const meta = await api.query.assets.metadata(ASSET);
    asset = {
      id: ASSET,
      symbol: meta.symbol.toUtf8() || `#${ASSET}`,
      decimals: meta.decimals.toNumber(),
      minBalance: details.unwrap().minBalance.toBigInt(),
      exists: true,
    };
  }
  $('asset-label').textContent = asset.symbol;
  $('amount-symbol').textContent = `(${asset.symbol})`;
}

// ------------------------------------------------------------------------------------------------
// Accounts.

function addDevAccounts() {
  for (const name of DEV) {
    const pair = keyring.addFromUri(`//${name}`);
    accounts.push({ key: `dev:${name}`, label: name, address: pair.address, signer: pair });
  }
  const empty = keyring.addFromUri(EMPTY_URI);
  accounts.push({ key: 'dev:empty', label: `No native tokens (${EMPTY_URI})`, address: empty.address, signer: empty });
  // A fresh account of this browser tab: holds nothing until someone sends it something.
  let phrase = sessionStorage.getItem('wallet.fresh');
  if (!phrase) {
    phrase = mnemonicGenerate(12);
    sessionStorage.setItem('wallet.fresh', phrase);
  }
  const fresh = keyring.addFromUri(phrase);
  accounts.push({ key: 'dev:fresh', label: 'New account (this tab)', address: fresh.address, signer: fresh });
}

function renderAccounts() {
  const select = $('account');
  const selected = select.value;
  select.replaceChildren(
    ...accounts.map((a) => el('option', { value: a.key, textContent: `${a.label} · ${short(a.address)}` })),
  );
  if (selected && accounts.some((a) => a.key === selected)) select.value = selected;
  const list = $('dest-list');
  list.replaceChildren(...accounts.map((a) => el('option', { value: a.address, label: a.label })));
  select.disabled = false;
  $('wallet').disabled = false;
}

async function selectAccount(key) {
  current = accounts.find((a) => a.key === key) ?? accounts[0];
  $('account').value = current.key;
  $('address').textContent = current.address;
  for (const unsub of unsubBalances) unsub();
  unsubBalances = [];
  balances.native = null;
  balances.asset = null;
  renderBalances();
  hideReview();
  unsubBalances.push(
    await api.query.system.account(current.address, (account) => {
      balances.native = account.data.free.toBigInt();
      renderBalances();
    }),
  );
  unsubBalances.push(
    await api.query.assets.account(ASSET, current.address, (account) => {
      balances.asset = account.isSome ? account.unwrap().balance.toBigInt() : 0n;
      renderBalances();
    }),
  );
  if (!$('dest').value) {
    $('dest').value = accounts.find((a) => a.key === 'dev:Bob' && a.key !== current.key)?.address ?? '';
  }
  renderDestName();
}

function renderDestName() {
  const dest = $('dest').value.trim();
  let text = '';
  if (dest) {
    try {
      decodeAddress(dest);
      const known = accounts.find((a) => a.address === dest);
      text = known ? `= ${known.label}` : 'an address';
    } catch {
      text = 'not an address';
    }
  }
  $('dest-name').textContent = text;
}

function renderBalances() {
  $('native-balance').textContent = balances.native === null ? '…' : fmtNative(balances.native);
  $('asset-balance').textContent = balances.asset === null ? '…' : fmtAsset(balances.asset);
  const hint = $('account-hint');
  if (balances.native === 0n && balances.asset > 0n) {
    hint.textContent = `This account holds no ${native.symbol}. It can still send ${asset.symbol}: the fee is bought with some of it.`;
  } else if (balances.native === 0n) {
    hint.textContent = `This account holds nothing yet. Send it some ${asset.symbol} from another account first.`;
  } else {
    hint.textContent = '';
  }
  $('review').disabled = balances.asset === null || !asset.exists;
}

async function connectWallet() {
  clearError();
  const injected = window.injectedWeb3 ?? {};
  const names = Object.keys(injected);
  if (names.length === 0) {
    showError(
      'No browser wallet found (window.injectedWeb3 is empty). Install polkadot{.js}, Talisman or SubWallet and ' +
        'reload, or sign with a dev account.',
    );
    return;
  }
  let added = 0;
  for (const name of names) {
    try {
      const extension = await injected[name].enable('Sneeze Wallet');
      for (const account of await extension.accounts.get()) {
        if (account.type === 'ethereum') continue;
        const address = encodeAddress(decodeAddress(account.address), 42);
        const key = `wallet:${name}:${address}`;
        if (accounts.some((a) => a.key === key)) continue;
        // The library asks the extension's signRaw with the bare payload; the extension wraps it
        // in <Bytes>…</Bytes>, which the chain accepts.
        accounts.push({
          key,
          label: `${account.name ?? 'account'} (${name})`,
          address,
          signer: { address: account.address, signer: extension.signer },
        });
        added++;
      }
    } catch (e) {
      showError(`The wallet ${name} refused: ${e.message ?? e}`);
    }
  }
  renderAccounts();
  const first = accounts.find((a) => a.key.startsWith('wallet:'));
  if (added > 0 && first) await selectAccount(first.key);
  else if (added === 0) showError('The browser wallet shared no accounts with this page.');
}

// ------------------------------------------------------------------------------------------------
// Review: the calls, the fee schedule, what may be sold.

function hideReview() {
  review = null;
  $('review-card').hidden = true;
}

async function poolReserves() {
  const pool = await api.query.assetConversion.pools([{ Native: null }, { WithId: ASSET }]);
  if (pool.isNone) return null;
  const account = poolAccount(ASSET);
  const [sys, acc] = await Promise.all([api.query.system.account(account), api.query.assets.account(ASSET, account)]);
  return {
    native: sys.data.free.toBigInt(),
    asset: acc.isSome ? acc.unwrap().balance.toBigInt() : 0n,
    lpFeePpm: BigInt(api.consts.assetConversion.lpFee.toNumber()),
  };
}

async function onReview(event) {
  event.preventDefault();
  clearError();
  hideReview();
  const button = $('review');
  button.disabled = true;
  try {
    const dest = $('dest').value.trim();
    try {
      decodeAddress(dest);
    } catch {
      throw new Error(`"${dest}" is not an address.`);
    }
    if (dest === current.address) throw new Error('Pick someone else to send to.');
    const amount = parseUnits($('amount').value, asset.decimals);
    const minutes = Number($('minutes').value);

    const reserves = await poolReserves();
    if (!reserves || reserves.native === 0n) {
      throw new Error(
        `There is no pool ${native.symbol} ⇄ ${asset.symbol} with liquidity, so the fee cannot be bought with ` +
          `${asset.symbol}. Run examples/wallet/setup-chain.mjs.`,
      );
    }
    const assetFree = balances.asset ?? 0n;
    const nativeFree = balances.native ?? 0n;
    const transfer = api.tx.assets.transferKeepAlive(ASSET, dest, amount);
    // What relaying costs now (the runtime's fee for PayAfter.dispatch carrying these calls).
    const draft = [transfer, api.tx.payAfter.coverFee({ WithId: ASSET }, assetFree)];
    const est = await estimate(api, draft, 3, { signer: current.address });
    const policy = feePolicy(est.partialFee, minutes);

    // cover_fee buys what the account lacks for the fee, the bundle deposit and the existential
    // deposit; at most the policy's largest fee.
    const deposit = api.consts.payAfter.bundleDeposit.toBigInt();
    const nativeNeeded = policy.maxFee + deposit + native.ed - nativeFree;
    let quote = { expected: 0n, max: 0n };
    if (nativeNeeded > 0n) {
      quote = coverQuote({
        nativeNeeded,
        reserveAsset: reserves.asset,
        reserveNative: reserves.native,
        lpFeePpm: reserves.lpFeePpm,
      });
      if (!quote) throw new Error(`The pool is too small to buy ${fmtNative(nativeNeeded)}.`);
    }
    const funds = checkFunds({
      assetFree,
      amount,
      quote,
      minBalance: asset.minBalance,
      symbol: asset.symbol,
      decimals: asset.decimals,
    });
    if (!funds.ok) throw new Error(funds.message);

    review = { dest, amount, minutes, policy, maxAssetIn: funds.maxAssetIn, estimate: est.partialFee, deposit };
    $('review-transfer').textContent = `${fmtAsset(amount)} to ${nameOf(dest)}`;
    $('review-cover').textContent =
      nativeNeeded > 0n
        ? `sells at most ${fmtAsset(funds.maxAssetIn)} (about ${fmtAsset(quote.expected)} at today's price) for the ${native.symbol} the fee needs`
        : `sells nothing: the account already holds the ${native.symbol} the fee needs`;
    $('schedule').replaceChildren(
      ...policy.rows.map((row) =>
        row.invalid
          ? el('tr', { className: 'invalid' },
              el('td', { textContent: describeAfter(row.afterSeconds) }),
              el('td', { textContent: 'invalid from here on', colSpan: 2 }))
          : el('tr', {},
              el('td', { textContent: describeAfter(row.afterSeconds) + (row.afterSeconds ? ', rising linearly to' : '') }),
              el('td', { textContent: fmtNative(row.fee) }),
              el('td', { textContent: fmtAsset(amountIn(row.fee, reserves.asset, reserves.native, reserves.lpFeePpm) ?? 0n) })),
      ),
    );
    $('review-hint').textContent =
      `Relaying costs about ${fmtNative(est.partialFee)} now. The fee starts at twice that, so a pollinator can take it at ` +
      `once, and rises until one does. Also taken: a bundle deposit of ${fmtNative(deposit)}, which any relayer of ` +
      `your next bundle may claim once this one has expired.`;
    $('review-card').hidden = false;
    $('sign').disabled = false;
  } catch (e) {
    showError(e.message ?? String(e));
  } finally {
    button.disabled = false;
  }
}

// ------------------------------------------------------------------------------------------------
// Sign, hand to the pollinator, track.

function step(text) {
  $('steps').append(el('li', { className: 'done' }, text, el('span', { className: 'time', textContent: new Date().toLocaleTimeString() })));
}

function setState(state, detail = '') {
  const kind = { executed: 'ok', refused: 'bad', failed: 'bad', expired: 'bad', unreachable: 'bad' }[state] ?? 'wait';
  setPill($('status-state'), state, kind);
  $('status-detail').textContent = detail;
}

async function onSign() {
  if (!review) return;
  clearError();
  $('sign').disabled = true;
  stopTracking();
  $('steps').replaceChildren();
  $('status-hash').textContent = '–';
  $('status-txid').textContent = '–';
  $('status-block').textContent = '–';
  $('status-card').hidden = false;
  try {
    setState('signing', current.key.startsWith('wallet:') ? 'confirm in your wallet…' : '');
    const calls = [
      api.tx.assets.transferKeepAlive(ASSET, review.dest, review.amount),
      api.tx.payAfter.coverFee({ WithId: ASSET }, review.maxAssetIn),
    ];
    const signed = await buildSignedBundle(current.signer, calls, review.policy.entries, { api });
    $('status-hash').textContent = signed.dataHash;
    step(`Signed by ${current.label}: ${calls.length} calls, invalid after ${review.minutes} min`);
    const startHead = (await api.rpc.chain.getHeader()).number.toNumber();
    tracking = {
      dataHash: signed.dataHash,
      signer: current.address,
      expiresAt: Number(signed.createTime) + review.policy.expiresAfter,
      lastBlock: startHead,
      done: false,
      timer: null,
      reported: new Set(),
    };

    setState('sending', `to ${POLLINATOR}`);
    let answer;
    try {
      answer = await submit(POLLINATOR, signed.bundle);
    } catch (e) {
      setState('unreachable');
      throw new Error(explainPollinatorFailure(e, POLLINATOR));
    }
    if (answer.status === 'parseError') {
      setState('refused');
      throw new Error(`The pollinator could not read the bundle: ${answer.error.join('; ')}`);
    }
    step(`Handed to the pollinator at ${POLLINATOR}`);
    onRecord(answer);
    if (!tracking.done) tracking.timer = setInterval(() => poll().catch(() => {}), POLL_MS);
  } catch (e) {
    showError(e.message ?? String(e));
    if (tracking) tracking.done = true;
    $('sign').disabled = false;
  }
}

function stopTracking() {
  if (tracking?.timer) clearInterval(tracking.timer);
  if (tracking) tracking.done = true;
}

/** Shows a record of the pollinator's (from submit or status). */
function onRecord(record) {
  if (!tracking || tracking.done || record.data_hash !== tracking.dataHash) return;
  const once = (key, text) => {
    if (!tracking.reported.has(key)) {
      tracking.reported.add(key);
      step(text);
    }
  };
  if (record.status === 'error') {
    stopTracking();
    setState('refused', 'nothing was taken from the account');
    step(`Refused by the pollinator: ${record.error.join('; ')}`);
    showError(`The pollinator refused the bundle: ${explainRefusal(record.error)}`);
    $('sign').disabled = false;
  } else if (record.status === 'waiting') {
    const secs = Math.max(0, record.wait_until - Math.floor(Date.now() / 1000));
    setState('waiting', secs > 0 ? `the pollinator relays it when the fee is worth it (next look in ${secs} s)` : 'the pollinator is about to relay it');
    once('waiting', 'The pollinator accepted it and waits for the fee to be worth relaying');
  } else if (record.status === 'executed') {
    $('status-txid').textContent = record.txid;
    if (!tracking.reported.has('block')) setState('submitted', 'waiting for the block');
    once('submitted', `Relayed: extrinsic ${short(record.txid)}`);
  }
}

async function poll() {
  if (!tracking || tracking.done) return;
  let records;
  try {
    records = await pollinatorStatus(POLLINATOR, tracking.signer);
  } catch (e) {
    $('status-detail').textContent = `(the pollinator does not answer: ${e.message}; still watching the chain)`;
    return;
  }
  const record = records.find((r) => r.data_hash === tracking.dataHash);
  if (record) onRecord(record);
  if (!tracking.done && Math.floor(Date.now() / 1000) > tracking.expiresAt + 30) {
    stopTracking();
    setState('expired', 'no pollinator relayed it in time; nothing was taken');
    $('sign').disabled = false;
  }
}

/** Watches each new block for the bundle's BundleExecuted event. */
async function onNewHead(header) {
  if (!tracking || tracking.done) return;
  const head = header.number.toNumber();
  for (let n = tracking.lastBlock + 1; n <= head && !tracking.done; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const events = await api.query.system.events.at(hash);
    let executed = null;
    let covered = null;
    for (const { event } of events) {
      if (event.section === 'payAfter' && event.method === 'BundleExecuted' && event.data.dataHash.toHex() === tracking.dataHash) {
        executed = event;
      } else if (event.section === 'payAfter' && event.method === 'FeeCovered' && event.data.signer.toString() === tracking.signer) {
        covered = event;
      }
    }
    tracking.lastBlock = n;
    if (executed) {
      stopTracking();
      const fee = executed.data.fee.toBigInt();
      $('status-block').textContent = `#${n} ${hash.toHex()}`;
      step(
        `Executed in block #${n}: the pollinator was paid ${fmtNative(fee)}` +
          (covered ? `, bought with ${fmtAsset(covered.data.assetIn.toBigInt())}` : ''),
      );
      setState('executed', `in block #${n}`);
      $('sign').disabled = true;
      hideReviewAfterSend();
    }
  }
}

function hideReviewAfterSend() {
  review = null;
  $('review-card').hidden = true;
}

// ------------------------------------------------------------------------------------------------
// Start.

async function main() {
  $('send-form').addEventListener('submit', onReview);
  $('sign').addEventListener('click', onSign);
  $('cancel').addEventListener('click', hideReview);
  $('account').addEventListener('change', (e) => selectAccount(e.target.value).catch((x) => showError(x.message)));
  $('wallet').addEventListener('click', () => connectWallet().catch((x) => showError(x.message)));
  for (const id of ['dest', 'amount', 'minutes']) $(id).addEventListener('input', hideReview);
  $('dest').addEventListener('input', renderDestName);
  await connect();
  addDevAccounts();
  renderAccounts();
  const wanted = params.get('account');
  await selectAccount(wanted ? `dev:${wanted}` : 'dev:empty');
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  console.error(e);
  showError(e.message ?? String(e));
});
