//! The mock runtime of the storage-provider tests: collator-power, balances, 2 KiB sectors really
//! sealed (2 layers, 8 prove-commit challenges in 2 batches of 4) with real column openings and
//! real Merkle proofs of their replicas, and a 60-block proving period of 3 deadlines of 20
//! blocks.

use crate::{self as pallet_storage_provider, *};
use codec::Encode;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		tokens::imbalance::ResolveTo, ConstU128, ConstU32, ConstU64, Contains, Hooks, Randomness,
	},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use power_primitives::{
	porep::{self, SdrParams, Sealed},
	proofs::{self, ChallengePurpose},
};
use sp_core::H256;
use sp_runtime::{BuildStorage, Perbill};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;

/// Account ids in the mock.
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		CollatorPower: pallet_collator_power,
		StorageProvider: pallet_storage_provider,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// Collator candidates are the accounts 100..200.
pub struct Candidates;

impl Contains<AccountId> for Candidates {
	fn contains(who: &AccountId) -> bool {
		(100..200).contains(who)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_collator_power::BenchmarkHelper<AccountId> for Candidates {
	fn collator(index: u32) -> AccountId {
		100 + AccountId::from(index % 100)
	}
}

/// The collator-power miner deposit.
pub const MINER_DEPOSIT: u64 = 100;

impl pallet_collator_power::Config for Test {
	type StoragePower = u128;
	type CollatorId = AccountId;
	type CollatorRegistry = Candidates;
	type MinerInUse = StorageProvider;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinerDeposit = ConstU64<MINER_DEPOSIT>;
	type MaxDelegationsPerMiner = ConstU32<3>;
	type MaxDelegatorsPerCollator = ConstU32<3>;
	// The runtime's minimum stake (a sixteenth of a 2 KiB sector), so the benchmarks run as tests
	// meet it as they do in the runtime.
	type MinDelegation = ConstU128<128>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Candidates;
}

/// Deterministic randomness: `blake2(subject ‖ block number ‖ parent hash)`. It changes every
/// block and with the subject, like a real source, and is reproducible in tests.
pub struct MockRandomness;

impl Randomness<H256, BlockNumberFor<Test>> for MockRandomness {
	fn random(subject: &[u8]) -> (H256, BlockNumberFor<Test>) {
		let block = System::block_number();
		let hash = sp_io::hashing::blake2_256(&(subject, block, System::parent_hash()).encode());
		(H256(hash), block)
	}
}

/// Where slashed collateral goes.
pub const TREASURY: AccountId = 999;
/// The deposit per KiB: a 2 KiB sector's deposit and pledge is 100.
pub const DEPOSIT_PER_KIB: u64 = 50;
/// A 2 KiB sector's deposit.
pub const SECTOR_DEPOSIT: u64 = 100;
/// The power of a 2 KiB sector.
pub const SECTOR_POWER: u128 = 2048;
/// Challenges per proof.
pub const CHALLENGES: u32 = 4;
/// The proving period.
pub const PROVING_PERIOD: u64 = 60;
/// A deadline's window.
pub const WINDOW: u64 = 20;
/// The challenge lookback.
pub const LOOKBACK: u64 = 4;
/// The fault declaration cutoff.
pub const CUTOFF: u64 = 6;
/// How long a sector may stay faulty.
pub const FAULT_MAX_AGE: u64 = 120;
/// The prove-commit randomness delay.
pub const CHALLENGE_DELAY: u64 = 5;
/// The longest wait for a prove-commit.
pub const MAX_PROVE_COMMIT: u64 = 30;
/// The shortest sector lifetime.
pub const MIN_LIFETIME: u64 = 50;
/// The longest sector lifetime.
pub const MAX_LIFETIME: u64 = 1000;
/// The most sectors per deadline.
pub const MAX_PER_DEADLINE: u32 = 8;
pub const TICKET_AGE: u64 = 10;
pub const MAX_SEAL_BATCH_BYTES: u32 = 32 * 1024;

/// The mock's 2 KiB sealing: 2 layers, 8 challenges in 2 batches of 4.
pub const MOCK_SEAL: SdrParams = SdrParams {
	version: porep::SDR_VERSION,
	layers: 2,
	porep_challenges: 8,
	challenges_per_batch: 4,
	post_challenges: CHALLENGES,
};
pub const BATCHES: u32 = 2;

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub static MaxQueueEntriesPerBlock: u32 = 8;
	pub static MaxQueueWeight: Weight = DEFAULT_QUEUE_WEIGHT;
	pub const FaultFee: Perbill = Perbill::from_percent(10);
	pub const UndetectedFaultFee: Perbill = Perbill::from_percent(25);
	pub const TerminationFee: Perbill = Perbill::from_percent(20);
	pub static Seal2KiB: Option<SdrParams> = Some(MOCK_SEAL);
}

/// 2 KiB sectors are sealed with [`Seal2KiB`]; no other size has parameters.
pub struct MockSealParams;

impl sp_runtime::traits::Convert<SectorSize, Option<SdrParams>> for MockSealParams {
	fn convert(size: SectorSize) -> Option<SdrParams> {
		match size {
			SectorSize::Size2KiB => Seal2KiB::get(),
			_ => None,
		}
	}
}

impl pallet_storage_provider::Config for Test {
	type Collateral = Balances;
	type OnSlash = ResolveTo<Treasury, Balances>;
	type Randomness = MockRandomness;
	type ProofVerifier = MerkleVerifier;
	type SealVerifier = SdrVerifier;
	type SealParams = MockSealParams;
	type MaxSealBatchBytes = ConstU32<MAX_SEAL_BATCH_BYTES>;
	type MaxSealTicketAge = ConstU64<TICKET_AGE>;
	type ProvingPeriod = ConstU64<PROVING_PERIOD>;
	type DeadlineCount = ConstU32<3>;
	type MaxDeadlineCount = ConstU32<4>;
	type ChallengeWindow = ConstU64<WINDOW>;
	type ChallengeLookback = ConstU64<LOOKBACK>;
	type FaultDeclarationCutoff = ConstU64<CUTOFF>;
	type FaultMaxAge = ConstU64<FAULT_MAX_AGE>;
	type PreCommitChallengeDelay = ConstU64<CHALLENGE_DELAY>;
	type MaxProveCommitDuration = ConstU64<MAX_PROVE_COMMIT>;
	type MinSectorLifetime = ConstU64<MIN_LIFETIME>;
	type MaxSectorLifetime = ConstU64<MAX_LIFETIME>;
	type ChallengesPerProof = ConstU32<CHALLENGES>;
	type MaxSectorsPerCall = ConstU32<4>;
	type MaxSectorsPerDeadline = ConstU32<MAX_PER_DEADLINE>;
	type MaxProofBytes = ConstU32<1024>;
	type MaxPeerIdLength = ConstU32<64>;
	type MaxQueueEntriesPerBlock = MaxQueueEntriesPerBlock;
	type MaxQueueSpill = ConstU32<4>;
	type MaxQueueWeight = MaxQueueWeight;
	type DepositPerKiB = ConstU64<DEPOSIT_PER_KIB>;
	type FaultFee = FaultFee;
	type UndetectedFaultFee = UndetectedFaultFee;
	type TerminationFee = TerminationFee;
	type WeightInfo = ();
}

/// The mock's queue budget: a fifth of the mock block (1 s of ref time), enough for 8 worst
/// closes and a worst expiry with the runtime's benchmarked weights.
pub const DEFAULT_QUEUE_WEIGHT: Weight = Weight::from_parts(200_000_000_000, 4 * 1024 * 1024);

/// Providers in the tests.
pub const ALICE: AccountId = 1;
/// A second provider.
pub const BOB: AccountId = 2;
/// A third account.
pub const CHARLIE: AccountId = 3;
/// An account with no funds.
pub const POOR: AccountId = 9;
/// A collator candidate.
pub const COLLATOR: AccountId = 101;
/// What every endowed account starts with.
pub const ENDOWMENT: u64 = 100_000;

/// Builds the test externalities.
pub struct ExtBuilder {
	queue_per_block: u32,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { queue_per_block: 8 }
	}
}

