//! `pollinate`: the Pollinate keeper daemon. `pollinate --help` lists the commands.

use clap::{Parser, Subcommand};
use pollinator::{
	api::{router, AppState},
	chain::{At, Chain},
	config::Config,
	db::Db,
	engine::{Engine, EngineConfig},
	keys,
	metrics::Metrics,
	node::NodeChain,
};
use std::{net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};

/// The Pollinate keeper daemon: relays pay-after bundles for the fee their policy pays, and runs
/// periodic tasks for their nectar.
///
/// Start with `pollinate genconf > pollinator.toml`, edit it, then `pollinate serve
/// pollinator.toml`. The key is the config's seed words plus a passphrase.
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Prints a commented configuration with fresh BIP-39 seed words to standard output:
	/// `pollinate genconf > pollinator.toml`.
	Genconf,
	/// Runs the daemon: connects to the node, checks the chain and the balance, serves the HTTP
	/// API and relays.
	///
	/// The passphrase comes from --passphrase-file, else from POLLINATE_PASSPHRASE, else it is
	/// asked on the terminal.
	Serve {
		/// The configuration file.
		config: PathBuf,
		/// A file holding the passphrase (its first line).
		#[arg(long)]
		passphrase_file: Option<PathBuf>,
	},
	/// Prints the address that the configuration's words and the passphrase give, and exits.
	Address {
		/// The configuration file.
		config: PathBuf,
		/// A file holding the passphrase (its first line).
		#[arg(long)]
		passphrase_file: Option<PathBuf>,
	},
}

fn passphrase(file: Option<PathBuf>) -> Result<String, Box<dyn std::error::Error>> {
	if let Some(path) = file {
		let text = std::fs::read_to_string(&path)
			.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
		return Ok(text.lines().next().unwrap_or_default().to_string());
	}
	if let Ok(p) = std::env::var("POLLINATE_PASSPHRASE") {
		return Ok(p);
	}
	Ok(rpassword::prompt_password("Passphrase (words + passphrase = your key): ")?)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
		)
		.with_writer(std::io::stderr)
		.init();
	match Cli::parse().command {
		Command::Genconf => {
			let words = keys::fresh_words()?;
			print!("{}", pollinator::config::generate(&words));
		}
		Command::Address { config, passphrase_file } => {
			let config = Config::load(&config)?;
			let key = keys::keypair(&config.seed_words, &passphrase(passphrase_file)?)?;
			println!("{}", keys::ss58(&key.public_key().0));
		}
		Command::Serve { config, passphrase_file } => serve(config, passphrase_file).await?,
	}
	Ok(())
}

async fn serve(
	path: PathBuf,
	passphrase_file: Option<PathBuf>,
) -> Result<(), Box<dyn std::error::Error>> {
	let config = Config::load(&path)?;
	let key = keys::keypair(&config.seed_words, &passphrase(passphrase_file)?)?;
	let address = keys::ss58(&key.public_key().0);
	tracing::info!("pollinator address {address}; connecting to {}", config.rpc);
	let chain = Arc::new(NodeChain::connect(&config.rpc, key, config.mortality_blocks).await?);
	let db = Db::open(&config.database)?;
	let domain = chain.domain();
	db.check_genesis(domain.genesis_hash).await?;
	let (_, balance) = chain.account(At::Best).await?;
	println!("address {address}");
	println!("balance {balance} planck");
	if balance == 0 {
		return Err(format!(
			"{address} has no funds: send it some to pay the fees, then start again"
		)
		.into());
	}
	let metrics = Arc::new(Metrics::new()?);
	let engine_cfg = EngineConfig {
		min_profit: u128::from(config.min_profit),
		tasks: config.tasks.clone(),
		tick: Duration::from_secs(2),
	};
	let (engine, handle) = Engine::new(chain.clone(), db.clone(), engine_cfg, metrics.clone());
	let engine = tokio::spawn(engine.run());
	let state = AppState::new(
		chain,
		db,
		handle,
		config.limits.clone(),
		u128::from(config.min_profit),
		metrics,
	);
	let listener = tokio::net::TcpListener::bind(config.bind).await?;
	tracing::info!("HTTP API on http://{}", config.bind);
	axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
		.with_graceful_shutdown(async {
			let _ = tokio::signal::ctrl_c().await;
		})
		.await?;
	engine.abort();
	Ok(())
}
