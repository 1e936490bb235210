//! The engine: one task that owns the relayer's key and nonce. It submits bundles when they pay,
//! dispatches periodic tasks when they pay, and on every new block reconciles every extrinsic in
//! flight with the chain ([`crate::state::reconcile`]). Nothing else signs, so no two attempts
//! can share a nonce; no lock is held across an await (the engine's state is its own, and the
//! HTTP layer talks to it through a channel).

use crate::{
	bundle::{Bundle, DataHash},
	chain::{At, Chain, ChainError, Head, Quote},
	config::Tasks,
	db::{not_ours, Attempt, Change, Db, DbError, Record},
	metrics::Metrics,
	policy::{first_paying, Timing},
	state::{reconcile, Observation, Remembered, Runner, State, Verdict},
};
use std::{
	collections::{BTreeSet, HashMap, HashSet},
	sync::Arc,
	time::Duration,
};
use tokio::sync::{mpsc, oneshot};
use tracing::{info, warn};

/// Why a step of the engine stopped.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
	/// The chain failed.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// The store failed.
	#[error(transparent)]
	Db(#[from] DbError),
}

/// What the engine needs to know.
#[derive(Debug, Clone)]
pub struct EngineConfig {
	/// The least profit (planck) a bundle or a task must leave.
	pub min_profit: u128,
	/// The tasks to run.
	pub tasks: Tasks,
	/// How often to poll the chain.
	pub tick: Duration,
}

/// A request to the engine.
pub enum Command {
	/// Look at this waiting bundle now; answers with the txid if it was submitted.
	Kick(DataHash, oneshot::Sender<Option<[u8; 32]>>),
}

/// A handle to send the engine requests.
#[derive(Clone)]
pub struct EngineHandle {
	tx: mpsc::Sender<Command>,
}

impl EngineHandle {
	/// Asks the engine to look at a bundle now; the txid if it submitted it within `timeout`.
	pub async fn kick(&self, data_hash: DataHash, timeout: Duration) -> Option<[u8; 32]> {
		let (tx, rx) = oneshot::channel();
		self.tx.try_send(Command::Kick(data_hash, tx)).ok()?;
		tokio::time::timeout(timeout, rx).await.ok()?.ok()?
	}
}

/// The engine.
pub struct Engine<C: Chain> {
	chain: Arc<C>,
	db: Db,
	cfg: EngineConfig,
	metrics: Arc<Metrics>,
	rx: mpsc::Receiver<Command>,
	last_best: Option<u64>,
	chain_nonce: u64,
	live_nonces: BTreeSet<u64>,
	head: Head,
	/// `PayAfter::BundleExecuted` events seen: `(signer, data_hash) -> (relayer, block)`.
	executions: HashMap<([u8; 32], DataHash), ([u8; 32], u64)>,
	/// Our dispatches in flight (bundles and tasks) that a block read holds: `tx_hash -> block`.
	landed: HashMap<[u8; 32], u64>,
	/// `(task, block)` of every `Periodic::Pollinated` event naming us in a block read: which of
	/// our task dispatches ran the task (another keeper's run in the same block does not count).
	our_task_runs: HashSet<(u32, u64)>,
	/// The last block whose events and extrinsics were read.
	scanned: Option<u64>,
	/// The first block read in this run: what an attempt signed before it did is not known
	/// from the blocks read ([`Engine::landed`]).
	scan_start: Option<u64>,
	/// When the extrinsics in flight were last reconciled.
	reconciled_at: Option<tokio::time::Instant>,
	/// No-ops sent to fill nonce gaps, by nonce (in memory: after a restart a filler still in
	/// flight can only collide with a new attempt of the same nonce, and one of them lands).
	fillers: std::collections::BTreeMap<u64, Attempt>,
	/// When each extrinsic in flight was last broadcast (sent again at most every
	/// [`RESEND_AFTER_TICKS`]: a node's pool may not list an extrinsic it is putting in a block,
	/// and chopsticks builds a block for every extrinsic it receives).
	sent_at: HashMap<[u8; 32], tokio::time::Instant>,
	/// How often each extrinsic was broadcast again: each time waits twice as long as the
	/// previous one (up to [`RESEND_BACKOFF_MAX`] doublings). Chopsticks takes every extrinsic
	/// out of its pool list at once and queues a block for each one it receives, so a busy
	/// chopsticks makes "not in the pool" true for everything not yet built, and resending
	/// all of it at a fixed period queued more blocks than it could build.
	resends: HashMap<[u8; 32], u32>,
}

/// What the engine does with an unsettled attempt's nonce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
	/// It holds its nonce; broadcast it again if the pool no longer lists it.
	Resend,
	/// It holds its nonce; do not broadcast it again (not yet known to be useful).
	Quiet,
	/// It can only fail if it lands: its nonce may go to another extrinsic of ours
	/// ([`Verdict::Supersede`]), and it is not broadcast again.
	Reusable,
}

