import { type IncomingHttpHeaders, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { OperationAnswers } from './answers.js';
import { type Fault, RETRY_AFTER_SECONDS } from './vocabulary.js';

/**
 * A server-side answer never lasts longer than this, whatever the client does: longer than the
 * suite's hang limit, so that a client that never gives up is reported as hanging.
 */
const ANSWER_GUARD_MS = 120_000;

/** What the server knows of the request being answered. */
export interface Exchange {
  answers: OperationAnswers;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  response: ServerResponse;
  socket: Socket;
  /** The success body to serve (the spec's example, or a freshly issued token). */
  success: unknown;
  /** How long a `drip` takes to deliver the whole body. */
  dripDurationMs: number;
  /** Resolves once the client has the headers of this answer. */
  clientHasHeaders(): Promise<void>;
}

/** The faults `respond` plays; `refused` never reaches the server. */
export type ServedFault = Exclude<Fault, 'refused'>;

/**
 * Answers the request with `fault`. Resolves to the JSON body served when the answer was a
 * complete, parseable body, so a test can compare what the client returned with it.
 */
export function respond(fault: ServedFault, exchange: Exchange): unknown {
  const { answers } = exchange;
  const successText = JSON.stringify(exchange.success);
  switch (fault) {
    case 'none':
      return sendJson(exchange, answers.success.status, exchange.success);
    case 'reset':
      exchange.response.writeHead(answers.success.status, jsonHeaders(successText));
      exchange.response.write(successText.slice(0, Math.floor(successText.length / 2)));
      // Only once the client has the headers: a reset that overtook them would be no answer at all.
      void exchange.clientHasHeaders().then(() => {
        if (!exchange.socket.destroyed) exchange.socket.resetAndDestroy();
      });
      later(exchange, ANSWER_GUARD_MS, () => exchange.socket.resetAndDestroy());
      return undefined;
    case 'hang':
      later(exchange, ANSWER_GUARD_MS, () => exchange.socket.destroy());
      return undefined;
    case 'drip':
      drip(exchange, answers.success.status, successText);
      return undefined;
    case 'http-500':
    case 'http-502':
    case 'http-503':
    case 'http-504': {
      const status = Number(fault.slice('http-'.length));
      const documented = answers.documented.get(status) ?? { message: STATUS_CODES[status] };
      return sendJson(exchange, status, withEcho(documented, exchange));
    }
    case 'throttled':
    case 'throttled-long':
      return sendJson(exchange, 429, withEcho({ message: STATUS_CODES[429] }, exchange), {
        'retry-after': String(RETRY_AFTER_SECONDS[fault]),
      });
    case 'html':
      return send(exchange, 502, htmlErrorPage(exchange), 'text/html; charset=utf-8');
    case 'truncated':
      return send(
        exchange,
        answers.success.status,
        successText.slice(0, Math.floor(successText.length / 2)),
        'application/json',
      );
    case 'malformed':
      return send(
        exchange,
        answers.success.status,
        `${successText}\n<!-- served from cache -->`,
        'application/json',
      );
    case 'business-failure':
      return sendJson(exchange, answers.success.status, answers.failure);
    case 'expired-token':
      return sendJson(exchange, 401, withEcho(answers.unauthorized, exchange));
  }
}

/**
 * The body with a `debug` field that echoes the request — its URL, credentials and body — as a
 * careless upstream would: whatever the client does with the body must not leak them.
 */
function withEcho(body: unknown, exchange: Exchange): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { headers } = exchange;
  const echo = [
    `${exchange.method} ${exchange.path}`,
    `authorization=${headers.authorization ?? '-'}`,
    `api-signature=${headers['api-signature'] ?? '-'}`,
    `body=${exchange.body}`,
  ].join(' ');
  return { ...body, debug: echo };
}

function htmlErrorPage(exchange: Exchange): string {
  const url = `${exchange.method} ${exchange.path}`.replace(
    /[<>&"]/g,
    (c) => `&#${c.charCodeAt(0)};`,
  );
  return `<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>No answer from the upstream for ${url}</p><hr><center>nginx</center></body></html>`;
}

function jsonHeaders(text: string, extra: Record<string, string> = {}) {
  return {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...extra,
  };
}

function sendJson(
  exchange: Exchange,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): unknown {
  const text = JSON.stringify(body);
  exchange.response.writeHead(status, jsonHeaders(text, extra));
  exchange.response.end(text);
  return body;
}

function send(exchange: Exchange, status: number, text: string, contentType: string): undefined {
  exchange.response.writeHead(status, { ...jsonHeaders(text), 'content-type': contentType });
  exchange.response.end(text);
  return undefined;
}

/** Writes the body one byte at a time, spread over `dripDurationMs`. */
function drip(exchange: Exchange, status: number, text: string): void {
  const bytes = Buffer.from(text);
  exchange.response.writeHead(status, jsonHeaders(text));
  // The headers now, not with the first byte: a drip is a slow body, not a slow answer.
  exchange.response.flushHeaders();
  let sent = 0;
  const timer = setInterval(
    () => {
      exchange.response.write(bytes.subarray(sent, sent + 1));
      sent += 1;
      if (sent === bytes.length) {
        clearInterval(timer);
        exchange.response.end();
      }
    },
    Math.max(1, exchange.dripDurationMs / bytes.length),
  );
  exchange.response.on('close', () => clearInterval(timer));
}

/** Runs `action` after `ms`, unless the exchange closed first. */
function later(exchange: Exchange, ms: number, action: () => void): void {
  const timer = setTimeout(action, ms);
  exchange.response.on('close', () => clearTimeout(timer));
}
