//! The Pollinate vector file, `primitives/vectors/pollinate.json`, generated from power-primitives.
//!
//! The JavaScript client (`clients/js`, `@power-suite/pollinate`) reads the same file and must
//! reproduce every vector bit for bit, so the chain's fee codec and the client cannot drift apart.
//! This test regenerates the file's content from the Rust code and asserts that it equals the
//! committed file byte for byte.
//!
//! After an intended change to the codec (or to the vectors below), rewrite the file with
//!
//! ```sh
//! UPDATE_VECTORS=1 SKIP_WASM_BUILD=1 cargo test -p power-primitives --test vectors
//! ```
//!
//! then run the JavaScript tests (`clients/js/test.sh`) and commit both.
//!
//! The bundle vectors replicate the signing payload of `pallet-pay-after` without depending on
//! the pallet: **the payload layout is pinned here and in `pallets/pay-after/src/types.rs`**
//! (`signing_payload`: the SCALE tuple `(BUNDLE_TAG, genesis_hash, transaction_version, signer,
//! create_time, fees, calls)`), and the bundle layout in `Bundle` there. Change one, change both.
//!
//! The JSON is written by hand (power-primitives has no serde_json dev-dependency): amounts
//! (`u128`) and elapsed times (`u64`) are decimal strings, words (`u32`) and times in seconds
//! (at most 127 years) are numbers, bytes are `0x` hex.

use codec::{Compact, Encode, Output};
use power_primitives::fee::{FeeAt, FeeEntry, FeeError, FeePolicy, TimeUnit, MAX_ENTRIES};

mod common;
use common::json::{hex, n, obj, s, Json};

// ---------------------------------------------------------------------------------------------
// Fee entries.

const LAST_BIT: u32 = 1 << 31;

fn unit_name(unit: TimeUnit) -> &'static str {
	match unit {
		TimeUnit::Second => "second",
		TimeUnit::Minute => "minute",
		TimeUnit::Hour => "hour",
		TimeUnit::Day => "day",
		TimeUnit::Week => "week",
		TimeUnit::Month => "month",
		TimeUnit::Year => "year",
		TimeUnit::TenSeconds => "tensec",
	}
}

fn error_name(error: FeeError) -> String {
	format!("{error:?}")
}

fn exponent_of(word: u32) -> u32 {
	(word >> 13) & 0xFF
}

fn base_of(word: u32) -> u32 {
	word & 0x1FFF
}

/// How a vector describes an entry it builds: what the user wrote.
#[derive(Clone, Copy)]
struct Spec {
	/// `None`: the invalid marker.
	amount: Option<u128>,
	count: u8,
	unit: TimeUnit,
}

fn fee(amount: u128) -> Spec {
	Spec { amount: Some(amount), count: 0, unit: TimeUnit::Second }
}

fn marker() -> Spec {
	Spec { amount: None, count: 0, unit: TimeUnit::Second }
}

impl Spec {
	fn after(self, count: u8, unit: TimeUnit) -> Spec {
		Spec { count, unit, ..self }
	}

	fn build(&self) -> Result<FeeEntry, FeeError> {
		let entry = match self.amount {
			Some(amount) => FeeEntry::fee(amount),
			None => FeeEntry::invalid(),
		};
		entry.after(self.count, self.unit)
	}

	fn json(&self) -> Json {
		let mut fields = match self.amount {
			Some(amount) => vec![("kind", s("fee")), ("amount", s(amount))],
			None => vec![("kind", s("invalid"))],
		};
		fields.push(("count", n(self.count)));
		fields.push(("unit", s(unit_name(self.unit))));
		obj(fields)
	}
}

/// The decoded fields of a word that `FeeEntry::from_u32` accepted.
fn decoded(entry: &FeeEntry, last: bool, word: u32) -> Json {
	obj(vec![
		("last", Json::Bool(last)),
		("unit", s(unit_name(entry.unit()))),
		("count", n(entry.count())),
		("exponent", n(exponent_of(word))),
		("base", n(base_of(word))),
		("marker", Json::Bool(entry.is_invalid_marker())),
		("amount", entry.amount().map_or(Json::Null, s)),
		("timeSeconds", n(entry.time_seconds())),
	])
}