/// The note on a bundle whose `attempt` landed after the bundle could no longer run (`why`).
fn paid_for_failing(why: &str, attempt: &Attempt) -> String {
	format!(
		"{why}; our extrinsic {} was included after it, failed and paid its fee",
		short(&attempt.tx_hash)
	)
}

/// The most doublings of the wait between two broadcasts of the same extrinsic.
const RESEND_BACKOFF_MAX: u32 = 3;

/// How far back the events and extrinsics are read after a start with extrinsics in flight: the
/// longest mortality the configuration allows (an attempt can only land while it lives), and
/// about what a node keeps the state of (256 blocks by default).
pub const SCAN_BACK: u64 = 256;
/// The most blocks whose events are read in one step.
const SCAN_PER_STEP: u64 = 64;
/// How long events are kept in memory, in blocks.
const KEEP_EVENTS: u64 = 1_024;
/// Reconcile (and send again what the node dropped) at least this often, even without a new
/// block: a chain that builds blocks only for new extrinsics (chopsticks) would otherwise wait
/// for ever on a dropped one.
const RECONCILE_EVERY: Duration = Duration::from_secs(6);
/// The least time between two broadcasts of the same extrinsic, in ticks (20 s with the
/// daemon's 2 s tick).
const RESEND_AFTER_TICKS: u32 = 10;
/// The most nonce gaps filled in one step.
const MAX_FILLERS: usize = 16;
/// Attempts after which a bundle whose extrinsic keeps landing and failing is given up.
const MAX_FAILED_LANDINGS: u32 = 3;

fn short(hash: &[u8; 32]) -> String {
	format!("0x{}", hex::encode(&hash[..8]))
}

impl<C: Chain> Engine<C> {
	/// An engine and the handle to reach it.
	pub fn new(
		chain: Arc<C>,
		db: Db,
		cfg: EngineConfig,
		metrics: Arc<Metrics>,
	) -> (Self, EngineHandle) {
		let (tx, rx) = mpsc::channel(1024);
		let engine = Engine {
			chain,
			db,
			cfg,
			metrics,
			rx,
			last_best: None,
			chain_nonce: 0,
			live_nonces: BTreeSet::new(),
			head: Head::default(),
			executions: HashMap::new(),
			landed: HashMap::new(),
			our_task_runs: HashSet::new(),
			scanned: None,
			scan_start: None,
			reconciled_at: None,
			fillers: std::collections::BTreeMap::new(),
			sent_at: HashMap::new(),
			resends: HashMap::new(),
		};
		(engine, EngineHandle { tx })
	}

	/// Runs until every handle is dropped: first rebroadcasts what a previous run left in
	/// flight, then steps at every tick and answers kicks.
	pub async fn run(mut self) {
		if let Err(e) = self.recover().await {
			warn!("recovery: {e}");
		}
		let mut tick = tokio::time::interval(self.cfg.tick);
		tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
		loop {
			tokio::select! {
				cmd = self.rx.recv() => match cmd {
					Some(Command::Kick(hash, reply)) => {
						let txid = match self.kick(hash).await {
							Ok(txid) => txid,
							Err(e) => { self.error(&e); None }
						};
						let _ = reply.send(txid);
					}
					None => break,
				},
				_ = tick.tick() => {
					if let Err(e) = self.step().await {
						self.error(&e);
					}
				}
			}
		}
	}

	fn error(&self, e: &EngineError) {
		if matches!(e, EngineError::Chain(_)) {
			self.metrics.rpc_errors.inc();
		}
		warn!("engine: {e}");
	}

	/// Rebroadcasts the extrinsics a previous run left in flight (the same bytes: the same
	/// hash, so it can land at most once) whose bundle has not run meanwhile, reads the blocks
	/// they may have landed in, then reconciles.
	pub async fn recover(&mut self) -> Result<(), EngineError> {
		for record in self.db.in_flight().await? {
			if let (State::Submitting, Some(attempt)) = (record.state, &record.attempt) {
				if self.chain.remembered(record.signer, record.data_hash, At::Best).await?.is_some()
				{
					// Ran (or killed) meanwhile: ours can only fail now; reconciling decides.
					continue;
				}
				info!(
					bundle = %short(&record.data_hash),
					nonce = attempt.nonce,
					"resuming: rebroadcasting attempt {}",
					short(&attempt.tx_hash)
				);
				self.sent_at.insert(attempt.tx_hash, tokio::time::Instant::now());
				if let Err(e) = self.chain.broadcast(attempt.tx_bytes.clone()).await {
					info!(bundle = %short(&record.data_hash), "rebroadcast: {e}");
				}
			}
		}
		for task in self.db.live_task_attempts().await? {
			let _ = self.chain.broadcast(task.attempt.tx_bytes.clone()).await;
		}
		let head = self.refresh().await?;
		// Read up to the head before deciding anything (bounded: SCAN_BACK blocks at most).
		while !self.read_up_to(head) {
			self.scan(head).await?;
		}
		self.reconcile(head).await
	}

