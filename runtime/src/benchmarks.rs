//! The pallets benchmarked through the runtime (`--features runtime-benchmarks`).

use crate::{
	AllPalletsWithSystem, CollatorPower, PayAfter, Periodic, PowerSelection, Runtime,
	StorageProvider,
};
use alloc::{string::String, vec::Vec};
use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkError, BenchmarkList};
use frame_support::traits::StorageInfo;

frame_benchmarking::define_benchmarks!(
	[frame_system, frame_system_benchmarking::Pallet::<Runtime>]
	[pallet_collator_power, CollatorPower]
	[pallet_storage_provider, StorageProvider]
	[pallet_power_selection, PowerSelection]
	[pallet_periodic, Periodic]
	[pallet_pay_after, PayAfter]
);

/// What the frame-system benchmarks need: a parachain stores new code through parachain-system.
impl frame_system_benchmarking::Config for Runtime {
	fn setup_set_code_requirements(code: &Vec<u8>) -> Result<(), BenchmarkError> {
		crate::ParachainSystem::initialize_for_set_code_benchmark(code.len() as u32);
		Ok(())
	}

	fn verify_set_code() {
		crate::System::assert_last_event(
			cumulus_pallet_parachain_system::Event::<Runtime>::ValidationFunctionStored.into(),
		);
	}
}

/// The benchmarks this runtime has, and the storage they touch.
pub fn metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	use frame_support::traits::StorageInfoTrait;
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

/// Runs the benchmarks `config` asks for.
pub fn dispatch(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	use frame_support::traits::WhitelistedStorageKeys;

	let mut whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
	// The genesis block's hash: `CheckGenesis` reads it for every signed extrinsic, so any call
	// that reads it again (pay-after's bundle signature covers it) finds it in the block's
	// storage cache and pays no database read for it.
	whitelist.push(frame_system::BlockHash::<Runtime>::hashed_key_for(0u32).to_vec().into());
	// The time: the timestamp inherent, first in every block, writes it, so every extrinsic after
	// it reads it from the block's storage cache.
	whitelist.push(pallet_timestamp::Now::<Runtime>::hashed_key().to_vec().into());
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	Ok(batches)
}
