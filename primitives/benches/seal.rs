//! The sealing benchmark: seal time and memory per sector size, on this machine, and the
//! projection to 32 GiB and 64 GiB. Run with
//!
//! ```sh
//! SKIP_WASM_BUILD=1 cargo bench -p power-primitives --bench seal
//! ```
//!
//! `SEAL_BENCH_MAX_MIB` (default 32) caps the largest sector sealed: this implementation keeps
//! every layer and tree in memory, about 21 times the sector at 11 layers, so 32 MiB needs about
//! 700 MiB (the machine is shared: stay under about 1 GiB). Memory is the process's peak resident set (`VmHWM`), reset before each size through
//! `/proc/self/clear_refs` (Linux). One run per size, single-threaded: sealing is sequential.

use power_primitives::{
	porep::{
		params_for_size, porep_challenges, replica_id, seal_with_cache, verify_seal_batch, Label,
		ParentCache, SdrParams, SealInputs, SDR_VERSION,
	},
	proofs::commit,
};
use std::time::{Duration, Instant};

/// The parameters a size is benchmarked with: the table's, or Filecoin's (11 layers, 176
/// challenges, 2 per batch) for sizes between the table's.
fn params(sector_bytes: u64) -> SdrParams {
	params_for_size(sector_bytes).unwrap_or(SdrParams {
		version: SDR_VERSION,
		layers: 11,
		porep_challenges: 176,
		challenges_per_batch: 2,
		post_challenges: 10,
	})
}

/// A `/proc/self/status` field in KiB.
fn status_kib(field: &str) -> u64 {
	std::fs::read_to_string("/proc/self/status")
		.ok()
		.and_then(|status| {
			status
				.lines()
				.find(|l| l.starts_with(field))
				.and_then(|l| l.split_whitespace().nth(1).and_then(|kib| kib.parse().ok()))
		})
		.unwrap_or(0)
}

/// The peak resident set in KiB.
fn peak_kib() -> u64 {
	status_kib("VmHWM:")
}

