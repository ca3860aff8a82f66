// @ts-check
// The release policy for a breaking change, and whether the pending changesets meet it.
import readChangesets from '@changesets/read';

/** @typedef {Awaited<ReturnType<typeof readChangesets>>[number]} Changeset */
/** @typedef {Changeset['releases'][number]['type']} Bump */

/** @type {readonly Bump[]} */
const BUMPS = ['none', 'patch', 'minor', 'major'];

export { readChangesets };

/**
 * The smallest bump that may carry a breaking change. Semver gives 0.x no compatibility
 * promise between minors, so a 0.x package breaks with a `minor` (0.1.0 → 0.2.0); from 1.0 a
 * breaking change is `major`.
 * @param {string} version
 * @returns {Bump}
 */
export function requiredBump(version) {
  return Number.parseInt(version, 10) === 0 ? 'minor' : 'major';
}

/**
 * Why no pending changeset covers a breaking change to `subject`, or undefined when one does: a
 * changeset covers it when its text names `subject` (so every CHANGELOG it reaches names the
 * operation) and it bumps every package that ships the API by at least the required bump.
 * @param {string} subject       an operationId (or `METHOD /path`)
 * @param {Map<string, string>} packages  name → released version of each package that ships it
 * @param {readonly Changeset[]} changesets
 * @returns {string | undefined}
 */
export function coverageGap(subject, packages, changesets) {
  const naming = changesets.filter(({ summary }) => names(summary, subject));
  if (naming.length === 0) return `no pending changeset names ${subject}`;
  const gaps = [];
  for (const changeset of naming) {
    const short = [...packages].flatMap(([name, version]) => {
      const bump = changeset.releases.find((release) => release.name === name)?.type ?? 'none';
      const needed = requiredBump(version);
      return BUMPS.indexOf(bump) < BUMPS.indexOf(needed)
        ? [`${name}: ${bump} (needs ${needed})`]
        : [];
    });
    if (short.length === 0) return undefined;
    gaps.push(`.changeset/${changeset.id}.md names it but bumps ${short.join(', ')}`);
  }
  return gaps.join('; ');
}

/**
 * Whether `text` names `subject` as a whole word (`sendRecharge`, not `sendRechargeV2`).
 * @param {string} text
 * @param {string} subject
 */
function names(text, subject) {
  const escaped = subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w])${escaped}(?![\\w])`).test(text);
}
