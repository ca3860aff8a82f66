import { attempt } from './attempt.js';
import type { Credentials, ExpiredTokenHandling } from './auth.js';
import { type CallEvents, callEvents } from './call-events.js';
import {
  ApiError,
  AuthError,
  asAuthError,
  type Reconciliation,
  TelcopayError,
  TimeoutError,
} from './errors.js';
import type { Logger } from './logger.js';
import { backoffDelay, type RetryBudget, type RetryPolicy, sleep } from './retry.js';
import type { SecretRegistry } from './secrets.js';
import type { AttemptTelemetry, HttpFacts, Telemetry } from './telemetry.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

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
  /** True for a request to a token endpoint, for telemetry. */
  tokenRequest?: boolean | undefined;
  /** The HTTP request each attempt sends, for telemetry (no query, no header, no body). */
  http?: HttpFacts | undefined;
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
  /** Where the calls' spans and metrics go, when the client has telemetry. */
  telemetry?: Telemetry | undefined;
}

/** Where one call happens: what every error of it says, and its label in messages. */
export interface CallSite {
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
    const events = callEvents(context, site);
    let attemptNumber = 1;
    let tokenRefreshed = false;
    let sentAttempts = 0; // with the one sent again after a token refresh
    for (;;) {
      let credentials: Credentials | undefined;
      let sent: AttemptTelemetry | undefined;
      try {
        // Inside the call: a token request made for these credentials nests under it.
        credentials = await events.within(() => credentialsFor(context, site));
        sent = events.startAttempt(++sentAttempts);
        const answer = await attempt(context, site, credentials);
        sent.end(answer.status);
        context.budget.earn();
        events.ended(attemptNumber);
        return answer.data as Data;
      } catch (caught) {
        const failure = caught instanceof CredentialsFailure ? caught.failure : caught;
        sent?.end(failure instanceof TelcopayError ? failure.status : undefined, failure);
        // The token request's own failure, or the caller's own abort reason: not retried.
        if (caught instanceof CredentialsFailure || !(caught instanceof TelcopayError)) {
          events.ended(attemptNumber, failure);
          throw failure;
        }
        const error = caught;

        if (credentials?.token !== undefined && isExpiredToken(context, error)) {
          context.expiredToken?.invalidate(credentials.token);
          if (plan.safety !== 'unkeyed-money' && !tokenRefreshed) {
            tokenRefreshed = true;
            events.tokenRefused(attemptNumber);
            continue;
          }
        }
        const delayMs = retryDelay(context, error, attemptNumber, events);
        if (delayMs === undefined) {
          events.ended(attemptNumber, error);
          throw error;
        }
        events.retried(attemptNumber, error, delayMs);
        try {
          await sleep(delayMs, call.signal);
        } catch (aborted) {
          events.ended(attemptNumber, aborted);
          throw aborted;
        }
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
function retryDelay(
  context: RunnerContext,
  error: TelcopayError,
  attemptNumber: number,
  events: CallEvents,
) {
  if (!error.retryable || attemptNumber > context.retry.maxRetries) return undefined;
  const asked = error instanceof ApiError ? error.retryAfterMs : undefined;
  if (asked !== undefined && asked > context.retry.maxDelayMs) return undefined;
  if (!context.budget.spend()) {
    events.retryBudgetExhausted();
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
    throw new CredentialsFailure(credentialsError(context, site, error));
  }
}

/**
 * Not getting a credential, whichever way, is an AuthError that keeps its cause and is not
 * retried: the token endpoint's own failure (after its own retries) keeps its details. Only a
 * credential option that cannot be used stays the caller's ValidationError.
 */
function credentialsError(context: RunnerContext, site: CallSite, error: unknown) {
  if (error instanceof TelcopayError) return asAuthError(error);
  const cause = context.secrets.describeCause(error);
  return new AuthError(
    `${site.label}: its credentials could not be had, so nothing was sent (${cause?.message ?? 'unknown cause'}).`,
    { ...site.where, cause },
  );
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
