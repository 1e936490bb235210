//! The durable store: SQLite (rusqlite, bundled) in WAL mode with `synchronous = FULL`.
//!
//! One thread owns the connection. Requests arrive on a channel and are run in **group
//! commits**: every request waiting when a transaction starts runs in it (each in its own
//! savepoint, so one failing request does not undo the others), then one `COMMIT` (one fsync of
//! the WAL) makes them all durable, and only then is each caller answered. So a record is on disk
//! before the HTTP answer, and an attempt before its broadcast, at the cost of one fsync per
//! batch rather than per request.

use crate::{
	bundle::DataHash,
	state::{Remembered, State},
};
use rusqlite::{params, Connection, OptionalExtension};
use std::{path::Path, sync::mpsc, thread};
use tokio::sync::oneshot;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
	/// SQLite reported an error.
	#[error("database: {0}")]
	Sql(#[from] rusqlite::Error),
	/// The store's thread is gone.
	#[error("the database thread stopped")]
	Closed,
	/// A stored value does not read back.
	#[error("corrupt row: {0}")]
	Corrupt(String),
	/// A transition that the state machine does not have.
	#[error("bundle {0}: {1:?} -> {2:?} is not a transition")]
	BadTransition(String, State, State),
	/// The database belongs to another chain.
	#[error("this database was made for the chain with genesis {stored}, not {actual}")]
	WrongChain {
		/// The genesis hash stored.
		stored: String,
		/// The chain's genesis hash.
		actual: String,
	},
}

/// An extrinsic that relays a bundle or a task: committed before it is broadcast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
	/// The account nonce it uses.
	pub nonce: u64,
	/// Its hash (the `txid` of the API).
	pub tx_hash: [u8; 32],
	/// The signed extrinsic, to rebroadcast unchanged after a restart.
	pub tx_bytes: Vec<u8>,
	/// The last block number it can be included in.
	pub mortal_until: u64,
}

/// A stored bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
	/// Insertion order.
	pub id: i64,
	/// The bundle's id.
	pub data_hash: DataHash,
	/// Its signer.
	pub signer: [u8; 32],
	/// Its creation time.
	pub create_time: u64,
	/// Its SCALE bytes.
	pub bytes: Vec<u8>,
	/// Where it stands.
	pub state: State,
	/// When it is looked at again (waiting).
	pub wait_until: Option<u64>,
	/// The second its invalid marker applies, if any.
	pub valid_until: Option<u64>,
	/// Why it failed, for terminal error states.
	pub error: Option<String>,
	/// The live or last attempt.
	pub attempt: Option<Attempt>,
	/// How many attempts were made.
	pub attempts: u32,
	/// The fee it was quoted to pay us when last submitted (planck).
	pub fee: u128,
	/// Unix milliseconds it was received.
	pub received_ms: u64,
	/// The bundle's outcome is known (another relayer ran it, or its signer killed it) but our
	/// last attempt may still land: it is tracked until its nonce is used or it dies, so that
	/// what it paid, if it lands and fails, is recorded (in `error`).
	pub unsettled: bool,
}

/// What an insert did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
	/// A new record.
	New(Box<Record>),
	/// The bundle was already stored: its record.
	Existing(Box<Record>),
	/// The signer already has this many bundles waiting.
	TooManyWaiting(u32),
}

/// A new bundle to store.
#[derive(Debug, Clone)]
pub struct NewBundle {
	/// Its id.
	pub data_hash: DataHash,
	/// Its signer.
	pub signer: [u8; 32],
	/// Its creation time.
	pub create_time: u64,
	/// Its bytes.
	pub bytes: Vec<u8>,
	/// When to look at it.
	pub wait_until: u64,
	/// Its marker's second.
	pub valid_until: Option<u64>,
}

/// A dispatch of a periodic task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskAttempt {
	/// Row id.
	pub id: i64,
	/// The task.
	pub task: u32,
	/// The task's cycle when quoted.
	pub cycle: u64,
	/// The nectar quoted (planck).
	pub payable: u128,
	/// The `min_nectar` passed.
	pub min_nectar: u128,
	/// The extrinsic.
	pub attempt: Attempt,
	/// `live`, `dispatched`, `failed` or `dead`.
	pub outcome: String,
}

