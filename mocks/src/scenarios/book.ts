// The queued answers of one mock: per scenario id (the header a test's client sends), per
// operation, consumed in order; once a queue is empty, the mock answers as usual again.
import type { SpecOperation } from '../spec/operations.js';
import { type PlannedStep, planSteps, ScenarioError, type ScenarioStep } from './steps.js';

/** The header that names a test's scenario, so parallel tests never share a queue. */
export const SCENARIO_HEADER = 'x-telcopay-scenario';

/** The control endpoint on every mock. */
export const CONTROL_PATH = '/__telcopay/scenarios';

export class ScenarioBook {
  readonly #api: string;
  readonly #operations: ReadonlyMap<string, SpecOperation>;
  /** Scenario id ('' without the header) → operationId → steps still to play. */
  readonly #queues = new Map<string, Map<string, PlannedStep[]>>();
  /** Who waits for a scenario's first step on an operation (`whenQueued`), by both. */
  readonly #waiting = new Map<string, (() => void)[]>();

  constructor(api: string, operations: readonly SpecOperation[]) {
    this.#api = api;
    this.#operations = new Map(operations.map((operation) => [operation.operationId, operation]));
  }

  /** Checks the steps against the spec and queues them after any still pending. */
  queue(scenario: string, operationId: string, steps: readonly ScenarioStep[]): void {
    const operation = this.#operations.get(operationId);
    if (!operation) {
      throw new ScenarioError(
        `${this.#api} has no operation "${operationId}". Operations: ${[...this.#operations.keys()].join(', ')}.`,
      );
    }
    const planned = planSteps(this.#api, operation, steps);
    let queues = this.#queues.get(scenario);
    if (!queues) {
      queues = new Map();
      this.#queues.set(scenario, queues);
    }
    queues.set(operationId, [...(queues.get(operationId) ?? []), ...planned]);
    const key = JSON.stringify([scenario, operationId]);
    for (const wake of this.#waiting.get(key) ?? []) wake();
    this.#waiting.delete(key);
  }

  /** Resolves once the scenario has a step queued on the operation (at once if it has one). */
  whenQueued(scenario: string, operationId: string): Promise<void> {
    if (this.#queues.get(scenario)?.get(operationId)?.length) return Promise.resolve();
    const key = JSON.stringify([scenario, operationId]);
    return new Promise((resolve) => {
      this.#waiting.set(key, [...(this.#waiting.get(key) ?? []), resolve]);
    });
  }

  /** The next step for this request, if the scenario queued one. */
  take(scenario: string, operationId: string): PlannedStep | undefined {
    const queue = this.#queues.get(scenario)?.get(operationId);
    const step = queue?.shift();
    if (queue?.length === 0) this.#queues.get(scenario)?.delete(operationId);
    return step;
  }

  /** How many steps each operation of the scenario still has. */
  pending(scenario: string): Record<string, number> {
    return Object.fromEntries(
      [...(this.#queues.get(scenario) ?? [])].map(([operationId, steps]) => [
        operationId,
        steps.length,
      ]),
    );
  }

  /** Forgets every scenario's queues. */
  resetAll(): void {
    this.#queues.clear();
  }

  /** Forgets one scenario's queues. */
  reset(scenario: string): void {
    this.#queues.delete(scenario);
  }
}
