import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import type { ApiName } from '@telcopay/core';
import { loadAnswers, type OperationAnswers, routeOf } from './answers.js';
import type { Fault } from './faults.js';
import { Lane, type ReceivedRequest } from './lane.js';
import { respond } from './respond.js';

export interface FaultServerOptions {
  /** How long a `drip` answer takes to deliver its body. Default 3 000 ms. */
  dripDurationMs?: number;
}

/**
 * A real HTTP server on 127.0.0.1 (a free port) that plays the upstream of all five clients.
 * Requests are addressed `/<lane>/<api>/<spec path>`; each lane answers per its fault plans and
 * logs what it received.
 */
export interface FaultServer {
  url: string;
  /** An origin on 127.0.0.1 where nothing listens: connecting to it is refused by the kernel. */
  deadOrigin: string;
  /** A new, isolated lane. */
  lane(): Lane;
  /** Every credential the server saw: tokens it issued, bearer and Basic credentials, signatures. */
  secretsSeen: ReadonlySet<string>;
  /** Requests that matched no lane or operation (a routing bug of the suite). */
  unrouted(): number;
  /** Waits at most `graceMs` for every connection to close; resolves to how many are still open. */
  drained(graceMs: number): Promise<number>;
  close(): Promise<void>;
}

interface Located {
  lane: Lane;
  answers: OperationAnswers;
  /** The path below the API's base path, with the query. */
  path: string;
}

const FORM_SECRETS = ['api_token', 'client_assertion', 'client_secret'];

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const dripDurationMs = options.dripDurationMs ?? 3_000;
  const answersByApi = loadAnswers();
  const lanes = new Map<string, Lane>();
  const sockets = new Set<Socket>();
  const secretsSeen = new Set<string>();
  let unrouted = 0;
  let laneCount = 0;

  const locate = (method: string, url: URL): Located | undefined => {
    const [, laneId = '', api = '', ...rest] = url.pathname.split('/');
    const lane = lanes.get(laneId);
    const operations = answersByApi.get(api as ApiName);
    const answers = operations && routeOf(operations, method, `/${rest.join('/')}`);
    if (!lane || !answers) return undefined;
    return { lane, answers, path: `/${rest.join('/')}${url.search}` };
  };

  // Like any upstream, it closes a connection that sends no request for a second: after an
  // abort, fetch's pool opens a spare connection and would keep it idle for its own 4 s.
  const server = createServer(
    { headersTimeout: 1_000, connectionsCheckingInterval: 100 },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => answer(request, response, Buffer.concat(chunks).toString()));
    },
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const deadOrigin = `http://127.0.0.1:${await closedPort()}`;

  function answer(request: IncomingMessage, response: ServerResponse, body: string) {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', origin);
    const located = locate(method, url);
    if (!located) {
      unrouted += 1;
      response.writeHead(404, { 'content-type': 'application/json', connection: 'close' });
      response.end(JSON.stringify({ message: `no route for ${method} ${url.pathname}` }));
      return;
    }
    const { lane, answers, path } = located;
    lane.requestOpened();
    response.once('close', () => lane.requestClosed());
    const bearer = credentialsOf(request, url, body, secretsSeen);
    const fault = faultFor(lane, answers.operationId, bearer);
    const success = successBody(lane, answers, fault);
    const received: ReceivedRequest = {
      operationId: answers.operationId,
      method,
      path,
      headers: flatHeaders(request),
      body,
      fingerprint: createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex'),
      bearer,
      atMs: performance.now(),
      fault,
    };
    lane.received.push(received);
    if (fault === 'refused') {
      // Refusals are played by the lane's fetch; one arriving here bypassed that fetch.
      request.socket.destroy();
      return;
    }
    const play = () => {
      received.served = respond(fault, {
        answers,
        method,
        path,
        headers: request.headers,
        body,
        response,
        socket: request.socket,
        success,
        dripDurationMs,
      });
    };
    if (!lane.isRevoked(bearer)) return play();
    const timer = setTimeout(play, Math.random() * lane.refusalSpreadMs);
    response.once('close', () => clearTimeout(timer));
  }

  /** A fresh token for each token answer: the server knows which tokens it issued. */
  function successBody(lane: Lane, answers: OperationAnswers, fault: Fault): unknown {
    if (answers.operationId !== 'requestAccessToken') return answers.success.body;
    const token = randomBytes(24).toString('base64url');
    secretsSeen.add(token);
    if (fault === 'none') lane.issuedTokens.push(token);
    return { ...(answers.success.body as object), access_token: token };
  }

  /** Sends `request` through the lane: a try whose planned fault is `refused` goes nowhere. */
  async function laneFetch(lane: Lane, request: Request): Promise<Response> {
    const url = new URL(request.url);
    const located = locate(request.method, url);
    const operationId = located?.answers.operationId ?? 'unrouted';
    const refused = located?.lane === lane && lane.peekFault(operationId) === 'refused';
    lane.tries.push({ operationId, refused, atMs: performance.now() });
    if (!refused) return globalThis.fetch(request);
    lane.takeFault(operationId);
    return globalThis.fetch(`${deadOrigin}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body ? { body: await request.arrayBuffer() } : {}),
      signal: request.signal,
    });
  }

  return {
    url: origin,
    deadOrigin,
    lane() {
      laneCount += 1;
      const lane: Lane = new Lane(`lane${laneCount}`, origin, (request) =>
        laneFetch(lane, request),
      );
      lanes.set(lane.id, lane);
      return lane;
    },
    secretsSeen,
    unrouted: () => unrouted,
    async drained(graceMs) {
      const deadline = performance.now() + graceMs;
      while (sockets.size > 0 && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return sockets.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The fault this request gets. A revoked token is refused whatever the plan; `expired-token`
 * on a token the lane issued revokes the tokens issued so far, once, so a fresh token works.
 */
function faultFor(lane: Lane, operationId: string, bearer: string | undefined): Fault {
  if (lane.isRevoked(bearer)) return 'expired-token';
  const fault = lane.takeFault(operationId);
  if (fault !== 'expired-token' || bearer === undefined || !lane.issuedTokens.includes(bearer)) {
    return fault;
  }
  lane.expireTokensOnce();
  return lane.isRevoked(bearer) ? 'expired-token' : 'none';
}

/** Records every credential the request carries; returns its bearer token, if any. */
function credentialsOf(
  request: IncomingMessage,
  url: URL,
  body: string,
  seen: Set<string>,
): string | undefined {
  const [scheme, credential] = (request.headers.authorization ?? '').split(' ');
  if (credential) seen.add(credential);
  const signature = request.headers['api-signature'];
  if (typeof signature === 'string') seen.add(signature);
  const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(body)
    : undefined;
  for (const name of FORM_SECRETS) {
    for (const value of [url.searchParams.get(name), form?.get(name)]) if (value) seen.add(value);
  }
  return scheme === 'Bearer' ? credential : undefined;
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
  );
}

/** A port on 127.0.0.1 that was free a moment ago and that nothing listens on now. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
