//! `new_session` of this pallet against cumulus `pallet-collator-selection`'s, at the same
//! candidate count, in one process.
//!
//! Two mock runtimes hold 1000 candidates each (the runtime's `MaxCandidates`) and choose 20
//! collators. For `pallet-power-selection` every candidate has power delegated through
//! `pallet-collator-power`; for `pallet-collator-selection` every candidate has a bond and a
//! fresh authoring record (nobody is kicked, as in our steady state). Each timed call is one
//! `SessionManager::new_session`, on committed storage, with the session index increasing; for
//! `pallet-power-selection` it also includes the freeze steps of the blocks before it, which now
//! read the powers the draw uses.
//!
//! Run with `cargo bench -p pallet-power-selection --bench new_session`.

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use frame_support::traits::ValidatorRegistration;
use pallet_session::SessionManager;
use std::{
	hint::black_box,
	time::{Duration, Instant},
};

/// Candidates in both runtimes.
const CANDIDATES: u32 = 1000;
/// Collators chosen each session.
const DESIRED: u32 = 20;

/// Both runtimes accept every account as having session keys: the check costs the same in both.
pub struct Registered;

impl ValidatorRegistration<u64> for Registered {
	fn is_registered(_: &u64) -> bool {
		true
	}
}

/// The candidates: accounts `10_000..10_000 + CANDIDATES`.
fn candidate(i: u32) -> u64 {
	10_000 + u64::from(i)
}

mod power {
	use super::*;
	use frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU32, ConstU64, Randomness},
	};
	use sp_core::H256;
	use sp_runtime::{BuildStorage, Perbill};

	type Block = frame_system::mocking::MockBlock<Runtime>;

	frame_support::construct_runtime!(
		pub enum Runtime {
			System: frame_system,
			Balances: pallet_balances,
			CollatorPower: pallet_collator_power,
			PowerSelection: pallet_power_selection,
		}
	);

	#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
	impl frame_system::Config for Runtime {
		type Block = Block;
		type AccountData = pallet_balances::AccountData<u64>;
	}

	#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
	impl pallet_balances::Config for Runtime {
		type AccountStore = System;
		type RuntimeHoldReason = RuntimeHoldReason;
	}

	impl pallet_collator_power::Config for Runtime {
		type StoragePower = u128;
		type CollatorId = u64;
		type MinerInUse = frame_support::traits::Nothing;
		type CollatorRegistry = pallet_power_selection::IsCandidate<Runtime>;
		type Currency = Balances;
		type RuntimeHoldReason = RuntimeHoldReason;
		type MinerDeposit = ConstU64<1>;
		type MaxDelegationsPerMiner = ConstU32<100>;
		type MaxDelegatorsPerCollator = ConstU32<100>;
		type MinDelegation = frame_support::traits::ConstU128<1>;
		type WeightInfo = ();
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper = Helper;
	}

	/// Hash-based randomness, as a runtime would get from its relay chain.
	pub struct HashRandomness;

	impl Randomness<H256, u64> for HashRandomness {
		fn random(subject: &[u8]) -> (H256, u64) {
			let block = System::block_number();
			(H256(sp_io::hashing::blake2_256(&codec::Encode::encode(&(subject, block)))), block)
		}
	}

	parameter_types! {
		pub const Slash: Perbill = Perbill::from_percent(10);
	}

	impl pallet_power_selection::Config for Runtime {
		type Currency = Balances;
		type UpdateOrigin = frame_system::EnsureRoot<u64>;
		type MaxCandidates = ConstU32<CANDIDATES>;
		type MaxInvulnerables = ConstU32<20>;
		type MaxCollators = ConstU32<100>;
		type UnbondingDelay = ConstU32<2>;
		type KickThreshold = ConstU64<20>;
		type MaxKicksPerBlock = ConstU32<4>;
		type NextSessionRotation = pallet_session::PeriodicSessions<ConstU64<10>, ConstU64<0>>;
		// The bench calls `new_session` directly: no pallet-session here.
		type SessionRotation = ();
		type FreezeLead = ConstU64<8>;
		type MaxFreezePerBlock = ConstU32<200>;
		type SlashFraction = Slash;
		type OnSlash = ();
		type Randomness = HashRandomness;
		type RandomnessClock = System;
		type RandomnessLag = ConstU64<0>;
		type ValidatorRegistration = Registered;
		type WeightInfo = ();
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper = Helper;
	}

	#[cfg(feature = "runtime-benchmarks")]
	pub struct Helper;

	#[cfg(feature = "runtime-benchmarks")]
	impl pallet_power_selection::BenchmarkHelper<u64> for Helper {
		fn register_session_keys(_: &u64) {}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl pallet_collator_power::BenchmarkHelper<u64> for Helper {
		fn collator(index: u32) -> u64 {
			candidate(index)
		}
	}

	/// 1000 candidates, each with power from one of ten miners.
	pub fn ext() -> sp_io::TestExternalities {
		let mut storage =
			frame_system::GenesisConfig::<Runtime>::default().build_storage().unwrap();
		let miners = (1..=10u64).map(|m| (m, 1_000_000));
		pallet_balances::GenesisConfig::<Runtime> {
			balances: (0..CANDIDATES).map(|i| (candidate(i), 1_000_000)).chain(miners).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_power_selection::GenesisConfig::<Runtime> {
			invulnerables: vec![],
			candidacy_bond: 100,
			desired_collators: DESIRED,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			for i in 0..CANDIDATES {
				PowerSelection::register_as_candidate(RuntimeOrigin::signed(candidate(i))).unwrap();
				let miner = 1 + u64::from(i / 100);
				if i % 100 == 0 {
					CollatorPower::create_miner(RuntimeOrigin::signed(miner)).unwrap();
					CollatorPower::update_miner_power(
						&miner,
						pallet_collator_power::PowerDelta::Increase(1_000_000_000),
					)
					.unwrap();
				}
				let amount = u128::from(i) + 1;
				CollatorPower::delegate_power(RuntimeOrigin::signed(miner), candidate(i), amount)
					.unwrap();
			}
		});
		ext.commit_all().unwrap();
		ext
	}

	/// Times `iters` session changes, each with the freeze of its inputs in the blocks before
	/// it (the freeze reads the powers the draw used to read in `new_session`).
	pub fn time(ext: &mut sp_io::TestExternalities, iters: u64) -> Duration {
		ext.execute_with(|| {
			let mut total = Duration::ZERO;
			for _ in 0..iters {
				System::reset_events();
				let next = (System::block_number() / 10 + 1) * 10;
				for block in next - 8..next {
					System::set_block_number(block);
					let start = Instant::now();
					black_box(PowerSelection::freeze_step(block));
					total += start.elapsed();
				}
				System::set_block_number(next);
				let index = pallet_power_selection::PlannedSession::<Runtime>::get() + 1;
				let start = Instant::now();
				let set = black_box(PowerSelection::new_session(index));
				total += start.elapsed();
				assert_eq!(set.map(|s| s.len()), Some(DESIRED as usize));
			}
			total
		})
	}
}

