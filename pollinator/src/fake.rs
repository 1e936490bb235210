//! An in-memory chain for tests and the benchmark: blocks on demand, a transaction pool that
//! refuses what `ValidatePollinate` refuses (stale nonces, dead mortality, a second copy of a
//! bundle or task cycle, executed, killed or expired bundles), and the pay-after and periodic
//! rules that matter to a relayer. Several [`FakeChain`] handles (one per relayer) share one
//! [`World`], so two daemons can race for the same bundles.
//!
//! Calls are opaque `Vec<u8>`s here; a call whose bytes are `b"fail"` fails when run.

use crate::{
	bundle::{Bundle, CallSkipper, DataHash, Domain},
	chain::{At, BlockEvents, Chain, ChainError, Executed, Head, Pollinated, Quote, TaskQuote},
	db::Attempt,
	policy::fee_at_time,
	state::Remembered,
};
use codec::{Decode, Encode};
use power_primitives::fee::FeeAt;
use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
};

/// The fake's domain.
pub const DOMAIN: Domain = Domain { genesis_hash: [0x42; 32], transaction_version: 1 };

/// Calls are SCALE `Vec<u8>`s.
pub struct FakeCalls;

impl CallSkipper for FakeCalls {
	fn skip_call(&self, input: &mut &[u8]) -> Result<(), String> {
		Vec::<u8>::decode(input).map(|_| ()).map_err(|e| e.to_string())
	}
}

#[derive(Encode, Decode, Clone, Debug)]
enum Kind {
	Dispatch(Vec<u8>, Vec<DataHash>),
	Task { task: u32, min_nectar: u128 },
	Filler,
}

#[derive(Encode, Decode, Clone, Debug)]
struct Tx {
	sender: [u8; 32],
	nonce: u64,
	mortal_until: u64,
	kind: Kind,
}

/// A periodic task of the fake: `pay_per_sec` accrues, the pot is unlimited.
#[derive(Debug, Clone)]
pub struct FakeTask {
	/// Nectar per second.
	pub pay_per_sec: u128,
	/// When it last ran.
	pub last_run: u64,
	/// Its cycle.
	pub cycle: u64,
}

/// What happened to an included extrinsic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Included {
	/// Who sent it.
	pub sender: [u8; 32],
	/// Its hash.
	pub tx_hash: [u8; 32],
	/// The block that included it.
	pub block: u64,
	/// The bundle it relayed, or `None` for a task.
	pub bundle: Option<DataHash>,
	/// Whether its call succeeded.
	pub ok: bool,
}

/// The shared state of the fake chain.
#[derive(Debug)]
pub struct World {
	/// Best block.
	pub best: u64,
	/// Blocks the finalized one lags behind.
	pub finality_lag: u64,
	/// Chain time.
	pub now: u64,
	/// Nonce and free balance per account.
	pub accounts: HashMap<[u8; 32], (u64, u128)>,
	/// Remembered bundles: `(signer, hash) -> (status, block)`.
	pub remembered: HashMap<([u8; 32], DataHash), (Remembered, u64)>,
	/// The expiry of remembered bundles that have one (their policy's invalid marker).
	pub expiries: HashMap<([u8; 32], DataHash), u64>,
	/// The deposit of a remembered bundle, paid to whoever cleans it once expired.
	pub deposit: u128,
	/// What cleaning one expired entry adds to the dispatch's fee.
	pub clean_fee: u128,
	/// `PayAfter::BundleExecuted` events: `(block, event)`.
	pub events: Vec<(u64, Executed)>,
	/// The pool.
	pool: Vec<([u8; 32], Tx)>,
	/// Every included extrinsic.
	pub included: Vec<Included>,
	/// Every broadcast accepted by the pool: `(sender, tx_hash)`.
	pub broadcasts: Vec<([u8; 32], [u8; 32])>,
	/// The extrinsic fee of a dispatch.
	pub extrinsic_fee: u128,
	/// The fee of a no-op (a nonce filler): far less than a dispatch's.
	pub filler_fee: u128,
	/// Tasks.
	pub tasks: HashMap<u32, FakeTask>,
	/// `(block, event)` for every task run.
	pub task_runs: Vec<(u64, Pollinated)>,
	/// Whether the RPC fails (a node outage).
	pub down: bool,
	/// Broadcasts reach the pool but their answer is lost (an RPC error).
	pub lose_broadcast_replies: bool,
	/// Broadcasts are lost before the pool (an RPC error).
	pub drop_broadcasts: bool,
	/// Senders whose extrinsics the node is putting in a block it has not finished: they are
	/// in the pool but not listed by it, and not yet included (chopsticks does this).
	pub stalled: std::collections::HashSet<[u8; 32]>,
	/// The pool keeps no tags (chopsticks): two relayers' dispatches of one bundle (or two
	/// keepers' of one task cycle) both enter it, where a node's pool keeps only the first
	/// (`ValidatePollinate`'s tags).
	pub no_tags: bool,
}

