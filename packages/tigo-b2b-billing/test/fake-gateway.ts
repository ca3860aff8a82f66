import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CLIENT_ID = 'tigo-client-id-5b7e';
export const CLIENT_SECRET = 'tigo-client-secret-9f3a1c';
export const BILLING_PATH = '/v2/tigo/b2b/co/billing';
/** The contract the backend refuses to show, with a 401 that echoes the caller's token. */
export const REFUSED_CONTRACT = 401;
const TOKEN_PATH = '/oauth/client_credential/accesstoken';
const INVALID_ACCESS_TOKEN = {
  fault: {
    faultstring: 'Invalid access token',
    detail: { errorcode: 'oauth.v2.InvalidAccessToken' },
  },
};

export interface RecordedRequest {
  method: string;
  url: URL;
  authorization: string | undefined;
  body: string;
}

export interface FakeGatewayOptions {
  /** The `expires_in` of every issued token (Apigee sends a string). Default `"172799"`. */
  expiresIn?: unknown;
  /** Replaces the token answer's body (to serve an unusable one). */
  tokenBody?: (token: string) => unknown;
  /** A status the token endpoint answers every request with, in Tigo's error body. */
  tokenStatus?: number;
  /** How long the token endpoint takes to answer, so concurrent callers overlap. */
  tokenDelayMs?: number;
  /** How many contracts the customer has (served page by page). Default 0. */
  contracts?: number;
  /** How the contracts list reads `reg_ini`: a 1-based page number, or ignored. */
  paging?: 'page' | 'ignored';
  /** What a page past the last answers: an empty page, or a 404. */
  pastTheEnd?: 'empty' | 'notFound';
  /** The checkout answer's `error` indicator. Default 0. */
  checkoutError?: number;
}

/**
 * A real HTTP server on 127.0.0.1 that plays Tigo's Apigee gateway: the client-credentials token
 * endpoint (Basic auth, string numbers) and the billing API under `/v2/tigo/b2b/co/billing`,
 * which accepts only tokens it issued and not revoked, and answers others with Apigee's fault.
 */
export async function fakeGateway(options: FakeGatewayOptions = {}) {
  const tokenRequests: RecordedRequest[] = [];
  const apiRequests: RecordedRequest[] = [];
  const issued: string[] = [];
  const valid = new Set<string>();
  let refuseEveryToken = false;
  let refuseCredentials = false;
  const expectedBasic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const recorded = {
        method: request.method ?? '',
        url: new URL(request.url ?? '/', 'http://gateway'),
        authorization: request.headers.authorization,
        body,
      };
      if (recorded.url.pathname === TOKEN_PATH) {
        tokenRequests.push(recorded);
        return void answerToken(request, response);
      }
      apiRequests.push(recorded);
      answerApi(recorded, response);
    });
  });

  async function answerToken(request: IncomingMessage, response: ServerResponse) {
    await new Promise((resolve) => setTimeout(resolve, options.tokenDelayMs ?? 0));
    if (options.tokenStatus !== undefined) {
      return json(response, options.tokenStatus, tigoErrorBody(options.tokenStatus));
    }
    if (refuseCredentials || request.headers.authorization !== expectedBasic) {
      // Apigee's answer to bad client credentials; it echoes nothing secret, but a careless
      // gateway might, so this one echoes the Basic header to prove it gets redacted.
      return json(response, 401, {
        ErrorCode: 'invalid_client',
        Error: `Client credentials are invalid: ${request.headers.authorization}`,
      });
    }
    const token = `access-${issued.length + 1}-${randomUUID()}`;
    issued.push(token);
    valid.add(token);
    json(
      response,
      200,
      options.tokenBody?.(token) ?? {
        issued_at: String(Date.now()),
        application_name: 'fake-app',
        scope: '',
        status: 'approved',
        expires_in: options.expiresIn ?? '172799',
        client_id: CLIENT_ID,
        access_token: token,
        token_type: 'BearerToken',
      },
    );
  }

  function answerApi(request: RecordedRequest, response: ServerResponse) {
    const token = request.authorization?.replace(/^Bearer /, '') ?? '';
    if (refuseEveryToken || !valid.has(token)) return json(response, 401, INVALID_ACCESS_TOKEN);
    const path = request.url.pathname.replace(BILLING_PATH, '');
    if (path === `/contracts/${REFUSED_CONTRACT}`) {
      // The backend refusing the caller, careless enough to echo the token it was sent.
      return json(response, 401, {
        error: { statusCode: '401', message: `Not Authorized: ${request.authorization}` },
      });
    }
    if (/^\/contracts\/\d+$/.test(path)) return json(response, 200, contractsDetails([1]));
    if (/^\/customers\/[^/]+\/\d+\/contracts$/.test(path))
      return answerContracts(request, response);
    if (/^\/customers\/[^/]+\/\d+\/payments\/checkout$/.test(path)) {
      return json(response, 200, {
        description: options.checkoutError ? 'Factura ya pagada' : 'Transacción creada',
        error: options.checkoutError ?? 0,
        signature: 'fake-signature',
        url: 'https://pagos.example.com.co/checkout?signature=fake-signature',
      });
    }
    json(response, 404, { error: { statusCode: '404', message: 'Not Found' } });
  }

  function answerContracts(request: RecordedRequest, response: ServerResponse) {
    const total = options.contracts ?? 0;
    const size = Number(request.url.searchParams.get('num_reg') ?? total);
    const page = options.paging === 'ignored' ? 1 : Number(request.url.searchParams.get('reg_ini'));
    const numbers = Array.from({ length: total }, (_, index) => index + 1).slice(
      (page - 1) * size,
      page * size,
    );
    if (numbers.length === 0 && options.pastTheEnd === 'notFound') {
      return json(response, 404, { error: { statusCode: '404', message: 'Not Found' } });
    }
    json(response, 200, contractsDetails(numbers));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const root = `http://127.0.0.1:${port}`;
  return {
    root,
    billingBaseUrl: `${root}${BILLING_PATH}`,
    tokenRequests,
    apiRequests,
    /** Every access token issued so far. */
    issued,
    /** Makes every issued token invalid, as when they expire at the gateway. */
    revokeTokens: () => valid.clear(),
    /** Makes the token endpoint refuse the client credentials, as when they are revoked. */
    refuseCredentials: () => {
      refuseCredentials = true;
    },
    /** Makes the API refuse every token, fresh ones included. */
    refuseEveryToken: () => {
      refuseEveryToken = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeGateway = Awaited<ReturnType<typeof fakeGateway>>;

/** The contract number `n` as the API lists it. */
export function contractId(n: number): string {
  return String(8_001_230_000 + n);
}

function contractsDetails(numbers: number[]) {
  return {
    identification: '900123456',
    organization: { name: 'Distribuidora Andina S.A.S.' },
    contractsCollection: numbers.map((n) => ({ contractId: contractId(n) })),
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Tigo's error body (the spec's `errorBody`): a message ending in a period, and its detail. */
export function tigoErrorBody(status: number) {
  return {
    error: {
      statusCode: String(status),
      code: String(status),
      message: 'The gateway could not answer.',
      developerMessage: `Backend failure ${status}`,
    },
  };
}
