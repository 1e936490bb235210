//! Helpers for the tests against a real chain (chopsticks, `scripts/pollinator-it.sh`): a
//! connection that sends extrinsics signed by development keys and builds blocks on demand, the
//! real `pollinate` binary as a child process, and a small HTTP client.

#![allow(dead_code)]

use codec::Encode;
use pollinator::{
	bundle::{build::Unsigned, MultiSignature},
	chain::{At, Chain, Executed},
	node::NodeChain,
};
use power_primitives::fee::{FeeEntry, FeePolicy, TimeUnit};
use std::{
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};
use subxt::{
	config::RpcConfigFor,
	dynamic::Value,
	ext::scale_value::{self, At as _},
	rpcs::{rpc_params, LegacyRpcMethods, RpcClient},
	OnlineClient, SubstrateConfig,
};
use subxt_signer::sr25519::{dev, Keypair};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// 1 UNIT.
pub const UNIT: u128 = 1_000_000_000_000;
/// 1 milli-UNIT.
pub const MILLI_UNIT: u128 = 1_000_000_000;

/// The chain's WebSocket, or `None` (and a note) when the tests against a chain are not run.
pub fn endpoint() -> Option<String> {
	let ws = std::env::var("POLLINATOR_IT_WS").ok();
	if ws.is_none() {
		eprintln!("POLLINATOR_IT_WS is not set: skipping the tests against a chain");
	}
	ws
}

/// A connection for the test itself (not the daemon's).
pub struct Node {
	pub api: OnlineClient<SubstrateConfig>,
	pub rpc: LegacyRpcMethods<RpcConfigFor<SubstrateConfig>>,
	pub client: RpcClient,
	/// A chain view with Alice's key: encodes calls, reads heads and events.
	pub chain: NodeChain,
}

impl Node {
	pub async fn connect(ws: &str) -> Node {
		let client = RpcClient::from_insecure_url(ws).await.unwrap();
		let api = OnlineClient::<SubstrateConfig>::from_rpc_client(client.clone()).await.unwrap();
		let rpc = LegacyRpcMethods::new(client.clone());
		let chain = NodeChain::connect(ws, dev::alice(), 64).await.unwrap();
		Node { api, rpc, client, chain }
	}

	pub async fn best(&self) -> u64 {
		self.chain.head().await.unwrap().best
	}

	pub async fn now(&self) -> u64 {
		self.chain.head().await.unwrap().now
	}

	/// Builds `n` blocks (chopsticks' `dev_newBlock`); each moves the chain's time one slot.
	pub async fn new_blocks(&self, n: u32) {
		let _: serde_json::Value = self
			.client
			.request("dev_newBlock", rpc_params![serde_json::json!({ "count": n })])
			.await
			.unwrap();
	}

	/// `System::Account(who)`: `(nonce, free)` at the best block.
	pub async fn account(&self, who: [u8; 32]) -> (u64, u128) {
		let hash = self.rpc.chain_get_block_hash(None).await.unwrap().unwrap();
		let at = self.api.at_block(hash).await.unwrap();
		let address = subxt::dynamic::storage::<([u8; 32],), Value>("System", "Account");
		let value = at.storage().fetch(address, (who,)).await.unwrap().decode().unwrap();
		let nonce = value.at("nonce").and_then(|v| v.as_u128()).unwrap();
		let free = value.at("data").and_then(|d| d.at("free")).and_then(|v| v.as_u128()).unwrap();
		(u64::try_from(nonce).unwrap(), free)
	}

	/// Signs `pallet::call(args)` with `key`, submits it and waits until its nonce is used.
	pub async fn send(&self, key: &Keypair, pallet: &str, call: &str, args: Vec<Value>) {
		let who = key.public_key().0;
		let (nonce, _) = self.account(who).await;
		let hash = self.rpc.chain_get_block_hash(None).await.unwrap().unwrap();
		let at = self.api.at_block(hash).await.unwrap();
		let payload =
			subxt::dynamic::transaction(pallet, call, scale_value::Composite::unnamed(args));
		let params = subxt::config::DefaultExtrinsicParamsBuilder::<SubstrateConfig>::new()
			.nonce(nonce)
			.build();
		let tx = at.transactions().create_signed(&payload, key, params).await.unwrap();
		let bytes = tx.encoded().to_vec();
		// Chopsticks drops an extrinsic that does not fit its block (a session change fills
		// one): send the same bytes again until they land.
		let deadline = Instant::now() + Duration::from_secs(60);
		loop {
			let _ = self.rpc.author_submit_extrinsic(&bytes).await;
			for _ in 0..30 {
				if self.account(who).await.0 > nonce {
					return;
				}
				tokio::time::sleep(Duration::from_millis(100)).await;
			}
			assert!(Instant::now() < deadline, "{pallet}::{call} not included within 60 s");
		}
	}

