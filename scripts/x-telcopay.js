// `x-telcopay`: what every operation of a spec declares about how telcopay runs it.
//
//   x-telcopay:
//     method: confirm                # the client method that sends it
//     safety: keyed                  # read | keyed | unkeyed-money
//     key: { in: header, name: x-stone-idempotency-key }     # keyed only: where the key goes
//     correlation: { in: header, name: Request-Correlation-Id }  # optional: a per-call id
//     reconcile: { operation: getRechargeBalance, advice: … }  # unkeyed-money only
//     requestIds: [destino, monto]   # unkeyed-money only: the request's fields (body fields or
//                                    # parameters) that identify it for reconciliation
//
// A path or query parameter may carry `x-telcopay: { input: page }`: the method input's field
// that holds it, when not its own name. Its schema says how core checks it (parameterContracts).
// A schema of `components.schemas` may carry `x-telcopay: { type: Bill }`: the name of the
// TypeScript type the package exports for it (src/generated/types.ts).
//
// `read`: sending it again has no further effect (reads, simulations, token requests, whole
// state replacements and deletes); `keyed`: it has an effect, and an idempotency key or a
// caller-unique id makes a second send the same request; `unkeyed-money`: money moves and
// nothing makes a second send harmless, so it is never sent twice.
//
// The default export is the Redocly plugin whose rule `telcopay-contract/x-telcopay` lints
// it (redocly.yaml); scripts/generate.mjs reads it with the same checks.

export const SAFETIES = ['read', 'keyed', 'unkeyed-money'];
const KEY_PLACES = ['header', 'body'];
const FIELDS = ['method', 'safety', 'key', 'correlation', 'reconcile', 'requestIds'];
const METHOD_NAME = /^[a-z][A-Za-z0-9]*$/;
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/**
 * What an operation offers that its extension may name: its header parameters (lower-cased),
 * the fields of its request body, and the body's media type. `resolve` follows a `$ref`.
 */
export function operationFacts(operation, pathItem, resolve) {
  const parameters = [...(pathItem?.parameters ?? []), ...(operation.parameters ?? [])].map(
    resolve,
  );
  const requestBody = operation.requestBody ? resolve(operation.requestBody) : undefined;
  const [contentType, media] = Object.entries(requestBody?.content ?? {})[0] ?? [];
  const schema = media?.schema ? resolve(media.schema) : undefined;
  return {
    headers: new Set(
      parameters.filter((p) => p?.in === 'header').map((p) => String(p.name).toLowerCase()),
    ),
    headerSchemas: new Map(
      parameters
        .filter((p) => p?.in === 'header')
        .map((p) => [String(p.name).toLowerCase(), p.schema ? resolve(p.schema) : {}]),
    ),
    bodyFields: new Set(Object.keys(schema?.properties ?? {})),
    contentType,
    parameters: parameters
      .filter((p) => p?.in === 'path' || p?.in === 'query')
      .map((p) => ({ ...p, schema: p.schema ? resolve(p.schema) : undefined })),
  };
}

/**
 * The path and query parameters as core maps a method's input to them: the input field, and
 * the check the schema implies (`minLength` text, a number, a boolean, an `enum`, a `default`).
 */
export function parameterContracts(facts) {
  return facts.parameters.map(({ name, in: place, required, schema = {}, ...parameter }) => {
    const input = parameter['x-telcopay']?.input;
    const number = schema.type === 'number' || schema.type === 'integer';
    const check =
      schema.type === 'string' && schema.minLength >= 1
        ? 'text'
        : schema.type === 'boolean'
          ? 'flag'
          : number && !schema.enum
            ? required
              ? 'id'
              : 'count'
            : undefined;
    return {
      name,
      in: place,
      ...(input ? { input } : {}),
      ...(required ? { required: true } : {}),
      ...(check ? { check } : {}),
      ...(schema.enum ? { oneOf: schema.enum } : {}),
      ...(schema.default !== undefined ? { default: schema.default } : {}),
    };
  });
}

/**
 * The problems of one operation's extension, as `{ path, message }` (`path` within the
 * extension); none when it is valid. `operationIds` are the spec's, for `reconcile.operation`.
 */
export function extensionProblems(extension, facts, operationIds) {
  if (typeof extension !== 'object' || extension === null || Array.isArray(extension)) {
    return [{ path: [], message: 'Every operation needs `x-telcopay` (method, safety).' }];
  }
  const problems = [];
  const problem = (path, message) => problems.push({ path, message });
  for (const field of Object.keys(extension)) {
    if (!FIELDS.includes(field)) problem([field], `Unknown field; known: ${FIELDS.join(', ')}.`);
  }
  const { method, safety, key, correlation, reconcile, requestIds } = extension;
  if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
    problem(['method'], '`method` must be the client method name, e.g. `sendRecharge`.');
  }
  if (!SAFETIES.includes(safety)) {
    problem(['safety'], `\`safety\` must be one of ${SAFETIES.join(', ')}.`);
  }
  if (safety === 'keyed') {
    checkPlace(key, ['key'], problem, facts, true);
  } else if (key !== undefined) {
    problem(['key'], '`key` belongs to a `keyed` operation only.');
  }
  if (correlation !== undefined) checkPlace(correlation, ['correlation'], problem, facts, false);
  if (safety === 'unkeyed-money') {
    checkReconcile(reconcile, problem, operationIds);
    checkRequestIds(requestIds, problem, facts);
  } else {
    for (const field of ['reconcile', 'requestIds']) {
      if (extension[field] !== undefined) {
        problem([field], `\`${field}\` belongs to an \`unkeyed-money\` operation only.`);
      }
    }
  }
  for (const parameter of facts.parameters ?? []) {
    const input = parameter['x-telcopay']?.input;
    if (parameter['x-telcopay'] !== undefined && !METHOD_NAME.test(input ?? '')) {
      problem(
        ['parameters', parameter.name],
        `Parameter \`${parameter.name}\`: its \`x-telcopay\` is \`{ input: <field> }\`, the method input's field.`,
      );
    }
  }
  return problems;
}

