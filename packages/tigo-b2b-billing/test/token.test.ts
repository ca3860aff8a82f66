import { ApiError, AuthError, BusinessError, type LogEntry } from '@telcopay/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTigoB2bBillingClient } from '../src/index.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  type FakeGateway,
  type FakeGatewayOptions,
  fakeGateway,
  REFUSED_CONTRACT,
} from './fake-gateway.js';

const gateways: FakeGateway[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});

async function setUp(options: FakeGatewayOptions = {}, clientSecret = CLIENT_SECRET) {
  const gateway = await fakeGateway(options);
  gateways.push(gateway);
  const logs: LogEntry[] = [];
  const tigo = createTigoB2bBillingClient({
    clientId: CLIENT_ID,
    clientSecret,
    baseUrl: gateway.billingBaseUrl,
    logger: (entry) => logs.push(entry),
  });
  return { gateway, tigo, logs };
}

const CUSTOMER = { idType: 'NIT', identification: 900123456 };
const PAYMENT = { payment: { intent: 'sale', billsCollection: [{ billNo: '909501941' }] } };

describe('the access token', () => {
  it('is requested once for 100 concurrent calls, with Basic credentials and grant_type in the query', async () => {
    const { gateway, tigo } = await setUp({ tokenDelayMs: 50 });
    const contracts = await Promise.all(
      Array.from({ length: 100 }, (_, n) => tigo.getContract({ contractId: n + 1 })),
    );
    expect(contracts).toHaveLength(100);
    expect(gateway.tokenRequests).toHaveLength(1);
    const [tokenRequest] = gateway.tokenRequests;
    expect(tokenRequest?.method).toBe('POST');
    expect(tokenRequest?.url.searchParams.get('grant_type')).toBe('client_credentials');
    const [scheme, credentials] = (tokenRequest?.authorization ?? '').split(' ');
    expect(scheme).toBe('Basic');
    expect(Buffer.from(credentials ?? '', 'base64').toString()).toBe(
      `${CLIENT_ID}:${CLIENT_SECRET}`,
    );
    expect(gateway.apiRequests).toHaveLength(100);
    const bearers = new Set(gateway.apiRequests.map((request) => request.authorization));
    expect([...bearers]).toEqual([`Bearer ${gateway.issued[0]}`]);
  });

  it('is parsed from an answer whose numbers are strings, and not cached when asked for directly', async () => {
    const { gateway, tigo } = await setUp();
    const answer = await tigo.requestAccessToken();
    expect(answer).toMatchObject({ expires_in: '172799', token_type: 'BearerToken' });
    expect(answer.access_token).toBe(gateway.issued[0]);
    await tigo.requestAccessToken();
    expect(gateway.tokenRequests).toHaveLength(2);
    await tigo.getContract({ contractId: 1 });
    expect(gateway.apiRequests.at(-1)?.authorization).toBe(`Bearer ${gateway.issued[2]}`);
  });

  it('is reused by later calls while it lives', async () => {
    const { gateway, tigo } = await setUp();
    await tigo.getContract({ contractId: 1 });
    await tigo.listContracts({ ...CUSTOMER, page: 1 });
    await tigo.getContract({ contractId: 3 });
    expect(gateway.tokenRequests).toHaveLength(1);
    expect(gateway.apiRequests).toHaveLength(3);
  });

  it('is refreshed once it expires (expires_in "1")', async () => {
    const { gateway, tigo } = await setUp({ expiresIn: '1' });
    await tigo.getContract({ contractId: 1 });
    expect(gateway.tokenRequests).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await tigo.getContract({ contractId: 1 });
    expect(gateway.tokenRequests).toHaveLength(2);
    expect(gateway.apiRequests.map((request) => request.authorization)).toEqual(
      gateway.issued.map((token) => `Bearer ${token}`),
    );
  });

  it.each([
    ['a lifetime that is not a number', { expiresIn: 'soon' }],
    ['a zero lifetime', { expiresIn: '0' }],
    ['no lifetime', { tokenBody: (token: string) => ({ access_token: token }) }],
    ['no token', { tokenBody: () => ({ expires_in: '172799', token_type: 'BearerToken' }) }],
  ])('refuses an answer with %s as an AuthError, before any billing call', async (_, options) => {
    const { gateway, tigo } = await setUp(options);
    const error = await tigo.getContract({ contractId: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ operation: 'requestAccessToken', status: 200 });
    expect(JSON.stringify(error)).not.toContain(gateway.issued[0] ?? 'no token issued');
    expect(gateway.apiRequests).toHaveLength(0);
  });

  it('turns refused client credentials into the token endpoint AuthError, before any billing call', async () => {
    const { gateway, tigo } = await setUp({}, 'a-wrong-secret');
    const error = await tigo.getContract({ contractId: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      operation: 'requestAccessToken',
      status: 401,
      body: { ErrorCode: 'invalid_client' },
    });
    expect(gateway.apiRequests).toHaveLength(0);
  });
});

