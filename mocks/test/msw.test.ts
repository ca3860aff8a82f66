// The in-process handlers (@telcopay/mocks/msw) under MSW: the same scenario steps, requests
// checked as Prism checks them, Prefer; and the entry bundles for a browser with no node: import.

import { createMockHandlers } from '@telcopay/mocks/msw';
import { build } from 'esbuild';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outcome } from './shared-host.js';

const QVATEL = 'http://qvatel.msw.invalid';
const TIGO = 'http://tigo.msw.invalid';
const mocks = await createMockHandlers({
  apis: ['qvatel', 'tigo-b2b-billing'],
  baseUrls: { qvatel: QVATEL, 'tigo-b2b-billing': TIGO },
});
const server = setupServer(...mocks.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mocks.reset());
afterAll(() => server.close());

const balance = `${QVATEL}/account/recharge-balance?api_token=t`;
const contract = (headers: Record<string, string> = {}) =>
  outcome(`${TIGO}/contracts/8001234567`, { headers: { authorization: 'Bearer t', ...headers } });

describe('in-process scenarios (msw)', () => {
  it('answers the documented success, and the example Prefer names', async () => {
    expect(await outcome(balance)).toEqual({ status: 200, text: '{"result":1,"balance":20}' });
    const preferred = await outcome(balance, {
      headers: { prefer: 'code=401, example=unauthenticated' },
    });
    expect(preferred).toEqual({ status: 401, text: '{"message":"Unauthenticated."}' });
  });

  it('plays documented examples and statuses in order, then answers as usual again', async () => {
    mocks.scenario('qvatel', 'getRechargeBalance', ['failure', 401]);
    expect((await outcome(balance)).text).toContain('"result":0');
    expect((await outcome(balance)).status).toBe(401);
    expect((await outcome(balance)).text).toContain('"balance":20');
  });

  it('plays [503, success] where the spec documents it, and a gateway http-503 anywhere', async () => {
    mocks.scenario('tigo-b2b-billing', 'getContract', [503, 'success']);
    expect((await contract()).status).toBe(503);
    expect((await contract()).status).toBe(200);
    mocks.scenario('qvatel', 'getRechargeBalance', ['http-503', 'success']);
    expect((await outcome(balance)).status).toBe(503);
    expect((await outcome(balance)).status).toBe(200);
  });

  it('plays an expired token, a truncated body and a network error', async () => {
    mocks.scenario('tigo-b2b-billing', 'getContract', ['expired-token']);
    expect(await contract()).toMatchObject({
      status: 401,
      text: expect.stringContaining('Invalid access token'),
    });
    mocks.scenario('qvatel', 'getRechargeBalance', [
      'truncated',
      'network-error',
      'reset-before',
      'reset',
    ]);
    const truncated = await outcome(balance);
    expect(truncated.status).toBe(200);
    expect(() => JSON.parse(truncated.text ?? '')).toThrow();
    for (let call = 0; call < 3; call++) expect(await outcome(balance)).toHaveProperty('error');
  });

  it('plays a delay, and a hang until the client gives up', async () => {
    mocks.scenario('qvatel', 'getRechargeBalance', [{ delay: 300, answer: 'failure' }, 'hang']);
    const started = performance.now();
    expect((await outcome(balance)).text).toContain('"result":0');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const hung = await outcome(balance, { signal: AbortSignal.timeout(500) });
    expect(hung.error).toMatch(/Timeout|Abort/);
  });

  it('keeps a scenario id to the requests that carry it', async () => {
    mocks.scenario('qvatel', 'getRechargeBalance', [401], 'mine');
    expect((await outcome(balance)).status).toBe(200);
    expect((await outcome(balance, { headers: { 'x-telcopay-scenario': 'mine' } })).status).toBe(
      401,
    );
  });

  it('refuses a wrong request as Prism does: 401 without credentials, the 422 with its reasons', async () => {
    expect(await outcome(`${QVATEL}/account/recharge-balance`)).toEqual({
      status: 401,
      text: '{"message":"Unauthenticated."}',
    });
    const response = await fetch(`${QVATEL}/recharge/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'api_token=t&destino=52942387',
    });
    expect(response.status).toBe(422);
    expect(JSON.parse(response.headers.get('sl-violations') ?? '[]')).toEqual([
      { location: ['body'], severity: 'Error', message: "must have required property 'monto'" },
    ]);
  });

  it('refuses a step the spec does not document, or one that needs a socket', () => {
    expect(() => mocks.scenario('qvatel', 'getRechargeStatus', [418])).toThrow(
      'qvatel getRechargeStatus documents no status 418. Documented: 200 success, 200 failure, 401 unauthenticated, 422 missingIdRecarga.',
    );
    expect(() => mocks.scenario('qvatel', 'getRechargeBalance', ['drip'])).toThrow(
      "qvatel getRechargeBalance: 'drip' needs a socket; play it on the HTTP mocks (startMocks).",
    );
  });

  it("answers the root URL with the API's name, operations and docs link", async () => {
    const root = JSON.parse((await outcome(`${QVATEL}/`)).text ?? '{}');
    expect(root).toMatchObject({ api: 'qvatel', docs: 'http://127.0.0.1:4000/qvatel/' });
    expect(root.operations).toHaveLength(3);
  });
});

it('bundles @telcopay/mocks/msw for a browser, with no node: import', async () => {
  const result = await build({
    stdin: { contents: "export * from '@telcopay/mocks/msw';", resolveDir: import.meta.dirname },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    splitting: true,
    outdir: 'out',
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
  expect(inputs.some((input) => input.endsWith('specs/qvatel.js'))).toBe(true);
});
