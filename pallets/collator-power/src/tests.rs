//! Tests of the collator-power pallet. Every test ends with `try_state` (see `build_and_execute`).

use crate::{
	mock::*, CollatorDelegatorCount, CollatorDelegators, Error, Event, HoldReason, MinerClaim,
	MinerClaims, PowerDelta, TotalDelegatedPower, TotalRawPower,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_runtime::{DispatchError, TokenError};

fn origin(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Registers `miner` and gives it `power` raw power.
fn miner_with_power(miner: AccountId, power: u128) {
	assert_ok!(CollatorPower::create_miner(origin(miner)));
	assert_ok!(CollatorPower::update_miner_power(&miner, PowerDelta::Increase(power)));
}

fn held(who: AccountId) -> u64 {
	Balances::balance_on_hold(&HoldReason::MinerDeposit.into(), &who)
}

fn stake(miner: AccountId, collator: AccountId) -> Option<u128> {
	MinerClaims::<Test>::get(miner).and_then(|c| c.staked_power.get(&collator).copied())
}

fn raw(miner: AccountId) -> u128 {
	MinerClaims::<Test>::get(miner).map(|c| c.raw_bytes_power).unwrap_or_default()
}

mod create_miner {
	use super::*;

	#[test]
	fn registers_and_holds_the_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(CollatorPower::create_miner(origin(ALICE)));
			assert_eq!(MinerClaims::<Test>::get(ALICE), Some(MinerClaim::new(MINER_DEPOSIT)));
			assert_eq!(held(ALICE), MINER_DEPOSIT);
			assert_eq!(Balances::balance(&ALICE), ENDOWMENT - MINER_DEPOSIT);
			System::assert_last_event(
				Event::MinerCreated { miner: ALICE, deposit: MINER_DEPOSIT }.into(),
			);
		});
	}

	#[test]
	fn fails_for_an_existing_miner() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(CollatorPower::create_miner(origin(ALICE)));
			assert_noop!(
				CollatorPower::create_miner(origin(ALICE)),
				Error::<Test>::MinerAlreadyExists
			);
		});
	}

	#[test]
	fn fails_without_funds_for_the_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				CollatorPower::create_miner(origin(POOR)),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
			assert!(MinerClaims::<Test>::get(POOR).is_none());
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				CollatorPower::create_miner(RuntimeOrigin::root()),
				DispatchError::BadOrigin
			);
			assert_noop!(
				CollatorPower::remove_miner(RuntimeOrigin::none()),
				DispatchError::BadOrigin
			);
			assert_noop!(
				CollatorPower::delegate_power(RuntimeOrigin::root(), COLLATOR_A, 1),
				DispatchError::BadOrigin
			);
			assert_noop!(
				CollatorPower::undelegate_power(RuntimeOrigin::root(), COLLATOR_A, 1),
				DispatchError::BadOrigin
			);
		});
	}
}

mod remove_miner {
	use super::*;

	#[test]
	fn releases_the_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(CollatorPower::create_miner(origin(ALICE)));
			assert_ok!(CollatorPower::remove_miner(origin(ALICE)));
			assert!(MinerClaims::<Test>::get(ALICE).is_none());
			assert_eq!(held(ALICE), 0);
			assert_eq!(Balances::balance(&ALICE), ENDOWMENT);
			System::assert_last_event(
				Event::MinerRemoved { miner: ALICE, deposit: MINER_DEPOSIT }.into(),
			);
		});
	}

	#[test]
	fn fails_for_an_unknown_miner() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(CollatorPower::remove_miner(origin(ALICE)), Error::<Test>::MinerNotFound);
		});
	}

	#[test]
	fn fails_while_the_miner_has_power() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 10);
			assert_noop!(CollatorPower::remove_miner(origin(ALICE)), Error::<Test>::MinerHasPower);
			// Once the power is gone (and with it every delegation), the miner may leave.
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 10));
			assert_ok!(CollatorPower::update_miner_power(&ALICE, PowerDelta::Decrease(10)));
			assert_eq!(stake(ALICE, COLLATOR_A), None);
			assert_ok!(CollatorPower::remove_miner(origin(ALICE)));
		});
	}

	#[test]
	fn fails_while_another_pallet_relies_on_the_miner() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(CollatorPower::create_miner(origin(ALICE)));
			// A registered storage provider (in the runtime) keeps its miner.
			MinersInUse::set(ALICE, true);
			assert_noop!(CollatorPower::remove_miner(origin(ALICE)), Error::<Test>::MinerInUse);
			assert_eq!(held(ALICE), MINER_DEPOSIT);
			MinersInUse::set(ALICE, false);
			assert_ok!(CollatorPower::remove_miner(origin(ALICE)));
			System::assert_last_event(
				Event::MinerRemoved { miner: ALICE, deposit: MINER_DEPOSIT }.into(),
			);
		});
	}
}

