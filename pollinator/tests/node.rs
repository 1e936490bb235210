//! The daemon against a real chain: runs only when `POLLINATOR_IT_WS` names the WebSocket of a
//! chain running this runtime's `development` preset (chopsticks: `scripts/pollinator-it.sh`).
//! Without it every test returns at once, and says so.
//!
//! The first test drives the library in-process; the others run the real `pollinate` binary as
//! child processes (kill -9, two daemons, periodic tasks, expired entries) and check on chain.

mod common;

use axum::{body::Body, http::Request};
use codec::Encode;
use pollinator::{
	api::{router, AppState},
	bundle::{build::Unsigned, MultiSignature},
	chain::{At, Chain},
	config::{Limits, Tasks},
	db::Db,
	engine::{Engine, EngineConfig},
	metrics::Metrics,
	node::NodeChain,
};
use power_primitives::fee::{FeeEntry, FeePolicy, TimeUnit};
use std::{sync::Arc, time::Duration};
use subxt::dynamic::Value;
use subxt_signer::sr25519::dev;
use tower::ServiceExt;

const MILLI_UNIT: u128 = 1_000_000_000;

/// The bytes of a value made of bytes, however nested (an `AccountId32` is a composite of one
/// composite of 32 `u8`s).
fn value_bytes(v: &Value) -> Vec<u8> {
	use subxt::ext::scale_value::ValueDef;
	match &v.value {
		ValueDef::Composite(c) => c.values().flat_map(value_bytes).collect(),
		_ => v.as_u128().and_then(|n| u8::try_from(n).ok()).into_iter().collect(),
	}
}

use common::endpoint;

