//! Tests of the periodic pallet. Every test ends with `try_state` (see `build_and_execute`).

use crate::{
	mock::{test_task::*, *},
	weights::WeightInfo,
	DispatchQuote, Error, Event, HoldReason, NextTaskId, TaskId, TaskRunning, Tasks,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchResultWithPostInfo, GetDispatchInfo},
	traits::{
		fungible::{Inspect, InspectHold},
		Get,
	},
	weights::Weight,
};
use sp_runtime::{DispatchError, TokenError};

/// The default task parameters: 1000 nectar per 600 s, retargeting every 4 cycles.
const TARGET: u64 = 600;
const CYCLES: u32 = 4;
const PAY: Balance = 1_000;

fn origin(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn tick() -> RuntimeCall {
	RuntimeCall::TestTask(test_task::Call::tick {})
}

fn balance(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn pot(task: TaskId) -> AccountId {
	Periodic::pot_account(task)
}

fn task_account(task: TaskId) -> AccountId {
	Periodic::task_account(task)
}

/// The largest `max_call_weight` a dispatch may declare: enough for every task of the mock.
fn max_weight() -> Weight {
	MaxCallWeight::get()
}

/// Runs `task` as `caller` with `min_nectar = min`, declaring `MaxCallWeight` for its call.
fn dispatch(caller: AccountId, task: TaskId, min: Balance) -> DispatchResultWithPostInfo {
	Periodic::dispatch(origin(caller), task, min, max_weight())
}

/// The `dispatch` call of `task`, as a task's call or a batch holds it.
fn dispatch_call(task: TaskId, max_call_weight: Weight) -> RuntimeCall {
	RuntimeCall::Periodic(crate::Call::dispatch { task, min_nectar: 0, max_call_weight })
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::TaskDeposit.into(), &who)
}

/// Registers `call` for `owner` with the given parameters and returns its id.
fn register_with(
	owner: AccountId,
	call: RuntimeCall,
	target: u64,
	cycles: u32,
	pay: Balance,
) -> TaskId {
	let id = NextTaskId::<Test>::get();
	assert_ok!(Periodic::register_task(origin(owner), Box::new(call), target, cycles, pay));
	id
}

/// Registers `call` for `owner` with the default parameters.
fn register(owner: AccountId, call: RuntimeCall) -> TaskId {
	register_with(owner, call, TARGET, CYCLES, PAY)
}

/// The encoded length of `call`, as the weight functions take it.
fn len(call: &RuntimeCall) -> u32 {
	call.encoded_size() as u32
}

/// The pallet's own weight for dispatching a task with `call`.
fn overhead(call: &RuntimeCall) -> Weight {
	<() as WeightInfo>::dispatch(len(call))
}

/// The pallet's worst-case overhead, which `dispatch` declares on top of `max_call_weight`.
fn worst_overhead() -> Weight {
	<() as WeightInfo>::dispatch(MAX_CALL_LEN)
}

/// Runs `task` as `caller`, asserting it fails with `error` and changes nothing.
fn assert_dispatch_noop(caller: AccountId, task: TaskId, min: Balance, error: DispatchError) {
	assert_noop!(dispatch(caller, task, min).map_err(|e| e.error), error);
}

mod register_task {
	use super::*;

	#[test]
	fn registers_holds_the_deposit_and_seeds_the_pot() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_eq!(task, 0);
			assert_eq!(NextTaskId::<Test>::get(), 1);
			let stored = Tasks::<Test>::get(task).unwrap();
			assert_eq!(stored.owner, ALICE);
			assert_eq!(stored.call.to_vec(), tick().encode());
			assert_eq!(stored.target_secs_per_cycle, TARGET);
			assert_eq!(stored.cycles_per_retarget, CYCLES);
			assert_eq!(stored.pay_per_period, PAY);
			assert_eq!(stored.cycles, 0);
			assert_eq!(stored.cycles_since_retarget, 0);
			assert_eq!(stored.window_expected_secs, 0);
			assert_eq!(stored.last_cycle_secs, GENESIS_SECS);
			assert_eq!(stored.accruing_since_secs, GENESIS_SECS);
			assert_eq!(stored.nectar_carried, 0);
			assert_eq!(stored.last_retarget_secs, GENESIS_SECS);
			assert_eq!(stored.deposit, TASK_DEPOSIT);
			assert_eq!(held(ALICE), TASK_DEPOSIT);
			// The pot is seeded with the existential deposit, which is not payable nectar.
			assert_eq!(balance(ALICE), ENDOWMENT - TASK_DEPOSIT - ED);
			assert_eq!(balance(pot(task)), ED);
			assert_eq!(Periodic::nectar_available(task), 0);
			System::assert_last_event(
				Event::TaskRegistered {
					task,
					owner: ALICE,
					pot: pot(task),
					task_account: task_account(task),
					deposit: TASK_DEPOSIT,
					target_secs_per_cycle: TARGET,
					cycles_per_retarget: CYCLES,
					pay_per_period: PAY,
				}
				.into(),
			);
		});
	}

	#[test]
	fn ids_are_sequential_and_every_task_has_its_own_pot_and_account() {
		ExtBuilder::default().build_and_execute(|| {
			let a = register(ALICE, tick());
			let b = register(ALICE, tick());
			let c = register(BOB, tick());
			assert_eq!((a, b, c), (0, 1, 2));
			let accounts =
				[pot(a), pot(b), pot(c), task_account(a), task_account(b), task_account(c)];
			for (i, x) in accounts.iter().enumerate() {
				for y in accounts.iter().skip(i + 1) {
					assert_ne!(x, y);
				}
				assert!(![ALICE, BOB].contains(x));
			}
			// The task account is not created: the owner funds it if the task needs money.
			assert!(!System::account_exists(&task_account(a)));
			assert_eq!(held(ALICE), 2 * TASK_DEPOSIT);
			assert_eq!(held(BOB), TASK_DEPOSIT);
		});
	}

	#[test]
	fn the_accounts_of_the_largest_task_id_do_not_truncate() {
		ExtBuilder::default().build_and_execute(|| {
			use frame_support::traits::Hooks;
			use sp_runtime::traits::AccountIdConversion;
			// The integrity test passes with 32-byte accounts ...
			<Periodic as Hooks<u64>>::integrity_test();
			// ... and the two derivations are the untruncated sub-accounts.
			let id = PeriodicPalletId::get();
			let max = TaskId::MAX;
			assert_eq!(Some(pot(max)), id.try_into_sub_account((b"pot", max)));
			assert_eq!(Some(task_account(max)), id.try_into_sub_account((b"run", max)));
			// A 16-byte account could not hold them.
			assert_eq!(AccountIdConversion::<u128>::try_into_sub_account(&id, (b"pot", max)), None);
		});
	}

	#[test]
	fn accepts_the_bounds_of_the_parameters() {
		ExtBuilder::default().build_and_execute(|| {
			register_with(ALICE, tick(), MIN_TARGET, 1, 1);
			register_with(ALICE, tick(), MAX_TARGET, MAX_CYCLES, Balance::MAX);
		});
	}

	#[test]
	fn fails_for_a_target_out_of_range() {
		ExtBuilder::default().build_and_execute(|| {
			for target in [0, MIN_TARGET - 1, MAX_TARGET + 1, u64::MAX] {
				assert_noop!(
					Periodic::register_task(origin(ALICE), Box::new(tick()), target, CYCLES, PAY),
					Error::<Test>::TargetSecsPerCycleOutOfRange
				);
			}
		});
	}

	#[test]
	fn fails_for_a_retarget_window_out_of_range() {
		ExtBuilder::default().build_and_execute(|| {
			for cycles in [0, MAX_CYCLES + 1] {
				assert_noop!(
					Periodic::register_task(origin(ALICE), Box::new(tick()), TARGET, cycles, PAY),
					Error::<Test>::CyclesPerRetargetOutOfRange
				);
			}
		});
	}

	#[test]
	fn fails_for_a_zero_pay() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Periodic::register_task(origin(ALICE), Box::new(tick()), TARGET, CYCLES, 0),
				Error::<Test>::ZeroPayPerPeriod
			);
		});
	}

	#[test]
	fn fails_for_a_call_too_long() {
		ExtBuilder::default().build_and_execute(|| {
			let long = RuntimeCall::System(frame_system::Call::remark {
				remark: vec![0; MAX_CALL_LEN as usize],
			});
			assert!(len(&long) > MAX_CALL_LEN);
			assert_noop!(
				Periodic::register_task(origin(ALICE), Box::new(long), TARGET, CYCLES, PAY),
				Error::<Test>::CallTooLong
			);
			// Just fits.
			let fits = RuntimeCall::System(frame_system::Call::remark {
				remark: vec![0; MAX_CALL_LEN as usize - 3],
			});
			assert_eq!(len(&fits), MAX_CALL_LEN);
			register(ALICE, fits);
		});
	}

	#[test]
	fn fails_for_a_call_too_heavy() {
		ExtBuilder::default().build_and_execute(|| {
			let heavy = RuntimeCall::TestTask(test_task::Call::heavy {});
			assert_noop!(
				Periodic::register_task(origin(ALICE), Box::new(heavy), TARGET, CYCLES, PAY),
				Error::<Test>::CallTooHeavy
			);
		});
	}

	#[test]
	fn fails_without_funds_for_the_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Periodic::register_task(origin(POOR), Box::new(tick()), TARGET, CYCLES, PAY),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}

	#[test]
	fn fails_when_every_id_is_used() {
		ExtBuilder::default().build_and_execute(|| {
			NextTaskId::<Test>::put(TaskId::MAX);
			assert_noop!(
				Periodic::register_task(origin(ALICE), Box::new(tick()), TARGET, CYCLES, PAY),
				Error::<Test>::TaskIdsExhausted
			);
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Periodic::register_task(
					RuntimeOrigin::root(),
					Box::new(tick()),
					TARGET,
					CYCLES,
					PAY
				),
				DispatchError::BadOrigin
			);
		});
	}
}

