//! The hashes of [`crate::proofs`], [`crate::porep`] and [`crate::selection`].
//!
//! With the `host-hashing` feature they are `sp-io`'s host functions: in a runtime's wasm the
//! hashing then runs natively in the node instead of as wasm code, several times faster, which is
//! most of a proof's verification cost (a 64 GiB sector's Merkle paths and seal columns are
//! thousands of blake2 calls). Off-chain (`std`, and without the feature) they are
//! `sp-crypto-hashing`'s, which is what the host functions call natively: the bytes are the same
//! either way (tested by the runtime tests, which run the pallets' verifiers natively against
//! proofs built here, and by the wasm runtime in the end-to-end tests).

/// BLAKE2b-256.
#[inline]
pub fn blake2_256(data: &[u8]) -> [u8; 32] {
	#[cfg(feature = "host-hashing")]
	{
		sp_io::hashing::blake2_256(data)
	}
	#[cfg(not(feature = "host-hashing"))]
	{
		sp_crypto_hashing::blake2_256(data)
	}
}

/// SHA-256.
#[inline]
pub fn sha2_256(data: &[u8]) -> [u8; 32] {
	#[cfg(feature = "host-hashing")]
	{
		sp_io::hashing::sha2_256(data)
	}
	#[cfg(not(feature = "host-hashing"))]
	{
		sp_crypto_hashing::sha2_256(data)
	}
}

#[cfg(test)]
mod tests {
	#[test]
	fn the_hashes_are_the_standard_ones() {
		// BLAKE2b-256("abc") and SHA-256("abc").
		assert_eq!(super::blake2_256(b"abc"), sp_crypto_hashing::blake2_256(b"abc"),);
		assert_eq!(
			hex(&super::sha2_256(b"abc")),
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
		);
	}

	fn hex(bytes: &[u8]) -> String {
		bytes.iter().map(|b| format!("{b:02x}")).collect()
	}
}