async fn post(app: &axum::Router, bytes: &[u8]) -> (u16, serde_json::Value) {
	let body = serde_json::json!({ "txn": format!("0x{}", hex::encode(bytes)) }).to_string();
	let request = Request::post("/api/v1/payafter").body(Body::from(body)).unwrap();
	let response = app.clone().oneshot(request).await.unwrap();
	let status = response.status().as_u16();
	let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
	(status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test]
async fn relays_a_real_bundle_and_refuses_the_bad_ones() {
	let Some(ws) = endpoint() else { return };
	// Bob relays; Alice signs bundles.
	let chain = Arc::new(NodeChain::connect(&ws, dev::bob(), 32).await.unwrap());
	let (_, balance) = chain.account(At::Best).await.unwrap();
	assert!(balance > 0, "Bob is funded in the development preset");
	let dir = std::env::temp_dir().join(format!("pollinator-node-it-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	let db = Db::open(&dir.join("db.sqlite")).unwrap();
	db.check_genesis(chain.domain().genesis_hash).await.unwrap();
	let metrics = Arc::new(Metrics::new().unwrap());
	let cfg = EngineConfig {
		min_profit: 1,
		tasks: Tasks::Only(vec![]),
		tick: Duration::from_millis(500),
	};
	let (engine, handle) = Engine::new(chain.clone(), db.clone(), cfg, metrics.clone());
	let engine = tokio::spawn(engine.run());
	let app =
		router(AppState::new(chain.clone(), db.clone(), handle, Limits::default(), 1, metrics));

	let alice = dev::alice();
	let now = chain.head().await.unwrap().now;
	let remark = chain
		.encode_call(
			"System",
			"remark",
			subxt::ext::scale_value::Composite::unnamed([Value::from_bytes(b"pollinator-it")]),
		)
		.await
		.unwrap();
	let calls = {
		let mut v = codec::Compact(1u32).encode();
		v.extend(remark);
		v
	};
	let sign = |fees: Vec<u32>, create_time: u64| {
		let unsigned =
			Unsigned { signer: alice.public_key().0, create_time, fees, calls: calls.clone() };
		let sig = alice.sign(&unsigned.payload(&chain.domain()));
		unsigned.encode_with(&MultiSignature::Sr25519(sig.0))
	};
	let paying = FeePolicy::new(vec![
		FeeEntry::fee(10 * MILLI_UNIT),
		FeeEntry::invalid().after(10, TimeUnit::Minute).unwrap(),
	])
	.unwrap()
	.encode();

	// A bundle paying enough is submitted at once and lands.
	let good = sign(paying.clone(), now.saturating_sub(5));
	let (code, v) = post(&app, &good).await;
	assert_eq!(code, 200, "{v}");
	// Submitted at once, or (a slow node: the answer does not wait more than 5 s for the
	// engine) waiting with nothing left to wait for.
	let now_or_before = v["wait_until"].as_u64().is_some_and(|t| t <= now + 6);
	assert!(v["status"] == "submitting" || (v["status"] == "waiting" && now_or_before), "{v}");
	let mut last = serde_json::Value::Null;
	for _ in 0..60 {
		tokio::time::sleep(Duration::from_millis(500)).await;
		last = post(&app, &good).await.1;
		if last["status"] == "finalized" || last["status"] == "in_block" {
			break;
		}
	}
	assert!(last["status"] == "finalized" || last["status"] == "in_block", "{last}");

	// One whose fee rises later waits, is not sent while it would not pay, and runs once the
	// chain's time reaches the point where it pays: from 1 planck to 10 milli-UNIT in a minute.
	let node = common::Node::connect(&ws).await;
	let rising = FeePolicy::new(vec![
		FeeEntry::fee(1),
		FeeEntry::fee(10 * MILLI_UNIT).after(1, TimeUnit::Minute).unwrap(),
		FeeEntry::invalid().after(10, TimeUnit::Minute).unwrap(),
	])
	.unwrap()
	.encode();
	let created = chain.head().await.unwrap().now;
	let later = sign(rising, created);
	let (code, v) = post(&app, &later).await;
	assert_eq!((code, v["status"].as_str()), (200, Some("waiting")), "{v}");
	let wait_until = v["wait_until"].as_u64().expect("a waiting bundle says until when");
	// The fee rises linearly between entries: it covers the relay's cost (and the minimum
	// profit) some time before the minute is over, and not at once.
	assert!(created < wait_until && wait_until <= created + 60, "it waits for the rise: {v}");
	let mut blocks = 0;
	while chain.head().await.unwrap().now < wait_until {
		let v = post(&app, &later).await.1;
		assert_eq!(
			v["status"],
			"waiting",
			"sent before it pays, at chain time {}",
			node.now().await
		);
		node.new_blocks(1).await;
		blocks += 1;
		assert!(blocks <= 60, "the chain's time does not reach the rise");
	}
	let mut last = serde_json::Value::Null;
	for _ in 0..120 {
		last = post(&app, &later).await.1;
		if last["status"] == "finalized" || last["status"] == "in_block" {
			break;
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	assert!(
		last["status"] == "finalized" || last["status"] == "in_block",
		"after {blocks} blocks to the rise: {last}"
	);

	// One that never pays enough (1 planck) is refused.
	let cheap = FeePolicy::new(vec![
		FeeEntry::fee(1),
		FeeEntry::invalid().after(10, TimeUnit::Minute).unwrap(),
	])
	.unwrap()
	.encode();
	let (code, v) = post(&app, &sign(cheap, now)).await;
	assert_eq!((code, v["error"][0].as_str()), (400, Some("never pays enough")), "{v}");
	// An expired one, a bad signature, garbage.
	let (code, v) = post(&app, &sign(paying.clone(), now.saturating_sub(3_600))).await;
	assert_eq!((code, v["error"][0].as_str()), (400, Some("expired")), "{v}");
	let mut bad = sign(paying.clone(), now);
	let n = bad.len();
	bad[n - 1] ^= 1;
	let (code, v) = post(&app, &bad).await;
	assert_eq!((code, v["error"][0].as_str()), (400, Some("bad signature")), "{v}");
	let (code, _) = post(&app, &[1, 2, 3]).await;
	assert_eq!(code, 400);

	// A replay, seen by a second daemon with an empty database.
	let db2 = Db::open(&dir.join("db2.sqlite")).unwrap();
	let metrics2 = Arc::new(Metrics::new().unwrap());
	let cfg2 =
		EngineConfig { min_profit: 1, tasks: Tasks::Only(vec![]), tick: Duration::from_secs(60) };
	let (engine2, handle2) = Engine::new(chain.clone(), db2.clone(), cfg2, metrics2.clone());
	drop(engine2);
	let app2 = router(AppState::new(chain.clone(), db2, handle2, Limits::default(), 1, metrics2));
	let (code, v) = post(&app2, &good).await;
	assert_eq!((code, v["error"][0].as_str()), (400, Some("already executed (a replay)")), "{v}");
	engine.abort();
	let _ = std::fs::remove_dir_all(&dir);
}

use common::{flat, Daemon, Node, UNIT};
use std::{collections::HashMap, time::Instant};

/// Polls `done` every 250 ms for at most `secs` seconds.
async fn eventually(secs: u64, what: &str, mut done: impl AsyncFnMut() -> Result<(), String>) {
	let deadline = Instant::now() + Duration::from_secs(secs);
	loop {
		match done().await {
			Ok(()) => return,
			Err(e) if Instant::now() >= deadline => panic!("{what}: not within {secs} s: {e}"),
			Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
		}
	}
}

/// `count` bundles of `key` paying 10 milli-UNIT, each with its own remark.
async fn load(
	node: &Node,
	key: &subxt_signer::sr25519::Keypair,
	tag: &str,
	count: usize,
) -> Vec<Vec<u8>> {
	let now = node.now().await;
	let mut out = Vec::new();
	for i in 0..count {
		let calls = node.remark_calls(format!("{tag} {i}").as_bytes()).await;
		out.push(node.bundle(key, now.saturating_sub(5), flat(10 * MILLI_UNIT, 30), calls));
	}
	out
}

fn hash_of(node: &Node, bytes: &[u8]) -> [u8; 32] {
	pollinator::bundle::Bundle::decode(bytes, &*node.chain.calls())
		.unwrap()
		.verify(&node.chain.domain())
		.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_kill_9_in_the_middle_of_a_load_loses_nothing_and_sends_nothing_twice() {
	let Some(ws) = endpoint() else { return };
	let node = Arc::new(Node::connect(&ws).await);
	let mut daemon = Daemon::new("crash", &ws, 1, "[]");
	node.fund(daemon.account, 100 * UNIT).await;
	daemon.start().await;
	let signer = dev::charlie();
	let bundles = Arc::new(load(&node, &signer, "crash", 24).await);
	let first_block = node.best().await + 1;
	let (nonce0, _) = node.account(daemon.account).await;

	// Six clients post the load; the daemon is killed (SIGKILL) once a third is accepted.
	let accepted = Arc::new(std::sync::Mutex::new(Vec::<usize>::new()));
	let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
	let port = daemon.port;
	let mut clients = Vec::new();
	for _ in 0..6 {
		let (bundles, accepted, next) = (bundles.clone(), accepted.clone(), next.clone());
		clients.push(tokio::spawn(async move {
			loop {
				let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
				let Some(bytes) = bundles.get(i) else { return };
				let body = serde_json::json!({ "txn": format!("0x{}", hex::encode(bytes)) });
				let answer =
					common::http(port, "POST", "/api/v1/payafter", Some(body.to_string())).await;
				if let Ok((200, _)) = answer {
					accepted.lock().unwrap().push(i);
				}
			}
		}));
	}
	eventually(120, "a third of the load accepted", async || {
		let n = accepted.lock().unwrap().len();
		if n >= bundles.len() / 3 {
			Ok(())
		} else {
			Err(format!("{n} accepted"))
		}
	})
	.await;
	daemon.kill9();
	for c in clients {
		c.await.unwrap();
	}
	let before_kill = accepted.lock().unwrap().clone();
	eprintln!("killed with {} of {} accepted", before_kill.len(), bundles.len());
	assert!(before_kill.len() < bundles.len(), "the kill came in the middle of the load");

	// Restart on the same database; the clients post again what got no answer.
	daemon.start().await;
	for (i, bytes) in bundles.iter().enumerate() {
		let (code, v) = daemon.post(bytes).await.unwrap();
		assert_eq!(code, 200, "bundle {i} after the restart: {v}");
	}
	// Every bundle ends finalized: none lost.
	for (i, bytes) in bundles.iter().enumerate() {
		eventually(120, &format!("bundle {i} finalized"), async || {
			match daemon.status(bytes).await.as_str() {
				"finalized" => Ok(()),
				s if ["failed", "expired", "killed", "executed_by_other"].contains(&s) => {
					panic!("bundle {i} ended {s}: {}", daemon.log_tail())
				}
				s => Err(s.to_string()),
			}
		})
		.await;
	}
	// On chain: each ran exactly once, by this daemon, and the daemon sent exactly one extrinsic
	// per bundle (its nonce), so none was sent twice and none failed.
	let last_block = node.best().await;
	let runs = node.executions(first_block, last_block).await;
	let mut per_bundle: HashMap<[u8; 32], usize> = HashMap::new();
	for (_, e) in &runs {
		assert_eq!(e.relayer, daemon.account);
		*per_bundle.entry(e.data_hash).or_default() += 1;
	}
	for bytes in bundles.iter() {
		let hash = hash_of(&node, bytes);
		assert_eq!(per_bundle.get(&hash), Some(&1), "ran exactly once");
		assert!(node.remembered(signer.public_key().0, hash).await);
	}
	let (nonce1, _) = node.account(daemon.account).await;
	assert_eq!(nonce1 - nonce0, bundles.len() as u64, "one extrinsic per bundle, none twice");
	let failed = node
		.events(first_block, last_block)
		.await
		.into_iter()
		.filter(|(_, p, e, _)| p == "System" && e == "ExtrinsicFailed")
		.count();
	assert_eq!(failed, 0, "no extrinsic failed");
	eprintln!(
		"{} bundles, {} accepted before the kill, all finalized once; resumed: {} rebroadcasts",
		bundles.len(),
		before_kill.len(),
		daemon.log_count("rebroadcasting")
	);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_daemons_on_the_same_bundles_run_each_once_and_account_for_every_fee() {
	let Some(ws) = endpoint() else { return };
	let node = Node::connect(&ws).await;
	let mut a = Daemon::new("race-a", &ws, 1, "[]");
	let mut b = Daemon::new("race-b", &ws, 1, "[]");
	node.fund(a.account, 100 * UNIT).await;
	node.fund(b.account, 100 * UNIT).await;
	a.start().await;
	b.start().await;
	let signer = dev::dave();
	let bundles = load(&node, &signer, "race", 8).await;
	let first_block = node.best().await + 1;
	let (na0, _) = node.account(a.account).await;
	let (nb0, _) = node.account(b.account).await;
	// Both daemons receive every bundle, at the same moment.
	for bytes in &bundles {
		let (ra, rb) = tokio::join!(a.post(bytes), b.post(bytes));
		for (d, r) in [(&a, ra), (&b, rb)] {
			let (code, v) = r.unwrap();
			let replay = v["error"][0] == "already executed (a replay)";
			assert!(code == 200 || replay, "{}: {v}", d.name);
		}
	}
	for (i, bytes) in bundles.iter().enumerate() {
		eventually(240, &format!("bundle {i} settled by both"), async || {
			let (sa, sb) = (a.status(bytes).await, b.status(bytes).await);
			let done = |s: &str| ["finalized", "executed_by_other", "refused"].contains(&s);
			if done(&sa) && done(&sb) {
				Ok(())
			} else {
				Err(format!("{sa} / {sb}"))
			}
		})
		.await;
	}
	let last_block = node.best().await;
	let runs = node.executions(first_block, last_block).await;
	let mut per_bundle: HashMap<[u8; 32], usize> = HashMap::new();
	let mut by: HashMap<[u8; 32], u64> = HashMap::new();
	for (_, e) in &runs {
		*per_bundle.entry(e.data_hash).or_default() += 1;
		*by.entry(e.relayer).or_default() += 1;
	}
	for bytes in &bundles {
		assert_eq!(per_bundle.get(&hash_of(&node, bytes)), Some(&1), "each bundle ran once");
	}
	// What each daemon paid for: the bundles it ran, plus the races it lost *inside a block*
	// (its extrinsic included after the winner's, failed, and paid its fee), plus its no-ops. A
	// node's pool keeps one extrinsic per bundle (`ValidatePollinate`'s tag; scripts/e2e.sh
	// checks the second copy is refused); chopsticks' pool has no tags and builds one block per
	// extrinsic, so both copies reach blocks, where the runtime leaves the second out.
	let ran = |d: &Daemon| by.get(&d.account).copied().unwrap_or(0);
	assert_eq!(ran(&a) + ran(&b), bundles.len() as u64);
	let (na1, _) = node.account(a.account).await;
	let (nb1, _) = node.account(b.account).await;
	let events = node.events(first_block, last_block).await;
	let count = |pallet: &str, event: &str, who: Option<[u8; 32]>| {
		events
			.iter()
			.filter(|(_, p, e, v)| {
				use subxt::ext::scale_value::At as _;
				p == pallet
					&& e == event && who
					.is_none_or(|w| v.at("sender").is_some_and(|s| value_bytes(s) == w))
			})
			.count() as u64
	};
	let mut paid_in_block_races = 0;
	for (d, n0, n1) in [(&a, na0, na1), (&b, nb0, nb1)] {
		let path = format!(
			"/api/v1/address-payafters/{}?limit=100",
			pollinator::keys::ss58(&signer.public_key().0)
		);
		let (code, list) = common::http(d.port, "GET", &path, None).await.unwrap();
		assert_eq!(code, 200);
		let reported = list
			.as_array()
			.unwrap()
			.iter()
			.filter(|r| r["error"][1].as_str().is_some_and(|e| e.contains("was included after it")))
			.count() as u64;
		// Its no-ops filling nonce gaps or superseding a dispatch another relayer made useless
		// (`System::Remarked` from it).
		let fillers = (d.log_count("filling a nonce gap")
			+ d.log_count("filling our dispatch's nonce")) as u64;
		let remarks = count("System", "Remarked", Some(d.account));
		assert!(remarks <= fillers);
		let lost = (n1 - n0) - ran(d) - remarks;
		paid_in_block_races += lost;
		eprintln!(
			"{}: {} extrinsics: ran {}, {remarks} nonce-gap no-ops, {lost} lost inside a block \
			 (paid; {reported} reported on the bundle)",
			d.name,
			n1 - n0,
			ran(d)
		);
		// The daemon's records agree with the chain: a race it lost inside a block is reported
		// as paid on its bundle, and no other is.
		assert_eq!(reported, lost, "{}: races reported as paid vs paid on chain", d.name);
	}
	// Every extrinsic that did not run a bundle or fill a gap failed in its block, and only the
	// race explains it: its bundle had run (exactly once, above).
	assert_eq!(count("System", "ExtrinsicFailed", None), paid_in_block_races);
	// And there are none: the runtime refuses, inside a block, a bundle that already ran, so the
	// loser's copy is left out of the block (chopsticks keeps no pool tags, so both copies reach
	// its blocks) and the loser paid nothing.
	assert_eq!(paid_in_block_races, 0, "the loser of a race pays nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_expired_entry_of_the_signer_is_cleaned_for_its_deposit() {
	let Some(ws) = endpoint() else { return };
	let node = Node::connect(&ws).await;
	let mut daemon = Daemon::new("expired", &ws, 1, "[]");
	node.fund(daemon.account, 100 * UNIT).await;
	daemon.start().await;
	let signer = dev::eve();
	// A first bundle with a short life (invalid two minutes after its creation) runs...
	let now = node.now().await;
	let calls = node.remark_calls(b"expired: first").await;
	let first = node.bundle(&signer, now.saturating_sub(5), flat(10 * MILLI_UNIT, 2), calls);
	let (code, v) = daemon.post(&first).await.unwrap();
	assert_eq!(code, 200, "{v}");
	eventually(120, "the first bundle finalized", async || match daemon.status(&first).await {
		s if s == "finalized" => Ok(()),
		s => Err(s),
	})
	.await;
	let first_hash = hash_of(&node, &first);
	assert!(node.remembered(signer.public_key().0, first_hash).await);
	// ...and its entry expires once the chain's time passes its marker (25 blocks of 6 s).
	node.new_blocks(25).await;
	let from = node.best().await + 1;
	let now = node.now().await;
	let calls = node.remark_calls(b"expired: second").await;
	let second = node.bundle(&signer, now.saturating_sub(5), flat(10 * MILLI_UNIT, 30), calls);
	let (code, v) = daemon.post(&second).await.unwrap();
	assert_eq!(code, 200, "{v}");
	eventually(120, "the second bundle finalized", async || match daemon.status(&second).await {
		s if s == "finalized" => Ok(()),
		s => Err(s),
	})
	.await;
	// The daemon cleaned the first entry with the second bundle and received its deposit.
	assert!(!node.remembered(signer.public_key().0, first_hash).await, "forgotten");
	let events = node.events(from, node.best().await).await;
	let forgotten: Vec<&Value> = events
		.iter()
		.filter(|(_, p, e, _)| p == "PayAfter" && e == "BundleForgotten")
		.map(|(_, _, _, v)| v)
		.collect();
	assert_eq!(forgotten.len(), 1, "{events:?}");
	use subxt::ext::scale_value::At as _;
	let beneficiary = forgotten[0].at("beneficiary").unwrap().to_string();
	let deposit = forgotten[0].at("deposit").and_then(|d| d.as_u128()).unwrap();
	assert!(deposit > 0);
	assert!(
		beneficiary.contains(&format!("{}", daemon.account[0])),
		"the deposit went to the daemon: {beneficiary}"
	);
	assert_eq!(daemon.log_count("cleaning expired entries"), 1);
	eprintln!("cleaned 1 expired entry, deposit {deposit} planck to the daemon");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_periodic_task_is_dispatched_when_profitable_and_not_before() {
	let Some(ws) = endpoint() else { return };
	let node = Node::connect(&ws).await;
	// Alice registers a task paying 1 UNIT per 60 s and funds its pot.
	let hash = node.rpc.chain_get_block_hash(None).await.unwrap().unwrap();
	let at = node.api.at_block(hash).await.unwrap();
	let task: u32 = at
		.storage()
		.fetch(subxt::dynamic::storage::<(), u32>("Periodic", "NextTaskId"), ())
		.await
		.unwrap()
		.decode()
		.unwrap();
	let tick = Value::unnamed_variant(
		"System",
		[Value::named_variant("remark_with_event", [("remark", Value::from_bytes(b"it tick"))])],
	);
	let alice = dev::alice();
	node.send(
		&alice,
		"Periodic",
		"register_task",
		vec![tick, Value::u128(60), Value::u128(10), Value::u128(UNIT)],
	)
	.await;
	node.send(
		&alice,
		"Periodic",
		"add_nectar",
		vec![Value::u128(task.into()), Value::u128(100 * UNIT)],
	)
	.await;
	// The daemon wants 0.3 UNIT above the fee: about 3 minutes of the chain's time.
	let min_profit = 300 * MILLI_UNIT;
	let mut daemon = Daemon::new("periodic", &ws, min_profit, &format!("[{task}]"));
	node.fund(daemon.account, 100 * UNIT).await;
	daemon.start().await;
	let (nonce0, _) = node.account(daemon.account).await;
	let from = node.best().await + 1;
	let mut became_profitable = None;
	for step in 0..60 {
		let quote = node.chain.quote_task(task).await.unwrap().unwrap();
		let profitable = quote.payable >= quote.extrinsic_fee + min_profit;
		// Time for the daemon's tick (2 s) to see this block.
		tokio::time::sleep(Duration::from_secs(3)).await;
		let (nonce, _) = node.account(daemon.account).await;
		if nonce > nonce0 {
			assert!(
				became_profitable.is_some() || profitable,
				"dispatched before it paid (step {step})"
			);
			break;
		}
		if profitable && became_profitable.is_none() {
			became_profitable = Some(step);
		}
		if let Some(s) = became_profitable {
			assert!(step - s < 10, "not dispatched {} steps after it became profitable", step - s);
			continue; // no new block: the daemon's own extrinsic makes the next one
		}
		node.new_blocks(1).await;
	}
	let events = node.events(from, node.best().await).await;
	let runs: Vec<&Value> = events
		.iter()
		.filter(|(_, p, e, _)| p == "Periodic" && e == "Pollinated")
		.map(|(_, _, _, v)| v)
		.collect();
	assert_eq!(runs.len(), 1, "dispatched once: {events:?}");
	use subxt::ext::scale_value::At as _;
	let paid = runs[0].at("paid").and_then(|p| p.as_u128()).unwrap();
	assert!(paid >= min_profit, "paid {paid}, at least the minimum profit above the fee");
	let failed =
		events.iter().filter(|(_, p, e, _)| p == "System" && e == "ExtrinsicFailed").count();
	assert_eq!(failed, 0);
	eprintln!("task {task}: dispatched when profitable, paid {paid} planck");
}
