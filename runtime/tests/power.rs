//! The storage-power flow through the real runtime and its `development` genesis: storage
//! providers seal real data (the development sealing profile: 2 KiB, 2 layers, one batch), prove
//! the seal and then their replicas, delegate the power to collator candidates, sessions draw
//! collators by that power, a missed proof cuts it, and a leaving collator hands it back.

mod common;

use codec::Encode;
use common::{sealing::*, *};
use frame_support::{assert_ok, traits::Get, BoundedVec};
use pallet_storage_provider::{ChallengeSeeds, SectorProof, SectorSize};
use power_primitives::proofs::{self, ChallengePurpose};
use power_runtime::{
	chain_params, AccountId, CollatorPower, PowerSelection, Runtime, RuntimeOrigin, Session,
	SessionKeys, StorageProvider, System,
};
use sp_keyring::Sr25519Keyring::{Charlie, Dave, Eve, Ferdie, One};

type ProofBytes = <Runtime as pallet_storage_provider::Config>::MaxProofBytes;
const CHALLENGES: u32 = 8;
const SECTOR_BYTES: u128 = 2048;

/// A windowed PoSt proof of `sector` for the randomness recorded at `seed_block`: leaves of the
/// replica, built as a provider's tooling would, with the same primitives the chain verifies
/// with.
fn proof(
	provider: &AccountId,
	sector: u64,
	seed_block: u32,
	purpose: ChallengePurpose,
) -> SectorProof<ProofBytes> {
	let block_seed = ChallengeSeeds::<Runtime>::get(seed_block).expect("the seed is recorded");
	let seed = proofs::challenge_seed(&block_seed, &provider.encode(), purpose);
	let replica = replica(provider, sector);
	let proof =
		proofs::prove(&replica, &seed, sector, CHALLENGES).expect("the replica is provable");
	SectorProof {
		sector_number: sector,
		proof: proofs::encode_proof(&proof).try_into().expect("the proof fits"),
	}
}

/// Pre-commits `sectors` of `provider` (registered at genesis), then proves them once their
/// challenge randomness exists. Returns the block in which they became active.
fn onboard(chain: &mut Chain, provider: &AccountId, sectors: &[u64]) -> u32 {
	let pre_commit_block = chain.head() + 1;
	chain.block(|| {
		let infos: Vec<_> = sectors
			.iter()
			.map(|&sector| {
				seal(provider, sector, &sector_data(provider, sector), pre_commit_block + 100_000)
			})
			.collect();
		assert_ok!(StorageProvider::pre_commit_sectors(
			RuntimeOrigin::signed(provider.clone()),
			BoundedVec::truncate_from(infos),
		));
	});
	let delay = chain.execute(chain_params::PreCommitChallengeDelay::get);
	chain.run_to(pre_commit_block + delay);
	let batches = chain.execute(|| {
		StorageProvider::seal_params(SectorSize::Size2KiB).expect("sealable").batch_count()
	});
	for batch in 0..batches {
		chain.block(|| {
			let proofs: Vec<_> = sectors
				.iter()
				.map(|&s| seal_proof(provider, s, pre_commit_block + delay, batch))
				.collect();
			assert_ok!(StorageProvider::prove_commit_sectors(
				RuntimeOrigin::signed(provider.clone()),
				BoundedVec::truncate_from(proofs),
			));
		});
	}
	chain.head()
}

/// Submits `provider`'s PoSt for every deadline whose window is open and not yet proven. Only
/// windows that opened after `active_since` (when the sectors became active) require a proof.
/// Call it inside a block to keep a provider honest.
fn prove_open_deadlines(provider: &AccountId, active_since: u32) {
	prove_open_deadlines_except(provider, active_since, None)
}

