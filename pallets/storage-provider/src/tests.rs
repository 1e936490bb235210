//! Tests of the storage-provider pallet, with real 2 KiB sectors and real Merkle proofs. Every
//! test ends with both pallets' `try_state` (see `build_and_execute`), and `run_to_block` checks
//! this pallet's after every block.

use crate::{
	mock::*, ChallengeSeeds, Deadlines, Error, Event, HoldReason, PreCommittedSectors, Queue,
	QueueCursor, QueueLane, QueueLength, SectorPreCommitInfo, SectorSize, SectorState, Sectors,
	StorageProviders, TerminationReason,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, ConstU32, Get, Hooks},
	BoundedVec,
};
use pallet_collator_power::MinerClaims;
use power_primitives::proofs::{self, ChallengePurpose};
use sp_runtime::{DispatchError, TokenError};

fn origin(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn bounded<T, S: Get<u32>>(items: Vec<T>) -> BoundedVec<T, S> {
	items.try_into().ok().expect("within the bound")
}

fn peer_id() -> BoundedVec<u8, ConstU32<64>> {
	bounded(b"12D3KooWPeer".to_vec())
}

fn register(who: AccountId) {
	assert_ok!(StorageProvider::register_storage_provider(
		origin(who),
		SectorSize::Size2KiB,
		peer_id()
	));
}

/// `who`'s sector `sector_number`, sealed now on this block's ticket.
fn info(who: AccountId, sector_number: u64, expiration: u64) -> SectorPreCommitInfo<u64> {
	seal(who, sector_number, expiration)
}

fn pre_commit(who: AccountId, sectors: &[u64], expiration: u64) {
	let infos = sectors.iter().map(|s| info(who, *s, expiration)).collect();
	assert_ok!(StorageProvider::pre_commit_sectors(origin(who), bounded(infos)));
}

/// Proves `sectors` (pre-committed at `pre_commit_block`) at the current block: every batch, in
/// order, one call per batch.
fn prove_commit(who: AccountId, sectors: &[u64], pre_commit_block: u64) {
	for batch in 0..BATCHES {
		let proofs =
			sectors.iter().map(|s| seal_proof_at(who, *s, pre_commit_block, batch)).collect();
		assert_ok!(StorageProvider::prove_commit_sectors(origin(who), bounded(proofs)));
	}
}

/// Registers `who` (if needed), pre-commits `sectors` now and proves them once possible.
fn onboard(who: AccountId, sectors: &[u64], expiration: u64) {
	if StorageProviders::<Test>::get(who).is_none() {
		register(who);
	}
	let at = System::block_number();
	pre_commit(who, sectors, expiration);
	run_to_block(at + CHALLENGE_DELAY);
	prove_commit(who, sectors, at);
}

fn power(who: AccountId) -> u128 {
	MinerClaims::<Test>::get(who).map(|c| c.raw_bytes_power).unwrap_or_default()
}

fn held(who: AccountId, reason: HoldReason) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn treasury() -> u64 {
	Balances::free_balance(TREASURY) - 1
}

fn window(who: AccountId, deadline: u32) -> crate::deadline::Window<u64> {
	StorageProvider::deadline_infos(&who)[deadline as usize].window
}

fn sector_deadline(who: AccountId, sector_number: u64) -> u32 {
	Sectors::<Test>::get(who, sector_number).unwrap().deadline
}

fn state(who: AccountId, sector_number: u64) -> SectorState<u64> {
	Sectors::<Test>::get(who, sector_number).unwrap().state
}

/// Runs to the opening of `deadline`'s next window and returns it.
fn run_to_window(who: AccountId, deadline: u32) -> crate::deadline::Window<u64> {
	let mut w = window(who, deadline);
	if w.open <= System::block_number() {
		run_to_block(w.close);
		w = window(who, deadline);
	}
	run_to_block(w.open);
	w
}

/// Honest PoSt proofs of `sectors` for the open window of `deadline`.
fn post_proofs(
	who: AccountId,
	deadline: u32,
	sectors: &[u64],
) -> BoundedVec<crate::SectorProof<ConstU32<1024>>, ConstU32<MAX_PER_DEADLINE>> {
	let w = window(who, deadline);
	bounded(
		sectors.iter().map(|s| proof(who, *s, w.challenge, ChallengePurpose::WindowPoSt)).collect(),
	)
}

fn submit_post(who: AccountId, deadline: u32, sectors: &[u64]) {
	let proofs = post_proofs(who, deadline, sectors);
	assert_ok!(StorageProvider::submit_windowed_post(origin(who), deadline, proofs));
}

mod genesis {
	use super::*;
	use sp_runtime::BuildStorage;

	#[test]
	fn registers_the_providers_and_creates_their_miners() {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		crate::GenesisConfig::<Test> {
			providers: vec![
				(ALICE, SectorSize::Size2KiB, b"alice-peer".to_vec()),
				(BOB, SectorSize::Size2KiB, b"bob-peer".to_vec()),
			],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		sp_io::TestExternalities::new(storage).execute_with(|| {
			let alice = StorageProviders::<Test>::get(ALICE).expect("registered at genesis");
			assert_eq!(alice.sector_size, SectorSize::Size2KiB);
			assert_eq!(alice.peer_id.into_inner(), b"alice-peer".to_vec());
			assert_eq!(alice.proving_period_start, 0);
			assert_eq!(
				StorageProviders::<Test>::get(BOB).map(|p| p.peer_id.into_inner()),
				Some(b"bob-peer".to_vec())
			);
			for who in [ALICE, BOB] {
				assert_eq!(power(who), 0);
				assert!(pallet_collator_power::MinerClaims::<Test>::contains_key(who));
			}
			StorageProvider::do_try_state().unwrap();
			pallet_collator_power::Pallet::<Test>::do_try_state().unwrap();
		});
	}

	#[test]
	#[should_panic(expected = "cannot register")]
	fn refuses_an_unprovable_sector_size() {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![(ALICE, ENDOWMENT)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		crate::GenesisConfig::<Test> {
			providers: vec![(ALICE, SectorSize::Size64GiB, b"peer".to_vec())],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
	}

	#[test]
	#[should_panic(expected = "cannot register")]
	fn refuses_a_provider_listed_twice() {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![(ALICE, ENDOWMENT)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		crate::GenesisConfig::<Test> {
			providers: vec![
				(ALICE, SectorSize::Size2KiB, b"peer".to_vec()),
				(ALICE, SectorSize::Size2KiB, b"peer".to_vec()),
			],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
	}
}

mod register {
	use super::*;

	#[test]
	fn registers_and_creates_the_miner() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			let info = StorageProviders::<Test>::get(ALICE).unwrap();
			assert_eq!(info.sector_size, SectorSize::Size2KiB);
			assert_eq!(info.proving_period_start, 1);
			assert!(MinerClaims::<Test>::contains_key(ALICE));
			assert_eq!(
				Balances::balance_on_hold(
					&pallet_collator_power::HoldReason::MinerDeposit.into(),
					&ALICE
				),
				MINER_DEPOSIT
			);
			System::assert_last_event(
				Event::StorageProviderRegistered {
					provider: ALICE,
					sector_size: SectorSize::Size2KiB,
					peer_id: peer_id(),
					proving_period_start: 1,
				}
				.into(),
			);
		});
	}

	#[test]
	fn keeps_an_existing_miner() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(CollatorPower::create_miner(origin(ALICE)));
			register(ALICE);
			// Only one miner deposit is held.
			assert_eq!(
				Balances::balance_on_hold(
					&pallet_collator_power::HoldReason::MinerDeposit.into(),
					&ALICE
				),
				MINER_DEPOSIT
			);
		});
	}

	#[test]
	fn fails_twice() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			assert_noop!(
				StorageProvider::register_storage_provider(
					origin(ALICE),
					SectorSize::Size2KiB,
					peer_id()
				),
				Error::<Test>::StorageProviderAlreadyRegistered
			);
		});
	}

	#[test]
	fn refuses_a_sector_size_whose_proofs_do_not_fit() {
		ExtBuilder::default().build_and_execute(|| {
			// The mock's 1 KiB `MaxProofBytes` holds 4 challenges at 6 levels, not at 18.
			assert!(StorageProvider::is_provable(SectorSize::Size2KiB));
			assert!(!StorageProvider::is_provable(SectorSize::Size8MiB));
			assert_noop!(
				StorageProvider::register_storage_provider(
					origin(ALICE),
					SectorSize::Size8MiB,
					peer_id()
				),
				Error::<Test>::SectorSizeUnprovable
			);
			assert!(System::events().is_empty());
		});
	}

	#[test]
	fn fails_without_funds_for_the_miner_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				StorageProvider::register_storage_provider(
					origin(POOR),
					SectorSize::Size2KiB,
					peer_id()
				),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}

	#[test]
	fn every_call_needs_a_signed_origin() {
		ExtBuilder::default().build_and_execute(|| {
			let root = RuntimeOrigin::root;
			assert_noop!(
				StorageProvider::register_storage_provider(root(), SectorSize::Size2KiB, peer_id()),
				DispatchError::BadOrigin
			);
			assert_noop!(
				StorageProvider::pre_commit_sectors(root(), bounded(vec![])),
				DispatchError::BadOrigin
			);
			assert_noop!(
				StorageProvider::prove_commit_sectors(root(), bounded(vec![])),
				DispatchError::BadOrigin
			);
			assert_noop!(
				StorageProvider::submit_windowed_post(root(), 0, bounded(vec![])),
				DispatchError::BadOrigin
			);
			assert_noop!(
				StorageProvider::declare_faults(root(), bounded(vec![1])),
				DispatchError::BadOrigin
			);
			assert_noop!(
				StorageProvider::declare_faults_recovered(root(), bounded(vec![1])),
				DispatchError::BadOrigin
			);
			assert_noop!(
				StorageProvider::terminate_sectors(root(), bounded(vec![1])),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn sector_sizes_are_powers_of_two() {
		for size in [
			SectorSize::Size2KiB,
			SectorSize::Size8MiB,
			SectorSize::Size512MiB,
			SectorSize::Size32GiB,
			SectorSize::Size64GiB,
		] {
			assert!(size.bytes().is_power_of_two());
			assert!(proofs::tree_depth(size.leaf_count()).is_ok());
		}
		assert_eq!(SectorSize::Size2KiB.leaf_count(), 64);
		assert_eq!(SectorSize::Size64GiB.bytes(), 64 * 1024 * 1024 * 1024);
	}
}

mod pre_commit {
	use super::*;

	#[test]
	fn holds_the_deposits_and_queues_the_expiry() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			pre_commit(ALICE, &[1, 2], 500);
			assert_eq!(held(ALICE, HoldReason::PreCommitDeposit), 2 * SECTOR_DEPOSIT);
			let pc = PreCommittedSectors::<Test>::get(ALICE, 1).unwrap();
			assert_eq!(pc.deposit, SECTOR_DEPOSIT);
			assert_eq!(pc.pre_commit_block, 1);
			assert_eq!(StorageProviders::<Test>::get(ALICE).unwrap().pre_commits, 2);
			assert_eq!(
				Queue::<Test>::iter_prefix((QueueLane::Expiries, 1 + MAX_PROVE_COMMIT + 1)).count(),
				2
			);
			System::assert_has_event(
				Event::SectorPreCommitted { provider: ALICE, sector_number: 1, deposit: 100 }
					.into(),
			);
		});
	}

	#[test]
	fn rejects_bad_input() {
		ExtBuilder::default().build_and_execute(|| {
			let call = |infos: Vec<SectorPreCommitInfo<u64>>| {
				StorageProvider::pre_commit_sectors(origin(ALICE), bounded(infos))
			};
			assert_noop!(call(vec![info(ALICE, 1, 500)]), Error::<Test>::StorageProviderNotFound);
			register(ALICE);
			assert_noop!(call(vec![]), Error::<Test>::NoSectors);
			assert_noop!(
				call(vec![info(ALICE, 1, 500), info(ALICE, 1, 500)]),
				Error::<Test>::DuplicateSector
			);
			assert_noop!(
				call(vec![info(ALICE, 1, 1 + MIN_LIFETIME - 1)]),
				Error::<Test>::ExpirationTooSoon
			);
			assert_noop!(
				call(vec![info(ALICE, 1, 1 + MAX_LIFETIME + 1)]),
				Error::<Test>::ExpirationTooLate
			);
			assert_ok!(call(vec![info(ALICE, 1, 1 + MIN_LIFETIME)]));
			assert_noop!(call(vec![info(ALICE, 1, 500)]), Error::<Test>::SectorNumberInUse);
		});
	}

	#[test]
	fn a_proven_sector_number_is_in_use() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1], 500);
			assert_noop!(
				StorageProvider::pre_commit_sectors(
					origin(ALICE),
					bounded(vec![info(ALICE, 1, 500)])
				),
				Error::<Test>::SectorNumberInUse
			);
		});
	}

	#[test]
	fn the_sector_count_is_bounded() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			// 3 deadlines × 8 sectors.
			for first in (0..24).step_by(4) {
				pre_commit(ALICE, &[first, first + 1, first + 2, first + 3], 500);
			}
			assert_noop!(
				StorageProvider::pre_commit_sectors(
					origin(ALICE),
					bounded(vec![info(ALICE, 100, 500)])
				),
				Error::<Test>::TooManySectors
			);
		});
	}

	#[test]
	fn fails_without_funds_for_the_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			let free = Balances::free_balance(ALICE);
			assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::burn_from(
				&ALICE,
				free - 150,
				frame_support::traits::tokens::Preservation::Expendable,
				frame_support::traits::tokens::Precision::Exact,
				frame_support::traits::tokens::Fortitude::Polite,
			));
			assert_noop!(
				StorageProvider::pre_commit_sectors(
					origin(ALICE),
					bounded(vec![info(ALICE, 1, 500), info(ALICE, 2, 500)])
				),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}

	#[test]
	fn an_unproven_pre_commit_is_slashed() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			pre_commit(ALICE, &[1], 500);
			run_to_block(1 + MAX_PROVE_COMMIT);
			assert!(PreCommittedSectors::<Test>::contains_key(ALICE, 1));
			run_to_block(1 + MAX_PROVE_COMMIT + 1);
			assert!(!PreCommittedSectors::<Test>::contains_key(ALICE, 1));
			assert_eq!(held(ALICE, HoldReason::PreCommitDeposit), 0);
			assert_eq!(treasury(), SECTOR_DEPOSIT);
			assert_eq!(
				<Balances as frame_support::traits::fungible::Inspect<_>>::total_balance(&ALICE),
				ENDOWMENT - SECTOR_DEPOSIT
			);
			System::assert_has_event(
				Event::PreCommitExpired { provider: ALICE, sector_number: 1, slashed: 100 }.into(),
			);
			// The number is free again.
			pre_commit(ALICE, &[1], 500);
		});
	}
}

