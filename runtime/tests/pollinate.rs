//! Pollinate through the real runtime: keepers paid to run periodic tasks, relayers paid by signed
//! bundles, the transaction pool's verdicts, the simulation API, the call filter, and what each
//! costs, with signed extrinsics applied through `Executive`.

mod common;

use codec::Encode;
use common::*;
use frame_support::{
	assert_ok,
	dispatch::GetDispatchInfo,
	traits::{fungible::Inspect, Get},
	weights::Weight,
	BoundedVec,
};
use pallet_pay_after::{
	client::{fee, invalid, policy, BundleBuilder},
	Bundle,
};
use power_primitives::fee::TimeUnit::{Minute, Second};
use power_runtime::{
	pollinate::{self, PAY_AFTER_TAG, PERIODIC_TAG},
	Balances, Periodic, Runtime, RuntimeCall, RuntimeEvent, System, MILLI_UNIT, UNIT, VERSION,
};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Dave, Eve, Ferdie};
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

/// Registers, as `owner`, a task running `call` (1 UNIT a minute, retarget every 3 cycles), funds
/// its pot with 100 UNIT, and returns its id.
fn register_task(owner: &power_runtime::AccountId, call: RuntimeCall) -> pallet_periodic::TaskId {
	let task = pallet_periodic::NextTaskId::<Runtime>::get();
	assert_ok!(dispatch_as(
		owner,
		pallet_periodic::Call::<Runtime>::register_task {
			call: Box::new(call),
			target_secs_per_cycle: 60,
			cycles_per_retarget: 3,
			initial_pay_per_period: UNIT,
		},
	));
	assert_ok!(dispatch_as(
		owner,
		pallet_periodic::Call::<Runtime>::add_nectar { task, amount: 100 * UNIT },
	));
	task
}

fn remark(text: &[u8]) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark_with_event { remark: text.to_vec() })
}

/// A bundle of `signer`, created now, paying `amount` from creation and invalid after ten
/// minutes, running `calls`.
fn bundle(signer: Sr25519Keyring, amount: u128, calls: Vec<RuntimeCall>) -> Bundle<Runtime> {
	let now = pallet_timestamp::Pallet::<Runtime>::get() / 1000;
	let fees = policy([fee(amount), invalid().after(10, Minute)]).expect("a valid policy");
	let mut builder =
		BundleBuilder::<Runtime>::new(account(signer), now).fees(&fees).expect("fits");
	for call in calls {
		builder = builder.call(call).expect("fits");
	}
	builder.sign_with(&signer.pair(), &System::block_hash(0), VERSION.transaction_version)
}

fn relay(bundle: &Bundle<Runtime>) -> RuntimeCall {
	RuntimeCall::PayAfter(pallet_pay_after::Call::dispatch {
		bundle: Box::new(bundle.clone()),
		expired: BoundedVec::new(),
	})
}

/// The pool's verdict on `call` signed by `who`, at the chain's head.
fn pool_verdict(
	chain: &mut Chain,
	who: Sr25519Keyring,
	call: RuntimeCall,
) -> sp_runtime::transaction_validity::TransactionValidity {
	chain.execute(|| pool_validate(signed_extrinsic(who, call)))
}

fn invalid_tx(
	verdict: &sp_runtime::transaction_validity::TransactionValidity,
) -> InvalidTransaction {
	match verdict {
		Err(TransactionValidityError::Invalid(invalid)) => *invalid,
		other => panic!("expected an invalid transaction, got {other:?}"),
	}
}

#[test]
fn a_keeper_is_paid_to_run_a_periodic_task_as_a_signed_extrinsic() {
	let mut chain = Chain::development();
	let (alice, bob) = (account(Alice), account(Bob));
	let task = chain.block(|| register_task(&alice, remark(b"tick")));

	// A minute later (10 blocks of 6 s), Bob asks what it pays and runs it.
	chain.blocks(9);
	chain.block(|| {
		let quote = pollinate::quote_task(task, 200).expect("the task can be dispatched");
		assert_eq!(quote.quote.payable, UNIT, "60 s at 1 UNIT per 60 s");
		let before = Balances::balance(&bob);
		let applied = apply(signed_extrinsic(
			Bob,
			pallet_periodic::Call::<Runtime>::dispatch {
				task,
				min_nectar: UNIT,
				max_call_weight: quote.quote.call_weight,
			},
		));
		applied.assert_success();
		applied.assert_fee_and_weight_match_post_info();
		assert_eq!(Balances::balance(&bob), before + UNIT - applied.fee);
		assert!(applied.fee <= quote.extrinsic_fee, "{} <= {}", applied.fee, quote.extrinsic_fee);
		let events = events();
		assert!(events.iter().any(|e| matches!(
			e,
			RuntimeEvent::Periodic(pallet_periodic::Event::Pollinated { task: t, caller, paid, .. })
				if *t == task && *caller == bob && *paid == UNIT
		)));
		// The call ran as the task's own account, not as Alice.
		let runner = Periodic::task_account(task);
		assert!(events.iter().any(|e| matches!(
			e,
			RuntimeEvent::System(frame_system::Event::Remarked { sender, .. }) if *sender == runner
		)));
	});
	chain.try_state();
}

