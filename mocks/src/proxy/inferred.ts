// The `x-inferred` items of a spec, per operation, and what one exchange says about each: a
// path that answers "no such path" contradicts it; a documented answer whose inferred parts
// validate confirms them.
import type { Finding } from './findings.js';
import { toPointer } from './findings.js';

export type Verdict = 'confirmed' | 'contradicted' | 'inconclusive';

/** Where an inferred item shows in traffic. `instancePath` may hold `*` (any item or key). */
type Scope =
  | { on: 'path' }
  | { on: 'response'; status: string }
  | { on: 'body'; status: string; instancePath: string[] }
  | { on: 'header'; status: string; name: string };

export interface InferredItem {
  /** JSON pointer of the item in the spec. */
  pointer: string;
  kind: 'path' | 'operation' | 'response' | 'schema' | 'field' | 'header';
  /** The spec's own words after "Inferred:", first sentence. */
  claim: string;
}

export interface ScopedItem {
  item: InferredItem;
  scope: Scope;
}

interface Exchange {
  status: number;
  /** The documented response the status matched, if any. */
  documented: string | undefined;
  body: unknown;
  headers: Record<string, string>;
  findings: Finding[];
}

export interface Judgement {
  verdict: Verdict;
  detail: string;
}

type Node = { [key: string]: unknown };
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every inferred item an operation's traffic can exercise, keyed by `METHOD path`. */
export function indexInferred(document: Node): Map<string, ScopedItem[]> {
  const index = new Map<string, ScopedItem[]>();
  const paths = isNode(document.paths) ? document.paths : {};
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isNode(pathItem)) continue;
    const pathPointer = toPointer(['paths', path]);
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!isNode(operation) || !isNode(operation.responses)) continue;
      const items: ScopedItem[] = [];
      const add = (node: Node, pointer: string, kind: InferredItem['kind'], scope: Scope) => {
        if (node['x-inferred'] === true)
          items.push({ item: { pointer, kind, claim: claim(node) }, scope });
      };
      add(pathItem, `#${pathPointer}`, 'path', { on: 'path' });
      add(operation, `#${pathPointer}/${method}`, 'operation', { on: 'path' });
      for (const [status, reference] of Object.entries(operation.responses)) {
        const [pointer, response] = resolve(
          document,
          reference,
          `#${pathPointer}/${method}/responses/${status}`,
        );
        if (!response) continue;
        add(response, pointer, 'response', { on: 'response', status });
        for (const [name, header] of Object.entries(
          isNode(response.headers) ? response.headers : {},
        )) {
          const [headerPointer, resolved] = resolve(document, header, `${pointer}/headers/${name}`);
          if (resolved) add(resolved, headerPointer, 'header', { on: 'header', status, name });
        }
        for (const [mediaType, content] of Object.entries(
          isNode(response.content) ? response.content : {},
        )) {
          if (!isNode(content)) continue;
          const at = `${pointer}/content/${toPointer([mediaType]).slice(1)}/schema`;
          walkSchema(
            document,
            content.schema,
            at,
            [],
            (node, schemaPointer, instancePath, viaProperty) =>
              add(
                node,
                schemaPointer,
                viaProperty && !isComponent(schemaPointer) ? 'field' : 'schema',
                {
                  on: 'body',
                  status,
                  instancePath,
                },
              ),
          );
        }
      }
      index.set(`${method.toUpperCase()} ${path}`, dedupe(items));
    }
  }
  return index;
}

const isComponent = (pointer: string) => /^#\/components\/schemas\/[^/]+$/.test(pointer);

function claim(node: Node): string {
  const text = typeof node.description === 'string' ? node.description : '';
  const words = text
    .replace(/^[\s\S]*?Inferred:\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return words.length > 240 ? `${words.slice(0, 239)}…` : words;
}

/** Follows a local `$ref` (the bundled specs keep `#/components/…` references). */
function resolve(document: Node, node: unknown, pointer: string): [string, Node | undefined] {
  if (!isNode(node)) return [pointer, undefined];
  if (typeof node.$ref !== 'string' || !node.$ref.startsWith('#/')) return [pointer, node];
  let target: unknown = document;
  for (const segment of node.$ref.slice(2).split('/')) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    target = isNode(target) ? target[key] : undefined;
  }
  return [node.$ref, isNode(target) ? target : undefined];
}

type Visit = (node: Node, pointer: string, instancePath: string[], viaProperty: boolean) => void;