	/// Reads the `BundleExecuted` events, and which of our dispatches in flight were included,
	/// of the blocks after the last one read, up to `head` (at most [`SCAN_PER_STEP`] blocks;
	/// the rest in the next steps).
	async fn scan(&mut self, head: Head) -> Result<(), EngineError> {
		let from = match self.scanned {
			Some(last) => last.saturating_add(1),
			// The first reading of this run: our attempts in flight may have landed while we
			// were down, so read from as far back as one can have lived.
			None if self.db.in_flight().await?.is_empty() => head.best,
			None => head.best.saturating_sub(SCAN_BACK),
		};
		self.scan_start.get_or_insert(from);
		let to = head.best.min(from.saturating_add(SCAN_PER_STEP - 1));
		let ours: HashSet<[u8; 32]> = if from <= to {
			let bundles = self.db.in_flight().await?;
			let tasks = self.db.live_task_attempts().await?;
			bundles
				.iter()
				.filter_map(|r| r.attempt.as_ref())
				.chain(tasks.iter().map(|t| &t.attempt))
				.map(|a| a.tx_hash)
				.collect()
		} else {
			HashSet::new()
		};
		let me = self.chain.relayer();
		for number in from..=to {
			let events = self.chain.events(number).await?;
			for e in events.executed {
				self.executions.insert((e.signer, e.data_hash), (e.relayer, number));
			}
			for run in events.pollinated.into_iter().filter(|run| run.caller == me) {
				self.our_task_runs.insert((run.task, number));
			}
			for tx in self.chain.included(number).await? {
				if ours.contains(&tx) {
					self.landed.insert(tx, number);
				}
			}
			self.scanned = Some(number);
		}
		let horizon = head.best.saturating_sub(KEEP_EVENTS);
		self.executions.retain(|_, (_, block)| *block >= horizon);
		self.landed.retain(|_, block| *block >= horizon);
		self.our_task_runs.retain(|(_, block)| *block >= horizon);
		Ok(())
	}

	/// Whether the events and extrinsics of every block up to `head` are read.
	fn read_up_to(&self, head: Head) -> bool {
		self.scanned.is_some_and(|s| s >= head.best)
	}

	/// Whether a block holds our extrinsic `attempt`, as far as the blocks read tell
	/// ([`Observation::landed`]): `None` when it was signed before the first block read in this
	/// run (a restart after a long stop). Called once the reading has reached the head.
	fn landed(&self, attempt: &Attempt) -> Option<bool> {
		let signed_at =
			attempt.mortal_until.saturating_add(1).saturating_sub(self.chain.mortality());
		if self.landed.contains_key(&attempt.tx_hash) {
			Some(true)
		} else if self.scan_start.is_some_and(|start| start <= signed_at) {
			Some(false)
		} else {
			None
		}
	}

	async fn refresh(&mut self) -> Result<Head, EngineError> {
		let head = self.chain.head().await?;
		// The nonce at the very block the reconciliation reads the bundles at.
		let (nonce, balance) = self.chain.account(At::Number(head.best)).await?;
		self.head = head;
		self.chain_nonce = nonce;
		Metrics::set(&self.metrics.best_block, u128::from(head.best));
		Metrics::set(&self.metrics.finalized_block, u128::from(head.finalized));
		Metrics::set(&self.metrics.balance, balance);
		Ok(head)
	}

	/// One round: reconcile on a new block, then submit what is due, then run tasks.
	pub async fn step(&mut self) -> Result<(), EngineError> {
		let head = self.refresh().await?;
		let stale = self.reconciled_at.is_none_or(|t| t.elapsed() >= RECONCILE_EVERY);
		if self.last_best != Some(head.best) || stale {
			self.scan(head).await?;
			self.reconcile(head).await?;
			self.reconciled_at = Some(tokio::time::Instant::now());
			self.reconcile_tasks(head).await?;
			self.last_best = Some(head.best);
		}
		for record in self.db.due(head.now, 64).await? {
			self.consider(record, head).await?;
		}
		self.run_tasks(head).await?;
		self.fill_gaps(head).await
	}

