// As a user would: the packed packages, installed with plain npm into fresh projects outside
// the workspace, compiled with a strict tsconfig and run against the packed mocks.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exec, packed, userEnvironment } from './workspace.js';

const require = createRequire(import.meta.url);
/** The compiler and Node types this workspace builds with: each app's devDependencies. */
const TOOLS = Object.fromEntries(
  ['typescript', '@types/node'].map((name) => [name, require(`${name}/package.json`).version]),
);

/** A user's strict project; the packages' declarations are checked too, not skipped. */
const STRICT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    // TypeScript's own lib.*.d.ts are none of ours (and most of the compile time).
    skipDefaultLibCheck: true,
    types: ['node'],
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

const { tarballs } = packed();

let root: string;
/** The project that the packed mocks are installed in, once its install is done. */
let mocksHost: Promise<string>;
const runningClis = new Set<RunningCli>();

/** The consumer's programs, kept as files so that they are linted here too. */
function fixture(file: string): string {
  return readFileSync(join(import.meta.dirname, 'consumer', file), 'utf8');
}

/** A package's tarball, as a path relative to a project (both are folders of `root`). */
function tarball(name: string): string {
  const path = tarballs[name];
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
function npmProject(dir: string, manifest: Record<string, unknown>): void {
  // The same spec as `npm install <tarball>` saves, or npm sees a conflicting direct dependency.
  const overrides = Object.fromEntries(
    Object.keys(tarballs).map((packageName) => [packageName, `file:${tarball(packageName)}`]),
  );
  writeFiles(dir, {
    'package.json': JSON.stringify({ private: true, type: 'module', ...manifest, overrides }),
  });
}

/** npm as the user runs it; registry packages come from npm's cache when it has them. */
function npm(args: readonly string[], cwd: string) {
  return exec('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd,
    env: userEnvironment(),
    timeoutMs: 300_000,
  });
}

/**
 * A new project that installs `packageName` from its tarball with `npm install <tarball>`:
 * one npm run, which also installs the compiler and Node types that it already lists.
 */
async function appWith(name: string, packageName: string): Promise<string> {
  const app = join(root, name);
  npmProject(app, { name, devDependencies: TOOLS });
  writeFiles(app, { 'tsconfig.json': JSON.stringify(STRICT_TSCONFIG) });
  await npm(['install', tarball(packageName)], app);
  return app;
}

/** The mocks live in a project of their own, so that each app holds only what it installs. */
async function installMocksHost(): Promise<string> {
  const dir = join(root, 'mocks-host');
  npmProject(dir, { name: 'mocks-host' });
  await npm(['install', tarball('@telcopay/mocks')], dir);
  return dir;
}

/** `tsc` of the project, as the user runs it. */
function tsc(app: string, args: readonly string[] = []) {
  return exec('npx', ['tsc', ...args], { cwd: app, env: userEnvironment() });
}

function node(app: string, file: string, args: readonly string[]) {
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
    cwd: await mocksHost,
    env: userEnvironment(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const cli: RunningCli = {
    urls: {},
    async stop() {
      await stopGroup(child);
      runningClis.delete(cli);
    },
  };
  runningClis.add(cli);
  try {
    cli.urls = await new Promise<Record<string, string>>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`mocks not ready:\n${output}`)), 120_000);
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
    return cli;
  } catch (error) {
    await cli.stop();
    throw error;
  }
}

/** Signals the whole process group; it may be gone already (ESRCH). */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {}
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  const pid = child.pid;
  return new Promise((resolve) => {
    const force = setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    killGroup(pid, 'SIGTERM');
  });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'telcopay-consumer-'));
  mkdirSync(join(root, 'tarballs'));
  for (const path of Object.values(tarballs)) {
    copyFileSync(path, join(root, 'tarballs', basename(path)));
  }
  // The mocks' large install (Prism) runs while the apps install and compile; the tests wait
  // for it only to start the mocks, and see its failure there.
  mocksHost = installMocksHost();
  mocksHost.catch(() => undefined);
});

afterAll(async () => {
  await Promise.all([...runningClis].map((cli) => cli.stop()));
  // After a failure npm may still be writing into the mocks host.
  await mocksHost?.catch(() => undefined);
  if (root) await rm(root, { recursive: true, force: true });
}, 300_000);

// Concurrent: each test has a project of its own, and most of their time is npm, tsc and Prism.
describe.concurrent('a fresh npm project', () => {
  it('installs only @telcopay/qvatel, compiles strictly, and recharges against the packed mock', async ({
    expect,
  }) => {
    const app = await appWith('qvatel-app', '@telcopay/qvatel');
    expect(readdirSync(join(app, 'node_modules/@telcopay')).sort()).toEqual(['core', 'qvatel']);
    expect(
      Object.keys(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).dependencies),
    ).toEqual(['@telcopay/qvatel']);

    writeFiles(app, {
      'src/recharge.ts': fixture('recharge.ts'),
      'wrong/wrong-call.ts': [
        "import { createQvatelClient } from '@telcopay/qvatel';",
        "const qvatel = createQvatelClient({ apiToken: 't', environment: 'mock' });",
        "await qvatel.sendRecharge({ destino: '52942387', monto: 20n });",
        '',
      ].join('\n'),
      'tsconfig.wrong.json': JSON.stringify({
        extends: './tsconfig.json',
        // The declarations are the ones the strict compile beside it checks.
        compilerOptions: { rootDir: 'wrong', noEmit: true, skipLibCheck: true },
        include: ['wrong'],
      }),
    });
    const [, wrong] = await Promise.all([
      tsc(app),
      tsc(app, ['-p', 'tsconfig.wrong.json']).then(
        () => undefined,
        (error: Error) => error.message,
      ),
    ]);
    // Exactly one error, at the wrong call: the string amount.
    expect(wrong?.match(/error TS\d+/g)).toEqual(['error TS2322']);
    expect(wrong).toContain('wrong/wrong-call.ts(3,');

    const mocks = await startMocksCli(['qvatel']);
    try {
      expect(Object.keys(mocks.urls)).toEqual(['qvatel']);
      const { stdout } = await node(app, 'dist/recharge.js', [mocks.urls.qvatel ?? '']);
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

  it('installs @telcopay/sdk and tops up through the facade on each top-up provider’s mock', async ({
    expect,
  }) => {
    const app = await appWith('sdk-app', '@telcopay/sdk');
    expect(readdirSync(join(app, 'node_modules/@telcopay')).sort()).toEqual([
      'chinchin-cps',
      'core',
      'masstack-partners',
      'qvatel',
      'sdk',
      'stone-topups',
      'tigo-b2b-billing',
    ]);
    writeFiles(app, { 'src/topups.ts': fixture('topups.ts') });
    await tsc(app);

    const mocks = await startMocksCli(['chinchin-cps', 'qvatel', 'stone-topups']);
    try {
      const { urls } = mocks;
      const { stdout } = await node(app, 'dist/topups.js', [
        urls['chinchin-cps'] ?? '',
        urls.qvatel ?? '',
        urls['stone-topups'] ?? '',
      ]);
      expect(JSON.parse(stdout)).toEqual([
        {
          provider: 'chinchinCps',
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
          provider: 'stoneTopups',
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
