// As a user would: the packed packages, installed with plain npm into fresh projects outside
// the workspace, compiled with a strict tsconfig and run against the packed mocks.
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
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
import { basename, join, relative } from 'node:path';
import { MOCK_PORTS } from '@telcopay/mocks';
import { type DocSample, docSamples, documentationFiles } from '@telcopay/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exec, packed, userEnvironment, WORKSPACE } from './workspace.js';

const require = createRequire(import.meta.url);
/** The compiler and Node types this workspace builds with: each app's devDependencies. */
const TOOLS = Object.fromEntries(
  ['typescript', '@types/node'].map((name) => [name, require(`${name}/package.json`).version]),
);

/** The version of a devDependency of this package (some export no `package.json`). */
function installedVersion(name: string): string {
  const manifest = join(import.meta.dirname, '../node_modules', name, 'package.json');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

/**
 * What the guides' samples import besides telcopay: MSW (the in-process mocks) and the
 * OpenTelemetry SDK (the observability guide).
 */
const GUIDE_DEPENDENCIES = Object.fromEntries(
  [
    'msw',
    '@opentelemetry/api',
    '@opentelemetry/context-async-hooks',
    '@opentelemetry/sdk-metrics',
    '@opentelemetry/sdk-trace-base',
  ].map((name) => [name, installedVersion(name)]),
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

const { tarballs, packages: published } = packed();

let root: string;
/**
 * The project with all eight packed packages installed (the mocks' CLI runs from it too), once
 * its install is done.
 */
let everything: Promise<string>;
const runningClis = new Set<RunningCli>();
/**
 * The CLI serving all five mocks, started once by the first test that needs it and shared by
 * the SDK's app and the samples (none of them queues steps on it); afterAll stops it.
 */
let allMocks: Promise<RunningCli> | undefined;
function allMocksCli(): Promise<RunningCli> {
  allMocks ??= startMocksCli(Object.keys(MOCK_PORTS));
  return allMocks;
}

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
async function appWith(
  name: string,
  packageName: string,
  tsconfig: object = STRICT_TSCONFIG,
): Promise<string> {
  const app = join(root, name);
  npmProject(app, { name, devDependencies: TOOLS });
  writeFiles(app, { 'tsconfig.json': JSON.stringify(tsconfig) });
  await npm(['install', tarball(packageName)], app);
  return app;
}

/**
 * All eight packages in one project of their own (so that each app holds only what it
 * installs): one npm run, with the compiler, for the documentation samples and the mocks' CLI.
 */
async function installEverything(): Promise<string> {
  const dir = join(root, 'everything');
  npmProject(dir, { name: 'everything', devDependencies: { ...TOOLS, ...GUIDE_DEPENDENCIES } });
  await npm(['install', ...Object.keys(tarballs).map(tarball)], dir);
  return dir;
}

/** The project's own `tsc` (the one `npx tsc` runs, without npm's start-up). */
function tsc(app: string, args: readonly string[] = []) {
  return exec(join(app, 'node_modules/.bin/tsc'), args, { cwd: app, env: userEnvironment() });
}

function node(app: string, file: string, args: readonly string[]) {
  return exec(process.execPath, [file, ...args], { cwd: app, env: userEnvironment() });
}

interface RunningCli {
  urls: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The packed mocks' `telcopay-mocks` command (what `npx telcopay-mocks` runs) with
 * `<apis> --free`. Its IPC channel to this process makes it exit when this process does, even
 * killed: no mock outlives a run. Resolves with the URLs it prints.
 */
async function startMocksCli(apis: readonly string[]): Promise<RunningCli> {
  const project = await everything;
  const mocksDir = join(project, 'node_modules/@telcopay/mocks');
  const { bin } = JSON.parse(readFileSync(join(mocksDir, 'package.json'), 'utf8'));
  const child = spawn(
    process.execPath,
    [join(mocksDir, bin['telcopay-mocks']), ...apis, '--free'],
    { cwd: project, env: userEnvironment(), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  const cli: RunningCli = {
    urls: {},
    async stop() {
      await stopProcess(child);
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

/** Stops the CLI (SIGTERM; SIGKILL if it has not exited within 5 s) and waits for its exit. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Every README's and guide's ```ts samples (see `documentationFiles`). */
function documentationSamples(): DocSample[] {
  const dirs = published.map((entry) => entry.dir);
  return documentationFiles(WORKSPACE, dirs).flatMap((path) => docSamples(WORKSPACE, path));
}

/**
 * What the runnable samples read: credentials for the mocks (which check none), a fresh Stone
 * key, and for the preloaded `mock-redirect.mjs` each standard mock URL's running mock.
 */
function sampleEnvironment(urls: Record<string, string>): NodeJS.ProcessEnv {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const moved = Object.fromEntries(
    Object.entries(MOCK_PORTS).map(([api, port]) => [`http://127.0.0.1:${port}`, urls[api]]),
  );
  return {
    ...userEnvironment(),
    QVATEL_API_TOKEN: 'sample-token',
    CHINCHIN_API_KEY: 'sample-key',
    CHINCHIN_API_SECRET: 'sample-secret',
    TIGO_CLIENT_ID: 'sample-client',
    TIGO_CLIENT_SECRET: 'sample-secret',
    MASSTACK_TOKEN: 'sample-jwt',
    STONE_CLIENT_ID: 'sample-client',
    STONE_PRIVATE_KEY: privateKey,
    TELCOPAY_SAMPLE_MOCKS: JSON.stringify(moved),
  };
}

/** tsc's errors, each at the Markdown line of the sample it is in. */
function sampleErrors(output: string, samples: readonly DocSample[]): string[] {
  return output.split('\n').flatMap((line) => {
    const match = /^samples\/(.+)\.ts\((\d+),\d+\): (error .*)$/.exec(line.trim());
    if (!match) return /error TS/.test(line) ? [line.trim()] : [];
    const sample = samples.find((candidate) => candidate.name === match[1]);
    return [`${sample?.file}:${(sample?.line ?? 0) + Number(match[2])}: ${match[3]}`];
  });
}

/** A sample with a misspelt method, compiled with the others and never run. */
const CANARY: DocSample = {
  file: 'canary.md',
  line: 1,
  name: 'canary',
  code: [
    "import { createQvatelClient } from '@telcopay/qvatel';",
    "const qvatel = createQvatelClient({ apiToken: 't', environment: 'mock' });",
    'await qvatel.getRechargeBalanse();',
  ].join('\n'),
  runs: false,
};

/** Runs `tasks` at most `limit` at a time (each sample is a Node process). */
async function inBatches<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < tasks.length; start += limit) {
    results.push(...(await Promise.all(tasks.slice(start, start + limit).map((task) => task()))));
  }
  return results;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'telcopay-consumer-'));
  mkdirSync(join(root, 'tarballs'));
  for (const path of Object.values(tarballs)) {
    copyFileSync(path, join(root, 'tarballs', basename(path)));
  }
  // The large install (Prism) runs while the apps install and compile; the tests wait for it
  // only where they need it, and see its failure there.
  everything = installEverything();
  everything.catch(() => undefined);
});

afterAll(async () => {
  await allMocks?.catch(() => undefined);
  await Promise.all([...runningClis].map((cli) => cli.stop()));
  // After a failure npm may still be writing into that project.
  await everything?.catch(() => undefined);
  if (root) await rm(root, { recursive: true, force: true });
}, 300_000);

// Concurrent: each test has a project of its own, and most of their time is npm, tsc and Prism.
describe.concurrent('a fresh npm project', () => {
  it('installs only @telcopay/qvatel, compiles strictly, and recharges against the packed mock', async ({
    expect,
  }) => {
    // Its declarations (core's and QvaTel's) are checked strictly by the SDK's app, which
    // installs the same tarballs with skipLibCheck off; this app's one compile checks its
    // program, and the wrong call beside it, strictly.
    const app = await appWith('qvatel-app', '@telcopay/qvatel', {
      ...STRICT_TSCONFIG,
      compilerOptions: { ...STRICT_TSCONFIG.compilerOptions, skipLibCheck: true, rootDir: '.' },
      include: ['src', 'wrong'],
    });
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
    });
    // One compile of both: tsc still emits the program when the wrong call fails.
    const wrong = await tsc(app).then(
      () => undefined,
      (error: Error) => error.message,
    );
    // Exactly one error, at the wrong call (the string amount): none in the program.
    expect(wrong?.match(/error TS\d+/g)).toEqual(['error TS2322']);
    expect(wrong).toContain('wrong/wrong-call.ts(3,');

    const mocks = await startMocksCli(['qvatel']);
    try {
      expect(Object.keys(mocks.urls)).toEqual(['qvatel']);
      const { stdout } = await node(app, 'dist/src/recharge.js', [mocks.urls.qvatel ?? '']);
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

    const { urls } = await allMocksCli();
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
  }, 600_000);

  it('installs all eight packages, compiles every README and guide sample strictly, and runs each against the mocks', async ({
    expect,
  }) => {
    const samples = documentationSamples();
    const files = new Set(samples.map((sample) => sample.file));
    for (const { dir, name } of published) {
      expect(files.has(relative(WORKSPACE, join(dir, 'README.md'))), `${name}'s README`).toBe(true);
    }
    expect(files).toContain('README.md');
    expect(files).toContain('docs/guides/getting-started.md');

    const app = await everything;
    expect(readdirSync(join(app, 'node_modules/@telcopay')).sort()).toEqual(
      published.map((entry) => entry.name.replace('@telcopay/', '')).sort(),
    );
    writeFiles(app, {
      ...Object.fromEntries(
        // `export {}`: each sample is a module of its own, as in the user's file.
        [...samples, CANARY].map((sample) => [
          `samples/${sample.name}.ts`,
          `${sample.code}\nexport {};\n`,
        ]),
      ),
      'mock-redirect.mjs': fixture('mock-redirect.mjs'),
      'tsconfig.json': JSON.stringify({
        ...STRICT_TSCONFIG,
        compilerOptions: {
          ...STRICT_TSCONFIG.compilerOptions,
          rootDir: 'samples',
          outDir: 'samples-dist',
          // The packages' declarations are checked strictly by the apps beside this one.
          skipLibCheck: true,
        },
        include: ['samples'],
      }),
    });
    // The mocks start (Prism loads) while the samples compile; afterAll stops them.
    const starting = allMocksCli();
    starting.catch(() => undefined);
    const compiled = await tsc(app, ['--pretty', 'false']).then(
      () => '',
      (error: Error) => error.message,
    );
    // The canary proves the samples meet the packages' real types: its one wrong call fails.
    const canary = `${CANARY.file}:${CANARY.line + 3}: error TS2551`;
    expect(sampleErrors(compiled, [...samples, CANARY]).map((e) => e.split("'")[0])).toEqual([
      expect.stringContaining(canary),
    ]);

    const mocks = await starting;
    const env = sampleEnvironment(mocks.urls);
    const runnable = samples.filter((sample) => sample.runs);
    const failures = await inBatches(
      3,
      runnable.map((sample) => async () => {
        const args = ['--import', './mock-redirect.mjs', `samples-dist/${sample.name}.js`];
        return exec(process.execPath, args, { cwd: app, env, timeoutMs: 120_000 }).then(
          () => [],
          (error: Error) => [`${sample.file}:${sample.line}: ${error.message}`],
        );
      }),
    );
    expect(failures.flat()).toEqual([]);
    expect(runnable.length).toBeGreaterThan(20);
  }, 900_000);
});
