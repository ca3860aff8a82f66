// Scenarios on the HTTP mocks: every step kind, played by the shared mock host's front.

import { mockScenarios } from '@telcopay/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { outcome, sharedMocks } from './shared-host.js';

const urls = sharedMocks();
const scenarios = mockScenarios(urls);
const balance = `${urls.qvatel}/account/recharge-balance?api_token=t`;
const get = (url = balance) => outcome(url, { headers: scenarios.headers });

afterEach(() => scenarios.reset());

describe('HTTP mock scenarios', () => {
  it('plays documented examples and statuses in order, then answers as usual again', async () => {
    await scenarios.scenario('qvatel', 'getRechargeBalance', ['failure', 401, { status: 200 }]);
    expect(await get()).toEqual({ status: 200, text: expect.stringContaining('"result":0') });
    expect(await get()).toEqual({ status: 401, text: expect.stringContaining('Unauthenticated') });
    expect(await get()).toEqual({ status: 200, text: expect.stringContaining('"balance":20') });
    expect(await scenarios.pending('qvatel')).toEqual({});
    expect(await get()).toEqual({ status: 200, text: expect.stringContaining('"balance":20') });
  });

  it('plays a gateway 503 then the success: [http-503, success]', async () => {
    await scenarios.scenario('qvatel', 'getRechargeBalance', ['http-503', 'success']);
    expect((await get()).status).toBe(503);
    expect(await get()).toEqual({ status: 200, text: expect.stringContaining('"balance":20') });
  });

  it('plays a status the operation documents through its default response', async () => {
    await scenarios.scenario('tigo-b2b-billing', 'getContract', [503, 'success']);
    const contract = () =>
      outcome(`${urls['tigo-b2b-billing']}/contracts/8001234567`, {
        headers: { ...scenarios.headers, authorization: 'Bearer t' },
      });
    expect(await contract()).toMatchObject({ status: 503, text: expect.stringContaining('error') });
    expect((await contract()).status).toBe(200);
  });

  it('plays an expired token as the documented 401', async () => {
    await scenarios.scenario('tigo-b2b-billing', 'getContract', ['expired-token']);
    const got = await outcome(`${urls['tigo-b2b-billing']}/contracts/8001234567`, {
      headers: { ...scenarios.headers, authorization: 'Bearer t' },
    });
    expect(got.status).toBe(401);
    expect(got.text).toContain('Invalid access token');
  });

  it('plays a delay before the answer', async () => {
    await scenarios.scenario('qvatel', 'getRechargeBalance', [{ delay: 300, answer: 'failure' }]);
    const started = performance.now();
    const got = await get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(got.text).toContain('"result":0');
  });

  it('plays a reset before and after the request was handled, and a truncated body', async () => {
    await scenarios.scenario('qvatel', 'getRechargeBalance', [
      'reset-before',
      'reset',
      'truncated',
    ]);
    expect(await get()).toEqual({ error: 'ECONNRESET' });
    expect(await get()).toHaveProperty('error');
    const truncated = await get();
    expect(truncated.status).toBe(200);
    expect(() => JSON.parse(truncated.text ?? '')).toThrow();
  });

  it('plays a hang: no answer until the client gives up', async () => {
    await scenarios.scenario('qvatel', 'getRechargeBalance', ['hang']);
    const got = await outcome(balance, {
      headers: scenarios.headers,
      signal: AbortSignal.timeout(500),
    });
    expect(got.error).toMatch(/TimeoutError|AbortError|Timeout/);
  });

  it('still checks the request of a documented step, as Prism does', async () => {
    await scenarios.scenario('qvatel', 'getRechargeBalance', ['success']);
    const got = await get(`${urls.qvatel}/account/recharge-balance`);
    expect(got.status).toBe(401);
  });

  it('refuses an example or a status the operation does not document, naming the choices', async () => {
    await expect(scenarios.scenario('qvatel', 'sendRecharge', ['notAnExample'])).rejects.toThrow(
      'qvatel sendRecharge documents no example "notAnExample". Documented: 200 success, 200 failure, 401 unauthenticated, 422 invalidDestino.',
    );
    await expect(scenarios.scenario('qvatel', 'getRechargeBalance', [503])).rejects.toThrow(
      "qvatel getRechargeBalance documents no status 503. A gateway's 503 that the provider does not document is the fault step 'http-503'. Documented: 200 success, 200 failure, 401 unauthenticated.",
    );
    await expect(scenarios.scenario('qvatel', 'sendMoney', ['success'])).rejects.toThrow(
      'qvatel has no operation "sendMoney". Operations: sendRecharge, getRechargeStatus, getRechargeBalance.',
    );
    await expect(
      scenarios.scenario('stone-topups', 'getDiscoveryKeys', ['expired-token']),
    ).rejects.toThrow(
      'stone-topups getDiscoveryKeys documents no 401, so it has no expired-token answer.',
    );
    expect(await scenarios.pending('qvatel')).toEqual({});
  });

  it("answers each mock's root URL with the API's name, operations and docs link", async () => {
    const root = await fetch(`${urls.qvatel}/`);
    expect(root.status).toBe(200);
    expect(await root.json()).toMatchObject({
      api: 'qvatel',
      title: 'QvaTel Recharges API',
      docs: 'http://127.0.0.1:4000/qvatel/',
      operations: [
        {
          operationId: 'sendRecharge',
          method: 'POST',
          path: '/recharge/send',
          safety: 'unkeyed-money',
        },
        { operationId: 'getRechargeStatus', method: 'GET', safety: 'read' },
        { operationId: 'getRechargeBalance', method: 'GET', safety: 'read' },
      ],
    });
  });
});
