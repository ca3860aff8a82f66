import type { Middleware } from 'openapi-fetch';
import { ValidationError } from './errors.js';

/** One attempt's request as an auth sees it: serialised, not yet sent. */
export interface OutgoingRequest {
  /** `GET`, `POST`… */
  readonly method: string;
  /** The base URL the request goes to (it may carry a path of its own). */
  readonly baseUrl: string;
  /** The absolute URL without the query: the base URL and the operation's path. */
  readonly url: string;
  /** The query parameters as the call passed them (typed values, not text). */
  readonly query: Readonly<Record<string, unknown>> | undefined;
  /** The body exactly as it will be sent (through `.raw`, only for an auth that signs it). */
  readonly body: string | undefined;
  /** The body's media type (`application/json`, a form…). */
  readonly contentType: string | undefined;
}

/** What an auth adds to one attempt's request. */
export interface Credentials {
  /** Headers to send (`Authorization`, a signature…); they win over every other header. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Query parameters to add (a token that travels in the query). */
  query?: Readonly<Record<string, string>> | undefined;
  /** Fields to add to a form body (a token that travels in the form). */
  form?: Readonly<Record<string, string>> | undefined;
  /** The access token the attempt carries: dropped when the provider refuses it as expired. */
  token?: string | undefined;
  /** Values redacted from this attempt's errors (a signature, the token). */
  secrets?: readonly string[] | undefined;
}

/**
 * A provider's auth. `authorize` gives one attempt its credentials — a token from a cache or a
 * token endpoint, a signature of the serialised request — before the attempt's timer starts.
 */
export interface AuthStrategy {
  authorize(request: OutgoingRequest): Credentials | Promise<Credentials>;
  /** The configured credentials, redacted everywhere (derived ones come with `Credentials`). */
  secrets: readonly (string | undefined)[];
  /** For token auth: how to recognise an expired token and drop it. */
  expiredToken?: ExpiredTokenHandling | undefined;
  /** True when `authorize` signs the body: `.raw` reads every body for it. */
  signsBody?: boolean | undefined;
}

/** How a token-based auth recognises a rejected (expired) token and forgets it. */
export interface ExpiredTokenHandling {
  matches(status: number, body: unknown): boolean;
  /** Drops `token`, which the provider refused as expired. */
  invalidate(token: string): void;
}

/**
 * Checks a credential option before anything is built: a non-empty string that `valid` accepts
 * (`detail` says what else it needs). The error names the field, never the value.
 */
export function requireCredential(
  provider: string,
  field: string,
  value: unknown,
  valid: (text: string) => boolean = () => true,
  detail = '',
): asserts value is string {
  if (typeof value !== 'string' || value === '' || !valid(value)) {
    throw new ValidationError(`${field} is required${detail}.`, {
      provider,
      operation: 'createClient',
      field,
    });
  }
}

/** An auth for calls that carry no credentials (a public key set, a token request). */
export const NO_AUTH: AuthStrategy = { authorize: () => ({}), secrets: [] };

/** A form body with `fields` set (added, or replacing a stand-in of the same name). */
export function withFormFields(body: string | undefined, fields: Readonly<Record<string, string>>) {
  const form = new URLSearchParams(body);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form.toString();
}

/**
 * The auth as an openapi-fetch middleware, for `.raw`: the client's own calls get their
 * credentials before their timer starts instead, and never go through this. The request is
 * rebuilt only when its URL or body changes; headers are set on it as it is.
 */
export function authMiddleware(auth: AuthStrategy): Middleware {
  return {
    async onRequest({ request, params, options }) {
      const hasBody = request.body !== null;
      let body = auth.signsBody && hasBody ? await request.text() : undefined;
      const credentials = await auth.authorize({
        method: request.method,
        baseUrl: options.baseUrl,
        url: request.url.split('?', 1)[0] ?? request.url,
        query: params.query,
        body,
        contentType: request.headers.get('content-type') ?? undefined,
      });
      if (credentials.form && hasBody) body ??= await request.text();
      const signed =
        body === undefined && !credentials.query ? request : rebuilt(request, body, credentials);
      for (const [name, value] of Object.entries(credentials.headers ?? {})) {
        signed.headers.set(name, value);
      }
      return signed;
    },
  };
}

/** The request with the credentials' query parameters and form fields, and the body read. */
function rebuilt(request: Request, body: string | undefined, credentials: Credentials): Request {
  const url = new URL(request.url);
  for (const [name, value] of Object.entries(credentials.query ?? {})) {
    url.searchParams.set(name, value);
  }
  if (body === undefined) return new Request(url, request);
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body: credentials.form ? withFormFields(body, credentials.form) : body,
    signal: request.signal,
  });
}
