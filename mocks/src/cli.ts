#!/usr/bin/env node
// telcopay-mocks [api…] [--errors] [--free]: serves the mocks until interrupted.
// telcopay-mocks proxy <api> --upstream <url> …: a validating proxy in front of the provider.
import { APIS, isApiName } from './apis.js';
import { startError, stopOnSignals, strictArgs, usageError } from './cli-errors.js';

const MOCKS_USAGE = [
  'Usage: telcopay-mocks [api…] [--errors] [--free]',
  '       telcopay-mocks proxy <api> --upstream <url> [--port <n>] [--report <file>] [--record <dir>]',
  '',
  `APIs: ${APIS.join(', ')} (default: all)`,
  '--errors  answer 4xx/5xx when a request or an example violates the spec',
  '--free    listen on free ports instead of the standard ones',
  '',
  'telcopay-mocks proxy --help  the validating proxy in front of a real provider',
].join('\n');

const args = process.argv.slice(2);
if (args[0] === 'proxy') {
  const { runProxy } = await import('./proxy/cli.js');
  await runProxy(args.slice(1));
} else {
  await serveMocks(args);
}

async function serveMocks(argv: string[]) {
  const parsed = strictArgs(
    argv,
    { errors: { type: 'boolean' }, free: { type: 'boolean' } },
    MOCKS_USAGE,
  );
  if (!parsed) return;
  const { values, positionals } = parsed;
  const unknown = positionals.filter((name) => !isApiName(name));
  if (unknown.length > 0)
    usageError(`Unknown API: ${unknown.join(', ')}. Known: ${APIS.join(', ')}`);
  const apis = positionals.length > 0 ? positionals.filter(isApiName) : APIS;
  try {
    // Prism takes a second to load: only once the arguments are known to be good.
    const { hostMocks } = await import('./host.js');
    const servers = await hostMocks(apis, values.free ? 'free' : undefined, {
      errors: values.errors === true,
    });
    for (const server of servers) console.log(`${server.api.padEnd(18)} ${server.url}`);
    console.log('Mocks are running; press Ctrl+C to stop.');
    const stop = () => process.exit(0);
    stopOnSignals(stop);
    // Started by a parent with an IPC channel (`pnpm start`): exit when the parent does.
    process.on('disconnect', stop);
  } catch (error) {
    startError(
      'mocks',
      error,
      'A port is taken (another telcopay-mocks or `pnpm start`?). Add --free to listen on free ports.',
    );
  }
}
