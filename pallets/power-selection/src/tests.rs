//! Tests of the power-selection pallet. Sessions rotate through the real pallet-session, authors
//! are noted through the real pallet-authorship, and power comes from the real collator-power.
//! Every test ends with both pallets' `try_state` (see `build_and_execute`).

use crate::{
	mock::*, ActiveSelection, CandidacyBond, CandidateBonds, CandidateList, DesiredCollators,
	DrawWeight, Error, Event, HoldReason, Invulnerables, LastAuthoredBlock, PlannedSelection,
	PlannedSession, UnbondingChunk,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Contains,
	},
};
use pallet_collator_power::{MinerClaims, PowerDelta};
use sp_runtime::{DispatchError, DispatchResult, Perbill, TokenError};

fn origin(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn register(who: AccountId) {
	assert_ok!(PowerSelection::register_as_candidate(origin(who)));
}

/// Makes `miner` delegate `amount` of fresh power to `collator`.
fn delegate(miner: AccountId, collator: AccountId, amount: u128) {
	if !MinerClaims::<Test>::contains_key(miner) {
		assert_ok!(CollatorPower::create_miner(origin(miner)));
	}
	assert_ok!(CollatorPower::update_miner_power(&miner, PowerDelta::Increase(amount)));
	assert_ok!(CollatorPower::delegate_power(origin(miner), collator, amount));
}

fn held(who: AccountId) -> u64 {
	Balances::balance_on_hold(&HoldReason::CandidacyBond.into(), &who)
}

fn power(who: AccountId) -> u128 {
	CollatorPower::get_collator_power(&who)
}

/// The drawn collators of the latest plan.
fn planned_drawn() -> Vec<AccountId> {
	PlannedSelection::<Test>::get()
		.map(|s| s.drawn.iter().map(|(who, _)| *who).collect())
		.unwrap_or_default()
}

fn kicked_events() -> Vec<AccountId> {
	selection_events()
		.into_iter()
		.filter_map(|e| match e {
			Event::CandidateKicked { who, .. } => Some(who),
			_ => None,
		})
		.collect()
}

mod register_as_candidate {
	use super::*;

	#[test]
	fn registers_and_holds_the_bond() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			assert_eq!(CandidateList::<Test>::get().to_vec(), vec![CANDIDATE_A]);
			assert_eq!(CandidateBonds::<Test>::get(CANDIDATE_A), Some(BOND));
			assert_eq!(held(CANDIDATE_A), BOND);
			assert_eq!(Balances::balance(&CANDIDATE_A), ENDOWMENT - BOND);
			assert!(crate::IsCandidate::<Test>::contains(&CANDIDATE_A));
			System::assert_last_event(
				Event::CandidateRegistered { who: CANDIDATE_A, bond: BOND }.into(),
			);
		});
	}

	#[test]
	fn fails_for_a_candidate() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			assert_noop!(
				PowerSelection::register_as_candidate(origin(CANDIDATE_A)),
				Error::<Test>::AlreadyCandidate
			);
		});
	}

	#[test]
	fn fails_for_an_invulnerable() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				PowerSelection::register_as_candidate(origin(INVULNERABLE)),
				Error::<Test>::AlreadyInvulnerable
			);
		});
	}

	#[test]
	fn fails_without_session_keys() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				PowerSelection::register_as_candidate(origin(NO_KEYS)),
				Error::<Test>::SessionKeysNotRegistered
			);
		});
	}

	#[test]
	fn fails_at_max_candidates() {
		ExtBuilder::default().build_and_execute(|| {
			MaxCandidates::set(2);
			register(CANDIDATE_A);
			register(CANDIDATE_B);
			assert_noop!(
				PowerSelection::register_as_candidate(origin(CANDIDATE_C)),
				Error::<Test>::TooManyCandidates
			);
			MaxCandidates::set(20);
		});
	}

	#[test]
	fn fails_without_funds_for_the_bond() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				PowerSelection::register_as_candidate(origin(POOR)),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}

	#[test]
	fn signed_calls_need_a_signed_origin() {
		ExtBuilder::default().build_and_execute(|| {
			for call in [
				PowerSelection::register_as_candidate(RuntimeOrigin::root()),
				PowerSelection::leave_intent(RuntimeOrigin::none()),
			] {
				assert_eq!(call.map_err(|e| e.error), Err(DispatchError::BadOrigin));
			}
			assert_noop!(
				PowerSelection::withdraw_unbonded(RuntimeOrigin::root()),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn makes_the_account_a_delegation_target_in_collator_power() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(CollatorPower::create_miner(origin(MINER_1)));
			assert_ok!(CollatorPower::update_miner_power(&MINER_1, PowerDelta::Increase(10)));
			assert_noop!(
				CollatorPower::delegate_power(origin(MINER_1), CANDIDATE_A, 5),
				pallet_collator_power::Error::<Test>::NotACollatorCandidate
			);
			register(CANDIDATE_A);
			assert_ok!(CollatorPower::delegate_power(origin(MINER_1), CANDIDATE_A, 5));
			assert_eq!(power(CANDIDATE_A), 5);
		});
	}
}

mod leave_intent {
	use super::*;

	#[test]
	fn ends_the_candidacy_and_unbonds() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			register(CANDIDATE_B);
			run_to_session(1);
			assert_eq!(PlannedSession::<Test>::get(), 2);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			assert_eq!(CandidateList::<Test>::get().to_vec(), vec![CANDIDATE_B]);
			assert!(CandidateBonds::<Test>::get(CANDIDATE_A).is_none());
			assert_eq!(held(CANDIDATE_A), BOND);
			let unlock_session = 2 + UNBONDING_DELAY;
			assert_eq!(
				crate::Unbonding::<Test>::get(CANDIDATE_A),
				Some(UnbondingChunk { amount: BOND, unlock_session })
			);
			System::assert_last_event(
				Event::CandidateLeft { who: CANDIDATE_A, bond: BOND, unlock_session }.into(),
			);
		});
	}

	#[test]
	fn returns_the_delegations_to_the_miners() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 70);
			delegate(MINER_2, CANDIDATE_A, 30);
			assert_eq!(power(CANDIDATE_A), 100);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			// Its power is gone at once; the stakes go back in the next block's `on_idle`.
			assert_eq!(power(CANDIDATE_A), 0);
			run_to_block(2);
			for miner in [MINER_1, MINER_2] {
				let claim = MinerClaims::<Test>::get(miner).unwrap();
				assert!(claim.staked_power.is_empty());
				assert_eq!(claim.undelegated_power(), claim.raw_bytes_power);
			}
			System::assert_has_event(
				pallet_collator_power::Event::CollatorRemoved {
					collator: CANDIDATE_A,
					delegators: 2,
					power_returned: 100,
				}
				.into(),
			);
		});
	}

	#[test]
	fn a_leaver_is_not_drawn_again() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 10);
			run_to_session(1);
			assert_eq!(planned_drawn(), vec![CANDIDATE_A]);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			run_to_session(2);
			assert_eq!(planned_drawn(), Vec::<AccountId>::new());
			assert_eq!(PlannedSelection::<Test>::get().unwrap().session, 3);
		});
	}

	#[test]
	fn fails_for_a_non_candidate() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(
				PowerSelection::leave_intent(origin(CANDIDATE_A)).map_err(|e| e.error),
				Err(Error::<Test>::NotCandidate.into())
			);
		});
	}

	#[test]
	fn reports_the_weight_of_remove_collator() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 10);
			let info = PowerSelection::leave_intent(origin(CANDIDATE_A)).unwrap();
			let actual = info.actual_weight.unwrap();
			let removal = <() as pallet_collator_power::WeightInfo>::remove_collator();
			assert!(actual.all_gte(removal));
			assert!(actual.all_lte(PowerSelection::leave_intent_max_weight()));
		});
	}
}

mod withdraw_unbonded {
	use super::*;

