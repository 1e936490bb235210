//! Weights for `pallet_power_selection`, generated with frame-omni-bencher (frame-benchmarking-cli
//! 64.0.0) on 2026-11-21 against the `power-runtime` wasm by `scripts/benchmark.sh`.
//! Do not edit by hand: run the script again.
//!
//! NOT YET REGENERATED after the issue-12 changes. Hand-edited until `scripts/benchmark.sh`
//! runs again: `register_as_candidate` (+1 read, `KickQueue`), `leave_intent` (+3 reads: the
//! snapshots and the queue; `remove_collator` is now O(1)), `withdraw_unbonded` (+3 reads),
//! `note_author` (+1 read), `new_session` (+1 read, +1 write: `KickQueue`; +1 read `Freeze`,
//! and no `CollatorPower` read any more: the powers come frozen), `kick` (+1 read,
//! `Balances::Holds` read before the slash), and the new `take_candidate_slot` (an estimate:
//! `register_as_candidate` plus `leave_intent`), `update_bond`, `freeze_start` and `freeze_step`
//! (estimates).
//!
//! Steps: 10, repeat: 5, on `AMD EPYC`. The DB read/write counts
//! are measured; the execution times (the first number of each `Weight::from_parts`) are for that
//! machine; the second number is the proof size in bytes, from the storage items' max encoded lengths.

#![allow(unused_parens, unused_imports, missing_docs)]
#![allow(clippy::unnecessary_cast)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weight functions of `pallet_power_selection`.
pub trait WeightInfo {
	/// `register_as_candidate`.
	fn register_as_candidate(c: u32) -> Weight;
	/// `leave_intent`.
	fn leave_intent(c: u32) -> Weight;
	/// `withdraw_unbonded`.
	fn withdraw_unbonded() -> Weight;
	/// `set_invulnerables`.
	fn set_invulnerables(b: u32) -> Weight;
	/// `add_invulnerable`.
	fn add_invulnerable(b: u32) -> Weight;
	/// `remove_invulnerable`.
	fn remove_invulnerable(b: u32) -> Weight;
	/// `set_desired_collators`.
	fn set_desired_collators() -> Weight;
	/// `set_candidacy_bond`.
	fn set_candidacy_bond() -> Weight;
	/// `note_author`.
	fn note_author() -> Weight;
	/// `new_session`.
	fn new_session(c: u32, k: u32) -> Weight;
	/// `kick`.
	fn kick(c: u32) -> Weight;
	/// `take_candidate_slot`, on a full candidate list.
	fn take_candidate_slot() -> Weight;
	/// The first freeze step: copying a list of `c` candidates.
	fn freeze_start(c: u32) -> Weight;
	/// `update_bond`, a raise (a cut, moving the difference to unbonding, weighs less).
	fn update_bond() -> Weight;
	/// A freeze step reading `n` powers into a freeze of `MaxCandidates` candidates.
	fn freeze_step(n: u32) -> Weight;
}

