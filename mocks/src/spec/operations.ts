// Reads a bundled OpenAPI document: its operations and every documented (status × named example).
// Plain data in, plain data out: the HTTP mocks, the in-process handlers and the suites share it.

/** An OpenAPI document as parsed from the bundled spec (only what the mocks read is typed). */
export interface OpenApiDocument {
  info?: { title?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** One documented answer of one operation: a status and one of its named examples. */
export interface Scenario {
  operationId: string;
  method: string;
  path: string;
  status: string;
  example: string;
  value: unknown;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string | undefined;
  /** Statuses documented without any named example (each must get one). */
  statusesWithoutExamples: string[];
  scenarios: Scenario[];
}

interface ResponseObject {
  content?: Record<string, { examples?: Record<string, { value?: unknown }> }>;
}

/** Follows local `$ref`s (`#/components/…`) until a node that is not a reference. */
export function deref<T>(document: OpenApiDocument, node: T): T {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  if (!ref) return node;
  const target = ref
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (at, key) => (at as Record<string, unknown>)[key.replaceAll('~1', '/').replaceAll('~0', '~')],
      document,
    );
  return deref(document, target as T);
}

/** The operations of a document, with every (status × named example) they document. */
export function operationsOf(document: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method] as
        | { operationId: string; summary?: string; responses?: Record<string, unknown> }
        | undefined;
      if (!operation) continue;
      const scenarios: Scenario[] = [];
      const statusesWithoutExamples: string[] = [];
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = deref(document, response as ResponseObject).content ?? {};
        const examples = Object.values(content).flatMap((media) =>
          Object.entries(media.examples ?? {}),
        );
        if (examples.length === 0) statusesWithoutExamples.push(status);
        for (const [example, exampleObject] of examples) {
          scenarios.push({
            operationId: operation.operationId,
            method: method.toUpperCase(),
            path,
            status,
            example,
            value: deref(document, exampleObject).value,
          });
        }
      }
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        summary: operation.summary,
        statusesWithoutExamples,
        scenarios,
      });
    }
  }
  return operations;
}
