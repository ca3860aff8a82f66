// One money-moving call per provider, sent three ways with the same payload: by the telcopay
// client, by a bare openapi-fetch client, and by a raw fetch. The loopback server answers each
// route (token endpoints included) with the spec's example body.
import { generateKeyPairSync } from 'node:crypto';
import { createChinchinCpsClient } from '@telcopay/chinchin-cps';
import { createMasstackPartnersClient } from '@telcopay/masstack-partners';
import { createQvatelClient } from '@telcopay/qvatel';
import { createStoneTopupsClient } from '@telcopay/stone-topups';
import { createTigoB2bBillingClient } from '@telcopay/tigo-b2b-billing';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

const QVATEL_TOKEN = 'bench-qvatel-api-token';
const BEARER = 'bench-bearer-token-0123456789';
const CHINCHIN_SECRET = 'bench-chinchin-api-secret';

// Stone signs its client assertion with an RSA key; only the token request (once) uses it.
const { privateKey: STONE_PRIVATE_KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const CHINCHIN_BODY = { numberService: '04243675525', idTypeService: 57, amount: 10 };
const TIGO_PAYMENT = {
  intent: 'sale',
  billsCollection: [
    { billNo: '909501941', billAmount: '185900', referencePayment: '909501941-90' },
  ],
  paymentData: { paymentMethod: 'PSE' },
};
const MASSTACK_MOVEMENT = {
  type: 'RECURRING_CHARGE',
  movement_datetime: '2022-02-24T13:45:10Z',
  period_start_datetime: '2022-01-31T23:00:00Z',
  period_end_datetime: '2022-02-28T23:00:00Z',
  amount: { value_with_taxes: 12.1, value_without_taxes: 10, tax: { type: 'IVA', percentage: 21 } },
  external_invoice_id: '123456789',
  external_movement_unique_id: '123456789',
  transaction_type_id: '5432167890',
  description: 'February invoice',
};
const MASSTACK_CORRELATION_ID = 'c0a8012e-7d3f-4b8e-9a41-5f6e2b1d9c07';
const STONE_TOPUP = {
  accountId: 'e4043bb5-542b-46f6-bcbc-0e63d37e1c47',
  amount: 10900,
  clientCode: '10036389709',
  providerId: '2126',
};
const STONE_IDEMPOTENCY_KEY = '7f1d3c9e-2b4a-4e8f-9c6d-5a0b1e2f3d4c';

/**
 * Each scenario: `request` is what the bare variants send (path template, path parameters,
 * headers, body); `createClient({ baseUrl, fetch })` builds the telcopay client and `call` sends
 * the same request through it (its auth adding the equivalent headers); `routes` are the answers
 * of the loopback server.
 */
export const SCENARIOS = [
  {
    api: 'qvatel',
    operation: 'sendRecharge',
    request: {
      method: 'POST',
      path: '/recharge/send',
      headers: { 'Content-Type': FORM },
      // QvaTel's auth is the api_token form field, added last by the client's middleware.
      body: { destino: '+5352942387', monto: 20, api_token: QVATEL_TOKEN },
    },
    createClient: (endpoint) => createQvatelClient({ apiToken: QVATEL_TOKEN, ...endpoint }),
    call: (client) => client.sendRecharge({ destino: '52942387', monto: 20 }),
    routes: [
      {
        method: 'POST',
        path: '/recharge/send',
        body: { result: 1, destino: '+5352942387', id_recarga: 'qvatel-23479287356' },
      },
    ],
  },
  {
    api: 'chinchin-cps',
    operation: 'payService',
    request: {
      method: 'POST',
      path: '/cps/v2/operation/use/pay',
      // Chinchin's auth headers, with values of the length the client sends.
      headers: {
        'Content-Type': JSON_TYPE,
        'api-key': 'bench-chinchin-api-key',
        'api-nonce': '1709651537123',
        'api-signature': 'a'.repeat(96),
      },
      body: CHINCHIN_BODY,
    },
    createClient: (endpoint) =>
      createChinchinCpsClient({
        apiKey: 'bench-chinchin-api-key',
        apiSecret: CHINCHIN_SECRET,
        ...endpoint,
      }),
    call: (client) => client.payService(CHINCHIN_BODY),
    // The signer the client's auth runs on every request, timed on its own. It is not part of
    // the package's public surface, so it is loaded from the built file next to the entry.
    async createSigner() {
      const { hmacSha384Signer } = await import(
        new URL('./hmac.js', import.meta.resolve('@telcopay/chinchin-cps')).href
      );
      const sign = hmacSha384Signer(CHINCHIN_SECRET);
      const payload = JSON.stringify(CHINCHIN_BODY);
      return () => sign(`/v2/operation/use/pay${Date.now()}${payload}`);
    },
    routes: [
      {
        method: 'POST',
        path: '/cps/v2/operation/use/pay',
        body: {
          idOperation: '8f2c1e0a-5b7d-4c3e-9a61-2d4f7b9e0c15',
          status: 'APPROVED',
          ...CHINCHIN_BODY,
          date: '2024-03-05T14:21:07Z',
        },
      },
    ],
  },
  {
    api: 'tigo-b2b-billing',
    operation: 'checkoutPayment',
    request: {
      method: 'POST',
      path: '/customers/{idType}/{identification}/payments/checkout',
      pathParams: { idType: 'NIT', identification: 900123456 },
      headers: { 'Content-Type': JSON_TYPE, Authorization: `Bearer ${BEARER}` },
      body: TIGO_PAYMENT,
    },
    createClient: (endpoint) =>
      createTigoB2bBillingClient({
        clientId: 'bench-tigo-client',
        clientSecret: 'bench-tigo-secret',
        ...endpoint,
      }),
    call: (client) =>
      client.checkoutPayment({ idType: 'NIT', identification: 900123456, payment: TIGO_PAYMENT }),
    routes: [
      {
        method: 'POST',
        path: '/oauth/client_credential/accesstoken',
        body: { access_token: BEARER, expires_in: '172799', token_type: 'BearerToken' },
      },
      {
        method: 'POST',
        path: '/customers/NIT/900123456/payments/checkout',
        body: {
          description: 'Transacción creada',
          error: 0,
          signature: '3f9a7c21d84e4b0f9e6a5c1d2b7e8f40',
          url: 'https://pagos.example.com.co/checkout?signature=3f9a7c21d84e4b0f9e6a5c1d2b7e8f40',
        },
      },
    ],
  },
  {
    api: 'masstack-partners',
    operation: 'createNonSubscribableMovement',
    request: {
      method: 'POST',
      path: '/{service_type}/{service_id}/billing/movements-non-subscribable-services',
      pathParams: { service_type: 'mobile', service_id: '612123456' },
      headers: {
        'Content-Type': JSON_TYPE,
        Authorization: `Bearer ${BEARER}`,
        'Request-Correlation-Id': MASSTACK_CORRELATION_ID,
      },
      body: MASSTACK_MOVEMENT,
    },
    createClient: (endpoint) => createMasstackPartnersClient({ token: BEARER, ...endpoint }),
    call: (client) =>
      client.createNonSubscribableMovement({
        serviceType: 'mobile',
        serviceId: '612123456',
        correlationId: MASSTACK_CORRELATION_ID,
        body: MASSTACK_MOVEMENT,
      }),
    routes: [
      {
        method: 'POST',
        path: '/mobile/612123456/billing/movements-non-subscribable-services',
        status: 201,
        body: { movement_id: MASSTACK_CORRELATION_ID },
      },
    ],
  },
  {
    api: 'stone-topups',
    operation: 'confirm',
    request: {
      method: 'POST',
      path: '/api/v1/topups/tv',
      headers: {
        'Content-Type': JSON_TYPE,
        Authorization: `Bearer ${BEARER}`,
        'x-stone-idempotency-key': STONE_IDEMPOTENCY_KEY,
      },
      body: {
        account_id: STONE_TOPUP.accountId,
        amount: STONE_TOPUP.amount,
        client_code: STONE_TOPUP.clientCode,
        provider_id: STONE_TOPUP.providerId,
      },
    },
    createClient: (endpoint) =>
      createStoneTopupsClient({
        clientId: 'bench-stone-client',
        privateKey: STONE_PRIVATE_KEY,
        ...endpoint,
      }),
    call: (client) => client.confirm({ ...STONE_TOPUP, idempotencyKey: STONE_IDEMPOTENCY_KEY }),
    routes: [
      {
        method: 'POST',
        path: '/auth/realms/stone_bank/protocol/openid-connect/token',
        body: { access_token: BEARER, expires_in: 900, token_type: 'bearer' },
      },
      {
        method: 'POST',
        path: '/api/v1/topups/tv',
        body: {
          id: 'cd5ff1c2-8f7e-4f56-a9d8-241d4cd1a1a8',
          receipt: 'PROTOCOLO 0002751870\nPRODUTO: CLARO TV\nVALOR: R$ 109,00\n',
          transaction_id: 'b6cb2b73-0e30-4a93-9de6-31201628df79',
        },
      },
    ],
  },
];
