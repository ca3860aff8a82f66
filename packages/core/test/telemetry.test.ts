import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localServer } from '../../testing/src/local-server.js';
import { recordTelemetry, type TelemetryRecorder } from '../../testing/src/telemetry.js';
import {
  type AuthStrategy,
  bearerAuth,
  ConnectionError,
  cachedBearerAuth,
  createProviderRuntime,
  createTokenCache,
  type LogEntry,
  NO_AUTH,
  OutcomeUnknownError,
  operationMethods,
} from '../src/index.js';
import { openTelemetry } from '../src/opentelemetry.js';
import type { Telemetry } from '../src/telemetry.js';
import { type OneGetApi, oneGetTable } from './example-api.js';

type paths = OneGetApi<'/thing' | '/money' | '/token'>;

const STATIC_TOKEN = 'static-bearer-secret-7f3a91c2';
const ISSUED_PREFIX = 'issued-token-secret-';
const RECONCILE = {
  operation: 'getBalance',
  advice: 'Compare getBalance with the balance before.',
};

/** Scenarios by `x-scenario`: `lost` (the answer never comes), `flaky` (503, then 200), `auth`. */
let server: Awaited<ReturnType<typeof localServer>>;
let flakyCalls = 0;
const issued: string[] = [];
beforeAll(async () => {
  server = await localServer((request, response) => {
    const scenario = request.headers['x-scenario'];
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/token') {
      issued.push(`${ISSUED_PREFIX}${issued.length + 1}-c0ffee`);
      return json(200, { token: issued.at(-1) });
    }
    if (scenario === 'lost') return request.socket.destroy();
    if (scenario === 'flaky') {
      flakyCalls += 1;
      return flakyCalls === 1 ? json(503, { message: 'Try again.' }) : json(200, { ok: true });
    }
    // `auth`: only the second token issued is accepted; the first one is expired.
    if (scenario === 'auth' && request.headers.authorization !== `Bearer ${issued[1]}`) {
      return json(401, { message: 'Token expired.' });
    }
    json(200, { ok: true });
  });
});
afterAll(() => server.close());

let recorder: TelemetryRecorder;
let telemetry: Telemetry;
beforeEach(() => {
  recorder = recordTelemetry();
  telemetry = openTelemetry(recorder);
  flakyCalls = 0;
  issued.length = 0;
  return () => recorder.shutdown();
});

function example(auth: AuthStrategy, options: { baseUrl?: string; budget?: number } = {}) {
  const logs: LogEntry[] = [];
  const runtime = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments: { mock: options.baseUrl ?? server.url } },
    {
      environment: 'mock',
      telemetry,
      logger: (entry) => logs.push(entry),
      retry: { baseDelayMs: 1, budget: options.budget ?? 10 },
    },
    auth,
  );
  const methods = operationMethods(
    runtime,
    {
      ...oneGetTable('getThing', '/thing', 'read'),
      ...oneGetTable('sendMoney', '/money', 'unkeyed-money', { reconcile: RECONCILE }),
    },
    {
      getThing: {},
      sendMoney: { request: { requestIds: { reference: 'order-42', amount: '20.00' } } },
    },
  );
  return { ...methods, logs };
}

/** Bearer auth over a token cache fed by a token operation of its own runtime. */
function tokenAuth(): AuthStrategy {
  const tokenRuntime = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments: { mock: server.url } },
    { environment: 'mock', telemetry },
    NO_AUTH,
  );
  const { requestToken } = operationMethods(
    tokenRuntime,
    oneGetTable('requestToken', '/token', 'read'),
    {
      requestToken: {
        tokenRequest: true,
        result: (answer) => ({ token: (answer as { token: string }).token, expiresInSeconds: 600 }),
      },
    },
  );
  const tokens = createTokenCache({ fetchToken: () => requestToken() });
  return cachedBearerAuth(tokens, { isExpiredToken: (status) => status === 401 });
}

const call = (scenario: string) => ({ headers: { 'x-scenario': scenario } });
const port = () => Number(new URL(server.url).port);

/** The secrets of every scenario appear in no exported span, event or metric. */
async function expectNoSecrets(...secrets: string[]) {
  const exported = await recorder.exportedText();
  for (const secret of secrets) {
    expect(exported).not.toContain(secret);
    expect(exported).not.toContain(encodeURIComponent(secret));
  }
}

