// Checks a request against its operation as Prism does before it answers: security present,
// parameters and body valid against their schemas. No node: import (it runs in browsers).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from '../spec/operations.js';

// ajv-formats is CommonJS: its default export is the function, or carries it.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

/** One reason a request breaks the spec (Prism's `sl-violations` entry). */
export interface Violation {
  location: string[];
  severity: 'Error';
  message: string;
}

/** What the handler knows of the request. */
export interface CheckedRequest {
  /** The request path below the API's base path. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  explode?: boolean;
  style?: string;
  schema?: { type?: string };
}

interface SecurityScheme {
  type: string;
  in?: string;
  name?: string;
  scheme?: string;
}

export interface Verdict {
  /** No credential any of the operation's security requirements asks for. */
  unauthorized: boolean;
  violations: Violation[];
}

export class RequestValidator {
  readonly #document: OpenApiDocument;
  /** Parameters and form bodies arrive as text: their schemas coerce, as Prism's do. */
  readonly #coercing = new Ajv2020({ strict: false, allErrors: true, coerceTypes: 'array' });
  readonly #exact = new Ajv2020({ strict: false, allErrors: true });
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    this.#document = document;
    for (const ajv of [this.#coercing, this.#exact]) {
      addFormats(ajv);
      ajv.addSchema(document as object, 'spec');
    }
  }

  check(pathTemplate: string, method: string, request: CheckedRequest): Verdict {
    const itemPointer = `/paths/${escapePointer(pathTemplate)}`;
    const operationPointer = `${itemPointer}/${method.toLowerCase()}`;
    const operation = this.#at(operationPointer) as {
      parameters?: unknown[];
      requestBody?: unknown;
      security?: Record<string, unknown>[];
    };
    const violations: Violation[] = [];
    const pathValues = pathValuesOf(pathTemplate, request.path);
    for (const { parameter, pointer } of this.#parameters(itemPointer, operationPointer)) {
      const raw = parameterValue(parameter, request, pathValues);
      const location = [parameter.in, parameter.name];
      if (raw === undefined) {
        if (parameter.required || parameter.in === 'path') {
          violations.push(violation(location, `must have required property '${parameter.name}'`));
        }
        continue;
      }
      const data = { value: raw };
      const validate = this.#validator(this.#coercing, `${pointer}/schema`, true);
      if (!validate(data)) violations.push(...errorsOf(validate, location));
    }
    if (operation.requestBody)
      violations.push(...this.#checkBody(`${operationPointer}/requestBody`, request));
    return { unauthorized: !this.#authorized(operation.security, request), violations };
  }

  #checkBody(pointer: string, request: CheckedRequest): Violation[] {
    const located = this.#located(pointer);
    const body = located.node as { required?: boolean; content?: Record<string, unknown> };
    if (request.body === '') {
      return body.required ? [violation(['body'], 'Body parameter is required')] : [];
    }
    const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!body.content?.[mediaType]) {
      return [
        violation(
          ['header', 'content-type'],
          `Supported content types: ${Object.keys(body.content ?? {}).join(', ')}`,
        ),
      ];
    }
    const schemaPointer = `${located.pointer}/content/${escapePointer(mediaType)}/schema`;
    if (mediaType === 'application/x-www-form-urlencoded') {
      const data = { value: Object.fromEntries(new URLSearchParams(request.body)) };
      const validate = this.#validator(this.#coercing, schemaPointer, true);
      return validate(data) ? [] : errorsOf(validate, ['body']);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.body);
    } catch {
      return [violation(['body'], 'The body is not valid JSON')];
    }
    const validate = this.#validator(this.#exact, schemaPointer, false);
    return validate(parsed) ? [] : errorsOf(validate, ['body'], false);
  }

  #authorized(own: Record<string, unknown>[] | undefined, request: CheckedRequest): boolean {
    const requirements =
      own ?? (this.#document as { security?: Record<string, unknown>[] }).security;
    if (!requirements || requirements.length === 0) return true;
    const schemes = ((
      this.#document.components as { securitySchemes?: Record<string, SecurityScheme> }
    )?.securitySchemes ?? {}) as Record<string, SecurityScheme>;
    return requirements.some((requirement) =>
      Object.keys(requirement).every((name) => presented(schemes[name], request)),
    );
  }

  /** The path item's parameters and the operation's (which override them), with their pointers. */
  #parameters(itemPointer: string, operationPointer: string) {
    const byKey = new Map<string, { parameter: Parameter; pointer: string }>();
    for (const owner of [itemPointer, operationPointer]) {
      const list = (this.#at(owner) as { parameters?: unknown[] }).parameters ?? [];
      list.forEach((_, index) => {
        const { node, pointer } = this.#located(`${owner}/parameters/${index}`);
        const parameter = node as Parameter;
        byKey.set(`${parameter.in} ${parameter.name}`, { parameter, pointer });
      });
    }
    return [...byKey.values()];
  }

  /** A validator of `{ value }` (coerced in place) or of the data itself. */
  #validator(ajv: Ajv2020, pointer: string, wrapped: boolean): ValidateFunction {
    const key = `${ajv === this.#coercing ? 'c' : 'e'} ${pointer}`;
    let validate = this.#compiled.get(key);
    if (!validate) {
      const ref = { $ref: `spec#${pointer}` };
      validate = ajv.compile(
        wrapped ? { type: 'object', properties: { value: ref }, required: ['value'] } : ref,
      );
      this.#compiled.set(key, validate);
    }
    return validate;
  }

  #at(pointer: string): unknown {
    return pointer
      .slice(1)
      .split('/')
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[unescapePointer(key)],
        this.#document,
      );
  }

  /** The node at `pointer`, following `$ref`s, and the pointer where it really is. */
  #located(pointer: string): { node: unknown; pointer: string } {
    const node = this.#at(pointer) as { $ref?: string } | undefined;
    return node?.$ref ? this.#located(node.$ref.slice(1)) : { node, pointer };
  }
}