/** A key or correlation id: a header parameter the operation declares, or a body field. */
function checkPlace(place, path, problem, facts, bodyAllowed) {
  const places = bodyAllowed ? KEY_PLACES : ['header'];
  if (typeof place !== 'object' || place === null || !places.includes(place.in)) {
    problem(path, `\`${path[0]}\` needs \`in\` (${places.join(' or ')}) and \`name\`.`);
    return;
  }
  const { name } = place;
  const declared =
    place.in === 'header'
      ? facts.headers.has(String(name).toLowerCase())
      : facts.bodyFields.has(name);
  if (typeof name !== 'string' || !declared) {
    problem(
      [...path, 'name'],
      `\`${name}\` is not a ${place.in === 'header' ? 'header parameter' : 'request body field'} of this operation.`,
    );
  }
}

function checkReconcile(reconcile, problem, operationIds) {
  if (typeof reconcile !== 'object' || reconcile === null) {
    problem(['reconcile'], 'An `unkeyed-money` operation needs `reconcile` (operation, advice).');
    return;
  }
  if (reconcile.operation !== undefined && !operationIds.has(reconcile.operation)) {
    problem(['reconcile', 'operation'], `\`${reconcile.operation}\` is not an operation here.`);
  }
  if (typeof reconcile.advice !== 'string' || reconcile.advice.trim() === '') {
    problem(['reconcile', 'advice'], '`advice` must say what to do before sending it again.');
  }
}

/** What identifies an unkeyed-money request, for reconciling a lost answer: its own fields. */
function checkRequestIds(requestIds, problem, facts) {
  if (!Array.isArray(requestIds) || requestIds.length === 0) {
    problem(
      ['requestIds'],
      'An `unkeyed-money` operation names its `requestIds` (request fields).',
    );
    return;
  }
  const known = new Set([...facts.bodyFields, ...facts.parameters.map(({ name }) => name)]);
  for (const name of requestIds) {
    if (!known.has(name)) {
      problem(['requestIds'], `\`${name}\` is not a body field or parameter of this operation.`);
    }
  }
}

const TYPE_NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * The schemas the package exports as named types, `{ type, schema }` in the spec's order, and
 * the problems of their extensions (`{ path, message }`, from the document root).
 */
export function namedSchemaTypes(document) {
  const types = [];
  const problems = [];
  const seen = new Set();
  for (const [schema, node] of Object.entries(document.components?.schemas ?? {})) {
    const extension = node?.['x-telcopay'];
    if (extension === undefined) continue;
    const path = ['components', 'schemas', schema, 'x-telcopay'];
    const { type, ...rest } = typeof extension === 'object' && extension !== null ? extension : {};
    if (!TYPE_NAME.test(type ?? '') || Object.keys(rest).length > 0) {
      problems.push({
        path,
        message: "A schema's `x-telcopay` is `{ type: <TypeName> }`: the name it is exported as.",
      });
    } else if (seen.has(type)) {
      problems.push({
        path: [...path, 'type'],
        message: `Another schema is exported as \`${type}\`.`,
      });
    } else {
      seen.add(type);
      types.push({ type, schema, description: node.description });
    }
  }
  return { types, problems };
}

/** The lint rule: every operation has a valid extension, and no two name the same method. */
function xTelcopayRule() {
  const operations = [];
  return {
    PathItem: {
      Operation: {
        enter(operation, ctx, parents) {
          const resolve = (node) => ctx.resolve(node).node;
          const facts = operationFacts(operation, parents.PathItem, resolve);
          operations.push({ operation, facts, location: ctx.location, report: ctx.report });
        },
      },
    },
    Root: {
      leave(document, ctx) {
        for (const { path, message } of namedSchemaTypes(document).problems) {
          ctx.report({ message, location: ctx.location.child(path) });
        }
        const operationIds = new Set(operations.map(({ operation }) => operation.operationId));
        const methods = new Set();
        for (const { operation, facts, location, report } of operations) {
          const extension = operation['x-telcopay'];
          const at = extension === undefined ? location : location.child(['x-telcopay']);
          for (const { path, message } of extensionProblems(extension, facts, operationIds)) {
            report({ message, location: path.length ? at.child(path) : at });
          }
          const method = extension?.method;
          if (methods.has(method)) {
            report({ message: `Another operation is method \`${method}\`.`, location: at });
          }
          methods.add(method);
        }
      },
    },
  };
}

export default function telcopayContractPlugin() {
  return {
    id: 'telcopay-contract',
    rules: { oas3: { 'x-telcopay': xTelcopayRule } },
  };
}
