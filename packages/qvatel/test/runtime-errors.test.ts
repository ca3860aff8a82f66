// How a failed fetch reads in each runtime decides whether an unkeyed money call may be sent
// again. The errors are the runtimes' own, as Deno 2 and Chromium throw them for a refused
// connection (seen in the runtime matrix); the fetch here throws them without a network.
import { ConnectionError, OutcomeUnknownError } from '@telcopay/core';
import { describe, expect, it } from 'vitest';
import { createQvatelClient } from '../src/index.js';

function clientFailingWith(error: () => Error) {
  let calls = 0;
  const qvatel = createQvatelClient({
    apiToken: 'runtime-token',
    baseUrl: 'http://127.0.0.1:4011',
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    fetch: async () => {
      calls += 1;
      throw error();
    },
  });
  return { qvatel, calls: () => calls };
}

describe('a refused connection on a money call', () => {
  it("is 'nothing was sent' in Deno, whose fetch names the connect phase: retried", async () => {
    const deno = () =>
      new TypeError('fetch failed', {
        cause: new Error(
          'error sending request for url (http://127.0.0.1:4011/recharge/send): client error (Connect): tcp connect error: Connection refused (os error 111)',
        ),
      });
    const { qvatel, calls } = clientFailingWith(deno);
    const error = await qvatel
      .sendRecharge({ destino: '52942387', monto: 20 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('nothing was sent');
    expect(calls()).toBe(3);
  });

  it('is an unknown outcome in Chromium, whose fetch says the same for a lost answer: sent once', async () => {
    const { qvatel, calls } = clientFailingWith(() => new TypeError('Failed to fetch'));
    const error = await qvatel
      .sendRecharge({ destino: '52942387', monto: 20 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(calls()).toBe(1);
  });
});
