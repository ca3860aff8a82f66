import { TelcopayError } from './errors.js';
import type { LogLevel } from './logger.js';
import type { CallSite, RunnerContext } from './operation.js';
import { type AttemptTelemetry, type CallTelemetry, UNOBSERVED_CALL } from './telemetry.js';

/** The reason of a retry after the provider refused an access token as expired. */
export const EXPIRED_TOKEN = 'expired-token';

/** One call's events, told from one place to the logger hook and to the telemetry. */
export interface CallEvents {
  within<T>(work: () => T): T;
  startAttempt(number: number): AttemptTelemetry;
  retried(attempt: number, error: TelcopayError, delayMs: number): void;
  tokenRefused(attempt: number): void;
  retryBudgetExhausted(): void;
  /** The call ended: with its result, or with the error it throws. */
  ended(attempt: number, error?: unknown): void;
}

export function callEvents(context: RunnerContext, site: CallSite): CallEvents {
  const { plan } = site;
  const telemetry: CallTelemetry = context.telemetry
    ? context.telemetry.startCall({
        provider: context.provider,
        operation: plan.operation,
        idempotencyKey: plan.idempotencyKey,
        correlationId: plan.correlationId,
        safety: plan.safety,
        tokenRequest: plan.tokenRequest === true,
        http: plan.http,
      })
    : UNOBSERVED_CALL;
  const log = (level: LogLevel, event: string, message: string, fields?: object) =>
    context.logger({
      level,
      event,
      message,
      provider: context.provider,
      operation: plan.operation,
      fields: fields as Record<string, unknown> | undefined,
    });
  return {
    within: telemetry.within,
    startAttempt: telemetry.startAttempt,
    retried(attempt, error, delayMs) {
      log('warn', 'retry', `${error.message} Retrying in ${delayMs} ms.`, {
        attempt,
        reason: error.name,
        status: error.status,
        delayMs,
        idempotencyKey: plan.idempotencyKey,
      });
      telemetry.retry({ reason: error.name, delayMs, status: error.status });
    },
    tokenRefused(attempt) {
      log('info', 'retry', 'access token rejected: refreshing it and sending once more', {
        attempt,
        reason: EXPIRED_TOKEN,
      });
      telemetry.retry({ reason: EXPIRED_TOKEN, delayMs: 0, status: 401 });
    },
    retryBudgetExhausted() {
      log('warn', 'retry-budget', 'retry budget exhausted: not retrying');
      telemetry.retryBudgetExhausted();
    },
    ended(attempt, error) {
      // The caller's own abort reason is theirs to log.
      if (error instanceof TelcopayError) {
        log('error', 'error', error.message, { attempt, ...error.toJSON() });
      }
      telemetry.end(error);
    },
  };
}
