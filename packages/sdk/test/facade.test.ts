import { readFileSync } from 'node:fs';
import { SERVICE_IDS, type ServiceName } from '@telcopay/chinchin-cps';
import { specPath } from '@telcopay/mocks';
import { localServer, mockUrl, recordingFetch } from '@telcopay/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ApiError,
  BusinessError,
  chinchinCps,
  createTelcopay,
  masstackPartners,
  QVATEL_DENOMINATIONS,
  qvatel,
  stoneTopups,
  TelcopayError,
  tigoB2bBilling,
  ValidationError,
} from '../src/index.js';
import { CREDENTIALS } from './credentials.js';

/** A real server that answers every request with `body`: an answer no mock example gives. */
function answeringServer(body: unknown) {
  return localServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
}

let urls: { chinchin: string; qvatel: string; stone: string };

beforeAll(() => {
  urls = {
    chinchin: mockUrl('chinchin-cps'),
    qvatel: mockUrl('qvatel'),
    stone: mockUrl('stone-topups'),
  };
});

/** Every provider configured: the three top-up ones on their mocks, each request recorded. */
function connect(overrides: { chinchinUrl?: string; qvatelUrl?: string } = {}) {
  const recorder = recordingFetch();
  const shared = { fetch: recorder.fetch, maxRetries: 0 };
  const telcopay = createTelcopay({
    environment: 'mock',
    chinchinCps: chinchinCps({
      ...CREDENTIALS.chinchinCps,
      ...shared,
      baseUrl: overrides.chinchinUrl ?? urls.chinchin,
    }),
    qvatel: qvatel({
      ...CREDENTIALS.qvatel,
      ...shared,
      baseUrl: overrides.qvatelUrl ?? urls.qvatel,
    }),
    stoneTopups: stoneTopups({ ...CREDENTIALS.stoneTopups, ...shared, baseUrl: urls.stone }),
    // Built for the default mock ports and never called here.
    tigoB2bBilling: tigoB2bBilling({ ...CREDENTIALS.tigoB2bBilling, ...shared }),
    masstackPartners: masstackPartners({ ...CREDENTIALS.masstackPartners, ...shared }),
  });
  const sent = () =>
    recorder.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);
  return { telcopay, requests: recorder.requests, sent };
}

function formOf(body: string | undefined) {
  return Object.fromEntries(new URLSearchParams(body));
}

