/**
 * @power-suite/pollinate: the Pollinate client library for the power suite.
 *
 * - Fee policies (`makeFee`, `makeInvalid`, `encodePolicy`, `feeAt`...): pure, bit for bit as
 *   `power_primitives::fee`.
 * - Bundles (`bundlePayload`, `dataHash`, `wrapBytes`, `encodeBundle`, `signPayload`): pure, byte
 *   for byte as `pallet_pay_after::types`.
 * - The chain (`prepareCall`, `signCalls`, `estimate`): through a caller's `ApiPromise`.
 * - The pollinator (`submit`, `status`): HTTP with `fetch`.
 */

export {
  type ClientErrorCode,
  type FeeErrorCode,
  type PollinateErrorCode,
  PollinateError,
  isPollinateError,
} from './errors.js';
export {
  type FeeAt,
  type TimeUnitInfo,
  type TimeUnitName,
  FeeEntry,
  FeePolicy,
  FeeTime,
  INVALID_EXPONENT,
  INVALID_MARKER_BITS,
  LAST_BIT,
  MAX_COUNT,
  MAX_ENTRIES,
  TIME_UNITS,
  checkPolicy,
  decodePolicy,
  encodePolicy,
  expiresAfter,
  feeAt,
  makeFee,
  makeInvalid,
  policyWords,
} from './fee.js';
export {
  type AccountLike,
  type BundleInput,
  type BytesLike,
  type HexString,
  type MultiSignature,
  type PayloadInput,
  type SignatureType,
  BUNDLE_TAG,
  MULTI_SIGNATURE_TYPES,
  WRAP_POSTFIX,
  WRAP_PREFIX,
  bundlePayload,
  dataHash,
  decodeMultiSignature,
  encodeBundle,
  encodeMultiSignature,
  toAccountId,
  toHex,
  wrapBytes,
} from './bundle.js';
export {
  type InjectedAccount,
  type PayloadSignature,
  type PollinateSigner,
  type RawSignRequest,
  type SignOptions,
  type SignRaw,
  identifySignature,
  signPayload,
  signerAccountId,
  verifyRaw,
} from './sign.js';
export {
  type CallInput,
  type CallLike,
  type Estimate,
  type EstimateOptions,
  type SignCallsOptions,
  type SignedBundle,
  buildSignedBundle,
  chainTimeSeconds,
  estimate,
  prepareCall,
  signCalls,
} from './chain.js';
export {
  type PayAfterExecuted,
  type PayAfterFailed,
  type PayAfterParseError,
  type PayAfterRecord,
  type PayAfterWaiting,
  type PollinatorOptions,
  type SubmitResponse,
  classifyResponse,
  status,
  submit,
} from './pollinator.js';