/// Issue: a `batch_all([register_task(heavy), dispatch(NextTaskId), cancel_task])` was charged for
/// an unknown task while the heavy call ran. Now `dispatch` declares the `max_call_weight` it is
/// given, so the batch either declares the heavy call's weight or is refused.
#[test]
fn a_batch_cannot_run_a_task_heavier_than_it_paid_for() {
	let mut chain = Chain::development();
	let alice = account(Alice);
	// A "heavy" call with a tiny encoding: a dispatch of another task declaring the most a task
	// call may weigh.
	let other = chain.block(|| register_task(&alice, remark(b"other")));
	let max = <Runtime as pallet_periodic::Config>::MaxCallWeight::get();
	let heavy = RuntimeCall::Periodic(pallet_periodic::Call::dispatch {
		task: other,
		min_nectar: 0,
		max_call_weight: max,
	});
	let heavy_weight = heavy.get_dispatch_info().call_weight;
	assert!(heavy_weight.ref_time() >= max.ref_time());

	chain.blocks(2);
	chain.block(|| {
		let next = pallet_periodic::NextTaskId::<Runtime>::get();
		let batch = |max_call_weight: Weight| {
			RuntimeCall::Utility(pallet_utility::Call::batch_all {
				calls: vec![
					RuntimeCall::Periodic(pallet_periodic::Call::register_task {
						call: Box::new(heavy.clone()),
						target_secs_per_cycle: 60,
						cycles_per_retarget: 3,
						initial_pay_per_period: UNIT,
					}),
					RuntimeCall::Periodic(pallet_periodic::Call::dispatch {
						task: next,
						min_nectar: 0,
						max_call_weight,
					}),
					RuntimeCall::Periodic(pallet_periodic::Call::cancel_task { task: next }),
				],
			})
		};
		// Declaring little: refused, the heavy call never runs.
		let cheap = apply(signed_extrinsic(Alice, batch(Weight::from_parts(1_000, 1_000))));
		assert_eq!(cheap.result.as_ref().map(|r| r.is_err()), Ok(true), "{:?}", cheap.result);
		assert!(cheap.declared.call_weight.all_lt(heavy_weight));
		assert!(
			events().iter().any(|e| matches!(
				e,
				RuntimeEvent::Utility(pallet_utility::Event::BatchInterrupted { error, .. })
					if *error == pallet_periodic::Error::<Runtime>::MaxCallWeightTooLow.into()
			)) || matches!(cheap.result, Ok(Err(_)))
		);
		cheap.assert_fee_and_weight_match_post_info();
		// Declaring enough: the extrinsic declares (and pays for) at least the heavy call.
		let honest = apply(signed_extrinsic(Alice, batch(heavy_weight)));
		assert!(honest.declared.call_weight.all_gte(heavy_weight));
		honest.assert_fee_and_weight_match_post_info();
	});
	chain.try_state();
}