mod delegate_power {
	use super::*;

	#[test]
	fn delegates_and_updates_every_aggregate() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 1000);
			miner_with_power(BOB, 500);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 600));
			System::assert_last_event(
				Event::PowerDelegated {
					miner: ALICE,
					collator: COLLATOR_A,
					amount: 600,
					collator_power: 600,
				}
				.into(),
			);
			assert_ok!(CollatorPower::delegate_power(origin(BOB), COLLATOR_A, 100));
			System::assert_last_event(
				Event::PowerDelegated {
					miner: BOB,
					collator: COLLATOR_A,
					amount: 100,
					collator_power: 700,
				}
				.into(),
			);
			// A second delegation to the same collator adds to the stake.
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 50));

			assert_eq!(stake(ALICE, COLLATOR_A), Some(650));
			assert_eq!(CollatorPower::get_collator_power(&COLLATOR_A), 750);
			assert_eq!(CollatorDelegatorCount::<Test>::get(COLLATOR_A), 2);
			assert!(CollatorDelegators::<Test>::contains_key(COLLATOR_A, ALICE));
			assert!(CollatorDelegators::<Test>::contains_key(COLLATOR_A, BOB));
			assert_eq!(TotalDelegatedPower::<Test>::get(), 750);
			assert_eq!(TotalRawPower::<Test>::get(), 1500);
			assert_eq!(CollatorPower::miner_undelegated_power(ALICE), Some(350));
		});
	}

	#[test]
	fn may_delegate_everything() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 40));
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_B, 60));
			assert_eq!(CollatorPower::miner_undelegated_power(ALICE), Some(0));
			assert_noop!(
				CollatorPower::delegate_power(origin(ALICE), COLLATOR_C, 1),
				Error::<Test>::InsufficientUndelegatedPower
			);
		});
	}

	#[test]
	fn fails_for_an_unknown_miner() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 1),
				Error::<Test>::MinerNotFound
			);
		});
	}

	#[test]
	fn fails_for_a_non_candidate() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_noop!(
				CollatorPower::delegate_power(origin(ALICE), NOT_A_COLLATOR, 1),
				Error::<Test>::NotACollatorCandidate
			);
			// A collator that stopped being a candidate can no longer receive power.
			Candidates::remove(COLLATOR_A);
			assert_noop!(
				CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 1),
				Error::<Test>::NotACollatorCandidate
			);
		});
	}

	#[test]
	fn fails_for_zero() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_noop!(
				CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 0),
				Error::<Test>::ZeroAmount
			);
		});
	}

	#[test]
	fn fails_above_the_undelegated_power() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_noop!(
				CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 101),
				Error::<Test>::InsufficientUndelegatedPower
			);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 70));
			assert_noop!(
				CollatorPower::delegate_power(origin(ALICE), COLLATOR_B, 31),
				Error::<Test>::InsufficientUndelegatedPower
			);
		});
	}

	#[test]
	fn fails_when_the_miner_is_at_its_bound() {
		ExtBuilder::default().bounds(2, 10).build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 1));
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_B, 1));
			assert_noop!(
				CollatorPower::delegate_power(origin(ALICE), COLLATOR_C, 1),
				Error::<Test>::TooManyDelegations
			);
			// Adding to an existing stake needs no new slot.
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_B, 1));
		});
	}

	#[test]
	fn fails_when_the_collator_is_at_its_bound() {
		ExtBuilder::default().bounds(10, 2).build_and_execute(|| {
			miner_with_power(ALICE, 100);
			miner_with_power(BOB, 100);
			miner_with_power(CHARLIE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 1));
			assert_ok!(CollatorPower::delegate_power(origin(BOB), COLLATOR_A, 1));
			assert_noop!(
				CollatorPower::delegate_power(origin(CHARLIE), COLLATOR_A, 1),
				Error::<Test>::TooManyDelegators
			);
			// An existing delegator may still add to its stake.
			assert_ok!(CollatorPower::delegate_power(origin(BOB), COLLATOR_A, 1));
			// A freed slot can be taken.
			assert_ok!(CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 1));
			assert_ok!(CollatorPower::delegate_power(origin(CHARLIE), COLLATOR_A, 1));
		});
	}
}

