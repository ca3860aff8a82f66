import type { Credentials } from './auth.js';
import { startDeadline } from './deadline.js';
import {
  ApiError,
  AuthError,
  BusinessError,
  ConnectionError,
  isRetryableStatus,
  OutcomeUnknownError,
  TimeoutError,
} from './errors.js';
import { nothingWasSent } from './not-sent.js';
import type { CallSite, RunnerContext, SendResult } from './operation.js';
import { retryAfterMs } from './retry.js';

/** Headers a provider may use to name a request; the first present one becomes `requestId`. */
const REQUEST_ID_HEADERS = ['request-correlation-id', 'x-request-id', 'x-correlation-id'];

/** Statuses after which a money-moving request may or may not have been carried out. */
const UNKNOWN_OUTCOME_STATUSES = new Set([500, 502, 504]);

/** Sends one attempt under its timeout: the success body and status, or a typed, redacted error. */
export async function attempt(
  context: RunnerContext,
  site: CallSite,
  credentials: Credentials | undefined,
): Promise<{ data: unknown; status: number }> {
  const { plan, call, timeoutMs, label, where } = site;
  const deadline = startDeadline(timeoutMs, call.signal);
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
    result = await deadline.race(plan.send(deadline.signal, credentials));
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason;
    exposeSecrets();
    // The credentials were ready before the timer started: a timeout now came after sending.
    if (deadline.timedOut()) {
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
    const notSent = nothingWasSent(cause);
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
    const message = `${label} failed with HTTP ${status}${summarise(body)}.${mockViolations(response)}`;
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
  return { data, status };
}

function requestIdOf(response: Response): string | undefined {
  for (const header of REQUEST_ID_HEADERS) {
    const value = response.headers.get(header);
    if (value) return value;
  }
  return undefined;
}

/** Keys whose text is a provider's message, in the order they are looked for. */
const MESSAGE_KEYS = ['message', 'title', 'error', 'Error', 'faultstring', 'type', 'code'];
/** Keys whose text details the message (Tigo's `developerMessage`, OAuth's `error_description`). */
const DETAIL_KEYS = ['developerMessage', 'error_description'];
/** Keys of an object that wraps the message one level down (Tigo's `error`, Apigee's `fault`). */
const WRAPPER_KEYS = ['error', 'fault'];

/**
 * A short, human summary of an error body: the provider's own message and its detail, without
 * a final period (the sentence it goes into ends with one).
 */
function summarise(body: unknown): string {
  if (typeof body === 'string') {
    if (/^\s*</.test(body)) return ' (an HTML page)';
    return body ? `: ${clip(body)}` : '';
  }
  const words = providerWords(body, true);
  return words ? `: ${words}` : '';
}

function providerWords(body: unknown, unwrap: boolean): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const text = (keys: string[]) =>
    keys.map((key) => record[key]).find((value) => typeof value === 'string' && value) as
      | string
      | undefined;
  const message = text(MESSAGE_KEYS);
  if (message !== undefined) {
    const detail = text(DETAIL_KEYS);
    return detail && detail !== message ? `${clip(message)} (${clip(detail)})` : clip(message);
  }
  if (!unwrap) return undefined;
  for (const key of WRAPPER_KEYS) {
    const nested = providerWords(record[key], false);
    if (nested) return nested;
  }
  return undefined;
}

function clip(text: string): string {
  return text.slice(0, 200).replace(/\.+$/, '');
}

/**
 * A mock (Prism) that refuses a request answers with the spec's example for the status, and
 * says why in its `sl-violations` header: the reasons, when it did.
 */
function mockViolations(response: Response): string {
  const header = response.headers.get('sl-violations');
  if (!header) return '';
  try {
    const violations = JSON.parse(header) as { location?: string[]; message?: string }[];
    const reasons = violations
      .slice(0, 5)
      .map(({ location, message }) => `${(location ?? []).join('.')}: ${message}`);
    return reasons.length ? ` The mock refused the request: ${reasons.join('; ')}.` : '';
  } catch {
    return '';
  }
}