	/// Fills with no-ops the nonces left unused below live attempts (an attempt refused, dead,
	/// or made useless by another relayer frees its nonce; when no new bundle takes it, every
	/// live attempt above it waits on it until it dies). A no-op costs one small fee; a jam
	/// costs every attempt above it its mortality.
	async fn fill_gaps(&mut self, head: Head) -> Result<(), EngineError> {
		let chain_nonce = self.chain_nonce;
		self.fillers.retain(|n, a| *n >= chain_nonce && head.best <= a.mortal_until);
		let Some(&highest) = self.live_nonces.last() else { return Ok(()) };
		let gaps: Vec<u64> = (chain_nonce..highest)
			.filter(|n| !self.live_nonces.contains(n))
			.take(MAX_FILLERS)
			.collect();
		for nonce in gaps {
			let filler = self.chain.sign_filler(nonce, head).await?;
			warn!(nonce, tx = %short(&filler.tx_hash), "filling a nonce gap below live attempts");
			self.live_nonces.insert(nonce);
			self.fillers.insert(nonce, filler.clone());
			self.sent_at.insert(filler.tx_hash, tokio::time::Instant::now());
			if let Err(e) = self.chain.broadcast(filler.tx_bytes).await {
				info!(nonce, "gap filler: {e}");
			}
		}
		Ok(())
	}

	async fn kick(&mut self, hash: DataHash) -> Result<Option<[u8; 32]>, EngineError> {
		let head = self.refresh().await?;
		let Some(record) = self.db.get(hash).await? else { return Ok(None) };
		if !matches!(record.state, State::Waiting | State::Received)
			|| record.wait_until.is_some_and(|t| t > head.now)
		{
			return Ok(None);
		}
		self.consider(record, head).await
	}

	/// The lowest nonce from the chain's that no live attempt holds: a nonce freed below live
	/// ones (an attempt refused, dead, or made useless by another relayer) is filled first, so
	/// the live ones above it are not left waiting on a gap.
	fn next_nonce(&self) -> u64 {
		next_free_nonce(self.chain_nonce, &self.live_nonces)
	}

	async fn set(&self, hash: DataHash, change: Change) -> Result<Record, EngineError> {
		let record = self.db.change(hash, change).await?;
		info!(
			bundle = %short(&hash),
			state = record.state.as_str(),
			wait_until = record.wait_until,
			error = record.error.as_deref().unwrap_or(""),
			"bundle {}", record.state.as_str()
		);
		Ok(record)
	}

	/// Looks at a due bundle: simulates it and submits it if it pays, or schedules it again.
	/// Returns the txid when it was submitted.
	async fn consider(
		&mut self,
		record: Record,
		head: Head,
	) -> Result<Option<[u8; 32]>, EngineError> {
		let hash = record.data_hash;
		let simulated = self.chain.simulate(record.bytes.clone(), Vec::new()).await?;
		let quote = match simulated {
			Ok(q) => match self.with_expired(&record, q, head).await? {
				(q, expired) if !expired.is_empty() => {
					return self.submit(record, q, expired, head).await;
				}
				(q, _) => q,
			},
			Err(reason) => {
				let (to, retry) = classify(&reason);
				match (to, retry) {
					(_, true) => {
						self.set(hash, Change::Wait(head.now.saturating_add(6))).await?;
					}
					(state, false) => {
						self.set(hash, Change::To(state, Some(reason))).await?;
					}
				}
				return Ok(None);
			}
		};
		if quote.profit() >= self.cfg.min_profit {
			return self.submit(record, quote, Vec::new(), head).await;
		}
		let cost =
			quote.extrinsic_fee.saturating_add(self.cfg.min_profit).saturating_sub(quote.deposits);
		let Ok(bundle) = Bundle::decode(&record.bytes, &*self.chain.calls()) else {
			self.set(
				hash,
				Change::To(
					State::Failed,
					Some("no longer decodes with the chain's metadata".into()),
				),
			)
			.await?;
			return Ok(None);
		};
		match first_paying(&bundle.policy, bundle.create_time, head.now.saturating_add(1), cost) {
			Timing::At(t) => {
				self.set(hash, Change::Wait(t)).await?;
			}
			// The fee will not reach today's cost; the cost may fall (the fee multiplier): look
			// again in a minute, until the marker.
			Timing::Never => {
				self.set(hash, Change::Wait(head.now.saturating_add(60))).await?;
			}
			Timing::Expired => {
				self.set(
					hash,
					Change::To(State::Expired, Some("expired before it paid enough".into())),
				)
				.await?;
			}
		}
		Ok(None)
	}

