//! The PayAfter fee policy: 32-bit fee entries, kept bit for bit from the original format, and the
//! schedule they describe.
//!
//! A fee entry is one `u32`:
//!
//! ```text
//!  31  30..28  27..21  20..13     12..0
//! +--+-------+-------+----------+------------+
//! |L | unit  | count | exponent |    base    |
//! +--+-------+-------+----------+------------+
//! ```
//!
//! - `L`: set on the last entry of a policy, and only there;
//! - `unit` ([`TimeUnit`]) and `count` (0..=127): the entry applies `count × unit` seconds after
//!   the bundle's creation time;
//! - the amount is `base << exponent`. Encoding an amount shifts it right until it fits in 13 bits,
//!   rounding down, and records the shifts as the exponent;
//! - exponent 244 with base 0 (low 21 bits `0x1E8000`) is the "invalid from here on" marker. Any
//!   other value of the low 21 bits above `0x1E8000` is malformed, and so is an amount that does
//!   not fit in `u128`.
//!
//! A [`FeePolicy`] is 1..=[`MAX_ENTRIES`] entries whose times strictly increase and whose amounts
//! never decrease, optionally ending with the marker (which may not be the first entry).
//! [`FeePolicy::fee_at`] gives the fee at a given elapsed time, linearly interpolated between
//! entries.

extern crate alloc;

use alloc::vec::Vec;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, per_things::Rounding};

/// The most entries a policy may have.
pub const MAX_ENTRIES: usize = 16;

/// The largest time count an entry can hold (7 bits).
pub const MAX_COUNT: u8 = 127;

/// The exponent of the "invalid from here on" marker (its base is 0).
pub const INVALID_EXPONENT: u8 = 244;

/// The low 21 bits (exponent and base) of the marker: `244 << 13`.
pub const INVALID_MARKER_BITS: u32 = (INVALID_EXPONENT as u32) << EXPONENT_SHIFT;

const LAST_BIT: u32 = 1 << 31;
const UNIT_SHIFT: u32 = 28;
const UNIT_MASK: u32 = 0b111;
const COUNT_SHIFT: u32 = 21;
const COUNT_MASK: u32 = 0x7F;
const EXPONENT_SHIFT: u32 = 13;
const EXPONENT_MASK: u32 = 0xFF;
const BASE_MASK: u32 = 0x1FFF;
const AMOUNT_MASK: u32 = 0x1F_FFFF;
/// Bits in a base.
const BASE_BITS: u32 = 13;

/// The unit of an entry's time, coded in bits 30..28.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeUnit {
	/// One second (code 0).
	Second,
	/// 60 seconds (code 1).
	Minute,
	/// 3 600 seconds (code 2).
	Hour,
	/// 86 400 seconds (code 3).
	Day,
	/// 7 days (code 4).
	Week,
	/// 30 days (code 5).
	Month,
	/// 365 days (code 6).
	Year,
	/// Ten seconds (code 7).
	TenSeconds,
}

impl TimeUnit {
	/// Every unit, in code order.
	pub const ALL: [TimeUnit; 8] = [
		TimeUnit::Second,
		TimeUnit::Minute,
		TimeUnit::Hour,
		TimeUnit::Day,
		TimeUnit::Week,
		TimeUnit::Month,
		TimeUnit::Year,
		TimeUnit::TenSeconds,
	];

	/// The length of the unit in seconds.
	pub fn seconds(self) -> u64 {
		match self {
			TimeUnit::Second => 1,
			TimeUnit::Minute => 60,
			TimeUnit::Hour => 3_600,
			TimeUnit::Day => 86_400,
			TimeUnit::Week => 7 * 86_400,
			TimeUnit::Month => 30 * 86_400,
			TimeUnit::Year => 365 * 86_400,
			TimeUnit::TenSeconds => 10,
		}
	}

	/// The unit's 3-bit code.
	pub fn code(self) -> u8 {
		match self {
			TimeUnit::Second => 0,
			TimeUnit::Minute => 1,
			TimeUnit::Hour => 2,
			TimeUnit::Day => 3,
			TimeUnit::Week => 4,
			TimeUnit::Month => 5,
			TimeUnit::Year => 6,
			TimeUnit::TenSeconds => 7,
		}
	}

