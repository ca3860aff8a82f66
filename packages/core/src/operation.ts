import {
  ApiError,
  AuthError,
  BusinessError,
  ConnectionError,
  isRetryableStatus,
  OutcomeUnknownError,
  type Reconciliation,
  TelcopayError,
  TimeoutError,
} from './errors.js';
import type { Logger } from './logger.js';
import { backoffDelay, type RetryBudget, type RetryPolicy, retryAfterMs, sleep } from './retry.js';
import type { SecretRegistry } from './secrets.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Headers a provider may use to name a request; the first present one becomes `requestId`. */
const REQUEST_ID_HEADERS = ['request-correlation-id', 'x-request-id', 'x-correlation-id'];

/** Connection failures that happen before a single byte of the request is sent. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Statuses after which a money-moving request may or may not have been carried out. */
const UNKNOWN_OUTCOME_STATUSES = new Set([500, 502, 504]);

/** Options of one call to a client method. */
export interface CallOptions {
  /** Aborts the call (and its retries); combined with the timeout. */
  signal?: AbortSignal | undefined;
  /** This call's per-attempt timeout in milliseconds (overrides the client's). */
  timeoutMs?: number | undefined;
  /** Extra headers for this call only (e.g. `Prefer` to pick a mock scenario). */
  headers?: Record<string, string> | undefined;
}

/** One send of a request, as openapi-fetch answers it. */
export interface SendResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** How to run one operation of a provider. */
export interface OperationPlan<Data> {
  /** The spec's operationId. */
  operation: string;
  /**
   * True when the same request may be sent again without effect twice: reads, and writes that
   * carry an idempotency key or a caller-unique id. Only such calls are retried after sending.
   */
  idempotent: boolean;
  /** True when the call moves money: a lost answer then becomes an OutcomeUnknownError. */
  moneyMoving?: boolean | undefined;
  /** The correlation id sent with the request, stamped on every error. */
  correlationId?: string | undefined;
  /** The idempotency key or caller-unique id the request carries, stamped on every error. */
  idempotencyKey?: string | undefined;
  /** The request's own references, kept on an OutcomeUnknownError for reconciliation. */
  requestIds?: Record<string, unknown> | undefined;
  /** How to learn the outcome when the answer of this money-moving call is lost. */
  reconcile?: Reconciliation | undefined;
  send(init: { signal: AbortSignal; headers: Record<string, string> }): Promise<SendResult<Data>>;
  /** For a 2xx body: the provider's failure text when the body reports a failure. */
  businessFailure?(data: Data): string | undefined;
}

export type RunOperation = <Data>(plan: OperationPlan<Data>, call?: CallOptions) => Promise<Data>;

/** How a token-based auth recognises a rejected (expired) token and forgets it. */
export interface ExpiredTokenHandling {
  matches(status: number, body: unknown): boolean;
  invalidate(): void;
}

export interface RunnerContext {
  provider: string;
  secrets: SecretRegistry;
  logger: Logger;
  timeoutMs: number;
  retry: RetryPolicy;
  budget: RetryBudget;
  /** When set, a rejected token is dropped, and an idempotent call is sent once more. */
  expiredToken?: ExpiredTokenHandling | undefined;
  /** Whether the request made with this attempt signal reached fetch (unknown: assume it did). */
  wasDispatched?: ((signal: AbortSignal) => boolean) | undefined;
}

/**
 * Runs operations: one home for timeouts, retries and error typing. Each attempt either yields
 * the success body or a typed, redacted error; the error's `retryable` says whether sending again
 * is safe, and only then — within the retry policy and budget — is the call sent again.
 */
export function createOperationRunner(context: RunnerContext): RunOperation {
  return async function run<Data>(plan: OperationPlan<Data>, call: CallOptions = {}) {
    let attemptNumber = 1;
    let tokenRefreshed = false;
    for (;;) {
      try {
        const data = await attempt(context, plan, call);
        context.budget.earn();
        return data;
      } catch (error) {
        if (!(error instanceof TelcopayError)) throw error; // the caller's own abort reason
        const log = (
          level: 'info' | 'warn' | 'error',
          event: string,
          message: string,
          fields = {},
        ) =>
          context.logger({
            level,
            event,
            message,
            provider: context.provider,
            operation: plan.operation,
            fields: { attempt: attemptNumber, ...fields },
          });

        if (isExpiredToken(context, error)) {
          context.expiredToken?.invalidate();
          if (plan.idempotent && !tokenRefreshed) {
            tokenRefreshed = true;
            log('info', 'retry', 'access token rejected: refreshing it and sending once more', {
              reason: 'expired-token',
            });
            continue;
          }
        }
        // An error of a nested operation (the token request an auth makes before sending) was
        // retried by its own run already: retrying it here too would multiply the attempts.
        const nested = error.operation !== plan.operation;
        const delayMs = nested ? undefined : retryDelay(context, error, attemptNumber);
        if (delayMs === undefined) {
          log('error', 'error', error.message, error.toJSON());
          throw error;
        }
        log('warn', 'retry', `${error.message} Retrying in ${delayMs} ms.`, {
          reason: error.name,
          status: error.status,
          delayMs,
          idempotencyKey: plan.idempotencyKey,
        });
        await sleep(delayMs, call.signal);
        attemptNumber += 1;
      }
    }
  };
}

function isExpiredToken(context: RunnerContext, error: TelcopayError): boolean {
  return (
    error instanceof AuthError &&
    error.status === 401 &&
    context.expiredToken?.matches(error.status, error.body) === true
  );
}

