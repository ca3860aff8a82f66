import type { Credentials, ExpiredTokenHandling } from './auth.js';
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

/**
 * How an operation may be sent again: `read` — sending it again has no further effect (reads,
 * simulations, token requests, whole-state replacements, deletes); `keyed` — an idempotency key or
 * a caller-unique id makes a second send the same request; `unkeyed-money` — money moves and
 * nothing makes a second send harmless: it is never sent twice once it may have been received.
 */
export type Safety = 'read' | 'keyed' | 'unkeyed-money';

/** How to run one logical call of an operation. */
export interface OperationPlan<Data> {
  /** The spec's operationId. */
  operation: string;
  safety: Safety;
  /** The correlation id sent with the request, stamped on every error. */
  correlationId?: string | undefined;
  /** The idempotency key or caller-unique id the request carries, stamped on every error. */
  idempotencyKey?: string | undefined;
  /** The request's own references, kept on an OutcomeUnknownError for reconciliation. */
  requestIds?: Record<string, unknown> | undefined;
  /** How to learn the outcome when the answer of this money-moving call is lost. */
  reconcile?: Reconciliation | undefined;
  /**
   * One attempt's credentials (a token, a signature), got before the attempt's timer starts:
   * while they are not ready, nothing has been sent.
   */
  authorize?(): Credentials | Promise<Credentials>;
  /** Sends one attempt, with its credentials; `signal` is the attempt's timeout. */
  send(signal: AbortSignal, credentials: Credentials | undefined): Promise<SendResult<Data>>;
  /** For a 2xx body: the provider's failure text when the body reports a failure. */
  businessFailure?(data: Data): string | undefined;
}

export type RunOperation = <Data>(plan: OperationPlan<Data>, call?: CallOptions) => Promise<Data>;

export interface RunnerContext {
  provider: string;
  secrets: SecretRegistry;
  logger: Logger;
  timeoutMs: number;
  retry: RetryPolicy;
  budget: RetryBudget;
  /** When set, a rejected token is dropped, and an idempotent call is sent once more. */
  expiredToken?: ExpiredTokenHandling | undefined;
}

/** Where one call happens: what every error of it says, and its label in messages. */
interface CallSite {
  plan: OperationPlan<unknown>;
  call: CallOptions;
  timeoutMs: number;
  label: string;
  where: {
    provider: string;
    operation: string;
    correlationId: string | undefined;
    idempotencyKey: string | undefined;
  };
}

/**
 * The auth's own failure while getting credentials (its token request failed after that request's
 * own retries): the call ends with it as it is, not retried once more per attempt of the call.
 */
class CredentialsFailure extends Error {
  constructor(readonly failure: TelcopayError) {
    super(failure.message);
  }
}

/**
 * Runs operations: one home for timeouts, retries and error typing. Each attempt first gets its
 * credentials, then sends under its timeout, and either yields the success body or a typed,
 * redacted error; the error's `retryable` says whether sending again is safe, and only then —
 * within the retry policy and budget — is the call sent again.
 */
