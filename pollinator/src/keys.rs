//! The pollinator's key: BIP-39 words plus a passphrase give an sr25519 key exactly as Substrate
//! tools (subkey, polkadot-js) derive `"<words>///<passphrase>"`, and addresses in SS58.

use subxt::utils::AccountId32;
use subxt_signer::sr25519::Keypair;

/// Substrate's development phrase (the root of `//Alice`, `//Bob`...).
pub const DEV_PHRASE: &str =
	"bottom drive obey lake curtain smoke basket hold race lonely fit walk";

/// Why a key or an address cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
	/// The words are not a valid BIP-39 English phrase.
	#[error("the seed words are not a valid BIP-39 phrase: {0}")]
	Phrase(String),
	/// The phrase does not give a key.
	#[error("cannot derive a key from the phrase: {0}")]
	Derive(String),
	/// Not an SS58 address nor 32 bytes of hex.
	#[error("not an SS58 address nor 0x + 64 hex digits: {0}")]
	Address(String),
}

/// The sr25519 key of `words` with `passphrase` (empty: none).
pub fn keypair(words: &str, passphrase: &str) -> Result<Keypair, KeyError> {
	let mnemonic = bip39::Mnemonic::parse_in_normalized(bip39::Language::English, words.trim())
		.map_err(|e| KeyError::Phrase(e.to_string()))?;
	let password = (!passphrase.is_empty()).then_some(passphrase);
	Keypair::from_phrase(&mnemonic, password).map_err(|e| KeyError::Derive(e.to_string()))
}

/// Fresh words: 24 BIP-39 words from 256 bits of OS randomness.
pub fn fresh_words() -> Result<String, KeyError> {
	let mut entropy = [0u8; 32];
	getrandom::getrandom(&mut entropy).map_err(|e| KeyError::Derive(e.to_string()))?;
	let mnemonic = bip39::Mnemonic::from_entropy_in(bip39::Language::English, &entropy)
		.map_err(|e| KeyError::Phrase(e.to_string()))?;
	Ok(mnemonic.to_string())
}

/// The SS58 address (generic prefix 42) of an account.
pub fn ss58(account: &[u8; 32]) -> String {
	AccountId32(*account).to_string()
}

/// Reads an SS58 address (any prefix) or `0x` + 64 hex digits.
pub fn parse_account(text: &str) -> Result<[u8; 32], KeyError> {
	let text = text.trim();
	if let Some(hex_digits) = text.strip_prefix("0x") {
		let bytes = hex::decode(hex_digits).map_err(|_| KeyError::Address(text.into()))?;
		return <[u8; 32]>::try_from(bytes).map_err(|_| KeyError::Address(text.into()));
	}
	text.parse::<AccountId32>().map(|a| a.0).map_err(|_| KeyError::Address(text.into()))
}

#[cfg(test)]
mod tests {
	use super::*;

	// Vectors from @polkadot/keyring (an independent implementation):
	// `keyring.addFromUri("<words>///<passphrase>")`.
	#[test]
	fn keys_match_substrate_tools() {
		let root = keypair(DEV_PHRASE, "").unwrap();
		assert_eq!(
			hex::encode(root.public_key().0),
			"46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a"
		);
		assert_eq!(ss58(&root.public_key().0), "5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV");

		let with_pass = keypair(DEV_PHRASE, "correct horse battery staple").unwrap();
		assert_eq!(
			ss58(&with_pass.public_key().0),
			"5Gsf5KnfuqrRPSCxwEF5G5hqcqoun8yAMS8xnBBucWWsjLJF"
		);
		let other = keypair(
			"legal winner thank year wave sausage worth useful legal winner thank yellow",
			"Substrate",
		)
		.unwrap();
		assert_eq!(
			hex::encode(other.public_key().0),
			"e0cdbfef8a39f3354feddb590a6fbe461232baed5dd7c6e9ff5ea96469d36811"
		);
		assert_eq!(ss58(&other.public_key().0), "5H9ThmkruLMgVPrVf8b9BLkAxctNj6nttcWoKN9eMX2Rsadz");
		// Extra spaces and a trailing newline (as read from a file) do not change the key.
		let spaced = keypair(&format!("  {DEV_PHRASE}\n"), "").unwrap();
		assert_eq!(spaced.public_key().0, root.public_key().0);
	}

	#[test]
	fn bad_words_are_refused() {
		assert!(matches!(keypair("bottom drive obey", ""), Err(KeyError::Phrase(_))));
		assert!(matches!(
			keypair("bottom drive obey lake curtain smoke basket hold race lonely fit fit", ""),
			Err(KeyError::Phrase(_))
		));
	}

	#[test]
	fn fresh_words_are_24_valid_and_different() {
		let a = fresh_words().unwrap();
		let b = fresh_words().unwrap();
		assert_eq!(a.split_whitespace().count(), 24);
		assert_ne!(a, b);
		assert!(keypair(&a, "x").is_ok());
	}

	#[test]
	fn addresses_parse_in_both_forms() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let hex_form = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
		assert_eq!(parse_account(alice).unwrap(), parse_account(hex_form).unwrap());
		assert_eq!(ss58(&parse_account(hex_form).unwrap()), alice);
		assert!(parse_account("0x1234").is_err());
		assert!(parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ").is_err());
		assert!(parse_account("").is_err());
	}
}
