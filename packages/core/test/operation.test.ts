import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthError,
  BusinessError,
  bearerAuth,
  ConnectionError,
  createProviderRuntime,
  type LogEntry,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { localServer } from './local-server.js';

/** A one-operation API, typed the way openapi-typescript writes it. */
interface paths {
  '/thing': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { 'application/json': { ok: boolean; failure?: string } };
        };
      };
    };
  };
}

const TOKEN = 'bearer-token-7d1f';
let server: Awaited<ReturnType<typeof localServer>>;
const seen: string[] = [];

beforeAll(async () => {
  // Each request's scenario is named in the `x-scenario` header.
  server = await localServer((request, response) => {
    const scenario = String(request.headers['x-scenario']);
    seen.push(`${scenario} ${request.headers.authorization}`);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    switch (scenario) {
      case 'ok':
        return json(200, { ok: true }, { 'x-request-id': 'req-42' });
      case 'business-failure':
        return json(200, { ok: false, failure: `quota exceeded for ${TOKEN}` });
      case 'server-error':
        return json(503, { message: 'maintenance' });
      case 'unauthorized':
        return json(401, { message: `token ${TOKEN} is not valid` });
      case 'expired':
        return json(401, { fault: 'expired' });
      case 'not-json':
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end('{"ok": tru');
      case 'hang':
        return; // never answers
      default:
        return json(404, { message: 'unknown scenario' });
    }
  });
});
afterAll(() => server.close());

function runtime(options: { baseUrl?: string; timeoutMs?: number; expired?: () => void } = {}) {
  const logs: LogEntry[] = [];
  const { raw, run } = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments: { mock: server.url } },
    {
      environment: 'mock',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      logger: (entry) => logs.push(entry),
    },
    bearerAuth(TOKEN, {
      isExpiredToken: (_status, body) => (body as { fault?: string })?.fault === 'expired',
      invalidate: () => options.expired?.(),
    }),
  );
  const get = (
    scenario: string,
    idempotent = true,
    call: { signal?: AbortSignal; timeoutMs?: number } = {},
  ) =>
    run(
      {
        operation: 'getThing',
        idempotent,
        correlationId: 'corr-1',
        send: ({ signal, headers }) =>
          raw.GET('/thing', { headers: { ...headers, 'x-scenario': scenario }, signal }),
        businessFailure: (body) => (body.ok ? undefined : body.failure),
      },
      call,
    );
  return { get, logs };
}

describe('running an operation', () => {
  it('resolves the body of a 2xx answer and sends the auth header', async () => {
    const { get } = runtime();
    await expect(get('ok')).resolves.toEqual({ ok: true });
    expect(seen.at(-1)).toBe(`ok Bearer ${TOKEN}`);
  });

  it('turns a 2xx body that reports failure into a BusinessError, redacted', async () => {
    const { get } = runtime();
    const error = await get('business-failure').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BusinessError);
    expect(error).toMatchObject({ status: 200, retryable: false, correlationId: 'corr-1' });
    expect((error as BusinessError).providerMessage).toBe('quota exceeded for [REDACTED]');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('marks a 5xx retryable only for an idempotent call', async () => {
    const { get } = runtime();
    await expect(get('server-error', true)).rejects.toMatchObject({ status: 503, retryable: true });
    const unsafe = await get('server-error', false).catch((caught: unknown) => caught);
    expect(unsafe).toBeInstanceOf(ApiError);
    expect(unsafe).toMatchObject({ status: 503, retryable: false, statusClass: 'server' });
    expect((unsafe as Error).message).toBe('example getThing failed with HTTP 503: maintenance.');
  });

  it('turns a 401 into an AuthError without the token in message, body, JSON or logs', async () => {
    const { get, logs } = runtime();
    const error = await get('unauthorized').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      status: 401,
      body: { message: 'token [REDACTED] is not valid' },
    });
    const surfaces = [
      String(error),
      (error as Error).stack,
      JSON.stringify(error),
      JSON.stringify(logs),
    ];
    expect(surfaces.join('\n')).not.toContain(TOKEN);
    expect(logs.map((entry) => entry.event)).toEqual(['request', 'response', 'error']);
  });

  it('refreshes an expired token once for an idempotent call, never for others', async () => {
    let invalidated = 0;
    const { get } = runtime({ expired: () => (invalidated += 1) });
    const before = seen.length;
    await expect(get('expired', true)).rejects.toBeInstanceOf(AuthError);
    expect(seen.length - before).toBe(2);
    expect(invalidated).toBe(1);
    await expect(get('expired', false)).rejects.toBeInstanceOf(AuthError);
    expect(seen.length - before).toBe(3);
    expect(invalidated).toBe(1);
  });

  it('reports an unreadable 2xx body as a ConnectionError', async () => {
    const { get } = runtime();
    const error = await get('not-json', false).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      retryable: false,
      message: 'example getThing: the answer is not valid JSON.',
    });
  });

  it('times out with a TimeoutError, per client and per call', async () => {
    const slow = runtime({ timeoutMs: 100 });
    await expect(slow.get('hang')).rejects.toSatisfy(
      (error) => error instanceof TimeoutError && error.timeoutMs === 100 && error.retryable,
    );
    const { get } = runtime();
    await expect(get('hang', false, { timeoutMs: 50 })).rejects.toSatisfy(
      (error) => error instanceof TimeoutError && error.timeoutMs === 50 && !error.retryable,
    );
  });

  it("gives the caller's abort reason back as it is", async () => {
    const { get } = runtime();
    const controller = new AbortController();
    const pending = get('hang', true, { signal: controller.signal });
    controller.abort(new Error('user left'));
    await expect(pending).rejects.toThrow('user left');
  });

  it('reports a refused connection as a ConnectionError with its code', async () => {
    const closed = await localServer(() => {});
    await closed.close();
    const { get } = runtime({ baseUrl: closed.url });
    const error = await get('ok').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });
});

describe('choosing the server', () => {
  it('needs a baseUrl or a known environment', () => {
    expect(() =>
      createProviderRuntime(
        { provider: 'example', environments: { mock: 'http://127.0.0.1:1' } },
        { environment: 'nope' as 'mock' },
        bearerAuth('t0k3n'),
      ),
    ).toThrow(ValidationError);
  });
});
