// The loopback HTTP server of the overhead benchmark, run in its own process so that its CPU is
// not counted as the client's. Answers each route of argv[2] (JSON: [{method, path, status?,
// body}]) with its body, keeps connections alive, prints its port, and exits when its parent
// goes away (stdin closes).
import { createServer } from 'node:http';

const routes = new Map(
  JSON.parse(process.argv[2] ?? '[]').map((route) => [
    `${route.method} ${route.path}`,
    { status: route.status ?? 200, body: Buffer.from(JSON.stringify(route.body)) },
  ]),
);

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const route = routes.get(
      `${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`,
    );
    const status = route?.status ?? 404;
    const body = route?.body ?? Buffer.from('{"error":"no such route"}');
    response.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': body.length,
    });
    response.end(body);
  });
});
// The benchmark pauses between its sections: idle connections must survive that.
server.keepAliveTimeout = 120_000;

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
