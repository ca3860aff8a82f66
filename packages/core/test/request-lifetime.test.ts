import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localServer } from '../../testing/src/local-server.js';
import {
  type AuthStrategy,
  createProviderRuntime,
  operationMethods,
  TimeoutError,
} from '../src/index.js';
import { type OneGetApi, oneGetTable } from './example-api.js';

type paths = OneGetApi<'/slow'>;

// A real garbage collection, as a busy process has many of during a 30 s timeout.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let server: Awaited<ReturnType<typeof localServer>>;
/** Called when the connection of a slow request closes: its client gave up on it. */
const closedListeners = new Set<() => void>();
beforeAll(async () => {
  // Answers with headers, then drips the body far slower than any timeout below; or never.
  server = await localServer((request, response) => {
    response.on('close', () => {
      for (const closed of closedListeners) closed();
    });
    if (request.url?.startsWith('/slow?hang')) return;
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    const drip = setInterval(() => response.write(' '), 50);
    response.on('close', () => clearInterval(drip));
  });
});
afterAll(() => server.close());

/** An auth whose credentials travel in the query, as QvaTel's token does. */
const queryAuth: AuthStrategy = {
  secrets: [],
  authorize: async () => ({ query: { signed: 'yes' } }),
};

function slowCall(
  query: string,
  call: { signal?: AbortSignal } = {},
  fetch?: (request: Request) => Promise<Response>,
) {
  const example = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments: { mock: server.url } },
    { environment: 'mock', timeoutMs: 200, maxRetries: 0, fetch },
    queryAuth,
  );
  const { getSlow } = operationMethods(example, oneGetTable('getSlow', '/slow', 'read'), {
    getSlow: { request: { querySerializer: () => query } },
  });
  return getSlow(call);
}

/** The call's error, or `'still pending'` when it has not settled within two seconds. */
async function settleWithGarbageCollection(call: Promise<unknown>): Promise<unknown> {
  const collecting = setInterval(collectGarbage, 10);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      call.then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve('still pending'), 2_000);
      }),
    ]);
  } finally {
    clearInterval(collecting);
    clearTimeout(timer);
  }
}

describe('a timeout of a request whose credentials were added to it', () => {
  // Without a signal of the caller's: the hang and drip cases of 'a request that timed out'.
  it('still fires when the caller passes a signal of its own', async () => {
    const caller = new AbortController();
    const outcome = await settleWithGarbageCollection(slowCall('hang', { signal: caller.signal }));
    expect(outcome).toBeInstanceOf(TimeoutError);
  });
});

describe('a request that timed out', () => {
  const fetches = [
    ['the global fetch', undefined],
    // As a test double or a proxy does: the Request it is given is sent on, copied by fetch.
    ["a fetch of the caller's", (request: Request) => globalThis.fetch(request)],
  ] as const;
  const slow = [
    ['no answer at all', 'hang'],
    ['a body that drips', 'drip'],
  ] as const;
  it.each(
    slow.flatMap(([slowName, query]) =>
      fetches.map(([fetchName, fetch]) => [slowName, fetchName, query, fetch] as const),
    ),
  )(
    'is aborted, its connection closed, while garbage is collected: %s, with %s',
    async (_, __, query, fetch) => {
      const closed = new Promise<string>((resolve) => closedListeners.add(() => resolve('closed')));
      const outcome = await settleWithGarbageCollection(slowCall(query, {}, fetch));
      expect(outcome).toBeInstanceOf(TimeoutError);
      // The server sees the connection close at once, long before the drip would end (50 s).
      let timer: NodeJS.Timeout | undefined;
      const still = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('still open'), 5_000);
      });
      expect(await Promise.race([closed, still])).toBe('closed');
      clearTimeout(timer);
      closedListeners.clear();
    },
  );
});
