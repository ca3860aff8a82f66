/** Every way the fault server can answer one request, `none` being the documented success. */
export const FAULTS = [
  'none',
  'refused',
  'reset',
  'hang',
  'drip',
  'http-500',
  'http-502',
  'http-503',
  'http-504',
  'throttled',
  'throttled-long',
  'html',
  'truncated',
  'malformed',
  'business-failure',
  'expired-token',
] as const;

export type Fault = (typeof FAULTS)[number];

export const FAULT_DESCRIPTIONS: Readonly<Record<Fault, string>> = {
  none: 'the documented success answer',
  refused: 'connection refused: the request goes to a closed port on 127.0.0.1',
  reset: 'success headers and half the body, then (once the client has the headers) a TCP reset',
  hang: 'reads the request and never answers',
  drip: 'success headers, then the body one byte at a time, far slower than the timeout',
  'http-500': 'HTTP 500 with a JSON body that echoes the request',
  'http-502': 'HTTP 502 with a JSON body that echoes the request',
  'http-503': 'HTTP 503 with a JSON body that echoes the request',
  'http-504': 'HTTP 504 with a JSON body that echoes the request',
  throttled: 'HTTP 429 with Retry-After: 1 (one second)',
  'throttled-long': 'HTTP 429 with Retry-After: 3600 (longer than the client waits)',
  html: "HTTP 502 with a proxy's HTML error page that echoes the URL",
  truncated: 'HTTP 2xx whose JSON body stops halfway (a complete HTTP message)',
  malformed: 'HTTP 2xx whose JSON body has trailing garbage',
  'business-failure': 'HTTP 2xx whose body reports a failure (QvaTel result 0, Tigo error 1…)',
  'expired-token': "HTTP 401 for the client's credential: an issued token is revoked once",
};

/** Retry-After of `throttled` and `throttled-long`, in seconds. */
export const RETRY_AFTER_SECONDS: Readonly<Record<'throttled' | 'throttled-long', number>> = {
  throttled: 1,
  'throttled-long': 3600,
};