mod add_nectar {
	use super::*;

	#[test]
	fn anyone_funds_any_task() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			assert_eq!(balance(BOB), ENDOWMENT - 5_000);
			assert_eq!(balance(pot(task)), ED + 5_000);
			assert_eq!(Periodic::nectar_available(task), 5_000);
			System::assert_last_event(Event::NectarAdded { task, from: BOB, amount: 5_000 }.into());
		});
	}

	#[test]
	fn fails_for_a_zero_amount() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_noop!(Periodic::add_nectar(origin(BOB), task, 0), Error::<Test>::ZeroAmount);
		});
	}

	#[test]
	fn fails_for_an_unknown_task() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(Periodic::add_nectar(origin(BOB), 7, 100), Error::<Test>::TaskNotFound);
		});
	}

	#[test]
	fn fails_without_funds_and_keeps_the_funder_alive() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_noop!(
				Periodic::add_nectar(origin(POOR), task, 100),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
			// Everything but the existential deposit is fine; all of it would reap BOB.
			assert_noop!(
				Periodic::add_nectar(origin(BOB), task, ENDOWMENT),
				DispatchError::Token(TokenError::NotExpendable)
			);
			assert_ok!(Periodic::add_nectar(origin(BOB), task, ENDOWMENT - ED));
			assert_eq!(balance(BOB), ED);
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_noop!(
				Periodic::add_nectar(RuntimeOrigin::root(), task, 100),
				DispatchError::BadOrigin
			);
		});
	}
}

mod accrual {
	use super::*;

	#[test]
	fn nectar_accrues_with_time() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_eq!(Periodic::task_accrued_nectar(task), Some(0));
			advance_secs(300);
			assert_eq!(Periodic::task_accrued_nectar(task), Some(500));
			advance_secs(300);
			assert_eq!(Periodic::task_accrued_nectar(task), Some(1_000));
			// Six-second blocks: 100 blocks are another 600 s.
			run_to_block(System::block_number() + 100);
			assert_eq!(now_secs(), GENESIS_SECS + 1_200);
			assert_eq!(Periodic::task_accrued_nectar(task), Some(2_000));
		});
	}

	#[test]
	fn a_pay_below_the_target_accrues() {
		ExtBuilder::default().build_and_execute(|| {
			// 1 per 600 s: the original truncated this to 0 per second.
			let task = register_with(ALICE, tick(), 600, CYCLES, 1);
			advance_secs(599);
			assert_eq!(Periodic::task_accrued_nectar(task), Some(0));
			advance_secs(6_001);
			assert_eq!(Periodic::task_accrued_nectar(task), Some(11));
		});
	}

	#[test]
	fn the_shortfall_is_what_the_pot_lacks() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 300));
			advance_secs(600);
			assert_eq!(Periodic::nectar_shortfall(task), 700);
			assert_eq!(Periodic::task_nectar_shortfall(task), Some(700));
			assert_eq!(Periodic::task_nectar_available(task), Some(300));
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 1_000));
			assert_eq!(Periodic::nectar_shortfall(task), 0);
		});
	}

	#[test]
	fn views_of_an_unknown_task_are_none() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(Periodic::task_info(3), None);
			assert_eq!(Periodic::task_nectar_available(3), None);
			assert_eq!(Periodic::task_accrued_nectar(3), None);
			assert_eq!(Periodic::task_nectar_shortfall(3), None);
			assert_eq!(Periodic::task_quote(3), None);
			assert_eq!(Periodic::task_account_of(3), None);
			assert_eq!(
				Periodic::task_dispatch_quote(3, 0, max_weight()),
				Err(Error::<Test>::TaskNotFound.into())
			);
			assert_eq!(Periodic::nectar_available(3), 0);
			assert_eq!(Periodic::nectar_shortfall(3), 0);
			let task = register(ALICE, tick());
			assert_eq!(Periodic::task_info(task), Tasks::<Test>::get(task));
			assert_eq!(Periodic::task_account_of(task), Some(task_account(task)));
		});
	}

	#[test]
	fn the_quote_reports_the_payable_nectar_and_the_weight_to_declare() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			// Reported even when no dispatch could pass: no time has passed, nothing accrued.
			let quote = DispatchQuote {
				payable: 0,
				accrued: 0,
				cycle: 0,
				call_weight: TICK_WEIGHT,
				declared_weight: worst_overhead() + TICK_WEIGHT,
			};
			assert_eq!(Periodic::task_quote(task), Some(quote.clone()));
			assert_eq!(
				Periodic::task_dispatch_quote(task, 0, TICK_WEIGHT),
				Err(Error::<Test>::NoTimeElapsed.into())
			);
			// The pot holds 300 of the 1000 accrued: 300 is payable now.
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 300));
			advance_secs(600);
			let quote = DispatchQuote { payable: 300, accrued: 1_000, ..quote };
			assert_eq!(Periodic::task_quote(task), Some(quote.clone()));
			assert_eq!(Periodic::task_dispatch_quote(task, 300, TICK_WEIGHT), Ok(quote.clone()));
			assert_eq!(Periodic::quote_dispatch(task, 0, TICK_WEIGHT), Ok(quote.clone()));
			// The declared weight is what `dispatch` declares for `max_call_weight = call_weight`.
			let call = RuntimeCall::Periodic(crate::Call::dispatch {
				task,
				min_nectar: 300,
				max_call_weight: quote.call_weight,
			});
			assert_eq!(call.get_dispatch_info().call_weight, quote.declared_weight);
			// The dispatch agrees, and the cycle in the quote moves on.
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 300, quote.call_weight));
			assert_eq!(balance(KEEPER), ENDOWMENT + 300);
			advance_secs(600);
			assert_eq!(Periodic::task_quote(task).map(|q| (q.cycle, q.payable)), Some((1, 0)));
		});
	}
}

mod dispatch {
	use super::*;

