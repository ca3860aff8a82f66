// As a user would: the packed packages, installed with plain npm into a fresh project outside
// the workspace, compiled with a strict tsconfig and run against the packed mocks.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec, packAll, publishedPackages, userEnvironment } from './workspace.js';

const require = createRequire(import.meta.url);
/** The compiler and Node types this workspace builds with, installed from the registry. */
const TOOLS = ['typescript', '@types/node'].map(
  (name) => `${name}@${require(`${name}/package.json`).version}`,
);

/** The consumer's programs, kept as files so that they are linted and type-checked here too. */
function fixture(file: string): string {
  return join(import.meta.dirname, 'consumer', file);
}

let root: string;
let app: string;
let mocksHost: string;
let tarballs: Map<string, string>;

/** A package's tarball, as a path relative to a project (both are folders of `root`). */
function tarball(name: string): string {
  const path = tarballs.get(name);
  if (!path) throw new Error(`${name} was not packed`);
  return `../tarballs/${basename(path)}`;
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
}

/**
 * A new npm project whose `@telcopay/*` packages come from the tarballs: `overrides` resolve
 * each one a package depends on to its tarball, as the registry would after a release.
 */
function npmProject(dir: string, name: string): void {
  // The same spec as `npm install <tarball>` saves, or npm sees a conflicting direct dependency.
  const overrides = Object.fromEntries(
    [...tarballs.keys()].map((packageName) => [packageName, `file:${tarball(packageName)}`]),
  );
  writeFiles(dir, {
    'package.json': JSON.stringify({ name, private: true, type: 'module', overrides }, null, 2),
  });
}

function npm(args: readonly string[], cwd: string) {
  return exec('npm', [...args, '--no-audit', '--no-fund'], {
    cwd,
    env: userEnvironment(),
    timeoutMs: 300_000,
  });
}

/** `tsc` of the project, as the user runs it. */
function tsc(args: readonly string[] = []) {
  return exec('npx', ['tsc', ...args], { cwd: app, env: userEnvironment() });
}

function node(file: string, args: readonly string[]) {
  return exec(process.execPath, [file, ...args], { cwd: app, env: userEnvironment() });
}