/// [`prove_open_deadlines`], except the deadline `skip`.
fn prove_open_deadlines_except(provider: &AccountId, active_since: u32, skip: Option<u32>) {
	let now = System::block_number();
	for info in StorageProvider::provider_deadlines(provider.clone()) {
		if Some(info.index) == skip {
			continue;
		}
		let window = info.window;
		let required = window.open > active_since && window.open <= now && now < window.close;
		if info.sectors.is_empty() || info.proven || !required {
			continue;
		}
		let proofs: Vec<_> = info
			.sectors
			.iter()
			.map(|&s| proof(provider, s, window.challenge, ChallengePurpose::WindowPoSt))
			.collect();
		assert_ok!(StorageProvider::submit_windowed_post(
			RuntimeOrigin::signed(provider.clone()),
			info.index,
			BoundedVec::truncate_from(proofs),
		));
	}
}

/// Gives `who` session keys (generated in the test keystore, with their proof of possession)
/// and registers it as a collator candidate.
fn become_candidate(who: &AccountId) {
	let generated = SessionKeys::generate(&who.encode(), None);
	assert_ok!(Session::set_keys(
		RuntimeOrigin::signed(who.clone()),
		generated.keys,
		generated.proof.encode(),
	));
	assert_ok!(PowerSelection::register_as_candidate(RuntimeOrigin::signed(who.clone())));
}

fn raw_power(miner: &AccountId) -> u128 {
	CollatorPower::miner_claim(miner.clone()).map(|c| c.raw_bytes_power).unwrap_or_default()
}

fn collator_power(collator: &AccountId) -> u128 {
	pallet_collator_power::Pallet::<Runtime>::get_collator_power(collator)
}

/// The drawn collators of the latest planned session, with their power at the draw.
fn planned_draw() -> Vec<(AccountId, u128)> {
	pallet_power_selection::PlannedSelection::<Runtime>::get()
		.map(|s| s.drawn.into_inner())
		.unwrap_or_default()
}