/// Weights for `pallet_power_selection` measured on the `power-runtime`.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Invulnerables` (r:1 w:0)
	/// Proof: `PowerSelection::Invulnerables` (`max_values`: Some(1), `max_size`: Some(641), added: 1136, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `PowerSelection::CandidateList` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateList` (`max_values`: Some(1), `max_size`: Some(32002), added: 32497, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidacyBond` (r:1 w:0)
	/// Proof: `PowerSelection::CandidacyBond` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[0, 999]`.
	fn register_as_candidate(c: u32) -> Weight {
		Weight::from_parts(114_735_139, 33487)
			.saturating_add(Weight::from_parts(89_973, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 34).saturating_mul(c.into()))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateList` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateList` (`max_values`: Some(1), `max_size`: Some(32002), added: 32497, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSession` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Unbonding` (r:1 w:1)
	/// Proof: `PowerSelection::Unbonding` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegators` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorDelegators` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalDelegatedPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalDelegatedPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:0 w:1)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::LastAuthoredBlock` (r:0 w:1)
	/// Proof: `PowerSelection::LastAuthoredBlock` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 1000]`.
	fn leave_intent(c: u32) -> Weight {
		Weight::from_parts(61_699_547, 33487)
			.saturating_add(Weight::from_parts(78_827, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `PowerSelection::Unbonding` (r:1 w:1)
	/// Proof: `PowerSelection::Unbonding` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSession` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(58_807_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:20 w:0)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:20 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `PowerSelection::Invulnerables` (r:0 w:1)
	/// Proof: `PowerSelection::Invulnerables` (`max_values`: Some(1), `max_size`: Some(641), added: 1136, mode: `MaxEncodedLen`)
	/// The range of component `b` is `[0, 20]`.
	fn set_invulnerables(b: u32) -> Weight {
		Weight::from_parts(14_931_445, 1315)
			.saturating_add(Weight::from_parts(6_914_269, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(b.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2555).saturating_mul(b.into()))
	}
	/// Storage: `PowerSelection::Invulnerables` (r:1 w:1)
	/// Proof: `PowerSelection::Invulnerables` (`max_values`: Some(1), `max_size`: Some(641), added: 1136, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:0)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// The range of component `b` is `[0, 19]`.
	fn add_invulnerable(b: u32) -> Weight {
		Weight::from_parts(27_600_548, 3931)
			.saturating_add(Weight::from_parts(827_259, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 47).saturating_mul(b.into()))
	}
	/// Storage: `PowerSelection::Invulnerables` (r:1 w:1)
	/// Proof: `PowerSelection::Invulnerables` (`max_values`: Some(1), `max_size`: Some(641), added: 1136, mode: `MaxEncodedLen`)
	/// The range of component `b` is `[1, 20]`.
	fn remove_invulnerable(b: u32) -> Weight {
		Weight::from_parts(18_981_559, 2126)
			.saturating_add(Weight::from_parts(593_949, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `PowerSelection::DesiredCollators` (r:0 w:1)
	/// Proof: `PowerSelection::DesiredCollators` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_desired_collators() -> Weight {
		Weight::from_parts(5_348_000, 0).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `PowerSelection::CandidacyBond` (r:0 w:1)
	/// Proof: `PowerSelection::CandidacyBond` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn set_candidacy_bond() -> Weight {
		Weight::from_parts(5_368_000, 0).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:0)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::LastAuthoredBlock` (r:0 w:1)
	/// Proof: `PowerSelection::LastAuthoredBlock` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn note_author() -> Weight {
		Weight::from_parts(10_415_000, 3529)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `PowerSelection::ActiveSelection` (r:1 w:1)
	/// Proof: `PowerSelection::ActiveSelection` (`max_values`: Some(1), `max_size`: Some(5447), added: 5942, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::LastAuthoredBlock` (r:100 w:100)
	/// Proof: `PowerSelection::LastAuthoredBlock` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSelection` (r:1 w:1)
	/// Proof: `PowerSelection::PlannedSelection` (`max_values`: Some(1), `max_size`: Some(5447), added: 5942, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateBonds` (r:100 w:0)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Invulnerables` (r:1 w:0)
	/// Proof: `PowerSelection::Invulnerables` (`max_values`: Some(1), `max_size`: Some(641), added: 1136, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateList` (r:1 w:0)
	/// Proof: `PowerSelection::CandidateList` (`max_values`: Some(1), `max_size`: Some(32002), added: 32497, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::DesiredCollators` (r:1 w:0)
	/// Proof: `PowerSelection::DesiredCollators` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:1000 w:0)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x6e39f0fb4bb221444d2603c6fe621eb694212af64e5ce31d328d85e4dcee98ad` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x6e39f0fb4bb221444d2603c6fe621eb694212af64e5ce31d328d85e4dcee98ad` (r:1 w:0)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSession` (r:0 w:1)
	/// Proof: `PowerSelection::PlannedSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[0, 1000]`.
	/// The range of component `k` is `[0, 100]`.
	fn new_session(c: u32, k: u32) -> Weight {
		Weight::from_parts(256_860_000, 82_987)
			.saturating_add(Weight::from_parts(5_636_142, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(8_760_499, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(110_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(k.into()))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateList` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateList` (`max_values`: Some(1), `max_size`: Some(32002), added: 32497, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSession` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Unbonding` (r:1 w:1)
	/// Proof: `PowerSelection::Unbonding` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegators` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorDelegators` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::TotalDelegatedPower` (r:1 w:1)
	/// Proof: `CollatorPower::TotalDelegatedPower` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:0 w:1)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::LastAuthoredBlock` (r:0 w:1)
	/// Proof: `PowerSelection::LastAuthoredBlock` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 1000]`.
	fn kick(c: u32) -> Weight {
		Weight::from_parts(145_309_739, 33487)
			.saturating_add(Weight::from_parts(108_466, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn take_candidate_slot() -> Weight {
		Weight::from_parts(345_234_686, 36_000)
			.saturating_add(T::DbWeight::get().reads(16_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
	}
	fn update_bond() -> Weight {
		Weight::from_parts(60_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn freeze_start(c: u32) -> Weight {
		Weight::from_parts(20_000_000, 82_500)
			.saturating_add(Weight::from_parts(60_000, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn freeze_step(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 49_500)
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(n.into()))
	}
}

// For tests: the same numbers with the RocksDB weights.
impl WeightInfo for () {
	fn register_as_candidate(c: u32) -> Weight {
		Weight::from_parts(114_735_139, 33487)
			.saturating_add(Weight::from_parts(89_973, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 34).saturating_mul(c.into()))
	}
	fn leave_intent(c: u32) -> Weight {
		Weight::from_parts(61_699_547, 33487)
			.saturating_add(Weight::from_parts(78_827, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(11_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(58_807_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_invulnerables(b: u32) -> Weight {
		Weight::from_parts(14_931_445, 1315)
			.saturating_add(Weight::from_parts(6_914_269, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(b.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2555).saturating_mul(b.into()))
	}
	fn add_invulnerable(b: u32) -> Weight {
		Weight::from_parts(27_600_548, 3931)
			.saturating_add(Weight::from_parts(827_259, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 47).saturating_mul(b.into()))
	}
	fn remove_invulnerable(b: u32) -> Weight {
		Weight::from_parts(18_981_559, 2126)
			.saturating_add(Weight::from_parts(593_949, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_desired_collators() -> Weight {
		Weight::from_parts(5_348_000, 0).saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_candidacy_bond() -> Weight {
		Weight::from_parts(5_368_000, 0).saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn note_author() -> Weight {
		Weight::from_parts(10_415_000, 3529)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn new_session(c: u32, k: u32) -> Weight {
		Weight::from_parts(256_860_000, 82_987)
			.saturating_add(Weight::from_parts(5_636_142, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(8_760_499, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(110_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(k.into()))
	}
	fn kick(c: u32) -> Weight {
		Weight::from_parts(145_309_739, 33487)
			.saturating_add(Weight::from_parts(108_466, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(11_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn take_candidate_slot() -> Weight {
		Weight::from_parts(345_234_686, 36_000)
			.saturating_add(RocksDbWeight::get().reads(16_u64))
			.saturating_add(RocksDbWeight::get().writes(9_u64))
	}
	fn update_bond() -> Weight {
		Weight::from_parts(60_000_000, 3_700)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn freeze_start(c: u32) -> Weight {
		Weight::from_parts(20_000_000, 82_500)
			.saturating_add(Weight::from_parts(60_000, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn freeze_step(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 49_500)
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(n.into()))
	}
}
