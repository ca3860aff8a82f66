import type { ApiName, ScenarioStep } from '@telcopay/mocks';
import { mockScenarios, SCENARIO_HEADER } from '@telcopay/mocks';
import { createMockHandlers } from '@telcopay/mocks/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { mockUrl } from './mock-urls.js';

/** Where a scenario test's client talks to: the shared HTTP mock, or MSW in this process. */
export interface ScenarioTransport {
  readonly name: 'http' | 'msw';
  /** The client's base URL on this transport. */
  baseUrl(): string;
  /** The headers the test's clients send: its own scenario id. */
  headers(): Record<string, string>;
  /** Queues steps for the next calls of `operationId`, for this test only. */
  scenario(operationId: string, steps: readonly ScenarioStep[]): Promise<void>;
}

/**
 * Runs `suite` twice: against the run's shared HTTP mock, and in-process against the MSW
 * handlers of the same spec. Each test gets its own scenario id, forgotten after it.
 */
export function describeScenarios(api: ApiName, suite: (transport: ScenarioTransport) => void) {
  describe(`${api} scenarios over the HTTP mock`, () => {
    let current = mockScenarios({});
    beforeEach(() => {
      current = mockScenarios({ [api]: mockUrl(api) });
    });
    afterEach(() => current.reset());
    suite({
      name: 'http',
      baseUrl: () => mockUrl(api),
      headers: () => ({ ...current.headers }),
      scenario: (operationId, steps) => current.scenario(api, operationId, steps),
    });
  });

  describe(`${api} scenarios in-process (msw)`, () => {
    const baseUrl = `http://${api}.msw.invalid`;
    const server = setupServer();
    let mocks: Awaited<ReturnType<typeof createMockHandlers>>;
    let id = '';
    beforeAll(async () => {
      mocks = await createMockHandlers({ apis: [api], baseUrls: { [api]: baseUrl } });
      server.use(...mocks.handlers);
      server.listen({ onUnhandledRequest: 'bypass' });
    });
    afterAll(() => server.close());
    beforeEach(() => {
      id = globalThis.crypto.randomUUID();
    });
    afterEach(() => mocks.reset(id));
    suite({
      name: 'msw',
      baseUrl: () => baseUrl,
      headers: () => ({ [SCENARIO_HEADER]: id }),
      scenario: async (operationId, steps) => mocks.scenario(api, operationId, steps, id),
    });
  });
}
