// The log entries of each request and response (method, path template, status, duration), never
// a body: written by the methods' transport and by `.raw`'s middleware alike.
import type { Middleware } from 'openapi-fetch';
import type { Logger } from './logger.js';

/** `.raw`'s log: each request and response (method, path template, status, duration). */
export function loggingMiddleware(provider: string, logger: Logger): Middleware {
  const started = new Map<string, number>();
  return {
    onRequest({ request, schemaPath, id }) {
      started.set(id, logRequest(logger, provider, request.method, schemaPath));
    },
    onResponse({ request, response, schemaPath, id }) {
      const startedAt = started.get(id) ?? performance.now();
      started.delete(id);
      logResponse(logger, provider, request.method, schemaPath, response.status, startedAt);
    },
    onError({ id }) {
      started.delete(id);
    },
  };
}

/** Logs a request about to be sent, never its body; returns when it started. */
export function logRequest(logger: Logger, provider: string, method: string, path: string): number {
  logger({
    level: 'debug',
    event: 'request',
    message: `${method} ${path}`,
    provider,
    fields: { method, path },
  });
  return performance.now();
}

/** Logs the answer's status and how long it took since `startedAt`. */
export function logResponse(
  logger: Logger,
  provider: string,
  method: string,
  path: string,
  status: number,
  startedAt: number,
): void {
  logger({
    level: status >= 200 && status < 300 ? 'debug' : 'warn',
    event: 'response',
    message: `${method} ${path} → ${status}`,
    provider,
    fields: { method, path, status, durationMs: Math.round(performance.now() - startedAt) },
  });
}