mod prove_commit {
	use super::*;

	#[test]
	fn activates_pledges_and_adds_power() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			pre_commit(ALICE, &[1, 2, 3, 4], 500);
			run_to_block(1 + CHALLENGE_DELAY);
			prove_commit(ALICE, &[1, 2, 3, 4], 1);
			assert_eq!(power(ALICE), 4 * SECTOR_POWER);
			assert_eq!(held(ALICE, HoldReason::PreCommitDeposit), 0);
			assert_eq!(held(ALICE, HoldReason::SectorPledge), 4 * SECTOR_DEPOSIT);
			// Spread over the deadlines, least loaded first.
			assert_eq!([1, 2, 3, 4].map(|s| sector_deadline(ALICE, s)), [0, 1, 2, 0]);
			let sector = Sectors::<Test>::get(ALICE, 1).unwrap();
			assert_eq!(sector.state, SectorState::Active);
			assert_eq!(sector.activation, 1 + CHALLENGE_DELAY);
			assert_eq!(sector.pledge, SECTOR_DEPOSIT);
			let info = StorageProviders::<Test>::get(ALICE).unwrap();
			assert_eq!((info.sectors, info.pre_commits), (4, 0));
			System::assert_has_event(
				Event::SectorProven { provider: ALICE, sector_number: 2, deadline: 1, pledge: 100 }
					.into(),
			);
			System::assert_has_event(
				pallet_collator_power::Event::MinerPowerIncreased {
					miner: ALICE,
					amount: 4 * SECTOR_POWER,
					raw_power: 4 * SECTOR_POWER,
				}
				.into(),
			);
		});
	}

	#[test]
	fn respects_the_challenge_delay_and_the_deadline() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			pre_commit(ALICE, &[1], 500);
			run_to_block(CHALLENGE_DELAY);
			// The seed block (6) is not reached: there is nothing to prove against yet.
			let early =
				crate::SealBatchProof { sector_number: 1, batch: 0, proof: bounded(vec![]) };
			assert_noop!(
				StorageProvider::prove_commit_sectors(origin(ALICE), bounded(vec![early])),
				Error::<Test>::ProveCommitTooEarly
			);
			run_to_block(1 + MAX_PROVE_COMMIT + 1);
			// Just expired in this block's hook: the pre-commit is gone.
			assert_noop!(
				StorageProvider::prove_commit_sectors(
					origin(ALICE),
					bounded(vec![crate::SealBatchProof {
						sector_number: 1,
						batch: 0,
						proof: bounded(vec![])
					}])
				),
				Error::<Test>::PreCommitNotFound
			);
		});
	}

	#[test]
	fn is_too_late_after_the_max_duration_even_before_the_queue_runs() {
		// With the queue throttled, the expiry entry waits; the call still refuses.
		ExtBuilder::default().queue_per_block(1).build_and_execute(|| {
			register(ALICE);
			pre_commit(ALICE, &[1, 2], 500);
			run_to_block(1 + MAX_PROVE_COMMIT + 1);
			// Only one of the two expiries ran in that block.
			assert_eq!(PreCommittedSectors::<Test>::iter_prefix(ALICE).count(), 1);
			let left = PreCommittedSectors::<Test>::iter_prefix(ALICE).next().unwrap().0;
			assert_noop!(
				StorageProvider::prove_commit_sectors(
					origin(ALICE),
					bounded(vec![seal_proof(ALICE, left, 0)])
				),
				Error::<Test>::ProveCommitTooLate
			);
			run_to_block(1 + MAX_PROVE_COMMIT + 2);
			assert_eq!(PreCommittedSectors::<Test>::iter_prefix(ALICE).count(), 0);
			assert_eq!(treasury(), 2 * SECTOR_DEPOSIT);
		});
	}

	#[test]
	fn rejects_wrong_proofs() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			pre_commit(ALICE, &[1, 2], 500);
			run_to_block(1 + CHALLENGE_DELAY + 3);
			let call =
				|proofs| StorageProvider::prove_commit_sectors(origin(ALICE), bounded(proofs));
			let prove_commit = ChallengePurpose::ProveCommit;
			// The real seal, but the randomness of another block (the current one).
			let wrong_block = seal_proof_for(ALICE, 1, 9, prove_commit, 0);
			assert_noop!(call(vec![wrong_block]), Error::<Test>::InvalidProof);
			// The PoSt purpose's seed.
			let wrong_purpose = seal_proof_for(ALICE, 1, 6, ChallengePurpose::WindowPoSt, 0);
			assert_noop!(call(vec![wrong_purpose]), Error::<Test>::InvalidProof);
			// Sector 2's proof presented as sector 1's.
			let mut other_sector = seal_proof(ALICE, 2, 0);
			other_sector.sector_number = 1;
			assert_noop!(call(vec![other_sector]), Error::<Test>::InvalidProof);
			// Bytes that are not a proof.
			let garbage =
				crate::SealBatchProof { sector_number: 1, batch: 0, proof: bounded(vec![1, 2, 3]) };
			assert_noop!(call(vec![garbage]), Error::<Test>::InvalidProof);
			// Any flipped byte (labels, paths, data and replica leaves alike).
			let good = seal_proof(ALICE, 1, 0);
			for at in (1..good.proof.len()).step_by(97) {
				let mut flipped = good.clone();
				flipped.proof[at] ^= 1;
				assert_noop!(call(vec![flipped]), Error::<Test>::InvalidProof);
			}
			// One bad proof fails the whole call.
			let mut bad = seal_proof(ALICE, 2, 0);
			let last = bad.proof.len() - 1;
			bad.proof[last] ^= 0x80;
			assert_noop!(call(vec![good, bad]), Error::<Test>::InvalidProof);
		});
	}

	#[test]
	fn rejects_bad_calls_and_replays() {
		ExtBuilder::default().build_and_execute(|| {
			let call =
				|proofs| StorageProvider::prove_commit_sectors(origin(ALICE), bounded(proofs));
			register(ALICE);
			assert_noop!(call(vec![]), Error::<Test>::NoSectors);
			pre_commit(ALICE, &[1], 500);
			run_to_block(6);
			let batch = |b| seal_proof(ALICE, 1, b);
			assert_noop!(call(vec![batch(0), batch(0)]), Error::<Test>::DuplicateSector);
			let mut unknown = batch(0);
			unknown.sector_number = 7;
			assert_noop!(call(vec![unknown]), Error::<Test>::PreCommitNotFound);
			let (first, second) = (batch(0), batch(1));
			assert_ok!(call(vec![first.clone()]));
			// The same batch again.
			assert_noop!(call(vec![first]), Error::<Test>::WrongSealBatch);
			assert_ok!(call(vec![second.clone()]));
			// The last batch again, once the sector is active.
			assert_noop!(call(vec![second.clone()]), Error::<Test>::SectorAlreadyProven);
			assert_noop!(
				StorageProvider::prove_commit_sectors(origin(BOB), bounded(vec![second])),
				Error::<Test>::StorageProviderNotFound
			);
		});
	}

	#[test]
	fn needs_the_recorded_randomness() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			pre_commit(ALICE, &[1], 500);
			run_to_block(6);
			let p = seal_proof(ALICE, 1, 0);
			ChallengeSeeds::<Test>::remove(6);
			assert_noop!(
				StorageProvider::prove_commit_sectors(origin(ALICE), bounded(vec![p])),
				Error::<Test>::ChallengeRandomnessUnavailable
			);
		});
	}

	#[test]
	fn deadlines_fill_up() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			for first in (0..24).step_by(4) {
				onboard(ALICE, &[first, first + 1, first + 2, first + 3], 900);
			}
			for d in 0..3 {
				assert_eq!(Deadlines::<Test>::get(ALICE, d).unwrap().sectors.len(), 8);
			}
			assert_eq!(power(ALICE), 24 * SECTOR_POWER);
		});
	}
}