describe('topups.send', () => {
  it('recharges a QvaTel phone by amount: pending, with the recharge id to follow it', async () => {
    const { telcopay, requests } = connect();
    const result = await telcopay.topups.send({
      provider: 'qvatel',
      destination: '52942387',
      amount: { amountMinor: 2000, currency: 'CUP' },
    });
    expect(result).toEqual({
      provider: 'qvatel',
      status: 'pending',
      reference: 'qvatel-23479287356',
      amount: { amountMinor: 2000, currency: 'CUP' },
      raw: { result: 1, destino: '+5352942387', id_recarga: 'qvatel-23479287356' },
    });
    expect(formOf(requests[0]?.body)).toMatchObject({ destino: '+5352942387', monto: '20.00' });
    // The facade only maps: delivery is asked of the client, with the reference.
    await expect(telcopay.qvatel.getRechargeStatus(result.reference)).resolves.toEqual({
      result: 1,
      estado: 'Recargado',
    });
  });

  it('recharges QvaTel by denomination, and a cents amount exactly', async () => {
    const { telcopay, requests } = connect();
    const byProduct = await telcopay.topups.send({
      provider: 'qvatel',
      destination: '+5352942387',
      product: '15.00',
    });
    expect(byProduct.amount).toEqual({ amountMinor: 1500, currency: 'CUP' });
    await telcopay.topups.send({
      provider: 'qvatel',
      destination: '+5352942387',
      amount: { amountMinor: 1999, currency: 'CUP' },
    });
    expect(requests.map((request) => formOf(request.body).monto)).toEqual(['15.00', '19.99']);
  });

  it('pays a Chinchin service: APPROVED is succeeded, PENDING is pending', async () => {
    const { telcopay, requests } = connect();
    const request = {
      provider: 'chinchinCps',
      destination: '04243675525',
      product: '57',
      amount: { amountMinor: 1000, currency: 'VES' },
    } as const;
    const approved = await telcopay.topups.send(request);
    expect(approved).toMatchObject({
      provider: 'chinchinCps',
      status: 'succeeded',
      reference: '8f2c1e0a-5b7d-4c3e-9a61-2d4f7b9e0c15',
      amount: { amountMinor: 1000, currency: 'VES' },
      raw: { status: 'APPROVED', idOperation: '8f2c1e0a-5b7d-4c3e-9a61-2d4f7b9e0c15' },
    });
    const pending = await telcopay.topups.send(request, {
      headers: { Prefer: 'example=pending' },
    });
    expect(pending).toMatchObject({
      status: 'pending',
      reference: '3b9d7a44-0e2f-4a8c-b1d6-7c5e9f2a1b30',
    });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      numberService: '04243675525',
      idTypeService: 57,
      amount: 10,
    });
  });

  it('reports a Chinchin state the spec does not document as unknown, with the answer', async () => {
    const answer = {
      idOperation: 'op-1',
      status: 'REVERSED',
      numberService: '04243675525',
      idTypeService: 57,
      amount: 10,
    };
    const server = await answeringServer(answer);
    try {
      const { telcopay } = connect({ chinchinUrl: server.url });
      const result = await telcopay.topups.send({
        provider: 'chinchinCps',
        destination: '04243675525',
        product: '57',
        amount: { amountMinor: 1000, currency: 'VES' },
      });
      expect(result).toMatchObject({ status: 'unknown', reference: 'op-1', raw: answer });
    } finally {
      await server.close();
    }
  });

  it('tops up a Stone plan: dry run, then confirmation with the idempotency key', async () => {
    const { telcopay, requests, sent } = connect();
    const result = await telcopay.topups.send({
      provider: 'stoneTopups',
      destination: '10036389709',
      product: '2126:10900',
      idempotencyKey: 'order-2024-0001',
    });
    expect(result).toMatchObject({
      provider: 'stoneTopups',
      status: 'succeeded',
      reference: 'cd5ff1c2-8f7e-4f56-a9d8-241d4cd1a1a8',
      amount: { amountMinor: 10900, currency: 'BRL' },
    });
    expect(result.raw.dryRun.amount).toBe(10900);
    expect(result.raw.receipt.idempotencyKey).toBe('order-2024-0001');
    expect(sent().slice(-2)).toEqual(['POST /api/v1/topups/tv/dry-run', 'POST /api/v1/topups/tv']);
    const confirmation = requests.at(-1);
    expect(confirmation?.headers.get('x-stone-idempotency-key')).toBe('order-2024-0001');
    expect(JSON.parse(confirmation?.body ?? '')).toEqual({
      account_id: CREDENTIALS.stoneTopups.accountId,
      amount: 10900,
      client_code: '10036389709',
      provider_id: '2126',
    });
  });

  it('confirms nothing when Stone’s dry run charges another amount than the plan’s', async () => {
    const { telcopay, sent } = connect();
    const error = await telcopay.topups
      .send({ provider: 'stoneTopups', destination: '10036389709', product: '2126:1800' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain('would charge 10900');
    expect(sent()).toContain('POST /api/v1/topups/tv/dry-run');
    expect(sent()).not.toContain('POST /api/v1/topups/tv');
  });

  it('throws core’s errors: a refusal is never a status', async () => {
    const { telcopay } = connect();
    const qvatelRefusal = telcopay.topups.send(
      {
        provider: 'qvatel',
        destination: '52942387',
        amount: { amountMinor: 2000, currency: 'CUP' },
      },
      { headers: { Prefer: 'example=failure' } },
    );
    await expect(qvatelRefusal).rejects.toBeInstanceOf(BusinessError);
    const chinchinRefusal = telcopay.topups.send(
      {
        provider: 'chinchinCps',
        destination: '04243675525',
        product: '57',
        amount: { amountMinor: 1000, currency: 'VES' },
      },
      { headers: { Prefer: 'code=422, example=insufficientFunds' } },
    );
    await expect(chinchinRefusal).rejects.toSatisfy(
      (error) => error instanceof ApiError && error.status === 422,
    );
  });

  const qvatelAmount = { amountMinor: 2000, currency: 'CUP' } as const;
  const vesAmount = { amountMinor: 1000, currency: 'VES' } as const;
  it.each([
    [
      {
        provider: 'qvatel',
        destination: '52942387',
        amount: { amountMinor: 2000, currency: 'EUR' },
      },
      'amount',
      'in CUP, not EUR',
    ],
    [
      { provider: 'qvatel', destination: '52942387', amount: { amountMinor: 0, currency: 'CUP' } },
      'amount',
      'above zero',
    ],
    [
      {
        provider: 'qvatel',
        destination: '52942387',
        amount: { amountMinor: 20.5, currency: 'CUP' },
      },
      'amount',
      'safe integer',
    ],
    [
      { provider: 'qvatel', destination: '52942387', amount: qvatelAmount, idempotencyKey: 'k-1' },
      'idempotencyKey',
      'takes no idempotency key',
    ],
    [
      { provider: 'qvatel', destination: '52942387', product: '30.00' },
      'product',
      'one of 20.00, 15.00',
    ],
    [
      { provider: 'qvatel', destination: '52942387', product: '20.00', amount: qvatelAmount },
      'amount',
      'take amount, or product',
    ],
    [{ provider: 'qvatel', destination: ' ', amount: qvatelAmount }, 'destination', 'non-empty'],
    [{ provider: 'qvatel', destination: '123', amount: qvatelAmount }, 'destino', 'Cuban phone'],
    [
      { provider: 'chinchinCps', destination: '04243675525', product: '57' },
      'amount',
      'take product and amount',
    ],
    [
      { provider: 'chinchinCps', destination: '04243675525', amount: vesAmount },
      'product',
      'take product and amount',
    ],
    [
      { provider: 'chinchinCps', destination: '04243675525', product: '999', amount: vesAmount },
      'product',
      'basic service id',
    ],
    [
      {
        provider: 'stoneTopups',
        destination: '10036389709',
        amount: { amountMinor: 10900, currency: 'BRL' },
      },
      'product',
      'take product, or product and amount',
    ],
    [
      {
        provider: 'stoneTopups',
        destination: '10036389709',
        product: '2126:10900',
        amount: { amountMinor: 1800, currency: 'BRL' },
      },
      'amount',
      'costs 10900 cents',
    ],
    [
      { provider: 'stoneTopups', destination: '10036389709', product: 'Claro TV' },
      'product',
      '<provider id>:<cents>',
    ],
    [
      {
        provider: 'tigoB2bBilling',
        destination: '900123456',
        amount: { amountMinor: 1, currency: 'COP' },
      },
      'provider',
      'no topups',
    ],
    [
      { provider: 'movistar', destination: '1', amount: qvatelAmount },
      'provider',
      "There is no provider 'movistar'",
    ],
  ])('rejects %j before sending anything', async (request, field, reason) => {
    const { telcopay, requests } = connect();
    const error = await telcopay.topups
      .send(request as Parameters<typeof telcopay.topups.send>[0])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toContain(reason);
    expect(requests).toHaveLength(0);
  });
});

