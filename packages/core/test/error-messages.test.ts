import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localServer } from '../../testing/src/local-server.js';
import {
  ApiError,
  AuthError,
  createProviderRuntime,
  NO_AUTH,
  operationMethods,
  ValidationError,
} from '../src/index.js';
import { type OneGetApi, oneGetTable } from './example-api.js';

type paths = OneGetApi<'/thing'>;

/** Prism's header on a request it refused, as the QvaTel mock sends it for a bare recharge. */
const SL_VIOLATIONS = JSON.stringify([
  {
    location: ['request', 'body'],
    severity: 'Error',
    code: 'required',
    message: "Request body must have required property 'api_token'",
  },
  {
    location: ['request', 'body'],
    severity: 'Error',
    code: 'required',
    message: "Request body must have required property 'monto'",
  },
]);

/** Answers `x-status` with `x-body`, and with Prism's violations header when `x-mock` is set. */
let server: Awaited<ReturnType<typeof localServer>>;
beforeAll(async () => {
  server = await localServer((request, response) => {
    response.writeHead(Number(request.headers['x-status']), {
      'content-type': 'application/json',
      ...(request.headers['x-mock'] ? { 'sl-violations': SL_VIOLATIONS } : {}),
    });
    response.end(String(request.headers['x-body']));
  });
});
afterAll(() => server.close());

async function getThing(status: number, body: unknown, mock = false): Promise<Error> {
  const runtime = createProviderRuntime<paths, 'mock'>(
    { provider: 'example', environments: { mock: server.url } },
    { environment: 'mock', maxRetries: 0 },
    NO_AUTH,
  );
  const headers = {
    'x-status': String(status),
    'x-body': JSON.stringify(body),
    ...(mock ? { 'x-mock': '1' } : {}),
  };
  const { getThing } = operationMethods(runtime, oneGetTable('getThing', '/thing', 'read'), {
    getThing: {},
  });
  return (await getThing({ headers }).catch((caught: unknown) => caught)) as Error;
}

describe('an error message', () => {
  it("ends in one period when the provider's own message ends in one", async () => {
    const error = await getThing(401, { message: 'Unauthenticated.' });
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe('example getThing failed with HTTP 401: Unauthenticated.');
  });

  it("keeps a wrapped message and its developer message (Tigo's error body)", async () => {
    const error = await getThing(404, {
      error: { statusCode: '404', message: 'Not Found', developerMessage: 'No contract 7' },
    });
    expect(error.message).toBe('example getThing failed with HTTP 404: Not Found (No contract 7).');
  });

  it("keeps Apigee's fault string", async () => {
    const error = await getThing(429, { fault: { faultstring: 'Spike arrest violation.' } });
    expect(error.message).toBe('example getThing failed with HTTP 429: Spike arrest violation.');
  });

  it("says why a mock refused the request, from Prism's sl-violations header", async () => {
    const error = await getThing(422, { message: 'The destino format is invalid.' }, true);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(
      "example getThing failed with HTTP 422: The destino format is invalid. The mock refused the request: request.body: Request body must have required property 'api_token'; request.body: Request body must have required property 'monto'.",
    );
  });
});

describe('a method called without its input', () => {
  it('throws a ValidationError that names the input, before anything is sent', async () => {
    const runtime = createProviderRuntime<paths, 'mock'>(
      { provider: 'example', environments: { mock: server.url } },
      { environment: 'mock' },
      NO_AUTH,
    );
    const { getThing } = operationMethods(runtime, oneGetTable('getThing', '/thing', 'read'), {
      getThing: { request: (input: { id: string }) => ({ requestIds: { id: input.id } }) },
    });
    const call = getThing as unknown as () => Promise<unknown>;
    await expect(call()).rejects.toSatisfy(
      (error) =>
        error instanceof ValidationError &&
        error.field === 'input' &&
        error.message === 'getThing needs its input, got undefined.',
    );
  });
});
