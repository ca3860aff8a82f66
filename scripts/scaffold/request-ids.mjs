// `x-telcopay.requestIds` for a new spec's unkeyed-money operations that name none: the lint
// requires them (what identifies a request whose answer was lost), and a scaffolded client
// then carries them on every OutcomeUnknownError, as the fault suite checks.
import { parseDocument } from 'yaml';
import { refResolver } from '../spec-ref.mjs';
import { HTTP_METHODS } from '../x-telcopay.js';

/**
 * The spec's text with `requestIds` added where an unkeyed-money operation lacks them: its
 * required parameters and required body fields (every body field when none is required).
 * Inserted as text at the end of each `x-telcopay`, so the rest stays as written.
 */
export function completeRequestIds(text) {
  const document = parseDocument(text);
  const resolve = refResolver(document.toJS());
  const insertions = [];
  for (const [, pathItem] of Object.entries(document.toJS().paths ?? {})) {
    for (const httpMethod of HTTP_METHODS.filter((method) => pathItem[method])) {
      const operation = pathItem[httpMethod];
      const extension = operation['x-telcopay'];
      if (extension?.safety !== 'unkeyed-money' || extension.requestIds) continue;
      const names = identifyingFields(operation, pathItem, resolve);
      const path = ['paths', findPath(document, operation), httpMethod, 'x-telcopay'];
      const node = document.getIn(path, true);
      const start = node.items[0].key.range[0];
      const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
      const end = node.range[1];
      const at = text.lastIndexOf('\n', end - 1) + 1 === end ? end : text.indexOf('\n', end) + 1;
      insertions.push({ at, line: `${' '.repeat(indent)}requestIds: [${names.join(', ')}]\n` });
    }
  }
  return insertions
    .sort((a, b) => b.at - a.at)
    .reduce((result, { at, line }) => `${result.slice(0, at)}${line}${result.slice(at)}`, text);
}

function identifyingFields(operation, pathItem, resolve) {
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
    .map(resolve)
    .filter((p) => p.required && (p.in === 'path' || p.in === 'query'))
    .map((p) => p.name);
  const requestBody = operation.requestBody ? resolve(operation.requestBody) : undefined;
  const media = Object.values(requestBody?.content ?? {})[0];
  const schema = media?.schema ? resolve(media.schema) : {};
  const required = schema.required ?? Object.keys(schema.properties ?? {});
  return [...parameters, ...required];
}

function findPath(document, operation) {
  const paths = document.toJS().paths;
  return Object.keys(paths).find((path) =>
    HTTP_METHODS.some((method) => paths[path][method]?.operationId === operation.operationId),
  );
}
