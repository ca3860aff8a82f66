// The run's shared mock host (one process for every test file), as @telcopay/testing provides it.

import { mockScenarios, type ScenarioStep } from '@telcopay/mocks';
import { expect, inject, it } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    telcopayMocks: Record<string, string>;
  }
}

export function sharedMocks(): Record<string, string> {
  const urls = inject('telcopayMocks');
  if (!urls) throw new Error('No shared mock host: the vitest config must start it.');
  return urls;
}

/** What a request got: a status and body, or the code of the network error. */
export async function outcome(url: string, init: RequestInit = {}) {
  try {
    const response = await fetch(url, {
      ...init,
      signal: init.signal ?? AbortSignal.timeout(30_000),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; name?: string } }).cause;
    return { error: cause?.code ?? cause?.name ?? String(error) };
  }
}

/**
 * One file of the isolation pair (test/isolation-*.test.ts): each runs at the same time as the
 * other against the one shared mock host, with its own scenario on the same operation, and must
 * get exactly its own steps.
 */
export function isolationTest(me: string, other: string, steps: ScenarioStep[], expected: string) {
  it(`file ${me}: its scenario is its own while file ${other} has another on the same operation`, async () => {
    const urls = sharedMocks();
    const balance = `${urls.qvatel}/account/recharge-balance?api_token=t`;
    const mine = mockScenarios(urls, { id: `isolation-${me}` });
    // Each file's "arrived" mark: a step queued under an id of its own, left until the host stops.
    const arrived = mockScenarios(urls, { id: `isolation-${me}-arrived` });
    const theirArrival = mockScenarios(urls, { id: `isolation-${other}-arrived` });
    try {
      await mine.scenario('qvatel', 'getRechargeBalance', steps);
      // Both files' queues exist at once from here on: the other has queued its own.
      await arrived.scenario('qvatel', 'getRechargeStatus', ['success']);
      await theirArrival.whenQueued('qvatel', 'getRechargeStatus');

      // A request without the header gets neither file's steps; this file gets its own, in order.
      expect((await outcome(balance)).text).toContain('"balance":20');
      for (const _ of steps) {
        expect((await outcome(balance, { headers: mine.headers })).text).toContain(expected);
      }
      expect((await outcome(balance, { headers: mine.headers })).text).toContain('"balance":20');
    } finally {
      await mine.reset();
    }
  });
}
