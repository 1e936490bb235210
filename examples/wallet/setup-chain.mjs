// Prepares a development chain for the wallet page (idempotent: run it as often as you like):
//
//   1. asset ASSET (default 1) in `Assets`, created by root through `Sudo` (the `development`
//      preset's sudo key is //Alice) as a *sufficient* asset: an account may hold it with no
//      native balance at all. With `is_sufficient = false` (what a plain signed `Assets.create`
//      gives) an account needs the native existential deposit before it can receive the asset,
//      which defeats the point of the page.
//   2. its metadata (name, symbol, decimals) and a supply minted to //Alice;
//   3. a pool native <-> asset in `AssetConversion`, with liquidity from //Alice, which is what
//      `PayAfter.cover_fee` swaps through;
//   4. the "no native tokens" account (default //NoNative, see `--empty-uri`) topped up with the
//      asset, and checked to hold no native tokens;
//   5. optionally, native tokens to other accounts (`--fund <address>`, repeatable), e.g. the
//      pollinator's key, which pays the relaying extrinsic's fee.
//
//   node setup-chain.mjs --ws ws://127.0.0.1:9944 [--asset 1] [--empty-uri //NoNative]
//        [--fund <address>]... [--out setup.json]
//
// It prints (and writes to --out) a JSON summary. Also importable: `setupChain(options)`.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { poolAccount } from './src/pool.mjs';

export { poolAccount };

export const UNIT = 10n ** 12n;
export const DEFAULTS = {
  ws: 'ws://127.0.0.1:9944',
  asset: 1,
  name: 'Sneeze',
  symbol: 'SNZ',
  decimals: 12,
  emptyUri: '//NoNative',
  // 1 SNZ = 0.1 UNIT: 10 000 UNIT against 100 000 SNZ.
  poolNative: 10_000n * UNIT,
  poolAsset: 100_000n * 10n ** 12n,
  // The asset's minimum balance: 0.001 SNZ.
  minBalance: 10n ** 9n,
  // What the "no native tokens" account is topped up to: 1 000 SNZ.
  emptyAsset: 1_000n * 10n ** 12n,
  // Native sent to each --fund address: 100 UNIT.
  fundNative: 100n * UNIT,
};

const NATIVE = { Native: null };
const withId = (id) => ({ WithId: id });

function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  return dispatchError.toString();
}

/** Signs and sends `tx`, resolves with its events once it is in a block; rejects on a dispatch
 * error (also a `Sudid` carrying an error). On chopsticks a transaction that hits a full
 * (session-change) block is dropped as Invalid: then one more block, and once more. */