fn units() -> Json {
	Json::Arr(
		TimeUnit::ALL
			.iter()
			.map(|u| {
				obj(vec![
					("name", s(unit_name(*u))),
					("code", n(u.code())),
					("seconds", n(u.seconds())),
				])
			})
			.collect(),
	)
}

const ONE_ETHER: u128 = 1_000_000_000_000_000_000;

fn seed_example() -> Json {
	let entry = FeeEntry::fee(ONE_ETHER);
	let rounded = entry.amount().unwrap();
	assert_eq!(rounded, 999_939_854_764_605_440);
	// As the notes say: 60 significant bits, exponent 47, base 7105.
	assert_eq!(128 - ONE_ETHER.leading_zeros(), 60);
	assert_eq!((entry.to_u32(false) >> 13) & 0xFF, 47);
	assert_eq!(entry.to_u32(false) & 0x1FFF, 7105);
	let ether = format!("{}.{:018}", rounded / ONE_ETHER, rounded % ONE_ETHER);
	let ether = ether.trim_end_matches('0').to_string();
	obj(vec![
		("amount", s(ONE_ETHER)),
		("binary", s(format!("{:032b}", entry.to_u32(false)))),
		("binaryLast", s(format!("{:032b}", entry.to_u32(true)))),
		("word", n(entry.to_u32(false))),
		("wordLast", n(entry.to_u32(true))),
		("amtRounded", s(rounded)),
		("amtRoundedEther", s(ether)),
	])
}

/// Amounts whose encoding every client must reproduce.
fn amounts() -> Vec<u128> {
	let mut out: Vec<u128> = vec![
		0,
		1,
		2,
		3,
		4095,
		4096,
		8190,
		8191,
		8192,
		8193,
		8194,
		8195,
		16382,
		16383,
		16384,
		16385,
		24575,
		24576,
		ONE_ETHER - 1,
		ONE_ETHER,
		ONE_ETHER + 1,
		2 * ONE_ETHER,
		100 * ONE_ETHER,
		1_000_000,
		1_000_000_000_000,
		123_456_789,
		999_999_999_999,
		12_345_678_901_234_567_890_123,
		10u128.pow(24),
		10u128.pow(30),
		10u128.pow(38),
		3 * 10u128.pow(38),
		u64::MAX as u128 - 1,
		u64::MAX as u128,
		u64::MAX as u128 + 1,
		(1u128 << 53) + 1,
		(1u128 << 53) + 3,
		// 13 significant bits then a tail: the tail is dropped, never rounded up.
		(8191u128 << 50) | ((1u128 << 50) - 1),
		(8191u128 << 50) | (1u128 << 49),
		(4097u128 << 60) | ((1u128 << 60) - 1),
		(0x1555u128 << 100) | 0xAAAA_AAAA,
		u128::MAX - 1,
		u128::MAX,
	];
	for k in [1u32, 2, 12, 13, 14, 15, 16, 31, 32, 33, 52, 53, 54, 59, 60, 61, 63, 64, 65, 96]
		.into_iter()
		.chain([100, 112, 113, 114, 115, 116, 126, 127])
	{
		let p = 1u128 << k;
		out.extend([p - 1, p, p + 1]);
	}
	out.sort_unstable();
	out.dedup();
	out
}

fn entries() -> Json {
	Json::Arr(
		amounts()
			.into_iter()
			.map(|amount| {
				let entry = FeeEntry::fee(amount);
				let word = entry.to_u32(false);
				assert_eq!(FeeEntry::from_u32(word), Ok((entry, false)));
				obj(vec![
					("amount", s(amount)),
					("word", n(word)),
					("wordLast", n(entry.to_u32(true))),
					("exponent", n(exponent_of(word))),
					("base", n(base_of(word))),
					("amtRounded", s(entry.amount().unwrap())),
					("timeSeconds", n(entry.time_seconds())),
				])
			})
			.collect(),
	)
}

