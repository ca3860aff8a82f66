// What a mock or the fault suite answers for each operation, taken from the spec's examples.
import type { Scenario, SpecOperation } from '../spec/operations.js';

/** What is answered for one operation of one API, taken from its spec. */
export interface OperationAnswers {
  api: string;
  operationId: string;
  method: string;
  /** The spec's path template, e.g. `/contracts/{contractId}`. */
  path: string;
  /** Matches the request path below the API's base path. */
  pattern: RegExp;
  /** How many path segments are literal: the most specific template wins a tie. */
  literalSegments: number;
  /** The documented success: its status and its example (the one named `success` if any). */
  success: { status: number; body: unknown };
  /** The documented 401 body, when the operation is authenticated. */
  unauthorized: unknown;
  /** A 2xx body that reports a failure, when the spec has one for this operation. */
  failure: unknown;
  /** Documented error bodies by status (`default` stands for 500). */
  documented: ReadonlyMap<number, unknown>;
}

/** The 401 example that means "this credential is no longer good", best first. */
const UNAUTHORIZED_EXAMPLES = [
  'invalidAccessToken',
  'unauthenticated',
  'invalidNonce',
  'unauthorized',
  'invalidClient',
];

/** Named 2xx examples that report a failure (or a partial one). */
const FAILURE_EXAMPLES = ['failure', 'partiallyRegistered'];

/** The documented success of an operation: the 2xx example named `success`, else the first. */
export function successOf(scenarios: readonly Scenario[]): Scenario | undefined {
  const successes = scenarios.filter((s) => s.status.startsWith('2'));
  return successes.find((s) => s.example === 'success') ?? successes[0];
}

/** The documented 401 example an expired credential gets, if the operation has one. */
export function unauthorizedOf(scenarios: readonly Scenario[]): Scenario | undefined {
  return UNAUTHORIZED_EXAMPLES.map((name) =>
    scenarios.find((s) => s.status === '401' && s.example === name),
  ).find((scenario) => scenario !== undefined);
}

export function answersOf(api: string, operation: SpecOperation): OperationAnswers {
  const { scenarios } = operation;
  const success = successOf(scenarios);
  if (!success) throw new Error(`${api} ${operation.operationId} documents no success example`);
  const documented = new Map<number, unknown>();
  for (const scenario of scenarios) {
    const status = scenario.status === 'default' ? 500 : Number(scenario.status);
    if (status >= 500 && !documented.has(status)) documented.set(status, scenario.value);
  }
  const failure = scenarios.find(
    (s) => s.status.startsWith('2') && FAILURE_EXAMPLES.includes(s.example),
  )?.value;
  const segments = operation.path.split('/').slice(1);
  return {
    api,
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    pattern: new RegExp(
      `^/${segments.map((s) => (s.startsWith('{') ? '[^/]+' : escapeRegExp(s))).join('/')}$`,
    ),
    literalSegments: segments.filter((s) => !s.startsWith('{')).length,
    success: { status: Number(success.status), body: success.value },
    unauthorized: unauthorizedOf(scenarios)?.value,
    failure,
    documented,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The operation a request addresses: method and path below the API's base path. */
export function routeOf<
  Answers extends Pick<OperationAnswers, 'method' | 'pattern' | 'literalSegments'>,
>(operations: readonly Answers[], method: string, path: string): Answers | undefined {
  return operations
    .filter((op) => op.method === method && op.pattern.test(path))
    .sort((a, b) => b.literalSegments - a.literalSegments)[0];
}
