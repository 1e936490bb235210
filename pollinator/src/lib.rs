//! # pollinator
//!
//! The Pollinate keeper daemon (`pollinate`): it relays pay-after bundles for the fee their
//! policy pays, and runs periodic tasks for their nectar. See the crate README.
//!
//! - [`bundle`]: bundle decoding, payload, id and signature check, as the pallet does them;
//! - [`policy`]: when a fee policy first pays a given amount;
//! - [`keys`]: words + passphrase to an sr25519 key, SS58 addresses;
//! - [`config`]: the TOML configuration and `genconf`;
//! - [`state`]: the bundle state machine and the reconciliation of an attempt with the chain;
//! - [`db`]: the durable store (SQLite, group commits);
//! - [`chain`]: the chain operations as a trait; [`fake`]: an in-memory chain for tests;
//! - [`engine`]: the task that owns the key and the nonce, submits and reconciles;
//! - [`api`]: the HTTP API; [`metrics`]: Prometheus metrics.

pub mod api;
pub mod bundle;
pub mod chain;
pub mod config;
pub mod db;
pub mod engine;
pub mod fake;
pub mod keys;
pub mod metrics;
pub mod node;
pub mod policy;
pub mod state;