/// Every unit with counts 0, 1, 2 and 127, for a fee and for the invalid marker.
fn times() -> Json {
	let mut out = Vec::new();
	for spec in [fee(ONE_ETHER), fee(5), marker()] {
		for unit in TimeUnit::ALL {
			for count in [0u8, 1, 2, 127] {
				let spec = spec.after(count, unit);
				let entry = spec.build().unwrap();
				let mut fields = vec![("entry", spec.json())];
				fields.push(("word", n(entry.to_u32(false))));
				fields.push(("wordLast", n(entry.to_u32(true))));
				fields.push(("timeSeconds", n(entry.time_seconds())));
				out.push(obj(fields));
			}
		}
	}
	Json::Arr(out)
}

/// Counts a 7-bit field cannot hold. (`after` takes a `u8`; larger or negative counts are the
/// JavaScript client's own errors.)
fn after_errors() -> Json {
	let mut out = Vec::new();
	for spec in [fee(5), marker()] {
		for (count, unit) in
			[(128u8, TimeUnit::Second), (200, TimeUnit::Minute), (255, TimeUnit::TenSeconds)]
		{
			let spec = spec.after(count, unit);
			out.push(obj(vec![
				("entry", spec.json()),
				("error", s(error_name(spec.build().unwrap_err()))),
			]));
		}
	}
	Json::Arr(out)
}

fn decode_words() -> Json {
	let marker_bits = 0x1E_8000u32;
	let words: Vec<u32> = vec![
		0,
		LAST_BIT,
		5,
		0x0005_FBC1,
		LAST_BIT | 0x0005_FBC1,
		marker_bits,
		LAST_BIT | marker_bits,
		LAST_BIT | 1 << 28 | 10 << 21 | marker_bits,
		7 << 28 | 127 << 21 | marker_bits,
		// Every unit code, with and without L.
		1 << 28 | 3 << 21 | 5,
		2 << 28 | 3 << 21 | 5,
		3 << 28 | 3 << 21 | 5,
		4 << 28 | 3 << 21 | 5,
		LAST_BIT | 5 << 28 | 3 << 21 | 5,
		LAST_BIT | 6 << 28 | 3 << 21 | 5,
		LAST_BIT | 7 << 28 | 127 << 21 | 5,
		// A count with unit code 0 and a unit with count 0 (not what `after` writes, but valid).
		127 << 21 | 1,
		6 << 28 | 1,
		// Not what encoding writes, but valid: a base with leading zeros.
		5 << 13 | 1,
		1 << 13 | 4095,
		100 << 13,
		// The largest amounts.
		115 << 13 | 8191,
		127 << 13 | 1,
		243 << 13,
		// Amounts beyond u128.
		127 << 13 | 2,
		116 << 13 | 8191,
		116 << 13 | 4096,
		243 << 13 | 1,
		0x1E_7FFF,
		LAST_BIT | 7 << 28 | 127 << 21 | 200 << 13 | 3,
		// Low 21 bits above the marker.
		marker_bits | 1,
		marker_bits | 0x1FFF,
		245 << 13,
		0x1F_FFFF,
		0x7FFF_FFFF,
		0xFFFF_FFFF,
		LAST_BIT | 1 << 28 | 10 << 21 | marker_bits | 1,
	];
	Json::Arr(
		words
			.into_iter()
			.map(|word| match FeeEntry::from_u32(word) {
				Ok((entry, last)) => {
					assert_eq!(entry.to_u32(last), word);
					obj(vec![("word", n(word)), ("ok", decoded(&entry, last, word))])
				}
				Err(error) => obj(vec![("word", n(word)), ("error", s(error_name(error)))]),
			})
			.collect(),
	)
}

// ---------------------------------------------------------------------------------------------
// Policies.

fn fee_at_json(at: FeeAt) -> Vec<(&'static str, Json)> {
	match at {
		FeeAt::NotYetValid => vec![("kind", s("notYetValid"))],
		FeeAt::Fee(amount) => vec![("kind", s("fee")), ("amount", s(amount))],
		FeeAt::Expired => vec![("kind", s("expired"))],
	}
}

