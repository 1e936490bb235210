//! Covering a bundle's fee by swapping some of the signer's asset for the native currency.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{pallet::*, BalanceOf};
use alloc::vec;
use frame_support::{
	ensure,
	traits::{
		fungible::Inspect,
		tokens::{Fortitude, Preservation},
		Get,
	},
};
use pallet_asset_conversion::Swap;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The native currency `signer` still lacks to pay `required` and stay alive.
	pub fn fee_shortfall(signer: &T::AccountId, required: BalanceOf<T>) -> BalanceOf<T> {
		let ed = T::Currency::minimum_balance();
		let free = T::Currency::balance(signer);
		if free < ed {
			// The account must first exist: it needs the existential deposit on top.
			required.saturating_add(ed).saturating_sub(free)
		} else {
			required.saturating_sub(T::Currency::reducible_balance(
				signer,
				Preservation::Preserve,
				Fortitude::Polite,
			))
		}
	}

	/// Swaps at most `max_asset_in` of `signer`'s `asset` for what it lacks of the running
	/// bundle's required fee; see [`Pallet::cover_fee`].
	pub(crate) fn do_cover_fee(
		signer: &T::AccountId,
		asset: T::AssetKind,
		max_asset_in: BalanceOf<T>,
	) -> DispatchResult {
		// Hidden while another mechanism (a periodic task) runs a call inside the bundle: that
		// call is not one the signer signed for.
		let current = Self::current().ok_or(Error::<T>::NoBundleInProgress)?;
		ensure!(current.signer == *signer, Error::<T>::NotTheBundleSigner);
		let native = T::NativeAsset::get();
		ensure!(asset != native, Error::<T>::CannotSwapNative);

		let required = current.fee.saturating_add(current.deposit);
		let native_out = Self::fee_shortfall(signer, required);
		if native_out.is_zero() {
			return Ok(());
		}
		// Bounded by `max_asset_in`: the relayer cannot make the signer sell more than it signed
		// for, whatever the pool's price.
		let asset_in = T::Swap::swap_tokens_for_exact_tokens(
			signer.clone(),
			vec![asset.clone(), native],
			native_out,
			Some(max_asset_in),
			signer.clone(),
			true,
		)?;
		Self::deposit_event(Event::FeeCovered {
			signer: signer.clone(),
			asset,
			asset_in,
			native_out,
		});
		Ok(())
	}
}
