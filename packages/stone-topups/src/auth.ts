import { type AuthStrategy, cachedBearerAuth, createTokenCache } from '@telcopay/core';
import type { TokenResponse } from './generated/types.js';

export interface StoneAuthOptions {
  /** One request to the token endpoint. */
  issueToken(): Promise<TokenResponse>;
  /** The configured credentials to redact (the private key PEM). */
  secrets: readonly (string | undefined)[];
}

/**
 * Stone's auth: `Authorization: Bearer <access_token>`, the token cached until shortly before it
 * expires and fetched once for any number of concurrent calls; a token the API refuses with 401
 * is dropped and an idempotent call is sent once more with a fresh one.
 */
export function stoneAuth(options: StoneAuthOptions): AuthStrategy {
  const tokens = createTokenCache({
    async fetchToken() {
      const issued = await options.issueToken();
      return { token: issued.access_token, expiresInSeconds: issued.expires_in };
    },
  });
  return cachedBearerAuth(tokens, { secrets: options.secrets, isExpiredToken: isRefusedToken });
}

/**
 * A 401 of the API means it refused the bearer token. The token endpoint's own 401 (an OAuth
 * error body, `{"error": "invalid_client"}`) does not: a new token would be refused the same way.
 */
function isRefusedToken(status: number, body: unknown): boolean {
  return status === 401 && !(typeof body === 'object' && body !== null && 'error' in body);
}
