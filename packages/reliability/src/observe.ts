import { TelcopayError } from '@telcopay/core';
import type { ClientEnvironment, OperationCase } from './clients.js';
import type { Expected } from './matrix.js';
import type { Surfaces } from './surfaces.js';

/**
 * A call that has not settled by then hangs: thirty times the longest call of the suite (two
 * Retry-After waits of a second), twice the real bound on a call's wait for credentials (30 s),
 * half the server's guard on a withheld answer.
 */
const HANG_LIMIT_MS = 60_000;

/** How one call went, from the client's side and the server's. */
export interface Observation extends Expected {
  /** Requests of the operation that reached the server. */
  received: number;
  /** Requests to the lane's token endpoints. */
  tokenRequests: number;
  /** Requests of the lane still open on the server once the call settled (should be 0). */
  openRequests: number;
  /** True when the call did not settle within `HANG_LIMIT_MS`. */
  hung: boolean;
  durationMs: number;
  value?: unknown;
  error?: unknown;
}

/** Calls `operation` once in the environment's lane and observes how it ends. */
export async function observe(
  operation: OperationCase,
  environment: ClientEnvironment,
  surfaces: Surfaces,
): Promise<Observation> {
  const { lane } = environment;
  const started = performance.now();
  const settled = await settleWithin(operation.call(environment), HANG_LIMIT_MS);
  const durationMs = Math.round(performance.now() - started);
  if ('error' in settled) surfaces.addError(settled.error);
  const common = {
    attempts: lane.triesOf(operation.operationId),
    received: lane.receivedOf(operation.operationId).length,
    tokenRequests: lane.triesOf('requestAccessToken'),
    openRequests: await lane.settled(),
    durationMs,
  };
  if ('hung' in settled) return { outcome: 'hang', hung: true, ...common };
  if ('value' in settled) return { outcome: 'ok', hung: false, value: settled.value, ...common };
  const { error } = settled;
  if (!(error instanceof TelcopayError)) {
    return { outcome: `untyped ${String(error)}`, hung: false, error, ...common };
  }
  return {
    outcome: error.name,
    retryable: error.retryable,
    ...(error.status === undefined ? {} : { status: error.status }),
    hung: false,
    error,
    ...common,
  };
}

/** The call's outcome, or `hung` when it has not settled within `limitMs`. */
async function settleWithin(
  promise: Promise<unknown>,
  limitMs: number,
): Promise<{ value: unknown } | { error: unknown } | { hung: true }> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<{ hung: true }>((resolve) => {
    timer = setTimeout(() => resolve({ hung: true }), limitMs);
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      limit,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The fields of an observation that the expectation speaks about. */
export function outcomeOf(observation: Observation): Expected {
  const { outcome, retryable, status, attempts } = observation;
  return {
    outcome,
    ...(retryable === undefined ? {} : { retryable }),
    ...(status === undefined ? {} : { status }),
    attempts,
  };
}
