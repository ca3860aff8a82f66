import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localServer } from '../../testing/src/local-server.js';
import {
  AuthError,
  type AuthStrategy,
  createProviderRuntime,
  type OutgoingRequest,
  operationMethods,
  TimeoutError,
} from '../src/index.js';
import { type OneGetApi, oneGetTable } from './example-api.js';

type paths = OneGetApi<'/thing'>;

const received: { url: string; auth: string | undefined }[] = [];
let server: Awaited<ReturnType<typeof localServer>>;
beforeAll(async () => {
  // Answers `/thing?hang…` never, anything else at once.
  server = await localServer((request, response) => {
    received.push({
      url: request.url ?? '',
      auth: request.headers['x-auth'] as string | undefined,
    });
    if (request.url?.includes('hang')) return;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
});
afterAll(() => server.close());

function client(
  auth: AuthStrategy,
  timeoutMs: number,
  safety: 'read' | 'unkeyed-money' = 'read',
  maxRetries = 0,
) {
  const example = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments: { mock: server.url } },
    { environment: 'mock', timeoutMs, maxRetries },
    auth,
  );
  const reconcile = { advice: 'Ask.' };
  const { getThing } = operationMethods(
    example,
    oneGetTable('getThing', '/thing', safety, { reconcile }),
    { getThing: { request: (query: string) => ({ querySerializer: () => query }) } },
  );
  return { getThing, raw: example.raw };
}

describe("an attempt's credentials", () => {
  it('are got before its timer starts: a slow token leaves the send its whole timeout', async () => {
    let ready = 0;
    const slowToken: AuthStrategy = {
      secrets: [],
      authorize: () =>
        new Promise((resolve) =>
          setTimeout(() => {
            ready = performance.now();
            resolve({ headers: { 'x-auth': 'slow-token' } });
          }, 100),
        ),
    };
    const error = await client(slowToken, 1_000)
      .getThing('hang')
      .catch((caught: unknown) => caught);
    // The timer ran from the moment the token was ready, not from the start of the call.
    const sinceReady = performance.now() - ready;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('example getThing: no answer within 1000 ms.');
    expect(sinceReady).toBeGreaterThanOrEqual(980);
    expect(received.at(-1)).toEqual({ url: '/thing?hang', auth: 'slow-token' });
  }, 20_000);

  it.each(['read', 'unkeyed-money'] as const)(
    'that cannot be had are an AuthError of a %s call: its cause kept, nothing sent, not retried',
    async (safety) => {
      const from = received.length;
      let asked = 0;
      const broken: AuthStrategy = {
        secrets: ['vault-secret-1'],
        authorize: async () => {
          asked += 1;
          throw new TypeError('the vault is sealed (vault-secret-1)');
        },
      };
      const error = await client(broken, 1_000, safety, 2)
        .getThing('ok')
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({
        retryable: false,
        status: undefined,
        statusClass: 'client',
        cause: { name: 'TypeError', message: 'the vault is sealed ([REDACTED])' },
      });
      expect((error as Error).message).toBe(
        'example getThing: its credentials could not be had, so nothing was sent (the vault is sealed ([REDACTED])).',
      );
      expect(JSON.stringify(error)).not.toContain('vault-secret-1');
      expect(asked).toBe(1);
      expect(received.length).toBe(from);
    },
  );
});

describe('.raw', () => {
  it('carries the same credentials, added by middleware', async () => {
    const seen: OutgoingRequest[] = [];
    const auth: AuthStrategy = {
      secrets: [],
      authorize(request) {
        seen.push(request);
        return { headers: { 'x-auth': 'raw-token' }, query: { signed: 'yes' } };
      },
    };
    const { raw } = client(auth, 1_000);
    const { data } = await raw.GET('/thing');
    expect(data).toEqual({ ok: true });
    expect(received.at(-1)).toEqual({ url: '/thing?signed=yes', auth: 'raw-token' });
    expect(seen).toEqual([
      {
        method: 'GET',
        baseUrl: server.url,
        url: `${server.url}/thing`,
        query: undefined,
        body: undefined,
        contentType: undefined,
      },
    ]);
  });
});