impl ExtBuilder {
	/// Sets `MaxQueueEntriesPerBlock`.
	pub fn queue_per_block(mut self, max: u32) -> Self {
		self.queue_per_block = max;
		self
	}

	/// Builds the externalities at block 1 (its `on_initialize` has run), without running any
	/// test.
	pub fn build(self) -> sp_io::TestExternalities {
		MaxQueueEntriesPerBlock::set(self.queue_per_block);
		MaxQueueWeight::set(DEFAULT_QUEUE_WEIGHT);
		Seal2KiB::set(Some(MOCK_SEAL));
		SEALED.with(|sealed| sealed.borrow_mut().clear());
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![
				(ALICE, ENDOWMENT),
				(BOB, ENDOWMENT),
				(CHARLIE, ENDOWMENT),
				(TREASURY, 1),
			],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			StorageProvider::on_initialize(1);
		});
		ext
	}

	/// Builds the externalities, runs `test`, then checks both pallets' invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			StorageProvider::do_try_state().expect("try_state must hold after the test");
			CollatorPower::do_try_state().expect("collator-power try_state must hold");
		});
	}
}

/// Runs the hooks of every block up to `n`, checking the invariants after each.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		StorageProvider::on_initialize(next);
		StorageProvider::do_try_state().expect("try_state holds after every block");
	}
}

