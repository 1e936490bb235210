//! The durable state machine of a bundle, and the pure reconciliation of an attempt with what the
//! chain shows.
//!
//! ```text
//!            ┌────────────── (re-simulated: pays later) ─────────────┐
//!            ▼                                                       │
//! received ─▶ waiting(until) ─▶ submitting(attempt) ─▶ in_block ─▶ finalized
//!    │            │   ▲               │    │              │
//!    │            │   └─ attempt died ┘    │              └─▶ (retracted) submitting
//!    ▼            ▼                        ▼
//!  failed · expired · killed · executed_by_other        (terminal)
//! ```

use serde::Serialize;

/// Where a bundle stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
	/// Stored, not yet scheduled (only between the insert and the first decision).
	Received,
	/// Waiting until its fee pays the cost plus the minimum profit.
	Waiting,
	/// An extrinsic is signed and committed, maybe broadcast, not yet seen in a block.
	Submitting,
	/// Our extrinsic ran it in the best chain.
	InBlock,
	/// Our extrinsic ran it in a finalized block. Terminal.
	Finalized,
	/// It cannot run (its calls fail, or our extrinsic landed and failed). Terminal.
	Failed,
	/// Its invalid marker passed before it ran. Terminal.
	Expired,
	/// Its signer killed it. Terminal.
	Killed,
	/// Another relayer ran it. Terminal.
	ExecutedByOther,
}

impl State {
	/// Every state.
	pub const ALL: [State; 9] = [
		State::Received,
		State::Waiting,
		State::Submitting,
		State::InBlock,
		State::Finalized,
		State::Failed,
		State::Expired,
		State::Killed,
		State::ExecutedByOther,
	];

	/// The name stored in the database and shown in the API.
	pub fn as_str(self) -> &'static str {
		match self {
			State::Received => "received",
			State::Waiting => "waiting",
			State::Submitting => "submitting",
			State::InBlock => "in_block",
			State::Finalized => "finalized",
			State::Failed => "failed",
			State::Expired => "expired",
			State::Killed => "killed",
			State::ExecutedByOther => "executed_by_other",
		}
	}

	/// The state of a stored name.
	pub fn parse(name: &str) -> Option<State> {
		State::ALL.into_iter().find(|s| s.as_str() == name)
	}

	/// Whether nothing more happens to it.
	pub fn is_terminal(self) -> bool {
		matches!(
			self,
			State::Finalized
				| State::Failed
				| State::Expired
				| State::Killed
				| State::ExecutedByOther
		)
	}

	/// Whether `self -> to` is a transition of the machine. The database refuses any other.
	pub fn can_go_to(self, to: State) -> bool {
		use State::*;
		matches!(
			(self, to),
			(Received, Waiting | Submitting | Failed | Expired | Killed | ExecutedByOther)
				| (Waiting, Waiting | Submitting | Failed | Expired | Killed | ExecutedByOther)
				| (Submitting, InBlock | Waiting | Failed | Expired | Killed | ExecutedByOther)
				| (InBlock, Finalized | Submitting | Failed)
		)
	}
}

/// What the pallet remembers of a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remembered {
	/// It ran.
	Executed,
	/// Its signer killed it.
	Killed,
}

/// Whose extrinsic ran a bundle, from the `PayAfter::BundleExecuted` event of its block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runner {
	/// Ours.
	Us,
	/// Another relayer's.
	Other,
}

/// The chain as one attempt sees it, at one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observation {
	/// `PayAfter::Remembered(signer, data_hash)`.
	pub remembered: Option<Remembered>,
	/// Who ran it, from the event of the block that ran it; `None` when that event was not seen
	/// (then the nonce decides).
	pub executed_by: Option<Runner>,
	/// Whether our extrinsic is in a block: `Some(true)` when a block read holds it,
	/// `Some(false)` when every block it could be in was read and none holds it, `None` when
	/// that is not known (it was signed before the first block read, after a long stop: then
	/// the nonce alone decides, as if nothing had superseded it). It tells, when our nonce is
	/// used, whether our extrinsic or the one that superseded it (a new attempt or a no-op)
	/// used it.
	pub landed: Option<bool>,
	/// The relayer's account nonce (the next one it may use).
	pub account_nonce: u64,
	/// The block number observed.
	pub block: u64,
	/// The chain's time at that block, unix seconds.
	pub now: u64,
}

