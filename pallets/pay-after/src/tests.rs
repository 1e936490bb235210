//! Tests of the pay-after pallet. Every test ends with `try_state` (see `build_and_execute`).

use crate::{
	client::{fee, invalid, policy, BundleBuilder},
	mock::*,
	Bundle, BundleSimulation, BundleStatus, BundleValidity, CurrentBundle, DataHash, Error, Event,
	Remembered, RememberedBundle, WeightInfo,
};
use codec::{Decode, DecodeLimit, Encode};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchResultWithPostInfo, GetDispatchInfo},
	traits::{fungible::Inspect, fungibles::Inspect as FungiblesInspect},
	weights::Weight,
	BoundedVec,
};
use power_primitives::fee::{FeePolicy, TimeUnit::*};
use sp_core::{ecdsa, Pair, H256};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::{DispatchError, MultiSignature};

/// A signing key of any of the three schemes.
#[derive(Clone)]
enum Key {
	Sr(Sr25519Keyring),
	Ed(Ed25519Keyring),
	Ec(ecdsa::Pair),
}

impl Key {
	fn alice() -> Key {
		Key::Sr(Sr25519Keyring::Alice)
	}
	fn bob() -> Key {
		Key::Ed(Ed25519Keyring::Bob)
	}
	fn charlie() -> Key {
		Key::Ec(charlie_pair())
	}

	fn account(&self) -> AccountId {
		match self {
			Key::Sr(k) => k.to_account_id(),
			Key::Ed(k) => k.to_account_id(),
			Key::Ec(_) => charlie(),
		}
	}

	fn sign(&self, builder: BundleBuilder<Test>, genesis: H256, version: u32) -> Bundle<Test> {
		match self {
			Key::Sr(k) => builder.sign_with(&k.pair(), &genesis, version),
			Key::Ed(k) => builder.sign_with(&k.pair(), &genesis, version),
			Key::Ec(pair) => builder.sign_with(pair, &genesis, version),
		}
	}

	/// Signs as a browser wallet does: over `<Bytes>` ++ payload ++ `</Bytes>`.
	fn sign_wrapped(
		&self,
		builder: BundleBuilder<Test>,
		genesis: H256,
		version: u32,
	) -> Bundle<Test> {
		match self {
			Key::Sr(k) => builder.sign_wrapped_with(&k.pair(), &genesis, version),
			Key::Ed(k) => builder.sign_wrapped_with(&k.pair(), &genesis, version),
			Key::Ec(pair) => builder.sign_wrapped_with(pair, &genesis, version),
		}
	}

	/// Signs `message` itself, whatever it is.
	fn sign_message(&self, message: &[u8]) -> MultiSignature {
		match self {
			Key::Sr(k) => k.pair().sign(message).into(),
			Key::Ed(k) => k.pair().sign(message).into(),
			Key::Ec(pair) => pair.sign(message).into(),
		}
	}
}

fn builder(
	key: &Key,
	create_time: u64,
	fees: &FeePolicy,
	calls: Vec<RuntimeCall>,
) -> BundleBuilder<Test> {
	let mut b = BundleBuilder::<Test>::new(key.account(), create_time).fees(fees).unwrap();
	for call in calls {
		b = b.call(call).unwrap();
	}
	b
}

/// The storage root, overlay included.
fn storage_root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

/// A bundle signed for this chain.
fn bundle(key: &Key, create_time: u64, fees: &FeePolicy, calls: Vec<RuntimeCall>) -> Bundle<Test> {
	key.sign(
		builder(key, create_time, fees, calls),
		PayAfter::genesis_hash(),
		PayAfter::transaction_version(),
	)
}

/// A constant fee.
fn flat(amount: u128) -> FeePolicy {
	policy([fee(amount)]).unwrap()
}

/// A constant fee that expires after `minutes`.
fn expiring(amount: u128, minutes: u8) -> FeePolicy {
	policy([fee(amount), invalid().after(minutes, Minute)]).unwrap()
}

fn remark(data: &[u8]) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark_with_event { remark: data.to_vec() })
}

fn record() -> RuntimeCall {
	RuntimeCall::Probe(probe::Call::record {})
}

fn send_asset(to: AccountId, amount: Balance) -> RuntimeCall {
	RuntimeCall::Assets(pallet_assets::Call::transfer { id: ASSET, target: to, amount })
}

fn send_native(to: AccountId, amount: Balance) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive { dest: to, value: amount })
}

fn cover_fee(max_asset_in: Balance) -> RuntimeCall {
	RuntimeCall::PayAfter(crate::Call::cover_fee { asset: ASSET_KIND, max_asset_in })
}

fn dispatch_by(
	relayer: AccountId,
	bundle: Bundle<Test>,
	expired: Vec<DataHash>,
) -> DispatchResultWithPostInfo {
	PayAfter::dispatch(
		RuntimeOrigin::signed(relayer),
		Box::new(bundle),
		BoundedVec::try_from(expired).unwrap(),
	)
}

/// Dispatches by the relayer, without cleaning; the error without its post info.
fn run(bundle: Bundle<Test>) -> Result<(), DispatchError> {
	dispatch_by(relayer(), bundle, vec![]).map(|_| ()).map_err(|e| e.error)
}

fn native(who: &AccountId) -> Balance {
	Balances::balance(who)
}

/// The deposits taken for `who`'s remembered bundles.
fn deposits(who: &AccountId) -> Balance {
	Remembered::<Test>::iter_prefix_values(who).map(|r| r.deposit).sum()
}

fn asset(who: &AccountId) -> Balance {
	<Assets as FungiblesInspect<AccountId>>::balance(ASSET, who)
}

fn hash_of(bundle: &Bundle<Test>) -> DataHash {
	PayAfter::data_hash(bundle)
}

/// pallet-asset-conversion's price of `out` native, with a 0.3% fee.
fn asset_in_for(out: Balance, reserve_in: Balance, reserve_out: Balance) -> Balance {
	reserve_in * out * 1_000_000 / ((reserve_out - out) * 997_000) + 1
}

mod dispatch {
	use super::*;

	#[test]
	fn a_bundle_sells_an_asset_to_pay_its_own_fee() {
		ExtBuilder::default().build_and_execute(|| {
			let signer = alice();
			assert_eq!(native(&signer), 0);
			let b = bundle(
				&Key::alice(),
				START,
				&expiring(500, 10),
				vec![send_asset(bob(), 1_000), cover_fee(5_000), record()],
			);
			let data_hash = hash_of(&b);
			assert_ok!(run(b));

			// Required: fee 500 + deposit 50, plus the existential deposit of a new account.
			let native_out = 500 + BUNDLE_DEPOSIT + ED;
			let asset_in = asset_in_for(native_out, POOL_ASSET, POOL_NATIVE);
			assert_eq!(asset(&signer), SIGNER_ASSET - 1_000 - asset_in);
			assert_eq!(asset(&bob()), SIGNER_ASSET + 1_000);
			assert_eq!(native(&signer), ED);
			assert_eq!(deposits(&signer), BUNDLE_DEPOSIT);
			assert_eq!(native(&relayer()), ENDOWMENT + 500);
			assert_eq!(
				Remembered::<Test>::get(&signer, data_hash),
				Some(RememberedBundle {
					status: BundleStatus::Executed,
					expires: Some(START + 600),
					deposit: BUNDLE_DEPOSIT,
				})
			);
			// The called pallet saw the signer and what it had to hold.
			assert_eq!(probe::Seen::<Test>::get(), Some((Some(signer.clone()), Some(550))));
			assert_eq!(PayAfter::current_signer(), None);
			assert_eq!(PayAfter::required_fee(), None);
			System::assert_has_event(
				Event::FeeCovered {
					signer: signer.clone(),
					asset: ASSET_KIND,
					asset_in,
					native_out,
				}
				.into(),
			);
			System::assert_last_event(
				Event::BundleExecuted {
					data_hash,
					signer,
					relayer: relayer(),
					fee: 500,
					expires: Some(START + 600),
				}
				.into(),
			);
		});
	}

