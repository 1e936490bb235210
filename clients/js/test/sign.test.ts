// Signing round trips with keyring pairs and with a wallet-like signRaw, checked with
// @polkadot/util-crypto's own verifiers.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, u8aConcat, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import {
  blake2AsU8a,
  cryptoWaitReady,
  ed25519Verify,
  secp256k1Verify,
  signatureVerify,
  sr25519Verify,
} from '@polkadot/util-crypto';
import {
  type InjectedAccount,
  type MultiSignature,
  PollinateError,
  type RawSignRequest,
  bundlePayload,
  encodeBundle,
  encodeMultiSignature,
  makeFee,
  makeInvalid,
  signPayload,
  signerAccountId,
  wrapBytes,
} from '../src/index.js';

type KeyType = 'sr25519' | 'ed25519' | 'ecdsa';
const KEY_TYPES: KeyType[] = ['sr25519', 'ed25519', 'ecdsa'];

/** The exact check of sp_runtime's MultiSignature::verify, with util-crypto's primitives. */
function verifiesExactly(sig: MultiSignature, message: Uint8Array, account: Uint8Array): boolean {
  try {
    if (sig.type === 'sr25519') return sr25519Verify(message, sig.signature, account);
    if (sig.type === 'ed25519') return ed25519Verify(message, sig.signature, account);
    if (sig.type === 'ecdsa') return secp256k1Verify(message, sig.signature, account, 'blake2');
  } catch {
    return false;
  }
  return false;
}

const pairs = {} as Record<KeyType, KeyringPair>;

function payloadFor(pair: KeyringPair): Uint8Array {
  return bundlePayload({
    genesisHash: new Uint8Array(32).fill(7),
    transactionVersion: 1,
    signer: signerAccountId(pair),
    createTime: 1_700_000_000n,
    fees: [makeFee(10n), makeFee(100n).after(2).minutes, makeInvalid().after(10).minutes],
    calls: ['0x0000247069636b206d6521'],
  });
}

/** A wallet like the polkadot{.js} extension: it wraps the bytes in <Bytes>…</Bytes> and signs
 * them, returning the signature with or without its MultiSignature type byte. */
function wallet(pair: KeyringPair, withType: boolean, wrap = true): InjectedAccount & { requests: RawSignRequest[] } {
  const requests: RawSignRequest[] = [];
  return {
    address: pair.address,
    requests,
    signer: {
      signRaw: async (request: RawSignRequest) => {
        requests.push(request);
        const data = hexToU8a(request.data);
        const message = wrap ? u8aWrapBytes(data) : data;
        return { id: 1, signature: u8aToHex(pair.sign(message, { withType })) };
      },
    },
  };
}

