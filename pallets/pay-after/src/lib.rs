//! Signed call bundles that pay their own fee, with the 32-bit Pollinate fee policy.

#![cfg_attr(not(feature = "std"), no_std)]
