//! Nectar accrual and pay retargeting for periodic tasks.
//!
//! A periodic task pays whoever runs it ("the pollinator") the nectar that accrued since it last
//! ran. Nectar accrues linearly: `pay_per_period` over every `target_secs_per_cycle` seconds. A
//! rational pollinator runs the task as soon as the accrued nectar covers its cost, so the pay
//! sets the cycle time. Every `cycles_per_retarget` cycles the pay is corrected by the ratio of
//! the time those cycles actually took to the time they should have taken, like a proof-of-work
//! difficulty adjustment, but with the payout adjusting instead of the difficulty:
//!
//! - cycles came too fast (the pay is too generous): the pay goes down;
//! - cycles came too slowly (the pay is too stingy): the pay goes up;
//! - one retarget at most halves or doubles the pay, so a single odd window cannot swing it
//!   wildly, and the pay never reaches zero (a zero pay could never recover, since the
//!   correction is multiplicative).
//!
//! Every function is total: no panics, no intermediate overflow (products are taken in 256 bits),
//! results saturate.

use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};

/// The nectar accrued after `elapsed_secs` seconds at `pay_per_period` per
/// `target_secs_per_cycle` seconds: `floor(pay_per_period × elapsed_secs / target_secs_per_cycle)`.
///
/// - The product is taken before the division (in 256 bits), so a pay smaller than the target
///   still accrues: 1 unit per 600 s accrues 1 unit after 600 s. The original truncated the
///   per-second rate first (`pay / target`), so such a pay accrued nothing, ever.
/// - The result saturates at `u128::MAX`.
/// - A zero `target_secs_per_cycle` is treated as one second (the pallet never stores it).
pub fn accrued_nectar(pay_per_period: u128, target_secs_per_cycle: u64, elapsed_secs: u64) -> u128 {
	let target = u128::from(target_secs_per_cycle.max(1));
	// `None` only when the quotient does not fit in 128 bits (the divisor is never zero).
	multiply_by_rational_with_rounding(
		pay_per_period,
		u128::from(elapsed_secs),
		target,
		Rounding::Down,
	)
	.unwrap_or(u128::MAX)
}

/// The number of whole seconds after which [`accrued_nectar`] first reaches `amount`:
/// `ceil(amount × target_secs_per_cycle / pay_per_period)`, the moment a rational pollinator
/// whose cost is `amount` runs the task.
///
/// Returns `None` if it never does: the pay is zero and `amount` is not, or the wait does not fit
/// in a `u64`. A zero `target_secs_per_cycle` is treated as one second, as in
/// [`accrued_nectar`].
pub fn secs_until_accrued(
	pay_per_period: u128,
	target_secs_per_cycle: u64,
	amount: u128,
) -> Option<u64> {
	if amount == 0 {
		return Some(0);
	}
	if pay_per_period == 0 {
		return None;
	}
	let target = u128::from(target_secs_per_cycle.max(1));
	let secs = multiply_by_rational_with_rounding(amount, target, pay_per_period, Rounding::Up)?;
	u64::try_from(secs).ok()
}