	/// The signer's expired entries worth cleaning with this bundle: when relaying it pays the
	/// minimum profit with them and more than without them, their quote and their hashes.
	///
	/// Not while another of our attempts for the same signer is in flight: both could clean
	/// the same entries, and the second would fail in its block.
	async fn with_expired(
		&mut self,
		record: &Record,
		plain: Quote,
		head: Head,
	) -> Result<(Quote, Vec<DataHash>), EngineError> {
		// (An unsettled attempt cannot run its bundle any more, so it cleans nothing.)
		let busy = self.db.in_flight().await?.iter().any(|r| {
			r.signer == record.signer
				&& r.data_hash != record.data_hash
				&& r.attempt.is_some()
				&& matches!(r.state, State::Submitting | State::InBlock)
		});
		if busy {
			return Ok((plain, Vec::new()));
		}
		let expired = self.chain.expired(record.signer, head.now).await?;
		if expired.is_empty() {
			return Ok((plain, Vec::new()));
		}
		match self.chain.simulate(record.bytes.clone(), expired.clone()).await? {
			Ok(q) if q.profit() > plain.profit() && q.profit() >= self.cfg.min_profit => {
				info!(
					bundle = %short(&record.data_hash),
					entries = expired.len(),
					deposits = %q.deposits,
					"cleaning expired entries of the signer"
				);
				Ok((q, expired))
			}
			Ok(_) => Ok((plain, Vec::new())),
			Err(reason) => {
				info!(bundle = %short(&record.data_hash), "not cleaning expired entries: {reason}");
				Ok((plain, Vec::new()))
			}
		}
	}

	async fn submit(
		&mut self,
		record: Record,
		quote: Quote,
		expired: Vec<DataHash>,
		head: Head,
	) -> Result<Option<[u8; 32]>, EngineError> {
		let hash = record.data_hash;
		let nonce = self.next_nonce();
		let attempt = self.chain.sign_dispatch(record.bytes.clone(), expired, nonce, head).await?;
		// Durable before it is broadcast: a crash from here on finds the attempt and reconciles.
		// What it earns: the fee and the deposits of the entries it cleans.
		self.set(hash, Change::Submit(attempt.clone(), quote.fee.saturating_add(quote.deposits)))
			.await?;
		self.live_nonces.insert(nonce);
		info!(bundle = %short(&hash), nonce, tx = %short(&attempt.tx_hash), fee = %quote.fee, "broadcasting");
		self.sent_at.insert(attempt.tx_hash, tokio::time::Instant::now());
		match self.chain.broadcast(attempt.tx_bytes.clone()).await {
			Ok(()) => {
				Metrics::add(&self.metrics.fees_spent, quote.extrinsic_fee);
				Ok(Some(attempt.tx_hash))
			}
			Err(ChainError::Refused(reason)) => {
				// Never entered the pool: its nonce is free again, and it cannot land.
				self.live_nonces.remove(&nonce);
				match self.chain.remembered(record.signer, hash, At::Best).await? {
					Some(r) => {
						self.set(hash, Change::To(not_ours(r), Some(format!("pool: {reason}"))))
							.await?;
					}
					None => {
						self.set(hash, Change::Wait(head.now.saturating_add(6))).await?;
					}
				}
				Ok(None)
			}
			// Unknown: it may be in the pool. Reconciliation decides once it is used or dead.
			Err(e) => {
				self.metrics.rpc_errors.inc();
				warn!(bundle = %short(&hash), "broadcast: {e}");
				Ok(Some(attempt.tx_hash))
			}
		}
	}

