// Serves docs/site on 127.0.0.1 (default port 4000): `node scripts/serve.mjs [port]`.
import { serveSite } from './site-server.mjs';

const port = Number(process.argv[2] ?? 4000);
const server = await serveSite({ port });
console.log(`docs               ${server.url}`);