mod undelegate_power {
	use super::*;

	#[test]
	fn partial_then_full() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 80));
			assert_ok!(CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 30));
			System::assert_last_event(
				Event::PowerUndelegated {
					miner: ALICE,
					collator: COLLATOR_A,
					amount: 30,
					collator_power: 50,
				}
				.into(),
			);
			assert_eq!(stake(ALICE, COLLATOR_A), Some(50));
			assert_eq!(CollatorDelegatorCount::<Test>::get(COLLATOR_A), 1);

			assert_ok!(CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 50));
			System::assert_last_event(
				Event::PowerUndelegated {
					miner: ALICE,
					collator: COLLATOR_A,
					amount: 50,
					collator_power: 0,
				}
				.into(),
			);
			assert_eq!(stake(ALICE, COLLATOR_A), None);
			assert!(!crate::CollatorPower::<Test>::contains_key(COLLATOR_A));
			assert!(!CollatorDelegators::<Test>::contains_key(COLLATOR_A, ALICE));
			assert!(!CollatorDelegatorCount::<Test>::contains_key(COLLATOR_A));
			assert_eq!(TotalDelegatedPower::<Test>::get(), 0);
			assert_eq!(CollatorPower::miner_undelegated_power(ALICE), Some(100));
		});
	}

	#[test]
	fn works_after_the_collator_stopped_being_a_candidate() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 80));
			Candidates::remove(COLLATOR_A);
			assert_ok!(CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 80));
		});
	}

	#[test]
	fn errors() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 1),
				Error::<Test>::MinerNotFound
			);
			miner_with_power(ALICE, 100);
			assert_noop!(
				CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 0),
				Error::<Test>::ZeroAmount
			);
			assert_noop!(
				CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 1),
				Error::<Test>::DelegationNotFound
			);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 10));
			assert_noop!(
				CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 11),
				Error::<Test>::InsufficientDelegatedPower
			);
		});
	}
}

mod update_miner_power {
	use super::*;

