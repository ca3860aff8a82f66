import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiReport, checkSpecChanges, passes } from '../src/check.mjs';
import { refreshSnapshots } from '../src/released.mjs';
import { copyRepo, type RepoCopy, type Spec } from './repo-copy.js';

const CLI = join(import.meta.dirname, '../bin/spec-changes.mjs');
// Each test runs the diff tool (about a second a spec, more on a busy machine) or Redocly: far
// more room than the shared 60 s, and the spawned CLI is killed long before a test would hang.
const HEAVY = { timeout: 300_000 };
const CLI_TIMEOUT_MS = 240_000;
const SHIPPING_QVATEL = ['@telcopay/qvatel', '@telcopay/mocks', '@telcopay/sdk'];

/**
 * Two breaking changes: a recharge's id leaves the answer of sendRecharge, and
 * getRechargeBalance goes away. The major `info.version` bump must not hide them.
 */
function breakQvatel(spec: Spec) {
  const sent = part(spec.components.schemas.RechargeSent);
  sent.required = sent.required.filter((field) => field !== 'id_recarga');
  delete sent.properties.id_recarga;
  delete spec.paths['/account/recharge-balance'];
  spec.info.version = '2.0';
}

/** A new optional answer field and a reworded description: nothing a caller relies on. */
function extendQvatel(spec: Spec) {
  part(spec.components.schemas.RechargeSent).properties.saldo = {
    type: 'number',
    description: 'The balance left after the recharge.',
  };
  part(spec.paths['/recharge/send']?.post).description +=
    '\nThe answer may carry the balance left.';
}

/** A part of the spec that the edits above expect to exist. */
function part<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the QvaTel spec no longer has a part these tests edit');
  return value;
}

const NO_BALANCE =
  'QvaTel: `sendRecharge` answers without `id_recarga`; `getRechargeBalance` is gone.';
const bumpAll = (bump: string) => Object.fromEntries(SHIPPING_QVATEL.map((name) => [name, bump]));

async function qvatelReport(root: string): Promise<ApiReport> {
  // Only QvaTel's spec is edited here: the others' diffs (the repository test checks them) would
  // only cost time.
  const report = (await checkSpecChanges(root, ['qvatel'])).find(
    ({ api }) => api.name === 'qvatel',
  );
  if (report === undefined) throw new Error('no qvatel report');
  return report;
}

describe('a spec change in a copy of the repository', HEAVY, () => {
  let repo: RepoCopy;
  beforeEach(async () => {
    repo = await copyRepo();
  });
  afterEach(() => repo.remove());

  it('that breaks callers, without a changeset, fails naming each operation and the changeset', async () => {
    repo.editSpec('qvatel', breakQvatel);

    const cli = spawnSync(process.execPath, [CLI, '--root', repo.root], {
      encoding: 'utf8',
      timeout: CLI_TIMEOUT_MS,
    });

    expect(cli.status).toBe(1);
    const message = cli.stderr;
    expect(message).toContain(
      'qvatel: breaking changes in specs/qvatel/openapi.yaml since @telcopay/qvatel 0.0.0',
    );
    expect(message).toContain('  sendRecharge (POST /recharge/send)\n');
    expect(message).toMatch(/ {4}- .*id_recarga: required property was removed/);
    expect(message).toContain('    missing changeset: no pending changeset names sendRecharge\n');
    expect(message).toContain('  getRechargeBalance (GET /account/recharge-balance)\n');
    expect(message).toContain(
      '    - cannot remove an operation. This is a breaking change. [prevent operation removal]',
    );
    expect(message).toContain(
      '    missing changeset: no pending changeset names getRechargeBalance\n',
    );
    for (const name of SHIPPING_QVATEL) expect(message).toContain(`    '${name}': minor\n`);
    // Only qvatel changed: the other APIs are not reported.
    expect(message).toMatch(/^Spec changes: 1 of \d+ APIs fail the breaking-change check\./);
  });

  it('that breaks callers passes with a changeset bumping every package and naming each operation', async () => {
    repo.editSpec('qvatel', breakQvatel);
    repo.addChangeset('qvatel-no-balance', bumpAll('minor'), NO_BALANCE);

    const report = await qvatelReport(repo.root);

    expect(report.broken.map(({ subject, gap }) => [subject, gap])).toEqual([
      ['sendRecharge', undefined],
      ['getRechargeBalance', undefined],
    ]);
    expect(passes(report)).toBe(true);

    // Versioning the release puts the text in the CHANGELOG of every package shipping QvaTel…
    repo.versionPackages();
    for (const dir of ['packages/qvatel', 'mocks', 'packages/sdk']) {
      expect(readFileSync(join(repo.root, dir, 'CHANGELOG.md'), 'utf8')).toContain(
        `- ${NO_BALANCE}`,
      );
    }
    // …and the snapshot, still of 0.0.0, must be refreshed with it.
    expect((await qvatelReport(repo.root)).baselineProblem).toBe(
      'specs/qvatel/released.yaml is the spec of @telcopay/qvatel 0.0.0, but @telcopay/qvatel is now 0.1.0: the release did not refresh it (`pnpm version-packages` does; or `pnpm --filter @telcopay/spec-check snapshot qvatel`)',
    );
    expect(await refreshSnapshots(repo.root, ['qvatel'])).toEqual(['specs/qvatel/released.yaml']);
    const released = await qvatelReport(repo.root);
    expect([released.changes, passes(released)]).toEqual([0, true]);
  });

  it('that breaks callers fails when the changesets name an operation too few or bump too little', async () => {
    repo.editSpec('qvatel', breakQvatel);
    // first-release.md bumps every package but names no operation: it covers nothing.
    repo.addChangeset(
      'qvatel-partial',
      { '@telcopay/qvatel': 'minor', '@telcopay/mocks': 'patch' },
      'QvaTel: sendRecharge answers without the recharge id (getRechargeBalanceV2 is unrelated).',
    );

    const report = await qvatelReport(repo.root);

    expect(passes(report)).toBe(false);
    expect(report.broken.map(({ subject, gap }) => [subject, gap])).toEqual([
      [
        'sendRecharge',
        '.changeset/qvatel-partial.md names it but bumps @telcopay/mocks: patch (needs minor), @telcopay/sdk: none (needs minor)',
      ],
      ['getRechargeBalance', 'no pending changeset names getRechargeBalance'],
    ]);
  });

  it('that breaks nothing passes without a changeset', async () => {
    repo.editSpec('qvatel', extendQvatel);

    const report = await qvatelReport(repo.root);

    // The diff tool saw the change (the documents differ) and found nothing breaking in it.
    expect(report.changes).toBeGreaterThan(0);
    expect(report.broken).toEqual([]);
    expect(passes(report)).toBe(true);
  });

  it('from 1.0 needs a major bump for a breaking change', async () => {
    repo.setVersions('1.2.0');
    await refreshSnapshots(repo.root, ['qvatel']);
    repo.editSpec('qvatel', breakQvatel);

    repo.addChangeset('qvatel-no-balance', bumpAll('minor'), NO_BALANCE);
    const needsMajor =
      '.changeset/qvatel-no-balance.md names it but bumps @telcopay/qvatel: minor (needs major), @telcopay/mocks: minor (needs major), @telcopay/sdk: minor (needs major)';
    expect((await qvatelReport(repo.root)).broken.map(({ gap }) => gap)).toEqual([
      needsMajor,
      needsMajor,
    ]);

    repo.addChangeset('qvatel-no-balance', bumpAll('major'), NO_BALANCE);
    expect(passes(await qvatelReport(repo.root))).toBe(true);
  });
});
