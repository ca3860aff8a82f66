import type { AuthStrategy, Credentials } from './auth.js';
import type { TokenCache } from './token-cache.js';

/** A bearer token, or a function that yields a current one (a cache, a vault, a refresh flow). */
export type TokenSource = string | (() => string | Promise<string>);

export interface BearerAuthOptions {
  /** Secrets besides the token (client secrets, private keys) to redact everywhere. */
  secrets?: readonly (string | undefined)[];
  /**
   * Says whether a 401 answer means the token expired; the runner then calls `invalidate` with
   * the refused token and sends an idempotent call once more with a fresh one.
   */
  isExpiredToken?(status: number, body: unknown): boolean;
  /** Forgets a rejected token. */
  invalidate?(token: string): void;
}

/** `Authorization: Bearer <token>` on every request; every token it sends is a redacted secret. */
export function bearerAuth(source: TokenSource, options: BearerAuthOptions = {}): AuthStrategy {
  const { isExpiredToken, invalidate } = options;
  return {
    secrets: [typeof source === 'string' ? source : undefined, ...(options.secrets ?? [])],
    authorize: typeof source === 'string' ? constant(bearer(source)) : () => fresh(source()),
    expiredToken:
      isExpiredToken && invalidate ? { matches: isExpiredToken, invalidate } : undefined,
  };
}

/**
 * Bearer auth over a token cache: a valid cached token is used at once (no promise, no wait), a
 * token the provider refuses as expired is dropped from the cache.
 */
export function cachedBearerAuth(
  tokens: TokenCache,
  options: Omit<BearerAuthOptions, 'invalidate'> = {},
): AuthStrategy {
  return bearerAuth(() => tokens.current() ?? tokens.get(), {
    ...options,
    invalidate: tokens.invalidate,
  });
}

function bearer(token: string): Credentials {
  return { headers: { Authorization: `Bearer ${token}` }, token, secrets: [token] };
}

function fresh(token: string | Promise<string>): Credentials | Promise<Credentials> {
  return typeof token === 'string' ? bearer(token) : token.then(bearer);
}

function constant<T>(value: T): () => T {
  return () => value;
}
