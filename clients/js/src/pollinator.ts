/**
 * The pollinator's HTTP API: submit a signed bundle, list an address's bundles. Uses the
 * global `fetch` (browsers, Node >= 18) or one passed in.
 */

import { PollinateError } from './errors.js';
import type { HexString } from './bundle.js';

/** The pollinator could not read the bundle ("early" error, only ever the answer to a submit). */
export interface PayAfterParseError {
  readonly status: 'parseError';
  readonly error: string[];
}

/** The bundle was read but failed (or will never run). */
export interface PayAfterFailed {
  readonly status: 'error';
  /** The bundle's id, blake2-256 of its payload. */
  readonly data_hash: HexString;
  /** The bundle's creation time, unix seconds. */
  readonly create_time: number;
  readonly error: string[];
}

/** The pollinator waits for the policy's fee to be worth it. */
export interface PayAfterWaiting {
  readonly status: 'waiting';
  readonly data_hash: HexString;
  readonly create_time: number;
  /** When the pollinator will look again, unix seconds. */
  readonly wait_until: number;
}

/** The pollinator submitted the bundle. */
export interface PayAfterExecuted {
  readonly status: 'executed';
  readonly data_hash: HexString;
  readonly create_time: number;
  /** The on-chain transaction (extrinsic) hash. */
  readonly txid: HexString;
}

/** A bundle the pollinator knows. */
export type PayAfterRecord = PayAfterFailed | PayAfterWaiting | PayAfterExecuted;

/** The answer to {@link submit}. */
export type SubmitResponse = PayAfterParseError | PayAfterRecord;

/** Options of {@link submit} and {@link status}. */
export interface PollinatorOptions {
  /** A fetch implementation; by default the global one. */
  readonly fetch?: typeof fetch;
  /** To cancel the request. */
  readonly signal?: AbortSignal;
}

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}

function isHexString(x: unknown): x is HexString {
  return typeof x === 'string' && /^0x[0-9a-fA-F]*$/.test(x);
}

/**
 * Reads one of the seed's four answer shapes, and adds the `status` that names it. Throws
 * `PollinatorResponse` for anything else.
 */
export function classifyResponse(body: unknown): SubmitResponse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PollinateError('PollinatorResponse', `not an object: ${JSON.stringify(body)}`);
  }
  const o = body as Record<string, unknown>;
  if (!('data_hash' in o)) {
    if (isStringArray(o['error'])) {
      return { status: 'parseError', error: o['error'] };
    }
    throw new PollinateError('PollinatorResponse', `no data_hash and no error: ${JSON.stringify(body)}`);
  }
  const dataHash = o['data_hash'];
  const createTime = o['create_time'];
  if (!isHexString(dataHash) || typeof createTime !== 'number') {
    throw new PollinateError('PollinatorResponse', `bad data_hash or create_time: ${JSON.stringify(body)}`);
  }
  if (isStringArray(o['error'])) {
    return { status: 'error', data_hash: dataHash, create_time: createTime, error: o['error'] };
  }
  if (typeof o['wait_until'] === 'number') {
    return { status: 'waiting', data_hash: dataHash, create_time: createTime, wait_until: o['wait_until'] };
  }
  if (isHexString(o['txid'])) {
    return { status: 'executed', data_hash: dataHash, create_time: createTime, txid: o['txid'] };
  }
  throw new PollinateError('PollinatorResponse', `no error, wait_until or txid: ${JSON.stringify(body)}`);
}

function endpoint(pollinatorUrl: string, path: string): string {
  return pollinatorUrl.replace(/\/+$/, '') + path;
}

async function readJson(response: Response, url: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PollinateError(
      'PollinatorResponse',
      `${url}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`,
    );
  }
}

/**
 * Sends a signed bundle (the hex from `signCalls`) to a pollinator: `POST /api/v1/payafter`
 * with `{"txn": hex}`. An answer of a known shape is returned whatever the HTTP status (a parse
 * error may come with 400); anything else throws `PollinatorResponse`.
 */
export async function submit(
  pollinatorUrl: string,
  bundleHex: HexString | string,
  options: PollinatorOptions = {},
): Promise<SubmitResponse> {
  if (!isHexString(bundleHex) || bundleHex.length % 2 !== 0) {
    throw new PollinateError('InvalidInput', 'the bundle must be 0x hex');
  }
  const url = endpoint(pollinatorUrl, '/api/v1/payafter');
  const doFetch = options.fetch ?? fetch;
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ txn: bundleHex }),
  };
  if (options.signal) init.signal = options.signal;
  const response = await doFetch(url, init);
  const body = await readJson(response, url);
  try {
    return classifyResponse(body);
  } catch (e) {
    if (!response.ok) {
      throw new PollinateError('PollinatorResponse', `${url}: HTTP ${response.status}: ${JSON.stringify(body)}`);
    }
    throw e;
  }
}

/**
 * The bundles a pollinator holds for `address`: `GET /api/v1/address-payafters/{address}`.
 * Each is failed, waiting or executed (parse errors are never stored).
 */
export async function status(
  pollinatorUrl: string,
  address: string,
  options: PollinatorOptions = {},
): Promise<PayAfterRecord[]> {
  const url = endpoint(pollinatorUrl, `/api/v1/address-payafters/${encodeURIComponent(address)}`);
  const doFetch = options.fetch ?? fetch;
  const init: RequestInit = { method: 'GET', headers: { accept: 'application/json' } };
  if (options.signal) init.signal = options.signal;
  const response = await doFetch(url, init);
  const body = await readJson(response, url);
  if (!response.ok) {
    throw new PollinateError('PollinatorResponse', `${url}: HTTP ${response.status}: ${JSON.stringify(body)}`);
  }
  if (!Array.isArray(body)) {
    throw new PollinateError('PollinatorResponse', `${url}: expected an array, got ${JSON.stringify(body)}`);
  }
  return body.map((item) => {
    const record = classifyResponse(item);
    if (record.status === 'parseError') {
      throw new PollinateError('PollinatorResponse', `${url}: a record without data_hash: ${JSON.stringify(item)}`);
    }
    return record;
  });
}
