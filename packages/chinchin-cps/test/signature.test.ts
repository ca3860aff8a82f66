import { createHmac } from 'node:crypto';
import { recordingFetch } from '@telcopay/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedPath } from '../src/auth.js';
import { createChinchinCpsClient, SERVICE_IDS } from '../src/index.js';
import { monotonicNonce } from '../src/nonce.js';
import { type SigningServer, startSigningServer } from './signing-server.js';

const API_KEY = 'chinchin-public-key-7d21';
const API_SECRET = 'chinchin-private-key-5be93f0a';

function hmac(message: string): string {
  return createHmac('sha384', API_SECRET).update(message).digest('hex');
}

/** A client whose fetch answers `[]` without a network: only what it sends matters here. */
function offlineClient() {
  const recorder = recordingFetch(async () => Response.json([]));
  const client = createChinchinCpsClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: 'https://cps.example.test',
    fetch: recorder.fetch,
  });
  return { client, requests: recorder.requests };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the documentation's own example", () => {
  it('signs /v2/list/basic_services + nonce + {"canGetBalance":false} with HMAC-SHA384', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1670525711124);
    const { client, requests } = offlineClient();
    await client.listBasicServices({ canGetBalance: false });

    const [request] = requests;
    expect(request?.url).toBe(
      'https://cps.example.test/cps/v2/list/basic_services?canGetBalance=false',
    );
    expect(request?.headers.get('api-key')).toBe(API_KEY);
    expect(request?.headers.get('api-nonce')).toBe('1670525711124');
    // The signed string, as the spec spells it out for this call.
    const expected = hmac('/v2/list/basic_services1670525711124{"canGetBalance":false}');
    expect(request?.headers.get('api-signature')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{96}$/);
  });
});

describe('nonces', () => {
  it('strictly increase for 1000 concurrent calls in the same millisecond', async () => {
    const now = 1_700_000_000_000;
    vi.spyOn(Date, 'now').mockReturnValue(now);
    const { client, requests } = offlineClient();
    await Promise.all(
      Array.from({ length: 1000 }, () => client.listBasicServices({ canGetBalance: true })),
    );

    const nonces = requests.map((request) => Number(request.headers.get('api-nonce')));
    expect(new Set(nonces).size).toBe(1000);
    expect([...nonces].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 1000 }, (_, index) => now + index),
    );
    // Each signature covers the nonce its own request carries.
    for (const request of requests) {
      const nonce = request.headers.get('api-nonce');
      expect(request.headers.get('api-signature')).toBe(
        hmac(`/v2/list/basic_services${nonce}{"canGetBalance":true}`),
      );
    }
  });

  it('follow the clock, and never go back when the clock does', () => {
    const clock = [1000, 1000, 1500, 1200, 1600];
    const next = monotonicNonce(() => clock.shift() ?? 0);
    expect([next(), next(), next(), next(), next()]).toEqual([1000, 1001, 1500, 1501, 1600]);
  });
});

describe('the signed path', () => {
  it.each([
    ['https://h/cps/v2/operation/use/pay', 'https://h', '/cps', '/v2/operation/use/pay'],
    ['https://h/gw/cps/v2/operation/use/pay', 'https://h/gw/', '/cps', '/v2/operation/use/pay'],
    ['https://h/cps/v2/operation/use/pay', 'https://h', '', '/cps/v2/operation/use/pay'],
    ['https://h/cpsx/v2/list', 'https://h', '/cps', '/cpsx/v2/list'],
  ])('of %s (base %s, prefix %j) is %s', (url, baseUrl, prefix, expected) => {
    expect(signedPath(url, baseUrl, prefix)).toBe(expected);
  });
});

describe('signed bytes are the sent bytes (a real server recomputes every signature)', () => {
  let server: SigningServer;
  beforeAll(async () => {
    server = await startSigningServer(API_SECRET);
  });
  afterAll(() => server?.close());

  const client = () =>
    createChinchinCpsClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: server.url });

  it('POST pay: the raw body received is the one signed, in the documented field order', async () => {
    const input = {
      amount: 10.25,
      idTypeService: SERVICE_IDS.MOVISTAR_PREPAGO,
      numberService: '04243675525',
    };
    const paid = await client().payService(input);

    const request = server.received.at(-1);
    expect(request).toMatchObject({
      method: 'POST',
      signedPath: '/v2/operation/use/pay',
      valid: true,
    });
    expect(request?.rawBody).toBe(
      '{"numberService":"04243675525","idTypeService":57,"amount":10.25}',
    );
    expect(paid).toMatchObject({ status: 'APPROVED', numberService: '04243675525', amount: 10.25 });
  });

  it('GET balance and list: the query object is signed with its typed values', async () => {
    const cps = client();
    await expect(
      cps.getServiceBalance({
        numberService: '02123457654',
        idTypeService: SERVICE_IDS.DIGITEL_FIJO,
      }),
    ).resolves.toEqual({ numberService: '02123457654', idTypeService: 63, balance: 1 });
    await expect(cps.listBasicServices({ canGetBalance: true })).resolves.toEqual([]);
    await expect(cps.listBasicServices()).resolves.toEqual([]);

    const requests = server.received.slice(-3);
    expect(requests.map((request) => [request.signedPath, request.valid])).toEqual([
      ['/v2/operation/get/balance', true],
      ['/v2/list/basic_services', true],
      ['/v2/list/basic_services', true],
    ]);
  });

  it('a wrong private key is refused by the server (the check is not vacuous)', async () => {
    const wrong = createChinchinCpsClient({
      apiKey: API_KEY,
      apiSecret: 'another-private-key',
      baseUrl: server.url,
    });
    await expect(wrong.listBasicServices()).rejects.toMatchObject({ status: 401 });
    expect(server.received.at(-1)?.valid).toBe(false);
  });
});

describe('signing under another mount or gateway prefix', () => {
  it('signs the path relative to a base URL that has a path of its own', async () => {
    const server = await startSigningServer(API_SECRET, { mount: '/gateway' });
    try {
      const cps = createChinchinCpsClient({
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        baseUrl: server.url,
      });
      await cps.listBasicServices();
      expect(server.received[0]).toMatchObject({
        path: '/gateway/cps/v2/list/basic_services',
        signedPath: '/v2/list/basic_services',
        valid: true,
      });
    } finally {
      await server.close();
    }
  });

  it("signs the full path with gatewayPrefix ''", async () => {
    const server = await startSigningServer(API_SECRET, { gatewayPrefix: '' });
    try {
      const cps = createChinchinCpsClient({
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        baseUrl: server.url,
        gatewayPrefix: '',
      });
      await cps.payService({ numberService: '04243675525', idTypeService: 57, amount: 10 });
      expect(server.received[0]).toMatchObject({
        signedPath: '/cps/v2/operation/use/pay',
        valid: true,
      });
    } finally {
      await server.close();
    }
  });
});
