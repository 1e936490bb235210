//! When a bundle pays enough: the first second at which its fee policy pays a given amount.
//!
//! A policy's fee never decreases between its first entry and its invalid marker (the codec
//! refuses a decreasing policy), so the first paying second is found by bisection over
//! [`FeePolicy::fee_at`], the very function the chain runs. The invalid marker is never a fee:
//! at or after it the bundle is expired, whatever the amount.

use power_primitives::fee::{FeeAt, FeePolicy};

/// When a bundle's policy pays `amount`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
	/// It pays at least `amount` from this unix second on (maybe already).
	At(u64),
	/// It never pays that much before it expires (or, without a marker, ever).
	Never,
	/// It is already expired at `now`.
	Expired,
}

/// The fee `policy` pays at unix second `t` for a bundle created at `create_time`. A creation
/// time in the future is not valid yet, as on chain.
pub fn fee_at_time(policy: &FeePolicy, create_time: u64, t: u64) -> FeeAt {
	match t.checked_sub(create_time) {
		Some(elapsed) => policy.fee_at(elapsed),
		None => FeeAt::NotYetValid,
	}
}

/// The first unix second `t >= now` at which `policy` pays at least `amount`, and at which the
/// bundle is still valid.
pub fn first_paying(policy: &FeePolicy, create_time: u64, now: u64, amount: u128) -> Timing {
	let pays = |t: u64| matches!(fee_at_time(policy, create_time, t), FeeAt::Fee(f) if f >= amount);
	if matches!(fee_at_time(policy, create_time, now), FeeAt::Expired) {
		return Timing::Expired;
	}
	if pays(now) {
		return Timing::At(now);
	}
	let entries = policy.entries();
	// The last second that can pay: just before the marker, or the last entry's time (the fee
	// is constant afterwards).
	let last_time = match policy.expires_after() {
		Some(marker) => create_time.saturating_add(marker).saturating_sub(1),
		None => {
			create_time.saturating_add(entries.last().map(|e| e.time_seconds()).unwrap_or_default())
		}
	};
	if last_time < now || !pays(last_time) {
		return Timing::Never;
	}
	// `pays(now)` is false and `pays(last_time)` true, and `pays` is monotone on
	// [now, last_time]: bisect.
	let (mut lo, mut hi) = (now, last_time);
	while hi - lo > 1 {
		let mid = lo + (hi - lo) / 2;
		if pays(mid) {
			hi = mid;
		} else {
			lo = mid;
		}
	}
	Timing::At(hi)
}

#[cfg(test)]
mod tests {
	use super::*;
	use power_primitives::fee::{FeeEntry, TimeUnit::*};

	fn policy(entries: Vec<FeeEntry>) -> FeePolicy {
		FeePolicy::new(entries).unwrap()
	}

	/// The brute-force answer, second by second.
	fn brute(policy: &FeePolicy, create: u64, now: u64, amount: u128, horizon: u64) -> Timing {
		if matches!(fee_at_time(policy, create, now), FeeAt::Expired) {
			return Timing::Expired;
		}
		for t in now..now + horizon {
			match fee_at_time(policy, create, t) {
				FeeAt::Fee(f) if f >= amount => return Timing::At(t),
				FeeAt::Expired => return Timing::Never,
				_ => {}
			}
		}
		Timing::Never
	}

	#[test]
	fn a_rising_fee_is_waited_for() {
		// 500 at 0, 1 000 at 2 min, expired at 10 min (the pallet README's example).
		let p = policy(vec![
			FeeEntry::fee(500),
			FeeEntry::fee(1_000).after(2, Minute).unwrap(),
			FeeEntry::invalid().after(10, Minute).unwrap(),
		]);
		let c = 1_000;
		assert_eq!(first_paying(&p, c, c, 400), Timing::At(c));
		assert_eq!(first_paying(&p, c, c, 500), Timing::At(c));
		// 750 is half way: 60 s.
		assert_eq!(first_paying(&p, c, c, 750), Timing::At(c + 60));
		assert_eq!(first_paying(&p, c, c + 30, 750), Timing::At(c + 60));
		assert_eq!(first_paying(&p, c, c, 1_000), Timing::At(c + 120));
		assert_eq!(first_paying(&p, c, c + 500, 1_000), Timing::At(c + 500));
		assert_eq!(first_paying(&p, c, c, 1_001), Timing::Never);
		assert_eq!(first_paying(&p, c, c + 599, 1), Timing::At(c + 599));
		assert_eq!(first_paying(&p, c, c + 600, 1), Timing::Expired);
		// Before creation (a clock behind the signer's) it is not valid yet.
		assert_eq!(first_paying(&p, c, c - 10, 1), Timing::At(c));
	}

	#[test]
	fn the_invalid_marker_is_never_a_fee() {
		// The original daemon read the marker's huge exponent as an enormous fee.
		let p = policy(vec![FeeEntry::fee(10), FeeEntry::invalid().after(1, Minute).unwrap()]);
		assert_eq!(first_paying(&p, 0, 0, 11), Timing::Never);
		assert_eq!(first_paying(&p, 0, 0, u128::MAX), Timing::Never);
		assert_eq!(first_paying(&p, 0, 59, 10), Timing::At(59));
		assert_eq!(first_paying(&p, 0, 60, 0), Timing::Expired);
	}

	#[test]
	fn a_policy_starting_later_waits_for_its_first_entry() {
		let p = policy(vec![FeeEntry::fee(10).after(3, TenSeconds).unwrap()]);
		assert_eq!(first_paying(&p, 100, 100, 5), Timing::At(130));
		assert_eq!(first_paying(&p, 100, 100, 11), Timing::Never);
		// Without a marker it never expires.
		assert_eq!(first_paying(&p, 100, u64::MAX / 2, 10), Timing::At(u64::MAX / 2));
	}

	#[test]
	fn bisection_matches_brute_force() {
		let mut state = 0x9e37_79b9_7f4a_7c15u64;
		let mut next = move || {
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			state
		};
		for _ in 0..300 {
			let n = 1 + (next() % 4) as usize;
			let mut entries = Vec::new();
			let mut time = 0u8;
			let mut fee = next() % 1_000;
			for i in 0..n {
				entries.push(FeeEntry::fee(fee as u128).after(time, TenSeconds).unwrap());
				time += 1 + (next() % 10) as u8;
				fee += next() % 2_000;
				let _ = i;
			}
			if next() % 2 == 0 {
				entries.push(FeeEntry::invalid().after(time, TenSeconds).unwrap());
			}
			let p = policy(entries);
			let create = 1_000;
			let now = create + next() % 500;
			let amount = (next() % 6_000) as u128;
			assert_eq!(
				first_paying(&p, create, now, amount),
				brute(&p, create, now, amount, 2_000),
				"{p:?} now {now} amount {amount}"
			);
		}
	}
}
