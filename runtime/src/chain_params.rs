//! # Chain parameters
//!
//! The timings of the chain (session length, the storage-provider proving periods, the
//! power-selection kick and unbonding delays), fixed **per chain at genesis**.
//!
//! The pallets take these as `Get` types. A compile-time constant would force one value on every
//! chain built from this runtime, but the `development` preset wants a proving period short enough
//! to watch in minutes while `local_testnet` (and production) wants the real 24 hours. So the
//! runtime plugs in the `Get` types below, which read [`Timings`], set once by the genesis
//! preset. There is deliberately no call to change them afterwards: the storage-provider pallet
//! has already scheduled deadlines with them, and changing them on a live chain needs a migration.
//!
//! Why not `pallet-parameters` or a storage `parameter_types!`: both exist to let governance (or
//! anyone with storage access) change a value at run time, which is exactly what must not happen
//! here, and a storage `parameter_types!` has no genesis config, so a preset could not set it.
//! This pallet is one storage value, a genesis config checked by [`ChainTimings::is_valid`], and
//! the `Get` adapters.
//!
//! The defaults (used when the genesis does not say otherwise) are the production timings.
//!
//! The chain's [`Sealing`] profile is fixed at genesis the same way: which sector sizes can be
//! sealed, so get power, and with which parameters ([`SealParams`], the storage-provider pallet's
//! `SealParams`). Production seals only the sizes that carry a storage guarantee (32 GiB and
//! 64 GiB, Filecoin's parameters); a development chain also seals 2 KiB sectors with light
//! parameters, which guarantee nothing and are there so a client can onboard a sector in seconds.

use crate::{BlockNumber, DAYS, HOURS, MINUTES};
use frame_support::{pallet_prelude::*, traits::Get};
use power_primitives::porep::{self, SdrParams};

pub use pallet::*;

/// The most deadlines a proving period may have on any chain of this runtime: the storage-provider
/// pallet's `MaxDeadlineCount` (the production timings use all of them).
pub const MAX_DEADLINE_COUNT: u32 = 48;

/// The timings of the chain.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainTimings {
	/// Blocks per session.
	pub session_length: BlockNumber,
	/// Blocks per storage-provider proving period.
	pub proving_period: BlockNumber,
	/// Deadlines per proving period.
	pub deadline_count: u32,
	/// Blocks a deadline's challenge window is open: `proving_period / deadline_count`.
	pub challenge_window: BlockNumber,
	/// How many blocks before a window opens its challenge is drawn.
	pub challenge_lookback: BlockNumber,
	/// How many blocks before a window opens faults can no longer be declared for it.
	pub fault_declaration_cutoff: BlockNumber,
	/// How long a sector may stay faulty before it is terminated.
	pub fault_max_age: BlockNumber,
	/// How many blocks after a pre-commit its prove-commit challenge is drawn.
	pub pre_commit_challenge_delay: BlockNumber,
	/// How many blocks a pre-commit has to be proven.
	pub max_prove_commit_duration: BlockNumber,
	/// The shortest sector lifetime.
	pub min_sector_lifetime: BlockNumber,
	/// The longest sector lifetime.
	pub max_sector_lifetime: BlockNumber,
	/// Blocks a drawn collator may go without authoring before it is kicked.
	pub kick_threshold: BlockNumber,
	/// Sessions a leaving candidate's bond stays held.
	pub unbonding_delay: u32,
}

impl ChainTimings {
	/// The production timings: 1-hour sessions, a 24-hour proving period of 48 half-hour
	/// deadlines.
	pub const PRODUCTION: Self = Self {
		session_length: HOURS,
		proving_period: DAYS,
		deadline_count: 48,
		challenge_window: 30 * MINUTES,
		challenge_lookback: 2 * MINUTES,
		fault_declaration_cutoff: 7 * MINUTES,
		fault_max_age: 14 * DAYS,
		pre_commit_challenge_delay: 15 * MINUTES,
		max_prove_commit_duration: DAYS,
		min_sector_lifetime: 180 * DAYS,
		max_sector_lifetime: 540 * DAYS,
		kick_threshold: HOURS,
		unbonding_delay: 24,
	};

	/// Development timings: 1-minute sessions and a 3-minute proving period of 3 one-minute
	/// deadlines, so a whole proving period can be watched live.
	pub const DEVELOPMENT: Self = Self {
		session_length: MINUTES,
		proving_period: 3 * MINUTES,
		deadline_count: 3,
		challenge_window: MINUTES,
		challenge_lookback: 2,
		fault_declaration_cutoff: 3,
		fault_max_age: 30 * MINUTES,
		pre_commit_challenge_delay: 2,
		max_prove_commit_duration: 10 * MINUTES,
		min_sector_lifetime: 20 * MINUTES,
		max_sector_lifetime: 180 * DAYS,
		kick_threshold: MINUTES,
		unbonding_delay: 2,
	};

