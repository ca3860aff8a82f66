import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { faultAnswer, type RequestEcho } from './answer.js';
import type { OperationAnswers } from './answers.js';
import type { Fault } from './vocabulary.js';

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
  switch (fault) {
    case 'reset': {
      const successText = JSON.stringify(exchange.success);
      exchange.response.writeHead(answers.success.status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(successText),
      });
      exchange.response.write(successText.slice(0, Math.floor(successText.length / 2)));
      // Only once the client has the headers: a reset that overtook them would be no answer at all.
      void exchange.clientHasHeaders().then(() => {
        if (!exchange.socket.destroyed) exchange.socket.resetAndDestroy();
      });
      later(exchange, ANSWER_GUARD_MS, () => exchange.socket.resetAndDestroy());
      return undefined;
    }
    case 'hang':
      later(exchange, ANSWER_GUARD_MS, () => exchange.socket.destroy());
      return undefined;
    case 'drip':
      drip(exchange, answers.success.status, JSON.stringify(exchange.success));
      return undefined;
    default: {
      const answer = faultAnswer(fault, answers, echoOf(exchange), exchange.success);
      exchange.response.writeHead(answer.status, {
        ...answer.headers,
        'content-length': Buffer.byteLength(answer.body),
      });
      exchange.response.end(answer.body);
      return answer.json;
    }
  }
}

function echoOf(exchange: Exchange): RequestEcho {
  return {
    method: exchange.method,
    path: exchange.path,
    header: (name) => {
      const value = exchange.headers[name];
      return value === undefined ? undefined : String(value);
    },
    body: exchange.body,
  };
}

/** Writes the body one byte at a time, spread over `dripDurationMs`. */
function drip(exchange: Exchange, status: number, text: string): void {
  const bytes = Buffer.from(text);
  exchange.response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': bytes.length,
  });
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
