/**
 * The errors of `power_primitives::fee::FeeError`, with the Rust variant names: the vector file
 * records these names and the tests compare them.
 */
export type FeeErrorCode =
  /** A time count above 127: use a larger unit. */
  | 'CountTooLarge'
  /** The low 21 bits of a word are above the invalid marker's 0x1E8000. */
  | 'MalformedEntry'
  /** `base << exponent` does not fit in u128. */
  | 'AmountOverflow'
  /** A policy has no entries. */
  | 'EmptyPolicy'
  /** A policy has more than 16 entries. */
  | 'TooManyEntries'
  /** The entries' activation times do not strictly increase. */
  | 'TimesNotIncreasing'
  /** A fee is lower than the fee of an earlier entry. */
  | 'FeeDecreasing'
  /** The invalid marker is followed by another entry. */
  | 'MarkerNotLast'
  /** The first entry is the invalid marker, so no fee ever applies. */
  | 'FirstEntryIsMarker'
  /** The L bit is set on a word that is not the last, or missing from the last word. */
  | 'LastFlagMisplaced';

/** Errors only the JavaScript side can meet (Rust's types rule them out). */
export type ClientErrorCode =
  /** An amount below zero. */
  | 'NegativeAmount'
  /** An amount of 2^128 or more (the chain's balances are u128). */
  | 'AmountTooLarge'
  /** An amount that is neither a bigint nor a safe non-negative integer number. */
  | 'InvalidAmount'
  /** A time count that is not a non-negative integer. */
  | 'InvalidCount'
  /** A time unit name that is not one of the eight units. */
  | 'InvalidUnit'
  /** A word that is not an integer in 0..2^32. */
  | 'InvalidWord'
  /** An elapsed time that is not an integer in 0..2^64. */
  | 'InvalidElapsed'
  /** The invalid marker has no amount. */
  | 'MarkerHasNoAmount'
  /** A malformed argument: a number out of range, bytes of the wrong length, bad hex. */
  | 'InvalidInput'
  /** A key type the chain's MultiSignature cannot carry for an AccountId32 signer. */
  | 'UnsupportedKeyType'
  /** A signer returned a signature that verifies neither over the payload nor over its
   * `<Bytes>` wrapping. */
  | 'BadSignature'
  /** The signer cannot sign raw bytes (no `signRaw`). */
  | 'NoRawSigner'
  /** The chain lacks what the call needs (the PayAfter pallet, the timestamp pallet). */
  | 'ChainMismatch'
  /** More calls or fee entries than the chain allows. */
  | 'TooManyItems'
  /** The pollinator answered with an HTTP error or a body of no known shape. */
  | 'PollinatorResponse';

/** Every code a {@link PollinateError} may carry. */
export type PollinateErrorCode = FeeErrorCode | ClientErrorCode;

/** The one error type this library throws; `code` says which rule was broken. */
export class PollinateError extends Error {
  /** Which rule was broken: a Rust `FeeError` variant name, or a client-side code. */
  readonly code: PollinateErrorCode;

  constructor(code: PollinateErrorCode, message?: string) {
    super(message ? `${code}: ${message}` : code);
    this.name = 'PollinateError';
    this.code = code;
  }
}

/** Whether `e` is a {@link PollinateError}, optionally with the given code. */
export function isPollinateError(e: unknown, code?: PollinateErrorCode): e is PollinateError {
  return e instanceof PollinateError && (code === undefined || e.code === code);
}
