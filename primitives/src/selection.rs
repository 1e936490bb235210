//! The weighted random draw without replacement that picks collators.
//!
//! [`draw_weighted`] draws `count` distinct candidates. At each step every candidate not drawn
//! yet is picked with probability `weight / (sum of the weights not drawn yet)`, so zero-weight
//! candidates are never picked.
//!
//! # How
//!
//! - The weights live in a Fenwick (binary indexed) tree, built in O(n). Each draw finds the
//!   candidate under a uniform random point of `[0, remaining total)` by descending the tree, and
//!   removes the candidate's weight, both in O(log n). The whole draw costs O(n + count·log n).
//! - Sums are exact: weights are `u128`, and a sum of up to `usize::MAX` of them needs up to 192
//!   bits, so the tree holds 256-bit sums ([`Wide`], which is `sp_core::U256`). No weight is
//!   scaled, no float is used, and weights near `u128::MAX` keep their exact ratios.
//! - Random numbers come from a hash stream: the `i`-th 256-bit word is
//!   `blake2_256(seed ‖ i as little-endian u64)`. A uniform number below a bound `b` is the first
//!   word, masked to the bit length of `b - 1`, that is below `b` (rejection sampling: no modulo
//!   bias). Each attempt succeeds with probability above 1/2. After [`MAX_ATTEMPTS`] rejections
//!   in a row (probability below 2⁻⁶⁴), the last word is reduced by one subtraction, which keeps
//!   the cost bounded; the bias this adds is below 2⁻⁶⁴ per draw.
//!
//! The same inputs always give the same output.

extern crate alloc;

use crate::hashing::blake2_256;
use alloc::vec::Vec;

/// How many random words one pick may reject before it falls back to a single subtraction.
pub const MAX_ATTEMPTS: u32 = 64;

/// Draws up to `count` distinct ids from `candidates`, weighted by their weights, without
/// replacement.
///
/// - At each step every remaining candidate is picked with probability
///   `weight / (sum of remaining weights)`.
/// - Zero-weight candidates are never picked.
/// - Returns `min(count, number of candidates with a non-zero weight)` ids, in draw order.
/// - Deterministic: the same `candidates`, `count` and `seed` give the same result.
/// - Costs O(n + count·log n) for `n` candidates, and O(1) when `count` is zero.
///
/// Ids are not compared: a duplicated id in `candidates` is two candidates.
pub fn draw_weighted<Id: Clone>(
	candidates: &[(Id, u128)],
	count: usize,
	seed: [u8; 32],
) -> Vec<Id> {
	if count == 0 || candidates.is_empty() {
		return Vec::new();
	}
	let mut tree = Fenwick::new(candidates.iter().map(|(_, weight)| *weight));
	let mut total = tree.total();
	let mut random = HashStream::new(seed);
	let mut drawn = Vec::with_capacity(count.min(candidates.len()));
	while drawn.len() < count && !total.is_zero() {
		let point = random.below(total);
		let index = tree.find(point);
		let Some((id, weight)) = candidates.get(index) else {
			// `find` returns an index below `n` for any point below the total.
			break;
		};
		let weight = Wide::from(*weight);
		tree.subtract(index, weight);
		total = total.saturating_sub(weight);
		drawn.push(id.clone());
	}
	drawn
}

/// The draw's exact sums: `sp_core::U256` (the `primitive-types` type sp-core re-exports, taken
/// from that crate so the primitives stay free of sp-core's std-heavy dependencies).
pub use primitive_types::U256 as Wide;

/// The lowest `bits` bits of `value`.
fn low_bits(value: Wide, bits: u32) -> Wide {
	if bits >= 256 {
		value
	} else {
		value & ((Wide::one() << bits) - Wide::one())
	}
}

/// A Fenwick tree of weights: node `i` (1-based) holds the sum of the `i & i.wrapping_neg()`
/// weights ending at position `i`.
struct Fenwick {
	nodes: Vec<Wide>,
}

impl Fenwick {
	/// Builds the tree in O(n).
	fn new(weights: impl Iterator<Item = u128>) -> Self {
		let mut nodes: Vec<Wide> = weights.map(Wide::from).collect();
		let n = nodes.len();
		for i in 1..=n {
			let parent = i.saturating_add(lowest_bit(i));
			if parent <= n {
				let child = nodes.get(i - 1).copied().unwrap_or_default();
				if let Some(node) = nodes.get_mut(parent - 1) {
					*node = node.saturating_add(child);
				}
			}
		}
		Self { nodes }
	}

	/// The sum of every weight, in O(log n).
	fn total(&self) -> Wide {
		let mut sum = Wide::zero();
		let mut i = self.nodes.len();
		while i > 0 {
			sum = sum.saturating_add(self.nodes.get(i - 1).copied().unwrap_or_default());
			i -= lowest_bit(i);
		}
		sum
	}

