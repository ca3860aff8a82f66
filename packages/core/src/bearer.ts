import type { AuthStrategy } from './client.js';
import type { SecretRegistry } from './secrets.js';

/** A bearer token, or a function that yields a current one (a cache, a vault, a refresh flow). */
export type TokenSource = string | (() => string | Promise<string>);

export interface BearerAuthOptions {
  /** Secrets besides the token (client secrets, private keys) to redact everywhere. */
  secrets?: readonly (string | undefined)[];
  /**
   * Says whether a 401 answer means the token expired; the runner then calls `invalidate` and
   * sends an idempotent call once more with a fresh token.
   */
  isExpiredToken?(status: number, body: unknown): boolean;
  /** Forgets a rejected token. */
  invalidate?(token: string): void;
}

/** `Authorization: Bearer <token>` on every request; every token it sends is a redacted secret. */
export function bearerAuth(source: TokenSource, options: BearerAuthOptions = {}): AuthStrategy {
  let registry: SecretRegistry | undefined;
  // The tokens 401 answers refused. Not simply the last token sent: with calls in flight, a late
  // 401 for the old token would drop the fresh one a concurrent call already got.
  const refused = new Set<string>();
  const { isExpiredToken, invalidate } = options;
  const strategy: AuthStrategy = {
    secrets: [typeof source === 'string' ? source : undefined, ...(options.secrets ?? [])],
    bindSecrets(secrets) {
      registry = secrets;
    },
    middleware: {
      async onRequest({ request }) {
        const token = typeof source === 'string' ? source : await source();
        registry?.add(token);
        request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
      onResponse({ request, response }) {
        const token = request.headers.get('Authorization')?.slice('Bearer '.length);
        if (strategy.expiredToken && response.status === 401 && token) refused.add(token);
      },
    },
  };
  if (isExpiredToken && invalidate) {
    strategy.expiredToken = {
      matches: isExpiredToken,
      invalidate: () => {
        for (const token of refused) invalidate(token);
        refused.clear();
      },
    };
  }
  return strategy;
}