	#[test]
	fn pays_the_caller_runs_the_call_and_counts_the_cycle() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			let post = dispatch(KEEPER, task, 1_000).unwrap();
			assert_eq!(Ticks::<Test>::get(), 1);
			assert_eq!(balance(KEEPER), ENDOWMENT + 1_000);
			assert_eq!(Periodic::nectar_available(task), 4_000);
			let stored = Tasks::<Test>::get(task).unwrap();
			assert_eq!(stored.cycles, 1);
			assert_eq!(stored.cycles_since_retarget, 1);
			assert_eq!(stored.window_expected_secs, TARGET);
			assert_eq!(stored.last_cycle_secs, now_secs());
			assert_eq!(stored.accruing_since_secs, now_secs());
			assert_eq!(stored.nectar_carried, 0);
			assert_eq!(Periodic::task_accrued_nectar(task), Some(0));
			System::assert_last_event(
				Event::Pollinated { task, caller: KEEPER, paid: 1_000, accrued: 1_000 }.into(),
			);
			// The weight used: the overhead for the real call length plus what the call
			// reported, whatever `max_call_weight` declared.
			assert_eq!(post.actual_weight, Some(overhead(&tick()) + TICK_ACTUAL_WEIGHT));
		});
	}

	#[test]
	fn declares_the_worst_overhead_plus_max_call_weight_without_reading_storage() {
		ExtBuilder::default().build_and_execute(|| {
			let w = Weight::from_parts(123_456, 789);
			let declared = || dispatch_call(0, w).get_dispatch_info().call_weight;
			// Before the task exists, and after: the same, read from the arguments alone.
			let before = declared();
			assert_eq!(before, worst_overhead() + w);
			assert_eq!(Periodic::dispatch_weight(w), before);
			let task = register(ALICE, tick());
			assert_eq!(task, 0);
			assert_eq!(declared(), before);
			// What is charged is the real overhead plus what the call used.
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			let post = Periodic::dispatch(origin(KEEPER), task, 0, TICK_WEIGHT).unwrap();
			assert_eq!(post.actual_weight, Some(overhead(&tick()) + TICK_ACTUAL_WEIGHT));
			assert!(post.actual_weight.unwrap().all_lte(worst_overhead() + TICK_WEIGHT));
		});
	}

	#[test]
	fn fails_when_max_call_weight_is_below_the_calls_weight() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			for too_low in [
				Weight::zero(),
				TICK_WEIGHT - Weight::from_parts(1, 0),
				TICK_WEIGHT - Weight::from_parts(0, 1),
			] {
				assert_noop!(
					Periodic::dispatch(origin(KEEPER), task, 0, too_low).map_err(|e| e.error),
					Error::<Test>::MaxCallWeightTooLow
				);
				assert_eq!(
					Periodic::quote_dispatch(task, 0, too_low),
					Err(Error::<Test>::MaxCallWeightTooLow.into())
				);
			}
			let err = Periodic::dispatch(origin(KEEPER), task, 0, Weight::zero()).unwrap_err();
			assert_eq!(err.post_info.actual_weight, Some(overhead(&tick())));
			assert_eq!(Ticks::<Test>::get(), 0);
			// Exactly the call's weight is enough.
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 0, TICK_WEIGHT));
			assert_eq!(Ticks::<Test>::get(), 1);
		});
	}

	#[test]
	fn fails_when_max_call_weight_exceeds_the_bound() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			let too_high = max_weight() + Weight::from_parts(0, 1);
			assert_noop!(
				Periodic::dispatch(origin(KEEPER), task, 0, too_high).map_err(|e| e.error),
				Error::<Test>::MaxCallWeightTooHigh
			);
			let err = Periodic::dispatch(origin(KEEPER), task, 0, too_high).unwrap_err();
			assert_eq!(err.post_info.actual_weight, Some(<() as WeightInfo>::dispatch(0)));
		});
	}

	#[test]
	fn fails_when_the_call_got_heavier_than_the_bound() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			// As if a runtime upgrade made the stored call heavier than `MaxCallWeight`.
			let heavy = RuntimeCall::TestTask(test_task::Call::heavy {});
			Tasks::<Test>::mutate(task, |t| {
				t.as_mut().unwrap().call = heavy.encode().try_into().unwrap()
			});
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::CallTooHeavy.into());
			// The owner can still cancel it.
			assert_ok!(Periodic::cancel_task(origin(ALICE), task));
		});
	}

	#[test]
	fn pays_only_what_accrued_since_the_last_run() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_ok!(dispatch(KEEPER, task, 0));
			advance_secs(60);
			assert_ok!(dispatch(CHARLIE, task, 0));
			assert_eq!(balance(CHARLIE), ENDOWMENT + 100);
			System::assert_last_event(
				Event::Pollinated { task, caller: CHARLIE, paid: 100, accrued: 100 }.into(),
			);
		});
	}

	#[test]
	fn needs_time_to_have_passed_and_nectar_to_have_accrued() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			// Not in the block it was registered in.
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::NoTimeElapsed.into());
			// 1 per 600 s: nothing accrues in one 6-second block.
			let slow = register_with(ALICE, tick(), TARGET, CYCLES, 1);
			assert_ok!(Periodic::add_nectar(origin(BOB), slow, 5_000));
			advance_secs(BLOCK_SECS);
			assert_dispatch_noop(KEEPER, slow, 0, Error::<Test>::NothingAccrued.into());
			assert_ok!(dispatch(KEEPER, task, 0));
			assert_eq!(Ticks::<Test>::get(), 1);
		});
	}

	#[test]
	fn fails_below_min_nectar() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(300);
			assert_dispatch_noop(KEEPER, task, 501, Error::<Test>::AccruedBelowMinNectar.into());
			assert_ok!(dispatch(KEEPER, task, 500));
		});
	}

	#[test]
	fn a_failing_call_changes_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			let fail = RuntimeCall::TestTask(test_task::Call::fail {});
			let task = register(ALICE, fail.clone());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_dispatch_noop(KEEPER, task, 0, test_task::Error::<Test>::Failed.into());
			assert_eq!(Ticks::<Test>::get(), 0);
			// The failed call's weight is still charged.
			let err = dispatch(KEEPER, task, 0).unwrap_err();
			assert_eq!(err.post_info.actual_weight, Some(overhead(&fail) + TICK_WEIGHT));
		});
	}

	#[test]
	fn the_runtime_call_filter_applies() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, RuntimeCall::TestTask(test_task::Call::forbidden {}));
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_dispatch_noop(KEEPER, task, 0, frame_system::Error::<Test>::CallFiltered.into());
			assert_eq!(Ticks::<Test>::get(), 0);
		});
	}

	#[test]
	fn the_call_runs_as_the_task_account_and_spends_only_its_funds() {
		ExtBuilder::default().build_and_execute(|| {
			let pay_bob = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: BOB,
				value: 77,
			});
			let task = register(ALICE, pay_bob);
			assert_ok!(Periodic::add_nectar(origin(CHARLIE), task, 50_000));
			// Unfunded, the task account cannot pay: the dispatch fails and changes nothing.
			advance_secs(600);
			assert_dispatch_noop(
				KEEPER,
				task,
				0,
				DispatchError::Token(TokenError::FundsUnavailable),
			);
			// The owner funds it with what the task may spend: two runs' worth and a bit.
			assert_ok!(Balances::transfer_keep_alive(origin(ALICE), task_account(task), 200));
			let alice = balance(ALICE);
			assert_ok!(dispatch(KEEPER, task, 0));
			advance_secs(600);
			assert_ok!(dispatch(KEEPER, task, 0));
			assert_eq!(balance(task_account(task)), 200 - 2 * 77);
			assert_eq!(balance(BOB), ENDOWMENT + 2 * 77);
			// A third run would need more than the account holds: refused.
			advance_secs(600);
			assert_dispatch_noop(
				KEEPER,
				task,
				0,
				DispatchError::Token(TokenError::FundsUnavailable),
			);
			assert_eq!(balance(ALICE), alice);
		});
	}

	#[test]
	fn a_dry_pot_pays_what_it_holds_if_that_covers_min_nectar() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 999));
			advance_secs(600);
			// Refused before the call: the pot cannot pay the 1000 the caller asks for.
			assert_dispatch_noop(KEEPER, task, 1_000, Error::<Test>::InsufficientNectar.into());
			let err = dispatch(KEEPER, task, 1_000).unwrap_err();
			assert_eq!(err.post_info.actual_weight, Some(overhead(&tick())));
			assert_eq!(Ticks::<Test>::get(), 0);
			// A caller content with what the pot holds is paid that; the rest is forgone.
			assert_ok!(dispatch(KEEPER, task, 999));
			System::assert_last_event(
				Event::Pollinated { task, caller: KEEPER, paid: 999, accrued: 1_000 }.into(),
			);
			assert_eq!(balance(KEEPER), ENDOWMENT + 999);
			assert_eq!(balance(pot(task)), ED);
			assert_eq!(Periodic::task_accrued_nectar(task), Some(0));
			assert_eq!(Tasks::<Test>::get(task).unwrap().cycles, 1);
		});
	}

	#[test]
	fn an_empty_pot_fails_after_the_call_and_changes_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			advance_secs(600);
			// With `min_nectar` zero the caller bets on the call topping the pot up; it does
			// not, so the dispatch fails after the call, which is rolled back and charged.
			assert_eq!(Periodic::quote_dispatch(task, 0, TICK_WEIGHT).map(|q| q.payable), Ok(0));
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::InsufficientNectar.into());
			assert_eq!(Ticks::<Test>::get(), 0);
			let err = dispatch(KEEPER, task, 0).unwrap_err();
			assert_eq!(err.post_info.actual_weight, Some(overhead(&tick()) + TICK_ACTUAL_WEIGHT));
			// With any `min_nectar` it is refused before the call.
			assert_dispatch_noop(KEEPER, task, 1, Error::<Test>::InsufficientNectar.into());
			let err = dispatch(KEEPER, task, 1).unwrap_err();
			assert_eq!(err.post_info.actual_weight, Some(overhead(&tick())));
		});
	}

	#[test]
	fn paying_everything_keeps_the_pot_alive() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 1_000));
			advance_secs(600);
			assert_ok!(dispatch(KEEPER, task, 1_000));
			// The existential deposit stays, so the pot is never reaped while the task exists.
			assert_eq!(balance(pot(task)), ED);
			assert_eq!(Periodic::nectar_available(task), 0);
		});
	}

	#[test]
	fn fails_to_pay_a_new_account_less_than_the_existential_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			// 1000 × 3 / 600 = 5, below the existential deposit of 10: POOR's account cannot be
			// created with it.
			advance_secs(3);
			assert_dispatch_noop(POOR, task, 0, DispatchError::Token(TokenError::BelowMinimum));
			// An existing account may take it.
			assert_ok!(dispatch(KEEPER, task, 5));
			assert_eq!(balance(KEEPER), ENDOWMENT + 5);
		});
	}

	#[test]
	fn fails_for_an_unknown_task() {
		ExtBuilder::default().build_and_execute(|| {
			assert_dispatch_noop(KEEPER, 0, 0, Error::<Test>::TaskNotFound.into());
			let err = dispatch(KEEPER, 0, 0).unwrap_err();
			assert_eq!(err.post_info.actual_weight, Some(<() as WeightInfo>::dispatch(0)));
		});
	}

	#[test]
	fn fails_for_a_call_that_no_longer_decodes() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			// As if a runtime upgrade removed the pallet the call belongs to.
			Tasks::<Test>::mutate(task, |t| {
				t.as_mut().unwrap().call = vec![0xff, 0xff].try_into().unwrap()
			});
			advance_secs(600);
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::CallUndecodable.into());
			let err = dispatch(KEEPER, task, 0).unwrap_err();
			assert_eq!(err.post_info.actual_weight, Some(<() as WeightInfo>::dispatch(2)));
			assert_eq!(Periodic::task_quote(task), None);
			// Setting its parameters and cancelling still work: neither decodes the call.
			assert_ok!(Periodic::set_task_params(origin(ALICE), task, TARGET, CYCLES));
			assert_ok!(Periodic::cancel_task(origin(ALICE), task));
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_noop!(
				Periodic::dispatch(RuntimeOrigin::root(), task, 0, max_weight())
					.map_err(|e| e.error),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn a_self_funding_task_tops_up_its_pot_counted_once() {
		ExtBuilder::default().build_and_execute(|| {
			let task = 0;
			let call = RuntimeCall::TestTask(test_task::Call::fund_shortfall { task });
			assert_eq!(register(ALICE, call), task);
			// The pot holds 300 of the 1000 that accrue.
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 300));
			advance_secs(600);
			assert_eq!(Periodic::nectar_shortfall(task), 700);
			// The quote counts only what the pot holds now: a caller asking for all 1000 is
			// refused before the call; one asking for the 300 the pot holds is accepted.
			assert_dispatch_noop(KEEPER, task, 1_000, Error::<Test>::InsufficientNectar.into());
			assert_ok!(dispatch(KEEPER, task, 300));
			// Inside the call the shortfall was the 700 this dispatch still needed, and the
			// treasury paid exactly that: the top-up was counted once, and the caller was paid
			// all that accrued.
			System::assert_has_event(
				Event::NectarAdded { task, from: TREASURY, amount: 700 }.into(),
			);
			assert_eq!(balance(TREASURY), ENDOWMENT - 700);
			assert_eq!(balance(KEEPER), ENDOWMENT + 1_000);
			assert_eq!(balance(pot(task)), ED);
			assert_eq!(Ticks::<Test>::get(), 1);
			System::assert_last_event(
				Event::Pollinated { task, caller: KEEPER, paid: 1_000, accrued: 1_000 }.into(),
			);

			// An empty pot: a caller that trusts the task passes `min_nectar` zero, and the
			// treasury pays all of it.
			advance_secs(1_200);
			assert_eq!(Periodic::quote_dispatch(task, 0, TICK_WEIGHT).map(|q| q.payable), Ok(0));
			assert_ok!(dispatch(KEEPER, task, 0));
			assert_eq!(balance(TREASURY), ENDOWMENT - 700 - 2_000);
			assert_eq!(balance(KEEPER), ENDOWMENT + 3_000);
			assert_eq!(balance(pot(task)), ED);
		});
	}

	/// The double-count attack of the original, and why it fails here.
	///
	/// The original's `addNectar` credited `msg.value` to the task's nectar, and `dispatch` then
	/// checked the dispatcher's balance after the call, which included the same `msg.value`
	/// again. All tasks shared that one balance, so a task whose `periodic()` sent X to
	/// `addNectar` was treated as if 2X had arrived and was paid 2X: X of its own, and X of the
	/// other tasks' nectar.
	///
	/// Here MALLORY's task accrues 2000 and its call adds 1000 to its own pot, from its task
	/// account, which MALLORY funded. A naive port that counts the top-up twice would pay 2000.
	/// This pallet looks only at what the pot actually holds after the call (1000), so it pays
	/// at most that: MALLORY, running her own task, ends where she started, and HONEST's pot is
	/// untouched.
	#[test]
	fn a_malicious_task_cannot_double_count_its_top_up() {
		ExtBuilder::default().build_and_execute(|| {
			const MALLORY: AccountId = ALICE;
			let honest = register(BOB, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), honest, 50_000));
			let malicious = 1;
			let top_up =
				RuntimeCall::Periodic(crate::Call::add_nectar { task: malicious, amount: 1_000 });
			assert_eq!(register_with(MALLORY, top_up, TARGET, CYCLES, 2_000), malicious);
			assert_ok!(Balances::transfer_keep_alive(
				origin(MALLORY),
				task_account(malicious),
				5_000
			));
			advance_secs(600);
			assert_eq!(Periodic::task_accrued_nectar(malicious), Some(2_000));

			let mallory = balance(MALLORY);
			let honest_pot = balance(pot(honest));
			// Asking for the doubled 2000 fails, changing nothing.
			assert_dispatch_noop(
				MALLORY,
				malicious,
				2_000,
				Error::<Test>::InsufficientNectar.into(),
			);
			// Asking for nothing pays exactly the 1000 that went in.
			assert_ok!(dispatch(MALLORY, malicious, 0));
			System::assert_last_event(
				Event::Pollinated { task: malicious, caller: MALLORY, paid: 1_000, accrued: 2_000 }
					.into(),
			);
			assert_eq!(balance(MALLORY), mallory + 1_000);
			assert_eq!(balance(task_account(malicious)), 5_000 - 1_000);
			assert_eq!(balance(pot(honest)), honest_pot);
			assert_eq!(balance(pot(malicious)), ED);
		});
	}

	/// A task whose call dispatches itself. The weight `dispatch` declares comes from its
	/// arguments alone, so computing it terminates (an early version decoded the task's call
	/// there and recursed without end); at run time the inner dispatch hits the guard.
	#[test]
	fn a_task_cannot_dispatch_itself() {
		ExtBuilder::default().build_and_execute(|| {
			let task = 0;
			let again = dispatch_call(task, TICK_WEIGHT);
			assert_eq!(register(ALICE, again.clone()), task);
			assert_eq!(again.get_dispatch_info().call_weight, worst_overhead() + TICK_WEIGHT);
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::ReentrantDispatch.into());
			assert_eq!(Periodic::dispatching_task(), None);
		});
	}

	#[test]
	fn a_task_cannot_dispatch_another_task() {
		ExtBuilder::default().build_and_execute(|| {
			let other = register(BOB, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), other, 5_000));
			let task = register(ALICE, dispatch_call(other, TICK_WEIGHT));
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::ReentrantDispatch.into());
		});
	}

	/// A task's call runs as its task account, so it cannot cancel or change its task; but a
	/// call that acts for the owner by other means (a pallet that runs calls the owner signed,
	/// like pay-after's bundles, `dispatch_as` here) still cannot touch the running task.
	#[test]
	fn a_task_cannot_cancel_or_change_itself_while_running() {
		ExtBuilder::default().build_and_execute(|| {
			let as_alice = |call: crate::Call<Test>| {
				RuntimeCall::TestTask(test_task::Call::dispatch_as {
					who: ALICE,
					call: Box::new(RuntimeCall::Periodic(call)),
				})
			};
			let cancel = as_alice(crate::Call::cancel_task { task: 0 });
			assert_eq!(register(ALICE, cancel), 0);
			let change = as_alice(crate::Call::set_task_params {
				task: 1,
				target_secs_per_cycle: 60,
				cycles_per_retarget: 1,
			});
			assert_eq!(register(ALICE, change), 1);
			for task in [0, 1] {
				assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			}
			advance_secs(600);
			assert_dispatch_noop(KEEPER, 0, 0, Error::<Test>::TaskBeingDispatched.into());
			assert_dispatch_noop(KEEPER, 1, 0, Error::<Test>::TaskBeingDispatched.into());
			// Run as the task account, the same calls are simply not the owner's.
			let cancel = RuntimeCall::Periodic(crate::Call::cancel_task { task: 2 });
			assert_eq!(register(ALICE, cancel), 2);
			assert_ok!(Periodic::add_nectar(origin(BOB), 2, 5_000));
			advance_secs(600);
			assert_dispatch_noop(KEEPER, 2, 0, Error::<Test>::NotTaskOwner.into());
		});
	}

	#[test]
	fn a_task_acts_as_its_task_account_not_as_its_owner() {
		ExtBuilder::default().build_and_execute(|| {
			let victim = register(ALICE, tick());
			let cancel = RuntimeCall::Periodic(crate::Call::cancel_task { task: victim });
			let task = register(ALICE, cancel);
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			// The owner's other task is not the task account's to cancel.
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::NotTaskOwner.into());
			assert!(Tasks::<Test>::get(victim).is_some());
		});
	}

	#[test]
	fn the_running_task_is_known_only_while_its_call_runs() {
		ExtBuilder::default().build_and_execute(|| {
			let record = RuntimeCall::TestTask(test_task::Call::record_running {});
			let task = register(ALICE, record.clone());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_eq!(Periodic::dispatching_task(), None);
			assert!(!TaskRunning::<Test>::get());
			// Run as a task: seen.
			assert_ok!(dispatch(KEEPER, task, 0));
			assert_eq!(SeenRunning::<Test>::get(), Some((Some(task), true)));
			// Run directly, even inside a dispatch context: not seen.
			use sp_runtime::traits::Dispatchable;
			assert_ok!(record.dispatch(origin(KEEPER)));
			assert_eq!(SeenRunning::<Test>::get(), Some((None, false)));
			assert_eq!(Periodic::dispatching_task(), None);
			assert!(!TaskRunning::<Test>::get());
		});
	}
}

