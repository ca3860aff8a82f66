import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const execFileAsync = promisify(execFile);

/** The monorepo's root. */
export const WORKSPACE = resolve(import.meta.dirname, '../../..');

export interface PublishedPackage {
  name: string;
  version: string;
  dir: string;
}

/** The published packages, packed once per test run by `pack.global-setup.ts`. */
export interface PackedPackages {
  packages: PublishedPackage[];
  /** The folder of every workspace package, private ones included. */
  workspaceDirs: string[];
  /** Each package's tarball (an absolute path), by package name. */
  tarballs: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    telcopayPacked: PackedPackages;
  }
}

/** The run's packed packages (see `pack.global-setup.ts`). */
export function packed(): PackedPackages {
  const value = inject('telcopayPacked');
  if (!value) throw new Error('Nothing was packed: vitest.config.ts must run pack.global-setup.ts');
  return value;
}

export interface Output {
  stdout: string;
  stderr: string;
}

/**
 * The environment of a program a user runs by hand: this process's, without the `npm_*`
 * variables that the package manager running the tests sets for its scripts.
 */
export function userEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
  );
}

/** Runs a command to completion; rejects with its output when it exits non-zero. */
export async function exec(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Output> {
  try {
    return await execFileAsync(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 180_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as Partial<Output>;
    throw new Error(
      `${command} ${args.join(' ')} failed in ${options.cwd}:\n${stdout}\n${stderr}`.trim(),
      { cause: error },
    );
  }
}

/**
 * pnpm: the one running these tests when it is (npm_execpath), else the workspace's own
 * (`packageManager` in the root package.json) through npx, as the README runs it.
 */
export function pnpm(args: readonly string[], cwd: string, timeoutMs?: number): Promise<Output> {
  const execPath = process.env.npm_execpath;
  const options = { cwd, ...(timeoutMs ? { timeoutMs } : {}) };
  if (execPath && /pnpm/.test(execPath)) {
    return exec(process.execPath, [execPath, ...args], options);
  }
  const { packageManager } = JSON.parse(readFileSync(join(WORKSPACE, 'package.json'), 'utf8'));
  return exec('npx', ['-y', packageManager, ...args], options);
}

/** The workspace's packages, with those that are published: every one not marked private. */
export async function workspacePackages(): Promise<{
  dirs: string[];
  published: PublishedPackage[];
}> {
  const { stdout } = await pnpm(['-r', 'ls', '--depth', '-1', '--json'], WORKSPACE);
  const all: { name: string; version: string; path: string; private?: boolean }[] =
    JSON.parse(stdout);
  return {
    dirs: all.map((entry) => entry.path),
    published: all
      .filter((entry) => entry.private !== true)
      .map((entry) => ({ name: entry.name, version: entry.version, dir: entry.path })),
  };
}

/**
 * Packs `packages` as `pnpm publish` would (workspace and catalog versions replaced by real
 * ones) into `destination`, in one pnpm run; returns each tarball's path by package name.
 */
export async function packAll(
  packages: readonly PublishedPackage[],
  destination: string,
): Promise<Record<string, string>> {
  const filters = packages.flatMap((entry) => ['--filter', entry.name]);
  const { stdout } = await pnpm(
    [...filters, 'pack', '--json', '--pack-destination', destination],
    WORKSPACE,
    300_000,
  );
  // One object per package (a lone package is printed without the array).
  const reports: { name: string; filename: string }[] = [JSON.parse(stdout)].flat();
  const tarballs = Object.fromEntries(
    reports.map((report) => [report.name, join(destination, basename(report.filename))]),
  );
  const missing = packages.filter((entry) => !tarballs[entry.name]);
  if (missing.length > 0) {
    throw new Error(`pnpm pack wrote no tarball for ${missing.map((e) => e.name).join(', ')}`);
  }
  return tarballs;
}
