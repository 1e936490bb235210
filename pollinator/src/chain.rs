//! What the daemon needs from the chain, as a trait: the HTTP layer and the state machine are
//! written against it and tested with [`crate::fake::FakeChain`]; the node implementation uses
//! subxt's dynamic API.

use crate::{
	bundle::{CallSkipper, DataHash, Domain},
	db::Attempt,
	state::Remembered,
};
use std::{future::Future, sync::Arc};

/// The chain's head as the daemon last saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Head {
	/// The best block number.
	pub best: u64,
	/// The finalized block number.
	pub finalized: u64,
	/// The chain's time at the best block (`Timestamp::Now`), unix seconds.
	pub now: u64,
}

/// Which block to read at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
	/// The best block: nonces are read here, never at the finalized one.
	Best,
	/// The finalized block.
	Finalized,
	/// The best chain's block of this number (reads that must agree with each other: a nonce
	/// and a remembered bundle seen at the same block).
	Number(u64),
}

/// A `PayAfter::BundleExecuted` event: who ran which bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Executed {
	/// The bundle's signer.
	pub signer: [u8; 32],
	/// The bundle's id.
	pub data_hash: DataHash,
	/// The relayer whose extrinsic ran it (and received the fee).
	pub relayer: [u8; 32],
}

/// A `Periodic::Pollinated` event: a keeper's dispatch ran a task and was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pollinated {
	/// The task.
	pub task: u32,
	/// The keeper whose extrinsic ran it.
	pub caller: [u8; 32],
}

/// What the engine reads of a block's events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockEvents {
	/// Its `PayAfter::BundleExecuted` events.
	pub executed: Vec<Executed>,
	/// Its `Periodic::Pollinated` events.
	pub pollinated: Vec<Pollinated>,
}

/// `PollinateApi::simulate_bundle`'s answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
	/// The fee the bundle would pay the relayer now.
	pub fee: u128,
	/// Deposits the relayer would collect from cleaned entries.
	pub deposits: u128,
	/// What the relayer's `PayAfter::dispatch` extrinsic would pay.
	pub extrinsic_fee: u128,
}

impl Quote {
	/// What relaying earns now: received minus paid, never negative.
	pub fn profit(&self) -> u128 {
		self.fee.saturating_add(self.deposits).saturating_sub(self.extrinsic_fee)
	}
}

/// `PollinateApi::quote_task`'s answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskQuote {
	/// The nectar the pot can pay now.
	pub payable: u128,
	/// The task's cycle count (the pool's tag).
	pub cycle: u64,
	/// The call's weight `(ref_time, proof_size)`: what to pass as `max_call_weight`.
	pub call_weight: (u64, u64),
	/// The most the keeper's `Periodic::dispatch` extrinsic pays.
	pub extrinsic_fee: u128,
}

/// Why a chain operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
	/// The node could not be reached or answered with an error; the outcome is unknown.
	#[error("rpc: {0}")]
	Rpc(String),
	/// The node's pool refused the extrinsic: it is certainly not in the pool.
	#[error("refused by the pool: {0}")]
	Refused(String),
	/// The chain's metadata lacks something the daemon needs.
	#[error("metadata: {0}")]
	Metadata(String),
}

/// The chain operations of the daemon. Implementations are cheap to share (`Arc`).
pub trait Chain: Send + Sync + 'static {
	/// The chain's genesis hash and transaction version.
	fn domain(&self) -> Domain;
	/// Delimits encoded calls with the chain's metadata.
	fn calls(&self) -> Arc<dyn CallSkipper>;
	/// The relayer's account.
	fn relayer(&self) -> [u8; 32];
	/// How many blocks an extrinsic it signs lives: one signed at block `b` is valid up to
	/// `b + mortality - 1` ([`Attempt::mortal_until`]).
	fn mortality(&self) -> u64;
	/// The current head.
	fn head(&self) -> impl Future<Output = Result<Head, ChainError>> + Send;
	/// The relayer's nonce and free balance.
	fn account(&self, at: At) -> impl Future<Output = Result<(u64, u128), ChainError>> + Send;
	/// `PayAfter::Remembered(signer, data_hash)`.
	fn remembered(
		&self,
		signer: [u8; 32],
		data_hash: DataHash,
		at: At,
	) -> impl Future<Output = Result<Option<Remembered>, ChainError>> + Send;
	/// Simulates relaying `bundle` at the best block, cleaning `expired` entries of its signer:
	/// the quote, or the chain's error name (e.g. `PayAfter::BundleExpired`).
	fn simulate(
		&self,
		bundle: Vec<u8>,
		expired: Vec<DataHash>,
	) -> impl Future<Output = Result<Result<Quote, String>, ChainError>> + Send;
	/// Signs `PayAfter::dispatch(bundle, expired)` at `nonce`, mortal from `head.best`.
	fn sign_dispatch(
		&self,
		bundle: Vec<u8>,
		expired: Vec<DataHash>,
		nonce: u64,
		head: Head,
	) -> impl Future<Output = Result<Attempt, ChainError>> + Send;
	/// Entries of `signer` that `PayAfter::dispatch` may clean (remembered, with an expiry at
	/// or before `now`) for their deposits: at most `PayAfter::MaxExpired` of them.
	fn expired(
		&self,
		signer: [u8; 32],
		now: u64,
	) -> impl Future<Output = Result<Vec<DataHash>, ChainError>> + Send;
	/// The `PayAfter::BundleExecuted` and `Periodic::Pollinated` events of the best chain's
	/// block `number`.
	fn events(&self, number: u64) -> impl Future<Output = Result<BlockEvents, ChainError>> + Send;
	/// The hashes of the extrinsics in the best chain's block `number` (blake2-256 of each
	/// extrinsic's encoding, as [`Attempt::tx_hash`]): which of two extrinsics that share a nonce
	/// took it.
	fn included(
		&self,
		number: u64,
	) -> impl Future<Output = Result<Vec<[u8; 32]>, ChainError>> + Send;
	/// The hashes of the extrinsics in the node's pool (`author_pendingExtrinsics`).
	fn pool(
		&self,
	) -> impl Future<Output = Result<std::collections::HashSet<[u8; 32]>, ChainError>> + Send;
	/// Signs a no-op (`System::remark_with_event`) at `nonce`: it fills a nonce left unused below live
	/// attempts, which could otherwise never be included.
	fn sign_filler(
		&self,
		nonce: u64,
		head: Head,
	) -> impl Future<Output = Result<Attempt, ChainError>> + Send;
	/// The ids of the periodic tasks on chain.
	fn tasks(&self) -> impl Future<Output = Result<Vec<u32>, ChainError>> + Send;
	/// Quotes a task, or the chain's reason it cannot run.
	fn quote_task(
		&self,
		task: u32,
	) -> impl Future<Output = Result<Result<TaskQuote, String>, ChainError>> + Send;
	/// Signs `Periodic::dispatch(task, min_nectar, call_weight)` at `nonce`.
	fn sign_task_dispatch(
		&self,
		task: u32,
		min_nectar: u128,
		call_weight: (u64, u64),
		nonce: u64,
		head: Head,
	) -> impl Future<Output = Result<Attempt, ChainError>> + Send;
	/// Broadcasts a signed extrinsic. Broadcasting the same bytes again is harmless.
	fn broadcast(&self, tx_bytes: Vec<u8>) -> impl Future<Output = Result<(), ChainError>> + Send;
}
