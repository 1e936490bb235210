// The wallet page in a real browser (Debian's chromium, driven by playwright-core) against a
// real chain, prepared by setup-chain.mjs, and a real pollinator. scripts/wallet-e2e.sh starts
// all of them and runs this file:
//
//   WALLET_URL=http://127.0.0.1:3010/ WALLET_WS=ws://127.0.0.1:8010 \
//   WALLET_POLLINATOR=http://127.0.0.1:8090 node --test test/browser.test.mjs
//
// Environment: WALLET_URL (the page), WALLET_WS (the chain), WALLET_POLLINATOR (a running
// pollinator; without it the send test is skipped, and scripts/wallet-e2e.sh fails),
// WALLET_ASSET (1), WALLET_EMPTY_URI (//NoNative), CHROMIUM (/usr/bin/chromium),
// WALLET_SHOTS (where screenshots go; target/wallet-e2e/screenshots), WALLET_EXECUTED_TIMEOUT
// (seconds to wait for "executed"; 180).

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { chromium } from 'playwright-core';
import { send } from '../setup-chain.mjs';

const env = process.env;
const PAGE = env.WALLET_URL ?? 'http://127.0.0.1:3010/';
const WS = env.WALLET_WS ?? 'ws://127.0.0.1:8010';
const POLLINATOR = env.WALLET_POLLINATOR ?? '';
const ASSET = Number(env.WALLET_ASSET ?? 1);
const EMPTY_URI = env.WALLET_EMPTY_URI ?? '//NoNative';
const SHOTS = env.WALLET_SHOTS ?? fileURLToPath(new URL('../../../target/wallet-e2e/screenshots/', import.meta.url));
const EXECUTED_TIMEOUT = Number(env.WALLET_EXECUTED_TIMEOUT ?? 180) * 1000;
const UNIT = 10n ** 12n;

mkdirSync(SHOTS, { recursive: true });

let api;
let provider;
let browser;
let keyring;
const shot = async (page, name) => {
  const path = `${SHOTS.replace(/\/?$/, '/')}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`# screenshot ${path}`);
};

const nativeOf = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
const assetOf = async (who) => {
  const account = await api.query.assets.account(ASSET, who);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
};

/** Opens the page with `pollinator` and waits until it shows the default account's balances.
 * `prepare(page)` runs before the page loads. */
