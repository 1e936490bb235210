//! Against a real chain (chopsticks running this runtime; `scripts/pollinator-it.sh --bench`
//! starts it and sets `POLLINATOR_IT_WS`):
//!
//! 1. accepted submissions per second on the HTTP path with the **chain's simulation**
//!    (`PollinateApi::simulate_bundle` over RPC) instead of the in-memory chain;
//! 2. the latency from "profitable" (the block whose time makes a waiting bundle pay) to "in
//!    block" (the daemon reports its extrinsic included), with the real `pollinate serve`.
//!
//! `POLLINATOR_IT_WS=ws://127.0.0.1:8011 cargo bench -p pollinator --bench chain [-- N CONCURRENCY ROUNDS]`

#[path = "../tests/common/mod.rs"]
mod common;
mod shared;

use common::{Daemon, Node, MILLI_UNIT, UNIT};
use pollinator::{
	api::AppState,
	chain::Chain,
	config::{Limits, Tasks},
	db::Db,
	engine::{Engine, EngineConfig},
	metrics::Metrics,
	node::NodeChain,
};
use power_primitives::fee::{FeeEntry, FeePolicy, TimeUnit};
use std::{
	sync::Arc,
	time::{Duration, Instant},
};
use subxt_signer::sr25519::dev;

/// 1 planck now, `fee` after `minutes`, invalid after an hour: waits, then pays.
fn rising(fee: u128, minutes: u8) -> Vec<u32> {
	FeePolicy::new(vec![
		FeeEntry::fee(1),
		FeeEntry::fee(fee).after(minutes, TimeUnit::Minute).unwrap(),
		FeeEntry::invalid().after(1, TimeUnit::Hour).unwrap(),
	])
	.unwrap()
	.encode()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
	let Some(ws) = common::endpoint() else { return };
	let args: Vec<String> = std::env::args().filter(|a| !a.starts_with("--")).collect();
	let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
	let concurrency: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(8);
	let rounds: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(5);
	let node = Node::connect(&ws).await;

	// 1. Accepted submissions per second with the chain's simulation.
	let chain = Arc::new(NodeChain::connect(&ws, dev::ferdie(), 32).await.unwrap());
	let dir = common::scratch("bench-accept");
	let db = Db::open(&dir.join("db.sqlite")).unwrap();
	db.check_genesis(chain.domain().genesis_hash).await.unwrap();
	let metrics = Arc::new(Metrics::new().unwrap());
	let cfg =
		EngineConfig { min_profit: 1, tasks: Tasks::Only(vec![]), tick: Duration::from_secs(3600) };
	let (_engine, handle) = Engine::new(chain.clone(), db.clone(), cfg, metrics.clone());
	let limits = Limits { max_waiting_per_signer: u32::MAX, ..Limits::default() };
	let state = AppState::new(chain.clone(), db, handle, limits, 1, metrics);
	let now = node.now().await;
	let signer = dev::bob();
	eprintln!("signing {n} bundles...");
	let mut bodies = Vec::new();
	for i in 0..n {
		let calls = node.remark_calls(format!("bench {i}").as_bytes()).await;
		let bytes = node.bundle(&signer, now, rising(10 * MILLI_UNIT, 30), calls);
		bodies.push(
			serde_json::json!({ "txn": format!("0x{}", hex::encode(bytes)) })
				.to_string()
				.into_bytes(),
		);
	}
	let start = Instant::now();
	let accepted = shared::post_all(&state, bodies, concurrency).await.unwrap();
	let secs = start.elapsed().as_secs_f64();
	println!(
		"with the chain's simulation: accepted {accepted}/{n} in {secs:.2} s: {:.1} accepted submissions/s ({concurrency} concurrent)",
		accepted as f64 / secs
	);

	// 2. From the block that makes a bundle pay to the daemon's extrinsic in a block.
	let mut daemon = Daemon::new("bench-latency", &ws, 1, "[]");
	node.fund(daemon.account, 100 * UNIT).await;
	daemon.start().await;
	let signer = dev::charlie();
	let mut latencies = Vec::new();
	for round in 0..rounds {
		let now = node.now().await;
		let calls = node.remark_calls(format!("latency {round}").as_bytes()).await;
		let bytes = node.bundle(&signer, now, rising(10 * MILLI_UNIT, 1), calls);
		let (code, v) = daemon.post(&bytes).await.unwrap();
		assert_eq!((code, v["status"].as_str()), (200, Some("waiting")), "{v}");
		let until = v["wait_until"].as_u64().unwrap();
		// Blocks until the one whose time reaches `until`; the clock starts when it is built.
		while node.now().await < until {
			node.new_blocks(1).await;
		}
		let profitable = Instant::now();
		loop {
			let status = daemon.status(&bytes).await;
			if status == "in_block" || status == "finalized" {
				break;
			}
			assert!(profitable.elapsed() < Duration::from_secs(120), "stuck {status}");
			tokio::time::sleep(Duration::from_millis(20)).await;
		}
		let latency = profitable.elapsed().as_secs_f64();
		println!("round {round}: profitable -> in block in {latency:.2} s");
		latencies.push(latency);
	}
	latencies.sort_by(|a, b| a.total_cmp(b));
	if let (Some(min), Some(max)) = (latencies.first(), latencies.last()) {
		println!(
			"profitable -> in block: median {:.2} s, min {min:.2} s, max {max:.2} s over {rounds} rounds (daemon tick 2 s)",
			latencies[latencies.len() / 2]
		);
	}
}
