//! Benchmarks of the storage-provider pallet, in the frame-benchmarking v2 syntax.
//!
//! Proof checks cost one hash per level of the sector's Merkle tree, so the benchmarks use the
//! largest sector size whose proofs fit `MaxProofBytes` and that can be sealed (64 GiB, 31
//! levels, in the runtime): the weights are the worst case of every size a provider can prove.
//! `prove_commit_sectors` verifies one seal batch per sector, at the sealable size whose batch
//! costs the most ([`seal_size`]: 64 GiB with 11 layers in the runtime), from
//! [`porep::synthetic_batch`], which costs the verifier what a real batch does. Its proofs are real, over a
//! sparse tree: the challenged leaves hold pseudo-random data and every other leaf is zero, which
//! costs the verifier exactly what a full sector does. State that does not need a proof is written
//! directly (but consistently: holds, queue entries and power) so that full deadlines are cheap to
//! set up.

use super::*;
use crate::deadline::Schedule;
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::*,
	traits::fungible::{Inspect, Mutate, MutateHold},
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pallet_collator_power::{BenchmarkHelper as _, PowerDelta};
use power_primitives::{
	porep,
	proofs::{self, ChallengePurpose, LeafProof},
};
use sp_runtime::traits::{One, Saturating};

/// The block seed every benchmark records (see [`seed`]).
const BLOCK_SEED: [u8; 32] = [42; 32];

/// The benchmarks' sector size: the largest whose proofs fit `MaxProofBytes`, so the proof checks
/// are measured at the deepest tree a provider can prove.
fn size<T: Config>() -> SectorSize {
	SectorSize::ALL
		.into_iter()
		.rev()
		.find(|size| Pallet::<T>::is_provable(*size) && Pallet::<T>::seal_params(*size).is_some())
		.unwrap_or(SectorSize::Size2KiB)
}

/// The sealable (and provable) size whose prove-commit batch costs the verifier the most, by
/// what a batch hashes: per challenge, every layer's label (a 1,228-byte SHA-256 preimage, 20
/// compressions), and the Merkle paths of 15 columns and 2 leaves (one blake2 compression per
/// level). `integrity_test` requires full last batches, so the measured (last) batch is full.
fn seal_size<T: Config>() -> SectorSize {
	SectorSize::ALL
		.into_iter()
		.filter(|size| Pallet::<T>::is_provable(*size))
		.filter_map(|size| Pallet::<T>::seal_params(size).map(|params| (size, params)))
		.max_by_key(|(size, params)| {
			let depth = u64::from(size.leaf_count().trailing_zeros());
			let per_challenge = u64::from(params.layers)
				.saturating_mul(20)
				.saturating_add(17u64.saturating_mul(depth.saturating_add(1)));
			u64::from(params.challenges_per_batch.min(params.porep_challenges))
				.saturating_mul(per_challenge)
		})
		.map(|(size, _)| size)
		.unwrap_or(SectorSize::Size2KiB)
}

/// The commitment of `who`'s sector `sector_number`, and its proof for the challenges of
/// [`BLOCK_SEED`] and `purpose`, over a sparse tree ([`proofs::SparseTree`]): the challenged
/// leaves are pseudo-random, every other leaf is zero. Builds `challenges × depth` nodes, not the
/// whole tree.
fn sparse_sector<T: Config>(
	who: &T::AccountId,
	sector_number: SectorNumber,
	purpose: ChallengePurpose,
) -> (proofs::Commitment, Vec<LeafProof>) {
	let leaf_count = size::<T>().leaf_count();
	let depth = proofs::tree_depth(leaf_count).expect("sector sizes are powers of two");
	let seed = proofs::challenge_seed(&BLOCK_SEED, &who.encode(), purpose);
	let indices =
		proofs::challenges(&seed, sector_number, T::ChallengesPerProof::get(), leaf_count)
			.expect("at least one challenge");
	let leaves = indices
		.iter()
		.map(|&index| (index, pseudo_random_leaf(&(b"bench", sector_number, index).encode())));
	let tree = proofs::SparseTree::new(depth, leaves).expect("the indices are in the tree");
	(tree.root(), indices.iter().map(|&index| tree.prove_leaf(index)).collect())
}

