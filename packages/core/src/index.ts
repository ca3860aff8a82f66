export {
  type AuthStrategy,
  type Credentials,
  type ExpiredTokenHandling,
  NO_AUTH,
  type OutgoingRequest,
  requireCredential,
} from './auth.js';
export {
  type BearerAuthOptions,
  bearerAuth,
  cachedBearerAuth,
  type TokenSource,
} from './bearer.js';
export {
  type ClientOptions,
  createProviderRuntime,
  type ProviderDefinition,
  type ProviderRuntime,
} from './client.js';
export {
  type ClientMethods,
  clientMethods,
  type MethodDefinitions,
  manifestRuntime,
  requireCredentials,
} from './client-methods.js';
export {
  type ApiName,
  type EndpointOptions,
  type ProviderManifest,
  resolveBaseUrl,
} from './environment.js';
export {
  ApiError,
  AuthError,
  BusinessError,
  ConnectionError,
  type ErrorDetails,
  isRetryableStatus,
  OutcomeUnknownError,
  type Reconciliation,
  TelcopayError,
  TimeoutError,
  ValidationError,
} from './errors.js';
export { isUuid } from './idempotency.js';
export { consoleLogger, type LogEntry, type Logger, type LogLevel } from './logger.js';
export {
  CURRENCY_EXPONENTS,
  type Currency,
  formatMinor,
  fromMinor,
  isCurrency,
  type Money,
  type MoneyContext,
  money,
  toMinor,
} from './money.js';
export {
  type CallOptions,
  DEFAULT_TIMEOUT_MS,
  type OperationPlan,
  type RunOperation,
  type Safety,
  type SendResult,
} from './operation.js';
export {
  type CallIds,
  type HttpMethod,
  type MappedRequest,
  mayTake,
  type OperationContract,
  type OperationDefinition,
  type OperationMethods,
  type OperationOf,
  type OperationRequest,
  type OperationTable,
  operationMethods,
  type Sent,
  type SpecInput,
  type SuccessData,
  specInput,
  takes,
  takesValue,
} from './operations.js';
export { type InputSite, invalidField, type ParameterContract } from './parameters.js';
export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryAfterMs,
} from './retry.js';
export { isSensitiveKey, REDACTED, SecretRegistry } from './secrets.js';
export type {
  AttemptTelemetry,
  CallFacts,
  CallTelemetry,
  HttpFacts,
  RetryReport,
  Telemetry,
} from './telemetry.js';
export {
  createTokenCache,
  type IssuedToken,
  type TokenCache,
  type TokenCacheOptions,
} from './token-cache.js';