	/// The unit of a 3-bit code; only the low 3 bits of `code` are read.
	pub fn from_code(code: u8) -> TimeUnit {
		match code & 0b111 {
			0 => TimeUnit::Second,
			1 => TimeUnit::Minute,
			2 => TimeUnit::Hour,
			3 => TimeUnit::Day,
			4 => TimeUnit::Week,
			5 => TimeUnit::Month,
			6 => TimeUnit::Year,
			_ => TimeUnit::TenSeconds,
		}
	}
}

/// Why a fee entry or policy is refused. Each variant names the broken rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeError {
	/// A time count above 127: use a larger unit.
	CountTooLarge,
	/// The low 21 bits of a word are above the invalid marker's `0x1E8000`.
	MalformedEntry,
	/// `base << exponent` does not fit in `u128`.
	AmountOverflow,
	/// A policy has no entries.
	EmptyPolicy,
	/// A policy has more than [`MAX_ENTRIES`] entries.
	TooManyEntries,
	/// The entries' activation times do not strictly increase.
	TimesNotIncreasing,
	/// A fee is lower than the fee of an earlier entry.
	FeeDecreasing,
	/// The invalid marker is followed by another entry.
	MarkerNotLast,
	/// The first entry is the invalid marker, so no fee ever applies.
	FirstEntryIsMarker,
	/// The `L` bit is set on a word that is not the last, or missing from the last word.
	LastFlagMisplaced,
}

/// One fee entry: an amount (or the invalid marker) and the time after creation it applies from.
///
/// The entry keeps the word's exact fields, so [`FeeEntry::to_u32`] gives back the word
/// [`FeeEntry::from_u32`] read, bit for bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeEntry {
	unit: TimeUnit,
	count: u8,
	exponent: u8,
	base: u16,
}

/// The number of significant bits of `x`.
fn bit_len(x: u128) -> u32 {
	128u32.saturating_sub(x.leading_zeros())
}

impl FeeEntry {
	/// A fee of `amount`, rounded down to 13 significant bits, applying from time 0.
	pub fn fee(amount: u128) -> FeeEntry {
		let exponent = bit_len(amount).saturating_sub(BASE_BITS);
		let base = (amount >> exponent) as u16 & BASE_MASK as u16;
		// `exponent` is at most 128 - 13 = 115.
		FeeEntry { unit: TimeUnit::Second, count: 0, exponent: exponent as u8, base }
	}

	/// The "invalid from here on" marker, applying from time 0.
	pub fn invalid() -> FeeEntry {
		FeeEntry { unit: TimeUnit::Second, count: 0, exponent: INVALID_EXPONENT, base: 0 }
	}

	/// The same entry applying `count` units after creation. `count` is 0..=127; a count of 0 is
	/// time 0, recorded with the unit `Second`.
	pub fn after(self, count: u8, unit: TimeUnit) -> Result<FeeEntry, FeeError> {
		if count > MAX_COUNT {
			return Err(FeeError::CountTooLarge);
		}
		let unit = if count == 0 { TimeUnit::Second } else { unit };
		Ok(FeeEntry { unit, count, ..self })
	}

	/// Whether this is the invalid marker.
	pub fn is_invalid_marker(&self) -> bool {
		self.exponent == INVALID_EXPONENT && self.base == 0
	}

	/// The amount, `base << exponent`; `None` for the marker.
	pub fn amount(&self) -> Option<u128> {
		if self.is_invalid_marker() {
			return None;
		}
		// Entries are only built by `fee` (exponent <= 115) or checked by `from_u32`.
		u128::from(self.base).checked_shl(u32::from(self.exponent)).or(Some(0))
	}

	/// The time unit.
	pub fn unit(&self) -> TimeUnit {
		self.unit
	}

	/// The time count, 0..=127.
	pub fn count(&self) -> u8 {
		self.count
	}

	/// Seconds after the bundle's creation from which the entry applies: `count × unit`.
	pub fn time_seconds(&self) -> u64 {
		u64::from(self.count).saturating_mul(self.unit.seconds())
	}

	/// The entry as a word, with the `L` bit set if `last`.
	pub fn to_u32(&self, last: bool) -> u32 {
		let l = if last { LAST_BIT } else { 0 };
		l | (u32::from(self.unit.code()) & UNIT_MASK) << UNIT_SHIFT
			| (u32::from(self.count) & COUNT_MASK) << COUNT_SHIFT
			| (u32::from(self.exponent) & EXPONENT_MASK) << EXPONENT_SHIFT
			| (u32::from(self.base) & BASE_MASK)
	}

