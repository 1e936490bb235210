//! The collator draw cannot be steered by the author of the blocks around a session change: its
//! inputs are frozen ahead of the change, and its randomness is the relay chain's per-block VRF
//! randomness of a relay block later than the freeze, read from the verified relay-state proof.
//! The parent hash (and so the content of any parachain block) is not an input.

mod common;

use codec::Encode;
use common::*;
use frame_support::assert_ok;
use power_runtime::{
	AccountId, CollatorPower, PowerSelection, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	Session, SessionKeys, System,
};
use sp_keyring::Sr25519Keyring::{self, Alice, Charlie, Dave, Eve, Ferdie, One, Two};

/// The candidates of these tests, each with the same power.
const CANDIDATES: [Sr25519Keyring; 6] = [Charlie, Dave, Eve, Ferdie, One, Two];
/// The power the miner delegates to each candidate.
const POWER: u128 = 1 << 20;
/// The development chain's session length.
const SESSION: u32 = 10;
/// The session change whose draw the tests look at: the candidates register in block 1, after
/// the freeze for block 10 began, so block 20's draw is the first with them.
const BOUNDARY: u32 = 2 * SESSION;

/// Session keys and candidacy for every candidate, a miner (Alice) with power delegating the
/// same power to each, and 5 desired collators (the 2 invulnerables and 3 drawn of 6).
fn chain_with_candidates() -> Chain {
	let mut chain = Chain::development();
	add_candidates(&mut chain);
	chain
}

/// [`chain_with_candidates`]' first block, on `chain`.
fn add_candidates(chain: &mut Chain) {
	chain.block(|| {
		for candidate in CANDIDATES {
			let who = account(candidate);
			let generated = SessionKeys::generate(&who.encode(), None);
			assert_ok!(Session::set_keys(
				RuntimeOrigin::signed(who.clone()),
				generated.keys,
				generated.proof.encode(),
			));
			assert_ok!(PowerSelection::register_as_candidate(RuntimeOrigin::signed(who)));
		}
		let miner = account(Alice);
		assert_ok!(CollatorPower::create_miner(RuntimeOrigin::signed(miner.clone())));
		// The storage-provider flow that earns power is exercised in `power.rs`; here the miner
		// is credited directly, as the storage-provider pallet does when a sector is proven.
		assert_ok!(pallet_collator_power::Pallet::<Runtime>::update_miner_power(
			&miner,
			pallet_collator_power::PowerDelta::Increase(POWER * 100),
		));
		for candidate in CANDIDATES {
			assert_ok!(CollatorPower::delegate_power(
				RuntimeOrigin::signed(miner.clone()),
				account(candidate),
				POWER,
			));
		}
		assert_ok!(dispatch_root(pallet_power_selection::Call::<Runtime>::set_desired_collators {
			desired: 5
		}));
	});
}

/// The collators the session change in the current block drew, in draw order, from its
/// `CollatorsSelected` event.
fn drawn_now() -> Option<Vec<AccountId>> {
	events().into_iter().find_map(|event| match event {
		RuntimeEvent::PowerSelection(pallet_power_selection::Event::CollatorsSelected {
			drawn,
			..
		}) => Some(drawn.into_iter().map(|(who, _)| who).collect()),
		_ => None,
	})
}

/// Applies `call` signed by `signer`, as a block author includes a transaction.
fn include(signer: Sr25519Keyring, call: impl Into<RuntimeCall>) {
	apply(signed_extrinsic(signer, call)).assert_success();
}

/// The ways the author of the block before the session change (and of the change itself) may
/// build it: nothing, remarks of its choice, a transfer, and delegation changes of its own
/// (after the freeze, so they count from the next one). Each gives its block a different hash.
fn variants() -> Vec<(&'static str, Box<dyn Fn()>)> {
	let remark = |bytes: &'static [u8]| {
		move || include(Ferdie, frame_system::Call::remark { remark: bytes.to_vec() })
	};
	let delegate = |to: Sr25519Keyring| {
		move || {
			include(
				Alice,
				pallet_collator_power::Call::delegate_power {
					collator: account(to),
					amount: POWER * 50,
				},
			)
		}
	};
	vec![
		("empty", Box::new(|| {})),
		("remark a", Box::new(remark(b"a"))),
		("remark b", Box::new(remark(b"b"))),
		("remark c", Box::new(remark(b"grinding the parent hash"))),
		(
			"transfer",
			Box::new(|| {
				include(
					Eve,
					pallet_balances::Call::transfer_keep_alive {
						dest: account(Ferdie).into(),
						value: 1_000_000,
					},
				)
			}),
		),
		("delegate more to Charlie", Box::new(delegate(Charlie))),
		("delegate more to Two", Box::new(delegate(Two))),
		(
			"undelegate from Dave",
			Box::new(|| {
				include(
					Alice,
					pallet_collator_power::Call::undelegate_power {
						collator: account(Dave),
						amount: POWER,
					},
				)
			}),
		),
	]
}

