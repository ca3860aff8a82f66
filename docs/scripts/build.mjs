// Builds the docs site into docs/site: a Redoc reference page per registered API (`PROVIDERS` of
// @telcopay/mocks, the registry generated from redocly.yaml), an index and the guides. The Redoc
// script ships beside the pages: nothing loads from outside the site.
//
//   node scripts/build.mjs [api…]   with names: only their reference pages are built again
//                                   (the index, guides and assets always), the others kept.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { guidePage, indexPage, STYLE } from './site-pages.mjs';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(docs, '..');
const site = join(docs, 'site');
const cliRoot = dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json'));
const redocly = join(cliRoot, 'bin/cli.js');
// The Redoc build that `redocly build-docs` references from its CDN ships inside @redocly/cli.
const redocScript = join(cliRoot, 'lib/chunks/redoc.standalone.js');
const CDN_SCRIPT = /https:\/\/cdn\.redocly\.com\/redoc\/v([\d.]+)\/bundles\/redoc\.standalone\.js/g;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
/**
 * The server-rendered page links its menu and sections from the site root (`/payments`), which
 * is no page; the page itself routes by hash (Redoc's default router): `#/payments` is the link
 * that works when opened in a new tab, copied or shared.
 */
const ROOT_LINK = / href="\/(?!\/)/g;

const PROVIDERS = await providerRegistry();
const config = parse(readFileSync(join(root, 'redocly.yaml'), 'utf8'));
const { apis } = config;
const shippedVersion = /Version: ([\d.]+)/.exec(
  readFileSync(redocScript, 'utf8').slice(0, 300),
)?.[1];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !PROVIDERS[name]);
if (unknown.length > 0) throw new Error(`no such API in the registry: ${unknown.join(', ')}`);

if (only.length === 0) rmSync(site, { recursive: true, force: true });
mkdirSync(join(site, 'guides'), { recursive: true });
writeFileSync(
  join(site, 'redoc.standalone.js'),
  withLocalAssets(readFileSync(redocScript, 'utf8')),
);
writeFileSync(join(site, 'site.css'), STYLE);
copyFileSync(join(docs, 'assets/favicon.svg'), join(site, 'favicon.svg'));
copyFileSync(join(docs, 'assets/redocly-attribution.svg'), join(site, 'redocly-attribution.svg'));

const summaries = Object.values(PROVIDERS).map((provider) => {
  if (only.length === 0 || only.includes(provider.name)) buildReference(provider.name);
  return summarise(provider, parse(readFileSync(join(root, apis[provider.name].root), 'utf8')));
});

const guides = readdirSync(join(docs, 'guides'))
  .filter((file) => file.endsWith('.md'))
  .map((file) => {
    const [, frontMatter, markdown] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(
      readFileSync(join(docs, 'guides', file), 'utf8'),
    );
    return { slug: file.replace(/\.md$/, ''), markdown, ...parse(frontMatter) };
  })
  .sort((a, b) => a.order - b.order);
for (const guide of guides) {
  writeFileSync(join(site, 'guides', `${guide.slug}.html`), guidePage(guide));
}
writeFileSync(join(site, 'index.html'), indexPage({ apis: summaries, guides }));
const built = only.length || summaries.length;
console.log(`built docs/site: ${built} of ${summaries.length} references, ${guides.length} guides`);

function buildReference(name) {
  const file = join(site, name, 'index.html');
  mkdirSync(dirname(file), { recursive: true });
  execFileSync(
    process.execPath,
    [
      redocly,
      'build-docs',
      name,
      '-o',
      file,
      // One --openapi object: Redocly CLI ignores redocly.yaml's `openapi` options (theme, code
      // sample languages, extensions shown) as soon as any --openapi.* flag is given.
      `--openapi=${JSON.stringify({ ...config.openapi, ...apis[name].openapi, basePath: `/${name}/` })}`,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  writeFileSync(file, useShippedRedoc(readFileSync(file, 'utf8'), name));
}

/**
 * The registry of `@telcopay/mocks`, which is built code: on a fresh install this script alone
 * cannot load it, so it says which command builds it first.
 */
async function providerRegistry() {
  try {
    return (await import('@telcopay/mocks')).PROVIDERS;
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      'The docs need the built packages: run `pnpm docs` (or `pnpm --filter @telcopay/docs... build`) from the repository root.',
      { cause: error },
    );
  }
}

/**
 * Redoc's "API docs by Redocly" badge loads its logo from Redocly's CDN; the site ships a local
 * attribution image instead, so that no page loads anything from outside the site.
 */
function withLocalAssets(script) {
  const logo = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g;
  if (!logo.test(script))
    throw new Error('Redoc no longer loads its logo from cdn.redoc.ly: review withLocalAssets');
  return script.replace(logo, '../redocly-attribution.svg');
}

/** Points a page at the shipped Redoc script, after checking it is the version the page expects. */
function useShippedRedoc(html, name) {
  const versions = new Set([...html.matchAll(CDN_SCRIPT)].map((match) => match[1]));
  if (versions.size === 0) throw new Error(`${name}: no Redoc script reference found to replace`);
  for (const version of versions) {
    if (version !== shippedVersion) {
      throw new Error(
        `${name}: the page expects Redoc ${version}, @redocly/cli ships ${shippedVersion}`,
      );
    }
  }
  return html
    .replace('<head>', '<head>\n  <link rel="icon" href="../favicon.svg" type="image/svg+xml">')
    .replace(/ integrity="[^"]*" crossorigin="anonymous"/g, '')
    .replace(CDN_SCRIPT, '../redoc.standalone.js')
    .replace(ROOT_LINK, ' href="#/');
}

/** What the index says about one API, from its manifest and its spec. */
function summarise({ name, title, country, environments }, spec) {
  const operations = Object.values(spec.paths ?? {}).flatMap((item) =>
    HTTP_METHODS.filter((method) => item[method]),
  ).length;
  const schemes = Object.values(spec.components?.securitySchemes ?? {}).map(describeScheme);
  return {
    name,
    title: spec.info.title,
    provider: title,
    country,
    auth: spec.info['x-provider']?.auth ?? [...new Set(schemes)].join(', '),
    version: spec.info.version,
    operations,
    mockUrl: environments.mock,
    packageName: `@telcopay/${name}`,
  };
}

function describeScheme(scheme) {
  if (scheme.type === 'oauth2') return `OAuth2 ${Object.keys(scheme.flows ?? {}).join('/')}`;
  if (scheme.type === 'http')
    return `HTTP ${scheme.scheme}${scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ''}`;
  if (scheme.type === 'apiKey') return `API key in ${scheme.in}`;
  return scheme.type;
}
