import type { ApiName, ScenarioStep } from '@telcopay/mocks';
import { mockScenarios, SCENARIO_HEADER } from '@telcopay/mocks';
import { createMockHandlers } from '@telcopay/mocks/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { mockUrl } from './mock-urls.js';
import { recordingFetch } from './recording-fetch.js';

/** Where a scenario test's client talks to: the shared HTTP mock, or MSW in this process. */
export interface ScenarioTransport {
  readonly name: 'http' | 'msw';
  /** The client's base URL on this transport. */
  baseUrl(): string;
  /** The headers the test's clients send: its own scenario id. */
  headers(): Record<string, string>;
  /** Queues steps for the next calls of `operationId`, for this test only. */
  scenario(operationId: string, steps: readonly ScenarioStep[]): Promise<void>;
  /**
   * A client's options on this transport (base URL, the test's header, retries without a wait
   * worth the name), with every request it sends recorded.
   */
  connect(): { options: ClientConnection; requests: ReturnType<typeof recordingFetch>['requests'] };
}

export interface ClientConnection {
  baseUrl: string;
  headers: Record<string, string>;
  fetch: (request: Request) => Promise<Response>;
  retry: { baseDelayMs: number };
}

function connect(transport: Omit<ScenarioTransport, 'connect'>) {
  const recorder = recordingFetch((request) => globalThis.fetch(request));
  const options: ClientConnection = {
    baseUrl: transport.baseUrl(),
    headers: transport.headers(),
    fetch: recorder.fetch,
    retry: { baseDelayMs: 1 },
  };
  return { options, requests: recorder.requests };
}

function withConnect(transport: Omit<ScenarioTransport, 'connect'>): ScenarioTransport {
  return { ...transport, connect: () => connect(transport) };
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
    suite(
      withConnect({
        name: 'http',
        baseUrl: () => mockUrl(api),
        headers: () => ({ ...current.headers }),
        scenario: (operationId, steps) => current.scenario(api, operationId, steps),
      }),
    );
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
    suite(
      withConnect({
        name: 'msw',
        baseUrl: () => baseUrl,
        headers: () => ({ [SCENARIO_HEADER]: id }),
        scenario: async (operationId, steps) => mocks.scenario(api, operationId, steps, id),
      }),
    );
  });
}