/// What became of an attempt (an extrinsic with `nonce`, valid up to block `mortal_until`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
	/// The bundle is remembered executed and our nonce is used: our extrinsic ran it.
	Ours,
	/// The bundle is remembered executed and our extrinsic never landed (it died, or the
	/// extrinsic that superseded it took its nonce): another relayer ran it, and our dispatch
	/// paid nothing.
	Other,
	/// Another relayer's extrinsic ran it (its event says so) and ours was included too, after
	/// it in the same block or a later one, and failed: we lost the race **in a block** and paid
	/// our extrinsic's fee. (A pool that deduplicates by the bundle's tag prevents this.)
	LostInBlock,
	/// The signer killed it.
	Killed,
	/// Our nonce is used but the bundle is not remembered: our extrinsic landed and failed.
	LandedAndFailed,
	/// The extrinsic may still land: wait (and rebroadcast the same bytes).
	Pending,
	/// Another relayer ran the bundle (or its signer killed it) and our extrinsic is alive, its
	/// nonce unused: if it lands it fails and pays its fee. The bundle takes its outcome at once;
	/// give the nonce to the next extrinsic we sign (which takes the nonce instead, or fails to if
	/// ours lands first) and keep the attempt tracked until the nonce is used or ours is dead.
	/// Settling at "not in the pool" instead is wrong: a node may be putting it in a block without
	/// listing it (chopsticks does).
	Supersede,
	/// The extrinsic can never land (dead by mortality, nonce unused): the bundle is free to be
	/// tried again, or it has expired.
	Dead,
}