impl World {
	/// A chain at block 1, time `now`.
	pub fn new(now: u64) -> Arc<Mutex<World>> {
		Arc::new(Mutex::new(World {
			best: 1,
			finality_lag: 0,
			now,
			accounts: HashMap::new(),
			remembered: HashMap::new(),
			expiries: HashMap::new(),
			deposit: 30,
			clean_fee: 5,
			events: Vec::new(),
			pool: Vec::new(),
			included: Vec::new(),
			broadcasts: Vec::new(),
			extrinsic_fee: 100,
			filler_fee: 10,
			tasks: HashMap::new(),
			task_runs: Vec::new(),
			down: false,
			lose_broadcast_replies: false,
			drop_broadcasts: false,
			stalled: std::collections::HashSet::new(),
			no_tags: false,
		}))
	}

	fn finalized(&self) -> u64 {
		self.best.saturating_sub(self.finality_lag)
	}

	fn check_bundle(&self, bytes: &[u8]) -> Result<(Bundle, DataHash, u128), String> {
		let bundle = Bundle::decode(bytes, &FakeCalls).map_err(|e| e.to_string())?;
		let hash = bundle.verify(&DOMAIN).map_err(|_| "PayAfter::BadSignature".to_string())?;
		match self.remembered.get(&(bundle.signer, hash)) {
			Some((Remembered::Executed, _)) => return Err("PayAfter::BundleAlreadyExecuted".into()),
			Some((Remembered::Killed, _)) => return Err("PayAfter::BundleKilled".into()),
			None => {}
		}
		let fee = match fee_at_time(&bundle.policy, bundle.create_time, self.now) {
			FeeAt::NotYetValid => return Err("PayAfter::BundleNotYetValid".into()),
			FeeAt::Expired => return Err("PayAfter::BundleExpired".into()),
			FeeAt::Fee(f) => f,
		};
		let mut calls = &bundle.calls[..];
		let n = codec::Compact::<u32>::decode(&mut calls).map_err(|e| e.to_string())?.0;
		for _ in 0..n {
			let call = Vec::<u8>::decode(&mut calls).map_err(|e| e.to_string())?;
			if call == b"fail" {
				return Err("Assets::BalanceLow".into());
			}
		}
		Ok((bundle, hash, fee))
	}

	/// Checks that `signer`'s `expired` entries may be cleaned now: their deposits.
	fn check_expired(&self, signer: [u8; 32], expired: &[DataHash]) -> Result<u128, String> {
		if expired.len() > 16 {
			return Err("more expired entries than MaxExpired".into());
		}
		for hash in expired {
			if !self.remembered.contains_key(&(signer, *hash)) {
				return Err("PayAfter::UnknownBundle".into());
			}
			if self.expiries.get(&(signer, *hash)).is_none_or(|e| *e > self.now) {
				return Err("PayAfter::BundleNotExpired".into());
			}
		}
		Ok(self.deposit.saturating_mul(expired.len() as u128))
	}

	fn dispatch_fee(&self, expired: usize) -> u128 {
		self.extrinsic_fee.saturating_add(self.clean_fee.saturating_mul(expired as u128))
	}

