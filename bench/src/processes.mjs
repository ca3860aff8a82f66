// Child processes of the benchmarks: started in their own process group, so that stopping one
// also stops whatever it forked; waited for until they have exited.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** The children still running: killed when this process exits, however it exits. */
const running = new Set();
process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/**
 * Starts `command` in its own process group, with pipes for stdio unless `options` says
 * otherwise (a stdin pipe ends when this process does).
 */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'pipe', ...options, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Stops the child's process group (SIGTERM, SIGKILL after 5 s) and waits until it exited. */
export function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

/** Resolves with the first match of `pattern` in the child's stdout. */
export function waitForOutput(child, pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(`no output matching ${pattern} within ${timeoutMs} ms`),
      timeoutMs,
    );
    const fail = (why) => {
      clearTimeout(timer);
      reject(new Error(`${why}.\n${output.slice(-2000)}`));
    };
    const onExit = (code) => fail(`the process exited (${code})`);
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(match);
      }
    });
    child.once('exit', onExit);
  });
}

/** Polls `url` until it answers any HTTP response. */
export async function waitUntilAnswering(url, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw new Error(`${url} did not answer: ${error}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** A port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
