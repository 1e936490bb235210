//! The HTTP API, the state machine and the engine against the in-memory chain: no node needed.

use axum::{body::Body, http::Request};
use codec::Encode;
use pollinator::{
	api::{router, AppState, BundleView},
	bundle::build::Unsigned,
	chain::Chain,
	config::{Limits, Tasks},
	db::Db,
	engine::{Engine, EngineConfig},
	fake::{FakeChain, FakeTask, World, DOMAIN},
	metrics::Metrics,
	state::State,
};
use power_primitives::fee::{FeeEntry, FeePolicy, TimeUnit};
use std::{
	path::{Path, PathBuf},
	sync::{Arc, Mutex},
	time::Duration,
};
use subxt_signer::sr25519::{dev, Keypair};
use tower::ServiceExt;

const T0: u64 = 1_800_000_000;
const MIN_PROFIT: u128 = 50;

struct Daemon {
	chain: Arc<FakeChain>,
	app: axum::Router,
	task: tokio::task::JoinHandle<()>,
	db: Db,
}

fn temp_db(name: &str) -> PathBuf {
	let dir = std::env::temp_dir().join(format!("pollinator-it-{}-{name}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).unwrap();
	dir.join("db.sqlite")
}

fn start(
	world: &Arc<Mutex<World>>,
	relayer: u8,
	db_path: &Path,
	limits: Limits,
	tasks: Tasks,
) -> Daemon {
	let chain = Arc::new(FakeChain::new(world.clone(), [relayer; 32], 1_000_000));
	let db = Db::open(db_path).unwrap();
	let metrics = Arc::new(Metrics::new().unwrap());
	let cfg = EngineConfig { min_profit: MIN_PROFIT, tasks, tick: Duration::from_millis(10) };
	let (engine, handle) = Engine::new(chain.clone(), db.clone(), cfg, metrics.clone());
	let task = tokio::spawn(engine.run());
	let state = AppState::new(chain.clone(), db.clone(), handle, limits, MIN_PROFIT, metrics);
	Daemon { chain, app: router(state), task, db }
}

fn limits() -> Limits {
	Limits { requests_per_second: 10_000, burst: 10_000, ..Limits::default() }
}

fn policy(entries: Vec<FeeEntry>) -> Vec<u32> {
	FeePolicy::new(entries).unwrap().encode()
}

/// 200 from the start, expired after 10 minutes.
fn paying() -> Vec<u32> {
	policy(vec![FeeEntry::fee(200), FeeEntry::invalid().after(10, TimeUnit::Minute).unwrap()])
}

fn bundle(key: &Keypair, create_time: u64, fees: Vec<u32>, calls: Vec<Vec<u8>>) -> Vec<u8> {
	Unsigned { signer: key.public_key().0, create_time, fees, calls: calls.encode() }
		.sign_sr25519(key, &DOMAIN)
}

fn nth(key: &Keypair, n: u64) -> Vec<u8> {
	bundle(key, T0 - n, paying(), vec![n.to_le_bytes().to_vec()])
}

async fn post(app: &axum::Router, bytes: &[u8]) -> (u16, serde_json::Value) {
	let body = serde_json::json!({ "txn": format!("0x{}", hex::encode(bytes)) }).to_string();
	raw_post(app, body).await
}

async fn raw_post(app: &axum::Router, body: String) -> (u16, serde_json::Value) {
	let request = Request::post("/api/v1/payafter")
		.header("content-type", "application/json")
		.header("origin", "https://wallet.example")
		.body(Body::from(body))
		.unwrap();
	let response = app.clone().oneshot(request).await.unwrap();
	let status = response.status().as_u16();
	assert!(response.headers().contains_key("access-control-allow-origin"), "CORS on every answer");
	let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
	(status, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

async fn get(app: &axum::Router, path: &str) -> (u16, String) {
	let response =
		app.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
	let status = response.status().as_u16();
	let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
	(status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn list(app: &axum::Router, key: &Keypair) -> Vec<BundleView> {
	let (status, body) = get(
		app,
		&format!("/api/v1/address-payafters/{}", pollinator::keys::ss58(&key.public_key().0)),
	)
	.await;
	assert_eq!(status, 200, "{body}");
	serde_json::from_str(&body).unwrap()
}

fn block(world: &Arc<Mutex<World>>) {
	world.lock().unwrap().produce_block(6);
}

/// Produces blocks until `done` holds (the engine ticks every 10 ms).
async fn until(world: &Arc<Mutex<World>>, mut done: impl AsyncFnMut() -> bool) {
	for _ in 0..400 {
		if done().await {
			return;
		}
		tokio::time::sleep(Duration::from_millis(25)).await;
		block(world);
	}
	panic!("condition not reached");
}

fn status(v: &serde_json::Value) -> &str {
	v["status"].as_str().unwrap_or("")
}

#[tokio::test]
async fn a_paying_bundle_is_executed_at_once_and_finalized() {
	let world = World::new(T0);
	let d = start(&world, 1, &temp_db("paying"), limits(), Tasks::Only(vec![]));
	let alice = dev::alice();
	let bytes = nth(&alice, 0);
	let (code, v) = post(&d.app, &bytes).await;
	assert_eq!(code, 200, "{v}");
	assert_eq!(status(&v), "submitting", "{v}");
	let txid = v["txid"].as_str().unwrap().to_string();
	assert!(v["data_hash"].as_str().unwrap().starts_with("0x"));
	assert_eq!(v["create_time"], T0);
	// Re-posting returns the same record.
	let (code, again) = post(&d.app, &bytes).await;
	assert_eq!((code, again["txid"].as_str()), (200, Some(txid.as_str())));
	until(&world, async || list(&d.app, &alice).await[0].status == "finalized").await;
	{
		let w = world.lock().unwrap();
		assert_eq!(w.included.len(), 1);
		assert!(w.included[0].ok);
		assert_eq!(format!("0x{}", hex::encode(w.included[0].tx_hash)), txid);
	}
	let (code, metrics) = get(&d.app, "/metrics").await;
	assert_eq!(code, 200);
	assert!(metrics.contains("pollinator_bundles{state=\"finalized\"} 1"), "{metrics}");
	assert!(metrics.contains("pollinator_fees_earned_planck 200"), "{metrics}");
	assert!(metrics.contains("pollinator_best_block"));
	let (code, health) = get(&d.app, "/health").await;
	assert_eq!(code, 200);
	assert!(health.contains("\"status\":\"ok\""));
	d.task.abort();
}

#[tokio::test]
async fn a_rising_fee_waits_and_runs_when_it_pays() {
	let world = World::new(T0);
	let d = start(&world, 1, &temp_db("rising"), limits(), Tasks::Only(vec![]));
	let bob = dev::bob();
	// 10 at first (less than fee 100 + profit 50), 1 000 after 10 minutes: 150 at 84 s.
	let fees = policy(vec![
		FeeEntry::fee(10),
		FeeEntry::fee(1_000).after(10, TimeUnit::Minute).unwrap(),
		FeeEntry::invalid().after(1, TimeUnit::Hour).unwrap(),
	]);
	let (code, v) = post(&d.app, &bundle(&bob, T0, fees, vec![b"x".to_vec()])).await;
	assert_eq!(code, 200, "{v}");
	assert_eq!(status(&v), "waiting");
	let wait_until = v["wait_until"].as_u64().unwrap();
	// f(t) = 10 + 990 t / 600 >= 150 at t = 84.85 -> 85.
	assert_eq!(wait_until, T0 + 85);
	tokio::time::sleep(Duration::from_millis(100)).await;
	assert!(world.lock().unwrap().broadcasts.is_empty(), "not before it pays");
	until(&world, async || list(&d.app, &bob).await[0].status == "finalized").await;
	let w = world.lock().unwrap();
	assert!(w.now >= T0 + 85);
	assert_eq!(w.included.len(), 1);
	d.task.abort();
}

#[tokio::test]
async fn bad_input_gets_clear_json_errors() {
	let world = World::new(T0);
	let d = start(&world, 1, &temp_db("errors"), limits(), Tasks::Only(vec![]));
	let alice = dev::alice();

	// Garbage, bad JSON, bad hex, an empty body.
	for body in
		["nonsense", "{}", "{\"txn\": \"0xzz\"}", "{\"txn\": \"1234\"}", "{\"txn\": \"0x00\"}", ""]
	{
		let (code, v) = raw_post(&d.app, body.to_string()).await;
		assert_eq!(code, 400, "{body}: {v}");
		assert!(v["error"].as_array().is_some_and(|e| !e.is_empty()), "{v}");
		assert!(v.get("data_hash").is_none());
	}
	// A bad signature: a transaction error with the id.
	let mut bad = nth(&alice, 1);
	let last = bad.len() - 1;
	bad[last] ^= 1;
	let (code, v) = post(&d.app, &bad).await;
	assert_eq!(code, 400);
	assert_eq!(v["error"][0], "bad signature");
	assert!(v["data_hash"].is_string() && v["create_time"].is_u64());
	// Never pays enough: 120 < 100 + 50.
	let cheap = bundle(
		&alice,
		T0,
		policy(vec![FeeEntry::fee(120), FeeEntry::invalid().after(10, TimeUnit::Minute).unwrap()]),
		vec![],
	);
	let (code, v) = post(&d.app, &cheap).await;
	assert_eq!(code, 400);
	assert_eq!(v["error"][0], "never pays enough", "{v}");
	// Expired, and expiring within a minute.
	let old = bundle(&alice, T0 - 700, paying(), vec![]);
	let (code, v) = post(&d.app, &old).await;
	assert_eq!((code, v["error"][0].as_str()), (400, Some("expired")), "{v}");
	let soon = bundle(&alice, T0 - 570, paying(), vec![]);
	let (code, v) = post(&d.app, &soon).await;
	assert_eq!(code, 400);
	assert!(v["error"][0].as_str().unwrap().contains("expires within 60 seconds"), "{v}");
	// Its calls fail: the chain's error.
	let failing = bundle(&alice, T0, paying(), vec![b"fail".to_vec()]);
	let (code, v) = post(&d.app, &failing).await;
	assert_eq!(code, 400);
	assert_eq!(v["error"][1], "Assets::BalanceLow");
	// A replay: executed by someone else before it reached us.
	let replay = nth(&alice, 2);
	let b = pollinator::bundle::Bundle::decode(&replay, &pollinator::fake::FakeCalls).unwrap();
	let hash = b.verify(&DOMAIN).unwrap();
	world
		.lock()
		.unwrap()
		.remembered
		.insert((alice.public_key().0, hash), (pollinator::state::Remembered::Executed, 1));
	let (code, v) = post(&d.app, &replay).await;
	assert_eq!(code, 400);
	assert_eq!(v["error"][0], "already executed (a replay)");
	// Bad addresses, unknown routes.
	assert_eq!(get(&d.app, "/api/v1/address-payafters/nope").await.0, 400);
	assert_eq!(get(&d.app, "/nope").await.0, 404);
	// Nothing refused was stored.
	assert!(list(&d.app, &alice).await.is_empty());
	d.task.abort();
}

#[tokio::test]
async fn limits_answer_in_json() {
	let world = World::new(T0);
	let strict = Limits {
		requests_per_second: 1,
		burst: 3,
		max_body_bytes: 1_000,
		max_waiting_per_signer: 2,
		..Limits::default()
	};
	let d = start(&world, 1, &temp_db("limits"), strict, Tasks::Only(vec![]));
	let (code, v) = raw_post(&d.app, format!("{{\"txn\": \"0x{}\"}}", "00".repeat(1_000))).await;
	assert_eq!(code, 413, "{v}");
	assert!(v["error"].is_array());
	let mut codes = Vec::new();
	for _ in 0..5 {
		codes.push(get(&d.app, "/health").await.0);
	}
	assert_eq!(codes, vec![200, 200, 429, 429, 429]);
	d.task.abort();

	// Bundles waiting per signer.
	let d = start(
		&world,
		2,
		&temp_db("limits2"),
		Limits { max_waiting_per_signer: 2, ..limits() },
		Tasks::Only(vec![]),
	);
	world.lock().unwrap().down = false;
	let eve = dev::eve();
	let later = |n: u8| {
		bundle(
			&eve,
			T0,
			policy(vec![
				FeeEntry::fee(10),
				FeeEntry::fee(1_000).after(10, TimeUnit::Minute).unwrap(),
			]),
			vec![vec![n]],
		)
	};
	assert_eq!(post(&d.app, &later(1)).await.0, 200);
	assert_eq!(post(&d.app, &later(2)).await.0, 200);
	let (code, v) = post(&d.app, &later(3)).await;
	assert_eq!(code, 429, "{v}");
	d.task.abort();
}

#[tokio::test]
async fn pages_are_newest_first() {
	let world = World::new(T0);
	let d = start(&world, 1, &temp_db("pages"), limits(), Tasks::Only(vec![]));
	let charlie = dev::charlie();
	let rising = |n: u8| {
		bundle(
			&charlie,
			T0,
			policy(vec![
				FeeEntry::fee(10),
				FeeEntry::fee(1_000).after(10, TimeUnit::Minute).unwrap(),
			]),
			vec![vec![n]],
		)
	};
	let mut hashes = Vec::new();
	for n in 0..5 {
		let (_, v) = post(&d.app, &rising(n)).await;
		hashes.push(v["data_hash"].as_str().unwrap().to_string());
	}
	let address = format!("0x{}", hex::encode(charlie.public_key().0));
	let (_, body) =
		get(&d.app, &format!("/api/v1/address-payafters/{address}?limit=2&offset=1")).await;
	let page: Vec<BundleView> = serde_json::from_str(&body).unwrap();
	assert_eq!(
		page.iter().map(|v| v.data_hash.clone().unwrap()).collect::<Vec<_>>(),
		vec![hashes[3].clone(), hashes[2].clone()]
	);
	d.task.abort();
}

/// Counts, per bundle, how often the chain ran it and how many extrinsics failed.
fn chain_outcome(world: &Arc<Mutex<World>>) -> (std::collections::HashMap<[u8; 32], usize>, usize) {
	let w = world.lock().unwrap();
	let mut runs = std::collections::HashMap::new();
	let mut failed = 0;
	for inc in &w.included {
		if inc.ok {
			*runs.entry(inc.bundle.unwrap()).or_insert(0) += 1;
		} else {
			failed += 1;
		}
	}
	(runs, failed)
}

#[tokio::test]
async fn crashes_in_the_middle_of_a_load_lose_nothing_and_send_nothing_twice() {
	let world = World::new(T0);
	let path = temp_db("crash");
	let key = dev::ferdie();
	let n = 60u64;
	let mut accepted = Vec::new();
	let mut d = start(
		&world,
		1,
		&path,
		Limits { max_waiting_per_signer: 1_000, ..limits() },
		Tasks::Only(vec![]),
	);
	for i in 0..n {
		// Broadcasts whose answer is lost (the extrinsic is in the pool, the engine does not
		// know), then broadcasts lost on the way, then a crash: the engine is aborted at
		// whatever await it is in and every handle dropped, then a new daemon opens the same
		// database.
		{
			let mut w = world.lock().unwrap();
			w.lose_broadcast_replies = (5..9).contains(&(i % 15));
			w.drop_broadcasts = (9..13).contains(&(i % 15));
		}
		if i % 15 == 14 {
			d.task.abort();
			drop(d);
			block(&world);
			d = start(
				&world,
				1,
				&path,
				Limits { max_waiting_per_signer: 1_000, ..limits() },
				Tasks::Only(vec![]),
			);
		}
		let (code, v) = post(&d.app, &nth(&key, i)).await;
		assert_eq!(code, 200, "{v}");
		accepted.push(v["data_hash"].as_str().unwrap().to_string());
		if i % 4 == 0 {
			block(&world);
		}
	}
	{
		let mut w = world.lock().unwrap();
		w.lose_broadcast_replies = false;
		w.drop_broadcasts = false;
	}
	let app = d.app.clone();
	until(&world, async || {
		let all = list_all(&app, &key).await;
		all.iter().all(|v| {
			matches!(
				v.status.as_str(),
				"finalized" | "failed" | "expired" | "executed_by_other" | "killed"
			)
		})
	})
	.await;
	let all = list_all(&d.app, &key).await;
	assert_eq!(all.len(), accepted.len(), "every accepted bundle is stored");
	assert!(all.iter().all(|v| v.status == "finalized"), "{all:?}");
	let (runs, failed) = chain_outcome(&world);
	assert_eq!(runs.len(), accepted.len());
	assert!(runs.values().all(|&c| c == 1));
	assert_eq!(failed, 0, "no extrinsic of ours failed: none was sent twice");
	d.task.abort();
}

async fn list_all(app: &axum::Router, key: &Keypair) -> Vec<BundleView> {
	let address = pollinator::keys::ss58(&key.public_key().0);
	let (_, body) = get(app, &format!("/api/v1/address-payafters/{address}?limit=200")).await;
	serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn two_daemons_run_each_bundle_once_and_the_loser_pays_nothing() {
	let world = World::new(T0);
	let a = start(&world, 1, &temp_db("two-a"), limits(), Tasks::Only(vec![]));
	let b = start(&world, 2, &temp_db("two-b"), limits(), Tasks::Only(vec![]));
	let key = dev::dave();
	for i in 0..20 {
		let bytes = nth(&key, i);
		let (first, second) = if i % 2 == 0 { (&a, &b) } else { (&b, &a) };
		assert_eq!(post(&first.app, &bytes).await.0, 200);
		let (code, v) = post(&second.app, &bytes).await;
		// The second either stores it (then loses the race) or already sees it executed.
		assert!(code == 200 || v["error"][0] == "already executed (a replay)", "{v}");
		if i % 3 == 0 {
			block(&world);
		}
	}
	let (appa, appb) = (a.app.clone(), b.app.clone());
	until(&world, async || {
		let done = |v: &Vec<BundleView>| {
			v.iter().all(|v| matches!(v.status.as_str(), "finalized" | "executed_by_other"))
		};
		done(&list_all(&appa, &key).await) && done(&list_all(&appb, &key).await)
	})
	.await;
	let (runs, failed) = chain_outcome(&world);
	assert_eq!(runs.len(), 20);
	assert!(runs.values().all(|&c| c == 1));
	assert_eq!(failed, 0, "the loser's extrinsic never landed: it paid nothing");
	let w = world.lock().unwrap();
	let net = |r: u8| w.accounts[&[r; 32]].1 as i128 - 1_000_000;
	let ran = |r: u8| w.included.iter().filter(|i| i.sender == [r; 32]).count() as i128;
	// Each paid the fee (100) of exactly what it ran and earned its 200: nothing for the rest.
	assert_eq!(ran(1) + ran(2), 20);
	assert_eq!(net(1), ran(1) * 100);
	assert_eq!(net(2), ran(2) * 100);
	drop(w);
	a.task.abort();
	b.task.abort();
}

#[tokio::test]
async fn a_periodic_task_is_dispatched_when_profitable_and_not_before() {
	let world = World::new(T0);
	// 5 per second: 150 (fee 100 + profit 50) after 30 s.
	world.lock().unwrap().tasks.insert(7, FakeTask { pay_per_sec: 5, last_run: T0, cycle: 0 });
	let d = start(&world, 1, &temp_db("task"), limits(), Tasks::All);
	for _ in 0..4 {
		// 24 s: 120, not enough.
		block(&world);
		tokio::time::sleep(Duration::from_millis(60)).await;
	}
	assert!(world.lock().unwrap().broadcasts.is_empty(), "not before it pays");
	block(&world);
	let db = d.db.clone();
	until(&world, async || {
		db.task_attempts(10).await.unwrap().iter().any(|t| t.outcome == "dispatched")
	})
	.await;
	let attempts = d.db.task_attempts(10).await.unwrap();
	let first = attempts.iter().find(|t| t.outcome == "dispatched").unwrap();
	assert_eq!(first.task, 7);
	assert_eq!(first.min_nectar, 150);
	assert!(first.payable >= 150);
	let w = world.lock().unwrap();
	assert!(w.tasks[&7].cycle >= 1);
	assert!(w.included.iter().all(|i| i.ok));
	drop(w);
	d.task.abort();
}

#[tokio::test]
async fn a_killed_bundle_ends_killed() {
	let world = World::new(T0);
	let d = start(&world, 1, &temp_db("killed"), limits(), Tasks::Only(vec![]));
	let key = dev::alice();
	let bytes = bundle(
		&key,
		T0,
		policy(vec![FeeEntry::fee(10), FeeEntry::fee(1_000).after(10, TimeUnit::Minute).unwrap()]),
		vec![],
	);
	let (_, v) = post(&d.app, &bytes).await;
	assert_eq!(status(&v), "waiting");
	let b = pollinator::bundle::Bundle::decode(&bytes, &pollinator::fake::FakeCalls).unwrap();
	world.lock().unwrap().kill(key.public_key().0, b.verify(&DOMAIN).unwrap());
	until(&world, async || list(&d.app, &key).await[0].status == "killed").await;
	assert_eq!(list(&d.app, &key).await[0].error.as_ref().unwrap()[0], "killed by its signer");
	let _ = d.chain.relayer();
	d.task.abort();
}

#[test]
fn the_state_names_are_the_api_statuses() {
	for s in State::ALL {
		assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
	}
}

#[tokio::test]
async fn expired_entries_of_the_signer_are_cleaned_for_their_deposits() {
	let world = World::new(T0);
	let d = start(&world, 1, &temp_db("expired"), limits(), Tasks::Only(vec![]));
	let key = dev::ferdie();
	let signer = key.public_key().0;
	{
		let mut w = world.lock().unwrap();
		// Two old entries of the signer past their expiry, one not yet, one of someone else.
		w.remember_executed(signer, [1; 32], T0 - 60);
		w.remember_executed(signer, [2; 32], T0);
		w.remember_executed(signer, [3; 32], T0 + 3_600);
		w.remember_executed([7; 32], [4; 32], T0 - 60);
	}
	let bytes = nth(&key, 1);
	let (code, v) = post(&d.app, &bytes).await;
	assert_eq!(code, 200, "{v}");
	let app = d.app.clone();
	until(&world, async || status(&post(&app, &bytes).await.1) == "finalized").await;
	let w = world.lock().unwrap();
	assert!(!w.remembered.contains_key(&(signer, [1; 32])), "cleaned");
	assert!(!w.remembered.contains_key(&(signer, [2; 32])), "cleaned");
	assert!(w.remembered.contains_key(&(signer, [3; 32])), "not expired: kept");
	assert!(w.remembered.contains_key(&([7; 32], [4; 32])), "another signer's: kept");
	assert_eq!(w.included.len(), 1);
	assert!(w.included[0].ok);
	// Earned the fee (200) and two deposits (2 × 30), paid the fee (100) and two cleanings
	// (2 × 5).
	assert_eq!(w.accounts[&[1; 32]].1, 1_000_000 + 200 + 60 - 100 - 10);
	drop(w);
	d.task.abort();
}

#[tokio::test]
async fn expired_entries_are_not_cleaned_when_they_cost_more_than_they_pay() {
	let world = World::new(T0);
	let d = start(&world, 1, &temp_db("expired-costly"), limits(), Tasks::Only(vec![]));
	let key = dev::ferdie();
	let signer = key.public_key().0;
	{
		let mut w = world.lock().unwrap();
		w.clean_fee = 40; // more than the deposit (30)
		w.remember_executed(signer, [1; 32], T0 - 60);
	}
	let bytes = nth(&key, 1);
	assert_eq!(post(&d.app, &bytes).await.0, 200);
	let app = d.app.clone();
	until(&world, async || status(&post(&app, &bytes).await.1) == "finalized").await;
	let w = world.lock().unwrap();
	assert!(w.remembered.contains_key(&(signer, [1; 32])), "left for a richer dispatch");
	assert_eq!(w.accounts[&[1; 32]].1, 1_000_000 + 200 - 100);
	drop(w);
	d.task.abort();
}

/// Our dispatch of `bytes` is signed at nonce 0 but lost on the way (alive, in no pool), then
/// another relayer runs the bundle in the next block.
async fn lose_a_race(world: &Arc<Mutex<World>>, app: &axum::Router, bytes: &[u8]) {
	world.lock().unwrap().drop_broadcasts = true;
	let (code, v) = post(app, bytes).await;
	assert_eq!(code, 200, "{v}");
	for _ in 0..100 {
		if status(&post(app, bytes).await.1) == "submitting" {
			break;
		}
		tokio::time::sleep(Duration::from_millis(20)).await;
	}
	assert_eq!(status(&post(app, bytes).await.1), "submitting");
	world.lock().unwrap().drop_broadcasts = false;
	let other = FakeChain::new(world.clone(), [2; 32], 1_000_000);
	let head = other.head().await.unwrap();
	let tx = other.sign_dispatch(bytes.to_vec(), vec![], 0, head).await.unwrap();
	other.broadcast(tx.tx_bytes).await.unwrap();
	block(world);
}

/// Whether the record of `bytes` in the store at `path` still tracks an unsettled attempt.
async fn unsettled(path: &Path, bytes: &[u8]) -> bool {
	let hash = pollinator::bundle::Bundle::decode(bytes, &pollinator::fake::FakeCalls)
		.unwrap()
		.verify(&DOMAIN)
		.unwrap();
	Db::open(path).unwrap().get(hash).await.unwrap().unwrap().unsettled
}

#[tokio::test]
async fn a_lost_race_costs_nothing_and_settles_when_our_dispatch_dies() {
	let world = World::new(T0);
	let path = temp_db("event-a");
	let a = start(&world, 1, &path, limits(), Tasks::Only(vec![]));
	let bytes = nth(&dev::eve(), 1);
	lose_a_race(&world, &a.app, &bytes).await;
	let start_block = world.lock().unwrap().best;
	// The record says at once that another relayer ran it.
	let app = a.app.clone();
	until(&world, async || status(&post(&app, &bytes).await.1) == "executed_by_other").await;
	assert!(world.lock().unwrap().best <= start_block + 2, "not shown at once");
	// Nothing else to send: no extrinsic of ours takes the nonce, and ours (8 blocks of life)
	// may still land until it dies, so our attempt stays tracked until then.
	assert!(unsettled(&path, &bytes).await, "our dispatch may still land");
	until(&world, async || !unsettled(&path, &bytes).await).await;
	let last = post(&a.app, &bytes).await.1;
	let w = world.lock().unwrap();
	assert!(w.best > start_block + 7, "settled at block {}: not before our dispatch died", w.best);
	assert_eq!(w.included.len(), 1);
	assert_eq!(w.included[0].sender, [2; 32]);
	assert_eq!(w.accounts[&[1; 32]], (0, 1_000_000), "we sent nothing that landed, paid nothing");
	drop(w);
	assert!(last["error"][1].is_null(), "no fee paid to report: {last}");
	a.task.abort();
}

#[tokio::test]
async fn the_next_bundle_takes_the_nonce_of_a_dispatch_another_relayer_made_useless() {
	let world = World::new(T0);
	let a = start(&world, 1, &temp_db("event-next"), limits(), Tasks::Only(vec![]));
	let key = dev::eve();
	let (x, y) = (nth(&key, 1), nth(&key, 2));
	lose_a_race(&world, &a.app, &x).await;
	// Let the engine see the race before the next bundle comes.
	tokio::time::sleep(Duration::from_millis(100)).await;
	assert_eq!(post(&a.app, &y).await.0, 200);
	let start_block = world.lock().unwrap().best;
	let app = a.app.clone();
	until(&world, async || status(&post(&app, &y).await.1) == "finalized").await;
	until(&world, async || status(&post(&app, &x).await.1) == "executed_by_other").await;
	let w = world.lock().unwrap();
	assert!(
		w.best - start_block < 8,
		"Y landed {} blocks later, not at X's death",
		w.best - start_block
	);
	// One extrinsic of ours: Y, at X's nonce 0. No no-op, nothing paid for X.
	let ours: Vec<_> = w.included.iter().filter(|i| i.sender == [1; 32]).collect();
	assert_eq!(ours.len(), 1, "{ours:?}");
	assert!(ours[0].ok && ours[0].bundle.is_some());
	assert_eq!(w.accounts[&[1; 32]].0, 1);
	drop(w);
	a.task.abort();
}

/// Chopsticks puts a received extrinsic in a block without listing it in its pool, and its pool
/// keeps no tags, so a relayer that lost the race may still see its dispatch land after the
/// winner's, fail and pay. The engine used to call it "executed by another, paid nothing" as
/// soon as the pool did not list it (and free its nonce); the blocks now decide.
async fn lost_race_while_the_node_builds_our_dispatch(crash: bool) {
	let world = World::new(T0);
	if crash {
		// A chain older than what one restart reads back.
		world.lock().unwrap().best = 400;
	}
	let path = temp_db(if crash { "building-crash" } else { "building" });
	let mut a = start(&world, 1, &path, limits(), Tasks::Only(vec![]));
	let key = dev::ferdie();
	let bytes = nth(&key, 7);
	{
		let mut w = world.lock().unwrap();
		w.no_tags = true;
		w.stalled.insert([1; 32]);
	}
	assert_eq!(post(&a.app, &bytes).await.0, 200);
	for _ in 0..100 {
		if world.lock().unwrap().broadcasts.iter().any(|(who, _)| *who == [1; 32]) {
			break;
		}
		tokio::time::sleep(Duration::from_millis(10)).await;
	}
	// Another relayer's dispatch of the same bundle lands first; ours is still being built.
	let other = FakeChain::new(world.clone(), [2; 32], 1_000_000);
	let head = other.head().await.unwrap();
	let tx = other.sign_dispatch(bytes.clone(), vec![], 0, head).await.unwrap();
	other.broadcast(tx.tx_bytes).await.unwrap();
	block(&world);
	// Long past "not in the pool for 10 ticks" (100 ms), with blocks that do not include ours.
	for _ in 0..4 {
		tokio::time::sleep(Duration::from_millis(100)).await;
		block(&world);
	}
	// The record says at once that another relayer ran it, and keeps our attempt tracked.
	let shown = post(&a.app, &bytes).await.1;
	assert_eq!(status(&shown), "executed_by_other", "{shown}");
	assert!(unsettled(&path, &bytes).await, "not settled while our dispatch may land: {shown}");
	if crash {
		// Killed: the engine stops at whatever await it is in (its handles go with the next
		// `start`).
		a.task.abort();
	}
	// The node finishes its block: our dispatch (received first) takes our nonce, and fails.
	world.lock().unwrap().stalled.clear();
	block(&world);
	if crash {
		// Down for 150 blocks: more than one step's reading (64), less than the 256 read back.
		for _ in 0..150 {
			block(&world);
		}
		a = start(&world, 1, &path, limits(), Tasks::Only(vec![]));
	}
	until(&world, async || !unsettled(&path, &bytes).await).await;
	let shown = post(&a.app, &bytes).await.1;
	assert_eq!(status(&shown), "executed_by_other", "{shown}");
	let w = world.lock().unwrap();
	let ours: Vec<_> = w.included.iter().filter(|i| i.sender == [1; 32]).collect();
	assert_eq!(ours.len(), 1, "one extrinsic of ours took the nonce: {ours:?}");
	assert_eq!((ours[0].bundle.is_some(), ours[0].ok), (true, false), "our dispatch, failed");
	assert_eq!(w.accounts[&[1; 32]], (1, 1_000_000 - w.extrinsic_fee));
	drop(w);
	let reported = shown["error"][1].as_str().unwrap_or("");
	assert!(reported.contains("failed and paid its fee"), "the record says what we paid: {shown}");
	a.task.abort();
}

#[tokio::test]
async fn a_lost_race_the_node_was_still_building_is_accounted_as_paid() {
	lost_race_while_the_node_builds_our_dispatch(false).await;
}

#[tokio::test]
async fn a_lost_race_that_lands_while_the_daemon_is_down_is_accounted_as_paid_after_restart() {
	lost_race_while_the_node_builds_our_dispatch(true).await;
}

#[tokio::test]
async fn an_extrinsic_the_node_dropped_is_broadcast_again_and_does_not_jam_the_nonce() {
	let world = World::new(T0);
	let d = start(&world, 1, &temp_db("evicted"), limits(), Tasks::Only(vec![]));
	let key = dev::charlie();
	let bundles: Vec<Vec<u8>> = (0..3).map(|i| nth(&key, i)).collect();
	for b in &bundles {
		assert_eq!(post(&d.app, b).await.0, 200);
	}
	for _ in 0..100 {
		if world.lock().unwrap().pool_len() == 3 {
			break;
		}
		tokio::time::sleep(Duration::from_millis(20)).await;
	}
	// The node loses all three (valid, alive, nonces 0..2) before any block.
	world.lock().unwrap().evict_pool();
	let app = d.app.clone();
	let start = world.lock().unwrap().best;
	until(&world, async || {
		let mut all = true;
		for b in &bundles {
			all &= status(&post(&app, b).await.1) == "finalized";
		}
		all
	})
	.await;
	let (runs, failed) = chain_outcome(&world);
	let w = world.lock().unwrap();
	assert!(
		w.best - start < 8,
		"landed {} blocks later: before the attempts' mortality (8), not by re-signing",
		w.best - start
	);
	assert_eq!(runs.len(), 3);
	assert!(runs.values().all(|&c| c == 1));
	assert_eq!(failed, 0);
	assert_eq!(w.accounts[&[1; 32]].0, 3, "three extrinsics: the same ones, sent again");
	drop(w);
	d.task.abort();
}

#[tokio::test]
async fn a_nonce_freed_below_live_attempts_is_filled_and_does_not_jam_them() {
	let world = World::new(T0);
	let a = start(&world, 1, &temp_db("gap"), limits(), Tasks::Only(vec![]));
	let key = dev::dave();
	let (x, y) = (nth(&key, 1), nth(&key, 2));
	// X's broadcast is lost (nonce 0, alive, in no pool); Y goes out at nonce 1 behind it.
	world.lock().unwrap().drop_broadcasts = true;
	assert_eq!(post(&a.app, &x).await.0, 200);
	let app = a.app.clone();
	for _ in 0..100 {
		if status(&post(&app, &x).await.1) == "submitting" {
			break;
		}
		tokio::time::sleep(Duration::from_millis(20)).await;
	}
	world.lock().unwrap().drop_broadcasts = false;
	assert_eq!(post(&a.app, &y).await.0, 200);
	for _ in 0..100 {
		if world.lock().unwrap().pool_len() == 1 {
			break;
		}
		tokio::time::sleep(Duration::from_millis(20)).await;
	}
	// Another relayer runs X: our X can only fail now, so a no-op takes its nonce 0, below Y's 1.
	let other = FakeChain::new(world.clone(), [2; 32], 1_000_000);
	let head = other.head().await.unwrap();
	let tx = other.sign_dispatch(x.clone(), vec![], 0, head).await.unwrap();
	other.broadcast(tx.tx_bytes).await.unwrap();
	let start = world.lock().unwrap().best;
	until(&world, async || status(&post(&app, &y).await.1) == "finalized").await;
	assert_eq!(status(&post(&app, &x).await.1), "executed_by_other");
	let w = world.lock().unwrap();
	assert!(
		w.best - start < 8,
		"Y landed {} blocks later: before its mortality (8)",
		w.best - start
	);
	// Our two extrinsics: the no-op at nonce 0 and Y at nonce 1; X was never sent twice.
	assert_eq!(w.accounts[&[1; 32]].0, 2);
	let ours: Vec<_> = w.included.iter().filter(|i| i.sender == [1; 32]).collect();
	assert_eq!(ours.len(), 2);
	assert_eq!(ours.iter().filter(|i| i.bundle.is_some()).count(), 1);
	drop(w);
	a.task.abort();
}

/// Two keepers on one task, on a node whose pool keeps no tags (chopsticks): both dispatches of a
/// cycle reach a block, the first runs the task and is paid, the second fails and pays its fee.
/// Each keeper must record what its own extrinsic did, not what the task's cycle count says.
#[tokio::test]
async fn two_keepers_on_one_task_each_record_what_their_own_dispatch_did() {
	let world = World::new(T0);
	{
		let mut w = world.lock().unwrap();
		w.no_tags = true;
		// 10 per second: 300 after 30 s, well above fee (100) + profit (50).
		w.tasks.insert(7, FakeTask { pay_per_sec: 10, last_run: T0 - 30, cycle: 0 });
		// Both keepers' dispatches wait in the pool until both are there.
		w.stalled.insert([1; 32]);
		w.stalled.insert([2; 32]);
	}
	let a = start(&world, 1, &temp_db("keepers-a"), limits(), Tasks::All);
	let b = start(&world, 2, &temp_db("keepers-b"), limits(), Tasks::All);
	for _ in 0..200 {
		if world.lock().unwrap().pool_len() == 2 {
			break;
		}
		tokio::time::sleep(Duration::from_millis(10)).await;
	}
	assert_eq!(world.lock().unwrap().pool_len(), 2, "both keepers dispatched cycle 0");
	world.lock().unwrap().stalled.clear();
	// One block takes both: one runs the task, the other fails. Then the task pays nothing more,
	// so no keeper dispatches it again.
	block(&world);
	world.lock().unwrap().tasks.get_mut(&7).unwrap().pay_per_sec = 0;
	let (dba, dbb) = (a.db.clone(), b.db.clone());
	until(&world, async || {
		let settled = |v: Vec<pollinator::db::TaskAttempt>| {
			!v.is_empty() && v.iter().all(|t| t.outcome != "live")
		};
		settled(dba.task_attempts(10).await.unwrap())
			&& settled(dbb.task_attempts(10).await.unwrap())
	})
	.await;
	let winner = {
		let w = world.lock().unwrap();
		let ok: Vec<_> =
			w.included.iter().filter(|i| i.bundle.is_none()).map(|i| (i.sender, i.ok)).collect();
		assert_eq!(ok.len(), 2, "{ok:?}");
		assert_eq!(w.tasks[&7].cycle, 1, "the task ran once");
		ok.iter().find(|(_, ok)| *ok).unwrap().0
	};
	for (d, who) in [(&a, [1u8; 32]), (&b, [2u8; 32])] {
		let outcomes: Vec<_> =
			d.db.task_attempts(10)
				.await
				.unwrap()
				.into_iter()
				.map(|t| (t.cycle, t.outcome))
				.collect();
		let expected = if who == winner { "dispatched" } else { "failed" };
		assert_eq!(outcomes, vec![(0, expected.to_string())], "keeper {}", who[0]);
	}
	a.task.abort();
	b.task.abort();
}
