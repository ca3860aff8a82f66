// `pnpm new-provider`, proven: in a copy of the workspace, a provider scaffolded from a tiny
// spec (one read, one money-moving operation) builds, typechecks, passes its generated contract
// suite against Prism (the mocks serve it because the registry lists it), renders in the docs,
// and the scaffold edits nothing but its package, its spec and the registry.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NAME = 'acme-topups';
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('fixtures/new-provider.yaml', import.meta.url));
/** What the scaffold and the builds need; the other packages stay out of the copy. */
const COPIED = [
  ...['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', '.gitignore', 'turbo.json'],
  ...['tsconfig.base.json', 'biome.json', 'redocly.yaml'],
  ...['scripts', 'specs', 'docs', 'mocks', 'packages/core', 'packages/testing'],
];
/** Installed or built, never written by the scaffold. */
const OUTPUTS = new Set(['node_modules', 'dist', '.turbo', 'site', 'artifacts']);
/** Core's build from this run: the scaffold does not change core, so the copy reuses it. */
const REUSED_BUILD = join('packages', 'core', 'dist');
const MINUTES = 60_000;

let workspace: string;
let before: Map<string, string>;
let changes: { written: string[]; touched: string[] };

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'telcopay-new-provider-'));
  for (const item of COPIED) {
    cpSync(join(root, item), join(workspace, item), {
      recursive: true,
      // The mocks' bundled specs are a build output (a path test: the checkout may end in 'mocks').
      filter: (source) =>
        source.endsWith(REUSED_BUILD) ||
        (!OUTPUTS.has(basename(source)) && source !== join(root, 'mocks/specs')),
    });
  }
  // The scaffold needs only the root's tools (yaml, openapi-typescript): it borrows this
  // workspace's node_modules, and the copy installs once, after it.
  symlinkSync(join(root, 'node_modules'), join(workspace, 'node_modules'), 'dir');
  before = fileHashes(workspace);
  await run(process.execPath, ['scripts/new-provider.mjs', NAME, '--spec', fixture]);
  unlinkSync(join(workspace, 'node_modules'));
  const after = fileHashes(workspace);
  changes = {
    written: [...after.keys()].filter((file) => !before.has(file)).sort(),
    touched: [...after.keys()]
      .filter((file) => before.has(file) && before.get(file) !== after.get(file))
      .sort(),
  };
  // The scaffold adds a package the committed lockfile does not list yet (pnpm freezes the
  // lockfile when CI is set).
  await pnpm('install', '--prefer-offline', '--no-frozen-lockfile');
  // The mocks read the registry the scaffold rewrote; the tests below all need them.
  await pnpm('--filter', '@telcopay/mocks', 'build');
}, 15 * MINUTES);

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