	/// The 0-based position `p` with `prefix(p) <= point < prefix(p + 1)`, where `prefix(p)` is
	/// the sum of the first `p` weights. For `point` below the total, the weight at `p` is
	/// non-zero. O(log n).
	fn find(&self, point: Wide) -> usize {
		let n = self.nodes.len();
		if n == 0 {
			return 0;
		}
		let mut position = 0usize;
		let mut rest = point;
		let mut step = 1usize << (usize::BITS - 1 - n.leading_zeros());
		while step > 0 {
			let next = position + step;
			// `next >= 1`; past the end, `get` finds nothing.
			if let Some(node) = self.nodes.get(next - 1) {
				if *node <= rest {
					position = next;
					rest = rest.saturating_sub(*node);
				}
			}
			step >>= 1;
		}
		position
	}

	/// Subtracts `weight` from the weight at the 0-based `index`, in O(log n).
	fn subtract(&mut self, index: usize, weight: Wide) {
		let n = self.nodes.len();
		let mut i = index.saturating_add(1);
		while i <= n {
			if let Some(node) = self.nodes.get_mut(i - 1) {
				*node = node.saturating_sub(weight);
			}
			i = i.saturating_add(lowest_bit(i));
		}
	}
}

/// The lowest set bit of `i`.
fn lowest_bit(i: usize) -> usize {
	i & i.wrapping_neg()
}

/// A stream of uniform 256-bit words: `blake2_256(seed ‖ counter)`.
struct HashStream {
	input: [u8; 40],
	counter: u64,
}

impl HashStream {
	fn new(seed: [u8; 32]) -> Self {
		let mut input = [0u8; 40];
		input.iter_mut().zip(seed.iter()).for_each(|(to, from)| *to = *from);
		Self { input, counter: 0 }
	}

	/// The next word of the stream.
	fn next_word(&mut self) -> Wide {
		let counter = self.counter.to_le_bytes();
		self.input.iter_mut().skip(32).zip(counter.iter()).for_each(|(to, from)| *to = *from);
		self.counter = self.counter.wrapping_add(1);
		let hash = blake2_256(&self.input);
		Wide::from_little_endian(&hash)
	}

