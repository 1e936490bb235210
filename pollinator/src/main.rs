//! `pollinate`: the Pollinate keeper daemon. `pollinate --help` lists the commands.

use clap::{Parser, Subcommand};

/// The Pollinate keeper daemon: relays pay-after bundles for their fee and runs periodic tasks
/// for their nectar.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Prints a commented configuration with fresh BIP-39 seed words to standard output:
	/// `pollinate genconf > pollinator.toml`.
	Genconf,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
	match Cli::parse().command {
		Command::Genconf => {
			let words = pollinator::keys::fresh_words()?;
			print!("{}", pollinator::config::generate(&words));
		}
	}
	Ok(())
}
