import { randomUUID } from 'node:crypto';
import {
  type ChinchinCpsClient,
  createChinchinCpsClient,
  SERVICE_IDS,
} from '@telcopay/chinchin-cps';
import type { Logger, RetryPolicy, Telemetry } from '@telcopay/core';
import {
  createMasstackPartnersClient,
  type MasstackPartnersClient,
  type Movement,
  type NonSubscribableMovement,
} from '@telcopay/masstack-partners';
import { createQvatelClient, type QvatelClient } from '@telcopay/qvatel';
import { createStoneTopupsClient, type StoneTopupsClient } from '@telcopay/stone-topups';
import {
  createTigoB2bBillingClient,
  type PaymentInput,
  type TigoB2bBillingClient,
} from '@telcopay/tigo-b2b-billing';
import { APIS, type ApiName } from './answers.js';
import type { Credentials } from './credentials.js';
import { genericCase } from './generic.js';
import type { Lane, ReceivedRequest } from './lane.js';
import { keyReader, OPERATION_TABLES, type Safety, safetyOf } from './tables.js';

export type { Safety };

/** How a request proves who sends it: a token the upstream issued, a fixed credential, nothing. */
export type Authentication = 'issued-token' | 'credential' | 'none';

/** What a client under test is built with. */
export interface ClientEnvironment {
  lane: Lane;
  credentials: Credentials;
  logger: Logger;
  /** Every client records its spans and metrics, so the secret scan reads them too. */
  telemetry: Telemetry;
  timeoutMs: number;
  retry: Partial<RetryPolicy>;
}

export interface OperationCase {
  api: ApiName;
  operationId: string;
  safety: Safety;
  authentication: Authentication;
  /**
   * What a 2xx answer reporting a failure becomes: the error class, or `ok` when the client
   * hands it to the caller by design. Absent when the API has no such answer.
   */
  businessFailure?: 'BusinessError' | 'AuthError' | 'ok';
  /**
   * Builds a fresh client in the environment and calls the operation once, with valid input, on
   * the lane's deadlines.
   */
  call(environment: ClientEnvironment): Promise<unknown>;
  /** Builds a fresh client in the environment: each call of the result is one valid call. */
  bind(environment: ClientEnvironment): () => Promise<unknown>;
  /** The upstream's answer inside what the method resolved to. */
  payload(result: unknown): unknown;
  /** The idempotency key (and correlation id) a received request carries: keyed money only. */
  keyOf?(request: ReceivedRequest): string;
}

/** One valid call of an operation; its safety class and key come from the generated table. */
interface OperationSpec<Client> {
  authentication: Authentication;
  businessFailure?: OperationCase['businessFailure'];
  call(client: Client): Promise<unknown>;
  payload?(result: unknown): unknown;
}

/** One client: how to build it, and one valid call of every operation of its spec. */
export interface ClientCase<Client> {
  api: ApiName;
  create(environment: ClientEnvironment, common: CommonOptions): Client;
  /** The upstream's answer inside what every method resolves to (default: all of it). */
  payload?(result: unknown): unknown;
  operations: Record<string, OperationSpec<Client>>;
}

interface CommonOptions {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  logger: Logger;
  telemetry: Telemetry;
  timeoutMs: number;
  retry: Partial<RetryPolicy>;
}

/** A client's factory, given its credentials of the run and the suite's common options. */
function withCredentials<Name extends keyof Credentials, Client>(
  name: Name,
  factory: (options: Credentials[Name] & CommonOptions) => Client,
): ClientCase<Client>['create'] {
  return ({ credentials }, common) => factory({ ...credentials[name], ...common });
}

// How each operation's request is authenticated, spread into its case.
const credential = { authentication: 'credential' } as const;
const issuedToken = { authentication: 'issued-token' } as const;

const chinchin: ClientCase<ChinchinCpsClient> = {
  api: 'chinchin-cps',
  create: withCredentials('chinchin', createChinchinCpsClient),
  operations: {
    payService: {
      authentication: 'credential',
      call: (client) =>
        client.payService({
          numberService: '04243675525',
          idTypeService: SERVICE_IDS.MOVISTAR_PREPAGO,
          amount: 10,
        }),
    },
    getServiceBalance: {
      ...credential,
      call: (client) =>
        client.getServiceBalance({
          numberService: '02123457654',
          idTypeService: SERVICE_IDS.DIGITEL_FIJO,
        }),
    },
    listBasicServices: { ...credential, call: (client) => client.listBasicServices({}) },
  },
};

