/** What every telcopay error says about where it happened. Never a secret. */
export interface ErrorDetails {
  provider: string;
  operation: string;
  status?: number | undefined;
  requestId?: string | undefined;
  /** The correlation id this client sent with the request (e.g. MasStack's Request-Correlation-Id). */
  correlationId?: string | undefined;
  /** The idempotency key or caller-unique id the request carried. */
  idempotencyKey?: string | undefined;
  /** The parsed response body (or the rejected input), with secrets redacted. */
  body?: unknown;
  retryable?: boolean | undefined;
  /** A low-level cause, already reduced by `SecretRegistry.describeCause`. */
  cause?: unknown;
}

/** The root of every error a telcopay client throws. */
export class TelcopayError extends Error {
  declare readonly provider: string;
  declare readonly operation: string;
  declare readonly status: number | undefined;
  declare readonly requestId: string | undefined;
  declare readonly correlationId: string | undefined;
  declare readonly idempotencyKey: string | undefined;
  declare readonly body: unknown;
  /** True when sending the same request again may succeed and cannot move money twice. */
  declare readonly retryable: boolean;

  constructor(message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.provider = details.provider;
    this.operation = details.operation;
    this.status = details.status;
    this.requestId = details.requestId;
    this.correlationId = details.correlationId;
    this.idempotencyKey = details.idempotencyKey;
    this.body = details.body;
    this.retryable = details.retryable ?? false;
    // Set last: the own keys' order stays provider … retryable, name (the fields are `declare`d,
    // so a bundle carries no field definitions).
    this.name = new.target.name;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      provider: this.provider,
      operation: this.operation,
      status: this.status,
      retryable: this.retryable,
      requestId: this.requestId,
      correlationId: this.correlationId,
      idempotencyKey: this.idempotencyKey,
      body: this.body,
    };
  }
}

/** The caller's input was rejected before anything was sent. */
export class ValidationError extends TelcopayError {
  declare readonly field: string;
  constructor(message: string, details: ErrorDetails & { field: string }) {
    super(message, { ...details, retryable: false });
    this.field = details.field;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

/** The provider answered with a non-2xx HTTP status. */
export class ApiError extends TelcopayError {
  /** `client` for 4xx, `server` for 5xx (and anything else unexpected). */
  declare readonly statusClass: 'client' | 'server';
  /** How long the provider asked to wait (`Retry-After`), when it did. */
  declare readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    details: ErrorDetails & { status: number; retryAfterMs?: number | undefined },
  ) {
    super(message, { retryable: isRetryableStatus(details.status), ...details });
    const { status } = details;
    // No status only on an AuthError raised before anything was sent: the caller's credentials.
    this.statusClass =
      status === undefined || (status >= 400 && status < 500) ? 'client' : 'server';
    this.retryAfterMs = details.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), statusClass: this.statusClass, retryAfterMs: this.retryAfterMs };
  }
}

/**
 * The provider refused the credentials (401/403), or no credential could be had: the token
 * endpoint failed or refused (its error is the `cause`), or the caller's token source threw
 * (then there is no `status`: nothing was sent). Never retried as a network fault.
 */
export class AuthError extends ApiError {
  constructor(message: string, details: ErrorDetails & { retryAfterMs?: number | undefined }) {
    super(message, { retryable: false, ...details } as ErrorDetails & { status: number });
  }
}

/**
 * A failure to get a credential (a token endpoint that failed, refused or answered no token) as
 * an AuthError with the same details, that keeps the failure as its `cause` and is not retried.
 * A ValidationError (a credential option that cannot be used) and anything else stay as they are.
 */
export function asAuthError(error: TelcopayError): TelcopayError {
  if (error instanceof AuthError || error instanceof ValidationError) return error;
  const { provider, operation, status, requestId, correlationId, idempotencyKey, body } = error;
  return new AuthError(error.message, {
    ...{ provider, operation, status, requestId, correlationId, idempotencyKey, body },
    cause: error,
  });
}

/** A 2xx answer whose body says the operation failed (e.g. QvaTel's `result: 0`). */
export class BusinessError extends TelcopayError {
  /** The provider's own description of the failure. */
  declare readonly providerMessage: string | undefined;
  constructor(message: string, details: ErrorDetails & { providerMessage?: string | undefined }) {
    super(message, { ...details, retryable: false });
    this.providerMessage = details.providerMessage;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), providerMessage: this.providerMessage };
  }
}

/** No usable answer came back: the connection failed, or the body could not be read. */
export class ConnectionError extends TelcopayError {}

/** No answer came back within the timeout. */
export class TimeoutError extends TelcopayError {
  declare readonly timeoutMs: number;
  constructor(message: string, details: ErrorDetails & { timeoutMs: number }) {
    super(message, details);
    this.timeoutMs = details.timeoutMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}

/** How to learn what happened to a call whose answer was lost. */
export interface Reconciliation {
  /** The client method that tells the truth, where the provider has one (e.g. `getRechargeBalance`). */
  operation?: string | undefined;
  /** What to do, in words. */
  advice: string;
}

/**
 * A money-moving call without an idempotency key whose request may have reached the provider,
 * but whose answer was lost (timeout or reset after sending, an unreadable or 5xx answer). It is
 * never retried: sending it again could move the money twice. Reconcile first, with `requestIds`
 * and `reconciliation`.
 */
export class OutcomeUnknownError extends TelcopayError {
  /** The request's own references (the caller's ids, the destination, the amount). */
  declare readonly requestIds: Record<string, unknown>;
  declare readonly reconciliation: Reconciliation;
  constructor(
    message: string,
    details: ErrorDetails & { requestIds: Record<string, unknown>; reconciliation: Reconciliation },
  ) {
    super(message, { ...details, retryable: false });
    this.requestIds = details.requestIds;
    this.reconciliation = details.reconciliation;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), requestIds: this.requestIds, reconciliation: this.reconciliation };
  }
}

/** 408, 429 and 5xx may succeed when sent again; every other status will not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