	#[test]
	fn increase_raises_raw_power_only() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 100));
			assert_ok!(CollatorPower::update_miner_power(&ALICE, PowerDelta::Increase(50)));
			System::assert_last_event(
				Event::MinerPowerIncreased { miner: ALICE, amount: 50, raw_power: 150 }.into(),
			);
			assert_eq!(raw(ALICE), 150);
			assert_eq!(stake(ALICE, COLLATOR_A), Some(100));
			assert_eq!(TotalRawPower::<Test>::get(), 150);
		});
	}

	/// The worked example: 1000 raw power with 600 to A and 300 to B, cut to 500, leaves 300 on A
	/// and 150 on B.
	#[test]
	fn decrease_scales_every_delegation_proportionally() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 1000);
			miner_with_power(BOB, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 600));
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_B, 300));
			assert_ok!(CollatorPower::delegate_power(origin(BOB), COLLATOR_A, 100));

			assert_ok!(CollatorPower::update_miner_power(&ALICE, PowerDelta::Decrease(500)));
			System::assert_last_event(
				Event::MinerPowerDecreased {
					miner: ALICE,
					amount: 500,
					raw_power: 500,
					delegation_removed: 450,
				}
				.into(),
			);
			assert_eq!(raw(ALICE), 500);
			assert_eq!(stake(ALICE, COLLATOR_A), Some(300));
			assert_eq!(stake(ALICE, COLLATOR_B), Some(150));
			// Each collator lost exactly what its stake lost; Bob's stake is untouched.
			assert_eq!(CollatorPower::get_collator_power(&COLLATOR_A), 300 + 100);
			assert_eq!(CollatorPower::get_collator_power(&COLLATOR_B), 150);
			assert_eq!(stake(BOB, COLLATOR_A), Some(100));
			assert_eq!(TotalRawPower::<Test>::get(), 600);
			assert_eq!(TotalDelegatedPower::<Test>::get(), 550);
			assert_eq!(CollatorPower::miner_undelegated_power(ALICE), Some(50));
		});
	}

	#[test]
	fn decrease_rounds_down_and_drops_stakes_that_reach_zero() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 3);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 2));
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_B, 1));
			// 3 -> 2: A gets floor(2 × 2/3) = 1, B gets floor(1 × 2/3) = 0.
			assert_ok!(CollatorPower::update_miner_power(&ALICE, PowerDelta::Decrease(1)));
			assert_eq!(stake(ALICE, COLLATOR_A), Some(1));
			assert_eq!(stake(ALICE, COLLATOR_B), None);
			assert!(!crate::CollatorPower::<Test>::contains_key(COLLATOR_B));
			assert!(!CollatorDelegators::<Test>::contains_key(COLLATOR_B, ALICE));
			assert!(!CollatorDelegatorCount::<Test>::contains_key(COLLATOR_B));
			System::assert_last_event(
				Event::MinerPowerDecreased {
					miner: ALICE,
					amount: 1,
					raw_power: 2,
					delegation_removed: 2,
				}
				.into(),
			);
		});
	}

	#[test]
	fn decrease_of_undelegated_power_only_keeps_delegations_scaled() {
		ExtBuilder::default().build_and_execute(|| {
			// Even a cut that the undelegated power could absorb scales the stakes: the seed's
			// "slashing the miner and the power they delegated".
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 10));
			assert_ok!(CollatorPower::update_miner_power(&ALICE, PowerDelta::Decrease(50)));
			assert_eq!(stake(ALICE, COLLATOR_A), Some(5));
		});
	}

	#[test]
	fn decrease_larger_than_raw_power_is_clamped() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 60));
			assert_ok!(CollatorPower::update_miner_power(&ALICE, PowerDelta::Decrease(150)));
			assert_eq!(raw(ALICE), 0);
			assert_eq!(stake(ALICE, COLLATOR_A), None);
			assert_eq!(CollatorPower::get_collator_power(&COLLATOR_A), 0);
			let events = collator_power_events();
			assert_eq!(
				events[events.len() - 2..],
				[
					Event::MinerPowerDecreaseClamped { miner: ALICE, requested: 150, removed: 100 },
					Event::MinerPowerDecreased {
						miner: ALICE,
						amount: 100,
						raw_power: 0,
						delegation_removed: 60,
					},
				]
			);
		});
	}

	#[test]
	fn zero_deltas_change_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			let before = collator_power_events().len();
			assert_ok!(CollatorPower::update_miner_power(&ALICE, PowerDelta::Increase(0)));
			assert_ok!(CollatorPower::update_miner_power(&ALICE, PowerDelta::Decrease(0)));
			assert_eq!(collator_power_events().len(), before);
			assert_eq!(raw(ALICE), 100);
		});
	}

	#[test]
	fn fails_for_an_unknown_miner() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				CollatorPower::update_miner_power(&ALICE, PowerDelta::Increase(1)),
				Error::<Test>::MinerNotFound
			);
			assert_noop!(
				CollatorPower::update_miner_power(&ALICE, PowerDelta::Decrease(1)),
				Error::<Test>::MinerNotFound
			);
		});
	}

	#[test]
	fn increase_fails_on_overflow() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, u128::MAX);
			assert_noop!(
				CollatorPower::update_miner_power(&ALICE, PowerDelta::Increase(1)),
				Error::<Test>::PowerOverflow
			);
			// The total overflows even though Bob's own power would not.
			assert_ok!(CollatorPower::create_miner(origin(BOB)));
			assert_noop!(
				CollatorPower::update_miner_power(&BOB, PowerDelta::Increase(1)),
				Error::<Test>::PowerOverflow
			);
		});
	}
}

