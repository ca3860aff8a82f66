// What core takes from a method's input as the spec declares it (the generated table): path and
// query parameters (checked), the body, the correlation id, and an unknown outcome's requestIds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localServer } from '../../testing/src/local-server.js';
import {
  clientMethods,
  createProviderRuntime,
  NO_AUTH,
  type OperationTable,
  OutcomeUnknownError,
  takes,
  ValidationError,
} from '../src/index.js';

type Answer = {
  200: { headers: { [name: string]: unknown }; content: { 'application/json': { ok: boolean } } };
};
type paths = {
  '/accounts/{accountId}/items': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: {
        query: { kind: 'a' | 'b'; per_page?: number; archived?: boolean };
        header?: never;
        path: { accountId: number };
        cookie?: never;
      };
      requestBody?: never;
      responses: Answer;
    };
  };
  '/items/{itemId}': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { itemId: string }; cookie?: never };
      requestBody?: never;
      responses: Answer;
    };
  };
  '/accounts/{accountId}/payments': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: {
        query?: never;
        header?: { 'x-correlation-id'?: string };
        path: { accountId: number };
        cookie?: never;
      };
      requestBody: { content: { 'application/json': { phone: string; amount: number } } };
      responses: Answer;
    };
  };
};

const ACCOUNT = { name: 'accountId', in: 'path', required: true, check: 'id' } as const;
const TABLE = {
  listItems: {
    method: 'listItems',
    path: '/accounts/{accountId}/items',
    httpMethod: 'get',
    safety: 'read',
    params: [
      ACCOUNT,
      { name: 'kind', in: 'query', required: true, oneOf: ['a', 'b'] },
      { name: 'per_page', in: 'query', input: 'pageSize', check: 'count' },
      { name: 'archived', in: 'query', check: 'flag', default: false },
    ],
  },
  getItem: {
    method: 'getItem',
    path: '/items/{itemId}',
    httpMethod: 'get',
    safety: 'read',
    params: [{ name: 'itemId', in: 'path', input: 'id', required: true, check: 'text' }],
  },
  pay: {
    method: 'pay',
    path: '/accounts/{accountId}/payments',
    httpMethod: 'post',
    safety: 'unkeyed-money',
    contentType: 'application/json',
    correlation: { in: 'header', name: 'x-correlation-id', format: 'uuid' },
    reconcile: { advice: 'Look the payment up before paying again.' },
    requestIds: ['accountId', 'phone'],
    params: [ACCOUNT],
  },
} as const satisfies OperationTable;

interface ListItemsInput {
  accountId: number | string;
  kind: 'a' | 'b';
  pageSize?: number | undefined;
  archived?: boolean | undefined;
}
interface PayInput {
  accountId: number;
  correlationId?: string;
  body: { phone: string; amount: number };
}

const received: { url: string; correlationId: string | undefined }[] = [];
let server: Awaited<ReturnType<typeof localServer>>;
beforeAll(async () => {
  server = await localServer(({ url = '', method, headers }, response) => {
    received.push({ url, correlationId: headers['x-correlation-id'] as string | undefined });
    // A payment's answer is lost (a 500): its outcome is unknown.
    response.writeHead(method === 'POST' ? 500 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: true }));
  });
});
afterAll(() => server.close());

function client() {
  const runtime = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments: { mock: server.url } },
    { environment: 'mock' },
    NO_AUTH,
  );
  return clientMethods(runtime, TABLE, {
    listItems: { request: takes<ListItemsInput>() },
    getItem: { request: takes<string>() },
    pay: { request: takes<PayInput>() },
  });
}

/** The request the server got from `call`, or the error it threw (nothing sent). */
async function sent(call: () => Promise<unknown>) {
  const from = received.length;
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { error, requests: received.slice(from) };
}

describe('parameters from the input, as the spec declares them', () => {
  it('places each field where the table says, under its own name, with its default', async () => {
    const { requests } = await sent(() =>
      client().listItems({ accountId: '42', kind: 'b', pageSize: 20 }),
    );
    expect(requests.map(({ url }) => url)).toEqual([
      '/accounts/42/items?kind=b&per_page=20&archived=false',
    ]);
  });

  it.each([
    ['accountId', { accountId: '042', kind: 'a' }, 'must be a positive whole number or its'],
    ['kind', { accountId: 1, kind: 'c' }, 'must be one of a, b (got "c")'],
    ['pageSize', { accountId: 1, kind: 'a', pageSize: 0 }, 'must be a positive whole number'],
    ['archived', { accountId: 1, kind: 'a', archived: 'yes' }, 'must be a boolean'],
  ])('refuses a bad %s before sending, naming the input field', async (field, input, rule) => {
    const { error, requests } = await sent(() => client().listItems(input as ListItemsInput));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, provider: 'example', operation: 'listItems' });
    expect((error as Error).message).toContain(`${field} ${rule}`);
    expect(requests).toHaveLength(0);
  });

  it("takes a bare value as the value of an operation's only parameter", async () => {
    const { requests } = await sent(() => client().getItem('item 7'));
    expect(requests.map(({ url }) => url)).toEqual(['/items/item%207']);
    const blank = await sent(() => client().getItem(' '));
    expect(blank.error).toMatchObject({ name: 'ValidationError', field: 'id' });
    expect(blank.requests).toHaveLength(0);
  });
});

describe('an unkeyed money call', () => {
  it('keeps the fields its spec names as the requestIds of an unknown outcome', async () => {
    const correlationId = crypto.randomUUID();
    const body = { phone: '+34600000000', amount: 10 };
    const { error, requests } = await sent(() =>
      client().pay({ accountId: 7, correlationId, body }),
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).requestIds).toEqual({ accountId: 7, phone: body.phone });
    expect(requests).toEqual([{ url: '/accounts/7/payments', correlationId }]);
  });

  it('refuses a correlation id that is not in its header format, before sending', async () => {
    const body = { phone: '+34600000000', amount: 10 };
    const { error, requests } = await sent(() =>
      client().pay({ accountId: 7, correlationId: 'not-a-uuid', body }),
    );
    expect(error).toMatchObject({ name: 'ValidationError', field: 'correlationId' });
    expect(requests).toHaveLength(0);
  });
});