	#[test]
	fn every_signature_scheme_verifies() {
		ExtBuilder::default().build_and_execute(|| {
			for key in [Key::alice(), Key::bob(), Key::charlie()] {
				let calls = if key.account() == alice() { vec![cover_fee(5_000)] } else { vec![] };
				let b = bundle(&key, START, &flat(100), calls);
				let data_hash = hash_of(&b);
				assert_ok!(run(b));
				assert!(Remembered::<Test>::contains_key(key.account(), data_hash));
			}
			assert_eq!(native(&relayer()), ENDOWMENT + 300);
		});
	}

	#[test]
	fn the_fee_is_interpolated_at_the_current_time() {
		ExtBuilder::default().build_and_execute(|| {
			let fees = policy([fee(10), fee(100).after(2, Minute)]).unwrap();
			set_now(START + 60);
			assert_ok!(run(bundle(&Key::bob(), START, &fees, vec![])));
			assert_eq!(native(&relayer()), ENDOWMENT + 55);
			assert_eq!(native(&bob()), ENDOWMENT - 55 - BUNDLE_DEPOSIT);
			assert!(matches!(
				pay_after_events().last(),
				Some(Event::BundleExecuted { fee: 55, expires: None, .. })
			));
		});
	}

	#[test]
	fn a_zero_fee_pays_nothing_but_holds_the_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(run(bundle(&Key::bob(), START, &flat(0), vec![])));
			assert_eq!(native(&relayer()), ENDOWMENT);
			assert_eq!(deposits(&bob()), BUNDLE_DEPOSIT);
		});
	}

	#[test]
	fn an_uncovered_fee_reverts_everything() {
		ExtBuilder::default().build_and_execute(|| {
			// Alice has no native balance and does not swap.
			let b = bundle(&Key::alice(), START, &flat(500), vec![send_asset(bob(), 1_000)]);
			assert_noop!(run(b), Error::<Test>::FeeNotCovered);
			// Bob sends away nearly everything first.
			let b = bundle(
				&Key::bob(),
				START,
				&flat(500),
				vec![send_native(relayer2(), ENDOWMENT - 100)],
			);
			assert_noop!(run(b), Error::<Test>::FeeNotCovered);
		});
	}

	#[test]
	fn an_uncovered_deposit_reverts_everything() {
		ExtBuilder::default().build_and_execute(|| {
			// 40 left after the fee: the existential deposit and 30, short of the deposit.
			let b = bundle(
				&Key::bob(),
				START,
				&flat(500),
				vec![send_native(relayer2(), ENDOWMENT - 540)],
			);
			assert_noop!(run(b), Error::<Test>::DepositNotCovered);
		});
	}

	#[test]
	fn a_bundle_is_not_valid_before_its_first_fee() {
		ExtBuilder::default().build_and_execute(|| {
			let fees = policy([fee(10).after(1, Minute), fee(100).after(2, Minute)]).unwrap();
			let b = bundle(&Key::bob(), START, &fees, vec![]);
			set_now(START + 59);
			assert_noop!(run(b.clone()), Error::<Test>::BundleNotYetValid);
			set_now(START + 60);
			assert_ok!(run(b));
			assert_eq!(native(&relayer()), ENDOWMENT + 10);
		});
	}

	#[test]
	fn a_bundle_created_in_the_future_is_not_valid_yet() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START + 1, &flat(10), vec![]);
			assert_noop!(run(b), Error::<Test>::BundleNotYetValid);
		});
	}

	#[test]
	fn an_expired_bundle_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START, &expiring(10, 1), vec![]);
			set_now(START + 60);
			assert_noop!(run(b.clone()), Error::<Test>::BundleExpired);
			set_now(START + 59);
			assert_ok!(run(b));
		});
	}

	#[test]
	fn a_forged_signature_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			// Bob signs a bundle that claims to be Alice's.
			let claimed = builder(&Key::alice(), START, &flat(10), vec![]);
			let forged =
				Key::bob().sign(claimed, PayAfter::genesis_hash(), PayAfter::transaction_version());
			assert_noop!(run(forged), Error::<Test>::BadSignature);
			// A call swapped in after signing.
			let mut tampered =
				bundle(&Key::bob(), START, &flat(10), vec![send_native(relayer2(), 1)]);
			tampered.calls[0] = send_native(relayer2(), 1_000);
			assert_noop!(run(tampered), Error::<Test>::BadSignature);
			// A lower fee swapped in after signing.
			let mut cheaper = bundle(&Key::bob(), START, &flat(1_000), vec![]);
			cheaper.fees = flat(1).encode().try_into().unwrap();
			assert_noop!(run(cheaper), Error::<Test>::BadSignature);
			// A signature that is not one at all.
			let mut wrong = bundle(&Key::bob(), START, &flat(10), vec![]);
			wrong.signature =
				MultiSignature::Sr25519(sp_core::sr25519::Signature::from_raw([7; 64]));
			assert_noop!(run(wrong), Error::<Test>::BadSignature);
		});
	}

	#[test]
	fn a_signature_for_another_chain_or_version_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			let other_genesis = H256::repeat_byte(1);
			assert_ne!(other_genesis, PayAfter::genesis_hash());
			let b = Key::bob().sign(
				builder(&Key::bob(), START, &flat(10), vec![]),
				other_genesis,
				PayAfter::transaction_version(),
			);
			assert_noop!(run(b), Error::<Test>::BadSignature);
			let b = Key::bob().sign(
				builder(&Key::bob(), START, &flat(10), vec![]),
				PayAfter::genesis_hash(),
				PayAfter::transaction_version() + 1,
			);
			assert_noop!(run(b), Error::<Test>::BadSignature);
		});
	}

	#[test]
	fn a_bundle_runs_once() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START, &flat(10), vec![remark(b"hello")]);
			assert_ok!(run(b.clone()));
			assert_noop!(run(b.clone()), Error::<Test>::BundleAlreadyExecuted);
			// Not by another relayer either.
			assert_noop!(
				dispatch_by(relayer2(), b, vec![]).map_err(|e| e.error),
				Error::<Test>::BundleAlreadyExecuted
			);
		});
	}

	#[test]
	fn a_failing_call_reverts_everything_and_nothing_is_remembered() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(
				&Key::bob(),
				START,
				&flat(10),
				vec![send_native(relayer2(), 1_000), send_asset(relayer2(), SIGNER_ASSET * 2)],
			);
			let data_hash = hash_of(&b);
			assert_noop!(
				run(b.clone()),
				pallet_assets::Error::<Test, frame_support::instances::Instance1>::BalanceLow
			);
			assert!(!Remembered::<Test>::contains_key(bob(), data_hash));
			assert_eq!(native(&relayer2()), ENDOWMENT);
			assert_eq!(PayAfter::current_signer(), None);
		});
	}

	#[test]
	fn the_call_filter_is_respected() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START, &flat(10), vec![remark(FORBIDDEN_REMARK)]);
			assert_noop!(run(b), frame_system::Error::<Test>::CallFiltered);
			assert_ok!(run(bundle(&Key::bob(), START, &flat(10), vec![remark(b"allowed")])));
		});
	}

	#[test]
	fn a_bundle_cannot_dispatch_a_bundle() {
		ExtBuilder::default().build_and_execute(|| {
			let inner = bundle(&Key::charlie(), START, &flat(10), vec![]);
			let nested = RuntimeCall::PayAfter(crate::Call::dispatch {
				bundle: Box::new(inner),
				expired: Default::default(),
			});
			let b = bundle(&Key::bob(), START, &flat(10), vec![nested]);
			assert_noop!(run(b), Error::<Test>::NestedBundle);
		});
	}

	#[test]
	fn a_bundle_can_kill_another_bundle_of_its_signer() {
		ExtBuilder::default().build_and_execute(|| {
			// (A bundle cannot name its own hash: the hash covers its calls.)
			let b = bundle(&Key::bob(), START, &flat(10), vec![remark(b"replaced")]);
			let data_hash = hash_of(&b);
			let kill = RuntimeCall::PayAfter(crate::Call::kill { data_hash, expires: None });
			let replacement = bundle(&Key::bob(), START, &flat(20), vec![kill]);
			assert_ok!(run(replacement));
			assert_eq!(deposits(&bob()), 2 * BUNDLE_DEPOSIT);
			assert_noop!(run(b), Error::<Test>::BundleKilled);
		});
	}

	#[test]
	fn a_fee_to_a_relayer_without_an_account_must_reach_the_existential_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			let nobody = Sr25519Keyring::One.to_account_id();
			let b = bundle(&Key::bob(), START, &flat(ED - 1), vec![]);
			assert_noop!(
				dispatch_by(nobody.clone(), b, vec![]).map_err(|e| e.error),
				DispatchError::Token(sp_runtime::TokenError::BelowMinimum)
			);
			let b = bundle(&Key::bob(), START, &flat(ED), vec![]);
			assert_ok!(dispatch_by(nobody.clone(), b, vec![]));
			assert_eq!(native(&nobody), ED);
		});
	}

	#[test]
	fn malformed_policies_name_the_broken_rule() {
		ExtBuilder::default().build_and_execute(|| {
			const L: u32 = 1 << 31;
			let cases: Vec<(Vec<u32>, Error<Test>)> = vec![
				(vec![], Error::<Test>::FeePolicyEmpty),
				(vec![L | 0x1E8001], Error::<Test>::FeeEntryMalformed),
				(vec![L | 127 << 13 | 2], Error::<Test>::FeeAmountOverflow),
				(vec![5; 16], Error::<Test>::LastFlagMisplaced),
				(vec![5], Error::<Test>::LastFlagMisplaced),
				(vec![1 << 21 | 5, L | 6], Error::<Test>::FeeTimesNotIncreasing),
				(vec![6, L | 1 << 21 | 5], Error::<Test>::FeeDecreasing),
				(vec![L | 0x1E8000], Error::<Test>::FirstFeeEntryIsInvalidMarker),
				(vec![5, 1 << 21 | 0x1E8000, L | 2 << 21 | 6], Error::<Test>::InvalidMarkerNotLast),
			];
			for (words, error) in cases {
				let b = Key::bob().sign(
					BundleBuilder::<Test>::new(bob(), START).raw_fees(words).unwrap(),
					PayAfter::genesis_hash(),
					PayAfter::transaction_version(),
				);
				assert_noop!(run(b), error);
			}
		});
	}

	#[test]
	fn the_relayer_must_sign() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START, &flat(10), vec![]);
			assert_noop!(
				PayAfter::dispatch(RuntimeOrigin::root(), Box::new(b), Default::default())
					.map_err(|e| e.error),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn unused_weight_is_refunded() {
		ExtBuilder::default().build_and_execute(|| {
			let light = RuntimeCall::Probe(probe::Call::light {});
			let b = bundle(&Key::bob(), START, &flat(10), vec![light.clone(), light.clone()]);
			// Declared for a wrapped signature; `bundle` signs the bare payload.
			let declared_overhead =
				<() as WeightInfo>::dispatch(2, b.calls.encoded_size() as u32, 0, 1);
			let overhead = <() as WeightInfo>::dispatch(2, b.calls.encoded_size() as u32, 0, 0);
			let declared = crate::Call::<Test>::dispatch {
				bundle: Box::new(b.clone()),
				expired: Default::default(),
			}
			.get_dispatch_info()
			.call_weight;
			assert_eq!(declared, declared_overhead + Weight::from_parts(2_000_000, 0));
			let post = dispatch_by(relayer(), b, vec![]).unwrap();
			assert_eq!(post.actual_weight, Some(overhead + Weight::from_parts(10, 0)));

			// A failure reports what ran up to it.
			let fail = RuntimeCall::Probe(probe::Call::fail {});
			let b = bundle(&Key::bob(), START, &flat(10), vec![light, fail.clone(), fail]);
			let overhead = <() as WeightInfo>::dispatch(3, b.calls.encoded_size() as u32, 0, 0);
			let err = dispatch_by(relayer(), b, vec![]).unwrap_err();
			assert_eq!(err.error, DispatchError::Other("probe failed"));
			assert_eq!(err.post_info.actual_weight, Some(overhead + Weight::from_parts(12, 0)));
		});
	}
}