mod remove_collator {
	use super::*;
	use crate::RemovedCollators;
	use frame_support::{traits::Hooks, weights::WeightMeter};

	/// Runs `on_idle` with `limit` weight; returns what it used.
	fn idle(limit: frame_support::weights::Weight) -> frame_support::weights::Weight {
		<CollatorPower as Hooks<u64>>::on_idle(System::block_number(), limit)
	}

	fn step() -> frame_support::weights::Weight {
		<() as crate::WeightInfo>::return_delegations(1)
			.saturating_sub(<() as crate::WeightInfo>::return_delegations(0))
	}

	#[test]
	fn zeroes_the_power_at_once_and_returns_the_delegations_in_on_idle() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			miner_with_power(BOB, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 60));
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_B, 20));
			assert_ok!(CollatorPower::delegate_power(origin(BOB), COLLATOR_A, 30));

			let weight = CollatorPower::remove_collator(&COLLATOR_A);
			assert_eq!(weight, <() as crate::WeightInfo>::remove_collator());
			System::assert_last_event(
				Event::CollatorRemoved { collator: COLLATOR_A, delegators: 2, power_returned: 90 }
					.into(),
			);
			// Its power is gone at once; the stakes are still there.
			assert_eq!(CollatorPower::get_collator_power(&COLLATOR_A), 0);
			assert!(RemovedCollators::<Test>::contains_key(COLLATOR_A));
			assert_eq!(stake(ALICE, COLLATOR_A), Some(60));
			assert_noop!(
				CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 1),
				Error::<Test>::CollatorBeingRemoved
			);

			let used = idle(frame_support::weights::Weight::MAX);
			assert!(used.all_gte(<() as crate::WeightInfo>::return_delegations(2)));
			System::assert_has_event(
				Event::DelegationReturned { miner: ALICE, collator: COLLATOR_A, amount: 60 }.into(),
			);
			System::assert_has_event(
				Event::DelegationReturned { miner: BOB, collator: COLLATOR_A, amount: 30 }.into(),
			);
			System::assert_last_event(Event::CollatorCleared { collator: COLLATOR_A }.into());
			assert_eq!(stake(ALICE, COLLATOR_A), None);
			assert_eq!(stake(BOB, COLLATOR_A), None);
			assert_eq!(stake(ALICE, COLLATOR_B), Some(20));
			assert_eq!(CollatorPower::miner_undelegated_power(ALICE), Some(80));
			assert_eq!(CollatorPower::miner_undelegated_power(BOB), Some(100));
			assert_eq!(CollatorDelegators::<Test>::iter_prefix(COLLATOR_A).count(), 0);
			assert!(!RemovedCollators::<Test>::contains_key(COLLATOR_A));
			assert_eq!(TotalDelegatedPower::<Test>::get(), 20);
			// Cleared, it takes delegations again.
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 1));
		});
	}

	#[test]
	fn on_idle_stays_within_its_weight_and_resumes() {
		ExtBuilder::default().bounds(3, 10).build_and_execute(|| {
			for miner in 1..=10u64 {
				assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(
					&(5_000 + miner),
					1_000
				));
				miner_with_power(5_000 + miner, 10);
				assert_ok!(CollatorPower::delegate_power(origin(5_000 + miner), COLLATOR_A, 10));
			}
			CollatorPower::remove_collator(&COLLATOR_A);
			let base = <() as crate::WeightInfo>::return_delegations(0);
			// Too little for anything: nothing happens.
			assert_eq!(
				idle(base.saturating_sub(frame_support::weights::Weight::from_parts(1, 0))),
				Default::default()
			);
			// Room for three steps: three delegations back.
			let limit = base.saturating_add(step().saturating_mul(3));
			let used = idle(limit);
			assert!(used.all_lte(limit));
			assert_eq!(CollatorDelegatorCount::<Test>::get(COLLATOR_A), 7);
			// The miners may also take theirs back themselves at once.
			assert_ok!(CollatorPower::undelegate_power(origin(5_010), COLLATOR_A, 10));
			assert_eq!(CollatorDelegatorCount::<Test>::get(COLLATOR_A), 6);
			let mut meter = WeightMeter::new();
			CollatorPower::return_delegations(&mut meter);
			assert!(!RemovedCollators::<Test>::contains_key(COLLATOR_A));
			assert_eq!(TotalDelegatedPower::<Test>::get(), 0);
		});
	}

	#[test]
	fn a_power_cut_of_a_stake_on_a_removed_collator_keeps_the_books() {
		ExtBuilder::default().build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 100));
			CollatorPower::remove_collator(&COLLATOR_A);
			assert_ok!(CollatorPower::update_miner_power(&ALICE, PowerDelta::Decrease(50)));
			assert_eq!(stake(ALICE, COLLATOR_A), Some(50));
			assert_eq!(CollatorPower::get_collator_power(&COLLATOR_A), 0);
			assert_eq!(TotalDelegatedPower::<Test>::get(), 50);
		});
	}

	#[test]
	fn of_a_collator_without_delegations_does_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			let weight = CollatorPower::remove_collator(&COLLATOR_A);
			assert_eq!(weight, <() as crate::WeightInfo>::remove_collator());
			assert!(collator_power_events().is_empty());
			assert!(!RemovedCollators::<Test>::contains_key(COLLATOR_A));
		});
	}
}

