// `.raw` is "already authenticated" for every QvaTel operation: called without any api_token,
// each reaches the mock with the token where QvaTel reads it (query on GET, form on POST).
import { mockUrl, recordingFetch } from '@telcopay/testing';
import { describe, expect, it } from 'vitest';
import { createQvatelClient } from '../src/index.js';

const API_TOKEN = 'qvatel-raw-token-51d0';

function client() {
  const recorder = recordingFetch();
  const qvatel = createQvatelClient({
    apiToken: API_TOKEN,
    baseUrl: mockUrl('qvatel'),
    fetch: recorder.fetch,
  });
  return { raw: qvatel.raw, requests: recorder.requests };
}

describe('.raw', () => {
  it('sends a recharge with the default body as a form the mock accepts, the token added', async () => {
    const { raw, requests } = client();
    const { data, response } = await raw.POST('/recharge/send', {
      body: { destino: '+5352942387', monto: 20 },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual({ result: 1, destino: '+5352942387', id_recarga: 'qvatel-23479287356' });
    const [request] = requests;
    expect(request?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      destino: '+5352942387',
      monto: '20',
      api_token: API_TOKEN,
    });
  });

  it('sends a recharge through request("post", …) the same way', async () => {
    const { raw, requests } = client();
    const { response } = await raw.request('post', '/recharge/send', {
      body: { destino: '+5352942387', monto: 20 },
    });
    expect(response.status).toBe(200);
    expect(new URLSearchParams(requests[0]?.body).get('api_token')).toBe(API_TOKEN);
  });

  it('reads a recharge status and the balance with the token in the query', async () => {
    const { raw, requests } = client();
    const status = await raw.GET('/recharge/status', {
      params: { query: { id_recarga: 'qvatel-23479287356' } },
    });
    const balance = await raw.GET('/account/recharge-balance');
    expect([status.response.status, balance.response.status]).toEqual([200, 200]);
    expect(status.data).toEqual({ result: 1, estado: 'Recargado' });
    expect(balance.data).toEqual({ result: 1, balance: 20 });
    expect(requests.map((r) => new URL(r.url).searchParams.get('api_token'))).toEqual([
      API_TOKEN,
      API_TOKEN,
    ]);
  });

  it("keeps a caller's own Content-Type", async () => {
    const { raw, requests } = client();
    await raw.POST('/recharge/send', {
      body: { destino: '+5352942387', monto: 20 },
      headers: { 'Content-Type': 'application/json' },
    });
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
  });
});
