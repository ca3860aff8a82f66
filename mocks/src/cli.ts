#!/usr/bin/env node
// telcopay-mocks [api…] [--errors] [--free]: serves the mocks until interrupted, on their
// standard ports (or free ones with --free), printing each URL.
import { APIS, isApiName } from './apis.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(
    [
      'Usage: telcopay-mocks [api…] [--errors] [--free]',
      '',
      `APIs: ${APIS.join(', ')} (default: all)`,
      '--errors  answer 4xx/5xx when a request or an example violates the spec',
      '--free    listen on free ports instead of the standard ones',
    ].join('\n'),
  );
  process.exit(0);
}
const names = args.filter((arg) => !arg.startsWith('--'));
const unknown = names.filter((name) => !isApiName(name));
if (unknown.length > 0) {
  console.error(`Unknown API: ${unknown.join(', ')}. Known: ${APIS.join(', ')}`);
  process.exit(2);
}
const apis = names.length > 0 ? names.filter(isApiName) : APIS;

try {
  // Prism takes a second to load: only once the arguments are known to be good.
  const { hostMocks } = await import('./host.js');
  const ports = args.includes('--free') ? 'free' : undefined;
  const servers = await hostMocks(apis, ports, { errors: args.includes('--errors') });
  for (const server of servers) console.log(`${server.api.padEnd(18)} ${server.url}`);
  console.log('Mocks are running; press Ctrl+C to stop.');
  const stop = () => process.exit(0);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(
    `Could not start the mocks: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