describe('telemetry of a money call whose answer is lost', () => {
  it('is one call span, outcome_unknown with its reconciliation, over one failed attempt', async () => {
    const { sendMoney } = example(bearerAuth(STATIC_TOKEN));
    const error = await sendMoney(call('lost')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);

    expect(recorder.spanTrees()).toMatchObject([
      {
        name: 'example sendMoney',
        kind: 'CLIENT',
        status: 'ERROR',
        statusMessage: (error as Error).message,
        attributes: {
          'telcopay.provider': 'example',
          'telcopay.operation': 'sendMoney',
          'telcopay.safety': 'unkeyed-money',
          'telcopay.outcome': 'outcome_unknown',
          'error.type': 'OutcomeUnknownError',
          'telcopay.attempts': 1,
          'telcopay.reconciliation.operation': 'getBalance',
          'telcopay.reconciliation.advice': RECONCILE.advice,
          'telcopay.request_ids.reference': 'order-42',
          'telcopay.request_ids.amount': '20.00',
        },
        events: [],
        children: [
          {
            name: 'GET /money',
            kind: 'CLIENT',
            status: 'ERROR',
            attributes: {
              'http.request.method': 'GET',
              'server.address': '127.0.0.1',
              'server.port': port(),
              'url.template': '/money',
              'error.type': 'UND_ERR_SOCKET',
            },
            children: [],
          },
        ],
      },
    ]);
    expect(await recorder.metric('telcopay.call.outcome_unknown')).toEqual([
      {
        attributes: { 'telcopay.provider': 'example', 'telcopay.operation': 'sendMoney' },
        value: 1,
      },
    ]);
    expect(await recorder.metric('telcopay.call.duration')).toMatchObject([
      {
        attributes: {
          'telcopay.provider': 'example',
          'telcopay.operation': 'sendMoney',
          'telcopay.outcome': 'outcome_unknown',
          'error.type': 'OutcomeUnknownError',
        },
        value: { count: 1 },
      },
    ]);
    expect(await recorder.metric('telcopay.call.retries')).toEqual([]);
    await expectNoSecrets(STATIC_TOKEN);
  });
});

describe('telemetry of a read answered 503, then 200', () => {
  it('shows both attempts, the retry event with its reason and delay, and an ok call', async () => {
    const { getThing, logs } = example(bearerAuth(STATIC_TOKEN));
    await expect(getThing(call('flaky'))).resolves.toEqual({ ok: true });

    const [tree] = recorder.spanTrees();
    expect(tree).toMatchObject({
      name: 'example getThing',
      status: 'UNSET',
      attributes: { 'telcopay.outcome': 'ok', 'telcopay.attempts': 2, 'telcopay.safety': 'read' },
      events: [
        {
          name: 'retry',
          attributes: { 'telcopay.retry.reason': 'ApiError', 'http.response.status_code': 503 },
        },
      ],
      children: [
        {
          name: 'GET /thing',
          status: 'ERROR',
          attributes: { 'http.response.status_code': 503, 'error.type': '503' },
        },
        {
          name: 'GET /thing',
          status: 'UNSET',
          attributes: { 'http.response.status_code': 200, 'http.request.resend_count': 1 },
        },
      ],
    });
    expect(tree?.attributes).not.toHaveProperty('error.type');
    expect(tree?.children[1]?.attributes).not.toHaveProperty('error.type');
    // The logger hook hears the same retry, with the same delay.
    const retry = logs.find((entry) => entry.event === 'retry');
    expect(retry?.fields?.delayMs).toBe(tree?.events[0]?.attributes['telcopay.retry.delay_ms']);

    expect(await recorder.metric('telcopay.call.retries')).toEqual([
      {
        attributes: {
          'telcopay.provider': 'example',
          'telcopay.operation': 'getThing',
          'telcopay.retry.reason': 'ApiError',
        },
        value: 1,
      },
    ]);
    expect(await recorder.metric('telcopay.call.duration')).toMatchObject([
      { attributes: { 'telcopay.outcome': 'ok' }, value: { count: 1 } },
    ]);
    await expectNoSecrets(STATIC_TOKEN);
  });

  it('records the retry budget running out as an event and a metric', async () => {
    const { getThing, logs } = example(bearerAuth(STATIC_TOKEN), { budget: 0 });
    await expect(getThing(call('flaky'))).rejects.toMatchObject({ status: 503 });

    expect(recorder.spanTrees()).toMatchObject([
      {
        name: 'example getThing',
        status: 'ERROR',
        attributes: { 'telcopay.outcome': 'error', 'error.type': 'ApiError' },
        events: [{ name: 'retry_budget_exhausted' }],
        children: [{ name: 'GET /thing', attributes: { 'http.response.status_code': 503 } }],
      },
    ]);
    expect(logs.filter((entry) => entry.event === 'retry-budget')).toHaveLength(1);
    expect(await recorder.metric('telcopay.retry_budget.exhausted')).toEqual([
      {
        attributes: { 'telcopay.provider': 'example', 'telcopay.operation': 'getThing' },
        value: 1,
      },
    ]);
  });
});

