// The spec's named examples of one operation: its example request and its success answer.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { refResolver } from '../../scripts/spec-ref.mjs';
import { specFile } from './providers.mjs';

const specs = new Map();

function loadSpec(api) {
  if (!specs.has(api)) specs.set(api, parse(readFileSync(specFile(api), 'utf8')));
  return specs.get(api);
}

/** Follows a local `$ref` (`#/components/...`) until the object itself. */
function resolve(spec, node) {
  const target = refResolver(spec)(node);
  if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
  return target;
}

/** The first named example of a media type or parameter (or its single `example`). */
function firstExample(spec, holder, where) {
  if (holder.example !== undefined) return holder.example;
  const [first] = Object.values(holder.examples ?? {});
  if (first === undefined) throw new Error(`${where} has no example`);
  return resolve(spec, first).value;
}

function findOperation(spec, operationId) {
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation?.operationId === operationId) return { path, item, method, operation };
    }
  }
  throw new Error(`no operation ${operationId}`);
}

/**
 * The operation's example request: the first example of each required parameter and of each
 * header in `headers` (the idempotency key, the correlation id), and the body example named
 * `bodyExample` (default: the first).
 */
export function exampleRequest(api, operationId, { headers = [], bodyExample } = {}) {
  const spec = loadSpec(api);
  const { item, operation } = findOperation(spec, operationId);
  const where = `${api} ${operationId}`;
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
    .map((parameter) => resolve(spec, parameter))
    .filter((parameter) => parameter.required || headers.includes(parameter.name));
  const valuesIn = (location) =>
    Object.fromEntries(
      parameters
        .filter((parameter) => parameter.in === location)
        .map((parameter) => [
          parameter.name,
          firstExample(spec, parameter, `${where} parameter ${parameter.name}`),
        ]),
    );
  const requestBody = operation.requestBody && resolve(spec, operation.requestBody);
  const [media] = Object.values(requestBody?.content ?? {});
  const named = bodyExample && media?.examples?.[bodyExample];
  if (bodyExample && !named) throw new Error(`${where} has no body example ${bodyExample}`);
  return {
    pathParams: valuesIn('path'),
    headers: valuesIn('header'),
    body: named ? resolve(spec, named).value : media && firstExample(spec, media, `${where} body`),
  };
}

/** The operation's success answer: its first 2xx, with the example named `success` or its first. */
export function successAnswer(api, operationId) {
  const spec = loadSpec(api);
  const { operation } = findOperation(spec, operationId);
  const [status, response] =
    Object.entries(operation.responses ?? {}).find(([code]) => code.startsWith('2')) ?? [];
  if (!response) throw new Error(`${api} ${operationId} has no 2xx answer`);
  const [media] = Object.values(resolve(spec, response).content ?? {});
  const success = media?.examples?.success;
  const body = success
    ? resolve(spec, success).value
    : media && firstExample(spec, media, `${api} ${operationId} answer`);
  return { status: Number(status), body: body ?? {} };
}
