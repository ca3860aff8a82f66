#!/usr/bin/env node
// Serves every mock on its standard port and the docs site on 127.0.0.1:4000 until Ctrl+C.
// Run through `pnpm start` (which builds first); `pnpm start --free` takes free ports instead.
// The mocks run as the `telcopay-mocks` command, whose output passes through: a request a mock
// refuses shows here with Prism's reasons.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveSite } from '../docs/scripts/site-server.mjs';

const free = process.argv.includes('--free');
const cli = fileURLToPath(new URL('../mocks/bin/telcopay-mocks.js', import.meta.url));
// The IPC channel ties the mocks to this process: it closes when this process ends, even killed
// (SIGKILL), and the mocks exit then.
const mocks = spawn(process.execPath, [cli, '--errors', ...(free ? ['--free'] : [])], {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const urls = await new Promise((resolve) => {
  let output = '';
  const onData = (chunk) => {
    output += chunk.toString();
    if (!output.includes('Mocks are running')) return;
    mocks.stdout.off('data', onData);
    mocks.stdout.pipe(process.stdout);
    resolve([...output.matchAll(/^(\S+)\s+(http:\/\/\S+)$/gm)].map(([, api, url]) => [api, url]));
  };
  mocks.stdout.on('data', onData);
  mocks.once('exit', (code) => {
    process.stdout.write(output);
    console.error(
      `The mocks did not start (exit ${code}). Ports 4010-4014: \`pnpm start --free\` takes free ones.`,
    );
    process.exit(1);
  });
});

const docs = await serveSite({ port: free ? 0 : 4000 }).catch((error) => {
  console.error(`The docs site could not start on 127.0.0.1:4000: ${error.message}`);
  mocks.kill('SIGTERM');
  process.exit(1);
});

console.log('telcopay is running:\n');
for (const [api, url] of urls) console.log(`  mock ${api.padEnd(18)} ${url}`);
console.log(`  docs ${''.padEnd(18)} ${docs.url}\n`);
console.log('Press Ctrl+C to stop. Requests a mock refuses are logged below with the reasons.');

let stopping = false;
/** Ctrl+C stops everything and ends with status 0: stopping is what was asked for. */
async function stop() {
  if (stopping) return;
  stopping = true;
  mocks.removeAllListeners('exit');
  const mocksGone = new Promise((resolve) => {
    if (mocks.exitCode !== null || mocks.signalCode !== null) resolve();
    else mocks.once('exit', resolve);
  });
  mocks.kill('SIGTERM');
  await Promise.all([mocksGone, docs.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
