//! The ledger logic: what the calls delegate to, and the pub fns the tightly coupled pallets call.

#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use crate::{pallet::*, types::MinerClaim, BalanceOf, PowerDelta, WeightInfo as _};
use frame_support::{
	dispatch::DispatchResultWithPostInfo,
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Contains},
	weights::WeightMeter,
};
use power_primitives::power;
use sp_runtime::{
	traits::{CheckedAdd, Saturating, UniqueSaturatedInto, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Registers `miner` and holds [`Config::MinerDeposit`] from it.
	///
	/// The storage-provider pallet calls this when a provider registers without a miner yet.
	pub fn do_create_miner(miner: &T::AccountId) -> DispatchResult {
		ensure!(!MinerClaims::<T>::contains_key(miner), Error::<T>::MinerAlreadyExists);
		let deposit: BalanceOf<T> = T::MinerDeposit::get();
		T::Currency::hold(&HoldReason::MinerDeposit.into(), miner, deposit)?;
		MinerClaims::<T>::insert(miner, MinerClaim::<T>::new(deposit));
		Self::deposit_event(Event::MinerCreated { miner: miner.clone(), deposit });
		Ok(())
	}

	/// Unregisters `miner`, which must have no raw power and not be in use
	/// ([`Config::MinerInUse`]), and releases its deposit. Returns the deposit released.
	///
	/// The storage-provider pallet calls this when a provider unregisters (after removing the
	/// registration that makes the miner in use).
	pub fn do_remove_miner(miner: &T::AccountId) -> Result<BalanceOf<T>, DispatchError> {
		let claim = MinerClaims::<T>::get(miner).ok_or(Error::<T>::MinerNotFound)?;
		ensure!(!T::MinerInUse::contains(miner), Error::<T>::MinerInUse);
		// Every stake is non-zero and their sum is at most the raw power, so no raw power means no
		// delegations either (checked by `try_state`).
		ensure!(claim.raw_bytes_power.is_zero(), Error::<T>::MinerHasPower);
		T::Currency::release(
			&HoldReason::MinerDeposit.into(),
			miner,
			claim.deposit,
			Precision::BestEffort,
		)?;
		MinerClaims::<T>::remove(miner);
		Self::deposit_event(Event::MinerRemoved { miner: miner.clone(), deposit: claim.deposit });
		Ok(claim.deposit)
	}

	/// Adds `amount` to `miner`'s stake on `collator`. A new stake must be at least
	/// [`Config::MinDelegation`]; on a full collator it displaces the smallest stake if it is
	/// larger. Returns the weight used.
	pub(crate) fn do_delegate_power(
		miner: &T::AccountId,
		collator: &T::CollatorId,
		amount: T::StoragePower,
	) -> DispatchResultWithPostInfo {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(T::CollatorRegistry::contains(collator), Error::<T>::NotACollatorCandidate);
		ensure!(!RemovedCollators::<T>::contains_key(collator), Error::<T>::CollatorBeingRemoved);
		let mut claim = MinerClaims::<T>::get(miner).ok_or(Error::<T>::MinerNotFound)?;
		ensure!(amount <= claim.undelegated_power(), Error::<T>::InsufficientUndelegatedPower);

		// The stake after the call, and the stake it displaces, if any.
		let mut displaced: Option<(T::AccountId, T::StoragePower)> = None;
		let existing = claim.staked_power.get(collator).copied();
		let new_stake = match existing {
			// The sum of stakes stays at most the raw power, so this cannot overflow.
			Some(stake) => stake.checked_add(&amount).ok_or(Error::<T>::PowerOverflow)?,
			None => {
				ensure!(amount >= T::MinDelegation::get(), Error::<T>::DelegationBelowMinimum);
				ensure!(
					(claim.staked_power.len() as u64) < u64::from(T::MaxDelegationsPerMiner::get()),
					Error::<T>::TooManyDelegations
				);
				if CollatorDelegatorCount::<T>::get(collator) >= T::MaxDelegatorsPerCollator::get()
				{
					let (victim, smallest) =
						Self::smallest_stake(collator).ok_or(Error::<T>::TooManyDelegators)?;
					ensure!(amount > smallest, Error::<T>::TooManyDelegators);
					displaced = Some((victim, smallest));
				}
				amount
			}
		};
		let removed = displaced.as_ref().map(|(_, stake)| *stake).unwrap_or_default();
		let collator_power = CollatorPower::<T>::get(collator)
			.saturating_sub(removed)
			.checked_add(&amount)
			.ok_or(Error::<T>::PowerOverflow)?;
		let total = TotalDelegatedPower::<T>::get()
			.saturating_sub(removed)
			.checked_add(&amount)
			.ok_or(Error::<T>::PowerOverflow)?;
		claim
			.staked_power
			.try_insert(collator.clone(), new_stake)
			.map_err(|_| Error::<T>::TooManyDelegations)?;

		// Every check passed: write.
		if let Some((victim, stake)) = &displaced {
			MinerClaims::<T>::mutate(victim, |maybe_claim| {
				if maybe_claim.as_mut().and_then(|c| c.staked_power.remove(collator)).is_none() {
					frame_support::defensive!("the reverse index names a stake that is missing");
				}
			});
			// One delegator out, one in: the count stays.
			CollatorDelegators::<T>::remove(collator, victim);
			Self::deposit_event(Event::DelegationDisplaced {
				miner: victim.clone(),
				collator: collator.clone(),
				amount: *stake,
				by: miner.clone(),
			});
		} else if existing.is_none() {
			CollatorDelegatorCount::<T>::mutate(collator, |count| *count = count.saturating_add(1));
		}
		CollatorDelegators::<T>::insert(collator, miner, new_stake);
		MinerClaims::<T>::insert(miner, claim);
		CollatorPower::<T>::insert(collator, collator_power);
		TotalDelegatedPower::<T>::put(total);
		Self::deposit_event(Event::PowerDelegated {
			miner: miner.clone(),
			collator: collator.clone(),
			amount,
			collator_power,
		});
		let weight = if displaced.is_some() {
			T::WeightInfo::delegate_power_displacing()
		} else {
			T::WeightInfo::delegate_power()
		};
		Ok(Some(weight).into())
	}

	/// The most `delegate_power` can weigh: a plain delegation or one that displaces the
	/// smallest stake of a full collator.
	pub fn delegate_power_max_weight() -> Weight {
		T::WeightInfo::delegate_power().max(T::WeightInfo::delegate_power_displacing())
	}

	/// The smallest stake on `collator` and its miner (the first found among equals). Reads the
	/// collator's reverse-index prefix: at most [`Config::MaxDelegatorsPerCollator`] entries.
	pub fn smallest_stake(collator: &T::CollatorId) -> Option<(T::AccountId, T::StoragePower)> {
		CollatorDelegators::<T>::iter_prefix(collator).fold(None, |smallest, (miner, stake)| {
			match smallest {
				Some((_, least)) if least <= stake => smallest,
				_ => Some((miner, stake)),
			}
		})
	}

	/// Takes `amount` back from `miner`'s stake on `collator`. What stays on a live collator
	/// must be zero or at least [`Config::MinDelegation`]; on a removed collator anything goes.
	pub(crate) fn do_undelegate_power(
		miner: &T::AccountId,
		collator: &T::CollatorId,
		amount: T::StoragePower,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut claim = MinerClaims::<T>::get(miner).ok_or(Error::<T>::MinerNotFound)?;
		let stake = claim.staked_power.get_mut(collator).ok_or(Error::<T>::DelegationNotFound)?;
		ensure!(amount <= *stake, Error::<T>::InsufficientDelegatedPower);
		let remaining = stake.saturating_sub(amount);
		ensure!(
			remaining.is_zero()
				|| remaining >= T::MinDelegation::get()
				|| RemovedCollators::<T>::contains_key(collator),
			Error::<T>::DelegationBelowMinimum
		);
		*stake = remaining;
		if remaining.is_zero() {
			claim.staked_power.remove(collator);
			Self::unindex_delegator(collator, miner);
		} else {
			CollatorDelegators::<T>::insert(collator, miner, remaining);
		}
		// A removed collator has no power entry: this leaves it without one.
		let collator_power = Self::reduce_collator_power(collator, amount);
		TotalDelegatedPower::<T>::mutate(|total| *total = total.saturating_sub(amount));
		MinerClaims::<T>::insert(miner, claim);
		Self::deposit_event(Event::PowerUndelegated {
			miner: miner.clone(),
			collator: collator.clone(),
			amount,
			collator_power,
		});
		Ok(())
	}

	/// Raises or cuts `miner`'s raw power. **Only the storage-provider pallet calls this.**
	///
	/// - An increase raises the raw power; delegations stay as they are.
	/// - A decrease scales every delegation of the miner by `new_raw / old_raw`, rounding down,
	///   and reduces each collator's power by exactly what its stake lost. A decrease larger than
	///   the raw power is a bug in the caller: it is clamped to the raw power, logged and reported
	///   with [`Event::MinerPowerDecreaseClamped`], and never panics.
	/// - A zero delta changes nothing.
	///
	/// Errors with [`Error::MinerNotFound`] for an unknown miner and [`Error::PowerOverflow`] if
	/// an increase would overflow. Nothing is written on error.
	///
	/// Weight: `WeightInfo::update_miner_power_increase()` or
	/// `WeightInfo::update_miner_power_decrease(MaxDelegationsPerMiner)`, which the caller
	/// accounts for.
	pub fn update_miner_power(
		miner: &T::AccountId,
		delta: PowerDelta<T::StoragePower>,
	) -> DispatchResult {
		let mut claim = MinerClaims::<T>::get(miner).ok_or(Error::<T>::MinerNotFound)?;
		match delta {
			PowerDelta::Increase(amount) => {
				if amount.is_zero() {
					return Ok(());
				}
				let raw_power =
					claim.raw_bytes_power.checked_add(&amount).ok_or(Error::<T>::PowerOverflow)?;
				let total = TotalRawPower::<T>::get()
					.checked_add(&amount)
					.ok_or(Error::<T>::PowerOverflow)?;
				claim.raw_bytes_power = raw_power;
				MinerClaims::<T>::insert(miner, claim);
				TotalRawPower::<T>::put(total);
				Self::deposit_event(Event::MinerPowerIncreased {
					miner: miner.clone(),
					amount,
					raw_power,
				});
			}
			PowerDelta::Decrease(amount) => {
				if amount.is_zero() {
					return Ok(());
				}
				Self::decrease_miner_power(miner, claim, amount);
			}
		}
		Ok(())
	}

	/// Cuts `claim`'s raw power by `amount` (clamped) and scales its delegations down.
	fn decrease_miner_power(
		miner: &T::AccountId,
		mut claim: MinerClaim<T>,
		amount: T::StoragePower,
	) {
		let old_raw: u128 = claim.raw_bytes_power.unique_saturated_into();
		let cut = power::decrease(old_raw, amount.unique_saturated_into());
		let removed: T::StoragePower = cut.removed.unique_saturated_into();
		if cut.clamped {
			log::error!(
				target: LOG_TARGET,
				"update_miner_power: decrease of {amount:?} exceeds the raw power {old_raw} of \
				 {miner:?}; clamped",
			);
			Self::deposit_event(Event::MinerPowerDecreaseClamped {
				miner: miner.clone(),
				requested: amount,
				removed,
			});
		}

		let mut delegation_removed = T::StoragePower::zero();
		claim.staked_power.retain(|collator, stake| {
			let scaled: T::StoragePower =
				power::scale_stake((*stake).unique_saturated_into(), cut.new_raw, old_raw)
					.unique_saturated_into();
			let lost = stake.saturating_sub(scaled);
			if !lost.is_zero() {
				Self::reduce_collator_power(collator, lost);
				delegation_removed = delegation_removed.saturating_add(lost);
			}
			*stake = scaled;
			if scaled.is_zero() {
				Self::unindex_delegator(collator, miner);
			} else if !lost.is_zero() {
				CollatorDelegators::<T>::insert(collator, miner, scaled);
			}
			!scaled.is_zero()
		});

		claim.raw_bytes_power = cut.new_raw.unique_saturated_into();
		let raw_power = claim.raw_bytes_power;
		MinerClaims::<T>::insert(miner, claim);
		TotalRawPower::<T>::mutate(|total| *total = total.saturating_sub(removed));
		TotalDelegatedPower::<T>::mutate(|total| *total = total.saturating_sub(delegation_removed));
		Self::deposit_event(Event::MinerPowerDecreased {
			miner: miner.clone(),
			amount: removed,
			raw_power,
			delegation_removed,
		});
	}

	/// The total power delegated to `collator`, in O(1). The selection pallet reads it each
	/// session.
	pub fn get_collator_power(collator: &T::CollatorId) -> T::StoragePower {
		CollatorPower::<T>::get(collator)
	}

	/// Removes `collator`, in O(1): its power drops to zero at once (so it is never drawn
	/// again) and it is added to [`RemovedCollators`]; its delegations go back to their miners
	/// lazily, in `on_idle` ([`Pallet::return_delegations`]), or when a miner calls
	/// `undelegate_power`. The selection pallet calls this when a collator leaves or is kicked.
	///
	/// Until its delegations are all returned, the collator takes no new delegation. Returns the
	/// weight it used, `WeightInfo::remove_collator()`.
	pub fn remove_collator(collator: &T::CollatorId) -> Weight {
		let delegators = CollatorDelegatorCount::<T>::get(collator);
		let power_returned = CollatorPower::<T>::take(collator);
		if delegators > 0 {
			RemovedCollators::<T>::insert(collator, ());
			Self::deposit_event(Event::CollatorRemoved {
				collator: collator.clone(),
				delegators,
				power_returned,
			});
		}
		T::WeightInfo::remove_collator()
	}

	/// Returns delegations of removed collators to their miners, as many as `meter` allows: one
	/// `WeightInfo::return_delegations(0)` to start, then one step of
	/// `return_delegations(1) - return_delegations(0)` per delegation returned or per collator
	/// found cleared. Every read is paid for before it is made.
	pub fn return_delegations(meter: &mut WeightMeter) {
		let base = T::WeightInfo::return_delegations(0);
		let step = T::WeightInfo::return_delegations(1).saturating_sub(base);
		if meter.try_consume(base).is_err() {
			return;
		}
		while let Some(collator) = RemovedCollators::<T>::iter_keys().next() {
			loop {
				if meter.try_consume(step).is_err() {
					return;
				}
				match CollatorDelegators::<T>::iter_prefix(&collator).next() {
					Some((miner, _)) => Self::return_delegation(&collator, &miner),
					None => {
						RemovedCollators::<T>::remove(&collator);
						CollatorDelegatorCount::<T>::remove(&collator);
						Self::deposit_event(Event::CollatorCleared { collator: collator.clone() });
						break;
					}
				}
			}
		}
	}

	/// Returns `miner`'s stake on the removed `collator` to it.
	fn return_delegation(collator: &T::CollatorId, miner: &T::AccountId) {
		Self::unindex_delegator(collator, miner);
		let amount = MinerClaims::<T>::mutate(miner, |maybe_claim| {
			maybe_claim.as_mut().and_then(|claim| claim.staked_power.remove(collator))
		})
		.unwrap_or_else(|| {
			frame_support::defensive!("the reverse index names a miner without a stake");
			Zero::zero()
		});
		TotalDelegatedPower::<T>::mutate(|total| *total = total.saturating_sub(amount));
		Self::deposit_event(Event::DelegationReturned {
			miner: miner.clone(),
			collator: collator.clone(),
			amount,
		});
	}

	/// Subtracts `amount` from `collator`'s power, removing the entry at zero. Returns the new
	/// power.
	fn reduce_collator_power(collator: &T::CollatorId, amount: T::StoragePower) -> T::StoragePower {
		CollatorPower::<T>::mutate_exists(collator, |maybe_power| {
			let power = maybe_power.unwrap_or_default().saturating_sub(amount);
			*maybe_power = (!power.is_zero()).then_some(power);
			power
		})
	}

	/// Removes `miner` from `collator`'s reverse index.
	fn unindex_delegator(collator: &T::CollatorId, miner: &T::AccountId) {
		CollatorDelegators::<T>::remove(collator, miner);
		CollatorDelegatorCount::<T>::mutate_exists(collator, |count| {
			*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
		});
	}

	/// Checks the pallet's invariants:
	/// - every stake is non-zero, and a miner's stakes sum to at most its raw power;
	/// - every miner holds its recorded deposit;
	/// - every [`CollatorPower`] entry is non-zero and equals the sum of the stakes on it; a
	///   removed collator has none;
	/// - the reverse index (with its copy of each stake) and its counts match the claims, within
	///   their bounds;
	/// - the totals equal the sums.
	///
	/// Compiled with `std` too, so that the tests of every pallet coupled to this one run it
	/// whatever their features.
	#[cfg(any(test, feature = "std", feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::InspectHold;
		let mut total_raw = T::StoragePower::zero();
		let mut total_delegated = T::StoragePower::zero();
		let mut per_collator: BTreeMap<T::CollatorId, (T::StoragePower, u32)> = BTreeMap::new();

		for (miner, claim) in MinerClaims::<T>::iter() {
			let delegated = claim.delegated_power();
			ensure!(delegated <= claim.raw_bytes_power, "a miner delegated more than it has");
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::MinerDeposit.into(), &miner)
					== claim.deposit,
				"a miner's held deposit differs from its recorded deposit"
			);
			for (collator, stake) in claim.staked_power.iter() {
				ensure!(!stake.is_zero(), "a zero stake is stored");
				ensure!(
					CollatorDelegators::<T>::get(collator, &miner) == Some(*stake),
					"a stake is missing from the reverse index, or its copy differs"
				);
				let entry = per_collator.entry(collator.clone()).or_default();
				entry.0 = entry.0.saturating_add(*stake);
				entry.1 = entry.1.saturating_add(1);
			}
			total_raw = total_raw.saturating_add(claim.raw_bytes_power);
			total_delegated = total_delegated.saturating_add(delegated);
		}

		ensure!(TotalRawPower::<T>::get() == total_raw, "TotalRawPower differs from the sum");
		ensure!(
			TotalDelegatedPower::<T>::get() == total_delegated,
			"TotalDelegatedPower differs from the sum"
		);
		for (collator, power) in CollatorPower::<T>::iter() {
			ensure!(!power.is_zero(), "a zero collator power is stored");
			ensure!(
				!RemovedCollators::<T>::contains_key(&collator),
				"a removed collator still has power"
			);
			ensure!(
				per_collator.get(&collator).map(|e| e.0) == Some(power),
				"a collator's power differs from the sum of its stakes"
			);
		}
		for (collator, (power, count)) in per_collator.iter() {
			let expected = if RemovedCollators::<T>::contains_key(collator) {
				T::StoragePower::zero()
			} else {
				*power
			};
			ensure!(CollatorPower::<T>::get(collator) == expected, "a collator's power is missing");
			ensure!(
				CollatorDelegatorCount::<T>::get(collator) == *count,
				"a collator's delegator count differs from its delegators"
			);
			ensure!(
				*count <= T::MaxDelegatorsPerCollator::get(),
				"a collator has more delegators than the bound"
			);
		}
		let indexed = CollatorDelegators::<T>::iter().count();
		let stakes = per_collator.values().fold(0u32, |acc, e| acc.saturating_add(e.1));
		ensure!(indexed == stakes as usize, "the reverse index names stakes that do not exist");
		ensure!(
			CollatorDelegatorCount::<T>::iter().count() == per_collator.len(),
			"a delegator count is stored for a collator without delegators"
		);
		Ok(())
	}
}

/// The log target of this pallet.
pub(crate) const LOG_TARGET: &str = "runtime::collator-power";