/// The data of `provider`'s sector `sector_number`: 2 KiB, distinct per sector.
pub fn sector_data(provider: AccountId, sector_number: u64) -> Vec<u8> {
	(0..64u32)
		.flat_map(|leaf| sp_io::hashing::blake2_256(&(provider, sector_number, leaf).encode()))
		.collect()
}

thread_local! {
	/// Every sector sealed in this test, by provider, sector number and replica commitment: the
	/// provider's copy of its replica and layers, as its tooling keeps them. A sector number may
	/// be sealed again (a pre-commit that failed or expired): the replica commitment in storage
	/// says which seal is the one on chain.
	static SEALED: RefCell<BTreeMap<(AccountId, u64, [u8; 32]), Sealed>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// The sealing ticket of `ticket_block` (its recorded challenge seed).
pub fn ticket(ticket_block: u64) -> [u8; 32] {
	ChallengeSeeds::<Test>::get(ticket_block).expect("the ticket's seed is recorded")
}

/// Seals `data` as `provider`'s sector `sector_number` on the ticket of `ticket_block`, keeps
/// the result for later proofs and returns its pre-commit.
pub fn seal_data(
	provider: AccountId,
	sector_number: u64,
	data: &[u8],
	ticket_block: u64,
	expiration: u64,
) -> SectorPreCommitInfo<u64> {
	let comm_d = proofs::commit(data).unwrap();
	let params = Seal2KiB::get().expect("2 KiB sectors are sealable");
	let replica_id = porep::replica_id(
		&provider.encode(),
		sector_number,
		&ticket(ticket_block),
		&comm_d,
		params.version,
	);
	let sealed = porep::seal(data, &replica_id, &params).unwrap();
	let info = SectorPreCommitInfo {
		sector_number,
		seal_ticket_block: ticket_block,
		comm_d,
		comm_c: sealed.comm_c(),
		comm_r_last: sealed.comm_r_last(),
		expiration,
	};
	SEALED.with(|all| all.borrow_mut().insert((provider, sector_number, info.comm_r_last), sealed));
	info
}

/// [`seal_data`] of [`sector_data`] on the current block's ticket.
pub fn seal(provider: AccountId, sector_number: u64, expiration: u64) -> SectorPreCommitInfo<u64> {
	let now = System::block_number();
	seal_data(provider, sector_number, &sector_data(provider, sector_number), now, expiration)
}

/// Runs `f` on the seal of `provider`'s sector `sector_number` that is on chain (pre-committed or
/// proven).
fn sealed<R>(provider: AccountId, sector_number: u64, f: impl FnOnce(&Sealed) -> R) -> R {
	let comm_r_last = PreCommittedSectors::<Test>::get(provider, sector_number)
		.map(|pre_commit| pre_commit.comm_r_last)
		.or_else(|| Sectors::<Test>::get(provider, sector_number).map(|s| s.comm_r_last))
		.expect("the sector is on chain");
	SEALED.with(|all| {
		f(all
			.borrow()
			.get(&(provider, sector_number, comm_r_last))
			.expect("the sector was sealed by `seal_data`"))
	})
}

/// The replica `provider` stores for its sealed sector `sector_number`.
pub fn replica(provider: AccountId, sector_number: u64) -> Vec<u8> {
	sealed(provider, sector_number, |s| s.replica().concat())
}

/// The proof of batch `batch` of `provider`'s pre-committed sector `sector_number`, from its
/// real seal, against the seed of `seed_block` for `purpose` (honest: the pre-commit block plus
/// `CHALLENGE_DELAY`, for `ProveCommit`).
pub fn seal_proof_for(
	provider: AccountId,
	sector_number: u64,
	seed_block: u64,
	purpose: ChallengePurpose,
	batch: u32,
) -> SealBatchProof<ConstU32<MAX_SEAL_BATCH_BYTES>> {
	let seed = proofs::challenge_seed(&ticket(seed_block), &provider.encode(), purpose);
	let proof = sealed(provider, sector_number, |s| s.prove_batch_encoded(&seed, batch).unwrap());
	SealBatchProof { sector_number, batch, proof: proof.try_into().expect("the batch fits") }
}

/// The honest proof of batch `batch` of a sector pre-committed at `pre_commit_block`.
pub fn seal_proof_at(
	provider: AccountId,
	sector_number: u64,
	pre_commit_block: u64,
	batch: u32,
) -> SealBatchProof<ConstU32<MAX_SEAL_BATCH_BYTES>> {
	let seed_block = pre_commit_block + CHALLENGE_DELAY;
	seal_proof_for(provider, sector_number, seed_block, ChallengePurpose::ProveCommit, batch)
}

/// [`seal_proof_at`] for the sector's pre-commit block, read from storage.
pub fn seal_proof(
	provider: AccountId,
	sector_number: u64,
	batch: u32,
) -> SealBatchProof<ConstU32<MAX_SEAL_BATCH_BYTES>> {
	let pre_commit =
		PreCommittedSectors::<Test>::get(provider, sector_number).expect("pre-committed");
	seal_proof_at(provider, sector_number, pre_commit.pre_commit_block, batch)
}

/// A PoSt proof (or any Merkle proof) over `data` for the seed of `seed_block`.
pub fn proof_from(
	provider: AccountId,
	sector_number: u64,
	data: &[u8],
	seed_block: u64,
	purpose: ChallengePurpose,
) -> SectorProof<ConstU32<1024>> {
	let block_seed = ChallengeSeeds::<Test>::get(seed_block).expect("the seed is recorded");
	let seed = proofs::challenge_seed(&block_seed, &provider.encode(), purpose);
	let proof = proofs::prove(data, &seed, sector_number, CHALLENGES).unwrap();
	SectorProof {
		sector_number,
		proof: proofs::encode_proof(&proof).try_into().expect("the proof fits"),
	}
}

/// The honest windowed PoSt proof of `provider`'s sector: leaves of its replica.
pub fn proof(
	provider: AccountId,
	sector_number: u64,
	seed_block: u64,
	purpose: ChallengePurpose,
) -> SectorProof<ConstU32<1024>> {
	proof_from(provider, sector_number, &replica(provider, sector_number), seed_block, purpose)
}

pub fn events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::StorageProvider(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Stops the queue: `on_initialize` processes nothing until [`restart_queue`].
pub fn stop_queue() {
	MaxQueueWeight::set(Weight::zero());
}

/// Lets the queue run again after [`stop_queue`].
pub fn restart_queue() {
	MaxQueueWeight::set(DEFAULT_QUEUE_WEIGHT);
}
