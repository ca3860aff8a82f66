// Bundle size: min+gzip (esbuild, gzip -9) of a one-call app per provider — it builds the client
// and sends the scenario's operation — against the same one-call app written with bare
// openapi-fetch, with ky and with @hey-api/client-fetch; and of an app that uses the SDK with
// only QvaTel, against the app that builds the QvaTel client. Where the bytes go comes from
// bundling again with one dependency left out (its share is the difference), and from esbuild's
// metafile (the largest modules, minified, before gzip).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { factoryName } from './providers.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { formatBytes } from './table.mjs';
import { kyOptions } from './variants.mjs';

const SECTION = 'bundle size (min+gzip)';
const PROVIDER_TARGET_BYTES = 6_000;
const SDK_EXTRA_TARGET_BYTES = 1_000;
const LARGEST_MODULES = 4;
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const FORM = 'application/x-www-form-urlencoded';

/** jose signs Stone's client assertions: the target does not count it. */
const JOSE = ['jose'];
const OPENAPI_FETCH = ['openapi-fetch'];
const CORE = ['@telcopay/core', '@telcopay/core/*'];

/** The one-call apps of a scenario, by what they are written with. */
function oneCallApps({ api, operation, request }) {
  const { method, path, headers, safety } = request;
  const literal = JSON.stringify;
  const heyApiSerialiser =
    headers['Content-Type'] === FORM ? '...urlSearchParamsBodySerializer, ' : '';
  return {
    telcopay: `import { ${factoryName(api)} as create } from '@telcopay/${api}';
export default (options, input) => create(options).${operation}(input);
`,
    'openapi-fetch': `import createClient from 'openapi-fetch';
export default (options, init) => createClient(options).${method}(${literal(path)}, init);
`,
    ky: `import ky from 'ky';
export default (prefixUrl, url, options) =>
  ky(url, { prefixUrl, method: ${literal(method.toLowerCase())}, ...${literal(kyOptions(safety))}, ...options }).then((response) => response.json());
`,
    '@hey-api/client-fetch': `import { createClient, createConfig, urlSearchParamsBodySerializer } from '@hey-api/client-fetch';
export default (config, options) =>
  createClient(createConfig(config)).${method.toLowerCase()}({ ${heyApiSerialiser}url: ${literal(path)}, ...options, headers: { 'Content-Type': ${literal(headers['Content-Type'])}, ...options.headers } });
`,
  };
}

/** The one-call app with `openTelemetry()` as its telemetry (the API, the adapter, no SDK). */
const tracedApp = (api, operation) =>
  `import { openTelemetry } from '@telcopay/core/opentelemetry';
import { ${factoryName(api)} as create } from '@telcopay/${api}';
export default (options, input) => create({ ...options, telemetry: openTelemetry() }).${operation}(input);
`;
const OTEL_API = ['@opentelemetry/api'];

/** An app whose only use of the package is the client factory (so the whole client stays). */
const factoryApp = (api) =>
  `import { ${factoryName(api)} as create } from '@telcopay/${api}';\nexport default (options) => create(options);\n`;
const SDK_QVATEL_APP =
  "import { createTelcopay, qvatel } from '@telcopay/sdk';\nexport default (environment, options) => createTelcopay({ environment, qvatel: qvatel(options) });\n";