describe('signing', () => {
  before(async () => {
    await cryptoWaitReady();
    for (const type of KEY_TYPES) {
      pairs[type] = new Keyring({ type }).addFromUri('//Alice');
    }
  });

  test('the AccountId32 of a pair: the public key, or blake2-256 of the ecdsa key', () => {
    assert.deepEqual(signerAccountId(pairs.sr25519), pairs.sr25519.publicKey);
    assert.deepEqual(signerAccountId(pairs.ed25519), pairs.ed25519.publicKey);
    assert.equal(pairs.ecdsa.publicKey.length, 33);
    assert.deepEqual(signerAccountId(pairs.ecdsa), blake2AsU8a(pairs.ecdsa.publicKey, 256));
    assert.equal(
      u8aToHex(signerAccountId(pairs.sr25519)),
      '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
    );
  });

  for (const type of KEY_TYPES) {
    test(`${type} pair: signs the payload; verifies over the payload, not over the wrapped form`, async () => {
      const pair = pairs[type];
      const payload = payloadFor(pair);
      const sig = await signPayload(pair, payload);
      assert.equal(sig.type, type);
      assert.equal(sig.signed, 'payload');
      assert.equal(sig.signature.length, type === 'ecdsa' ? 65 : 64);
      const account = signerAccountId(pair);
      assert.ok(signatureVerify(payload, sig.signature, pair.address).isValid);
      assert.ok(signatureVerify(payload, encodeMultiSignature(sig), pair.address).isValid);
      assert.ok(verifiesExactly(sig, payload, account));
      assert.ok(!verifiesExactly(sig, wrapBytes(payload), account));
      // Another payload does not verify.
      const other = payload.slice();
      other[other.length - 1] = (other[other.length - 1] ?? 0) ^ 1;
      assert.ok(!verifiesExactly(sig, other, account));
    });

    test(`${type} pair with { wrap: true }: verifies over <Bytes>payload</Bytes>`, async () => {
      const pair = pairs[type];
      const payload = payloadFor(pair);
      const sig = await signPayload(pair, payload, { wrap: true });
      assert.equal(sig.signed, 'wrapped');
      const account = signerAccountId(pair);
      const wrapped = wrapBytes(payload);
      assert.deepEqual(wrapped, u8aWrapBytes(payload));
      assert.ok(signatureVerify(wrapped, sig.signature, pair.address).isValid);
      assert.ok(verifiesExactly(sig, wrapped, account));
      assert.ok(!verifiesExactly(sig, payload, account));
    });

    for (const withType of [true, false]) {
      test(`${type} wallet (signRaw, ${withType ? 'typed' : 'raw'} signature): the bare payload is asked, the wrapped form signed`, async () => {
        const pair = pairs[type];
        const payload = payloadFor(pair);
        const account = wallet(pair, withType);
        const sig = await signPayload(account, payload);
        assert.deepEqual(account.requests, [{ address: pair.address, data: u8aToHex(payload), type: 'bytes' }]);
        assert.equal(sig.type, type);
        assert.equal(sig.signed, 'wrapped');
        assert.ok(verifiesExactly(sig, wrapBytes(payload), signerAccountId(pair)));
        assert.ok(signatureVerify(wrapBytes(payload), sig.signature, pair.address).isValid);
      });
    }

    test(`${type} wallet that does not wrap: accepted, signed over the payload`, async () => {
      const pair = pairs[type];
      const payload = payloadFor(pair);
      const sig = await signPayload(wallet(pair, true, false), payload);
      assert.equal(sig.type, type);
      assert.equal(sig.signed, 'payload');
      assert.ok(verifiesExactly(sig, payload, signerAccountId(pair)));
    });

    test(`${type}: a signed bundle is the fields, then the MultiSignature`, async () => {
      const pair = pairs[type];
      const fields = {
        signer: signerAccountId(pair),
        createTime: 1_700_000_000n,
        fees: [makeFee(10n), makeInvalid().after(1).hour],
        calls: ['0x000004ff' as const],
      };
      const payload = bundlePayload({ ...fields, genesisHash: new Uint8Array(32), transactionVersion: 3 });
      const sig = await signPayload(pair, payload);
      const bundle = encodeBundle({ ...fields, signature: sig });
      const index = { ed25519: 0, sr25519: 1, ecdsa: 2 }[type];
      const fees = u8aConcat([8], hexToU8a('0x0a000000'), hexToU8a('0x00803ea0'));
      assert.deepEqual(
        bundle,
        u8aConcat(
          signerAccountId(pair),
          hexToU8a('0x00f1536500000000'),
          fees,
          hexToU8a('0x04000004ff'),
          new Uint8Array([index]),
          sig.signature,
        ),
      );
      // An encoded MultiSignature is taken as it is.
      assert.deepEqual(encodeBundle({ ...fields, signature: encodeMultiSignature(sig) }), bundle);
    });
  }

  test('a wallet signature for another account is refused', async () => {
    const payload = payloadFor(pairs.sr25519);
    const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
    const liar = { address: pairs.sr25519.address, signer: wallet(bob, true).signer };
    await assert.rejects(signPayload(liar, payload), (e: unknown) => e instanceof PollinateError && e.code === 'BadSignature');
  });

  test('a wallet signature of the wrong length is refused', async () => {
    const account: InjectedAccount = {
      address: pairs.sr25519.address,
      signRaw: async () => ({ signature: '0x1234' }),
    };
    await assert.rejects(signPayload(account, payloadFor(pairs.sr25519)), { code: 'BadSignature' });
  });

  test('an account without signRaw is refused', async () => {
    await assert.rejects(signPayload({ address: pairs.sr25519.address, signer: {} }, new Uint8Array([1])), {
      code: 'NoRawSigner',
    });
  });

  test('an ethereum pair is refused: no AccountId32 for it', async () => {
    const eth = new Keyring({ type: 'ethereum' }).addFromUri(
      '0x5fb92d6e98884f76de468fa3f6278f8807c48bebc13595d45af5bdc4da702133',
    );
    await assert.rejects(signPayload(eth, new Uint8Array([1])), { code: 'UnsupportedKeyType' });
    assert.throws(() => signerAccountId(eth), { code: 'UnsupportedKeyType' });
  });

  test('signatures of the wrong length do not encode', () => {
    assert.throws(() => encodeMultiSignature({ type: 'sr25519', signature: new Uint8Array(65) }), {
      code: 'InvalidInput',
    });
    assert.throws(() => encodeMultiSignature({ type: 'ecdsa', signature: new Uint8Array(64) }), {
      code: 'InvalidInput',
    });
  });
});
