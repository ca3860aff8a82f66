import { FAULTS } from '@telcopay/mocks/faults';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIS, loadAnswers, routeOf } from '../src/answers.js';
import { OPERATION_CASES } from '../src/clients.js';
import { type FaultServer, startFaultServer } from '../src/fault-server.js';
import { expectedCell } from '../src/matrix.js';
import { Surfaces } from '../src/surfaces.js';

/** How long a drip takes to deliver its body: its first bytes come long before the rest. */
const DRIP_DURATION_MS = 2_000;
/** A bound for a request to reach the server: it only bounds a failing run. */
const ARRIVAL_LIMIT_MS = 10_000;

const answers = loadAnswers();
let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ dripDurationMs: DRIP_DURATION_MS });
}, 30_000);
afterAll(async () => {
  expect(await server.drained(10_000)).toBe(0);
  await server.close();
}, 30_000);

const BALANCE = '/account/recharge-balance';
const AUTHORIZATION = 'Bearer secret-bearer-value-123';

/** A lane whose QvaTel balance answers with `fault`, and a request to it. */
function faulted(fault: (typeof FAULTS)[number]) {
  const lane = server.lane();
  lane.play('getRechargeBalance', [fault]);
  const url = `${lane.baseUrl('qvatel')}${BALANCE}?api_token=query-secret-value`;
  const request = () => lane.fetch(new Request(url, { headers: { authorization: AUTHORIZATION } }));
  return { lane, url, request };
}

describe('the fault server plays each fault as described', () => {
  it('refused: the kernel refuses the connection and the server never sees the request', async () => {
    const { lane, request } = faulted('refused');
    const error = await request().catch((e: unknown) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    expect(lane.tries).toMatchObject([{ operationId: 'getRechargeBalance', refused: true }]);
    expect(lane.received).toEqual([]);
    // The fault is used up: the next request is answered.
    expect((await request()).status).toBe(200);
  });

  it('reset: success headers arrive, then the body breaks off', async () => {
    const response = await faulted('reset').request();
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('hang: no answer at all, until the client gives up', async () => {
    const { lane, url } = faulted('hang');
    const client = new AbortController();
    let answered = false;
    const pending = lane.fetch(new Request(url, { signal: client.signal }));
    pending.then(() => (answered = true)).catch(() => undefined);
    expect(await lane.until(() => lane.received.length === 1, ARRIVAL_LIMIT_MS)).toBe(true);
    // A request sent after it gets its whole answer, while it still has none.
    expect(await (await faulted('none').request()).json()).toBeDefined();
    expect(answered).toBe(false);
    client.abort();
    await expect(pending).rejects.toThrow();
    expect(await lane.settled()).toBe(0);
  });

  it('drip: the headers, then a body far too slow to wait for', async () => {
    const { lane, url } = faulted('drip');
    const client = new AbortController();
    const response = await lane.fetch(new Request(url, { signal: client.signal }));
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    // Bytes one by one, over DRIP_DURATION_MS: nowhere near the whole body yet.
    expect(first.value?.length).toBeLessThan(Number(response.headers.get('content-length')) / 2);
    client.abort();
    await expect(reader.read()).rejects.toThrow();
    expect(await lane.settled()).toBe(0);
  });

  it.each([500, 502, 503, 504])(
    'http-%i: that status, with a body echoing the credentials',
    async (status) => {
      const response = await faulted(`http-${status}` as (typeof FAULTS)[number]).request();
      expect(response.status).toBe(status);
      const body = (await response.json()) as { debug: string };
      expect(body.debug).toContain(AUTHORIZATION);
      expect(body.debug).toContain('query-secret-value');
    },
  );

  it.each([
    ['throttled', '1'],
    ['throttled-long', '3600'],
  ] as const)('%s: 429 with Retry-After %s', async (fault, seconds) => {
    const response = await faulted(fault).request();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe(seconds);
  });

  it('html: a 502 HTML page that shows the URL', async () => {
    const response = await faulted('html').request();
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('query-secret-value');
  });

  it.each(['truncated', 'malformed'] as const)(
    '%s: a complete 2xx answer that is not JSON',
    async (fault) => {
      const response = await faulted(fault).request();
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
    },
  );

  it('business-failure: the documented 2xx failure', async () => {
    const response = await faulted('business-failure').request();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: 0 });
  });

  it('expired-token: a fixed credential is refused every time', async () => {
    const { request } = faulted('expired-token');
    expect((await request()).status).toBe(401);
  });
});

describe('tokens', () => {
  const tokenRequest = (lane: ReturnType<FaultServer['lane']>) =>
    lane.fetch(
      new Request(`${lane.baseUrl('tigo-b2b-billing')}/oauth/client_credential/accesstoken`, {
        method: 'POST',
      }),
    );
  const contract = (lane: ReturnType<FaultServer['lane']>, token: string) =>
    lane.fetch(
      new Request(`${lane.baseUrl('tigo-b2b-billing')}/contracts/8001234567`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );

  it('issues a new token per request, with the spec example around it', async () => {
    const lane = server.lane();
    const first = (await (await tokenRequest(lane)).json()) as Record<string, unknown>;
    const second = (await (await tokenRequest(lane)).json()) as Record<string, unknown>;
    expect(first.access_token).not.toBe(second.access_token);
    expect(first.expires_in).toBe('172799');
    expect(lane.issuedTokens).toEqual([first.access_token, second.access_token]);
    expect(server.secretsSeen.has(String(first.access_token))).toBe(true);
  });

  it('expired-token revokes the tokens issued so far, once: a fresh token works', async () => {
    const lane = server.lane();
    lane.play('getContract', [], 'expired-token');
    const { access_token: old } = (await (await tokenRequest(lane)).json()) as {
      access_token: string;
    };
    const refused = await contract(lane, old);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      fault: { detail: { errorcode: 'oauth.v2.InvalidAccessToken' } },
    });
    const { access_token: fresh } = (await (await tokenRequest(lane)).json()) as {
      access_token: string;
    };
    expect((await contract(lane, fresh)).status).toBe(200);
    expect((await contract(lane, old)).status).toBe(401);
  });
});

