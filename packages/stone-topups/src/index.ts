export type { CallOptions, LogEntry, Logger } from '@telcopay/core';
// The error classes every method may throw, so callers need no second import.
export * from '@telcopay/core/errors';
export type { PrivateKeyInput } from './assertion.js';
export { ChallengeRequiredError } from './challenge.js';
export {
  type ConfirmResult,
  createStoneTopupsClient,
  type SolveChallengeInput,
  type StoneTopupsClient,
  type StoneTopupsClientOptions,
} from './client.js';
export {
  STONE_TOPUPS_ACCOUNTS_URLS,
  STONE_TOPUPS_ENVIRONMENTS,
  type StoneTopupsEnvironment,
} from './environments.js';
/** The provider's manifest: name, currency, mock port, environments, secret names. */
export { MANIFEST as STONE_TOPUPS_MANIFEST } from './generated/manifest.js';
export type { components, operations, paths } from './generated/schema.js';
export type * from './generated/types.js';
export type { ConfirmInput, ConfirmRetry, TopupInput } from './topup-input.js';
