import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exec, packed, pnpm, WORKSPACE } from './workspace.js';

const BIN = join(import.meta.dirname, '../node_modules/.bin');
const CHANGESET = join(WORKSPACE, 'node_modules/.bin/changeset');

interface ReleasePlan {
  /** Private packages are listed too, with type `none`. */
  releases: { name: string; type: string; newVersion: string }[];
}

const { packages: published, workspaceDirs, tarballs } = packed();
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'telcopay-release-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }), 60_000);

/** `changeset status` in `cwd` (a repository made by `repositoryWith`): what it would release. */
async function releasePlan(cwd: string): Promise<ReleasePlan> {
  const output = join(scratch, `plan-${basename(cwd)}.json`);
  await exec(CHANGESET, ['status', `--output=${output}`], { cwd });
  const plan: ReleasePlan = JSON.parse(readFileSync(output, 'utf8'));
  return { releases: plan.releases.filter((release) => release.type !== 'none') };
}

/**
 * A fresh repository with the workspace's manifests and changesets config on `main`, and
 * `changesets` (file name → content) committed on a branch: what a pull request looks like to
 * `changeset status`, whatever the state of this working tree.
 */
async function repositoryWith(name: string, changesets: Record<string, string>): Promise<string> {
  const copy = join(scratch, name);
  for (const dir of workspaceDirs) {
    const target = join(copy, relative(WORKSPACE, dir), 'package.json');
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(dir, 'package.json'), target);
  }
  cpSync(join(WORKSPACE, 'pnpm-workspace.yaml'), join(copy, 'pnpm-workspace.yaml'));
  mkdirSync(join(copy, '.changeset'));
  cpSync(join(WORKSPACE, '.changeset/config.json'), join(copy, '.changeset/config.json'));
  const git = (...args: string[]) =>
    exec('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
      cwd: copy,
    });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'workspace');
  await git('checkout', '-q', '-b', 'change');
  for (const [file, content] of Object.entries(changesets)) {
    writeFileSync(join(copy, '.changeset', file), content);
  }
  await git('add', '-A');
  await git('commit', '-q', '--allow-empty', '-m', 'changesets');
  return copy;
}

// Concurrent: the tests only read the workspace and the tarballs, and each writes its own files.
describe.concurrent('the published packages', () => {
  it('are the core, the five clients, the mocks and the SDK', ({ expect }) => {
    expect(published.map((entry) => entry.name).sort()).toEqual([
      '@telcopay/chinchin-cps',
      '@telcopay/core',
      '@telcopay/masstack-partners',
      '@telcopay/mocks',
      '@telcopay/qvatel',
      '@telcopay/sdk',
      '@telcopay/stone-topups',
      '@telcopay/tigo-b2b-billing',
    ]);
  });

  it('each ship a README (its npm page) and a LICENSE in the tarball', async ({ expect }) => {
    await Promise.all(
      Object.entries(tarballs).map(async ([name, tarball]) => {
        const { stdout } = await exec('tar', ['-tzf', tarball], { cwd: scratch });
        const files = stdout.split('\n');
        expect(files, name).toContain('package/README.md');
        expect(files, name).toContain('package/LICENSE');
        const { stdout: readme } = await exec('tar', ['-xzOf', tarball, 'package/README.md'], {
          cwd: scratch,
        });
        expect(readme, name).toMatch(new RegExp(`^# ${name}\n`));
        expect(readme, name).toContain('## Install');
      }),
    );
  }, 120_000);

  it('share one version, are public, and each has a CHANGELOG', ({ expect }) => {
    expect(new Set(published.map((entry) => entry.version)).size).toBe(1);
    for (const entry of published) {
      const manifest = JSON.parse(readFileSync(join(entry.dir, 'package.json'), 'utf8'));
      expect(manifest.publishConfig, entry.name).toEqual({ access: 'public' });
      expect(readFileSync(join(entry.dir, 'CHANGELOG.md'), 'utf8')).toMatch(`# ${entry.name}\n`);
    }
  });

  it('pass publint (strict) and Are the Types Wrong (ESM only) as packed', async ({ expect }) => {
    await Promise.all(
      Object.entries(tarballs).map(async ([name, tarball]) => {
        const lint = await exec(join(BIN, 'publint'), ['run', tarball, '--strict'], {
          cwd: scratch,
        });
        expect(lint.stdout, name).toContain('All good!');
        // Exits non-zero on any problem; node10 and require() are out of scope for ESM-only.
        await exec(join(BIN, 'attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], {
          cwd: scratch,
        });
      }),
    );
  }, 300_000);

  it('have a changeset status that runs in this workspace', async ({ expect }) => {
    await expect(exec(CHANGESET, ['status'], { cwd: WORKSPACE })).resolves.toBeDefined();
  }, 120_000);

  it('are released together by the pending changesets, all to one new version', async ({
    expect,
  }) => {
    const pending = Object.fromEntries(
      readdirSync(join(WORKSPACE, '.changeset'))
        .filter((file) => file.endsWith('.md') && file !== 'README.md')
        .map((file) => [file, readFileSync(join(WORKSPACE, '.changeset', file), 'utf8')]),
    );
    const { releases } = await releasePlan(await repositoryWith('pending', pending));
    // No pending changeset releases nothing; any releases every published package.
    if (Object.keys(pending).length > 0) {
      expect(releases.map((release) => release.name).sort()).toEqual(
        published.map((entry) => entry.name).sort(),
      );
    }
    expect(new Set(releases.map((release) => release.newVersion)).size).toBeLessThanOrEqual(1);
  }, 120_000);

  it('are one fixed group: a change to one package releases all, and no private one', async ({
    expect,
  }) => {
    const copy = await repositoryWith('one-change', {
      // The SDK: no package depends on it, so only the fixed group can carry the others along.
      'sdk-only.md': "---\n'@telcopay/sdk': patch\n---\n\nA fix in the SDK.\n",
    });
    const { releases } = await releasePlan(copy);
    const [major, minor, patch] = (published[0]?.version ?? '').split('.').map(Number);
    expect(releases.map((release) => release.name).sort()).toEqual(
      published.map((entry) => entry.name).sort(),
    );
    for (const release of releases) {
      expect(release.newVersion, release.name).toBe(`${major}.${minor}.${(patch ?? 0) + 1}`);
    }
  }, 120_000);

  it('publish in a dry run, every one public, the private ones skipped', async ({ expect }) => {
    const { stdout, stderr } = await pnpm(
      ['-r', 'publish', '--dry-run', '--no-git-checks'],
      WORKSPACE,
      300_000,
    );
    const output = `${stdout}\n${stderr}`;
    for (const { name, version } of published) expect(output).toContain(`+ ${name}@${version}`);
    expect(output).not.toMatch(/\+ @telcopay\/(testing|docs|bench|reliability)@/);
    expect(output.match(/with tag latest and public access \(dry-run\)/g)).toHaveLength(
      published.length,
    );
  }, 300_000);
});