/// The attack: the author of the block before a session change builds it in many ways (its
/// own extrinsics, its own delegations), so the change's block has a different parent hash in
/// each, and keeps the one whose draw it likes. Every fork must draw the same collators.
///
/// Before the fix (randomness `blake2(relay epoch randomness ‖ parent hash ‖ subject)`) this
/// failed: the forks drew different collators.
#[test]
fn every_way_of_building_the_blocks_before_the_change_draws_the_same_collators() {
	let mut chain = chain_with_candidates();
	chain.run_to(BOUNDARY - 2);
	let mut draws = Vec::new();
	let mut parent_hashes = Vec::new();
	for (name, before) in variants() {
		let mut fork = chain.fork();
		fork.block(before);
		parent_hashes.push(fork.head_hash());
		// The change's own block is full (pallet-session reports the whole block), and its
		// extrinsics would run after the draw anyway: only its parent can differ.
		let drawn = fork.block(|| {
			assert_eq!(System::block_number(), BOUNDARY);
			drawn_now().expect("the session change drew")
		});
		assert_eq!(drawn.len(), 3, "{name}: three of the six candidates are drawn");
		draws.push((name, drawn));
		fork.try_state();
	}
	let (_, first) = &draws[0];
	for (name, drawn) in &draws {
		assert_eq!(drawn, first, "the fork '{name}' drew differently: {draws:?}");
	}
	parent_hashes.sort();
	parent_hashes.dedup();
	assert_eq!(parent_hashes.len(), variants().len(), "every variant is a different parent");
}

/// The clock and the randomness the draw at [`BOUNDARY`] sees, read in that block.
fn draw_randomness_now() -> (u32, u32) {
	use frame_support::traits::Randomness;
	let (_, known_since) = power_runtime::randomness::DrawRandomness::random(b"probe");
	let frozen_at = pallet_power_selection::FreezeRandomnessMark::<Runtime>::get()
		.map(|(_, mark)| mark)
		.unwrap_or_default();
	(known_since, frozen_at)
}

/// Runs to the change with the relay parent held still from `hold_from` (the relay chain
/// producing no block the parachain builds on), then advancing by one for the last `advance`
/// blocks before the change. Returns whether the change drew, and checks its event.
fn draw_with_relay(hold_from: u32, advance: u32) -> bool {
	let mut chain = chain_with_candidates();
	chain.run_to(hold_from - 1);
	chain.relay_step = 0;
	chain.run_to(BOUNDARY - 1 - advance);
	chain.relay_step = 1;
	chain.run_to(BOUNDARY - 1);
	let drew = chain.block(|| {
		let drawn = drawn_now().expect("the change planned a set");
		let stale = events().into_iter().any(|e| {
			matches!(
				e,
				RuntimeEvent::PowerSelection(
					pallet_power_selection::Event::DrawRandomnessNotFresh { session, .. }
				) if session == 3
			)
		});
		assert_eq!(stale, drawn.is_empty(), "nobody is drawn exactly when it is not fresh");
		!drawn.is_empty()
	});
	chain.try_state();
	drew
}

/// The attack on the relay side of the old randomness: a value known before the freeze (the
/// epoch randomness is known an epoch ahead; here the relay chain gives the parachain no new
/// relay parent from before the freeze up to the change) lets whoever shapes the freeze choose
/// the draw. It is not used: the change draws nobody, and says so.
#[test]
fn relay_randomness_known_before_the_freeze_is_not_used() {
	// The relay parent never moves after block 10 (before the freeze for block 20 began).
	assert!(!draw_with_relay(SESSION, 0));
	// It moves on only within what a collator may already know at the freeze
	// (`allowed_ancestry_len` relay blocks).
	assert!(!draw_with_relay(SESSION, ALLOWED_ANCESTRY_LEN));
	// One relay block more, and the value is one nobody could know when the freeze completed.
	assert!(draw_with_relay(SESSION, ALLOWED_ANCESTRY_LEN + 1));
}

/// With the relay chain moving on as usual, the draw uses the relay VRF value of the relay
/// parent of the block before the change: known since that relay block, which is more than
/// `allowed_ancestry_len` relay blocks after the relay parent when the freeze completed.
#[test]
fn the_draw_uses_the_relay_value_of_the_last_relay_parent() {
	let mut chain = chain_with_candidates();
	chain.run_to(BOUNDARY - 1);
	let relay_parent = chain.relay_number();
	// What the change's `on_initialize` will read: the value recorded in the block before it.
	let (known_since, frozen_at) = chain.execute(draw_randomness_now);
	assert_eq!(known_since, relay_parent);
	// The freeze completed in block 12 (six candidates: the list copied in block 11, the
	// powers read in block 12), reading the relay parent of block 11.
	assert_eq!(frozen_at, 100 + 11);
	assert!(known_since > frozen_at + ALLOWED_ANCESTRY_LEN);
	chain.block(|| assert!(drawn_now().is_some_and(|drawn| drawn.len() == 3)));
	chain.try_state();
}

