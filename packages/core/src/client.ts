import createClient, { type Client, removeTrailingSlash } from 'openapi-fetch';
import { type AuthStrategy, authMiddleware } from './auth.js';
import { type EndpointOptions, resolveBaseUrl } from './environment.js';
import { type Logger, redactingLogger } from './logger.js';
import { createOperationRunner, DEFAULT_TIMEOUT_MS, type RunOperation } from './operation.js';
import { loggingMiddleware } from './request-log.js';
import { DEFAULT_RETRY_POLICY, RetryBudget, type RetryPolicy } from './retry.js';
import { SecretRegistry } from './secrets.js';
import type { Telemetry } from './telemetry.js';
import { fetchTransport, type Transport } from './transport.js';

/** The options every telcopay client takes besides its credentials. */
export interface ClientOptions<Environment extends string> extends EndpointOptions<Environment> {
  /** A fetch to send requests with (a test double, a proxy agent…); defaults to the global one. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Per-attempt timeout in milliseconds, for every call of this client. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retries of a retry-safe call after its first attempt. Default 2; 0 turns retries off. */
  maxRetries?: number | undefined;
  /** The rest of the retry policy (backoff, budget); `maxRetries` above wins. */
  retry?: Partial<RetryPolicy> | undefined;
  /** Extra headers sent on every request. */
  headers?: Record<string, string> | undefined;
  /** A hook that receives structured, redacted log entries. */
  logger?: Logger | undefined;
  /**
   * Where each call's spans and metrics go: `openTelemetry()` from `@telcopay/core/opentelemetry`.
   * Without it, nothing is recorded and nothing is paid for.
   */
  telemetry?: Telemetry | undefined;
}

/** What a provider package tells core about itself. */
export interface ProviderDefinition<Environment extends string> {
  /** The package / spec name, used in every error and log entry. */
  provider: string;
  /** The provider's servers by environment name (`production`, `sandbox`, `mock`…). */
  environments: Readonly<Record<Environment, string>>;
  /** Its own header, query and form names that carry credentials (its manifest's). */
  secretNames?: readonly string[] | undefined;
}

/** The pieces a provider client is built from (`operationMethods` turns them into methods). */
export interface ProviderRuntime<Paths extends {}> {
  provider: string;
  /** The underlying openapi-fetch client for callers: authenticated (by middleware) and logged. */
  raw: Client<Paths>;
  /** The methods' own transport: straight to fetch, logged; each call adds its credentials. */
  send: Transport;
  /** Where the calls go. */
  baseUrl: string;
  auth: AuthStrategy;
  run: RunOperation;
  secrets: SecretRegistry;
  logger: Logger;
}

export function createProviderRuntime<Paths extends {}, Environment extends string>(
  definition: ProviderDefinition<Environment>,
  options: ClientOptions<Environment>,
  auth: AuthStrategy,
): ProviderRuntime<Paths> {
  const { provider } = definition;
  const secrets = new SecretRegistry(auth.secrets, definition.secretNames);
  const logger = redactingLogger(options.logger, secrets);
  const baseUrl = removeTrailingSlash(resolveBaseUrl(provider, options, definition.environments));
  const raw = createClient<Paths>({
    baseUrl,
    // Looked up per request, so a fetch patched after the client was built is used.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  raw.use(authMiddleware(auth));
  // Without a hook there is no one to tell: no per-request log bookkeeping at all.
  if (options.logger) raw.use(loggingMiddleware(provider, logger));
  const retry: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...options.retry,
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  };
  const run = createOperationRunner({
    provider,
    secrets,
    logger,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry,
    budget: new RetryBudget(retry.budget),
    expiredToken: auth.expiredToken,
    telemetry: options.telemetry,
  });
  return {
    provider,
    raw,
    send: fetchTransport({
      provider,
      fetch: options.fetch,
      headers: options.headers,
      logger: options.logger ? logger : undefined,
    }),
    baseUrl,
    auth,
    run,
    secrets,
    logger,
  };
}
