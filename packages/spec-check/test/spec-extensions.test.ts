// biome-ignore-all lint/suspicious/noExplicitAny: a parsed spec is untyped YAML, edited in place here
// The checks `pnpm lint:specs` and `pnpm generate` run on the spec's telcopay extensions: an
// unkeyed-money operation names its requestIds, a parameter's `x-telcopay` names an input field,
// `info.x-telcopay.sdkEnvironments` names environments the spec has, and a schema's
// `x-telcopay` names the type it is exported as.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Loaded by URL: the scripts are plain JavaScript, outside the typed program.
const script = (file: string) => import(new URL(`../../../scripts/${file}`, import.meta.url).href);
const { providerManifest } = await script('manifest.mjs');
const { extensionProblems, namedSchemaTypes, operationFacts } = await script('x-telcopay.js');

type Spec = Record<string, any>;

function spec(api: string): Spec {
  return parse(
    readFileSync(new URL(`../../../specs/${api}/openapi.yaml`, import.meta.url), 'utf8'),
  );
}

/** Follows a local `$ref` (`#/components/…`). */
const resolver = (document: Spec) => (node: any) =>
  typeof node?.$ref === 'string'
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((at: any, key: string) => at?.[key], document)
    : node;

/** The problems of one operation's extension, as the lint finds them. */
function problemsOf(document: Spec, path: string, method: string) {
  const pathItem = document.paths[path];
  const operation = pathItem[method];
  const operationIds = new Set(
    Object.values(document.paths).flatMap((item: any) =>
      Object.values(item).map((op: any) => op?.operationId),
    ),
  );
  const facts = operationFacts(operation, pathItem, resolver(document));
  return extensionProblems(operation['x-telcopay'], facts, operationIds);
}

describe('the x-telcopay extension of an operation', () => {
  it('passes for QvaTel sendRecharge as written, with its requestIds', () => {
    const document = spec('qvatel');
    expect(document.paths['/recharge/send'].post['x-telcopay'].requestIds).toEqual([
      'destino',
      'monto',
    ]);
    expect(problemsOf(document, '/recharge/send', 'post')).toEqual([]);
  });

  it('fails an unkeyed-money operation without requestIds, or with a field it does not send', () => {
    const document = spec('qvatel');
    const extension = document.paths['/recharge/send'].post['x-telcopay'];
    delete extension.requestIds;
    expect(problemsOf(document, '/recharge/send', 'post')).toEqual([
      { path: ['requestIds'], message: expect.stringContaining('names its `requestIds`') },
    ]);
    extension.requestIds = ['destino', 'telefono'];
    expect(problemsOf(document, '/recharge/send', 'post')).toEqual([
      { path: ['requestIds'], message: expect.stringContaining('`telefono` is not a body field') },
    ]);
  });

  it("fails a parameter whose x-telcopay does not name the method input's field", () => {
    const document = spec('tigo-b2b-billing');
    const path = '/customers/{idType}/{identification}/contracts';
    expect(problemsOf(document, path, 'get')).toEqual([]);
    const page = document.paths[path].get.parameters
      .map(resolver(document))
      .find((parameter: any) => parameter.name === 'reg_ini');
    expect(page['x-telcopay']).toEqual({ input: 'page' });
    page['x-telcopay'] = { input: 'reg-ini' };
    expect(problemsOf(document, path, 'get')).toEqual([
      { path: ['parameters', 'reg_ini'], message: expect.stringContaining('{ input: <field> }') },
    ]);
  });
});

describe("the manifest's sdkEnvironments", () => {
  it("maps the SDK's sandbox to MasStack's staging, as its spec says", () => {
    const { problems, manifest } = providerManifest('masstack-partners', spec('masstack-partners'));
    expect(problems).toEqual([]);
    expect(manifest.sdkEnvironments).toMatchObject({ sandbox: 'staging' });
  });

  it('fails an environment the spec does not have', () => {
    const document = spec('masstack-partners');
    document.info['x-telcopay'].sdkEnvironments = { production: 'prd' };
    const { problems } = providerManifest('masstack-partners', document);
    expect(problems).toEqual([expect.stringContaining('prd')]);
  });
});

describe("a schema's x-telcopay: the type the package exports for it", () => {
  it('names the exported types of Tigo, in the spec’s order, with the schema they alias', () => {
    const { types, problems } = namedSchemaTypes(spec('tigo-b2b-billing'));
    expect(problems).toEqual([]);
    const pairs = Object.fromEntries(types.map(({ type, schema }: any) => [type, schema]));
    expect(pairs).toMatchObject({ Bill: 'BillList', BillPayment: 'Payment' });
    expect(pairs.ContractsItem).toBe('contractsItem');
  });

  it("is exported from the package's generated types.ts, documented by the schema's description", () => {
    const generated = readFileSync(
      new URL('../../tigo-b2b-billing/src/generated/types.ts', import.meta.url),
      'utf8',
    );
    const { description } = spec('tigo-b2b-billing').components.schemas.BillList;
    expect(generated).toContain(
      `/** ${description.trim()} */\nexport type Bill = components['schemas']['BillList'];`,
    );
  });

  it('fails a name that is not a type name, an unknown field, or a name taken twice', () => {
    const document = spec('qvatel');
    const schemas = document.components.schemas;
    schemas.RechargeStatus['x-telcopay'] = { type: 'RechargeSent' };
    schemas.RechargeBalance['x-telcopay'] = { type: 'recharge-balance' };
    schemas.Monto['x-telcopay'] = { type: 'Monto', export: true };
    const at = (schema: string) => ['components', 'schemas', schema, 'x-telcopay'];
    expect(namedSchemaTypes(document).problems).toEqual([
      { path: at('Monto'), message: expect.stringContaining('{ type: <TypeName> }') },
      { path: [...at('RechargeStatus'), 'type'], message: expect.stringContaining('Another') },
      { path: at('RechargeBalance'), message: expect.stringContaining('{ type: <TypeName> }') },
    ]);
  });
});
