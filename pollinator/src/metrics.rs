//! Prometheus metrics, served at `GET /metrics`.

use prometheus::{
	Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
	Registry, TextEncoder,
};

/// Every metric of the daemon.
pub struct Metrics {
	registry: Registry,
	/// Bundles by state (refreshed from the database at each scrape).
	pub bundles: IntGaugeVec,
	/// Fees received from bundles our extrinsics ran (planck, as quoted).
	pub fees_earned: IntCounter,
	/// Extrinsic fees paid (planck, as quoted).
	pub fees_spent: IntCounter,
	/// Nectar received from periodic tasks (planck, as quoted).
	pub nectar_earned: IntCounter,
	/// The relayer's free balance.
	pub balance: IntGauge,
	/// Best block.
	pub best_block: IntGauge,
	/// Finalized block.
	pub finalized_block: IntGauge,
	/// RPC errors.
	pub rpc_errors: IntCounter,
	/// HTTP requests by route and status.
	pub http: IntCounterVec,
	/// Seconds from a bundle's receipt to its finalization.
	pub received_to_finalized: Histogram,
}

fn saturate(v: u128) -> u64 {
	u64::try_from(v).unwrap_or(u64::MAX)
}

impl Metrics {
	/// Registers every metric.
	pub fn new() -> Result<Metrics, prometheus::Error> {
		let registry = Registry::new_custom(Some("pollinator".into()), None)?;
		let bundles = IntGaugeVec::new(Opts::new("bundles", "Bundles by state"), &["state"])?;
		let fees_earned =
			IntCounter::new("fees_earned_planck", "Fees received from bundles we ran")?;
		let fees_spent = IntCounter::new("fees_spent_planck", "Extrinsic fees paid")?;
		let nectar_earned = IntCounter::new("nectar_earned_planck", "Nectar received from tasks")?;
		let balance =
			IntGauge::new("balance_planck", "The relayer's free balance (saturated to i64)")?;
		let best_block = IntGauge::new("best_block", "Best block number")?;
		let finalized_block = IntGauge::new("finalized_block", "Finalized block number")?;
		let rpc_errors = IntCounter::new("rpc_errors", "Errors talking to the node")?;
		let http =
			IntCounterVec::new(Opts::new("http_requests", "HTTP requests"), &["route", "status"])?;
		let received_to_finalized = Histogram::with_opts(
			HistogramOpts::new("received_to_finalized_seconds", "From receipt to finalization")
				.buckets(vec![1.0, 6.0, 12.0, 30.0, 60.0, 120.0, 300.0, 900.0, 3600.0, 86400.0]),
		)?;
		registry.register(Box::new(bundles.clone()))?;
		registry.register(Box::new(fees_earned.clone()))?;
		registry.register(Box::new(fees_spent.clone()))?;
		registry.register(Box::new(nectar_earned.clone()))?;
		registry.register(Box::new(balance.clone()))?;
		registry.register(Box::new(best_block.clone()))?;
		registry.register(Box::new(finalized_block.clone()))?;
		registry.register(Box::new(rpc_errors.clone()))?;
		registry.register(Box::new(http.clone()))?;
		registry.register(Box::new(received_to_finalized.clone()))?;
		Ok(Metrics {
			registry,
			bundles,
			fees_earned,
			fees_spent,
			nectar_earned,
			balance,
			best_block,
			finalized_block,
			rpc_errors,
			http,
			received_to_finalized,
		})
	}

	/// Adds planck to a counter (saturating at `u64::MAX`).
	pub fn add(counter: &IntCounter, planck: u128) {
		counter.inc_by(saturate(planck));
	}

	/// Sets a gauge from a u128 or u64 (saturating).
	pub fn set(gauge: &IntGauge, value: u128) {
		gauge.set(i64::try_from(value).unwrap_or(i64::MAX));
	}

	/// The text exposition.
	pub fn render(&self) -> String {
		let mut out = Vec::new();
		let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
		String::from_utf8(out).unwrap_or_default()
	}
}
