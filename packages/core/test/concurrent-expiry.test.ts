import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localServer } from '../../testing/src/local-server.js';
import {
  bearerAuth,
  createProviderRuntime,
  createTokenCache,
  operationMethods,
} from '../src/index.js';
import { type OneGetApi, oneGetTable } from './example-api.js';

type paths = OneGetApi<'/thing'>;

// `token-1` has expired. The upstream refuses it at once for the first call, but only after
// 100 ms for the second: by then the first call has a fresh token and has been sent again.
let refusals = 0;
let server: Awaited<ReturnType<typeof localServer>>;
beforeAll(async () => {
  server = await localServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== 'Bearer token-1') return answer(200, { ok: true });
    refusals += 1;
    setTimeout(() => answer(401, { fault: 'expired' }), refusals === 1 ? 0 : 100);
  });
});
afterAll(() => server.close());

describe('an expired token refused to concurrent calls at different times', () => {
  it('is replaced once: a late refusal of the old token does not drop the new one', async () => {
    let issued = 0;
    const tokens = createTokenCache({
      fetchToken: async () => ({ token: `token-${++issued}`, expiresInSeconds: 3600 }),
    });
    const example = createProviderRuntime<paths, 'mock'>(
      { provider: 'example', environments: { mock: server.url } },
      { environment: 'mock', maxRetries: 0 },
      bearerAuth(tokens.get, {
        isExpiredToken: (status, body) =>
          status === 401 && (body as { fault?: string }).fault === 'expired',
        invalidate: tokens.invalidate,
      }),
    );
    const { getThing } = operationMethods(example, oneGetTable('getThing', '/thing', 'read'), {
      getThing: {},
    });
    await tokens.get();
    await expect(Promise.all([getThing(), getThing()])).resolves.toEqual([
      { ok: true },
      { ok: true },
    ]);
    expect(issued).toBe(2);
  });
});