describe('secrets', () => {
  it('keeps every credential out of the errors the facade passes on', async () => {
    const { telcopay } = connect();
    const qvatelTopup = {
      provider: 'qvatel',
      destination: '52942387',
      amount: { amountMinor: 2000, currency: 'CUP' },
    } as const;
    const failures = await Promise.allSettled([
      telcopay.topups.send(qvatelTopup, { headers: { Prefer: 'example=failure' } }),
      telcopay.topups.send({ ...qvatelTopup, idempotencyKey: 'k-1' }),
      telcopay.balances.get({ provider: 'qvatel' }, { headers: { Prefer: 'code=401' } }),
      telcopay.catalog.list({ provider: 'chinchinCps' }, { headers: { Prefer: 'code=401' } }),
      telcopay.topups.send(
        { provider: 'stoneTopups', destination: '10036389709', product: '2126:10900' },
        { headers: { Prefer: 'code=401' } },
      ),
    ]);
    const errors = failures.map((failure) => (failure as PromiseRejectedResult).reason as Error);
    expect(errors.every((error) => error instanceof TelcopayError)).toBe(true);
    const surfaces = errors
      .flatMap((error) => [error.message, error.stack, JSON.stringify(error)])
      .join('\n');
    const secrets = [
      CREDENTIALS.qvatel.apiToken,
      CREDENTIALS.chinchinCps.apiSecret,
      CREDENTIALS.stoneTopups.privateKey,
    ];
    for (const secret of secrets) expect(surfaces).not.toContain(secret);
  });
});

