export {
  ApiError,
  AuthError,
  BusinessError,
  type CallOptions,
  ConnectionError,
  type LogEntry,
  type Logger,
  TelcopayError,
  TimeoutError,
  ValidationError,
} from '@telcopay/core';
export {
  createQvatelClient,
  QVATEL_ENVIRONMENTS,
  type QvatelClient,
  type QvatelClientOptions,
  type QvatelEnvironment,
  type RechargeBalance,
  type RechargeSent,
  type RechargeStatus,
  type SendRechargeInput,
} from './client.js';
export { normaliseDestino, validateMonto } from './destino.js';
export type { components, operations, paths } from './generated/schema.js';
