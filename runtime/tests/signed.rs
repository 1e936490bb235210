//! Signed extrinsics through `Executive::apply_extrinsic`, with the runtime's whole
//! `TxExtension`: the layer where fees, `CheckWeight`, the block weight and refunds live, which
//! tests that dispatch a `RuntimeCall` directly never reach.
//!
//! Every flow asserts that the fee charged is the fee of the post-dispatch weight and that the
//! block's weight grew by exactly that weight.

mod common;

use codec::Encode;
use common::*;
use frame_support::{
	dispatch::DispatchClass,
	traits::{fungible::Inspect, Contains, Get},
	weights::{Weight, WeightToFee as _},
	BoundedVec,
};
use pallet_storage_provider::SectorPreCommitInfo;
use power_primitives::proofs;
use power_runtime::{
	Balances, Runtime, RuntimeCall, SessionKeys, System, TransactionPayment, WeightToFee,
	BASE_EXTRINSIC_FEE, MILLI_UNIT, UNIT,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};

#[test]
fn a_signed_transfer_pays_its_post_dispatch_fee() {
	let mut chain = Chain::development();
	let (alice, bob) = (account(Alice), account(Bob));
	chain.block(|| {
		let (alice_before, bob_before) = (Balances::balance(&alice), Balances::balance(&bob));
		let applied = apply(signed_extrinsic(
			Alice,
			pallet_balances::Call::<Runtime>::transfer_keep_alive {
				dest: bob.clone().into(),
				value: UNIT,
			},
		));
		applied.assert_success();
		applied.assert_fee_and_weight_match_post_info();
		assert_eq!(Balances::balance(&bob), bob_before + UNIT);
		assert_eq!(Balances::balance(&alice), alice_before - UNIT - applied.fee);
		assert_eq!(System::account_nonce(&alice), 1);
	});
	chain.try_state();
}

#[test]
fn a_signed_extrinsic_with_a_wrong_nonce_or_without_funds_is_refused_before_it_runs() {
	let mut chain = Chain::development();
	chain.block(|| {
		// Replaying the same signed transfer: the nonce has moved on.
		let xt = signed_extrinsic(
			Alice,
			pallet_balances::Call::<Runtime>::transfer_keep_alive {
				dest: account(Bob).into(),
				value: UNIT,
			},
		);
		apply(xt.clone()).assert_success();
		let replay = apply(xt);
		assert!(replay.result.is_err(), "a replayed extrinsic is invalid: {:?}", replay.result);
		// An account with no funds cannot pay the fee.
		let broke = <sp_core::sr25519::Pair as sp_core::Pair>::from_string("//Broke", None)
			.expect("a valid dev derivation");
		let applied = apply(signed_extrinsic_by(
			&broke,
			frame_system::Call::<Runtime>::remark { remark: b"free ride".to_vec() },
		));
		assert!(applied.result.is_err(), "no fee, no inclusion");
	});
	chain.try_state();
}

#[test]
fn each_pallet_charges_its_post_dispatch_fee_through_executive() {
	let mut chain = Chain::development();
	let (charlie, eve) = (account(Charlie), account(Eve));

	// collator-power: a new miner.
	chain.block(|| {
		let applied = apply(signed_extrinsic(
			Ferdie,
			pallet_collator_power::Call::<Runtime>::create_miner {},
		));
		applied.assert_success();
		applied.assert_fee_and_weight_match_post_info();
	});

	// power-selection: session keys, then a candidacy.
	chain.block(|| {
		let generated = SessionKeys::generate(&eve.encode(), None);
		let applied = apply(signed_extrinsic(
			Eve,
			pallet_session::Call::<Runtime>::set_keys {
				keys: generated.keys,
				proof: generated.proof.encode(),
			},
		));
		applied.assert_success();
		applied.assert_fee_and_weight_match_post_info();
		let applied = apply(signed_extrinsic(
			Eve,
			pallet_power_selection::Call::<Runtime>::register_as_candidate {},
		));
		applied.assert_success();
		applied.assert_fee_and_weight_match_post_info();
		assert!(<pallet_power_selection::IsCandidate<Runtime> as Contains<_>>::contains(&eve));
	});

	// storage-provider: Charlie (a provider from genesis) pre-commits a sector.
	chain.block(|| {
		let now = System::block_number();
		// The commitments of a sealing (whether they are one is checked at prove-commit).
		let info = SectorPreCommitInfo {
			sector_number: 7,
			seal_ticket_block: now,
			comm_d: proofs::commit(&[7u8; 2048]).expect("2 KiB commits"),
			comm_c: [1; 32],
			comm_r_last: [2; 32],
			expiration: now + 100_000,
		};
		let applied = apply(signed_extrinsic(
			Charlie,
			pallet_storage_provider::Call::<Runtime>::pre_commit_sectors {
				sectors: BoundedVec::truncate_from(vec![info]),
			},
		));
		applied.assert_success();
		applied.assert_fee_and_weight_match_post_info();
		assert!(pallet_storage_provider::PreCommittedSectors::<Runtime>::contains_key(&charlie, 7));
	});
	chain.try_state();
}

