import type { Client } from 'openapi-fetch';
import type { components, operations, paths } from './generated/schema.js';

const FORM = 'application/x-www-form-urlencoded';

/** `sendRecharge`'s form as `.raw` takes it: without the api_token, which the client adds. */
export type RawSendRechargeForm = Omit<components['schemas']['SendRechargeForm'], 'api_token'>;

/** The spec's paths as `.raw` takes them: authenticated, so no api_token in any form. */
export type RawPaths = Omit<paths, '/recharge/send'> & {
  '/recharge/send': Omit<paths['/recharge/send'], 'post'> & {
    post: Omit<operations['sendRecharge'], 'requestBody'> & {
      requestBody: { content: { [FORM]: RawSendRechargeForm } };
    };
  };
};

/**
 * `.raw` as documented, "already authenticated", for QvaTel's POST too: its only POST takes a
 * form (never JSON), so a POST is sent as one unless the caller sets its own Content-Type; the
 * auth then adds the api_token to that form as it does for the client's own calls (auth.ts).
 */
export function authenticatedRaw(raw: Client<paths>): Client<RawPaths> {
  type Init = { headers?: HeadersInit } | undefined;
  const asForm = (init: Init) => {
    const headers = new Headers(init?.headers);
    if (!headers.has('content-type')) headers.set('content-type', FORM);
    return { ...init, headers };
  };
  const untyped = raw as unknown as Record<string, (...args: unknown[]) => unknown>;
  return {
    ...raw,
    POST: (url: unknown, init: Init) => untyped.POST?.(url, asForm(init)),
    request: (method: unknown, url: unknown, init: Init) =>
      untyped.request?.(method, url, String(method).toUpperCase() === 'POST' ? asForm(init) : init),
  } as unknown as Client<RawPaths>;
}