	/// A uniform number in `[0, bound)`, for `bound > 0`, by rejection sampling.
	fn below(&mut self, bound: Wide) -> Wide {
		let bits = u32::try_from(bound.saturating_sub(Wide::one()).bits()).unwrap_or(256);
		let mut word = Wide::zero();
		for _ in 0..MAX_ATTEMPTS {
			word = low_bits(self.next_word(), bits);
			if word < bound {
				return word;
			}
		}
		// `word < 2^bits <= 2·bound`, so one subtraction brings it below `bound`.
		word.saturating_sub(bound)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	/// The seed of test number `i`.
	fn seed(i: u64) -> [u8; 32] {
		blake2_256(&i.to_le_bytes())
	}

	/// The same draw done the obvious O(n·count) way, from the same random stream: a linear scan
	/// for the candidate under the random point.
	fn draw_naive<Id: Clone>(candidates: &[(Id, u128)], count: usize, seed: [u8; 32]) -> Vec<Id> {
		let mut weights: Vec<Wide> = candidates.iter().map(|(_, w)| Wide::from(*w)).collect();
		let mut random = HashStream::new(seed);
		let mut drawn = Vec::new();
		while drawn.len() < count {
			let total = weights.iter().fold(Wide::zero(), |acc, w| acc.saturating_add(*w));
			if total.is_zero() {
				break;
			}
			let mut point = random.below(total);
			let index = weights
				.iter()
				.position(|w| {
					if point < *w {
						true
					} else {
						point = point.saturating_sub(*w);
						false
					}
				})
				.unwrap();
			weights[index] = Wide::zero();
			drawn.push(candidates[index].0.clone());
		}
		drawn
	}

	/// How often each of `weights.len()` candidates is drawn first over `runs` seeds.
	fn first_draw_frequencies(weights: &[u128], runs: u64) -> Vec<f64> {
		let candidates: Vec<(usize, u128)> = weights.iter().copied().enumerate().collect();
		let mut hits = vec![0u64; weights.len()];
		for i in 0..runs {
			let drawn = draw_weighted(&candidates, 1, seed(i));
			hits[drawn[0]] += 1;
		}
		hits.into_iter().map(|h| h as f64 / runs as f64).collect()
	}

	#[test]
	fn first_draw_follows_the_weights() {
		// 20 000 runs: the standard deviation of a frequency is at most 0.0036, so a tolerance of
		// 0.015 is more than four standard deviations.
		let weights = [1u128, 2, 3, 4, 0, 10];
		let total: u128 = weights.iter().sum();
		let frequencies = first_draw_frequencies(&weights, 20_000);
		for (weight, frequency) in weights.iter().zip(frequencies) {
			let expected = *weight as f64 / total as f64;
			assert!(
				(frequency - expected).abs() < 0.015,
				"weight {weight}: drawn first {frequency}, expected {expected}"
			);
		}
	}

	#[test]
	fn pairs_follow_sampling_without_replacement() {
		// P(first = a, second = b) = w_a / W · w_b / (W - w_a). 12 000 runs, tolerance 0.015
		// (at least four standard deviations).
		let weights = [1u128, 2, 3];
		let total = 6.0;
		let candidates: Vec<(usize, u128)> = weights.iter().copied().enumerate().collect();
		let runs = 12_000u64;
		let mut hits = [[0u64; 3]; 3];
		for i in 0..runs {
			let drawn = draw_weighted(&candidates, 2, seed(i));
			assert_eq!(drawn.len(), 2);
			hits[drawn[0]][drawn[1]] += 1;
		}
		for a in 0..3 {
			for b in 0..3 {
				let expected = if a == b {
					0.0
				} else {
					let (wa, wb) = (weights[a] as f64, weights[b] as f64);
					wa / total * wb / (total - wa)
				};
				let frequency = hits[a][b] as f64 / runs as f64;
				assert!(
					(frequency - expected).abs() < 0.015,
					"pair ({a}, {b}): {frequency}, expected {expected}"
				);
			}
		}
	}

	#[test]
	fn weights_near_u128_max_keep_their_ratios() {
		// The total is 2.5 · u128::MAX: it does not fit in a u128. Expected shares 0.4, 0.4, 0.2.
		let weights = [u128::MAX, u128::MAX, u128::MAX / 2];
		let frequencies = first_draw_frequencies(&weights, 10_000);
		for (frequency, expected) in frequencies.into_iter().zip([0.4, 0.4, 0.2]) {
			assert!((frequency - expected).abs() < 0.02, "{frequency}, expected {expected}");
		}
	}

	#[test]
	fn many_maximal_weights_are_all_drawn() {
		let candidates: Vec<(u32, u128)> = (0..1000).map(|i| (i, u128::MAX)).collect();
		let drawn = draw_weighted(&candidates, 2000, [7; 32]);
		assert_eq!(drawn.len(), 1000);
		let mut sorted = drawn.clone();
		sorted.sort();
		sorted.dedup();
		assert_eq!(sorted.len(), 1000);
		assert_eq!(drawn, draw_naive(&candidates, 2000, [7; 32]));
	}

	#[test]
	fn empty_input_draws_nothing() {
		let none: [(u8, u128); 0] = [];
		assert!(draw_weighted(&none, 5, [0; 32]).is_empty());
	}

	#[test]
	fn zero_count_draws_nothing() {
		assert!(draw_weighted(&[(1u8, 5u128)], 0, [0; 32]).is_empty());
	}

	#[test]
	fn all_zero_weights_draw_nothing() {
		let candidates = [(1u8, 0u128), (2, 0), (3, 0)];
		for i in 0..20 {
			assert!(draw_weighted(&candidates, 3, seed(i)).is_empty());
		}
	}

	#[test]
	fn count_at_least_n_draws_every_non_zero_candidate() {
		let candidates = [(1u8, 5u128), (2, 0), (3, 1), (4, 9), (5, 0)];
		for count in [3, 5, 100] {
			for i in 0..20 {
				let mut drawn = draw_weighted(&candidates, count, seed(i));
				drawn.sort();
				assert_eq!(drawn, vec![1, 3, 4]);
			}
		}
	}

	#[test]
	fn a_single_heavy_candidate_is_always_drawn_first() {
		// The light ones have a chance of 2 in 2^128 to come first.
		let candidates = [(1u8, 1u128), (2, u128::MAX), (3, 1)];
		for i in 0..200 {
			let drawn = draw_weighted(&candidates, 3, seed(i));
			assert_eq!(drawn[0], 2);
			assert_eq!(drawn.len(), 3);
		}
	}

	#[test]
	fn a_single_candidate_with_all_the_weight_is_the_only_one_drawn() {
		let candidates = [(1u8, 0u128), (2, 42), (3, 0)];
		assert_eq!(draw_weighted(&candidates, 2, [3; 32]), vec![2]);
	}

	#[test]
	fn the_seed_changes_the_order() {
		let candidates: Vec<(u32, u128)> = (0..10).map(|i| (i, 1)).collect();
		let a = draw_weighted(&candidates, 10, seed(1));
		let b = draw_weighted(&candidates, 10, seed(2));
		assert_ne!(a, b);
	}

	#[test]
	fn uniform_below_is_exact_for_small_bounds() {
		// A bound of 1 always gives 0; a power of two never rejects.
		let mut stream = HashStream::new([1; 32]);
		for _ in 0..50 {
			assert_eq!(stream.below(Wide::from(1)), Wide::zero());
			assert!(stream.below(Wide::from(3)) < Wide::from(3));
		}
		let bound = Wide::one() << 128;
		for _ in 0..50 {
			assert!(stream.below(bound) < bound);
		}
	}

	#[test]
	fn uniform_below_has_no_modulo_bias() {
		// A 2-bit word reduced modulo 3 would give 0 half of the time; rejection gives 1/3 each.
		// 30 000 samples: the standard deviation is 0.0027, the tolerance 0.012.
		let mut stream = HashStream::new([9; 32]);
		let mut hits = [0u32; 3];
		let samples = 30_000;
		for _ in 0..samples {
			hits[stream.below(Wide::from(3)).low_u64() as usize] += 1;
		}
		for h in hits {
			let frequency = f64::from(h) / f64::from(samples);
			assert!((frequency - 1.0 / 3.0).abs() < 0.012, "{hits:?}");
		}
	}

	#[test]
	fn the_word_is_the_hash_read_little_endian_and_low_bits_masks() {
		// The stream's word is the hash as a little-endian 256-bit number, as the two-limb
		// version this replaced read it (low limb = first 16 bytes): the draws do not change.
		let mut stream = HashStream::new([7; 32]);
		let mut input = [7u8; 40];
		input[32..].copy_from_slice(&0u64.to_le_bytes());
		let hash = blake2_256(&input);
		let lo = u128::from_le_bytes(hash[..16].try_into().unwrap());
		let hi = u128::from_le_bytes(hash[16..].try_into().unwrap());
		assert_eq!(stream.next_word(), (Wide::from(hi) << 128) + Wide::from(lo));
		let two_max = Wide::from(u128::MAX).saturating_add(Wide::from(u128::MAX));
		assert_eq!(low_bits(two_max, 128), Wide::from(u128::MAX - 1));
		assert_eq!(low_bits(two_max, 129), two_max);
		assert_eq!(low_bits(Wide::from(0b1011), 2), Wide::from(0b11));
		assert_eq!(low_bits(Wide::MAX, 256), Wide::MAX);
		assert_eq!(Wide::MAX.saturating_add(Wide::one()), Wide::MAX);
	}

	fn candidates_strategy() -> impl Strategy<Value = Vec<(u16, u128)>> {
		prop::collection::vec(
			prop_oneof![Just(0u128), 1u128..1000, (u128::MAX - 1000)..=u128::MAX, any::<u128>()],
			0..40,
		)
		.prop_map(|weights| {
			weights.into_iter().enumerate().map(|(i, w)| (i as u16, w)).collect::<Vec<_>>()
		})
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(300))]

