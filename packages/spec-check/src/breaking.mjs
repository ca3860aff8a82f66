// @ts-check
// Classifies the changes between a released spec and the current one with Optic's
// breaking-changes ruleset (the rules of `optic diff --check`), through its libraries: the same
// loader, diff and rules as the CLI, without its telemetry or CI side files.
import { checkOpenAPIVersion, denormalize, parseOpenAPIWithSourcemap } from '@useoptic/openapi-io';
import { compareSpecs } from '@useoptic/openapi-utilities';
import { RuleRunner } from '@useoptic/rulesets-base';
import { BreakingChangesRuleset } from '@useoptic/standard-rulesets';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * @typedef {object} BrokenOperation
 * @property {string} subject   what a changeset must name: the operationId, else `METHOD /path`
 * @property {string} route     `METHOD /path`, or the JSON pointer of a finding outside any operation
 * @property {string[]} problems the tool's findings, each `what broke [rule]`
 */

/**
 * @typedef {object} SpecComparison
 * @property {number} changes   how many changes the tool found, breaking or not
 * @property {BrokenOperation[]} broken  the operations with a breaking change, in spec order
 */

/**
 * Compares the released spec with the current one.
 * @param {string} releasedPath
 * @param {string} currentPath
 * @returns {Promise<SpecComparison>}
 */
export async function compareWithRelease(releasedPath, currentPath) {
  const [before, after] = await Promise.all([loadSpec(releasedPath), loadSpec(currentPath)]);
  // Built directly, not from an Optic config, so a major `info.version` bump never switches the
  // rules off (the config's `skip_when_major_version_changes` defaults to true).
  const runner = new RuleRunner([new BreakingChangesRuleset()]);
  const { diffs, results } = await compareSpecs(before, after, runner, {});
  /** @type {Map<string, BrokenOperation>} */
  const broken = new Map();
  for (const result of results) {
    if (result.passed || result.exempted) continue;
    const spec = result.location.spec === 'before' ? before.jsonLike : after.jsonLike;
    const operation = operationAt(spec, result.location.jsonPath);
    const entry = broken.get(operation.subject) ?? { ...operation, problems: [] };
    const problem = `${result.error ?? result.where} [${result.name}]`;
    if (!entry.problems.includes(problem)) entry.problems.push(problem);
    broken.set(operation.subject, entry);
  }
  return { changes: diffs.length, broken: [...broken.values()] };
}

/**
 * Loads and denormalizes a spec the way `optic diff` does, less its schema validation (half of
 * the time): `redocly lint`, strict, already validates every spec in the test command, and a
 * snapshot is a bundle of a spec that passed it.
 * @param {string} path
 */
async function loadSpec(path) {
  const parsed = await parseOpenAPIWithSourcemap(path);
  const spec = denormalize({ ...parsed, isEmptySpec: false }, checkOpenAPIVersion(parsed.jsonLike));
  // The parser's sourcemap class is what compareSpecs serialises; its declared input type is the
  // serialised shape.
  return /** @type {Parameters<typeof compareSpecs>[0]} */ (/** @type {unknown} */ (spec));
}

/**
 * The operation a finding's JSON pointer falls in (`/paths/<path>/<method>/…`).
 * @param {any} spec
 * @param {string} jsonPath
 * @returns {{ subject: string, route: string }}
 */
function operationAt(spec, jsonPath) {
  const [section, path, method] = jsonPath
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (
    section !== 'paths' ||
    path === undefined ||
    method === undefined ||
    !HTTP_METHODS.has(method)
  ) {
    return { subject: jsonPath, route: jsonPath };
  }
  const route = `${method.toUpperCase()} ${path}`;
  const operationId = spec.paths?.[path]?.[method]?.operationId;
  return { subject: typeof operationId === 'string' ? operationId : route, route };
}
