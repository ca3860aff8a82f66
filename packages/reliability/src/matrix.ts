import type { Fault } from '@telcopay/mocks/faults';
import type { OperationCase } from './clients.js';

/** The clients' default retries after the first attempt, which the suite keeps. */
export const MAX_RETRIES = 2;

/** How one call ends: `ok`, or the class of the typed error, with its flags. */
export interface Expected {
  outcome: string;
  retryable?: boolean;
  status?: number;
  /** How many times the client tries to send the request (refused tries included). */
  attempts: number;
}

/** How one attempt that met a fault ends, and whether the client sends the request again. */
interface AttemptRule {
  outcome: string;
  retryable?: boolean;
  status?: number;
  resend: boolean;
}

const ok: AttemptRule = { outcome: 'ok', resend: false };
const resent = (outcome: string, status?: number): AttemptRule => ({
  outcome,
  retryable: true,
  ...(status === undefined ? {} : { status }),
  resend: true,
});
const final = (outcome: string, retryable: boolean, status?: number): AttemptRule => ({
  outcome,
  retryable,
  ...(status === undefined ? {} : { status }),
  resend: false,
});

/** A money-moving call without a key whose request may have been carried out. */
const unknown = (status?: number) => final('OutcomeUnknownError', false, status);

/**
 * The contract under test, per fault: what a retry-safe call (reads, keyed creates, updates,
 * token requests) and an unkeyed money-moving call do. A keyed money call is retry-safe.
 */
const RULES: Record<
  Exclude<Fault, 'none' | 'business-failure' | 'expired-token'>,
  { retrySafe: AttemptRule; unkeyedMoney: AttemptRule }
> = {
  // Nothing was sent: sending again cannot move money twice.
  refused: { retrySafe: resent('ConnectionError'), unkeyedMoney: resent('ConnectionError') },
  reset: { retrySafe: resent('ConnectionError'), unkeyedMoney: unknown() },
  hang: { retrySafe: resent('TimeoutError'), unkeyedMoney: unknown() },
  drip: { retrySafe: resent('TimeoutError'), unkeyedMoney: unknown() },
  'http-500': { retrySafe: resent('ApiError', 500), unkeyedMoney: unknown(500) },
  'http-502': { retrySafe: resent('ApiError', 502), unkeyedMoney: unknown(502) },
  // 503 and 429 say the request was not processed: not carried out, but not resent either.
  'http-503': { retrySafe: resent('ApiError', 503), unkeyedMoney: final('ApiError', false, 503) },
  'http-504': { retrySafe: resent('ApiError', 504), unkeyedMoney: unknown(504) },
  throttled: { retrySafe: resent('ApiError', 429), unkeyedMoney: final('ApiError', false, 429) },
  // Retry-After beyond the client's longest wait: reported (retryable) rather than waited for.
  'throttled-long': {
    retrySafe: final('ApiError', true, 429),
    unkeyedMoney: final('ApiError', false, 429),
  },
  html: { retrySafe: resent('ApiError', 502), unkeyedMoney: unknown(502) },
  truncated: { retrySafe: resent('ConnectionError'), unkeyedMoney: unknown() },
  malformed: { retrySafe: resent('ConnectionError'), unkeyedMoney: unknown() },
};

/** The rule of one attempt, or undefined when the fault cannot happen to this operation. */
function attemptRule(fault: Fault, operation: OperationCase): AttemptRule | undefined {
  switch (fault) {
    case 'none':
      return ok;
    case 'business-failure': {
      const outcome = operation.businessFailure;
      if (outcome === undefined) return undefined;
      return outcome === 'ok' ? ok : final(outcome, false, 200);
    }
    case 'expired-token':
      // Handled per call (a refresh is not a retry): see `expectedCell`.
      return undefined;
    default:
      return operation.safety === 'unkeyed-money'
        ? RULES[fault].unkeyedMoney
        : RULES[fault].retrySafe;
  }
}

function outcomeOf(rule: AttemptRule, attempts: number): Expected {
  const { resend: _, ...outcome } = rule;
  return { ...outcome, attempts };
}

/**
 * What a call ends with when every attempt meets `fault`; undefined when the fault cannot
 * happen to the operation (no 2xx failure answer, no credential to expire).
 */
export function expectedCell(fault: Fault, operation: OperationCase): Expected | undefined {
  if (fault === 'expired-token') {
    if (operation.authentication === 'none') return undefined;
    // An issued token is dropped and fetched again; a retry-safe call is sent once more.
    if (operation.authentication === 'issued-token' && operation.safety !== 'unkeyed-money') {
      return { outcome: 'ok', attempts: 2 };
    }
    return { outcome: 'AuthError', retryable: false, status: 401, attempts: 1 };
  }
  const rule = attemptRule(fault, operation);
  if (!rule) return undefined;
  return outcomeOf(rule, rule.resend ? MAX_RETRIES + 1 : 1);
}

/** What a call ends with when its attempts meet `faults` in turn (then succeed). */
export function expectedSequence(faults: readonly Fault[], operation: OperationCase): Expected {
  for (let attempt = 1; ; attempt += 1) {
    const fault = faults[attempt - 1] ?? 'none';
    const rule = attemptRule(fault, operation);
    if (!rule) throw new Error(`${fault} cannot happen to ${operation.operationId}`);
    if (!rule.resend || attempt > MAX_RETRIES) return outcomeOf(rule, attempt);
  }
}

/** Whether the client sends the request again after an attempt that met `fault`. */
export function resends(fault: Fault, operation: OperationCase): boolean {
  return attemptRule(fault, operation)?.resend === true;
}

/** The faults a random sequence draws from: every fault that answers at once. */
export function sequenceFaults(operation: OperationCase): Fault[] {
  const fast: Fault[] = [
    'none',
    'refused',
    'reset',
    'http-500',
    'http-502',
    'http-503',
    'http-504',
    'throttled-long',
    'html',
    'truncated',
    'malformed',
    'business-failure',
  ];
  return fast.filter((fault) => attemptRule(fault, operation) !== undefined);
}