	/// Reads a word: the entry and whether its `L` bit is set.
	pub fn from_u32(word: u32) -> Result<(FeeEntry, bool), FeeError> {
		let low = word & AMOUNT_MASK;
		if low > INVALID_MARKER_BITS {
			return Err(FeeError::MalformedEntry);
		}
		let exponent = ((word >> EXPONENT_SHIFT) & EXPONENT_MASK) as u8;
		let base = (word & BASE_MASK) as u16;
		let entry = FeeEntry {
			unit: TimeUnit::from_code(((word >> UNIT_SHIFT) & UNIT_MASK) as u8),
			count: ((word >> COUNT_SHIFT) & COUNT_MASK) as u8,
			exponent,
			base,
		};
		if !entry.is_invalid_marker()
			&& base != 0
			&& bit_len(u128::from(base)).saturating_add(u32::from(exponent)) > 128
		{
			return Err(FeeError::AmountOverflow);
		}
		Ok((entry, word & LAST_BIT != 0))
	}
}

/// The fee a policy asks for at some elapsed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeAt {
	/// Before the first entry's time: the bundle may not run yet.
	NotYetValid,
	/// The fee to pay now.
	Fee(u128),
	/// At or after the invalid marker's time: the bundle may never run.
	Expired,
}

/// A checked fee policy: 1..=16 entries, times strictly increasing, fees never decreasing, the
/// invalid marker (if any) last and not first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeePolicy {
	entries: Vec<FeeEntry>,
}

impl FeePolicy {
	/// Checks `entries` against the policy rules.
	pub fn new(entries: Vec<FeeEntry>) -> Result<FeePolicy, FeeError> {
		if entries.is_empty() {
			return Err(FeeError::EmptyPolicy);
		}
		if entries.len() > MAX_ENTRIES {
			return Err(FeeError::TooManyEntries);
		}
		if entries.first().is_some_and(FeeEntry::is_invalid_marker) {
			return Err(FeeError::FirstEntryIsMarker);
		}
		let mut previous: Option<&FeeEntry> = None;
		let mut previous_fee: Option<u128> = None;
		for entry in &entries {
			if let Some(prev) = previous {
				if prev.is_invalid_marker() {
					return Err(FeeError::MarkerNotLast);
				}
				if entry.time_seconds() <= prev.time_seconds() {
					return Err(FeeError::TimesNotIncreasing);
				}
			}
			if let Some(amount) = entry.amount() {
				if previous_fee.is_some_and(|p| amount < p) {
					return Err(FeeError::FeeDecreasing);
				}
				previous_fee = Some(amount);
			}
			previous = Some(entry);
		}
		Ok(FeePolicy { entries })
	}

	/// The entries, in order.
	pub fn entries(&self) -> &[FeeEntry] {
		&self.entries
	}

	/// The policy as words; the `L` bit is set on the last word only.
	pub fn encode(&self) -> Vec<u32> {
		let last = self.entries.len().saturating_sub(1);
		self.entries.iter().enumerate().map(|(i, e)| e.to_u32(i == last)).collect()
	}

	/// Reads a policy from words. The `L` bit must be set on the last word only.
	pub fn decode(words: &[u32]) -> Result<FeePolicy, FeeError> {
		if words.is_empty() {
			return Err(FeeError::EmptyPolicy);
		}
		if words.len() > MAX_ENTRIES {
			return Err(FeeError::TooManyEntries);
		}
		let last = words.len().saturating_sub(1);
		let mut entries = Vec::with_capacity(words.len());
		for (i, word) in words.iter().enumerate() {
			let (entry, is_last) = FeeEntry::from_u32(*word)?;
			if is_last != (i == last) {
				return Err(FeeError::LastFlagMisplaced);
			}
			entries.push(entry);
		}
		FeePolicy::new(entries)
	}

	/// Seconds after creation from which the policy is expired: the marker's time, if there is
	/// one.
	pub fn expires_after(&self) -> Option<u64> {
		self.entries.last().filter(|e| e.is_invalid_marker()).map(FeeEntry::time_seconds)
	}