mod minimum_and_displacement {
	use super::*;

	#[test]
	fn a_new_delegation_must_reach_the_minimum() {
		ExtBuilder::default().min_delegation(10).build_and_execute(|| {
			miner_with_power(ALICE, 100);
			assert_noop!(
				CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 9),
				Error::<Test>::DelegationBelowMinimum
			);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 10));
			// Topping up an existing stake needs no minimum.
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 1));
			// Leaving less than the minimum is refused; taking everything back is not.
			assert_noop!(
				CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 2),
				Error::<Test>::DelegationBelowMinimum
			);
			assert_ok!(CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 1));
			assert_ok!(CollatorPower::undelegate_power(origin(ALICE), COLLATOR_A, 10));
		});
	}

	#[test]
	fn a_larger_stake_displaces_the_smallest_on_a_full_collator() {
		ExtBuilder::default().bounds(3, 2).build_and_execute(|| {
			miner_with_power(ALICE, 100);
			miner_with_power(BOB, 100);
			miner_with_power(CHARLIE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 5));
			assert_ok!(CollatorPower::delegate_power(origin(BOB), COLLATOR_A, 7));
			assert_eq!(CollatorPower::smallest_delegation(COLLATOR_A), Some((ALICE, 5)));
			// Not larger than the smallest: refused.
			assert_noop!(
				CollatorPower::delegate_power(origin(CHARLIE), COLLATOR_A, 5),
				Error::<Test>::TooManyDelegators
			);
			let info = CollatorPower::delegate_power(origin(CHARLIE), COLLATOR_A, 6).unwrap();
			assert_eq!(
				info.actual_weight,
				Some(<() as crate::WeightInfo>::delegate_power_displacing())
			);
			System::assert_has_event(
				Event::DelegationDisplaced {
					miner: ALICE,
					collator: COLLATOR_A,
					amount: 5,
					by: CHARLIE,
				}
				.into(),
			);
			System::assert_last_event(
				Event::PowerDelegated {
					miner: CHARLIE,
					collator: COLLATOR_A,
					amount: 6,
					collator_power: 13,
				}
				.into(),
			);
			assert_eq!(stake(ALICE, COLLATOR_A), None);
			assert_eq!(CollatorPower::miner_undelegated_power(ALICE), Some(100));
			assert_eq!(CollatorDelegatorCount::<Test>::get(COLLATOR_A), 2);
			assert_eq!(CollatorPower::get_collator_power(&COLLATOR_A), 13);
		});
	}
}