	fn task_quote(&self, task: u32) -> Result<TaskQuote, String> {
		let t = self.tasks.get(&task).ok_or("Periodic::TaskNotFound")?;
		let payable = t.pay_per_sec.saturating_mul(u128::from(self.now.saturating_sub(t.last_run)));
		Ok(TaskQuote {
			payable,
			cycle: t.cycle,
			call_weight: (1_000, 10),
			extrinsic_fee: self.extrinsic_fee,
		})
	}

	fn validate(&self, tx: &Tx) -> Result<(), String> {
		let (nonce, _) = self.accounts.get(&tx.sender).copied().unwrap_or_default();
		if tx.nonce < nonce {
			return Err("Stale (nonce)".into());
		}
		if tx.mortal_until < self.best {
			return Err("AncientBirthBlock".into());
		}
		match &tx.kind {
			Kind::Dispatch(bytes, expired) => {
				let (bundle, hash, _) = self.check_bundle(bytes)?;
				self.check_expired(bundle.signer, expired)?;
				let taken = self.pool.iter().any(|(_, other)| match &other.kind {
					Kind::Dispatch(b, _) => Bundle::decode(b, &FakeCalls)
						.ok()
						.and_then(|o| o.verify(&DOMAIN).ok())
						.is_some_and(|h| h == hash && other.sender != tx.sender),
					_ => false,
				});
				if taken && !self.no_tags {
					return Err(format!(
						"TooLowPriority: bundle of {:?} already in the pool",
						bundle.signer[0]
					));
				}
				Ok(())
			}
			Kind::Filler => Ok(()),
			Kind::Task { task, min_nectar } => {
				let q = self.task_quote(*task)?;
				if q.payable == 0 || q.payable < *min_nectar {
					return Err("Periodic::InsufficientNectar".into());
				}
				let taken = self.pool.iter().any(|(_, o)| {
					matches!(&o.kind, Kind::Task { task: t, .. } if t == task)
						&& o.sender != tx.sender
				});
				if taken && !self.no_tags {
					return Err("TooLowPriority: task cycle already in the pool".into());
				}
				Ok(())
			}
		}
	}

	/// Produces a block: includes every pool extrinsic whose nonce is next, in order, then
	/// drops the dead ones.
	pub fn produce_block(&mut self, secs: u64) {
		self.best += 1;
		self.now += secs;
		loop {
			let next = self.pool.iter().position(|(_, tx)| {
				let (nonce, _) = self.accounts.get(&tx.sender).copied().unwrap_or_default();
				tx.nonce == nonce
					&& tx.mortal_until >= self.best
					&& !self.stalled.contains(&tx.sender)
			});
			let Some(i) = next else { break };
			let (hash, tx) = self.pool.remove(i);
			let fee = match &tx.kind {
				Kind::Dispatch(_, expired) => self.dispatch_fee(expired.len()),
				Kind::Task { .. } => self.extrinsic_fee,
				Kind::Filler => self.filler_fee,
			};
			let account = self.accounts.entry(tx.sender).or_default();
			account.0 += 1;
			account.1 = account.1.saturating_sub(fee);
			let (bundle, ok, earned) = match &tx.kind {
				Kind::Dispatch(bytes, expired) => match self
					.check_bundle(bytes)
					.and_then(|(b, h, fee)| Ok((self.check_expired(b.signer, expired)?, b, h, fee)))
				{
					Ok((deposits, b, h, fee)) => {
						for old in expired {
							self.remembered.remove(&(b.signer, *old));
							self.expiries.remove(&(b.signer, *old));
						}
						self.remembered.insert((b.signer, h), (Remembered::Executed, self.best));
						if let Some(until) = b.valid_until() {
							self.expiries.insert((b.signer, h), until);
						}
						let event = Executed { signer: b.signer, data_hash: h, relayer: tx.sender };
						self.events.push((self.best, event));
						(Some(h), true, fee.saturating_add(deposits))
					}
					Err(_) => (
						Bundle::decode(bytes, &FakeCalls).ok().and_then(|b| b.verify(&DOMAIN).ok()),
						false,
						0,
					),
				},
				Kind::Task { task, min_nectar } => match self.task_quote(*task) {
					Ok(q) if q.payable >= *min_nectar && q.payable > 0 => {
						if let Some(t) = self.tasks.get_mut(task) {
							t.last_run = self.now;
							t.cycle += 1;
						}
						let run = Pollinated { task: *task, caller: tx.sender };
						self.task_runs.push((self.best, run));
						(None, true, q.payable)
					}
					_ => (None, false, 0),
				},
				Kind::Filler => (None, true, 0),
			};
			if let Some(a) = self.accounts.get_mut(&tx.sender) {
				a.1 = a.1.saturating_add(earned);
			}
			let block = self.best;
			self.included.push(Included { sender: tx.sender, tx_hash: hash, block, bundle, ok });
		}
		let best = self.best;
		self.pool.retain(|(_, tx)| tx.mortal_until >= best);
	}

