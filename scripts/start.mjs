#!/usr/bin/env node
// Serves every mock on its standard port and the docs site on 127.0.0.1:4000 until Ctrl+C.
// Run through `pnpm start`, which builds first.
import { serveSite } from '../docs/scripts/site-server.mjs';
import { startMocks } from '../mocks/dist/index.js';

const mocks = await startMocks({ errors: true }).catch((error) => {
  console.error(
    `${error.message}\nIs another \`pnpm start\` running? The mocks use ports 4010-4014.`,
  );
  process.exit(1);
});
const docs = await serveSite({ port: 4000 }).catch((error) => {
  console.error(`The docs site could not start on 127.0.0.1:4000: ${error.message}`);
  return mocks.stop().then(() => process.exit(1));
});

console.log('telcopay is running:\n');
for (const [api, url] of Object.entries(mocks.urls)) console.log(`  mock ${api.padEnd(18)} ${url}`);
console.log(`  docs ${''.padEnd(18)} ${docs.url}\n`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.all([mocks.stop(), docs.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