// Concurrent: the build, the contract suite and the docs build are independent processes.
describe.concurrent(`pnpm new-provider ${NAME}`, () => {
  it('writes only its package and its spec, and touches only the registration and registry', () => {
    expect(changes.written.filter((file) => !file.startsWith(`packages/${NAME}/`))).toEqual([
      `specs/${NAME}/openapi.yaml`,
    ]);
    expect(changes.written.filter((file) => file.startsWith(`packages/${NAME}/`))).toEqual(
      [
        'package.json',
        'src/auth.ts',
        'src/client.ts',
        'src/generated/manifest.ts',
        'src/generated/operations.ts',
        'src/generated/schema.ts',
        'src/generated/types.ts',
        'src/index.ts',
        'test/contract.test.ts',
        'tsconfig.build.json',
        'tsconfig.json',
        'vitest.config.ts',
      ].map((file) => `packages/${NAME}/${file}`),
    );
    expect(changes.touched).toEqual(['mocks/src/generated/providers.ts', 'redocly.yaml']);
    console.log(
      `new provider: ${changes.written.length} files written, ${changes.touched.length} touched`,
    );
  });

  it('gives its mock the next free port, in its spec, its manifest and the registry', () => {
    const registry = readFileSync(join(workspace, 'mocks/src/generated/providers.ts'), 'utf8');
    expect(registry).toContain(`'${NAME}': {\n    name: '${NAME}',`);
    const manifest = readFileSync(
      join(workspace, `packages/${NAME}/src/generated/manifest.ts`),
      'utf8',
    );
    expect(manifest).toContain('mockPort: 4015,');
    expect(manifest).toContain("secretNames: ['x-acme-key'],");
  });

  it(
    'passes spec lint and the drift check of its generated code',
    async () => {
      await run(process.execPath, [redoclyCli(), 'lint', NAME, '--format=stylish']);
      await run(process.execPath, ['scripts/generate.mjs', '--check', NAME]);
    },
    5 * MINUTES,
  );

  it(
    'builds and typechecks, tests included',
    async () => {
      await pnpm('--filter', `@telcopay/${NAME}`, 'build');
      expect(existsSync(join(workspace, `packages/${NAME}/dist/index.d.ts`))).toBe(true);
      await run(process.execPath, [
        bin('typescript/bin/tsc'),
        '--noEmit',
        '-p',
        `packages/${NAME}`,
      ]);
    },
    10 * MINUTES,
  );

  it(
    'passes its generated contract suite against Prism serving its spec',
    async () => {
      // The copy's own mocks serve it, because the registry lists it.
      const { stdout } = await run(
        process.execPath,
        [bin('vitest/vitest.mjs'), 'run', '--reporter=json'],
        `packages/${NAME}`,
      );
      const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
      const titles = report.testResults.flatMap(
        (file: { assertionResults: { fullName: string }[] }) =>
          file.assertionResults.map((result) => result.fullName),
      );
      expect(report.numFailedTests).toBe(0);
      // Every documented status × example of both operations ran.
      expect(titles).toEqual(
        expect.arrayContaining([
          `${NAME} contract getBalance 200 success`,
          `${NAME} contract getBalance 401 unauthenticated`,
          `${NAME} contract sendTopup 201 success`,
          `${NAME} contract sendTopup 401 unauthenticated`,
        ]),
      );
    },
    10 * MINUTES,
  );

  it(
    'renders in the docs site',
    async () => {
      // Its reference page alone (the scaffold changes no other API's); the index lists all.
      await pnpm('--filter', '@telcopay/docs', 'build', NAME);
      expect(existsSync(join(workspace, `docs/site/${NAME}/index.html`))).toBe(true);
      const index = readFileSync(join(workspace, 'docs/site/index.html'), 'utf8');
      expect(index).toContain(`@telcopay/${NAME}`);
      expect(index).toContain('http://127.0.0.1:4015');
    },
    10 * MINUTES,
  );
});

/** Every file of the workspace (outputs aside) → a hash of its content. */
function fileHashes(dir: string, hashes = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (OUTPUTS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) fileHashes(path, hashes);
    else
      hashes.set(
        relative(workspace, path),
        createHash('sha256').update(readFileSync(path)).digest('hex'),
      );
  }
  return hashes;
}

function redoclyCli(): string {
  return join(workspace, 'node_modules/@redocly/cli/bin/cli.js');
}

/** A package's file as the copy installed it. */
function bin(path: string): string {
  return join(workspace, 'node_modules', path);
}

/** The pnpm running this test (`pnpm test`), else the pinned one through npx. */
function pnpm(...args: string[]) {
  const current = process.env.npm_execpath ?? '';
  return /pnpm/.test(current)
    ? run(process.execPath, [current, ...args])
    : run('npx', ['-y', 'pnpm@10.34.0', ...args]);
}

/** Runs a command in the workspace (or a folder of it); rejects with its output on failure. */
function run(command: string, args: string[], folder = '.'): Promise<{ stdout: string }> {
  // The outer run's shared host does not serve the new spec: the copy's own mocks do.
  const { TELCOPAY_MOCK_URLS: _, ...env } = process.env;
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: join(workspace, folder), env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`));
        else resolve({ stdout });
      },
    );
  });
}
