// Prism's own router and validator (prism-http, as prism-cli 5.14.2 pins it): the proxy judges
// traffic exactly as the mocks judge it, and writes no validator of its own.
import { createRequire } from 'node:module';

/** A diagnostic as Prism reports it: `path` is the location in the request or response. */
export interface PrismDiagnostic {
  path?: string[];
  code?: string | number;
  message: string;
  /** 0 error, 1 warning, 2 information, 3 hint. */
  severity: number;
}

/** The subset of Prism's operation model (@stoplight/types IHttpOperation) the proxy reads. */
export interface PrismOperation {
  id: string;
  method: string;
  path: string;
  iid?: string;
  responses: { code: string; contents?: { mediaType: string; schema?: JsonSchema }[] }[];
}

export type JsonSchema = { [keyword: string]: unknown };

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };

export interface PrismRequest {
  method: string;
  url: { path: string; query: Record<string, string | string[]> };
  headers: Record<string, string>;
  body: unknown;
}

export interface PrismResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

const fromPrismCli = createRequire(
  createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json'),
);
const http = fromPrismCli('@stoplight/prism-http') as {
  getHttpOperationsFromSpec(path: string): Promise<PrismOperation[]>;
};
const router = fromPrismCli('@stoplight/prism-http/dist/router/index.js') as {
  default(input: {
    resources: PrismOperation[];
    input: PrismRequest;
  }): Either<Error, PrismOperation>;
};
const validator = fromPrismCli('@stoplight/prism-http/dist/validator/index.js') as {
  validateInput(input: {
    resource: PrismOperation;
    element: PrismRequest;
  }): Either<PrismDiagnostic[], unknown>;
  validateOutput(input: {
    resource: PrismOperation;
    element: PrismResponse;
  }): Either<PrismDiagnostic[], unknown>;
};
const schemas = fromPrismCli('@stoplight/prism-http/dist/validator/validators/utils.js') as {
  validateAgainstSchema(
    value: unknown,
    schema: JsonSchema,
    coerce: boolean,
    context: 'output',
    prefix: string,
    bundle: unknown,
  ): { _tag: 'None' } | { _tag: 'Some'; value: PrismDiagnostic[] };
};

export const loadOperations = (document: string) => http.getHttpOperationsFromSpec(document);

/** The operation a request is for, or undefined when the spec has none. */
export function routeRequest(
  operations: PrismOperation[],
  request: PrismRequest,
): PrismOperation | undefined {
  const result = router.default({ resources: operations, input: request });
  return result._tag === 'Right' ? result.right : undefined;
}

const diagnostics = (result: Either<PrismDiagnostic[], unknown>) =>
  result._tag === 'Left' ? result.left : [];

export const validateRequest = (operation: PrismOperation, request: PrismRequest) =>
  diagnostics(validator.validateInput({ resource: operation, element: request }));

export const validateResponse = (operation: PrismOperation, response: PrismResponse) =>
  diagnostics(validator.validateOutput({ resource: operation, element: response }));

/** Prism's schema check of one value (a response body), paths prefixed with `body`. */
export function validateValue(
  operation: PrismOperation,
  value: unknown,
  schema: JsonSchema,
): PrismDiagnostic[] {
  const bundle = (operation as unknown as { __bundled__?: unknown }).__bundled__;
  const result = schemas.validateAgainstSchema(value, schema, false, 'output', 'body', bundle);
  return result._tag === 'Some' ? result.value : [];
}