describe('telemetry of a call whose access token has expired', () => {
  it('nests each token request under the call that needed it, around the refused attempt', async () => {
    const { getThing } = example(tokenAuth());
    await expect(getThing(call('auth'))).resolves.toEqual({ ok: true });

    const tokenSpan = {
      name: 'example requestToken',
      status: 'UNSET',
      attributes: { 'telcopay.token_request': true, 'telcopay.outcome': 'ok' },
      children: [{ name: 'GET /token', attributes: { 'http.response.status_code': 200 } }],
    };
    expect(recorder.spanTrees()).toMatchObject([
      {
        name: 'example getThing',
        status: 'UNSET',
        attributes: { 'telcopay.outcome': 'ok', 'telcopay.attempts': 2 },
        events: [
          {
            name: 'retry',
            attributes: {
              'telcopay.retry.reason': 'expired-token',
              'telcopay.retry.delay_ms': 0,
              'http.response.status_code': 401,
            },
          },
        ],
        children: [
          tokenSpan,
          { name: 'GET /thing', status: 'ERROR', attributes: { 'error.type': '401' } },
          tokenSpan,
          { name: 'GET /thing', status: 'UNSET', attributes: { 'http.response.status_code': 200 } },
        ],
      },
    ]);
    expect(recorder.spanTrees()).toHaveLength(1);
    expect(await recorder.metric('telcopay.token.requests')).toEqual([
      { attributes: { 'telcopay.provider': 'example', 'telcopay.outcome': 'ok' }, value: 2 },
    ]);
    expect(issued).toHaveLength(2);
    await expectNoSecrets(...issued);
  });
});

describe('telemetry of a refused connection', () => {
  it('shows every attempt refused, the retries between them, and the error', async () => {
    const closed = await localServer(() => {});
    await closed.close();
    const { getThing } = example(bearerAuth(STATIC_TOKEN), { baseUrl: closed.url });
    await expect(getThing()).rejects.toBeInstanceOf(ConnectionError);

    const refused = {
      name: 'GET /thing',
      status: 'ERROR',
      attributes: { 'error.type': 'ECONNREFUSED' },
    };
    const [tree] = recorder.spanTrees();
    expect(tree).toMatchObject({
      name: 'example getThing',
      status: 'ERROR',
      attributes: { 'telcopay.outcome': 'error', 'error.type': 'ConnectionError' },
      children: [refused, refused, refused],
    });
    expect(tree?.events.map((event) => event.attributes['telcopay.retry.reason'])).toEqual([
      'ConnectionError',
      'ConnectionError',
    ]);
    expect(tree?.children[0]?.attributes).not.toHaveProperty('http.response.status_code');
    expect(await recorder.metric('telcopay.call.duration')).toMatchObject([
      { attributes: { 'telcopay.outcome': 'error', 'error.type': 'ConnectionError' } },
    ]);
    await expectNoSecrets(STATIC_TOKEN);
  });
});

describe('a client without telemetry', () => {
  it('records nothing anywhere', async () => {
    const runtime = createProviderRuntime<paths, 'mock'>(
      { provider: 'example', environments: { mock: server.url } },
      { environment: 'mock' },
      bearerAuth(STATIC_TOKEN),
    );
    const { getThing } = operationMethods(runtime, oneGetTable('getThing', '/thing', 'read'), {
      getThing: {},
    });
    await expect(getThing()).resolves.toEqual({ ok: true });
    expect(recorder.spanTrees()).toEqual([]);
    expect(await recorder.metric('telcopay.call.duration')).toEqual([]);
  });
});
