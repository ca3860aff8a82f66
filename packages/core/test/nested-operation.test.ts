import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localServer } from '../../testing/src/local-server.js';
import { ApiError, bearerAuth, createProviderRuntime } from '../src/index.js';
import type { OneGetApi } from './example-api.js';

type paths = OneGetApi<string>;

// The token endpoint is unavailable; the API itself would answer.
const hits: string[] = [];
let server: Awaited<ReturnType<typeof localServer>>;
beforeAll(async () => {
  server = await localServer((request, response) => {
    hits.push(request.url ?? '');
    const status = request.url === '/token' ? 503 : 200;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(status === 200 ? { access_token: 'issued-token-1' } : {}));
  });
});
afterAll(() => server.close());

const options = { environment: 'mock', maxRetries: 2, retry: { baseDelayMs: 1 } } as const;

/** A client whose auth fetches its token with a run of its own, as Tigo's and Stone's do. */
function tokenAuthClient() {
  const environments = { mock: server.url };
  const tokens = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments },
    options,
    { secrets: [], middleware: { onRequest: () => undefined } },
  );
  const requestToken = () =>
    tokens.run({
      operation: 'requestAccessToken',
      idempotent: true,
      send: ({ signal, headers }) => tokens.raw.GET('/token', { signal, headers }),
    }) as Promise<{ access_token: string }>;
  const api = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments },
    options,
    bearerAuth(async () => (await requestToken()).access_token),
  );
  return api;
}

describe('a failure of the token request an auth makes before sending', () => {
  it('is retried by the token request alone, not once more per attempt of the call', async () => {
    hits.length = 0;
    const { raw, run } = tokenAuthClient();
    const outcome = run({
      operation: 'getThing',
      idempotent: true,
      send: ({ signal, headers }) => raw.GET('/thing', { signal, headers }),
    });
    await expect(outcome).rejects.toSatisfy(
      (error) =>
        error instanceof ApiError &&
        error.operation === 'requestAccessToken' &&
        error.status === 503,
    );
    expect(hits).toEqual(['/token', '/token', '/token']);
  });
});
