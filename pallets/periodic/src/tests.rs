//! Tests of the periodic pallet. Every test ends with `try_state` (see `build_and_execute`).

use crate::{
	mock::{test_task::*, *},
	weights::WeightInfo,
	DispatchingTask, Error, Event, HoldReason, NextTaskId, TaskId, Tasks,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::fungible::{Inspect, InspectHold},
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

/// Runs `task` as `caller`, asserting it fails with `error` and changes nothing.
fn assert_dispatch_noop(caller: AccountId, task: TaskId, min: Balance, error: DispatchError) {
	assert_noop!(Periodic::dispatch(origin(caller), task, min).map_err(|e| e.error), error);
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
			assert_eq!(stored.last_cycle_secs, GENESIS_SECS);
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
	fn ids_are_sequential_and_every_task_has_its_own_pot() {
		ExtBuilder::default().build_and_execute(|| {
			let a = register(ALICE, tick());
			let b = register(ALICE, tick());
			let c = register(BOB, tick());
			assert_eq!((a, b, c), (0, 1, 2));
			assert_ne!(pot(a), pot(b));
			assert_ne!(pot(b), pot(c));
			assert_ne!(pot(a), pot(c));
			assert_eq!(held(ALICE), 2 * TASK_DEPOSIT);
			assert_eq!(held(BOB), TASK_DEPOSIT);
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
			assert_eq!(Periodic::nectar_available(3), 0);
			assert_eq!(Periodic::nectar_shortfall(3), 0);
			let task = register(ALICE, tick());
			assert_eq!(Periodic::task_info(task), Tasks::<Test>::get(task));
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
			let post = Periodic::dispatch(origin(KEEPER), task, 1_000).unwrap();
			assert_eq!(Ticks::<Test>::get(), 1);
			assert_eq!(balance(KEEPER), ENDOWMENT + 1_000);
			assert_eq!(Periodic::nectar_available(task), 4_000);
			let stored = Tasks::<Test>::get(task).unwrap();
			assert_eq!(stored.cycles, 1);
			assert_eq!(stored.cycles_since_retarget, 1);
			assert_eq!(stored.last_cycle_secs, now_secs());
			assert_eq!(Periodic::task_accrued_nectar(task), Some(0));
			System::assert_last_event(
				Event::Pollinated { task, caller: KEEPER, paid: 1_000 }.into(),
			);
			// The weight used: the overhead plus what the call reported.
			assert_eq!(post.actual_weight, Some(overhead(&tick()) + TICK_ACTUAL_WEIGHT));
		});
	}

	#[test]
	fn declares_the_overhead_plus_the_calls_weight() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			let info = RuntimeCall::Periodic(crate::Call::dispatch { task, min_nectar: 0 })
				.get_dispatch_info();
			assert_eq!(info.call_weight, overhead(&tick()) + TICK_WEIGHT);
			// An unknown task declares the bare overhead.
			let info = RuntimeCall::Periodic(crate::Call::dispatch { task: 9, min_nectar: 0 })
				.get_dispatch_info();
			assert_eq!(info.call_weight, <() as WeightInfo>::dispatch(0));
			assert_eq!(Tasks::<Test>::get(task).unwrap().call_weight, TICK_WEIGHT);
		});
	}

	#[test]
	fn pays_only_what_accrued_since_the_last_run() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 0));
			advance_secs(60);
			assert_ok!(Periodic::dispatch(origin(CHARLIE), task, 0));
			assert_eq!(balance(CHARLIE), ENDOWMENT + 100);
			System::assert_last_event(
				Event::Pollinated { task, caller: CHARLIE, paid: 100 }.into(),
			);
		});
	}

	#[test]
	fn may_run_at_any_time_for_no_pay() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 0));
			assert_eq!(Ticks::<Test>::get(), 1);
			assert_eq!(balance(KEEPER), ENDOWMENT);
			System::assert_last_event(Event::Pollinated { task, caller: KEEPER, paid: 0 }.into());
		});
	}

	#[test]
	fn fails_below_min_nectar() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(300);
			assert_dispatch_noop(KEEPER, task, 501, Error::<Test>::AccruedBelowMinNectar.into());
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 500));
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
			let err = Periodic::dispatch(origin(KEEPER), task, 0).unwrap_err();
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
	fn the_call_runs_as_the_owner() {
		ExtBuilder::default().build_and_execute(|| {
			// A task that moves the owner's money: only the owner could have consented to it.
			let pay_bob = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: BOB,
				value: 77,
			});
			let task = register(ALICE, pay_bob);
			let alice = balance(ALICE);
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 0));
			assert_eq!(balance(ALICE), alice - 77);
			assert_eq!(balance(BOB), ENDOWMENT + 77);
		});
	}

	#[test]
	fn fails_when_the_pot_cannot_pay() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 999));
			advance_secs(600);
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::InsufficientNectar.into());
			assert_eq!(Ticks::<Test>::get(), 0);
		});
	}

	#[test]
	fn paying_everything_keeps_the_pot_alive() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 1_000));
			advance_secs(600);
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 1_000));
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
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 5));
			assert_eq!(balance(KEEPER), ENDOWMENT + 5);
		});
	}

	#[test]
	fn fails_for_an_unknown_task() {
		ExtBuilder::default().build_and_execute(|| {
			assert_dispatch_noop(KEEPER, 0, 0, Error::<Test>::TaskNotFound.into());
			let err = Periodic::dispatch(origin(KEEPER), 0, 0).unwrap_err();
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
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::CallUndecodable.into());
			let err = Periodic::dispatch(origin(KEEPER), task, 0).unwrap_err();
			assert_eq!(err.post_info.actual_weight, Some(<() as WeightInfo>::dispatch(2)));
			// Nor can its parameters be set: that re-computes the call's weight.
			assert_noop!(
				Periodic::set_task_params(origin(ALICE), task, TARGET, CYCLES),
				Error::<Test>::CallUndecodable
			);
			// Cancelling still works.
			assert_ok!(Periodic::cancel_task(origin(ALICE), task));
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_noop!(
				Periodic::dispatch(RuntimeOrigin::root(), task, 0).map_err(|e| e.error),
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
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 1_000));
			// Inside the call the shortfall was the 700 this dispatch still needed, and the
			// treasury paid exactly that: the top-up was counted once, not twice.
			System::assert_has_event(
				Event::NectarAdded { task, from: TREASURY, amount: 700 }.into(),
			);
			assert_eq!(balance(TREASURY), ENDOWMENT - 700);
			assert_eq!(balance(KEEPER), ENDOWMENT + 1_000);
			assert_eq!(balance(pot(task)), ED);
			assert_eq!(Ticks::<Test>::get(), 1);
			System::assert_last_event(
				Event::Pollinated { task, caller: KEEPER, paid: 1_000 }.into(),
			);

			// An empty pot: the treasury pays all of it.
			advance_secs(1_200);
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 2_000));
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
	/// Here MALLORY's task accrues 2000 and its call adds 1000 to its own pot. A naive port that
	/// counts the top-up twice (1000 credited by `add_nectar` + the 1000 the pot grew by) sees
	/// 2000 and goes on to pay: from a shared account it would take HONEST's nectar; from the
	/// pot the transfer fails with a token error. Either way the assertions below fail for it:
	/// this pallet looks only at what the pot actually holds after the call (1000), so the
	/// dispatch fails with `InsufficientNectar` before anything is paid, nothing changes, and
	/// HONEST's pot is untouched.
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
			advance_secs(600);
			assert_eq!(Periodic::task_accrued_nectar(malicious), Some(2_000));

			let mallory = balance(MALLORY);
			let honest_pot = balance(pot(honest));
			assert_dispatch_noop(MALLORY, malicious, 0, Error::<Test>::InsufficientNectar.into());
			assert_dispatch_noop(KEEPER, malicious, 0, Error::<Test>::InsufficientNectar.into());
			assert_eq!(balance(MALLORY), mallory);
			assert_eq!(balance(pot(honest)), honest_pot);
			assert_eq!(balance(pot(malicious)), ED);

			// Topping up the full 2000 works, and pays exactly what went in: MALLORY, running
			// her own task, ends where she started and HONEST's pot is still untouched.
			let full =
				RuntimeCall::Periodic(crate::Call::add_nectar { task: malicious, amount: 2_000 });
			Tasks::<Test>::mutate(malicious, |t| {
				t.as_mut().unwrap().call = full.encode().try_into().unwrap()
			});
			assert_ok!(Periodic::dispatch(origin(MALLORY), malicious, 2_000));
			assert_eq!(balance(MALLORY), mallory);
			assert_eq!(balance(pot(honest)), honest_pot);
			assert_eq!(balance(pot(malicious)), ED);
		});
	}

	/// A task whose call dispatches itself. Its weight is read from storage, never computed by
	/// decoding the call again (which recursed without end and overflowed the stack), so asking
	/// for it terminates. When registered, the task did not exist yet, so its stored weight
	/// counts the inner `dispatch` as an unknown task; by now the inner `dispatch` declares more,
	/// so the task is refused before its call runs (and would hit the re-entrancy guard if it
	/// ran: see `a_task_cannot_dispatch_another_task`).
	#[test]
	fn a_task_cannot_dispatch_itself() {
		ExtBuilder::default().build_and_execute(|| {
			let task = 0;
			let again = RuntimeCall::Periodic(crate::Call::dispatch { task, min_nectar: 0 });
			assert_eq!(register(ALICE, again.clone()), task);
			assert_eq!(
				Periodic::dispatch_weight(task),
				overhead(&again) + <() as WeightInfo>::dispatch(0)
			);
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			advance_secs(600);
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::CallWeightOutdated.into());
			// Refreshing the weight does not help: it would grow by the overhead each time, and
			// here already passes the bound.
			assert_noop!(
				Periodic::set_task_params(origin(ALICE), task, TARGET, CYCLES),
				Error::<Test>::CallTooHeavy
			);
			assert_eq!(DispatchingTask::<Test>::get(), None);
		});
	}

	#[test]
	fn fails_when_the_call_got_heavier_than_stored() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			// As if a runtime upgrade made `tick` heavier than when it was registered.
			Tasks::<Test>::mutate(task, |t| {
				t.as_mut().unwrap().call_weight = TICK_WEIGHT - Weight::from_parts(1, 0)
			});
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::CallWeightOutdated.into());
			// The owner refreshes the stored weight.
			assert_ok!(Periodic::set_task_params(origin(ALICE), task, TARGET, CYCLES));
			assert_eq!(Tasks::<Test>::get(task).unwrap().call_weight, TICK_WEIGHT);
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 0));
		});
	}

	#[test]
	fn a_task_cannot_dispatch_another_task() {
		ExtBuilder::default().build_and_execute(|| {
			let other = register(BOB, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), other, 5_000));
			let chain = RuntimeCall::Periodic(crate::Call::dispatch { task: other, min_nectar: 0 });
			let task = register(ALICE, chain);
			advance_secs(600);
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::ReentrantDispatch.into());
		});
	}

	#[test]
	fn a_task_cannot_cancel_or_change_itself_while_running() {
		ExtBuilder::default().build_and_execute(|| {
			let task = 0;
			let cancel = RuntimeCall::Periodic(crate::Call::cancel_task { task });
			assert_eq!(register(ALICE, cancel), task);
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 5_000));
			let change = RuntimeCall::Periodic(crate::Call::set_task_params {
				task: 1,
				target_secs_per_cycle: 60,
				cycles_per_retarget: 1,
			});
			assert_eq!(register(ALICE, change), 1);
			assert_ok!(Periodic::add_nectar(origin(BOB), 1, 5_000));
			advance_secs(600);
			assert_dispatch_noop(KEEPER, task, 0, Error::<Test>::TaskBeingDispatched.into());
			assert_dispatch_noop(KEEPER, 1, 0, Error::<Test>::TaskBeingDispatched.into());
		});
	}

	#[test]
	fn a_task_may_cancel_another_task_of_its_owner() {
		ExtBuilder::default().build_and_execute(|| {
			let victim = register(ALICE, tick());
			let cancel = RuntimeCall::Periodic(crate::Call::cancel_task { task: victim });
			let task = register(ALICE, cancel);
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 0));
			assert!(Tasks::<Test>::get(victim).is_none());
			assert!(Tasks::<Test>::get(task).is_some());
		});
	}
}