#[test]
fn a_relayer_is_paid_by_a_bundle_it_submits_and_the_simulation_foretold_it() {
	let mut chain = Chain::development();
	let (dave, eve, ferdie) = (account(Dave), account(Eve), account(Ferdie));
	chain.block(|| {
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: ferdie.clone().into(),
			value: 5 * UNIT,
		});
		let bundle = bundle(Eve, MILLI_UNIT, vec![transfer]);
		let quote = pollinate::simulate_bundle(dave.clone(), bundle.clone(), vec![], 300)
			.expect("the bundle would run");

		let (dave_before, eve_before, ferdie_before) =
			(Balances::balance(&dave), Balances::balance(&eve), Balances::balance(&ferdie));
		let applied = apply(signed_extrinsic(Dave, relay(&bundle)));
		applied.assert_success();
		applied.assert_fee_and_weight_match_post_info();

		let paid = quote.simulation.fee;
		assert!(paid > 0 && paid <= MILLI_UNIT, "13-bit rounding: {paid}");
		assert_eq!(Balances::balance(&dave), dave_before + paid - applied.fee);
		assert_eq!(Balances::balance(&ferdie), ferdie_before + 5 * UNIT);
		let deposit: u128 = <Runtime as pallet_pay_after::Config>::BundleDeposit::get();
		assert_eq!(Balances::balance(&eve), eve_before - 5 * UNIT - paid - deposit);
		// The simulation's weight is what the extrinsic was charged for.
		let base = <Runtime as frame_system::Config>::BlockWeights::get()
			.get(applied.declared.class)
			.base_extrinsic;
		assert_eq!(
			applied.actual.weight,
			base + applied.declared.extension_weight + quote.simulation.actual_weight
		);
		assert!(applied.fee <= quote.extrinsic_fee, "{} <= {}", applied.fee, quote.extrinsic_fee);
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::PayAfter(pallet_pay_after::Event::BundleExecuted { signer, relayer, fee, .. })
				if *signer == eve && *relayer == dave && *fee == paid
		)));
	});
	chain.try_state();
}

/// The pool refuses every bundle that would fail, before inclusion, with the reason a relayer can
/// act on, and two relayers' copies of one bundle provide the same tag.
#[test]
fn the_pool_refuses_bundles_that_would_fail_and_deduplicates_relays() {
	let mut chain = Chain::development();
	chain.block(|| ());
	let ferdie = account(Ferdie);
	let transfer = |value| {
		RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: ferdie.clone().into(),
			value,
		})
	};

	let good = chain.execute(|| bundle(Eve, MILLI_UNIT, vec![transfer(UNIT)]));
	let by_dave = pool_verdict(&mut chain, Dave, relay(&good)).expect("a valid bundle");
	let by_bob = pool_verdict(&mut chain, Bob, relay(&good)).expect("a valid bundle");
	let data_hash = chain.execute(|| pallet_pay_after::Pallet::<Runtime>::data_hash(&good));
	let tag = (PAY_AFTER_TAG, account(Eve), data_hash).encode();
	assert!(by_dave.provides.contains(&tag) && by_bob.provides.contains(&tag));
	assert!(by_dave.priority >= 1, "priority follows the fee");

	// Bad signature: Ferdie's signature on Eve's bundle.
	let mut forged = good.clone();
	forged.signature = chain.execute(|| bundle(Ferdie, MILLI_UNIT, vec![transfer(UNIT)]).signature);
	assert_eq!(
		invalid_tx(&pool_verdict(&mut chain, Dave, relay(&forged))),
		InvalidTransaction::BadProof
	);

	// Not yet valid: its first fee applies in a minute.
	let later = chain.execute(|| {
		let now = pallet_timestamp::Pallet::<Runtime>::get() / 1000;
		let fees = policy([fee(MILLI_UNIT).after(60, Second)]).expect("valid");
		BundleBuilder::<Runtime>::new(account(Eve), now)
			.fees(&fees)
			.expect("fits")
			.call(transfer(UNIT))
			.expect("fits")
			.sign_with(&Eve.pair(), &System::block_hash(0), VERSION.transaction_version)
	});
	assert_eq!(
		invalid_tx(&pool_verdict(&mut chain, Dave, relay(&later))),
		InvalidTransaction::Future
	);

	// Not covering its fee: the signer transfers away (almost) everything it has.
	let greedy = chain.execute(|| {
		let all = Balances::balance(&account(Eve)) - 2 * MILLI_UNIT;
		bundle(Eve, MILLI_UNIT, vec![transfer(all)])
	});
	assert!(matches!(
		invalid_tx(&pool_verdict(&mut chain, Dave, relay(&greedy))),
		InvalidTransaction::Custom(_)
	));

	// Its calls fail.
	let failing = chain.execute(|| {
		bundle(
			Eve,
			MILLI_UNIT,
			vec![RuntimeCall::Periodic(pallet_periodic::Call::cancel_task { task: 999 })],
		)
	});
	assert!(matches!(
		invalid_tx(&pool_verdict(&mut chain, Dave, relay(&failing))),
		InvalidTransaction::Custom(_)
	));

	// Executed: the next copy is stale, and its relayer pays nothing since the pool drops it.
	chain.block(|| apply(signed_extrinsic(Dave, relay(&good))).assert_success());
	assert_eq!(invalid_tx(&pool_verdict(&mut chain, Bob, relay(&good))), InvalidTransaction::Stale);

	// Killed: stale as well.
	let killed = chain.execute(|| bundle(Eve, MILLI_UNIT, vec![transfer(UNIT)]));
	chain.block(|| {
		let data_hash = pallet_pay_after::Pallet::<Runtime>::data_hash(&killed);
		assert_ok!(dispatch_as(
			&account(Eve),
			pallet_pay_after::Call::<Runtime>::kill { data_hash, expires: None },
		));
	});
	assert_eq!(
		invalid_tx(&pool_verdict(&mut chain, Dave, relay(&killed))),
		InvalidTransaction::Stale
	);
	chain.try_state();
}