/** How long to wait before sending again, or undefined when the call must not be retried. */
function retryDelay(context: RunnerContext, error: TelcopayError, attemptNumber: number) {
  if (!error.retryable || attemptNumber > context.retry.maxRetries) return undefined;
  const asked = error instanceof ApiError ? error.retryAfterMs : undefined;
  if (asked !== undefined && asked > context.retry.maxDelayMs) return undefined;
  if (!context.budget.spend()) {
    context.logger({
      level: 'warn',
      event: 'retry-budget',
      message: 'retry budget exhausted: not retrying',
      provider: context.provider,
      operation: error.operation,
    });
    return undefined;
  }
  return Math.max(backoffDelay(context.retry, attemptNumber), asked ?? 0);
}

async function attempt<Data>(
  context: RunnerContext,
  plan: OperationPlan<Data>,
  call: CallOptions,
): Promise<Data> {
  const timeoutMs = call.timeoutMs ?? context.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  const where = {
    provider: context.provider,
    operation: plan.operation,
    correlationId: plan.correlationId,
    idempotencyKey: plan.idempotencyKey,
  };
  const label = `${context.provider} ${plan.operation}`;
  const outcomeUnknown = plan.moneyMoving === true && !plan.idempotent;
  const unknown = (why: string, extra: { status?: number; body?: unknown; cause?: unknown } = {}) =>
    new OutcomeUnknownError(
      `${label}: the request may have reached the provider, but ${why}. It is not sent again: ${
        plan.reconcile?.advice ?? 'ask the provider what happened before sending it again.'
      }`,
      {
        ...where,
        ...extra,
        requestIds: context.secrets.redact(plan.requestIds ?? {}),
        reconciliation: plan.reconcile ?? { advice: 'Ask the provider what happened.' },
      },
    );

  let result: SendResult<Data>;
  try {
    result = await untilAborted(plan.send({ signal, headers: call.headers ?? {} }), signal);
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason;
    // An error of ours raised while sending (a token that could not be had) keeps its type.
    if (error instanceof TelcopayError) throw error;
    if (timeout.aborted) {
      if (context.wasDispatched?.(signal) === false) {
        // The auth was still getting its credentials: nothing was sent, so sending is safe.
        throw new TimeoutError(
          `${label}: the request was not sent within ${timeoutMs} ms (its credentials were not ready).`,
          { ...where, timeoutMs, retryable: true },
        );
      }
      if (outcomeUnknown) throw unknown(`no answer came within ${timeoutMs} ms`);
      throw new TimeoutError(`${label}: no answer within ${timeoutMs} ms.`, {
        ...where,
        timeoutMs,
        retryable: plan.idempotent,
      });
    }
    if (error instanceof SyntaxError) {
      // The message of a JSON SyntaxError quotes the body, which may echo a secret: not kept.
      if (outcomeUnknown) throw unknown('its answer is not valid JSON');
      throw new ConnectionError(`${label}: the answer is not valid JSON.`, {
        ...where,
        retryable: plan.idempotent,
      });
    }
    const cause = context.secrets.describeCause(error);
    const notSent = cause?.code !== undefined && NOT_SENT_CODES.has(cause.code);
    if (outcomeUnknown && !notSent) {
      throw unknown(
        `the connection failed before an answer arrived (${cause?.code ?? cause?.message})`,
        { cause },
      );
    }
    throw new ConnectionError(
      `${label}: ${notSent ? 'could not connect, nothing was sent' : 'the connection failed before an answer arrived'} (${cause?.code ?? cause?.message ?? 'unknown cause'}).`,
      { ...where, retryable: notSent || plan.idempotent, cause },
    );
  }

  const { response } = result;
  const status = response.status;
  const requestId = requestIdOf(response);
  if (!response.ok) {
    const body = context.secrets.redact(result.error);
    if (outcomeUnknown && UNKNOWN_OUTCOME_STATUSES.has(status)) {
      throw unknown(`it answered HTTP ${status}${summarise(body)}`, { status, body });
    }
    const message = `${label} failed with HTTP ${status}${summarise(body)}.`;
    const ErrorClass = status === 401 || status === 403 ? AuthError : ApiError;
    throw new ErrorClass(context.secrets.redactText(message), {
      ...where,
      status,
      requestId,
      body,
      retryable: plan.idempotent && isRetryableStatus(status),
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    });
  }

  const data = result.data as Data;
  const failure = plan.businessFailure?.(data);
  if (failure !== undefined) {
    const providerMessage = context.secrets.redactText(failure);
    throw new BusinessError(`${label} was refused by the provider: ${providerMessage}`, {
      ...where,
      status,
      requestId,
      body: context.secrets.redact(data),
      providerMessage,
    });
  }
  return data;
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts: a middleware that ignores the signal
 * (a token provider that never answers) cannot hold a call past its timeout.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {}); // once abandoned, its late rejection is nobody's concern
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function requestIdOf(response: Response): string | undefined {
  for (const header of REQUEST_ID_HEADERS) {
    const value = response.headers.get(header);
    if (value) return value;
  }
  return undefined;
}

/** A short, human summary of an error body: its first message-like field, if any. */
function summarise(body: unknown): string {
  if (typeof body === 'string') {
    if (/^\s*</.test(body)) return ' (an HTML page)';
    return body ? `: ${body.slice(0, 200)}` : '';
  }
  if (typeof body !== 'object' || body === null) return '';
  for (const key of ['message', 'title', 'error', 'Error', 'faultstring', 'type', 'code']) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === 'string' && value) return `: ${value.slice(0, 200)}`;
  }
  return '';
}