/// 32 bytes derived from `bytes` with blake2 (the primitives' seed hash, reused as a hash).
fn pseudo_random_leaf(bytes: &[u8]) -> [u8; 32] {
	proofs::block_seed(bytes, 0)
}

fn block<T: Config>(n: u32) -> BlockNumberFor<T> {
	n.into()
}

fn set_block<T: Config>(n: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(n);
}

/// A registered provider of [`size`] sectors (registered at the current block) with plenty of funds.
fn provider<T: Config>(index: u32) -> T::AccountId {
	provider_of::<T>(index, size::<T>())
}

/// A registered provider of `sector_size` sectors, like [`provider`].
fn provider_of<T: Config>(index: u32, sector_size: SectorSize) -> T::AccountId {
	let who: T::AccountId = account("provider", index, 0);
	let amount = Pallet::<T>::deposit_for(sector_size)
		.saturating_mul(100_000u32.into())
		.saturating_add(T::Collateral::minimum_balance().saturating_mul(100u32.into()));
	T::Collateral::set_balance(&who, amount);
	let miner_funds = T::MinerDeposit::get().saturating_mul(100u32.into()).saturating_add(
		<T as pallet_collator_power::Config>::Currency::minimum_balance()
			.saturating_mul(100u32.into()),
	);
	if <T as pallet_collator_power::Config>::Currency::balance(&who) < miner_funds {
		<T as pallet_collator_power::Config>::Currency::set_balance(&who, miner_funds);
	}
	assert!(Pallet::<T>::do_register(&who, sector_size, Default::default()).is_ok());
	who
}

/// A pre-commit of `sector_number` with placeholder commitments, on the ticket [`seed`] records
/// at [`START`].
fn pre_commit_info<T: Config>(
	sector_number: SectorNumber,
	expiration: BlockNumberFor<T>,
) -> SectorPreCommitInfo<BlockNumberFor<T>> {
	SectorPreCommitInfo {
		sector_number,
		seal_ticket_block: block::<T>(START),
		comm_d: [sector_number as u8; 32],
		comm_c: [1; 32],
		comm_r_last: [2; 32],
		expiration,
	}
}

/// The proving-period start of every benchmark provider.
const START: u32 = 1;

fn schedule<T: Config>(who: &T::AccountId) -> Schedule<BlockNumberFor<T>> {
	let info = StorageProviders::<T>::get(who).expect("registered");
	Pallet::<T>::schedule_of(&info)
}

/// Writes `count` sectors of `who` into `deadline` at the current block, consistently: pledges
/// held, queue entries scheduled, power added for active ones.
fn add_sectors<T: Config>(
	who: &T::AccountId,
	deadline: DeadlineIndex,
	first: SectorNumber,
	count: u32,
	state: SectorState<BlockNumberFor<T>>,
	expiration: BlockNumberFor<T>,
	proven_for: Option<ChallengePurpose>,
) {
	let now = frame_system::Pallet::<T>::block_number();
	let deposit = Pallet::<T>::deposit_for(size::<T>());
	assert!(T::Collateral::hold(
		&HoldReason::SectorPledge.into(),
		who,
		deposit.saturating_mul(count.into())
	)
	.is_ok());
	let mut state_of_deadline = Deadlines::<T>::get(who, deadline).unwrap_or_default();
	if state_of_deadline.pending_window.is_none() {
		let window = schedule::<T>(who).window_at_or_after(deadline, now);
		state_of_deadline.pending_window = Some(window.open);
		Pallet::<T>::schedule(
			window.close,
			QueueEntry::DeadlineClose { provider: who.clone(), deadline, window_open: window.open },
		);
	}
	for sector_number in first..first.saturating_add(count.into()) {
		let comm_r_last = match proven_for {
			Some(purpose) => sparse_sector::<T>(who, sector_number, purpose).0,
			None => [7; 32],
		};
		Sectors::<T>::insert(
			who,
			sector_number,
			Sector::<T> {
				comm_r_last,
				activation: now,
				expiration,
				deadline,
				initial_pledge: deposit,
				pledge: deposit,
				state,
			},
		);
		Pallet::<T>::schedule(
			expiration,
			QueueEntry::SectorExpiry { provider: who.clone(), sector_number },
		);
		assert!(state_of_deadline.sectors.try_push(sector_number).is_ok());
	}
	Deadlines::<T>::insert(who, deadline, state_of_deadline);
	StorageProviders::<T>::mutate(who, |info| {
		if let Some(info) = info {
			info.sectors = info.sectors.saturating_add(count);
			for _ in 0..count {
				assert!(info.add_to_deadline(deadline));
			}
		}
	});
	if state == SectorState::Active {
		let power = Pallet::<T>::power_of(size::<T>()).saturating_mul(count.into());
		assert!(pallet_collator_power::Pallet::<T>::update_miner_power(
			who,
			PowerDelta::Increase(power)
		)
		.is_ok());
	}
}

