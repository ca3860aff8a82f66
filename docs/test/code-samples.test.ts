import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { docSamples } from '@telcopay/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { parse } from 'yaml';

// Every TypeScript sample the reference shows (docs/redocly/code-sample.js), and every ```ts
// block of the guides, compiles under the repository's strict settings against the workspace's
// packages, as a reader would paste it: a sample with a wrong method, input shape or option
// fails here. (The SDK's consumer test compiles and runs the guides' samples from the packed
// packages too.)

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
/**
 * What the guides' samples import besides telcopay: MSW (the in-process mocks) and the
 * OpenTelemetry SDK (the observability guide).
 */
const GUIDE_DEPENDENCIES = [
  'msw',
  'msw/node',
  '@opentelemetry/api',
  '@opentelemetry/context-async-hooks',
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/sdk-trace-base',
];
/** A dependency's declarations, beside its entry point (the samples' folder has no node_modules). */
const typesOf = (name: string) => require.resolve(name).replace(/\.(m?)js$/, '.d.$1ts');
/** Compiling every client's sources, on a busy 2-core machine. */
const TIMEOUT = 240_000;

const apiNames = Object.keys(
  parse(readFileSync(join(root, 'redocly.yaml'), 'utf8')).apis as Record<string, unknown>,
);

/** Each API's bundled spec, as its reference page renders it. */
let specs: Map<string, { servers?: { url: string; description?: string; variables?: object }[] }>;

interface Sample {
  api: string;
  operationId: string;
  file: string;
}

let dir: string;
let samples: Sample[];
/** The guides' samples, by their file in `dir`. */
let guideSamples: { file: string; guide: string; line: number }[];
/** tsc's diagnostics, by sample file name; a file without any compiled cleanly. */
let diagnostics: Map<string, string[]>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'telcopay-code-samples-'));
  const bundles = apiNames.map((api) => renderedSpec(api));
  specs = new Map(bundles.map(({ api, spec }) => [api, spec]));
  samples = bundles.flatMap(({ api, spec }) => writeSamples(api, spec));
  guideSamples = writeGuideSamples();
  writeCanary(samples[0]);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(root, 'tsconfig.base.json'),
      compilerOptions: {
        noEmit: true,
        // The guides' samples read process.env; the samples' folder is outside the workspace.
        types: ['node'],
        typeRoots: [join(root, 'docs/node_modules/@types')],
        // The workspace's packages, from their sources: no build needed before this test; and
        // the OpenTelemetry SDK the observability guide imports, from this package's own.
        paths: {
          '@telcopay/core/*': [join(root, 'packages/core/src/*.ts')],
          '@telcopay/mocks': [join(root, 'mocks/src/index.ts')],
          '@telcopay/mocks/*': [join(root, 'mocks/src/*/index.ts')],
          '@telcopay/*': [join(root, 'packages/*/src/index.ts')],
          ...Object.fromEntries(GUIDE_DEPENDENCIES.map((name) => [name, [typesOf(name)]])),
        },
      },
      files: [
        ...samples.map((sample) => sample.file),
        ...guideSamples.map((sample) => sample.file),
        CANARY,
      ],
    }),
  );
  diagnostics = await compile();
}, TIMEOUT);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The API's spec bundled with the docs decorators, read from its page in the built site (the
 * docs' `build`, which turbo runs before this test): the very document Redoc renders, with no
 * second bundle of it here.
 */
function renderedSpec(api: string) {
  const page = join(root, 'docs/site', api, 'index.html');
  if (!existsSync(page)) throw new Error(`${page} is missing: build the docs first (pnpm docs)`);
  const definition = /const __redoc_definition = (.*);\n/.exec(readFileSync(page, 'utf8'))?.[1];
  if (!definition) throw new Error(`${page} embeds no spec for Redoc to render`);
  return { api, spec: JSON.parse(definition) };
}

/** Writes each operation's telcopay sample to its own module. */
function writeSamples(api: string, spec: { paths: Record<string, Record<string, unknown>> }) {
  return Object.values(spec.paths)
    .flatMap((item) => METHODS.map((method) => item[method]).filter(Boolean))
    .flatMap((operation) => {
      const { operationId, 'x-codeSamples': codeSamples = [] } = operation as {
        operationId: string;
        'x-codeSamples'?: { label: string; lang: string; source: string }[];
      };
      return codeSamples
        .filter((sample) => sample.label === 'telcopay' && sample.lang === 'TypeScript')
        .map((sample) => {
          const file = `${api}.${operationId}.ts`;
          writeFileSync(join(dir, file), sample.source);
          return { api, operationId, file };
        });
    });
}