mod kill {
	use super::*;

	#[test]
	fn a_killed_bundle_never_runs() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START, &flat(10), vec![]);
			let data_hash = hash_of(&b);
			assert_ok!(PayAfter::kill(RuntimeOrigin::signed(bob()), data_hash, None));
			assert_eq!(deposits(&bob()), BUNDLE_DEPOSIT);
			assert_eq!(
				Remembered::<Test>::get(bob(), data_hash),
				Some(RememberedBundle {
					status: BundleStatus::Killed,
					expires: None,
					deposit: BUNDLE_DEPOSIT
				})
			);
			System::assert_last_event(
				Event::BundleKilled {
					data_hash,
					signer: bob(),
					deposit: BUNDLE_DEPOSIT,
					expires: None,
				}
				.into(),
			);
			assert_noop!(run(b), Error::<Test>::BundleKilled);
			assert_noop!(
				PayAfter::kill(RuntimeOrigin::signed(bob()), data_hash, None),
				Error::<Test>::BundleKilled
			);
		});
	}

	#[test]
	fn a_signer_kills_only_its_own_bundles() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START, &flat(10), vec![]);
			// Charlie's kill is remembered under Charlie, and does not stop Bob's bundle.
			assert_ok!(PayAfter::kill(RuntimeOrigin::signed(charlie()), hash_of(&b), None));
			assert_ok!(run(b));
		});
	}

	#[test]
	fn an_executed_bundle_cannot_be_killed() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START, &flat(10), vec![]);
			let data_hash = hash_of(&b);
			assert_ok!(run(b));
			assert_noop!(
				PayAfter::kill(RuntimeOrigin::signed(bob()), data_hash, None),
				Error::<Test>::BundleAlreadyExecuted
			);
		});
	}

	#[test]
	fn killing_needs_the_deposit_and_a_signer() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				PayAfter::kill(RuntimeOrigin::signed(alice()), [1; 32], None),
				Error::<Test>::DepositNotCovered
			);
			assert_noop!(
				PayAfter::kill(RuntimeOrigin::root(), [1; 32], None),
				DispatchError::BadOrigin
			);
		});
	}
}

mod cleaning {
	use super::*;

	/// Runs an expiring bundle of Bob's at `START` and returns its hash.
	fn executed_expiring() -> DataHash {
		let b = bundle(&Key::bob(), START, &expiring(10, 1), vec![remark(b"first")]);
		let data_hash = hash_of(&b);
		assert_ok!(run(b));
		data_hash
	}