/// The elapsed times a policy is queried at: 0, around every entry's time, between entries
/// (where interpolation rounds), far after, and times beyond JavaScript's safe integers.
fn elapsed_points(policy: &FeePolicy) -> Vec<u64> {
	let times: Vec<u64> = policy.entries().iter().map(FeeEntry::time_seconds).collect();
	let mut out = vec![0, 1, 2, 3, u64::MAX, u64::MAX - 1, 1 << 53, (1 << 53) + 1];
	for t in &times {
		out.extend([t.saturating_sub(1), *t, t.saturating_add(1)]);
	}
	for pair in times.windows(2) {
		let (a, b) = (pair[0], pair[1]);
		let span = b - a;
		out.extend([a + span / 3, a + span / 2, a + 2 * span / 3, b - span / 7]);
	}
	if let Some(last) = times.last() {
		out.extend([last + 1_000, last.saturating_mul(2) + 1]);
	}
	out.sort_unstable();
	out.dedup();
	out
}

fn policy_vector(name: &str, specs: &[Spec]) -> Json {
	let entries: Vec<FeeEntry> = specs.iter().map(|spec| spec.build().unwrap()).collect();
	let policy = FeePolicy::new(entries).unwrap_or_else(|e| panic!("{name}: {e:?}"));
	let words = policy.encode();
	assert_eq!(FeePolicy::decode(&words), Ok(policy.clone()));
	let fee_at: Vec<Json> = elapsed_points(&policy)
		.into_iter()
		.map(|t| {
			let mut fields = vec![("elapsed", s(t))];
			fields.extend(fee_at_json(policy.fee_at(t)));
			obj(fields)
		})
		.collect();
	obj(vec![
		("name", s(name)),
		("entries", Json::Arr(specs.iter().map(Spec::json).collect())),
		("words", Json::Arr(words.iter().map(|w| n(*w)).collect())),
		("expiresAfter", policy.expires_after().map_or(Json::Null, n)),
		("feeAt", Json::Arr(fee_at)),
	])
}

fn policies() -> Json {
	use TimeUnit::*;
	let base_fee: u128 = 1_234_567_890_123;
	let max_fee: u128 = 2 * base_fee + 987_654_321;
	let sixteen: Vec<Spec> = (0..MAX_ENTRIES as u8)
		.map(|i| {
			if usize::from(i) + 1 == MAX_ENTRIES {
				marker().after(i * 8, Minute)
			} else {
				fee(u128::from(i) * 1_000_003).after(i * 8, Minute)
			}
		})
		.collect();
	let cases: Vec<(&str, Vec<Spec>)> = vec![
		(
			"seed: 10, 100 after 2 minutes, invalid after 10 minutes",
			vec![fee(10), fee(100).after(2, Minute), marker().after(10, Minute)],
		),
		(
			"seed: valid only after 1 minute, no marker",
			vec![fee(10).after(1, Minute), fee(100).after(2, Minute)],
		),
		(
			"seed: the full example, Substrate-sized amounts",
			vec![
				fee(base_fee),
				fee(max_fee).after(10, Second),
				fee(max_fee * 3 / 2).after(30, Second),
				fee(max_fee * 4).after(5, Minute),
				marker().after(10, Minute),
			],
		),
		("one entry", vec![fee(ONE_ETHER)]),
		("one late entry", vec![fee(7).after(5, TenSeconds)]),
		(
			"a window that opens late and closes",
			vec![fee(7).after(5, TenSeconds), marker().after(1, Minute)],
		),
		("a fee then the marker one second later", vec![fee(1), marker().after(1, Second)]),
		("equal fees", vec![fee(5), fee(5).after(1, Minute), fee(5).after(1, Hour)]),
		(
			"fees that decrease before rounding but are equal after it",
			vec![
				fee(8193),
				fee(8192).after(1, Second),
				fee(16383).after(2, Second),
				fee(16382).after(3, Second),
			],
		),
		(
			"interpolation floors each step",
			vec![fee(3), fee(10).after(7, Second), fee(11).after(10, Second)],
		),
		(
			"interpolation between rounded amounts",
			vec![
				fee(ONE_ETHER),
				fee(2 * ONE_ETHER + 12_345).after(1, Hour),
				marker().after(1, Day),
			],
		),
		(
			"mixed units",
			vec![fee(1).after(59, Second), fee(2).after(1, Minute), fee(3).after(7, TenSeconds)],
		),
		(
			"every unit in turn",
			vec![
				fee(1).after(1, Second),
				fee(2).after(1, TenSeconds),
				fee(3).after(1, Minute),
				fee(4).after(1, Hour),
				fee(5).after(1, Day),
				fee(6).after(1, Week),
				fee(7).after(1, Month),
				fee(8).after(1, Year),
				marker().after(127, Year),
			],
		),
		("huge amounts over 127 years", vec![fee(0), fee(u128::MAX).after(127, Year)]),
		(
			"huge amounts, small span",
			vec![fee(1u128 << 127), fee(u128::MAX).after(3, Second), marker().after(127, Year)],
		),
		("sixteen entries, the last the marker", sixteen),
	];
	Json::Arr(cases.iter().map(|(name, specs)| policy_vector(name, specs)).collect())
}

