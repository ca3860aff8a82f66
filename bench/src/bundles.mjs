// Bundle size: min+gzip (esbuild, gzip -9) of an app that builds one provider's client, against
// an app that builds a bare openapi-fetch client; and of an app that uses the SDK with only
// QvaTel, against the QvaTel-only app. Where the bytes go comes from bundling again with one
// dependency left out (its share is the difference).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { formatBytes } from './table.mjs';

const SECTION = 'bundle size (min+gzip)';
const PROVIDER_TARGET_BYTES = 6_000;
const SDK_EXTRA_TARGET_BYTES = 1_000;
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** jose signs Stone's client assertions: the target does not count it. */
const JOSE = ['jose'];
const OPENAPI_FETCH = ['openapi-fetch'];
const CORE = ['@telcopay/core', '@telcopay/core/*'];

const PROVIDER_FACTORIES = {
  'chinchin-cps': 'createChinchinCpsClient',
  qvatel: 'createQvatelClient',
  'tigo-b2b-billing': 'createTigoB2bBillingClient',
  'masstack-partners': 'createMasstackPartnersClient',
  'stone-topups': 'createStoneTopupsClient',
};

/** An app whose only use of the package is the client factory (so the whole client stays). */
const providerApp = (api) =>
  `import { ${PROVIDER_FACTORIES[api]} as create } from '@telcopay/${api}';\nexport default (options) => create(options);\n`;
const BARE_APP =
  "import createClient from 'openapi-fetch';\nexport default (options) => createClient(options);\n";
const SDK_QVATEL_APP =
  "import { createTelcopay, qvatel } from '@telcopay/sdk';\nexport default (environment, options) => createTelcopay({ environment, qvatel: qvatel(options) });\n";

async function gzippedSize(app, external = []) {
  const result = await build({
    stdin: { contents: app, resolveDir: BENCH_DIR, sourcefile: 'app.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no bundle');
  return gzipSync(output.contents, { level: 9 }).length;
}

export async function measureProviderBundles() {
  const bare = await gzippedSize(BARE_APP);
  const versusBare = `${formatBytes(bare)} (bare openapi-fetch app)`;
  const rows = [];
  for (const api of Object.keys(PROVIDER_FACTORIES)) {
    const app = providerApp(api);
    const whole = await gzippedSize(app);
    const withoutJose = await gzippedSize(app, JOSE);
    // Left out one after the other (core imports openapi-fetch), so the shares add up.
    const withoutOpenapiFetch = await gzippedSize(app, [...JOSE, ...OPENAPI_FETCH]);
    const clientOnly = await gzippedSize(app, [...JOSE, ...OPENAPI_FETCH, ...CORE]);
    const joseShare = whole - withoutJose;
    rows.push({
      section: SECTION,
      name: `@telcopay/${api} app${joseShare > 0 ? ', jose not counted' : ''}`,
      value: formatBytes(withoutJose),
      reference: versusBare,
      ratio: withoutJose / bare,
      target: `≤ ${formatBytes(PROVIDER_TARGET_BYTES)}`,
      met: withoutJose <= PROVIDER_TARGET_BYTES,
      note: `openapi-fetch ${formatBytes(withoutJose - withoutOpenapiFetch)}, core ${formatBytes(withoutOpenapiFetch - clientOnly)}, client ${formatBytes(clientOnly)}`,
    });
    if (joseShare > 0) {
      rows.push({
        section: SECTION,
        name: `jose's share of the @telcopay/${api} app`,
        value: formatBytes(joseShare),
        reference: `${formatBytes(whole)} (whole app)`,
        ratio: joseShare / whole,
      });
    }
  }
  return rows;
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
  const qvatelOnly = await gzippedSize(providerApp('qvatel'));
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
