//! The HTTP API (the seed's, kept compatible), on axum.
//!
//! - `POST /api/v1/payafter` `{"txn": "0x…"}`: one of the seed's four shapes (parse error,
//!   transaction error, waiting, executed), each with a `status`;
//! - `GET /api/v1/address-payafters/{address}?limit=&offset=`: a signer's bundles, newest first;
//! - `GET /health`, `GET /metrics`.
//!
//! Every error is JSON, with CORS headers; bad input is a 400, never a panic.

use crate::{
	bundle::Bundle,
	chain::{At, Chain, ChainError},
	config::Limits,
	db::{Db, DbError, Inserted, NewBundle, Record},
	engine::EngineHandle,
	keys::parse_account,
	metrics::Metrics,
	policy::{first_paying, Timing},
	state::{Remembered, State},
};
use axum::{
	body::Bytes,
	extract::{
		rejection::BytesRejection, ConnectInfo, DefaultBodyLimit, Path, Query, Request,
		State as AxState,
	},
	http::{header, StatusCode},
	middleware::{self, Next},
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};
use serde::{Deserialize, Serialize};
use std::{
	collections::HashMap,
	net::{IpAddr, Ipv4Addr, SocketAddr},
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

/// What the handlers share.
pub struct AppState<C: Chain> {
	/// The chain.
	pub chain: Arc<C>,
	/// The store.
	pub db: Db,
	/// The engine.
	pub engine: EngineHandle,
	/// The limits.
	pub limits: Limits,
	/// The least profit a bundle must leave.
	pub min_profit: u128,
	/// Metrics.
	pub metrics: Arc<Metrics>,
	/// How long a POST waits for the engine to submit a bundle that pays now.
	pub submit_wait: Duration,
	limiter: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl<C: Chain> AppState<C> {
	/// The shared state.
	pub fn new(
		chain: Arc<C>,
		db: Db,
		engine: EngineHandle,
		limits: Limits,
		min_profit: u128,
		metrics: Arc<Metrics>,
	) -> Arc<Self> {
		Arc::new(AppState {
			chain,
			db,
			engine,
			limits,
			min_profit,
			metrics,
			submit_wait: Duration::from_secs(5),
			limiter: Mutex::new(HashMap::new()),
		})
	}

	/// Takes a token from `ip`'s bucket; false when it is empty. The lock is never held across
	/// an await.
	fn allow(&self, ip: IpAddr) -> bool {
		let rate = f64::from(self.limits.requests_per_second.max(1));
		let burst = f64::from(self.limits.burst.max(1));
		let Ok(mut buckets) = self.limiter.lock() else { return true };
		let now = Instant::now();
		if buckets.len() > 100_000 {
			buckets.retain(|_, (_, seen)| now.duration_since(*seen) < Duration::from_secs(60));
		}
		let (tokens, seen) = buckets.entry(ip).or_insert((burst, now));
		*tokens = (*tokens + now.duration_since(*seen).as_secs_f64() * rate).min(burst);
		*seen = now;
		if *tokens >= 1.0 {
			*tokens -= 1.0;
			true
		} else {
			false
		}
	}
}

/// A bundle as the API shows it: the seed's shapes plus `status`.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct BundleView {
	/// The bundle's id, `0x` hex.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub data_hash: Option<String>,
	/// Its creation time.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub create_time: Option<u64>,
	/// Its state (`refused` for a bundle refused at once, never stored).
	pub status: String,
	/// When it is looked at again (waiting).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub wait_until: Option<u64>,
	/// The extrinsic that relays it.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub txid: Option<String>,
	/// Why it failed.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub error: Option<Vec<String>>,
}

fn hex0x(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

impl From<&Record> for BundleView {
	fn from(r: &Record) -> Self {
		let mut view = BundleView {
			data_hash: Some(hex0x(&r.data_hash)),
			create_time: Some(r.create_time),
			status: r.state.as_str().into(),
			wait_until: None,
			txid: None,
			error: None,
		};
		match r.state {
			State::Received | State::Waiting => view.wait_until = r.wait_until,
			State::Submitting | State::InBlock | State::Finalized => {
				view.txid = r.attempt.as_ref().map(|a| hex0x(&a.tx_hash))
			}
			State::Failed | State::Expired | State::Killed | State::ExecutedByOther => {
				let headline = match r.state {
					State::Failed => "failed",
					State::Expired => "expired before it could be relayed",
					State::Killed => "killed by its signer",
					_ => "executed by another relayer",
				};
				let mut error = vec![headline.to_string()];
				error.extend(r.error.clone());
				view.error = Some(error);
			}
		}
		view
	}
}

/// An API answer: a status code and a JSON body.
pub struct Answer(StatusCode, serde_json::Value);

impl IntoResponse for Answer {
	fn into_response(self) -> Response {
		(self.0, Json(self.1)).into_response()
	}
}

fn parse_error(status: StatusCode, errors: Vec<String>) -> Answer {
	Answer(status, serde_json::json!({ "status": "refused", "error": errors }))
}

fn refused(bundle: &Bundle, data_hash: &[u8; 32], errors: Vec<String>) -> Answer {
	let view = BundleView {
		data_hash: Some(hex0x(data_hash)),
		create_time: Some(bundle.create_time),
		status: "refused".into(),
		wait_until: None,
		txid: None,
		error: Some(errors),
	};
	Answer(StatusCode::BAD_REQUEST, serde_json::to_value(view).unwrap_or_default())
}

fn record_answer(record: &Record) -> Answer {
	Answer(StatusCode::OK, serde_json::to_value(BundleView::from(record)).unwrap_or_default())
}

fn unavailable(e: impl std::fmt::Display) -> Answer {
	parse_error(StatusCode::SERVICE_UNAVAILABLE, vec![format!("try again later: {e}")])
}

impl From<DbError> for Answer {
	fn from(e: DbError) -> Self {
		tracing::error!("{e}");
		parse_error(
			StatusCode::INTERNAL_SERVER_ERROR,
			vec!["the pollinator's database failed".into()],
		)
	}
}

impl From<ChainError> for Answer {
	fn from(e: ChainError) -> Self {
		unavailable(e)
	}
}

#[derive(Deserialize)]
struct PostBody {
	txn: String,
}

/// The router, with CORS, the body limit and the per-client rate limit.
pub fn router<C: Chain>(state: Arc<AppState<C>>) -> Router {
	let limit = state.limits.max_body_bytes;
	Router::new()
		.route("/api/v1/payafter", post(post_payafter::<C>))
		.route("/api/v1/address-payafters/{address}", get(list::<C>))
		.route("/health", get(health::<C>))
		.route("/metrics", get(metrics::<C>))
		.fallback(|| async { parse_error(StatusCode::NOT_FOUND, vec!["no such route".into()]) })
		.layer(middleware::from_fn_with_state(state.clone(), rate_limit::<C>))
		.layer(DefaultBodyLimit::max(limit))
		.layer(tower_http::cors::CorsLayer::permissive())
		.with_state(state)
}

async fn rate_limit<C: Chain>(
	AxState(state): AxState<Arc<AppState<C>>>,
	request: Request,
	next: Next,
) -> Response {
	let ip = request
		.extensions()
		.get::<ConnectInfo<SocketAddr>>()
		.map(|c| c.0.ip())
		.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
	let route = match request.uri().path() {
		"/api/v1/payafter" => "payafter",
		"/health" => "health",
		"/metrics" => "metrics",
		p if p.starts_with("/api/v1/address-payafters/") => "address-payafters",
		_ => "other",
	};
	let response = if state.allow(ip) {
		next.run(request).await
	} else {
		parse_error(StatusCode::TOO_MANY_REQUESTS, vec!["too many requests: slow down".into()])
			.into_response()
	};
	state.metrics.http.with_label_values(&[route, response.status().as_str()]).inc();
	response
}

async fn post_payafter<C: Chain>(
	AxState(state): AxState<Arc<AppState<C>>>,
	body: Result<Bytes, BytesRejection>,
) -> Answer {
	let body = match body {
		Ok(b) => b,
		Err(e) => {
			return parse_error(e.status(), vec![format!("unreadable body: {}", e.body_text())])
		}
	};
	accept(&state, &body).await
}

/// The whole POST: parse, check, simulate, store, maybe submit. Public for the benchmark.
pub async fn accept<C: Chain>(state: &AppState<C>, body: &[u8]) -> Answer {
	let request: PostBody = match serde_json::from_slice(body) {
		Ok(r) => r,
		Err(e) => {
			return parse_error(
				StatusCode::BAD_REQUEST,
				vec![format!("expected {{\"txn\": \"0x…\"}}: {e}")],
			)
		}
	};
	let Some(hex_digits) = request.txn.strip_prefix("0x") else {
		return parse_error(StatusCode::BAD_REQUEST, vec!["txn must start with 0x".into()]);
	};
	let bytes = match hex::decode(hex_digits) {
		Ok(b) => b,
		Err(e) => {
			return parse_error(StatusCode::BAD_REQUEST, vec![format!("txn is not hex: {e}")])
		}
	};
	let bundle = match Bundle::decode(&bytes, &*state.chain.calls()) {
		Ok(b) => b,
		Err(e) => {
			return parse_error(
				StatusCode::BAD_REQUEST,
				vec!["not a pay-after bundle".into(), e.to_string()],
			)
		}
	};
	let data_hash = match bundle.verify(&state.chain.domain()) {
		Ok(h) => h,
		Err(h) => {
			return refused(
				&bundle,
				&h,
				vec![
					"bad signature".into(),
					format!(
						"not a {} signature of the signer over this chain's bundle payload (bare or <Bytes>-wrapped)",
						bundle.signature.scheme()
					),
				],
			)
		}
	};
	if let Some(existing) = match state.db.get(data_hash).await {
		Ok(r) => r,
		Err(e) => return e.into(),
	} {
		return record_answer(&existing);
	}
	match check(state, &bundle, data_hash, &bytes).await {
		Ok((wait_until, now)) => store(state, &bundle, data_hash, bytes, wait_until, now).await,
		Err(answer) => answer,
	}
}

/// Decides whether to take a bundle: the second from which it pays, or the refusal.
async fn check<C: Chain>(
	state: &AppState<C>,
	bundle: &Bundle,
	data_hash: [u8; 32],
	bytes: &[u8],
) -> Result<(u64, u64), Answer> {
	let head = state.chain.head().await?;
	let now = head.now;
	let min_validity = state.limits.min_validity_secs;
	if let Some(until) = bundle.valid_until() {
		if until <= now {
			return Err(refused(
				bundle,
				&data_hash,
				vec!["expired".into(), format!("its policy stopped at {until}")],
			));
		}
		if until < now.saturating_add(min_validity) {
			return Err(refused(
				bundle,
				&data_hash,
				vec![format!(
					"expires within {min_validity} seconds (at {until}): too soon to relay"
				)],
			));
		}
	}
	if let Some(r) = state.chain.remembered(bundle.signer, data_hash, At::Best).await? {
		let why = match r {
			Remembered::Executed => "already executed (a replay)",
			Remembered::Killed => "killed by its signer",
		};
		return Err(refused(bundle, &data_hash, vec![why.into()]));
	}
	let quote = match state.chain.simulate(bytes.to_vec(), Vec::new()).await? {
		Ok(q) => q,
		Err(reason) if reason.ends_with("BundleNotYetValid") => {
			// Cannot be simulated before its first fee entry: take it if its policy can pay the
			// minimum profit at all, and simulate when it becomes valid.
			let first =
				bundle.policy.entries().first().map(|e| e.time_seconds()).unwrap_or_default();
			let start = bundle.create_time.saturating_add(first).max(now);
			return match first_paying(&bundle.policy, bundle.create_time, start, state.min_profit) {
				Timing::At(t) => Ok((t.max(start), now)),
				_ => Err(refused(
					bundle,
					&data_hash,
					vec![format!("never pays the minimum profit of {}", state.min_profit)],
				)),
			};
		}
		Err(reason) => {
			return Err(refused(bundle, &data_hash, vec!["the chain refuses it".into(), reason]))
		}
	};
	let cost = quote.extrinsic_fee.saturating_add(state.min_profit).saturating_sub(quote.deposits);
	match first_paying(&bundle.policy, bundle.create_time, now, cost) {
		Timing::At(t) => {
			if let Some(until) = bundle.valid_until() {
				if t.saturating_add(12) > until {
					return Err(refused(
						bundle,
						&data_hash,
						vec![format!("pays {cost} (fee {} + profit {}) only at {t}, too close to its expiry {until}", quote.extrinsic_fee, state.min_profit)],
					));
				}
			}
			Ok((t, now))
		}
		Timing::Never => Err(refused(
			bundle,
			&data_hash,
			vec![
				"never pays enough".into(),
				format!(
					"relaying costs {} and the minimum profit is {}: it must pay {cost}",
					quote.extrinsic_fee, state.min_profit
				),
			],
		)),
		Timing::Expired => Err(refused(bundle, &data_hash, vec!["expired".into()])),
	}
}

async fn store<C: Chain>(
	state: &AppState<C>,
	bundle: &Bundle,
	data_hash: [u8; 32],
	bytes: Vec<u8>,
	wait_until: u64,
	now: u64,
) -> Answer {
	let new = NewBundle {
		data_hash,
		signer: bundle.signer,
		create_time: bundle.create_time,
		bytes,
		wait_until,
		valid_until: bundle.valid_until(),
	};
	let record = match state.db.insert(new, state.limits.max_waiting_per_signer).await {
		Ok(Inserted::New(r)) => r,
		Ok(Inserted::Existing(r)) => return record_answer(&r),
		Ok(Inserted::TooManyWaiting(n)) => {
			return parse_error(
				StatusCode::TOO_MANY_REQUESTS,
				vec![format!("this signer already has {n} bundles waiting")],
			)
		}
		Err(e) => return e.into(),
	};
	tracing::info!(bundle = %hex0x(&data_hash[..8]), wait_until, "bundle waiting (accepted)");
	if wait_until <= now && state.engine.kick(data_hash, state.submit_wait).await.is_some() {
		if let Ok(Some(r)) = state.db.get(data_hash).await {
			return record_answer(&r);
		}
	}
	record_answer(&record)
}

#[derive(Deserialize)]
struct Page {
	limit: Option<u32>,
	offset: Option<u32>,
}

async fn list<C: Chain>(
	AxState(state): AxState<Arc<AppState<C>>>,
	Path(address): Path<String>,
	Query(page): Query<Page>,
) -> Answer {
	let signer = match parse_account(&address) {
		Ok(s) => s,
		Err(e) => return parse_error(StatusCode::BAD_REQUEST, vec![e.to_string()]),
	};
	let limit = page.limit.unwrap_or(50).clamp(1, 200);
	match state.db.by_signer(signer, limit, page.offset.unwrap_or(0)).await {
		Ok(records) => {
			let views: Vec<BundleView> = records.iter().map(BundleView::from).collect();
			Answer(StatusCode::OK, serde_json::to_value(views).unwrap_or_default())
		}
		Err(e) => e.into(),
	}
}

async fn health<C: Chain>(AxState(state): AxState<Arc<AppState<C>>>) -> Answer {
	match state.chain.head().await {
		Ok(head) => Answer(
			StatusCode::OK,
			serde_json::json!({ "status": "ok", "best": head.best, "finalized": head.finalized }),
		),
		Err(e) => unavailable(e),
	}
}

async fn metrics<C: Chain>(AxState(state): AxState<Arc<AppState<C>>>) -> Response {
	if let Ok(counts) = state.db.counts().await {
		for s in State::ALL {
			let n = counts.iter().find(|(c, _)| *c == s).map(|(_, n)| *n).unwrap_or(0);
			state
				.metrics
				.bundles
				.with_label_values(&[s.as_str()])
				.set(i64::try_from(n).unwrap_or(i64::MAX));
		}
	}
	([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render()).into_response()
}
