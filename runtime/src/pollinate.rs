//! Pollinate in the runtime: what relayers ("pollinators") and keepers build on.
//!
//! - [`ValidatePollinate`], a transaction extension in [`crate::TxExtension`]: the transaction
//!   pool refuses a `PayAfter::dispatch` or `Periodic::dispatch` that would fail, **before** it is
//!   included, so the relayer that would have lost pays nothing; and the valid ones `provide` a
//!   tag, so of two relayers racing for the same bundle (or the same task cycle) the pool keeps
//!   one.
//! - [`PollinateApi`], a runtime API: simulate a bundle or quote a task at a given block, without
//!   paying anything.
//! - [`PollinateCallFilter`], the runtime's `BaseCallFilter`: what the calls of a bundle or of a
//!   periodic task may reach.

use crate::{
	AccountId, Balance, PayAfter, Periodic, Runtime, RuntimeCall, TransactionPayment,
	MILLISECS_PER_BLOCK,
};
use alloc::vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{
	dispatch::{DispatchInfo, GetDispatchInfo},
	pallet_prelude::TransactionSource,
	traits::{Contains, OriginTrait},
	weights::Weight,
};
use pallet_pay_after::{Bundle, BundleSimulation, DataHash};
use pallet_periodic::{DispatchQuote, TaskId};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{DispatchInfoOf, Implication, TransactionExtension, ValidateResult},
	transaction_validity::{
		InvalidTransaction, TransactionLongevity, TransactionValidityError, ValidTransaction,
	},
	DispatchError, ModuleError,
};

/// The tag prefix of a pay-after bundle in the pool: `(PAY_AFTER_TAG, signer, data_hash)`.
pub const PAY_AFTER_TAG: &[u8] = b"pollinate/bundle";
/// The tag prefix of a periodic task's cycle in the pool: `(PERIODIC_TAG, task, cycle)`.
pub const PERIODIC_TAG: &[u8] = b"pollinate/task";

/// The heaviest bundle (by its declared weight) the pool simulates in full before accepting it:
/// 10 ms of execution, a few dozen transfers' worth.
///
/// Simulating runs the bundle's calls; a heavier bundle would let anyone make the pool spend a
/// block's worth of execution per submission for free (a refused transaction pays nothing). Above
/// this bound the pool still checks everything that does not need the calls (the policy, the
/// signature, replay) and leaves the rest to the block, as for any extrinsic.
pub const MAX_POOL_SIMULATION_REF_TIME: u64 =
	10 * frame_support::weights::constants::WEIGHT_REF_TIME_PER_MILLIS;

/// The `InvalidTransaction::Custom` code of a refused Pollinate dispatch.
///
/// - `0..=63`: the index of the `pallet_pay_after::Error` that refuses the bundle;
/// - `64..=127`: `64 +` the index of the `pallet_periodic::Error` that refuses the task;
/// - [`CALLS_FAILED`]: the bundle's or the task's calls fail (another pallet's error, or a token
///   error: the swap or a transfer in the calls cannot be made).
pub mod codes {
	/// The first code of `pallet_periodic`'s errors.
	pub const PERIODIC_BASE: u8 = 64;
	/// A call of the bundle or task fails with another pallet's error.
	pub const CALLS_FAILED: u8 = 128;
}