function walkSchema(
  document: Node,
  schema: unknown,
  pointer: string,
  instancePath: string[],
  visit: Visit,
  viaProperty = false,
  seen: ReadonlySet<string> = new Set(),
): void {
  const [at, node] = resolve(document, schema, pointer);
  if (!node || seen.has(at)) return;
  const inside = new Set([...seen, at]);
  visit(node, at, instancePath, viaProperty);
  const walk = (child: unknown, childPointer: string, path: string[], property = false) =>
    walkSchema(document, child, childPointer, path, visit, property, inside);
  for (const [name, property] of Object.entries(isNode(node.properties) ? node.properties : {})) {
    walk(property, `${at}/properties/${toPointer([name]).slice(1)}`, [...instancePath, name], true);
  }
  if (isNode(node.items)) walk(node.items, `${at}/items`, [...instancePath, '*']);
  if (isNode(node.additionalProperties)) {
    walk(node.additionalProperties, `${at}/additionalProperties`, [...instancePath, '*']);
  }
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    const members = node[keyword];
    if (!Array.isArray(members)) continue;
    for (const [i, member] of members.entries())
      walk(member, `${at}/${keyword}/${i}`, instancePath);
  }
}

function dedupe(items: ScopedItem[]): ScopedItem[] {
  const seen = new Set<string>();
  return items.filter(({ item, scope }) => {
    const key = `${item.pointer} ${JSON.stringify(scope)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Statuses that a gateway gives before any routing: they say nothing about a path. */
const SAYS_NOTHING_OF_PATH = new Set([401, 403, 407, 408, 429]);
const NO_SUCH_PATH = new Set([404, 405, 501]);

/** What one exchange says about one inferred item; undefined when it does not exercise it. */
export function judge({ scope }: ScopedItem, exchange: Exchange): Judgement | undefined {
  const { status, documented, findings } = exchange;
  const errors = findings.filter(
    (finding) => finding.in === 'response' && finding.kind !== 'undocumented-field',
  );
  switch (scope.on) {
    case 'path': {
      if (NO_SUCH_PATH.has(status) && !(documented && errors.length === 0)) {
        return {
          verdict: 'contradicted',
          detail: `answered ${status}, an answer this operation does not document: the provider has no such path`,
        };
      }
      if (status >= 500 || SAYS_NOTHING_OF_PATH.has(status) || NO_SUCH_PATH.has(status)) {
        return {
          verdict: 'inconclusive',
          detail: `answered ${status}, which does not tell whether the path exists`,
        };
      }
      return { verdict: 'confirmed', detail: `answered ${status}` };
    }
    case 'response':
      if (documented !== scope.status) return undefined;
      return errors.length === 0
        ? { verdict: 'confirmed', detail: `answered ${status} as documented` }
        : { verdict: 'contradicted', detail: `answered ${status}: ${describe(errors)}` };
    case 'header': {
      if (documented !== scope.status) return undefined;
      const name = scope.name.toLowerCase();
      if (exchange.headers[name] === undefined) return undefined;
      const wrong = errors.filter((finding) => finding.pointer.toLowerCase().endsWith(`/${name}`));
      return wrong.length === 0
        ? { verdict: 'confirmed', detail: `answered ${status} with ${scope.name}` }
        : { verdict: 'contradicted', detail: `answered ${status}: ${describe(wrong)}` };
    }
    case 'body':
      if (documented !== scope.status) return undefined;
      return judgeBody(scope.instancePath, exchange, errors);
  }
}

function judgeBody(
  instancePath: string[],
  exchange: Exchange,
  errors: Finding[],
): Judgement | undefined {
  const locations = locate(exchange.body, instancePath, []);
  const where = (path: string[]) => toPointer(['body', ...path]);
  if (locations.length === 0) {
    const parent = where(instancePath.slice(0, -1));
    const name = instancePath.at(-1);
    const missing = errors.filter(
      (finding) =>
        finding.pointer === parent && finding.expected.includes(`required property '${name}'`),
    );
    return missing.length > 0
      ? { verdict: 'contradicted', detail: `answered ${exchange.status}: ${describe(missing)}` }
      : undefined;
  }
  const wrong = errors.filter((finding) =>
    locations.some(
      (path) => finding.pointer === where(path) || finding.pointer.startsWith(`${where(path)}/`),
    ),
  );
  return wrong.length === 0
    ? {
        verdict: 'confirmed',
        detail: `answered ${exchange.status}; ${where(instancePath)} as documented`,
      }
    : { verdict: 'contradicted', detail: `answered ${exchange.status}: ${describe(wrong)}` };
}

/** The concrete locations in a value that an instance path with `*` wildcards names. */
function locate(value: unknown, instancePath: string[], at: string[]): string[][] {
  if (value === undefined) return [];
  const [head, ...rest] = instancePath;
  if (head === undefined) return [at];
  if (typeof value !== 'object' || value === null) return [];
  const entries =
    head === '*'
      ? Object.entries(value)
      : Object.hasOwn(value, head)
        ? [[head, (value as Node)[head]] as const]
        : [];
  return entries.flatMap(([key, child]) => locate(child, rest, [...at, String(key)]));
}

const describe = (findings: Finding[]) =>
  findings.map((finding) => `${finding.pointer} ${finding.expected}`).join('; ');