mod retarget {
	use super::*;

	/// Runs `task` `n` times, `secs` apart, with a well-funded pot.
	fn run(task: TaskId, n: u32, secs: u64) {
		for _ in 0..n {
			advance_secs(secs);
			assert_ok!(dispatch(KEEPER, task, 0));
		}
	}

	fn funded_task() -> TaskId {
		let task = register(ALICE, tick());
		assert_ok!(Periodic::add_nectar(origin(BOB), task, 500_000));
		task
	}

	fn retargets() -> Vec<Event<Test>> {
		periodic_events().into_iter().filter(|e| matches!(e, Event::Retargeted { .. })).collect()
	}

	#[test]
	fn waits_for_the_window_to_close() {
		ExtBuilder::default().build_and_execute(|| {
			let task = funded_task();
			run(task, CYCLES - 1, 300);
			assert!(retargets().is_empty());
			assert_eq!(Tasks::<Test>::get(task).unwrap().cycles_since_retarget, CYCLES - 1);
			assert_eq!(Tasks::<Test>::get(task).unwrap().pay_per_period, PAY);
		});
	}

	#[test]
	fn cuts_the_pay_when_cycles_come_too_fast() {
		ExtBuilder::default().build_and_execute(|| {
			let task = funded_task();
			// 4 cycles of 450 s instead of 600: 1800 of 2400 s.
			run(task, CYCLES, 450);
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: PAY,
					new_pay: 750,
					actual_secs: 1_800,
					expected_secs: 2_400,
				}
				.into(),
			);
			let stored = Tasks::<Test>::get(task).unwrap();
			assert_eq!(stored.pay_per_period, 750);
			assert_eq!(stored.cycles_since_retarget, 0);
			assert_eq!(stored.cycles, 4);
			assert_eq!(stored.last_retarget_secs, now_secs());
			// The next window starts from here.
			run(task, CYCLES, 600);
			assert_eq!(
				retargets().last(),
				Some(&Event::Retargeted {
					task,
					old_pay: 750,
					new_pay: 750,
					actual_secs: 2_400,
					expected_secs: 2_400
				})
			);
		});
	}

	#[test]
	fn raises_the_pay_when_cycles_come_too_slowly() {
		ExtBuilder::default().build_and_execute(|| {
			let task = funded_task();
			run(task, CYCLES, 900);
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: PAY,
					new_pay: 1_500,
					actual_secs: 3_600,
					expected_secs: 2_400,
				}
				.into(),
			);
		});
	}

	#[test]
	fn at_most_halves_the_pay() {
		ExtBuilder::default().build_and_execute(|| {
			let task = funded_task();
			run(task, CYCLES, 60);
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: PAY,
					new_pay: 500,
					actual_secs: 240,
					expected_secs: 2_400,
				}
				.into(),
			);
		});
	}

	#[test]
	fn at_most_doubles_the_pay() {
		ExtBuilder::default().build_and_execute(|| {
			let task = funded_task();
			run(task, CYCLES, 6_000);
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: PAY,
					new_pay: 2_000,
					actual_secs: 24_000,
					expected_secs: 2_400,
				}
				.into(),
			);
		});
	}

	/// The worked example of the README, step by step.
	#[test]
	fn the_readme_worked_example() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_eq!(balance(ALICE), ENDOWMENT - TASK_DEPOSIT - ED);
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			// A pollinator whose cost is 700 runs the task as soon as that accrues: 750 after
			// 450 s (1000 × 450 / 600).
			for _ in 0..3 {
				advance_secs(450);
				assert_ok!(dispatch(KEEPER, task, 700));
			}
			assert_eq!(Periodic::nectar_available(task), 2_750);
			advance_secs(450);
			assert_ok!(dispatch(KEEPER, task, 700));
			assert_eq!(Periodic::nectar_available(task), 2_000);
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: 1_000,
					new_pay: 750,
					actual_secs: 1_800,
					expected_secs: 2_400,
				}
				.into(),
			);
			assert_eq!(balance(KEEPER), ENDOWMENT + 4 * 750);
			// 750 per 600 s: 700 accrues after 560 s.
			assert_eq!(power_primitives::periodic::secs_until_accrued(750, 600, 700), Some(560));
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 10_000));
			for _ in 0..4 {
				advance_secs(560);
				assert_ok!(dispatch(KEEPER, task, 700));
				System::assert_has_event(
					Event::Pollinated { task, caller: KEEPER, paid: 700, accrued: 700 }.into(),
				);
			}
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: 750,
					new_pay: 700,
					actual_secs: 2_240,
					expected_secs: 2_400,
				}
				.into(),
			);
			// 700 per 600 s: on target from now on.
			assert_eq!(power_primitives::periodic::secs_until_accrued(700, 600, 700), Some(600));
			let alice = balance(ALICE);
			let pot_balance = balance(pot(task));
			assert_ok!(Periodic::cancel_task(origin(ALICE), task));
			assert_eq!(balance(ALICE), alice + pot_balance + TASK_DEPOSIT);
		});
	}

	#[test]
	fn the_pay_never_reaches_zero() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register_with(ALICE, tick(), TARGET, 1, 1);
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			// 1 accrues in 600 s; then the target becomes the longest, and the one-run window
			// closes 600 s into an expected MAX_TARGET: the pay would halve to 0, and stays 1.
			advance_secs(600);
			assert_ok!(Periodic::set_task_params(origin(ALICE), task, MAX_TARGET, 1));
			assert_ok!(dispatch(KEEPER, task, 1));
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: 1,
					new_pay: 1,
					actual_secs: 600,
					expected_secs: MAX_TARGET,
				}
				.into(),
			);
			assert_eq!(Tasks::<Test>::get(task).unwrap().pay_per_period, 1);
		});
	}

	#[test]
	fn each_run_is_judged_against_the_target_in_force_when_it_ran() {
		ExtBuilder::default().build_and_execute(|| {
			let task = funded_task();
			// Two runs at 600 s against a 600 s target ...
			run(task, 2, 600);
			// ... then two at 300 s against a 300 s target: on target all along.
			assert_ok!(Periodic::set_task_params(origin(ALICE), task, 300, CYCLES));
			run(task, 2, 300);
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: PAY,
					new_pay: PAY,
					actual_secs: 1_800,
					expected_secs: 1_800,
				}
				.into(),
			);
		});
	}
}

