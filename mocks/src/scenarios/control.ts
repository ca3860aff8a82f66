// The client of the mocks' control endpoint: queue a scenario on a running mock, from a test.
import { CONTROL_PATH, SCENARIO_HEADER } from './book.js';
import { ScenarioError, type ScenarioStep } from './steps.js';

/** One test's scenarios on running mocks: its own queues, selected by its header. */
export interface MockScenarios {
  /** The scenario id; its queues are seen only by requests that carry it. */
  readonly id: string;
  /** The header to send with every request of the test (the clients' `headers` option). */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Queues answers for the next calls of `operationId` on `api`'s mock, played in order, then
   * back to the usual answer. Rejects with a ScenarioError when a step is not in the spec.
   */
  scenario(api: string, operationId: string, steps: readonly ScenarioStep[]): Promise<void>;
  /** Steps still queued per operation of `api`. */
  pending(api: string): Promise<Record<string, number>>;
  /**
   * Resolves once this scenario has a step queued on `operationId` of `api` (another test file
   * queues it: a barrier between files).
   */
  whenQueued(api: string, operationId: string): Promise<void>;
  /** Forgets every queue of this scenario on every mock. */
  reset(): Promise<void>;
}

/**
 * Scenarios on running mocks (`startMocks`, `pnpm start`, the test command's shared host), given
 * their URLs by API. Without an `id`, a fresh one: tests that run in parallel do not see each
 * other's queues. With `id: ''`, the mocks' default queues (requests without the header).
 */
export function mockScenarios(
  urls: Readonly<Record<string, string | undefined>>,
  options: { id?: string } = {},
): MockScenarios {
  const id = options.id ?? globalThis.crypto.randomUUID();
  const headers: Record<string, string> = id === '' ? {} : { [SCENARIO_HEADER]: id };
  const control = (api: string) => {
    const url = urls[api];
    if (!url)
      throw new ScenarioError(`No mock URL for ${api}: known ${Object.keys(urls).join(', ')}.`);
    return `${url.replace(/\/$/, '')}${CONTROL_PATH}`;
  };
  const send = async (api: string, init: RequestInit, query = '') => {
    const response = await fetch(`${control(api)}${query}`, {
      ...init,
      headers: { ...headers, 'content-type': 'application/json' },
    });
    const body = response.status === 204 ? undefined : await response.json();
    if (!response.ok)
      throw new ScenarioError((body as { error?: string }).error ?? response.statusText);
    return body;
  };
  return {
    id,
    headers,
    async scenario(api, operationId, steps) {
      await send(api, { method: 'POST', body: JSON.stringify({ operationId, steps }) });
    },
    async pending(api) {
      return ((await send(api, { method: 'GET' })) as { pending: Record<string, number> }).pending;
    },
    async whenQueued(api, operationId) {
      await send(api, { method: 'GET' }, `?queued=${encodeURIComponent(operationId)}`);
    },
    async reset() {
      await Promise.all(
        Object.keys(urls)
          .filter((api) => urls[api])
          .map((api) => send(api, { method: 'DELETE' })),
      );
    },
  };
}