	/// Reconciles every extrinsic in flight with the chain at `head`, and broadcasts again (the
	/// same bytes) every live one that the node's pool no longer holds: a node may drop a valid
	/// extrinsic (chopsticks drops one that does not fit its block; a pool may evict), and a
	/// dropped extrinsic would hold its nonce, and every later one, until it dies.
	pub async fn reconcile(&mut self, head: Head) -> Result<(), EngineError> {
		let mut live = BTreeSet::new();
		let mut pool = None;
		let mut resend = Vec::new();
		for record in self.db.in_flight().await? {
			let Some(attempt) = record.attempt.clone() else { continue };
			match record.state {
				State::Submitting => {
					if let Some((nonce, keep)) =
						self.reconcile_submitting(&record, &attempt, head).await?
					{
						if keep != Keep::Reusable {
							live.insert(nonce);
						}
						if keep == Keep::Resend
							&& !self.pool_has(&mut pool, attempt.tx_hash).await?
						{
							resend.push((
								nonce,
								attempt,
								format!("bundle {}", short(&record.data_hash)),
							));
						}
					}
				}
				State::InBlock => self.reconcile_in_block(&record, &attempt).await?,
				_ if record.unsettled => {
					if let Some((nonce, keep)) =
						self.reconcile_unsettled(&record, &attempt, head).await?
					{
						if keep != Keep::Reusable {
							live.insert(nonce);
						}
					}
				}
				_ => {}
			}
		}
		for task in self.db.live_task_attempts().await? {
			live.insert(task.attempt.nonce);
			let alive =
				self.chain_nonce <= task.attempt.nonce && head.best <= task.attempt.mortal_until;
			if alive && !self.pool_has(&mut pool, task.attempt.tx_hash).await? {
				resend.push((task.attempt.nonce, task.attempt, format!("task {}", task.task)));
			}
		}
		for (nonce, filler) in &self.fillers {
			if *nonce >= self.chain_nonce && head.best <= filler.mortal_until {
				live.insert(*nonce);
				if !self.pool_has(&mut pool, filler.tx_hash).await? {
					resend.push((*nonce, filler.clone(), "gap filler".to_string()));
				}
			}
		}
		self.live_nonces = live;
		resend.sort_by_key(|(nonce, _, _)| *nonce);
		let now = tokio::time::Instant::now();
		let resend_after = self.cfg.tick.saturating_mul(RESEND_AFTER_TICKS);
		let forget_after = resend_after.saturating_mul(4 << RESEND_BACKOFF_MAX);
		self.sent_at.retain(|_, at| now.duration_since(*at) < forget_after);
		self.resends.retain(|tx, _| self.sent_at.contains_key(tx));
		resend.retain(|(_, a, _)| {
			let doublings = self.resends.get(&a.tx_hash).copied().unwrap_or(0);
			let wait = resend_after.saturating_mul(1 << doublings.min(RESEND_BACKOFF_MAX));
			self.sent_at.get(&a.tx_hash).is_none_or(|at| now.duration_since(*at) >= wait)
		});
		for (nonce, attempt, what) in resend {
			self.sent_at.insert(attempt.tx_hash, now);
			*self.resends.entry(attempt.tx_hash).or_default() += 1;
			info!(nonce, tx = %short(&attempt.tx_hash), "{what}: not in the pool, broadcasting it again");
			if let Err(e) = self.chain.broadcast(attempt.tx_bytes).await {
				// Refused: it landed meanwhile, or it can never land, or (a no-op) the pool
				// still holds what it supersedes; the next blocks tell, and the next
				// reconciliation tries again.
				info!(nonce, "{what}: broadcast again: {e}");
				if matches!(e, ChainError::Refused(_)) {
					self.sent_at.remove(&attempt.tx_hash);
				}
			}
		}
		Ok(())
	}

	/// Whether the node's pool holds `tx_hash` (the pool is read once per reconciliation).
	async fn pool_has(
		&self,
		pool: &mut Option<HashSet<[u8; 32]>>,
		tx_hash: [u8; 32],
	) -> Result<bool, EngineError> {
		if pool.is_none() {
			*pool = Some(self.chain.pool().await?);
		}
		Ok(pool.as_ref().is_some_and(|p| p.contains(&tx_hash)))
	}

	/// What the chain says of `attempt` of `record` at `head`.
	async fn observe(
		&self,
		record: &Record,
		attempt: &Attempt,
		head: Head,
	) -> Result<Observation, EngineError> {
		let hash = record.data_hash;
		let remembered = self.chain.remembered(record.signer, hash, At::Number(head.best)).await?;
		let executed_by = self.executions.get(&(record.signer, hash)).map(|(relayer, _)| {
			if *relayer == self.chain.relayer() {
				Runner::Us
			} else {
				Runner::Other
			}
		});
		Ok(Observation {
			remembered,
			executed_by,
			landed: self.landed(attempt),
			account_nonce: self.chain_nonce,
			block: head.best,
			now: head.now,
		})
	}

