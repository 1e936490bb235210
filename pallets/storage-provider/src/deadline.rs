//! Proving-deadline arithmetic: pure functions of the provider's period start and the constants.
//!
//! A provider's proving period starts at `start` and repeats every `proving_period` blocks. It
//! is split into `deadline_count` windows of `challenge_window` blocks. Window `k` of deadline
//! `i` is open during `[open, close)` with
//!
//! ```text
//! open  = start + k × proving_period + i × challenge_window
//! close = open + challenge_window
//! challenge block    = open - challenge_lookback   (the randomness the PoSt answers)
//! fault cutoff block = open - fault_cutoff          (faults must be declared before it)
//! ```

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use codec::{Decode, Encode};
use scale_info::TypeInfo;
use sp_runtime::traits::{AtLeast32BitUnsigned, Zero};

/// One window of one deadline.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct Window<B> {
	/// The deadline's index.
	pub index: u32,
	/// The first block in which a PoSt is accepted.
	pub open: B,
	/// The first block in which it is no longer accepted.
	pub close: B,
	/// The block whose randomness the PoSt's challenges come from.
	pub challenge: B,
	/// The first block at which faults of this deadline can no longer be declared.
	pub fault_cutoff: B,
}

impl<B: AtLeast32BitUnsigned + Copy> Window<B> {
	/// Whether a PoSt for this window is accepted at `now`.
	pub fn is_open(&self, now: B) -> bool {
		self.open <= now && now < self.close
	}
}

/// The deadline schedule of one provider.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Schedule<B> {
	/// The start of the provider's first proving period.
	pub start: B,
	/// The length of a proving period.
	pub proving_period: B,
	/// The length of a deadline's window.
	pub challenge_window: B,
	/// How long before a window opens its challenge randomness is drawn.
	pub challenge_lookback: B,
	/// How long before a window opens faults can no longer be declared.
	pub fault_cutoff: B,
}

impl<B: AtLeast32BitUnsigned + Copy> Schedule<B> {
	/// The window `k` of deadline `index`.
	pub fn nth_window(&self, index: u32, k: B) -> Window<B> {
		let open = self
			.start
			.saturating_add(self.challenge_window.saturating_mul(index.into()))
			.saturating_add(self.proving_period.saturating_mul(k));
		self.window_opening_at(index, open)
	}

	/// The window of deadline `index` that opens at `open`.
	pub fn window_opening_at(&self, index: u32, open: B) -> Window<B> {
		Window {
			index,
			open,
			close: open.saturating_add(self.challenge_window),
			challenge: open.saturating_sub(self.challenge_lookback),
			fault_cutoff: open.saturating_sub(self.fault_cutoff),
		}
	}

	/// The first window of deadline `index` that has not closed at `now`: the one open at `now`,
	/// or else the next one.
	pub fn window_at_or_after(&self, index: u32, now: B) -> Window<B> {
		let first = self.nth_window(index, Zero::zero());
		if now < first.close || self.proving_period.is_zero() {
			return first;
		}
		// The smallest `k` with `first.close + k × period > now`.
		let k = now
			.saturating_sub(first.close)
			.checked_div(&self.proving_period)
			.unwrap_or_else(Zero::zero)
			.saturating_add(B::one());
		self.nth_window(index, k)
	}

	/// The window after `window` of the same deadline.
	pub fn next_window(&self, window: &Window<B>) -> Window<B> {
		self.window_opening_at(window.index, window.open.saturating_add(self.proving_period))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The mock's schedule: a 60-block period of 3 deadlines of 20 blocks, starting at block 5.
	fn schedule() -> Schedule<u64> {
		Schedule {
			start: 5,
			proving_period: 60,
			challenge_window: 20,
			challenge_lookback: 4,
			fault_cutoff: 6,
		}
	}

	#[test]
	fn windows_tile_the_period() {
		let s = schedule();
		assert_eq!(
			s.nth_window(0, 0),
			Window { index: 0, open: 5, close: 25, challenge: 1, fault_cutoff: 0 }
		);
		assert_eq!(
			s.nth_window(2, 1),
			Window { index: 2, open: 105, close: 125, challenge: 101, fault_cutoff: 99 }
		);
		assert_eq!(s.nth_window(1, 0).open, s.nth_window(0, 0).close);
		assert_eq!(s.nth_window(0, 1).open, s.nth_window(2, 0).close);
	}

	#[test]
	fn window_at_or_after_finds_the_open_or_next_window() {
		let s = schedule();
		// Before the start: the first window.
		assert_eq!(s.window_at_or_after(1, 0).open, 25);
		// During window 0 of deadline 0, and at its last block.
		assert_eq!(s.window_at_or_after(0, 5).open, 5);
		assert_eq!(s.window_at_or_after(0, 24).open, 5);
		// At its close: the next period's window.
		assert_eq!(s.window_at_or_after(0, 25).open, 65);
		assert_eq!(s.window_at_or_after(0, 84).open, 65);
		assert_eq!(s.window_at_or_after(0, 85).open, 125);
		assert_eq!(s.window_at_or_after(2, 64).open, 45);
		assert_eq!(s.window_at_or_after(2, 65).open, 105);
		for now in 0..500u64 {
			for i in 0..3 {
				let w = s.window_at_or_after(i, now);
				assert!(w.close > now);
				assert!(w.open < now + 60 || now < 5, "the window is the nearest one");
				assert_eq!(s.next_window(&w).open, w.open + 60);
			}
			// Exactly one deadline is open once the schedule has started.
			if now >= 5 {
				assert_eq!(
					(0..3).filter(|i| s.window_at_or_after(*i, now).is_open(now)).count(),
					1
				);
			}
		}
	}
}
