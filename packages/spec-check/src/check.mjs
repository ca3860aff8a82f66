// @ts-check
// The check: each API's spec against its released snapshot; each breaking change needs a
// pending changeset that names the operation and bumps every package shipping the API enough.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { readApis } from './apis.mjs';
import { coverageGap, readChangesets, requiredBump } from './changesets.mjs';
import { snapshotVersion } from './released.mjs';

/**
 * @typedef {object} ApiReport
 * @property {import('./apis.mjs').Api} api
 * @property {string | undefined} baselineProblem  why the snapshot cannot serve as the baseline
 * @property {number} changes  changes the diff tool found (0 when the documents are equal)
 * @property {(import('./breaking.mjs').BrokenOperation & { gap: string | undefined })[]} broken
 *   each breaking change and why no changeset covers it (undefined: covered)
 */

/**
 * Checks every API of the repository at `root`, or only those named.
 * @param {string} root
 * @param {readonly string[]} [only]
 * @returns {Promise<ApiReport[]>}
 */
export async function checkSpecChanges(root, only = []) {
  const changesets = await readChangesets(root);
  const reports = [];
  for (const api of await readApis(root, only)) {
    const baselineProblem = baselineProblemOf(root, api);
    if (baselineProblem !== undefined) {
      reports.push({ api, baselineProblem, changes: 0, broken: [] });
      continue;
    }
    // Equal documents have no change at all: skip the diff tool (loading it alone takes a second).
    const unchanged = isDeepStrictEqual(readYaml(api.released), readYaml(api.spec));
    const { changes, broken } = unchanged
      ? { changes: 0, broken: [] }
      : await (await import('./breaking.mjs')).compareWithRelease(api.released, api.spec);
    reports.push({
      api,
      baselineProblem,
      changes,
      broken: broken.map((operation) => ({
        ...operation,
        gap: coverageGap(operation.subject, api.packages, changesets),
      })),
    });
  }
  return reports;
}

/** @param {ApiReport} report */
export function passes(report) {
  return (
    report.baselineProblem === undefined && report.broken.every(({ gap }) => gap === undefined)
  );
}

/**
 * One line per API when every API passes; otherwise what failed, and how to fix it.
 * @param {string} root
 * @param {readonly ApiReport[]} reports
 */
export function formatReports(root, reports) {
  const failing = reports.filter((report) => !passes(report));
  if (failing.length === 0) return reports.map(summaryLine).join('\n');
  return [
    `Spec changes: ${failing.length} of ${reports.length} APIs fail the breaking-change check.`,
    ...failing.map((report) => failureText(root, report)),
  ].join('\n\n');
}

/** @param {ApiReport} report */
function summaryLine({ api, changes, broken }) {
  const released = `released ${api.client.version}`;
  if (changes === 0) return `${api.name}: unchanged since the ${released} snapshot`;
  const covered = broken.map(({ subject }) => subject).join(', ');
  return broken.length === 0
    ? `${api.name}: ${changes} changes since the ${released} snapshot, none breaking`
    : `${api.name}: breaking changes since the ${released} snapshot to ${covered}, each in a changeset`;
}

/**
 * @param {string} root
 * @param {ApiReport} report
 */
function failureText(root, { api, baselineProblem, broken }) {
  if (baselineProblem !== undefined) return `${api.name}: ${baselineProblem}`;
  const spec = relative(root, api.spec);
  const released = relative(root, api.released);
  const { name, version } = api.client;
  const uncovered = broken.filter(({ gap }) => gap !== undefined);
  const bumps = [...api.packages].map(([pkg, at]) => `'${pkg}': ${requiredBump(at)}`);
  return [
    `${api.name}: breaking changes in ${spec} since ${name} ${version} (${released}):`,
    ...uncovered.flatMap(({ subject, route, problems, gap }) => [
      `  ${subject} (${route})`,
      ...problems.map((problem) => `    - ${problem}`),
      `    missing changeset: ${gap}`,
    ]),
    `  Add a changeset (\`pnpm changeset\`) that bumps ${[...api.packages.keys()].join(', ')}`,
    `  (a 0.x package breaks with a minor, from 1.0 with a major) and names every operation above`,
    '  in its text, e.g. .changeset/<name>.md:',
    '    ---',
    ...bumps.map((bump) => `    ${bump}`),
    '    ---',
    `    Breaking: ${uncovered.map(({ subject }) => subject).join(', ')}: <what changed, what callers must do>.`,
  ].join('\n');
}

/**
 * @param {string} root
 * @param {import('./apis.mjs').Api} api
 */
function baselineProblemOf(root, api) {
  const { name, version } = api.client;
  const taken = snapshotVersion(api);
  const refresh = `\`pnpm --filter @telcopay/spec-check snapshot ${api.name}\``;
  const snapshot = relative(root, api.released);
  if (taken === undefined) {
    return `no released snapshot of ${name} at ${snapshot}: run ${refresh} (once, for a new API)`;
  }
  if (taken !== version) {
    return `${snapshot} is the spec of ${name} ${taken}, but ${name} is now ${version}: the release did not refresh it (\`pnpm version-packages\` does; or ${refresh})`;
  }
  return undefined;
}

/** @param {string} path */
function readYaml(path) {
  return parse(readFileSync(path, 'utf8'));
}