fn policy_errors() -> Json {
	use TimeUnit::*;
	let seventeen: Vec<Spec> = (0..17).map(|i| fee(1).after(i, Second)).collect();
	let mut seventeen_marker_first = seventeen.clone();
	seventeen_marker_first[0] = marker();
	let cases: Vec<(&str, Vec<Spec>)> = vec![
		("empty", vec![]),
		("seventeen entries", seventeen),
		("seventeen entries, the first the marker", seventeen_marker_first),
		("only the marker", vec![marker()]),
		("only the marker, later", vec![marker().after(1, Minute)]),
		("the marker first", vec![marker(), fee(1).after(1, Minute)]),
		("two entries at time 0", vec![fee(1), fee(2)]),
		("equal times in different units", vec![fee(1).after(1, Minute), fee(2).after(60, Second)]),
		("times decreasing", vec![fee(1).after(2, Minute), fee(2).after(1, Minute)]),
		(
			"times decreasing with a count of 0",
			vec![fee(1).after(1, Second), fee(2).after(0, Year)],
		),
		("fee decreasing", vec![fee(2), fee(1).after(1, Minute)]),
		("fee decreasing after rounding", vec![fee(16384), fee(16383).after(1, Minute)]),
		("fee decreasing later", vec![fee(1), fee(5).after(1, Minute), fee(4).after(2, Minute)]),
		("times are checked before fees", vec![fee(2).after(1, Minute), fee(1).after(1, Minute)]),
		(
			"the marker followed by a fee",
			vec![fee(1), marker().after(1, Minute), fee(2).after(2, Minute)],
		),
		("two markers", vec![fee(1), marker().after(1, Minute), marker().after(2, Minute)]),
		(
			"the marker before the previous entry",
			vec![fee(1).after(2, Minute), marker().after(1, Minute)],
		),
		(
			"the marker at the previous entry's time",
			vec![fee(1).after(1, Minute), marker().after(60, Second)],
		),
	];
	Json::Arr(
		cases
			.iter()
			.map(|(name, specs)| {
				let entries: Vec<FeeEntry> =
					specs.iter().map(|spec| spec.build().unwrap()).collect();
				let error = FeePolicy::new(entries).expect_err(name);
				obj(vec![
					("name", s(name)),
					("entries", Json::Arr(specs.iter().map(Spec::json).collect())),
					("error", s(error_name(error))),
				])
			})
			.collect(),
	)
}