/// Two relayers' copies of one bundle reach the same block (a node without the pool's tags, such
/// as chopsticks, or two block authors' pools): the first runs it; the second is invalid in the
/// block, so the author leaves it out and its relayer pays nothing. Before, the second was
/// included, failed with `BundleAlreadyExecuted` and paid its fee.
#[test]
fn a_relayer_that_loses_a_race_inside_a_block_pays_nothing() {
	let mut chain = Chain::development();
	chain.blocks(2);
	let race = chain.execute(|| bundle(Eve, MILLI_UNIT, vec![remark(b"race")]));
	let expired = chain.execute(|| {
		let now = pallet_timestamp::Pallet::<Runtime>::get() / 1000;
		let fees = policy([fee(MILLI_UNIT), invalid().after(1, Second)]).expect("a policy");
		let builder = BundleBuilder::<Runtime>::new(account(Eve), now.saturating_sub(60))
			.fees(&fees)
			.expect("fits")
			.call(remark(b"too late"))
			.expect("fits");
		builder.sign_with(&Eve.pair(), &System::block_hash(0), VERSION.transaction_version)
	});
	chain.block(|| {
		let bob = || (System::account_nonce(account(Bob)), Balances::balance(&account(Bob)));
		let before = bob();
		let winner = apply(signed_extrinsic(Dave, relay(&race)));
		winner.assert_success();
		winner.assert_fee_and_weight_match_post_info();
		let loser = apply(signed_extrinsic(Bob, relay(&race)));
		assert_eq!(loser.result, Err(TransactionValidityError::Invalid(InvalidTransaction::Stale)));
		assert_eq!((loser.fee, bob()), (0, before), "no fee, and the nonce is still free");
		// A bundle that cannot start for another reason (here: expired) is not charged either.
		let late = apply(signed_extrinsic(Bob, relay(&expired)));
		assert_eq!(late.result, Err(TransactionValidityError::Invalid(InvalidTransaction::Stale)));
		assert_eq!((late.fee, bob()), (0, before));
	});
	chain.try_state();
}

#[test]
fn the_pool_refuses_task_dispatches_that_would_fail_and_tags_each_cycle() {
	let mut chain = Chain::development();
	let task = chain.block(|| register_task(&account(Alice), remark(b"tick")));
	let dispatch = |min_nectar, max_call_weight| {
		RuntimeCall::Periodic(pallet_periodic::Call::dispatch { task, min_nectar, max_call_weight })
	};
	let weight = chain.execute(|| Periodic::task_quote_of(task).expect("a task").call_weight);

	// Unknown task.
	let unknown = RuntimeCall::Periodic(pallet_periodic::Call::dispatch {
		task: 77,
		min_nectar: 0,
		max_call_weight: weight,
	});
	assert!(
		matches!(invalid_tx(&pool_verdict(&mut chain, Bob, unknown)), InvalidTransaction::Custom(c) if c >= pollinate::codes::PERIODIC_BASE)
	);

	chain.blocks(3);
	// Too little weight declared for its call.
	assert!(matches!(
		invalid_tx(&pool_verdict(&mut chain, Bob, dispatch(0, Weight::zero()))),
		InvalidTransaction::Custom(c) if c >= pollinate::codes::PERIODIC_BASE
	));
	// More nectar asked than accrued.
	assert!(matches!(
		invalid_tx(&pool_verdict(&mut chain, Bob, dispatch(1_000 * UNIT, weight))),
		InvalidTransaction::Custom(c) if c >= pollinate::codes::PERIODIC_BASE
	));
	// A valid one provides (task, cycle): two keepers' dispatches of this cycle collide.
	let by_bob = pool_verdict(&mut chain, Bob, dispatch(1, weight)).expect("valid");
	let by_dave = pool_verdict(&mut chain, Dave, dispatch(1, weight)).expect("valid");
	let tag = (PERIODIC_TAG, task, 0u64).encode();
	assert!(by_bob.provides.contains(&tag) && by_dave.provides.contains(&tag));

	// Once run, the next cycle has a new tag, and in the same second nothing is valid.
	chain.block(|| {
		apply(signed_extrinsic(Bob, dispatch(1, weight))).assert_success();
		let again = pool_validate(signed_extrinsic(Dave, dispatch(0, weight)));
		assert!(again.is_err(), "the same second: {again:?}");
	});
	chain.block(|| ());
	let next = pool_verdict(&mut chain, Dave, dispatch(0, weight)).expect("valid");
	assert!(next.provides.contains(&(PERIODIC_TAG, task, 1u64).encode()));
	chain.try_state();
}

