// The process `startMocks` spawns: hosts the mocks, reports their URLs on one stdout line, and
// exits as soon as its parent goes away (stdin closes), so no mock outlives the process that
// started it — not even when that process is killed.
import { isApiName } from './apis.js';
import { hostMocks } from './host.js';
import { READY_MARK } from './protocol.js';

const request = JSON.parse(process.argv[2] ?? '{}') as {
  apis: string[];
  ports?: Record<string, number> | 'free';
  errors: boolean;
  documents?: Record<string, string>;
};
const apis = request.apis.filter(isApiName);

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));

hostMocks(apis, request.ports, { errors: request.errors, documents: request.documents }).then(
  (servers) => {
    const urls = Object.fromEntries(servers.map((server) => [server.api, server.url]));
    process.stdout.write(`\n${READY_MARK}${JSON.stringify(urls)}\n`);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