/// Reconciles an attempt with the chain. Pure: the same rules run on every block and after a
/// restart, so a crash between any two steps is recovered the same way.
///
/// The nonce decides whether an extrinsic at **our** nonce was included: only this attempt
/// (or the extrinsic that supersedes it) holds the nonce while it lives, since the nonce owner
/// never gives a live attempt's nonce to another. A used nonce means one of them was included
/// (the blocks read tell which), and an unused nonce past the mortality means ours never will be.
pub fn reconcile(nonce: u64, mortal_until: u64, seen: Observation) -> Verdict {
	let used = seen.account_nonce > nonce;
	let dead = seen.block > mortal_until;
	match (seen.remembered, seen.executed_by, used) {
		(Some(Remembered::Killed), _, false) if !dead => Verdict::Supersede,
		(Some(Remembered::Killed), _, _) => Verdict::Killed,
		// The event names the relayer: no guessing.
		(Some(Remembered::Executed), Some(Runner::Us), _) => Verdict::Ours,
		// Another relayer's, and our nonce is used: by ours (it failed and paid) or by the
		// extrinsic that superseded it.
		(Some(Remembered::Executed), Some(Runner::Other), true) => match seen.landed {
			Some(false) => Verdict::Other,
			Some(true) | None => Verdict::LostInBlock,
		},
		(Some(Remembered::Executed), Some(Runner::Other), false) if dead => Verdict::Other,
		// Ours can no longer run it, but it may still land and pay for failing.
		(Some(Remembered::Executed), Some(Runner::Other), false) => Verdict::Supersede,
		// No event seen (it ran before the blocks read): the nonce and the blocks decide.
		(Some(Remembered::Executed), None, true) if seen.landed == Some(false) => Verdict::Other,
		(Some(Remembered::Executed), None, true) => Verdict::Ours,
		(Some(Remembered::Executed), None, false) if dead => Verdict::Other,
		// Remembered but our nonce is still free and our extrinsic alive: it will be refused by
		// the pool or fail; wait until it is dead or used to know which one paid.
		(Some(Remembered::Executed), None, false) => Verdict::Pending,
		// Our nonce was taken by another extrinsic of ours (one that superseded a useless
		// dispatch, or a no-op a previous run sent):
		// ours can never land.
		(None, _, true) if seen.landed == Some(false) => Verdict::Dead,
		(None, _, true) => Verdict::LandedAndFailed,
		(None, _, false) if dead => Verdict::Dead,
		(None, _, false) => Verdict::Pending,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn names_round_trip_and_terminal_states_are_final() {
		for s in State::ALL {
			assert_eq!(State::parse(s.as_str()), Some(s));
			if s.is_terminal() {
				for to in State::ALL {
					assert!(!s.can_go_to(to), "{s:?} -> {to:?}");
				}
			}
		}
		assert_eq!(State::parse("nope"), None);
	}

	#[test]
	fn the_transitions_are_the_diagram() {
		use State::*;
		let allowed: Vec<(State, State)> = State::ALL
			.into_iter()
			.flat_map(|a| State::ALL.into_iter().map(move |b| (a, b)))
			.filter(|(a, b)| a.can_go_to(*b))
			.collect();
		assert_eq!(allowed.len(), 6 + 6 + 6 + 3);
		assert!(!Received.can_go_to(InBlock));
		assert!(!Waiting.can_go_to(Finalized));
		assert!(!InBlock.can_go_to(Waiting));
		assert!(Submitting.can_go_to(Waiting));
		assert!(InBlock.can_go_to(Submitting));
	}

	fn seen(remembered: Option<Remembered>, account_nonce: u64, block: u64) -> Observation {
		Observation { remembered, executed_by: None, landed: None, account_nonce, block, now: 0 }
	}

	#[test]
	fn the_event_decides_who_ran_it() {
		use Remembered::*;
		let r = |by, landed, nonce, block| {
			let seen = Observation {
				remembered: Some(Executed),
				executed_by: Some(by),
				landed,
				account_nonce: nonce,
				block,
				now: 0,
			};
			reconcile(5, 100, seen)
		};
		// Ours, by the event, even if the nonce was read before our extrinsic landed.
		assert_eq!(r(Runner::Us, None, 5, 50), Verdict::Ours);
		assert_eq!(r(Runner::Us, Some(true), 6, 50), Verdict::Ours);
		// Another relayer's event while our nonce is used: by our extrinsic (it landed after
		// the winner's and paid), or by the extrinsic that superseded it (ours paid nothing); when
		// the blocks cannot tell (signed before the first block read), the nonce alone decides.
		assert_eq!(r(Runner::Other, Some(true), 6, 50), Verdict::LostInBlock);
		assert_eq!(r(Runner::Other, Some(false), 6, 50), Verdict::Other);
		assert_eq!(r(Runner::Other, None, 6, 50), Verdict::LostInBlock);
		// Another relayer's, ours alive and its nonce unused: whether or not a pool lists it,
		// it may still land, so it stays unsettled while its nonce goes to our next extrinsic.
		assert_eq!(r(Runner::Other, Some(false), 5, 50), Verdict::Supersede);
		assert_eq!(r(Runner::Other, None, 5, 100), Verdict::Supersede);
		assert_eq!(r(Runner::Other, Some(false), 5, 101), Verdict::Other);
	}

	#[test]
	fn a_nonce_used_by_another_extrinsic_of_ours_is_not_our_landing() {
		use Remembered::*;
		let r = |rem, landed| {
			let seen = Observation { landed, ..seen(rem, 6, 50) };
			reconcile(5, 100, seen)
		};
		assert_eq!(r(None, Some(true)), Verdict::LandedAndFailed);
		assert_eq!(r(None, None), Verdict::LandedAndFailed);
		assert_eq!(r(None, Some(false)), Verdict::Dead);
		assert_eq!(r(Some(Executed), Some(true)), Verdict::Ours);
		assert_eq!(r(Some(Executed), Some(false)), Verdict::Other);
	}

	#[test]
	fn reconciliation_follows_the_nonce_and_the_mortality() {
		use Remembered::*;
		// Attempt at nonce 5, valid up to block 100.
		let r = |rem, nonce, block| reconcile(5, 100, seen(rem, nonce, block));
		assert_eq!(r(None, 5, 50), Verdict::Pending);
		assert_eq!(r(None, 5, 100), Verdict::Pending);
		assert_eq!(r(None, 5, 101), Verdict::Dead);
		assert_eq!(r(None, 6, 50), Verdict::LandedAndFailed);
		assert_eq!(r(Some(Executed), 6, 50), Verdict::Ours);
		assert_eq!(r(Some(Executed), 9, 500), Verdict::Ours);
		assert_eq!(r(Some(Executed), 5, 50), Verdict::Pending);
		assert_eq!(r(Some(Executed), 5, 101), Verdict::Other);
		// Killed while ours lives: ours can only fail, so its nonce goes to our next extrinsic.
		assert_eq!(r(Some(Killed), 5, 50), Verdict::Supersede);
		assert_eq!(r(Some(Killed), 5, 101), Verdict::Killed);
		assert_eq!(r(Some(Killed), 6, 50), Verdict::Killed);
	}
}
