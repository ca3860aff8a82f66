// What a mock's root URL answers: the API's name, its operations and where its docs are.
import { CONTROL_PATH, SCENARIO_HEADER } from './scenarios/book.js';
import type { OpenApiDocument, SpecOperation } from './spec/operations.js';

/** Where `pnpm start` serves the docs site (each API's reference under `/<api>/`). */
const DOCS_SITE = 'http://127.0.0.1:4000';

export interface ApiDescription {
  api: string;
  title: string | undefined;
  docs: string;
  operations: {
    operationId: string;
    method: string;
    path: string;
    summary: string | undefined;
    /** The operation's retry safety from its `x-telcopay` (read, keyed, unkeyed-money). */
    safety: unknown;
  }[];
  scenarios: string;
}

export function describeApi(
  api: string,
  document: OpenApiDocument,
  operations: readonly SpecOperation[],
): ApiDescription {
  return {
    api,
    title: document.info?.title,
    docs: `${DOCS_SITE}/${api}/`,
    operations: operations.map((operation) => ({
      operationId: operation.operationId,
      method: operation.method,
      path: operation.path,
      summary: operation.summary,
      safety: (
        document.paths?.[operation.path]?.[operation.method.toLowerCase()] as
          | { 'x-telcopay'?: { safety?: unknown } }
          | undefined
      )?.['x-telcopay']?.safety,
    })),
    scenarios: `POST ${CONTROL_PATH} {"operationId", "steps"}; header ${SCENARIO_HEADER} for a test's own queues`,
  };
}
