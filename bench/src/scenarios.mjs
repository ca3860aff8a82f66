// One money-moving call per provider — the first operation of its generated table that is not a
// read — sent with the spec's named examples: the same request by the telcopay client and by
// each reference. The loopback server answers every operation of the table (token endpoints
// included) with the spec's success example.
import { generateKeyPairSync } from 'node:crypto';
import { factoryName, firstMoneyOperation, operationTable, PROVIDERS } from './providers.mjs';
import { exampleRequest, successAnswer } from './spec-examples.mjs';

const STAND_IN_TOKEN = 'bench-bearer-token-0123456789';
const bearer = (token) => ({ Authorization: `Bearer ${token}` });

// Stone signs its client assertion with an RSA key; only the token request (once) uses it.
const { privateKey: STONE_PRIVATE_KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const CHINCHIN = { apiKey: 'bench-chinchin-api-key', apiSecret: 'bench-chinchin-api-secret' };

/**
 * What the bench cannot read from a spec, per provider: the client's credentials (`options`),
 * what its auth puts on the wire (`wireAuth(token)`, headers of the same size, for the
 * references), and how the method's input maps from the example request (`input`); `wireBody`
 * orders the body's fields as the client sends them, when its auth adds one.
 * `bodyExample` names the spec example to send when the first one is not a valid call.
 */
const ADAPTERS = {
  'chinchin-cps': {
    options: () => CHINCHIN,
    wireAuth: () => ({
      'api-key': CHINCHIN.apiKey,
      'api-nonce': '1709651537123',
      'api-signature': 'a'.repeat(96),
    }),
    input: ({ body }) => body,
    // The signer the client's auth runs on every request, timed on its own. It is not part of
    // the package's public surface, so it is loaded from the built file next to the entry.
    async createSigner({ path, body }) {
      const { hmacSha384Signer } = await import(
        new URL('./hmac.js', import.meta.resolve('@telcopay/chinchin-cps')).href
      );
      const sign = hmacSha384Signer(CHINCHIN.apiSecret);
      const payload = JSON.stringify(body);
      return () => sign(`${path}${Date.now()}${payload}`);
    },
  },
  // The api_token travels in the form body: the spec's example carries it, the client adds it last.
  // The client sends monto with exactly two decimals (the example's 20 as 20.00).
  qvatel: {
    options: ({ body }) => ({ apiToken: body.api_token }),
    wireAuth: () => ({}),
    wireBody: ({ api_token, monto, ...recharge }) => ({
      ...recharge,
      monto: Number(monto).toFixed(2),
      api_token,
    }),
    input: ({ body: { api_token, ...recharge } }) => recharge,
  },
  'tigo-b2b-billing': {
    options: () => ({ clientId: 'bench-tigo-client', clientSecret: 'bench-tigo-secret' }),
    wireAuth: bearer,
    input: ({ pathParams, body }) => ({ ...pathParams, payment: body }),
  },
  'masstack-partners': {
    options: () => ({ token: STAND_IN_TOKEN }),
    wireAuth: () => bearer(STAND_IN_TOKEN),
    input: ({ pathParams, headers, body }) => ({
      serviceType: pathParams.service_type,
      serviceId: pathParams.service_id,
      correlationId: headers['Request-Correlation-Id'],
      body,
    }),
  },
  'stone-topups': {
    bodyExample: 'claroTvPlanAmount',
    options: () => ({ clientId: 'bench-stone-client', privateKey: STONE_PRIVATE_KEY }),
    wireAuth: bearer,
    input: ({ headers, body }) => ({
      accountId: body.account_id,
      amount: body.amount,
      clientCode: body.client_code,
      providerId: body.provider_id,
      idempotencyKey: headers['x-stone-idempotency-key'],
    }),
  },
};

/** Every operation of the table, answered with its success example. */
function tableRoutes(api, table, first) {
  const operations = [first, ...Object.keys(table).filter((id) => id !== first)];
  return operations.map((operationId) => ({
    method: table[operationId].httpMethod.toUpperCase(),
    path: table[operationId].path,
    ...successAnswer(api, operationId),
  }));
}

async function createScenario(api) {
  const adapter = ADAPTERS[api];
  if (!adapter) {
    throw new Error(
      `${api}: the bench has no adapter for it (credentials, wire auth, input mapping): add one to bench/src/scenarios.mjs`,
    );
  }
  const table = await operationTable(api);
  const { operationId, contract } = firstMoneyOperation(api, table);
  const idHeaders = [contract.key, contract.correlation]
    .filter((id) => id?.in === 'header')
    .map((id) => id.name);
  const example = exampleRequest(api, operationId, {
    headers: idHeaders,
    bodyExample: adapter.bodyExample,
  });
  const routes = tableRoutes(api, table, operationId);
  // A token endpoint's answer is the token the references send.
  const token = routes.find((route) => route.body?.access_token)?.body.access_token;
  const request = {
    method: contract.httpMethod.toUpperCase(),
    path: contract.path,
    pathParams: example.pathParams,
    headers: {
      'Content-Type': contract.contentType,
      ...example.headers,
      ...adapter.wireAuth(token ?? STAND_IN_TOKEN),
    },
    body: adapter.wireBody ? adapter.wireBody(example.body) : example.body,
    safety: contract.safety,
  };
  const { [factoryName(api)]: create } = await import(`@telcopay/${api}`);
  return {
    api,
    operation: contract.method,
    request,
    createClient: (endpoint) => create({ ...adapter.options(example), ...endpoint }),
    call: (client) => client[contract.method](adapter.input(example)),
    routes,
    ...(adapter.createSigner ? { createSigner: () => adapter.createSigner(request) } : {}),
  };
}

/**
 * Each scenario: `request` is what the references send (method, path template, path parameters,
 * headers, body, and the operation's safety); `createClient({ baseUrl, fetch })` builds the
 * telcopay client and `call` sends the same request through it (its auth adding the equivalent
 * credentials); `routes` are the answers of the loopback server.
 */
export const SCENARIOS = await Promise.all(PROVIDERS.map(createScenario));
