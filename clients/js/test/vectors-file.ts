// Reads primitives/vectors/pollinate.json, which primitives/tests/vectors.rs generates from
// power-primitives. Compiled to dist-test/test/, so the repository root is four levels up.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VECTORS_PATH =
  process.env['POLLINATE_VECTORS'] ??
  fileURLToPath(new URL('../../../../primitives/vectors/pollinate.json', import.meta.url));

export interface SpecJson {
  kind: 'fee' | 'invalid';
  amount?: string;
  count: number;
  unit: string;
}

export interface FeeAtJson {
  elapsed: string;
  kind: 'notYetValid' | 'fee' | 'expired';
  amount?: string;
}

export interface Vectors {
  format: string;
  notes: string[];
  units: { name: string; code: number; seconds: number }[];
  seedExample: {
    amount: string;
    binary: string;
    binaryLast: string;
    word: number;
    wordLast: number;
    amtRounded: string;
    amtRoundedEther: string;
  };
  entries: {
    amount: string;
    word: number;
    wordLast: number;
    exponent: number;
    base: number;
    amtRounded: string;
    timeSeconds: number;
  }[];
  times: { entry: SpecJson; word: number; wordLast: number; timeSeconds: number }[];
  afterErrors: { entry: SpecJson; error: string }[];
  decodeWords: {
    word: number;
    ok?: {
      last: boolean;
      unit: string;
      count: number;
      exponent: number;
      base: number;
      marker: boolean;
      amount: string | null;
      timeSeconds: number;
    };
    error?: string;
  }[];
  policies: {
    name: string;
    entries: SpecJson[];
    words: number[];
    expiresAfter: number | null;
    feeAt: FeeAtJson[];
  }[];
  policyErrors: { name: string; entries: SpecJson[]; error: string }[];
  decodePolicies: { name: string; words: number[]; ok?: boolean; expiresAfter?: number | null; error?: string }[];
  bundles: {
    name: string;
    genesisHash: `0x${string}`;
    transactionVersion: number;
    signer: `0x${string}`;
    createTime: string;
    fees: number[];
    calls: `0x${string}`[];
    payload: `0x${string}`;
    dataHash: `0x${string}`;
    wrapped: `0x${string}`;
    wrappedHash: `0x${string}`;
    signed: { type: 'ed25519' | 'sr25519' | 'ecdsa'; signature: `0x${string}`; bundle: `0x${string}` }[];
  }[];
}

export const vectors: Vectors = JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as Vectors;
