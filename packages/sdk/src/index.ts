// The error classes every call may throw, and money, from core: no second import needed.

// Each provider's whole client package, types included, under its own name.
export * as ChinchinCps from '@telcopay/chinchin-cps';
export {
  type CallOptions,
  CURRENCY_EXPONENTS,
  type Currency,
  formatMinor,
  fromMinor,
  type LogEntry,
  type Logger,
  type Money,
  money,
  toMinor,
} from '@telcopay/core';
export * from '@telcopay/core/errors';
export * as MasstackPartners from '@telcopay/masstack-partners';
export * as Qvatel from '@telcopay/qvatel';
export * as StoneTopups from '@telcopay/stone-topups';
export * as TigoB2bBilling from '@telcopay/tigo-b2b-billing';
export type {
  Balance,
  CatalogItem,
  ProviderCapabilities,
  ProviderKey,
  ProviderName,
  ProviderPlugin,
  TopupBy,
  TopupResult,
  TopupStatus,
} from './adapter.js';
export type { TelcopayEnvironment } from './environment.js';
export { chinchinCps } from './providers/chinchin-cps.js';
export { masstackPartners } from './providers/masstack-partners.js';
export { QVATEL_DENOMINATIONS, qvatel } from './providers/qvatel.js';
export { type StoneTopupRaw, stoneTopups } from './providers/stone-topups.js';
export { tigoB2bBilling } from './providers/tigo-b2b-billing.js';
export {
  type BalanceAnswers,
  type BalanceProvider,
  type CatalogProvider,
  createTelcopay,
  type ProviderClients,
  type ProviderRequest,
  type Telcopay,
  type TelcopayConfig,
  type TelcopayFacade,
  type TopupAnswers,
} from './telcopay.js';
export type { TopupProvider, TopupRequest } from './topup-request.js';
