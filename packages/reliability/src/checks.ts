import { isDeepStrictEqual } from 'node:util';
import { OutcomeUnknownError, TelcopayError } from '@telcopay/core';
import type { OperationCase } from './clients.js';
import type { Lane } from './lane.js';
import type { Expected } from './matrix.js';
import { type Observation, outcomeOf } from './observe.js';

/** How a money-moving operation's requests looked from the upstream. */
export interface MoneyEvidence {
  /** Requests the upstream received more than once (same method, path and body), unkeyed only. */
  duplicates: number;
  /** Keyed requests whose retries did not all carry the same key. */
  keyMismatches: number;
}

export function moneyEvidence(operation: OperationCase, lane: Lane): MoneyEvidence {
  const received = lane.receivedOf(operation.operationId);
  if (operation.safety === 'unkeyed-money') {
    const fingerprints = new Set(received.map((request) => request.fingerprint));
    return { duplicates: received.length - fingerprints.size, keyMismatches: 0 };
  }
  if (operation.safety === 'keyed-money' && operation.keyOf) {
    const keys = new Set(received.map((request) => operation.keyOf?.(request)));
    return { duplicates: 0, keyMismatches: keys.size > 1 || keys.has('') ? 1 : 0 };
  }
  return { duplicates: 0, keyMismatches: 0 };
}

/**
 * Everything wrong with one observed call: an outcome other than expected, a hang, a request
 * left open, a lost request or id, a money request received twice or retried under a new key.
 */
export function problemsOf(
  operation: OperationCase,
  lane: Lane,
  observation: Observation,
  expected: Expected,
): string[] {
  const problems: string[] = [];
  const actual = outcomeOf(observation);
  if (!isDeepStrictEqual(actual, expected)) {
    problems.push(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  if (observation.hung) problems.push('the call never settled');
  if (observation.openRequests > 0)
    problems.push(`${observation.openRequests} request(s) left open`);
  const refused = lane.tries.filter(
    (attempt) => attempt.operationId === operation.operationId && attempt.refused,
  ).length;
  if (observation.received !== observation.attempts - refused) {
    problems.push(`${observation.attempts - refused} sent but ${observation.received} received`);
  }
  const evidence = moneyEvidence(operation, lane);
  if (evidence.duplicates > 0) problems.push(`the upstream received the same request twice`);
  if (evidence.keyMismatches > 0) problems.push('retries carried different idempotency keys');
  problems.push(...lostIdProblems(operation, lane, observation));
  return problems;
}

/** A success must hand over exactly what the upstream answered; a lost answer, the request's ids. */
function lostIdProblems(operation: OperationCase, lane: Lane, observation: Observation): string[] {
  if (observation.outcome === 'ok') {
    const served = lane.receivedOf(operation.operationId).at(-1)?.served;
    return isDeepStrictEqual(operation.payload(observation.value), served)
      ? []
      : ['the result is not what the upstream answered'];
  }
  const { error } = observation;
  if (error instanceof OutcomeUnknownError) {
    const complete =
      Object.keys(error.requestIds).length > 0 && error.reconciliation.advice.trim() !== '';
    if (!complete) return ['an unknown outcome without the ids to reconcile it'];
  }
  const key = lane.receivedOf(operation.operationId)[0];
  if (operation.keyOf && key && error instanceof TelcopayError) {
    if (!error.idempotencyKey || !operation.keyOf(key).includes(error.idempotencyKey)) {
      return ['the error does not carry the idempotency key that was sent'];
    }
  }
  return [];
}
