//! The data structures of the storage-provider pallet.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{CollateralOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{BoundedVec, Get},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use power_primitives::proofs::{Commitment, LEAF_BYTES};
use scale_info::TypeInfo;

/// A sector's number, chosen by its provider and unique among its live sectors and pre-commits.
pub type SectorNumber = u64;

/// The index of a proving deadline within the proving period.
pub type DeadlineIndex = u32;

/// The sizes a sector may have. A sector's storage power is its size in bytes.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum SectorSize {
	/// 2 KiB: for tests and development networks.
	#[codec(index = 0)]
	Size2KiB,
	/// 8 MiB.
	#[codec(index = 1)]
	Size8MiB,
	/// 512 MiB.
	#[codec(index = 2)]
	Size512MiB,
	/// 32 GiB.
	#[codec(index = 3)]
	Size32GiB,
	/// 64 GiB.
	#[codec(index = 4)]
	Size64GiB,
}

impl SectorSize {
	/// Every size, smallest first.
	pub const ALL: [SectorSize; 5] =
		[Self::Size2KiB, Self::Size8MiB, Self::Size512MiB, Self::Size32GiB, Self::Size64GiB];

	/// The size in bytes (always a power of two).
	pub const fn bytes(self) -> u64 {
		match self {
			Self::Size2KiB => 2 << 10,
			Self::Size8MiB => 8 << 20,
			Self::Size512MiB => 512 << 20,
			Self::Size32GiB => 32 << 30,
			Self::Size64GiB => 64 << 30,
		}
	}

	/// The size in KiB: the unit the collateral is priced in.
	pub const fn kib(self) -> u64 {
		self.bytes() >> 10
	}

	/// The number of 32-byte leaves of the sector's Merkle tree (a power of two).
	pub const fn leaf_count(self) -> u64 {
		self.bytes() / LEAF_BYTES as u64
	}
}

/// A registered storage provider.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct ProviderInfo<T: Config> {
	/// The provider's libp2p peer id, as the provider gave it.
	pub peer_id: BoundedVec<u8, T::MaxPeerIdLength>,
	/// The size of every sector of this provider.
	pub sector_size: SectorSize,
	/// The block its proving periods are counted from: deadline `i` of period `k` opens at
	/// `proving_period_start + k × ProvingPeriod + i × ChallengeWindow`.
	pub proving_period_start: BlockNumberFor<T>,
	/// How many proven sectors (active or faulty) it has.
	pub sectors: u32,
	/// How many pre-committed, not yet proven sectors it has.
	pub pre_commits: u32,
	/// How many sectors each deadline holds, by index (missing trailing entries are zero), so
	/// that a prove-commit chooses the least loaded deadline without reading every deadline.
	pub deadline_sectors: BoundedVec<u32, T::MaxDeadlineCount>,
}

impl<T: Config> ProviderInfo<T> {
	/// How many sectors deadline `index` holds.
	pub fn deadline_load(&self, index: DeadlineIndex) -> u32 {
		self.deadline_sectors.get(index as usize).copied().unwrap_or_default()
	}

	/// Counts one more sector in deadline `index`. Returns `false` (and changes nothing) if
	/// the index is not below `MaxDeadlineCount`.
	pub fn add_to_deadline(&mut self, index: DeadlineIndex) -> bool {
		let index = index as usize;
		while self.deadline_sectors.len() <= index {
			if self.deadline_sectors.try_push(0).is_err() {
				return false;
			}
		}
		match self.deadline_sectors.get_mut(index) {
			Some(load) => {
				*load = load.saturating_add(1);
				true
			}
			None => false,
		}
	}

	/// Counts one sector less in deadline `index`.
	pub fn remove_from_deadline(&mut self, index: DeadlineIndex) {
		if let Some(load) = self.deadline_sectors.get_mut(index as usize) {
			*load = load.saturating_sub(1);
		}
	}
}

/// A sector as the provider pre-commits it: a sealed replica's commitments (see
/// [`power_primitives::porep`]).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct SectorPreCommitInfo<BlockNumber> {
	/// The sector's number.
	pub sector_number: SectorNumber,
	/// The block whose challenge seed is the sealing ticket: at most `MaxSealTicketAge` blocks
	/// old. The replica id binds it, so a replica cannot be sealed long before it is committed.
	pub seal_ticket_block: BlockNumber,
	/// The root of the Merkle tree over the sector's (unsealed) data.
	pub comm_d: Commitment,
	/// The root of the tree over the label columns of the sealing.
	pub comm_c: Commitment,
	/// The root of the tree over the replica: what every windowed PoSt proves leaves of.
	pub comm_r_last: Commitment,
	/// The block at which the sector ends and its pledge is released.
	pub expiration: BlockNumber,
}

/// A pre-committed sector waiting for its proof.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct PreCommit<T: Config> {
	/// The data commitment.
	pub comm_d: Commitment,
	/// The column commitment.
	pub comm_c: Commitment,
	/// The replica commitment.
	pub comm_r_last: Commitment,
	/// The sealing ticket: the challenge seed of `seal_ticket_block`, kept because the seed
	/// itself is pruned.
	pub ticket: [u8; 32],
	/// When the sector will expire once proven.
	pub expiration: BlockNumberFor<T>,
	/// The block of the pre-commit. The prove-commit challenges use the randomness of
	/// `pre_commit_block + PreCommitChallengeDelay`.
	pub pre_commit_block: BlockNumberFor<T>,
	/// The deposit held for it.
	pub deposit: CollateralOf<T>,
	/// How many of its prove-commit batches are proven, in order. The sector becomes active
	/// with its last batch.
	pub batches_proven: u32,
}

