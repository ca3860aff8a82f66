// Builds the docs site into docs/site: one Redoc reference page per API of redocly.yaml, with
// the Redoc script shipped beside the pages so that nothing loads from outside the site.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(docs, '..');
const site = join(docs, 'site');
const cliRoot = dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json'));
const redocly = join(cliRoot, 'bin/cli.js');
// The Redoc build that `redocly build-docs` references from its CDN ships inside @redocly/cli.
const redocScript = join(cliRoot, 'lib/chunks/redoc.standalone.js');
const CDN_SCRIPT = /https:\/\/cdn\.redocly\.com\/redoc\/v([\d.]+)\/bundles\/redoc\.standalone\.js/g;

const { apis } = parse(readFileSync(join(root, 'redocly.yaml'), 'utf8'));
const shippedVersion = /Version: ([\d.]+)/.exec(
  readFileSync(redocScript, 'utf8').slice(0, 300),
)?.[1];

rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
copyFileSync(redocScript, join(site, 'redoc.standalone.js'));

for (const name of Object.keys(apis)) {
  const page = join(site, name, 'index.html');
  mkdirSync(dirname(page), { recursive: true });
  execFileSync(process.execPath, [redocly, 'build-docs', name, '-o', page], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  writeFileSync(page, useShippedRedoc(readFileSync(page, 'utf8'), name));
  console.log(`built docs/site/${name}/index.html`);
}

/** Points the page at the shipped Redoc script, after checking it is the version the page expects. */
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
    .replace(/ integrity="[^"]*" crossorigin="anonymous"/g, '')
    .replace(CDN_SCRIPT, '../redoc.standalone.js');
}