	/// Settles a submitting attempt, or answers its nonce while it stays unsettled, and what to
	/// do with it ([`Keep`]).
	async fn reconcile_submitting(
		&mut self,
		record: &Record,
		attempt: &Attempt,
		head: Head,
	) -> Result<Option<(u64, Keep)>, EngineError> {
		let hash = record.data_hash;
		if !self.read_up_to(head) {
			// The blocks are not all read yet (only after a long stop): decide nothing, and do
			// not send again what may be useless.
			return Ok(Some((attempt.nonce, Keep::Quiet)));
		}
		let seen = self.observe(record, attempt, head).await?;
		match reconcile(attempt.nonce, attempt.mortal_until, seen) {
			Verdict::Ours => {
				self.set(hash, Change::To(State::InBlock, None)).await?;
				Metrics::add(&self.metrics.fees_earned, record.fee);
			}
			Verdict::Other => {
				self.set(hash, Change::To(State::ExecutedByOther, None)).await?;
			}
			Verdict::LostInBlock => {
				let why = paid_for_failing("another relayer ran it first", attempt);
				warn!(bundle = %short(&hash), "{why}");
				self.set(hash, Change::To(State::ExecutedByOther, Some(why))).await?;
			}
			Verdict::Killed => {
				self.set(hash, Change::To(State::Killed, None)).await?;
			}
			Verdict::LandedAndFailed => {
				let why = format!(
					"our extrinsic {} was included but the dispatch failed",
					short(&attempt.tx_hash)
				);
				// Not the bundle's fault if it still runs now (e.g. an expired entry it would
				// have cleaned was cleaned by someone else first): try again, a few times.
				let still_runs = record.attempts < MAX_FAILED_LANDINGS
					&& self.chain.simulate(record.bytes.clone(), Vec::new()).await?.is_ok();
				if still_runs {
					warn!(bundle = %short(&hash), "{why}; it still simulates: trying again");
					self.set(hash, Change::Wait(head.now)).await?;
				} else {
					self.set(hash, Change::To(State::Failed, Some(why))).await?;
				}
			}
			Verdict::Pending => return Ok(Some((attempt.nonce, Keep::Resend))),
			Verdict::Supersede => {
				// The bundle's outcome is known: another relayer ran it, or its signer killed it,
				// and the record says so at once. Our dispatch can only fail now. Its nonce goes
				// to the next extrinsic we sign (a new attempt, or a no-op from `fill_gaps` when
				// a live attempt is above it and nothing else comes); the attempt stays tracked
				// (unsettled) until the nonce is used, by that one or by ours, or our dispatch is
				// dead, so that what it paid if it lands is recorded. With no traffic, nothing is
				// paid at all.
				let outcome = if seen.remembered == Some(Remembered::Killed) {
					State::Killed
				} else {
					State::ExecutedByOther
				};
				self.set(hash, Change::Outcome(outcome, None)).await?;
				return Ok(Some((attempt.nonce, Keep::Reusable)));
			}
			Verdict::Dead => {
				if record.valid_until.is_some_and(|v| v <= head.now) {
					self.set(
						hash,
						Change::To(State::Expired, Some("expired before it landed".into())),
					)
					.await?;
				} else {
					self.set(hash, Change::Wait(head.now)).await?;
				}
			}
		}
		Ok(None)
	}

	/// Settles an attempt whose bundle's outcome is already known ([`Record::unsettled`]): once
	/// its nonce is used or it is dead, records whether it landed (and paid for failing).
	async fn reconcile_unsettled(
		&mut self,
		record: &Record,
		attempt: &Attempt,
		head: Head,
	) -> Result<Option<(u64, Keep)>, EngineError> {
		if !self.read_up_to(head) {
			return Ok(Some((attempt.nonce, Keep::Quiet)));
		}
		let seen = self.observe(record, attempt, head).await?;
		let paid = |what: &str| paid_for_failing(what, attempt);
		let note = match reconcile(attempt.nonce, attempt.mortal_until, seen) {
			Verdict::Supersede | Verdict::Pending => {
				return Ok(Some((attempt.nonce, Keep::Reusable)));
			}
			Verdict::LostInBlock => Some(paid("another relayer ran it first")),
			Verdict::Killed if seen.landed == Some(true) => Some(paid("its signer killed it")),
			Verdict::LandedAndFailed => Some(paid("it could no longer run")),
			Verdict::Ours | Verdict::Other | Verdict::Killed | Verdict::Dead => None,
		};
		if let Some(why) = &note {
			warn!(bundle = %short(&record.data_hash), "{why}");
		}
		self.db.change(record.data_hash, Change::Settle(note)).await?;
		info!(bundle = %short(&record.data_hash), tx = %short(&attempt.tx_hash), "our last attempt settled");
		Ok(None)
	}

	async fn reconcile_in_block(
		&mut self,
		record: &Record,
		attempt: &Attempt,
	) -> Result<(), EngineError> {
		let hash = record.data_hash;
		let at_best = self.chain.remembered(record.signer, hash, At::Best).await?;
		if at_best.is_none() {
			// Retracted by a reorg: the same extrinsic may land again, or die.
			self.set(hash, Change::To(State::Submitting, None)).await?;
			return Ok(());
		}
		let finalized = self.chain.remembered(record.signer, hash, At::Finalized).await?;
		let (final_nonce, _) = self.chain.account(At::Finalized).await?;
		if finalized.is_some() && final_nonce > attempt.nonce {
			self.set(hash, Change::To(State::Finalized, None)).await?;
			let now_ms = std::time::SystemTime::now()
				.duration_since(std::time::UNIX_EPOCH)
				.map(|d| d.as_millis() as u64)
				.unwrap_or_default();
			self.metrics
				.received_to_finalized
				.observe(now_ms.saturating_sub(record.received_ms) as f64 / 1000.0);
		}
		Ok(())
	}