describe('routing and records', () => {
  it('routes every operation of every spec to itself', () => {
    for (const api of APIS) {
      for (const operation of answers.get(api) ?? []) {
        const path = operation.path.replace(/\{[^}]+\}/g, '12345');
        expect(routeOf(answers.get(api) ?? [], operation.method, path)?.operationId).toBe(
          operation.operationId,
        );
      }
    }
  });

  it('answers a request it cannot route with a 404, and counts it', async () => {
    const before = server.unrouted();
    const response = await fetch(`${server.url}/no-lane/qvatel${BALANCE}`);
    expect(response.status).toBe(404);
    expect(server.unrouted()).toBe(before + 1);
  });

  it('keeps lanes apart and fingerprints the same request alike', async () => {
    const { lane, request } = faulted('http-500');
    const other = server.lane();
    const untouched = await other.fetch(new Request(`${other.baseUrl('qvatel')}${BALANCE}`));
    expect(untouched.status).toBe(200);
    await request();
    await request();
    const [first, second] = lane.received;
    expect(first?.fault).toBe('http-500');
    expect(second?.fault).toBe('none');
    expect(first?.fingerprint).toBe(second?.fingerprint);
    expect(other.received).toHaveLength(1);
  });
});

describe('deadlines', () => {
  it("virtual: a lane call's AbortSignal.timeout passes when the upstream stalls, not before", async () => {
    const lane = server.lane();
    // Created after an await: the lane's clock follows the call through it.
    const signal = await lane.run(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return AbortSignal.timeout(1);
    });
    // A real 1 ms timer set before a 20 ms one fires first: this one is not real.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signal.aborted).toBe(false);
    lane.stall();
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('real: outside a lane call, and in a lane of real deadlines, it is the real timeout', async () => {
    const lane = server.lane('real');
    for (const signal of [AbortSignal.timeout(1), lane.run(() => AbortSignal.timeout(1))]) {
      if (!signal.aborted)
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      expect((signal.reason as DOMException).name).toBe('TimeoutError');
    }
  });
});

describe('the secret scanner', () => {
  it('finds a secret, and its URL-encoded form, in errors and log entries', () => {
    const surfaces = new Surfaces();
    const secret = 'a+secret/with=signs-42';
    surfaces.addError(new Error(`refused with ${encodeURIComponent(secret)}`));
    surfaces.logger({ level: 'info', event: 'x', message: `token ${secret}`, provider: 'p' });
    surfaces.logger({ level: 'info', event: 'x', message: 'nothing here', provider: 'p' });
    // The error's string, message and stack, and the log entry.
    expect(surfaces.scan([secret])).toHaveLength(4);
    expect(surfaces.scan(['another-secret-value'])).toEqual([]);
  });
});

describe('the catalog of operations', () => {
  it('has one case for every operation of every spec, and no other', () => {
    const specOperations = APIS.flatMap((api) =>
      (answers.get(api) ?? []).map((op) => `${api} ${op.operationId}`),
    );
    expect(OPERATION_CASES.map((op) => `${op.api} ${op.operationId}`).sort()).toEqual(
      specOperations.sort(),
    );
  });

  it('expects a 2xx failure exactly where the server has one, and a credential where a 401 is documented', () => {
    for (const operation of OPERATION_CASES) {
      const served = answers
        .get(operation.api)
        ?.find((op) => op.operationId === operation.operationId);
      expect(operation.businessFailure !== undefined, operation.operationId).toBe(
        served?.failure !== undefined,
      );
      expect(operation.authentication !== 'none', operation.operationId).toBe(
        served?.unauthorized !== undefined,
      );
      for (const fault of ['none', 'refused', 'http-500'] as const) {
        expect(expectedCell(fault, operation)).toBeDefined();
      }
    }
    expect(FAULTS).toHaveLength(16);
  });
});