export function createOperationRunner(context: RunnerContext): RunOperation {
  return async function run<Data>(plan: OperationPlan<Data>, call: CallOptions = {}) {
    const site: CallSite = {
      plan: plan as OperationPlan<unknown>,
      call,
      timeoutMs: call.timeoutMs ?? context.timeoutMs,
      label: `${context.provider} ${plan.operation}`,
      where: {
        provider: context.provider,
        operation: plan.operation,
        correlationId: plan.correlationId,
        idempotencyKey: plan.idempotencyKey,
      },
    };
    let attemptNumber = 1;
    let tokenRefreshed = false;
    for (;;) {
      let credentials: Credentials | undefined;
      try {
        credentials = await credentialsFor(context, site);
        const data = (await attempt(context, site, credentials)) as Data;
        context.budget.earn();
        return data;
      } catch (caught) {
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
        if (caught instanceof CredentialsFailure) {
          log('error', 'error', caught.failure.message, caught.failure.toJSON());
          throw caught.failure;
        }
        if (!(caught instanceof TelcopayError)) throw caught; // the caller's own abort reason
        const error = caught;

        if (credentials?.token !== undefined && isExpiredToken(context, error)) {
          context.expiredToken?.invalidate(credentials.token);
          if (plan.safety !== 'unkeyed-money' && !tokenRefreshed) {
            tokenRefreshed = true;
            log('info', 'retry', 'access token rejected: refreshing it and sending once more', {
              reason: 'expired-token',
            });
            continue;
          }
        }
        const delayMs = retryDelay(context, error, attemptNumber);
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

/**
 * The attempt's credentials, before its timer starts. Credentials that are ready at once cost no
 * timer; others get the attempt's timeout to become ready, and a timeout then has sent nothing.
 */
async function credentialsFor(
  context: RunnerContext,
  site: CallSite,
): Promise<Credentials | undefined> {
  const { plan, call } = site;
  if (!plan.authorize) return undefined;
  try {
    const ready = plan.authorize();
    return ready instanceof Promise
      ? await settleWithin(ready, site.timeoutMs, call.signal)
      : ready;
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason;
    if (error === DEADLINE) {
      throw new TimeoutError(
        `${site.label}: the request was not sent within ${site.timeoutMs} ms (its credentials were not ready).`,
        { ...site.where, timeoutMs: site.timeoutMs, retryable: true },
      );
    }
    if (error instanceof TelcopayError) throw new CredentialsFailure(error);
    const cause = context.secrets.describeCause(error);
    throw new ConnectionError(
      `${site.label}: its credentials could not be had, so nothing was sent (${cause?.message ?? 'unknown cause'}).`,
      { ...site.where, retryable: true, cause },
    );
  }
}

/** Sends one attempt under its timeout: the success body, or a typed, redacted error. */
async function attempt(
  context: RunnerContext,
  site: CallSite,
  credentials: Credentials | undefined,
): Promise<unknown> {
  const { plan, call, timeoutMs, label, where } = site;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  // This attempt's derived secrets are registered only when an error can be built from it:
  // registering every signature would grow the registry (and every redaction) per request.
  const exposeSecrets = () => {
    for (const secret of credentials?.secrets ?? []) context.secrets.add(secret);
  };
  const idempotent = plan.safety !== 'unkeyed-money';
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

  let result: SendResult<unknown>;
  try {
    result = await untilAborted(plan.send(signal, credentials), signal);
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason;
    exposeSecrets();
    // The credentials were ready before the timer started: a timeout now came after sending.
    if (timeout.aborted) {
      if (!idempotent) throw unknown(`no answer came within ${timeoutMs} ms`);
      throw new TimeoutError(`${label}: no answer within ${timeoutMs} ms.`, {
        ...where,
        timeoutMs,
        retryable: true,
      });
    }
    if (error instanceof SyntaxError) {
      // The message of a JSON SyntaxError quotes the body, which may echo a secret: not kept.
      if (!idempotent) throw unknown('its answer is not valid JSON');
      throw new ConnectionError(`${label}: the answer is not valid JSON.`, {
        ...where,
        retryable: true,
      });
    }
    const cause = context.secrets.describeCause(error);
    const notSent = cause?.code !== undefined && NOT_SENT_CODES.has(cause.code);
    if (!idempotent && !notSent) {
      throw unknown(
        `the connection failed before an answer arrived (${cause?.code ?? cause?.message})`,
        { cause },
      );
    }
    throw new ConnectionError(
      `${label}: ${notSent ? 'could not connect, nothing was sent' : 'the connection failed before an answer arrived'} (${cause?.code ?? cause?.message ?? 'unknown cause'}).`,
      { ...where, retryable: true, cause },
    );
  }

  const { response } = result;
  const status = response.status;
  const requestId = requestIdOf(response);
  if (!response.ok) {
    exposeSecrets();
    const body = context.secrets.redact(result.error);
    if (!idempotent && UNKNOWN_OUTCOME_STATUSES.has(status)) {
      throw unknown(`it answered HTTP ${status}${summarise(body)}`, { status, body });
    }
    const message = `${label} failed with HTTP ${status}${summarise(body)}.`;
    const ErrorClass = status === 401 || status === 403 ? AuthError : ApiError;
    throw new ErrorClass(context.secrets.redactText(message), {
      ...where,
      status,
      requestId,
      body,
      retryable: idempotent && isRetryableStatus(status),
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    });
  }

  const data = result.data;
  const failure = plan.businessFailure?.(data);
  if (failure !== undefined) {
    exposeSecrets();
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

/** What `settleWithin` rejects with when its time is up. */
const DEADLINE = Symbol('deadline');

/** Settles with `work`; rejects with `DEADLINE` after `ms`, or with the signal's abort reason. */
function settleWithin<T>(
  work: Promise<T>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<T> {
  work.catch(() => {}); // once abandoned, its late rejection is nobody's concern
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal?.reason);
    const timer = setTimeout(() => reject(DEADLINE), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
  });
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
