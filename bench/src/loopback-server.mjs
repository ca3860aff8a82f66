// The loopback HTTP server of the overhead benchmark, run in its own process so that its CPU is
// not counted as the client's. Answers each route of argv[2] (JSON: [{method, path, status?,
// body}], paths as templates) with its body, keeps connections alive, prints its port, and exits
// when its parent goes away (stdin closes).
import { createServer } from 'node:http';
import { routeMatcher } from './routes.mjs';

const answers = new Map();
const match = routeMatcher(JSON.parse(process.argv[2] ?? '[]'));
const NOT_FOUND = { status: 404, body: Buffer.from('{"error":"no such route"}') };

/** The route's answer as bytes, serialised once. */
function answerTo(route) {
  if (!route) return NOT_FOUND;
  if (!answers.has(route)) {
    answers.set(route, {
      status: route.status ?? 200,
      body: Buffer.from(JSON.stringify(route.body)),
    });
  }
  return answers.get(route);
}

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const { status, body } = answerTo(
      match(request.method, new URL(request.url ?? '/', 'http://x').pathname),
    );
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