	/// Remembers `signer`'s bundle `hash` as executed long ago, expiring at `expires`: an entry
	/// a relayer may clean for its deposit once `expires` has passed.
	pub fn remember_executed(&mut self, signer: [u8; 32], hash: DataHash, expires: u64) {
		self.remembered.insert((signer, hash), (Remembered::Executed, self.best));
		self.expiries.insert((signer, hash), expires);
	}

	/// Marks a bundle killed by its signer.
	pub fn kill(&mut self, signer: [u8; 32], hash: DataHash) {
		self.remembered.insert((signer, hash), (Remembered::Killed, self.best));
	}

	/// Drops every extrinsic from the pool, as a node that evicts them (or chopsticks, which
	/// drops an extrinsic that does not fit its block) does.
	pub fn evict_pool(&mut self) {
		self.pool.clear();
	}

	/// Transactions in the pool.
	pub fn pool_len(&self) -> usize {
		self.pool.len()
	}
}

/// One relayer's view of a [`World`].
#[derive(Clone)]
pub struct FakeChain {
	/// The shared state.
	pub world: Arc<Mutex<World>>,
	relayer: [u8; 32],
}

impl FakeChain {
	/// A relayer `relayer` with `balance` on `world`.
	pub fn new(world: Arc<Mutex<World>>, relayer: [u8; 32], balance: u128) -> FakeChain {
		if let Ok(mut w) = world.lock() {
			w.accounts.entry(relayer).or_insert((0, balance));
		}
		FakeChain { world, relayer }
	}

	fn with<T>(
		&self,
		f: impl FnOnce(&mut World) -> Result<T, ChainError>,
	) -> Result<T, ChainError> {
		let mut w = self.world.lock().map_err(|_| ChainError::Rpc("poisoned".into()))?;
		if w.down {
			return Err(ChainError::Rpc("connection refused".into()));
		}
		f(&mut w)
	}

	fn sign(&self, kind: Kind, nonce: u64, head: Head, period: u64) -> Attempt {
		let tx = Tx { sender: self.relayer, nonce, mortal_until: head.best + period, kind };
		let bytes = tx.encode();
		Attempt {
			nonce,
			tx_hash: sp_crypto_hashing::blake2_256(&bytes),
			tx_bytes: bytes,
			mortal_until: tx.mortal_until,
		}
	}
}

