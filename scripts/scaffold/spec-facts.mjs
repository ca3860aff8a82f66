// What a new provider's files are written from: its spec's operations (with a valid input taken
// from the spec's own examples) and its credentials.
import { refResolver } from '../spec-ref.mjs';
import { HTTP_METHODS } from '../x-telcopay.js';

/** The spec's operations: operationId, client method and an example input for the method. */
export function specOperations(document) {
  const resolve = refResolver(document);
  return Object.entries(document.paths ?? {}).flatMap(([, pathItem]) =>
    HTTP_METHODS.filter((httpMethod) => pathItem[httpMethod]).map((httpMethod) => {
      const operation = pathItem[httpMethod];
      return {
        operationId: operation.operationId,
        method: operation['x-telcopay']?.method ?? operation.operationId,
        input: exampleInput(operation, pathItem, resolve),
      };
    }),
  );
}

/** The request of one call, from the examples of its parameters and body (required ones only). */
function exampleInput(operation, pathItem, resolve) {
  const params = {};
  for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const { in: place, name, required, example, schema } = resolve(parameter);
    if (!required || (place !== 'path' && place !== 'query')) continue;
    params[place] = { ...params[place], [name]: example ?? resolve(schema)?.example };
  }
  const input = Object.keys(params).length > 0 ? { params } : {};
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
