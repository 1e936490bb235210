//! Weights for `pallet_power_selection`.
//!
//! Until the runtime exists and these are generated from the benchmarks with frame-omni-bencher,
//! the **database read/write counts are the honest worst cases** counted from the code (listed on
//! each function), and the execution times are conservative estimates. The runtime's
//! `scripts/benchmark.sh` replaces this file with measured values.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weight functions of `pallet_power_selection`.
pub trait WeightInfo {
	/// `register_as_candidate` with `c` candidates already registered.
	fn register_as_candidate(c: u32) -> Weight;
	/// `leave_intent` with `c` candidates, without `remove_collator` (the call adds the weight
	/// that returns).
	fn leave_intent(c: u32) -> Weight;
	/// `withdraw_unbonded`.
	fn withdraw_unbonded() -> Weight;
	/// `set_invulnerables` with `b` new invulnerables.
	fn set_invulnerables(b: u32) -> Weight;
	/// `add_invulnerable` with `b` invulnerables already.
	fn add_invulnerable(b: u32) -> Weight;
	/// `remove_invulnerable` with `b` invulnerables.
	fn remove_invulnerable(b: u32) -> Weight;
	/// `set_desired_collators`.
	fn set_desired_collators() -> Weight;
	/// `set_candidacy_bond`.
	fn set_candidacy_bond() -> Weight;
	/// `note_author`, for a candidate.
	fn note_author() -> Weight;
	/// Kicking one collator out of `c` candidates, without `remove_collator` (the session
	/// change adds the weight that returns).
	fn kick(c: u32) -> Weight;
	/// `new_session` with `c` candidates and `k` collators in the planned and active sets
	/// (excluding kicks, which add `kick` and `remove_collator` each).
	fn new_session(c: u32, k: u32) -> Weight;
}

/// Weights for `pallet_power_selection` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: `CandidateBonds`, `Invulnerables`, `Session::NextKeys`, `CandidateList`, `CandidacyBond`,
	/// `Balances::Holds`, `System::Account`.
	/// Writes: `CandidateList`, `CandidateBonds`, `Balances::Holds`, `System::Account`.
	fn register_as_candidate(c: u32) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(40_000, 48).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Reads: `CandidateBonds`, `CandidateList`, `PlannedSession`, `Unbonding`.
	/// Writes: `CandidateBonds`, `CandidateList`, `LastAuthoredBlock`, `Unbonding`.
	fn leave_intent(c: u32) -> Weight {
		Weight::from_parts(50_000_000, 6_000)
			.saturating_add(Weight::from_parts(40_000, 48).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Reads: `Unbonding`, `PlannedSession`, `Balances::Holds`, `System::Account`.
	/// Writes: `Unbonding`, `Balances::Holds`, `System::Account`.
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Reads: per invulnerable `CandidateBonds` and `Session::NextKeys`.
	/// Writes: `Invulnerables`.
	fn set_invulnerables(b: u32) -> Weight {
		Weight::from_parts(20_000_000, 1_500)
			.saturating_add(Weight::from_parts(8_000_000, 2_600).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(b.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Reads: `Invulnerables`, `CandidateBonds`, `Session::NextKeys`.
	/// Writes: `Invulnerables`.
	fn add_invulnerable(b: u32) -> Weight {
		Weight::from_parts(25_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000, 32).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Reads: `Invulnerables`.
	/// Writes: `Invulnerables`.
	fn remove_invulnerable(b: u32) -> Weight {
		Weight::from_parts(18_000_000, 1_500)
			.saturating_add(Weight::from_parts(60_000, 32).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Writes: `DesiredCollators`.
	fn set_desired_collators() -> Weight {
		Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Writes: `CandidacyBond`.
	fn set_candidacy_bond() -> Weight {
		Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Reads: `CandidateBonds`.
	/// Writes: `LastAuthoredBlock`.
	fn note_author() -> Weight {
		Weight::from_parts(15_000_000, 3_500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Reads: `CandidateBonds`, `CandidateList`, `Balances::Holds`, `System::Account` (twice: the
	/// slashed account and `OnSlash`'s), `PlannedSession`, `Unbonding`.
	/// Writes: `CandidateBonds`, `CandidateList`, `LastAuthoredBlock`, `Balances::Holds`,
	/// `System::Account` (twice), `Unbonding`.
	fn kick(c: u32) -> Weight {
		Weight::from_parts(80_000_000, 8_000)
			.saturating_add(Weight::from_parts(40_000, 48).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Reads: `ActiveSelection`, `PlannedSelection`, `Invulnerables`, `CandidateList`,
	/// `DesiredCollators`, the randomness; per candidate its `CollatorPower`; per collator of the
	/// sets `LastAuthoredBlock` (twice) and `CandidateBonds`.
	/// Writes: `PlannedSession`, `ActiveSelection`, `PlannedSelection`, `System::Events`; per
	/// collator of the sets `LastAuthoredBlock`.
	fn new_session(c: u32, k: u32) -> Weight {
		Weight::from_parts(40_000_000, 10_000)
			.saturating_add(Weight::from_parts(6_000_000, 2_600).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(8_000_000, 2_600).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads(c.into()))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes(k.into()))
	}
}

// For tests and backwards compatibility.
impl WeightInfo for () {
	fn register_as_candidate(c: u32) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(40_000, 48).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn leave_intent(c: u32) -> Weight {
		Weight::from_parts(50_000_000, 6_000)
			.saturating_add(Weight::from_parts(40_000, 48).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_invulnerables(b: u32) -> Weight {
		Weight::from_parts(20_000_000, 1_500)
			.saturating_add(Weight::from_parts(8_000_000, 2_600).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(b.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn add_invulnerable(b: u32) -> Weight {
		Weight::from_parts(25_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000, 32).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn remove_invulnerable(b: u32) -> Weight {
		Weight::from_parts(18_000_000, 1_500)
			.saturating_add(Weight::from_parts(60_000, 32).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_desired_collators() -> Weight {
		Weight::from_parts(10_000_000, 0).saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_candidacy_bond() -> Weight {
		Weight::from_parts(10_000_000, 0).saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn note_author() -> Weight {
		Weight::from_parts(15_000_000, 3_500)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn kick(c: u32) -> Weight {
		Weight::from_parts(80_000_000, 8_000)
			.saturating_add(Weight::from_parts(40_000, 48).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
	}
	fn new_session(c: u32, k: u32) -> Weight {
		Weight::from_parts(40_000_000, 10_000)
			.saturating_add(Weight::from_parts(6_000_000, 2_600).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(8_000_000, 2_600).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().reads(c.into()))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(k.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes(k.into()))
	}
}