#[test]
fn storage_power_backs_a_collator_from_proof_to_leave() {
	let mut chain = Chain::development();
	let (charlie, eve, ferdie) = (account(Charlie), account(Eve), account(Ferdie));

	// Two candidates: Eve will be backed, Ferdie will not.
	chain.block(|| {
		become_candidate(&eve);
		become_candidate(&ferdie);
	});

	// Charlie, a storage provider from the genesis preset, proves two 2 KiB sectors of real data.
	let active_since = onboard(&mut chain, &charlie, &[1, 2]);
	chain.execute(|| {
		assert_eq!(raw_power(&charlie), 2 * SECTOR_BYTES);
		assert_eq!(StorageProvider::provider_power(charlie.clone()), 2 * SECTOR_BYTES);
	});

	// It delegates all of it to Eve.
	chain.block(|| {
		assert_ok!(dispatch_as(
			&charlie,
			pallet_collator_power::Call::<Runtime>::delegate_power {
				collator: eve.clone(),
				amount: 2 * SECTOR_BYTES,
			},
		));
	});
	chain.execute(|| assert_eq!(collator_power(&eve), 2 * SECTOR_BYTES));

	// Sessions rotate while Charlie keeps proving. The draw's inputs are frozen `FreezeLead`
	// blocks before each session change, so the delegation counts from the first freeze after it:
	// the change after next. From then on Eve is drawn every session and Ferdie (no power) never;
	// Eve ends up a validator, authoring blocks through Aura.
	let first = chain.execute(Session::current_index) + 2;
	while chain.execute(Session::current_index) < first {
		chain.block(|| prove_open_deadlines(&charlie, active_since));
	}
	for _ in 0..3 {
		let session = chain.execute(Session::current_index);
		while chain.execute(Session::current_index) == session {
			chain.block(|| prove_open_deadlines(&charlie, active_since));
			chain.execute(|| {
				let draw = planned_draw();
				assert!(draw.iter().all(|(who, _)| *who != ferdie), "a powerless candidate won");
				assert!(draw.contains(&(eve.clone(), 2 * SECTOR_BYTES)), "Eve not drawn: {draw:?}");
			});
		}
	}
	chain.execute(|| {
		assert!(Session::validators().contains(&eve), "Eve collates");
		assert!(!Session::validators().contains(&ferdie));
	});
	chain.try_state();

	// Charlie stops proving. When sector 1's deadline closes without a PoSt, the sector turns
	// faulty, Charlie's power is cut by 2 KiB, and its delegation to Eve is scaled by the same
	// ratio, 1/2.
	let sector_1_deadline = chain.execute(|| {
		pallet_storage_provider::Sectors::<Runtime>::get(&charlie, 1).expect("active").deadline
	});
	let close = chain.execute(|| {
		StorageProvider::provider_deadlines(charlie.clone())
			.into_iter()
			.find(|d| d.index == sector_1_deadline)
			.expect("the deadline exists")
			.window
			.close
	});
	chain.run_to(close);
	chain.execute(|| {
		assert_eq!(raw_power(&charlie), SECTOR_BYTES);
		assert_eq!(collator_power(&eve), SECTOR_BYTES);
		let claim = CollatorPower::miner_claim(charlie.clone()).expect("a miner");
		assert_eq!(claim.staked_power.get(&eve), Some(&SECTOR_BYTES));
	});

	// The first draw frozen after the cut sees the cut power. Until then Charlie keeps proving its
	// other deadlines (sector 2 stays active).
	let mut freeze_after_cut = None;
	loop {
		chain
			.block(|| prove_open_deadlines_except(&charlie, active_since, Some(sector_1_deadline)));
		let (now, freeze) = chain
			.execute(|| (System::block_number(), pallet_power_selection::Freeze::<Runtime>::get()));
		if freeze_after_cut.is_none() {
			freeze_after_cut = freeze.filter(|_| now > close).map(|f| f.at);
		}
		if freeze_after_cut.is_some_and(|at| now >= at) {
			break;
		}
	}
	chain.execute(|| {
		let draw = planned_draw();
		assert!(
			draw.contains(&(eve.clone(), SECTOR_BYTES)),
			"Eve drawn with her cut power: {draw:?}"
		);
	});

	// Eve leaves: her power is zero at once, and every delegation to her returns to its miner in
	// `on_idle` (collator-power removes a collator's stakes lazily, metered by weight).
	chain.block(|| {
		assert_ok!(PowerSelection::leave_intent(RuntimeOrigin::signed(eve.clone())));
		assert_eq!(collator_power(&eve), 0);
	});
	chain.blocks(1);
	chain.execute(|| {
		assert_eq!(
			CollatorPower::miner_undelegated_power(charlie.clone()),
			Some(raw_power(&charlie))
		);
	});
	chain.try_state();
}

#[test]
fn selection_frequency_follows_power() {
	let mut chain = Chain::development();
	let charlie = account(Charlie);
	let candidates = [account(Eve), account(Ferdie), account(One)];
	// Shares of Charlie's 2 KiB: 60%, 30% and 10%.
	let stakes = [1229u128, 614, 205];

	chain.block(|| {
		for who in &candidates {
			become_candidate(who);
		}
		// Two invulnerables and one drawn seat.
		assert_ok!(dispatch_root(pallet_power_selection::Call::<Runtime>::set_desired_collators {
			desired: 3
		}));
	});
	let active_since = onboard(&mut chain, &charlie, &[1]);
	chain.block(|| {
		for (who, stake) in candidates.iter().zip(stakes) {
			assert_ok!(dispatch_as(
				&charlie,
				pallet_collator_power::Call::<Runtime>::delegate_power {
					collator: who.clone(),
					amount: stake,
				},
			));
		}
	});

	// Rotate many sessions (10 blocks each for this test: the draw's inputs freeze over the 9
	// before a change) and count who is drawn, from the first draw frozen after the delegations.
	chain.execute(|| chain_params::Timings::<Runtime>::mutate(|t| t.session_length = 10));
	let warm_up = chain.execute(Session::current_index) + 2;
	while chain.execute(Session::current_index) < warm_up {
		chain.block(|| prove_open_deadlines(&charlie, active_since));
	}
	const SESSIONS: u32 = 150;
	let mut wins = [0u32; 3];
	let mut last_session = chain.execute(Session::current_index);
	while wins.iter().sum::<u32>() < SESSIONS {
		chain.block(|| prove_open_deadlines(&charlie, active_since));
		let (session, draw) = chain.execute(|| (Session::current_index(), planned_draw()));
		if session != last_session {
			last_session = session;
			assert_eq!(draw.len(), 1, "one drawn seat");
			let winner = candidates.iter().position(|c| *c == draw[0].0).expect("a candidate");
			wins[winner] += 1;
		}
	}
	// Expected 90, 45 and 15 of 150; each within about four standard deviations.
	assert!((65..=115).contains(&wins[0]), "the 60% candidate won {wins:?}");
	assert!((25..=65).contains(&wins[1]), "the 30% candidate won {wins:?}");
	assert!((3..=30).contains(&wins[2]), "the 10% candidate won {wins:?}");
	assert!(wins[0] > wins[1] && wins[1] > wins[2], "frequency follows power: {wins:?}");
	chain.try_state();
}

