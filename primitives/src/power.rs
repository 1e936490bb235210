//! Proportional scaling of a miner's delegations.
//!
//! When a miner's raw power falls from `old_raw` to `new_raw`, each of its delegations `stake`
//! becomes `floor(stake × new_raw / old_raw)`. Rounding down keeps the sum of the scaled stakes
//! at or below `new_raw` whenever the sum of the old stakes was at or below `old_raw`: no miner
//! ever ends up having delegated more than it has.

use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};

/// The result of applying a decrease to a raw power.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Decrease {
	/// The raw power after the decrease.
	pub new_raw: u128,
	/// How much was actually removed: the requested amount, or all of `old_raw` if the request
	/// was larger.
	pub removed: u128,
	/// Whether the request was larger than the raw power and had to be clamped.
	pub clamped: bool,
}

/// Applies a decrease of `amount` to `old_raw`, clamping at zero.
pub fn decrease(old_raw: u128, amount: u128) -> Decrease {
	match old_raw.checked_sub(amount) {
		Some(new_raw) => Decrease { new_raw, removed: amount, clamped: false },
		None => Decrease { new_raw: 0, removed: old_raw, clamped: true },
	}
}

/// Scales `stake` by `new_raw / old_raw`, rounding down.
///
/// Only ever scales down: if `new_raw >= old_raw` the stake is returned unchanged, and if
/// `old_raw` is zero (so every stake must already be zero) the result is zero. The result never
/// exceeds `stake`, and the computation cannot overflow (it uses 256-bit intermediates).
pub fn scale_stake(stake: u128, new_raw: u128, old_raw: u128) -> u128 {
	if old_raw == 0 {
		return 0;
	}
	if new_raw >= old_raw {
		return stake;
	}
	// `new_raw < old_raw`, so the result is at most `stake` and always fits.
	multiply_by_rational_with_rounding(stake, new_raw, old_raw, Rounding::Down).unwrap_or(0)
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	#[test]
	fn worked_example_from_the_issue() {
		// 1000 raw power with 600 to A and 300 to B, cut to 500.
		let d = decrease(1000, 500);
		assert_eq!(d, Decrease { new_raw: 500, removed: 500, clamped: false });
		assert_eq!(scale_stake(600, d.new_raw, 1000), 300);
		assert_eq!(scale_stake(300, d.new_raw, 1000), 150);
	}

	#[test]
	fn decrease_clamps_at_zero() {
		assert_eq!(decrease(10, 11), Decrease { new_raw: 0, removed: 10, clamped: true });
		assert_eq!(decrease(10, 10), Decrease { new_raw: 0, removed: 10, clamped: false });
		assert_eq!(decrease(0, 0), Decrease { new_raw: 0, removed: 0, clamped: false });
	}

	#[test]
	fn scaling_rounds_down() {
		// 7 × 2 / 3 = 4.67 -> 4.
		assert_eq!(scale_stake(7, 2, 3), 4);
		assert_eq!(scale_stake(1, 999, 1000), 0);
	}

	#[test]
	fn scaling_edges() {
		assert_eq!(scale_stake(5, 0, 0), 0);
		assert_eq!(scale_stake(5, 10, 10), 5);
		assert_eq!(scale_stake(5, 11, 10), 5);
		assert_eq!(scale_stake(u128::MAX, u128::MAX - 1, u128::MAX), u128::MAX - 1);
		assert_eq!(scale_stake(u128::MAX, 0, u128::MAX), 0);
	}

	proptest! {
		#[test]
		fn scaled_stakes_never_exceed_new_raw(
			stakes in proptest::collection::vec(0u128..=u64::MAX as u128, 0..16),
			extra in 0u128..=u64::MAX as u128,
			cut in any::<u128>(),
		) {
			let delegated: u128 = stakes.iter().sum();
			let old_raw = delegated + extra;
			let d = decrease(old_raw, cut);
			prop_assert!(d.new_raw <= old_raw);
			prop_assert_eq!(d.new_raw + d.removed, old_raw);
			let scaled: Vec<u128> = stakes.iter().map(|s| scale_stake(*s, d.new_raw, old_raw)).collect();
			prop_assert!(scaled.iter().sum::<u128>() <= d.new_raw);
			for (s, n) in stakes.iter().zip(&scaled) {
				prop_assert!(n <= s);
			}
		}
	}
}
