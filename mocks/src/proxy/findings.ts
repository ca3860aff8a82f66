// Turns Prism's diagnostics into findings: where (a JSON pointer in the request or the answer)
// and what the spec expects there. Two refinements, both still Prism's validator at work:
// - a body that matches no branch of a `oneOf` is explained by its closest branch, not by all;
// - a field the spec does not document is found by validating against a closed copy of the schema.
import {
  type JsonSchema,
  type PrismDiagnostic,
  type PrismOperation,
  type PrismRequest,
  type PrismResponse,
  validateRequest,
  validateResponse,
  validateValue,
} from './prism.js';

type FindingKind = 'invalid' | 'undocumented-field' | 'undocumented-status';

export interface Finding {
  in: 'request' | 'response';
  kind: FindingKind;
  /** JSON pointer into the request or the answer: `/body/balance`, `/query/api_token`, `/status`. */
  pointer: string;
  /** What the spec expects at that pointer. */
  expected: string;
}

interface ResponseCheck {
  /** The documented response that matched the status (`200`, `4XX`, `default`), if any. */
  documented: string | undefined;
  findings: Finding[];
}

const escapeSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');
export const toPointer = (path: readonly string[]) =>
  path.map((s) => `/${escapeSegment(s)}`).join('');

/** The expectation in Prism's message, without its "Response body property x" preamble. */
function expectation(message: string): string {
  const at = message.search(/\b(must|should|does not|is not)\b/);
  return at > 0 ? message.slice(at) : message;
}

function toFinding(side: Finding['in'], diagnostic: PrismDiagnostic): Finding {
  return {
    in: side,
    kind: 'invalid',
    pointer: toPointer(diagnostic.path ?? []),
    expected: expectation(diagnostic.message),
  };
}

export function checkRequest(operation: PrismOperation, request: PrismRequest): Finding[] {
  return validateRequest(operation, request)
    .filter((diagnostic) => diagnostic.severity === 0)
    .map((diagnostic) => toFinding('request', diagnostic));
}

export function checkResponse(operation: PrismOperation, response: PrismResponse): ResponseCheck {
  const documented = documentedResponse(operation, response.statusCode);
  if (!documented) {
    const codes = operation.responses.map((candidate) => candidate.code).join(', ');
    return {
      documented: undefined,
      findings: [
        {
          in: 'response',
          kind: 'undocumented-status',
          pointer: '/status',
          expected: `one of the documented statuses: ${codes}`,
        },
      ],
    };
  }
  const outsideBody = validateResponse(operation, response)
    .filter((diagnostic) => diagnostic.severity === 0 && diagnostic.path?.[0] !== 'body')
    .map((diagnostic) => toFinding('response', diagnostic));
  const schema = bodySchema(documented, response.headers['content-type']);
  if (!schema || response.body === undefined)
    return { documented: documented.code, findings: outsideBody };
  const invalid = explain(operation, response.body, schema).map((d) => toFinding('response', d));
  const undocumented = explain(operation, response.body, closeObjects(schema))
    .filter((diagnostic) => diagnostic.code === 'additionalProperties')
    .map(undocumentedField);
  return { documented: documented.code, findings: [...outsideBody, ...invalid, ...undocumented] };
}

type DocumentedResponse = PrismOperation['responses'][number];

/** The response the spec documents for a status: exact code first, then `4XX`, then `default`. */
function documentedResponse(operation: PrismOperation, status: number) {
  const byCode = (code: string) => operation.responses.find((response) => response.code === code);
  return byCode(String(status)) ?? byCode(`${String(status)[0]}XX`) ?? byCode('default');
}

function bodySchema(response: DocumentedResponse, contentType: string | undefined) {
  const mediaType = contentType?.split(';')[0]?.trim();
  const contents = response.contents ?? [];
  const content = contents.find((candidate) => candidate.mediaType === mediaType) ?? contents[0];
  return content?.schema;
}

/** Prism's diagnostics of a value; for a failed `oneOf`/`anyOf`, those of the closest branch. */
function explain(operation: PrismOperation, value: unknown, schema: JsonSchema): PrismDiagnostic[] {
  const all = validateValue(operation, value, schema);
  const branches = schema.oneOf ?? schema.anyOf;
  if (all.length === 0 || !Array.isArray(branches)) return all;
  const perBranch = (branches as JsonSchema[]).map((branch) =>
    explain(operation, value, { $schema: schema.$schema, ...branch }),
  );
  // Several branches match: the `oneOf` itself is what fails.
  if (perBranch.filter((diagnostics) => diagnostics.length === 0).length > 0) {
    return all.filter((diagnostic) => diagnostic.code === 'oneOf');
  }
  return perBranch.reduce((best, next) => (next.length < best.length ? next : best));
}

/**
 * A copy of a schema in which every object lists its properties exhaustively, so that Prism
 * names each undocumented field. `allOf` members stay open: closing one would refuse the
 * properties of the others.
 */
function closeObjects(schema: JsonSchema, inAllOf = false): JsonSchema {
  const copy: JsonSchema = { ...schema };
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    copy.properties = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [name, closeObjects(property)]),
    );
    const open = 'additionalProperties' in schema || 'patternProperties' in schema;
    if (!open && !inAllOf) copy.additionalProperties = false;
  }
  if (isSchema(schema.items)) copy.items = closeObjects(schema.items);
  for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) {
    const members = schema[keyword];
    if (Array.isArray(members)) {
      copy[keyword] = members.map((member: JsonSchema) =>
        closeObjects(member, keyword === 'allOf'),
      );
    }
  }
  return copy;
}

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function undocumentedField(diagnostic: PrismDiagnostic): Finding {
  const name = /found '([^']*)'/.exec(diagnostic.message)?.[1] ?? '';
  return {
    in: 'response',
    kind: 'undocumented-field',
    pointer: toPointer([...(diagnostic.path ?? []), name]),
    expected: `no field '${name}' is documented here`,
  };
}