	#[test]
	fn a_relayer_forgets_expired_bundles_of_the_same_signer_for_their_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			let old = executed_expiring();
			set_now(START + 60);
			let b = bundle(&Key::bob(), START + 60, &flat(10), vec![]);
			let new = hash_of(&b);
			assert_ok!(dispatch_by(relayer2(), b, vec![old]));
			assert!(!Remembered::<Test>::contains_key(bob(), old));
			assert!(Remembered::<Test>::contains_key(bob(), new));
			// One deposit went to the cleaner, the new one is taken.
			assert_eq!(deposits(&bob()), BUNDLE_DEPOSIT);
			assert_eq!(native(&relayer2()), ENDOWMENT + 10 + BUNDLE_DEPOSIT);
			System::assert_has_event(
				Event::BundleForgotten {
					data_hash: old,
					signer: bob(),
					beneficiary: relayer2(),
					deposit: BUNDLE_DEPOSIT,
				}
				.into(),
			);
		});
	}

	#[test]
	fn an_unexpired_bundle_is_not_forgotten() {
		ExtBuilder::default().build_and_execute(|| {
			let old = executed_expiring();
			set_now(START + 59);
			let b = bundle(&Key::bob(), START + 59, &flat(10), vec![]);
			assert_noop!(
				dispatch_by(relayer(), b, vec![old]).map_err(|e| e.error),
				Error::<Test>::BundleNotExpired
			);
		});
	}

	#[test]
	fn a_bundle_without_a_marker_or_killed_is_never_forgotten() {
		ExtBuilder::default().build_and_execute(|| {
			let forever = bundle(&Key::bob(), START, &flat(10), vec![]);
			let forever_hash = hash_of(&forever);
			assert_ok!(run(forever));
			assert_ok!(PayAfter::kill(RuntimeOrigin::signed(bob()), [9; 32], None));
			set_now(START + 100 * 365 * 86_400);
			for old in [forever_hash, [9; 32]] {
				let b = bundle(&Key::bob(), START, &flat(10), vec![remark(b"later")]);
				assert_noop!(
					dispatch_by(relayer(), b, vec![old]).map_err(|e| e.error),
					Error::<Test>::BundleNotExpired
				);
			}
		});
	}

	#[test]
	fn another_signers_bundle_is_not_forgotten() {
		ExtBuilder::default().build_and_execute(|| {
			let old = executed_expiring();
			set_now(START + 60);
			let b = bundle(&Key::charlie(), START + 60, &flat(10), vec![]);
			assert_noop!(
				dispatch_by(relayer(), b, vec![old]).map_err(|e| e.error),
				Error::<Test>::UnknownBundle
			);
			assert!(Remembered::<Test>::contains_key(bob(), old));
		});
	}

	#[test]
	fn an_unknown_or_repeated_hash_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			let old = executed_expiring();
			set_now(START + 60);
			let b = bundle(&Key::bob(), START + 60, &flat(10), vec![]);
			assert_noop!(
				dispatch_by(relayer(), b.clone(), vec![[3; 32]]).map_err(|e| e.error),
				Error::<Test>::UnknownBundle
			);
			assert_noop!(
				dispatch_by(relayer(), b, vec![old, old]).map_err(|e| e.error),
				Error::<Test>::UnknownBundle
			);
		});
	}
}

mod cover_fee {
	use super::*;

	#[test]
	fn the_swap_is_bounded_by_max_asset_in() {
		ExtBuilder::default().build_and_execute(|| {
			let needed = asset_in_for(500 + BUNDLE_DEPOSIT + ED, POOL_ASSET, POOL_NATIVE);
			let b = bundle(&Key::alice(), START, &flat(500), vec![cover_fee(needed - 1)]);
			assert_noop!(
				run(b),
				pallet_asset_conversion::Error::<Test>::ProvidedMaximumNotSufficientForSwap
			);
			let b = bundle(&Key::alice(), START, &flat(500), vec![cover_fee(needed)]);
			assert_ok!(run(b));
			assert_eq!(asset(&alice()), SIGNER_ASSET - needed);
		});
	}

	#[test]
	fn a_signer_without_enough_asset_cannot_pay() {
		ExtBuilder::default().signer_asset(1_000).build_and_execute(|| {
			let b = bundle(&Key::alice(), START, &flat(500), vec![cover_fee(1_000_000)]);
			let before = (asset(&alice()), native(&relayer()));
			assert_noop!(run(b), DispatchError::Token(sp_runtime::TokenError::NotExpendable));
			assert_eq!((asset(&alice()), native(&relayer())), before);
		});
	}

	#[test]
	fn nothing_is_swapped_when_the_fee_is_covered() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START, &flat(500), vec![cover_fee(1_000)]);
			assert_ok!(run(b));
			assert_eq!(asset(&bob()), SIGNER_ASSET);
			assert!(!pay_after_events().iter().any(|e| matches!(e, Event::FeeCovered { .. })));
		});
	}

	#[test]
	fn only_during_a_bundle_and_only_by_its_signer() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				PayAfter::cover_fee(RuntimeOrigin::signed(alice()), ASSET_KIND, 1_000),
				Error::<Test>::NoBundleInProgress
			);
			let current = CurrentBundle { signer: alice(), fee: 10, deposit: BUNDLE_DEPOSIT };
			PayAfter::with_running(current, || {
				assert_noop!(
					PayAfter::cover_fee(RuntimeOrigin::signed(bob()), ASSET_KIND, 1_000),
					Error::<Test>::NotTheBundleSigner
				);
				assert_noop!(
					PayAfter::cover_fee(
						RuntimeOrigin::signed(alice()),
						frame_support::traits::tokens::fungible::NativeOrWithId::Native,
						1_000
					),
					Error::<Test>::CannotSwapNative
				);
				assert_noop!(
					PayAfter::cover_fee(RuntimeOrigin::root(), ASSET_KIND, 1_000),
					DispatchError::BadOrigin
				);
			});
			assert_eq!(PayAfter::current_signer(), None);
		});
	}
}

mod decoding {
	use super::*;
	use proptest::prelude::*;

	/// The depth limit the runtime's extrinsic decoding uses.
	const MAX_DEPTH: u32 = 256;

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(2_000))]

		#[test]
		fn arbitrary_bytes_never_panic_as_a_bundle_or_a_call(
			bytes in proptest::collection::vec(any::<u8>(), 0..600)
		) {
			let _ = Bundle::<Test>::decode_with_depth_limit(MAX_DEPTH, &mut &bytes[..]);
			// As the call argument: this pallet's index, call 0, then the bytes.
			let index = <PayAfter as frame_support::traits::PalletInfoAccess>::index() as u8;
			let mut call = vec![index, 0];
			call.extend_from_slice(&bytes);
			let _ = RuntimeCall::decode_with_depth_limit(MAX_DEPTH, &mut &call[..]);
		}

	}

	proptest! {
		// Each case builds a chain with a pool and signs in debug mode: keep the count small.
		#![proptest_config(ProptestConfig::with_cases(40))]

		#[test]
		fn mutated_bundles_decode_or_err_and_never_dispatch_wrongly(
			flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)
		) {
			ExtBuilder::default().build_and_execute(|| {
				let b = bundle(&Key::bob(), START, &flat(10), vec![remark(b"x")]);
				let mut bytes = b.encode();
				for (index, value) in &flips {
					let i = index.index(bytes.len());
					bytes[i] ^= value | 1;
				}
				if let Ok(mutated) = Bundle::<Test>::decode_with_depth_limit(MAX_DEPTH, &mut &bytes[..]) {
					// Any change to a decodable bundle breaks its signature (or its policy).
					assert!(run(mutated).is_err());
				}
			});
		}
	}

	#[test]
	fn a_bundle_round_trips_through_its_encoding() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::charlie(), START, &expiring(10, 5), vec![remark(b"x"), record()]);
			let decoded =
				Bundle::<Test>::decode_with_depth_limit(MAX_DEPTH, &mut &b.encode()[..]).unwrap();
			assert_eq!(decoded, b);
			assert_eq!(Bundle::<Test>::decode(&mut &b.encode()[..]).unwrap(), b);
			assert_ok!(run(decoded));
		});
	}
}

