// @telcopay/mocks/msw: in-process mocks of every API for MSW (unit tests, browsers; no ports),
// from the same bundled specs and named examples as the HTTP mocks, with the same scenarios.
// No node: import here: this entry runs in browsers.
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import { DOCUMENTS } from '../../specs/documents.js';
import { describeApi } from '../describe.js';
import { faultAnswer, isAnswerFault } from '../faults/answer.js';
import { answersOf, type OperationAnswers, routeOf } from '../faults/answers.js';
import { PROVIDERS } from '../generated/providers.js';
import { SCENARIO_HEADER, ScenarioBook } from '../scenarios/book.js';
import {
  type PlannedStep,
  planSteps,
  ScenarioError,
  type ScenarioStep,
} from '../scenarios/steps.js';
import { type OpenApiDocument, operationsOf } from '../spec/operations.js';
import { RequestValidator, type Violation } from './validate.js';

export { SCENARIO_HEADER } from '../scenarios/book.js';
export { ScenarioError, type ScenarioStep } from '../scenarios/steps.js';

/** An API with a mock: every provider of the registry. */
export type MockedApi = keyof typeof PROVIDERS;

export interface MockHandlersOptions {
  /** Which APIs to mock; default all. */
  apis?: readonly MockedApi[];
  /** The base URL each API's handlers answer on; default its mock environment's (`pnpm start`). */
  baseUrls?: Partial<Record<MockedApi, string>>;
}

export interface MockHandlers {
  /** Give these to MSW: `setupServer(...mocks.handlers)` or `setupWorker(...mocks.handlers)`. */
  readonly handlers: HttpHandler[];
  /** The base URL of each mocked API. */
  readonly urls: Readonly<Partial<Record<MockedApi, string>>>;
  /**
   * Queues answers for the next calls of `operationId` on `api`, played in order, then back to
   * the usual answer; with `id`, only requests whose scenario header carries it see them.
   * Throws a ScenarioError when a step is not in the spec or needs a socket (`drip`).
   */
  scenario(api: MockedApi, operationId: string, steps: readonly ScenarioStep[], id?: string): void;
  /** Forgets every queued step (of one scenario id, or all). */
  reset(id?: string): void;
}

/** Steps that need a real socket: only the HTTP mocks play them. */
const SOCKET_ONLY = new Set(['drip']);

interface MockedOperation {
  answers: OperationAnswers;
  operation: ReturnType<typeof operationsOf>[number];
}

/** Builds the handlers of the chosen APIs (each spec is loaded once, on demand). */
export async function createMockHandlers(options: MockHandlersOptions = {}): Promise<MockHandlers> {
  const apis = options.apis ?? (Object.keys(PROVIDERS) as MockedApi[]);
  const mocked = await Promise.all(
    apis.map(async (api) => {
      const load = DOCUMENTS[api];
      if (!load) throw new Error(`No bundled spec for ${api}.`);
      const document = (await load()).default as OpenApiDocument;
      const baseUrl = (options.baseUrls?.[api] ?? PROVIDERS[api].environments.mock).replace(
        /\/$/,
        '',
      );
      return { api, baseUrl, ...mockApi(api, baseUrl, document) };
    }),
  );
  const books = new Map(mocked.map((mock) => [mock.api, mock.book]));
  return {
    handlers: mocked.flatMap((mock) => mock.handlers),
    urls: Object.fromEntries(mocked.map((mock) => [mock.api, mock.baseUrl])),
    scenario(api, operationId, steps, id = '') {
      const book = books.get(api);
      if (!book)
        throw new ScenarioError(`${api} is not mocked here: ${[...books.keys()].join(', ')}.`);
      const socketOnly = steps.find((step) => typeof step === 'string' && SOCKET_ONLY.has(step));
      if (socketOnly !== undefined) {
        throw new ScenarioError(
          `${api} ${operationId}: '${socketOnly}' needs a socket; play it on the HTTP mocks (startMocks).`,
        );
      }
      book.queue(id, operationId, steps);
    },
    reset(id) {
      for (const book of books.values()) {
        if (id === undefined) book.resetAll();
        else book.reset(id);
      }
    },
  };
}