/// The pay after a retarget window of `cycles_per_retarget` cycles that took `actual_secs`.
///
/// - `expected = target_secs_per_cycle × cycles_per_retarget` (at least one second);
/// - the new pay is `floor(pay_per_period × actual_secs / expected)`;
/// - clamped to `[floor(pay_per_period / 2), 2 × pay_per_period]` (the upper bound saturating
///   at `u128::MAX`), so one retarget at most halves or doubles the pay;
/// - and never below 1, so the pay can always recover (the original could reach 0 and stay
///   there).
///
/// No intermediate overflow: `expected` is a 128-bit product of two 64-bit numbers, and the
/// scaling is done in 256 bits; a quotient that does not fit in 128 bits is far above the upper
/// clamp anyway.
pub fn retarget(
	pay_per_period: u128,
	target_secs_per_cycle: u64,
	cycles_per_retarget: u64,
	actual_secs: u64,
) -> u128 {
	let expected =
		u128::from(target_secs_per_cycle).saturating_mul(u128::from(cycles_per_retarget)).max(1);
	let lower = pay_per_period / 2;
	let upper = pay_per_period.saturating_mul(2);
	let scaled = multiply_by_rational_with_rounding(
		pay_per_period,
		u128::from(actual_secs),
		expected,
		Rounding::Down,
	)
	.unwrap_or(u128::MAX);
	scaled.clamp(lower, upper).max(1)
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	#[test]
	fn accrual_is_linear_in_time() {
		// 1000 per 600 s.
		assert_eq!(accrued_nectar(1000, 600, 0), 0);
		assert_eq!(accrued_nectar(1000, 600, 300), 500);
		assert_eq!(accrued_nectar(1000, 600, 600), 1000);
		assert_eq!(accrued_nectar(1000, 600, 1200), 2000);
		// Rounds down: 1000 × 1 / 600 = 1.67.
		assert_eq!(accrued_nectar(1000, 600, 1), 1);
	}

	#[test]
	fn a_pay_below_the_target_still_accrues() {
		// The original computed `pay / target` first: 599 / 600 = 0 per second, forever.
		assert_eq!(accrued_nectar(599, 600, 600), 599);
		assert_eq!(accrued_nectar(1, 600, 599), 0);
		assert_eq!(accrued_nectar(1, 600, 600), 1);
		assert_eq!(accrued_nectar(1, 600, 6_000), 10);
	}

	#[test]
	fn accrual_has_no_intermediate_overflow_and_saturates() {
		// `pay × elapsed` overflows u128, the quotient does not.
		assert_eq!(accrued_nectar(u128::MAX, u64::MAX, u64::MAX), u128::MAX);
		assert_eq!(accrued_nectar(u128::MAX / 2, 10, 5), u128::MAX / 4);
		assert_eq!(accrued_nectar(u128::MAX, 7, 3), u128::MAX / 7 * 3 + (u128::MAX % 7) * 3 / 7);
		// The quotient itself overflows: saturates.
		assert_eq!(accrued_nectar(u128::MAX, 1, 2), u128::MAX);
		assert_eq!(accrued_nectar(u128::MAX / 2 + 1, 1, 2), u128::MAX);
	}

	#[test]
	fn accrual_with_a_zero_target_counts_one_second_periods() {
		assert_eq!(accrued_nectar(10, 0, 3), 30);
		assert_eq!(accrued_nectar(10, 0, 0), 0);
	}

	#[test]
	fn secs_until_accrued_is_the_first_second_that_covers_the_amount() {
		assert_eq!(secs_until_accrued(1000, 600, 0), Some(0));
		assert_eq!(secs_until_accrued(1000, 600, 1000), Some(600));
		// 1000 / 600 per second: 1 unit after 1 s, 2 units after 2 s (1.2 s rounded up).
		assert_eq!(secs_until_accrued(1000, 600, 2), Some(2));
		assert_eq!(accrued_nectar(1000, 600, 1), 1);
		assert_eq!(secs_until_accrued(0, 600, 1), None);
		assert_eq!(secs_until_accrued(1, u64::MAX, u128::MAX), None);
		assert_eq!(secs_until_accrued(u128::MAX, u64::MAX, u128::MAX), Some(u64::MAX));
	}

	#[test]
	fn retarget_scales_by_actual_over_expected() {
		// 10 cycles of 600 s expected = 6000 s.
		assert_eq!(retarget(1000, 600, 10, 6000), 1000);
		assert_eq!(retarget(1000, 600, 10, 4500), 750);
		assert_eq!(retarget(1000, 600, 10, 9000), 1500);
		// Rounds down: 1000 × 6001 / 6000 = 1000.17.
		assert_eq!(retarget(1000, 600, 10, 6001), 1000);
	}

	#[test]
	fn retarget_at_most_halves_or_doubles() {
		assert_eq!(retarget(1000, 600, 10, 0), 500);
		assert_eq!(retarget(1000, 600, 10, 1), 500);
		assert_eq!(retarget(1000, 600, 10, 3000), 500);
		assert_eq!(retarget(1000, 600, 10, 12_000), 2000);
		assert_eq!(retarget(1000, 600, 10, u64::MAX), 2000);
		// An odd pay halves rounding down.
		assert_eq!(retarget(1001, 600, 10, 0), 500);
	}

	#[test]
	fn retarget_never_reaches_zero() {
		assert_eq!(retarget(1, 600, 10, 0), 1);
		assert_eq!(retarget(0, 600, 10, 6000), 1);
		assert_eq!(retarget(0, 600, 10, u64::MAX), 1);
		// From 1 the pay can grow again.
		assert_eq!(retarget(1, 600, 10, 12_000), 2);
	}

	#[test]
	fn retarget_has_no_intermediate_overflow() {
		assert_eq!(retarget(u128::MAX, u64::MAX, u64::MAX, u64::MAX), u128::MAX / 2);
		assert_eq!(retarget(u128::MAX, 1, 1, u64::MAX), u128::MAX);
		assert_eq!(retarget(u128::MAX / 3, 1, 1, 2), u128::MAX / 3 * 2);
		assert_eq!(retarget(u128::MAX, 1, 1, 1), u128::MAX);
		// Zero parameters do not divide by zero.
		assert_eq!(retarget(1000, 0, 10, 1), 1000);
		assert_eq!(retarget(1000, 600, 0, 0), 500);
	}

	/// The outcome of a simulated run.
	#[derive(Debug)]
	struct Simulation {
		/// The pay after each retarget.
		pays: Vec<u128>,
		/// The cycle time (seconds) in each window.
		cycle_secs: Vec<u64>,
	}

	/// Simulates a rational pollinator whose cost of running the task is `cost`. It runs the task
	/// at the first block (every `block_secs`) at which the accrued nectar covers the cost.
	/// Returns the pay after each of `retargets` retargets and the cycle time in each window
	/// (the window before the first retarget first).
	fn simulate(
		initial_pay: u128,
		target: u64,
		cycles_per_retarget: u64,
		cost: u128,
		block_secs: u64,
		retargets: usize,
	) -> Simulation {
		let mut pay = initial_pay;
		let mut pays = Vec::new();
		let mut cycle_secs = Vec::new();
		for _ in 0..=retargets {
			let mut window_secs = 0u64;
			let mut secs = 0u64;
			for _ in 0..cycles_per_retarget {
				let wait = secs_until_accrued(pay, target, cost).expect("the pay is never zero");
				// The next block at or after `wait`.
				secs = wait.div_ceil(block_secs).max(1) * block_secs;
				assert!(accrued_nectar(pay, target, secs) >= cost);
				assert!(accrued_nectar(pay, target, secs - block_secs) < cost);
				window_secs += secs;
			}
			cycle_secs.push(secs);
			pay = retarget(pay, target, cycles_per_retarget, window_secs);
			pays.push(pay);
		}
		Simulation { pays, cycle_secs }
	}

	/// Whether `secs` is within ±5% of `target`.
	fn within_5_percent(secs: u64, target: u64) -> bool {
		secs * 100 >= target * 95 && secs * 100 <= target * 105
	}

	/// The index of the first window whose cycle time is within ±5% of the target, that is how
	/// many retargets it took, if every later window stays there.
	fn converged_after(sim: &Simulation, target: u64) -> Option<usize> {
		let first = sim.cycle_secs.iter().position(|s| within_5_percent(*s, target))?;
		sim.cycle_secs[first..].iter().all(|s| within_5_percent(*s, target)).then_some(first)
	}

	const TARGET: u64 = 600;
	const CYCLES: u64 = 100;
	const BLOCK: u64 = 6;
	/// The pollinator's cost: the pay that makes it run the task every `TARGET` seconds.
	const COST: u128 = 50_000_000_000;

	#[test]
	fn an_8x_generous_pay_converges_within_5_retargets() {
		let sim = simulate(8 * COST, TARGET, CYCLES, COST, BLOCK, 8);
		// Every cycle at 1/8 of the target, so every retarget halves the pay until it is close.
		assert_eq!(sim.cycle_secs[0], 78); // 75 s rounded up to the next 6 s block.
		assert_eq!(sim.pays[0], 4 * COST);
		let after = converged_after(&sim, TARGET).expect("converges");
		assert!(after <= 5, "took {after} retargets: {sim:?}");
		assert!(sim.pays.last().is_some_and(|p| p.abs_diff(COST) * 20 <= COST), "{sim:?}");
	}

	#[test]
	fn an_8x_stingy_pay_converges_within_5_retargets() {
		let sim = simulate(COST / 8, TARGET, CYCLES, COST, BLOCK, 8);
		assert_eq!(sim.cycle_secs[0], 8 * TARGET);
		assert_eq!(sim.pays[0], COST / 4);
		let after = converged_after(&sim, TARGET).expect("converges");
		assert!(after <= 5, "took {after} retargets: {sim:?}");
		assert!(sim.pays.last().is_some_and(|p| p.abs_diff(COST) * 20 <= COST), "{sim:?}");
	}

	#[test]
	fn a_right_pay_stays_put() {
		let sim = simulate(COST, TARGET, CYCLES, COST, BLOCK, 5);
		assert_eq!(converged_after(&sim, TARGET), Some(0));
		assert!(sim.pays.iter().all(|p| *p == COST));
	}

	#[test]
	fn a_tiny_pay_recovers() {
		// The original could not: 1 / 600 per second truncated to 0, and a zero pay stays zero.
		let sim = simulate(1, TARGET, 4, 1_000, BLOCK, 12);
		assert!(sim.pays.windows(2).take(8).all(|w| w[1] == 2 * w[0]), "{sim:?}");
		assert!(converged_after(&sim, TARGET).is_some(), "{sim:?}");
	}

	proptest! {
		#[test]
		fn accrual_matches_exact_arithmetic(
			pay in 0u128..(1 << 64),
			target in 1u64..(1 << 32),
			elapsed in 0u64..(1 << 32),
		) {
			// Small enough for the product to fit in u128.
			prop_assert_eq!(accrued_nectar(pay, target, elapsed), pay * elapsed as u128 / target as u128);
		}

		#[test]
		fn accrual_is_monotonic(pay: u128, target in 1u64.., a: u64, b: u64) {
			let (lo, hi) = (a.min(b), a.max(b));
			prop_assert!(accrued_nectar(pay, target, lo) <= accrued_nectar(pay, target, hi));
		}

		#[test]
		fn secs_until_accrued_is_tight(
			pay in 1u128..(1 << 64),
			target in 1u64..(1 << 20),
			amount in 1u128..(1 << 64),
		) {
			if let Some(secs) = secs_until_accrued(pay, target, amount) {
				prop_assert!(accrued_nectar(pay, target, secs) >= amount);
				prop_assert!(secs == 0 || accrued_nectar(pay, target, secs - 1) < amount);
			}
		}

		#[test]
		fn retarget_stays_within_the_clamps(pay: u128, target: u64, cycles: u64, actual: u64) {
			let new = retarget(pay, target, cycles, actual);
			prop_assert!(new >= 1);
			prop_assert!(new >= pay / 2);
			prop_assert!(new <= pay.saturating_mul(2).max(1));
		}

		#[test]
		fn retarget_matches_exact_arithmetic_inside_the_clamps(
			pay in 1u128..(1 << 64),
			target in 1u64..(1 << 16),
			cycles in 1u64..(1 << 16),
			actual in 0u64..(1 << 40),
		) {
			let expected = target as u128 * cycles as u128;
			let exact = pay * actual as u128 / expected;
			prop_assert_eq!(retarget(pay, target, cycles, actual), exact.clamp(pay / 2, pay * 2).max(1));
		}

		#[test]
		fn retarget_is_monotonic_in_the_actual_time(pay: u128, target: u64, cycles: u64, a: u64, b: u64) {
			let (lo, hi) = (a.min(b), a.max(b));
			prop_assert!(retarget(pay, target, cycles, lo) <= retarget(pay, target, cycles, hi));
		}

		#[test]
		fn any_start_within_8x_converges_within_5_retargets(
			// The starting pay, in 1/1000ths of the right one: from 8× too stingy to 8× too generous.
			permille in 125u128..=8_000,
			cost in 1_000_000u128..1_000_000_000_000,
		) {
			let sim = simulate(cost * permille / 1000, TARGET, 20, cost, BLOCK, 7);
			let after = converged_after(&sim, TARGET);
			prop_assert!(after.is_some_and(|a| a <= 5), "{:?}", sim);
		}
	}
}