mod proptests {
	use super::*;
	use proptest::prelude::*;

	#[derive(Debug, Clone)]
	enum Op {
		/// A bundle of signer `s`, created `ago` seconds ago, with a fee and an optional expiry
		/// in minutes, cleaning `clean` of the known hashes.
		Dispatch {
			s: usize,
			ago: u64,
			amount: u128,
			expiry: Option<u8>,
			clean: Vec<usize>,
			fail: bool,
		},
		/// Re-dispatches a known bundle.
		Replay(usize),
		/// Kills a known hash as signer `s`, with an optional expiry in minutes from now.
		Kill(usize, usize, Option<u8>),
		/// Signer `s` forgets some of the known hashes itself.
		Forget(usize, Vec<usize>),
		/// Moves the clock forward.
		Wait(u64),
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			(
				0usize..3,
				0u64..200,
				0u128..2_000,
				proptest::option::of(1u8..4),
				proptest::collection::vec(0usize..8, 0..3),
				prop::bool::weighted(0.2),
			)
				.prop_map(|(s, ago, amount, expiry, clean, fail)| Op::Dispatch {
					s,
					ago,
					amount,
					expiry,
					clean,
					fail
				}),
			(0usize..8).prop_map(Op::Replay),
			(0usize..3, 0usize..8, proptest::option::of(0u8..4))
				.prop_map(|(s, h, expiry)| Op::Kill(s, h, expiry)),
			(0usize..3, proptest::collection::vec(0usize..8, 0..3))
				.prop_map(|(s, hashes)| Op::Forget(s, hashes)),
			(0u64..120).prop_map(Op::Wait),
		]
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(24))]
		#[test]
		fn invariants_hold_after_every_step(ops in proptest::collection::vec(op(), 1..25)) {
			ExtBuilder::default().build_and_execute(|| {
				let keys = [Key::alice(), Key::bob(), Key::charlie()];
				let mut now = START;
				let mut known: Vec<Bundle<Test>> = Vec::new();
				let hash = |known: &Vec<Bundle<Test>>, i: usize| {
					known.get(i % known.len().max(1)).map(hash_of).unwrap_or([0; 32])
				};
				for op in ops {
					match op {
						Op::Dispatch { s, ago, amount, expiry, clean, fail } => {
							let fees = match expiry {
								Some(m) => expiring(amount, m),
								None => flat(amount),
							};
							let mut calls = vec![cover_fee(10_000)];
							if fail {
								calls.push(RuntimeCall::Probe(probe::Call::fail {}));
							}
							let b = bundle(&keys[s], now.saturating_sub(ago), &fees, calls);
							let expired: Vec<DataHash> =
								clean.iter().map(|i| hash(&known, *i)).collect();
							// The simulation changes nothing and foretells the dispatch.
							let root = storage_root();
							let simulated = PayAfter::simulate(&relayer(), b.clone(), &expired);
							assert_eq!(storage_root(), root);
							match (simulated, dispatch_by(relayer(), b.clone(), expired)) {
								(Ok(sim), Ok(post)) => assert_eq!(
									Some(sim.actual_weight),
									post.actual_weight.map(|w| w.min(sim.declared_weight))
								),
								(Err(sim), Err(real)) => assert_eq!(sim, real.error),
								(sim, real) => panic!("simulated {sim:?}, dispatched {real:?}"),
							}
							known.push(b);
						},
						Op::Replay(i) => {
							if let Some(b) = known.get(i % known.len().max(1)) {
								let _ = run(b.clone());
							}
						},
						Op::Kill(s, h, expiry) => {
							let expires = expiry.map(|m| now + u64::from(m) * 60);
							let _ = PayAfter::kill(
								RuntimeOrigin::signed(keys[s].account()),
								hash(&known, h),
								expires,
							);
						},
						Op::Forget(s, hashes) => {
							let hashes: Vec<DataHash> =
								hashes.iter().map(|i| hash(&known, *i)).collect();
							let _ = PayAfter::forget_expired(
								RuntimeOrigin::signed(keys[s].account()),
								hashes.try_into().unwrap(),
							);
						},
						Op::Wait(secs) => {
							now += secs;
							set_now(now);
						},
					}
					check_invariants();
				}
			});
		}
	}
}

mod signer_hidden {
	use super::*;

	fn act() -> RuntimeCall {
		RuntimeCall::Probe(probe::Call::act {})
	}

	fn run_hidden(who: AccountId, call: RuntimeCall) -> RuntimeCall {
		RuntimeCall::Probe(probe::Call::run_hidden { who, call: Box::new(call) })
	}

	/// Attack: Bob's bundle makes a periodic-like mechanism run a call as Charlie. A pallet that
	/// trusts `current_signer()` without comparing it with its origin acted for Bob inside
	/// Charlie's call.
	#[test]
	fn a_call_run_under_another_origin_does_not_see_the_signer() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(
				&Key::bob(),
				START,
				&flat(10),
				vec![run_hidden(charlie(), act()), act(), record()],
			);
			assert_ok!(run(b));
			// Charlie's call acted for Charlie; Bob's own call for Bob.
			assert_eq!(probe::Acted::<Test>::get().into_inner(), vec![charlie(), bob()]);
			assert_eq!(probe::Seen::<Test>::get(), Some((Some(bob()), Some(10 + BUNDLE_DEPOSIT))));
		});
	}

	#[test]
	fn nothing_of_the_bundle_is_visible_while_hidden() {
		ExtBuilder::default().build_and_execute(|| {
			// Even a hidden call run as the signer itself sees no bundle.
			let b = bundle(&Key::bob(), START, &flat(10), vec![run_hidden(bob(), record())]);
			assert_ok!(run(b));
			assert_eq!(probe::Seen::<Test>::get(), Some((None, None)));
		});
	}

	#[test]
	fn cover_fee_is_refused_while_hidden() {
		ExtBuilder::default().build_and_execute(|| {
			// A call the signer did not sign in the bundle cannot sell its asset for the fee,
			// not even when it runs as the signer.
			let b = bundle(
				&Key::alice(),
				START,
				&flat(100),
				vec![run_hidden(alice(), cover_fee(5_000))],
			);
			assert_noop!(run(b), Error::<Test>::NoBundleInProgress);
		});
	}

	#[test]
	fn a_hidden_call_cannot_start_another_bundle() {
		ExtBuilder::default().build_and_execute(|| {
			let inner = bundle(&Key::charlie(), START, &flat(10), vec![]);
			let nested = RuntimeCall::PayAfter(crate::Call::dispatch {
				bundle: Box::new(inner),
				expired: Default::default(),
			});
			let b = bundle(&Key::bob(), START, &flat(10), vec![run_hidden(charlie(), nested)]);
			assert_noop!(run(b), Error::<Test>::NestedBundle);
		});
	}

	#[test]
	fn the_flag_alone_changes_nothing_outside_a_bundle() {
		ExtBuilder::default().build_and_execute(|| {
			set_signer_hidden(true);
			assert_eq!(PayAfter::current_signer(), None);
			assert_eq!(PayAfter::required_fee(), None);
			set_signer_hidden(false);
			assert_ok!(run(bundle(&Key::bob(), START, &flat(10), vec![record()])));
			assert_eq!(probe::Seen::<Test>::get(), Some((Some(bob()), Some(10 + BUNDLE_DEPOSIT))));
		});
	}
}

mod wallet_signatures {
	use super::*;
	use crate::client::wrap_bytes;

	fn wrapped(key: &Key, fees: &FeePolicy, calls: Vec<RuntimeCall>) -> Bundle<Test> {
		key.sign_wrapped(
			builder(key, START, fees, calls),
			PayAfter::genesis_hash(),
			PayAfter::transaction_version(),
		)
	}

