import { type HeadersOptions, mergeHeaders } from 'openapi-fetch';
import type { Logger } from './logger.js';
import type { SendResult } from './operation.js';
import { logRequest, logResponse } from './request-log.js';

/** One attempt of a method's request, built: the URL with its query, the body as sent. */
export interface HttpRequest {
  method: string;
  url: string;
  /** The operation's path template (`/v2/operation/use/pay`), for the log. */
  route: string;
  /** From the lowest to the highest precedence; a later one replaces an earlier one's header. */
  headers: readonly (HeadersOptions | undefined)[];
  body: string | undefined;
  signal: AbortSignal;
}

/** Sends one attempt and reads its answer as openapi-fetch reads a JSON answer. */
export type Transport = (request: HttpRequest) => Promise<SendResult<unknown>>;

export interface TransportOptions {
  provider: string;
  /** The caller's fetch, which takes a `Request`; default the global one. */
  fetch: ((request: Request) => Promise<Response>) | undefined;
  /** The client's own headers, under every request's. */
  headers: Record<string, string> | undefined;
  /** Given only when the caller passed a logger hook: otherwise nothing is logged, nor timed. */
  logger: Logger | undefined;
}

/**
 * The methods' transport: straight to fetch, without openapi-fetch's per-request work (its
 * Request, handed to fetch, is copied again there): about 15 % of a loopback request's CPU.
 * The global fetch is given the URL, the init and the attempt's signal; a caller's fetch gets one
 * `Request` carrying them, the one argument it takes.
 */
export function fetchTransport(options: TransportOptions): Transport {
  const { provider, fetch, logger } = options;
  return async (request) => {
    const { method, url, route } = request;
    const init: RequestInit = {
      method,
      headers: mergeHeaders(options.headers, ...request.headers),
      body: request.body ?? null,
      signal: request.signal,
    };
    const startedAt = logger ? logRequest(logger, provider, method, route) : 0;
    if (!fetch) {
      // Looked up per request, so a fetch patched after the client was built is used.
      const response = await globalThis.fetch(url, init);
      if (logger) logResponse(logger, provider, method, route, response.status, startedAt);
      return readAnswer(response, method);
    }
    const sent = new Request(url, init);
    inFlight.add(sent);
    try {
      const response = await fetch(sent);
      if (logger) logResponse(logger, provider, method, route, response.status, startedAt);
      return await readAnswer(response, method);
    } finally {
      inFlight.delete(sent);
    }
  };
}

/**
 * Requests given to a caller's fetch, held until their answer is read. Sent on to the global
 * fetch, such a request is copied, and the copy follows its signal; but undici holds the original
 * only weakly: once collected, it no longer passes the attempt's abort on, and a timed-out
 * request whose body drips would stay open.
 */
const inFlight = new Set<Request>();

/** The answer as openapi-fetch parses JSON: no body for 204, HEAD or an empty length. */
async function readAnswer(response: Response, method: string): Promise<SendResult<unknown>> {
  const length = response.headers.get('Content-Length');
  const empty =
    response.status === 204 ||
    method === 'HEAD' ||
    (length === '0' && !response.headers.get('Transfer-Encoding')?.includes('chunked'));
  if (response.ok) {
    if (empty) return { data: undefined, response };
    const text = await response.text();
    return { data: text ? JSON.parse(text) : undefined, response };
  }
  if (empty) return { error: undefined, response };
  const text = await response.text();
  try {
    return { error: JSON.parse(text), response };
  } catch {
    return { error: text, response };
  }
}
