//! # pollinator
//!
//! The Pollinate keeper daemon (`pollinate`): it relays pay-after bundles for the fee their
//! policy pays, and runs periodic tasks for their nectar. See the crate README.
//!
//! - [`bundle`]: bundle decoding, payload, id and signature check, as the pallet does them;
//! - [`policy`]: when a fee policy first pays a given amount;
//! - [`keys`]: words + passphrase to an sr25519 key, SS58 addresses;
//! - [`config`]: the TOML configuration and `genconf`;
//! - [`state`]: the bundle state machine and the reconciliation of an attempt with the chain.

pub mod bundle;
pub mod config;
pub mod keys;
pub mod policy;
pub mod state;