	#[test]
	fn a_wrapped_signature_verifies_with_every_scheme() {
		ExtBuilder::default().build_and_execute(|| {
			for key in [Key::alice(), Key::bob(), Key::charlie()] {
				let calls = if key.account() == alice() { vec![cover_fee(5_000)] } else { vec![] };
				let b = wrapped(&key, &flat(100), calls);
				let data_hash = hash_of(&b);
				assert_ok!(run(b));
				System::assert_last_event(
					Event::BundleExecuted {
						data_hash,
						signer: key.account(),
						relayer: relayer(),
						fee: 100,
						expires: None,
					}
					.into(),
				);
			}
			assert_eq!(native(&relayer()), ENDOWMENT + 300);
		});
	}

	#[test]
	fn both_forms_sign_the_same_bundle_which_runs_once() {
		ExtBuilder::default().build_and_execute(|| {
			for key in [Key::alice(), Key::bob(), Key::charlie()] {
				let calls = if key.account() == alice() { vec![cover_fee(5_000)] } else { vec![] };
				let bare = bundle(&key, START, &flat(100), calls.clone());
				let wrapped = wrapped(&key, &flat(100), calls);
				assert_ne!(bare.signature, wrapped.signature);
				assert_eq!(hash_of(&bare), hash_of(&wrapped));
				assert_ok!(run(wrapped));
				assert_noop!(run(bare), Error::<Test>::BundleAlreadyExecuted);
			}
		});
	}

	#[test]
	fn the_client_wraps_as_wallets_do() {
		assert_eq!(wrap_bytes(b"abc"), b"<Bytes>abc</Bytes>".to_vec());
		assert_eq!(wrap_bytes(b""), b"<Bytes></Bytes>".to_vec());
	}

	#[test]
	fn other_wrappings_are_refused() {
		ExtBuilder::default().build_and_execute(|| {
			for key in [Key::alice(), Key::bob(), Key::charlie()] {
				let b = builder(&key, START, &flat(10), vec![]);
				let payload = b.payload(&PayAfter::genesis_hash(), PayAfter::transaction_version());
				let mut twice = wrap_bytes(&wrap_bytes(&payload));
				let mut half = b"<Bytes>".to_vec();
				half.extend_from_slice(&payload);
				let mut other = b"<Bytes>".to_vec();
				other.extend_from_slice(&payload[1..]);
				other.extend_from_slice(b"</Bytes>");
				for message in [&mut twice, &mut half, &mut other] {
					let signature = key.sign_message(message);
					let forged = key.sign(
						builder(&key, START, &flat(10), vec![]),
						PayAfter::genesis_hash(),
						PayAfter::transaction_version(),
					);
					let forged = Bundle { signature, ..forged };
					assert_noop!(run(forged), Error::<Test>::BadSignature);
				}
			}
		});
	}

	#[test]
	fn a_wrapped_signature_for_another_chain_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			let b = Key::bob().sign_wrapped(
				builder(&Key::bob(), START, &flat(10), vec![]),
				H256::repeat_byte(1),
				PayAfter::transaction_version(),
			);
			assert_noop!(run(b), Error::<Test>::BadSignature);
		});
	}
}

mod kill_expiry {
	use super::*;

	#[test]
	fn a_killed_bundle_with_an_expiry_is_forgotten_after_it() {
		ExtBuilder::default().build_and_execute(|| {
			// Bob kills a bundle that expires a minute after START, giving its expiry.
			let b = bundle(&Key::bob(), START, &expiring(10, 1), vec![remark(b"unwanted")]);
			let data_hash = hash_of(&b);
			let before = native(&bob());
			assert_ok!(PayAfter::kill(RuntimeOrigin::signed(bob()), data_hash, Some(START + 60)));
			assert_eq!(native(&bob()), before - BUNDLE_DEPOSIT);
			System::assert_last_event(
				Event::BundleKilled {
					data_hash,
					signer: bob(),
					deposit: BUNDLE_DEPOSIT,
					expires: Some(START + 60),
				}
				.into(),
			);
			assert_noop!(run(b.clone()), Error::<Test>::BundleKilled);

			// Not before the expiry...
			set_now(START + 59);
			let next = bundle(&Key::bob(), START + 59, &flat(10), vec![]);
			assert_noop!(
				dispatch_by(relayer2(), next, vec![data_hash]).map_err(|e| e.error),
				Error::<Test>::BundleNotExpired
			);
			// ...but from it, a relayer of another bundle of Bob's forgets it for the deposit.
			set_now(START + 60);
			let next = bundle(&Key::bob(), START + 60, &flat(10), vec![]);
			assert_ok!(dispatch_by(relayer2(), next, vec![data_hash]));
			assert_eq!(native(&relayer2()), ENDOWMENT + 10 + BUNDLE_DEPOSIT);
			assert!(!Remembered::<Test>::contains_key(bob(), data_hash));
			System::assert_has_event(
				Event::BundleForgotten {
					data_hash,
					signer: bob(),
					beneficiary: relayer2(),
					deposit: BUNDLE_DEPOSIT,
				}
				.into(),
			);
			// The bundle itself has expired: forgetting it lets nothing run.
			assert_noop!(run(b), Error::<Test>::BundleExpired);
		});
	}

	#[test]
	fn an_expiry_already_passed_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			for expires in [START - 1, START] {
				assert_noop!(
					PayAfter::kill(RuntimeOrigin::signed(bob()), [1; 32], Some(expires)),
					Error::<Test>::ExpiryPassed
				);
			}
			assert_ok!(PayAfter::kill(RuntimeOrigin::signed(bob()), [1; 32], Some(START + 1)));
		});
	}

	/// The signer's responsibility: an expiry earlier than the bundle's own lets the bundle run
	/// once its entry is forgotten.
	#[test]
	fn an_expiry_earlier_than_the_bundles_lets_it_run_after_it_is_forgotten() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START, &expiring(10, 10), vec![remark(b"late")]);
			let data_hash = hash_of(&b);
			assert_ok!(PayAfter::kill(RuntimeOrigin::signed(bob()), data_hash, Some(START + 60)));
			set_now(START + 60);
			assert_ok!(PayAfter::forget_expired(
				RuntimeOrigin::signed(bob()),
				vec![data_hash].try_into().unwrap()
			));
			assert_ok!(run(b));
		});
	}
}

mod forget_expired {
	use super::*;

	fn forget(who: AccountId, hashes: Vec<DataHash>) -> sp_runtime::DispatchResult {
		PayAfter::forget_expired(RuntimeOrigin::signed(who), hashes.try_into().unwrap())
	}

	#[test]
	fn a_signer_forgets_its_own_expired_bundles_and_gets_the_deposits_back() {
		ExtBuilder::default().build_and_execute(|| {
			let executed = bundle(&Key::bob(), START, &expiring(10, 1), vec![]);
			let executed_hash = hash_of(&executed);
			assert_ok!(run(executed));
			assert_ok!(PayAfter::kill(RuntimeOrigin::signed(bob()), [7; 32], Some(START + 120)));
			assert_eq!(deposits(&bob()), 2 * BUNDLE_DEPOSIT);

			set_now(START + 60);
			assert_noop!(
				forget(bob(), vec![executed_hash, [7; 32]]),
				Error::<Test>::BundleNotExpired
			);
			set_now(START + 120);
			let before = native(&bob());
			assert_ok!(forget(bob(), vec![executed_hash, [7; 32]]));
			assert_eq!(native(&bob()), before + 2 * BUNDLE_DEPOSIT);
			assert_eq!(deposits(&bob()), 0);
			for data_hash in [executed_hash, [7; 32]] {
				System::assert_has_event(
					Event::BundleForgotten {
						data_hash,
						signer: bob(),
						beneficiary: bob(),
						deposit: BUNDLE_DEPOSIT,
					}
					.into(),
				);
			}
		});
	}

