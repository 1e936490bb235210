//! Weights for `pallet_power_selection`, generated with frame-omni-bencher (frame-benchmarking-cli
//! 64.0.0) on 2026-12-03 against the `power-runtime` wasm by `scripts/benchmark.sh`.
//! Do not edit by hand: run the script again.
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
	/// `freeze_start`.
	fn freeze_start(c: u32) -> Weight;
	/// `freeze_step`.
	fn freeze_step(n: u32) -> Weight;
	/// `update_bond`.
	fn update_bond() -> Weight;
	/// `take_candidate_slot`.
	fn take_candidate_slot() -> Weight;
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
	/// Storage: `PowerSelection::KickQueue` (r:1 w:0)
	/// Proof: `PowerSelection::KickQueue` (`max_values`: Some(1), `max_size`: Some(3602), added: 4097, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateList` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateList` (`max_values`: Some(1), `max_size`: Some(32002), added: 32497, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidacyBond` (r:1 w:0)
	/// Proof: `PowerSelection::CandidacyBond` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[0, 999]`.
	fn register_as_candidate(c: u32) -> Weight {
		Weight::from_parts(94_352_387, 33487)
			.saturating_add(Weight::from_parts(95_885, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 34).saturating_mul(c.into()))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateList` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateList` (`max_values`: Some(1), `max_size`: Some(32002), added: 32497, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::ActiveSelection` (r:1 w:0)
	/// Proof: `PowerSelection::ActiveSelection` (`max_values`: Some(1), `max_size`: Some(5447), added: 5942, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSelection` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSelection` (`max_values`: Some(1), `max_size`: Some(5447), added: 5942, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::KickQueue` (r:1 w:0)
	/// Proof: `PowerSelection::KickQueue` (`max_values`: Some(1), `max_size`: Some(3602), added: 4097, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSession` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Unbonding` (r:1 w:1)
	/// Proof: `PowerSelection::Unbonding` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::LastAuthoredBlock` (r:0 w:1)
	/// Proof: `PowerSelection::LastAuthoredBlock` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 1000]`.
	fn leave_intent(c: u32) -> Weight {
		Weight::from_parts(55_231_118, 33487)
			.saturating_add(Weight::from_parts(113_984, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `PowerSelection::Unbonding` (r:1 w:1)
	/// Proof: `PowerSelection::Unbonding` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSession` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::ActiveSelection` (r:1 w:0)
	/// Proof: `PowerSelection::ActiveSelection` (`max_values`: Some(1), `max_size`: Some(5447), added: 5942, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSelection` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSelection` (`max_values`: Some(1), `max_size`: Some(5447), added: 5942, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::KickQueue` (r:1 w:0)
	/// Proof: `PowerSelection::KickQueue` (`max_values`: Some(1), `max_size`: Some(3602), added: 4097, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(58_647_000, 6932)
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
		Weight::from_parts(14_982_816, 1315)
			.saturating_add(Weight::from_parts(6_654_165, 0).saturating_mul(b.into()))
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
		Weight::from_parts(28_014_170, 3931)
			.saturating_add(Weight::from_parts(906_249, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 47).saturating_mul(b.into()))
	}
	/// Storage: `PowerSelection::Invulnerables` (r:1 w:1)
	/// Proof: `PowerSelection::Invulnerables` (`max_values`: Some(1), `max_size`: Some(641), added: 1136, mode: `MaxEncodedLen`)
	/// The range of component `b` is `[1, 20]`.
	fn remove_invulnerable(b: u32) -> Weight {
		Weight::from_parts(14_543_280, 2126)
			.saturating_add(Weight::from_parts(877_570, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `PowerSelection::DesiredCollators` (r:0 w:1)
	/// Proof: `PowerSelection::DesiredCollators` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_desired_collators() -> Weight {
		Weight::from_parts(3_685_000, 0).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `PowerSelection::CandidacyBond` (r:0 w:1)
	/// Proof: `PowerSelection::CandidacyBond` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn set_candidacy_bond() -> Weight {
		Weight::from_parts(3_796_000, 0).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:0)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::LastAuthoredBlock` (r:0 w:1)
	/// Proof: `PowerSelection::LastAuthoredBlock` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn note_author() -> Weight {
		Weight::from_parts(8_323_000, 3529)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Session::CurrentIndex` (r:1 w:1)
	/// Proof: `Session::CurrentIndex` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Session::QueuedChanged` (r:1 w:1)
	/// Proof: `Session::QueuedChanged` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Session::QueuedKeys` (r:1 w:1)
	/// Proof: `Session::QueuedKeys` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `PowerSelection::ActiveSelection` (r:1 w:1)
	/// Proof: `PowerSelection::ActiveSelection` (`max_values`: Some(1), `max_size`: Some(5447), added: 5942, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::KickQueue` (r:1 w:1)
	/// Proof: `PowerSelection::KickQueue` (`max_values`: Some(1), `max_size`: Some(3602), added: 4097, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::LastAuthoredBlock` (r:100 w:100)
	/// Proof: `PowerSelection::LastAuthoredBlock` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSelection` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSelection` (`max_values`: Some(1), `max_size`: Some(5447), added: 5942, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Invulnerables` (r:1 w:0)
	/// Proof: `PowerSelection::Invulnerables` (`max_values`: Some(1), `max_size`: Some(641), added: 1136, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateList` (r:1 w:0)
	/// Proof: `PowerSelection::CandidateList` (`max_values`: Some(1), `max_size`: Some(32002), added: 32497, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::DesiredCollators` (r:1 w:0)
	/// Proof: `PowerSelection::DesiredCollators` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Freeze` (r:1 w:1)
	/// Proof: `PowerSelection::Freeze` (`max_values`: Some(1), `max_size`: Some(48010), added: 48505, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x6e39f0fb4bb221444d2603c6fe621eb66754904ae5204aa6b3d7f4a34d2eadda` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x6e39f0fb4bb221444d2603c6fe621eb66754904ae5204aa6b3d7f4a34d2eadda` (r:1 w:0)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::FreezeRandomnessMark` (r:1 w:0)
	/// Proof: `PowerSelection::FreezeRandomnessMark` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:2 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `PowerSelection::PlannedSession` (r:0 w:1)
	/// Proof: `PowerSelection::PlannedSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Session::Validators` (r:0 w:1)
	/// Proof: `Session::Validators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// The range of component `c` is `[0, 1000]`.
	/// The range of component `k` is `[0, 100]`.
	fn new_session(c: u32, k: u32) -> Weight {
		Weight::from_parts(577_782_000, 49495)
			.saturating_add(Weight::from_parts(409_351, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(6_803_340, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(16_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(7_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 83).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(0, 2527).saturating_mul(k.into()))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateList` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateList` (`max_values`: Some(1), `max_size`: Some(32002), added: 32497, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSession` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Unbonding` (r:1 w:1)
	/// Proof: `PowerSelection::Unbonding` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::LastAuthoredBlock` (r:0 w:1)
	/// Proof: `PowerSelection::LastAuthoredBlock` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 1000]`.
	fn kick(c: u32) -> Weight {
		Weight::from_parts(150_295_869, 33487)
			.saturating_add(Weight::from_parts(110_124, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Freeze` (r:1 w:1)
	/// Proof: `PowerSelection::Freeze` (`max_values`: Some(1), `max_size`: Some(48010), added: 48505, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateList` (r:1 w:0)
	/// Proof: `PowerSelection::CandidateList` (`max_values`: Some(1), `max_size`: Some(32002), added: 32497, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::FreezeRandomnessMark` (r:0 w:1)
	/// Proof: `PowerSelection::FreezeRandomnessMark` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 1000]`.
	fn freeze_start(c: u32) -> Weight {
		Weight::from_parts(34_517_968, 49495)
			.saturating_add(Weight::from_parts(120_758, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Freeze` (r:1 w:1)
	/// Proof: `PowerSelection::Freeze` (`max_values`: Some(1), `max_size`: Some(48010), added: 48505, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:200 w:0)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::ValidationData` (r:1 w:0)
	/// Proof: `ParachainSystem::ValidationData` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `ParachainSystem::LastRelayChainBlockNumber` (r:1 w:0)
	/// Proof: `ParachainSystem::LastRelayChainBlockNumber` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `PowerSelection::FreezeRandomnessMark` (r:0 w:1)
	/// Proof: `PowerSelection::FreezeRandomnessMark` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[0, 200]`.
	fn freeze_step(n: u32) -> Weight {
		Weight::from_parts(203_450_072, 58697)
			.saturating_add(Weight::from_parts(5_484_750, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(n.into()))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidacyBond` (r:1 w:0)
	/// Proof: `PowerSelection::CandidacyBond` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	fn update_bond() -> Weight {
		Weight::from_parts(57_326_000, 3622)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `PowerSelection::CandidateBonds` (r:2 w:2)
	/// Proof: `PowerSelection::CandidateBonds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Invulnerables` (r:1 w:0)
	/// Proof: `PowerSelection::Invulnerables` (`max_values`: Some(1), `max_size`: Some(641), added: 1136, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `PowerSelection::KickQueue` (r:1 w:0)
	/// Proof: `PowerSelection::KickQueue` (`max_values`: Some(1), `max_size`: Some(3602), added: 4097, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidacyBond` (r:1 w:0)
	/// Proof: `PowerSelection::CandidacyBond` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::CandidateList` (r:1 w:1)
	/// Proof: `PowerSelection::CandidateList` (`max_values`: Some(1), `max_size`: Some(32002), added: 32497, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::ActiveSelection` (r:1 w:0)
	/// Proof: `PowerSelection::ActiveSelection` (`max_values`: Some(1), `max_size`: Some(5447), added: 5942, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSelection` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSelection` (`max_values`: Some(1), `max_size`: Some(5447), added: 5942, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::PlannedSession` (r:1 w:0)
	/// Proof: `PowerSelection::PlannedSession` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `ChainParams::Timings` (r:1 w:0)
	/// Proof: `ChainParams::Timings` (`max_values`: Some(1), `max_size`: Some(52), added: 547, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::Unbonding` (r:1 w:1)
	/// Proof: `PowerSelection::Unbonding` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorDelegatorCount` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorDelegatorCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `CollatorPower::CollatorPower` (r:1 w:0)
	/// Proof: `CollatorPower::CollatorPower` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `PowerSelection::LastAuthoredBlock` (r:0 w:1)
	/// Proof: `PowerSelection::LastAuthoredBlock` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn take_candidate_slot() -> Weight {
		Weight::from_parts(231_024_000, 40532)
			.saturating_add(T::DbWeight::get().reads(16_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
}

// For tests: the same numbers with the RocksDB weights.
impl WeightInfo for () {
	fn register_as_candidate(c: u32) -> Weight {
		Weight::from_parts(94_352_387, 33487)
			.saturating_add(Weight::from_parts(95_885, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 34).saturating_mul(c.into()))
	}
	fn leave_intent(c: u32) -> Weight {
		Weight::from_parts(55_231_118, 33487)
			.saturating_add(Weight::from_parts(113_984, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(58_647_000, 6932)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_invulnerables(b: u32) -> Weight {
		Weight::from_parts(14_982_816, 1315)
			.saturating_add(Weight::from_parts(6_654_165, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(b.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2555).saturating_mul(b.into()))
	}
	fn add_invulnerable(b: u32) -> Weight {
		Weight::from_parts(28_014_170, 3931)
			.saturating_add(Weight::from_parts(906_249, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 47).saturating_mul(b.into()))
	}
	fn remove_invulnerable(b: u32) -> Weight {
		Weight::from_parts(14_543_280, 2126)
			.saturating_add(Weight::from_parts(877_570, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_desired_collators() -> Weight {
		Weight::from_parts(3_685_000, 0).saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_candidacy_bond() -> Weight {
		Weight::from_parts(3_796_000, 0).saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn note_author() -> Weight {
		Weight::from_parts(8_323_000, 3529)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn new_session(c: u32, k: u32) -> Weight {
		Weight::from_parts(577_782_000, 49495)
			.saturating_add(Weight::from_parts(409_351, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(6_803_340, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(16_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 83).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(0, 2527).saturating_mul(k.into()))
	}
	fn kick(c: u32) -> Weight {
		Weight::from_parts(150_295_869, 33487)
			.saturating_add(Weight::from_parts(110_124, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn freeze_start(c: u32) -> Weight {
		Weight::from_parts(34_517_968, 49495)
			.saturating_add(Weight::from_parts(120_758, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn freeze_step(n: u32) -> Weight {
		Weight::from_parts(203_450_072, 58697)
			.saturating_add(Weight::from_parts(5_484_750, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2539).saturating_mul(n.into()))
	}
	fn update_bond() -> Weight {
		Weight::from_parts(57_326_000, 3622)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn take_candidate_slot() -> Weight {
		Weight::from_parts(231_024_000, 40532)
			.saturating_add(RocksDbWeight::get().reads(16_u64))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
	}
}
