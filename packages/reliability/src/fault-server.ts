import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import type { Fault } from '@telcopay/mocks/faults';
import { respond } from '@telcopay/mocks/faults';
import { type ApiName, loadAnswers, type OperationAnswers, routeOf } from './answers.js';
import { type Deadlines, Lane, type ReceivedRequest } from './lane.js';

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
  /** A new, isolated lane; its clients' attempts on virtual deadlines unless `real` is asked. */
  lane(deadlines?: Deadlines): Lane;
  /** Every credential the server saw: tokens it issued, bearer and Basic credentials, signatures. */
  secretsSeen: ReadonlySet<string>;
  /** Requests that matched no lane or operation (a routing bug of the suite). */
  unrouted(): number;
  /**
   * Closes the connections that carry no request (a client pool's idle ones), as an upstream
   * does in time, then waits at most `graceMs` for the rest to close; resolves to how many are
   * still open: requests nobody ended.
   */
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
  /** Connections with a request being answered. */
  const busy = new Set<Socket>();
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

  // Connections are kept alive, as by any upstream (a new one per request would double the CPU
  // each request costs). No server-side timeouts: closing a connection the client is about to
  // reuse races with it (its request would get the server's own 408 or nothing). The client's
  // pool closes its idle connections, `drained` the rest; a withheld answer ends by its guard.
  const server = createServer(
    { requestTimeout: 0, headersTimeout: 0, keepAliveTimeout: 0 },
    (request, response) => {
      busy.add(request.socket);
      response.once('close', () => busy.delete(request.socket));
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
      response.writeHead(404, { 'content-type': 'application/json' });
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
    lane.receive(received);
    if (fault === 'refused') {
      // Refusals are played by the lane's fetch; one arriving here bypassed that fetch.
      request.socket.destroy();
      return;
    }
    const clientHasHeaders = () => lane.whenClientHasHeaders(answers.operationId);
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
        clientHasHeaders,
      });
      // The answer will not come before any deadline: once the client waits for it (a drip's
      // body, after its headers), the lane's virtual deadlines pass.
      if (fault === 'hang') lane.stall();
      if (fault === 'drip') void clientHasHeaders().then(() => setImmediate(() => lane.stall()));
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
    lane.tried({ operationId, refused, atMs: performance.now() });
    if (!refused) {
      const response = await globalThis.fetch(request);
      lane.clientHasHeaders(operationId);
      return response;
    }
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
    lane(deadlines) {
      laneCount += 1;
      const lane: Lane = new Lane(
        `lane${laneCount}`,
        origin,
        (request) => laneFetch(lane, request),
        deadlines,
      );
      lanes.set(lane.id, lane);
      return lane;
    },
    secretsSeen,
    unrouted: () => unrouted,
    async drained(graceMs) {
      const deadline = performance.now() + graceMs;
      // A client pool may still open a spare connection after its last request: closed too.
      while (sockets.size > 0 && performance.now() < deadline) {
        for (const socket of sockets) if (!busy.has(socket)) socket.destroy();
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
