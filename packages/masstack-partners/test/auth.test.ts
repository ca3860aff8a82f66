import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuthError, type LogEntry } from '@telcopay/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMasstackPartnersClient, type MasstackPartnersClientOptions } from '../src/index.js';
import { FEBRUARY_INVOICE, MOVEMENT_ID, SERVICE } from './fixtures.js';

/**
 * A real HTTP server on 127.0.0.1: it records the headers of each request and answers 201 —
 * or, when the request asks with `x-answer: 401`, a 401 whose body echoes the Authorization
 * header it got, as a careless server might.
 */
const seen: IncomingHttpHeaders[] = [];
const server = createServer((request, response) => {
  seen.push(request.headers);
  const unauthorized = request.headers['x-answer'] === '401';
  response.writeHead(unauthorized ? 401 : 201, {
    'Content-Type': 'application/json',
    'Request-Correlation-Id': String(request.headers['request-correlation-id']),
  });
  const body = unauthorized
    ? { code: 'UNAUTHORIZED_REQUEST', title: `REJECTED ${request.headers.authorization}` }
    : { movement_id: MOVEMENT_ID };
  request.resume();
  request.on('end', () => response.end(JSON.stringify(body)));
});
let baseUrl: string;

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  server.closeAllConnections();
  await once(server, 'close');
});
beforeEach(() => {
  seen.length = 0;
});

const create = (client: ReturnType<typeof createMasstackPartnersClient>, answer?: '401') =>
  client.createNonSubscribableMovement(
    { ...SERVICE, body: FEBRUARY_INVOICE },
    answer ? { headers: { 'x-answer': answer } } : undefined,
  );

describe('bearer JWT', () => {
  it('awaits an async token provider before every request and sends its token', async () => {
    let issued = 0;
    const provider = async () => {
      await sleep(5);
      issued += 1;
      return `async-jwt-${issued}-a8f3c2`;
    };
    const client = createMasstackPartnersClient({ token: provider, baseUrl });
    await create(client);
    await create(client);
    await create(client);
    expect(issued).toBe(3);
    expect(seen.map((headers) => headers.authorization)).toEqual([
      'Bearer async-jwt-1-a8f3c2',
      'Bearer async-jwt-2-a8f3c2',
      'Bearer async-jwt-3-a8f3c2',
    ]);
  });

  it('sends a static token as is', async () => {
    const client = createMasstackPartnersClient({ token: 'static-jwt-91bd4e', baseUrl });
    const result = await create(client);
    expect(seen[0]?.authorization).toBe('Bearer static-jwt-91bd4e');
    expect(seen[0]?.['request-correlation-id']).toBe(result.correlationId);
  });
});

describe('a token provider that throws', () => {
  it('is an AuthError with its cause, asked once, and nothing is sent', async () => {
    let asked = 0;
    const client = createMasstackPartnersClient({
      token: async () => {
        asked += 1;
        throw new Error('vault down');
      },
      baseUrl,
    });
    const error = await create(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      operation: 'createNonSubscribableMovement',
      status: undefined,
      retryable: false,
      cause: { name: 'Error', message: 'vault down' },
    });
    expect((error as Error).message).toBe(
      'masstack-partners createNonSubscribableMovement: its credentials could not be had, so nothing was sent (vault down).',
    );
    expect(asked).toBe(1);
    expect(seen).toHaveLength(0);
  });
});

describe('secrets', () => {
  it.each<[string, MasstackPartnersClientOptions['token'], string[]]>([
    ['a static token', 'static-jwt-secret-5c7a19', ['static-jwt-secret-5c7a19']],
    [
      'tokens of a provider',
      (() => {
        let issued = 0;
        return async () => `provider-jwt-secret-${++issued}-e42d`;
      })(),
      ['provider-jwt-secret-1-e42d', 'provider-jwt-secret-2-e42d', 'provider-jwt-secret-3-e42d'],
    ],
  ])('keeps %s out of errors, their JSON and the logs', async (_case, token, secrets) => {
    const logs: LogEntry[] = [];
    const client = createMasstackPartnersClient({
      token,
      baseUrl,
      logger: (entry) => logs.push(entry),
    });
    await create(client);
    const outcomes = await Promise.allSettled([create(client, '401'), create(client, '401')]);
    const errors = outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason as Error);
    expect(errors.map((error) => error.name)).toEqual(['AuthError', 'AuthError']);
    // The server did echo every token: redaction, not luck, keeps them out.
    expect(new Set(seen.map((headers) => headers.authorization))).toEqual(
      new Set(secrets.map((secret) => `Bearer ${secret}`)),
    );
    expect(JSON.stringify(errors[0])).toContain('[REDACTED]');
    expect(logs.length).toBeGreaterThan(0);
    const surfaces = [
      ...errors.flatMap((error) => [error.message, error.stack, JSON.stringify(error)]),
      ...logs.map((entry) => JSON.stringify(entry)),
    ].join('\n');
    for (const secret of secrets) expect(surfaces).not.toContain(secret);
  });
});
