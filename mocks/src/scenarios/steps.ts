// A scenario's steps, checked against the spec: a step can only serve an answer the operation
// documents, or a network or gateway fault (which no spec documents). Shared by the HTTP mocks
// and the in-process handlers.
import { successOf, unauthorizedOf } from '../faults/answers.js';
import { FAULTS, type Fault } from '../faults/vocabulary.js';
import type { Scenario, SpecOperation } from '../spec/operations.js';

/**
 * Faults a scenario may play: a network's or a gateway's, never the provider's own answer (a
 * documented failure is a named example; an expired token, the documented 401). `refused` is
 * played by the fault suite's fetch, not by a server.
 */
export const STEP_FAULTS = [
  ...FAULTS.filter(
    (fault): fault is Exclude<Fault, 'none' | 'refused' | 'business-failure' | 'expired-token'> =>
      !['none', 'refused', 'business-failure', 'expired-token'].includes(fault),
  ),
  'reset-before',
  'network-error',
] as const;

export type StepFault = (typeof STEP_FAULTS)[number];

/**
 * One answer of a scenario:
 * - a documented status (`503`, its first named example) or `{ status, example }`;
 * - a documented example's name (`'success'`, `'insufficientFunds'`);
 * - `'expired-token'`: the operation's documented 401 for a credential that is no longer good;
 * - a fault of {@link STEP_FAULTS} (`'reset'` is after the request was handled, `'reset-before'`
 *   before; `'network-error'` is a connection that fails with no answer);
 * - `{ delay: ms, answer? }`: waits, then plays `answer` (default: the normal answer).
 */
export type ScenarioStep =
  | number
  | string
  | { status: number; example?: string }
  | { example: string }
  | { delay: number; answer?: ScenarioStep };

/** A step as the transports play it. */
export type PlannedStep =
  | { kind: 'answer'; status: number; example: string; body: unknown }
  | { kind: 'fault'; fault: StepFault }
  | { kind: 'delay'; ms: number; answer: PlannedStep | undefined };

/** A scenario the spec does not allow; its message names the operation and the choices. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Checks each step against the operation's spec; throws a ScenarioError for the first bad one. */
export function planSteps(
  api: string,
  operation: SpecOperation,
  steps: readonly ScenarioStep[],
): PlannedStep[] {
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new ScenarioError(`${api} ${operation.operationId}: a scenario needs at least one step.`);
  }
  return steps.map((step) => planStep(api, operation, step));
}

function planStep(api: string, operation: SpecOperation, step: ScenarioStep): PlannedStep {
  const { scenarios } = operation;
  const name = `${api} ${operation.operationId}`;
  if (typeof step === 'number') return documentedStatus(name, scenarios, step);
  if (typeof step === 'string') {
    if ((STEP_FAULTS as readonly string[]).includes(step)) {
      return { kind: 'fault', fault: step as StepFault };
    }
    if (step === 'expired-token') {
      const unauthorized = unauthorizedOf(scenarios) ?? scenarios.find((s) => s.status === '401');
      if (!unauthorized) {
        throw new ScenarioError(
          `${name} documents no 401, so it has no expired-token answer. ${choices(scenarios)}`,
        );
      }
      return answer(unauthorized);
    }
    return documentedExample(name, scenarios, step);
  }
  if (typeof step === 'object' && step !== null) {
    if ('delay' in step) {
      if (!Number.isFinite(step.delay) || step.delay < 0) {
        throw new ScenarioError(`${name}: a delay is a number of milliseconds ≥ 0.`);
      }
      const answer = step.answer === undefined ? undefined : planStep(api, operation, step.answer);
      return { kind: 'delay', ms: step.delay, answer };
    }
    if ('status' in step) {
      const planned = documentedStatus(name, scenarios, step.status);
      if (step.example === undefined || step.example === planned.example) return planned;
      const match = scenarios.find(
        (s) => s.example === step.example && statusCovers(s.status, step.status, scenarios),
      );
      if (!match) {
        throw new ScenarioError(
          `${name} documents no example "${step.example}" for status ${step.status}. ${choices(scenarios)}`,
        );
      }
      return { ...answer(match), status: step.status };
    }
    if ('example' in step) return documentedExample(name, scenarios, step.example);
  }
  throw new ScenarioError(
    `${name}: ${JSON.stringify(step)} is no scenario step. ${choices(scenarios)}`,
  );
}

function documentedExample(name: string, scenarios: readonly Scenario[], example: string) {
  const match =
    example === 'success'
      ? (scenarios.find((s) => s.example === example) ?? successOf(scenarios))
      : scenarios.find((s) => s.example === example);
  if (!match)
    throw new ScenarioError(`${name} documents no example "${example}". ${choices(scenarios)}`);
  return answer(match);
}

/** A status the operation documents (or its `default` response covers): its first example. */
function documentedStatus(name: string, scenarios: readonly Scenario[], status: number) {
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new ScenarioError(`${name}: ${status} is no HTTP status. ${choices(scenarios)}`);
  }
  const exact = scenarios.filter((s) => s.status === String(status));
  const match =
    exact.find((s) => s.example === 'success') ??
    exact[0] ??
    (status >= 400 ? scenarios.find((s) => s.status === 'default') : undefined);
  if (!match) {
    const hint =
      status >= 500 || status === 429
        ? ` A gateway's ${status} that the provider does not document is the fault step '${status === 429 ? 'throttled' : `http-${status}`}'.`
        : '';
    throw new ScenarioError(`${name} documents no status ${status}.${hint} ${choices(scenarios)}`);
  }
  return { ...answer(match), status };
}

function statusCovers(documented: string, status: number, scenarios: readonly Scenario[]) {
  if (documented === String(status)) return true;
  return (
    documented === 'default' && status >= 400 && !scenarios.some((s) => s.status === String(status))
  );
}

function answer(scenario: Scenario): PlannedStep & { kind: 'answer' } {
  const status = scenario.status === 'default' ? 500 : Number(scenario.status);
  return { kind: 'answer', status, example: scenario.example, body: scenario.value };
}

/** The documented choices, for a refusal's message. */
function choices(scenarios: readonly Scenario[]): string {
  const documented = scenarios.map((s) => `${s.status} ${s.example}`).join(', ');
  return `Documented: ${documented}. Faults: ${STEP_FAULTS.join(', ')}${
    scenarios.some((s) => s.status === '401') ? ', expired-token' : ''
  }.`;
}
