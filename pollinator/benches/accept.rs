//! Accepted submissions per second on the HTTP path (JSON, hex, decode, signature check,
//! simulation on the in-memory chain, durable commit), and the memory held per waiting bundle.
//!
//! `cargo bench -p pollinator --bench accept [-- N CONCURRENCY]`

mod shared;

use codec::Encode;
use pollinator::{
	api::AppState,
	bundle::build::Unsigned,
	config::{Limits, Tasks},
	db::Db,
	engine::{Engine, EngineConfig},
	fake::{FakeChain, World, DOMAIN},
	metrics::Metrics,
};
use power_primitives::fee::{FeeEntry, FeePolicy, TimeUnit};
use std::{sync::Arc, time::Instant};

const T0: u64 = 1_800_000_000;

fn rss_kib() -> u64 {
	std::fs::read_to_string("/proc/self/statm")
		.ok()
		.and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<u64>().ok()))
		.map(|pages| pages * 4)
		.unwrap_or(0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
	let args: Vec<String> = std::env::args().filter(|a| !a.starts_with("--")).collect();
	let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5_000);
	let concurrency: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(64);

	// The database goes where POLLINATOR_BENCH_DIR says (default: the temp dir); fsync costs
	// what that disk makes it cost.
	let base = std::env::var_os("POLLINATOR_BENCH_DIR")
		.map(std::path::PathBuf::from)
		.unwrap_or_else(std::env::temp_dir);
	let dir = base.join(format!("pollinator-bench-{}", std::process::id()));
	std::fs::create_dir_all(&dir)?;
	let world = World::new(T0);
	let chain = Arc::new(FakeChain::new(world, [1; 32], 1_000_000));
	let db = Db::open(&dir.join("bench.sqlite"))?;
	let metrics = Arc::new(Metrics::new()?);
	let cfg = EngineConfig {
		min_profit: 50,
		tasks: Tasks::Only(vec![]),
		tick: std::time::Duration::from_secs(3600),
	};
	let (_engine, handle) = Engine::new(chain.clone(), db.clone(), cfg, metrics.clone());
	let limits = Limits { max_waiting_per_signer: u32::MAX, ..Limits::default() };
	let state = AppState::new(chain, db, handle, limits, 50, metrics);

	// Bundles that pay enough only later: each is checked, simulated, stored and left waiting.
	let key = subxt_signer::sr25519::dev::alice();
	let fees = (|| {
		Ok::<_, power_primitives::fee::FeeError>(
			FeePolicy::new(vec![
				FeeEntry::fee(10),
				FeeEntry::fee(1_000).after(10, TimeUnit::Minute)?,
				FeeEntry::invalid().after(1, TimeUnit::Hour)?,
			])?
			.encode(),
		)
	})()
	.map_err(|e| format!("{e:?}"))?;
	eprintln!("signing {n} bundles...");
	let bodies: Vec<Vec<u8>> = (0..n as u64)
		.map(|i| {
			let calls = vec![i.to_le_bytes().to_vec(), vec![0u8; 64]].encode();
			let bytes =
				Unsigned { signer: key.public_key().0, create_time: T0, fees: fees.clone(), calls }
					.sign_sr25519(&key, &DOMAIN);
			serde_json::json!({ "txn": format!("0x{}", hex::encode(bytes)) })
				.to_string()
				.into_bytes()
		})
		.collect();

	let rss_before = rss_kib();
	let start = Instant::now();
	let accepted = shared::post_all(&state, bodies, concurrency).await?;
	let secs = start.elapsed().as_secs_f64();
	let rss_after = rss_kib();
	println!("accepted {accepted}/{n} in {secs:.2} s: {:.0} accepted submissions/s ({concurrency} concurrent)", accepted as f64 / secs);
	println!(
		"resident memory: {rss_before} KiB before, {rss_after} KiB after: {:.0} bytes per waiting bundle (state lives in the database)",
		(rss_after.saturating_sub(rss_before) * 1024) as f64 / accepted.max(1) as f64
	);
	let _ = std::fs::remove_dir_all(&dir);
	Ok(())
}