describe('balances.get', () => {
  it('reads QvaTel’s recharge balance as money', async () => {
    const { telcopay } = connect();
    await expect(telcopay.balances.get({ provider: 'qvatel' })).resolves.toEqual({
      provider: 'qvatel',
      balance: { amountMinor: 2000, currency: 'CUP' },
      raw: { result: 1, balance: 20 },
    });
  });

  it('refuses a balance its currency cannot hold exactly, instead of rounding it', async () => {
    const server = await answeringServer({ result: 1, balance: 20.005 });
    try {
      const { telcopay } = connect({ qvatelUrl: server.url });
      const error = await telcopay.balances
        .get({ provider: 'qvatel' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TelcopayError);
      expect(error).not.toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ provider: 'qvatel', body: { result: 1, balance: 20.005 } });
    } finally {
      await server.close();
    }
  });

  it.each([
    ['stoneTopups', 'stone-topups'],
    ['chinchinCps', 'chinchin-cps'],
  ])('says %s has none', async (provider, packageName) => {
    const { telcopay, requests } = connect();
    const error = await telcopay.balances
      .get({ provider: provider as 'qvatel' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'provider', provider: packageName });
    expect((error as Error).message).toBe(
      `${provider} has no balances through the facade (see capabilities()).`,
    );
    expect(requests).toHaveLength(0);
  });
});

describe('catalog.list', () => {
  it('offers the QvaTel denominations, which are the spec’s examples of Monto', async () => {
    const spec = parse(readFileSync(specPath('qvatel'), 'utf8'));
    const examples: number[] = spec.components.schemas.Monto.examples;
    expect(QVATEL_DENOMINATIONS.map((amount) => amount.amountMinor / 100)).toEqual(examples);
    const { telcopay, requests } = connect();
    await expect(telcopay.catalog.list({ provider: 'qvatel' })).resolves.toEqual([
      { provider: 'qvatel', product: '20.00', name: '20.00 CUP', amount: QVATEL_DENOMINATIONS[0] },
      { provider: 'qvatel', product: '15.00', name: '15.00 CUP', amount: QVATEL_DENOMINATIONS[1] },
    ]);
    expect(requests).toHaveLength(0);
  });

  it('lists Chinchin’s basic services by id, without a fixed price', async () => {
    const { telcopay } = connect();
    const services = await telcopay.catalog.list({ provider: 'chinchinCps' });
    expect(services).toHaveLength(Object.keys(SERVICE_IDS).length);
    for (const service of services) {
      expect(service.product).toBe(String(SERVICE_IDS[service.name as ServiceName]));
      expect(service.amount).toBeUndefined();
    }
  });

  it('lists every Stone provider’s plans with their price, usable as the product', async () => {
    const { telcopay, sent } = connect();
    const plans = await telcopay.catalog.list({ provider: 'stoneTopups' });
    expect(sent().filter((line) => line.startsWith('GET'))).toEqual([
      'GET /api/v1/topups/tv/providers',
      'GET /api/v1/topups/tv/values/2126',
      'GET /api/v1/topups/tv/values/2140',
      'GET /api/v1/topups/tv/values/2127',
    ]);
    expect(plans[0]).toEqual({
      provider: 'stoneTopups',
      product: '2126:1800',
      name: 'Claro TV: R$ 18,00 - INICIAL 30d',
      amount: { amountMinor: 1800, currency: 'BRL' },
    });
    const plan = plans.find((item) => item.name === 'Claro TV: R$ 109,00 - TOP 30d');
    const result = await telcopay.topups.send({
      provider: 'stoneTopups',
      destination: '10036389709',
      product: plan?.product ?? '',
      ...(plan?.amount ? { amount: plan.amount } : {}),
    });
    expect(result.status).toBe('succeeded');
  });
});

