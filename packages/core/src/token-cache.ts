/** An access token and how long the issuer says it lives. */
export interface IssuedToken {
  token: string;
  /** Lifetime in seconds from now, as the token endpoint answered it. */
  expiresInSeconds: number;
}

export interface TokenCacheOptions {
  /** Fetches a new token (one call to the provider's token endpoint). */
  fetchToken(): Promise<IssuedToken>;
  /** Refresh this long before the token expires, so no call carries a token about to die. Default 60 s. */
  refreshMarginMs?: number;
  /** The clock, for tests. */
  now?(): number;
}

export interface TokenCache {
  /** A valid token: the cached one, or a fresh one shared by every concurrent caller. */
  get(): Promise<string>;
  /** The cached token while it is valid, at once (no promise); otherwise undefined. */
  current(): string | undefined;
  /** Drops `token` (when the provider rejected it) so the next `get` fetches a new one. */
  invalidate(token?: string): void;
}

/**
 * Caches an access token until shortly before it expires. Concurrent callers that find no valid
 * token share one in-flight fetch, so a burst of calls makes exactly one token request.
 */
export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const refresh = async (): Promise<string> => {
    try {
      const issued = await options.fetchToken();
      const lifetimeMs = Math.max(0, issued.expiresInSeconds * 1000);
      // A short-lived token is refreshed at half its life rather than never being cached.
      cached = {
        token: issued.token,
        refreshAt: now() + Math.max(lifetimeMs - margin, lifetimeMs / 2),
      };
      return issued.token;
    } finally {
      inFlight = undefined;
    }
  };

  const current = () => (cached && now() < cached.refreshAt ? cached.token : undefined);
  return {
    current,
    get() {
      const token = current();
      if (token !== undefined) return Promise.resolve(token);
      inFlight ??= refresh();
      return inFlight;
    },
    invalidate(token) {
      if (!token || cached?.token === token) cached = undefined;
    },
  };
}