type Finish = Box<dyn FnOnce(Result<(), String>) + Send>;
type Job = Box<dyn FnOnce(&Connection) -> (bool, Finish) + Send>;

/// A handle on the store; cheap to clone.
#[derive(Clone)]
pub struct Db {
	jobs: mpsc::Sender<Job>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS bundles (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	data_hash BLOB NOT NULL UNIQUE,
	signer BLOB NOT NULL,
	create_time INTEGER NOT NULL,
	bytes BLOB NOT NULL,
	state TEXT NOT NULL,
	wait_until INTEGER,
	valid_until INTEGER,
	error TEXT,
	nonce INTEGER,
	tx_hash BLOB,
	tx_bytes BLOB,
	mortal_until INTEGER,
	attempts INTEGER NOT NULL DEFAULT 0,
	fee TEXT NOT NULL DEFAULT '0',
	received_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL,
	unsettled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS bundles_by_signer ON bundles (signer, id);
CREATE INDEX IF NOT EXISTS bundles_by_state ON bundles (state, wait_until);
CREATE TABLE IF NOT EXISTS task_attempts (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	task INTEGER NOT NULL,
	cycle INTEGER NOT NULL,
	payable TEXT NOT NULL,
	min_nectar TEXT NOT NULL,
	nonce INTEGER NOT NULL,
	tx_hash BLOB NOT NULL,
	tx_bytes BLOB NOT NULL,
	mortal_until INTEGER NOT NULL,
	outcome TEXT NOT NULL,
	created_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS task_attempts_live ON task_attempts (outcome);
";

/// The states of a bundle that is not finished.
pub const UNFINISHED: [State; 4] =
	[State::Received, State::Waiting, State::Submitting, State::InBlock];

fn now_ms() -> u64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
		.unwrap_or_default()
}

fn i(v: u64) -> i64 {
	i64::try_from(v).unwrap_or(i64::MAX)
}

fn u(v: i64) -> u64 {
	u64::try_from(v).unwrap_or_default()
}

fn hash32(bytes: Vec<u8>) -> Result<[u8; 32], DbError> {
	<[u8; 32]>::try_from(bytes)
		.map_err(|b| DbError::Corrupt(format!("{} bytes for a hash", b.len())))
}

const COLUMNS: &str = "id, data_hash, signer, create_time, bytes, state, wait_until, valid_until, \
	error, nonce, tx_hash, tx_bytes, mortal_until, attempts, fee, received_ms, unsettled";

fn read_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Record, DbError>> {
	let state: String = row.get(5)?;
	let nonce: Option<i64> = row.get(9)?;
	let tx_hash: Option<Vec<u8>> = row.get(10)?;
	let tx_bytes: Option<Vec<u8>> = row.get(11)?;
	let mortal_until: Option<i64> = row.get(12)?;
	let fee: String = row.get(14)?;
	let data_hash: Vec<u8> = row.get(1)?;
	let signer: Vec<u8> = row.get(2)?;
	let unsettled: i64 = row.get(16)?;
	let (id, create_time, bytes, wait_until, valid_until, error, attempts, received_ms): (
		i64,
		i64,
		Vec<u8>,
		Option<i64>,
		Option<i64>,
		Option<String>,
		i64,
		i64,
	) = (
		row.get(0)?,
		row.get(3)?,
		row.get(4)?,
		row.get(6)?,
		row.get(7)?,
		row.get(8)?,
		row.get(13)?,
		row.get(15)?,
	);
	Ok((|| {
		let attempt = match (nonce, tx_hash, tx_bytes, mortal_until) {
			(Some(nonce), Some(hash), Some(tx_bytes), Some(mortal_until)) => Some(Attempt {
				nonce: u(nonce),
				tx_hash: hash32(hash)?,
				tx_bytes,
				mortal_until: u(mortal_until),
			}),
			_ => None,
		};
		Ok(Record {
			id,
			data_hash: hash32(data_hash)?,
			signer: hash32(signer)?,
			create_time: u(create_time),
			bytes,
			state: State::parse(&state)
				.ok_or_else(|| DbError::Corrupt(format!("state {state}")))?,
			wait_until: wait_until.map(u),
			valid_until: valid_until.map(u),
			error,
			attempt,
			attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
			fee: fee.parse().map_err(|_| DbError::Corrupt(format!("fee {fee}")))?,
			received_ms: u(received_ms),
			unsettled: unsettled != 0,
		})
	})())
}

fn get_record(conn: &Connection, data_hash: &DataHash) -> Result<Option<Record>, DbError> {
	let sql = format!("SELECT {COLUMNS} FROM bundles WHERE data_hash = ?1");
	conn.query_row(&sql, [&data_hash[..]], read_record).optional()?.transpose()
}

fn query_records(
	conn: &Connection,
	sql: &str,
	params: impl rusqlite::Params,
) -> Result<Vec<Record>, DbError> {
	let mut stmt = conn.prepare_cached(sql)?;
	let rows = stmt.query_map(params, read_record)?;
	let mut out = Vec::new();
	for row in rows {
		out.push(row??);
	}
	Ok(out)
}

fn read_task_attempt(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<TaskAttempt, DbError>> {
	let (id, task, cycle, payable, min_nectar, nonce, tx_hash, tx_bytes, mortal_until, outcome): (
		i64,
		i64,
		i64,
		String,
		String,
		i64,
		Vec<u8>,
		Vec<u8>,
		i64,
		String,
	) = (
		row.get(0)?,
		row.get(1)?,
		row.get(2)?,
		row.get(3)?,
		row.get(4)?,
		row.get(5)?,
		row.get(6)?,
		row.get(7)?,
		row.get(8)?,
		row.get(9)?,
	);
	Ok((|| {
		Ok(TaskAttempt {
			id,
			task: u32::try_from(task).map_err(|_| DbError::Corrupt(format!("task {task}")))?,
			cycle: u(cycle),
			payable: payable.parse().map_err(|_| DbError::Corrupt(payable.clone()))?,
			min_nectar: min_nectar.parse().map_err(|_| DbError::Corrupt(min_nectar.clone()))?,
			attempt: Attempt {
				nonce: u(nonce),
				tx_hash: hash32(tx_hash)?,
				tx_bytes,
				mortal_until: u(mortal_until),
			},
			outcome,
		})
	})())
}

/// How a bundle's state changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
	/// To `waiting` until the given second.
	Wait(u64),
	/// To `submitting`, with a new attempt quoted to pay `fee`.
	Submit(Attempt, u128),
	/// To another state (keeping the attempt), with an optional error.
	To(State, Option<String>),
	/// From `submitting` to the bundle's known outcome (`executed_by_other` or `killed`) while
	/// our attempt may still land: the attempt stays tracked ([`Record::unsettled`]).
	Outcome(State, Option<String>),
	/// Our unsettled attempt is settled (its nonce used, or it died); with what it paid, if
	/// anything. The state does not change.
	Settle(Option<String>),
}

impl Db {
	/// Opens (or creates) the store at `path`; `":memory:"` for a throw-away one.
	pub fn open(path: &Path) -> Result<Db, DbError> {
		let conn = Connection::open(path)?;
		conn.pragma_update(None, "journal_mode", "WAL")?;
		conn.pragma_update(None, "synchronous", "FULL")?;
		conn.pragma_update(None, "foreign_keys", "ON")?;
		conn.busy_timeout(std::time::Duration::from_secs(10))?;
		conn.execute_batch(SCHEMA)?;
		// A store made before `unsettled` existed: add it (every record is then settled).
		let has_unsettled: bool = conn
			.prepare("SELECT 1 FROM pragma_table_info('bundles') WHERE name = 'unsettled'")?
			.exists([])?;
		if !has_unsettled {
			conn.execute_batch(
				"ALTER TABLE bundles ADD COLUMN unsettled INTEGER NOT NULL DEFAULT 0",
			)?;
		}
		let (jobs, rx) = mpsc::channel::<Job>();
		thread::Builder::new()
			.name("pollinator-db".into())
			.spawn(move || run(conn, rx))
			.map_err(|e| DbError::Corrupt(format!("cannot start the database thread: {e}")))?;
		Ok(Db { jobs })
	}

	/// Runs `f` in the next group commit and returns its result once it is durable. An error
	/// from `f` rolls back only `f`'s own writes.
	pub async fn call<T: Send + 'static>(
		&self,
		f: impl FnOnce(&Connection) -> Result<T, DbError> + Send + 'static,
	) -> Result<T, DbError> {
		let (tx, rx) = oneshot::channel();
		let job: Job = Box::new(move |conn| {
			let result = f(conn);
			let ok = result.is_ok();
			let finish: Finish = Box::new(move |committed| {
				let out = match committed {
					Ok(()) => result,
					Err(e) => Err(DbError::Corrupt(format!("commit failed: {e}"))),
				};
				let _ = tx.send(out);
			});
			(ok, finish)
		});
		self.jobs.send(job).map_err(|_| DbError::Closed)?;
		rx.await.map_err(|_| DbError::Closed)?
	}

	/// Checks the chain's genesis against the one the store was made for, recording it the
	/// first time.
	pub async fn check_genesis(&self, genesis: [u8; 32]) -> Result<(), DbError> {
		self.call(move |c| {
			let stored: Option<Vec<u8>> = c
				.query_row("SELECT value FROM meta WHERE key = 'genesis'", [], |r| r.get(0))
				.optional()?;
			match stored {
				None => {
					c.execute(
						"INSERT INTO meta (key, value) VALUES ('genesis', ?1)",
						[&genesis[..]],
					)?;
					Ok(())
				}
				Some(s) if s == genesis => Ok(()),
				Some(s) => Err(DbError::WrongChain {
					stored: format!("0x{}", hex::encode(s)),
					actual: format!("0x{}", hex::encode(genesis)),
				}),
			}
		})
		.await
	}

	/// Stores a bundle as `waiting`, unless it is stored already or its signer has
	/// `max_waiting` unfinished bundles.
	pub async fn insert(&self, new: NewBundle, max_waiting: u32) -> Result<Inserted, DbError> {
		self.call(move |c| {
			if let Some(existing) = get_record(c, &new.data_hash)? {
				return Ok(Inserted::Existing(Box::new(existing)));
			}
			let waiting: i64 = c.query_row(
				"SELECT COUNT(*) FROM bundles WHERE signer = ?1 AND state IN \
				 ('received','waiting','submitting','in_block')",
				[&new.signer[..]],
				|r| r.get(0),
			)?;
			if waiting >= i64::from(max_waiting) {
				return Ok(Inserted::TooManyWaiting(max_waiting));
			}
			let now = i(now_ms());
			c.prepare_cached(
				"INSERT INTO bundles (data_hash, signer, create_time, bytes, state, wait_until, \
				 valid_until, received_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, 'waiting', ?5, ?6, ?7, ?7)",
			)?
			.execute(params![
				&new.data_hash[..],
				&new.signer[..],
				i(new.create_time),
				new.bytes,
				i(new.wait_until),
				new.valid_until.map(i),
				now
			])?;
			let record = get_record(c, &new.data_hash)?
				.ok_or_else(|| DbError::Corrupt("inserted row missing".into()))?;
			Ok(Inserted::New(Box::new(record)))
		})
		.await
	}

	/// Applies `change` to a bundle, refusing transitions the machine does not have. Returns the
	/// updated record.
	pub async fn change(&self, data_hash: DataHash, change: Change) -> Result<Record, DbError> {
		self.call(move |c| {
			let record = get_record(c, &data_hash)?
				.ok_or_else(|| DbError::Corrupt(format!("no bundle 0x{}", hex::encode(data_hash))))?;
			let to = match &change {
				Change::Wait(_) => State::Waiting,
				Change::Submit(..) => State::Submitting,
				Change::To(s, _) => *s,
				Change::Outcome(s, _) => *s,
				Change::Settle(_) => record.state,
			};
			let allowed = match &change {
				Change::Outcome(..) => {
					record.state == State::Submitting
						&& matches!(to, State::ExecutedByOther | State::Killed)
						&& record.attempt.is_some()
				}
				Change::Settle(_) => record.unsettled,
				_ => record.state.can_go_to(to),
			};
			if !allowed {
				return Err(DbError::BadTransition(format!("0x{}", hex::encode(data_hash)), record.state, to));
			}
			let now = i(now_ms());
			match change {
				Change::Wait(until) => {
					c.execute(
						"UPDATE bundles SET state = 'waiting', wait_until = ?2, updated_ms = ?3 WHERE data_hash = ?1",
						params![&data_hash[..], i(until), now],
					)?;
				}
				Change::Submit(a, fee) => {
					c.execute(
						"UPDATE bundles SET state = 'submitting', nonce = ?2, tx_hash = ?3, tx_bytes = ?4, \
						 mortal_until = ?5, attempts = attempts + 1, fee = ?6, updated_ms = ?7 WHERE data_hash = ?1",
						params![
							&data_hash[..],
							i(a.nonce),
							&a.tx_hash[..],
							a.tx_bytes,
							i(a.mortal_until),
							fee.to_string(),
							now
						],
					)?;
				}
				Change::To(state, error) => {
					c.execute(
						"UPDATE bundles SET state = ?2, error = COALESCE(?3, error), updated_ms = ?4 WHERE data_hash = ?1",
						params![&data_hash[..], state.as_str(), error, now],
					)?;
				}
				Change::Outcome(state, error) => {
					c.execute(
						"UPDATE bundles SET state = ?2, error = COALESCE(?3, error), unsettled = 1, \
						 updated_ms = ?4 WHERE data_hash = ?1",
						params![&data_hash[..], state.as_str(), error, now],
					)?;
				}
				Change::Settle(error) => {
					c.execute(
						"UPDATE bundles SET unsettled = 0, error = COALESCE(?2, error), updated_ms = ?3 \
						 WHERE data_hash = ?1",
						params![&data_hash[..], error, now],
					)?;
				}
			}
			get_record(c, &data_hash)?.ok_or_else(|| DbError::Corrupt("updated row missing".into()))
		})
		.await
	}

	/// A bundle's record.
	pub async fn get(&self, data_hash: DataHash) -> Result<Option<Record>, DbError> {
		self.call(move |c| get_record(c, &data_hash)).await
	}

	/// A signer's bundles, newest first.
	pub async fn by_signer(
		&self,
		signer: [u8; 32],
		limit: u32,
		offset: u32,
	) -> Result<Vec<Record>, DbError> {
		self.call(move |c| {
			let sql = format!(
				"SELECT {COLUMNS} FROM bundles WHERE signer = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3"
			);
			query_records(c, &sql, params![&signer[..], limit, offset])
		})
		.await
	}

	/// Waiting bundles whose time has come (at most `limit`, earliest first).
	pub async fn due(&self, now: u64, limit: u32) -> Result<Vec<Record>, DbError> {
		self.call(move |c| {
			let sql = format!(
				"SELECT {COLUMNS} FROM bundles WHERE state IN ('received', 'waiting') AND wait_until <= ?1 \
				 ORDER BY wait_until, id LIMIT ?2"
			);
			query_records(c, &sql, params![i(now), limit])
		})
		.await
	}

	/// Bundles with an extrinsic that may be in flight: submitting, in a block, or with an
	/// unsettled attempt ([`Record::unsettled`]).
	pub async fn in_flight(&self) -> Result<Vec<Record>, DbError> {
		self.call(move |c| {
			let sql = format!(
				"SELECT {COLUMNS} FROM bundles WHERE state IN ('submitting', 'in_block') \
				 OR unsettled = 1 ORDER BY id"
			);
			query_records(c, &sql, [])
		})
		.await
	}

	/// How many bundles are in each state.
	pub async fn counts(&self) -> Result<Vec<(State, u64)>, DbError> {
		self.call(move |c| {
			let mut stmt =
				c.prepare_cached("SELECT state, COUNT(*) FROM bundles GROUP BY state")?;
			let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
			let mut out = Vec::new();
			for row in rows {
				let (s, n) = row?;
				let state =
					State::parse(&s).ok_or_else(|| DbError::Corrupt(format!("state {s}")))?;
				out.push((state, u(n)));
			}
			Ok(out)
		})
		.await
	}

	/// Records a task dispatch before it is broadcast.
	pub async fn add_task_attempt(
		&self,
		task: u32,
		cycle: u64,
		payable: u128,
		min_nectar: u128,
		attempt: Attempt,
	) -> Result<i64, DbError> {
		self.call(move |c| {
			c.execute(
				"INSERT INTO task_attempts (task, cycle, payable, min_nectar, nonce, tx_hash, tx_bytes, \
				 mortal_until, outcome, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'live', ?9)",
				params![
					task,
					i(cycle),
					payable.to_string(),
					min_nectar.to_string(),
					i(attempt.nonce),
					&attempt.tx_hash[..],
					attempt.tx_bytes,
					i(attempt.mortal_until),
					i(now_ms())
				],
			)?;
			Ok(c.last_insert_rowid())
		})
		.await
	}

	/// Task dispatches still live (their outcome unknown).
	pub async fn live_task_attempts(&self) -> Result<Vec<TaskAttempt>, DbError> {
		self.call(move |c| {
			let mut stmt = c.prepare_cached(
				"SELECT id, task, cycle, payable, min_nectar, nonce, tx_hash, tx_bytes, mortal_until, outcome \
				 FROM task_attempts WHERE outcome = 'live' ORDER BY id",
			)?;
			let rows = stmt.query_map([], read_task_attempt)?;
			let mut out = Vec::new();
			for row in rows {
				out.push(row??);
			}
			Ok(out)
		})
		.await
	}

	/// All task dispatches, newest first.
	pub async fn task_attempts(&self, limit: u32) -> Result<Vec<TaskAttempt>, DbError> {
		self.call(move |c| {
			let mut stmt = c.prepare_cached(
				"SELECT id, task, cycle, payable, min_nectar, nonce, tx_hash, tx_bytes, mortal_until, outcome \
				 FROM task_attempts ORDER BY id DESC LIMIT ?1",
			)?;
			let rows = stmt.query_map([limit], read_task_attempt)?;
			let mut out = Vec::new();
			for row in rows {
				out.push(row??);
			}
			Ok(out)
		})
		.await
	}

	/// Sets a task dispatch's outcome.
	pub async fn set_task_outcome(&self, id: i64, outcome: &'static str) -> Result<(), DbError> {
		self.call(move |c| {
			c.execute("UPDATE task_attempts SET outcome = ?2 WHERE id = ?1", params![id, outcome])?;
			Ok(())
		})
		.await
	}
}

/// Converts a remembered status to the terminal state of a bundle we did not run.
pub fn not_ours(remembered: Remembered) -> State {
	match remembered {
		Remembered::Executed => State::ExecutedByOther,
		Remembered::Killed => State::Killed,
	}
}

/// The store's thread: group commits until every handle is dropped.
fn run(mut conn: Connection, rx: mpsc::Receiver<Job>) {
	const MAX_BATCH: usize = 512;
	while let Ok(first) = rx.recv() {
		let mut batch = vec![first];
		while batch.len() < MAX_BATCH {
			match rx.try_recv() {
				Ok(job) => batch.push(job),
				Err(_) => break,
			}
		}
		let mut finishers = Vec::with_capacity(batch.len());
		let outcome = (|| -> rusqlite::Result<()> {
			let tx = conn.transaction()?;
			for job in batch.drain(..) {
				let sp = tx.unchecked_transaction_savepoint()?;
				let (ok, finish) = job(&sp);
				if ok {
					sp.release()?;
				} else {
					sp.rollback_and_release()?;
				}
				finishers.push(finish);
			}
			tx.commit()
		})();
		let committed = outcome.map_err(|e| e.to_string());
		if let Err(e) = &committed {
			tracing::error!("database commit failed: {e}");
		}
		// Jobs not run (the transaction failed before them) are dropped: their callers get
		// `DbError::Closed`, never a success.
		for finish in finishers {
			finish(committed.clone());
		}
	}
}

/// A savepoint that runs on a `&Transaction` (rusqlite's own needs `&mut`).
trait SavepointExt {
	fn unchecked_transaction_savepoint(&self) -> rusqlite::Result<Sp<'_>>;
}

/// A named savepoint on a connection.
struct Sp<'c> {
	conn: &'c Connection,
}

