/**
 * The PayAfter bundle: its signing payload, data hash and SCALE encoding, byte for byte as
 * `pallet_pay_after::types` builds them (pinned by the `bundles` vectors of
 * `primitives/vectors/pollinate.json`).
 *
 * payload = SCALE((b"pay-after/bundle", genesis_hash, transaction_version: u32,
 *                  signer: AccountId32, create_time: u64, fees: Vec<u32>, calls: Vec<RuntimeCall>))
 * bundle  = SCALE((signer, create_time, fees, calls, signature: MultiSignature))
 */

import { compactToU8a, hexToU8a, isHex, isU8a, u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';
import { PollinateError } from './errors.js';
import { FeeEntry, encodePolicy } from './fee.js';

export type { HexString };

/** Bytes, as a Uint8Array or `0x` hex. */
export type BytesLike = Uint8Array | HexString;

/** An AccountId32: 32 bytes, `0x` hex of 32 bytes, or an SS58 address. */
export type AccountLike = Uint8Array | string;

/** `pallet_pay_after::types::BUNDLE_TAG`. */
export const BUNDLE_TAG: Uint8Array = stringToU8a('pay-after/bundle');

/** What browser wallets put around the bytes `signRaw` signs. */
export const WRAP_PREFIX: Uint8Array = stringToU8a('<Bytes>');
/** See {@link WRAP_PREFIX}. */
export const WRAP_POSTFIX: Uint8Array = stringToU8a('</Bytes>');

/** The key types of `sp_runtime::MultiSignature`, in variant order: Ed25519 = 0, Sr25519 = 1,
 * Ecdsa = 2, Eth = 3. */
export const MULTI_SIGNATURE_TYPES = ['ed25519', 'sr25519', 'ecdsa', 'eth'] as const;

/** A `MultiSignature` variant. */
export type SignatureType = (typeof MULTI_SIGNATURE_TYPES)[number];

/** A signature and the `MultiSignature` variant that carries it. */
export interface MultiSignature {
  readonly type: SignatureType;
  /** The raw signature: 64 bytes for ed25519 and sr25519, 65 for ecdsa and eth. */
  readonly signature: Uint8Array;
}

const SIGNATURE_LENGTH: Record<SignatureType, number> = { ed25519: 64, sr25519: 64, ecdsa: 65, eth: 65 };

/** Bytes from a Uint8Array or `0x` hex. */
export function toBytes(value: BytesLike, what = 'bytes', length?: number): Uint8Array {
  let bytes: Uint8Array;
  if (isU8a(value)) {
    bytes = value;
  } else if (typeof value === 'string' && isHex(value)) {
    bytes = hexToU8a(value);
  } else {
    throw new PollinateError('InvalidInput', `${what} must be a Uint8Array or 0x hex`);
  }
  if (length !== undefined && bytes.length !== length) {
    throw new PollinateError('InvalidInput', `${what} must be ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** The 32 bytes of an AccountId32 given as bytes, hex or SS58. */
export function toAccountId(account: AccountLike, what = 'signer'): Uint8Array {
  if (typeof account === 'string' && !isHex(account)) {
    let decoded: Uint8Array;
    try {
      decoded = decodeAddress(account);
    } catch (e) {
      throw new PollinateError('InvalidInput', `${what}: ${(e as Error).message}`);
    }
    return toBytes(decoded, what, 32);
  }
  return toBytes(account as BytesLike, what, 32);
}

/** A u32, little endian. */
export function u32Le(value: number, what = 'u32'): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new PollinateError('InvalidInput', `${what} must be a u32, got ${String(value)}`);
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

/** A u64, little endian. */
export function u64Le(value: bigint | number, what = 'u64'): Uint8Array {
  const v = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof v !== 'bigint' || v < 0n || v >= 1n << 64n) {
    throw new PollinateError('InvalidInput', `${what} must be a u64, got ${String(value)}`);
  }
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v, true);
  return out;
}

/** Fee words: entries are checked and encoded as a policy; words are taken as they are (each a
 * u32), like the pallet's `raw_fees`. */
function feeWords(fees: readonly FeeEntry[] | readonly number[]): number[] {
  if (fees.length > 0 && fees.every((f) => f instanceof FeeEntry)) {
    return encodePolicy(fees as readonly FeeEntry[]);
  }
  return (fees as readonly number[]).map((w) => {
    if (typeof w !== 'number') {
      throw new PollinateError('InvalidInput', 'fees must be all FeeEntry objects or all u32 words');
    }
    return w;
  });
}

function feesVec(fees: readonly FeeEntry[] | readonly number[]): Uint8Array {
  const words = feeWords(fees);
  return u8aConcat(compactToU8a(words.length), ...words.map((w, i) => u32Le(w, `fee word ${i}`)));
}

function callsVec(calls: readonly BytesLike[]): Uint8Array {
  const bytes = calls.map((c, i) => toBytes(c, `call ${i}`));
  bytes.forEach((b, i) => {
    if (b.length === 0) {
      throw new PollinateError('InvalidInput', `call ${i} is empty`);
    }
  });
  return u8aConcat(compactToU8a(bytes.length), ...bytes);
}

/** What a bundle's signature covers. */
export interface PayloadInput {
  /** The chain's genesis hash (32 bytes). */
  readonly genesisHash: BytesLike;
  /** The runtime's transaction version. */
  readonly transactionVersion: number;
  /** The signer's AccountId32. */
  readonly signer: AccountLike;
  /** The bundle's creation time, unix seconds. */
  readonly createTime: bigint | number;
  /** The fee policy: entries (checked and encoded) or raw words. */
  readonly fees: readonly FeeEntry[] | readonly number[];
  /** The calls, each already SCALE-encoded (e.g. `api.tx.x.y(...).method.toU8a()`). */
  readonly calls: readonly BytesLike[];
}

/** The bytes a bundle's signature covers (`pallet_pay_after::types::signing_payload`). */
export function bundlePayload(input: PayloadInput): Uint8Array {
  return u8aConcat(
    BUNDLE_TAG,
    toBytes(input.genesisHash, 'genesisHash', 32),
    u32Le(input.transactionVersion, 'transactionVersion'),
    toAccountId(input.signer),
    u64Le(input.createTime, 'createTime'),
    feesVec(input.fees),
    callsVec(input.calls),
  );
}

/** The bundle's id: blake2-256 of the payload (the pollinator's `data_hash`). */
export function dataHash(payload: BytesLike): Uint8Array {
  return blake2AsU8a(toBytes(payload, 'payload'), 256);
}

/** `<Bytes>` ++ payload ++ `</Bytes>`: what a browser wallet's `signRaw` really signs. The chain
 * accepts a signature over either form. */
export function wrapBytes(payload: BytesLike): Uint8Array {
  return u8aConcat(WRAP_PREFIX, toBytes(payload, 'payload'), WRAP_POSTFIX);
}

/** The SCALE encoding of a `MultiSignature`: the variant index, then the raw signature. */
export function encodeMultiSignature(sig: MultiSignature): Uint8Array {
  const index = MULTI_SIGNATURE_TYPES.indexOf(sig.type);
  if (index < 0) {
    throw new PollinateError('UnsupportedKeyType', `no MultiSignature variant for ${String(sig.type)}`);
  }
  const raw = toBytes(sig.signature, `${sig.type} signature`, SIGNATURE_LENGTH[sig.type]);
  return u8aConcat(new Uint8Array([index]), raw);
}

/** Reads an encoded `MultiSignature` (65 or 66 bytes). */
export function decodeMultiSignature(encoded: BytesLike): MultiSignature {
  const bytes = toBytes(encoded, 'MultiSignature');
  const type = MULTI_SIGNATURE_TYPES[bytes[0] ?? 255];
  if (type === undefined || bytes.length !== 1 + SIGNATURE_LENGTH[type]) {
    throw new PollinateError('InvalidInput', 'not an encoded MultiSignature');
  }
  return { type, signature: bytes.slice(1) };
}

/** A signed bundle's fields. */
export interface BundleInput {
  readonly signer: AccountLike;
  readonly createTime: bigint | number;
  readonly fees: readonly FeeEntry[] | readonly number[];
  readonly calls: readonly BytesLike[];
  /** The signature, as a {@link MultiSignature} or already SCALE-encoded (65 or 66 bytes). */
  readonly signature: MultiSignature | BytesLike;
}

/** The SCALE bytes of a `pallet_pay_after::Bundle`, as the pallet's `dispatch` decodes it. */
export function encodeBundle(input: BundleInput): Uint8Array {
  const sig = input.signature;
  const encodedSig =
    typeof sig === 'object' && !isU8a(sig) && 'type' in sig
      ? encodeMultiSignature(sig)
      : encodeMultiSignature(decodeMultiSignature(sig));
  return u8aConcat(
    toAccountId(input.signer),
    u64Le(input.createTime, 'createTime'),
    feesVec(input.fees),
    callsVec(input.calls),
    encodedSig,
  );
}

/** `0x` hex of bytes. */
export function toHex(bytes: Uint8Array): HexString {
  return u8aToHex(bytes);
}