impl Chain for FakeChain {
	fn domain(&self) -> Domain {
		DOMAIN
	}
	fn calls(&self) -> Arc<dyn CallSkipper> {
		Arc::new(FakeCalls)
	}
	fn relayer(&self) -> [u8; 32] {
		self.relayer
	}
	fn mortality(&self) -> u64 {
		9
	}
	async fn head(&self) -> Result<Head, ChainError> {
		self.with(|w| Ok(Head { best: w.best, finalized: w.finalized(), now: w.now }))
	}
	async fn account(&self, _at: At) -> Result<(u64, u128), ChainError> {
		self.with(|w| Ok(w.accounts.get(&self.relayer).copied().unwrap_or_default()))
	}
	async fn remembered(
		&self,
		signer: [u8; 32],
		data_hash: DataHash,
		at: At,
	) -> Result<Option<Remembered>, ChainError> {
		self.with(|w| {
			let limit = match at {
				At::Best => w.best,
				At::Finalized => w.finalized(),
				At::Number(n) => n,
			};
			Ok(w.remembered.get(&(signer, data_hash)).filter(|(_, b)| *b <= limit).map(|(r, _)| *r))
		})
	}
	async fn simulate(
		&self,
		bundle: Vec<u8>,
		expired: Vec<DataHash>,
	) -> Result<Result<Quote, String>, ChainError> {
		self.with(|w| {
			Ok(w.check_bundle(&bundle).and_then(|(b, _, fee)| {
				Ok(Quote {
					fee,
					deposits: w.check_expired(b.signer, &expired)?,
					extrinsic_fee: w.dispatch_fee(expired.len()),
				})
			}))
		})
	}
	async fn sign_dispatch(
		&self,
		bundle: Vec<u8>,
		expired: Vec<DataHash>,
		nonce: u64,
		head: Head,
	) -> Result<Attempt, ChainError> {
		Ok(self.sign(Kind::Dispatch(bundle, expired), nonce, head, 8))
	}
	async fn expired(&self, signer: [u8; 32], now: u64) -> Result<Vec<DataHash>, ChainError> {
		self.with(|w| {
			let mut found: Vec<DataHash> = w
				.expiries
				.iter()
				.filter(|((s, _), e)| *s == signer && **e <= now)
				.map(|((_, h), _)| *h)
				.collect();
			found.sort();
			found.truncate(16);
			Ok(found)
		})
	}
	async fn events(&self, number: u64) -> Result<BlockEvents, ChainError> {
		self.with(|w| {
			Ok(BlockEvents {
				executed: w.events.iter().filter(|(b, _)| *b == number).map(|(_, e)| *e).collect(),
				pollinated: w
					.task_runs
					.iter()
					.filter(|(b, _)| *b == number)
					.map(|(_, e)| *e)
					.collect(),
			})
		})
	}
	async fn included(&self, number: u64) -> Result<Vec<[u8; 32]>, ChainError> {
		self.with(|w| {
			Ok(w.included.iter().filter(|i| i.block == number).map(|i| i.tx_hash).collect())
		})
	}
	async fn pool(&self) -> Result<std::collections::HashSet<[u8; 32]>, ChainError> {
		self.with(|w| {
			Ok(w.pool
				.iter()
				.filter(|(_, tx)| !w.stalled.contains(&tx.sender))
				.map(|(h, _)| *h)
				.collect())
		})
	}
	async fn sign_filler(&self, nonce: u64, head: Head) -> Result<Attempt, ChainError> {
		Ok(self.sign(Kind::Filler, nonce, head, 8))
	}
	async fn tasks(&self) -> Result<Vec<u32>, ChainError> {
		self.with(|w| {
			let mut ids: Vec<u32> = w.tasks.keys().copied().collect();
			ids.sort();
			Ok(ids)
		})
	}
	async fn quote_task(&self, task: u32) -> Result<Result<TaskQuote, String>, ChainError> {
		self.with(|w| Ok(w.task_quote(task)))
	}
	async fn sign_task_dispatch(
		&self,
		task: u32,
		min_nectar: u128,
		_call_weight: (u64, u64),
		nonce: u64,
		head: Head,
	) -> Result<Attempt, ChainError> {
		Ok(self.sign(Kind::Task { task, min_nectar }, nonce, head, 8))
	}
	async fn broadcast(&self, tx_bytes: Vec<u8>) -> Result<(), ChainError> {
		self.with(|w| {
			if w.drop_broadcasts {
				return Err(ChainError::Rpc("connection reset".into()));
			}
			let hash = sp_crypto_hashing::blake2_256(&tx_bytes);
			if w.pool.iter().any(|(h, _)| *h == hash) {
				return Ok(());
			}
			let tx =
				Tx::decode(&mut &tx_bytes[..]).map_err(|e| ChainError::Refused(e.to_string()))?;
			w.validate(&tx).map_err(ChainError::Refused)?;
			w.broadcasts.push((tx.sender, hash));
			w.pool.push((hash, tx));
			if w.lose_broadcast_replies {
				return Err(ChainError::Rpc("timeout".into()));
			}
			Ok(())
		})
	}
}