impl SavepointExt for rusqlite::Transaction<'_> {
	fn unchecked_transaction_savepoint(&self) -> rusqlite::Result<Sp<'_>> {
		self.execute_batch("SAVEPOINT job")?;
		Ok(Sp { conn: self })
	}
}

impl Sp<'_> {
	fn release(self) -> rusqlite::Result<()> {
		self.conn.execute_batch("RELEASE job")
	}
	fn rollback_and_release(self) -> rusqlite::Result<()> {
		self.conn.execute_batch("ROLLBACK TO job; RELEASE job")
	}
}

impl std::ops::Deref for Sp<'_> {
	type Target = Connection;
	fn deref(&self) -> &Connection {
		self.conn
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn new_bundle(n: u8, signer: u8) -> NewBundle {
		NewBundle {
			data_hash: [n; 32],
			signer: [signer; 32],
			create_time: 1_000 + u64::from(n),
			bytes: vec![n; 10],
			wait_until: 2_000 + u64::from(n),
			valid_until: Some(9_000),
		}
	}

	fn attempt(nonce: u64) -> Attempt {
		Attempt { nonce, tx_hash: [nonce as u8; 32], tx_bytes: vec![1, 2, 3], mortal_until: 40 }
	}

	#[tokio::test]
	async fn an_outcome_known_before_our_attempt_settles_keeps_it_in_flight_until_settled() {
		let db = Db::open(Path::new(":memory:")).unwrap();
		db.insert(new_bundle(1, 9), 10).await.unwrap();
		// Only a submitting record with an attempt may take an outcome early.
		let early = db.change([1; 32], Change::Outcome(State::ExecutedByOther, None)).await;
		assert!(matches!(early, Err(DbError::BadTransition(..))), "{early:?}");
		db.change([1; 32], Change::Submit(attempt(3), 55)).await.unwrap();
		let finalized = db.change([1; 32], Change::Outcome(State::Finalized, None)).await;
		assert!(matches!(finalized, Err(DbError::BadTransition(..))), "{finalized:?}");
		let r = db.change([1; 32], Change::Outcome(State::ExecutedByOther, None)).await.unwrap();
		assert_eq!(
			(r.state, r.unsettled, r.attempt),
			(State::ExecutedByOther, true, Some(attempt(3)))
		);
		assert_eq!(db.in_flight().await.unwrap().len(), 1, "tracked while unsettled");
		let r = db.change([1; 32], Change::Settle(Some("paid".into()))).await.unwrap();
		assert_eq!(
			(r.state, r.unsettled, r.error.as_deref()),
			(State::ExecutedByOther, false, Some("paid"))
		);
		assert!(db.in_flight().await.unwrap().is_empty());
		// Settled once: a second settlement is refused.
		let again = db.change([1; 32], Change::Settle(None)).await;
		assert!(matches!(again, Err(DbError::BadTransition(..))), "{again:?}");
	}

	#[tokio::test]
	async fn a_store_made_before_unsettled_existed_opens_and_gains_it() {
		let dir = std::env::temp_dir().join(format!("pollinator-db-old-{}", std::process::id()));
		let _ = std::fs::remove_dir_all(&dir);
		std::fs::create_dir_all(&dir).unwrap();
		let path = dir.join("db.sqlite");
		{
			// The previous schema's bundles table, with one record in flight.
			let conn = Connection::open(&path).unwrap();
			let old = SCHEMA.replace(",\n\tunsettled INTEGER NOT NULL DEFAULT 0", "");
			assert_ne!(old, SCHEMA);
			conn.execute_batch(&old).unwrap();
			conn.execute(
				"INSERT INTO bundles (data_hash, signer, create_time, bytes, state, nonce, tx_hash, \
				 tx_bytes, mortal_until, received_ms, updated_ms) \
				 VALUES (?1, ?2, 1, x'00', 'submitting', 4, ?3, x'01', 40, 0, 0)",
				params![&[1u8; 32][..], &[9u8; 32][..], &[4u8; 32][..]],
			)
			.unwrap();
		}
		let db = Db::open(&path).unwrap();
		let flight = db.in_flight().await.unwrap();
		assert_eq!(flight.len(), 1);
		assert!(!flight[0].unsettled);
		assert_eq!(flight[0].attempt.as_ref().map(|a| a.nonce), Some(4));
		drop(db);
		// Opening again does not add it twice.
		Db::open(&path).unwrap();
		let _ = std::fs::remove_dir_all(&dir);
	}

	#[tokio::test]
	async fn records_survive_a_reopen_and_follow_the_machine() {
		let dir = std::env::temp_dir().join(format!("pollinator-db-test-{}", std::process::id()));
		let _ = std::fs::remove_dir_all(&dir);
		std::fs::create_dir_all(&dir).unwrap();
		let path = dir.join("db.sqlite");
		{
			let db = Db::open(&path).unwrap();
			db.check_genesis([1; 32]).await.unwrap();
			assert!(matches!(db.insert(new_bundle(1, 9), 10).await.unwrap(), Inserted::New(_)));
			assert!(matches!(
				db.insert(new_bundle(1, 9), 10).await.unwrap(),
				Inserted::Existing(_)
			));
			let r = db.change([1; 32], Change::Submit(attempt(7), 55)).await.unwrap();
			assert_eq!(r.state, State::Submitting);
			assert_eq!(r.attempt, Some(attempt(7)));
			assert_eq!(r.attempts, 1);
			assert_eq!(r.fee, 55);
			// Not a transition: refused, nothing written.
			let err = db.change([1; 32], Change::To(State::Finalized, None)).await.unwrap_err();
			assert!(matches!(err, DbError::BadTransition(..)));
			db.insert(new_bundle(2, 9), 10).await.unwrap();
		}
		let db = Db::open(&path).unwrap();
		db.check_genesis([1; 32]).await.unwrap();
		assert!(matches!(db.check_genesis([2; 32]).await, Err(DbError::WrongChain { .. })));
		let r = db.get([1; 32]).await.unwrap().unwrap();
		assert_eq!(r.state, State::Submitting);
		assert_eq!(r.attempt, Some(attempt(7)));
		assert_eq!(db.in_flight().await.unwrap().len(), 1);
		let listed = db.by_signer([9; 32], 10, 0).await.unwrap();
		assert_eq!(listed.iter().map(|r| r.data_hash[0]).collect::<Vec<_>>(), vec![2, 1]);
		assert_eq!(db.by_signer([9; 32], 1, 1).await.unwrap()[0].data_hash, [1; 32]);
		assert_eq!(db.due(2_001, 10).await.unwrap().len(), 0);
		assert_eq!(db.due(2_002, 10).await.unwrap().len(), 1);
		let r = db.change([1; 32], Change::To(State::InBlock, None)).await.unwrap();
		let r2 = db.change(r.data_hash, Change::To(State::Finalized, None)).await.unwrap();
		assert_eq!(r2.state, State::Finalized);
		let counts = db.counts().await.unwrap();
		assert!(counts.contains(&(State::Finalized, 1)));
		assert!(counts.contains(&(State::Waiting, 1)));
		let _ = std::fs::remove_dir_all(&dir);
	}

	#[tokio::test]
	async fn the_waiting_limit_is_per_signer() {
		let db = Db::open(Path::new(":memory:")).unwrap();
		for n in 0..3 {
			assert!(matches!(db.insert(new_bundle(n, 1), 3).await.unwrap(), Inserted::New(_)));
		}
		assert_eq!(db.insert(new_bundle(3, 1), 3).await.unwrap(), Inserted::TooManyWaiting(3));
		assert!(matches!(db.insert(new_bundle(4, 2), 3).await.unwrap(), Inserted::New(_)));
		db.change([0; 32], Change::To(State::Expired, Some("expired".into()))).await.unwrap();
		assert!(matches!(db.insert(new_bundle(3, 1), 3).await.unwrap(), Inserted::New(_)));
	}

	#[tokio::test]
	async fn concurrent_inserts_are_grouped_and_all_durable() {
		let db = Db::open(Path::new(":memory:")).unwrap();
		let mut handles = Vec::new();
		for n in 0..200u32 {
			let db = db.clone();
			handles.push(tokio::spawn(async move {
				let mut b = new_bundle(0, 1);
				b.data_hash = [0; 32];
				b.data_hash[..4].copy_from_slice(&n.to_le_bytes());
				b.signer[..4].copy_from_slice(&n.to_le_bytes());
				db.insert(b, 5).await
			}));
		}
		for h in handles {
			assert!(matches!(h.await.unwrap().unwrap(), Inserted::New(_)));
		}
		let counts = db.counts().await.unwrap();
		assert_eq!(counts, vec![(State::Waiting, 200)]);
	}

	#[tokio::test]
	async fn task_attempts_are_recorded() {
		let db = Db::open(Path::new(":memory:")).unwrap();
		let id = db.add_task_attempt(3, 7, 1_000, 600, attempt(2)).await.unwrap();
		assert_eq!(db.live_task_attempts().await.unwrap().len(), 1);
		db.set_task_outcome(id, "dispatched").await.unwrap();
		assert!(db.live_task_attempts().await.unwrap().is_empty());
		let all = db.task_attempts(10).await.unwrap();
		assert_eq!(all[0].outcome, "dispatched");
		assert_eq!(
			(all[0].task, all[0].cycle, all[0].payable, all[0].min_nectar),
			(3, 7, 1_000, 600)
		);
	}
}
