#!/usr/bin/env node
// The test command (`pnpm test`): the generated-code drift check, then every lint, typecheck and
// test task through turbo, with ONE Prism mock host for the whole run. Starting Prism costs
// seconds of CPU; each package used to start its own, several times. The host's URLs reach every
// package's tests in TELCOPAY_MOCK_URLS (read by @telcopay/testing's vitest global setup).
// The host is a child that exits when this process does, even when it is killed.
//
//   node scripts/test.mjs [extra turbo args…]
import { spawn } from 'node:child_process';

const TASKS = ['lint:specs', 'lint:code', 'check:types', 'test'];
// Eight turbo tasks at once: the long tests (the fault suite, the packed-package check, the
// scaffold) start as soon as what they need is built, instead of queueing behind short tasks;
// the 2 cores stay busy while a task waits on a socket, a browser or npm.
const CONCURRENCY = '--concurrency=8';

/** Runs a command with this process's output; resolves with its exit code. */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const turbo = (args, env) => run('turbo', args, env);

async function main() {
  const started = performance.now();
  let code = await run(process.execPath, ['scripts/generate.mjs', '--check']);
  if (code !== 0) return code;
  // The mocks (and what they are built from) first: their host serves every test task below.
  code = await turbo(['run', 'build', '--filter=@telcopay/mocks', '--output-logs=errors-only']);
  if (code !== 0) return code;

  const { startMocks } = await import('../mocks/dist/index.js');
  const mocks = await startMocks({ ports: 'free', errors: true, timeoutMs: 120_000 });
  const stopMocks = () => mocks.stop();
  process.once('SIGINT', () => stopMocks().then(() => process.exit(130)));
  process.once('SIGTERM', () => stopMocks().then(() => process.exit(143)));
  try {
    const env = { ...process.env, TELCOPAY_MOCK_URLS: JSON.stringify(mocks.urls) };
    code = await turbo(['run', ...TASKS, CONCURRENCY, ...process.argv.slice(2)], env);
  } finally {
    await stopMocks();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`\ntest command ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
  return code;
}

process.exitCode = await main();
