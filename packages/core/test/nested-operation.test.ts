import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localServer } from '../../testing/src/local-server.js';
import {
  ApiError,
  bearerAuth,
  createProviderRuntime,
  NO_AUTH,
  operationMethods,
} from '../src/index.js';
import { type OneGetApi, oneGetTable } from './example-api.js';

type paths = OneGetApi<'/token', { access_token: string }> & OneGetApi<'/thing'>;

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

/**
 * A client whose auth fetches its token with a call of its own, as Tigo's and Stone's do. Both
 * operations have the same operationId: a nested failure is told apart by where it happened
 * (while getting credentials), not by its name.
 */
function tokenAuthClient() {
  const environments = { mock: server.url };
  const tokens = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments },
    options,
    NO_AUTH,
  );
  const { getThing: requestToken } = operationMethods(
    tokens,
    oneGetTable('getThing', '/token', 'read'),
    { getThing: {} },
  );
  const api = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments },
    options,
    bearerAuth(async () => (await requestToken()).access_token),
  );
  return operationMethods(api, oneGetTable('getThing', '/thing', 'read'), { getThing: {} });
}

describe('a failure of the token request an auth makes before sending', () => {
  it('is retried by the token request alone, not once more per attempt of the call', async () => {
    hits.length = 0;
    const { getThing } = tokenAuthClient();
    await expect(getThing()).rejects.toSatisfy(
      (error) => error instanceof ApiError && error.status === 503,
    );
    expect(hits).toEqual(['/token', '/token', '/token']);
  });
});
