//! Bonded collator candidates and a storage-power-weighted randomized draw each session.

#![cfg_attr(not(feature = "std"), no_std)]
