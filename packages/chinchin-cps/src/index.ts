export type { CallOptions, LogEntry, Logger } from '@telcopay/core';
// The error classes every method may throw, so callers need no second import.
export * from '@telcopay/core/errors';
export { ServiceNotBalanceCapableError } from './balance-capability.js';
export {
  type ChinchinCpsClient,
  type ChinchinCpsClientOptions,
  createChinchinCpsClient,
  type PayServiceInput,
} from './client.js';
/** The provider's manifest: name, currency, mock port, environments, secret names. */
export {
  ENVIRONMENTS as CHINCHIN_CPS_ENVIRONMENTS,
  type Environment as ChinchinCpsEnvironment,
  MANIFEST as CHINCHIN_CPS_MANIFEST,
} from './generated/manifest.js';
export type {
  GetServiceBalanceParams as GetServiceBalanceInput,
  ListBasicServicesParams as ListBasicServicesInput,
} from './generated/operations.js';
export type { components, operations, paths } from './generated/schema.js';
export type * from './generated/types.js';
export {
  isServiceId,
  SERVICE_IDS,
  type ServiceId,
  type ServiceName,
  serviceName,
} from './services.js';