/// Validates `PayAfter::dispatch` and `Periodic::dispatch` in the transaction pool.
///
/// It carries no data and signs nothing extra (its explicit and implicit parts are `()`), so
/// wallets and client libraries that do not know it (@polkadot/api, subxt) sign exactly as before.
///
/// In the pool (any source but `InBlock`):
/// - a bundle that is executed, killed or expired is `Stale`; one not yet valid is `Future`; a
///   bad signature is `BadProof`; a malformed policy or a fee that does not fit is `Custom` (see
///   [`codes`]);
/// - a bundle light enough ([`MAX_POOL_SIMULATION_REF_TIME`]) is run against a throw-away state:
///   if its calls fail or do not cover its fee and deposit, it is refused;
/// - a valid bundle provides `(PAY_AFTER_TAG, signer, data_hash)` and its priority is the fee it
///   pays now, so a second relayer's copy of the same bundle is refused by the pool;
/// - a task that does not exist, was run in this second, has nothing to pay (or less than the
///   keeper's `min_nectar`) or is given too little `max_call_weight` is refused; a valid one
///   provides `(PERIODIC_TAG, task, cycle)`.
///
/// In a block (`InBlock`, as `Executive::apply_extrinsic` validates), a `PayAfter::dispatch`
/// whose bundle cannot start (executed or killed, expired or not yet valid, badly signed) is
/// invalid, so no block includes it and its relayer pays nothing. Two relayers' copies of one
/// bundle can reach blocks (different authors' pools; a node without the pool's tags, such as
/// chopsticks): the second copy is dropped rather than charged for failing. This costs
/// `pallet_pay_after`'s benchmarked `validate_bundle` weight, charged as the extension's weight.
/// Nothing else is checked in a block: the calls check everything again when they run.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Default, TypeInfo, Debug,
)]
pub struct ValidatePollinate;

impl TransactionExtension<RuntimeCall> for ValidatePollinate {
	const IDENTIFIER: &'static str = "ValidatePollinate";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, call: &RuntimeCall) -> Weight {
		match call {
			RuntimeCall::PayAfter(pallet_pay_after::Call::dispatch { bundle, .. }) => {
				in_block_check_weight(bundle)
			}
			// Nothing else runs in a block (see `validate`).
			_ => Weight::zero(),
		}
	}

	fn validate(
		&self,
		origin: <RuntimeCall as sp_runtime::traits::Dispatchable>::RuntimeOrigin,
		call: &RuntimeCall,
		_info: &DispatchInfoOf<RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, RuntimeCall> {
		if source == TransactionSource::InBlock {
			if let RuntimeCall::PayAfter(pallet_pay_after::Call::dispatch { bundle, .. }) = call {
				// A loser of a relay race is dropped, not charged (see the type's docs).
				PayAfter::validate_bundle(bundle).map_err(refusal)?;
			}
			return Ok((ValidTransaction::default(), (), origin));
		}
		let validity = match call {
			RuntimeCall::PayAfter(pallet_pay_after::Call::dispatch { bundle, expired }) => {
				let Some(relayer) = origin.as_signer().cloned() else {
					return Ok((ValidTransaction::default(), (), origin));
				};
				validate_bundle(&relayer, bundle, expired)?
			}
			RuntimeCall::Periodic(pallet_periodic::Call::dispatch {
				task,
				min_nectar,
				max_call_weight,
			}) => validate_task(*task, *min_nectar, *max_call_weight)?,
			_ => ValidTransaction::default(),
		};
		Ok((validity, (), origin))
	}

	sp_runtime::impl_tx_ext_default!(RuntimeCall; prepare);
}

/// The weight of checking `bundle` in a block: `pallet_pay_after::Pallet::validate_bundle`'s
/// benchmark over the bytes of its calls (with a wrapped signature, the worst case).
fn in_block_check_weight(bundle: &Bundle<Runtime>) -> Weight {
	use pallet_pay_after::WeightInfo as _;
	let bytes = u32::try_from(bundle.calls.encoded_size()).unwrap_or(u32::MAX);
	<Runtime as pallet_pay_after::Config>::WeightInfo::validate_bundle(bytes)
}

/// The pool's verdict on a bundle relayed by `relayer`.
fn validate_bundle(
	relayer: &AccountId,
	bundle: &Bundle<Runtime>,
	expired: &[DataHash],
) -> Result<ValidTransaction, TransactionValidityError> {
	let validity = PayAfter::validate_bundle(bundle).map_err(refusal)?;
	let declared = PayAfter::dispatch_weight(bundle, expired.len());
	if declared.ref_time() <= MAX_POOL_SIMULATION_REF_TIME {
		PayAfter::simulate(relayer, bundle.clone(), expired).map_err(refusal)?;
	}
	let longevity = validity.valid_until.map(blocks_until).unwrap_or(TransactionLongevity::MAX);
	Ok(ValidTransaction {
		priority: u64::try_from(validity.fee).unwrap_or(u64::MAX),
		provides: vec![(PAY_AFTER_TAG, &validity.signer, validity.data_hash).encode()],
		longevity,
		..Default::default()
	})
}