#[test]
fn the_base_extrinsic_costs_a_tenth_of_a_milli_unit_and_a_full_block_costs_about_1_4_units() {
	let base = frame_support::weights::constants::ExtrinsicBaseWeight::get();
	let fee = WeightToFee::weight_to_fee(&base);
	// Perbill rounding of the coefficient: within a millionth.
	assert!(fee.abs_diff(BASE_EXTRINSIC_FEE) <= BASE_EXTRINSIC_FEE / 1_000_000, "{fee}");
	assert_eq!(BASE_EXTRINSIC_FEE, MILLI_UNIT / 10);

	let normal = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(DispatchClass::Normal)
		.max_total
		.expect("normal blocks are bounded");
	// Full in ref time or full in proof size: the same fee.
	let by_time = WeightToFee::weight_to_fee(&Weight::from_parts(normal.ref_time(), 0));
	let by_proof = WeightToFee::weight_to_fee(&Weight::from_parts(0, normal.proof_size()));
	assert!(by_time.abs_diff(by_proof) <= by_time / 1_000, "{by_time} vs {by_proof}");
	assert!((UNIT..2 * UNIT).contains(&by_time), "a full block costs {by_time}");
	// A weight pays for the scarcer of its two dimensions.
	assert_eq!(WeightToFee::weight_to_fee(&normal), by_time.max(by_proof));
}

#[test]
fn fees_rise_after_full_blocks_and_fall_after_empty_ones() {
	let mut chain = Chain::development();
	let start = chain.execute(pallet_transaction_payment::NextFeeMultiplier::<Runtime>::get);
	chain.block(|| {
		let normal = <Runtime as frame_system::Config>::BlockWeights::get()
			.get(DispatchClass::Normal)
			.max_total
			.expect("normal blocks are bounded");
		System::register_extra_weight_unchecked(normal, DispatchClass::Normal);
	});
	let after_full = chain.execute(pallet_transaction_payment::NextFeeMultiplier::<Runtime>::get);
	assert!(after_full > start, "{after_full:?} > {start:?}");
	chain.blocks(3);
	let after_empty = chain.execute(pallet_transaction_payment::NextFeeMultiplier::<Runtime>::get);
	assert!(after_empty < after_full, "{after_empty:?} < {after_full:?}");
	// The same transfer costs more when the multiplier is higher.
	chain.execute(|| {
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: account(Bob).into(),
			value: UNIT,
		});
		let info = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
		let low = TransactionPayment::compute_fee(150, &info, 0);
		pallet_transaction_payment::NextFeeMultiplier::<Runtime>::put(after_full * after_full);
		assert!(TransactionPayment::compute_fee(150, &info, 0) > low);
	});
}

#[test]
fn a_sealed_sector_is_proven_by_signed_extrinsics_that_pay_their_weight() {
	use common::sealing::{seal, seal_proof, sector_data};
	let mut chain = Chain::development();
	let dave = account(Dave);
	let pre_commit_block = chain.head() + 1;
	chain.block(|| {
		let info = seal(&dave, 3, &sector_data(&dave, 3), pre_commit_block + 100_000);
		let applied = apply(signed_extrinsic(
			Dave,
			pallet_storage_provider::Call::<Runtime>::pre_commit_sectors {
				sectors: BoundedVec::truncate_from(vec![info]),
			},
		));
		applied.assert_success();
		applied.assert_fee_and_weight_match_post_info();
	});
	let delay =
		chain.execute(<power_runtime::chain_params::PreCommitChallengeDelay as Get<u32>>::get);
	chain.run_to(pre_commit_block + delay);
	chain.block(|| {
		let proof = seal_proof(&dave, 3, pre_commit_block + delay, 0);
		let call = pallet_storage_provider::Call::<Runtime>::prove_commit_sectors {
			proofs: BoundedVec::truncate_from(vec![proof]),
		};
		let weight = pallet_storage_provider::Pallet::<Runtime>::prove_commit_weight(1);
		let applied = apply(signed_extrinsic(Dave, call));
		applied.assert_success();
		applied.assert_fee_and_weight_match_post_info();
		// One batch of a development sector: what the benchmarked weight charges (the worst
		// sealable size's batch) and no less.
		assert!(applied.actual.weight.all_gte(weight), "{:?} < {weight:?}", applied.actual.weight);
		assert!(pallet_storage_provider::Sectors::<Runtime>::contains_key(&dave, 3));
	});
	chain.try_state();
}
