import type { AuthStrategy } from '@telcopay/core';

const FORM = 'application/x-www-form-urlencoded';

/**
 * QvaTel's auth: the account's `api_token` as a query parameter on GET and as a form field on
 * POST (there is no header auth). Adding it here keeps it out of every call site, `.raw` included.
 */
export function apiTokenAuth(apiToken: string): AuthStrategy {
  return {
    secrets: [apiToken],
    middleware: {
      async onRequest({ request }) {
        if (request.method === 'GET') {
          const url = new URL(request.url);
          url.searchParams.set('api_token', apiToken);
          return new Request(url, request);
        }
        if (request.headers.get('content-type')?.startsWith(FORM)) {
          const form = new URLSearchParams(await request.text());
          form.set('api_token', apiToken);
          return new Request(request.url, {
            method: request.method,
            headers: request.headers,
            body: form.toString(),
            signal: request.signal,
          });
        }
        return undefined;
      },
    },
  };
}