fn decode_policies() -> Json {
	let m = 0x1E_8000u32;
	let cases: Vec<(&str, Vec<u32>)> = vec![
		("empty", vec![]),
		("one word without L", vec![5]),
		("one word with L", vec![LAST_BIT | 5]),
		("L on both words", vec![LAST_BIT | 5, LAST_BIT | 1 << 21 | 6]),
		("L on neither word", vec![5, 1 << 21 | 6]),
		("L on the first word only", vec![LAST_BIT | 5, 1 << 21 | 6]),
		("two words", vec![5, LAST_BIT | 1 << 21 | 6]),
		("the seed policy", vec![10, 1 << 28 | 2 << 21 | 100, LAST_BIT | 1 << 28 | 10 << 21 | m]),
		("a non-canonical amount", vec![5 << 13 | 1, LAST_BIT | 1 << 21 | 33]),
		("malformed", vec![LAST_BIT | m | 1]),
		("amount overflow", vec![LAST_BIT | 127 << 13 | 2]),
		("only the marker", vec![LAST_BIT | m]),
		("fee decreasing", vec![6, LAST_BIT | 1 << 21 | 5]),
		("times not increasing", vec![1 << 21 | 5, LAST_BIT | 6]),
		("seventeen words", vec![5; 17]),
		("seventeen malformed words", vec![0xFFFF_FFFF; 17]),
		("the marker not last", vec![5, m | 1 << 21, LAST_BIT | 2 << 21 | 6]),
		("words are read in order: malformed first", vec![m | 1, LAST_BIT | 1 << 21 | 5]),
		("words are read in order: L misplaced first", vec![LAST_BIT | 5, m | 1]),
		("a word is read before the rules", vec![1 << 21 | 5, LAST_BIT | 127 << 13 | 2]),
		("the rules after the words", vec![1 << 21 | 5, LAST_BIT | 6]),
	];
	Json::Arr(
		cases
			.iter()
			.map(|(name, words)| {
				let mut fields = vec![
					("name", s(name)),
					("words", Json::Arr(words.iter().map(|w| n(*w)).collect())),
				];
				match FeePolicy::decode(words) {
					Ok(policy) => {
						assert_eq!(&policy.encode(), words);
						fields.push(("ok", Json::Bool(true)));
						fields.push(("expiresAfter", policy.expires_after().map_or(Json::Null, n)));
					}
					Err(error) => fields.push(("error", s(error_name(error)))),
				}
				obj(fields)
			})
			.collect(),
	)
}

// ---------------------------------------------------------------------------------------------
// Bundles.

/// `pallet_pay_after::types::BUNDLE_TAG`.
const BUNDLE_TAG: [u8; 16] = *b"pay-after/bundle";

/// A call given as its SCALE encoding: it encodes as those bytes, with no length prefix, so a
/// `Vec<RawCall>` encodes as a `Vec<RuntimeCall>` does: a compact length, then each call.
struct RawCall(Vec<u8>);

impl Encode for RawCall {
	fn size_hint(&self) -> usize {
		self.0.len()
	}

	fn encode_to<O: Output + ?Sized>(&self, dest: &mut O) {
		dest.write(&self.0);
	}
}

/// `sp_runtime::MultiSignature`, with its variants in the same order (the `Eth` variant, index
/// 3, is left out: the client does not produce it).
#[derive(Encode)]
enum MultiSignature {
	Ed25519([u8; 64]),
	Sr25519([u8; 64]),
	Ecdsa([u8; 65]),
}

fn pattern<const N: usize>(start: u8, step: u8) -> [u8; N] {
	let mut out = [0u8; N];
	let mut x = start;
	for b in out.iter_mut() {
		*b = x;
		x = x.wrapping_add(step);
	}
	out
}

/// `System.remark(text)` in power-runtime (pallet 0, call 0); the payload treats calls as opaque
/// bytes.
fn remark(text: &[u8]) -> Vec<u8> {
	let mut call = vec![0u8, 0u8];
	Compact(text.len() as u32).encode_to(&mut call);
	call.extend_from_slice(text);
	call
}

struct BundleCase {
	name: &'static str,
	genesis_hash: [u8; 32],
	transaction_version: u32,
	signer: [u8; 32],
	create_time: u64,
	fees: Vec<u32>,
	calls: Vec<Vec<u8>>,
}