	#[test]
	fn only_known_expired_own_bundles_once() {
		ExtBuilder::default().build_and_execute(|| {
			let b = bundle(&Key::bob(), START, &expiring(10, 1), vec![]);
			let data_hash = hash_of(&b);
			assert_ok!(run(b));
			let forever = bundle(&Key::bob(), START, &flat(10), vec![]);
			let forever_hash = hash_of(&forever);
			assert_ok!(run(forever));
			assert_ok!(PayAfter::kill(RuntimeOrigin::signed(bob()), [9; 32], None));
			set_now(START + 100 * 365 * 86_400);

			assert_noop!(forget(bob(), vec![]), Error::<Test>::NothingToForget);
			assert_noop!(forget(bob(), vec![[3; 32]]), Error::<Test>::UnknownBundle);
			assert_noop!(forget(charlie(), vec![data_hash]), Error::<Test>::UnknownBundle);
			assert_noop!(forget(bob(), vec![data_hash, data_hash]), Error::<Test>::UnknownBundle);
			assert_noop!(forget(bob(), vec![forever_hash]), Error::<Test>::BundleNotExpired);
			assert_noop!(forget(bob(), vec![[9; 32]]), Error::<Test>::BundleNotExpired);
			assert_noop!(
				PayAfter::forget_expired(RuntimeOrigin::root(), Default::default()),
				DispatchError::BadOrigin
			);
			assert_ok!(forget(bob(), vec![data_hash]));
		});
	}
}

mod validation {
	use super::*;

	/// The declared weight assumes a wallet-wrapped signature (two verifications); a bare one is
	/// refunded the second.
	#[test]
	fn a_bare_signature_is_refunded_the_second_verification() {
		ExtBuilder::default().build_and_execute(|| {
			let fees = policy([fee(10), invalid().after(10, Minute)]).unwrap();
			set_now(START + 1);
			let key = Key::bob();
			let bare = bundle(&key, START, &fees, vec![]);
			let wrapped = key.sign_wrapped(
				builder(&key, START + 1, &fees, vec![]),
				PayAfter::genesis_hash(),
				PayAfter::transaction_version(),
			);
			let declared = PayAfter::dispatch_weight(&bare, 0);
			assert_eq!(declared, PayAfter::dispatch_weight(&wrapped, 0));
			let second_verification = <() as crate::WeightInfo>::dispatch(0, 0, 0, 1)
				.saturating_sub(<() as crate::WeightInfo>::dispatch(0, 0, 0, 0));
			assert!(second_verification.ref_time() > 0, "the weights price the second check");

			let paid_bare = dispatch_by(relayer(), bare, vec![]).unwrap().actual_weight;
			assert_eq!(paid_bare, Some(declared.saturating_sub(second_verification)));
			let paid_wrapped = dispatch_by(relayer(), wrapped, vec![]).unwrap().actual_weight;
			assert_eq!(paid_wrapped, Some(declared));
		});
	}

	#[test]
	fn a_valid_bundle_reports_its_fee_and_expiry_and_nothing_is_written() {
		ExtBuilder::default().build_and_execute(|| {
			let fees =
				policy([fee(10), fee(100).after(2, Minute), invalid().after(10, Minute)]).unwrap();
			set_now(START + 60);
			for key in [Key::alice(), Key::bob(), Key::charlie()] {
				for (b, wrapped) in [
					(bundle(&key, START, &fees, vec![]), false),
					(
						key.sign_wrapped(
							builder(&key, START, &fees, vec![]),
							PayAfter::genesis_hash(),
							PayAfter::transaction_version(),
						),
						true,
					),
				] {
					let root = storage_root();
					let validity = PayAfter::validate_bundle(&b).unwrap();
					assert_eq!(storage_root(), root);
					assert_eq!(
						validity,
						BundleValidity {
							signer: key.account(),
							data_hash: hash_of(&b),
							fee: 55,
							expires: Some(START + 600),
							valid_until: Some(START + 600),
							wrapped,
						}
					);
				}
			}
		});
	}

	#[test]
	fn every_refusal_is_the_one_dispatch_gives() {
		ExtBuilder::default().build_and_execute(|| {
			let executed = bundle(&Key::bob(), START, &flat(10), vec![remark(b"ran")]);
			assert_ok!(run(executed.clone()));
			let killed = bundle(&Key::bob(), START, &flat(10), vec![remark(b"killed")]);
			assert_ok!(PayAfter::kill(RuntimeOrigin::signed(bob()), hash_of(&killed), None));
			let mut tampered = bundle(&Key::bob(), START, &flat(10), vec![]);
			tampered.fees = flat(1).encode().try_into().unwrap();
			let malformed = Key::bob().sign(
				BundleBuilder::<Test>::new(bob(), START).raw_fees(vec![]).unwrap(),
				PayAfter::genesis_hash(),
				PayAfter::transaction_version(),
			);
			let cases: Vec<(Bundle<Test>, DispatchError)> = vec![
				(executed, Error::<Test>::BundleAlreadyExecuted.into()),
				(killed, Error::<Test>::BundleKilled.into()),
				(tampered, Error::<Test>::BadSignature.into()),
				(malformed, Error::<Test>::FeePolicyEmpty.into()),
				(
					bundle(&Key::bob(), START + 1, &flat(10), vec![]),
					Error::<Test>::BundleNotYetValid.into(),
				),
				(
					bundle(&Key::bob(), START - 60, &expiring(10, 1), vec![]),
					Error::<Test>::BundleExpired.into(),
				),
			];
			for (b, error) in cases {
				let root = storage_root();
				assert_eq!(PayAfter::validate_bundle(&b), Err(error));
				assert_eq!(storage_root(), root);
				assert_noop!(run(b), error);
			}
		});
	}

	#[test]
	fn the_declared_weight_reads_no_storage() {
		let b = ExtBuilder::default()
			.build()
			.execute_with(|| bundle(&Key::bob(), START, &flat(10), vec![remark(b"x"), record()]));
		// Outside any externalities: a storage read would panic.
		let weight = PayAfter::dispatch_weight(&b, 3);
		assert_eq!(
			weight,
			<() as WeightInfo>::dispatch(2, b.calls.encoded_size() as u32, 3, 1)
				+ remark(b"x").get_dispatch_info().call_weight
				+ record().get_dispatch_info().call_weight
		);
	}
}

mod simulation {
	use super::*;

	/// Runs an expiring bundle of Bob's at `START` and returns its hash.
	fn executed_expiring() -> DataHash {
		let b = bundle(&Key::bob(), START, &expiring(10, 1), vec![remark(b"first")]);
		let data_hash = hash_of(&b);
		assert_ok!(run(b));
		data_hash
	}

