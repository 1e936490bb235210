//! The daemon against a real chain: runs only when `POLLINATOR_IT_WS` names the WebSocket of a
//! chain running this runtime's `development` preset (chopsticks: `scripts/pollinator-it.sh`).
//! Without it every test returns at once, and says so.

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

fn endpoint() -> Option<String> {
	let ws = std::env::var("POLLINATOR_IT_WS").ok();
	if ws.is_none() {
		eprintln!("POLLINATOR_IT_WS is not set: skipping the tests against a chain");
	}
	ws
}

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
