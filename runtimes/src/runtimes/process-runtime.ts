import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LISTENING_PREFIX } from '../hosts/run-flow.js';
import {
  openApps,
  type Runtime,
  type RuntimeName,
  type RuntimeSession,
  START_TIMEOUT_MS,
} from './runtime.js';
import { servedApp } from './served-app.js';
import { firstMatch, spawnTethered, type Tethered } from './tether.js';

export interface Launch {
  args: string[];
  env?: Record<string, string>;
  controlFd?: boolean;
}

export interface ProcessRuntimeSpec {
  name: RuntimeName;
  bundling: Runtime['bundling'];
  /** The binary's path, looked up when the row starts: a missing one fails that row only. */
  binary(): string;
  /** The command line that serves one bundled app. */
  launch(bundle: string, workDir: string): Launch;
  /** The port the app listens on (default: from the line the host prints). */
  port?(tethered: Tethered): Promise<number>;
}

/** The line a served app prints once it listens (see `listeningLine`). */
const LISTENING = new RegExp(`${LISTENING_PREFIX}(\\d+)`);

const printedPort = (tethered: Tethered) =>
  firstMatch(tethered, tethered.child.stdout, LISTENING, START_TIMEOUT_MS).then(([, port]) =>
    Number(port),
  );

/** A runtime that serves each app from its own process, on a free loopback port. */
export function processRuntime(spec: ProcessRuntimeSpec): Runtime {
  return { name: spec.name, bundling: spec.bundling, start: (workDir) => start(workDir, spec) };
}

async function start(workDir: string, spec: ProcessRuntimeSpec): Promise<RuntimeSession> {
  const binary = spec.binary();
  const { stdout } = await promisify(execFile)(binary, ['--version'], {
    timeout: START_TIMEOUT_MS,
  });
  const apps = openApps();
  return {
    // The number of `1.4.5`, `deno 2.9.6 (stable, …)`, `workerd 2026-11-17`.
    version: stdout.match(/\d[\w.-]*/)?.[0] ?? stdout.trim(),
    async open(bundle) {
      const { args, env, controlFd } = spec.launch(bundle, workDir);
      const tethered = spawnTethered(binary, args, {
        cwd: workDir,
        ...(env ? { env } : {}),
        ...(controlFd ? { controlFd } : {}),
      });
      try {
        return apps.add(servedApp(tethered, await (spec.port ?? printedPort)(tethered)));
      } catch (error) {
        await tethered.stop();
        throw error;
      }
    },
    close: apps.closeAll,
  };
}