/// Resets the peak resident set to the current one; false if the kernel does not allow it.
fn reset_peak() -> bool {
	std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mib(bytes: f64) -> String {
	if bytes >= (1u64 << 30) as f64 {
		format!("{:.0} GiB", bytes / (1u64 << 30) as f64)
	} else {
		format!("{:.1} MiB", bytes / (1u64 << 20) as f64)
	}
}

fn human(d: Duration) -> String {
	let s = d.as_secs_f64();
	if s >= 3600.0 {
		format!("{:.1} h", s / 3600.0)
	} else if s >= 60.0 {
		format!("{:.1} min", s / 60.0)
	} else if s >= 1.0 {
		format!("{s:.2} s")
	} else {
		format!("{:.2} ms", s * 1e3)
	}
}

struct Measured {
	sector_bytes: u64,
	nodes: u64,
	cache: Duration,
	seal: Duration,
	labels: u64,
	peak_bytes: u64,
}

fn bench(sector_bytes: u64, can_reset: bool) -> Measured {
	let nodes = sector_bytes / 32;
	let p = params(sector_bytes);
	if can_reset {
		reset_peak();
	}
	// What the process holds before this size: subtracted, so the figure is the seal's own.
	let baseline = if can_reset { status_kib("VmRSS:") } else { peak_kib() };
	let data: Vec<u8> =
		(0..sector_bytes as usize).map(|i| (i as u8).wrapping_mul(31).wrapping_add(7)).collect();
	let comm_d = commit(&data).unwrap();
	let provider = [0xd4u8; 32];
	let rid = replica_id(&provider, 1, &[0x11; 32], &comm_d, p.version);

	let start = Instant::now();
	let cache = ParentCache::new(p.version, nodes).unwrap();
	let cache_time = start.elapsed();

	let start = Instant::now();
	let sealed = seal_with_cache(&cache, &data, &rid, &p).unwrap();
	let seal_time = start.elapsed();
	let peak = peak_kib().saturating_sub(baseline) * 1024;

	// One batch: prove it and verify it (natively; the runtime's wasm is slower).
	let inputs = SealInputs {
		provider: &provider,
		sector_number: 1,
		ticket: [0x11; 32],
		comm_d,
		comm_c: sealed.comm_c(),
		comm_r_last: sealed.comm_r_last(),
	};
	let seed = [0x22; 32];
	let start = Instant::now();
	let proof = sealed.prove_batch_encoded(&seed, 0).unwrap();
	let prove = start.elapsed();
	let start = Instant::now();
	verify_seal_batch(&p, nodes, &inputs, &seed, 0, &proof).unwrap();
	let verify = start.elapsed();
	let per_batch = p.challenges_per_batch.min(p.porep_challenges);
	assert_eq!(
		porep_challenges(&seed, &rid, 0, per_batch, nodes).unwrap().len(),
		per_batch as usize
	);

	let labels = nodes * u64::from(p.layers);
	println!(
		"{:>9} | {:>2} layers | parent cache {:>9} | seal {:>9} ({:.2} µs/label incl. trees) | \
		 added peak RSS {:>10} ({:.1}× sector) | batch of {} challenges: {} bytes, prove {}, verify {}",
		bytes_name(sector_bytes),
		p.layers,
		human(cache_time),
		human(seal_time),
		seal_time.as_secs_f64() * 1e6 / labels as f64,
		mib(peak as f64),
		peak as f64 / sector_bytes as f64,
		per_batch,
		proof.len(),
		human(prove),
		human(verify),
	);
	drop((sealed, cache, data));
	Measured { sector_bytes, nodes, cache: cache_time, seal: seal_time, labels, peak_bytes: peak }
}

fn bytes_name(b: u64) -> String {
	match b {
		b if b >= 1 << 30 => format!("{} GiB", b >> 30),
		b if b >= 1 << 20 => format!("{} MiB", b >> 20),
		b => format!("{} KiB", b >> 10),
	}
}

/// The labelling part alone: µs per label for the largest size, without trees.
fn label_rate(sector_bytes: u64) -> f64 {
	let nodes = sector_bytes / 32;
	let p = SdrParams { layers: 2, ..params(sector_bytes) };
	let cache = ParentCache::new(p.version, nodes).unwrap();
	let start = Instant::now();
	let key: Vec<Label> = cache.key(&[7; 32], &p).unwrap();
	let elapsed = start.elapsed();
	assert_eq!(key.len() as u64, nodes);
	elapsed.as_secs_f64() * 1e6 / (2 * nodes) as f64
}

fn main() {
	// `cargo bench` passes `--bench`; nothing else is read from the command line.
	let max_mib: u64 =
		std::env::var("SEAL_BENCH_MAX_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
	let can_reset = reset_peak();
	println!(
		"sealing benchmark: single thread, release build{}",
		if can_reset { "" } else { " (peak RSS not resettable: figures are cumulative)" }
	);
	let mut sizes =
		vec![2u64 << 10, 64 << 10, 1 << 20, 8 << 20, 16 << 20, 32 << 20, 64 << 20, 256 << 20];
	sizes.retain(|s| *s <= max_mib << 20);
	let results: Vec<Measured> = sizes.into_iter().map(|s| bench(s, can_reset)).collect();
	let Some(largest) = results.last() else { return };
	let rate = label_rate(largest.sector_bytes);
	let seal_per_label = largest.seal.as_secs_f64() / largest.labels as f64;
	let cache_per_node = largest.cache.as_secs_f64() / largest.nodes as f64;
	let bytes_per_node = largest.peak_bytes as f64 / largest.nodes as f64;
	println!(
		"labelling alone ({}): {rate:.2} µs per label; whole seal {:.2} µs per label; parent \
		 cache {:.2} µs per node; peak {:.0} bytes per node",
		bytes_name(largest.sector_bytes),
		seal_per_label * 1e6,
		cache_per_node * 1e6,
		bytes_per_node,
	);
	for (name, bytes) in [("32 GiB", 32u64 << 30), ("64 GiB", 64u64 << 30)] {
		let nodes = bytes / 32;
		let labels = nodes * 11;
		let seal = Duration::from_secs_f64(seal_per_label * labels as f64);
		let label_only = Duration::from_secs_f64(rate * 1e-6 * labels as f64);
		let cache = Duration::from_secs_f64(cache_per_node * nodes as f64);
		println!(
			"projection {name}: seal {} (labelling alone {}), one-off parent cache {} ({}), \
			 this in-memory sealer would need {} of RAM; a streaming sealer needs about {} of \
			 scratch disk (11 layers + 3 trees) and {} of RAM (two layers)",
			human(seal),
			human(label_only),
			human(cache),
			mib((nodes * 56) as f64),
			mib(bytes_per_node * nodes as f64),
			mib((bytes * 11 + bytes * 2 * 3) as f64),
			mib((bytes * 2) as f64),
		);
	}
}
