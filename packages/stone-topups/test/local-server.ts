import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the local server received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the handler answers: a status and a JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

export type Handler = (request: ReceivedRequest) => Answer | Promise<Answer>;

/**
 * A real HTTP server on 127.0.0.1 and a free port that records every request and answers JSON;
 * `close()` also drops open connections.
 */
export async function localServer(handler: Handler) {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', async () => {
      const entry = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
      };
      received.push(entry);
      const answer = await Promise.resolve()
        .then(() => handler(entry))
        .catch((error: unknown) => ({ status: 500, body: { type: 'test', title: String(error) } }));
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** The requests received on `path`. */
    on: (path: string) => received.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