	#[test]
	fn releases_the_bond_after_the_delay() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			// Left while session 1 was planned: unlocks when session 3 is planned.
			assert_eq!(crate::Unbonding::<Test>::get(CANDIDATE_A).unwrap().unlock_session, 3);
			run_to_session(1);
			assert_noop!(
				PowerSelection::withdraw_unbonded(origin(CANDIDATE_A)),
				Error::<Test>::StillUnbonding
			);
			run_to_session(2);
			assert_ok!(PowerSelection::withdraw_unbonded(origin(CANDIDATE_A)));
			assert_eq!(held(CANDIDATE_A), 0);
			assert_eq!(Balances::balance(&CANDIDATE_A), ENDOWMENT);
			assert!(crate::Unbonding::<Test>::get(CANDIDATE_A).is_none());
			System::assert_last_event(
				Event::BondWithdrawn { who: CANDIDATE_A, amount: BOND }.into(),
			);
		});
	}

	#[test]
	fn fails_with_nothing_unbonding() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			assert_noop!(
				PowerSelection::withdraw_unbonded(origin(CANDIDATE_A)),
				Error::<Test>::NothingUnbonding
			);
		});
	}

	#[test]
	fn a_candidate_may_register_again_while_unbonding() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			register(CANDIDATE_A);
			assert_eq!(held(CANDIDATE_A), 2 * BOND);
			run_to_session(2);
			assert_ok!(PowerSelection::withdraw_unbonded(origin(CANDIDATE_A)));
			assert_eq!(held(CANDIDATE_A), BOND);
			assert_eq!(CandidateBonds::<Test>::get(CANDIDATE_A), Some(BOND));
		});
	}

	#[test]
	fn a_second_leave_merges_with_the_later_unlock() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			run_to_session(1);
			register(CANDIDATE_A);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			assert_eq!(
				crate::Unbonding::<Test>::get(CANDIDATE_A),
				Some(UnbondingChunk { amount: 2 * BOND, unlock_session: 4 })
			);
		});
	}
}

mod take_candidate_slot {
	use super::*;

	#[test]
	fn errors() {
		ExtBuilder::default().build_and_execute(|| {
			MaxCandidates::set(2);
			register(CANDIDATE_A);
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(CANDIDATE_C), BOND + 1, CANDIDATE_A),
				Error::<Test>::CandidateListNotFull
			);
			register(CANDIDATE_B);
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(CANDIDATE_A), BOND + 1, CANDIDATE_B),
				Error::<Test>::AlreadyCandidate
			);
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(INVULNERABLE), BOND + 1, CANDIDATE_B),
				Error::<Test>::AlreadyInvulnerable
			);
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(NO_KEYS), BOND + 1, CANDIDATE_B),
				Error::<Test>::SessionKeysNotRegistered
			);
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(CANDIDATE_C), BOND - 1, CANDIDATE_B),
				Error::<Test>::BondTooLow
			);
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(CANDIDATE_C), BOND + 1, SPARE),
				Error::<Test>::NotCandidate
			);
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(POOR), BOND + 1, CANDIDATE_B),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
			assert_noop!(
				PowerSelection::take_candidate_slot(RuntimeOrigin::root(), BOND + 1, CANDIDATE_B),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn a_queued_account_cannot_come_back() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 10);
			set_silent(CANDIDATE_A, true);
			run_to_session(3);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			run_to_session(4);
			assert_eq!(PowerSelection::kick_queue(), vec![(CANDIDATE_A, 20)]);
			assert_noop!(
				PowerSelection::register_as_candidate(origin(CANDIDATE_A)),
				Error::<Test>::AwaitingKick
			);
			MaxCandidates::set(0);
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(CANDIDATE_A), BOND + 1, CANDIDATE_B),
				Error::<Test>::AwaitingKick
			);
		});
	}
}

mod update_bond {
	use super::*;

	#[test]
	fn a_raise_is_held_and_a_cut_unbonds() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			assert_ok!(PowerSelection::update_bond(origin(CANDIDATE_A), BOND + 500));
			System::assert_last_event(
				Event::CandidateBondUpdated { who: CANDIDATE_A, bond: BOND + 500 }.into(),
			);
			assert_eq!(held(CANDIDATE_A), BOND + 500);
			assert_eq!(CandidateBonds::<Test>::get(CANDIDATE_A), Some(BOND + 500));
			assert_ok!(PowerSelection::update_bond(origin(CANDIDATE_A), BOND + 100));
			assert_eq!(CandidateBonds::<Test>::get(CANDIDATE_A), Some(BOND + 100));
			assert_eq!(held(CANDIDATE_A), BOND + 500);
			assert_eq!(
				crate::Unbonding::<Test>::get(CANDIDATE_A),
				Some(UnbondingChunk { amount: 400, unlock_session: 1 + UNBONDING_DELAY })
			);
		});
	}

	#[test]
	fn errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				PowerSelection::update_bond(origin(CANDIDATE_A), BOND),
				Error::<Test>::NotCandidate
			);
			register(CANDIDATE_A);
			assert_noop!(
				PowerSelection::update_bond(origin(CANDIDATE_A), BOND - 1),
				Error::<Test>::BondTooLow
			);
			assert_noop!(
				PowerSelection::update_bond(origin(CANDIDATE_A), 100 * ENDOWMENT),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
			assert_noop!(
				PowerSelection::update_bond(RuntimeOrigin::root(), BOND),
				DispatchError::BadOrigin
			);
		});
	}

	/// A candidate defends its slot by raising its bond.
	#[test]
	fn a_raised_bond_defends_the_slot() {
		ExtBuilder::default().build_and_execute(|| {
			MaxCandidates::set(2);
			register(CANDIDATE_A);
			register(CANDIDATE_B);
			assert_ok!(PowerSelection::update_bond(origin(CANDIDATE_A), BOND + 10));
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(CANDIDATE_C), BOND + 10, CANDIDATE_A),
				Error::<Test>::BondTooLow
			);
			assert_ok!(PowerSelection::take_candidate_slot(
				origin(CANDIDATE_C),
				BOND + 1,
				CANDIDATE_B
			));
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(CANDIDATE_D), BOND + 1, CANDIDATE_C),
				Error::<Test>::BondTooLow
			);
		});
	}
}

mod governance {
	use super::*;