	/// The fee `elapsed_secs` after creation.
	///
	/// Before the first entry: [`FeeAt::NotYetValid`]; at or after the marker: [`FeeAt::Expired`];
	/// between two fee entries `(t0, f0)` and `(t1, f1)`:
	/// `f0 + floor((f1 − f0) × (t − t0) / (t1 − t0))`; after the last fee entry: the last fee.
	pub fn fee_at(&self, elapsed_secs: u64) -> FeeAt {
		let t = elapsed_secs;
		// The index of the last entry whose time has come.
		let Some(current) = self.entries.iter().rposition(|e| e.time_seconds() <= t) else {
			return FeeAt::NotYetValid;
		};
		let Some(entry) = self.entries.get(current) else { return FeeAt::NotYetValid };
		let Some(f0) = entry.amount() else { return FeeAt::Expired };
		let next = self.entries.get(current.saturating_add(1)).and_then(|n| Some((n, n.amount()?)));
		let Some((next, f1)) = next else { return FeeAt::Fee(f0) };
		let t0 = entry.time_seconds();
		let t1 = next.time_seconds();
		// Times strictly increase and amounts never decrease (checked in `new`), so `t1 > t0`,
		// `f1 >= f0`, and the step is at most `f1 - f0`.
		let step = multiply_by_rational_with_rounding(
			f1.saturating_sub(f0),
			u128::from(t.saturating_sub(t0)),
			u128::from(t1.saturating_sub(t0)),
			Rounding::Down,
		)
		.unwrap_or(0);
		FeeAt::Fee(f0.saturating_add(step))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;
	use TimeUnit::*;

	fn fee(amount: u128) -> FeeEntry {
		FeeEntry::fee(amount)
	}

	#[test]
	fn one_ether_encodes_as_in_the_seed() {
		let entry = fee(1_000_000_000_000_000_000);
		assert_eq!(entry.to_u32(false), 0b00000000000001011111101111000001);
		assert_eq!(entry.amount(), Some(999_939_854_764_605_440));
		assert_eq!(entry.to_u32(true), 0b10000000000001011111101111000001);
	}

	#[test]
	fn the_marker_is_exponent_244_base_0() {
		let marker = FeeEntry::invalid();
		assert_eq!(marker.to_u32(false), 0x1E8000);
		assert_eq!(INVALID_MARKER_BITS, 0x1E8000);
		assert!(marker.is_invalid_marker());
		assert_eq!(marker.amount(), None);
		assert_eq!(FeeEntry::from_u32(0x1E8000), Ok((marker, false)));
	}

	#[test]
	fn rounding_edges() {
		// (amount, exponent, base, rounded amount)
		let cases: [(u128, u32, u32, u128); 8] = [
			(0, 0, 0, 0),
			(1, 0, 1, 1),
			(8191, 0, 8191, 8191),
			(8192, 1, 4096, 8192),
			(8193, 1, 4096, 8192),
			(16383, 1, 8191, 16382),
			(16384, 2, 4096, 16384),
			(u128::MAX, 115, 8191, 8191u128 << 115),
		];
		for (amount, exponent, base, rounded) in cases {
			let entry = fee(amount);
			assert_eq!(entry.to_u32(false), exponent << 13 | base, "amount {amount}");
			assert_eq!(entry.amount(), Some(rounded), "amount {amount}");
			assert_eq!(FeeEntry::from_u32(entry.to_u32(false)), Ok((entry, false)));
		}
	}

	#[test]
	fn every_unit_has_its_code_and_length() {
		let expected = [
			(Second, 1),
			(Minute, 60),
			(Hour, 3_600),
			(Day, 86_400),
			(Week, 604_800),
			(Month, 2_592_000),
			(Year, 31_536_000),
			(TenSeconds, 10),
		];
		for (code, (unit, seconds)) in expected.into_iter().enumerate() {
			assert_eq!(unit.code() as usize, code);
			assert_eq!(TimeUnit::from_code(code as u8), unit);
			assert_eq!(unit.seconds(), seconds);
			let entry = fee(5).after(3, unit).unwrap();
			assert_eq!(entry.to_u32(false), (code as u32) << 28 | 3 << 21 | 5);
			assert_eq!(entry.time_seconds(), 3 * seconds);
			assert_eq!(FeeEntry::from_u32(entry.to_u32(true)), Ok((entry, true)));
			let max = fee(5).after(127, unit).unwrap();
			assert_eq!(max.time_seconds(), 127 * seconds);
			assert_eq!(max.to_u32(false), (code as u32) << 28 | 127 << 21 | 5);
		}
	}

	#[test]
	fn count_zero_is_time_zero_in_seconds() {
		let entry = fee(5).after(0, Year).unwrap();
		assert_eq!(entry, fee(5));
		assert_eq!(entry.unit(), Second);
		assert_eq!(entry.time_seconds(), 0);
		assert_eq!(entry.to_u32(false), 5);
	}

	#[test]
	fn count_above_127_is_refused() {
		assert_eq!(fee(5).after(128, Second), Err(FeeError::CountTooLarge));
		assert_eq!(FeeEntry::invalid().after(255, Minute), Err(FeeError::CountTooLarge));
		assert_eq!(fee(5).after(127, Second).map(|e| e.count()), Ok(127));
	}

	#[test]
	fn low_bits_above_the_marker_are_malformed() {
		assert_eq!(FeeEntry::from_u32(0x1E8001), Err(FeeError::MalformedEntry));
		assert_eq!(FeeEntry::from_u32(0x1FFFFF), Err(FeeError::MalformedEntry));
		assert_eq!(FeeEntry::from_u32(245 << 13), Err(FeeError::MalformedEntry));
		assert_eq!(FeeEntry::from_u32(0xFFFF_FFFF), Err(FeeError::MalformedEntry));
	}

	#[test]
	fn amounts_beyond_u128_overflow() {
		// base 1 << 127 fits, base 2 << 127 does not.
		assert_eq!(FeeEntry::from_u32(127 << 13 | 1).map(|(e, _)| e.amount()), Ok(Some(1 << 127)));
		assert_eq!(FeeEntry::from_u32(127 << 13 | 2), Err(FeeError::AmountOverflow));
		assert_eq!(FeeEntry::from_u32(116 << 13 | 8191), Err(FeeError::AmountOverflow));
		assert_eq!(FeeEntry::from_u32(243 << 13 | 1), Err(FeeError::AmountOverflow));
		// A zero base is zero at any exponent below the marker.
		assert_eq!(FeeEntry::from_u32(243 << 13).map(|(e, _)| e.amount()), Ok(Some(0)));
	}

	#[test]
	fn policy_rules() {
		let marker = FeeEntry::invalid();
		assert_eq!(FeePolicy::new(vec![]), Err(FeeError::EmptyPolicy));
		let many: Vec<_> = (0..17).map(|i| fee(1).after(i, Second).unwrap()).collect();
		assert_eq!(FeePolicy::new(many.clone()), Err(FeeError::TooManyEntries));
		assert!(FeePolicy::new(many[..16].to_vec()).is_ok());
		assert_eq!(FeePolicy::new(vec![marker]), Err(FeeError::FirstEntryIsMarker));
		assert_eq!(
			FeePolicy::new(vec![fee(1), fee(2).after(60, Second).unwrap()])
				.map(|p| p.entries().len()),
			Ok(2)
		);
		// Equal times, even in different units.
		assert_eq!(
			FeePolicy::new(vec![
				fee(1).after(1, Minute).unwrap(),
				fee(2).after(60, Second).unwrap()
			]),
			Err(FeeError::TimesNotIncreasing)
		);
		assert_eq!(
			FeePolicy::new(vec![
				fee(1).after(2, Minute).unwrap(),
				fee(2).after(1, Minute).unwrap()
			]),
			Err(FeeError::TimesNotIncreasing)
		);
		assert_eq!(
			FeePolicy::new(vec![fee(2), fee(1).after(1, Minute).unwrap()]),
			Err(FeeError::FeeDecreasing)
		);
		assert_eq!(
			FeePolicy::new(vec![
				fee(1),
				marker.after(1, Minute).unwrap(),
				fee(2).after(2, Minute).unwrap()
			]),
			Err(FeeError::MarkerNotLast)
		);
		assert_eq!(
			FeePolicy::new(vec![
				fee(1),
				marker.after(1, Minute).unwrap(),
				marker.after(2, Minute).unwrap()
			]),
			Err(FeeError::MarkerNotLast)
		);
		assert_eq!(
			FeePolicy::new(vec![
				fee(1).after(2, Minute).unwrap(),
				marker.after(1, Minute).unwrap()
			]),
			Err(FeeError::TimesNotIncreasing)
		);
	}

	#[test]
	fn decode_checks_the_last_flag_and_the_rules() {
		assert_eq!(FeePolicy::decode(&[]), Err(FeeError::EmptyPolicy));
		assert_eq!(FeePolicy::decode(&[5]), Err(FeeError::LastFlagMisplaced));
		assert_eq!(FeePolicy::decode(&[LAST_BIT | 5]).map(|p| p.entries().len()), Ok(1));
		assert_eq!(
			FeePolicy::decode(&[LAST_BIT | 5, LAST_BIT | 1 << 21 | 6]),
			Err(FeeError::LastFlagMisplaced)
		);
		assert_eq!(FeePolicy::decode(&[5, 1 << 21 | 6]), Err(FeeError::LastFlagMisplaced));
		assert_eq!(
			FeePolicy::decode(&[5, LAST_BIT | 1 << 21 | 6]).map(|p| p.encode()),
			Ok(vec![5, LAST_BIT | 1 << 21 | 6])
		);
		assert_eq!(FeePolicy::decode(&[LAST_BIT | 0x1E8001]), Err(FeeError::MalformedEntry));
		assert_eq!(FeePolicy::decode(&[LAST_BIT | 127 << 13 | 2]), Err(FeeError::AmountOverflow));
		assert_eq!(FeePolicy::decode(&[LAST_BIT | 0x1E8000]), Err(FeeError::FirstEntryIsMarker));
		assert_eq!(FeePolicy::decode(&[6, LAST_BIT | 1 << 21 | 5]), Err(FeeError::FeeDecreasing));
		assert_eq!(
			FeePolicy::decode(&[1 << 21 | 5, LAST_BIT | 6]),
			Err(FeeError::TimesNotIncreasing)
		);
		assert_eq!(FeePolicy::decode(&[5; 17]), Err(FeeError::TooManyEntries));
		assert_eq!(
			FeePolicy::decode(&[5, 0x1E8000 | 1 << 21, LAST_BIT | 2 << 21 | 6]),
			Err(FeeError::MarkerNotLast)
		);
	}

	#[test]
	fn a_seed_policy_round_trips() {
		let policy = FeePolicy::new(vec![
			fee(10),
			fee(100).after(2, Minute).unwrap(),
			FeeEntry::invalid().after(10, Minute).unwrap(),
		])
		.unwrap();
		let words = policy.encode();
		assert_eq!(
			words,
			vec![10, 1 << 28 | 2 << 21 | 100, LAST_BIT | 1 << 28 | 10 << 21 | 0x1E8000]
		);
		assert_eq!(FeePolicy::decode(&words), Ok(policy.clone()));
		assert_eq!(policy.expires_after(), Some(600));
	}

	#[test]
	fn interpolation() {
		// 10 at 0 s, 100 at 120 s, expired at 600 s.
		let policy = FeePolicy::new(vec![
			fee(10),
			fee(100).after(2, Minute).unwrap(),
			FeeEntry::invalid().after(10, Minute).unwrap(),
		])
		.unwrap();
		assert_eq!(policy.fee_at(0), FeeAt::Fee(10));
		assert_eq!(policy.fee_at(1), FeeAt::Fee(10)); // 10 + floor(90 / 120)
		assert_eq!(policy.fee_at(2), FeeAt::Fee(11)); // 10 + floor(180 / 120)
		assert_eq!(policy.fee_at(60), FeeAt::Fee(55));
		assert_eq!(policy.fee_at(119), FeeAt::Fee(99)); // 10 + floor(90 * 119 / 120)
		assert_eq!(policy.fee_at(120), FeeAt::Fee(100));
		// The next entry is the marker: the last fee holds until it.
		assert_eq!(policy.fee_at(599), FeeAt::Fee(100));
		assert_eq!(policy.fee_at(600), FeeAt::Expired);
		assert_eq!(policy.fee_at(u64::MAX), FeeAt::Expired);
	}

	#[test]
	fn not_yet_valid_before_the_first_entry() {
		let policy = FeePolicy::new(vec![
			fee(10).after(1, Minute).unwrap(),
			fee(100).after(2, Minute).unwrap(),
		])
		.unwrap();
		assert_eq!(policy.fee_at(0), FeeAt::NotYetValid);
		assert_eq!(policy.fee_at(59), FeeAt::NotYetValid);
		assert_eq!(policy.fee_at(60), FeeAt::Fee(10));
		assert_eq!(policy.fee_at(90), FeeAt::Fee(55));
		assert_eq!(policy.fee_at(120), FeeAt::Fee(100));
		// No marker: valid for ever at the last fee.
		assert_eq!(policy.fee_at(u64::MAX), FeeAt::Fee(100));
		assert_eq!(policy.expires_after(), None);
	}

	#[test]
	fn a_window_that_opens_late_and_closes() {
		let policy = FeePolicy::new(vec![
			fee(7).after(5, TenSeconds).unwrap(),
			FeeEntry::invalid().after(1, Minute).unwrap(),
		])
		.unwrap();
		assert_eq!(policy.fee_at(49), FeeAt::NotYetValid);
		assert_eq!(policy.fee_at(50), FeeAt::Fee(7));
		assert_eq!(policy.fee_at(59), FeeAt::Fee(7));
		assert_eq!(policy.fee_at(60), FeeAt::Expired);
	}

	#[test]
	fn interpolation_of_huge_amounts_does_not_overflow() {
		let policy =
			FeePolicy::new(vec![fee(0), fee(u128::MAX).after(127, Year).unwrap()]).unwrap();
		let top = 8191u128 << 115;
		let end = 127 * Year.seconds();
		assert_eq!(policy.fee_at(end / 2), FeeAt::Fee(top / 2));
		assert_eq!(policy.fee_at(end - 1), FeeAt::Fee(top - top / u128::from(end) - 1));
		assert_eq!(policy.fee_at(end), FeeAt::Fee(top));
	}

	fn entry() -> impl Strategy<Value = FeeEntry> {
		(any::<u128>(), 0u8..=127, 0usize..8, any::<bool>()).prop_map(
			|(amount, count, unit, marker)| {
				let base = if marker { FeeEntry::invalid() } else { fee(amount >> (amount % 128)) };
				base.after(count, TimeUnit::ALL[unit]).unwrap()
			},
		)
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(2_000))]