fn bundle_vector(case: BundleCase) -> Json {
	let calls: Vec<RawCall> = case.calls.iter().cloned().map(RawCall).collect();
	// The layout of `pallet_pay_after::types::signing_payload`.
	let payload = (
		BUNDLE_TAG,
		case.genesis_hash,
		case.transaction_version,
		case.signer,
		case.create_time,
		&case.fees,
		&calls,
	)
		.encode();
	// The same bytes, written field by field.
	let mut by_hand = BUNDLE_TAG.to_vec();
	by_hand.extend_from_slice(&case.genesis_hash);
	by_hand.extend_from_slice(&case.transaction_version.to_le_bytes());
	by_hand.extend_from_slice(&case.signer);
	by_hand.extend_from_slice(&case.create_time.to_le_bytes());
	Compact(case.fees.len() as u32).encode_to(&mut by_hand);
	for word in &case.fees {
		by_hand.extend_from_slice(&word.to_le_bytes());
	}
	Compact(case.calls.len() as u32).encode_to(&mut by_hand);
	for call in &case.calls {
		by_hand.extend_from_slice(call);
	}
	assert_eq!(payload, by_hand, "{}", case.name);

	let wrapped = [b"<Bytes>".as_slice(), &payload, b"</Bytes>"].concat();
	let signatures = [
		("ed25519", MultiSignature::Ed25519(pattern(0xED, 1)), pattern::<64>(0xED, 1).to_vec()),
		("sr25519", MultiSignature::Sr25519(pattern(0x25, 3)), pattern::<64>(0x25, 3).to_vec()),
		("ecdsa", MultiSignature::Ecdsa(pattern(0xEC, 5)), pattern::<65>(0xEC, 5).to_vec()),
	];
	let signed: Vec<Json> = signatures
		.into_iter()
		.map(|(kind, signature, raw)| {
			// The layout of `pallet_pay_after::types::Bundle`.
			let bundle = (case.signer, case.create_time, &case.fees, &calls, &signature).encode();
			obj(vec![("type", s(kind)), ("signature", hex(&raw)), ("bundle", hex(&bundle))])
		})
		.collect();
	obj(vec![
		("name", s(case.name)),
		("genesisHash", hex(&case.genesis_hash)),
		("transactionVersion", n(case.transaction_version)),
		("signer", hex(&case.signer)),
		("createTime", s(case.create_time)),
		("fees", Json::Arr(case.fees.iter().map(|w| n(*w)).collect())),
		("calls", Json::Arr(case.calls.iter().map(|c| hex(c)).collect())),
		("payload", hex(&payload)),
		("dataHash", hex(&sp_crypto_hashing::blake2_256(&payload))),
		("wrapped", hex(&wrapped)),
		("wrappedHash", hex(&sp_crypto_hashing::blake2_256(&wrapped))),
		("signed", Json::Arr(signed)),
	])
}

fn bundles() -> Json {
	// //Alice's sr25519 public key.
	let alice: [u8; 32] = [
		0xd4, 0x35, 0x93, 0xc7, 0x15, 0xfd, 0xd3, 0x1c, 0x61, 0x14, 0x1a, 0xbd, 0x04, 0xa9, 0x9f,
		0xd6, 0x82, 0x2c, 0x85, 0x58, 0x85, 0x4c, 0xcd, 0xe3, 0x9a, 0x56, 0x84, 0xe7, 0xa5, 0x6d,
		0xa2, 0x7d,
	];
	let seed_words = vec![10, 1 << 28 | 2 << 21 | 100, LAST_BIT | 1 << 28 | 10 << 21 | 0x1E_8000];
	let cases = vec![
		BundleCase {
			name: "the seed policy, two remarks",
			genesis_hash: pattern(0, 1),
			transaction_version: 1,
			signer: alice,
			create_time: 1_700_000_000,
			fees: seed_words,
			calls: vec![remark(b"pollinate"), remark(b"")],
		},
		BundleCase {
			name: "no calls, the largest numbers",
			genesis_hash: [0xFF; 32],
			transaction_version: u32::MAX,
			signer: [0xFF; 32],
			create_time: u64::MAX,
			fees: vec![0xFFFF_FFFF],
			calls: vec![],
		},
		BundleCase {
			name: "no fees, one call of 300 bytes",
			genesis_hash: pattern(0x80, 7),
			transaction_version: 0,
			signer: pattern(1, 2),
			create_time: 0,
			fees: vec![],
			calls: vec![remark(&[0x42; 296])],
		},
		BundleCase {
			name: "sixteen fees and 64 calls: two-byte compact lengths",
			genesis_hash: pattern(0x33, 11),
			transaction_version: 7,
			signer: alice,
			create_time: (1 << 53) + 1,
			fees: (0..16u32)
				.map(|i| if i == 15 { LAST_BIT | i << 21 | i } else { i << 21 | i })
				.collect(),
			calls: (0..64u8).map(|i| vec![i]).collect(),
		},
	];
	Json::Arr(cases.into_iter().map(bundle_vector).collect())
}