const qvatel: ClientCase<QvatelClient> = {
  api: 'qvatel',
  create: withCredentials('qvatel', createQvatelClient),
  operations: {
    sendRecharge: {
      authentication: 'credential',
      businessFailure: 'BusinessError',
      call: (client) => client.sendRecharge({ destino: '52942387', monto: 20 }),
    },
    getRechargeStatus: {
      ...credential,
      businessFailure: 'BusinessError',
      call: (client) => client.getRechargeStatus('qvatel-23479287356'),
    },
    getRechargeBalance: {
      ...credential,
      businessFailure: 'BusinessError',
      call: (client) => client.getRechargeBalance(),
    },
  },
};

const CUSTOMER = { idType: 'NIT', identification: 900123456 };
const bills = (): PaymentInput => ({
  ...CUSTOMER,
  payment: {
    intent: 'sale',
    billsCollection: [
      { billNo: '909501941', billAmount: '185900', referencePayment: '909501941-90' },
    ],
    paymentData: { paymentMethod: 'PSE' },
  },
});

const tigo: ClientCase<TigoB2bBillingClient> = {
  api: 'tigo-b2b-billing',
  create: withCredentials('tigo', createTigoB2bBillingClient),
  operations: {
    // A token answer without a token cannot be used: the client says so with an AuthError.
    requestAccessToken: {
      ...credential,
      businessFailure: 'AuthError',
      call: (c) => c.requestAccessToken(),
    },
    getContract: { ...issuedToken, call: (c) => c.getContract({ contractId: 8001234567 }) },
    listContracts: {
      ...issuedToken,
      call: (c) => c.listContracts({ ...CUSTOMER, page: 1, pageSize: 10 }),
    },
    listBills: {
      ...issuedToken,
      call: (c) => c.listBills({ contractId: 8001234567, quantity: 3 }),
    },
    listBillPayments: {
      ...issuedToken,
      call: (c) => c.listBillPayments({ contractId: 8001234567, billNo: '909501941' }),
    },
    getPartyCharacteristics: {
      ...issuedToken,
      call: (c) =>
        c.getPartyCharacteristics({
          ...CUSTOMER,
          contractId: 8001234567,
          fields: ['role', 'plus'],
        }),
    },
    checkoutPayment: {
      authentication: 'issued-token',
      businessFailure: 'BusinessError',
      call: (c) => c.checkoutPayment(bills()),
    },
    registerPayment: {
      authentication: 'issued-token',
      // A partial registration maps each bill to false: the caller checks every value.
      businessFailure: 'ok',
      call: (c) => c.registerPayment(bills()),
    },
    validatePayment: {
      ...issuedToken,
      call: (c) => c.validatePayment({ paymentId: '3f9a7c21d84e4b0f9e6a5c1d2b7e8f40' }),
    },
    validatePaymentByCoupon: {
      ...issuedToken,
      call: (c) => c.validatePaymentByCoupon({ couponId: 'coupon', id: '4150023618' }),
    },
  },
};

const SERVICE = { serviceType: 'mobile', serviceId: '612123456' } as const;
const MOVEMENT_ID = 'c0a8012e-7d3f-4b8e-9a41-5f6e2b1d9c07';
const AMOUNT = {
  value_with_taxes: 12.1,
  value_without_taxes: 10,
  tax: { type: 'IVA', percentage: 21 },
};
const nonSubscribableMovement = (): NonSubscribableMovement => ({
  type: 'ONE_TIME_FEE',
  movement_datetime: '2022-02-24T13:45:10Z',
  amount: AMOUNT,
  external_movement_unique_id: randomUUID(),
  transaction_type_id: '5432167890',
});
const movement = (): Movement => ({
  type: 'RECURRING_CHARGE',
  movement_datetime: '2022-02-24T13:45:10Z',
  amount: AMOUNT,
  external_movement_unique_id: randomUUID(),
  billable: true,
  concept_id: '1001',
});
const refund = () => ({
  refund_datetime: '2022-03-02T10:00:00Z',
  amount: AMOUNT,
  external_refund_unique_id: randomUUID(),
  movement_id: MOVEMENT_ID,
});