		#[test]
		fn decoding_arbitrary_words_never_panics_and_round_trips(
			words in proptest::collection::vec(any::<u32>(), 0..20)
		) {
			if let Ok(policy) = FeePolicy::decode(&words) {
				prop_assert_eq!(policy.encode(), words);
				// Any elapsed time gives an answer.
				for t in [0, 1, 59, 3_600, u64::MAX] {
					let _ = policy.fee_at(t);
				}
			}
		}

		#[test]
		fn every_valid_word_round_trips(word in any::<u32>()) {
			if let Ok((entry, last)) = FeeEntry::from_u32(word) {
				prop_assert_eq!(entry.to_u32(last), word);
			}
		}

		#[test]
		fn valid_policies_round_trip_and_their_fees_stay_in_range(
			entries in proptest::collection::vec(entry(), 1..=16),
			t in any::<u64>(),
		) {
			if let Ok(policy) = FeePolicy::new(entries) {
				prop_assert_eq!(FeePolicy::decode(&policy.encode()), Ok(policy.clone()));
				let fees: Vec<u128> = policy.entries().iter().filter_map(FeeEntry::amount).collect();
				match policy.fee_at(t) {
					FeeAt::Fee(f) => {
						prop_assert!(fees.first().is_some_and(|min| f >= *min));
						prop_assert!(fees.last().is_some_and(|max| f <= *max));
					},
					FeeAt::Expired => prop_assert!(policy.expires_after().is_some_and(|e| t >= e)),
					FeeAt::NotYetValid =>
						prop_assert!(policy.entries()[0].time_seconds() > t),
				}
			}
		}

		#[test]
		fn fees_never_decrease_with_time(
			entries in proptest::collection::vec(entry(), 1..=16),
			a in 0u64..5_000_000_000,
			b in 0u64..5_000_000_000,
		) {
			if let Ok(policy) = FeePolicy::new(entries) {
				let (early, late) = (a.min(b), a.max(b));
				if let (FeeAt::Fee(x), FeeAt::Fee(y)) = (policy.fee_at(early), policy.fee_at(late)) {
					prop_assert!(x <= y);
				}
			}
		}

		#[test]
		fn encoding_rounds_down_to_13_significant_bits(amount in any::<u128>()) {
			let rounded = fee(amount).amount().unwrap();
			prop_assert!(rounded <= amount);
			// Less than one unit of the 13th significant bit is lost.
			let lost_bits = bit_len(amount).saturating_sub(13);
			prop_assert!(amount - rounded < 1u128.checked_shl(lost_bits).unwrap_or(u128::MAX));
		}
	}
}
