export type { CallOptions, LogEntry, Logger } from '@telcopay/core';
// The error classes every method may throw, so callers need no second import.
export * from '@telcopay/core/errors';
export type { PrivateKeyInput } from './assertion.js';
export { type Challenge, ChallengeRequiredError } from './challenge.js';
export {
  type ConfirmResult,
  createStoneTopupsClient,
  type Jwks,
  type ProductList,
  type ProviderList,
  type SolveChallengeInput,
  type StoneTopupsClient,
  type StoneTopupsClientOptions,
  type TokenResponse,
  type TopupDryRun,
  type TopupReceipt,
} from './client.js';
export {
  STONE_TOPUPS_ACCOUNTS_URLS,
  STONE_TOPUPS_ENVIRONMENTS,
  type StoneTopupsEnvironment,
} from './environments.js';
/** The provider's manifest: name, currency, mock port, environments, secret names. */
export { MANIFEST as STONE_TOPUPS_MANIFEST } from './generated/manifest.js';
export type { components, operations, paths } from './generated/schema.js';
export type { ConfirmInput, ConfirmRetry, TopupInput } from './topup-input.js';
