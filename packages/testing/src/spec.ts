import { readFileSync } from 'node:fs';
import { type ApiName, specPath } from '@telcopay/mocks';
import { parse } from 'yaml';

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

/** Reads the operations of an API's bundled spec, with every (status × named example). */
export function specOperations(api: ApiName): SpecOperation[] {
  const spec = parse(readFileSync(specPath(api), 'utf8'));
  const deref = <T>(node: T): T => {
    const ref = (node as { $ref?: string } | undefined)?.$ref;
    if (!ref) return node;
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (at, key) => (at as Record<string, unknown>)[key.replaceAll('~1', '/')],
        spec,
      );
    return deref(target as T);
  };
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries<Record<string, unknown>>(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method] as
        | { operationId: string; summary?: string; responses?: Record<string, unknown> }
        | undefined;
      if (!operation) continue;
      const scenarios: Scenario[] = [];
      const statusesWithoutExamples: string[] = [];
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const examples = Object.values(deref(response as ResponseObject).content ?? {}).flatMap(
          (media) => Object.entries(media.examples ?? {}),
        );
        if (examples.length === 0) statusesWithoutExamples.push(status);
        for (const [example, exampleObject] of examples) {
          scenarios.push({
            operationId: operation.operationId,
            method: method.toUpperCase(),
            path,
            status,
            example,
            value: deref(exampleObject).value,
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