	#[test]
	fn set_invulnerables_replaces_them_sorted() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(PowerSelection::set_invulnerables(RuntimeOrigin::root(), vec![3, 2]));
			assert_eq!(Invulnerables::<Test>::get().to_vec(), vec![2, 3]);
			System::assert_last_event(Event::InvulnerablesSet { invulnerables: vec![2, 3] }.into());
			assert_ok!(PowerSelection::set_invulnerables(RuntimeOrigin::root(), vec![]));
			assert!(Invulnerables::<Test>::get().is_empty());
		});
	}

	#[test]
	fn set_invulnerables_errors() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			assert_noop!(
				PowerSelection::set_invulnerables(origin(INVULNERABLE), vec![2]),
				DispatchError::BadOrigin
			);
			assert_noop!(
				PowerSelection::set_invulnerables(RuntimeOrigin::root(), vec![1, 2, 3, 13, 14]),
				Error::<Test>::TooManyInvulnerables
			);
			assert_noop!(
				PowerSelection::set_invulnerables(RuntimeOrigin::root(), vec![2, 3, 2]),
				Error::<Test>::DuplicateInvulnerable
			);
			assert_noop!(
				PowerSelection::set_invulnerables(RuntimeOrigin::root(), vec![2, NO_KEYS]),
				Error::<Test>::SessionKeysNotRegistered
			);
			assert_noop!(
				PowerSelection::set_invulnerables(RuntimeOrigin::root(), vec![2, CANDIDATE_A]),
				Error::<Test>::AlreadyCandidate
			);
		});
	}

	#[test]
	fn add_invulnerable_inserts_sorted() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(PowerSelection::add_invulnerable(RuntimeOrigin::root(), 3));
			assert_ok!(PowerSelection::add_invulnerable(RuntimeOrigin::root(), 2));
			assert_eq!(Invulnerables::<Test>::get().to_vec(), vec![INVULNERABLE, 2, 3]);
			System::assert_last_event(Event::InvulnerableAdded { who: 2 }.into());
		});
	}

	#[test]
	fn add_invulnerable_errors() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			assert_noop!(
				PowerSelection::add_invulnerable(origin(INVULNERABLE), 2),
				DispatchError::BadOrigin
			);
			assert_noop!(
				PowerSelection::add_invulnerable(RuntimeOrigin::root(), INVULNERABLE),
				Error::<Test>::AlreadyInvulnerable
			);
			assert_noop!(
				PowerSelection::add_invulnerable(RuntimeOrigin::root(), NO_KEYS),
				Error::<Test>::SessionKeysNotRegistered
			);
			assert_noop!(
				PowerSelection::add_invulnerable(RuntimeOrigin::root(), CANDIDATE_A),
				Error::<Test>::AlreadyCandidate
			);
			for who in [2, 3, SPARE] {
				assert_ok!(PowerSelection::add_invulnerable(RuntimeOrigin::root(), who));
			}
			assert_noop!(
				PowerSelection::add_invulnerable(RuntimeOrigin::root(), CANDIDATE_B),
				Error::<Test>::TooManyInvulnerables
			);
		});
	}

	#[test]
	fn remove_invulnerable_works_and_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				PowerSelection::remove_invulnerable(origin(INVULNERABLE), INVULNERABLE),
				DispatchError::BadOrigin
			);
			assert_noop!(
				PowerSelection::remove_invulnerable(RuntimeOrigin::root(), 2),
				Error::<Test>::NotInvulnerable
			);
			assert_ok!(PowerSelection::remove_invulnerable(RuntimeOrigin::root(), INVULNERABLE));
			assert!(Invulnerables::<Test>::get().is_empty());
			System::assert_last_event(Event::InvulnerableRemoved { who: INVULNERABLE }.into());
			// A former invulnerable may become a candidate.
			register(INVULNERABLE);
		});
	}

	#[test]
	fn set_desired_collators_works_and_errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(PowerSelection::set_desired_collators(RuntimeOrigin::root(), 6));
			assert_eq!(DesiredCollators::<Test>::get(), 6);
			System::assert_last_event(Event::DesiredCollatorsSet { desired: 6 }.into());
			assert_noop!(
				PowerSelection::set_desired_collators(RuntimeOrigin::root(), 7),
				Error::<Test>::TooManyDesiredCollators
			);
			assert_noop!(
				PowerSelection::set_desired_collators(origin(INVULNERABLE), 2),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn set_candidacy_bond_applies_to_new_candidates() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			assert_ok!(PowerSelection::set_candidacy_bond(RuntimeOrigin::root(), 250));
			assert_eq!(CandidacyBond::<Test>::get(), 250);
			System::assert_last_event(Event::CandidacyBondSet { bond: 250 }.into());
			register(CANDIDATE_B);
			assert_eq!(held(CANDIDATE_A), BOND);
			assert_eq!(held(CANDIDATE_B), 250);
			assert_noop!(
				PowerSelection::set_candidacy_bond(origin(INVULNERABLE), 1),
				DispatchError::BadOrigin
			);
		});
	}
}

mod session {
	use super::*;

	#[test]
	fn drawn_candidates_become_session_validators() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			register(CANDIDATE_B);
			delegate(MINER_1, CANDIDATE_A, 10);
			delegate(MINER_2, CANDIDATE_B, 20);
			run_to_session(1);
			// Planned for session 2 with 3 desired collators: the invulnerable and both.
			let planned = PlannedSelection::<Test>::get().unwrap();
			assert_eq!(planned.session, 2);
			assert_eq!(planned.invulnerables.to_vec(), vec![INVULNERABLE]);
			let mut drawn = planned.drawn.to_vec();
			drawn.sort();
			assert_eq!(drawn, vec![(CANDIDATE_A, 10), (CANDIDATE_B, 20)]);
			System::assert_has_event(
				Event::CollatorsSelected {
					session: 2,
					invulnerables: vec![INVULNERABLE],
					drawn: planned.drawn.to_vec(),
				}
				.into(),
			);
			run_to_session(2);
			let mut validators = Session::validators();
			validators.sort();
			assert_eq!(validators, vec![INVULNERABLE, CANDIDATE_A, CANDIDATE_B]);
			assert_eq!(ActiveSelection::<Test>::get().unwrap().session, 2);
		});
	}

	#[test]
	fn a_candidate_with_zero_power_never_wins() {
		ExtBuilder::default().desired(2).build_and_execute(|| {
			register(CANDIDATE_A);
			register(CANDIDATE_B);
			register(CANDIDATE_C);
			delegate(MINER_1, CANDIDATE_A, 1);
			delegate(MINER_2, CANDIDATE_B, 1_000_000);
			for session in 1..=12 {
				set_random_seed(u64::from(session));
				run_to_session(session);
				assert_eq!(planned_drawn().len(), 1);
				assert!(!planned_drawn().contains(&CANDIDATE_C));
				assert!(!Session::validators().contains(&CANDIDATE_C));
			}
		});
	}

	#[test]
	fn a_candidate_with_all_the_power_always_wins() {
		ExtBuilder::default().desired(2).build_and_execute(|| {
			register(CANDIDATE_A);
			register(CANDIDATE_B);
			register(CANDIDATE_C);
			delegate(MINER_1, CANDIDATE_B, 500);
			for session in 1..=12 {
				set_random_seed(u64::from(session) * 7);
				run_to_session(session);
				assert_eq!(planned_drawn(), vec![CANDIDATE_B]);
				if session >= 2 {
					assert!(Session::validators().contains(&CANDIDATE_B));
				}
			}
		});
	}

	#[test]
	fn invulnerables_are_always_in_the_set_and_count_towards_desired() {
		ExtBuilder::default().invulnerables(vec![INVULNERABLE, 2]).desired(3).build_and_execute(
			|| {
				for who in [CANDIDATE_A, CANDIDATE_B, CANDIDATE_C] {
					register(who);
				}
				delegate(MINER_1, CANDIDATE_A, 5);
				delegate(MINER_1, CANDIDATE_B, 5);
				delegate(MINER_1, CANDIDATE_C, 5);
				for session in 1..=6 {
					set_random_seed(u64::from(session));
					run_to_session(session);
					let planned = PlannedSelection::<Test>::get().unwrap();
					assert_eq!(planned.invulnerables.to_vec(), vec![INVULNERABLE, 2]);
					assert_eq!(planned.drawn.len(), 1);
					assert!(Session::validators().contains(&INVULNERABLE));
					assert!(Session::validators().contains(&2));
				}
				// More invulnerables than desired: all of them, nobody drawn.
				assert_ok!(PowerSelection::set_desired_collators(RuntimeOrigin::root(), 1));
				run_to_session(7);
				let planned = PlannedSelection::<Test>::get().unwrap();
				assert_eq!(planned.collators(), vec![INVULNERABLE, 2]);
			},
		);
	}

	#[test]
	fn an_empty_draw_keeps_the_previous_set() {
		ExtBuilder::default().invulnerables(vec![]).build_and_execute(|| {
			// Genesis found nobody: pallet-session fell back to its genesis keys.
			assert_eq!(Session::validators(), vec![INVULNERABLE]);
			assert!(PlannedSelection::<Test>::get().is_none());
			register(CANDIDATE_A);
			run_to_session(1);
			System::assert_has_event(Event::PreviousCollatorsKept { session: 2 }.into());
			run_to_session(3);
			assert_eq!(Session::validators(), vec![INVULNERABLE]);
			// Once it has power, the candidate is drawn.
			delegate(MINER_1, CANDIDATE_A, 3);
			run_to_session(5);
			assert_eq!(Session::validators(), vec![CANDIDATE_A]);
		});
	}

	#[test]
	fn the_draw_depends_on_the_randomness_and_the_session() {
		ExtBuilder::default().invulnerables(vec![]).desired(4).seed(42).build_and_execute(|| {
			for (i, who) in
				[CANDIDATE_A, CANDIDATE_B, CANDIDATE_C, CANDIDATE_D].into_iter().enumerate()
			{
				register(who);
				delegate(MINER_1, who, 10 + i as u128);
			}
			let random = sp_core::H256::repeat_byte(1);
			let a = PowerSelection::seed(&random, 5);
			assert_ne!(a, PowerSelection::seed(&random, 6));
			assert_ne!(a, PowerSelection::seed(&sp_core::H256::repeat_byte(2), 5));
			// Every order of the same four shows up over some sessions.
			let mut orders = std::collections::BTreeSet::new();
			for session in 1..=12 {
				run_to_session(session);
				orders.insert(planned_drawn());
			}
			assert!(orders.len() > 3);
		});
	}

	#[test]
	fn selection_frequency_follows_power() {
		// One slot, four candidates with power 1 : 2 : 3 : 4, 400 sessions with different
		// randomness. The standard deviation of a share is at most 0.025: the tolerance of 0.08 is
		// more than three of them.
		ExtBuilder::default().invulnerables(vec![]).desired(1).build_and_execute(|| {
			let candidates = [CANDIDATE_A, CANDIDATE_B, CANDIDATE_C, CANDIDATE_D];
			for (i, who) in candidates.into_iter().enumerate() {
				register(who);
				delegate(MINER_1, who, i as u128 + 1);
			}
			let sessions = 400u32;
			let mut hits = [0u32; 4];
			for session in 1..=sessions {
				set_random_seed(u64::from(session) * 1_000_003);
				run_to_session(session);
				let drawn = planned_drawn();
				assert_eq!(drawn.len(), 1);
				let index = candidates.iter().position(|c| *c == drawn[0]).unwrap();
				hits[index] += 1;
			}
			assert!(kicked_events().is_empty());
			for (i, h) in hits.iter().enumerate() {
				let share = f64::from(*h) / f64::from(sessions);
				let expected = (i + 1) as f64 / 10.0;
				assert!((share - expected).abs() < 0.08, "{hits:?}");
			}
		});
	}

	/// The block of the session change registers `new_session`'s weight. The mock starts
	/// every block with an empty block weight (as `frame_system::initialize` does), so the
	/// boundary block's weight is its own: genesis's registration cannot satisfy this.
	#[test]
	fn new_session_reports_its_weight() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 1);
			let expected = <() as crate::WeightInfo>::new_session(1, 0);
			run_to_block(PERIOD - 1);
			let before = System::block_weight().total();
			assert!(!before.all_gte(expected), "an ordinary block already weighs {before:?}");
			run_to_block(PERIOD);
			let at_boundary = System::block_weight().total();
			assert!(at_boundary.all_gte(expected), "{at_boundary:?} < {expected:?}");
			assert!(at_boundary.all_lte(PowerSelection::session_change_max_weight()));
		});
	}
}

