import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConformanceReport, startProxy } from '@telcopay/mocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Values that must never reach a report or a recording. */
const SECRETS = {
  apiToken: 'qvatel-secret-token-7f3e',
  jwt: 'masstack-jwt-secret-91c2',
  cookie: 'session-secret-5d1a',
  phone: '5352942387',
};

type Route = (
  request: IncomingMessage,
  body: string,
) => { status: number; body: unknown; headers?: Record<string, string> };

/**
 * A provider played locally that deviates from the spec on purpose, once per deviation:
 * QvaTel (base path /api) answers an extra field, a wrong type and an undocumented status;
 * MasStack (base path /v3) serves one inferred path as inferred and answers 404 on another.
 */
const UPSTREAM: Record<string, Route> = {
  'GET /api/account/recharge-balance': () => ({
    status: 200,
    body: { result: 1, balance: 20, currency: 'CUP' },
    headers: { 'set-cookie': `session=${SECRETS.cookie}` },
  }),
  'POST /api/recharge/send': () => ({
    status: 200,
    body: { result: 1, destino: SECRETS.phone, id_recarga: 98765 },
  }),
  'GET /api/recharge/status': () => ({ status: 503, body: { message: 'Down for maintenance' } }),
  // Another host, for the test of `upstreamByPath` only.
  'GET /elsewhere/recharge/status': () => ({
    status: 200,
    body: { result: 1, estado: 'Pendiente' },
  }),
  'POST /v3/mobile/612123456/billing/movements-non-subscribable-services': (request) => ({
    status: 201,
    body: { movement_id: 'c0a8012e-7d3f-4b8e-9a41-5f6e2b1d9c07' },
    headers: { 'request-correlation-id': String(request.headers['request-correlation-id']) },
  }),
  'POST /v3/mobile/612123456/billing/refunds': () => ({
    status: 404,
    body: { message: 'no Route matched with those values' },
  }),
};

