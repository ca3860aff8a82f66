import type { AuthStrategy, Credentials } from '@telcopay/core';

const FORM = 'application/x-www-form-urlencoded';

/**
 * QvaTel's auth: the account's `api_token` as a query parameter on GET and as a form field on
 * POST (there is no header auth), added as the request is serialised. Adding it here keeps it
 * out of every call site, `.raw` included.
 */
export function apiTokenAuth(apiToken: string): AuthStrategy {
  const inQuery: Credentials = { query: { api_token: apiToken } };
  const inForm: Credentials = { form: { api_token: apiToken } };
  return {
    secrets: [apiToken],
    authorize(request) {
      if (request.method === 'GET') return inQuery;
      return request.contentType?.startsWith(FORM) ? inForm : {};
    },
  };
}