function presented(scheme: SecurityScheme | undefined, request: CheckedRequest): boolean {
  if (!scheme) return false;
  const authorization = request.headers.get('authorization') ?? '';
  if (scheme.type === 'apiKey') {
    const name = scheme.name ?? '';
    if (scheme.in === 'header') return request.headers.has(name);
    if (scheme.in === 'query') return request.query.has(name);
    return (request.headers.get('cookie') ?? '').includes(`${name}=`);
  }
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic') {
    return /^basic /i.test(authorization);
  }
  return /^bearer /i.test(authorization);
}

function parameterValue(
  parameter: Parameter,
  request: CheckedRequest,
  pathValues: Record<string, string>,
): unknown {
  switch (parameter.in) {
    case 'path':
      return pathValues[parameter.name];
    case 'header':
      return request.headers.get(parameter.name) ?? undefined;
    case 'cookie':
      return undefined;
    case 'query': {
      const values = request.query.getAll(parameter.name);
      if (values.length === 0) return undefined;
      if (parameter.schema?.type !== 'array') return values[0];
      return parameter.explode === false ? (values[0] ?? '').split(',') : values;
    }
  }
}

function pathValuesOf(template: string, path: string): Record<string, string> {
  const names = template.split('/');
  const values = path.split('/');
  const found: Record<string, string> = {};
  names.forEach((segment, index) => {
    if (segment.startsWith('{'))
      found[segment.slice(1, -1)] = decodeURIComponent(values[index] ?? '');
  });
  return found;
}

function errorsOf(validate: ValidateFunction, location: string[], wrapped = true): Violation[] {
  return (validate.errors ?? []).map((error) =>
    violation(
      [...location, ...error.instancePath.split('/').slice(wrapped ? 2 : 1)],
      error.message ?? 'is invalid',
    ),
  );
}

function violation(location: string[], message: string): Violation {
  return { location, severity: 'Error', message };
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function unescapePointer(key: string): string {
  return key.replaceAll('~1', '/').replaceAll('~0', '~');
}