/// Whether a proven sector counts.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum SectorState<BlockNumber> {
	/// Proven and counted in the provider's power.
	Active,
	/// Not counted in the provider's power.
	Faulty {
		/// When the sector became faulty. After `FaultMaxAge` it is terminated.
		since: BlockNumber,
		/// Whether the provider declared it recovered: its next successful PoSt makes it active.
		recovering: bool,
	},
}

/// A proven sector.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Sector<T: Config> {
	/// The replica commitment (`comm_r_last`): every windowed PoSt proves leaves of it.
	pub comm_r_last: Commitment,
	/// The block it was proven in.
	pub activation: BlockNumberFor<T>,
	/// The block it ends at.
	pub expiration: BlockNumberFor<T>,
	/// The deadline it is proven in.
	pub deadline: DeadlineIndex,
	/// The pledge held when it was proven (its pre-commit deposit). Fees are fractions of it.
	pub initial_pledge: CollateralOf<T>,
	/// What is left of the pledge after fees; still held.
	pub pledge: CollateralOf<T>,
	/// Active or faulty.
	pub state: SectorState<BlockNumberFor<T>>,
}

impl<T: Config> Sector<T> {
	/// Whether the sector counts in its provider's power.
	pub fn is_active(&self) -> bool {
		self.state == SectorState::Active
	}
}

/// The proof of one sector, as submitted.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxProofBytes))]
#[codec(mel_bound())]
pub struct SectorProof<MaxProofBytes: Get<u32>> {
	/// The sector proven.
	pub sector_number: SectorNumber,
	/// The proof bytes, checked by `Config::ProofVerifier` (for the Merkle verifier: the
	/// SCALE-encoded `Vec<LeafProof>`).
	pub proof: BoundedVec<u8, MaxProofBytes>,
}

/// One batch of a sector's prove-commit, as submitted.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxBatchBytes))]
#[codec(mel_bound())]
pub struct SealBatchProof<MaxBatchBytes: Get<u32>> {
	/// The sector proven.
	pub sector_number: SectorNumber,
	/// The batch: the sector's next unproven one (batches are proven in order).
	pub batch: u32,
	/// The proof bytes, checked by `Config::SealVerifier` (for the column-opening verifier: the
	/// SCALE-encoded `Vec<ChallengeProof>` of [`power_primitives::porep`]).
	pub proof: BoundedVec<u8, MaxBatchBytes>,
}

/// One proving deadline of a provider.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct DeadlineState<T: Config> {
	/// The proven sectors (active or faulty) assigned to it.
	pub sectors: BoundedVec<SectorNumber, T::MaxSectorsPerDeadline>,
	/// The opening block of the window whose close is scheduled, if any. `None` while the
	/// deadline has no sectors.
	pub pending_window: Option<BlockNumberFor<T>>,
	/// Whether a PoSt was accepted for the pending window.
	pub proven: bool,
}

impl<T: Config> Default for DeadlineState<T> {
	fn default() -> Self {
		Self { sectors: Default::default(), pending_window: None, proven: false }
	}
}

/// The two lanes of the queue. Each has its own per-block entries and cursor; `on_initialize`
/// serves [`QueueLane::Closes`] first, so no amount of expiry work (stale or not) delays a
/// deadline close, and the power cut of a missed PoSt.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum QueueLane {
	/// [`QueueEntry::DeadlineClose`] entries.
	#[codec(index = 0)]
	Closes,
	/// [`QueueEntry::PreCommitExpiry`] and [`QueueEntry::SectorExpiry`] entries.
	#[codec(index = 1)]
	Expiries,
}

impl QueueLane {
	/// Every lane, in the order `on_initialize` serves them.
	pub const ALL: [QueueLane; 2] = [QueueLane::Closes, QueueLane::Expiries];
}

/// Work scheduled for a block.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum QueueEntry<AccountId, BlockNumber> {
	/// A pre-commit's time to prove has passed: slash its deposit if it is still unproven.
	PreCommitExpiry {
		/// The provider.
		provider: AccountId,
		/// The sector.
		sector_number: SectorNumber,
	},
	/// A sector reaches its expiration.
	SectorExpiry {
		/// The provider.
		provider: AccountId,
		/// The sector.
		sector_number: SectorNumber,
	},
	/// A deadline's window closes: check its PoSt.
	DeadlineClose {
		/// The provider.
		provider: AccountId,
		/// The deadline.
		deadline: DeadlineIndex,
		/// The opening block of the window that closes.
		window_open: BlockNumber,
	},
}

impl<AccountId, BlockNumber> QueueEntry<AccountId, BlockNumber> {
	/// The lane the entry is queued in.
	pub fn lane(&self) -> QueueLane {
		match self {
			Self::DeadlineClose { .. } => QueueLane::Closes,
			Self::PreCommitExpiry { .. } | Self::SectorExpiry { .. } => QueueLane::Expiries,
		}
	}
}

/// Why a sector was terminated.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum TerminationReason {
	/// The provider asked for it.
	Requested,
	/// It stayed faulty longer than `FaultMaxAge`.
	FaultMaxAge,
}

/// A deadline as the view functions show it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct DeadlineInfo<BlockNumber> {
	/// The deadline's index.
	pub index: DeadlineIndex,
	/// Its current or next window.
	pub window: crate::deadline::Window<BlockNumber>,
	/// The sectors assigned to it.
	pub sectors: alloc::vec::Vec<SectorNumber>,
	/// Whether a PoSt was accepted for the pending window.
	pub proven: bool,
}
