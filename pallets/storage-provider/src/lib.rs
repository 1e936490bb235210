//! Storage providers: sectors, collateral, proofs of storage and proving deadlines.

#![cfg_attr(not(feature = "std"), no_std)]