export async function send(api, provider, tx, signer, what, log = () => {}) {
  const once = () =>
    new Promise((resolve, reject) => {
      let unsub;
      const timer = setTimeout(() => reject(new Error(`${what}: not in a block after 120 s`)), 120_000);
      tx.signAndSend(signer, { nonce: -1 }, ({ status, events, dispatchError }) => {
        if (status.isInBlock || status.isFinalized) {
          clearTimeout(timer);
          unsub?.();
          if (dispatchError) return reject(new Error(`${what}: ${errorName(api, dispatchError)}`));
          for (const { event } of events) {
            if (event.section === 'sudo' && event.method === 'Sudid' && event.data[0].isErr) {
              return reject(new Error(`${what}: sudo: ${errorName(api, event.data[0].asErr)}`));
            }
            if (event.section === 'utility' && event.method === 'BatchInterrupted') {
              return reject(new Error(`${what}: batch interrupted: ${errorName(api, event.data[1])}`));
            }
          }
          resolve(events.map(({ event }) => event));
        } else if (status.isDropped || status.isInvalid || status.isUsurped) {
          clearTimeout(timer);
          unsub?.();
          reject(new Error(`${what}: ${status.type}`));
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
  try {
    return await once();
  } catch (e) {
    if (!String(e.message).endsWith(': Invalid')) throw e;
    const methods = (await api.rpc.rpc.methods()).methods.map(String);
    if (!provider || !methods.includes('dev_newBlock')) throw e;
    log(`   ${e.message} (a full block?): one more block, then again`);
    await provider.send('dev_newBlock', [{ count: 1 }]);
    tx = api.tx(tx.method);
    return once();
  }
}

/**
 * Prepares the chain; returns a summary. `options`: ws, asset, emptyUri, fund (addresses),
 * log (a function), api and provider (an existing ApiPromise and its WsProvider: then ws is
 * ignored and the api is not disconnected).
 */
export async function setupChain(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const log = o.log ?? ((...m) => console.error(...m));
  const provider = o.api ? null : new WsProvider(o.ws, 2_500, {}, 60_000);
  const api = o.api ?? (await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true }));
  // dev_newBlock (chopsticks) goes through the provider: pass `provider` with `api`.
  const wsProvider = provider ?? o.provider ?? null;
  try {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const alice = keyring.addFromUri('//Alice');
    const empty = keyring.addFromUri(o.emptyUri);
    const id = Number(o.asset);

    const sudoKey = (await api.query.sudo.key()).unwrapOr(null)?.toString();

    // 1. The asset, sufficient.
    const details = await api.query.assets.asset(id);
    if (details.isNone) {
      if (sudoKey !== alice.address) {
        throw new Error(
          `asset ${id} does not exist and //Alice is not the sudo key (${sudoKey ?? 'no sudo'}): ` +
            'a sufficient asset needs root (the development preset has //Alice as sudo)',
        );
      }
      log(`-- creating asset ${id} (sufficient, min balance ${o.minBalance}) with sudo`);
      await send(
        api,
        wsProvider,
        api.tx.sudo.sudo(api.tx.assets.forceCreate(id, alice.address, true, o.minBalance)),
        alice,
        'Sudo(Assets.force_create)',
        log,
      );
    } else {
      const d = details.unwrap();
      log(`-- asset ${id} exists (owner ${d.owner}, sufficient: ${d.isSufficient.isTrue})`);
      if (!d.isSufficient.isTrue) {
        throw new Error(
          `asset ${id} exists but is not sufficient: an account with no native tokens cannot hold it. ` +
            'Pick another id with --asset, or make it sufficient (Sudo(Assets.force_asset_status)).',
        );
      }
    }
    const meta = await api.query.assets.metadata(id);
    const owner = (await api.query.assets.asset(id)).unwrap().owner.toString();
    if (meta.symbol.isEmpty && owner === alice.address) {
      log(`-- metadata ${o.name} (${o.symbol}, ${o.decimals} decimals)`);
      await send(api, wsProvider, api.tx.assets.setMetadata(id, o.name, o.symbol, o.decimals), alice, 'Assets.set_metadata', log);
    }

    // 2, 3. Supply and pool.
    const pool = await api.query.assetConversion.pools([NATIVE, withId(id)]);
    const poolAddr = keyring.encodeAddress(poolAccount(id));
    const assetOf = async (who) => {
      const a = await api.query.assets.account(id, who);
      return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
    };
    const nativeOf = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
    const aliceAsset = await assetOf(alice.address);
    const poolAsset = await assetOf(poolAddr);
    const needed = (poolAsset === 0n ? o.poolAsset : 0n) + o.emptyAsset * 2n;
    if (aliceAsset < needed && owner === alice.address) {
      log(`-- minting ${needed - aliceAsset} to //Alice`);
      await send(api, wsProvider, api.tx.assets.mint(id, alice.address, needed - aliceAsset), alice, 'Assets.mint', log);
    }
    if (pool.isNone) {
      log('-- creating the pool native <-> asset');
      await send(api, wsProvider, api.tx.assetConversion.createPool(NATIVE, withId(id)), alice, 'AssetConversion.create_pool', log);
    }
    if ((await nativeOf(poolAddr)) === 0n || poolAsset === 0n) {
      log(`-- adding liquidity: ${o.poolNative} native, ${o.poolAsset} asset`);
      await send(
        api,
        wsProvider,
        api.tx.assetConversion.addLiquidity(NATIVE, withId(id), o.poolNative, o.poolAsset, 1, 1, alice.address),
        alice,
        'AssetConversion.add_liquidity',
        log,
      );
    }

    // 4. The account with the asset and no native tokens.
    const emptyAsset = await assetOf(empty.address);
    if (emptyAsset < o.emptyAsset) {
      log(`-- topping ${o.emptyUri} (${empty.address}) up to ${o.emptyAsset} of asset ${id}`);
      await send(
        api,
        wsProvider,
        api.tx.assets.transferKeepAlive(id, empty.address, o.emptyAsset - emptyAsset),
        alice,
        'Assets.transfer_keep_alive',
        log,
      );
    }

    // 5. Native to whoever needs it (the pollinator).
    const fund = [o.fund ?? []].flat().filter(Boolean);
    for (const who of fund) {
      const free = await nativeOf(who);
      if (free < o.fundNative / 2n) {
        log(`-- sending ${o.fundNative} native to ${who}`);
        await send(api, wsProvider, api.tx.balances.transferKeepAlive(who, o.fundNative), alice, 'Balances.transfer_keep_alive', log);
      }
    }

    const summary = {
      ws: o.ws,
      genesisHash: api.genesisHash.toHex(),
      asset: { id, name: o.name, symbol: o.symbol, decimals: o.decimals, minBalance: String(o.minBalance) },
      pool: { account: poolAddr, native: String(await nativeOf(poolAddr)), asset: String(await assetOf(poolAddr)) },
      empty: {
        uri: o.emptyUri,
        address: empty.address,
        native: String(await nativeOf(empty.address)),
        asset: String(await assetOf(empty.address)),
      },
      funded: fund,
    };
    if (summary.empty.native !== '0') {
      log(
        `   note: ${o.emptyUri} holds ${summary.empty.native} native (a previous send swapped some asset for ` +
          'the fee and the existential deposit); use another --empty-uri for an account with none',
      );
    }
    return summary;
  } finally {
    if (!o.api) await api.disconnect();
  }
}

// ------------------------------------------------------------------------------------------------
// The command line.

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const options = { fund: [] };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : args[++i]);
    switch (flag) {
      case '--ws': options.ws = value(); break;
      case '--asset': options.asset = Number(value()); break;
      case '--empty-uri': options.emptyUri = value(); break;
      case '--fund': options.fund.push(value()); break;
      case '--out': options.out = value(); break;
      case '-h':
      case '--help':
        console.log('usage: node setup-chain.mjs [--ws URL] [--asset ID] [--empty-uri URI] [--fund ADDRESS]... [--out FILE]');
        process.exit(0);
      default:
        console.error(`setup-chain: unknown argument ${args[i]}`);
        process.exit(2);
    }
  }
  try {
    const summary = await setupChain(options);
    const text = JSON.stringify(summary, null, 2);
    if (options.out) writeFileSync(options.out, text + '\n');
    console.log(text);
    process.exit(0);
  } catch (e) {
    console.error(`setup-chain: ${e.message}`);
    process.exit(1);
  }
}
