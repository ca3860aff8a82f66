import {
  AuthError,
  type AuthStrategy,
  type IssuedToken,
  type SecretRegistry,
} from '@telcopay/core';
import { PROVIDER } from './environments.js';
import type { components } from './generated/schema.js';

type ApigeeFault = components['schemas']['ApigeeFault'];

/** The Apigee fault code of a missing, invalid or expired access token. */
const INVALID_ACCESS_TOKEN = 'oauth.v2.InvalidAccessToken';

/** The credentials of HTTP Basic (RFC 7617): `base64(client_id:client_secret)`, UTF-8 encoded. */
export function basicCredentials(clientId: string, clientSecret: string): string {
  const bytes = new TextEncoder().encode(`${clientId}:${clientSecret}`);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The token endpoint's auth: `Authorization: Basic <credentials>`. The encoded credentials and
 * the client secret are redacted wherever they could appear.
 */
export function clientBasicAuth(credentials: string, clientSecret: string): AuthStrategy {
  const basic = { headers: { Authorization: `Basic ${credentials}` } };
  return { secrets: [credentials, clientSecret], authorize: () => basic };
}

/** Apigee's 401 fault for a missing, invalid or expired access token. */
export function isInvalidAccessTokenFault(status: number, body: unknown): boolean {
  const fault = (body as Partial<ApigeeFault> | null | undefined)?.fault;
  return status === 401 && fault?.detail?.errorcode === INVALID_ACCESS_TOKEN;
}

/**
 * Reads Apigee's token answer, whose numbers are strings (`"expires_in": "172799"`): the access
 * token and its lifetime in seconds. An answer without a token or a positive lifetime cannot be
 * used: it is an AuthError (with the answer, redacted, as its body).
 */
export function parseAccessToken(
  body: unknown,
  status: number,
  secrets: SecretRegistry,
): IssuedToken {
  const answer = (body ?? {}) as Partial<Record<string, unknown>>;
  const token = answer.access_token;
  const hasToken = typeof token === 'string' && token !== '';
  const expiresInSeconds = lifetimeSeconds(answer.expires_in);
  if (hasToken && expiresInSeconds !== undefined) {
    secrets.add(token);
    return { token, expiresInSeconds };
  }
  const problem = hasToken
    ? `expires_in is not a positive whole number of seconds (got ${JSON.stringify(answer.expires_in)})`
    : 'it has no access_token';
  throw new AuthError(
    `${PROVIDER} requestAccessToken: the token answer cannot be used: ${problem}.`,
    {
      provider: PROVIDER,
      operation: 'requestAccessToken',
      status,
      body: secrets.redact(body),
    },
  );
}

/** `"172799"` (Apigee's form) or `172799` → 172799; anything else → undefined. */
function lifetimeSeconds(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds > 0
    ? seconds
    : undefined;
}
