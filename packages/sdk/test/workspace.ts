import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The monorepo's root. */
export const WORKSPACE = resolve(import.meta.dirname, '../../..');

export interface PublishedPackage {
  name: string;
  version: string;
  dir: string;
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

/** pnpm: the one running these tests when it is (npm_execpath), else the one on the PATH. */
export function pnpm(args: readonly string[], cwd: string, timeoutMs?: number): Promise<Output> {
  const execPath = process.env.npm_execpath;
  const options = { cwd, ...(timeoutMs ? { timeoutMs } : {}) };
  return execPath && /pnpm/.test(execPath)
    ? exec(process.execPath, [execPath, ...args], options)
    : exec('pnpm', args, options);
}

/** The workspace's packages that are published: every one not marked private. */
export async function publishedPackages(): Promise<PublishedPackage[]> {
  const { stdout } = await pnpm(['-r', 'ls', '--depth', '-1', '--json'], WORKSPACE);
  const all: { name: string; version: string; path: string; private?: boolean }[] =
    JSON.parse(stdout);
  return all
    .filter((entry) => entry.private !== true)
    .map((entry) => ({ name: entry.name, version: entry.version, dir: entry.path }));
}

/**
 * Packs every published package as `pnpm publish` would (workspace and catalog versions
 * replaced by real ones) into `destination`; returns each tarball's path by package name.
 */
export async function packAll(
  packages: readonly PublishedPackage[],
  destination: string,
): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  for (const entry of packages) {
    const before = new Set(readdirSync(destination));
    await pnpm(['pack', '--pack-destination', destination], entry.dir);
    const [tarball] = readdirSync(destination).filter((file) => !before.has(file));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${entry.name}`);
    tarballs.set(entry.name, join(destination, tarball));
  }
  return tarballs;
}