mod retarget {
	use super::*;

	/// Runs `task` `n` times, `secs` apart, with a well-funded pot.
	fn run(task: TaskId, n: u32, secs: u64) {
		for _ in 0..n {
			advance_secs(secs);
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 0));
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
				Event::Retargeted { task, old_pay: PAY, new_pay: 750, actual_secs: 1_800 }.into(),
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
				Some(&Event::Retargeted { task, old_pay: 750, new_pay: 750, actual_secs: 2_400 })
			);
		});
	}

	#[test]
	fn raises_the_pay_when_cycles_come_too_slowly() {
		ExtBuilder::default().build_and_execute(|| {
			let task = funded_task();
			run(task, CYCLES, 900);
			System::assert_has_event(
				Event::Retargeted { task, old_pay: PAY, new_pay: 1_500, actual_secs: 3_600 }.into(),
			);
		});
	}

	#[test]
	fn at_most_halves_the_pay() {
		ExtBuilder::default().build_and_execute(|| {
			let task = funded_task();
			run(task, CYCLES, 60);
			System::assert_has_event(
				Event::Retargeted { task, old_pay: PAY, new_pay: 500, actual_secs: 240 }.into(),
			);
		});
	}

	#[test]
	fn at_most_doubles_the_pay() {
		ExtBuilder::default().build_and_execute(|| {
			let task = funded_task();
			run(task, CYCLES, 6_000);
			System::assert_has_event(
				Event::Retargeted { task, old_pay: PAY, new_pay: 2_000, actual_secs: 24_000 }
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
				assert_ok!(Periodic::dispatch(origin(KEEPER), task, 700));
			}
			assert_eq!(Periodic::nectar_available(task), 2_750);
			advance_secs(450);
			assert_ok!(Periodic::dispatch(origin(KEEPER), task, 700));
			assert_eq!(Periodic::nectar_available(task), 2_000);
			System::assert_has_event(
				Event::Retargeted { task, old_pay: 1_000, new_pay: 750, actual_secs: 1_800 }.into(),
			);
			assert_eq!(balance(KEEPER), ENDOWMENT + 4 * 750);
			// 750 per 600 s: 700 accrues after 560 s.
			assert_eq!(power_primitives::periodic::secs_until_accrued(750, 600, 700), Some(560));
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 10_000));
			for _ in 0..4 {
				advance_secs(560);
				assert_ok!(Periodic::dispatch(origin(KEEPER), task, 700));
				System::assert_has_event(
					Event::Pollinated { task, caller: KEEPER, paid: 700 }.into(),
				);
			}
			System::assert_has_event(
				Event::Retargeted { task, old_pay: 750, new_pay: 700, actual_secs: 2_240 }.into(),
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
			run(task, 1, 6);
			System::assert_has_event(
				Event::Retargeted { task, old_pay: 1, new_pay: 1, actual_secs: 6 }.into(),
			);
			run(task, 1, 6);
			assert_eq!(Tasks::<Test>::get(task).unwrap().pay_per_period, 1);
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
	fn changes_the_params_and_starts_a_new_window() {
		ExtBuilder::default().build_and_execute(|| {
			let task = register(ALICE, tick());
			assert_ok!(Periodic::add_nectar(origin(BOB), task, 500_000));
			for _ in 0..3 {
				advance_secs(60);
				assert_ok!(Periodic::dispatch(origin(KEEPER), task, 0));
			}
			advance_secs(60);
			assert_ok!(Periodic::set_task_params(origin(ALICE), task, 120, 2));
			System::assert_last_event(
				Event::TaskParamsSet { task, target_secs_per_cycle: 120, cycles_per_retarget: 2 }
					.into(),
			);
			let stored = Tasks::<Test>::get(task).unwrap();
			assert_eq!(stored.target_secs_per_cycle, 120);
			assert_eq!(stored.cycles_per_retarget, 2);
			assert_eq!(stored.cycles_since_retarget, 0);
			assert_eq!(stored.last_retarget_secs, now_secs());
			assert_eq!(stored.cycles, 3);
			// The new window: 2 cycles of 120 s, exactly on target.
			for _ in 0..2 {
				advance_secs(120);
				assert_ok!(Periodic::dispatch(origin(KEEPER), task, 0));
			}
			System::assert_has_event(
				Event::Retargeted { task, old_pay: PAY, new_pay: PAY, actual_secs: 240 }.into(),
			);
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
	fn catches_a_guard_left_set() {
		ExtBuilder::default().build().execute_with(|| {
			DispatchingTask::<Test>::put(0);
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
		Dispatch {
			caller: usize,
			task: TaskId,
			min: Balance,
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
	/// own pot), re-entrant, self-cancelling.
	fn call(kind: u8, task: TaskId) -> RuntimeCall {
		match kind {
			0..=3 => tick(),
			4..=5 => RuntimeCall::TestTask(test_task::Call::fund_shortfall { task }),
			6 => RuntimeCall::TestTask(test_task::Call::fail {}),
			7 => RuntimeCall::Periodic(crate::Call::add_nectar { task, amount: 500 }),
			8 => RuntimeCall::Periodic(crate::Call::dispatch { task, min_nectar: 0 }),
			_ => RuntimeCall::Periodic(crate::Call::cancel_task { task }),
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
			2 => (who.clone(), 0u8..10, target.clone(), cycles.clone(), 0u64..500).prop_map(
				|(owner, call, target, cycles, pay)| Op::Register { owner, call, target, cycles, pay }
			),
			2 => (who.clone(), task.clone(), 0u64..20_000)
				.prop_map(|(from, task, amount)| Op::AddNectar { from, task, amount }),
			4 => (who.clone(), task.clone(), prop_oneof![3 => Just(0u64), 1 => 0u64..2_000])
				.prop_map(|(caller, task, min)| Op::Dispatch { caller, task, min }),
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
				// Three tasks to start with, so most operations find one: an ordinary funded
				// task, a self-funding task and a malicious one.
				register(ALICE, call(0, 0));
				assert_ok!(Periodic::add_nectar(origin(BOB), 0, 10_000));
				register(BOB, call(4, 1));
				register(CHARLIE, call(7, 2));
				let issuance = Balances::total_issuance();
				for op in ops {
					let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
					let result = match op.clone() {
						Op::Register { owner, call: kind, target, cycles, pay } => {
							let next = NextTaskId::<Test>::get();
							Periodic::register_task(
								origin(ACCOUNTS[owner]),
								Box::new(call(kind, next)),
								target,
								cycles,
								pay,
							)
						},
						Op::AddNectar { from, task, amount } =>
							Periodic::add_nectar(origin(ACCOUNTS[from]), task, amount),
						Op::Dispatch { caller, task, min } =>
							Periodic::dispatch(origin(ACCOUNTS[caller]), task, min)
								.map(|_| ())
								.map_err(|e| e.error),
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