async function bundle(app, external = []) {
  const result = await build({
    stdin: { contents: app, resolveDir: BENCH_DIR, sourcefile: 'app.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no bundle');
  const [{ inputs }] = Object.values(result.metafile.outputs);
  return { gzipped: gzipSync(output.contents, { level: 9 }).length, inputs };
}

const gzippedSize = async (app, external) => (await bundle(app, external)).gzipped;

/** The largest modules of a bundle, minified: `core/operations.js 2.90 kB, …`. */
function largestModules(inputs) {
  return Object.entries(inputs)
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
    .slice(0, LARGEST_MODULES)
    .map(([path, { bytesInOutput }]) => {
      const shortPath = path.replace(/^.*\/(packages|node_modules)\//, '').replace('/dist/', '/');
      return `${shortPath} ${formatBytes(bytesInOutput)}`;
    })
    .join(', ');
}

export async function measureProviderBundles() {
  const rows = [];
  for (const scenario of SCENARIOS) {
    const apps = oneCallApps(scenario);
    const references = {};
    for (const name of ['openapi-fetch', 'ky', '@hey-api/client-fetch']) {
      references[name] = await gzippedSize(apps[name]);
    }
    const app = apps.telcopay;
    const whole = await gzippedSize(app);
    const withoutJose = await bundle(app, JOSE);
    // Left out one after the other (core imports openapi-fetch), so the shares add up.
    const withoutOpenapiFetch = await gzippedSize(app, [...JOSE, ...OPENAPI_FETCH]);
    const clientOnly = await gzippedSize(app, [...JOSE, ...OPENAPI_FETCH, ...CORE]);
    const size = withoutJose.gzipped;
    const joseShare = whole - size;
    const base = `@telcopay/${scenario.api} one-call app`;
    const joseNote = joseShare > 0 ? ' (jose not counted)' : '';
    const versus = (reference) => ({
      section: SECTION,
      value: formatBytes(size),
      reference: `${formatBytes(references[reference])} (${reference} one-call app)`,
      ratio: size / references[reference],
    });
    rows.push(
      {
        ...versus('openapi-fetch'),
        name: `${base}${joseNote}`,
        target: `≤ ${formatBytes(PROVIDER_TARGET_BYTES)}`,
        met: size <= PROVIDER_TARGET_BYTES,
        note: `openapi-fetch ${formatBytes(size - withoutOpenapiFetch)}, core ${formatBytes(withoutOpenapiFetch - clientOnly)}, client ${formatBytes(clientOnly)}; largest minified: ${largestModules(withoutJose.inputs)}`,
      },
      { ...versus('ky'), name: `${base} against ky${joseNote}` },
      {
        ...versus('@hey-api/client-fetch'),
        name: `${base} against @hey-api/client-fetch${joseNote}`,
      },
    );
    const traced = await gzippedTraced(scenario);
    rows.push({
      section: SECTION,
      name: `${base} with openTelemetry()${joseNote}`,
      value: formatBytes(traced.whole),
      reference: `${formatBytes(size)} (the app without telemetry)`,
      ratio: traced.whole / size,
      note: `+${formatBytes(traced.whole - size)}: @opentelemetry/api ${formatBytes(traced.whole - traced.withoutApi)}, the adapter ${formatBytes(traced.withoutApi - size)}`,
    });
    if (joseShare > 0) {
      rows.push({
        section: SECTION,
        name: `jose's share of the @telcopay/${scenario.api} app`,
        value: formatBytes(joseShare),
        reference: `${formatBytes(whole)} (whole app)`,
        ratio: joseShare / whole,
      });
    }
  }
  return rows;
}

/** The traced one-call app, whole and with @opentelemetry/api left out (jose never counted). */
async function gzippedTraced({ api, operation }) {
  const app = tracedApp(api, operation);
  return {
    whole: await gzippedSize(app, JOSE),
    withoutApi: await gzippedSize(app, [...JOSE, ...OTEL_API]),
  };
}

export async function measureSdkBundle() {
  const row = {
    section: SECTION,
    name: '@telcopay/sdk app with only QvaTel',
    target: `≤ QvaTel-only app + ${formatBytes(SDK_EXTRA_TARGET_BYTES)}`,
  };
  if (!existsSync(fileURLToPath(import.meta.resolve('@telcopay/sdk')))) {
    return [{ ...row, value: 'not built', note: '@telcopay/sdk has no dist: build it first' }];
  }
  const sdk = await gzippedSize(SDK_QVATEL_APP);
  const qvatelOnly = await gzippedSize(factoryApp('qvatel'));
  return [
    {
      ...row,
      value: formatBytes(sdk),
      reference: `${formatBytes(qvatelOnly)} (QvaTel-only app)`,
      ratio: sdk / qvatelOnly,
      met: sdk - qvatelOnly <= SDK_EXTRA_TARGET_BYTES,
      note: `+${formatBytes(sdk - qvatelOnly)}`,
    },
  ];
}
