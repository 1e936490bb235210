//! The session change through `Executive`: the boundary block's weight, and the session keys'
//! deposit.

mod common;

use common::*;
use frame_support::{
	dispatch::DispatchClass,
	traits::{fungible::InspectHold, Get},
};
use power_runtime::{
	chain_params, configs::SessionKeyDeposit, Balances, PowerSelection, Runtime, RuntimeHoldReason,
	Session, SessionKeys, System, UNIT,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave};

/// The first block of the next session, as the head is now.
fn next_boundary(chain: &mut Chain) -> u32 {
	let length = chain.execute(chain_params::SessionLength::get);
	(chain.head() / length + 1) * length
}

/// The session change used to be counted twice: pallet-session's `on_initialize` reports a whole
/// block (`max_block`) when it rotates, on top of the weight power-selection's `new_session`
/// registers. The boundary block was then full before its first transaction. Now the rotation is
/// power-selection's, registered once: the block's mandatory weight stays within the bound
/// `integrity_test` checks, and a signed transfer still fits in it.
#[test]
fn a_session_change_is_weighed_once_and_leaves_room_for_transactions() {
	let mut chain = Chain::development();
	let boundary = next_boundary(&mut chain);
	chain.run_to(boundary - 1);
	let index_before = chain.execute(Session::current_index);
	let (mandatory, applied) = chain.block(|| {
		assert_eq!(System::block_number(), boundary);
		let mandatory = *System::block_weight().get(DispatchClass::Mandatory);
		let applied = apply(signed_extrinsic(
			Alice,
			pallet_balances::Call::<Runtime>::transfer_keep_alive {
				dest: account(Bob).into(),
				value: UNIT,
			},
		));
		applied.assert_success();
		applied.assert_fee_and_weight_match_post_info();
		(mandatory, applied)
	});
	assert_eq!(chain.execute(Session::current_index), index_before + 1, "the session rotated");
	let max = chain.execute(|| <Runtime as frame_system::Config>::BlockWeights::get().max_block);
	// The inherents (the relay-state proof, the timestamp) come on top of the session change.
	let bound = PowerSelection::session_change_max_weight().saturating_add(
		frame_support::weights::Weight::from_parts(max.ref_time() / 10, max.proof_size() / 10),
	);
	assert!(
		mandatory.all_lte(bound),
		"the boundary block's mandatory weight {mandatory:?} > {bound:?}"
	);
	assert!(
		mandatory.ref_time() < max.ref_time() / 2,
		"the session change took {mandatory:?} of a {max:?} block"
	);
	assert!(applied.block_weight_delta.ref_time() > 0, "the transfer was included");
	chain.try_state();
}

/// Session keys are stored per account for ever: they cost a deposit, held while they are set
/// and released by `purge_keys`. Before, any account could store keys for only the fee.
#[test]
fn session_keys_hold_a_deposit_until_purged() {
	let mut chain = Chain::development();
	let dave = account(Dave);
	let reason = RuntimeHoldReason::Session(pallet_session::HoldReason::Keys);
	chain.block(|| {
		let keys = SessionKeys::generate(&codec::Encode::encode(&dave), None);
		let applied = apply(signed_extrinsic(
			Dave,
			pallet_session::Call::<Runtime>::set_keys {
				keys: keys.keys,
				proof: codec::Encode::encode(&keys.proof),
			},
		));
		applied.assert_success();
		assert_eq!(Balances::balance_on_hold(&reason, &dave), SessionKeyDeposit::get());
		assert!(SessionKeyDeposit::get() > 0);
		let applied = apply(signed_extrinsic(Dave, pallet_session::Call::<Runtime>::purge_keys {}));
		applied.assert_success();
		assert_eq!(Balances::balance_on_hold(&reason, &dave), 0);
	});
	chain.try_state();
}

/// Issue 12 §1 with this runtime's generated weights: the worst session change (the draw at
/// `MaxCandidates`, `MaxCollators` in each set, the most kicks and the freeze step a block does)
/// fits in half a block in ref time and proof size, and the rotation itself (`new_session`, which
/// reads the frozen draw instead of every candidate's power) stays under a tenth of the block's
/// proof budget.
#[test]
fn the_worst_session_change_fits_with_the_generated_weights() {
	use pallet_power_selection::WeightInfo as _;
	use power_runtime::Runtime as R;
	let max = <R as frame_system::Config>::BlockWeights::get().max_block;
	let worst = PowerSelection::session_change_max_weight();
	assert!(
		worst.ref_time() <= max.ref_time() / 2 && worst.proof_size() <= max.proof_size() / 2,
		"the worst session change {worst:?} exceeds half of {max:?}"
	);
	let candidates = <R as pallet_power_selection::Config>::MaxCandidates::get();
	let collators = <R as pallet_power_selection::Config>::MaxCollators::get();
	let rotation =
		<R as pallet_power_selection::Config>::WeightInfo::new_session(candidates, collators);
	assert!(
		rotation.proof_size() <= max.proof_size() / 10,
		"new_session({candidates}, {collators}) reads {} bytes of proof, over a tenth of {}",
		rotation.proof_size(),
		max.proof_size()
	);
}
