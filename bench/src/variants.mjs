// The ways of sending one scenario's request that the overhead benchmark compares. Each variant
// resolves to the parsed answer and throws on a non-2xx one, so a wrong route cannot pass for a
// fast request.
import {
  createConfig,
  createClient as createHeyApiClient,
  urlSearchParamsBodySerializer,
} from '@hey-api/client-fetch';
import { DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS } from '@telcopay/core';
import ky from 'ky';
import createClient from 'openapi-fetch';

export const RAW_FETCH = 'raw fetch';
export const REFERENCE = 'openapi-fetch';
export const WITH_TIMEOUT = 'openapi-fetch + timeout signal';
export const KY = 'ky';
export const HEY_API = '@hey-api/client-fetch';
export const CLIENT_RAW = 'client.raw';
export const CLIENT = 'client';

const FORM = 'application/x-www-form-urlencoded';

/** ky's methods retried by default (POST is not: it may not be safe to send twice). */
const KY_RETRIED_METHODS = ['get', 'put', 'head', 'delete', 'options', 'trace'];

/**
 * ky configured as the telcopay client is: the same per-attempt timeout and number of retries,
 * POST retried only for an operation with an idempotency key.
 */
export function kyOptions(safety) {
  return {
    timeout: DEFAULT_TIMEOUT_MS,
    retry: {
      limit: DEFAULT_RETRY_POLICY.maxRetries,
      methods: safety === 'keyed' ? [...KY_RETRIED_METHODS, 'post'] : KY_RETRIED_METHODS,
    },
  };
}

/**
 * The request through ky (`kyOptions`), its body as JSON or a form. The answer is parsed with
 * `Response.json()`: ky's `.json()` shortcut would add an Accept header that the other variants
 * do not send.
 */
function kyCall(baseUrl, fetch, request) {
  const { method, path, pathParams, headers, body, safety } = request;
  const api = ky.create({ prefixUrl: baseUrl, fetch, ...kyOptions(safety) });
  const url = fillPath(path, pathParams).slice(1);
  const isForm = headers['Content-Type'] === FORM;
  return async () => {
    const response = await api(url, {
      method,
      headers,
      ...(isForm ? { body: new URLSearchParams(body) } : { json: body }),
    });
    return response.json();
  };
}

/**
 * The call @hey-api/openapi-ts generates for the operation with the fetch client: the path and
 * its parameters, the body (a form through its URLSearchParams serialiser), the media type
 * header first and the caller's headers over it. It has no timeout and no retries.
 */
function heyApiCall(baseUrl, fetch, request) {
  const { method, path, pathParams, headers, body } = request;
  const client = createHeyApiClient(createConfig({ baseUrl, fetch }));
  const { 'Content-Type': contentType, ...callerHeaders } = headers;
  const send = client[method.toLowerCase()];
  return async () => {
    const { data, error, response } = await send({
      ...(contentType === FORM ? urlSearchParamsBodySerializer : {}),
      url: path,
      path: pathParams,
      body,
      headers: { 'Content-Type': contentType, ...callerHeaders },
    });
    if (error !== undefined) throw new Error(`${HEY_API}: HTTP ${response.status}`);
    return data;
  };
}

/**
 * Sends the scenario's request with openapi-fetch's `client` (bare, or a telcopay `.raw`), with
 * `init` (a signal) added.
 */
function openapiFetchCall(client, request) {
  const { method, path, pathParams, headers, body } = request;
  return async (init) => {
    const { data, error, response } = await client[method](path, {
      params: { path: pathParams },
      headers,
      body,
      ...init,
    });
    if (error !== undefined) throw new Error(`openapi-fetch: HTTP ${response.status}`);
    return data;
  };
}

/** Every variant of the scenario, sending through `fetch` to `baseUrl`. */
export function createVariants(scenario, baseUrl, fetch) {
  const { request } = scenario;
  const { method, path, pathParams, headers, body } = request;
  const url = `${baseUrl}${fillPath(path, pathParams)}`;
  const isForm = headers['Content-Type'] === FORM;
  const bare = createClient({ baseUrl, fetch });
  const bareCall = openapiFetchCall(bare, request);
  // The client as its users build it: on the global fetch unless another one is given.
  const client = scenario.createClient({
    baseUrl,
    ...(fetch === globalThis.fetch ? {} : { fetch }),
  });
  return {
    [RAW_FETCH]: async () => {
      const serialised = isForm ? new URLSearchParams(body).toString() : JSON.stringify(body);
      const response = await fetch(url, { method, headers, body: serialised });
      if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
      return response.json();
    },
    [REFERENCE]: bareCall,
    [WITH_TIMEOUT]: () => withTimeout(fetch, bareCall),
    [KY]: kyCall(baseUrl, fetch, request),
    [HEY_API]: heyApiCall(baseUrl, fetch, request),
    // The client's openapi-fetch with its auth and logging middlewares, without its runner. The
    // auth replaces the request's stand-in credentials with real ones of the same size.
    [CLIENT_RAW]: openapiFetchCall(client.raw, request),
    [CLIENT]: () => scenario.call(client),
  };
}

/**
 * What the client's per-attempt timeout costs on its own, the call made abortable as the client
 * makes it: a signal given to `fetch` itself, whose timer (30 s, the client's default) is cleared
 * once the answer is in.
 */
async function withTimeout(fetch, send) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), DEFAULT_TIMEOUT_MS);
  try {
    return await send({ fetch: (request) => fetch(request, { signal: controller.signal }) });
  } finally {
    clearTimeout(timer);
  }
}

function fillPath(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(String(params[name])));
}

/**
 * Sends the request once through each variant, recording what goes on the wire, and fails
 * unless all sent the same method, URL, header names and body: otherwise the comparison would
 * measure different work.
 */
export async function checkSamePayload(scenario, baseUrl) {
  const seen = {};
  const recording = (variant) => async (input, init) => {
    const request = new Request(input, init);
    seen[variant] = {
      method: request.method,
      url: request.url,
      headers: [...request.headers.keys()].sort().join(','),
      body: await request.clone().text(),
    };
    return globalThis.fetch(request);
  };
  for (const variant of [RAW_FETCH, REFERENCE, WITH_TIMEOUT, KY, HEY_API, CLIENT_RAW, CLIENT]) {
    await createVariants(scenario, baseUrl, recording(variant))[variant]();
  }
  for (const field of ['method', 'url', 'headers', 'body']) {
    if (new Set(Object.values(seen).map((request) => request[field])).size !== 1) {
      const values = Object.entries(seen).map(([variant, sent]) => `${variant}: ${sent[field]}`);
      throw new Error(
        `${scenario.api}: the variants do not send the same ${field}:\n${values.join('\n')}`,
      );
    }
  }
}

/** Pick some variants by name. */
export function pick(variants, names) {
  return Object.fromEntries(names.map((name) => [name, variants[name]]));
}