async function openPage(pollinator, prepare) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
  if (prepare) await prepare(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(m.text())) errors.push(m.text());
  });
  const query = new URLSearchParams({ ws: WS, pollinator, asset: String(ASSET), empty: EMPTY_URI });
  await page.goto(`${PAGE}?${query}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  await page.waitForFunction(
    () => !['…', '–'].includes(document.getElementById('asset-balance').textContent),
    null,
    { timeout: 30_000 },
  );
  return { page, errors };
}

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  provider = new WsProvider(WS);
  api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  browser = await chromium.launch({
    executablePath: env.CHROMIUM ?? '/usr/bin/chromium',
    // --no-sandbox: CI runs as root in a container, where chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await browser?.close();
  await api?.disconnect();
});

test('an unreachable chain is reported', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
  await page.goto(`${PAGE}?${new URLSearchParams({ ws: 'ws://127.0.0.1:9', pollinator: 'http://127.0.0.1:9' })}`);
  await page.waitForSelector('#error:not([hidden])', { timeout: 30_000 });
  assert.match(await page.textContent('#error'), /^Cannot reach the chain at ws:\/\/127\.0\.0\.1:9\. Is it running\?/);
  assert.equal(await page.textContent('#chain-state'), 'unreachable');
  assert.equal(await page.isDisabled('#review'), true);
  await shot(page, '00-chain-unreachable');
  await page.close();
});

test('the page connects and shows the account with no native tokens', async () => {
  const empty = keyring.addFromUri(EMPTY_URI);
  assert.equal(await nativeOf(empty.address), 0n, `${EMPTY_URI} must hold no native tokens (run setup-chain.mjs)`);
  const held = await assetOf(empty.address);
  assert.ok(held > 0n, `${EMPTY_URI} holds asset ${ASSET}`);

  const { page, errors } = await openPage(POLLINATOR || 'http://127.0.0.1:9');
  await shot(page, '01-account');
  assert.match(await page.textContent('#account option:checked'), /No native tokens/);
  assert.equal(await page.textContent('#address'), empty.address);
  assert.equal(await page.textContent('#native-balance'), '0 UNIT');
  assert.equal(await page.textContent('#asset-balance'), '1,000 SNZ');
  assert.match(await page.textContent('#account-hint'), /holds no UNIT\. It can still send SNZ/);
  assert.match(await page.textContent('#chain-state'), /^block #\d+$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('asking to send more than the account can pay for says how much it can send', async () => {
  const { page } = await openPage(POLLINATOR || 'http://127.0.0.1:9');
  await page.fill('#amount', '999.9');
  await page.click('#review');
  await page.waitForSelector('#error:not([hidden])', { timeout: 30_000 });
  const message = await page.textContent('#error');
  assert.match(message, /^Not enough SNZ: you hold 1,000 SNZ, sending 999\.9 SNZ/);
  assert.match(message, /You can send at most 999\.\d+ SNZ\./);
  assert.equal(await page.isHidden('#review-card'), true);
  await shot(page, '02-not-enough-asset');
  await page.close();
});

test('an unreachable pollinator is reported, and nothing leaves the account', async () => {
  const empty = keyring.addFromUri(EMPTY_URI);
  const before = await assetOf(empty.address);
  // Port 9 (discard) on 127.0.0.1: nothing listens there.
  const { page } = await openPage('http://127.0.0.1:9');
  await page.click('#review');
  await page.waitForSelector('#review-card:not([hidden])', { timeout: 30_000 });
  await page.click('#sign');
  await page.waitForSelector('#error:not([hidden])', { timeout: 30_000 });
  assert.match(await page.textContent('#error'), /The pollinator at http:\/\/127\.0\.0\.1:9 is unreachable .*Is it running\?/);
  assert.equal(await page.textContent('#status-state'), 'unreachable');
  await shot(page, '03-pollinator-unreachable');
  assert.equal(await assetOf(empty.address), before);
  await page.close();
});

test(
  'sends an asset while holding no native tokens: the pollinator relays it, the fee is bought with the asset',
  { skip: POLLINATOR ? false : 'no pollinator (WALLET_POLLINATOR is not set): this test needs a real one' },
  async () => {
    const empty = keyring.addFromUri(EMPTY_URI);
    // A fresh recipient, so its balance before is zero.
    const dest = keyring.addFromUri(`//Wallet//e2e//${Date.now()}`);
    const ed = api.consts.balances.existentialDeposit.toBigInt();
    const deposit = api.consts.payAfter.bundleDeposit.toBigInt();
    const amount = 10n * UNIT; // 10 SNZ (12 decimals)
    const signerAssetBefore = await assetOf(empty.address);
    assert.equal(await nativeOf(empty.address), 0n);
    assert.equal(await assetOf(dest.address), 0n);

    const { page, errors } = await openPage(POLLINATOR);
    await page.fill('#dest', dest.address);
    await page.fill('#amount', '10');
    await page.fill('#minutes', '10');
    await page.click('#review');
    await page.waitForSelector('#review-card:not([hidden])', { timeout: 30_000 });
    // The schedule shown before signing: a fee now, a higher one later, invalid after 10 min.
    const rows = await page.$$eval('#schedule tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.equal(rows.length, 3);
    assert.equal(rows[0][0], 'now');
    assert.match(rows[1][0], /^after 5 min/);
    assert.deepEqual(rows[2], ['after 10 min', 'invalid from here on']);
    assert.match(await page.textContent('#review-cover'), /^sells at most [\d.]+ SNZ/);
    await shot(page, '04-review');

    await page.click('#sign');
    await page.waitForFunction(
      () => ['waiting', 'submitted', 'executed', 'refused', 'unreachable'].includes(document.getElementById('status-state').textContent),
      null,
      { timeout: 60_000 },
    );
    await shot(page, '05-handed-to-pollinator');
    const early = await page.textContent('#status-state');
    assert.ok(!['refused', 'unreachable'].includes(early), `the pollinator took the bundle: ${early}, ${await page.textContent('#error')}`);

    await page.waitForFunction(
      () => ['executed', 'refused', 'expired'].includes(document.getElementById('status-state').textContent),
      null,
      { timeout: EXECUTED_TIMEOUT },
    );
    const final = await page.textContent('#status-state');
    assert.equal(final, 'executed', `the bundle's state: ${final}; error: ${await page.textContent('#error')}`);
    // The page shows the block, then the new balances from its subscriptions.
    const block = await page.textContent('#status-block');
    const [, number, hash] = /^#(\d+) (0x[0-9a-f]{64})$/.exec(block) ?? [];
    assert.ok(hash, `the page shows the block: ${block}`);
    await page.waitForFunction(() => document.getElementById('native-balance').textContent !== '0 UNIT', null, { timeout: 30_000 });
    await shot(page, '06-executed');

    // On chain, with @polkadot/api: the block the page names holds BundleExecuted and FeeCovered.
    const events = (await api.query.system.events.at(hash)).map(({ event }) => event);
    assert.equal((await api.rpc.chain.getBlockHash(Number(number))).toHex(), hash);
    const executed = events.find((e) => e.section === 'payAfter' && e.method === 'BundleExecuted');
    const covered = events.find((e) => e.section === 'payAfter' && e.method === 'FeeCovered');
    assert.ok(executed, 'BundleExecuted in the block');
    assert.ok(covered, 'FeeCovered in the block');
    assert.equal(executed.data.signer.toString(), empty.address);
    assert.equal(await page.textContent('#status-hash'), executed.data.dataHash.toHex());
    const fee = executed.data.fee.toBigInt();
    const assetIn = covered.data.assetIn.toBigInt();
    const nativeOut = covered.data.nativeOut.toBigInt();
    // cover_fee bought exactly the fee, the deposit and the existential deposit.
    assert.equal(nativeOut, fee + deposit + ed);
    // The balances, now.
    assert.equal(await assetOf(dest.address), amount, 'the recipient got the asset');
    assert.equal(await assetOf(empty.address), signerAssetBefore - amount - assetIn, 'the sender paid the amount and what cover_fee sold');
    assert.equal(await nativeOf(empty.address), ed, 'the sender keeps only the existential deposit');
    // And the page shows them.
    assert.equal(await page.textContent('#native-balance'), '0.001 UNIT');
    const shown = await page.textContent('#asset-balance');
    assert.match(shown, /^989\.\d+ SNZ$/);
    assert.match(await page.textContent('#steps'), /Executed in block #\d+: the pollinator was paid [\d.]+ UNIT, bought with [\d.]+ SNZ/);
    assert.deepEqual(errors, []);
    await page.close();
  },
);

test(
  'a bundle the pollinator refuses: the page says why',
  { skip: POLLINATOR ? false : 'no pollinator (WALLET_POLLINATOR is not set): this test needs a real one' },
  async () => {
    // 0.0005 SNZ to a fresh account: below the asset's minimum balance (0.001 SNZ), so the
    // transfer fails when the pollinator simulates the bundle on the chain.
    const empty = keyring.addFromUri(EMPTY_URI);
    const before = await assetOf(empty.address);
    const dest = keyring.addFromUri(`//Wallet//dust//${Date.now()}`);
    const { page } = await openPage(POLLINATOR);
    await page.fill('#dest', dest.address);
    await page.fill('#amount', '0.0005');
    await page.click('#review');
    await page.waitForSelector('#review-card:not([hidden])', { timeout: 30_000 });
    await page.click('#sign');
    await page.waitForFunction(
      () => ['refused', 'executed', 'unreachable'].includes(document.getElementById('status-state').textContent),
      null,
      { timeout: 60_000 },
    );
    await shot(page, '08-refused');
    assert.equal(await page.textContent('#status-state'), 'refused');
    const message = await page.textContent('#error');
    console.log(`# the page says: ${message}`);
    assert.match(message, /^The pollinator refused the bundle: /);
    assert.match(message, /minimum/);
    assert.equal(await assetOf(empty.address), before, 'nothing left the account');
    assert.equal(await assetOf(dest.address), 0n);
    await page.close();
  },
);

test('a browser wallet (window.injectedWeb3) signs the bundle with signRaw', async () => {
  // A wallet extension as the page sees one: window.injectedWeb3[name].enable() gives accounts
  // and a signer whose signRaw signs <Bytes>payload</Bytes> with the account's key and returns
  // the signature prefixed with its MultiSignature type, as polkadot{.js} does. The key is in
  // this test process (exposed to the page as a function), as it would be in the extension.
  const walletPair = keyring.addFromUri(`//Wallet//extension//${Date.now()}`);
  const requests = [];
  // The wallet's account holds some SNZ (sent by //Alice) and no native tokens.
  const alice = keyring.addFromUri('//Alice');
  // (send: a transaction chopsticks drops as Invalid in a full session-change block is sent again
  // after one more block.)
  await send(api, provider, api.tx.assets.transferKeepAlive(ASSET, walletPair.address, 50n * UNIT), alice, 'SNZ to the wallet');
  assert.equal(await nativeOf(walletPair.address), 0n);

  const prepare = async (page) => {
    await page.exposeFunction('__testWalletSignRaw', (request) => {
      requests.push(request);
      assert.equal(request.type, 'bytes');
      const signature = walletPair.sign(u8aWrapBytes(hexToU8a(request.data)), { withType: true });
      return u8aToHex(signature);
    });
    await page.addInitScript((account) => {
      window.injectedWeb3 = {
        'test-wallet': {
          version: '1.0.0',
          enable: async () => ({
            accounts: { get: async () => [{ address: account, name: 'Test wallet', type: 'sr25519' }] },
            signer: {
              signRaw: async (request) => ({ id: 1, signature: await window.__testWalletSignRaw(request) }),
            },
          }),
        },
      };
    }, walletPair.address);
  };
  const pollinator = POLLINATOR || 'http://127.0.0.1:9';
  const { page, errors } = await openPage(pollinator, prepare);
  await page.click('#wallet');
  await page.waitForFunction(
    (address) => document.getElementById('address').textContent === address,
    walletPair.address,
    { timeout: 30_000 },
  );
  assert.match(await page.textContent('#account option:checked'), /Test wallet \(test-wallet\)/);
  await page.waitForFunction(() => document.getElementById('asset-balance').textContent === '50 SNZ', null, { timeout: 30_000 });
  await page.fill('#dest', keyring.addFromUri('//Bob').address);
  await page.fill('#amount', '1');
  await page.click('#review');
  await page.waitForSelector('#review-card:not([hidden])', { timeout: 30_000 });
  await page.click('#sign');
  const end = POLLINATOR ? ['executed', 'refused', 'expired'] : ['unreachable'];
  await page.waitForFunction(
    (states) => states.includes(document.getElementById('status-state').textContent),
    end,
    { timeout: EXECUTED_TIMEOUT },
  );
  await shot(page, '07-browser-wallet');
  // The wallet was asked once, with the bare payload (it wraps it itself), for its own address;
  // the library verified what it returned before building the bundle.
  assert.equal(requests.length, 1);
  assert.equal(requests[0].address, walletPair.address);
  assert.match(requests[0].data, /^0x/);
  assert.match(await page.textContent('#status-hash'), /^0x[0-9a-f]{64}$/);
  if (POLLINATOR) {
    assert.equal(await page.textContent('#status-state'), 'executed', await page.textContent('#error'));
    assert.equal(await assetOf(walletPair.address) < 49n * UNIT, true);
    assert.equal(await nativeOf(walletPair.address), api.consts.balances.existentialDeposit.toBigInt());
  } else {
    assert.match(await page.textContent('#error'), /unreachable/);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
