/** How a client retries calls that are safe to send again. */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 2 (so at most 3 attempts). */
  maxRetries: number;
  /** The first backoff; each retry doubles it. Default 200 ms. */
  baseDelayMs: number;
  /** No backoff (nor honoured Retry-After) is longer than this. Default 5 000 ms. */
  maxDelayMs: number;
  /**
   * A client-wide budget: at most this many retries in a burst; each successful call earns back
   * a tenth of one. It keeps a failing provider from being hit with a storm of retries. Default 10.
   */
  budget: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  budget: 10,
};

/** Full jitter: a random delay up to the exponential backoff of this retry (1-based). */
export function backoffDelay(policy: RetryPolicy, retry: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(random() * ceiling);
}

/** A `Retry-After` header (seconds, or an HTTP date) in milliseconds from now, if present. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The retry budget shared by every call of one client. */
export class RetryBudget {
  #tokens: number;
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#tokens = capacity;
  }

  /** Takes one retry from the budget; false when it is spent. */
  spend(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** A call succeeded: earn back a tenth of a retry. */
  earn(): void {
    this.#tokens = Math.min(this.#capacity, this.#tokens + 0.1);
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
