import { ApiError, OutcomeUnknownError, ValidationError } from '@telcopay/core';
import { mockUrl, recordingFetch, specOperations } from '@telcopay/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  billingEnvironments,
  createTigoB2bBillingClient,
  TIGO_B2B_BILLING_ENVIRONMENTS,
  type TigoB2bBillingClient,
  type TigoB2bBillingClientOptions,
} from '../src/index.js';

const CREDENTIALS = { clientId: 'client-id-3c1e', clientSecret: 'client-secret-77ad0f' };
/** The access token of the spec's `requestAccessToken` success example, which the mock serves. */
const MOCK_TOKEN = 'kP9sT2vW5xY8zA1bC4dE7fG0hJ3m';
const CUSTOMER = { idType: 'NIT', identification: 900123456 };
const PAYMENT = {
  intent: 'sale',
  clientInformation: { email: 'tesoreria@distribuidoraandina.com.co', firstName: 'Laura' },
  billsCollection: [
    { billNo: '909501941', billAmount: '185900', referencePayment: '909501941-90' },
  ],
  confirmationUrl: 'https://portal.distribuidoraandina.com.co/pagos/confirmacion',
  paymentData: { paymentMethod: 'PSE' },
};

let tigoMockUrl: string;

beforeAll(() => {
  tigoMockUrl = mockUrl('tigo-b2b-billing');
});

function mockClient() {
  const recorder = recordingFetch();
  const tigo = createTigoB2bBillingClient({
    ...CREDENTIALS,
    baseUrl: tigoMockUrl,
    fetch: recorder.fetch,
  });
  return { tigo, requests: recorder.requests };
}

/** A client whose requests never leave the process: the fetch answers a token, then `{}`. */
function offlineClient(options: Partial<TigoB2bBillingClientOptions>) {
  const recorder = recordingFetch(async (input: RequestInfo | URL) => {
    const url = new URL(new Request(input).url);
    return Response.json(
      url.pathname.endsWith('/accesstoken')
        ? { access_token: 'offline-token-1', expires_in: '172799', token_type: 'BearerToken' }
        : {},
    );
  });
  const tigo = createTigoB2bBillingClient({ ...CREDENTIALS, ...options, fetch: recorder.fetch });
  return { tigo, urls: () => recorder.requests.map((request) => request.url) };
}

describe('requests', () => {
  it('sends the fields of party characteristics comma-separated, as the source shows', async () => {
    const { tigo, requests } = mockClient();
    await tigo.getPartyCharacteristics({
      ...CUSTOMER,
      contractId: '8001234567',
      fields: ['role', 'plus', 'role'],
    });
    const url = requests.at(-1)?.url ?? '';
    expect(url).toBe(
      `${tigoMockUrl}/customers/NIT/900123456/contracts/8001234567/characteristics?fields=role,plus`,
    );
  });

  it('fetches a token with Basic credentials, then sends it as a bearer', async () => {
    const { tigo, requests } = mockClient();
    await tigo.getContract({ contractId: '8001234567' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `POST ${tigoMockUrl}/oauth/client_credential/accesstoken?grant_type=client_credentials`,
      `GET ${tigoMockUrl}/contracts/8001234567`,
    ]);
    const basic = Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString(
      'base64',
    );
    expect(requests[0]?.headers.get('authorization')).toBe(`Basic ${basic}`);
    expect(requests[1]?.headers.get('authorization')).toBe(`Bearer ${MOCK_TOKEN}`);
  });

  it('posts the payment as JSON to the customer checkout and register paths', async () => {
    const { tigo, requests } = mockClient();
    await tigo.checkoutPayment({ ...CUSTOMER, payment: PAYMENT });
    await tigo.registerPayment({ ...CUSTOMER, payment: PAYMENT });
    const posts = requests.filter((request) => !request.url.includes('/oauth/'));
    expect(posts.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'POST /customers/NIT/900123456/payments/checkout',
      'POST /customers/NIT/900123456/payments/register',
    ]);
    for (const post of posts) expect(JSON.parse(post.body)).toEqual(PAYMENT);
  });

  it('sends the page as reg_ini and the page size as num_reg, and no quantity unless given', async () => {
    const { tigo, requests } = mockClient();
    await tigo.listContracts({ ...CUSTOMER, page: 2, pageSize: 5 });
    await tigo.listBills({ contractId: 8001234567 });
    const [contracts, bills] = requests.slice(1).map((request) => new URL(request.url));
    expect(Object.fromEntries(contracts?.searchParams ?? [])).toEqual({
      reg_ini: '2',
      num_reg: '5',
    });
    expect(bills?.search).toBe('');
  });
});

describe("the spec's default (unhandled) response", () => {
  /** The spec's `default` example of an operation; Prism serves it for an undocumented status. */
  const defaultBody = (operationId: string) =>
    specOperations('tigo-b2b-billing')
      .find((operation) => operation.operationId === operationId)
      ?.scenarios.find((scenario) => scenario.status === 'default')?.value;

  it.each([
    [
      'getContract',
      ApiError,
      (tigo: TigoB2bBillingClient, call: { headers: Record<string, string> }) =>
        tigo.getContract({ contractId: 8001234567 }, call),
    ],
    [
      'checkoutPayment',
      OutcomeUnknownError,
      (tigo: TigoB2bBillingClient, call: { headers: Record<string, string> }) =>
        tigo.checkoutPayment({ ...CUSTOMER, payment: PAYMENT }, call),
    ],
  ])(
    'is an error of %s with its body: a read is retried, a payment is reported as unknown',
    async (operation, ErrorClass, call) => {
      const { tigo, requests } = mockClient();
      const error = await call(tigo, { headers: { Prefer: 'code=500' } }).catch(
        (caught: unknown) => caught,
      );
      const isRead = ErrorClass === ApiError;
      expect(error).toBeInstanceOf(ErrorClass);
      expect(defaultBody(operation)).toBeDefined();
      expect(error).toMatchObject({
        operation,
        status: 500,
        retryable: isRead,
        body: defaultBody(operation),
      });
      // The read is sent again twice (the default policy); the payment exactly once.
      expect(requests.filter((request) => !request.url.includes('/oauth/'))).toHaveLength(
        isRead ? 3 : 1,
      );
    },
  );
});

