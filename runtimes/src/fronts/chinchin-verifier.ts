import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Credentials } from '../flows/contract.js';
import type { FrontRequest, Policy } from './front.js';

/** The part of the path that is not signed (Chinchin's docs sign `/v2/…` for `/cps/v2/…`). */
const GATEWAY_PREFIX = '/cps';

/** The spec's query parameter types: a GET signs the query object the client typed. */
const QUERY_TYPES: Record<string, (value: string) => unknown> = {
  idTypeService: Number,
  canGetBalance: (value) => value === 'true',
};

/**
 * Chinchin's gateway, done independently of the client: recomputes the HMAC-SHA384 of
 * `path + api-nonce + payload` with the secret (payload: the raw body, or for a GET the query
 * object rebuilt with the spec's types) and refuses with 401 a wrong key, a wrong signature or a
 * nonce that does not grow. Only a verified request reaches the mock.
 */
export function chinchinVerifier({ apiKey, apiSecret }: Credentials['chinchinCps']): Policy {
  let lastNonce = 0;
  const refuse = (note: string) => ({
    answer: { status: 401, body: { code: 'INVALID_SIGNATURE', message: note } },
    note,
  });
  return (request) => {
    if (request.headers['api-key'] !== apiKey) return refuse('unknown api-key');
    const nonce = String(request.headers['api-nonce'] ?? '');
    const expected = createHmac('sha384', apiSecret)
      .update(`${signedPath(request)}${nonce}${payload(request)}`)
      .digest();
    const signature = Buffer.from(String(request.headers['api-signature'] ?? ''), 'hex');
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
      return refuse('signature refused');
    }
    if (!(Number(nonce) > lastNonce)) return refuse('nonce not increasing');
    lastNonce = Number(nonce);
    return { forward: true, note: 'signature verified' };
  };
}

function signedPath(request: FrontRequest): string {
  const { pathname } = new URL(request.url, request.frontUrl);
  return pathname.startsWith(`${GATEWAY_PREFIX}/`)
    ? pathname.slice(GATEWAY_PREFIX.length)
    : pathname;
}

function payload(request: FrontRequest): string {
  if (request.method !== 'GET') return request.body;
  const query = new URL(request.url, request.frontUrl).searchParams;
  return JSON.stringify(
    Object.fromEntries(
      [...query].map(([name, value]) => [name, QUERY_TYPES[name]?.(value) ?? value]),
    ),
  );
}
