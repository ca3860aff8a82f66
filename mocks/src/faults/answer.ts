// The complete HTTP answers of the faults that need no socket tricks: a status, headers and a
// body. The Node fault player sends them; the in-process handlers return them as a Response.
import type { OperationAnswers } from './answers.js';
import { FAULTS, type Fault, RETRY_AFTER_SECONDS } from './vocabulary.js';

/** The faults that are one complete HTTP answer: every fault but the socket tricks. */
export const ANSWER_FAULTS = FAULTS.filter(
  (fault): fault is Exclude<Fault, 'refused' | 'reset' | 'hang' | 'drip'> =>
    !['refused', 'reset', 'hang', 'drip'].includes(fault),
);

export type AnswerFault = (typeof ANSWER_FAULTS)[number];

/** What the answer knows of the request: it echoes some of it, as a careless upstream does. */
export interface RequestEcho {
  method: string;
  path: string;
  /** Header values by lower-case name. */
  header(name: string): string | undefined;
  body: string;
}

export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The JSON body, when the answer is a complete, parseable one. */
  json?: unknown;
}

const REASONS: Readonly<Record<number, string>> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function isAnswerFault(fault: string): fault is AnswerFault {
  return (ANSWER_FAULTS as readonly string[]).includes(fault);
}

/** The answer `fault` gives to `request`, `success` being the success body to serve. */
export function faultAnswer(
  fault: AnswerFault,
  answers: OperationAnswers,
  request: RequestEcho,
  success: unknown = answers.success.body,
): FaultAnswer {
  const successText = JSON.stringify(success);
  switch (fault) {
    case 'none':
      return json(answers.success.status, success);
    case 'http-500':
    case 'http-502':
    case 'http-503':
    case 'http-504': {
      const status = Number(fault.slice('http-'.length));
      const documented = answers.documented.get(status) ?? { message: REASONS[status] };
      return json(status, withEcho(documented, request));
    }
    case 'throttled':
    case 'throttled-long':
      return json(429, withEcho({ message: REASONS[429] }, request), {
        'retry-after': String(RETRY_AFTER_SECONDS[fault]),
      });
    case 'html':
      return text(502, htmlErrorPage(request), 'text/html; charset=utf-8');
    case 'truncated':
      return text(answers.success.status, successText.slice(0, Math.floor(successText.length / 2)));
    case 'malformed':
      return text(answers.success.status, `${successText}\n<!-- served from cache -->`);
    case 'business-failure':
      return json(answers.success.status, answers.failure);
    case 'expired-token':
      return json(401, withEcho(answers.unauthorized, request));
  }
}

/**
 * The body with a `debug` field that echoes the request — its URL, credentials and body — as a
 * careless upstream would: whatever the client does with the body must not leak them.
 */
function withEcho(body: unknown, request: RequestEcho): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const echo = [
    `${request.method} ${request.path}`,
    `authorization=${request.header('authorization') ?? '-'}`,
    `api-signature=${request.header('api-signature') ?? '-'}`,
    `body=${request.body}`,
  ].join(' ');
  return { ...body, debug: echo };
}

function htmlErrorPage(request: RequestEcho): string {
  const url = `${request.method} ${request.path}`.replace(
    /[<>&"]/g,
    (c) => `&#${c.charCodeAt(0)};`,
  );
  return `<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>No answer from the upstream for ${url}</p><hr><center>nginx</center></body></html>`;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): FaultAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    json: body,
  };
}

function text(status: number, body: string, contentType = 'application/json'): FaultAnswer {
  return { status, headers: { 'content-type': contentType }, body };
}