describe('a token endpoint that fails', () => {
  it.each([
    [400, 1],
    [500, 3],
  ])(
    'answering %i is an AuthError of the call, its ApiError the cause, after %i token requests',
    async (status, tokenRequests) => {
      const { gateway, tigo } = await setUp({ tokenStatus: status });
      const error = await tigo.getContract({ contractId: 1 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({ operation: 'requestAccessToken', status, retryable: false });
      expect((error as Error).cause).toBeInstanceOf(ApiError);
      expect((error as Error).cause).not.toBeInstanceOf(AuthError);
      // The provider's message and developer message, in one sentence with one final period.
      expect((error as Error).message).toBe(
        `tigo-b2b-billing requestAccessToken failed with HTTP ${status}: The gateway could not answer (Backend failure ${status}).`,
      );
      expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
      // The token request's own retries (500 is retried, 400 is not); the call adds none.
      expect(gateway.tokenRequests).toHaveLength(tokenRequests);
      expect(gateway.apiRequests).toHaveLength(0);
    },
  );
});

describe("Apigee's invalid-token fault", () => {
  it('makes a GET refresh the token once and send once more', async () => {
    const { gateway, tigo, logs } = await setUp();
    await tigo.getContract({ contractId: 1 });
    gateway.revokeTokens();
    await expect(tigo.getContract({ contractId: 2 })).resolves.toMatchObject({
      identification: '900123456',
    });
    expect(gateway.tokenRequests).toHaveLength(2);
    expect(gateway.apiRequests.map((request) => request.authorization)).toEqual([
      `Bearer ${gateway.issued[0]}`,
      `Bearer ${gateway.issued[0]}`,
      `Bearer ${gateway.issued[1]}`,
    ]);
    expect(logs.filter((entry) => entry.event === 'retry')).toHaveLength(1);
  });

  it('is the final AuthError of a GET when the fresh token is refused too', async () => {
    const { gateway, tigo } = await setUp();
    await tigo.getContract({ contractId: 1 });
    gateway.refuseEveryToken();
    const error = await tigo.getContract({ contractId: 2 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      status: 401,
      body: { fault: { faultstring: 'Invalid access token' } },
    });
    expect(gateway.tokenRequests).toHaveLength(2);
    expect(gateway.apiRequests).toHaveLength(3);
  });

  it('ends in the token endpoint AuthError when the refresh is refused', async () => {
    const { gateway, tigo } = await setUp();
    await tigo.getContract({ contractId: 1 });
    gateway.revokeTokens();
    gateway.refuseCredentials();
    const error = await tigo.getContract({ contractId: 2 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      operation: 'requestAccessToken',
      status: 401,
      retryable: false,
      body: { ErrorCode: 'invalid_client' },
    });
    expect(gateway.tokenRequests).toHaveLength(2);
    expect(gateway.apiRequests).toHaveLength(2);
  });

  it('is not retried on a checkout POST, whose rejected token the next call replaces', async () => {
    const { gateway, tigo } = await setUp();
    await tigo.getContract({ contractId: 1 });
    gateway.revokeTokens();
    const error = await tigo
      .checkoutPayment({ ...CUSTOMER, ...PAYMENT })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ operation: 'checkoutPayment', status: 401, retryable: false });
    const posts = gateway.apiRequests.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(gateway.tokenRequests).toHaveLength(1);

    await expect(tigo.checkoutPayment({ ...CUSTOMER, ...PAYMENT })).resolves.toMatchObject({
      signature: 'fake-signature',
    });
    expect(gateway.tokenRequests).toHaveLength(2);
    expect(gateway.apiRequests.at(-1)?.authorization).toBe(`Bearer ${gateway.issued[1]}`);
  });
});

describe('a checkout answer with a non-zero error', () => {
  it('is a BusinessError carrying the description', async () => {
    const { tigo } = await setUp({ checkoutError: 3 });
    const error = await tigo
      .checkoutPayment({ ...CUSTOMER, ...PAYMENT })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BusinessError);
    expect(error).toMatchObject({ providerMessage: 'Factura ya pagada', status: 200 });
  });
});

describe('secrets', () => {
  it('keep the client secret, the Basic credentials and every token out of errors and logs', async () => {
    const refused = await setUp({}, `${CLIENT_SECRET}-wrong`);
    const { gateway, tigo, logs } = await setUp();
    const errors: Error[] = [];
    const settle = (call: Promise<unknown>) =>
      call.then(
        () => undefined,
        (error: Error) => {
          errors.push(error);
        },
      );
    await settle(refused.tigo.getContract({ contractId: 1 })); // the token endpoint's 401
    await settle(tigo.getContract({ contractId: 1 }));
    await settle(tigo.getContract({ contractId: REFUSED_CONTRACT })); // echoes the bearer
    gateway.revokeTokens();
    await settle(tigo.checkoutPayment({ ...CUSTOMER, ...PAYMENT })); // the fault, not resent
    await settle(tigo.getContract({ contractId: 2 })); // a fresh token
    gateway.revokeTokens();
    await settle(tigo.getContract({ contractId: 3 })); // the fault, refreshed and resent
    await tigo.raw.GET('/contracts/{contractId}', { params: { path: { contractId: 4 } } });

    expect(errors.map((error) => error.constructor)).toEqual([AuthError, AuthError, AuthError]);
    // The gateway echoed the Basic credentials and a bearer token: both arrive redacted.
    expect(JSON.stringify(errors[0])).toContain('Client credentials are invalid: Basic [REDACTED]');
    expect(JSON.stringify(errors[1])).toContain('Not Authorized: Bearer [REDACTED]');
    expect(gateway.issued).toHaveLength(3);
    expect(logs.map((entry) => entry.event)).toContain('retry');

    const basic = (secret: string) => Buffer.from(`${CLIENT_ID}:${secret}`).toString('base64');
    const secrets = [
      CLIENT_SECRET,
      basic(CLIENT_SECRET),
      basic(`${CLIENT_SECRET}-wrong`),
      ...gateway.issued,
    ];
    const surfaces = [
      ...errors.flatMap((error) => [error.message, error.stack, JSON.stringify(error)]),
      ...[...logs, ...refused.logs].map((entry) => JSON.stringify(entry)),
    ].join('\n');
    for (const secret of secrets) {
      expect(surfaces).not.toContain(secret);
      expect(surfaces).not.toContain(encodeURIComponent(secret));
    }
  });
});