mod cancel_task {
	use super::*;

	#[test]
	fn returns_the_pot_and_the_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			assert_ok!(Periodic::cancel_task(origin(ALICE), task));
			assert!(Tasks::<Test>::get(task).is_none());
			assert_eq!(held(ALICE), 0);
			// ALICE gets the existential deposit she seeded the pot with, and BOB's nectar.
			assert_eq!(balance(ALICE), ENDOWMENT + 5_000);
			// The pot is reaped.
			assert_eq!(Balances::total_balance(&pot(task)), 0);
			assert!(!System::account_exists(&pot(task)));
			System::assert_last_event(
				Event::TaskCancelled {
					task,
					owner: ALICE,
					refunded: ED + 5_000,
					swept: 0,
					deposit: TASK_DEPOSIT,
				}
				.into(),
			);
			// The task is gone for good.
			assert_noop!(Periodic::add_nectar(origin(BOB), task, 100), Error::<Test>::TaskNotFound);
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::TaskNotFound.into());
		});
	}

	#[test]
	fn sweeps_the_task_accounts_free_balance_to_the_owner() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Balances::transfer_keep_alive(origin(BOB), task_account(task), 700));
			let alice = balance(ALICE);
			assert_ok!(Periodic::cancel_task(origin(ALICE), task));
			assert_eq!(balance(ALICE), alice + ED + 700 + TASK_DEPOSIT);
			assert!(!System::account_exists(&task_account(task)));
			System::assert_last_event(
				Event::TaskCancelled {
					task,
					owner: ALICE,
					refunded: ED,
					swept: 700,
					deposit: TASK_DEPOSIT,
				}
				.into(),
			);
		});
	}

	#[test]
	fn leaves_what_the_task_account_holds_for_its_own_tasks() {
		ExtBuilder::default().build_and_execute(|| {
			// The task's call registers a task owned by the task account, with a deposit held
			// from it: that deposit (and the existential deposit it keeps alive) stays.
			let task = 0;
			let sub = RuntimeCall::Periodic(crate::Call::register_task {
				call: Box::new(tick()),
				target_secs_per_cycle: TARGET,
				cycles_per_retarget: CYCLES,
				initial_pay_per_period: PAY,
			});
			assert_eq!(register(ALICE, sub), task);
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			assert_ok!(Balances::transfer_keep_alive(origin(ALICE), task_account(task), 1_000));
			advance_secs(600);
			assert_ok!(dispatch(KEEPER, task, 0));
			assert_eq!(Tasks::<Test>::get(1).unwrap().owner, task_account(task));
			// 1000 - 100 (deposit) - 10 (the sub-task's pot) = 890 free, of which the
			// existential deposit must stay while the deposit is held.
			assert_ok!(Periodic::cancel_task(origin(ALICE), task));
			System::assert_last_event(
				Event::TaskCancelled {
					task,
					owner: ALICE,
					refunded: ED + 4_000,
					swept: 890 - ED,
					deposit: TASK_DEPOSIT,
				}
				.into(),
			);
			assert_eq!(held(task_account(task)), TASK_DEPOSIT);
			assert_eq!(balance(task_account(task)), ED);
		});
	}

	#[test]
	fn fails_for_someone_else() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_noop!(Periodic::cancel_task(origin(BOB), task), Error::<Test>::NotTaskOwner);
		});
	}

	#[test]
	fn fails_for_an_unknown_task() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(Periodic::cancel_task(origin(ALICE), 0), Error::<Test>::TaskNotFound);
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_noop!(
				Periodic::cancel_task(RuntimeOrigin::root(), task),
				DispatchError::BadOrigin
			);
		});
	}
}

