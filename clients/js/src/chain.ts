/**
 * The connected part: build, sign and price bundles against a live chain through an
 * `ApiPromise` (@polkadot/api). Only types are imported from @polkadot/api, so the pure core and
 * the browser bundles do not carry it; the caller brings its own `ApiPromise`.
 */

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Call } from '@polkadot/types/interfaces';
import { isU8a, u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { PollinateError } from './errors.js';
import { FeeEntry, MAX_ENTRIES, makeFee, policyWords } from './fee.js';
import {
  type BytesLike,
  type HexString,
  type SignatureType,
  bundlePayload,
  dataHash,
  encodeBundle,
  encodeMultiSignature,
  toBytes,
} from './bundle.js';
import { type PayloadSignature, type PollinateSigner, type SignOptions, signPayload, signerAccountId } from './sign.js';

/** Something that is, or carries, a runtime call: an extrinsic from `api.tx.x.y(...)` or its
 * `Call` (`.method`). */
export type CallLike = SubmittableExtrinsic<'promise'> | Call;

/** A call given to {@link signCalls} or {@link estimate}: already-encoded bytes, or a
 * {@link CallLike}. */
export type CallInput = BytesLike | CallLike;

/** The SCALE bytes of a call, as hex: what a bundle carries. `prepareCall(api.tx.balances
 * .transferKeepAlive(dest, amount))`. */
export function prepareCall(tx: CallLike): HexString {
  // An extrinsic's `method` is its Call; a Call's `method` is the method's name (a string).
  const method = (tx as { method?: unknown }).method;
  const call = typeof method === 'object' && method !== null ? (method as Call) : (tx as Call);
  if (typeof call.toU8a !== 'function') {
    throw new PollinateError('InvalidInput', 'prepareCall takes an extrinsic or a Call');
  }
  return u8aToHex(call.toU8a());
}

function callBytes(calls: readonly CallInput[]): Uint8Array[] {
  return calls.map((c, i) =>
    isU8a(c) || typeof c === 'string' ? toBytes(c as BytesLike, `call ${i}`) : toBytes(prepareCall(c), `call ${i}`),
  );
}

function payAfterTx(api: ApiPromise) {
  const pallet = api.tx['payAfter'];
  const dispatch = pallet?.['dispatch'];
  if (dispatch === undefined) {
    throw new PollinateError('ChainMismatch', 'the chain has no PayAfter pallet (api.tx.payAfter.dispatch)');
  }
  return dispatch;
}

function checkLimits(api: ApiPromise, calls: number, fees: number): void {
  const consts = api.consts['payAfter'];
  const limit = (name: string): number | undefined => {
    const value = consts?.[name] as { toNumber?: () => number } | undefined;
    return typeof value?.toNumber === 'function' ? value.toNumber() : undefined;
  };
  const maxCalls = limit('maxCalls');
  if (maxCalls !== undefined && calls > maxCalls) {
    throw new PollinateError('TooManyItems', `${calls} calls, the chain takes at most ${maxCalls}`);
  }
  const maxFees = limit('maxFeeEntries');
  if (maxFees !== undefined && fees > maxFees) {
    throw new PollinateError('TooManyItems', `${fees} fee entries, the chain takes at most ${maxFees}`);
  }
}

/** The chain's notion of now, in unix seconds: `timestamp.now` (ms) / 1000, rounded down. */
export async function chainTimeSeconds(api: ApiPromise): Promise<bigint> {
  const now = api.query['timestamp']?.['now'];
  if (now === undefined) {
    throw new PollinateError('ChainMismatch', 'the chain has no timestamp.now');
  }
  const ms = BigInt((await now()).toString());
  return ms / 1000n;
}

/** Options of {@link signCalls}. */
export interface SignCallsOptions extends SignOptions {
  /** The connected chain: its genesis hash, transaction version and clock. */
  readonly api: ApiPromise;
  /** The creation time, unix seconds; by default the chain's `timestamp.now`. Fee entry times
   * count from here. */
  readonly createTime?: bigint | number;
}

/** A signed bundle and what went into it. */
export interface SignedBundle {
  /** The SCALE-encoded bundle, hex: what `submit` sends to a pollinator. */
  readonly bundle: HexString;
  /** blake2-256 of the payload: the bundle's id (`data_hash`), the argument of
   * `payAfter.kill`. */
  readonly dataHash: HexString;
  /** The creation time used, unix seconds. */
  readonly createTime: bigint;
  /** The fee words. */
  readonly fees: number[];
  /** The payload that was signed (bare; see `signature.signed`). */
  readonly payload: Uint8Array;
  readonly signature: PayloadSignature;
}

/**
 * Builds and signs a bundle for the connected chain, with all the details. `fees` are entries
 * (checked as a policy) or words (decoded and checked).
 */
export async function buildSignedBundle(
  signer: PollinateSigner,
  calls: readonly CallInput[],
  fees: readonly FeeEntry[] | readonly number[],
  options: SignCallsOptions,
): Promise<SignedBundle> {
  const { api } = options;
  const words = policyWords(fees);
  const callList = callBytes(calls);
  checkLimits(api, callList.length, words.length);
  const createTime =
    options.createTime === undefined ? await chainTimeSeconds(api) : BigInt(options.createTime);
  const signer32 = signerAccountId(signer);
  const payload = bundlePayload({
    genesisHash: api.genesisHash.toU8a(),
    transactionVersion: api.runtimeVersion.transactionVersion.toNumber(),
    signer: signer32,
    createTime,
    fees: words,
    calls: callList,
  });
  const signature = await signPayload(signer, payload, options);
  const bundle = encodeBundle({ signer: signer32, createTime, fees: words, calls: callList, signature });
  return {
    bundle: u8aToHex(bundle),
    dataHash: u8aToHex(dataHash(payload)),
    createTime,
    fees: words,
    payload,
    signature,
  };
}

/**
 * Signs `calls` with fee policy `fees` and returns the hex of the SCALE-encoded signed bundle,
 * ready for {@link submit}. The creation time is the chain's `timestamp.now` unless
 * `options.createTime` is given; the genesis hash and transaction version are the api's.
 */
export async function signCalls(
  signer: PollinateSigner,
  calls: readonly CallInput[],
  fees: readonly FeeEntry[] | readonly number[],
  options: SignCallsOptions,
): Promise<HexString> {
  return (await buildSignedBundle(signer, calls, fees, options)).bundle;
}

/** Options of {@link estimate}. */
export interface EstimateOptions {
  /** The account that would submit `payAfter.dispatch` (it pays the transaction fee); by
   * default the all-zero account. */
  readonly relayer?: string;
  /** The bundle's signer, for a realistic estimate; by default the all-zero account. */
  readonly signer?: string | Uint8Array;
  /** The dummy signature's type (ecdsa is one byte longer); by default sr25519. */
  readonly signatureType?: SignatureType;
}

/** The runtime's answer for the `payAfter.dispatch` extrinsic that would carry the bundle. */
export interface Estimate {
  /** The transaction fee the relayer pays for `dispatch` (what the bundle's policy should
   * cover). */
  readonly partialFee: bigint;
  readonly weight: { readonly refTime: bigint; readonly proofSize: bigint };
  /** The dispatch class (`Normal`...). */
  readonly class: string;
  /** The length of the dummy bundle, bytes. */
  readonly bundleLength: number;
}

/**
 * Asks the runtime (`TransactionPaymentApi.query_info`, through `paymentInfo`) what a relayer
 * pays to submit `payAfter.dispatch(bundle, [])` for these calls. The bundle is built with a
 * dummy signature and, when `fees` is a number, a dummy policy of that many entries, so the
 * estimate can be made before the fees are chosen (each entry is 4 bytes; the pallet's weight
 * also depends on the number of entries).
 */
export async function estimate(
  api: ApiPromise,
  calls: readonly CallInput[],
  fees: number | readonly FeeEntry[] | readonly number[],
  options: EstimateOptions = {},
): Promise<Estimate> {
  const dispatch = payAfterTx(api);
  let words: number[];
  if (typeof fees === 'number') {
    if (!Number.isInteger(fees) || fees < 1 || fees > MAX_ENTRIES) {
      throw new PollinateError('InvalidInput', `the number of fee entries is 1..${MAX_ENTRIES}, got ${fees}`);
    }
    // A valid policy of that many entries: fee 0, then 1, 2... a second apart.
    words = Array.from({ length: fees }, (_, i) => makeFee(BigInt(i)).after(i, 'second').toBinary(i === fees - 1));
  } else {
    words = policyWords(fees);
  }
  const callList = callBytes(calls);
  checkLimits(api, callList.length, words.length);
  const type = options.signatureType ?? 'sr25519';
  const signature = encodeMultiSignature({ type, signature: new Uint8Array(type === 'ecdsa' || type === 'eth' ? 65 : 64) });
  const bundle = encodeBundle({
    signer: options.signer ?? new Uint8Array(32),
    createTime: 0n,
    fees: words,
    calls: callList,
    signature,
  });
  const relayer = options.relayer ?? encodeAddress(new Uint8Array(32), api.registry.chainSS58);
  const info = await dispatch(bundle, []).paymentInfo(relayer);
  return {
    partialFee: info.partialFee.toBigInt(),
    weight: { refTime: info.weight.refTime.toBigInt(), proofSize: info.weight.proofSize.toBigInt() },
    class: info.class.toString(),
    bundleLength: bundle.length,
  };
}