	/// Alice sends `amount` to `to`.
	pub async fn fund(&self, to: [u8; 32], amount: u128) {
		let dest = Value::unnamed_variant("Id", [Value::from_bytes(to)]);
		self.send(
			&dev::alice(),
			"Balances",
			"transfer_keep_alive",
			vec![dest, Value::u128(amount)],
		)
		.await;
	}

	/// `System::remark(text)` as a bundle's calls (a compact count and the call).
	pub async fn remark_calls(&self, text: &[u8]) -> Vec<u8> {
		let remark = self
			.chain
			.encode_call(
				"System",
				"remark",
				scale_value::Composite::unnamed([Value::from_bytes(text)]),
			)
			.await
			.unwrap();
		let mut calls = codec::Compact(1u32).encode();
		calls.extend(remark);
		calls
	}

	/// A bundle of `key` running `calls`, signed for this chain.
	pub fn bundle(
		&self,
		key: &Keypair,
		create_time: u64,
		fees: Vec<u32>,
		calls: Vec<u8>,
	) -> Vec<u8> {
		let unsigned = Unsigned { signer: key.public_key().0, create_time, fees, calls };
		let sig = key.sign(&unsigned.payload(&self.chain.domain()));
		unsigned.encode_with(&MultiSignature::Sr25519(sig.0))
	}

	/// Every `PayAfter::BundleExecuted` of blocks `from..=to`, with its block.
	pub async fn executions(&self, from: u64, to: u64) -> Vec<(u64, Executed)> {
		let mut out = Vec::new();
		for n in from..=to {
			for e in self.chain.events(n).await.unwrap().executed {
				out.push((n, e));
			}
		}
		out
	}

	/// The named events of blocks `from..=to` as `(block, pallet, event, fields)`.
	pub async fn events(&self, from: u64, to: u64) -> Vec<(u64, String, String, Value)> {
		let mut out = Vec::new();
		for n in from..=to {
			let hash = self.rpc.chain_get_block_hash(Some(n.into())).await.unwrap().unwrap();
			let at = self.api.at_block(hash).await.unwrap();
			for ev in at.events().fetch().await.unwrap().iter() {
				let ev = ev.unwrap();
				let fields: scale_value::Composite<()> = ev.decode_fields_unchecked_as().unwrap();
				out.push((n, ev.pallet_name().into(), ev.event_name().into(), Value::from(fields)));
			}
		}
		out
	}

	/// Whether `PayAfter::Remembered(signer, hash)` exists at the best block.
	pub async fn remembered(&self, signer: [u8; 32], hash: [u8; 32]) -> bool {
		self.chain.remembered(signer, hash, At::Best).await.unwrap().is_some()
	}
}

