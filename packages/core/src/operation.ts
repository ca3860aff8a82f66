import {
  ApiError,
  AuthError,
  BusinessError,
  ConnectionError,
  type ErrorDetails,
  isRetryableStatus,
  TelcopayError,
  TimeoutError,
} from './errors.js';
import type { Logger } from './logger.js';
import type { SecretRegistry } from './secrets.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Headers a provider may use to name a request; the first present one becomes `requestId`. */
const REQUEST_ID_HEADERS = ['request-correlation-id', 'x-request-id', 'x-correlation-id'];

/** Options of one call to a client method. */
export interface CallOptions {
  /** Aborts the call; combined with the timeout. */
  signal?: AbortSignal | undefined;
  /** This call's timeout in milliseconds (overrides the client's). */
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
   * carry an idempotency key or a caller-unique id. Only such errors are marked `retryable`.
   */
  idempotent: boolean;
  /** The correlation id sent with the request, stamped on every error. */
  correlationId?: string | undefined;
  /** The idempotency key or caller-unique id the request carries, stamped on every error. */
  idempotencyKey?: string | undefined;
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

interface RunnerContext {
  provider: string;
  secrets: SecretRegistry;
  logger: Logger;
  timeoutMs: number;
  /** When set, an idempotent call rejected for an expired token is sent once more. */
  expiredToken?: ExpiredTokenHandling | undefined;
}

/**
 * Runs operations: applies the timeout, turns every outcome that is not a usable success into a
 * typed, redacted error, and logs it. Retries plug in here (a later policy decides, per plan,
 * whether and when to call `attempt` again).
 */
export function createOperationRunner(context: RunnerContext): RunOperation {
  return async function run<Data>(plan: OperationPlan<Data>, call: CallOptions = {}) {
    try {
      return await attempt(context, plan, call).catch((error: unknown) => {
        if (!isExpiredTokenRejection(context, plan, error)) throw error;
        context.expiredToken?.invalidate();
        context.logger({
          level: 'info',
          event: 'retry',
          message: 'access token rejected as expired: refreshing it and sending once more',
          provider: context.provider,
          operation: plan.operation,
          fields: { reason: 'expired-token', attempt: 2 },
        });
        return attempt(context, plan, call);
      });
    } catch (error) {
      if (error instanceof TelcopayError) {
        context.logger({
          level: 'error',
          event: 'error',
          message: error.message,
          provider: context.provider,
          operation: plan.operation,
          fields: error.toJSON(),
        });
      }
      throw error;
    }
  };
}

function isExpiredTokenRejection(
  context: RunnerContext,
  plan: OperationPlan<unknown>,
  error: unknown,
): boolean {
  return (
    plan.idempotent &&
    error instanceof AuthError &&
    error.status === 401 &&
    context.expiredToken?.matches(error.status, error.body) === true
  );
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

  let result: SendResult<Data>;
  try {
    result = await plan.send({ signal, headers: call.headers ?? {} });
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason;
    const cause = context.secrets.describeCause(error);
    if (timeout.aborted) {
      throw new TimeoutError(
        `${context.provider} ${plan.operation}: no answer within ${timeoutMs} ms.`,
        { ...where, timeoutMs, retryable: plan.idempotent, cause },
      );
    }
    if (error instanceof SyntaxError) {
      throw new ConnectionError(
        `${context.provider} ${plan.operation}: the answer is not valid JSON.`,
        { ...where, retryable: plan.idempotent, cause },
      );
    }
    throw new ConnectionError(
      `${context.provider} ${plan.operation}: the request failed before an answer arrived (${cause?.code ?? cause?.message ?? 'unknown cause'}).`,
      { ...where, retryable: plan.idempotent, cause },
    );
  }

  const { response } = result;
  const details: ErrorDetails = {
    ...where,
    status: response.status,
    requestId: requestIdOf(response),
  };
  if (!response.ok) {
    const body = context.secrets.redact(result.error);
    const message = `${context.provider} ${plan.operation} failed with HTTP ${response.status}${summarise(body)}.`;
    const status = response.status;
    const retryable = plan.idempotent && isRetryableStatus(status);
    const ErrorClass = status === 401 || status === 403 ? AuthError : ApiError;
    throw new ErrorClass(context.secrets.redactText(message), {
      ...details,
      status,
      body,
      retryable,
    });
  }

  const data = result.data as Data;
  const failure = plan.businessFailure?.(data);
  if (failure !== undefined) {
    const providerMessage = context.secrets.redactText(failure);
    throw new BusinessError(
      `${context.provider} ${plan.operation} was refused by the provider: ${providerMessage}`,
      { ...details, body: context.secrets.redact(data), providerMessage },
    );
  }
  return data;
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
  if (typeof body === 'string') return body ? `: ${body.slice(0, 200)}` : '';
  if (typeof body !== 'object' || body === null) return '';
  for (const key of ['message', 'title', 'error', 'Error', 'faultstring', 'type', 'code']) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === 'string' && value) return `: ${value.slice(0, 200)}`;
  }
  return '';
}
