// The front of one mock: the port a client talks to. It plays the scenario a test queued for
// the request's operation (faults through the fault player, documented answers through Prism),
// answers the control endpoint and the root URL, and hands every other request to Prism.
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiName } from './apis.js';
import { describeApi } from './describe.js';
import { answersOf, type OperationAnswers, routeOf } from './faults/answers.js';
import { respond } from './faults/respond.js';
import { CONTROL_PATH, SCENARIO_HEADER, ScenarioBook } from './scenarios/book.js';
import { type PlannedStep, ScenarioError } from './scenarios/steps.js';
import type { OpenApiDocument, SpecOperation } from './spec/operations.js';

export interface Front {
  url: string;
  close(): Promise<void>;
}

interface Route {
  operation: SpecOperation;
  answers: OperationAnswers;
}

export async function startFront(
  api: ApiName,
  port: number,
  prismUrl: string,
  document: OpenApiDocument,
  operations: readonly SpecOperation[],
): Promise<Front> {
  const book = new ScenarioBook(api, operations);
  const routes: Route[] = operations.map((operation) => ({
    operation,
    answers: answersOf(api, operation),
  }));
  const prism = new URL(prismUrl);
  const agent = new Agent({ keepAlive: true });

  const proxy = (
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    prefer?: string,
  ) => {
    const headers: Record<string, string | string[] | undefined> = {
      ...request.headers,
      host: prism.host,
    };
    if (prefer) headers.prefer = prefer;
    const upstream = httpRequest(
      {
        host: prism.hostname,
        port: prism.port,
        method: request.method,
        path: request.url,
        headers,
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: `The Prism mock of ${api} failed: ${error.message}` }));
    });
    upstream.end(body);
  };

  const play = (
    step: PlannedStep | undefined,
    route: Route,
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
  ): void => {
    if (step === undefined) {
      proxy(request, response, body);
      return;
    }
    switch (step.kind) {
      case 'answer':
        // Prism serves the documented answer, after checking the request as it always does.
        proxy(request, response, body, `code=${step.status}, example=${step.example}`);
        return;
      case 'delay': {
        const timer = setTimeout(() => play(step.answer, route, request, response, body), step.ms);
        response.once('close', () => clearTimeout(timer));
        return;
      }
      case 'fault':
        if (step.fault === 'reset-before' || step.fault === 'network-error') {
          request.socket.resetAndDestroy();
          return;
        }
        respond(step.fault, {
          answers: route.answers,
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          headers: request.headers,
          body: body.toString(),
          response,
          socket: request.socket,
          success: route.answers.success.body,
          dripDurationMs: 3_000,
          // The headers are on their way once written: a reset then loses the rest of the answer.
          clientHasHeaders: () => new Promise((resolve) => response.write('', () => resolve())),
        });
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(request.url ?? '/', 'http://mock');
      const scenario = String(request.headers[SCENARIO_HEADER] ?? '');
      if (url.pathname === CONTROL_PATH)
        return control(request.method ?? 'GET', scenario, url, body, response);
      const answers = routeOf(
        routes.map((candidate) => candidate.answers),
        request.method ?? 'GET',
        url.pathname,
      );
      const route = routes.find((candidate) => candidate.answers === answers);
      if (!route) {
        if (url.pathname === '/' && request.method === 'GET')
          return sendJson(response, 200, describeApi(api, document, operations));
        return proxy(request, response, body);
      }
      play(book.take(scenario, route.operation.operationId), route, request, response, body);
    });
  });

  async function control(
    method: string,
    scenario: string,
    url: URL,
    body: Buffer,
    response: ServerResponse,
  ) {
    try {
      // `?queued=<operationId>` answers once the scenario has a step queued there: a barrier
      // between test files, with no polling.
      const queued = url.searchParams.get('queued');
      if (method === 'GET' && queued) await book.whenQueued(scenario, queued);
      if (method === 'GET')
        return sendJson(response, 200, { scenario, pending: book.pending(scenario) });
      if (method === 'DELETE') {
        book.reset(scenario);
        response.writeHead(204).end();
        return;
      }
      if (method === 'POST') {
        const { operationId, steps } = JSON.parse(body.toString() || '{}');
        book.queue(scenario, operationId, steps);
        return sendJson(response, 201, { scenario, pending: book.pending(scenario) });
      }
      return sendJson(response, 405, { error: `${CONTROL_PATH} takes GET, POST or DELETE.` });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return sendJson(response, error instanceof ScenarioError ? 400 : 500, { error: message });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