function fakeProvider() {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const route =
        UPSTREAM[`${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`];
      const answer = route?.(request, body) ?? {
        status: 500,
        body: { message: 'no such test route' },
      };
      response
        .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
        .end(JSON.stringify(answer.body));
    });
  });
  return new Promise<{ url: string; close(): Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

const FEBRUARY_INVOICE = {
  type: 'RECURRING_CHARGE',
  movement_datetime: '2022-02-24T13:45:10Z',
  period_start_datetime: '2022-01-31T23:00:00Z',
  period_end_datetime: '2022-02-28T23:00:00Z',
  amount: { value_with_taxes: 12.1, value_without_taxes: 10, tax: { type: 'IVA', percentage: 21 } },
  external_invoice_id: '123456789',
  external_movement_unique_id: '123456789',
  transaction_type_id: '5432167890',
  description: 'February invoice',
};
const REFUND = {
  refund_datetime: '2022-03-02T10:00:00Z',
  amount: FEBRUARY_INVOICE.amount,
  external_invoice_id: '123456789',
  external_refund_unique_id: '987654321',
  billable: true,
  movement_id: 'c0a8012e-7d3f-4b8e-9a41-5f6e2b1d9c07',
};

const folder = mkdtempSync(join(tmpdir(), 'telcopay-proxy-'));
let upstream: Awaited<ReturnType<typeof fakeProvider>>;
const reports: Record<'qvatel' | 'masstack', ConformanceReport> = {} as never;

beforeAll(async () => {
  upstream = await fakeProvider();
  const qvatel = await startProxy({
    api: 'qvatel',
    upstream: `${upstream.url}/api`,
    report: join(folder, 'qvatel.json'),
    record: join(folder, 'recorded'),
  });
  const masstack = await startProxy({
    api: 'masstack-partners',
    upstream: `${upstream.url}/v3`,
    report: join(folder, 'masstack.json'),
    record: join(folder, 'recorded'),
  });
  try {
    const token = `api_token=${SECRETS.apiToken}`;
    await fetch(`${qvatel.url}/account/recharge-balance?${token}`);
    await fetch(`${qvatel.url}/recharge/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${token}&destino=${SECRETS.phone}&monto=20`,
    });
    await fetch(`${qvatel.url}/recharge/status?${token}&id_recarga=98765`);
    const masstackHeaders = {
      authorization: `Bearer ${SECRETS.jwt}`,
      'content-type': 'application/json',
      'request-correlation-id': 'b3c1a2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    };
    const service = `${masstack.url}/mobile/612123456/billing`;
    await fetch(`${service}/movements-non-subscribable-services`, {
      method: 'POST',
      headers: masstackHeaders,
      body: JSON.stringify(FEBRUARY_INVOICE),
    });
    await fetch(`${service}/refunds`, {
      method: 'POST',
      headers: masstackHeaders,
      body: JSON.stringify(REFUND),
    });
  } finally {
    await Promise.all([qvatel.stop(), masstack.stop()]);
  }
  reports.qvatel = JSON.parse(readFileSync(join(folder, 'qvatel.json'), 'utf8'));
  reports.masstack = JSON.parse(readFileSync(join(folder, 'masstack.json'), 'utf8'));
}, 300_000); // two proxies load Prism's validator: seconds idle, far more under load

afterAll(async () => {
  await upstream?.close();
  rmSync(folder, { recursive: true, force: true });
});

const flagged = (report: ConformanceReport) =>
  report.operations.flatMap((operation) =>
    operation.findings.map(
      (f) => `${operation.operation} ${f.status ?? ''} ${f.kind} ${f.pointer}`,
    ),
  );

describe('the validating proxy against a deviating fake provider', () => {
  it('flags exactly the extra field, the wrong type and the undocumented status of QvaTel', () => {
    expect(flagged(reports.qvatel).sort()).toEqual([
      'getRechargeBalance 200 undocumented-field /body/currency',
      'getRechargeStatus 503 undocumented-status /status',
      'sendRecharge 200 invalid /body/id_recarga',
    ]);
    expect(reports.qvatel.summary).toMatchObject({ operationsSeen: 3, conforming: 1 });
    const wrongType = reports.qvatel.operations.find((o) => o.operation === 'sendRecharge');
    expect(wrongType?.findings[0]?.expected).toBe('must be string');
    // QvaTel's inferred items (its 401 and 422 bodies, the states) were not exercised.
    expect(reports.qvatel.inferred).toEqual([]);
  });

  it('flags only the 404 answer of MasStack, and judges the inferred items it exercised', () => {
    expect(flagged(reports.masstack).sort()).toEqual([
      'createRefund 404 invalid /body',
      'createRefund 404 invalid /body',
      'createRefund 404 undocumented-field /body/message',
    ]);
    const verdicts = reports.masstack.inferred.map(
      (item) => `${item.verdict} ${item.kind} ${item.pointer}`,
    );
    expect(verdicts.sort()).toEqual([
      'confirmed field #/components/schemas/movementSuccessResponseDTO/properties/movement_id',
      'confirmed header #/components/headers/RequestCorrelationId',
      'confirmed path #/paths/~1{service_type}~1{service_id}~1billing~1movements-non-subscribable-services',
      'confirmed schema #/components/schemas/movementSuccessResponseDTO',
      'contradicted path #/paths/~1{service_type}~1{service_id}~1billing~1refunds',
    ]);
    const contradicted = reports.masstack.inferred.find((item) => item.verdict === 'contradicted');
    expect(contradicted?.evidence).toEqual([
      { operation: 'createRefund', status: 404, detail: expect.stringContaining('no such path') },
    ]);
    expect(reports.masstack.summary).toMatchObject({
      operationsSeen: 2,
      conforming: 1,
      confirmed: 4,
      contradicted: 1,
      inconclusive: 0,
    });
  });

  it('writes the report as Markdown too, with the summary table', () => {
    const page = readFileSync(join(folder, 'masstack.md'), 'utf8');
    expect(page).toContain('| 2 | 1 | 3 | 4 | 1 | 0 | 0 |');
    expect(page).toContain('**contradicted**');
  });

  it('records each answer, redacted, as a candidate example validated against its schema', () => {
    const recorded = (name: string) =>
      JSON.parse(readFileSync(join(folder, 'recorded', name), 'utf8'));
    expect(recorded('createNonSubscribableMovement.201.1.json')).toMatchObject({
      joins:
        '#/paths/~1{service_type}~1{service_id}~1billing~1movements-non-subscribable-services/post/responses/201/content/application~1json/examples',
      name: 'observed201',
      example: { value: { movement_id: 'c0a8012e-7d3f-4b8e-9a41-5f6e2b1d9c07' } },
      validation: { conforms: true, findings: [] },
    });
    const sent = recorded('sendRecharge.200.1.json');
    expect(sent.example.value).toEqual({ result: 1, destino: '[redacted]', id_recarga: 98765 });
    expect(sent.validation).toMatchObject({
      conforms: false,
      findings: [{ pointer: '/body/id_recarga' }],
    });
  });

  it('sends the paths of upstreamByPath to their own host', async () => {
    const proxy = await startProxy({
      api: 'qvatel',
      upstream: `${upstream.url}/api`,
      upstreamByPath: { '/recharge/status': `${upstream.url}/elsewhere` },
    });
    try {
      const answer = await fetch(`${proxy.url}/recharge/status?api_token=t&id_recarga=1`);
      expect(await answer.json()).toEqual({ result: 1, estado: 'Pendiente' });
      // The inferred state `Pendiente` is a string where the spec expects one: confirmed.
      expect(proxy.report().inferred).toMatchObject([
        { pointer: '#/components/schemas/RechargeState', verdict: 'confirmed' },
      ]);
    } finally {
      await proxy.stop();
    }
  });

  it('lists requests no operation matches with their ids hidden, and hides the upstream URL', async () => {
    const gone = await fakeProvider();
    await gone.close();
    const proxy = await startProxy({ api: 'qvatel', upstream: `${upstream.url}/api` });
    const unreachable = await startProxy({ api: 'qvatel', upstream: gone.url });
    try {
      await fetch(`${proxy.url}/recharges/${SECRETS.phone}`);
      expect(proxy.report().unmatched).toEqual([
        { request: 'GET /recharges/…', status: 500, count: 1 },
      ]);
      const answer = await fetch(
        `${unreachable.url}/account/recharge-balance?api_token=${SECRETS.apiToken}`,
      );
      expect(answer.status).toBe(502);
      const message = await answer.text();
      expect(message).toContain('The upstream did not answer (ECONNREFUSED)');
      expect(message).not.toContain(SECRETS.apiToken);
      expect(message).not.toContain(gone.url);
    } finally {
      await Promise.all([proxy.stop(), unreachable.stop()]);
    }
  });

  it('keeps no secret and no personal data in the reports or the recordings', () => {
    const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    expect(files.length).toBeGreaterThanOrEqual(4 + 5);
    for (const file of files) {
      const text = readFileSync(join(file.parentPath, file.name), 'utf8');
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    }
  });
});
