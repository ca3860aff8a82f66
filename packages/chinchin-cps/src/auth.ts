import type { AuthStrategy, Credentials } from '@telcopay/core';
import { hmacSha384Signer } from './hmac.js';
import { monotonicNonce } from './nonce.js';

export interface SignatureAuthOptions {
  /** The client's public key, sent as `api-key`. */
  apiKey: string;
  /** The client's private key: it keys the HMAC and never travels. */
  apiSecret: string;
  /** The gateway prefix that is part of the URL but not of the signed path (`/cps`). */
  gatewayPrefix: string;
}

/** Methods without a body: their `bodyOrQuery` is the query object; the others sign the body. */
const QUERY_SIGNED = new Set(['GET', 'HEAD']);

/**
 * Chinchin's auth: `api-key`, `api-nonce` and `api-signature` on every request, the signature
 * being the hex HMAC-SHA384 of `PATH + NONCE + JSON.stringify(bodyOrQuery)` keyed with the
 * private key. A body is signed as the exact text that is then sent; a query is signed as the
 * typed object the call passed (`{"canGetBalance":false}`, a boolean, as the docs sign it).
 */
export function signatureAuth(options: SignatureAuthOptions): AuthStrategy {
  const sign = hmacSha384Signer(options.apiSecret);
  const nextNonce = monotonicNonce();
  return {
    secrets: [options.apiSecret],
    signsBody: true,
    authorize(request) {
      const path = signedPath(request.url, request.baseUrl, options.gatewayPrefix);
      const payload = QUERY_SIGNED.has(request.method)
        ? JSON.stringify(request.query ?? {})
        : (request.body ?? '');
      // Taken right before signing, so nonces follow the order in which requests leave.
      const nonce = String(nextNonce());
      const signed = (signature: string): Credentials => ({
        headers: { 'api-key': options.apiKey, 'api-nonce': nonce, 'api-signature': signature },
        secrets: [signature],
      });
      // Signed in place where the runtime can (no promise: nothing waits for the credentials).
      const signature = sign(`${path}${nonce}${payload}`);
      return typeof signature === 'string' ? signed(signature) : signature.then(signed);
    },
  };
}

/**
 * The request's path relative to the base URL (which may carry a path of its own), without the
 * gateway prefix: `https://host/cps/v2/list/basic_services` → `/v2/list/basic_services`.
 */
export function signedPath(url: string, baseUrl: string, gatewayPrefix: string): string {
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  let path = new URL(url).pathname;
  if (basePath && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  if (gatewayPrefix && path.startsWith(`${gatewayPrefix}/`))
    path = path.slice(gatewayPrefix.length);
  return path;
}
