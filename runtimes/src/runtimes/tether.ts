import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/**
 * Runs the command in place of a shell (`exec`, so the pid is the command's) beside a watcher
 * that holds our end of stdin and SIGKILLs the command when that pipe closes: when `stop()`
 * closes it, or when this process dies in any way, even SIGKILL. A failed run leaves nothing.
 */
const TETHER =
  'exec 9<&0; (cat <&9 >/dev/null 2>&1; kill -9 $$ 2>/dev/null) >/dev/null 2>&1 3>&- & ' +
  'exec "$@" 9<&- </dev/null';

/** How much of a process's output is kept for error messages. */
const OUTPUT_TAIL = 4_000;

export interface Tethered {
  child: ChildProcess;
  /** The tail of what the process wrote to stdout and stderr. */
  output(): string;
  /** Kills the process and resolves once it has exited. */
  stop(): Promise<void>;
}

export interface TetherOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Also open fd 3 as a pipe from the process (workerd's --control-fd). */
  controlFd?: boolean;
}

export function spawnTethered(command: string, args: string[], options: TetherOptions): Tethered {
  const child = spawn('/bin/sh', ['-c', TETHER, 'tether', command, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe', ...(options.controlFd ? (['pipe'] as const) : [])],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => keep(Buffer.from(String(error))));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      // Lets the watcher go too.
      child.stdin?.end();
      resolve();
    }),
  );
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // The watcher kills it; a direct SIGKILL only if that has not happened in 5 s.
      child.stdin?.end();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/**
 * Resolves to the first match of `pattern` in a stream's lines. Rejects when the process exits
 * first or after `timeoutMs`, with the process's output.
 */
export function firstMatch(
  tethered: Tethered,
  stream: Readable | null | undefined,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`${why}. Its output:\n${tethered.output()}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    const onExit = (code: number | null, signal: string | null) =>
      fail(`the process exited (${signal ?? code}) before it was ready`);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = text.match(pattern);
      if (match) {
        cleanup();
        resolve(match);
      }
    };
    const cleanup = () => {
      clearTimeout(timer);
      tethered.child.off('exit', onExit);
      stream?.off('data', onData);
    };
    tethered.child.once('exit', onExit);
    stream?.on('data', onData);
  });
}