/** Writes each ```ts block of each guide to a module of its own. */
function writeGuideSamples() {
  const guides = join(root, 'docs/guides');
  return readdirSync(guides)
    .filter((name) => name.endsWith('.md'))
    .flatMap((name) => docSamples(root, join(guides, name)))
    .map((sample) => {
      const file = `guide.${sample.name}.ts`;
      writeFileSync(join(dir, file), `${sample.code}\nexport {};\n`);
      return { file, guide: sample.file, line: sample.line };
    });
}

/**
 * A sample calling a method its client does not have: it must fail, which proves the samples
 * are checked against the real client types (an unresolved package would make them `any`).
 */
const CANARY = 'canary.ts';
function writeCanary(sample: Sample | undefined) {
  if (!sample) throw new Error('no code sample to copy');
  const source = readFileSync(join(dir, sample.file), 'utf8');
  writeFileSync(join(dir, CANARY), source.replace(/\.(\w+)\(([^()]*)\);\n$/, '.$1Nowhere($2);\n'));
}

/** Runs tsc once over every sample; its diagnostics grouped by the sample they are in. */
async function compile(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const result = await run(
    process.execPath,
    [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'],
    {
      cwd: dir,
    },
  ).catch((error: { stdout?: string; code?: number }) => {
    if (typeof error.stdout !== 'string' || error.code !== 2) throw error;
    return { stdout: error.stdout };
  });
  for (const line of result.stdout.split('\n').filter((text) => /\(\d+,\d+\): error /.test(text))) {
    const file = line.slice(0, line.indexOf('('));
    found.set(file, [...(found.get(file) ?? []), line]);
  }
  return found;
}

describe.each(apiNames)('the code samples of the %s reference', (api) => {
  it('are one telcopay TypeScript sample per operation', ({ expect }) => {
    const spec = parse(readFileSync(join(root, `specs/${api}/openapi.yaml`), 'utf8'));
    const operationIds = Object.values(spec.paths as Record<string, Record<string, unknown>>)
      .flatMap((item) => METHODS.map((method) => item[method]).filter(Boolean))
      .map((operation) => (operation as { operationId: string }).operationId);
    expect(samples.filter((sample) => sample.api === api).map((s) => s.operationId)).toEqual(
      operationIds,
    );
  });

  it('compile under strict against the workspace packages', ({ expect }) => {
    const errors = samples
      .filter((sample) => sample.api === api)
      .flatMap((sample) => diagnostics.get(sample.file) ?? []);
    expect(errors).toEqual([]);
  });
});

describe.each(apiNames)('the servers of the %s reference', (api) => {
  it('are described in plain text, as Redoc shows them, the inferred ones flagged', ({
    expect,
  }) => {
    const servers = specs.get(api)?.servers ?? [];
    const descriptions = servers.flatMap((server) => [
      server.description ?? '',
      ...Object.values(server.variables ?? {}).map(
        (variable: { description?: string }) => variable.description ?? '',
      ),
    ]);
    for (const text of descriptions) expect(text).not.toMatch(/\*\*|`|\]\(/);
    const source = parse(readFileSync(join(root, `specs/${api}/openapi.yaml`), 'utf8'));
    if (JSON.stringify(source.servers).includes('"x-inferred":true')) {
      expect(descriptions.some((text) => text.startsWith('⚠ Inferred: '))).toBe(true);
    }
  });

  it('list the local mock, after the provider’s own', ({ expect }) => {
    const source = parse(readFileSync(join(root, `specs/${api}/openapi.yaml`), 'utf8'));
    const port = source.info['x-telcopay'].mockPort;
    expect(specs.get(api)?.servers?.at(-1)).toEqual({
      url: `http://127.0.0.1:${port}`,
      description: 'Local mock: npx telcopay-mocks (package @telcopay/mocks)',
    });
  });
});

describe('the code samples of the guides', () => {
  it('are there', ({ expect }) => {
    expect(guideSamples.map((sample) => sample.guide)).toContain('docs/guides/getting-started.md');
  });

  it('compile under strict against the workspace packages', ({ expect }) => {
    const errors = guideSamples.flatMap((sample) =>
      (diagnostics.get(sample.file) ?? []).map(
        (error) => `${sample.guide}:${sample.line}: ${error}`,
      ),
    );
    expect(errors).toEqual([]);
  });
});

it('fails a sample that calls a method its client does not have', ({ expect }) => {
  expect(diagnostics.get(CANARY)?.join('\n')).toMatch(/error TS2551|error TS2339/);
});

it('finds no error outside the samples (the packages compile as the samples see them)', ({
  expect,
}) => {
  const sampleFiles = new Set([
    ...samples.map((sample) => sample.file),
    ...guideSamples.map((sample) => sample.file),
    CANARY,
  ]);
  expect([...diagnostics.keys()].filter((file) => !sampleFiles.has(file))).toEqual([]);
});
