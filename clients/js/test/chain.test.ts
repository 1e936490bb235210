// The connected part without a chain: prepareCall on real @polkadot/types calls (the static
// substrate metadata), and signCalls against a stand-in for the few ApiPromise fields it reads.
// The lead runs estimate and signCalls against a real chain.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { ApiPromise } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Call } from '@polkadot/types/interfaces';
import metaStatic from '@polkadot/types-support/metadata/static-substrate';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, sr25519Verify } from '@polkadot/util-crypto';
import {
  type CallLike,
  LAST_BIT,
  bundlePayload,
  buildSignedBundle,
  dataHash,
  encodeMultiSignature,
  makeFee,
  makeInvalid,
  prepareCall,
  signCalls,
} from '../src/index.js';

function fakeApi(opts: { nowMs: string; maxCalls?: number }): ApiPromise {
  const num = (n: number) => ({ toNumber: () => n });
  return {
    genesisHash: { toU8a: () => new Uint8Array(32).fill(0xab) },
    runtimeVersion: { transactionVersion: num(4) },
    query: { timestamp: { now: async () => ({ toString: () => opts.nowMs }) } },
    consts: { payAfter: { maxCalls: num(opts.maxCalls ?? 16), maxFeeEntries: num(16) } },
    tx: {},
  } as unknown as ApiPromise;
}

describe('the connected part, offline', () => {
  let registry: TypeRegistry;

  before(async () => {
    await cryptoWaitReady();
    registry = new TypeRegistry();
    registry.setMetadata(new Metadata(registry, metaStatic));
  });

  test('prepareCall: the SCALE bytes of a Call, and of an extrinsic’s Call', () => {
    const call = registry.createType('Call', { callIndex: [0, 0], args: { remark: '0x1234' } }) as Call;
    assert.equal(call.section, 'system');
    assert.equal(call.method, 'remark');
    assert.equal(prepareCall(call), '0x0000081234');
    const extrinsic = registry.createType('Extrinsic', call);
    assert.equal(prepareCall(extrinsic as unknown as CallLike), '0x0000081234');
  });

  test('signCalls: the chain’s time in seconds, genesis hash and transaction version', async () => {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const api = fakeApi({ nowMs: '1700000000999' });
    const call = registry.createType('Call', { callIndex: [0, 0], args: { remark: '0x1234' } }) as Call;
    const fees = [makeFee(10n), makeFee(100n).after(2).minutes, makeInvalid().after(10).minutes];
    const signed = await buildSignedBundle(alice, [call, '0x000000'], fees, { api });
    assert.equal(signed.createTime, 1_700_000_000n);
    const payload = bundlePayload({
      genesisHash: new Uint8Array(32).fill(0xab),
      transactionVersion: 4,
      signer: alice.publicKey,
      createTime: 1_700_000_000n,
      fees,
      calls: ['0x0000081234', '0x000000'],
    });
    assert.deepEqual(signed.payload, payload);
    assert.equal(signed.dataHash, u8aToHex(dataHash(payload)));
    assert.ok(sr25519Verify(payload, signed.signature.signature, alice.publicKey));
    const bundle = hexToU8a(signed.bundle);
    const tail = encodeMultiSignature(signed.signature);
    assert.deepEqual(bundle.slice(bundle.length - 65), tail);
    // signer, create_time, fees, calls: the payload after its tag, genesis hash and version.
    assert.deepEqual(u8aConcat(bundle.slice(0, bundle.length - 65)), payload.slice(16 + 32 + 4));
    // signCalls is the hex of the same bundle (sr25519 signatures are randomised, so compare
    // everything but the signature).
    const hex = await signCalls(alice, [call, '0x000000'], fees, { api, createTime: 1_700_000_000n });
    assert.equal(hex.slice(0, hex.length - 130), signed.bundle.slice(0, signed.bundle.length - 130));
  });

  test('signCalls: an explicit createTime, words for fees, limits from the chain', async () => {
    const alice = new Keyring({ type: 'ed25519' }).addFromUri('//Alice');
    const api = fakeApi({ nowMs: '0', maxCalls: 1 });
    const signed = await buildSignedBundle(alice, ['0x0000'], [LAST_BIT + 5], { api, createTime: 42 });
    assert.equal(signed.createTime, 42n);
    assert.deepEqual(signed.fees, [(LAST_BIT | 5) >>> 0]);
    await assert.rejects(signCalls(alice, ['0x0000', '0x0001'], [LAST_BIT + 5], { api }), { code: 'TooManyItems' });
    await assert.rejects(signCalls(alice, ['0x0000'], [5], { api }), { code: 'LastFlagMisplaced' });
    await assert.rejects(signCalls(alice, ['0x0000'], [], { api }), { code: 'EmptyPolicy' });
  });

  test('estimate: a chain without PayAfter is named', async () => {
    const { estimate } = await import('../src/index.js');
    await assert.rejects(estimate(fakeApi({ nowMs: '0' }), ['0x0000'], 3), { code: 'ChainMismatch' });
    const withPallet = fakeApi({ nowMs: '0' }) as unknown as { tx: Record<string, unknown> };
    withPallet.tx['payAfter'] = { dispatch: () => assert.fail('not reached') };
    const api = withPallet as unknown as ApiPromise;
    await assert.rejects(estimate(api, ['0x0000'], 17), { code: 'InvalidInput' });
    await assert.rejects(estimate(api, ['0x0000'], 0), { code: 'InvalidInput' });
    await assert.rejects(estimate(api, ['0x0000'], [makeFee(2n), makeFee(1n).after(1).second]), { code: 'FeeDecreasing' });
  });
});
