import { type Scenario, specOperations } from '@telcopay/testing';

/** The APIs that have a spec (and a client). */
export type ApiName = Parameters<typeof specOperations>[0];

export const APIS: readonly ApiName[] = [
  'chinchin-cps',
  'qvatel',
  'tigo-b2b-billing',
  'masstack-partners',
  'stone-topups',
];

/** What the fault server answers for one operation of one API, taken from its spec. */
export interface OperationAnswers {
  api: ApiName;
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
  /** A 2xx body that reports a failure, when the API has one for this operation. */
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

/**
 * 2xx failure answers the specs describe in words but give no example of, built from the
 * success example.
 */
const CONSTRUCTED_FAILURES: Record<string, (success: Record<string, unknown>) => unknown> = {
  // Inferred in the client: any `error` other than 0 means no transaction was created.
  'tigo-b2b-billing checkoutPayment': () => ({
    description: 'Transacción rechazada por la pasarela',
    error: 1,
  }),
  // A token answer without a token.
  'tigo-b2b-billing requestAccessToken': ({ access_token: _, ...rest }) => rest,
  'stone-topups requestAccessToken': ({ access_token: _, ...rest }) => rest,
};

let loaded: ReadonlyMap<ApiName, readonly OperationAnswers[]> | undefined;

/** The answers of every operation of every spec, read once per process. */
export function loadAnswers(): ReadonlyMap<ApiName, readonly OperationAnswers[]> {
  loaded ??= new Map(APIS.map((api) => [api, specOperations(api).map((op) => answersOf(api, op))]));
  return loaded;
}

function answersOf(
  api: ApiName,
  operation: { operationId: string; method: string; path: string; scenarios: Scenario[] },
): OperationAnswers {
  const { scenarios } = operation;
  const successes = scenarios.filter((s) => s.status.startsWith('2'));
  const success = successes.find((s) => s.example === 'success') ?? successes[0];
  if (!success) throw new Error(`${api} ${operation.operationId} documents no success example`);
  const named = (status: string, names: string[]) =>
    names
      .map((name) => scenarios.find((s) => s.status === status && s.example === name))
      .find((scenario) => scenario !== undefined)?.value;
  const documented = new Map<number, unknown>();
  for (const scenario of scenarios) {
    const status = scenario.status === 'default' ? 500 : Number(scenario.status);
    if (status >= 500 && !documented.has(status)) documented.set(status, scenario.value);
  }
  const constructed = CONSTRUCTED_FAILURES[`${api} ${operation.operationId}`];
  const failure =
    successes.find((s) => FAILURE_EXAMPLES.includes(s.example))?.value ??
    constructed?.(success.value as Record<string, unknown>);
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
    unauthorized: named('401', UNAUTHORIZED_EXAMPLES),
    failure,
    documented,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The operation a request addresses: method and path below the API's base path. */
export function routeOf(
  operations: readonly OperationAnswers[],
  method: string,
  path: string,
): OperationAnswers | undefined {
  return operations
    .filter((op) => op.method === method && op.pattern.test(path))
    .sort((a, b) => b.literalSegments - a.literalSegments)[0];
}