mod kicking {
	use super::*;

	/// A registered with power 10 from MINER_1, the only candidate with power.
	fn setup() {
		register(CANDIDATE_A);
		delegate(MINER_1, CANDIDATE_A, 10);
	}

	#[test]
	fn a_silent_collator_is_kicked_and_slashed() {
		ExtBuilder::default().build_and_execute(|| {
			setup();
			set_silent(CANDIDATE_A, true);
			// Planned at block 10, active from block 20 (its clock starts), checked at the ends
			// of sessions 2 (block 30, 10 blocks idle) and 3 (block 40, 20 blocks: kicked).
			run_to_session(3);
			assert_eq!(LastAuthoredBlock::<Test>::get(CANDIDATE_A), Some(20));
			assert!(kicked_events().is_empty());
			let treasury = Balances::balance(&TREASURY);
			// Found idle at the session change, queued and no longer drawn...
			run_to_session(4);
			System::assert_has_event(
				Event::KickQueued { who: CANDIDATE_A, last_authored: 20 }.into(),
			);
			assert_eq!(PowerSelection::kick_queue(), vec![(CANDIDATE_A, 20)]);
			assert!(kicked_events().is_empty());
			// ... and kicked in the next block.
			run_to_block(4 * PERIOD + 2);
			assert!(PowerSelection::kick_queue().is_empty());
			let slashed = BOND / 10;
			System::assert_has_event(
				Event::CandidateKicked {
					who: CANDIDATE_A,
					last_authored: 20,
					slashed,
					unbonding: BOND - slashed,
					unlock_session: 5 + UNBONDING_DELAY,
				}
				.into(),
			);
			assert_eq!(Balances::balance(&TREASURY), treasury + slashed);
			assert_eq!(held(CANDIDATE_A), BOND - slashed);
			assert!(CandidateBonds::<Test>::get(CANDIDATE_A).is_none());
			assert!(LastAuthoredBlock::<Test>::get(CANDIDATE_A).is_none());
			assert_eq!(planned_drawn(), Vec::<AccountId>::new());
			// Its delegation went back to the miner.
			assert_eq!(power(CANDIDATE_A), 0);
			assert!(MinerClaims::<Test>::get(MINER_1).unwrap().staked_power.is_empty());
			System::assert_has_event(
				pallet_collator_power::Event::CollatorRemoved {
					collator: CANDIDATE_A,
					delegators: 1,
					power_returned: 10,
				}
				.into(),
			);
			// The rest unbonds like a leave.
			run_to_session(6);
			assert_ok!(PowerSelection::withdraw_unbonded(origin(CANDIDATE_A)));
			assert_eq!(Balances::balance(&CANDIDATE_A), ENDOWMENT - slashed);
		});
	}

	#[test]
	fn an_authoring_collator_stays() {
		ExtBuilder::default().build_and_execute(|| {
			setup();
			run_to_session(10);
			assert!(kicked_events().is_empty());
			assert!(CandidateBonds::<Test>::contains_key(CANDIDATE_A));
			let last = LastAuthoredBlock::<Test>::get(CANDIDATE_A).unwrap();
			assert!(last > 90, "last authored {last}");
		});
	}

	#[test]
	fn a_zero_slash_fraction_only_removes() {
		ExtBuilder::default().build_and_execute(|| {
			SlashFraction::set(Perbill::zero());
			setup();
			set_silent(CANDIDATE_A, true);
			run_to_block(4 * PERIOD + 1);
			System::assert_has_event(
				Event::CandidateKicked {
					who: CANDIDATE_A,
					last_authored: 20,
					slashed: 0,
					unbonding: BOND,
					unlock_session: 5 + UNBONDING_DELAY,
				}
				.into(),
			);
			assert_eq!(held(CANDIDATE_A), BOND);
			SlashFraction::set(Perbill::from_percent(10));
		});
	}

	#[test]
	fn a_full_slash_leaves_nothing_to_unbond() {
		ExtBuilder::default().build_and_execute(|| {
			SlashFraction::set(Perbill::one());
			setup();
			set_silent(CANDIDATE_A, true);
			run_to_block(4 * PERIOD + 1);
			assert_eq!(kicked_events(), vec![CANDIDATE_A]);
			assert_eq!(held(CANDIDATE_A), 0);
			assert!(crate::Unbonding::<Test>::get(CANDIDATE_A).is_none());
			SlashFraction::set(Perbill::from_percent(10));
		});
	}

	#[test]
	fn invulnerables_are_never_kicked() {
		ExtBuilder::default().build_and_execute(|| {
			set_silent(INVULNERABLE, true);
			run_to_session(8);
			assert!(kicked_events().is_empty());
			assert_eq!(Invulnerables::<Test>::get().to_vec(), vec![INVULNERABLE]);
		});
	}

	#[test]
	fn a_candidate_not_drawn_is_not_kicked() {
		ExtBuilder::default().desired(1).build_and_execute(|| {
			// Only the invulnerable is in the set: A waits, it cannot author, it stays.
			setup();
			run_to_session(8);
			assert!(kicked_events().is_empty());
			assert!(LastAuthoredBlock::<Test>::get(CANDIDATE_A).is_none());
		});
	}