	/// Whether the timings are consistent, by the rules the storage-provider pallet checks in its
	/// `integrity_test` (which checks the timings in force, the production ones when it runs): the
	/// windows tile the proving period, there are at most `MAX_DEADLINE_COUNT` deadlines, faults
	/// are declared before the challenge is drawn and between a deadline's windows, both
	/// challenges are drawn at least a block after the provider commits, a pre-commit can be
	/// proven, and a sector outlives its proving.
	pub fn is_valid(&self) -> bool {
		self.session_length > 0
			&& self.deadline_count > 0
			&& self.deadline_count <= MAX_DEADLINE_COUNT
			&& self.challenge_window > 0
			&& self.challenge_window.checked_mul(self.deadline_count) == Some(self.proving_period)
			&& self.fault_declaration_cutoff >= self.challenge_lookback
			&& self.challenge_lookback > 0
			&& self.fault_declaration_cutoff < self.challenge_window
			&& self.pre_commit_challenge_delay > 0
			&& self.max_prove_commit_duration >= self.pre_commit_challenge_delay
			&& self.min_sector_lifetime > self.max_prove_commit_duration
			&& self.max_sector_lifetime >= self.min_sector_lifetime
			&& self.kick_threshold > 0
	}
}

/// Which sector sizes a chain seals: see the module docs.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum Sealing {
	/// 32 GiB and 64 GiB with Filecoin's parameters (11 layers, 176 challenges in 88 batches of
	/// 2): the sizes whose sealing takes far longer than a PoSt window.
	#[default]
	Production,
	/// The production sizes, and 2 KiB with `DEV_PARAMS_2KIB` (2 layers, 8 challenges, one batch):
	/// for development chains and tests only.
	Development,
}

impl Sealing {
	/// The sealing parameters of `size` under this profile.
	pub fn params(self, size: pallet_storage_provider::SectorSize) -> Option<SdrParams> {
		use pallet_storage_provider::SectorSize;
		match (self, size) {
			(Self::Development, SectorSize::Size2KiB) => Some(porep::DEV_PARAMS_2KIB),
			_ => porep::SEAL_SIZES
				.iter()
				.find(|sealed| sealed.storage_guarantee && sealed.sector_bytes == size.bytes())
				.map(|sealed| sealed.params),
		}
	}
}

impl Default for ChainTimings {
	fn default() -> Self {
		Self::PRODUCTION
	}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_system::pallet_prelude::BlockNumberFor;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// No configuration: the values come from the genesis.
	#[pallet::config]
	pub trait Config: frame_system::Config {}

	/// The chain's timings.
	#[pallet::storage]
	pub type Timings<T: Config> = StorageValue<_, ChainTimings, ValueQuery>;

	/// The chain's sealing profile.
	#[pallet::storage]
	pub type SealingProfile<T: Config> = StorageValue<_, Sealing, ValueQuery>;

	/// The genesis timings.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The timings; the production ones by default.
		pub timings: ChainTimings,
		/// The sealing profile; production by default.
		pub sealing: Sealing,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.timings.is_valid(), "inconsistent genesis timings: {:?}", self.timings);
			Timings::<T>::put(self.timings);
			SealingProfile::<T>::put(self.sealing);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(ChainTimings::PRODUCTION.is_valid());
			assert!(ChainTimings::DEVELOPMENT.is_valid());
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			frame_support::ensure!(Timings::<T>::get().is_valid(), "inconsistent timings");
			Ok(())
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The chain's timings.
		pub fn timings() -> ChainTimings {
			Timings::<T>::get()
		}

		/// The chain's sealing profile.
		pub fn sealing() -> Sealing {
			SealingProfile::<T>::get()
		}
	}
}

macro_rules! timing_getters {
	($($(#[$doc:meta])* $name:ident: $ty:ty = $field:ident;)*) => {
		$(
			$(#[$doc])*
			pub struct $name;
			impl Get<$ty> for $name {
				fn get() -> $ty {
					Timings::<crate::Runtime>::get().$field
				}
			}
		)*
	};
}

timing_getters! {
	/// [`ChainTimings::session_length`].
	SessionLength: BlockNumber = session_length;
	/// [`ChainTimings::proving_period`].
	ProvingPeriod: BlockNumber = proving_period;
	/// [`ChainTimings::deadline_count`].
	DeadlineCount: u32 = deadline_count;
	/// [`ChainTimings::challenge_window`].
	ChallengeWindow: BlockNumber = challenge_window;
	/// [`ChainTimings::challenge_lookback`].
	ChallengeLookback: BlockNumber = challenge_lookback;
	/// [`ChainTimings::fault_declaration_cutoff`].
	FaultDeclarationCutoff: BlockNumber = fault_declaration_cutoff;
	/// [`ChainTimings::fault_max_age`].
	FaultMaxAge: BlockNumber = fault_max_age;
	/// [`ChainTimings::pre_commit_challenge_delay`].
	PreCommitChallengeDelay: BlockNumber = pre_commit_challenge_delay;
	/// [`ChainTimings::max_prove_commit_duration`].
	MaxProveCommitDuration: BlockNumber = max_prove_commit_duration;
	/// [`ChainTimings::min_sector_lifetime`].
	MinSectorLifetime: BlockNumber = min_sector_lifetime;
	/// [`ChainTimings::max_sector_lifetime`].
	MaxSectorLifetime: BlockNumber = max_sector_lifetime;
	/// [`ChainTimings::kick_threshold`].
	KickThreshold: BlockNumber = kick_threshold;
	/// [`ChainTimings::unbonding_delay`].
	UnbondingDelay: u32 = unbonding_delay;
}

/// The storage-provider pallet's `SealParams`: the parameters of the chain's [`Sealing`] profile.
pub struct SealParams;

impl sp_runtime::traits::Convert<pallet_storage_provider::SectorSize, Option<SdrParams>>
	for SealParams
{
	fn convert(size: pallet_storage_provider::SectorSize) -> Option<SdrParams> {
		SealingProfile::<crate::Runtime>::get().params(size)
	}
}