#[test]
fn genesis_storage_providers_are_miners() {
	let mut chain = Chain::development();
	chain.execute(|| {
		for provider in [account(Charlie), account(Dave)] {
			assert!(StorageProvider::storage_provider(provider.clone()).is_some());
			assert_eq!(CollatorPower::miner_claim(provider).map(|c| c.raw_bytes_power), Some(0));
		}
	});
	chain.blocks(3);
	chain.try_state();
}

/// A storage provider's miner stays while the provider is registered; unregistering (with no
/// sectors) removes both and releases the miner deposit.
#[test]
fn a_storage_provider_keeps_its_miner_until_it_unregisters() {
	let mut chain = Chain::development();
	let provider = account(Charlie);
	chain.block(|| {
		let refused =
			dispatch_as(&provider, pallet_collator_power::Call::<Runtime>::remove_miner {});
		assert_eq!(
			refused.map_err(|e| e.error),
			Err(pallet_collator_power::Error::<Runtime>::MinerInUse.into())
		);
		let free = pallet_balances::Pallet::<Runtime>::free_balance(&provider);
		assert_ok!(dispatch_as(
			&provider,
			pallet_storage_provider::Call::<Runtime>::unregister_storage_provider {}
		));
		assert!(StorageProvider::storage_provider(provider.clone()).is_none());
		assert!(CollatorPower::miner_claim(provider.clone()).is_none());
		let deposit: power_runtime::Balance =
			<Runtime as pallet_collator_power::Config>::MinerDeposit::get();
		assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&provider), free + deposit);
	});
	chain.blocks(2);
	chain.try_state();
}

/// The storage-provider hook, with the generated weights and the production timings (the
/// defaults `integrity_test` runs with): a block's worth of worst deadline closes and a worst
/// expiry fit the queue budget, and the whole hook fits a quarter of a block.
#[test]
fn the_storage_provider_hook_fits_its_share_of_the_block() {
	use frame_support::traits::Hooks;
	use pallet_storage_provider::QueueLane;
	sp_io::TestExternalities::default().execute_with(|| {
		assert_eq!(chain_params::DeadlineCount::get(), 48);
		type Sp = pallet_storage_provider::Pallet<Runtime>;
		let close = Sp::worst_entry_weight(QueueLane::Closes);
		let expiry = Sp::worst_entry_weight(QueueLane::Expiries);
		let budget = power_runtime::configs::MaxQueueWeight::get();
		let per_block: u32 =
			<Runtime as pallet_storage_provider::Config>::MaxQueueEntriesPerBlock::get();
		println!("worst close {close:?}, worst expiry {expiry:?}, budget {budget:?}");
		assert!((close.saturating_mul(per_block.into()) + expiry).all_lte(budget));
		let block = power_runtime::MAXIMUM_BLOCK_WEIGHT;
		assert!(Sp::on_initialize_worst_weight()
			.all_lte(pallet_storage_provider::MAX_HOOK_SHARE * block));
		Sp::integrity_test();
	});
}