	#[test]
	fn note_author_only_records_candidates() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			System::set_block_number(7);
			<PowerSelection as pallet_authorship::EventHandler<_, _>>::note_author(CANDIDATE_A);
			<PowerSelection as pallet_authorship::EventHandler<_, _>>::note_author(INVULNERABLE);
			assert_eq!(LastAuthoredBlock::<Test>::get(CANDIDATE_A), Some(7));
			assert!(LastAuthoredBlock::<Test>::get(INVULNERABLE).is_none());
		});
	}
}

mod views {
	use super::*;

	#[test]
	fn candidates_and_draw_weights() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			register(CANDIDATE_B);
			register(CANDIDATE_C);
			delegate(MINER_1, CANDIDATE_A, 25);
			delegate(MINER_2, CANDIDATE_B, 75);
			let candidates = PowerSelection::candidates();
			assert_eq!(
				candidates.iter().map(|c| (c.who, c.power, c.bond)).collect::<Vec<_>>(),
				vec![(CANDIDATE_A, 25, BOND), (CANDIDATE_B, 75, BOND), (CANDIDATE_C, 0, BOND)]
			);
			assert_eq!(
				PowerSelection::draw_weight(CANDIDATE_A),
				Some(DrawWeight {
					power: 25,
					total_power: 100,
					first_draw_chance: Perbill::from_percent(25)
				})
			);
			assert_eq!(
				PowerSelection::draw_weight(CANDIDATE_C).map(|w| w.first_draw_chance),
				Some(Perbill::zero())
			);
			assert_eq!(PowerSelection::draw_weight(SPARE), None);
		});
	}

	#[test]
	fn selections() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 5);
			run_to_session(2);
			assert_eq!(PowerSelection::planned_selection(), PlannedSelection::<Test>::get());
			assert_eq!(PowerSelection::active_selection(), ActiveSelection::<Test>::get());
			assert_eq!(PowerSelection::active_selection().unwrap().session, 2);
			assert_eq!(PowerSelection::planned_selection().unwrap().session, 3);
		});
	}

	#[test]
	fn try_state_catches_a_broken_hold() {
		ExtBuilder::default().build().execute_with(|| {
			register(CANDIDATE_A);
			assert_ok!(PowerSelection::do_try_state());
			CandidateBonds::<Test>::insert(CANDIDATE_A, BOND + 1);
			assert!(PowerSelection::do_try_state().is_err());
		});
	}
}

mod random_sequences {
	use super::*;
	use frame_support::traits::tokens::{Fortitude, Preservation};
	use pallet_collator_power::{CollatorDelegatorCount, CollatorDelegators, RemovedCollators};
	use proptest::prelude::*;

	/// Accounts the actions pick from: the invulnerable, spare keyed accounts, the candidates, one
	/// without keys and one without funds.
	const ACCOUNTS: [AccountId; 10] = [
		INVULNERABLE,
		2,
		3,
		CANDIDATE_A,
		CANDIDATE_B,
		CANDIDATE_C,
		CANDIDATE_D,
		SPARE,
		NO_KEYS,
		POOR,
	];
	const MINERS: [AccountId; 2] = [MINER_1, MINER_2];
	/// The candidate list's bound in these runs, small enough to fill.
	const LIST_BOUND: u32 = 4;

	#[derive(Clone, Debug)]
	enum Action {
		Register(usize),
		TakeSlot(usize, usize, u64),
		UpdateBond(usize, u64),
		Leave(usize),
		Withdraw(usize),
		Delegate(usize, usize, u128),
		Undelegate(usize, usize, u128),
		CutMinerPower(usize, u128),
		AddInvulnerable(usize),
		RemoveInvulnerable(usize),
		SetDesired(u32),
		SetBond(u64),
		Silence(usize, bool),
		Seed(u64),
		RunBlocks(u64),
	}

	fn action() -> impl Strategy<Value = Action> {
		let who = 0..ACCOUNTS.len();
		let miner = 0..MINERS.len();
		prop_oneof![
			3 => who.clone().prop_map(Action::Register),
			1 => (who.clone(), who.clone(), 0u64..3_000).prop_map(|(w, t, b)| Action::TakeSlot(w, t, b)),
			1 => (who.clone(), 0u64..3_000).prop_map(|(w, b)| Action::UpdateBond(w, b)),
			1 => who.clone().prop_map(Action::Leave),
			1 => who.clone().prop_map(Action::Withdraw),
			3 => (miner.clone(), who.clone(), 1u128..1_000).prop_map(|(m, w, a)| Action::Delegate(m, w, a)),
			1 => (miner.clone(), who.clone(), 1u128..1_000).prop_map(|(m, w, a)| Action::Undelegate(m, w, a)),
			1 => (miner, 1u128..2_000).prop_map(|(m, a)| Action::CutMinerPower(m, a)),
			1 => who.clone().prop_map(Action::AddInvulnerable),
			1 => who.clone().prop_map(Action::RemoveInvulnerable),
			1 => (0u32..8).prop_map(Action::SetDesired),
			1 => (0u64..3_000).prop_map(Action::SetBond),
			1 => (who, any::<bool>()).prop_map(|(w, s)| Action::Silence(w, s)),
			1 => any::<u64>().prop_map(Action::Seed),
			4 => (1u64..30).prop_map(Action::RunBlocks),
		]
	}

	fn is_candidate(who: AccountId) -> bool {
		CandidateBonds::<Test>::contains_key(who)
	}

	fn can_hold(who: AccountId, amount: u64) -> bool {
		Balances::reducible_balance(&who, Preservation::Protect, Fortitude::Polite) >= amount
	}

	/// Whether the action must succeed, judged from the state before it by the rules of the
	/// READMEs. `None` for actions that are not calls.
	fn must_succeed(action: &Action) -> Option<bool> {
		let invulnerables = Invulnerables::<Test>::get();
		let may_become_candidate = |who: AccountId| {
			!is_candidate(who)
				&& !invulnerables.contains(&who)
				&& who != NO_KEYS
				&& !PowerSelection::kick_queue().iter().any(|(q, _)| *q == who)
		};
		let list_len = CandidateList::<Test>::get().len() as u32;
		Some(match *action {
			Action::Register(w) => {
				let who = ACCOUNTS[w];
				may_become_candidate(who)
					&& list_len < LIST_BOUND
					&& can_hold(who, CandidacyBond::<Test>::get())
			}
			Action::TakeSlot(w, t, bond) => {
				let (who, target) = (ACCOUNTS[w], ACCOUNTS[t]);
				may_become_candidate(who)
					&& bond >= CandidacyBond::<Test>::get()
					&& list_len >= LIST_BOUND
					&& CandidateBonds::<Test>::get(target).is_some_and(|b| b < bond)
					&& can_hold(who, bond)
			}
			Action::UpdateBond(w, bond) => {
				let who = ACCOUNTS[w];
				CandidateBonds::<Test>::get(who).is_some_and(|old| {
					bond >= CandidacyBond::<Test>::get()
						&& (bond <= old || can_hold(who, bond - old))
				})
			}
			Action::Leave(w) => is_candidate(ACCOUNTS[w]),
			Action::Withdraw(w) => {
				let who = ACCOUNTS[w];
				crate::Unbonding::<Test>::get(who)
					.is_some_and(|c| PlannedSession::<Test>::get() >= c.unlock_session)
					&& !PowerSelection::is_accountable(&who)
			}
			Action::Delegate(m, w, amount) => {
				let (miner, collator) = (MINERS[m], ACCOUNTS[w]);
				let stakes = MinerClaims::<Test>::get(miner)
					.map(|c| c.staked_power.into_inner())
					.unwrap_or_default();
				let fits = stakes.contains_key(&collator)
					|| (stakes.len() < 8
						&& (CollatorDelegatorCount::<Test>::get(collator) < 8
							|| CollatorDelegators::<Test>::iter_prefix(collator)
								.map(|(_, s)| s)
								.min()
								.is_some_and(|least| amount > least)));
				is_candidate(collator) && !RemovedCollators::<Test>::contains_key(collator) && fits
			}
			Action::Undelegate(m, w, amount) => MinerClaims::<Test>::get(MINERS[m])
				.and_then(|c| c.staked_power.get(&ACCOUNTS[w]).copied())
				.is_some_and(|stake| amount <= stake),
			Action::CutMinerPower(m, _) => MinerClaims::<Test>::contains_key(MINERS[m]),
			Action::AddInvulnerable(w) => {
				let who = ACCOUNTS[w];
				!invulnerables.contains(&who)
					&& !is_candidate(who)
					&& who != NO_KEYS
					&& invulnerables.len() < 4
			}
			Action::RemoveInvulnerable(w) => invulnerables.contains(&ACCOUNTS[w]),
			Action::SetDesired(n) => n <= 6,
			Action::SetBond(_) => true,
			Action::Silence(..) | Action::Seed(_) | Action::RunBlocks(_) => return None,
		})
	}

