// @ts-check
// The released snapshot of each spec (`specs/<api>/released.yaml`): the baseline that the check
// compares the spec with. It is refreshed when a release is versioned, and records the version
// of the API's package it was taken at, so a release that forgot to refresh it is caught.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { readApis, readRedoclyConfig } from './apis.mjs';

const HEADER = /^# (\S+) (\S+): the released snapshot of /m;
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

/**
 * The version of its package that an API's snapshot was taken at; undefined when the snapshot
 * is missing or was not written by `refreshSnapshots`.
 * @param {import('./apis.mjs').Api} api
 */
export function snapshotVersion(api) {
  if (!existsSync(api.released)) return undefined;
  const [, name, version] = HEADER.exec(readFileSync(api.released, 'utf8')) ?? [];
  return name === api.client.name ? version : undefined;
}

/**
 * Writes each API's snapshot (all, or those named): its spec bundled by Redocly into one file
 * (so `$ref`s across files survive), without the docs-only decorators, under a header naming the
 * package version it belongs to.
 * @param {string} root
 * @param {readonly string[]} [only]
 * @returns {Promise<string[]>} the snapshots written, relative to root
 */
export async function refreshSnapshots(root, only = []) {
  const decorators = Object.keys(readRedoclyConfig(root).decorators ?? {});
  const written = [];
  for (const api of await readApis(root, only)) {
    const bundle = execFileSync(
      process.execPath,
      [redocly, 'bundle', api.name, ...decorators.map((name) => `--skip-decorator=${name}`)],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 300_000, // a bundle takes about two seconds: this long means it hangs
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const { name, version } = api.client;
    const header = [
      `# ${name} ${version}: the released snapshot of ${relative(root, api.spec)}, bundled.`,
      '# The breaking-change check (packages/spec-check) compares the spec with it. Never edit it',
      '# by hand: `pnpm version-packages` refreshes it when a release is versioned.',
    ].join('\n');
    writeFileSync(api.released, `${header}\n${bundle}`);
    written.push(relative(root, api.released));
  }
  return written;
}
