// What a new provider's files are written from: its spec's operations (with a valid input taken
// from the spec's own examples) and its credentials.
import { refResolver } from '../spec-ref.mjs';
import { HTTP_METHODS } from '../x-telcopay.js';

/**
 * The spec's operations: operationId, client method, summary, and an example input for the
 * method (its parameters by name, and `body`), when it takes one.
 */
export function specOperations(document) {
  const resolve = refResolver(document);
  return Object.entries(document.paths ?? {}).flatMap(([, pathItem]) =>
    HTTP_METHODS.filter((httpMethod) => pathItem[httpMethod]).map((httpMethod) => {
      const operation = pathItem[httpMethod];
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
        .map(resolve)
        .filter(({ in: place }) => place === 'path' || place === 'query');
      return {
        operationId: operation.operationId,
        method: operation['x-telcopay']?.method ?? operation.operationId,
        summary: operation.summary,
        takesInput: parameters.length > 0 || operation.requestBody !== undefined,
        input: exampleInput(operation, parameters, resolve),
      };
    }),
  );
}

/** The input of one call, from the examples of its parameters and body (required ones only). */
function exampleInput(operation, parameters, resolve) {
  const input = {};
  for (const { name, required, example, schema } of parameters) {
    if (required) input[name] = example ?? resolve(schema)?.example;
  }
  const requestBody = operation.requestBody ? resolve(operation.requestBody) : undefined;
  const media = Object.values(requestBody?.content ?? {})[0];
  if (media) {
    const named = Object.values(media.examples ?? {}).map((example) => resolve(example).value);
    input.body = named[0] ?? media.example ?? resolve(media.schema)?.example;
  }
  return input;
}

/**
 * The credentials the client takes, one per security scheme (its key in the spec), with where
 * the auth puts it: a header or query parameter for an API key, the Authorization header else.
 */
export function specCredentials(document) {
  return Object.entries(document.components?.securitySchemes ?? {}).map(([option, scheme]) => {
    if (scheme.type === 'apiKey') return { option, in: scheme.in, name: scheme.name };
    return { option, in: 'header', name: 'Authorization', bearer: true };
  });
}