const masstack: ClientCase<MasstackPartnersClient> = {
  api: 'masstack-partners',
  create: withCredentials('masstack', createMasstackPartnersClient),
  // Every method resolves to `{ correlationId, data }`.
  payload: (result) => (result as { data: unknown }).data,
  operations: {
    createNonSubscribableMovement: {
      ...credential,
      call: (c) => c.createNonSubscribableMovement({ ...SERVICE, body: nonSubscribableMovement() }),
    },
    updateNonSubscribableMovement: {
      ...credential,
      call: (c) =>
        c.updateNonSubscribableMovement({
          ...SERVICE,
          movementId: MOVEMENT_ID,
          body: nonSubscribableMovement(),
        }),
    },
    deleteNonSubscribableMovement: {
      ...credential,
      call: (c) => c.deleteNonSubscribableMovement({ ...SERVICE, movementId: MOVEMENT_ID }),
    },
    createNonSubscribableRefund: {
      ...credential,
      call: (c) =>
        c.createNonSubscribableRefund({
          ...SERVICE,
          body: { ...refund(), transaction_type_id: '5432167890' },
        }),
    },
    createMovement: {
      ...credential,
      call: (c) => c.createMovement({ ...SERVICE, body: movement() }),
    },
    deleteMovement: {
      ...credential,
      call: (c) => c.deleteMovement({ ...SERVICE, movementId: MOVEMENT_ID }),
    },
    createRefund: {
      ...credential,
      call: (c) => c.createRefund({ ...SERVICE, body: { ...refund(), billable: false } }),
    },
  },
};

const TOPUP = { amount: 10900, clientCode: '10036389709', providerId: '2126' };

const stone: ClientCase<StoneTopupsClient> = {
  api: 'stone-topups',
  create: withCredentials('stone', createStoneTopupsClient),
  operations: {
    listProviders: { ...issuedToken, call: (c) => c.listProviders() },
    listValues: { ...issuedToken, call: (c) => c.listValues(2126) },
    dryRun: { ...issuedToken, call: (c) => c.dryRun(TOPUP) },
    confirm: {
      authentication: 'issued-token',
      call: (c) => c.confirm({ ...TOPUP, idempotencyKey: randomUUID() }),
      // The receipt comes back with the idempotency key it was sent with.
      payload: (result) => {
        const { idempotencyKey: _, ...receipt } = result as { idempotencyKey: string };
        return receipt;
      },
    },
    getDiscoveryKeys: {
      authentication: 'none',
      call: (c) => c.getDiscoveryKeys(),
    },
    // A token answer without a token is a failure the client reports as such.
    requestAccessToken: {
      ...credential,
      businessFailure: 'BusinessError',
      call: (c) => c.requestAccessToken(),
    },
  },
};

function erase<Client>(client: ClientCase<Client>): OperationCase[] {
  const table = OPERATION_TABLES.get(client.api);
  if (!table) throw new Error(`No generated operation table for ${client.api}.`);
  return Object.entries(table).map(([operationId, contract]) => {
    const operation = client.operations[operationId];
    if (!operation)
      throw new Error(`The fault suite has no valid call of ${client.api} ${operationId}.`);
    const keyOf = keyReader(contract);
    return {
      api: client.api,
      operationId,
      safety: safetyOf(contract),
      authentication: operation.authentication,
      ...(operation.businessFailure ? { businessFailure: operation.businessFailure } : {}),
      call: (environment: ClientEnvironment) =>
        environment.lane.run(() => operation.call(createClient(client, environment))),
      bind: (environment: ClientEnvironment) => {
        const bound = createClient(client, environment);
        return () => environment.lane.run(() => operation.call(bound));
      },
      payload: operation.payload ?? client.payload ?? ((result: unknown) => result),
      ...(keyOf ? { keyOf } : {}),
    };
  });
}

function createClient<Client>(client: ClientCase<Client>, environment: ClientEnvironment): Client {
  const { lane, logger, telemetry, timeoutMs, retry } = environment;
  return client.create(environment, {
    baseUrl: lane.baseUrl(client.api),
    fetch: lane.fetch,
    logger,
    telemetry,
    timeoutMs,
    retry,
  });
}

/** Valid calls by provider, where its methods take inputs of their own (mapped, checked). */
const HAND_WRITTEN: Partial<Record<ApiName, () => OperationCase[]>> = {
  'chinchin-cps': () => erase(chinchin),
  qvatel: () => erase(qvatel),
  'tigo-b2b-billing': () => erase(tigo),
  'masstack-partners': () => erase(masstack),
  'stone-topups': () => erase(stone),
};

/**
 * Every operation of every provider of the registry, in the order of the table's columns; a
 * provider without hand-written calls is called with its spec's example inputs.
 */
export const OPERATION_CASES: readonly OperationCase[] = (
  await Promise.all(APIS.map(async (api) => HAND_WRITTEN[api]?.() ?? erase(await genericCase(api))))
).flat();