// ---------------------------------------------------------------------------------------------

const NOTES: [&str; 9] = [
	"Generated by primitives/tests/vectors.rs from power-primitives; do not edit by hand. Rewrite with UPDATE_VECTORS=1 SKIP_WASM_BUILD=1 cargo test -p power-primitives --test vectors.",
	"Amounts (u128) and elapsed times (u64) are decimal strings; words (u32), counts, unit codes and times in seconds are JSON numbers; bytes are 0x hex.",
	"Rounding, the canonical rule (power-primitives, which the chain runs): an amount is rounded once, down, when it is encoded: it is shifted right until it fits in 13 bits (base), and the shifts are the exponent; the entry's amount is base << exponent. The seed's example is exactly this single floor: 10^18 has 60 significant bits -> exponent 60 - 13 = 47, base floor(10^18 / 2^47) = 7105, amtRounded 7105 << 47 = 999939854764605440.",
	"Interpolation rounds once too: between fee entries (t0, f0) and (t1, f1), fee_at(t) = f0 + floor((f1 - f0) * (t - t0) / (t1 - t0)), exact (a 256-bit intermediate), on the already-encoded amounts f0 and f1; the result is not re-encoded to 13 bits.",
	"Any second rounding (a bigint turned into a float before taking 13 bits, or an interpolated fee rounded again to 13 bits, or rounding to nearest instead of down) gives amounts the chain does not: the chain decides what is paid, so its rule is canonical. The amounts 2^k - 1 for k > 53 and the tails below 13 significant bits are here to catch a double rounding.",
	"An entry with count 0 is time 0 and records the unit second (code 0), whatever unit was asked for.",
	"The invalid marker is exponent 244, base 0 (low 21 bits 0x1E8000). Low 21 bits above it are MalformedEntry; base << exponent beyond u128 is AmountOverflow. Errors are the names of power_primitives::fee::FeeError variants, checked in the Rust order.",
	"feeAt kinds: notYetValid (before the first entry), fee (with amount), expired (at or after the marker's time). expiresAfter is the marker's time in seconds, or null.",
	"Bundles: payload = SCALE((b\"pay-after/bundle\", genesis_hash, transaction_version u32, signer AccountId32, create_time u64, fees Vec<u32>, calls Vec<RuntimeCall>)), the layout pinned in pallets/pay-after/src/types.rs (signing_payload); dataHash = blake2-256(payload); wrapped = <Bytes> ++ payload ++ </Bytes>. bundle = SCALE((signer, create_time, fees, calls, MultiSignature)) with MultiSignature Ed25519 = 0, Sr25519 = 1, Ecdsa = 2. Calls are opaque pre-encoded bytes; the signatures are fixed patterns, not real signatures.",
];

fn document() -> String {
	let doc = obj(vec![
		("format", s("pollinate-vectors/1")),
		("notes", Json::Arr(NOTES.iter().map(s).collect())),
		("units", units()),
		("seedExample", seed_example()),
		("entries", entries()),
		("times", times()),
		("afterErrors", after_errors()),
		("decodeWords", decode_words()),
		("policies", policies()),
		("policyErrors", policy_errors()),
		("decodePolicies", decode_policies()),
		("bundles", bundles()),
	]);
	common::json::document(&doc)
}

#[test]
fn the_committed_vectors_are_what_power_primitives_computes() {
	common::check_vector_file(
		"pollinate.json",
		&document(),
		"UPDATE_VECTORS=1 SKIP_WASM_BUILD=1 cargo test -p power-primitives --test vectors, then \
		 clients/js/test.sh",
	);
}

#[test]
fn the_seed_example_is_in_the_vectors() {
	let doc = document();
	assert!(doc.contains("\"binary\": \"00000000000001011111101111000001\""));
	assert!(doc.contains("\"binaryLast\": \"10000000000001011111101111000001\""));
	assert!(doc.contains("\"amtRoundedEther\": \"0.99993985476460544\""));
}