mod set_task_params {
	use super::*;

	#[test]
	fn changes_the_params_from_now_on() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 500_000));
			for _ in 0..3 {
				advance_secs(600);
				assert_ok!(dispatch(KEEPER, task, 0));
			}
			// 300 s into the fourth cycle, 500 accrued at 1000 per 600 s.
			advance_secs(300);
			assert_ok!(Periodic::set_task_params(origin(ALICE), task, 120, 5));
			System::assert_last_event(
				Event::TaskParamsSet {
					task,
					target_secs_per_cycle: 120,
					cycles_per_retarget: 5,
					nectar_carried: 500,
				}
				.into(),
			);
			let stored = Tasks::<Test>::get(task).unwrap();
			assert_eq!(stored.target_secs_per_cycle, 120);
			assert_eq!(stored.cycles_per_retarget, 5);
			// The window goes on.
			assert_eq!(stored.cycles_since_retarget, 3);
			assert_eq!(stored.window_expected_secs, 3 * 600);
			assert_eq!(stored.last_retarget_secs, GENESIS_SECS);
			assert_eq!(stored.nectar_carried, 500);
			assert_eq!(stored.accruing_since_secs, now_secs());
			assert_eq!(stored.cycles, 3);
			// 120 s later: the 500 kept, and 1000 more at 1000 per 120 s.
			advance_secs(120);
			assert_eq!(Periodic::task_accrued_nectar(task), Some(1_500));
			assert_ok!(dispatch(KEEPER, task, 1_500));
			// Two more runs close the window of 5: three runs against 600 s and two against
			// 120 s, in 1800 + 420 + 120 = 2340 s; expected 2040 s.
			advance_secs(120);
			assert_ok!(dispatch(KEEPER, task, 0));
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: PAY,
					new_pay: PAY * 2_340 / 2_040,
					actual_secs: 2_340,
					expected_secs: 2_040,
				}
				.into(),
			);
		});
	}

	#[test]
	fn closes_a_window_that_already_holds_the_new_number_of_runs() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 500_000));
			for _ in 0..3 {
				advance_secs(300);
				assert_ok!(dispatch(KEEPER, task, 0));
			}
			let last_run = now_secs();
			advance_secs(60);
			// A window of 2: the three runs close it, at the last run.
			assert_ok!(Periodic::set_task_params(origin(ALICE), task, TARGET, 2));
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: PAY,
					new_pay: PAY / 2,
					actual_secs: 900,
					expected_secs: 1_800,
				}
				.into(),
			);
			let stored = Tasks::<Test>::get(task).unwrap();
			assert_eq!(stored.cycles_since_retarget, 0);
			assert_eq!(stored.window_expected_secs, 0);
			assert_eq!(stored.last_retarget_secs, last_run);
			// The 60 s since the last run accrued at the old pay, and are kept.
			assert_eq!(stored.nectar_carried, 100);
			assert_eq!(stored.pay_per_period, PAY / 2);
		});
	}

	#[test]
	fn in_the_block_of_a_run_carries_nothing_and_does_not_block_the_next_run() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 500_000));
			advance_secs(600);
			assert_ok!(dispatch(KEEPER, task, 0));
			assert_ok!(Periodic::set_task_params(origin(ALICE), task, 300, CYCLES));
			assert_eq!(Tasks::<Test>::get(task).unwrap().nectar_carried, 0);
			// Changing the parameters twice in a block changes nothing more.
			assert_ok!(Periodic::set_task_params(origin(ALICE), task, 300, CYCLES));
			advance_secs(300);
			assert_ok!(dispatch(KEEPER, task, 1_000));
		});
	}

	#[test]
	fn fails_for_someone_else() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_noop!(
				Periodic::set_task_params(origin(BOB), task, 120, 2),
				Error::<Test>::NotTaskOwner
			);
		});
	}

	#[test]
	fn fails_for_an_unknown_task() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Periodic::set_task_params(origin(ALICE), 0, 120, 2),
				Error::<Test>::TaskNotFound
			);
		});
	}

	#[test]
	fn fails_for_params_out_of_range() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_noop!(
				Periodic::set_task_params(origin(ALICE), task, MIN_TARGET - 1, 2),
				Error::<Test>::TargetSecsPerCycleOutOfRange
			);
			assert_noop!(
				Periodic::set_task_params(origin(ALICE), task, MAX_TARGET + 1, 2),
				Error::<Test>::TargetSecsPerCycleOutOfRange
			);
			assert_noop!(
				Periodic::set_task_params(origin(ALICE), task, 120, 0),
				Error::<Test>::CyclesPerRetargetOutOfRange
			);
			assert_noop!(
				Periodic::set_task_params(origin(ALICE), task, 120, MAX_CYCLES + 1),
				Error::<Test>::CyclesPerRetargetOutOfRange
			);
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_noop!(
				Periodic::set_task_params(RuntimeOrigin::none(), task, 120, 2),
				DispatchError::BadOrigin
			);
		});
	}
}

mod try_state {
	use super::*;

	#[test]
	fn catches_a_reaped_pot() {
		ExtBuilder::default().build().execute_with(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::do_try_state());
			frame_system::Account::<Test>::remove(pot(task));
			assert!(Periodic::do_try_state().is_err());
		});
	}

	#[test]
	fn catches_inconsistent_counters() {
		ExtBuilder::default().build().execute_with(|| {
			let task = register(ALICE, tick());
			Tasks::<Test>::mutate(task, |t| t.as_mut().unwrap().cycles_since_retarget = CYCLES);
			assert!(Periodic::do_try_state().is_err());
		});
	}

	#[test]
	fn catches_a_missing_deposit() {
		ExtBuilder::default().build().execute_with(|| {
			let task = register(ALICE, tick());
			Tasks::<Test>::mutate(task, |t| t.as_mut().unwrap().deposit = 1);
			assert!(Periodic::do_try_state().is_err());
		});
	}

	#[test]
	fn catches_an_inconsistent_window() {
		ExtBuilder::default().build().execute_with(|| {
			let task = register(ALICE, tick());
			// An empty window that expects time.
			Tasks::<Test>::mutate(task, |t| t.as_mut().unwrap().window_expected_secs = 1);
			assert!(Periodic::do_try_state().is_err());
			// A window of one run that expects no time.
			Tasks::<Test>::mutate(task, |t| {
				let t = t.as_mut().unwrap();
				t.window_expected_secs = 0;
				t.cycles = 1;
				t.cycles_since_retarget = 1;
			});
			assert!(Periodic::do_try_state().is_err());
		});
	}

	#[test]
	fn catches_inconsistent_accrual() {
		ExtBuilder::default().build().execute_with(|| {
			let task = register(ALICE, tick());
			// Nectar carried over although nothing changed since the last run.
			Tasks::<Test>::mutate(task, |t| t.as_mut().unwrap().nectar_carried = 1);
			assert!(Periodic::do_try_state().is_err());
			// Accruing from before the last run.
			Tasks::<Test>::mutate(task, |t| {
				let t = t.as_mut().unwrap();
				t.nectar_carried = 0;
				t.accruing_since_secs -= 1;
			});
			assert!(Periodic::do_try_state().is_err());
			// Accruing from the future.
			Tasks::<Test>::mutate(task, |t| t.as_mut().unwrap().accruing_since_secs += 2);
			assert!(Periodic::do_try_state().is_err());
		});
	}

	#[test]
	fn catches_a_window_that_starts_after_the_last_run() {
		ExtBuilder::default().build().execute_with(|| {
			let task = register(ALICE, tick());
			Tasks::<Test>::mutate(task, |t| t.as_mut().unwrap().last_retarget_secs += 1);
			assert!(Periodic::do_try_state().is_err());
		});
	}
}