/// The pool's verdict on a keeper's dispatch of `task`.
fn validate_task(
	task: TaskId,
	min_nectar: Balance,
	max_call_weight: Weight,
) -> Result<ValidTransaction, TransactionValidityError> {
	let quote = Periodic::quote_dispatch(task, min_nectar, max_call_weight).map_err(refusal)?;
	Ok(ValidTransaction {
		priority: u64::try_from(quote.payable).unwrap_or(u64::MAX),
		provides: vec![(PERIODIC_TAG, task, quote.cycle).encode()],
		..Default::default()
	})
}

/// How many blocks until the unix second `until` (at least one).
fn blocks_until(until: u64) -> TransactionLongevity {
	let now = PayAfter::now_secs();
	let block_secs = (MILLISECS_PER_BLOCK / 1000).max(1);
	until.saturating_sub(now).div_ceil(block_secs).max(1)
}

/// The pool's error for a dispatch error of a Pollinate check or simulation.
pub fn refusal(error: DispatchError) -> TransactionValidityError {
	use pallet_pay_after::Error as PayAfterError;
	let pay_after = <crate::PalletInfo as frame_support::traits::PalletInfo>::index::<PayAfter>();
	let periodic = <crate::PalletInfo as frame_support::traits::PalletInfo>::index::<Periodic>();
	let invalid = match error {
		DispatchError::Module(ModuleError { index, error, .. })
			if Some(usize::from(index)) == pay_after =>
		{
			let code = error[0];
			match PayAfterError::<Runtime>::decode(&mut &error[..]) {
				Ok(PayAfterError::BundleNotYetValid) => InvalidTransaction::Future,
				Ok(
					PayAfterError::BundleExpired
					| PayAfterError::BundleAlreadyExecuted
					| PayAfterError::BundleKilled,
				) => InvalidTransaction::Stale,
				Ok(PayAfterError::BadSignature) => InvalidTransaction::BadProof,
				_ => InvalidTransaction::Custom(code.min(codes::PERIODIC_BASE - 1)),
			}
		}
		DispatchError::Module(ModuleError { index, error, .. })
			if Some(usize::from(index)) == periodic =>
		{
			InvalidTransaction::Custom(
				codes::PERIODIC_BASE.saturating_add(error[0].min(codes::PERIODIC_BASE - 1)),
			)
		}
		_ => InvalidTransaction::Custom(codes::CALLS_FAILED),
	};
	invalid.into()
}

/// What a relayer learns from simulating a bundle: what it would be paid and what relaying would
/// cost it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct BundleQuote {
	/// The pallet's simulation: the bundle's id, the fee the relayer receives, the deposits of
	/// cleaned entries it collects, the declared and the actual weight.
	pub simulation: BundleSimulation<Balance>,
	/// The fee the relayer's `PayAfter::dispatch` extrinsic pays for the simulated actual weight,
	/// at `len` bytes and today's fee multiplier (no tip).
	pub extrinsic_fee: Balance,
}

/// What a keeper learns from quoting a task.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct TaskQuote {
	/// The pallet's quote: the nectar payable now, the cycle, the call's weight (what to pass as
	/// `max_call_weight`) and the weight `dispatch` declares with it.
	pub quote: DispatchQuote<Balance>,
	/// The most the keeper's `Periodic::dispatch` extrinsic pays (for the declared weight, at
	/// `len` bytes, no tip); unused weight is refunded.
	pub extrinsic_fee: Balance,
}

