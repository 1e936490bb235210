//! # Storage provider pallet
//!
//! Storage providers commit sectors of data, hold collateral for them, and prove again and again
//! that they still store them. Their proven bytes are their storage power in
//! [`pallet_collator_power`], which they may delegate to collators.
//!
//! - [`Pallet::register_storage_provider`] registers a provider (and its collator-power miner).
//! - [`Pallet::pre_commit_sectors`] commits to sealed replicas of sectors' data and holds a
//!   deposit per sector.
//! - [`Pallet::prove_commit_sectors`] proves the sealing, in ordered batches, within
//!   [`Config::MaxProveCommitDuration`]: with its last batch the deposit becomes the sector's
//!   pledge, the sector joins a proving deadline, and the provider's power grows.
//! - [`Pallet::submit_windowed_post`] proves a deadline's sectors once per proving period.
//! - [`Pallet::declare_faults`], [`Pallet::declare_faults_recovered`] and
//!   [`Pallet::terminate_sectors`] manage sectors that are lost, back, or no longer wanted.
//!
//! Everything that happens because time passed (an unproven pre-commit, a deadline that closes
//! without a proof, a sector that stays faulty too long, a sector that expires) is scheduled in a
//! per-block queue when it becomes possible, and [`Hooks::on_initialize`] processes the entries
//! due, metered by weight (at most [`Config::MaxQueueWeight`] per block), deadline closes first.
//! A block is given at most [`Config::MaxQueueEntriesPerBlock`] entries per lane; more spill to
//! the next blocks. Nothing scans all providers or all sectors.
//!
//! A sector is a **sealed replica** (Stacked DRG, [`power_primitives::porep`]): its prove-commit
//! opens challenged label columns, checked through [`Config::SealVerifier`] with the parameters
//! [`Config::SealParams`] gives its size (a size without parameters cannot be registered, so it
//! gets no power). Windowed PoSts are Merkle inclusion proofs of the replica's leaves
//! ([`power_primitives::proofs`]), checked through [`Config::ProofVerifier`]. See the README for the lifecycle, the economics and the randomness.
//!
//! This pallet is tightly coupled to [`pallet_collator_power`]: its [`Config`] requires
//! [`pallet_collator_power::Config`] and it is the only caller of
//! [`pallet_collator_power::Pallet::update_miner_power`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use power_primitives::{
	porep::{SdrParams, SdrVerifier, SealVerifier},
	proofs::{MerkleVerifier, ProofVerifier},
};
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod deadline;
#[cfg(test)]
mod mock;
mod proving;
mod queue;
mod sectors;
#[cfg(test)]
mod tests;
pub mod types;
/// The benchmarked weights. Proof checks are measured at the deepest tree a provider can prove
/// (the largest sector size whose proofs fit `MaxProofBytes`). The calls' weight expressions add,
/// on top of these, the collator-power update each call may make and the settling of earlier
/// deadline windows (see [`Pallet::prove_commit_weight`] and its siblings).
pub mod weights;

/// The balance type of the collateral.
pub type CollateralOf<T> =
	<<T as Config>::Collateral as frame_support::traits::fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;

/// A slashed amount of collateral, handed to [`Config::OnSlash`].
pub type CreditOf<T> = frame_support::traits::fungible::Credit<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Collateral,
>;

/// The storage power type of collator-power.
pub type PowerOf<T> = <T as pallet_collator_power::Config>::StoragePower;

/// The most closed windows of one deadline a call settles (see [`Pallet::settle_deadline`]). The
/// queue serves closes first and a block's closes fit its budget, so a deadline lags by more than
/// one window only if the chain overfilled a block; a call settles up to this many and charges
/// for them (refunding what it did not use).
pub const MAX_SETTLED_WINDOWS: u32 = 3;

/// The share of a block the worst `on_initialize` (the seed and the whole queue budget) may take,
/// in ref time and proof size; checked by `integrity_test`.
pub const MAX_HOOK_SHARE: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(25);