/// Bundles run as their signer and tasks as their own account; neither may reach `Sudo`, even
/// when the signer holds the sudo key.
#[test]
fn bundles_and_tasks_cannot_reach_sudo() {
	let mut chain = Chain::development();
	let alice = account(Alice);
	let sudo_remark =
		RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(remark(b"root")) });
	chain.block(|| {
		// Alice, the sudo key, may call sudo directly.
		assert_ok!(dispatch_as(&alice, sudo_remark.clone()));
		// But a bundle she signed, relayed by Dave, may not.
		let b = bundle(Alice, MILLI_UNIT, vec![sudo_remark.clone()]);
		let relayed = dispatch_as(&account(Dave), relay(&b));
		assert_eq!(
			relayed.map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
	});
	let task = chain.block(|| register_task(&alice, sudo_remark.clone()));
	chain.blocks(2);
	chain.block(|| {
		let weight = Periodic::task_quote_of(task).expect("a task").call_weight;
		let ran = dispatch_as(
			&account(Bob),
			pallet_periodic::Call::<Runtime>::dispatch {
				task,
				min_nectar: 0,
				max_call_weight: weight,
			},
		);
		assert_eq!(
			ran.map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
	});
	chain.try_state();
}

/// What relaying costs, measured on signed extrinsics through `Executive` with the generated
/// weights: a transfer signed directly, the same transfer relayed in a bundle, and a keeper's
/// periodic dispatch. The runtime README quotes these numbers.
#[test]
fn what_a_transfer_a_relayed_transfer_and_a_periodic_dispatch_cost() {
	let mut chain = Chain::development();
	let task = chain.block(|| register_task(&account(Alice), remark(b"tick")));
	chain.blocks(9);
	let ferdie = account(Ferdie);
	chain.block(|| {
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: ferdie.clone().into(),
			value: UNIT,
		});
		let direct = apply(signed_extrinsic(Eve, transfer.clone()));
		direct.assert_success();
		direct.assert_fee_and_weight_match_post_info();

		let b = bundle(Eve, MILLI_UNIT, vec![transfer]);
		let relayed = apply(signed_extrinsic(Dave, relay(&b)));
		relayed.assert_success();
		relayed.assert_fee_and_weight_match_post_info();

		let weight = Periodic::task_quote_of(task).expect("a task").call_weight;
		let keeper = apply(signed_extrinsic(
			Bob,
			pallet_periodic::Call::<Runtime>::dispatch {
				task,
				min_nectar: 1,
				max_call_weight: weight,
			},
		));
		keeper.assert_success();
		keeper.assert_fee_and_weight_match_post_info();

		let ratio =
			relayed.actual.weight.ref_time() as f64 / direct.actual.weight.ref_time() as f64;
		println!(
			"transfer: {} ({} bytes, {:?}); relayed transfer: {} ({} bytes, {:?}), weight ratio \
			 {ratio:.2}; periodic dispatch: {} ({} bytes, {:?})",
			direct.fee,
			direct.len,
			direct.actual.weight,
			relayed.fee,
			relayed.len,
			relayed.actual.weight,
			keeper.fee,
			keeper.len,
			keeper.actual.weight,
		);
		// The README's statements (at the genesis fee multiplier of 1): a transfer costs about two
		// milli-units, mostly for its proof size; relaying one costs less than twice that; a
		// keeper's dispatch of a small task about as much as a transfer.
		assert!((MILLI_UNIT..3 * MILLI_UNIT).contains(&direct.fee), "a transfer: {}", direct.fee);
		assert!(relayed.fee < 2 * direct.fee, "a relayed transfer: {}", relayed.fee);
		assert!(keeper.fee < 2 * direct.fee, "a periodic dispatch: {}", keeper.fee);
	});
	chain.try_state();
}

