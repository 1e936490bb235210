/**
 * PayAfter fee entries and fee policies, bit for bit as `power_primitives::fee` (Rust) encodes
 * and reads them. `primitives/vectors/pollinate.json`, generated from the Rust code, pins every
 * rule here; the tests replay it.
 *
 * A fee entry is one u32 word:
 *
 * ```text
 *  31  30..28  27..21  20..13     12..0
 * +--+-------+-------+----------+------------+
 * |L | unit  | count | exponent |    base    |
 * +--+-------+-------+----------+------------+
 * ```
 *
 * The amount is `base << exponent`: encoding shifts the amount right until it fits in 13 bits,
 * rounding down, once. Exponent 244 with base 0 (low 21 bits 0x1E8000) is the "invalid from
 * here on" marker.
 */

import { PollinateError } from './errors.js';

/** The most entries a policy may have. */
export const MAX_ENTRIES = 16;
/** The largest time count an entry holds (7 bits). */
export const MAX_COUNT = 127;
/** The exponent of the invalid marker (its base is 0). */
export const INVALID_EXPONENT = 244;
/** The low 21 bits of the invalid marker: `244 << 13`. */
export const INVALID_MARKER_BITS = INVALID_EXPONENT << 13;
/** The `L` bit: set on the last word of a policy. */
export const LAST_BIT = 0x8000_0000;

const BASE_BITS = 13;
const BASE_MASK = 0x1fff;
const AMOUNT_MASK = 0x1f_ffff;
const U128_LIMIT = 1n << 128n;
const U64_LIMIT = 1n << 64n;

/** The eight time units, by name. `tensec` is ten seconds. */
export type TimeUnitName =
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'year'
  | 'tensec';

/** A time unit: its name, its 3-bit code and its length in seconds. */
export interface TimeUnitInfo {
  readonly name: TimeUnitName;
  readonly code: number;
  readonly seconds: number;
}

/** Every unit, in code order (the codes of `power_primitives::fee::TimeUnit`). */
export const TIME_UNITS: readonly TimeUnitInfo[] = Object.freeze([
  { name: 'second', code: 0, seconds: 1 },
  { name: 'minute', code: 1, seconds: 60 },
  { name: 'hour', code: 2, seconds: 3_600 },
  { name: 'day', code: 3, seconds: 86_400 },
  { name: 'week', code: 4, seconds: 7 * 86_400 },
  { name: 'month', code: 5, seconds: 30 * 86_400 },
  { name: 'year', code: 6, seconds: 365 * 86_400 },
  { name: 'tensec', code: 7, seconds: 10 },
] as const);

function unitByName(name: string): TimeUnitInfo {
  const unit = TIME_UNITS.find((u) => u.name === name);
  if (!unit) {
    throw new PollinateError('InvalidUnit', `unknown time unit ${JSON.stringify(name)}`);
  }
  return unit;
}

function unitByCode(code: number): TimeUnitInfo {
  // Codes are 3 bits: every code 0..7 is a unit.
  return TIME_UNITS[code & 0b111] as TimeUnitInfo;
}