/// The sectors of `deadline` that a PoSt must or may prove: active and recovering ones.
fn provable(who: AccountId, deadline: u32) -> Vec<u64> {
	Deadlines::<Test>::get(who, deadline)
		.map(|d| d.sectors.into_inner())
		.unwrap_or_default()
		.into_iter()
		.filter(|s| !matches!(state(who, *s), SectorState::Faulty { recovering: false, .. }))
		.collect()
}

/// Proves each listed deadline of `who` once, at its next window not yet proven, in window
/// order.
fn prove_deadlines(who: AccountId, deadlines: &[u32]) {
	let mut order: Vec<_> = StorageProvider::deadline_infos(&who)
		.into_iter()
		.filter(|d| deadlines.contains(&d.index))
		.map(|d| {
			let open = if d.proven { d.window.open + PROVING_PERIOD } else { d.window.open };
			(open, d.index)
		})
		.collect();
	order.sort();
	for (open, d) in order {
		run_to_block(open.max(System::block_number()));
		submit_post(who, d, &provable(who, d));
	}
}

/// Proves every deadline of `who` that has sectors once.
fn prove_one_period(who: AccountId) {
	let with_sectors: Vec<u32> =
		(0..3).filter(|d| Deadlines::<Test>::get(who, d).is_some()).collect();
	prove_deadlines(who, &with_sectors);
}

mod windowed_post {
	use super::*;

	#[test]
	fn proves_across_several_periods() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2, 3, 4], 900);
			// Deadline 0 holds sectors 1 and 4; its first window [1, 21) did not require them.
			run_to_block(21);
			for period in 0..4u64 {
				prove_one_period(ALICE);
				System::assert_has_event(
					Event::ValidPoStSubmitted {
						provider: ALICE,
						deadline: 0,
						sectors_proven: 2,
						sectors_recovered: 0,
					}
					.into(),
				);
				assert_eq!(power(ALICE), 4 * SECTOR_POWER, "period {period}");
			}
			assert!(!events().iter().any(|e| matches!(e, Event::PoStMissed { .. })));
			assert_eq!(treasury(), 0);
			assert_eq!(held(ALICE, HoldReason::SectorPledge), 4 * SECTOR_DEPOSIT);
		});
	}

	#[test]
	fn rejects_a_replayed_post() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1], 900);
			run_to_window(ALICE, 0);
			let proofs = post_proofs(ALICE, 0, &[1]);
			assert_ok!(StorageProvider::submit_windowed_post(origin(ALICE), 0, proofs.clone()));
			assert_noop!(
				StorageProvider::submit_windowed_post(origin(ALICE), 0, proofs.clone()),
				Error::<Test>::PoStAlreadySubmitted
			);
			// Nor can it be replayed in the next period: the challenges changed.
			let w = window(ALICE, 0);
			run_to_block(w.close);
			run_to_window(ALICE, 0);
			assert_noop!(
				StorageProvider::submit_windowed_post(origin(ALICE), 0, proofs),
				Error::<Test>::InvalidProof
			);
		});
	}

	#[test]
	fn rejects_a_post_for_the_wrong_deadline() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2], 900);
			let w = run_to_window(ALICE, 0);
			// Deadline 1's window is not open during deadline 0's.
			assert_noop!(
				StorageProvider::submit_windowed_post(
					origin(ALICE),
					1,
					post_proofs(ALICE, 0, &[2])
				),
				Error::<Test>::DeadlineNotOpen
			);
			// Sector 2 is in deadline 1, not 0.
			assert_noop!(
				StorageProvider::submit_windowed_post(
					origin(ALICE),
					0,
					post_proofs(ALICE, 0, &[1, 2])
				),
				Error::<Test>::SectorNotInDeadline
			);
			assert_noop!(
				StorageProvider::submit_windowed_post(origin(ALICE), 3, bounded(vec![])),
				Error::<Test>::InvalidDeadline
			);
			// Too late: the window closed.
			run_to_block(w.close);
			assert_noop!(
				StorageProvider::submit_windowed_post(origin(ALICE), 0, bounded(vec![])),
				Error::<Test>::DeadlineNotOpen
			);
		});
	}

	#[test]
	fn rejects_wrong_and_incomplete_proofs() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2, 3, 4], 900);
			let w = run_to_window(ALICE, 0);
			let call = |proofs| StorageProvider::submit_windowed_post(origin(ALICE), 0, proofs);
			// Sector 4 is missing.
			assert_noop!(call(post_proofs(ALICE, 0, &[1])), Error::<Test>::MissingSectorProof);
			// Sector 4's data lost: a proof from other data.
			let mut proofs = post_proofs(ALICE, 0, &[1]);
			proofs
				.try_push(proof_from(
					ALICE,
					4,
					&sector_data(ALICE, 5),
					w.challenge,
					ChallengePurpose::WindowPoSt,
				))
				.unwrap();
			assert_noop!(call(proofs), Error::<Test>::InvalidProof);
			// The randomness of the wrong block.
			let stale = bounded(vec![
				proof(ALICE, 1, w.challenge - 1, ChallengePurpose::WindowPoSt),
				proof(ALICE, 4, w.challenge - 1, ChallengePurpose::WindowPoSt),
			]);
			assert_noop!(call(stale), Error::<Test>::InvalidProof);
			assert_noop!(call(post_proofs(ALICE, 0, &[1, 1, 4])), Error::<Test>::DuplicateSector);
			assert_noop!(
				StorageProvider::submit_windowed_post(origin(BOB), 0, bounded(vec![])),
				Error::<Test>::StorageProviderNotFound
			);
		});
	}

	#[test]
	fn a_deadline_without_sectors_has_nothing_to_prove() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1], 900);
			run_to_window(ALICE, 1);
			assert_noop!(
				StorageProvider::submit_windowed_post(origin(ALICE), 1, bounded(vec![])),
				Error::<Test>::DeadlineHasNoSectors
			);
		});
	}
}

mod missed_post {
	use super::*;