mod view_functions {
	use super::*;

	#[test]
	fn report_the_ledger() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(CollatorPower::miner_claim(ALICE), None);
			assert_eq!(CollatorPower::miner_undelegated_power(ALICE), None);
			assert_eq!(CollatorPower::collator_power(COLLATOR_A), 0);
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 25));
			let claim = CollatorPower::miner_claim(ALICE).unwrap();
			assert_eq!(claim.raw_bytes_power, 100);
			assert_eq!(
				claim.staked_power.into_inner().into_iter().collect::<Vec<_>>(),
				[(COLLATOR_A, 25)]
			);
			assert_eq!(claim.deposit, MINER_DEPOSIT);
			assert_eq!(CollatorPower::miner_undelegated_power(ALICE), Some(75));
			assert_eq!(CollatorPower::collator_power(COLLATOR_A), 25);
		});
	}
}

mod try_state {
	use super::*;

	#[test]
	fn detects_a_broken_collator_aggregate() {
		ExtBuilder::default().build().execute_with(|| {
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 25));
			assert_ok!(CollatorPower::do_try_state());
			crate::CollatorPower::<Test>::insert(COLLATOR_A, 26);
			assert!(CollatorPower::do_try_state().is_err());
		});
	}

	#[test]
	fn detects_a_broken_total() {
		ExtBuilder::default().build().execute_with(|| {
			miner_with_power(ALICE, 100);
			TotalRawPower::<Test>::put(99);
			assert!(CollatorPower::do_try_state().is_err());
		});
	}

	#[test]
	fn detects_a_stale_reverse_index() {
		ExtBuilder::default().build().execute_with(|| {
			miner_with_power(ALICE, 100);
			CollatorDelegators::<Test>::insert(COLLATOR_A, ALICE, 1);
			assert!(CollatorPower::do_try_state().is_err());
		});
	}

	#[test]
	fn detects_over_delegation() {
		ExtBuilder::default().build().execute_with(|| {
			miner_with_power(ALICE, 100);
			assert_ok!(CollatorPower::delegate_power(origin(ALICE), COLLATOR_A, 100));
			MinerClaims::<Test>::mutate(ALICE, |c| c.as_mut().unwrap().raw_bytes_power = 99);
			TotalRawPower::<Test>::put(99);
			assert!(CollatorPower::do_try_state().is_err());
		});
	}
}

mod proptests {
	use super::*;
	use crate::RemovedCollators;
	use frame_support::traits::Hooks;
	use proptest::prelude::*;

	const MINERS: [AccountId; 4] = [ALICE, BOB, CHARLIE, DAVE];
	const COLLATORS: [AccountId; 5] =
		[COLLATOR_A, COLLATOR_B, COLLATOR_C, COLLATOR_D, NOT_A_COLLATOR];

	#[derive(Debug, Clone)]
	enum Op {
		Create(usize),
		Remove(usize),
		Delegate(usize, usize, u128),
		Undelegate(usize, usize, u128),
		Increase(usize, u128),
		Decrease(usize, u128),
		RemoveCollator(usize),
		Idle(u64),
	}

	fn op() -> impl Strategy<Value = Op> {
		let m = 0..MINERS.len();
		let c = 0..COLLATORS.len();
		let amount = 0u128..2_000;
		prop_oneof![
			1 => m.clone().prop_map(Op::Create),
			1 => m.clone().prop_map(Op::Remove),
			3 => (m.clone(), c.clone(), amount.clone()).prop_map(|(m, c, a)| Op::Delegate(m, c, a)),
			1 => (m.clone(), c.clone(), amount.clone()).prop_map(|(m, c, a)| Op::Undelegate(m, c, a)),
			2 => (m.clone(), amount.clone()).prop_map(|(m, a)| Op::Increase(m, a)),
			1 => (m, amount).prop_map(|(m, a)| Op::Decrease(m, a)),
			1 => c.prop_map(Op::RemoveCollator),
			1 => (0u64..4).prop_map(Op::Idle),
		]
	}