/// Makes `who` delegate `MinDelegation` to each of `MaxDelegationsPerMiner` collators, its own
/// (the `index`th group), so no collator reaches `MaxDelegatorsPerCollator`. `who` needs that much
/// power: one sector of the benchmarks' size has plenty.
fn delegate_to_max<T: Config>(who: &T::AccountId, index: u32) {
	let max = T::MaxDelegationsPerMiner::get();
	for i in 0..max {
		let collator = <T as pallet_collator_power::Config>::BenchmarkHelper::collator(
			index.saturating_mul(max).saturating_add(i),
		);
		assert!(pallet_collator_power::Pallet::<T>::delegate_power(
			RawOrigin::Signed(who.clone()).into(),
			collator,
			T::MinDelegation::get(),
		)
		.is_ok());
	}
}

/// Records [`BLOCK_SEED`] for block `at`.
fn seed<T: Config>(at: BlockNumberFor<T>) {
	ChallengeSeeds::<T>::insert(at, BLOCK_SEED);
}

/// The proof of `who`'s sector `sector_number` for `purpose`, for the seed [`seed`] records.
fn sector_proof<T: Config>(
	who: &T::AccountId,
	sector_number: SectorNumber,
	purpose: ChallengePurpose,
) -> SectorProof<T::MaxProofBytes> {
	let (_, proof) = sparse_sector::<T>(who, sector_number, purpose);
	SectorProof {
		sector_number,
		proof: proofs::encode_proof(&proof).try_into().expect("size() fits MaxProofBytes"),
	}
}

