import type { Middleware } from 'openapi-fetch';

/** The first request of each attempt, kept alive by the abort signal it was made with. */
const requestsBySignal = new WeakMap<AbortSignal, Request>();
/** The attempt signal each first request was made with. */
const signalsByRequest = new WeakMap<Request, AbortSignal>();

/**
 * The Request class of every client. It lives as long as its signal: a Request follows its signal
 * through a weak link (undici), so when an auth middleware replaces the request (a signed body, a
 * token in the query), nothing would hold the first one, a garbage collection would drop it, and
 * the runner's timeout would no longer reach the fetch — the call would hang.
 */
export class AttemptRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    if (init?.signal) {
      requestsBySignal.set(init.signal, this);
      signalsByRequest.set(this, init.signal);
    }
  }

  // openapi-fetch checks a middleware's replacement with `instanceof` this class: any Request is.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }
}

/**
 * Tells whether an attempt's request was handed to fetch. Installed around the provider's auth:
 * `before` notes the attempt's signal, `after` (the last middleware) marks it dispatched. A
 * timeout that fires while the auth is still getting a token has then provably sent nothing.
 */
export function dispatchTracker() {
  // openapi-fetch hands every middleware of one call the same `params` object.
  const attempts = new WeakMap<object, AbortSignal>();
  const dispatched = new WeakSet<AbortSignal>();
  const before: Middleware = {
    onRequest({ request, params }) {
      const signal = signalsByRequest.get(request);
      if (signal) attempts.set(params, signal);
    },
  };
  const after: Middleware = {
    onRequest({ params }) {
      const signal = attempts.get(params);
      // An aborted signal makes fetch reject before sending anything.
      if (signal && !signal.aborted) dispatched.add(signal);
    },
  };
  return { before, after, wasDispatched: (signal: AbortSignal) => dispatched.has(signal) };
}
