// @ts-check
// The APIs of the repository (redocly.yaml `apis`), where each spec and its released snapshot
// live, and which published packages ship it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getPackages } from '@manypkg/get-packages';
import { parse } from 'yaml';

/**
 * The published packages that ship every API besides the API's own client: the mocks serve each
 * spec, and the SDK wraps each client.
 */
const SHIPPED_WITH_EVERY_API = ['@telcopay/mocks', '@telcopay/sdk'];

/**
 * @typedef {object} Api
 * @property {string} name        a key of redocly.yaml `apis`, e.g. `qvatel`
 * @property {string} spec        absolute path of the spec, e.g. `…/specs/qvatel/openapi.yaml`
 * @property {string} released    absolute path of its released snapshot, beside the spec
 * @property {{ name: string, version: string }} client  the API's own package
 * @property {Map<string, string>} packages  name → version of each package that ships the API,
 *   the client first
 */

/**
 * The APIs of the repository at `root`, optionally only those named.
 * @param {string} root
 * @param {readonly string[]} [only]
 * @returns {Promise<Api[]>}
 */
export async function readApis(root, only = []) {
  const { apis } = readRedoclyConfig(root);
  const unknown = only.filter((name) => !(name in apis));
  if (unknown.length > 0) {
    throw new Error(`Unknown API ${unknown.join(', ')}; known: ${Object.keys(apis).join(', ')}`);
  }
  const versions = await workspaceVersions(root);
  return Object.entries(apis)
    .filter(([name]) => only.length === 0 || only.includes(name))
    .map(([name, api]) => {
      /** @param {string} pkg */
      const versionOf = (pkg) => {
        const version = versions.get(pkg);
        if (version === undefined) throw new Error(`No workspace package ${pkg} ships ${name}`);
        return version;
      };
      const spec = join(root, api.root);
      const client = { name: `@telcopay/${name}`, version: versionOf(`@telcopay/${name}`) };
      const shipping = [client.name, ...SHIPPED_WITH_EVERY_API];
      return {
        name,
        spec,
        released: join(dirname(spec), 'released.yaml'),
        client,
        packages: new Map(shipping.map((pkg) => /** @type {const} */ ([pkg, versionOf(pkg)]))),
      };
    });
}

/**
 * The repository's redocly.yaml: its `apis`, and the rest of the Redocly configuration.
 * @param {string} root
 */
export function readRedoclyConfig(root) {
  return parse(readFileSync(join(root, 'redocly.yaml'), 'utf8'));
}

/**
 * Name → version of every workspace package (changesets' own workspace reader).
 * @param {string} root
 */
async function workspaceVersions(root) {
  const { packages } = await getPackages(root);
  return new Map(packages.map(({ packageJson }) => [packageJson.name, packageJson.version]));
}
