// The account of an AssetConversion pool, without the rest of the page's logic (so that
// setup-chain.mjs, in node, loads one copy of @polkadot/util).

import { blake2AsU8a } from '@polkadot/util-crypto';

/** The account of the pool (Native, WithId(assetId)) in this runtime: pallet-asset-conversion's
 * `AccountIdConverter<"py/ascon", PoolId>`, blake2-256 of SCALE(("py/ascon", pool id)), where
 * the pool id is `(NativeOrWithId::Native, NativeOrWithId::WithId(assetId))` (`WithFirstAsset`). */
export function poolAccount(assetId) {
  const bytes = new Uint8Array(8 + 1 + 1 + 4);
  bytes.set(new TextEncoder().encode('py/ascon'), 0);
  bytes[8] = 0; // NativeOrWithId::Native
  bytes[9] = 1; // NativeOrWithId::WithId
  new DataView(bytes.buffer).setUint32(10, assetId, true);
  return blake2AsU8a(bytes);
}