describe('input checks', () => {
  const customer = { idType: 'NIT', identification: 900123456 };
  const cases: [string, string, (tigo: TigoB2bBillingClient) => Promise<unknown>][] = [
    ['contractId', 'zero', (tigo) => tigo.getContract({ contractId: 0 })],
    ['contractId', 'a fraction', (tigo) => tigo.getContract({ contractId: 12.5 })],
    ['contractId', 'a leading zero', (tigo) => tigo.listBills({ contractId: '0800123' })],
    [
      'contractId',
      'digits beyond 2^53',
      (tigo) => tigo.listBills({ contractId: '90071992547409931' }),
    ],
    ['quantity', 'a zero quantity', (tigo) => tigo.listBills({ contractId: 1, quantity: 0 })],
    ['idType', 'a blank id type', (tigo) => tigo.listContracts({ ...customer, idType: ' ' })],
    [
      'identification',
      'a NIT with its check digit',
      (tigo) => tigo.listContracts({ ...customer, identification: '900123456-7' }),
    ],
    ['page', 'page 0', (tigo) => tigo.listContracts({ ...customer, page: 0 })],
    [
      'billNo',
      'an empty bill number',
      (tigo) => tigo.listBillPayments({ contractId: 1, billNo: '' }),
    ],
    [
      'fields',
      'no fields',
      (tigo) => tigo.getPartyCharacteristics({ ...customer, contractId: 1, fields: [] }),
    ],
    [
      'fields',
      'an unknown field',
      (tigo) =>
        tigo.getPartyCharacteristics({
          ...customer,
          contractId: 1,
          fields: ['role', 'email' as 'role'],
        }),
    ],
    [
      'billsCollection',
      'a checkout without bills',
      (tigo) => tigo.checkoutPayment({ ...customer, payment: { ...PAYMENT, billsCollection: [] } }),
    ],
    [
      'billsCollection',
      'a register without bills',
      (tigo) => tigo.registerPayment({ ...customer, payment: { intent: 'sale' } }),
    ],
    ['paymentId', 'an empty signature', (tigo) => tigo.validatePayment({ paymentId: '' })],
    [
      'id',
      'an empty coupon number',
      (tigo) => tigo.validatePaymentByCoupon({ couponId: 'coupon', id: ' ' }),
    ],
  ];

  it.each(cases)('rejects %s (%s) before any request, token included', async (field, _, call) => {
    const { tigo, requests } = mockClient();
    const error = await call(tigo).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, provider: 'tigo-b2b-billing', retryable: false });
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['clientId', { clientId: '' }],
    ['clientId', { clientId: 'with:colon' }],
    ['clientSecret', { clientSecret: '' }],
    ['countryCode', { countryCode: 'CO' }],
    ['tokenUrl', { tokenUrl: 'https://test.api.tigo.com/token' }],
    ['tokenUrl', { tokenUrl: '/oauth/client_credential/accesstoken' }],
    ['environment', { baseUrl: undefined, environment: 'staging' as 'test' }],
  ])('refuses to build a client with a bad %s', (field, change) => {
    const build = () =>
      createTigoB2bBillingClient({ ...CREDENTIALS, baseUrl: tigoMockUrl, ...change });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(expect.objectContaining({ field }));
  });
});

describe('environments', () => {
  /** The spec's server pattern. */
  const server = (environmentPrefix: string, countryCode: string) =>
    `https://${environmentPrefix}.api.tigo.com/v2/tigo/b2b/${countryCode}/billing`;

  it("follow the spec's server pattern, Colombia by default", () => {
    expect(TIGO_B2B_BILLING_ENVIRONMENTS).toEqual({
      test: server('test', 'co'),
      qa: server('qa', 'co'),
      prod: server('prod', 'co'),
      mock: 'http://127.0.0.1:4012',
    });
    expect(billingEnvironments('hn').qa).toBe(server('qa', 'hn'));
  });

  it('take the token from the gateway root of the environment', async () => {
    const { tigo, urls } = offlineClient({ environment: 'prod' });
    await tigo.getContract({ contractId: 8001234567 });
    expect(urls()).toEqual([
      'https://prod.api.tigo.com/oauth/client_credential/accesstoken?grant_type=client_credentials',
      `${server('prod', 'co')}/contracts/8001234567`,
    ]);
  });

  it('follow the country code', async () => {
    const { tigo, urls } = offlineClient({ environment: 'qa', countryCode: 'hn' });
    await tigo.validatePayment({ paymentId: 'abc' });
    expect(urls()).toEqual([
      'https://qa.api.tigo.com/oauth/client_credential/accesstoken?grant_type=client_credentials',
      `${server('qa', 'hn')}/payments/abc/validate`,
    ]);
  });

  it('let tokenUrl name another token endpoint', async () => {
    const { tigo, urls } = offlineClient({
      environment: 'test',
      tokenUrl: 'https://auth.example.test/gw/oauth/client_credential/accesstoken',
    });
    await tigo.getContract({ contractId: 1 });
    expect(urls()[0]).toBe(
      'https://auth.example.test/gw/oauth/client_credential/accesstoken?grant_type=client_credentials',
    );
  });
});