	#[test]
	fn cuts_power_scales_delegations_and_slashes() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2, 3, 4], 900);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR, 4 * SECTOR_POWER));
			assert_eq!(CollatorPower::get_collator_power(&COLLATOR), 4 * SECTOR_POWER);
			// Deadlines 1 and 2 are proven; deadline 0 (sectors 1 and 4) misses [61, 81).
			prove_deadlines(ALICE, &[1, 2]);
			let w = run_to_window(ALICE, 0);
			run_to_block(w.close - 1);
			assert_eq!(power(ALICE), 4 * SECTOR_POWER);
			run_to_block(w.close);
			assert_eq!(state(ALICE, 1), SectorState::Faulty { since: w.close, recovering: false });
			assert_eq!(state(ALICE, 4), SectorState::Faulty { since: w.close, recovering: false });
			assert_eq!(power(ALICE), 2 * SECTOR_POWER);
			// The delegation is scaled by the same ratio, in collator-power.
			assert_eq!(CollatorPower::get_collator_power(&COLLATOR), 2 * SECTOR_POWER);
			assert_eq!(
				MinerClaims::<Test>::get(ALICE).unwrap().staked_power.get(&COLLATOR),
				Some(&(2 * SECTOR_POWER))
			);
			// The undetected-fault fee: 25 % of each pledge.
			assert_eq!(treasury(), 2 * 25);
			assert_eq!(Sectors::<Test>::get(ALICE, 1).unwrap().pledge, 75);
			System::assert_has_event(
				Event::PoStMissed {
					provider: ALICE,
					deadline: 0,
					sectors_faulted: 2,
					power_removed: 2 * SECTOR_POWER,
					fees: 50,
				}
				.into(),
			);
			System::assert_has_event(
				pallet_collator_power::Event::MinerPowerDecreased {
					miner: ALICE,
					amount: 2 * SECTOR_POWER,
					raw_power: 2 * SECTOR_POWER,
					delegation_removed: 2 * SECTOR_POWER,
				}
				.into(),
			);
		});
	}

	#[test]
	fn a_faulty_sector_pays_each_period_and_is_terminated_after_the_max_age() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1], 900);
			let w = run_to_window(ALICE, 0);
			run_to_block(w.close);
			let since = w.close;
			assert_eq!(treasury(), 25);
			// The next close charges the fault fee (10 %).
			run_to_block(since + PROVING_PERIOD);
			assert_eq!(treasury(), 35);
			System::assert_has_event(
				Event::FaultFeesCharged { provider: ALICE, deadline: 0, sectors: 1, fees: 10 }
					.into(),
			);
			// At the first close at least FaultMaxAge after, it is terminated: 20 % fee, the
			// rest (100 - 25 - 10 - 20 = 45) released.
			run_to_block(since + FAULT_MAX_AGE);
			assert!(Sectors::<Test>::get(ALICE, 1).is_none());
			assert_eq!(treasury(), 55);
			System::assert_has_event(
				Event::SectorTerminated {
					provider: ALICE,
					sector_number: 1,
					reason: TerminationReason::FaultMaxAge,
					fee: 20,
					released: 45,
				}
				.into(),
			);
			assert!(Deadlines::<Test>::get(ALICE, 0).is_none());
			assert_eq!(held(ALICE, HoldReason::SectorPledge), 0);
			assert_eq!(StorageProviders::<Test>::get(ALICE).unwrap().sectors, 0);
		});
	}

	#[test]
	fn a_sector_proven_during_its_window_is_not_required_in_it() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			// Proven at block 6, inside deadline 0's first window [1, 21).
			onboard(ALICE, &[1], 900);
			run_to_block(21);
			assert_eq!(state(ALICE, 1), SectorState::Active);
			assert_eq!(treasury(), 0);
		});
	}
}

mod faults {
	use super::*;

	#[test]
	fn a_declared_fault_then_a_recovery() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2], 900);
			prove_deadlines(ALICE, &[1]);
			run_to_block(30);
			// Deadline 0's next window opens at 61, its cutoff is 55.
			assert_ok!(StorageProvider::declare_faults(origin(ALICE), bounded(vec![1])));
			System::assert_has_event(
				Event::FaultDeclared { provider: ALICE, sector_number: 1 }.into(),
			);
			assert_eq!(power(ALICE), SECTOR_POWER);
			assert_eq!(state(ALICE, 1), SectorState::Faulty { since: 30, recovering: false });
			// The window passes without a PoSt (nothing else is in deadline 0): the declared
			// fault pays the fault fee (10), less than an undetected one (25).
			run_to_block(81);
			assert_eq!(treasury(), 10);
			assert!(!events().iter().any(|e| matches!(e, Event::PoStMissed { .. })));
			// Recovery: declared, then proven in the next window.
			assert_ok!(StorageProvider::declare_faults_recovered(origin(ALICE), bounded(vec![1])));
			System::assert_last_event(
				Event::FaultRecoveryDeclared { provider: ALICE, sector_number: 1 }.into(),
			);
			assert_eq!(power(ALICE), SECTOR_POWER);
			prove_deadlines(ALICE, &[0, 1]);
			System::assert_last_event(
				Event::ValidPoStSubmitted {
					provider: ALICE,
					deadline: 0,
					sectors_proven: 1,
					sectors_recovered: 1,
				}
				.into(),
			);
			assert_eq!(state(ALICE, 1), SectorState::Active);
			assert_eq!(power(ALICE), 2 * SECTOR_POWER);
		});
	}

	#[test]
	fn a_recovering_sector_may_be_left_out_and_stays_faulty() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2, 3, 4], 900);
			// Deadline 0 holds sectors 1 and 4; deadlines 1 and 2 are proven in time.
			prove_deadlines(ALICE, &[1]);
			run_to_block(30);
			assert_ok!(StorageProvider::declare_faults(origin(ALICE), bounded(vec![1])));
			assert_ok!(StorageProvider::declare_faults_recovered(origin(ALICE), bounded(vec![1])));
			prove_deadlines(ALICE, &[2]);
			let w = run_to_window(ALICE, 0);
			submit_post(ALICE, 0, &[4]);
			System::assert_last_event(
				Event::ValidPoStSubmitted {
					provider: ALICE,
					deadline: 0,
					sectors_proven: 1,
					sectors_recovered: 0,
				}
				.into(),
			);
			run_to_block(w.close);
			assert_eq!(state(ALICE, 1), SectorState::Faulty { since: 30, recovering: true });
			assert_eq!(state(ALICE, 4), SectorState::Active);
			assert_eq!(treasury(), 10);
			assert_eq!(power(ALICE), 3 * SECTOR_POWER);
		});
	}

	#[test]
	fn rejects_a_late_or_wrong_declaration() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2], 900);
			prove_deadlines(ALICE, &[1]);
			let declare = |s: Vec<u64>| StorageProvider::declare_faults(origin(ALICE), bounded(s));
			let recover =
				|s: Vec<u64>| StorageProvider::declare_faults_recovered(origin(ALICE), bounded(s));
			// Deadline 0's window opens at 61: faults are accepted up to block 54.
			run_to_block(55);
			assert_noop!(declare(vec![1]), Error::<Test>::FaultDeclarationTooLate);
			// Sector 2 (deadline 1, window at 81, cutoff 75) is still in time.
			assert_noop!(declare(vec![2, 2]), Error::<Test>::DuplicateSector);
			assert_ok!(declare(vec![2]));
			assert_noop!(declare(vec![2]), Error::<Test>::SectorAlreadyFaulty);
			assert_noop!(declare(vec![9]), Error::<Test>::SectorNotFound);
			assert_noop!(declare(vec![]), Error::<Test>::NoSectors);
			assert_noop!(recover(vec![1]), Error::<Test>::SectorNotFaulty);
			assert_noop!(recover(vec![9]), Error::<Test>::SectorNotFound);
			assert_noop!(recover(vec![]), Error::<Test>::NoSectors);
			assert_ok!(recover(vec![2]));
			assert_noop!(recover(vec![2]), Error::<Test>::SectorAlreadyRecovering);
			// During the window itself, too late as well.
			run_to_block(61);
			assert_noop!(declare(vec![1]), Error::<Test>::FaultDeclarationTooLate);
			assert_noop!(
				StorageProvider::declare_faults(origin(BOB), bounded(vec![1])),
				Error::<Test>::StorageProviderNotFound
			);
			assert_noop!(
				StorageProvider::declare_faults_recovered(origin(BOB), bounded(vec![1])),
				Error::<Test>::StorageProviderNotFound
			);
		});
	}

	#[test]
	fn a_faulty_sector_cannot_be_proven_without_declaring_recovery() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1], 900);
			run_to_block(30);
			assert_ok!(StorageProvider::declare_faults(origin(ALICE), bounded(vec![1])));
			run_to_window(ALICE, 0);
			assert_noop!(
				StorageProvider::submit_windowed_post(
					origin(ALICE),
					0,
					post_proofs(ALICE, 0, &[1])
				),
				Error::<Test>::SectorFaultyNotRecovering
			);
			// An empty PoSt is accepted: nothing active is required.
			assert_ok!(StorageProvider::submit_windowed_post(origin(ALICE), 0, bounded(vec![])));
		});
	}
}

mod termination_and_expiry {
	use super::*;