sp_api::decl_runtime_apis! {
	/// Pollinate for relayers and keepers: what a bundle or a task would pay, at a given block,
	/// without paying anything. Every call runs against a throw-away state.
	pub trait PollinateApi {
		/// Runs `bundle` as if `relayer` dispatched it (cleaning `expired`) and rolls everything
		/// back: the fee it would receive and the weight and fee it would pay for, for an
		/// extrinsic of `len` bytes; or the error that would make it fail.
		fn simulate_bundle(
			relayer: AccountId,
			bundle: Bundle<Runtime>,
			expired: alloc::vec::Vec<DataHash>,
			len: u32,
		) -> Result<BundleQuote, DispatchError>;

		/// What a keeper's dispatch of `task` would pay now, the `max_call_weight` to give it,
		/// and what the keeper's extrinsic would pay at most for `len` bytes; or why it would be
		/// refused.
		fn quote_task(task: TaskId, len: u32) -> Result<TaskQuote, DispatchError>;
	}
}

/// The fee of a signed extrinsic of `len` bytes running `call`, which declares `declared` and uses
/// `actual`, with the runtime's transaction extensions (their weight included), no tip.
fn extrinsic_fee(call: &RuntimeCall, len: u32, declared: Weight, actual: Weight) -> Balance {
	let extension = crate::tx_extension(0, sp_runtime::generic::Era::Immortal, 0);
	let extension_weight = TransactionExtension::<RuntimeCall>::weight(&extension, call);
	let info = DispatchInfo { call_weight: declared, extension_weight, ..Default::default() };
	// The post-dispatch weight counts the extensions too.
	let post = frame_support::dispatch::PostDispatchInfo {
		actual_weight: Some(actual.saturating_add(extension_weight)),
		pays_fee: frame_support::dispatch::Pays::Yes,
	};
	TransactionPayment::compute_actual_fee(len, &info, &post, 0)
}

/// [`PollinateApi::simulate_bundle`].
pub fn simulate_bundle(
	relayer: AccountId,
	bundle: Bundle<Runtime>,
	expired: alloc::vec::Vec<DataHash>,
	len: u32,
) -> Result<BundleQuote, DispatchError> {
	let expired = frame_support::BoundedVec::try_from(expired)
		.map_err(|_| DispatchError::Other("more expired entries than MaxExpired"))?;
	let call = RuntimeCall::PayAfter(pallet_pay_after::Call::dispatch {
		bundle: alloc::boxed::Box::new(bundle.clone()),
		expired: expired.clone(),
	});
	let declared = call.get_dispatch_info();
	let simulation = PayAfter::simulate(&relayer, bundle, &expired)?;
	let extrinsic_fee = extrinsic_fee(
		&call,
		len,
		declared.call_weight,
		simulation.actual_weight.min(declared.call_weight),
	);
	Ok(BundleQuote { simulation, extrinsic_fee })
}

/// [`PollinateApi::quote_task`].
pub fn quote_task(task: TaskId, len: u32) -> Result<TaskQuote, DispatchError> {
	// A first quote with the most a task may declare tells the call's weight; the second is the
	// one a keeper passing exactly that weight gets.
	let probe = Periodic::quote_dispatch(
		task,
		0,
		<Runtime as pallet_periodic::Config>::MaxCallWeight::get(),
	)?;
	let quote = Periodic::quote_dispatch(task, 0, probe.call_weight)?;
	let call = RuntimeCall::Periodic(pallet_periodic::Call::dispatch {
		task,
		min_nectar: 0,
		max_call_weight: quote.call_weight,
	});
	let extrinsic_fee = extrinsic_fee(&call, len, quote.declared_weight, quote.declared_weight);
	Ok(TaskQuote { quote, extrinsic_fee })
}

/// The runtime's `BaseCallFilter`: what any origin may call, with one rule for Pollinate.
///
/// The calls of a pay-after bundle run as its signer, and a periodic task's as the task's own
/// keyless account: they may do what a signed extrinsic of that account may do, **except** reach
/// `Sudo` (which would otherwise let a bundle signed by the sudo key, relayed by anyone, or a
/// task, exercise root). Outside bundles and tasks everything is allowed.
pub struct PollinateCallFilter;

impl Contains<RuntimeCall> for PollinateCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		let in_pollinate =
			PayAfter::current_signer().is_some() || Periodic::dispatching_task().is_some();
		!(in_pollinate && matches!(call, RuntimeCall::Sudo(_)))
	}
}