describe('a call for a provider it cannot serve', () => {
  /** Only QvaTel configured: every other provider is one the caller left out. */
  function qvatelOnly() {
    const recorder = recordingFetch();
    const telcopay = createTelcopay({
      environment: 'mock',
      qvatel: qvatel({ ...CREDENTIALS.qvatel, fetch: recorder.fetch, baseUrl: urls.qvatel }),
    });
    return { telcopay, requests: recorder.requests };
  }

  it.each([
    [
      'a bare string, the old call shape',
      (telcopay: AnyFacade) => telcopay.balances.get('qvatel'),
      "balances.get takes an object: balances.get({ provider: 'qvatel' }), not a string. Configured: qvatel.",
    ],
    [
      'no provider',
      (telcopay: AnyFacade) => telcopay.catalog.list({}),
      "catalog.list needs { provider }, the provider's key in createTelcopay, as catalog.list({ provider: 'qvatel' }). Configured: qvatel.",
    ],
    [
      'a package name instead of its key',
      (telcopay: AnyFacade) =>
        telcopay.topups.send({ provider: 'stone-topups', destination: '1', product: '2126:10900' }),
      "'stone-topups' is a package name: the facade names a provider by its key, 'stoneTopups'. Configured: qvatel.",
    ],
    [
      'a provider left out of the config',
      (telcopay: AnyFacade) => telcopay.catalog.list({ provider: 'chinchinCps' }),
      'chinchinCps is not configured: pass chinchinCps: chinchinCps({ … }) to createTelcopay. Configured: qvatel.',
    ],
    [
      'an object where the name goes',
      (telcopay: AnyFacade) => telcopay.balances.get({ provider: { name: 'qvatel' } }),
      "balances.get needs { provider }, the provider's key in createTelcopay, as balances.get({ provider: 'qvatel' }). Configured: qvatel.",
    ],
  ])('says what to write instead for %s, sending nothing', async (_case, call, message) => {
    const { telcopay, requests } = qvatelOnly();
    const error = await call(telcopay as unknown as AnyFacade).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'provider', message });
    expect(message).not.toContain('[object Object]');
    expect(requests).toHaveLength(0);
  });
});

/** The facade as untyped JavaScript calls it. */
interface AnyFacade {
  topups: { send(request: unknown): Promise<unknown> };
  balances: { get(request: unknown): Promise<unknown> };
  catalog: { list(request: unknown): Promise<unknown> };
}

describe('capabilities', () => {
  it('says what each configured provider supports', () => {
    const { telcopay } = connect();
    expect(telcopay.capabilities()).toEqual([
      {
        provider: 'chinchinCps',
        packageName: 'chinchin-cps',
        currency: 'VES',
        topups: ['product+amount'],
        idempotencyKey: false,
        balance: false,
        catalog: true,
      },
      {
        provider: 'qvatel',
        packageName: 'qvatel',
        currency: 'CUP',
        topups: ['amount', 'product'],
        idempotencyKey: false,
        balance: true,
        catalog: true,
      },
      {
        provider: 'tigoB2bBilling',
        packageName: 'tigo-b2b-billing',
        currency: 'COP',
        topups: [],
        idempotencyKey: false,
        balance: false,
        catalog: false,
      },
      {
        provider: 'masstackPartners',
        packageName: 'masstack-partners',
        currency: 'EUR',
        topups: [],
        idempotencyKey: false,
        balance: false,
        catalog: false,
      },
      {
        provider: 'stoneTopups',
        packageName: 'stone-topups',
        currency: 'BRL',
        topups: ['product', 'product+amount'],
        idempotencyKey: true,
        balance: false,
        catalog: true,
      },
    ]);
  });
});
