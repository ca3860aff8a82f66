import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import {
  ApiError,
  AuthError,
  type CallOptions,
  ConnectionError,
  type LogEntry,
  REDACTED,
  ValidationError,
} from '@telcopay/core';
import { mockUrl, recordingFetch, specOperations } from '@telcopay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChinchinCpsClient,
  type ChinchinCpsClientOptions,
  createChinchinCpsClient,
  SERVICE_IDS,
  ServiceNotBalanceCapableError,
} from '../src/index.js';
import { type SigningServer, startSigningServer } from './signing-server.js';

const API_KEY = 'chinchin-public-key-7d21';
const API_SECRET = 'chinchin-private-key-5be93f0a';

function createClient(options: Partial<ChinchinCpsClientOptions> = {}) {
  const recorder = recordingFetch();
  const logs: LogEntry[] = [];
  const cps = createChinchinCpsClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    environment: 'mock',
    fetch: recorder.fetch,
    logger: (entry) => logs.push(entry),
    ...options,
  });
  return { cps, requests: recorder.requests, logs };
}

describe('input is validated before anything is sent', () => {
  const valid = { numberService: '04243675525', idTypeService: 57, amount: 10 } as const;
  type Call = (cps: ChinchinCpsClient) => Promise<unknown>;
  const invalid = (input: Record<string, unknown>) => input as never;

  it.each<[string, Call, string]>([
    [
      'an empty number',
      (c) => c.payService(invalid({ ...valid, numberService: '' })),
      'numberService',
    ],
    [
      'a blank number',
      (c) => c.payService(invalid({ ...valid, numberService: '  ' })),
      'numberService',
    ],
    [
      'a numeric number',
      (c) => c.payService(invalid({ ...valid, numberService: 4243675525 })),
      'numberService',
    ],
    [
      'an unknown service id',
      (c) => c.payService(invalid({ ...valid, idTypeService: 1 })),
      'idTypeService',
    ],
    [
      'a service id as text',
      (c) => c.payService(invalid({ ...valid, idTypeService: '57' })),
      'idTypeService',
    ],
    ['a zero amount', (c) => c.payService({ ...valid, amount: 0 }), 'amount'],
    ['a negative amount', (c) => c.payService({ ...valid, amount: -10 }), 'amount'],
    ['a NaN amount', (c) => c.payService({ ...valid, amount: Number.NaN }), 'amount'],
    [
      'an infinite amount',
      (c) => c.payService({ ...valid, amount: Number.POSITIVE_INFINITY }),
      'amount',
    ],
    ['an amount as words', (c) => c.payService({ ...valid, amount: 'ten' }), 'amount'],
    ['a third decimal', (c) => c.payService({ ...valid, amount: 10.001 }), 'amount'],
    ['a float sum', (c) => c.payService({ ...valid, amount: 0.1 + 0.2 }), 'amount'],
    ['an amount as a bigint', (c) => c.payService(invalid({ ...valid, amount: 10n })), 'amount'],
    [
      'a balance of an empty number',
      (c) => c.getServiceBalance(invalid({ numberService: '', idTypeService: 63 })),
      'numberService',
    ],
    [
      'a balance of an unknown id',
      (c) => c.getServiceBalance(invalid({ numberService: '02123457654', idTypeService: 999 })),
      'idTypeService',
    ],
    [
      'a canGetBalance as text',
      (c) => c.listBasicServices(invalid({ canGetBalance: 'true' })),
      'canGetBalance',
    ],
  ])('rejects %s', async (_, call, field) => {
    const { cps, requests } = createClient();
    const error = await call(cps).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, provider: 'chinchin-cps', retryable: false });
    expect((error as Error).message).toContain(field);
    expect(requests).toHaveLength(0);
  });

  it.each<[string, Partial<ChinchinCpsClientOptions>, string]>([
    ['an empty apiKey', { apiKey: '' }, 'apiKey'],
    ['a missing apiSecret', { apiSecret: undefined as unknown as string }, 'apiSecret'],
    ['a gateway prefix without a leading slash', { gatewayPrefix: 'cps' }, 'gatewayPrefix'],
    ['a gateway prefix with a trailing slash', { gatewayPrefix: '/cps/' }, 'gatewayPrefix'],
    ['no base URL (none is published)', { environment: undefined }, 'environment'],
  ])('refuses to create a client with %s', (_, options, field) => {
    expect(() => createClient(options)).toThrow(
      expect.objectContaining({ name: 'ValidationError', field }),
    );
  });
});