	fn apply(action: Action) -> DispatchResult {
		let root = RuntimeOrigin::root;
		match action {
			Action::Register(w) => PowerSelection::register_as_candidate(origin(ACCOUNTS[w]))
				.map(|_| ())
				.map_err(|e| e.error),
			Action::TakeSlot(w, t, bond) => {
				PowerSelection::take_candidate_slot(origin(ACCOUNTS[w]), bond, ACCOUNTS[t])
					.map(|_| ())
					.map_err(|e| e.error)
			}
			Action::UpdateBond(w, bond) => PowerSelection::update_bond(origin(ACCOUNTS[w]), bond),
			Action::Leave(w) => {
				PowerSelection::leave_intent(origin(ACCOUNTS[w])).map(|_| ()).map_err(|e| e.error)
			}
			Action::Withdraw(w) => PowerSelection::withdraw_unbonded(origin(ACCOUNTS[w])),
			Action::Delegate(m, w, amount) => {
				let miner = MINERS[m];
				if !MinerClaims::<Test>::contains_key(miner) {
					assert_ok!(CollatorPower::create_miner(origin(miner)));
				}
				assert_ok!(CollatorPower::update_miner_power(&miner, PowerDelta::Increase(amount)));
				CollatorPower::delegate_power(origin(miner), ACCOUNTS[w], amount)
					.map(|_| ())
					.map_err(|e| e.error)
			}
			Action::Undelegate(m, w, amount) => {
				CollatorPower::undelegate_power(origin(MINERS[m]), ACCOUNTS[w], amount)
			}
			Action::CutMinerPower(m, amount) => {
				CollatorPower::update_miner_power(&MINERS[m], PowerDelta::Decrease(amount))
			}
			Action::AddInvulnerable(w) => PowerSelection::add_invulnerable(root(), ACCOUNTS[w]),
			Action::RemoveInvulnerable(w) => {
				PowerSelection::remove_invulnerable(root(), ACCOUNTS[w])
			}
			Action::SetDesired(n) => PowerSelection::set_desired_collators(root(), n),
			Action::SetBond(b) => PowerSelection::set_candidacy_bond(root(), b),
			Action::Silence(w, s) => {
				set_silent(ACCOUNTS[w], s);
				Ok(())
			}
			Action::Seed(s) => {
				set_random_seed(s);
				Ok(())
			}
			Action::RunBlocks(n) => {
				run_to_block(System::block_number() + n);
				Ok(())
			}
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(48))]

		/// Every step keeps both pallets' invariants, and every call the rules allow succeeds
		/// (and no other), so a pallet that refused everything fails this test.
		#[test]
		fn invariants_hold_and_honest_calls_succeed(actions in prop::collection::vec(action(), 1..40)) {
			ExtBuilder::default().build_and_execute(|| {
				MaxCandidates::set(LIST_BOUND);
				// A silent candidate and an authoring one, both with power, so that kicks happen.
				register(CANDIDATE_A);
				register(CANDIDATE_B);
				delegate(MINER_1, CANDIDATE_A, 100);
				delegate(MINER_2, CANDIDATE_B, 100);
				set_silent(CANDIDATE_A, true);
				for action in actions {
					let expected = must_succeed(&action);
					let result = apply(action.clone());
					if let Some(expected) = expected {
						assert_eq!(result.is_ok(), expected, "{action:?}: {result:?}");
					}
					if let Err(e) = PowerSelection::do_try_state() {
						panic!("try_state failed after {action:?}: {e:?}");
					}
					if let Err(e) = CollatorPower::do_try_state() {
						panic!("collator-power try_state failed after {action:?}: {e:?}");
					}
					assert!(!Session::validators().is_empty());
				}
				MaxCandidates::set(20);
			});
		}
	}
}

/// The attacks of issue 12 on this pallet. Each test failed on the code before the fix (the
/// report names how); each passes now.
mod attacks {
	use super::*;
	use frame_support::traits::fungible::Mutate;
	use pallet_collator_power::RemovedCollators;

	/// Gives `collator` `count` delegators, each a fresh funded miner with `amount` power.
	fn fill_delegators(collator: AccountId, first_miner: AccountId, count: u32, amount: u128) {
		for i in 0..u64::from(count) {
			let miner = first_miner + i;
			assert_ok!(Balances::mint_into(&miner, 1_000));
			delegate(miner, collator, amount);
		}
	}

	/// Registers `who` with session keys and funds.
	fn keyed(who: AccountId, funds: u64) {
		assert_ok!(Balances::mint_into(&who, funds));
		let proof = sp_runtime::testing::TestSignature(who, codec::Encode::encode(&who));
		assert_ok!(Session::set_keys(origin(who), keys(who), codec::Encode::encode(&proof)));
	}

	/// §1: every drawn collator goes silent at once, each with `MaxDelegatorsPerCollator`
	/// delegators. No block's initialization weighs more than `session_change_max_weight`
	/// (before the fix, the session change kicked all six inside `new_session`, each returning 8
	/// delegations), and still every idle one is kicked and every delegation returned.
	#[test]
	fn a_coordinated_idle_fits_in_the_session_change_block() {
		ExtBuilder::default().invulnerables(vec![]).desired(6).build_and_execute(|| {
			let collators = [INVULNERABLE, 2, 3, CANDIDATE_A, CANDIDATE_B, CANDIDATE_C];
			for (i, who) in collators.iter().enumerate() {
				register(*who);
				fill_delegators(*who, 1_000 + 100 * i as u64, 8, 10);
			}
			run_to_session(2);
			assert_eq!(ActiveSelection::<Test>::get().unwrap().drawn.len(), 6);
			for who in collators {
				set_silent(who, true);
			}
			let bound = PowerSelection::session_change_max_weight();
			// Found idle at block 40 (20 blocks since block 20): queued, then two kicks a block.
			for block in 3 * PERIOD..=4 * PERIOD + 5 {
				run_to_block(block);
				let used = System::block_weight().total();
				assert!(used.all_lte(bound), "block {block}: {used:?} > {bound:?}");
			}
			let queued = selection_events()
				.into_iter()
				.filter(|e| matches!(e, Event::KickQueued { .. }))
				.count();
			assert_eq!(queued, 6);
			let mut kicked = kicked_events();
			kicked.sort();
			let mut expected = collators.to_vec();
			expected.sort();
			assert_eq!(kicked, expected);
			for who in collators {
				assert_eq!(power(who), 0);
				assert!(!RemovedCollators::<Test>::contains_key(who));
			}
			for i in 0..6u64 {
				for j in 0..8u64 {
					let claim = MinerClaims::<Test>::get(1_000 + 100 * i + j).unwrap();
					assert!(claim.staked_power.is_empty());
				}
			}
			// With nobody left to draw, the previous set is kept.
			assert!(PowerSelection::kick_queue().is_empty());
		});
	}