	#[test]
	fn terminating_pays_the_fee_releases_the_rest_and_cuts_power() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2], 900);
			let before = Balances::free_balance(ALICE);
			assert_ok!(StorageProvider::terminate_sectors(origin(ALICE), bounded(vec![1])));
			System::assert_has_event(
				Event::SectorTerminated {
					provider: ALICE,
					sector_number: 1,
					reason: TerminationReason::Requested,
					fee: 20,
					released: 80,
				}
				.into(),
			);
			assert_eq!(treasury(), 20);
			assert_eq!(Balances::free_balance(ALICE), before + 80);
			assert_eq!(power(ALICE), SECTOR_POWER);
			assert!(Sectors::<Test>::get(ALICE, 1).is_none());
			assert!(Deadlines::<Test>::get(ALICE, 0).is_none());
			assert_noop!(
				StorageProvider::terminate_sectors(origin(ALICE), bounded(vec![1])),
				Error::<Test>::SectorNotFound
			);
			assert_noop!(
				StorageProvider::terminate_sectors(origin(ALICE), bounded(vec![])),
				Error::<Test>::NoSectors
			);
			assert_noop!(
				StorageProvider::terminate_sectors(origin(ALICE), bounded(vec![2, 2])),
				Error::<Test>::DuplicateSector
			);
			assert_noop!(
				StorageProvider::terminate_sectors(origin(BOB), bounded(vec![2])),
				Error::<Test>::StorageProviderNotFound
			);
			// The stale deadline close and expiry entries are dropped harmlessly.
			run_to_block(900);
			assert_eq!(power(ALICE), 0);
		});
	}

	#[test]
	fn terminating_a_faulty_sector_keeps_the_power() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2], 900);
			run_to_block(30);
			assert_ok!(StorageProvider::declare_faults(origin(ALICE), bounded(vec![1])));
			assert_ok!(StorageProvider::terminate_sectors(origin(ALICE), bounded(vec![1])));
			assert_eq!(power(ALICE), SECTOR_POWER);
		});
	}

	#[test]
	fn terminating_settles_a_missed_window_first() {
		// With the queue stopped, the close of deadline 0's window waits; terminating its sector
		// afterwards still charges the undetected fault first.
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1], 900);
			let w = run_to_window(ALICE, 0);
			stop_queue();
			run_to_block(w.close + 1);
			assert_eq!(state(ALICE, 1), SectorState::Active);
			assert_ok!(StorageProvider::terminate_sectors(origin(ALICE), bounded(vec![1])));
			// 25 undetected + 20 termination.
			assert_eq!(treasury(), 45);
			assert_eq!(power(ALICE), 0);
			restart_queue();
			run_to_block(w.close + 3);
		});
	}

	#[test]
	fn a_sector_expires() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2], 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR, 2 * SECTOR_POWER));
			let before = Balances::free_balance(ALICE);
			// Keep proving until the expiration.
			run_to_block(21);
			prove_one_period(ALICE);
			run_to_block(99);
			assert_eq!(power(ALICE), 2 * SECTOR_POWER);
			run_to_block(100);
			assert!(Sectors::<Test>::iter_prefix(ALICE).next().is_none());
			assert_eq!(power(ALICE), 0);
			assert_eq!(CollatorPower::get_collator_power(&COLLATOR), 0);
			assert_eq!(Balances::free_balance(ALICE), before + 2 * SECTOR_DEPOSIT);
			assert_eq!(held(ALICE, HoldReason::SectorPledge), 0);
			System::assert_has_event(
				Event::SectorExpired { provider: ALICE, sector_number: 1, fee: 0, released: 100 }
					.into(),
			);
			assert_eq!(treasury(), 0);
			// The miner stays while the provider is registered; unregistering removes both.
			assert_noop!(
				CollatorPower::remove_miner(origin(ALICE)),
				pallet_collator_power::Error::<Test>::MinerInUse
			);
			let free = Balances::free_balance(ALICE);
			assert_ok!(StorageProvider::unregister_storage_provider(origin(ALICE)));
			System::assert_has_event(
				Event::StorageProviderUnregistered { provider: ALICE, deposit: MINER_DEPOSIT }
					.into(),
			);
			assert_eq!(Balances::free_balance(ALICE), free + MINER_DEPOSIT);
			assert!(MinerClaims::<Test>::get(ALICE).is_none());
		});
	}
}

mod unregister {
	use super::*;

	#[test]
	fn needs_no_sectors_and_no_pre_commits() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				StorageProvider::unregister_storage_provider(origin(ALICE)),
				Error::<Test>::StorageProviderNotFound
			);
			register(ALICE);
			pre_commit(ALICE, &[1], 500);
			assert_noop!(
				StorageProvider::unregister_storage_provider(origin(ALICE)),
				Error::<Test>::ProviderHasPreCommits
			);
			run_to_block(1 + CHALLENGE_DELAY);
			prove_commit(ALICE, &[1], 1);
			assert_noop!(
				StorageProvider::unregister_storage_provider(origin(ALICE)),
				Error::<Test>::ProviderHasSectors
			);
			assert_noop!(
				CollatorPower::remove_miner(origin(ALICE)),
				pallet_collator_power::Error::<Test>::MinerInUse
			);
			assert_ok!(StorageProvider::terminate_sectors(origin(ALICE), bounded(vec![1])));
			assert_ok!(StorageProvider::unregister_storage_provider(origin(ALICE)));
			System::assert_last_event(
				Event::StorageProviderUnregistered { provider: ALICE, deposit: MINER_DEPOSIT }
					.into(),
			);
			assert_eq!(
				Balances::balance_on_hold(
					&pallet_collator_power::HoldReason::MinerDeposit.into(),
					&ALICE
				),
				0
			);
		});
	}

	#[test]
	fn the_old_entries_stay_stale_after_registering_again() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1], 60);
			assert_ok!(StorageProvider::terminate_sectors(origin(ALICE), bounded(vec![1])));
			assert_ok!(StorageProvider::unregister_storage_provider(origin(ALICE)));
			run_to_block(30);
			// Registered again, with a sector of the same number expiring later: the old expiry
			// entry (at 60) does not touch it.
			onboard(ALICE, &[1], 100);
			assert_eq!(StorageProvider::storage_provider(ALICE).unwrap().proving_period_start, 30);
			run_to_block(61);
			assert_eq!(state(ALICE, 1), SectorState::Active);
			assert_eq!(Sectors::<Test>::get(ALICE, 1).map(|s| s.expiration), Some(100));
			run_to_block(100);
			assert!(Sectors::<Test>::get(ALICE, 1).is_none());
		});
	}
}

mod queue {
	use super::*;

	#[test]
	fn a_full_block_spills_to_the_next_blocks() {
		ExtBuilder::default().queue_per_block(2).build_and_execute(|| {
			register(ALICE);
			register(BOB);
			pre_commit(ALICE, &[1, 2, 3], 500);
			pre_commit(BOB, &[1, 2], 500);
			let due = 1 + MAX_PROVE_COMMIT + 1;
			// Two entries per block: the five expiries due at `due` are given to three blocks.
			let length = |b| QueueLength::<Test>::get((QueueLane::Expiries, b));
			assert_eq!((length(due), length(due + 1), length(due + 2)), (2, 2, 1));
			run_to_block(due);
			assert_eq!(
				PreCommittedSectors::<Test>::iter().count(),
				3,
				"two of the five expiries ran"
			);
			assert_eq!(QueueCursor::<Test>::get(QueueLane::Expiries), Some((due + 1, 0)));
			run_to_block(due + 1);
			assert_eq!(PreCommittedSectors::<Test>::iter().count(), 1);
			run_to_block(due + 2);
			assert_eq!(PreCommittedSectors::<Test>::iter().count(), 0);
			assert_eq!(treasury(), 5 * SECTOR_DEPOSIT);
			// The cursor catches up with the chain and the queue is empty.
			run_to_block(due + 10);
			assert_eq!(QueueCursor::<Test>::get(QueueLane::Expiries), Some((due + 11, 0)));
			assert_eq!(Queue::<Test>::iter().count(), 0);
		});
	}

	#[test]
	fn past_the_spill_window_an_entry_goes_to_the_last_block_probed() {
		ExtBuilder::default().queue_per_block(1).build_and_execute(|| {
			register(ALICE);
			pre_commit(ALICE, &[1, 2, 3, 4], 500);
			pre_commit(ALICE, &[5, 6, 7], 500);
			let due = 1 + MAX_PROVE_COMMIT + 1;
			// One entry per block over the due block and the 4 spill blocks; the last two go over
			// the cap into the last block probed.
			let length = |b| QueueLength::<Test>::get((QueueLane::Expiries, b));
			assert_eq!((0..5).map(|k| length(due + k)).collect::<Vec<_>>(), vec![1, 1, 1, 1, 3]);
			assert_eq!(length(due + 5), 0);
			// The meter works the overfull block off like any other.
			run_to_block(due + 4);
			assert_eq!(PreCommittedSectors::<Test>::iter().count(), 0);
			assert_eq!(treasury(), 7 * SECTOR_DEPOSIT);
		});
	}

	#[test]
	fn an_idle_block_costs_only_the_seed_and_one_step() {
		ExtBuilder::default().build_and_execute(|| {
			use crate::WeightInfo;
			type W = ();
			let weight = StorageProvider::on_initialize(2);
			// Each lane advances one block.
			assert_eq!(
				weight,
				<W as WeightInfo>::record_seed()
					+ <W as WeightInfo>::queue_base()
					+ <W as WeightInfo>::queue_advance() * 2
			);
		});
	}

	#[test]
	fn the_hook_returns_the_weight_of_what_it_did() {
		ExtBuilder::default().build_and_execute(|| {
			use crate::WeightInfo;
			type W = ();
			register(ALICE);
			pre_commit(ALICE, &[1], 500);
			let due = 1 + MAX_PROVE_COMMIT + 1;
			run_to_block(due - 1);
			System::set_block_number(due);
			let weight = StorageProvider::on_initialize(due);
			assert!(!PreCommittedSectors::<Test>::contains_key(ALICE, 1));
			assert_eq!(
				weight,
				<W as WeightInfo>::record_seed()
					+ <W as WeightInfo>::queue_base()
					+ StorageProvider::take_weight()
					+ <W as WeightInfo>::pre_commit_expiry()
					+ <W as WeightInfo>::queue_advance() * 2
			);
		});
	}

	#[test]
	fn a_missed_post_costs_the_close_and_the_collator_power_decrease() {
		ExtBuilder::default().build_and_execute(|| {
			use crate::WeightInfo;
			type W = ();
			onboard(ALICE, &[1, 2, 3, 4], 900);
			prove_deadlines(ALICE, &[1, 2]);
			let w = run_to_window(ALICE, 0);
			run_to_block(w.close - 1);
			System::set_block_number(w.close);
			let weight = StorageProvider::on_initialize(w.close);
			assert_eq!(power(ALICE), 2 * SECTOR_POWER);
			assert_eq!(
				weight,
				<W as WeightInfo>::record_seed()
					+ <W as WeightInfo>::queue_base()
					+ StorageProvider::take_weight()
					+ <W as WeightInfo>::deadline_close(2)
					+ StorageProvider::spill_weight()
					+ StorageProvider::power_decrease_weight()
					+ <W as WeightInfo>::queue_advance() * 2
			);
		});
	}

	/// Onboards 24 sectors (three full deadlines) for each of `providers`, registered now, each
	/// delegating to the most collators.
	fn full_providers(providers: &[AccountId], expiration: u64) {
		let start = System::block_number();
		for who in providers {
			register(*who);
			for chunk in (0..24u64).collect::<Vec<_>>().chunks(4) {
				pre_commit(*who, chunk, expiration);
			}
		}
		run_to_block(start + CHALLENGE_DELAY);
		for (i, who) in providers.iter().enumerate() {
			for chunk in (0..24u64).collect::<Vec<_>>().chunks(4) {
				prove_commit(*who, chunk, start);
			}
			for c in 0..3u64 {
				let collator = COLLATOR + 3 * i as u64 + c;
				assert_ok!(CollatorPower::delegate_power(origin(*who), collator, SECTOR_POWER));
			}
		}
	}

