import type { Safety } from './operation.js';

/**
 * Where a client reports what its calls do, as they happen: `openTelemetry()` from
 * `@telcopay/core/opentelemetry` turns these reports into spans and metrics. Every value it is
 * given is a reference, never a secret: no credential, header or body reaches it.
 */
export interface Telemetry {
  /** A logical call starts (before its credentials are got); the handle follows it to its end. */
  startCall(call: CallFacts): CallTelemetry;
}

/** What is known of a call when it starts. */
export interface CallFacts {
  provider: string;
  /** The spec's operationId. */
  operation: string;
  safety: Safety;
  /** True for a request to a token endpoint (the client's own, for its credentials). */
  tokenRequest: boolean;
  idempotencyKey: string | undefined;
  correlationId: string | undefined;
  /** The HTTP request every attempt sends: method, URL without its query, path template. */
  http: HttpFacts | undefined;
}

export interface HttpFacts {
  method: string;
  url: string;
  /** The spec's path template (`/recharge/send`), which carries no value of the call. */
  route: string;
}

/** One call's reports. */
export interface CallTelemetry {
  /** Runs `work` inside the call: a call that `work` starts (a token request) nests under it. */
  within<T>(work: () => T): T;
  /** Attempt `number` (1-based) is sent now. */
  startAttempt(number: number): AttemptTelemetry;
  /** The call is sent again after `delayMs`, because of `reason` (an error class, `expired-token`). */
  retry(retry: RetryReport): void;
  /** A retry-safe call was not retried because the client's retry budget was spent. */
  retryBudgetExhausted(): void;
  /**
   * The call ended: with its result (no error), or with the error it throws. An
   * OutcomeUnknownError is the outcome `outcome_unknown`, any other error the outcome `error`.
   */
  end(error?: unknown): void;
}

export interface RetryReport {
  reason: string;
  delayMs: number;
  status: number | undefined;
}

/** How one attempt ended: the HTTP status when an answer came, the error when it failed. */
export interface AttemptTelemetry {
  end(status: number | undefined, error?: unknown): void;
}

/** The reports of a client without telemetry: nothing is built, nothing is kept. */
export const UNOBSERVED_CALL: CallTelemetry = {
  within: (work) => work(),
  startAttempt: () => UNOBSERVED_ATTEMPT,
  retry: () => {},
  retryBudgetExhausted: () => {},
  end: () => {},
};

const UNOBSERVED_ATTEMPT: AttemptTelemetry = { end: () => {} };