function mockApi(api: MockedApi, baseUrl: string, document: OpenApiDocument) {
  const operations = operationsOf(document);
  const book = new ScenarioBook(api, operations);
  const validator = new RequestValidator(document);
  const routes: MockedOperation[] = operations.map((operation) => ({
    operation,
    answers: answersOf(api, operation),
  }));
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');

  const handle = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    const path = url.pathname.slice(basePath.length) || '/';
    const answers = routeOf(
      routes.map((route) => route.answers),
      request.method,
      path,
    );
    const route = routes.find((candidate) => candidate.answers === answers);
    if (!route) {
      if (path === '/' && request.method === 'GET') {
        return HttpResponse.json(describeApi(api, document, operations));
      }
      return undefined;
    }
    const body = await request.text();
    const scenario = request.headers.get(SCENARIO_HEADER) ?? '';
    const step = book.take(scenario, route.operation.operationId);
    return play(step ?? preferred(api, route, request.headers.get('prefer')), {
      route,
      request,
      body,
      url,
      path,
    });
  };

  const play = async (step: PlannedStep | undefined, exchange: Exchange): Promise<Response> => {
    if (step?.kind === 'delay') {
      await delay(step.ms);
      return play(step.answer, exchange);
    }
    if (step?.kind === 'fault') return fault(step.fault, exchange);
    // A documented answer, after the request is checked as Prism checks it.
    const refusal = refuse(exchange);
    if (refusal) return refusal;
    const { answers } = exchange.route;
    const status = step?.status ?? answers.success.status;
    return json(step ? step.body : answers.success.body, status);
  };

  const fault = async (name: string, exchange: Exchange): Promise<Response> => {
    if (name === 'hang') {
      // No answer, ever: the client's own timeout or abort ends the call.
      await new Promise((resolve) => exchange.request.signal.addEventListener('abort', resolve));
      return HttpResponse.error();
    }
    if (!isAnswerFault(name)) return HttpResponse.error();
    const answer = faultAnswer(name, exchange.route.answers, {
      method: exchange.request.method,
      path: `${exchange.path}${exchange.url.search}`,
      header: (header) => exchange.request.headers.get(header) ?? undefined,
      body: exchange.body,
    });
    return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
  };

  /** Prism's answer to a request that breaks the spec: 401 without credentials, else 422/400. */
  const refuse = (exchange: Exchange): Response | undefined => {
    const { operation } = exchange.route;
    const verdict = validator.check(operation.path, operation.method, {
      path: exchange.path,
      query: exchange.url.searchParams,
      headers: exchange.request.headers,
      body: exchange.body,
    });
    if (verdict.unauthorized) return refusal(operation, ['401'], 401, verdict.violations);
    if (verdict.violations.length === 0) return undefined;
    return refusal(operation, ['422', '400', 'default'], 422, verdict.violations);
  };

  const handlers = [
    http.all(`${baseUrl}/*`, async ({ request }) => handle(request)),
    http.get(`${baseUrl}/`, async ({ request }) => handle(request)),
  ];
  return { book, handlers };
}

interface Exchange {
  route: MockedOperation;
  request: Request;
  body: string;
  url: URL;
  path: string;
}

/** A `Prefer: code=…, example=…` header, as Prism reads it. */
function preferred(
  api: string,
  route: MockedOperation,
  prefer: string | null,
): PlannedStep | undefined {
  if (!prefer) return undefined;
  const code = /code=(\d{3})/.exec(prefer)?.[1];
  const example = /example=([^,\s]+)/.exec(prefer)?.[1];
  if (!code && !example) return undefined;
  const step: ScenarioStep = code
    ? { status: Number(code), ...(example ? { example } : {}) }
    : { example: example ?? '' };
  return planSteps(api, route.operation, [step])[0];
}

function refusal(
  operation: MockedOperation['operation'],
  statuses: readonly string[],
  fallback: number,
  violations: Violation[],
): Response {
  const documented = statuses
    .map((status) => operation.scenarios.find((scenario) => scenario.status === status))
    .find((scenario) => scenario !== undefined);
  const headers = { 'sl-violations': JSON.stringify(violations) };
  if (documented) {
    const status = documented.status === 'default' ? fallback : Number(documented.status);
    return json(documented.value, status, headers);
  }
  const detail = violations.map((v) => `${v.location.join('.')}: ${v.message}`).join('; ');
  return json({ title: 'Invalid request', status: fallback, detail }, fallback, headers);
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new HttpResponse(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