	/// §3: a drawn collator that has not authored leaves before the check: it is still kicked,
	/// and slashed from its unbonding bond. (Before the fix: no kick, no slash.)
	#[test]
	fn leaving_before_the_check_does_not_dodge_the_kick() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 10);
			set_silent(CANDIDATE_A, true);
			run_to_session(3);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			run_to_block(4 * PERIOD + 5);
			assert_eq!(kicked_events(), vec![CANDIDATE_A]);
			let slashed = BOND / 10;
			System::assert_has_event(
				Event::CandidateKicked {
					who: CANDIDATE_A,
					last_authored: 20,
					slashed,
					unbonding: BOND - slashed,
					unlock_session: 5 + UNBONDING_DELAY,
				}
				.into(),
			);
			assert_eq!(held(CANDIDATE_A), BOND - slashed);
			assert!(LastAuthoredBlock::<Test>::get(CANDIDATE_A).is_none());
			// Kicked once: the next session change does not check it again.
			run_to_session(7);
			assert_eq!(kicked_events(), vec![CANDIDATE_A]);
		});
	}

	/// §3: leaving and registering again does not reset the authoring clock. (Before the fix
	/// the re-registered candidate started a fresh clock and was not kicked.)
	#[test]
	fn leaving_and_registering_again_does_not_reset_the_clock() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 10);
			set_silent(CANDIDATE_A, true);
			run_to_session(3);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			register(CANDIDATE_A);
			assert_eq!(LastAuthoredBlock::<Test>::get(CANDIDATE_A), Some(20));
			run_to_block(3 * PERIOD + 1);
			delegate(MINER_2, CANDIDATE_A, 10);
			run_to_block(4 * PERIOD + 5);
			assert_eq!(kicked_events(), vec![CANDIDATE_A]);
			// Both its new bond and its unbonding one answered: 10% of 2 × BOND.
			assert_eq!(held(CANDIDATE_A), 2 * BOND - 2 * BOND / 10);
			assert!(!CandidateBonds::<Test>::contains_key(CANDIDATE_A));
		});
	}

	/// §3: a bond in unbonding cannot be withdrawn while its former candidate is still in a set
	/// that will be checked. (Before the fix the withdrawal succeeded and the kick found nothing
	/// to slash.)
	#[test]
	fn an_unbonding_bond_stays_until_the_check() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 10);
			set_silent(CANDIDATE_A, true);
			run_to_block(2 * PERIOD + 1);
			assert_ok!(PowerSelection::leave_intent(origin(CANDIDATE_A)));
			let unlock = crate::Unbonding::<Test>::get(CANDIDATE_A).unwrap().unlock_session;
			assert_eq!(unlock, 3 + UNBONDING_DELAY);
			run_to_block(3 * PERIOD + 1);
			// Still in the active set (and still unbonding).
			assert!(PowerSelection::withdraw_unbonded(origin(CANDIDATE_A)).is_err());
			// The session change that reaches the unlock session is the one that finds A idle.
			run_to_block(4 * PERIOD);
			assert_eq!(PlannedSession::<Test>::get(), unlock);
			assert_noop!(
				PowerSelection::withdraw_unbonded(origin(CANDIDATE_A)),
				Error::<Test>::StillAccountable
			);
			run_to_block(4 * PERIOD + 5);
			assert_eq!(kicked_events(), vec![CANDIDATE_A]);
			assert_eq!(held(CANDIDATE_A), BOND - BOND / 10);
		});
	}

	/// §5: 1000 zero-power candidates fill the list; a newcomer with a larger bond takes the
	/// weakest one's slot. (Before the fix the newcomer could not get in at all.)
	#[test]
	fn zero_power_candidates_cannot_fill_the_list_for_ever() {
		ExtBuilder::default().build_and_execute(|| {
			MaxCandidates::set(1000);
			for i in 0..1000u64 {
				let who = 100_000 + i;
				keyed(who, 2 * BOND);
				register(who);
			}
			assert_noop!(
				PowerSelection::register_as_candidate(origin(CANDIDATE_A)),
				Error::<Test>::TooManyCandidates
			);
			let (weakest, weakest_bond) = PowerSelection::weakest_candidate().unwrap();
			assert_eq!((weakest, weakest_bond), (100_000, BOND));
			assert_noop!(
				PowerSelection::take_candidate_slot(origin(CANDIDATE_A), BOND, weakest),
				Error::<Test>::BondTooLow
			);
			assert_ok!(PowerSelection::take_candidate_slot(origin(CANDIDATE_A), BOND + 1, weakest));
			System::assert_last_event(
				Event::CandidateReplaced {
					old: weakest,
					old_bond: BOND,
					unlock_session: 1 + UNBONDING_DELAY,
					new: CANDIDATE_A,
					bond: BOND + 1,
				}
				.into(),
			);
			assert_eq!(CandidateBonds::<Test>::get(CANDIDATE_A), Some(BOND + 1));
			assert!(!CandidateBonds::<Test>::contains_key(weakest));
			assert_eq!(held(CANDIDATE_A), BOND + 1);
			assert_eq!(crate::Unbonding::<Test>::get(weakest).map(|c| c.amount), Some(BOND));
			assert_eq!(CandidateList::<Test>::get().len(), 1000);
		});
	}
}

/// Issue 12 §2, the pallet's side: the draw's inputs are frozen before the boundary block.
mod frozen_draw {
	use super::*;
	use crate::{Freeze, FreezeRandomnessMark};

	/// Runs the chain to the block before the session change at `PERIOD`, lets `tamper` act in
	/// it, and returns who the session change draws.
	fn fork(tamper: impl FnOnce()) -> Vec<AccountId> {
		let mut drawn = Vec::new();
		ExtBuilder::default().invulnerables(vec![]).desired(2).seed(7).build_and_execute(|| {
			for (i, who) in
				[CANDIDATE_A, CANDIDATE_B, CANDIDATE_C, CANDIDATE_D].into_iter().enumerate()
			{
				register(who);
				delegate(MINER_1, who, 10 * (i as u128 + 1));
			}
			run_to_block(PERIOD - 1);
			assert!(Freeze::<Test>::get().is_some_and(|f| f.is_complete() && f.at == PERIOD));
			tamper();
			run_to_block(PERIOD);
			drawn = planned_drawn();
		});
		drawn
	}

	/// Whatever the last block before the change contains (a whale delegation, an
	/// undelegation, a newcomer with power, a remark, a non-drawn candidate leaving), every fork
	/// draws the same collators. (Without the freeze the draw read the powers at the boundary,
	/// and the whale delegation to D made D drawn in that fork.)
	#[test]
	fn every_fork_after_the_freeze_draws_the_same_collators() {
		let honest = fork(|| {});
		assert_eq!(honest.len(), 2);
		let not_drawn = [CANDIDATE_A, CANDIDATE_B, CANDIDATE_C, CANDIDATE_D]
			.into_iter()
			.find(|who| !honest.contains(who))
			.unwrap();
		let forks: Vec<(&str, Box<dyn FnOnce()>)> = vec![
			(
				"a whale delegation",
				Box::new(move || delegate(MINER_2, not_drawn, 1_000_000_000_000)),
			),
			(
				"an undelegation",
				Box::new(|| {
					assert_ok!(CollatorPower::undelegate_power(origin(MINER_1), CANDIDATE_D, 40));
				}),
			),
			(
				"a newcomer with power",
				Box::new(|| {
					register(SPARE);
					delegate(MINER_2, SPARE, 1_000_000_000_000);
				}),
			),
			(
				"a remark",
				Box::new(|| {
					assert_ok!(System::remark(origin(MINER_2), vec![1, 2, 3]));
				}),
			),
			(
				"a candidate that was not drawn leaves",
				Box::new(move || {
					assert_ok!(PowerSelection::leave_intent(origin(not_drawn)));
				}),
			),
		];
		for (name, tamper) in forks {
			assert_eq!(fork(tamper), honest, "{name}");
		}
	}

