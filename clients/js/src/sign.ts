/**
 * Signing a bundle's payload, with a @polkadot/keyring pair or with a browser wallet's
 * `signRaw`.
 */

import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, ed25519Verify, secp256k1Verify, sr25519Verify } from '@polkadot/util-crypto';
import { PollinateError } from './errors.js';
import {
  type AccountLike,
  type BytesLike,
  type HexString,
  type MultiSignature,
  type SignatureType,
  toAccountId,
  toBytes,
  wrapBytes,
} from './bundle.js';

/** What `signRaw` is asked to sign: the bare payload as hex; the wallet wraps it in
 * `<Bytes>…</Bytes>` itself. */
export interface RawSignRequest {
  readonly address: string;
  readonly data: HexString;
  readonly type: 'bytes';
}

/** A wallet's raw signing function (the `signRaw` of a @polkadot/extension `Signer`). */
export type SignRaw = (request: RawSignRequest) => Promise<{ signature: string }>;

/**
 * An account of a browser wallet: its address and something that signs raw bytes, either the
 * injected `Signer` (`{ address, signer: injector.signer }`) or `signRaw` itself.
 */
export interface InjectedAccount {
  /** The account's address (SS58 or hex of the AccountId32). */
  readonly address: string;
  /** The extension's signer, e.g. `(await web3FromAddress(address)).signer`. */
  readonly signer?: { signRaw?: SignRaw | undefined };
  /** Or the raw signing function itself. */
  readonly signRaw?: SignRaw;
}

/** Who signs: a keyring pair (sr25519, ed25519 or ecdsa) or a browser wallet account. */
export type PollinateSigner = KeyringPair | InjectedAccount;

/** A signature over a bundle's payload, ready for the bundle. */
export interface PayloadSignature extends MultiSignature {
  /** What was signed: the bare payload, or `<Bytes>` ++ payload ++ `</Bytes>` (wallets). */
  readonly signed: 'payload' | 'wrapped';
}

function isKeyringPair(signer: PollinateSigner): signer is KeyringPair {
  return (
    typeof (signer as KeyringPair).sign === 'function' &&
    (signer as KeyringPair).publicKey instanceof Uint8Array &&
    typeof (signer as KeyringPair).type === 'string'
  );
}

/** The AccountId32 that signs as `signer`: the public key (sr25519, ed25519), the blake2-256 of
 * the compressed public key (ecdsa), or the injected account's address. */
export function signerAccountId(signer: PollinateSigner): Uint8Array {
  if (isKeyringPair(signer)) {
    keyTypeOf(signer);
    return toAccountId(signer.addressRaw, 'signer');
  }
  return toAccountId(signer.address, 'signer address');
}

function keyTypeOf(pair: KeyringPair): 'ed25519' | 'sr25519' | 'ecdsa' {
  if (pair.type === 'ed25519' || pair.type === 'sr25519' || pair.type === 'ecdsa') {
    return pair.type;
  }
  throw new PollinateError(
    'UnsupportedKeyType',
    `a ${pair.type} pair has no AccountId32 the chain's MultiSignature verifies; use sr25519, ed25519 or ecdsa`,
  );
}

/** Whether `signature` (raw, without a variant byte) of type `type` verifies over `message` for
 * the AccountId32 `account`, exactly as `sp_runtime::MultiSignature::verify` does. */
export function verifyRaw(
  type: SignatureType,
  message: Uint8Array,
  signature: Uint8Array,
  account: Uint8Array,
): boolean {
  try {
    switch (type) {
      case 'ed25519':
        return signature.length === 64 && ed25519Verify(message, signature, account);
      case 'sr25519':
        return signature.length === 64 && sr25519Verify(message, signature, account);
      case 'ecdsa':
        // Recovers the key from blake2-256(message) and compares blake2-256(key) with the account.
        return signature.length === 65 && secp256k1Verify(message, signature, account, 'blake2');
      default:
        return false;
    }
  } catch {
    return false;
  }
}

/**
 * Reads what a wallet returned: a raw 64-byte signature (sr25519 or ed25519), a raw 65-byte
 * ecdsa one, or one already prefixed with its MultiSignature variant (65 or 66 bytes, as the
 * polkadot{.js} extension returns with `withType`). The candidate that verifies, over the
 * wrapped payload first and then the bare one, wins.
 */
export function identifySignature(
  returned: Uint8Array,
  payload: Uint8Array,
  account: Uint8Array,
): PayloadSignature | null {
  const candidates: MultiSignature[] = [];
  if (returned.length === 64) {
    candidates.push({ type: 'sr25519', signature: returned }, { type: 'ed25519', signature: returned });
  }
  if (returned.length === 65) {
    if (returned[0] === 0 || returned[0] === 1) {
      candidates.push({ type: returned[0] === 0 ? 'ed25519' : 'sr25519', signature: returned.slice(1) });
    }
    candidates.push({ type: 'ecdsa', signature: returned });
  }
  if (returned.length === 66 && returned[0] === 2) {
    candidates.push({ type: 'ecdsa', signature: returned.slice(1) });
  }
  const forms: [PayloadSignature['signed'], Uint8Array][] = [
    ['wrapped', wrapBytes(payload)],
    ['payload', payload],
  ];
  for (const [signed, message] of forms) {
    for (const candidate of candidates) {
      if (verifyRaw(candidate.type, message, candidate.signature, account)) {
        return { ...candidate, signed };
      }
    }
  }
  return null;
}

/** Options of {@link signPayload}. */
export interface SignOptions {
  /** Keyring pairs: sign `<Bytes>` ++ payload ++ `</Bytes>` instead of the bare payload (the
   * chain accepts both). Wallets always sign the wrapped form. */
  readonly wrap?: boolean;
}

/**
 * Signs a bundle payload (from {@link bundlePayload}).
 *
 * - A keyring pair signs the bare payload (or the wrapped one with `{ wrap: true }`), as the
 *   pallet's own `BundleBuilder::sign_with` does.
 * - A wallet account is asked to `signRaw` the bare payload as hex with `type: 'bytes'`; the
 *   wallet wraps it in `<Bytes>…</Bytes>` and signs that. The returned signature is checked
 *   here against the account (a `BadSignature` error otherwise), and its key type found.
 */
export async function signPayload(
  signer: PollinateSigner,
  payload: BytesLike,
  options: SignOptions = {},
): Promise<PayloadSignature> {
  const bytes = toBytes(payload, 'payload');
  await cryptoWaitReady();
  if (isKeyringPair(signer)) {
    const type = keyTypeOf(signer);
    const message = options.wrap ? wrapBytes(bytes) : bytes;
    const signature = signer.sign(message);
    return { type, signature, signed: options.wrap ? 'wrapped' : 'payload' };
  }
  const signRaw = signer.signRaw ?? signer.signer?.signRaw;
  if (typeof signRaw !== 'function') {
    throw new PollinateError('NoRawSigner', `the signer of ${signer.address} has no signRaw`);
  }
  const account = signerAccountId(signer);
  const result = await signRaw({ address: signer.address, data: u8aToHex(bytes), type: 'bytes' });
  const returned = toBytes(result.signature as HexString, 'the wallet signature');
  const identified = identifySignature(returned, bytes, account);
  if (identified === null) {
    throw new PollinateError(
      'BadSignature',
      `the ${returned.length}-byte signature from the wallet verifies for ${signer.address} neither over the <Bytes>-wrapped payload nor over the payload`,
    );
  }
  return identified;
}

/** Re-exported for callers that hold an account in any form. */
export type { AccountLike };