/// A policy paying `fee` from the start, invalid after `minutes`.
pub fn flat(fee: u128, minutes: u8) -> Vec<u32> {
	FeePolicy::new(vec![
		FeeEntry::fee(fee),
		FeeEntry::invalid().after(minutes, TimeUnit::Minute).unwrap(),
	])
	.unwrap()
	.encode()
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
	std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A scratch directory under the target directory.
pub fn scratch(name: &str) -> PathBuf {
	let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
		.join(format!("pollinator-it-{name}-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).unwrap();
	dir
}

/// The real `pollinate serve` as a child process, with its own words, database and port.
pub struct Daemon {
	pub name: String,
	pub dir: PathBuf,
	pub port: u16,
	pub account: [u8; 32],
	child: Option<Child>,
	runs: u32,
}

const PASSPHRASE: &str = "pollinator-it";

impl Daemon {
	/// Writes the configuration (fresh words) for a daemon on `ws`.
	pub fn new(name: &str, ws: &str, min_profit: u128, tasks: &str) -> Daemon {
		let dir = scratch(name);
		let port = free_port();
		let words = pollinator::keys::fresh_words().unwrap();
		let account = pollinator::keys::keypair(&words, PASSPHRASE).unwrap().public_key().0;
		let config = format!(
			"seed_words = \"{words}\"\nrpc = \"{ws}\"\nbind = \"127.0.0.1:{port}\"\n\
			 min_profit = {min_profit}\ntasks = {tasks}\ndatabase = \"{}\"\n\
			 mortality_blocks = 32\n[limits]\nrequests_per_second = 100000\nburst = 100000\n\
			 max_waiting_per_signer = 1000\n",
			dir.join("db.sqlite").display()
		);
		std::fs::write(dir.join("pollinator.toml"), config).unwrap();
		Daemon { name: name.into(), dir, port, account, child: None, runs: 0 }
	}

	/// Starts `pollinate serve` and waits until `/health` answers.
	pub async fn start(&mut self) {
		self.runs += 1;
		let log = std::fs::File::create(self.dir.join(format!("run-{}.log", self.runs))).unwrap();
		let child = Command::new(env!("CARGO_BIN_EXE_pollinate"))
			.arg("serve")
			.arg(self.dir.join("pollinator.toml"))
			.env("POLLINATE_PASSPHRASE", PASSPHRASE)
			.env("RUST_LOG", "pollinator=debug,info")
			.stdout(Stdio::null())
			.stderr(log)
			.spawn()
			.unwrap();
		self.child = Some(child);
		let deadline = Instant::now() + Duration::from_secs(60);
		loop {
			if let Ok((200, _)) = http(self.port, "GET", "/health", None).await {
				return;
			}
			if let Some(Ok(Some(status))) = self.child.as_mut().map(|c| c.try_wait()) {
				panic!("{} exited with {status}: {}", self.name, self.log_tail());
			}
			assert!(Instant::now() < deadline, "{} not ready: {}", self.name, self.log_tail());
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
	}

	/// SIGKILL: no shutdown code runs.
	pub fn kill9(&mut self) {
		if let Some(mut child) = self.child.take() {
			child.kill().unwrap();
			child.wait().unwrap();
		}
	}

	/// The last lines of the current run's log.
	pub fn log_tail(&self) -> String {
		let text = std::fs::read_to_string(self.dir.join(format!("run-{}.log", self.runs)))
			.unwrap_or_default();
		let lines: Vec<&str> = text.lines().collect();
		lines[lines.len().saturating_sub(30)..].join("\n")
	}

	/// Every log line of every run that contains `needle`.
	pub fn log_count(&self, needle: &str) -> usize {
		(1..=self.runs)
			.map(|r| {
				std::fs::read_to_string(self.dir.join(format!("run-{r}.log")))
					.unwrap_or_default()
					.lines()
					.filter(|l| l.contains(needle))
					.count()
			})
			.sum()
	}

	/// Posts a bundle: the HTTP status and the JSON answer, or the connection error.
	pub async fn post(&self, bytes: &[u8]) -> Result<(u16, serde_json::Value), String> {
		let body = serde_json::json!({ "txn": format!("0x{}", hex::encode(bytes)) }).to_string();
		http(self.port, "POST", "/api/v1/payafter", Some(body)).await
	}

	/// The status the daemon gives a bundle it holds (re-posting returns its record).
	pub async fn status(&self, bytes: &[u8]) -> String {
		match self.post(bytes).await {
			Ok((_, v)) => v["status"].as_str().unwrap_or("").to_string(),
			Err(e) => format!("unreachable: {e}"),
		}
	}

	pub fn path(&self) -> &Path {
		&self.dir
	}
}

impl Drop for Daemon {
	fn drop(&mut self) {
		self.kill9();
	}
}

/// A one-request HTTP/1.1 client (`Connection: close`).
pub async fn http(
	port: u16,
	method: &str,
	path: &str,
	body: Option<String>,
) -> Result<(u16, serde_json::Value), String> {
	let mut stream =
		tokio::net::TcpStream::connect(("127.0.0.1", port)).await.map_err(|e| e.to_string())?;
	let body = body.unwrap_or_default();
	let request = format!(
		"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
		 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
		body.len()
	);
	stream.write_all(request.as_bytes()).await.map_err(|e| e.to_string())?;
	let mut answer = Vec::new();
	tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut answer))
		.await
		.map_err(|_| "timeout".to_string())?
		.map_err(|e| e.to_string())?;
	let text = String::from_utf8_lossy(&answer);
	let (head, body) = text.split_once("\r\n\r\n").ok_or("no header end")?;
	let code = head
		.split_whitespace()
		.nth(1)
		.and_then(|c| c.parse().ok())
		.ok_or_else(|| format!("bad status line: {head}"))?;
	Ok((code, serde_json::from_str(body).unwrap_or(serde_json::Value::Null)))
}