	/// Runs the hook of block `n` alone (the blocks before it as usual) and returns its weight.
	fn hook_at(n: u64) -> frame_support::weights::Weight {
		run_to_block(n - 1);
		System::reset_events();
		System::set_block_number(n);
		let weight = StorageProvider::on_initialize(n);
		StorageProvider::do_try_state().expect("try_state holds after the hook");
		weight
	}

	#[test]
	fn the_hook_never_reports_more_than_its_budget() {
		ExtBuilder::default().build_and_execute(|| {
			use crate::WeightInfo;
			type W = ();
			full_providers(&[ALICE, BOB], 900);
			// Both miss every PoSt. At 81 both full deadlines 0 fault: the worst close path, with
			// collator-power's decrease over the most delegations.
			let worst = StorageProvider::on_initialize_worst_weight();
			let weight = hook_at(81);
			let faulted = events().iter().filter(|e| matches!(e, Event::PoStMissed { .. })).count();
			assert_eq!(faulted, 2);
			assert!(weight.all_lte(worst), "{weight:?} > {worst:?}");
			assert!(
				weight.all_gte(
					<W as WeightInfo>::deadline_close(MAX_PER_DEADLINE) * 2
						+ StorageProvider::power_decrease_weight() * 2
				),
				"the hook reports what the closes cost"
			);
			// At 201 the sectors faulty since 81 reach FaultMaxAge: the other worst path.
			let weight = hook_at(81 + FAULT_MAX_AGE);
			let terminated = events()
				.iter()
				.filter(|e| {
					matches!(
						e,
						Event::SectorTerminated { reason: TerminationReason::FaultMaxAge, .. }
					)
				})
				.count();
			assert_eq!(terminated, 2 * MAX_PER_DEADLINE as usize);
			assert!(weight.all_lte(worst), "{weight:?} > {worst:?}");
			assert!(
				weight.all_gte(<W as WeightInfo>::deadline_close_fault_age(MAX_PER_DEADLINE) * 2)
			);
		});
	}

	#[test]
	fn the_meter_stops_the_queue_at_its_budget() {
		ExtBuilder::default().build_and_execute(|| {
			use crate::{QueueLane, WeightInfo};
			type W = ();
			full_providers(&[ALICE, BOB], 900);
			// Deadlines 1 and 2 missed their windows at 41 and 61; deadline 0 closes at 81.
			run_to_block(80);
			assert_eq!((power(ALICE), power(BOB)), (8 * SECTOR_POWER, 8 * SECTOR_POWER));
			// A budget for the base and one worst close: the second close waits a block.
			let budget = <W as WeightInfo>::queue_base()
				+ StorageProvider::worst_entry_weight(QueueLane::Closes);
			MaxQueueWeight::set(budget);
			let weight = hook_at(81);
			assert!(weight.all_lte(<W as WeightInfo>::record_seed() + budget));
			assert_eq!((power(ALICE), power(BOB)), (0, 8 * SECTOR_POWER));
			restart_queue();
			hook_at(82);
			assert_eq!(power(BOB), 0);
		});
	}

	#[test]
	fn a_stale_entry_costs_a_read_not_a_slot() {
		ExtBuilder::default().build_and_execute(|| {
			use crate::WeightInfo;
			type W = ();
			register(ALICE);
			for chunk in [[1, 2, 3, 4], [5, 6, 7, 8]] {
				pre_commit(ALICE, &chunk, 500);
			}
			run_to_block(1 + CHALLENGE_DELAY);
			for chunk in [[1, 2, 3, 4], [5, 6, 7, 8]] {
				prove_commit(ALICE, &chunk, 1);
			}
			// Eight proven pre-commits: their expiry entries at 32 are stale.
			let due = 1 + MAX_PROVE_COMMIT + 1;
			let weight = hook_at(due);
			assert_eq!(
				weight,
				<W as WeightInfo>::record_seed()
					+ <W as WeightInfo>::queue_base()
					+ (StorageProvider::take_weight() + <W as WeightInfo>::queue_stale_entry()) * 8
					+ <W as WeightInfo>::queue_advance() * 2
			);
		});
	}

	#[test]
	fn seeds_are_recorded_per_block_and_pruned() {
		ExtBuilder::default().build_and_execute(|| {
			let retention = StorageProvider::seed_retention();
			assert_eq!(retention, MAX_PROVE_COMMIT.max(LOOKBACK + WINDOW) + 1);
			run_to_block(100);
			assert!(ChallengeSeeds::<Test>::get(100).is_some());
			assert_ne!(ChallengeSeeds::<Test>::get(100), ChallengeSeeds::<Test>::get(99));
			assert!(ChallengeSeeds::<Test>::get(100 - retention).is_none());
			assert!(ChallengeSeeds::<Test>::get(100 - retention + 1).is_some());
			assert_eq!(ChallengeSeeds::<Test>::iter().count() as u64, retention);
		});
	}

	#[test]
	fn the_worst_hook_fits_the_block() {
		ExtBuilder::default().build_and_execute(|| {
			let max = <<Test as frame_system::Config>::BlockWeights as Get<
				frame_system::limits::BlockWeights,
			>>::get()
			.max_block;
			assert!(StorageProvider::on_initialize_worst_weight().all_lte(max));
			StorageProvider::integrity_test();
		});
	}
}

mod views {
	use super::*;

	#[test]
	fn show_sectors_deadlines_and_power() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1, 2], 900);
			assert_eq!(StorageProvider::provider_power(ALICE), 2 * SECTOR_POWER);
			assert_eq!(StorageProvider::provider_sectors(ALICE).len(), 2);
			assert!(StorageProvider::provider_pre_commits(ALICE).is_empty());
			pre_commit(ALICE, &[7], 900);
			assert_eq!(StorageProvider::provider_pre_commits(ALICE)[0].0, 7);
			assert_eq!(StorageProvider::storage_provider(ALICE).unwrap().sectors, 2);
			let deadlines = StorageProvider::provider_deadlines(ALICE);
			assert_eq!(deadlines.len(), 3);
			assert_eq!(deadlines[0].sectors, vec![1]);
			assert_eq!(deadlines[1].sectors, vec![2]);
			assert_eq!(deadlines[0].window.open, 1);
			assert_eq!(deadlines[1].window.open, 21);
			assert_eq!(deadlines[2].window.challenge, 41 - LOOKBACK);
			assert_eq!(StorageProvider::provider_power(BOB), 0);
		});
	}
}

mod deadline_backlog {
	use super::*;

	#[test]
	fn a_post_more_than_the_settle_bound_behind_waits_for_the_queue() {
		ExtBuilder::default().build_and_execute(|| {
			// Sector 1 in deadline 0 from block 6; sector 4 joins deadline 0 while its window
			// [61, 81) is open, so it is first required in [121, 141).
			onboard(ALICE, &[1], 900);
			run_to_block(62);
			onboard(ALICE, &[2, 3, 4], 900);
			assert_eq!(sector_deadline(ALICE, 4), 0);
			// The queue stops: windows 61, 121, 181, 241 and 301 of deadline 0 close unprocessed.
			stop_queue();
			run_to_block(361);
			// A call settles at most MAX_SETTLED_WINDOWS (3) windows; the fourth still waits, so
			// the PoSt is refused (and the settling with it).
			assert_eq!(crate::MAX_SETTLED_WINDOWS, 3);
			assert_noop!(
				StorageProvider::submit_windowed_post(origin(ALICE), 0, bounded(vec![])),
				Error::<Test>::DeadlineBacklog
			);
			assert_eq!(state(ALICE, 4), SectorState::Active);
			// The queue resumes and catches up: both sectors fault, and are terminated once
			// faulty for FaultMaxAge.
			restart_queue();
			run_to_block(365);
			for sector_number in [1, 4] {
				assert!(Sectors::<Test>::get(ALICE, sector_number).is_none());
				assert!(events().iter().any(|e| matches!(
					e,
					Event::SectorTerminated { sector_number: s, reason: TerminationReason::FaultMaxAge, .. }
						if *s == sector_number
				)));
			}
		});
	}
}

mod proptests {
	use super::*;
	use proptest::prelude::*;

	const PROVIDERS: [AccountId; 2] = [ALICE, BOB];

	#[derive(Debug, Clone)]
	enum Op {
		Register(usize),
		PreCommit(usize, u64, u64),
		ProveCommit(usize, u64, bool),
		Post(usize, u32, bool),
		DeclareFault(usize, u64),
		DeclareRecovered(usize, u64),
		Terminate(usize, u64),
		Unregister(usize),
		Delegate(usize, u128),
		Advance(u64),
		/// Pre-commit, wait for the seed, prove honestly.
		Onboard(usize, u64),
		/// An honest PoSt for whichever deadline is open now.
		PostOpen(usize),
	}

	fn op() -> impl Strategy<Value = Op> {
		let p = 0..PROVIDERS.len();
		let s = 0u64..4;
		prop_oneof![
			p.clone().prop_map(Op::Register),
			(p.clone(), s.clone(), MIN_LIFETIME..200).prop_map(|(p, s, e)| Op::PreCommit(p, s, e)),
			(p.clone(), s.clone(), any::<bool>()).prop_map(|(p, s, h)| Op::ProveCommit(p, s, h)),
			(p.clone(), 0u32..4, any::<bool>()).prop_map(|(p, d, h)| Op::Post(p, d, h)),
			(p.clone(), s.clone()).prop_map(|(p, s)| Op::DeclareFault(p, s)),
			(p.clone(), s.clone()).prop_map(|(p, s)| Op::DeclareRecovered(p, s)),
			(p.clone(), s).prop_map(|(p, s)| Op::Terminate(p, s)),
			p.clone().prop_map(Op::Unregister),
			(p, 1u128..5000).prop_map(|(p, a)| Op::Delegate(p, a)),
			(1u64..45).prop_map(Op::Advance),
			(0..PROVIDERS.len(), 0u64..4).prop_map(|(p, s)| Op::Onboard(p, s)),
			(0..PROVIDERS.len()).prop_map(Op::PostOpen),
		]
	}