/// The queue entry type of a runtime.
pub type QueueEntryOf<T> = QueueEntry<
	<T as frame_system::Config>::AccountId,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, OnUnbalanced, Randomness},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration.
	///
	/// Its `WeightInfo` shares its name with collator-power's: write `<T as Config>::WeightInfo`.
	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ pallet_collator_power::Config<RuntimeHoldReason: From<HoldReason>>
	{
		/// The currency the collateral is held in, with the runtime's hold reason (the same one
		/// collator-power uses). Slashes are taken from holds as credits.
		type Collateral: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<
				Self::AccountId,
				Reason = <Self as pallet_collator_power::Config>::RuntimeHoldReason,
			> + fungible::BalancedHold<Self::AccountId>;

		/// Where slashed collateral goes.
		type OnSlash: OnUnbalanced<CreditOf<Self>>;

		/// The source of challenge randomness. Its value is recorded once per block (see
		/// [`ChallengeSeeds`]); it must change every block and be unpredictable before it.
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// Verifies windowed PoSts: [`MerkleVerifier`] for Merkle inclusion proofs of replica
		/// leaves.
		type ProofVerifier: ProofVerifier;

		/// Verifies prove-commit batches: [`SdrVerifier`] opens challenged label columns. A SNARK
		/// over the same relation can replace it without changing storage.
		type SealVerifier: SealVerifier;

		/// The sealing parameters of each sector size (layers, challenges, batch size). A size
		/// without parameters cannot be registered: it gets no power.
		type SealParams: sp_runtime::traits::Convert<SectorSize, Option<SdrParams>>;

		/// The largest prove-commit batch proof, in bytes. Every sealable size's largest batch
		/// must fit (checked by `integrity_test`).
		#[pallet::constant]
		type MaxSealBatchBytes: Get<u32>;

		/// How old, in blocks, the sealing ticket named at pre-commit may be. At most the seed
		/// retention (it is read from [`ChallengeSeeds`]).
		#[pallet::constant]
		type MaxSealTicketAge: Get<BlockNumberFor<Self>>;

		/// The length of a proving period, in blocks: every sector is proven once per period.
		#[pallet::constant]
		type ProvingPeriod: Get<BlockNumberFor<Self>>;

		/// How many deadlines a proving period has. At most `MaxDeadlineCount`.
		#[pallet::constant]
		type DeadlineCount: Get<u32>;

		/// The most deadlines any chain running this pallet may have: the bound of a provider's
		/// per-deadline sector counts ([`ProviderInfo::deadline_sectors`]).
		#[pallet::constant]
		type MaxDeadlineCount: Get<u32>;

		/// How long a deadline's window is open. `ChallengeWindow × DeadlineCount` must equal
		/// `ProvingPeriod`.
		#[pallet::constant]
		type ChallengeWindow: Get<BlockNumberFor<Self>>;

		/// How many blocks before a window opens its challenge randomness is drawn.
		#[pallet::constant]
		type ChallengeLookback: Get<BlockNumberFor<Self>>;

		/// How many blocks before a window opens faults of its sectors can no longer be declared.
		/// At least `ChallengeLookback`, so faults are declared before the challenge is known.
		#[pallet::constant]
		type FaultDeclarationCutoff: Get<BlockNumberFor<Self>>;

		/// How long a sector may stay faulty before it is terminated.
		#[pallet::constant]
		type FaultMaxAge: Get<BlockNumberFor<Self>>;

		/// How many blocks after a pre-commit the randomness of its prove-commit is drawn.
		#[pallet::constant]
		type PreCommitChallengeDelay: Get<BlockNumberFor<Self>>;

		/// How many blocks after a pre-commit it must be proven, or its deposit is slashed.
		#[pallet::constant]
		type MaxProveCommitDuration: Get<BlockNumberFor<Self>>;

		/// The shortest lifetime a sector may have (from its pre-commit).
		#[pallet::constant]
		type MinSectorLifetime: Get<BlockNumberFor<Self>>;

		/// The longest lifetime a sector may have (from its pre-commit).
		#[pallet::constant]
		type MaxSectorLifetime: Get<BlockNumberFor<Self>>;

		/// How many leaves each proof of a sector answers.
		#[pallet::constant]
		type ChallengesPerProof: Get<u32>;

		/// How many sectors one call may name.
		#[pallet::constant]
		type MaxSectorsPerCall: Get<u32>;

		/// How many sectors one deadline may hold. A provider may have at most
		/// `DeadlineCount × MaxSectorsPerDeadline` sectors, pre-commits included.
		#[pallet::constant]
		type MaxSectorsPerDeadline: Get<u32>;

		/// The largest proof of one sector, in bytes.
		#[pallet::constant]
		type MaxProofBytes: Get<u32>;

		/// The longest peer id, in bytes.
		#[pallet::constant]
		type MaxPeerIdLength: Get<u32>;

		/// How many entries one block may be given in each queue lane. An entry due at a full
		/// block spills to the next block with room (see `MaxQueueSpill`).
		#[pallet::constant]
		type MaxQueueEntriesPerBlock: Get<u32>;

		/// How many blocks after its due block an entry may spill to. If they are all full, the
		/// entry goes to the last of them anyway (the queue is metered by weight, so an overfull
		/// block only makes the queue lag).
		#[pallet::constant]
		type MaxQueueSpill: Get<u32>;

		/// The weight `on_initialize` may spend on the queue per block (the seed comes on top).
		/// It must hold `MaxQueueEntriesPerBlock` worst deadline closes plus one worst expiry,
		/// so the closes due at a block are all processed in it (checked by `integrity_test`).
		#[pallet::constant]
		type MaxQueueWeight: Get<Weight>;

		/// The pre-commit deposit per KiB of sector size; it becomes the sector's pledge.
		#[pallet::constant]
		type DepositPerKiB: Get<CollateralOf<Self>>;

		/// The fee, as a fraction of a sector's initial pledge, for every deadline close at which
		/// the sector is faulty (declared, or already detected).
		#[pallet::constant]
		type FaultFee: Get<Perbill>;

		/// The fee, as a fraction of the initial pledge, for a fault detected by a missed PoSt.
		/// At least `FaultFee`.
		#[pallet::constant]
		type UndetectedFaultFee: Get<Perbill>;

		/// The fee, as a fraction of the initial pledge, for terminating a sector early.
		#[pallet::constant]
		type TerminationFee: Get<Perbill>;

		/// Weights of the calls and the hook, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a pre-committed sector.
		#[codec(index = 0)]
		PreCommitDeposit,
		/// The pledge of a proven sector.
		#[codec(index = 1)]
		SectorPledge,
	}

	/// Every registered storage provider.
	#[pallet::storage]
	pub type StorageProviders<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProviderInfo<T>, OptionQuery>;

	/// The pre-committed sectors waiting for their proof, by provider and sector number.
	#[pallet::storage]
	pub type PreCommittedSectors<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		SectorNumber,
		PreCommit<T>,
		OptionQuery,
	>;

	/// The proven sectors, by provider and sector number.
	#[pallet::storage]
	pub type Sectors<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		SectorNumber,
		Sector<T>,
		OptionQuery,
	>;

	/// The proving deadlines of every provider that has sectors, by provider and index.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		DeadlineIndex,
		DeadlineState<T>,
		OptionQuery,
	>;

	/// The work scheduled for each lane and block, by position.
	#[pallet::storage]
	pub type Queue<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		(QueueLane, BlockNumberFor<T>),
		Twox64Concat,
		u32,
		QueueEntryOf<T>,
		OptionQuery,
	>;

	/// How many entries were scheduled for each lane and block (the next free position), at
	/// most `MaxQueueEntriesPerBlock` unless every spill block was full.
	#[pallet::storage]
	pub type QueueLength<T: Config> =
		StorageMap<_, Twox64Concat, (QueueLane, BlockNumberFor<T>), u32, ValueQuery>;

	/// The next entry to process in each lane: a block and a position. Entries before it are
	/// done.
	#[pallet::storage]
	pub type QueueCursor<T: Config> =
		StorageMap<_, Twox64Concat, QueueLane, (BlockNumberFor<T>, u32), OptionQuery>;

	/// The challenge seed of each recent block, recorded in its `on_initialize` from
	/// [`Config::Randomness`] and kept for [`Pallet::seed_retention`] blocks.
	#[pallet::storage]
	pub type ChallengeSeeds<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, [u8; 32], OptionQuery>;

	/// Storage providers registered at genesis, for development and test chains.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(provider, sector size, peer id)`: each is registered as by
		/// `register_storage_provider`, creating its collator-power miner (and holding that
		/// deposit) when it has none.
		pub providers: alloc::vec::Vec<(T::AccountId, SectorSize, alloc::vec::Vec<u8>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (provider, sector_size, peer_id) in &self.providers {
				let peer_id = BoundedVec::try_from(peer_id.clone())
					.unwrap_or_else(|_| panic!("genesis peer id of {provider:?} is too long"));
				Pallet::<T>::do_register(provider, *sector_size, peer_id).unwrap_or_else(|e| {
					panic!("genesis provider {provider:?} cannot register: {e:?}")
				});
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A storage provider registered.
		StorageProviderRegistered {
			/// The provider.
			provider: T::AccountId,
			/// The size of its sectors.
			sector_size: SectorSize,
			/// Its peer id.
			peer_id: BoundedVec<u8, T::MaxPeerIdLength>,
			/// The start of its first proving period.
			proving_period_start: BlockNumberFor<T>,
		},
		/// A sector was pre-committed and its deposit held.
		SectorPreCommitted {
			/// The provider.
			provider: T::AccountId,
			/// The sector.
			sector_number: SectorNumber,
			/// The deposit held.
			deposit: CollateralOf<T>,
		},
		/// A pre-committed sector was not proven in time and its deposit was slashed.
		PreCommitExpired {
			/// The provider.
			provider: T::AccountId,
			/// The sector.
			sector_number: SectorNumber,
			/// The deposit slashed.
			slashed: CollateralOf<T>,
		},
		/// A prove-commit batch of a sector was accepted; the sector is not active until its
		/// last batch is.
		SealBatchProven {
			/// The provider.
			provider: T::AccountId,
			/// The sector.
			sector_number: SectorNumber,
			/// The batch proven.
			batch: u32,
			/// How many batches the sector's prove-commit has.
			batches: u32,
		},
		/// A sector was proven: it is active, pledged and assigned to a deadline.
		SectorProven {
			/// The provider.
			provider: T::AccountId,
			/// The sector.
			sector_number: SectorNumber,
			/// The deadline it is proven in from now on.
			deadline: DeadlineIndex,
			/// The pledge held for it.
			pledge: CollateralOf<T>,
		},
		/// A PoSt was accepted for a deadline's window.
		ValidPoStSubmitted {
			/// The provider.
			provider: T::AccountId,
			/// The deadline.
			deadline: DeadlineIndex,
			/// How many sectors were proven.
			sectors_proven: u32,
			/// How many of them were recovering and are active again.
			sectors_recovered: u32,
		},
		/// A deadline closed without a PoSt: its active sectors became faulty.
		PoStMissed {
			/// The provider.
			provider: T::AccountId,
			/// The deadline.
			deadline: DeadlineIndex,
			/// How many sectors became faulty.
			sectors_faulted: u32,
			/// The power removed.
			power_removed: PowerOf<T>,
			/// The undetected-fault fees slashed.
			fees: CollateralOf<T>,
		},
		/// A deadline closed with faulty sectors, each of which paid the fault fee.
		FaultFeesCharged {
			/// The provider.
			provider: T::AccountId,
			/// The deadline.
			deadline: DeadlineIndex,
			/// How many faulty sectors paid.
			sectors: u32,
			/// The fees slashed.
			fees: CollateralOf<T>,
		},
		/// The provider declared a sector faulty; its power was removed.
		FaultDeclared {
			/// The provider.
			provider: T::AccountId,
			/// The sector.
			sector_number: SectorNumber,
		},
		/// The provider declared a faulty sector recovered; its next PoSt makes it active.
		FaultRecoveryDeclared {
			/// The provider.
			provider: T::AccountId,
			/// The sector.
			sector_number: SectorNumber,
		},
		/// A sector was terminated: a fee was slashed from its pledge and the rest released.
		SectorTerminated {
			/// The provider.
			provider: T::AccountId,
			/// The sector.
			sector_number: SectorNumber,
			/// Why.
			reason: TerminationReason,
			/// The fee slashed.
			fee: CollateralOf<T>,
			/// The pledge released.
			released: CollateralOf<T>,
		},
		/// A sector reached its expiration and its pledge was released (less the fault fee if
		/// it expired faulty).
		SectorExpired {
			/// The provider.
			provider: T::AccountId,
			/// The sector.
			sector_number: SectorNumber,
			/// The fault fee slashed: non-zero only for a sector that expired faulty.
			fee: CollateralOf<T>,
			/// The pledge released.
			released: CollateralOf<T>,
		},
		/// A provider without sectors or pre-commits unregistered: its collator-power miner was
		/// removed and the miner deposit released.
		StorageProviderUnregistered {
			/// The provider.
			provider: T::AccountId,
			/// The deposit released.
			deposit: pallet_collator_power::BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is already a registered storage provider.
		StorageProviderAlreadyRegistered,
		/// The signer is not a registered storage provider.
		StorageProviderNotFound,
		/// The call names no sector.
		NoSectors,
		/// The call names the same sector twice.
		DuplicateSector,
		/// The sector number is already pre-committed or proven.
		SectorNumberInUse,
		/// The provider would have more than `DeadlineCount × MaxSectorsPerDeadline` sectors.
		TooManySectors,
		/// The expiration is less than `MinSectorLifetime` after now (or has passed).
		ExpirationTooSoon,
		/// The expiration is more than `MaxSectorLifetime` after now.
		ExpirationTooLate,
		/// No pre-commit with this sector number.
		PreCommitNotFound,
		/// The sector is already proven: a prove-commit cannot be replayed.
		SectorAlreadyProven,
		/// The prove-commit randomness is drawn `PreCommitChallengeDelay` blocks after the
		/// pre-commit: too early to prove.
		ProveCommitTooEarly,
		/// More than `MaxProveCommitDuration` blocks have passed since the pre-commit.
		ProveCommitTooLate,
		/// The randomness the challenge needs was not recorded (or no longer is).
		ChallengeRandomnessUnavailable,
		/// The proof does not answer the challenges.
		InvalidProof,
		/// The deadline index is not below `DeadlineCount`.
		InvalidDeadline,
		/// The deadline's window is not open now.
		DeadlineNotOpen,
		/// The deadline has no sectors to prove.
		DeadlineHasNoSectors,
		/// A PoSt for this window was already accepted: it cannot be replayed.
		PoStAlreadySubmitted,
		/// The proof names a sector that is not in this deadline.
		SectorNotInDeadline,
		/// The proof names a faulty sector that was not declared recovered.
		SectorFaultyNotRecovering,
		/// An active sector of the deadline has no proof.
		MissingSectorProof,
		/// The deadline has more than `MAX_SETTLED_WINDOWS` closed windows waiting for the queue
		/// (only after an overfull queue): try again once the queue has caught up.
		DeadlineBacklog,
		/// No proven sector with this number.
		SectorNotFound,
		/// The fault-declaration cutoff of the sector's next window has passed.
		FaultDeclarationTooLate,
		/// The sector is already faulty.
		SectorAlreadyFaulty,
		/// The sector is not faulty.
		SectorNotFaulty,
		/// The sector is already declared recovered.
		SectorAlreadyRecovering,
		/// Every deadline is full.
		DeadlinesFull,
		/// A proof for sectors of this size would not fit `MaxProofBytes`: such sectors could
		/// never be proven.
		SectorSizeUnprovable,
		/// The sector size has no sealing parameters (`Config::SealParams`), or its largest batch
		/// would not fit `MaxSealBatchBytes`: such sectors get no power.
		SectorSizeNotSealable,
		/// The sealing ticket's block is in the future, more than `MaxSealTicketAge` blocks old,
		/// or its seed is not recorded.
		InvalidSealTicket,
		/// The batch is not the sector's next unproven batch: batches are proven in order.
		WrongSealBatch,
		/// The provider still has proven sectors: terminate them or wait for their expiry.
		ProviderHasSectors,
		/// The provider still has pre-committed sectors: prove them or wait for their expiry.
		ProviderHasPreCommits,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Records this block's challenge seed and processes the queue entries due, metered by
		/// `MaxQueueWeight`, deadline closes first.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::record_seed(now).saturating_add(Self::service_queue(now))
		}

		fn integrity_test() {
			Self::check_constants();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the signer as a storage provider with sectors of `sector_size`, creating its
		/// collator-power miner (and holding its deposit) if it has none.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::register_storage_provider())]
		pub fn register_storage_provider(
			origin: OriginFor<T>,
			sector_size: SectorSize,
			peer_id: BoundedVec<u8, T::MaxPeerIdLength>,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_register(&provider, sector_size, peer_id)
		}

		/// Pre-commits `sectors`, holding a deposit proportional to the sector size for each.
		/// Each must be proven within `MaxProveCommitDuration` blocks.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::pre_commit_weight(sectors.len() as u32))]
		pub fn pre_commit_sectors(
			origin: OriginFor<T>,
			sectors: BoundedVec<SectorPreCommitInfo<BlockNumberFor<T>>, T::MaxSectorsPerCall>,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_pre_commit(&provider, sectors)
		}

		/// Proves one batch of the sealing of each named pre-committed sector, against the
		/// randomness drawn `PreCommitChallengeDelay` blocks after its pre-commit. Each sector's
		/// batches are proven in order, one per call; with its last batch a sector becomes active,
		/// pledged and assigned to a deadline, and the provider's power grows by its size.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::prove_commit_weight(proofs.len() as u32))]
		pub fn prove_commit_sectors(
			origin: OriginFor<T>,
			proofs: BoundedVec<SealBatchProof<T::MaxSealBatchBytes>, T::MaxSectorsPerCall>,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_prove_commit(&provider, proofs)
		}

		/// Proves every active sector of `deadline` (and any recovering ones) during its open
		/// window, against the randomness of the window's challenge block.
		///
		/// Closed windows of the deadline that still wait for the queue are settled first (at
		/// most `MAX_SETTLED_WINDOWS`); the unused part of that weight is refunded.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::submit_post_weight(proofs.len() as u32))]
		pub fn submit_windowed_post(
			origin: OriginFor<T>,
			deadline: DeadlineIndex,
			proofs: BoundedVec<SectorProof<T::MaxProofBytes>, T::MaxSectorsPerDeadline>,
		) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			let n = proofs.len() as u32;
			let settled = Self::do_submit_windowed_post(&provider, deadline, proofs)?;
			Ok(Some(Self::submit_post_weight_with(n, settled)).into())
		}

		/// Declares active sectors faulty before their deadline's fault cutoff. Their power is
		/// removed at once; they pay the (smaller) declared fault fee at each deadline close.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::declare_faults_weight(sectors.len() as u32))]
		pub fn declare_faults(
			origin: OriginFor<T>,
			sectors: BoundedVec<SectorNumber, T::MaxSectorsPerCall>,
		) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			let n = sectors.len() as u32;
			let settled = Self::do_declare_faults(&provider, sectors)?;
			Ok(Some(Self::declare_faults_weight_with(n, settled)).into())
		}

		/// Declares faulty sectors recovered: each becomes active at its next successful PoSt.
		/// A closed window of a sector's deadline still waiting for the queue is settled first,
		/// so a sector whose missed PoSt was not yet processed can be declared recovered.
		#[pallet::call_index(5)]
		#[pallet::weight(Pallet::<T>::declare_recovered_weight(sectors.len() as u32))]
		pub fn declare_faults_recovered(
			origin: OriginFor<T>,
			sectors: BoundedVec<SectorNumber, T::MaxSectorsPerCall>,
		) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			let n = sectors.len() as u32;
			let settled = Self::do_declare_faults_recovered(&provider, sectors)?;
			Ok(Some(Self::declare_recovered_weight_with(n, settled)).into())
		}

		/// Terminates sectors early: a termination fee is slashed from each pledge, the rest is
		/// released, and the power of the active ones is removed.
		#[pallet::call_index(6)]
		#[pallet::weight(Pallet::<T>::terminate_weight(sectors.len() as u32))]
		pub fn terminate_sectors(
			origin: OriginFor<T>,
			sectors: BoundedVec<SectorNumber, T::MaxSectorsPerCall>,
		) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			let n = sectors.len() as u32;
			let settled = Self::do_terminate_sectors(&provider, sectors)?;
			Ok(Some(Self::terminate_weight_with(n, settled)).into())
		}

		/// Unregisters the signer, which must have no proven sectors and no pre-commits: its
		/// registration is removed, and so is its collator-power miner (which has no power
		/// then), releasing the miner deposit. While registered, a provider cannot remove its
		/// miner (collator-power's `MinerInUse`).
		#[pallet::call_index(7)]
		#[pallet::weight(Pallet::<T>::unregister_weight())]
		pub fn unregister_storage_provider(origin: OriginFor<T>) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_unregister(&provider)
		}
	}

	/// Whether an account is a registered storage provider: collator-power's `MinerInUse`, so
	/// a provider's miner cannot be removed under it.
	impl<T: Config> frame_support::traits::Contains<T::AccountId> for Pallet<T> {
		fn contains(who: &T::AccountId) -> bool {
			StorageProviders::<T>::contains_key(who)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A provider's registration.
		pub fn storage_provider(provider: T::AccountId) -> Option<ProviderInfo<T>> {
			StorageProviders::<T>::get(provider)
		}

		/// A provider's proven sectors (at most `DeadlineCount × MaxSectorsPerDeadline`).
		pub fn provider_sectors(
			provider: T::AccountId,
		) -> alloc::vec::Vec<(SectorNumber, Sector<T>)> {
			Sectors::<T>::iter_prefix(provider).collect()
		}

		/// A provider's pre-committed sectors.
		pub fn provider_pre_commits(
			provider: T::AccountId,
		) -> alloc::vec::Vec<(SectorNumber, PreCommit<T>)> {
			PreCommittedSectors::<T>::iter_prefix(provider).collect()
		}

		/// A provider's deadlines: each one's current or next window, its sectors and whether
		/// the pending window is proven.
		pub fn provider_deadlines(
			provider: T::AccountId,
		) -> alloc::vec::Vec<DeadlineInfo<BlockNumberFor<T>>> {
			Self::deadline_infos(&provider)
		}

		/// A provider's storage power: the bytes of its active sectors, as collator-power has it.
		pub fn provider_power(provider: T::AccountId) -> PowerOf<T> {
			pallet_collator_power::MinerClaims::<T>::get(provider)
				.map(|claim| claim.raw_bytes_power)
				.unwrap_or_default()
		}
	}
}
