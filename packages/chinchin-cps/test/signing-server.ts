import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server received, and whether the signature matched the received bytes. */
export interface ReceivedRequest {
  method: string;
  /** The path as received, query excluded. */
  path: string;
  /** The path the server checked the signature with (mount and gateway prefix removed). */
  signedPath: string;
  rawBody: string;
  nonce: string;
  signature: string;
  valid: boolean;
}

export interface SigningServer {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** The spec's query parameter types, to rebuild the signed query object from the URL. */
const QUERY_TYPES: Record<string, (value: string) => unknown> = {
  numberService: (value) => value,
  idTypeService: (value) => Number(value),
  canGetBalance: (value) => (value === 'true' ? true : value === 'false' ? false : value),
};

/**
 * A real HTTP server on 127.0.0.1 that verifies Chinchin signatures independently of the
 * client: it recomputes the HMAC-SHA384 over the received path (without `mount` and
 * `gatewayPrefix`), the `api-nonce` header and the raw body bytes (or, on GET, the query object
 * rebuilt from the URL with the spec's types), and answers 401 when the header differs.
 * A request header `x-test-status` makes it answer that status with a body that echoes the
 * received signature, as a careless provider might.
 */
export async function startSigningServer(
  apiSecret: string,
  { mount = '', gatewayPrefix = '/cps' } = {},
): Promise<SigningServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer(async (request, response) => {
    const rawBody = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const signedPath = url.pathname.slice(mount.length + gatewayPrefix.length);
    const payload =
      request.method === 'GET'
        ? JSON.stringify(
            Object.fromEntries(
              [...url.searchParams].map(([key, value]) => [
                key,
                QUERY_TYPES[key]?.(value) ?? value,
              ]),
            ),
          )
        : rawBody;
    const nonce = String(request.headers['api-nonce'] ?? '');
    const signature = String(request.headers['api-signature'] ?? '');
    const expected = createHmac('sha384', apiSecret)
      .update(`${signedPath}${nonce}${payload}`)
      .digest('hex');
    const valid = signature === expected;
    received.push({
      method: request.method ?? '',
      path: url.pathname,
      signedPath,
      rawBody,
      nonce,
      signature,
      valid,
    });

    const forced = Number(request.headers['x-test-status']);
    const [status, body] = forced
      ? [
          forced,
          { code: 'TEST', message: `refused; signature ${signature}`, api_signature: signature },
        ]
      : valid
        ? [200, answer(signedPath, url, rawBody)]
        : [401, { code: 'INVALID_SIGNATURE', message: 'La firma de la petición no es válida.' }];
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${mount}`,
    received,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}

/** A schema-valid success body for each operation. */
function answer(signedPath: string, url: URL, rawBody: string): unknown {
  if (signedPath.endsWith('/operation/use/pay')) {
    return { idOperation: 'local-1', status: 'APPROVED', ...JSON.parse(rawBody) };
  }
  if (signedPath.endsWith('/operation/get/balance')) {
    return {
      numberService: url.searchParams.get('numberService'),
      idTypeService: Number(url.searchParams.get('idTypeService')),
      balance: 1,
    };
  }
  return [];
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