	#[test]
	fn a_simulation_changes_nothing_and_foretells_the_dispatch() {
		ExtBuilder::default().build_and_execute(|| {
			let old = executed_expiring();
			set_now(START + 60);
			System::reset_events();
			let light = RuntimeCall::Probe(probe::Call::light {});
			let b = bundle(
				&Key::alice(),
				START + 60,
				&flat(500),
				vec![send_asset(bob(), 1_000), cover_fee(5_000), light],
			);
			let b_hash = hash_of(&b);
			// Another signer's: Bob's expired bundle cannot be forgotten by Alice's bundle.
			let root = storage_root();
			assert_eq!(
				PayAfter::simulate(&relayer2(), b.clone(), &[old]),
				Err(Error::<Test>::UnknownBundle.into())
			);
			assert_eq!(storage_root(), root);

			let simulated = PayAfter::simulate(&relayer2(), b.clone(), &[]).unwrap();
			assert_eq!(storage_root(), root);
			assert!(System::events().is_empty(), "no simulated event leaks");
			assert_eq!(System::event_count(), 0);
			assert_eq!(PayAfter::current_signer(), None);

			let declared = PayAfter::dispatch_weight(&b, 0);
			let before = native(&relayer2());
			let post = dispatch_by(relayer2(), b, vec![]).unwrap();
			assert_eq!(
				simulated,
				BundleSimulation {
					data_hash: b_hash,
					fee: 500,
					deposits_collected: 0,
					actual_weight: post.actual_weight.unwrap(),
					declared_weight: declared,
				}
			);
			assert!(
				simulated.actual_weight.ref_time() < declared.ref_time(),
				"the light call refunds"
			);
			assert_eq!(native(&relayer2()), before + simulated.fee);
		});
	}

	#[test]
	fn a_simulation_counts_the_deposits_of_the_cleaning() {
		ExtBuilder::default().build_and_execute(|| {
			let old = executed_expiring();
			assert_ok!(PayAfter::kill(RuntimeOrigin::signed(bob()), [4; 32], Some(START + 30)));
			set_now(START + 60);
			let b = bundle(&Key::bob(), START + 60, &flat(10), vec![]);
			let root = storage_root();
			let events = System::events().len();
			let simulated = PayAfter::simulate(&relayer2(), b.clone(), &[old, [4; 32]]).unwrap();
			assert_eq!(storage_root(), root);
			assert_eq!(System::events().len(), events);
			assert_eq!(simulated.fee, 10);
			assert_eq!(simulated.deposits_collected, 2 * BUNDLE_DEPOSIT);
			assert_eq!(simulated.declared_weight, PayAfter::dispatch_weight(&b, 2));

			let before = native(&relayer2());
			let post = dispatch_by(relayer2(), b, vec![old, [4; 32]]).unwrap();
			assert_eq!(native(&relayer2()), before + simulated.fee + simulated.deposits_collected);
			assert_eq!(post.actual_weight, Some(simulated.actual_weight));
		});
	}

	#[test]
	fn a_simulation_returns_the_error_of_the_failing_step() {
		ExtBuilder::default().build_and_execute(|| {
			let old = executed_expiring();
			let root = storage_root();
			let cases: Vec<(Bundle<Test>, Vec<DataHash>, DispatchError)> = vec![
				// A failing call.
				(
					bundle(
						&Key::bob(),
						START,
						&flat(10),
						vec![RuntimeCall::Probe(probe::Call::fail {})],
					),
					vec![],
					DispatchError::Other("probe failed"),
				),
				// The fee.
				(
					bundle(&Key::alice(), START, &flat(500), vec![]),
					vec![],
					Error::<Test>::FeeNotCovered.into(),
				),
				// The cleaning.
				(
					bundle(&Key::bob(), START, &flat(10), vec![]),
					vec![old],
					Error::<Test>::BundleNotExpired.into(),
				),
				// A replay.
				(
					bundle(&Key::bob(), START, &expiring(10, 1), vec![remark(b"first")]),
					vec![],
					Error::<Test>::BundleAlreadyExecuted.into(),
				),
				// Too many to clean.
				(
					bundle(&Key::bob(), START, &flat(10), vec![]),
					vec![[1; 32]; MAX_EXPIRED as usize + 1],
					Error::<Test>::TooManyExpired.into(),
				),
			];
			for (b, expired, error) in cases {
				assert_eq!(PayAfter::simulate(&relayer(), b, &expired), Err(error));
				assert_eq!(storage_root(), root);
			}
		});
	}
}

/// The README's end-to-end example, step for step.
#[test]
fn readme_example() {
	use crate::client::{fee, invalid, policy, BundleBuilder};
	use power_primitives::fee::TimeUnit::Minute;

	ExtBuilder::default().build_and_execute(|| {
		let alice_pair = Sr25519Keyring::Alice.pair();
		let (genesis_hash, transaction_version) =
			(PayAfter::genesis_hash(), PayAfter::transaction_version());

		// 1. Alice, who holds asset 1 but no native currency, signs a bundle off-chain: send 1 000
		//    of asset 1 to Bob, then sell at most 5 000 of it for the fee. She offers 500, rising
		//    to 1 000 over two minutes; after ten minutes the bundle is invalid.
		let fees = policy([fee(500), fee(1_000).after(2, Minute), invalid().after(10, Minute)])
			.expect("a valid policy");
		let bundle = BundleBuilder::<Test>::new(alice(), START)
			.fees(&fees)
			.and_then(|b| {
				b.call(RuntimeCall::Assets(pallet_assets::Call::transfer {
					id: ASSET,
					target: bob(),
					amount: 1_000,
				}))
			})
			.and_then(|b| {
				b.call(RuntimeCall::PayAfter(crate::Call::cover_fee {
					asset: ASSET_KIND,
					max_asset_in: 5_000,
				}))
			})
			.expect("within MaxFeeEntries and MaxCalls")
			.sign_with(&alice_pair, &genesis_hash, transaction_version);
		let bytes = bundle.encode(); // sent to the relayers

		// 2. A relayer picks it up a minute later and submits it.
		set_now(START + 60);
		let bundle = Bundle::<Test>::decode_with_depth_limit(256, &mut &bytes[..])
			.expect("a well-formed bundle");
		let data_hash = PayAfter::data_hash(&bundle);
		assert_ok!(PayAfter::dispatch(
			RuntimeOrigin::signed(relayer()),
			Box::new(bundle),
			Default::default()
		));
		// Half way from 500 to 1 000.
		assert_eq!(native(&relayer()), ENDOWMENT + 750);
		assert_eq!(asset(&bob()), SIGNER_ASSET + 1_000);
		assert_eq!(deposits(&alice()), BUNDLE_DEPOSIT);

		// 3. Ten minutes after its creation the bundle has expired. The relayer of Alice's next
		//    bundle forgets it and takes its deposit.
		set_now(START + 600);
		let next = BundleBuilder::<Test>::new(alice(), START + 600)
			.fees(&policy([fee(5), invalid().after(10, Minute)]).expect("a valid policy"))
			.expect("one entry");
		// Without a swap Alice cannot pay even 5: her only native is the existential deposit.
		let unpaid = BundleBuilder::<Test>::new(alice(), START + 600)
			.fees(&policy([fee(5)]).expect("a valid policy"))
			.expect("one entry")
			.sign_with(&alice_pair, &genesis_hash, transaction_version);
		assert_noop!(
			PayAfter::dispatch(
				RuntimeOrigin::signed(relayer2()),
				Box::new(unpaid),
				Default::default()
			)
			.map_err(|e| e.error),
			Error::<Test>::FeeNotCovered
		);
		let next = next
			.call(RuntimeCall::PayAfter(crate::Call::cover_fee {
				asset: ASSET_KIND,
				max_asset_in: 5_000,
			}))
			.expect("one call")
			.sign_with(&alice_pair, &genesis_hash, transaction_version);
		assert_ok!(PayAfter::dispatch(
			RuntimeOrigin::signed(relayer2()),
			Box::new(next),
			vec![data_hash].try_into().expect("one hash"),
		));
		assert_eq!(native(&relayer2()), ENDOWMENT + 5 + BUNDLE_DEPOSIT);
		assert!(!Remembered::<Test>::contains_key(alice(), data_hash));
	});
}

#[test]
fn the_mock_passes_the_integrity_test() {
	use frame_support::traits::Hooks;
	ExtBuilder::default().build_and_execute(|| {
		<PayAfter as Hooks<u64>>::integrity_test();
	});
}
