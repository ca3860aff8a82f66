// The files of a new provider package, like packages/qvatel's: the client on the generated
// operation table and manifest, an auth stub, and the contract suite against the shared mocks.

import { providerKey } from '../manifest.mjs';

/** `packages/<name>/…` → content, for API `name` with the spec's operations and credentials. */
export function packageFiles({ name, description, operations, credentials }) {
  const camel = providerKey(name);
  const pascal = camel[0].toUpperCase() + camel.slice(1);
  const constant = name.toUpperCase().replaceAll('-', '_');
  const names = { name, pascal, constant, camel };
  return {
    'package.json': `${JSON.stringify(packageJson(name, description), null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n`,
    'tsconfig.build.json': `${JSON.stringify(TSCONFIG_BUILD, null, 2)}\n`,
    'vitest.config.ts': VITEST_CONFIG,
    'src/index.ts': indexSource(names),
    'src/client.ts': clientSource(names, operations, credentials),
    'src/auth.ts': authSource(names, credentials),
    'test/contract.test.ts': contractSource(names, operations, credentials),
  };
}

function packageJson(name, description) {
  return {
    name: `@telcopay/${name}`,
    version: '0.0.0',
    description,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20.19' },
    publishConfig: { access: 'public' },
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    files: ['dist', '!dist/**/*.map'],
    scripts: {
      generate: `node ../../scripts/generate.mjs ${name}`,
      build: 'tsc -p tsconfig.build.json',
      typecheck: 'vitest run --typecheck.only',
      test: 'vitest run',
    },
    dependencies: { '@telcopay/core': 'workspace:*', 'openapi-fetch': 'catalog:' },
    devDependencies: {
      '@telcopay/mocks': 'workspace:*',
      '@telcopay/testing': 'workspace:*',
      '@types/node': 'catalog:',
      typescript: 'catalog:',
      vitest: 'catalog:',
    },
  };
}

const TSCONFIG = {
  extends: '../../tsconfig.base.json',
  compilerOptions: { rootDir: '.', outDir: 'dist', types: ['node'] },
  include: ['src', 'test'],
};
const TSCONFIG_BUILD = {
  extends: './tsconfig.json',
  compilerOptions: { rootDir: 'src', declarationMap: false, sourceMap: false },
  include: ['src'],
};
const VITEST_CONFIG = `import { telcopayVitestConfig } from '@telcopay/testing/vitest';

export default telcopayVitestConfig({ mocks: true, typeTests: true });
`;

function indexSource({ pascal, constant }) {
  return `// The error classes every method may throw, so callers need no second import.

export type { CallOptions, LogEntry, Logger } from '@telcopay/core';
export * from '@telcopay/core/errors';
export { create${pascal}Client, type ${pascal}Client, type ${pascal}ClientOptions } from './client.js';
/** The provider's manifest: name, currency, mock port, environments, secret names. */
export {
  ENVIRONMENTS as ${constant}_ENVIRONMENTS,
  type Environment as ${pascal}Environment,
  MANIFEST as ${constant}_MANIFEST,
} from './generated/manifest.js';
export type { components, operations, paths } from './generated/schema.js';
export type * from './generated/types.js';
`;
}

function clientSource({ pascal, camel }, operations, credentials) {
  const options = credentials
    .map(
      ({ option }) =>
        `  /** A credential: redacted from every error and log entry. */\n  ${option}: string;\n`,
    )
    .join('');
  const required = credentials
    .map(({ option }) => `  requireCredential(MANIFEST.name, '${option}', options.${option});\n`)
    .join('');
  const definitions = operations
    .map(({ operationId, method, summary, takesInput }) => {
      const definition = takesInput
        ? `{ request: specInput<operations['${operationId}']>() }`
        : '{}';
      return `  /** ${summary ?? operationId}. */\n  ${method}: ${definition},\n`;
    })
    .join('');
  return `import {
  type ClientOptions,
  clientMethods,
  type MethodDefinitions,
  manifestRuntime,
  requireCredential,
  specInput,
} from '@telcopay/core';
import { ${camel}Auth } from './auth.js';
import { type Environment, MANIFEST } from './generated/manifest.js';
import { OPERATIONS } from './generated/operations.js';
import type { operations, paths } from './generated/schema.js';

export interface ${pascal}ClientOptions extends ClientOptions<Environment> {
${options}}

// Core sends each operation as its table says (safety, keys, reconciliation, parameters and
// their checks); each method takes its spec's input (parameters by name, and \`body\`). Replace
// an input with the method's own, and add its checks and the provider's quirks, here.
const METHODS = {
${definitions}} satisfies MethodDefinitions<paths, typeof OPERATIONS>;

export function create${pascal}Client(options: ${pascal}ClientOptions) {
${required}  const runtime = manifestRuntime<paths, Environment>(MANIFEST, options, ${camel}Auth(options));
  return { raw: runtime.raw, ...clientMethods(runtime, OPERATIONS, METHODS) };
}

export type ${pascal}Client = ReturnType<typeof create${pascal}Client>;
`;
}

function authSource({ pascal, camel }, credentials) {
  const places = { header: [], query: [] };
  for (const credential of credentials) {
    const value = credential.bearer
      ? `\`Bearer \${options.${credential.option}}\``
      : `options.${credential.option}`;
    places[credential.in === 'query' ? 'query' : 'header'].push(`'${credential.name}': ${value}`);
  }
  const parts = Object.entries(places)
    .filter(([, entries]) => entries.length > 0)
    .map(
      ([place, entries]) =>
        `${place === 'header' ? 'headers' : 'query'}: { ${entries.join(', ')} }`,
    );
  const optionNames = credentials.map(({ option }) => `'${option}'`).join(' | ') || 'never';
  return `import type { AuthStrategy, Credentials } from '@telcopay/core';
import type { ${pascal}ClientOptions } from './client.js';

/**
 * The provider's auth, as its security schemes say: each credential where its scheme puts it.
 * A token endpoint, a signature or another quirk goes here, as in the other packages' auth.ts.
 */
export function ${camel}Auth(options: Pick<${pascal}ClientOptions, ${optionNames}>): AuthStrategy {
  const credentials: Credentials = { ${parts.join(', ')} };
  return {
    secrets: [${credentials.map(({ option }) => `options.${option}`).join(', ')}],
    authorize: () => credentials,
  };
}
`;
}

function contractSource({ name, pascal }, operations, credentials) {
  const options = credentials
    .map(({ option }) => `${option}: 'contract-test-${option}', `)
    .join('');
  const calls = operations
    .map(({ operationId, method, input, takesInput }) => {
      const args = takesInput ? `${JSON.stringify(input)}, call` : 'call';
      return `    ${operationId}: (client, call) => client.${method}(${args}),\n`;
    })
    .join('');
  return `import { describeContract } from '@telcopay/testing';
import { create${pascal}Client, type ${pascal}Client } from '../src/index.js';

// Every operation × documented status × named example against the run's shared Prism mock.
describeContract<${pascal}Client>({
  api: '${name}',
  createClient: (baseUrl) => create${pascal}Client({ ${options}baseUrl }),
  calls: {
${calls}  },
});
`;
}