		#[test]
		fn draws_are_distinct_non_zero_and_of_the_right_length(
			candidates in candidates_strategy(),
			count in 0usize..50,
			seed in any::<[u8; 32]>(),
		) {
			let drawn = draw_weighted(&candidates, count, seed);
			let non_zero = candidates.iter().filter(|(_, w)| *w > 0).count();
			prop_assert_eq!(drawn.len(), count.min(non_zero));
			let mut sorted = drawn.clone();
			sorted.sort();
			sorted.dedup();
			prop_assert_eq!(sorted.len(), drawn.len());
			for id in &drawn {
				prop_assert!(candidates[*id as usize].1 > 0);
			}
		}

		#[test]
		fn draws_are_deterministic(
			candidates in candidates_strategy(),
			count in 0usize..50,
			seed in any::<[u8; 32]>(),
		) {
			prop_assert_eq!(
				draw_weighted(&candidates, count, seed),
				draw_weighted(&candidates, count, seed)
			);
		}

		#[test]
		fn the_tree_agrees_with_a_linear_scan(
			candidates in candidates_strategy(),
			count in 0usize..50,
			seed in any::<[u8; 32]>(),
		) {
			prop_assert_eq!(
				draw_weighted(&candidates, count, seed),
				draw_naive(&candidates, count, seed)
			);
		}

		#[test]
		fn a_shorter_draw_is_a_prefix_of_a_longer_one(
			candidates in candidates_strategy(),
			count in 0usize..50,
			seed in any::<[u8; 32]>(),
		) {
			let long = draw_weighted(&candidates, count + 5, seed);
			let short = draw_weighted(&candidates, count, seed);
			prop_assert_eq!(&long[..short.len()], &short[..]);
		}
	}
}
