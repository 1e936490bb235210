//! The Pollinate flows through the real runtime: a keeper paid to run a periodic task, and a
//! signed bundle whose relayer is paid from the signer's account after its calls ran.

mod common;

use common::*;
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, Get},
	BoundedVec,
};
use pallet_pay_after::client::{fee, invalid, policy, BundleBuilder};
use power_primitives::fee::TimeUnit::Minute;
use power_runtime::{Balances, Runtime, RuntimeCall, RuntimeEvent, System, UNIT, VERSION};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave, Eve, Ferdie};

#[test]
fn a_keeper_is_paid_to_run_a_periodic_task() {
	let mut chain = Chain::development();
	let (alice, bob) = (account(Alice), account(Bob));

	// Alice registers a task that records a remark every minute, paying 1 UNIT per minute, and
	// funds it.
	let task = chain.block(|| {
		let task = pallet_periodic::NextTaskId::<Runtime>::get();
		let tick =
			RuntimeCall::System(frame_system::Call::remark_with_event { remark: b"tick".to_vec() });
		assert_ok!(dispatch_as(
			&alice,
			pallet_periodic::Call::<Runtime>::register_task {
				call: Box::new(tick),
				target_secs_per_cycle: 60,
				cycles_per_retarget: 3,
				initial_pay_per_period: UNIT,
			},
		));
		assert_ok!(dispatch_as(
			&alice,
			pallet_periodic::Call::<Runtime>::add_nectar { task, amount: 100 * UNIT },
		));
		task
	});

	// A minute later (10 blocks of 6 s), Bob runs it and is paid the accrued nectar.
	chain.blocks(9);
	chain.block(|| {
		let before = Balances::balance(&bob);
		assert_ok!(dispatch_as(
			&bob,
			pallet_periodic::Call::<Runtime>::dispatch { task, min_nectar: UNIT },
		));
		let paid = Balances::balance(&bob) - before;
		assert_eq!(paid, UNIT, "60 s at 1 UNIT per 60 s");
		let events = events();
		assert!(events.contains(&RuntimeEvent::Periodic(pallet_periodic::Event::Pollinated {
			task,
			caller: bob.clone(),
			paid,
		})));
		assert!(events.iter().any(|e| matches!(
			e,
			RuntimeEvent::System(frame_system::Event::Remarked { sender, .. }) if *sender == alice
		)));
	});
	chain.try_state();
}

#[test]
fn a_relayer_is_paid_by_a_bundle_it_submits() {
	let mut chain = Chain::development();
	let (dave, eve, ferdie) = (account(Dave), account(Eve), account(Ferdie));

	chain.block(|| {
		let now = <pallet_timestamp::Pallet<Runtime>>::get() / 1000;
		// Eve signs, off-chain, a transfer to Ferdie that pays 1 UNIT, rising to 2 UNIT over
		// two minutes, and that is invalid after ten minutes.
		let fees = policy([fee(UNIT), fee(2 * UNIT).after(2, Minute), invalid().after(10, Minute)])
			.expect("a valid policy");
		let genesis_hash = System::block_hash(0);
		let bundle = BundleBuilder::<Runtime>::new(eve.clone(), now)
			.fees(&fees)
			.expect("fits")
			.call(pallet_balances::Call::<Runtime>::transfer_keep_alive {
				dest: ferdie.clone().into(),
				value: 5 * UNIT,
			})
			.expect("fits")
			.sign_with(&Eve.pair(), &genesis_hash, VERSION.transaction_version);

		let (dave_before, eve_before, ferdie_before) =
			(Balances::balance(&dave), Balances::balance(&eve), Balances::balance(&ferdie));
		// Dave relays it.
		assert_ok!(dispatch_as(
			&dave,
			pallet_pay_after::Call::<Runtime>::dispatch {
				bundle: Box::new(bundle.clone()),
				expired: BoundedVec::new(),
			},
		));
		// The fee policy rounds amounts down to 13 significant bits.
		let paid = Balances::balance(&dave) - dave_before;
		assert!(paid > 0 && paid <= UNIT, "the relayer got the fee: {paid}");
		assert_eq!(Balances::balance(&ferdie), ferdie_before + 5 * UNIT);
		let deposit: u128 = <Runtime as pallet_pay_after::Config>::BundleDeposit::get();
		assert_eq!(Balances::balance(&eve), eve_before - 5 * UNIT - paid - deposit);
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::PayAfter(pallet_pay_after::Event::BundleExecuted { signer, relayer, fee, .. })
				if *signer == eve && *relayer == dave && *fee == paid
		)));

		// The same bundle cannot be replayed.
		assert!(dispatch_as(
			&dave,
			pallet_pay_after::Call::<Runtime>::dispatch {
				bundle: Box::new(bundle),
				expired: BoundedVec::new(),
			},
		)
		.is_err());
	});
	chain.try_state();
}
