import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localServer } from '../../testing/src/local-server.js';
import {
  ApiError,
  createProviderRuntime,
  NO_AUTH,
  type OperationTable,
  operationMethods,
} from '../src/index.js';

type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };
type Answer = {
  200: { headers: { [name: string]: unknown }; content: { 'application/json': { ok: boolean } } };
};
/** One POST with a JSON body that may carry the caller's unique id. */
type paths = {
  '/orders': {
    parameters: NoParameters;
    post: {
      parameters: {
        query?: never;
        header?: { 'x-idempotency-key'?: string; 'x-correlation-id'?: string };
        path?: never;
        cookie?: never;
      };
      requestBody: { content: { 'application/json': { amount: number; unique_id?: string } } };
      responses: Answer;
    };
  };
};

const CORRELATION = { in: 'header', name: 'x-correlation-id' } as const;
const TABLE = {
  createByHeader: {
    method: 'createByHeader',
    path: '/orders',
    httpMethod: 'post',
    safety: 'keyed',
    contentType: 'application/json',
    key: { in: 'header', name: 'x-idempotency-key' },
    correlation: CORRELATION,
  },
  createByBody: {
    method: 'createByBody',
    path: '/orders',
    httpMethod: 'post',
    safety: 'keyed',
    contentType: 'application/json',
    key: { in: 'body', name: 'unique_id' },
    correlation: CORRELATION,
  },
} as const satisfies OperationTable;

interface Received {
  key: string | undefined;
  correlationId: string | undefined;
  body: { amount: number; unique_id?: string };
}
const received: Received[] = [];
/** How many times `x-fail` more 503s to answer, by the call's `x-call` header. */
const failures = new Map<string, number>();
let server: Awaited<ReturnType<typeof localServer>>;
beforeAll(async () => {
  server = await localServer((request, response, body) => {
    received.push({
      key: request.headers['x-idempotency-key'] as string | undefined,
      correlationId: request.headers['x-correlation-id'] as string | undefined,
      body: JSON.parse(body),
    });
    const call = String(request.headers['x-call']);
    const left = failures.get(call) ?? Number(request.headers['x-fail'] ?? 0);
    failures.set(call, left - 1);
    response.writeHead(left > 0 ? 503 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: left <= 0 }));
  });
});
afterAll(() => server.close());

function client(maxRetries = 2) {
  const example = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments: { mock: server.url } },
    { environment: 'mock', maxRetries, retry: { baseDelayMs: 1 } },
    NO_AUTH,
  );
  return operationMethods(example, TABLE, {
    createByHeader: {
      request: (input: { amount: number; key?: string; correlationId?: string }) => ({
        body: { amount: input.amount },
        idempotencyKey: input.key,
        correlationId: input.correlationId,
      }),
      result: (data, sent) => ({ data, ...sent }),
    },
    createByBody: {
      request: (body: { amount: number; unique_id?: string }) => ({ body }),
      result: (data, sent) => ({ data, ...sent }),
    },
  });
}

/** Call options that make the server answer 503 `fail` times to this call first. */
function failing(fail: number) {
  return { headers: { 'x-call': crypto.randomUUID(), 'x-fail': String(fail) } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('a keyed call whose key is a header', () => {
  it('makes one key per call, sends it on every retry and returns it', async () => {
    const from = received.length;
    const result = await client().createByHeader({ amount: 5 }, failing(2));
    const sent = received.slice(from);
    expect(sent).toHaveLength(3);
    expect(result.idempotencyKey).toMatch(UUID);
    expect(new Set(sent.map((request) => request.key))).toEqual(new Set([result.idempotencyKey]));
    expect(new Set(sent.map((request) => request.correlationId))).toEqual(
      new Set([result.correlationId]),
    );
    expect(result.correlationId).toMatch(UUID);
    expect(result.correlationId).not.toBe(result.idempotencyKey);
    const other = await client().createByHeader({ amount: 5 });
    expect(other.idempotencyKey).not.toBe(result.idempotencyKey);
  });

  it("sends the caller's key and correlation id, and stamps them on every error", async () => {
    const from = received.length;
    const correlationId = crypto.randomUUID();
    const error = await client(1)
      .createByHeader({ amount: 5, key: 'order-7', correlationId }, failing(5))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, idempotencyKey: 'order-7', correlationId });
    expect(received.slice(from).map((request) => request.key)).toEqual(['order-7', 'order-7']);
  });
});

describe('a keyed call whose key is a body field', () => {
  it("keeps the caller's id in the body and stamps it on errors", async () => {
    const from = received.length;
    const error = await client(1)
      .createByBody({ amount: 5, unique_id: 'movement-9' }, failing(5))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 503, idempotencyKey: 'movement-9' });
    const sent = received.slice(from);
    expect(sent.map((request) => request.body)).toEqual([
      { amount: 5, unique_id: 'movement-9' },
      { amount: 5, unique_id: 'movement-9' },
    ]);
    expect(sent.every((request) => request.key === undefined)).toBe(true);
  });

  it('puts one new key in the body of a call that has none, the same on every retry', async () => {
    const from = received.length;
    const result = await client().createByBody({ amount: 5 }, failing(1));
    expect(result.idempotencyKey).toMatch(UUID);
    expect(received.slice(from).map((request) => request.body)).toEqual([
      { amount: 5, unique_id: result.idempotencyKey },
      { amount: 5, unique_id: result.idempotencyKey },
    ]);
  });
});