/// A relay chain without per-block VRF randomness (a dev node's mocked relay chain): the draw
/// falls back to the parent hash, so development chains keep drawing.
#[test]
fn a_relay_chain_without_vrf_randomness_still_draws() {
	let mut chain = Chain::development();
	chain.relay_vrf = false;
	add_candidates(&mut chain);
	chain.run_to(BOUNDARY - 1);
	let drawn = chain.block(|| {
		assert!(matches!(
			power_runtime::randomness::RelayBlockRandomness::get(),
			Some(power_runtime::randomness::RelayVrf::Absent { .. })
		));
		drawn_now()
	});
	assert!(drawn.is_some_and(|drawn| drawn.len() == 3));
	chain.try_state();
}

/// Once the relay chain's VRF randomness has been seen, proofs without it do not bring back the
/// parent-hash fallback nor make an older value count: the last value stays, known since its
/// relay block, and a change after the freeze with nothing newer draws nobody.
#[test]
fn proofs_without_the_relay_value_do_not_make_an_old_one_fresh() {
	let mut chain = chain_with_candidates();
	chain.run_to(SESSION);
	chain.relay_vrf = false;
	chain.run_to(BOUNDARY - 1);
	let recorded = chain.execute(power_runtime::randomness::RelayBlockRandomness::get);
	assert!(matches!(
		recorded,
		Some(power_runtime::randomness::RelayVrf::Output { relay_number, .. })
			if relay_number == 100 + SESSION
	));
	chain.block(|| {
		assert_eq!(drawn_now(), Some(Vec::new()));
		assert!(events().into_iter().any(|e| matches!(
			e,
			RuntimeEvent::PowerSelection(
				pallet_power_selection::Event::DrawRandomnessNotFresh { .. }
			)
		)));
	});
	chain.try_state();
}

/// How the record of relay VRF values moves: only a newer relay block's value changes it; a
/// proof without the key, or a relay block without a value, never replaces a value; the fallback
/// is only for a relay chain that never had one.
#[test]
fn the_record_only_moves_to_newer_relay_values() {
	use power_runtime::randomness::{RecordRelayRandomness as Record, RelayVrf};
	let value = relay_block_randomness(7);
	let first = Record::next::<()>(None, 7, Ok(Some(Some(value))));
	assert_eq!(
		first,
		Some(RelayVrf::Output { random: Record::chain(None, 7, &value), relay_number: 7 })
	);
	// The same relay parent again, an older one, a proof without the key, the key proven absent,
	// a relay block without a VRF value: nothing changes.
	assert_eq!(Record::next::<()>(first, 7, Ok(Some(Some([9; 32])))), first);
	assert_eq!(Record::next::<()>(first, 6, Ok(Some(Some([9; 32])))), first);
	assert_eq!(Record::next(first, 8, Err(())), first);
	assert_eq!(Record::next::<()>(first, 8, Ok(None)), first);
	assert_eq!(Record::next::<()>(first, 8, Ok(Some(None))), first);
	// A newer relay block chains its value on.
	let Some(RelayVrf::Output { random, .. }) = first else { unreachable!() };
	assert_eq!(
		Record::next::<()>(first, 8, Ok(Some(Some([9; 32])))),
		Some(RelayVrf::Output {
			random: Record::chain(Some(&random), 8, &[9; 32]),
			relay_number: 8
		})
	);
	// No value ever: a relay chain without the key falls back; nothing known yet stays unknown.
	assert_eq!(Record::next::<()>(None, 8, Ok(None)), Some(RelayVrf::Absent { relay_number: 8 }));
	assert_eq!(Record::next(None, 8, Err(())), Some(RelayVrf::Absent { relay_number: 8 }));
	assert_eq!(Record::next::<()>(None, 8, Ok(Some(None))), None);
	let absent = Some(RelayVrf::Absent { relay_number: 8 });
	assert_eq!(Record::next::<()>(absent, 9, Ok(None)), Some(RelayVrf::Absent { relay_number: 9 }));
	assert!(matches!(
		Record::next::<()>(absent, 9, Ok(Some(Some(value)))),
		Some(RelayVrf::Output { relay_number: 9, .. })
	));
}

/// A relay chain whose host configuration claims a huge `allowed_ancestry_len` (chopsticks' mocked
/// configuration decodes to 1 048 576) would make every draw stale; the lag is capped at
/// `MAX_RELAY_PARENT_AGE`, and a real relay chain's value (2 here) is used as it is.
#[test]
fn the_relay_parent_age_is_capped() {
	use frame_support::traits::Get;
	use power_runtime::randomness::{RelayParentMaxAge, MAX_RELAY_PARENT_AGE};
	let mut chain = Chain::development();
	chain.blocks(2);
	chain.execute(|| {
		assert_eq!(RelayParentMaxAge::get(), 2);
		cumulus_pallet_parachain_system::HostConfiguration::<power_runtime::Runtime>::mutate(
			|config| {
				if let Some(config) = config {
					config.async_backing_params.allowed_ancestry_len = 1 << 20;
				}
			},
		);
		assert_eq!(RelayParentMaxAge::get(), MAX_RELAY_PARENT_AGE);
	});
}
