/** Node's and Bun's codes of a connection failure before a single byte of a request was sent. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Deno's fetch has no code, but names the failed phase: `client error (Connect)` is the
 * connection (TCP, TLS) failing, before the request was sent. Chromium and workerd say only
 * `Failed to fetch` / `Network connection lost`, for a refused connection and a lost answer
 * alike: there, nothing tells that a request was not sent.
 */
const NOT_SENT_MESSAGE = /\bclient error \(Connect\)/;

/** Whether a failed fetch's cause (as `SecretRegistry.describeCause` gives it) sent nothing. */
export function nothingWasSent(cause: { message: string; code?: string } | undefined): boolean {
  if (cause === undefined) return false;
  if (cause.code !== undefined) return NOT_SENT_CODES.has(cause.code);
  return NOT_SENT_MESSAGE.test(cause.message);
}
