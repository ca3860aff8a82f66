import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localServer } from '../../testing/src/local-server.js';
import {
  ApiError,
  AuthError,
  BusinessError,
  bearerAuth,
  ConnectionError,
  createProviderRuntime,
  type LogEntry,
  OutcomeUnknownError,
  operationMethods,
  type Safety,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { type OneGetApi, oneGetTable } from './example-api.js';

/** A one-operation API whose body may report a failure. */
type paths = OneGetApi<'/thing', { ok: boolean; failure?: string }>;

const TOKEN = 'bearer-token-7d1f';
let server: Awaited<ReturnType<typeof localServer>>;
const seen: string[] = [];
const played = new Map<string, number>();

beforeAll(async () => {
  // Each request's scenario is named in the `x-scenario` header.
  server = await localServer((request, response) => {
    let scenario = String(request.headers['x-scenario']);
    // `steps:<id>:a,b,c` plays a, then b, then c on successive requests of the same id.
    const steps = /^steps:([^:]+):(.*)$/.exec(scenario);
    if (steps) {
      const [, id = '', list = ''] = steps;
      const index = played.get(id) ?? 0;
      played.set(id, index + 1);
      scenario = list.split(',')[Math.min(index, list.split(',').length - 1)] ?? 'ok';
    }
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
      case 'bad-gateway':
        return json(502, { message: 'upstream failed' });
      case 'rate-limited':
        return json(429, { message: 'slow down' }, { 'retry-after': '1' });
      case 'rate-limited-long':
        return json(429, { message: 'slow down' }, { 'retry-after': '3600' });
      case 'reset':
        return request.socket.destroy();
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

interface RuntimeOptions {
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
  budget?: number;
  expired?: () => void;
}

const RECONCILE = { operation: 'getBalance', advice: 'Compare the balance.' };
const CORRELATION = { in: 'header', name: 'x-correlation-id' } as const;

function runtime(options: RuntimeOptions = {}) {
  const logs: LogEntry[] = [];
  const example = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments: { mock: server.url } },
    {
      environment: 'mock',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries ?? 0,
      retry: {
        baseDelayMs: 10,
        ...(options.budget === undefined ? {} : { budget: options.budget }),
      },
      logger: (entry) => logs.push(entry),
    },
    bearerAuth(TOKEN, {
      isExpiredToken: (_status, body) => (body as { fault?: string })?.fault === 'expired',
      invalidate: () => options.expired?.(),
    }),
  );
  /** `/thing` as a read, or as a money-moving call without a key. */
  const getThing = (safety: Safety) =>
    operationMethods(
      example,
      oneGetTable('getThing', '/thing', safety, { correlation: CORRELATION, reconcile: RECONCILE }),
      {
        getThing: {
          request: { correlationId: 'corr-1', requestIds: { reference: 'ref-9' } },
          businessFailure: (body) => (body.ok ? undefined : body.failure),
        },
      },
    ).getThing;
  const read = getThing('read');
  const money = getThing('unkeyed-money');
  const get = (
    scenario: string,
    safety: Safety = 'read',
    call: { signal?: AbortSignal; timeoutMs?: number; headers?: Record<string, string> } = {},
  ) =>
    (safety === 'read' ? read : money)({
      ...call,
      headers: { ...call.headers, 'x-scenario': scenario },
    });
  return { get, logs };
}

describe('running an operation', () => {
  it('resolves the body of a 2xx answer and sends the auth header', async () => {
    const { get } = runtime();
    await expect(get('ok')).resolves.toEqual({ ok: true });
    expect(seen.at(-1)).toBe(`ok Bearer ${TOKEN}`);
  });

  it("sends the credentials over a call's own header of the same name", async () => {
    const { get } = runtime();
    await get('ok', 'read', { headers: { authorization: 'Bearer forged' } });
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

  it('marks a 5xx retryable only for a retry-safe call', async () => {
    const { get } = runtime();
    await expect(get('server-error')).rejects.toMatchObject({ status: 503, retryable: true });
    const unsafe = await get('server-error', 'unkeyed-money').catch((caught: unknown) => caught);
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

  it('drops an expired token on any call, and sends only an idempotent one again', async () => {
    let invalidated = 0;
    const { get } = runtime({ expired: () => (invalidated += 1) });
    const before = seen.length;
    await expect(get('expired')).rejects.toBeInstanceOf(AuthError);
    expect(seen.length - before).toBe(2);
    // Both the first token and the fresh one were refused: both are dropped.
    expect(invalidated).toBe(2);
    await expect(get('expired', 'unkeyed-money')).rejects.toBeInstanceOf(AuthError);
    expect(seen.length - before).toBe(3);
    expect(invalidated).toBe(3);
  });

  it('reports an unreadable 2xx body as a ConnectionError, retry-safe for a read', async () => {
    const { get } = runtime();
    const error = await get('not-json').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      retryable: true,
      message: 'example getThing: the answer is not valid JSON.',
    });
  });

  it('times out with a TimeoutError, per client and per call', async () => {
    const slow = runtime({ timeoutMs: 100 });
    await expect(slow.get('hang')).rejects.toSatisfy(
      (error) => error instanceof TimeoutError && error.timeoutMs === 100 && error.retryable,
    );
    const { get } = runtime();
    await expect(get('hang', 'read', { timeoutMs: 50 })).rejects.toSatisfy(
      (error) => error instanceof TimeoutError && error.timeoutMs === 50,
    );
  });

  it("gives the caller's abort reason back as it is", async () => {
    const { get } = runtime();
    const controller = new AbortController();
    const pending = get('hang', 'read', { signal: controller.signal });
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

describe('retrying', () => {
  const attempts = (logs: LogEntry[]) => logs.filter((entry) => entry.event === 'request').length;

  it('sends an idempotent call again after 5xx and resets, then resolves', async () => {
    const { get, logs } = runtime({ maxRetries: 2 });
    await expect(get('steps:a:server-error,reset,ok')).resolves.toEqual({ ok: true });
    expect(attempts(logs)).toBe(3);
    expect(
      logs.filter((entry) => entry.event === 'retry').map((entry) => entry.fields?.reason),
    ).toEqual(['ApiError', 'ConnectionError']);
  });

  it('stops after maxRetries with the last error', async () => {
    const { get, logs } = runtime({ maxRetries: 2 });
    await expect(get('server-error')).rejects.toMatchObject({ status: 503, retryable: true });
    expect(attempts(logs)).toBe(3);
  });

  it('waits as long as Retry-After asks', async () => {
    const { get } = runtime({ maxRetries: 1 });
    const started = performance.now();
    await expect(get('steps:b:rate-limited,ok')).resolves.toEqual({ ok: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('does not wait longer than maxDelayMs: the error carries Retry-After instead', async () => {
    const { get, logs } = runtime({ maxRetries: 2 });
    await expect(get('rate-limited-long')).rejects.toMatchObject({
      status: 429,
      retryAfterMs: 3_600_000,
    });
    expect(attempts(logs)).toBe(1);
  });

  it('spends a client-wide budget', async () => {
    const { get, logs } = runtime({ maxRetries: 2, budget: 1 });
    await expect(get('server-error')).rejects.toBeInstanceOf(ApiError);
    expect(attempts(logs)).toBe(2);
    expect(logs.some((entry) => entry.event === 'retry-budget')).toBe(true);
  });

  it('stops waiting when the caller aborts during the backoff', async () => {
    const { get } = runtime({ maxRetries: 2, timeoutMs: 1_000 });
    const controller = new AbortController();
    const pending = get('server-error', 'read', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 5);
    await expect(pending).rejects.toThrow('caller gave up');
  });
});

describe('a money-moving call without an idempotency key', () => {
  const moneyMoving = (scenario: string, options: RuntimeOptions = {}) => {
    const { get, logs } = runtime({ maxRetries: 2, ...options });
    return { result: get(scenario, 'unkeyed-money').catch((error: unknown) => error), logs };
  };

  it.each([
    ['bad-gateway', 'it answered HTTP 502: upstream failed'],
    ['reset', 'the connection failed before an answer arrived'],
    ['not-json', 'its answer is not valid JSON'],
  ])('turns %s into an OutcomeUnknownError, sent once', async (scenario, why) => {
    const { result, logs } = moneyMoving(scenario);
    const error = await result;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toContain(why);
    expect((error as Error).message).toContain('Compare the balance.');
    expect(error).toMatchObject({
      retryable: false,
      correlationId: 'corr-1',
      requestIds: { reference: 'ref-9' },
      reconciliation: { operation: 'getBalance', advice: 'Compare the balance.' },
    });
    expect(logs.filter((entry) => entry.event === 'request')).toHaveLength(1);
  });

  it('turns a timeout after sending into an OutcomeUnknownError', async () => {
    const { result } = moneyMoving('hang', { timeoutMs: 50 });
    await expect(result).resolves.toBeInstanceOf(OutcomeUnknownError);
  });

  it('keeps a 503 as an ApiError that is not retried', async () => {
    const { result, logs } = moneyMoving('server-error');
    const error = await result;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ retryable: false });
    expect(logs.filter((entry) => entry.event === 'request')).toHaveLength(1);
  });

  it('is sent again when the connection was refused: nothing reached the provider', async () => {
    const closed = await localServer(() => {});
    await closed.close();
    const { result, logs } = moneyMoving('ok', { baseUrl: closed.url });
    const error = await result;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ retryable: true });
    expect(logs.filter((entry) => entry.event === 'retry')).toHaveLength(2);
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

describe('credentials that are not ready in time', () => {
  it('time out as "not sent" (safe to retry), even for a money-moving call, and never hang', async () => {
    const received = seen.length;
    const example = createProviderRuntime<paths, 'mock'>(
      { provider: 'example', environments: { mock: server.url } },
      { environment: 'mock', timeoutMs: 50, maxRetries: 0 },
      // A token provider that never answers, and ignores every signal.
      bearerAuth(() => new Promise<string>(() => {})),
    );
    const { getThing } = operationMethods(
      example,
      oneGetTable('getThing', '/thing', 'unkeyed-money', { reconcile: RECONCILE }),
      { getThing: {} },
    );
    const started = performance.now();
    const error = await getThing({ headers: { 'x-scenario': 'ok' } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ retryable: true, timeoutMs: 50 });
    expect((error as Error).message).toContain('was not sent');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(seen.length).toBe(received);
  });
});