/** The number of significant bits of `x` (0 for 0). */
function bitLen(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** An amount as a u128 bigint, or a thrown {@link PollinateError}. */
export function toAmount(amount: bigint | number): bigint {
  let value: bigint;
  if (typeof amount === 'bigint') {
    value = amount;
  } else if (typeof amount === 'number' && Number.isSafeInteger(amount)) {
    value = BigInt(amount);
  } else {
    throw new PollinateError(
      'InvalidAmount',
      `amount must be a bigint or a safe integer, got ${String(amount)}`,
    );
  }
  if (value < 0n) {
    throw new PollinateError('NegativeAmount', `amount ${value} is negative`);
  }
  if (value >= U128_LIMIT) {
    throw new PollinateError('AmountTooLarge', `amount ${value} does not fit in u128`);
  }
  return value;
}

/** An elapsed time as a u64 bigint, or a thrown {@link PollinateError}. */
function toElapsed(elapsed: bigint | number): bigint {
  let value: bigint;
  if (typeof elapsed === 'bigint') {
    value = elapsed;
  } else if (typeof elapsed === 'number' && Number.isSafeInteger(elapsed)) {
    value = BigInt(elapsed);
  } else {
    throw new PollinateError('InvalidElapsed', `elapsed seconds must be an integer, got ${String(elapsed)}`);
  }
  if (value < 0n || value >= U64_LIMIT) {
    throw new PollinateError('InvalidElapsed', `elapsed seconds ${value} are not a u64`);
  }
  return value;
}

function checkWord(word: number): number {
  if (!Number.isInteger(word) || word < 0 || word > 0xffff_ffff) {
    const hint = Number.isInteger(word) && word < 0 && word >= -0x8000_0000
      ? ' (a signed int32, as JavaScript bit operators give: use `word >>> 0`)'
      : '';
    throw new PollinateError('InvalidWord', `a fee word is a u32, got ${String(word)}${hint}`);
  }
  return word;
}

/**
 * One fee entry: an amount (or the invalid marker) and the time after the bundle's creation it
 * applies from. Immutable; it keeps the word's exact fields, so `FeeEntry.fromBinary(w)` gives
 * back `w` through `toBinary`.
 */
export class FeeEntry {
  /** The time unit. */
  readonly unit: TimeUnitName;
  /** The time count, 0..127. */
  readonly count: number;
  /** The amount's exponent (244 with base 0: the marker). */
  readonly exponent: number;
  /** The amount's 13-bit base. */
  readonly base: number;

  private constructor(unit: TimeUnitName, count: number, exponent: number, base: number) {
    this.unit = unit;
    this.count = count;
    this.exponent = exponent;
    this.base = base;
    Object.freeze(this);
  }

  /** A fee of `amount`, rounded down to 13 significant bits, applying from time 0. */
  static fee(amount: bigint | number): FeeEntry {
    const value = toAmount(amount);
    const exponent = Math.max(0, bitLen(value) - BASE_BITS);
    const base = Number(value >> BigInt(exponent)) & BASE_MASK;
    return new FeeEntry('second', 0, exponent, base);
  }

  /** The "invalid from here on" marker, applying from time 0. */
  static invalid(): FeeEntry {
    return new FeeEntry('second', 0, INVALID_EXPONENT, 0);
  }

  /**
   * Reads a word: the entry and whether its `L` bit is set. Throws `MalformedEntry` (low 21 bits
   * above the marker) or `AmountOverflow` (`base << exponent` beyond u128), in that order, as
   * Rust's `FeeEntry::from_u32`.
   */
  static fromBinary(word: number): { entry: FeeEntry; last: boolean } {
    checkWord(word);
    const low = word & AMOUNT_MASK;
    if (low > INVALID_MARKER_BITS) {
      throw new PollinateError('MalformedEntry', `word 0x${word.toString(16)}: low bits above the marker`);
    }
    const exponent = (word >>> 13) & 0xff;
    const base = word & BASE_MASK;
    const entry = new FeeEntry(unitByCode(word >>> 28).name, (word >>> 21) & 0x7f, exponent, base);
    if (!entry.isInvalidMarker() && base !== 0 && bitLen(BigInt(base)) + exponent > 128) {
      throw new PollinateError('AmountOverflow', `word 0x${word.toString(16)}: ${base} << ${exponent} exceeds u128`);
    }
    return { entry, last: word >>> 31 === 1 };
  }

  /**
   * The same entry applying `count` units after creation: `.after(3).minutes`, or
   * `.after(3, 'minute')`. `count` is 0..127; a count of 0 is time 0, recorded with the unit
   * `second` (as Rust does).
   */
  after(count: number): FeeTime;
  after(count: number, unit: TimeUnitName): FeeEntry;
  after(count: number, unit?: TimeUnitName): FeeTime | FeeEntry {
    if (!Number.isInteger(count) || count < 0) {
      throw new PollinateError('InvalidCount', `a time count is a non-negative integer, got ${String(count)}`);
    }
    if (count > MAX_COUNT) {
      throw new PollinateError('CountTooLarge', `count ${count} is above ${MAX_COUNT}: use a larger unit`);
    }
    const time = new FeeTime(this, count);
    return unit === undefined ? time : time.unit(unit);
  }

  /** @internal Used by {@link FeeTime}. */
  static withTime(entry: FeeEntry, count: number, unit: TimeUnitName): FeeEntry {
    unitByName(unit);
    return new FeeEntry(count === 0 ? 'second' : unit, count, entry.exponent, entry.base);
  }

  /** Whether this is the invalid marker. */
  isInvalidMarker(): boolean {
    return this.exponent === INVALID_EXPONENT && this.base === 0;
  }

  /** The amount, `base << exponent`; `null` for the marker. */
  amount(): bigint | null {
    if (this.isInvalidMarker()) {
      return null;
    }
    // A zero base may come with any exponent up to 243; the amount is 0 (Rust: `checked_shl`
    // falling back to 0).
    return BigInt(this.base) << BigInt(this.exponent);
  }

  /** The amount the entry really carries (rounded down to 13 significant bits). Throws
   * `MarkerHasNoAmount` for the marker. */
  amtRounded(): bigint {
    const amount = this.amount();
    if (amount === null) {
      throw new PollinateError('MarkerHasNoAmount', 'the invalid marker has no amount');
    }
    return amount;
  }

  /** The unit's 3-bit code. */
  unitCode(): number {
    return unitByName(this.unit).code;
  }

  /** Seconds after the bundle's creation from which the entry applies: `count × unit`. */
  timeSeconds(): number {
    return this.count * unitByName(this.unit).seconds;
  }

  /** The entry as a u32 word, with the `L` bit set if `last`. */
  toBinary(last = false): number {
    return (
      ((last ? LAST_BIT : 0) |
        (this.unitCode() << 28) |
        (this.count << 21) |
        (this.exponent << 13) |
        this.base) >>>
      0
    );
  }

  /** For logs: `fee 999939854764605440 after 2 minute`, `invalid after 10 minute`. */
  toString(): string {
    const what = this.isInvalidMarker() ? 'invalid' : `fee ${this.amtRounded()}`;
    return this.count === 0 ? what : `${what} after ${this.count} ${this.unit}`;
  }
}

/** The answer of `makeFee(x).after(n)`: pick a unit (`.minutes`, `.hour`...) to get the entry. */
export class FeeTime {
  readonly #entry: FeeEntry;
  readonly #count: number;

  /** @internal Use {@link FeeEntry.after}. */
  constructor(entry: FeeEntry, count: number) {
    this.#entry = entry;
    this.#count = count;
  }

  /** The entry with the unit named `unit`. */
  unit(unit: TimeUnitName): FeeEntry {
    return FeeEntry.withTime(this.#entry, this.#count, unit);
  }

  get second(): FeeEntry { return this.unit('second'); }
  get seconds(): FeeEntry { return this.unit('second'); }
  /** Ten seconds (unit code 7). */
  get tensec(): FeeEntry { return this.unit('tensec'); }
  /** Ten seconds (unit code 7). */
  get tensecs(): FeeEntry { return this.unit('tensec'); }
  get minute(): FeeEntry { return this.unit('minute'); }
  get minutes(): FeeEntry { return this.unit('minute'); }
  get hour(): FeeEntry { return this.unit('hour'); }
  get hours(): FeeEntry { return this.unit('hour'); }
  get day(): FeeEntry { return this.unit('day'); }
  get days(): FeeEntry { return this.unit('day'); }
  get week(): FeeEntry { return this.unit('week'); }
  get weeks(): FeeEntry { return this.unit('week'); }
  /** 30 days. */
  get month(): FeeEntry { return this.unit('month'); }
  /** 30 days. */
  get months(): FeeEntry { return this.unit('month'); }
  /** 365 days. */
  get year(): FeeEntry { return this.unit('year'); }
  /** 365 days. */
  get years(): FeeEntry { return this.unit('year'); }
}

/** A fee of `amount` (rounded down to 13 significant bits) from the bundle's creation; chain
 * `.after(n).<unit>` to move it later. */
export function makeFee(amount: bigint | number): FeeEntry {
  return FeeEntry.fee(amount);
}

/** The "invalid from here on" marker; place it with `.after(n).<unit>`. */
export function makeInvalid(): FeeEntry {
  return FeeEntry.invalid();
}

/** What a policy asks for at some elapsed time. */
export type FeeAt =
  /** Before the first entry's time: the bundle may not run yet. */
  | { readonly kind: 'notYetValid' }
  /** The fee to pay now. */
  | { readonly kind: 'fee'; readonly amount: bigint }
  /** At or after the invalid marker's time: the bundle may never run. */
  | { readonly kind: 'expired' };

/**
 * A checked fee policy: 1..16 entries, times strictly increasing, fees never decreasing, the
 * invalid marker (if any) last and not first. The same rules, in the same order, as Rust's
 * `FeePolicy::new`.
 */
export class FeePolicy {
  /** The entries, in order. */
  readonly entries: readonly FeeEntry[];

  private constructor(entries: readonly FeeEntry[]) {
    this.entries = Object.freeze([...entries]);
    Object.freeze(this);
  }

  /** Checks `entries` against the policy rules. */
  static from(entries: readonly FeeEntry[]): FeePolicy {
    if (entries.length === 0) {
      throw new PollinateError('EmptyPolicy', 'a policy needs at least one entry');
    }
    if (entries.length > MAX_ENTRIES) {
      throw new PollinateError('TooManyEntries', `${entries.length} entries, at most ${MAX_ENTRIES}`);
    }
    entries.forEach((entry, i) => {
      if (!(entry instanceof FeeEntry)) {
        throw new PollinateError('InvalidInput', `entry ${i} is not a FeeEntry (use makeFee or makeInvalid)`);
      }
    });
    if ((entries[0] as FeeEntry).isInvalidMarker()) {
      throw new PollinateError('FirstEntryIsMarker', 'the first entry is the invalid marker');
    }
    let previous: FeeEntry | null = null;
    let previousFee: bigint | null = null;
    entries.forEach((entry, i) => {
      if (previous !== null) {
        if (previous.isInvalidMarker()) {
          throw new PollinateError('MarkerNotLast', `entry ${i} follows the invalid marker`);
        }
        if (entry.timeSeconds() <= previous.timeSeconds()) {
          throw new PollinateError(
            'TimesNotIncreasing',
            `entry ${i} applies at ${entry.timeSeconds()} s, not after the previous entry's ${previous.timeSeconds()} s`,
          );
        }
      }
      const amount = entry.amount();
      if (amount !== null) {
        if (previousFee !== null && amount < previousFee) {
          throw new PollinateError(
            'FeeDecreasing',
            `entry ${i} asks ${amount}, less than the earlier ${previousFee} (amounts as rounded)`,
          );
        }
        previousFee = amount;
      }
      previous = entry;
    });
    return new FeePolicy(entries);
  }

  /** Reads a policy from words; the `L` bit must be set on the last word only. Checks as Rust's
   * `FeePolicy::decode`: the count, then each word in order, then the rules. */
  static decode(words: readonly number[]): FeePolicy {
    if (words.length === 0) {
      throw new PollinateError('EmptyPolicy', 'a policy needs at least one word');
    }
    if (words.length > MAX_ENTRIES) {
      throw new PollinateError('TooManyEntries', `${words.length} words, at most ${MAX_ENTRIES}`);
    }
    const lastIndex = words.length - 1;
    const entries = words.map((word, i) => {
      const { entry, last } = FeeEntry.fromBinary(word);
      if (last !== (i === lastIndex)) {
        throw new PollinateError(
          'LastFlagMisplaced',
          last ? `word ${i} has the L bit but is not the last` : `the last word (${i}) lacks the L bit`,
        );
      }
      return entry;
    });
    return FeePolicy.from(entries);
  }

  /** The policy as words; the `L` bit is set on the last word only. */
  encode(): number[] {
    const last = this.entries.length - 1;
    return this.entries.map((entry, i) => entry.toBinary(i === last));
  }

  /** Seconds after creation from which the policy is expired (the marker's time), or `null`
   * without a marker. */
  expiresAfter(): number | null {
    const last = this.entries[this.entries.length - 1] as FeeEntry;
    return last.isInvalidMarker() ? last.timeSeconds() : null;
  }

  /**
   * The fee `elapsedSecs` after creation, as Rust's `FeePolicy::fee_at`. Before the first entry:
   * `notYetValid`; at or after the marker: `expired`; between fee entries `(t0, f0)` and
   * `(t1, f1)`: `f0 + floor((f1 − f0) × (t − t0) / (t1 − t0))`, exact; after the last fee entry:
   * the last fee.
   */
  feeAt(elapsedSecs: bigint | number): FeeAt {
    const t = toElapsed(elapsedSecs);
    let current = -1;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (BigInt((this.entries[i] as FeeEntry).timeSeconds()) <= t) {
        current = i;
        break;
      }
    }
    if (current < 0) {
      return { kind: 'notYetValid' };
    }
    const entry = this.entries[current] as FeeEntry;
    const f0 = entry.amount();
    if (f0 === null) {
      return { kind: 'expired' };
    }
    const next = this.entries[current + 1];
    const f1 = next?.amount() ?? null;
    if (next === undefined || f1 === null) {
      return { kind: 'fee', amount: f0 };
    }
    const t0 = BigInt(entry.timeSeconds());
    const t1 = BigInt(next.timeSeconds());
    // t0 <= t < t1 and f0 <= f1 (checked in `from`): the quotient is exact floor and at most
    // f1 - f0, like Rust's multiply_by_rational_with_rounding(.., Rounding::Down).
    const step = ((f1 - f0) * (t - t0)) / (t1 - t0);
    return { kind: 'fee', amount: f0 + step };
  }
}

/** Checks `entries` against the policy rules; throws a {@link PollinateError} named after the
 * Rust `FeeError` variant. */
export function checkPolicy(entries: readonly FeeEntry[]): FeePolicy {
  return FeePolicy.from(entries);
}

/** The checked policy as u32 words, the `L` bit on the last. */
export function encodePolicy(entries: readonly FeeEntry[]): number[] {
  return FeePolicy.from(entries).encode();
}

/** Reads and checks policy words. */
export function decodePolicy(words: readonly number[]): FeePolicy {
  return FeePolicy.decode(words);
}

/** The fee a policy (words, or a decoded policy) asks `elapsedSecs` after the bundle's
 * creation. */
export function feeAt(policy: readonly number[] | FeePolicy, elapsedSecs: bigint | number): FeeAt {
  return asPolicy(policy).feeAt(elapsedSecs);
}

/** Seconds after creation from which a policy is expired, or `null` if it has no marker. */
export function expiresAfter(policy: readonly number[] | FeePolicy): number | null {
  return asPolicy(policy).expiresAfter();
}

function asPolicy(policy: readonly number[] | FeePolicy): FeePolicy {
  return policy instanceof FeePolicy ? policy : FeePolicy.decode(policy);
}

/** Fees as the chain takes them: entries are checked and encoded, words are checked as a
 * policy. */
export function policyWords(fees: readonly FeeEntry[] | readonly number[]): number[] {
  if (fees.length > 0 && fees.every((f) => f instanceof FeeEntry)) {
    return encodePolicy(fees as readonly FeeEntry[]);
  }
  return FeePolicy.decode(fees as readonly number[]).encode();
}