mod cumulus {
	use super::*;
	use frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU32, ConstU64},
		PalletId,
	};
	use sp_runtime::BuildStorage;

	type Block = frame_system::mocking::MockBlock<Runtime>;

	frame_support::construct_runtime!(
		pub enum Runtime {
			System: frame_system,
			Balances: pallet_balances,
			CollatorSelection: pallet_collator_selection,
		}
	);

	#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
	impl frame_system::Config for Runtime {
		type Block = Block;
		type AccountData = pallet_balances::AccountData<u64>;
	}

	#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
	impl pallet_balances::Config for Runtime {
		type AccountStore = System;
	}

	parameter_types! {
		pub const PotId: PalletId = PalletId(*b"PotStake");
	}

	impl pallet_collator_selection::Config for Runtime {
		type RuntimeEvent = RuntimeEvent;
		type Currency = Balances;
		type UpdateOrigin = frame_system::EnsureRoot<u64>;
		type PotId = PotId;
		type MaxCandidates = ConstU32<CANDIDATES>;
		type MinEligibleCollators = ConstU32<1>;
		type MaxInvulnerables = ConstU32<20>;
		type KickThreshold = ConstU64<20>;
		type ValidatorId = u64;
		type ValidatorIdOf = sp_runtime::traits::ConvertInto;
		type ValidatorRegistration = Registered;
		type WeightInfo = ();
	}

	/// 1000 bonded candidates with fresh authoring records.
	pub fn ext() -> sp_io::TestExternalities {
		let mut storage =
			frame_system::GenesisConfig::<Runtime>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Runtime> {
			balances: (0..CANDIDATES).map(|i| (candidate(i), 1_000_000)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_collator_selection::GenesisConfig::<Runtime> {
			invulnerables: vec![],
			candidacy_bond: 100,
			desired_candidates: DESIRED,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			for i in 0..CANDIDATES {
				CollatorSelection::register_as_candidate(RuntimeOrigin::signed(candidate(i)))
					.unwrap();
			}
		});
		ext.commit_all().unwrap();
		ext
	}

	/// Times `iters` session changes.
	pub fn time(ext: &mut sp_io::TestExternalities, iters: u64) -> Duration {
		ext.execute_with(|| {
			let mut total = Duration::ZERO;
			for index in 0..iters {
				System::reset_events();
				let start = Instant::now();
				let set = black_box(CollatorSelection::new_session(index as u32 + 2));
				total += start.elapsed();
				assert_eq!(set.map(|s| s.len()), Some(DESIRED as usize));
			}
			total
		})
	}
}

fn new_session(c: &mut Criterion) {
	let mut group = c.benchmark_group("new_session");
	group
		.sample_size(20)
		.warm_up_time(Duration::from_secs(1))
		.measurement_time(Duration::from_secs(4));
	let mut power_ext = power::ext();
	group.bench_with_input(
		BenchmarkId::new("pallet-power-selection", CANDIDATES),
		&CANDIDATES,
		|b, _| b.iter_custom(|iters| power::time(&mut power_ext, iters)),
	);
	let mut cumulus_ext = cumulus::ext();
	group.bench_with_input(
		BenchmarkId::new("pallet-collator-selection", CANDIDATES),
		&CANDIDATES,
		|b, _| b.iter_custom(|iters| cumulus::time(&mut cumulus_ext, iters)),
	);
	group.finish();
}

criterion_group!(benches, new_session);
criterion_main!(benches);