describe('a balance refused for a service the provider does not list as balance-capable', () => {
  let baseUrl: string;
  const refusal = { headers: { Prefer: 'code=422, example=balanceNotAvailable' } } as const;
  const operations = specOperations('chinchin-cps');
  const example = (operationId: string, name: string) =>
    operations
      .find((operation) => operation.operationId === operationId)
      ?.scenarios.find((scenario) => scenario.example === name)?.value;

  beforeAll(() => {
    baseUrl = mockUrl('chinchin-cps');
  });

  // The client-wide Prefer picks the list's `balanceCapable` example for the lookup; the
  // balance call's own Prefer overrides it with the refusal.
  const listed = (list = 'example=balanceCapable') =>
    createClient({ baseUrl, headers: { Prefer: list } });
  const balanceOf = (cps: ChinchinCpsClient, idTypeService: number, call: CallOptions = refusal) =>
    cps
      .getServiceBalance({ numberService: '04243675525', idTypeService } as never, call)
      .catch((caught: unknown) => caught);
  const lookups = (requests: { url: string }[]) =>
    requests.filter((request) => request.url.includes('/list/basic_services'));

  it('says which service is not balance-capable, keeping the status and body', async () => {
    const { cps, requests } = listed();
    const error = await balanceOf(cps, SERVICE_IDS.MOVISTAR_PREPAGO);

    expect(error).toBeInstanceOf(ServiceNotBalanceCapableError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      operation: 'getServiceBalance',
      idTypeService: 57,
      serviceName: 'MOVISTAR_PREPAGO',
      body: example('getServiceBalance', 'balanceNotAvailable'),
    });
    const message = (error as Error).message;
    expect(message).toContain('failed with HTTP 422');
    expect(message).toContain(
      "Service MOVISTAR_PREPAGO (57) is not balance-capable according to the provider's list",
    );
    expect(lookups(requests).map((request) => new URL(request.url).search)).toEqual([
      '?canGetBalance=true',
    ]);
  });

  it('leaves the error as it is for a service the list contains', async () => {
    const capable = example('listBasicServices', 'balanceCapable') as { idTypeService: number }[];
    expect(capable.map((service) => service.idTypeService)).toContain(SERVICE_IDS.DIGITEL_FIJO);
    const { cps } = listed();
    const error = await balanceOf(cps, SERVICE_IDS.DIGITEL_FIJO);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(ServiceNotBalanceCapableError);
    expect((error as Error).message).not.toContain('balance-capable');
  });

  it('looks the list up once per client, also for concurrent refusals', async () => {
    const { cps, requests } = listed();
    const errors = await Promise.all([
      balanceOf(cps, SERVICE_IDS.MOVISTAR_PREPAGO),
      balanceOf(cps, SERVICE_IDS.MOVILNET_PREPAGO),
    ]);
    errors.push(await balanceOf(cps, SERVICE_IDS.SIMPLETV));
    expect(errors.map((error) => (error as ServiceNotBalanceCapableError).serviceName)).toEqual([
      'MOVISTAR_PREPAGO',
      'MOVILNET_PREPAGO',
      'SIMPLETV',
    ]);
    expect(lookups(requests)).toHaveLength(1);
  });

  it('does not look the list up for an auth failure', async () => {
    const { cps, requests } = listed();
    const error = await balanceOf(cps, SERVICE_IDS.MOVISTAR_PREPAGO, {
      headers: { Prefer: 'code=401, example=invalidSignature' },
    });
    expect(error).toBeInstanceOf(AuthError);
    expect(lookups(requests)).toHaveLength(0);
  });

  it('keeps the original error when the lookup fails, and tries the lookup again later', async () => {
    const { cps, requests } = listed('code=401');
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await balanceOf(cps, SERVICE_IDS.MOVISTAR_PREPAGO);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).not.toBeInstanceOf(ServiceNotBalanceCapableError);
      expect(error).toMatchObject({ status: 422 });
    }
    expect(lookups(requests)).toHaveLength(2);
  });
});

describe('against a real local server', () => {
  let server: SigningServer;
  beforeAll(async () => {
    server = await startSigningServer(API_SECRET);
  });
  afterAll(() => server?.close());

  const pay = { numberService: '04243675525', idTypeService: 57, amount: 10 } as const;
  const failWith = (status: number) => ({ headers: { 'x-test-status': String(status) } });

  it('never marks a failed payment retryable (money moves, no idempotency key); reads are', async () => {
    const { cps } = createClient({ baseUrl: server.url });
    await expect(cps.payService(pay, failWith(503))).rejects.toMatchObject({
      status: 503,
      retryable: false,
    });
    await expect(
      cps.getServiceBalance({ numberService: '02123457654', idTypeService: 63 }, failWith(503)),
    ).rejects.toMatchObject({ status: 503, retryable: true });
  });

  it('keeps the private key and every signature out of errors and logs', async () => {
    const { cps, logs } = createClient({ baseUrl: server.url });
    const balance = { numberService: '02123457654', idTypeService: 57 } as const;
    const outcomes = await Promise.allSettled([
      cps.payService(pay),
      cps.getServiceBalance(balance),
      cps.listBasicServices({ canGetBalance: true }),
      cps.payService(pay, failWith(422)),
      cps.getServiceBalance(balance, failWith(422)),
      cps.listBasicServices({}, failWith(401)),
    ]);
    const offline = createClient({
      baseUrl: await closedPortUrl(),
      logger: (entry) => logs.push(entry),
    });
    const unreachable = await offline.cps.payService(pay).catch((caught: unknown) => caught);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
    ]);
    const errors = [
      ...outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : [])),
      unreachable,
    ] as Error[];
    expect(errors[1]).toBeInstanceOf(ServiceNotBalanceCapableError);
    expect(errors[3]).toBeInstanceOf(ConnectionError);
    // The server echoed each signature in its error bodies: they were there to leak.
    expect(errors[0]?.message).toContain(`refused; signature ${REDACTED}`);

    const signatures = server.received.map((request) => request.signature);
    expect(signatures.length).toBeGreaterThanOrEqual(7);
    const surfaces = [
      ...errors.flatMap((error) => [error.message, error.stack, JSON.stringify(error)]),
      ...logs.map((entry) => JSON.stringify(entry)),
    ].join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [API_SECRET, ...signatures]) expect(surfaces).not.toContain(secret);
  });
});

/** The URL of a port on 127.0.0.1 that refuses connections (it was free a moment ago). */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
