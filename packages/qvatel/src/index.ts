// The error classes every method may throw, so callers need no second import.

export type { CallOptions, LogEntry, Logger } from '@telcopay/core';
export * from '@telcopay/core/errors';
export {
  createQvatelClient,
  type QvatelClient,
  type QvatelClientOptions,
  type SendRechargeInput,
} from './client.js';
export { normaliseDestino } from './destino.js';
/** The provider's manifest: name, currency, mock port, environments, secret names. */
export {
  ENVIRONMENTS as QVATEL_ENVIRONMENTS,
  type Environment as QvatelEnvironment,
  MANIFEST as QVATEL_MANIFEST,
} from './generated/manifest.js';
export type { components, operations, paths } from './generated/schema.js';
export type * from './generated/types.js';
export { type Monto, validateMonto } from './monto.js';
export type { RawPaths, RawSendRechargeForm } from './raw.js';