	async fn reconcile_tasks(&mut self, head: Head) -> Result<(), EngineError> {
		for task in self.db.live_task_attempts().await? {
			if self.chain_nonce > task.attempt.nonce {
				if !self.read_up_to(head) {
					// The blocks are not all read yet: decide once they are.
					continue;
				}
				// Whether our own extrinsic ran the task: the block that included it names us in
				// a `Pollinated` event. Another keeper's run of the same cycle (ours then
				// included after it, failed and paid) advances the cycle too, so the cycle
				// alone decides only for an attempt signed before the blocks read.
				let outcome = match self.landed.get(&task.attempt.tx_hash) {
					Some(block) if self.our_task_runs.contains(&(task.task, *block)) => {
						"dispatched"
					}
					Some(_) => "failed",
					// Not in a block read (signed before the first one, after a long stop): the
					// cycle is all there is.
					None => {
						let cycle = match self.chain.quote_task(task.task).await? {
							Ok(q) => Some(q.cycle),
							Err(_) => None,
						};
						if cycle.is_some_and(|c| c > task.cycle) {
							"dispatched"
						} else {
							"failed"
						}
					}
				};
				if outcome == "dispatched" {
					Metrics::add(&self.metrics.nectar_earned, task.payable);
				}
				info!(task = task.task, cycle = task.cycle, "task dispatch {outcome}");
				self.db.set_task_outcome(task.id, outcome).await?;
			} else if head.best > task.attempt.mortal_until {
				info!(task = task.task, cycle = task.cycle, "task dispatch dead");
				self.db.set_task_outcome(task.id, "dead").await?;
			}
		}
		Ok(())
	}

	async fn run_tasks(&mut self, head: Head) -> Result<(), EngineError> {
		let ids = match &self.cfg.tasks {
			Tasks::All => self.chain.tasks().await?,
			Tasks::Only(ids) => ids.clone(),
		};
		if ids.is_empty() {
			return Ok(());
		}
		let busy: BTreeSet<u32> =
			self.db.live_task_attempts().await?.iter().map(|t| t.task).collect();
		for task in ids.into_iter().filter(|t| !busy.contains(t)) {
			let Ok(quote) = self.chain.quote_task(task).await? else { continue };
			let min_nectar = quote.extrinsic_fee.saturating_add(self.cfg.min_profit);
			if quote.payable < min_nectar {
				continue;
			}
			let nonce = self.next_nonce();
			let attempt = self
				.chain
				.sign_task_dispatch(task, min_nectar, quote.call_weight, nonce, head)
				.await?;
			let id = self
				.db
				.add_task_attempt(task, quote.cycle, quote.payable, min_nectar, attempt.clone())
				.await?;
			self.live_nonces.insert(nonce);
			info!(task, cycle = quote.cycle, payable = %quote.payable, nonce, "dispatching task");
			self.sent_at.insert(attempt.tx_hash, tokio::time::Instant::now());
			match self.chain.broadcast(attempt.tx_bytes).await {
				Ok(()) => Metrics::add(&self.metrics.fees_spent, quote.extrinsic_fee),
				Err(ChainError::Refused(reason)) => {
					self.live_nonces.remove(&nonce);
					info!(task, "task dispatch refused by the pool: {reason}");
					self.db.set_task_outcome(id, "refused").await?;
				}
				Err(e) => warn!(task, "broadcast: {e}"),
			}
		}
		Ok(())
	}
}

/// The lowest nonce at or above `chain_nonce` that `live` does not hold.
pub fn next_free_nonce(chain_nonce: u64, live: &BTreeSet<u64>) -> u64 {
	let mut n = chain_nonce;
	for &held in live.range(chain_nonce..) {
		if held != n {
			break;
		}
		n = n.saturating_add(1);
	}
	n
}

/// What a simulation error means for a bundle: its terminal state, or `retry` for errors that
/// time cures (not yet valid).
pub fn classify(reason: &str) -> (State, bool) {
	if reason.ends_with("BundleAlreadyExecuted") {
		(State::ExecutedByOther, false)
	} else if reason.ends_with("BundleKilled") {
		(State::Killed, false)
	} else if reason.ends_with("BundleExpired") {
		(State::Expired, false)
	} else if reason.ends_with("BundleNotYetValid") {
		(State::Waiting, true)
	} else {
		(State::Failed, false)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_next_nonce_fills_the_lowest_gap() {
		let live = |v: &[u64]| v.iter().copied().collect::<BTreeSet<u64>>();
		assert_eq!(next_free_nonce(5, &live(&[])), 5);
		assert_eq!(next_free_nonce(5, &live(&[5, 6])), 7);
		// 10 was freed (refused or made useless) while 11 and 12 live: 10 first, not 13.
		assert_eq!(next_free_nonce(10, &live(&[11, 12])), 10);
		assert_eq!(next_free_nonce(10, &live(&[10, 12])), 11);
		// Live attempts below the chain's nonce are used already.
		assert_eq!(next_free_nonce(8, &live(&[3, 8])), 9);
	}
}