/// The bundle vectors of `primitives/vectors/pollinate.json` (which the JavaScript client checks
/// too) are this runtime's payloads, data hashes and bundle encodings: the pallet's
/// `signing_payload` and `Bundle` cannot drift from what the clients build.
#[test]
fn the_pinned_bundle_vectors_are_the_runtimes_encoding() {
	use codec::Decode;
	let file = include_str!("../../primitives/vectors/pollinate.json");
	let vectors: serde_json::Value = serde_json::from_str(file).expect("the vector file is JSON");
	let hex = |v: &serde_json::Value| {
		let s = v.as_str().expect("a hex string");
		sp_core::bytes::from_hex(s).expect("valid hex")
	};
	let bundles = vectors["bundles"].as_array().expect("a list of bundles");
	assert!(!bundles.is_empty());
	let mut checked_bundles = 0;
	for case in bundles {
		let name = case["name"].as_str().unwrap_or_default();
		let genesis = sp_core::H256::from_slice(&hex(&case["genesisHash"]));
		let signer =
			power_runtime::AccountId::new(hex(&case["signer"]).try_into().expect("32 bytes"));
		let create_time: u64 =
			case["createTime"].as_str().and_then(|s| s.parse().ok()).expect("a u64");
		let fees: Vec<u32> = case["fees"]
			.as_array()
			.expect("fee words")
			.iter()
			.map(|w| w.as_u64().and_then(|w| u32::try_from(w).ok()).expect("a u32"))
			.collect();
		// The vectors' calls are opaque encoded bytes (some are not calls of this runtime): the
		// payload is pinned over them as they are.
		let calls: Vec<RawCall> =
			case["calls"].as_array().expect("calls").iter().map(|c| RawCall(hex(c))).collect();
		let version = case["transactionVersion"].as_u64().expect("a version") as u32;
		let payload = pallet_pay_after::types::signing_payload(
			&genesis,
			version,
			&signer,
			create_time,
			&fees,
			&calls,
		);
		assert_eq!(payload, hex(&case["payload"]), "{name}: payload");
		assert_eq!(
			sp_io::hashing::blake2_256(&payload).to_vec(),
			hex(&case["dataHash"]),
			"{name}: data hash"
		);
		assert_eq!(
			pallet_pay_after::wrap_bytes(&payload),
			hex(&case["wrapped"]),
			"{name}: wrapped form"
		);
		let runtime_calls = calls
			.iter()
			.map(|c| RuntimeCall::decode(&mut &c.0[..]).ok())
			.collect::<Option<Vec<_>>>();
		let Some(runtime_calls) = runtime_calls else { continue };
		checked_bundles += 1;
		assert_eq!(
			pallet_pay_after::types::signing_payload(
				&genesis,
				version,
				&signer,
				create_time,
				&fees,
				&runtime_calls,
			),
			payload,
			"{name}: the same payload with the decoded calls"
		);
		for signed in case["signed"].as_array().expect("signed forms") {
			let bytes = hex(&signed["bundle"]);
			let bundle = Bundle::<Runtime>::decode(&mut &bytes[..]).expect("a bundle");
			assert_eq!(bundle.encode(), bytes, "{name}: bundle round trip");
			assert_eq!(bundle.signer, signer);
			assert_eq!(bundle.payload(&genesis, version), payload, "{name}: bundle payload");
		}
	}
	assert!(checked_bundles > 0, "at least one vector's calls are calls of this runtime");
}

/// An already encoded call, encoded as its bytes.
struct RawCall(Vec<u8>);

impl Encode for RawCall {
	fn size_hint(&self) -> usize {
		self.0.len()
	}
	fn encode_to<O: codec::Output + ?Sized>(&self, dest: &mut O) {
		dest.write(&self.0);
	}
}
