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
	/// Whether the node's pool still holds our extrinsic (only looked at when another relayer
	/// ran the bundle and our nonce is unused).
	pub in_pool: bool,
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
	/// The bundle is remembered executed and our extrinsic cannot run any more (its nonce is
	/// unused and it is dead, or it was refused, or it left the pool after another relayer's
	/// event): another relayer ran it, and we paid nothing.
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
	/// The extrinsic can never land (dead by mortality, nonce unused): the bundle is free to be
	/// tried again, or it has expired.
	Dead,
}

/// Reconciles an attempt with the chain. Pure: the same rules run on every block and after a
/// restart, so a crash between any two steps is recovered the same way.
///
/// The nonce decides whether **our** extrinsic was included: only this attempt can hold the
/// nonce while it lives (the nonce owner never gives a live attempt's nonce to another), so a
/// used nonce means our extrinsic was included, and an unused nonce past the mortality means it
/// never will be.
pub fn reconcile(nonce: u64, mortal_until: u64, seen: Observation) -> Verdict {
	let used = seen.account_nonce > nonce;
	let dead = seen.block > mortal_until;
	match (seen.remembered, seen.executed_by, used) {
		(Some(Remembered::Killed), _, _) => Verdict::Killed,
		// The event names the relayer: no guessing.
		(Some(Remembered::Executed), Some(Runner::Us), _) => Verdict::Ours,
		(Some(Remembered::Executed), Some(Runner::Other), true) => Verdict::LostInBlock,
		// Ours can no longer run it; once it is out of the pool (or dead) its nonce is free.
		(Some(Remembered::Executed), Some(Runner::Other), false) if dead || !seen.in_pool => {
			Verdict::Other
		}
		(Some(Remembered::Executed), Some(Runner::Other), false) => Verdict::Pending,
		// No event seen (a restart after the scanned range): the nonce decides.
		(Some(Remembered::Executed), None, true) => Verdict::Ours,
		(Some(Remembered::Executed), None, false) if dead => Verdict::Other,
		// Remembered but our nonce is still free and our extrinsic alive: it will be refused by
		// the pool or fail; wait until it is dead or used to know which one paid.
		(Some(Remembered::Executed), None, false) => Verdict::Pending,
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
		Observation { remembered, executed_by: None, in_pool: true, account_nonce, block, now: 0 }
	}

	#[test]
	fn the_event_decides_who_ran_it() {
		use Remembered::*;
		let r = |by, in_pool, nonce, block| {
			let seen = Observation {
				remembered: Some(Executed),
				executed_by: Some(by),
				in_pool,
				account_nonce: nonce,
				block,
				now: 0,
			};
			reconcile(5, 100, seen)
		};
		// Ours, by the event, even if the nonce was read before our extrinsic landed.
		assert_eq!(r(Runner::Us, false, 5, 50), Verdict::Ours);
		assert_eq!(r(Runner::Us, false, 6, 50), Verdict::Ours);
		// Another relayer's event while our nonce is used: ours landed and failed.
		assert_eq!(r(Runner::Other, false, 6, 50), Verdict::LostInBlock);
		// Another relayer's, ours alive but out of the pool: settled now, not at block 101.
		assert_eq!(r(Runner::Other, false, 5, 50), Verdict::Other);
		assert_eq!(r(Runner::Other, true, 5, 50), Verdict::Pending);
		assert_eq!(r(Runner::Other, true, 5, 101), Verdict::Other);
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
		assert_eq!(r(Some(Killed), 5, 50), Verdict::Killed);
		assert_eq!(r(Some(Killed), 6, 50), Verdict::Killed);
	}
}