	/// The next batch of `who`'s pre-commit `s`: honest, or with a byte flipped.
	fn prove_commit_proof(
		who: AccountId,
		s: u64,
		honest: bool,
	) -> crate::SealBatchProof<ConstU32<MAX_SEAL_BATCH_BYTES>> {
		let next = PreCommittedSectors::<Test>::get(who, s).filter(|pc| {
			ChallengeSeeds::<Test>::contains_key(pc.pre_commit_block + CHALLENGE_DELAY)
		});
		match next {
			Some(pc) => {
				let mut proof = seal_proof(who, s, pc.batches_proven);
				if !honest {
					proof.proof[100] ^= 1;
				}
				proof
			}
			None => crate::SealBatchProof { sector_number: s, batch: 0, proof: bounded(vec![0]) },
		}
	}

	fn post(who: AccountId, d: u32, honest: bool) -> DispatchResultLike {
		if StorageProviders::<Test>::get(who).is_none() || d >= 3 {
			return StorageProvider::submit_windowed_post(origin(who), d, bounded(vec![]))
				.map(|_| ())
				.map_err(|e| e.error);
		}
		let w = window(who, d);
		let proofs = if ChallengeSeeds::<Test>::contains_key(w.challenge) {
			provable(who, d)
				.into_iter()
				.map(|s| {
					let data = if honest { replica(who, s) } else { sector_data(who, s) };
					proof_from(who, s, &data, w.challenge, ChallengePurpose::WindowPoSt)
				})
				.collect()
		} else {
			vec![]
		};
		StorageProvider::submit_windowed_post(origin(who), d, bounded(proofs))
			.map(|_| ())
			.map_err(|e| e.error)
	}

	type DispatchResultLike = sp_runtime::DispatchResult;

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(24))]
		#[test]
		fn invariants_hold_after_every_step(
			ops in proptest::collection::vec(op(), 1..50),
			queue in 1u32..4,
		) {
			ExtBuilder::default().queue_per_block(queue).build_and_execute(|| {
				// Both providers start registered (registering again is one of the ops).
				register(ALICE);
				register(BOB);
				for op in ops {
					let _ = match op {
						Op::Register(p) => StorageProvider::register_storage_provider(
							origin(PROVIDERS[p]),
							SectorSize::Size2KiB,
							peer_id(),
						)
						,
						Op::PreCommit(p, s, e) => {
							let who = PROVIDERS[p];
							let expiration = System::block_number() + e;
							StorageProvider::pre_commit_sectors(
								origin(who),
								bounded(vec![info(who, s, expiration)]),
							)

						},
						Op::ProveCommit(p, s, honest) => {
							let who = PROVIDERS[p];
							StorageProvider::prove_commit_sectors(
								origin(who),
								bounded(vec![prove_commit_proof(who, s, honest)]),
							)

						},
						Op::Post(p, d, honest) => post(PROVIDERS[p], d, honest),
						Op::DeclareFault(p, s) =>
							StorageProvider::declare_faults(origin(PROVIDERS[p]), bounded(vec![s]))
								.map(|_| ())
								.map_err(|e| e.error),
						Op::DeclareRecovered(p, s) => StorageProvider::declare_faults_recovered(
							origin(PROVIDERS[p]),
							bounded(vec![s]),
						)
						.map(|_| ())
						.map_err(|e| e.error),
						Op::Terminate(p, s) =>
							StorageProvider::terminate_sectors(origin(PROVIDERS[p]), bounded(vec![s]))
								.map(|_| ())
								.map_err(|e| e.error),
						Op::Unregister(p) =>
							StorageProvider::unregister_storage_provider(origin(PROVIDERS[p])),
						Op::Delegate(p, a) =>
							CollatorPower::delegate_power(origin(PROVIDERS[p]), COLLATOR, a)
								.map(|_| ())
								.map_err(|e| e.error),
						Op::Advance(n) => {
							run_to_block(System::block_number() + n);
							Ok(())
						},
						Op::Onboard(p, s) => {
							let who = PROVIDERS[p];
							let at = System::block_number();
							let pre = StorageProvider::pre_commit_sectors(
								origin(who),
								bounded(vec![info(who, s, at + 300)]),
							);
							run_to_block(at + CHALLENGE_DELAY);
							pre.and_then(|_| {
								(0..BATCHES).try_for_each(|_| {
									StorageProvider::prove_commit_sectors(
										origin(who),
										bounded(vec![prove_commit_proof(who, s, true)]),
									)
								})
							})
						},
						Op::PostOpen(p) => {
							let who = PROVIDERS[p];
							let now = System::block_number();
							match (0..3).find(|d| {
								Deadlines::<Test>::get(who, d).is_some() &&
									window(who, *d).is_open(now)
							}) {
								Some(d) => post(who, d, true),
								None => Ok(()),
							}
						},
					};
					StorageProvider::do_try_state().expect("invariants hold after every step");
					CollatorPower::do_try_state().expect("collator-power invariants hold");
				}
			});
		}
	}
}

/// Attacks on the consistency and the liveness of the pallet (issue 12): each test failed
/// before its fix.
mod attacks {
	use super::*;

	/// Providers with 24 sectors each (the most a provider may have) that all expire at `at`,
	/// terminated at once: a wall of stale expiry entries on block `at`.
	fn wall_of_terminated_sectors(providers: &[AccountId], at: u64) {
		let start = System::block_number();
		for who in providers {
			if StorageProviders::<Test>::get(who).is_none() {
				register(*who);
			}
			for chunk in (0..24u64).collect::<Vec<_>>().chunks(4) {
				pre_commit(*who, chunk, at);
			}
		}
		run_to_block(start + CHALLENGE_DELAY);
		for who in providers {
			for chunk in (0..24u64).collect::<Vec<_>>().chunks(4) {
				prove_commit(*who, chunk, start);
			}
			for chunk in (0..24u64).collect::<Vec<_>>().chunks(4) {
				assert_ok!(StorageProvider::terminate_sectors(
					origin(*who),
					bounded(chunk.to_vec())
				));
			}
		}
	}

	#[test]
	fn a_wall_of_terminated_sectors_does_not_delay_a_missed_post_power_cut() {
		ExtBuilder::default().build_and_execute(|| {
			// Alice's sector 1 is in deadline 0: windows [1, 21), [61, 81), ...
			onboard(ALICE, &[1], 900);
			assert_eq!(sector_deadline(ALICE, 1), 0);
			// Before Alice's close of [61, 81) is scheduled (at block 21), Bob and Charlie
			// schedule 48 expiries on block 81 and terminate the sectors: the entries are stale.
			wall_of_terminated_sectors(&[BOB, CHARLIE], 81);
			assert_eq!(power(ALICE), SECTOR_POWER);
			// Alice proves nothing in [61, 81).
			run_to_block(80);
			assert_eq!(power(ALICE), SECTOR_POWER);
			System::reset_events();
			run_to_block(81);
			assert_eq!(power(ALICE), 0, "the missed PoSt cuts the power in the close block");
			System::assert_has_event(
				Event::PoStMissed {
					provider: ALICE,
					deadline: 0,
					sectors_faulted: 1,
					power_removed: SECTOR_POWER,
					fees: 25,
				}
				.into(),
			);
		});
	}

	#[test]
	fn a_provider_two_windows_behind_settles_itself() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1], 900);
			// The queue stops for more than a period: windows [61, 81) and [121, 141) of
			// deadline 0 close unprocessed.
			stop_queue();
			run_to_block(181);
			assert_eq!(state(ALICE, 1), SectorState::Active);
			// Declaring the recovery settles both windows first: one undetected fee, one fault
			// fee; the sector is faulty since the first close.
			assert_ok!(StorageProvider::declare_faults_recovered(origin(ALICE), bounded(vec![1])));
			assert_eq!(treasury(), 25 + 10);
			assert_eq!(state(ALICE, 1), SectorState::Faulty { since: 81, recovering: true });
			// The PoSt of the open window [181, 201) is accepted and recovers the sector.
			assert_ok!(StorageProvider::submit_windowed_post(
				origin(ALICE),
				0,
				post_proofs(ALICE, 0, &[1])
			));
			System::assert_has_event(
				Event::ValidPoStSubmitted {
					provider: ALICE,
					deadline: 0,
					sectors_proven: 1,
					sectors_recovered: 1,
				}
				.into(),
			);
			assert_eq!(power(ALICE), SECTOR_POWER);
			restart_queue();
			run_to_block(260);
			assert_eq!(treasury(), 25 + 10);
		});
	}

	#[test]
	fn a_post_two_windows_behind_is_not_locked_out() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1], 900);
			stop_queue();
			run_to_block(181);
			// Both closed windows are settled by the PoSt itself; the sector is faulty (not
			// recovering), so nothing is required in this window.
			assert_ok!(StorageProvider::submit_windowed_post(origin(ALICE), 0, bounded(vec![])));
			assert_eq!(treasury(), 25 + 10);
			assert_eq!(power(ALICE), 0);
			restart_queue();
			run_to_block(260);
		});
	}

	#[test]
	fn a_sector_that_expires_while_faulty_pays_the_fault_fee() {
		ExtBuilder::default().build_and_execute(|| {
			onboard(ALICE, &[1], 100);
			// Proven in [61, 81); declared faulty at 90, before its next window's cutoff; it
			// expires at 100, before that window closes.
			run_to_block(21);
			prove_deadlines(ALICE, &[0]);
			run_to_block(90);
			assert_ok!(StorageProvider::declare_faults(origin(ALICE), bounded(vec![1])));
			let before = Balances::free_balance(ALICE);
			run_to_block(100);
			assert!(Sectors::<Test>::get(ALICE, 1).is_none());
			assert_eq!(treasury(), 10, "a faulty sector pays the fault fee when it expires");
			assert_eq!(Balances::free_balance(ALICE), before + 90);
			System::assert_has_event(
				Event::SectorExpired { provider: ALICE, sector_number: 1, fee: 10, released: 90 }
					.into(),
			);
		});
	}
}

