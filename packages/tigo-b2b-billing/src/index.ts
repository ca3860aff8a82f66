export type { CallOptions, LogEntry, Logger } from '@telcopay/core';
// The error classes every method may throw, so callers need no second import.
export * from '@telcopay/core/errors';
export {
  type CustomerInput,
  createTigoB2bBillingClient,
  type GetPartyCharacteristicsInput,
  type IterateContractsInput,
  type ListContractsInput,
  type PaymentInput,
  type TigoB2bBillingClient,
  type TigoB2bBillingClientOptions,
} from './client.js';
export {
  billingEnvironments,
  TIGO_B2B_BILLING_ENVIRONMENTS,
  type TigoB2bBillingEnvironment,
} from './environments.js';
/** The provider's manifest: name, currency, mock port, environments, secret names. */
export { MANIFEST as TIGO_B2B_BILLING_MANIFEST } from './generated/manifest.js';
export type {
  GetContractParams as GetContractInput,
  ListBillPaymentsParams as ListBillPaymentsInput,
  ListBillsParams as ListBillsInput,
  ValidatePaymentByCouponParams as ValidatePaymentByCouponInput,
  ValidatePaymentParams as ValidatePaymentInput,
} from './generated/operations.js';
export type { components, operations, paths } from './generated/schema.js';
export type * from './generated/types.js';
export type { CharacteristicField, NumericId } from './input.js';
