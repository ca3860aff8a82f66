import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { localServer } from '@telcopay/testing';

/** A request as a front received it. */
export interface FrontRequest {
  method: string;
  /** The path, query included. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The front's own base URL (what the client was given as `baseUrl`). */
  frontUrl: string;
}

/**
 * What a front's policy decides: answer the request itself, or pass it to the mock; `note`
 * says what it checked, and goes into the transcript.
 */
export type Verdict =
  | { answer: { status: number; body: unknown }; note: string }
  | { forward: true; note?: string };

export type Policy = (request: FrontRequest) => Verdict | Promise<Verdict>;

export const passThrough: Policy = () => ({ forward: true });

export interface Front {
  url: string;
  /** One line per request, in order: `POST /path → mock 200 (note)`. Preflights excluded. */
  transcript: string[];
  close(): Promise<void>;
}

/** Headers not passed on: the connection's own, and what `fetch` recomputes or decodes. */
const HOP_HEADERS = new Set([
  'connection',
  'content-length',
  'content-encoding',
  'host',
  'keep-alive',
  'transfer-encoding',
]);

/**
 * The CORS answer every front gives: the Chromium app's page is another origin. The clients
 * send custom headers and read response ones (request ids, correlation ids).
 */
const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' };

/**
 * A real HTTP server on 127.0.0.1 in front of a mock: its policy checks each request (a
 * signature, a token, a challenge) and answers it or passes it to the mock, and it keeps the
 * transcript that proves which requests the app really sent.
 */
export async function startFront(mockUrl: string, policy: Policy = passThrough): Promise<Front> {
  const transcript: string[] = [];
  let frontUrl = '';
  const server = await localServer((request, response, body) => {
    if (isPreflight(request)) {
      response.writeHead(204, {
        ...CORS,
        'access-control-allow-methods': String(request.headers['access-control-request-method']),
        'access-control-allow-headers': String(request.headers['access-control-request-headers']),
        'access-control-max-age': '600',
      });
      response.end();
      return;
    }
    const received = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      body,
      frontUrl,
    };
    const line = `${received.method} ${new URL(received.url, frontUrl).pathname} →`;
    // The line's place is taken on arrival: the transcript is in the order requests came.
    const index = transcript.push(`${line} unanswered`) - 1;
    handle(received, policy, mockUrl, response).then(
      ({ by, status, note }) => {
        transcript[index] = `${line} ${by} ${status}${note ? ` (${note})` : ''}`;
      },
      (error: unknown) => {
        transcript[index] = `${line} front failed (${String(error)})`;
        if (!response.headersSent) response.writeHead(502, CORS);
        response.end();
      },
    );
  });
  frontUrl = server.url;
  return { url: server.url, transcript, close: server.close };
}

async function handle(
  request: FrontRequest,
  policy: Policy,
  mockUrl: string,
  response: ServerResponse,
): Promise<{ by: 'front' | 'mock'; status: number; note?: string | undefined }> {
  const verdict = await policy(request);
  if ('answer' in verdict) {
    const { status, body } = verdict.answer;
    response.writeHead(status, { ...CORS, 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
    return { by: 'front', status, note: verdict.note };
  }
  const answer = await fetch(new URL(request.url, mockUrl), {
    method: request.method,
    headers: passedOn(request.headers),
    ...(request.body === '' ? {} : { body: request.body }),
  });
  const headers = Object.fromEntries(
    [...answer.headers].filter(
      ([name]) => !HOP_HEADERS.has(name) && !name.startsWith('access-control-'),
    ),
  );
  response.writeHead(answer.status, { ...headers, ...CORS });
  response.end(Buffer.from(await answer.arrayBuffer()));
  return { by: 'mock', status: answer.status, note: verdict.note };
}

function isPreflight(request: IncomingMessage): boolean {
  return (
    request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined
  );
}

function passedOn(headers: IncomingHttpHeaders): Headers {
  const passed = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_HEADERS.has(name) || name === 'origin') continue;
    passed.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return passed;
}