fn far<T: Config>() -> BlockNumberFor<T> {
	block::<T>(START).saturating_add(T::MaxSectorLifetime::get())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_storage_provider() {
		let caller: T::AccountId = account("caller", 0, 0);
		<T as pallet_collator_power::Config>::Currency::set_balance(
			&caller,
			T::MinerDeposit::get().saturating_mul(10u32.into()).saturating_add(
				<T as pallet_collator_power::Config>::Currency::minimum_balance()
					.saturating_mul(10u32.into()),
			),
		);
		let peer_id: BoundedVec<u8, T::MaxPeerIdLength> =
			vec![1u8; T::MaxPeerIdLength::get() as usize].try_into().expect("fits");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), size::<T>(), peer_id);
		assert!(StorageProviders::<T>::contains_key(&caller));
		assert!(pallet_collator_power::MinerClaims::<T>::contains_key(&caller));
	}

	#[benchmark]
	// Worst case: every sector names a ticket of its own (one seed read each).
	fn pre_commit_sectors(n: Linear<1, { T::MaxSectorsPerCall::get() }>) {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		let now = block::<T>(START).saturating_add(n.into());
		set_block::<T>(now);
		for i in 0..=n {
			seed::<T>(block::<T>(START).saturating_add(i.into()));
		}
		let expiration = now.saturating_add(T::MinSectorLifetime::get());
		let sectors: BoundedVec<_, T::MaxSectorsPerCall> = (0..n)
			.map(|i| SectorPreCommitInfo {
				seal_ticket_block: block::<T>(START).saturating_add(i.into()),
				..pre_commit_info::<T>(i.into(), expiration)
			})
			.collect::<Vec<_>>()
			.try_into()
			.expect("n is bounded");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), sectors);
		assert_eq!(PreCommittedSectors::<T>::iter_prefix(&caller).count() as u32, n);
	}

	// Each sector proves its last batch (so it activates), at the costliest sealable size.
	#[benchmark]
	fn prove_commit_sectors(n: Linear<1, { T::MaxSectorsPerCall::get() }>) {
		set_block::<T>(block::<T>(START));
		seed::<T>(block::<T>(START));
		let sector_size = seal_size::<T>();
		let params = Pallet::<T>::seal_params(sector_size).expect("seal_size is sealable");
		let last = params.batch_count().saturating_sub(1);
		let caller = provider_of::<T>(0, sector_size);
		let provider_bytes = caller.encode();
		let challenge_seed =
			proofs::challenge_seed(&BLOCK_SEED, &provider_bytes, ChallengePurpose::ProveCommit);
		let expiration = block::<T>(START).saturating_add(T::MinSectorLifetime::get());
		let batches: Vec<_> = (0..n)
			.map(|i| {
				porep::synthetic_batch(
					&params,
					sector_size.leaf_count(),
					&provider_bytes,
					i.into(),
					&BLOCK_SEED,
					&challenge_seed,
					last,
				)
				.expect("the parameters are valid")
			})
			.collect();
		let sectors: BoundedVec<_, T::MaxSectorsPerCall> = batches
			.iter()
			.enumerate()
			.map(|(i, batch)| SectorPreCommitInfo {
				sector_number: i as SectorNumber,
				seal_ticket_block: block::<T>(START),
				comm_d: batch.comm_d,
				comm_c: batch.comm_c,
				comm_r_last: batch.comm_r_last,
				expiration,
			})
			.collect::<Vec<_>>()
			.try_into()
			.expect("n is bounded");
		assert!(Pallet::<T>::do_pre_commit(&caller, sectors).is_ok());
		for i in 0..n {
			PreCommittedSectors::<T>::mutate(&caller, SectorNumber::from(i), |pre_commit| {
				if let Some(pre_commit) = pre_commit {
					pre_commit.batches_proven = last;
				}
			});
		}
		let seed_block = block::<T>(START).saturating_add(T::PreCommitChallengeDelay::get());
		set_block::<T>(seed_block);
		seed::<T>(seed_block);
		let proofs: BoundedVec<_, T::MaxSectorsPerCall> = batches
			.into_iter()
			.enumerate()
			.map(|(i, batch)| SealBatchProof {
				sector_number: i as SectorNumber,
				batch: last,
				proof: batch.proof.try_into().expect("integrity_test: a batch fits"),
			})
			.collect::<Vec<_>>()
			.try_into()
			.expect("n is bounded");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), proofs);
		assert_eq!(Sectors::<T>::iter_prefix(&caller).count() as u32, n);
	}

	// Worst case: every proven sector was recovering, and the deadline is full.
	#[benchmark]
	fn submit_windowed_post(n: Linear<1, { T::MaxSectorsPerDeadline::get() }>) {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		let period = T::ProvingPeriod::get();
		// Added one block before deadline 0's second window opens.
		set_block::<T>(block::<T>(START).saturating_add(period).saturating_sub(One::one()));
		let recovering = SectorState::Faulty { since: One::one(), recovering: true };
		add_sectors::<T>(
			&caller,
			0,
			0,
			n,
			recovering,
			far::<T>(),
			Some(ChallengePurpose::WindowPoSt),
		);
		let window =
			schedule::<T>(&caller).window_at_or_after(0, block::<T>(START).saturating_add(period));
		set_block::<T>(window.open);
		seed::<T>(window.challenge);
		let proofs: BoundedVec<_, T::MaxSectorsPerDeadline> = (0..n)
			.map(|i| sector_proof::<T>(&caller, i.into(), ChallengePurpose::WindowPoSt))
			.collect::<Vec<_>>()
			.try_into()
			.expect("n is bounded");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), 0, proofs);
		assert_eq!(Deadlines::<T>::get(&caller, 0).map(|d| d.proven), Some(true));
		assert!(Sectors::<T>::get(&caller, 0).is_some_and(|s| s.is_active()));
	}

	#[benchmark]
	fn declare_faults(n: Linear<1, { T::MaxSectorsPerCall::get() }>) {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		// When deadline 1 opens, deadline 0's next window is a whole period minus a window away.
		set_block::<T>(block::<T>(START).saturating_add(T::ChallengeWindow::get()));
		add_sectors::<T>(&caller, 0, 0, n, SectorState::Active, far::<T>(), None);
		let sectors: BoundedVec<_, T::MaxSectorsPerCall> =
			(0..n).map(SectorNumber::from).collect::<Vec<_>>().try_into().expect("bounded");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), sectors);
		assert!(Sectors::<T>::get(&caller, 0).is_some_and(|s| !s.is_active()));
	}

	#[benchmark]
	fn declare_faults_recovered(n: Linear<1, { T::MaxSectorsPerCall::get() }>) {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		let faulty = SectorState::Faulty { since: One::one(), recovering: false };
		add_sectors::<T>(&caller, 0, 0, n, faulty, far::<T>(), None);
		let sectors: BoundedVec<_, T::MaxSectorsPerCall> =
			(0..n).map(SectorNumber::from).collect::<Vec<_>>().try_into().expect("bounded");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), sectors);
		assert!(Sectors::<T>::get(&caller, 0)
			.is_some_and(|s| matches!(s.state, SectorState::Faulty { recovering: true, .. })));
	}

	#[benchmark]
	fn terminate_sectors(n: Linear<1, { T::MaxSectorsPerCall::get() }>) {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		set_block::<T>(block::<T>(START).saturating_add(T::ChallengeWindow::get()));
		add_sectors::<T>(&caller, 0, 0, n, SectorState::Active, far::<T>(), None);
		let sectors: BoundedVec<_, T::MaxSectorsPerCall> =
			(0..n).map(SectorNumber::from).collect::<Vec<_>>().try_into().expect("bounded");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), sectors);
		assert!(Sectors::<T>::iter_prefix(&caller).next().is_none());
	}

	#[benchmark]
	fn record_seed() {
		let now = Pallet::<T>::seed_retention().saturating_add(One::one());
		set_block::<T>(now);
		#[block]
		{
			Pallet::<T>::record_seed(now);
		}
		assert!(ChallengeSeeds::<T>::contains_key(now));
	}

	// Both lanes' cursors are read and nothing is due.
	#[benchmark]
	fn queue_base() {
		let now = block::<T>(10);
		set_block::<T>(now);
		let next = now.saturating_add(One::one());
		for lane in QueueLane::ALL {
			QueueCursor::<T>::insert(lane, (next, 0));
		}
		#[block]
		{
			Pallet::<T>::service_queue(now);
		}
		assert_eq!(QueueCursor::<T>::get(QueueLane::Closes), Some((next, 0)));
	}

	// The base and one lane advancing over an empty block (measured whole: an upper bound).
	#[benchmark]
	fn queue_advance() {
		let now = block::<T>(10);
		set_block::<T>(now);
		let next = now.saturating_add(One::one());
		QueueCursor::<T>::insert(QueueLane::Closes, (now, 0));
		QueueCursor::<T>::insert(QueueLane::Expiries, (next, 0));
		#[block]
		{
			Pallet::<T>::service_queue(now);
		}
		assert_eq!(QueueCursor::<T>::get(QueueLane::Closes), Some((next, 0)));
	}

	#[benchmark]
	fn queue_stale_entry() {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		let now = block::<T>(10);
		#[block]
		{
			Pallet::<T>::process_deadline_close(&caller, 0, now);
		}
		assert!(Deadlines::<T>::get(&caller, 0).is_none());
	}

	#[benchmark]
	fn pre_commit_expiry() {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		let expiration = block::<T>(START).saturating_add(T::MinSectorLifetime::get());
		seed::<T>(block::<T>(START));
		let sectors: BoundedVec<_, T::MaxSectorsPerCall> =
			vec![pre_commit_info::<T>(0, expiration)].try_into().expect("one sector");
		assert!(Pallet::<T>::do_pre_commit(&caller, sectors).is_ok());
		let now = block::<T>(START)
			.saturating_add(T::MaxProveCommitDuration::get())
			.saturating_add(One::one());
		set_block::<T>(now);
		#[block]
		{
			Pallet::<T>::expire_pre_commit(&caller, 0, now);
		}
		assert!(!PreCommittedSectors::<T>::contains_key(&caller, 0));
	}

	// Worst case: the sector expires faulty, so a fault fee is slashed before the rest of the
	// pledge is released (an active sector's power cut is charged on top, separately).
	#[benchmark]
	fn sector_expiry() {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		let added = block::<T>(START).saturating_add(T::ProvingPeriod::get());
		set_block::<T>(added);
		let now = added.saturating_add(One::one());
		let faulty = SectorState::Faulty { since: added, recovering: false };
		add_sectors::<T>(&caller, 0, 0, 1, faulty, now, None);
		set_block::<T>(now);
		#[block]
		{
			Pallet::<T>::expire_sector(&caller, 0, now);
		}
		assert!(!Sectors::<T>::contains_key(&caller, 0));
	}

	// Worst case: every sector of the deadline is faulted by the missed PoSt.
	#[benchmark]
	fn deadline_close(s: Linear<1, { T::MaxSectorsPerDeadline::get() }>) {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		// Added one block before deadline 0's second window opens: required in it.
		let added =
			block::<T>(START).saturating_add(T::ProvingPeriod::get()).saturating_sub(One::one());
		set_block::<T>(added);
		add_sectors::<T>(&caller, 0, 0, s, SectorState::Active, far::<T>(), None);
		delegate_to_max::<T>(&caller, 0);
		let open = Deadlines::<T>::get(&caller, 0).and_then(|d| d.pending_window).expect("set");
		let now = open.saturating_add(T::ChallengeWindow::get());
		set_block::<T>(now);
		#[block]
		{
			Pallet::<T>::process_deadline_close(&caller, 0, open);
		}
		assert!(Sectors::<T>::get(&caller, 0).is_some_and(|s| !s.is_active()));
	}

	// The other close path: every sector of the deadline has been faulty for `FaultMaxAge` and
	// is terminated (a termination fee slashed, the rest of the pledge released).
	#[benchmark]
	fn deadline_close_fault_age(s: Linear<1, { T::MaxSectorsPerDeadline::get() }>) {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		let since = block::<T>(START);
		let added =
			since.saturating_add(T::FaultMaxAge::get()).saturating_add(T::ProvingPeriod::get());
		set_block::<T>(added);
		let faulty = SectorState::Faulty { since, recovering: false };
		let expiration = added.saturating_add(T::MaxSectorLifetime::get());
		add_sectors::<T>(&caller, 0, 0, s, faulty, expiration, None);
		let open = Deadlines::<T>::get(&caller, 0).and_then(|d| d.pending_window).expect("set");
		let now = open.saturating_add(T::ChallengeWindow::get());
		set_block::<T>(now);
		#[block]
		{
			Pallet::<T>::process_deadline_close(&caller, 0, open);
		}
		assert!(Sectors::<T>::iter_prefix(&caller).next().is_none());
		assert!(Deadlines::<T>::get(&caller, 0).is_none());
	}

	#[benchmark]
	fn unregister_storage_provider() {
		set_block::<T>(block::<T>(START));
		let caller = provider::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert!(!StorageProviders::<T>::contains_key(&caller));
		assert!(!pallet_collator_power::MinerClaims::<T>::contains_key(&caller));
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