mod proptests {
	use super::*;
	use proptest::prelude::*;

	const ACCOUNTS: [AccountId; 4] = [ALICE, BOB, CHARLIE, KEEPER];

	#[derive(Debug, Clone)]
	enum Op {
		Register {
			owner: usize,
			call: u8,
			target: u64,
			cycles: u32,
			pay: Balance,
		},
		AddNectar {
			from: usize,
			task: TaskId,
			amount: Balance,
		},
		/// Dispatch `task`, declaring the call's current weight, or (if `enough_weight` is
		/// false) nothing for it.
		Dispatch {
			caller: usize,
			task: TaskId,
			min: Balance,
			enough_weight: bool,
		},
		/// Fund `task`'s task account with a plain transfer.
		FundTaskAccount {
			from: usize,
			task: TaskId,
			amount: Balance,
		},
		/// Cancel `task`, as its owner or (if `as_owner` is false or it has none) as `who`.
		Cancel {
			as_owner: bool,
			who: usize,
			task: TaskId,
		},
		SetParams {
			as_owner: bool,
			who: usize,
			task: TaskId,
			target: u64,
			cycles: u32,
		},
		Advance(u64),
	}

	/// The calls a task may store: ordinary, self-funding, failing, malicious (topping up its
	/// own pot from its task account), re-entrant, self-cancelling, spending (from its task
	/// account), and acting for its owner by other means (`dispatch_as`).
	fn call(kind: u8, task: TaskId, owner: AccountId) -> RuntimeCall {
		match kind {
			0..=2 => tick(),
			3 => RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: BOB,
				value: 77,
			}),
			4..=5 => RuntimeCall::TestTask(test_task::Call::fund_shortfall { task }),
			6 => RuntimeCall::TestTask(test_task::Call::fail {}),
			7 => RuntimeCall::Periodic(crate::Call::add_nectar { task, amount: 500 }),
			8 => dispatch_call(task, TICK_WEIGHT),
			9 => RuntimeCall::Periodic(crate::Call::cancel_task { task }),
			_ => RuntimeCall::TestTask(test_task::Call::dispatch_as {
				who: owner,
				call: Box::new(RuntimeCall::Periodic(crate::Call::cancel_task { task })),
			}),
		}
	}

	fn op() -> impl Strategy<Value = Op> {
		let who = 0..ACCOUNTS.len();
		let task = 0u32..5;
		// Mostly valid parameters, sometimes out of range.
		let target = prop_oneof![8 => MIN_TARGET..1_200, 1 => 0..MIN_TARGET];
		let cycles = prop_oneof![8 => 1u32..4, 1 => Just(0u32)];
		let as_owner = prop::bool::weighted(0.8);
		prop_oneof![
			2 => (who.clone(), 0u8..11, target.clone(), cycles.clone(), 0u64..500).prop_map(
				|(owner, call, target, cycles, pay)| Op::Register { owner, call, target, cycles, pay }
			),
			2 => (who.clone(), task.clone(), 0u64..20_000)
				.prop_map(|(from, task, amount)| Op::AddNectar { from, task, amount }),
			4 => (
				who.clone(),
				task.clone(),
				prop_oneof![3 => Just(0u64), 1 => 0u64..2_000],
				prop::bool::weighted(0.9),
			)
				.prop_map(|(caller, task, min, enough_weight)| Op::Dispatch {
					caller,
					task,
					min,
					enough_weight
				}),
			1 => (who.clone(), task.clone(), 0u64..2_000)
				.prop_map(|(from, task, amount)| Op::FundTaskAccount { from, task, amount }),
			1 => (as_owner, who.clone(), task.clone())
				.prop_map(|(as_owner, who, task)| Op::Cancel { as_owner, who, task }),
			1 => (as_owner, who, task, target, cycles).prop_map(
				|(as_owner, who, task, target, cycles)| Op::SetParams {
					as_owner, who, task, target, cycles
				}
			),
			3 => (0u64..1_500).prop_map(Op::Advance),
		]
	}

	/// `task`'s owner if `as_owner` and it has one, else `ACCOUNTS[who]`.
	fn signer(as_owner: bool, who: usize, task: TaskId) -> AccountId {
		Tasks::<Test>::get(task).filter(|_| as_owner).map_or(ACCOUNTS[who], |t| t.owner)
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		#[test]
		fn invariants_hold_after_every_step(ops in proptest::collection::vec(op(), 1..40)) {
			ExtBuilder::default().build_and_execute(|| {
				// Four tasks to start with, so most operations find one: an ordinary funded
				// task, a self-funding task, a malicious one and a spending one, the last two
				// with funded task accounts.
				register(ALICE, call(0, 0, ALICE));
				assert_ok!(Periodic::add_nectar(origin(BOB), 0, 10_000));
				register(BOB, call(4, 1, BOB));
				register(CHARLIE, call(7, 2, CHARLIE));
				register(ALICE, call(3, 3, ALICE));
				for task in [2, 3] {
					assert_ok!(Balances::transfer_keep_alive(
						origin(CHARLIE),
						task_account(task),
						1_000
					));
				}
				let issuance = Balances::total_issuance();
				// When each task last ran.
				let mut runs: Vec<(TaskId, u64)> = Vec::new();
				for op in ops {
					let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
					let before: Vec<Balance> = ACCOUNTS.iter().map(|a| balance(*a)).collect();
					let result = match op.clone() {
						Op::Register { owner, call: kind, target, cycles, pay } => {
							let next = NextTaskId::<Test>::get();
							Periodic::register_task(
								origin(ACCOUNTS[owner]),
								Box::new(call(kind, next, ACCOUNTS[owner])),
								target,
								cycles,
								pay,
							)
						},
						Op::AddNectar { from, task, amount } =>
							Periodic::add_nectar(origin(ACCOUNTS[from]), task, amount),
						Op::FundTaskAccount { from, task, amount } =>
							Balances::transfer_keep_alive(
								origin(ACCOUNTS[from]),
								task_account(task),
								amount,
							),
						Op::Dispatch { caller, task, min, enough_weight } => {
							let weight = if enough_weight {
								Periodic::task_quote(task)
									.map_or(Weight::zero(), |q| q.call_weight)
							} else {
								Weight::zero()
							};
							let quote = Periodic::quote_dispatch(task, min, weight);
							let result = Periodic::dispatch(
								origin(ACCOUNTS[caller]),
								task,
								min,
								weight,
							);
							if let Ok(post) = &result {
								// Charged at most what was declared.
								let declared = RuntimeCall::Periodic(crate::Call::dispatch {
									task,
									min_nectar: min,
									max_call_weight: weight,
								})
								.get_dispatch_info()
								.call_weight;
								assert!(post.actual_weight.unwrap().all_lte(declared));
								// At most one run per task and second.
								assert!(!runs.contains(&(task, now_secs())), "ran twice at once");
								runs.push((task, now_secs()));
								// The quote passed too, and the dispatch paid at least what it
								// quoted.
								let quoted =
									quote.clone().expect("a dispatch that passes was quoted");
								assert!(
									balance(ACCOUNTS[caller]) >= before[caller] + quoted.payable
								);
								// Nobody but the caller lost money to the task.
								for (i, who) in ACCOUNTS.iter().enumerate() {
									if i != caller {
										assert!(balance(*who) >= before[i], "a task spent {who:?}'s money");
									}
								}
							}
							// A quote that fails means a dispatch that fails, the same way,
							// unless the call itself is what failed.
							if let Err(e) = &quote {
								assert_eq!(result.as_ref().map_err(|r| r.error), Err(*e));
							}
							result.map(|_| ()).map_err(|e| e.error)
						},
						Op::Cancel { as_owner, who, task } =>
							Periodic::cancel_task(origin(signer(as_owner, who, task)), task),
						Op::SetParams { as_owner, who, task, target, cycles } =>
							Periodic::set_task_params(
								origin(signer(as_owner, who, task)),
								task,
								target,
								cycles,
							),
						Op::Advance(secs) => {
							advance_secs(secs);
							Ok(())
						},
					};
					if result.is_err() {
						// A failed call changes nothing.
						assert_eq!(
							root,
							sp_io::storage::root(sp_runtime::StateVersion::V1),
							"{op:?} failed with {result:?} but changed storage"
						);
					}
					// No money is made or lost.
					assert_eq!(Balances::total_issuance(), issuance);
					Periodic::do_try_state().expect("invariants hold after every step");
				}
			});
		}
	}
}

