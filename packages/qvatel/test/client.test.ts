import { AuthError, type LogEntry, ValidationError } from '@telcopay/core';
import { mockUrl, recordingFetch } from '@telcopay/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createQvatelClient } from '../src/index.js';

const API_TOKEN = 'qvatel-secret-token-4f1c9a';
let baseUrl: string;

beforeAll(() => {
  baseUrl = mockUrl('qvatel');
});

function client() {
  const recorder = recordingFetch();
  const logs: LogEntry[] = [];
  const qvatel = createQvatelClient({
    apiToken: API_TOKEN,
    baseUrl,
    fetch: recorder.fetch,
    logger: (entry) => logs.push(entry),
  });
  return { qvatel, requests: recorder.requests, logs };
}

describe('sending a recharge', () => {
  it('sends the seed request as a form with the api_token and answers like the seed', async () => {
    const { qvatel, requests } = client();
    const sent = await qvatel.sendRecharge({ destino: '52942387', monto: 20 });
    expect(sent).toEqual({ result: 1, destino: '+5352942387', id_recarga: 'qvatel-23479287356' });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      destino: '+5352942387',
      monto: '20.00',
      api_token: API_TOKEN,
    });
    expect(new URL(request?.url ?? '').searchParams.has('api_token')).toBe(false);
  });

  it.each([
    [{ destino: '123', monto: 20 }, 'destino'],
    [{ destino: '+5352942387', monto: 0 }, 'monto'],
    [{ destino: '+5352942387', monto: -20 }, 'monto'],
  ])('rejects %j before any request is sent', async (input, field) => {
    const { qvatel, requests } = client();
    await expect(qvatel.sendRecharge(input)).rejects.toSatisfy(
      (error) => error instanceof ValidationError && error.field === field,
    );
    expect(requests).toHaveLength(0);
  });

  it('the mock itself refuses an invalid destino with a 4xx', async () => {
    const { qvatel } = client();
    const { response, error } = await qvatel.raw.POST('/recharge/send', {
      body: { destino: '123', monto: 20 },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(error).toBeDefined();
  });
});

describe('reading status and balance', () => {
  it('sends the api_token as a query parameter on GET', async () => {
    const { qvatel, requests } = client();
    await expect(qvatel.getRechargeStatus('qvatel-23479287356')).resolves.toEqual({
      result: 1,
      estado: 'Recargado',
    });
    await expect(qvatel.getRechargeBalance()).resolves.toEqual({ result: 1, balance: 20 });
    const queries = requests.map((request) => new URL(request.url).searchParams);
    expect(queries.map((query) => query.get('api_token'))).toEqual([API_TOKEN, API_TOKEN]);
    expect(queries[0]?.get('id_recarga')).toBe('qvatel-23479287356');
  });

  it('rejects an empty recharge id before sending', async () => {
    const { qvatel, requests } = client();
    await expect(qvatel.getRechargeStatus(' ')).rejects.toBeInstanceOf(ValidationError);
    expect(requests).toHaveLength(0);
  });
});

describe('errors as documented', () => {
  it('refuses a recharge sent without its input with a ValidationError, sending nothing', async () => {
    const { qvatel, requests } = client();
    const send = qvatel.sendRecharge as unknown as () => Promise<unknown>;
    await expect(send()).rejects.toSatisfy(
      (error) => error instanceof ValidationError && error.field === 'input',
    );
    expect(requests).toHaveLength(0);
  });

  it("ends the mock's 401 message with one period", async () => {
    const { qvatel } = client();
    const error = await qvatel
      .getRechargeBalance({ headers: { Prefer: 'code=401' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toBe(
      'qvatel getRechargeBalance failed with HTTP 401: Unauthenticated.',
    );
  });
});

describe('secrets', () => {
  it('keeps the api_token out of errors, their JSON and the logs', async () => {
    const { qvatel, logs } = client();
    const failures = await Promise.allSettled([
      qvatel.sendRecharge(
        { destino: '52942387', monto: 20 },
        { headers: { Prefer: 'example=failure' } },
      ),
      qvatel.getRechargeBalance({ headers: { Prefer: 'code=401' } }),
      qvatel.getRechargeStatus('x', { headers: { Prefer: 'example=failure' } }),
    ]);
    const errors = failures.map((failure) => (failure as PromiseRejectedResult).reason as Error);
    expect(errors).toHaveLength(3);
    expect(logs.length).toBeGreaterThan(0);
    const surfaces = [
      ...errors.flatMap((error) => [error.message, error.stack, JSON.stringify(error)]),
      ...logs.map((entry) => JSON.stringify(entry)),
    ].join('\n');
    expect(surfaces).not.toContain(API_TOKEN);
    expect(surfaces).not.toContain(encodeURIComponent(API_TOKEN));
  });

  it('requires an api token', () => {
    expect(() => createQvatelClient({ apiToken: '', baseUrl })).toThrow(ValidationError);
  });
});