interface RunningCli {
  urls: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * `npx telcopay-mocks <apis> --free` from the packed mocks, in its own process group so that
 * stopping it ends npx, the CLI and Prism alike. Resolves with the URLs it prints.
 */
async function startMocksCli(apis: readonly string[]): Promise<RunningCli> {
  const child = spawn('npx', ['telcopay-mocks', ...apis, '--free'], {
    cwd: mocksHost,
    env: userEnvironment(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => stopGroup(child);
  try {
    const urls = await new Promise<Record<string, string>>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`mocks not ready:\n${output}`)), 90_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (!output.includes('Mocks are running')) return;
        clearTimeout(timer);
        const lines = output
          .split('\n')
          .map((line) => /^(\S+)\s+(http:\/\/\S+)$/.exec(line.trim()));
        resolve(
          Object.fromEntries(lines.flatMap((match) => (match ? [[match[1], match[2]]] : []))),
        );
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the mocks CLI exited (${code}):\n${output}`));
      });
    });
    return { urls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  const pid = child.pid;
  return new Promise((resolve) => {
    const force = setTimeout(() => process.kill(-pid, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    process.kill(-pid, 'SIGTERM');
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'telcopay-consumer-'));
  mkdirSync(join(root, 'tarballs'));
  tarballs = await packAll(await publishedPackages(), join(root, 'tarballs'));
  // The mocks live in a project of their own, so the app holds only what it installs.
  mocksHost = join(root, 'mocks-host');
  npmProject(mocksHost, 'mocks-host');
  await npm(['install', tarball('@telcopay/mocks')], mocksHost);
  app = join(root, 'app');
  npmProject(app, 'app');
  mkdirSync(join(app, 'src'));
  writeFiles(app, {
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        // The packages' declarations are checked too, as a strict user's project does.
        skipLibCheck: false,
        types: ['node'],
        rootDir: 'src',
        outDir: 'dist',
      },
      include: ['src'],
    }),
    'tsconfig.wrong.json': JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { rootDir: 'wrong', noEmit: true },
      include: ['wrong'],
    }),
  });
  await npm(['install', '--save-dev', ...TOOLS], app);
}, 600_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a fresh npm project', () => {
  it('installs only @telcopay/qvatel, compiles strictly, and recharges against the packed mock', async () => {
    await npm(['install', tarball('@telcopay/qvatel')], app);
    expect(readdirSync(join(app, 'node_modules/@telcopay')).sort()).toEqual(['core', 'qvatel']);
    expect(
      Object.keys(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).dependencies),
    ).toEqual(['@telcopay/qvatel']);

    copyFileSync(fixture('recharge.ts'), join(app, 'src/recharge.ts'));
    writeFiles(app, {
      'wrong/wrong-call.ts': [
        "import { createQvatelClient } from '@telcopay/qvatel';",
        "const qvatel = createQvatelClient({ apiToken: 't', environment: 'mock' });",
        "await qvatel.sendRecharge({ destino: '52942387', monto: '20' });",
        '',
      ].join('\n'),
    });
    await tsc();
    const wrong = await tsc(['-p', 'tsconfig.wrong.json']).then(
      () => undefined,
      (error: Error) => error.message,
    );
    // Exactly one error, at the wrong call: the string amount.
    expect(wrong?.match(/error TS\d+/g)).toEqual(['error TS2322']);
    expect(wrong).toContain('wrong/wrong-call.ts(3,');

    const mocks = await startMocksCli(['qvatel']);
    try {
      expect(Object.keys(mocks.urls)).toEqual(['qvatel']);
      const { stdout } = await node('dist/recharge.js', [mocks.urls.qvatel ?? '']);
      const [summary, refusal] = stdout.trim().split('\n');
      expect(JSON.parse(summary ?? '')).toEqual({
        id: 'qvatel-23479287356',
        destino: '+5352942387',
        estado: 'Recargado',
        balance: 20,
      });
      expect(refusal).toBe('refused: Descripción del error');
    } finally {
      await mocks.stop();
    }
  }, 600_000);

  it('installs @telcopay/sdk and tops up through the facade on each top-up provider’s mock', async () => {
    await npm(['install', tarball('@telcopay/sdk')], app);
    expect(readdirSync(join(app, 'node_modules/@telcopay')).sort()).toEqual([
      'chinchin-cps',
      'core',
      'masstack-partners',
      'qvatel',
      'sdk',
      'stone-topups',
      'tigo-b2b-billing',
    ]);
    copyFileSync(fixture('topups.ts'), join(app, 'src/topups.ts'));
    await tsc();

    const mocks = await startMocksCli(['chinchin-cps', 'qvatel', 'stone-topups']);
    try {
      const { urls } = mocks;
      const { stdout } = await node('dist/topups.js', [
        urls['chinchin-cps'] ?? '',
        urls.qvatel ?? '',
        urls['stone-topups'] ?? '',
      ]);
      expect(JSON.parse(stdout)).toEqual([
        {
          provider: 'chinchin-cps',
          status: 'succeeded',
          reference: '8f2c1e0a-5b7d-4c3e-9a61-2d4f7b9e0c15',
          amount: { amountMinor: 1000, currency: 'VES' },
        },
        {
          provider: 'qvatel',
          status: 'pending',
          reference: 'qvatel-23479287356',
          amount: { amountMinor: 2000, currency: 'CUP' },
        },
        {
          provider: 'stone-topups',
          status: 'succeeded',
          reference: 'cd5ff1c2-8f7e-4f56-a9d8-241d4cd1a1a8',
          amount: { amountMinor: 10900, currency: 'BRL' },
        },
      ]);
    } finally {
      await mocks.stop();
    }
  }, 600_000);
});
