//! Periodic tasks run by keepers (pollinators) paid in self-adjusting nectar.

#![cfg_attr(not(feature = "std"), no_std)]
