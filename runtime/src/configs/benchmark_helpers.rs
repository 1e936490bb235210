//! What the pallets' benchmarks need from this runtime: candidates with session keys, a clock,
//! and a signer with a funded asset pool. Only built with `runtime-benchmarks`.

use crate::{
	configs::AssetKind, AccountId, Balance, Balances, PowerSelection, Runtime, RuntimeOrigin,
	Session, SessionKeys, UNIT,
};
use codec::Encode;
use frame_support::traits::fungible::Mutate;
use sp_core::{crypto::KeyTypeId, sr25519};
use sp_runtime::{traits::IdentifyAccount, MultiSignature, MultiSigner};

/// Collator candidates for the collator-power and power-selection benchmarks.
pub struct Collators;

impl pallet_power_selection::BenchmarkHelper<AccountId> for Collators {
	fn register_session_keys(who: &AccountId) {
		let _ = Balances::mint_into(who, 10 * UNIT);
		// Generates an Aura key in the benchmark's keystore, with its proof of possession
		// signed over the owner's encoding, as `Session::set_keys` checks.
		let generated = SessionKeys::generate(&who.encode(), None);
		let result = Session::set_keys(
			RuntimeOrigin::signed(who.clone()),
			generated.keys,
			generated.proof.encode(),
		);
		assert!(result.is_ok(), "set_keys failed: {result:?}");
	}
}

impl pallet_collator_power::BenchmarkHelper<AccountId> for Collators {
	fn collator(index: u32) -> AccountId {
		use frame_support::traits::Contains;
		use pallet_power_selection::BenchmarkHelper;
		let who: AccountId = frame_benchmarking::account("collator", index, 0);
		// A benchmark may ask for the same collator twice (to delegate, then to name it).
		if pallet_power_selection::IsCandidate::<Runtime>::contains(&who) {
			return who;
		}
		let bond = pallet_power_selection::CandidacyBond::<Runtime>::get();
		let _ = Balances::mint_into(&who, bond.saturating_add(100 * UNIT));
		Self::register_session_keys(&who);
		let result = PowerSelection::register_as_candidate(RuntimeOrigin::signed(who.clone()));
		assert!(result.is_ok(), "register_as_candidate failed: {result:?}");
		who
	}
}

/// Sets pallet-timestamp's clock for the periodic benchmarks.
pub struct Clock;

impl pallet_periodic::BenchmarkHelper for Clock {
	fn set_time(secs: u64) {
		pallet_timestamp::Now::<Runtime>::put(secs.saturating_mul(1000));
	}
}

/// The key type of the pay-after benchmark signer.
const PAY_AFTER_KEY: KeyTypeId = KeyTypeId(*b"payb");
/// The asset the pay-after benchmarks swap from.
const BENCH_ASSET: u32 = 4242;

/// A signer in the benchmark keystore, and a pool to swap in.
pub struct PayAfterHelper;

impl PayAfterHelper {
	fn public() -> sr25519::Public {
		sp_io::crypto::sr25519_generate(PAY_AFTER_KEY, Some(b"//PayAfterBench".to_vec()))
	}
}

impl pallet_pay_after::BenchmarkHelper<Runtime> for PayAfterHelper {
	fn signer() -> AccountId {
		MultiSigner::from(Self::public()).into_account()
	}

	fn sign(payload: &[u8]) -> MultiSignature {
		let public = Self::public();
		let signature = sp_io::crypto::sr25519_sign(PAY_AFTER_KEY, &public, payload)
			.unwrap_or_else(|| panic!("the benchmark keystore has the key it generated"));
		MultiSignature::Sr25519(signature)
	}

	fn setup_swap(who: &AccountId, native_out: Balance) -> AssetKind {
		use frame_support::traits::fungibles::{Create, Mutate as FungiblesMutate};
		let admin: AccountId = frame_benchmarking::account("pool-admin", 0, 0);
		let liquidity = native_out.saturating_mul(1_000).saturating_add(1_000 * UNIT);
		let _ = Balances::mint_into(&admin, liquidity.saturating_mul(3));
		let _ = Balances::mint_into(who, crate::EXISTENTIAL_DEPOSIT);
		if !<crate::Assets as frame_support::traits::fungibles::Inspect<AccountId>>::asset_exists(
			BENCH_ASSET,
		) {
			let created =
				<crate::Assets as Create<AccountId>>::create(BENCH_ASSET, admin.clone(), true, 1);
			assert!(created.is_ok(), "asset creation failed: {created:?}");
		}
		let minted = <crate::Assets as FungiblesMutate<AccountId>>::mint_into(
			BENCH_ASSET,
			&admin,
			liquidity.saturating_mul(2),
		);
		assert!(minted.is_ok(), "mint failed: {minted:?}");
		let minted =
			<crate::Assets as FungiblesMutate<AccountId>>::mint_into(BENCH_ASSET, who, liquidity);
		assert!(minted.is_ok(), "mint failed: {minted:?}");
		let native = Box::new(AssetKind::Native);
		let asset = Box::new(AssetKind::WithId(BENCH_ASSET));
		let origin = RuntimeOrigin::signed(admin.clone());
		let created =
			crate::AssetConversion::create_pool(origin.clone(), native.clone(), asset.clone());
		assert!(created.is_ok(), "pool creation failed: {created:?}");
		let added = crate::AssetConversion::add_liquidity(
			origin, native, asset, liquidity, liquidity, 1, 1, admin,
		);
		assert!(added.is_ok(), "adding liquidity failed: {added:?}");
		AssetKind::WithId(BENCH_ASSET)
	}
}

use alloc::boxed::Box;
