import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type ApiName, specPath } from '../apis.js';
import { type OpenApiDocument, operationsOf, type SpecOperation } from './operations.js';

const documents = new Map<ApiName, OpenApiDocument>();

/** The bundled spec a mock serves, parsed once per process. */
export function loadDocument(api: ApiName): OpenApiDocument {
  let document = documents.get(api);
  if (!document) {
    document = parse(readFileSync(specPath(api), 'utf8')) as OpenApiDocument;
    documents.set(api, document);
  }
  return document;
}

/** Reads the operations of an API's bundled spec, with every (status × named example). */
export function specOperations(api: ApiName): SpecOperation[] {
  return operationsOf(loadDocument(api));
}