	/// Whether the op must succeed, judged from the state before it: the rules of the README,
	/// written out independently of the pallet's code paths.
	fn must_succeed(op: &Op) -> bool {
		let claim = |m: usize| MinerClaims::<Test>::get(MINERS[m]);
		match *op {
			Op::Create(m) => claim(m).is_none(),
			Op::Remove(m) => claim(m).is_some_and(|c| c.raw_bytes_power == 0),
			Op::Delegate(m, c, a) => {
				let collator = COLLATORS[c];
				let Some(claim) = claim(m) else { return false };
				let fits = if claim.staked_power.contains_key(&collator) {
					true
				} else {
					let count = CollatorDelegatorCount::<Test>::get(collator);
					let smallest = CollatorDelegators::<Test>::iter_prefix(collator)
						.map(|(_, stake)| stake)
						.min();
					a >= MinDelegation::get()
						&& (claim.staked_power.len() as u32) < MaxDelegationsPerMiner::get()
						&& (count < MaxDelegatorsPerCollator::get()
							|| smallest.is_some_and(|least| a > least))
				};
				a > 0
					&& collator != NOT_A_COLLATOR
					&& !RemovedCollators::<Test>::contains_key(collator)
					&& a <= claim.undelegated_power()
					&& fits
			}
			Op::Undelegate(m, c, a) => {
				let collator = COLLATORS[c];
				let Some(stake) = claim(m).and_then(|c| c.staked_power.get(&collator).copied())
				else {
					return false;
				};
				let left = stake.saturating_sub(a);
				a > 0
					&& a <= stake && (left == 0
					|| left >= MinDelegation::get()
					|| RemovedCollators::<Test>::contains_key(collator))
			}
			Op::Increase(m, _) | Op::Decrease(m, _) => claim(m).is_some(),
			Op::RemoveCollator(_) | Op::Idle(_) => true,
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(128))]
		/// Every step keeps the invariants, and every step the rules allow succeeds (and no
		/// other), so a pallet that refused everything fails this test.
		#[test]
		fn invariants_hold_and_honest_steps_succeed(ops in proptest::collection::vec(op(), 1..60)) {
			ExtBuilder::default().bounds(3, 3).min_delegation(5).build_and_execute(|| {
				for op in ops {
					let expected = must_succeed(&op);
					let result = match op {
						Op::Create(m) => CollatorPower::create_miner(origin(MINERS[m])),
						Op::Remove(m) => CollatorPower::remove_miner(origin(MINERS[m])),
						Op::Delegate(m, c, a) =>
							CollatorPower::delegate_power(origin(MINERS[m]), COLLATORS[c], a)
								.map(|_| ())
								.map_err(|e| e.error),
						Op::Undelegate(m, c, a) =>
							CollatorPower::undelegate_power(origin(MINERS[m]), COLLATORS[c], a),
						Op::Increase(m, a) =>
							CollatorPower::update_miner_power(&MINERS[m], PowerDelta::Increase(a)),
						Op::Decrease(m, a) =>
							CollatorPower::update_miner_power(&MINERS[m], PowerDelta::Decrease(a)),
						Op::RemoveCollator(c) => {
							CollatorPower::remove_collator(&COLLATORS[c]);
							Ok(())
						},
						Op::Idle(steps) => {
							let limit = <() as crate::WeightInfo>::return_delegations(steps as u32);
							<CollatorPower as Hooks<u64>>::on_idle(1, limit);
							Ok(())
						},
					};
					assert_eq!(result.is_ok(), expected, "{op:?}: {result:?}");
					CollatorPower::do_try_state().expect("invariants hold after every step");
				}
			});
		}
	}
}

mod integrity {
	use super::*;
	use frame_support::traits::Hooks;

	#[test]
	#[should_panic(expected = "MinDelegation must be positive")]
	fn a_zero_minimum_delegation_is_refused() {
		MinDelegation::set(0);
		<CollatorPower as Hooks<u64>>::integrity_test();
	}
}