/// The attacks of the issue. Each test failed on the code before its fix (the failures are
/// quoted in the commit message) and passes since.
mod attacks {
	use super::*;
	use sp_runtime::traits::Dispatchable;

	/// `batch_all([register_task(heavy), dispatch(NextTaskId), cancel_task(NextTaskId)])`.
	///
	/// Before: `dispatch` declared the weight stored with the task, read from storage when the
	/// extrinsic's weight was computed, before the batch registered the task: the bare
	/// overhead. The heavy call then ran unpaid (the test failed with "the heavy call ran in a
	/// batch that declared Weight { ref_time: 1958452993, proof_size: 18588 }", short of its
	/// 90 000 bytes of proof size).
	///
	/// Now `dispatch` declares `max_call_weight` from its arguments: declaring too little is
	/// refused before the call runs (`MaxCallWeightTooLow`), and declaring enough pays for it.
	/// (A dispatch in the block of the registration is refused anyway, `NoTimeElapsed`: the
	/// second case checks the weight of that failed batch, and the last one a batch in a later
	/// block.)
	#[test]
	fn a_batch_cannot_run_a_task_heavier_than_it_declared() {
		ExtBuilder::default().build_and_execute(|| {
			let bulky = RuntimeCall::TestTask(test_task::Call::bulky {});
			let batch = |calls| RuntimeCall::TestTask(test_task::Call::batch_all { calls });
			// Runs `batch` as ALICE; checks it used no more than it declared, and that the
			// heavy call ran only if the batch declared its weight.
			let run = |batch: RuntimeCall| {
				let declared = batch.get_dispatch_info().call_weight;
				let ticks = Ticks::<Test>::get();
				let result = batch.dispatch(origin(ALICE));
				let used = match &result {
					Ok(post) => post.actual_weight,
					Err(e) => e.post_info.actual_weight,
				}
				.unwrap_or(declared);
				assert!(
					Ticks::<Test>::get() == ticks || declared.all_gte(BULKY_WEIGHT),
					"the heavy call ran in a batch that declared {declared:?}"
				);
				assert!(used.all_lte(declared), "used {used:?}, declared {declared:?}");
				result.map(|_| ()).map_err(|e| e.error)
			};
			let register_bulky = RuntimeCall::Periodic(crate::Call::register_task {
				call: Box::new(bulky),
				target_secs_per_cycle: TARGET,
				cycles_per_retarget: CYCLES,
				initial_pay_per_period: PAY,
			});
			let next = NextTaskId::<Test>::get();
			let cancel = RuntimeCall::Periodic(crate::Call::cancel_task { task: next });
			for (max_call_weight, error) in [
				(Weight::zero(), Error::<Test>::MaxCallWeightTooLow),
				(BULKY_WEIGHT, Error::<Test>::NoTimeElapsed),
			] {
				assert_eq!(
					run(batch(vec![
						register_bulky.clone(),
						dispatch_call(next, max_call_weight),
						cancel.clone(),
					])),
					Err(error.into())
				);
				assert_eq!(Ticks::<Test>::get(), 0);
				assert!(Tasks::<Test>::get(next).is_none());
			}
			// Registered in one block, run by a batch in the next.
			assert_ok!(run(register_bulky));
			assert_ok!(Periodic::add_nectar(origin(BOB), next, 5_000));
			advance_secs(600);
			assert_eq!(
				run(batch(vec![dispatch_call(next, Weight::zero())])),
				Err(Error::<Test>::MaxCallWeightTooLow.into())
			);
			assert_ok!(run(batch(vec![dispatch_call(next, BULKY_WEIGHT)])));
			assert_eq!(Ticks::<Test>::get(), 1);
		});
	}

	/// Two dispatches in one block. Before: the second counted a cycle for no time and no pay
	/// (the test failed: 2 cycles instead of 1). Now: `NoTimeElapsed`.
	#[test]
	fn two_dispatches_in_one_block_count_one_cycle() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_ok!(dispatch(KEEPER, task, 0));
			assert_dispatch_noop(CHARLIE, task, 0, Error::<Test>::NoTimeElapsed.into());
			assert_eq!(Tasks::<Test>::get(task).unwrap().cycles, 1);
			assert_eq!(Ticks::<Test>::get(), 1);
		});
	}

	/// A window of two cycles closed by spamming dispatches in one block. Before: the window
	/// closed, and the pay was halved by a window that took no time (the test failed: 5 cycles
	/// instead of 1). Now only the first dispatch of the block counts.
	#[test]
	fn a_retarget_window_cannot_close_within_one_block() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register_with(ALICE, tick(), TARGET, 2, PAY);
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_ok!(dispatch(KEEPER, task, 0));
			for _ in 0..4 {
				assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::NoTimeElapsed.into());
			}
			let stored = Tasks::<Test>::get(task).unwrap();
			assert_eq!(stored.cycles, 1);
			assert_eq!(stored.pay_per_period, PAY);
			assert!(!periodic_events().iter().any(|e| matches!(e, Event::Retargeted { .. })));
		});
	}

	/// A task whose call transfers from whoever it runs as. Before: it ran as its owner, so
	/// anyone could run it again and again out of the owner's account (the test failed: ALICE
	/// lost 231). Now it runs as its task account, which ALICE never funded: every run fails
	/// and ALICE keeps her money.
	#[test]
	fn a_task_cannot_spend_its_owners_money() {
		ExtBuilder::default().build_and_execute(|| {
			let pay_bob = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: BOB,
				value: 77,
			});
			let task = register(ALICE, pay_bob);
			assert_ok!(Periodic::add_nectar(origin(CHARLIE), task, 50_000));
			let alice = balance(ALICE);
			for _ in 0..3 {
				advance_secs(600);
				assert_dispatch_noop(
					KEEPER,
					task,
					0,
					DispatchError::Token(TokenError::FundsUnavailable),
				);
			}
			assert_eq!(balance(ALICE), alice, "the task spent its owner's money");
		});
	}

	/// The owner changes the target after nectar accrued. Before: what accrued under the old
	/// parameters was recomputed under the new ones (the test failed: 50 instead of 500). Now
	/// it is carried over.
	#[test]
	fn set_task_params_keeps_the_nectar_accrued() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 50_000));
			advance_secs(300);
			assert_eq!(Periodic::task_accrued_nectar(task), Some(500));
			assert_ok!(Periodic::set_task_params(origin(ALICE), task, 6_000, CYCLES));
			assert_eq!(Periodic::task_accrued_nectar(task), Some(500));
			advance_secs(600);
			// 500 kept, and 1000 × 600 / 6000 = 100 since.
			assert_eq!(Periodic::task_accrued_nectar(task), Some(600));
			assert_ok!(dispatch(KEEPER, task, 600));
			System::assert_last_event(
				Event::Pollinated { task, caller: KEEPER, paid: 600, accrued: 600 }.into(),
			);
		});
	}

	/// The owner sets the same parameters just before each retarget. Before: the window
	/// restarted each time and never closed, so the pay never went down although the cycles
	/// came 10× too fast (the test failed: no `Retargeted` event). Now the window goes on.
	#[test]
	fn set_task_params_cannot_postpone_retargets() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 500_000));
			for _ in 0..3 {
				for _ in 0..CYCLES - 1 {
					advance_secs(60);
					assert_ok!(dispatch(KEEPER, task, 0));
				}
				assert_ok!(Periodic::set_task_params(origin(ALICE), task, TARGET, CYCLES));
			}
			System::assert_has_event(
				Event::Retargeted {
					task,
					old_pay: PAY,
					new_pay: PAY / 2,
					actual_secs: 240,
					expected_secs: 2_400,
				}
				.into(),
			);
		});
	}

	/// A pot that holds less than the nectar accrued. Before: the dispatch failed until
	/// someone funded the whole backlog (the test failed with `InsufficientNectar`). Now it
	/// pays what the pot holds.
	#[test]
	fn a_dry_pot_pays_what_it_has() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 300));
			advance_secs(600);
			assert_eq!(Periodic::task_accrued_nectar(task), Some(1_000));
			assert_ok!(dispatch(KEEPER, task, 300));
			assert_eq!(balance(KEEPER), ENDOWMENT + 300);
			assert_eq!(balance(pot(task)), ED);
			System::assert_last_event(
				Event::Pollinated { task, caller: KEEPER, paid: 300, accrued: 1_000 }.into(),
			);
		});
	}
}