/// Sealing against an adversary: the attack issue 15 names (a constant all-zero proof), and the
/// ways a provider could try to get power for a replica it did not seal, or does not store.
mod sealing_attacks {
	use super::*;
	use power_primitives::porep::{ChallengeProof, ColumnOpening, DRG_DEGREE, EXP_DEGREE};

	const ZERO_SECTOR: [u8; 2048] = [0; 2048];

	/// The constant "proof" of an all-zero sector: every label, leaf and sibling zero, whatever
	/// the challenges. Before sealing, its Merkle counterpart won prove-commit power (the test
	/// that showed it was `a_constant_all_zero_proof_wins_power_today`).
	fn constant_zero_batch() -> Vec<u8> {
		let column = ColumnOpening { labels: vec![[0; 32]; 2], path: vec![[0; 32]; 6] };
		let leaf = proofs::LeafProof { leaf: [0; 32], path: vec![[0; 32]; 6] };
		let one = ChallengeProof {
			column: column.clone(),
			drg: core::array::from_fn::<_, DRG_DEGREE, _>(|_| column.clone()),
			exp: core::array::from_fn::<_, EXP_DEGREE, _>(|_| column.clone()),
			data: leaf.clone(),
			replica: leaf,
		};
		codec::Encode::encode(&vec![one; 4])
	}

	#[test]
	fn a_constant_all_zero_proof_wins_no_power() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			let zero = proofs::commit(&ZERO_SECTOR).unwrap();
			let sector = SectorPreCommitInfo {
				sector_number: 1,
				seal_ticket_block: 1,
				comm_d: zero,
				comm_c: zero,
				comm_r_last: zero,
				expiration: 500,
			};
			assert_ok!(StorageProvider::pre_commit_sectors(origin(ALICE), bounded(vec![sector])));
			run_to_block(1 + CHALLENGE_DELAY);
			let proof = crate::SealBatchProof {
				sector_number: 1,
				batch: 0,
				proof: bounded(constant_zero_batch()),
			};
			assert_noop!(
				StorageProvider::prove_commit_sectors(origin(ALICE), bounded(vec![proof])),
				Error::<Test>::InvalidProof
			);
			assert_eq!(power(ALICE), 0);
		});
	}

	#[test]
	fn a_committed_capacity_sector_is_accepted_because_it_stores_its_replica() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			let sector = seal_data(ALICE, 1, &ZERO_SECTOR, 1, 500);
			assert_eq!(sector.comm_d, proofs::commit(&ZERO_SECTOR).unwrap());
			// The replica is the key itself: nothing like the zero data.
			assert_ne!(sector.comm_r_last, sector.comm_d);
			assert_ok!(StorageProvider::pre_commit_sectors(origin(ALICE), bounded(vec![sector])));
			run_to_block(1 + CHALLENGE_DELAY);
			prove_commit(ALICE, &[1], 1);
			assert_eq!(power(ALICE), SECTOR_POWER);
			// Its PoSt proves the replica, and the zero data does not pass for it.
			let deadline = sector_deadline(ALICE, 1);
			let w = run_to_window(ALICE, deadline);
			let zero_data =
				proof_from(ALICE, 1, &ZERO_SECTOR, w.challenge, ChallengePurpose::WindowPoSt);
			assert_noop!(
				StorageProvider::submit_windowed_post(
					origin(ALICE),
					deadline,
					bounded(vec![zero_data])
				),
				Error::<Test>::InvalidProof
			);
			submit_post(ALICE, deadline, &[1]);
		});
	}

	#[test]
	fn batches_are_proven_in_order_and_the_sector_activates_with_the_last() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			pre_commit(ALICE, &[1], 500);
			run_to_block(1 + CHALLENGE_DELAY);
			let call =
				|proofs| StorageProvider::prove_commit_sectors(origin(ALICE), bounded(proofs));
			// The second batch first.
			assert_noop!(call(vec![seal_proof(ALICE, 1, 1)]), Error::<Test>::WrongSealBatch);
			// A batch index past the last.
			let mut beyond = seal_proof(ALICE, 1, 1);
			beyond.batch = BATCHES;
			assert_noop!(call(vec![beyond]), Error::<Test>::WrongSealBatch);
			// Batch 1's proof labelled as batch 0: checked against batch 0's challenges.
			let mut relabelled = seal_proof(ALICE, 1, 1);
			relabelled.batch = 0;
			assert_noop!(call(vec![relabelled]), Error::<Test>::InvalidProof);

			assert_ok!(call(vec![seal_proof(ALICE, 1, 0)]));
			System::assert_last_event(
				Event::SealBatchProven { provider: ALICE, sector_number: 1, batch: 0, batches: 2 }
					.into(),
			);
			assert_eq!(PreCommittedSectors::<Test>::get(ALICE, 1).unwrap().batches_proven, 1);
			assert_eq!(power(ALICE), 0);
			assert_eq!(held(ALICE, HoldReason::PreCommitDeposit), SECTOR_DEPOSIT);
			assert!(Sectors::<Test>::get(ALICE, 1).is_none());

			assert_ok!(call(vec![seal_proof(ALICE, 1, 1)]));
			System::assert_has_event(
				Event::SectorProven { provider: ALICE, sector_number: 1, deadline: 0, pledge: 100 }
					.into(),
			);
			assert_eq!(power(ALICE), SECTOR_POWER);
			assert!(PreCommittedSectors::<Test>::get(ALICE, 1).is_none());
		});
	}

	#[test]
	fn a_half_proven_pre_commit_that_expires_is_slashed() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			pre_commit(ALICE, &[1], 500);
			run_to_block(1 + CHALLENGE_DELAY);
			assert_ok!(StorageProvider::prove_commit_sectors(
				origin(ALICE),
				bounded(vec![seal_proof(ALICE, 1, 0)])
			));
			let last = seal_proof(ALICE, 1, 1);
			run_to_block(1 + MAX_PROVE_COMMIT + 1);
			System::assert_has_event(
				Event::PreCommitExpired {
					provider: ALICE,
					sector_number: 1,
					slashed: SECTOR_DEPOSIT,
				}
				.into(),
			);
			assert_eq!(treasury(), SECTOR_DEPOSIT);
			assert_eq!(held(ALICE, HoldReason::PreCommitDeposit), 0);
			assert_noop!(
				StorageProvider::prove_commit_sectors(origin(ALICE), bounded(vec![last])),
				Error::<Test>::PreCommitNotFound
			);
			assert_eq!(power(ALICE), 0);
		});
	}

	#[test]
	fn another_provider_cannot_prove_my_sector() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			register(BOB);
			let mine = info(ALICE, 1, 500);
			assert_ok!(StorageProvider::pre_commit_sectors(
				origin(ALICE),
				bounded(vec![mine.clone()])
			));
			// Bob names Alice's commitments and ticket as his own sector 1.
			assert_ok!(StorageProvider::pre_commit_sectors(origin(BOB), bounded(vec![mine])));
			run_to_block(1 + CHALLENGE_DELAY);
			// Alice's proof does not answer Bob's challenges: his replica id differs.
			let alices = seal_proof(ALICE, 1, 0);
			assert_noop!(
				StorageProvider::prove_commit_sectors(origin(BOB), bounded(vec![alices])),
				Error::<Test>::InvalidProof
			);
			// Alice's own proof still works.
			prove_commit(ALICE, &[1], 1);
			assert_eq!((power(ALICE), power(BOB)), (SECTOR_POWER, 0));
		});
	}

	#[test]
	fn the_ticket_is_recent_recorded_and_bound_into_the_replica() {
		ExtBuilder::default().build_and_execute(|| {
			register(ALICE);
			run_to_block(20);
			let call =
				|sector| StorageProvider::pre_commit_sectors(origin(ALICE), bounded(vec![sector]));
			// Older than MaxSealTicketAge: a replica sealed long ago.
			let old = seal_data(ALICE, 1, &sector_data(ALICE, 1), 20 - TICKET_AGE - 1, 500);
			assert_noop!(call(old), Error::<Test>::InvalidSealTicket);
			// In the future.
			let mut future = info(ALICE, 1, 500);
			future.seal_ticket_block = 21;
			assert_noop!(call(future), Error::<Test>::InvalidSealTicket);
			// Sealed on one ticket, pre-committed naming another: the replica id differs.
			let mut other = seal_data(ALICE, 1, &sector_data(ALICE, 1), 15, 500);
			other.seal_ticket_block = 16;
			assert_ok!(call(other));
			run_to_block(20 + CHALLENGE_DELAY);
			assert_noop!(
				StorageProvider::prove_commit_sectors(
					origin(ALICE),
					bounded(vec![seal_proof(ALICE, 1, 0)])
				),
				Error::<Test>::InvalidProof
			);
			// The oldest ticket allowed works.
			let oldest = seal_data(ALICE, 2, &sector_data(ALICE, 2), 25 - TICKET_AGE, 500);
			assert_ok!(call(oldest));
			run_to_block(25 + CHALLENGE_DELAY);
			prove_commit(ALICE, &[2], 25);
			assert_eq!(power(ALICE), SECTOR_POWER);
		});
	}

	#[test]
	fn a_size_without_sealing_parameters_gets_no_power() {
		ExtBuilder::default().build_and_execute(|| {
			Seal2KiB::set(None);
			assert_noop!(
				StorageProvider::register_storage_provider(
					origin(ALICE),
					SectorSize::Size2KiB,
					peer_id()
				),
				Error::<Test>::SectorSizeNotSealable
			);
			Seal2KiB::set(Some(MOCK_SEAL));
			register(ALICE);
		});
	}
}