	/// The freeze starts `FreezeLead` blocks before the change, reads `MaxFreezePerBlock`
	/// powers per block, and is taken by the change.
	#[test]
	fn the_freeze_runs_ahead_of_the_change() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 5);
			run_to_block(PERIOD - FREEZE_LEAD - 1);
			assert!(Freeze::<Test>::get().is_none());
			run_to_block(PERIOD - FREEZE_LEAD);
			System::assert_has_event(Event::DrawFreezing { at: PERIOD, candidates: 1 }.into());
			assert_eq!(Freeze::<Test>::get().map(|f| f.cursor), Some(0));
			run_to_block(PERIOD - FREEZE_LEAD + 1);
			System::assert_has_event(Event::DrawFrozen { at: PERIOD, total_power: 5 }.into());
			// Power delegated after the freeze counts from the next one.
			delegate(MINER_2, CANDIDATE_A, 7);
			run_to_block(PERIOD);
			assert!(Freeze::<Test>::get().is_none());
			assert_eq!(
				PlannedSelection::<Test>::get().unwrap().drawn.to_vec(),
				vec![(CANDIDATE_A, 5)]
			);
			run_to_session(2);
			assert_eq!(
				PlannedSelection::<Test>::get().unwrap().drawn.to_vec(),
				vec![(CANDIDATE_A, 12)]
			);
		});
	}

	/// A full list (`MaxCandidates`) is frozen in time: `FreezeLead - 1` blocks of
	/// `MaxFreezePerBlock` powers.
	#[test]
	fn a_full_list_is_frozen_before_the_change() {
		ExtBuilder::default().invulnerables(vec![]).desired(6).build_and_execute(|| {
			use frame_support::traits::fungible::Mutate;
			for i in 0..u64::from(MaxCandidates::get()) {
				let who = 100_000 + i;
				assert_ok!(Balances::mint_into(&who, 2 * BOND));
				let proof = sp_runtime::testing::TestSignature(who, codec::Encode::encode(&who));
				assert_ok!(Session::set_keys(
					origin(who),
					keys(who),
					codec::Encode::encode(&proof)
				));
				register(who);
				assert_ok!(Balances::mint_into(&(MINER_1 + 1_000 + i), 1_000));
				delegate(MINER_1 + 1_000 + i, who, 1 + u128::from(i as u32));
			}
			run_to_block(PERIOD - 1);
			System::assert_has_event(
				Event::DrawFrozen { at: PERIOD, total_power: (1..=20).sum() }.into(),
			);
			run_to_block(PERIOD);
			assert_eq!(planned_drawn().len(), 6);
			assert!(!selection_events().iter().any(|e| matches!(e, Event::DrawNotFrozen { .. })));
		});
	}

	/// Runs to the change at `PERIOD` with one candidate with power and the randomness known
	/// since `known_since(mark)`, `mark` being the clock's reading when the freeze completed.
	/// Returns who was drawn.
	fn draw_with_randomness_known_since(
		lag: u64,
		known_since: impl Fn(u64) -> u64,
	) -> Vec<AccountId> {
		RandomnessLag::set(lag);
		register(CANDIDATE_A);
		delegate(MINER_1, CANDIDATE_A, 5);
		run_to_block(PERIOD - 1);
		let (at, mark) = FreezeRandomnessMark::<Test>::get().expect("the freeze is complete");
		assert_eq!(at, PERIOD);
		// The freeze completed in block `PERIOD - FREEZE_LEAD + 1` (one candidate).
		assert_eq!(mark, PERIOD - FREEZE_LEAD + 1);
		set_random_known_since(Some(known_since(mark)));
		run_to_block(PERIOD);
		assert!(FreezeRandomnessMark::<Test>::get().is_none());
		planned_drawn()
	}

	/// The attack: randomness that was already known when the freeze completed (a relay value
	/// fixed an epoch ahead, or a block hash from before the freeze) lets whoever shapes the
	/// freeze (delegations, candidacies) choose the draw. Such randomness is not used: the
	/// change draws nobody and says so. (Before the check, it drew with it.)
	#[test]
	fn randomness_known_before_the_freeze_completed_is_not_used() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(draw_with_randomness_known_since(0, |mark| mark), Vec::<AccountId>::new());
			System::assert_has_event(
				Event::DrawRandomnessNotFresh {
					session: 2,
					known_since: PERIOD - FREEZE_LEAD + 1,
					frozen_at: Some(PERIOD - FREEZE_LEAD + 1),
				}
				.into(),
			);
			assert_eq!(PlannedSelection::<Test>::get().unwrap().collators(), vec![INVULNERABLE]);
		});
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(draw_with_randomness_known_since(0, |_| 0), Vec::<AccountId>::new());
		});
		// Known only from after the freeze: drawn.
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(draw_with_randomness_known_since(0, |mark| mark + 1), vec![CANDIDATE_A]);
			assert!(!selection_events()
				.iter()
				.any(|e| matches!(e, Event::DrawRandomnessNotFresh { .. })));
		});
	}

	/// A block author may know outputs up to `RandomnessLag` ahead of the clock: randomness
	/// known from within the lag after the freeze is not used either.
	#[test]
	fn randomness_within_the_lag_is_not_used() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(
				draw_with_randomness_known_since(3, |mark| mark + 3),
				Vec::<AccountId>::new()
			);
			assert!(selection_events()
				.iter()
				.any(|e| matches!(e, Event::DrawRandomnessNotFresh { session: 2, .. })));
		});
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(draw_with_randomness_known_since(3, |mark| mark + 4), vec![CANDIDATE_A]);
		});
	}

	/// Without a record of when the freeze completed, the randomness cannot be shown fresh:
	/// nobody is drawn. A new freeze voids an old mark.
	#[test]
	fn a_change_without_a_mark_draws_nobody() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 5);
			run_to_block(PERIOD - 1);
			FreezeRandomnessMark::<Test>::kill();
			run_to_block(PERIOD);
			System::assert_has_event(
				Event::DrawRandomnessNotFresh { session: 2, known_since: PERIOD, frozen_at: None }
					.into(),
			);
			assert_eq!(planned_drawn(), Vec::<AccountId>::new());
			// The next freeze marks again, and the next change draws.
			run_to_block(2 * PERIOD - 1);
			assert!(FreezeRandomnessMark::<Test>::get().is_some_and(|(at, _)| at == 2 * PERIOD));
			run_to_block(2 * PERIOD);
			assert_eq!(planned_drawn(), vec![CANDIDATE_A]);
		});
	}

	/// A session change without a complete freeze for its block draws nobody.
	#[test]
	fn a_change_without_a_freeze_draws_nobody() {
		ExtBuilder::default().build_and_execute(|| {
			register(CANDIDATE_A);
			delegate(MINER_1, CANDIDATE_A, 5);
			run_to_block(PERIOD - 1);
			Freeze::<Test>::kill();
			run_to_block(PERIOD);
			System::assert_has_event(Event::DrawNotFrozen { session: 2 }.into());
			assert_eq!(planned_drawn(), Vec::<AccountId>::new());
			assert_eq!(PlannedSelection::<Test>::get().unwrap().collators(), vec![INVULNERABLE]);
		});
	}
}

mod integrity {
	use super::*;
	use frame_support::traits::Hooks;

	#[test]
	fn the_worst_session_change_fits_the_stated_share_of_a_block() {
		ExtBuilder::default().build_and_execute(|| {
			<PowerSelection as Hooks<u64>>::integrity_test();
			let worst = PowerSelection::session_change_max_weight();
			let kicks = PowerSelection::kick_queue_max_weight();
			assert!(worst.all_gt(kicks));
			assert!(worst.all_gte(PowerSelection::freeze_max_weight()));
		});
	}

	#[test]
	#[should_panic(expected = "(FreezeLead - 1) * MaxFreezePerBlock must cover MaxCandidates")]
	fn a_freeze_too_short_for_the_candidates_is_refused() {
		// Two reading blocks of 10 cover 20 candidates, not 21.
		MaxCandidates::set(21);
		<PowerSelection as Hooks<u64>>::integrity_test();
	}

	#[test]
	#[should_panic(expected = "MaxKicksPerBlock must be positive")]
	fn no_kicks_per_block_is_refused() {
		MaxKicksPerBlock::set(0);
		<PowerSelection as Hooks<u64>>::integrity_test();
	}
}
