export type { CallOptions, LogEntry, Logger } from '@telcopay/core';
// The error classes every method may throw, so callers need no second import.
export * from '@telcopay/core/errors';
export {
  type CreateMovementInput,
  type CreateNonSubscribableMovementInput,
  type CreateNonSubscribableRefundInput,
  type CreateRefundInput,
  createMasstackPartnersClient,
  type MasstackPartnersClient,
  type MasstackPartnersClientOptions,
  type MovementInput,
  type NonSubscribableRefund,
  type ServiceInput,
  type UpdateNonSubscribableMovementInput,
} from './client.js';
export { CORRELATION_HEADER, type Correlated } from './correlation.js';
export {
  isMovementType,
  isServiceType,
  MOVEMENT_TYPES,
  SERVICE_TYPES,
} from './enums.js';
/** The provider's manifest: name, currency, mock port, environments, secret names. */
export {
  ENVIRONMENTS as MASSTACK_PARTNERS_ENVIRONMENTS,
  type Environment as MasstackPartnersEnvironment,
  MANIFEST as MASSTACK_PARTNERS_MANIFEST,
} from './generated/manifest.js';
export type { components, operations, paths } from './generated/schema.js';
export type * from './generated/types.js';
