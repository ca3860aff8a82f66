import {
  AuthError,
  bearerAuth,
  type CallOptions,
  type ClientOptions,
  createProviderRuntime,
  type OperationPlan,
  resolveBaseUrl,
  ValidationError,
} from '@telcopay/core';
import type { Client } from 'openapi-fetch';
import { type AccessTokenResponse, createAccessTokens } from './access-token.js';
import { isInvalidAccessTokenFault } from './auth.js';
import { contractPages, DEFAULT_PAGE_SIZE } from './contract-pages.js';
import {
  billingEnvironments,
  gatewayRoot,
  PROVIDER,
  type TigoB2bBillingEnvironment,
} from './environments.js';
import type { components, paths } from './generated/schema.js';
import {
  type CharacteristicField,
  characteristicFields,
  type NumericId,
  optionalCount,
  requireBills,
  requireNumericId,
  requireText,
} from './input.js';

type Schemas = components['schemas'];

export type { AccessTokenResponse };
export type ContractsDetails = Schemas['contractsDetails'];
export type ContractsItem = Schemas['contractsItem'];
export type Bill = Schemas['BillList'];
export type BillsCollection = Schemas['BillsCollection'];
export type BillPayment = Schemas['Payment'];
export type PartyCharacteristics = Schemas['PartyCharacteristics'];
export type CheckoutPaymentRequest = Schemas['CheckoutPaymentRequest'];
export type CheckoutPaymentResponse = Schemas['CheckoutPaymentResponse'];
export type RegisterPaymentResponse = Schemas['RegisterPaymentResponse'];
export type ValidatePaymentResponse = Schemas['ValidatePaymentResponse'];

export interface TigoB2bBillingClientOptions extends ClientOptions<TigoB2bBillingEnvironment> {
  /** The Apigee application's client id. */
  clientId: string;
  /** The Apigee application's client secret. Sent only to the token endpoint, never logged. */
  clientSecret: string;
  /** The country segment of the billing base path (`/v2/tigo/b2b/{countryCode}/billing`). Default `co`. */
  countryCode?: string | undefined;
  /**
   * The token endpoint, ending in `/oauth/client_credential/accesstoken`. Default: that path on
   * the gateway root of the billing base URL (`https://{test|qa|prod}.api.tigo.com`, the mock's
   * own URL).
   */
  tokenUrl?: string | undefined;
}

/** A business customer: the identification type (e.g. `NIT`) and number. */
export interface CustomerInput {
  idType: string;
  identification: NumericId;
}

export interface GetContractInput {
  contractId: NumericId;
}

export interface ListContractsInput extends CustomerInput {
  /** Sent as `reg_ini` ("Number of Pages"): a 1-based page number. */
  page?: number | undefined;
  /** Sent as `num_reg` ("Number of Records"): the page size. */
  pageSize?: number | undefined;
}

export interface IterateContractsInput extends CustomerInput {
  /** Contracts per page (`num_reg`). Default 10. */
  pageSize?: number | undefined;
}

export interface ListBillsInput {
  contractId: NumericId;
  /** How many bills to return (`quantity`). */
  quantity?: number | undefined;
}

export interface ListBillPaymentsInput {
  contractId: NumericId;
  billNo: string;
}

export interface GetPartyCharacteristicsInput extends CustomerInput {
  contractId: NumericId;
  /** Which characteristics to return: at least one of `role` (party role), `plus` (plus customer). */
  fields: readonly CharacteristicField[];
}

export interface PaymentInput extends CustomerInput {
  /** The payer, the bills (at least one) and the payment data. */
  payment: CheckoutPaymentRequest;
}

export interface ValidatePaymentInput {
  /** The payment's signature, as `checkoutPayment` answered it. */
  paymentId: string;
}

export interface ValidatePaymentByCouponInput {
  /** The coupon id type. */
  couponId: string;
  /** The coupon number. */
  id: string;
}

export interface TigoB2bBillingClient {
  /** Asks the token endpoint for a new access token (not cached; the client manages its own). */
  requestAccessToken(call?: CallOptions): Promise<AccessTokenResponse>;
  /** The contract with this id. */
  getContract(input: GetContractInput, call?: CallOptions): Promise<ContractsDetails>;
  /** One page of the customer's contracts. */
  listContracts(input: ListContractsInput, call?: CallOptions): Promise<ContractsDetails>;
  /**
   * Every contract of the customer, fetched page by page: `reg_ini` = 1, 2, 3… (taken as a page
   * number, as the source describes it), `num_reg` = `pageSize`, until a short or empty page.
   */
  iterateContracts(input: IterateContractsInput, call?: CallOptions): AsyncIterable<ContractsItem>;
  /** The bills of a contract, latest first. */
  listBills(input: ListBillsInput, call?: CallOptions): Promise<BillsCollection>;
  /** The payment of one bill. */
  listBillPayments(input: ListBillPaymentsInput, call?: CallOptions): Promise<BillPayment>;
  /** The party's characteristics on a contract, as selected by `fields`. */
  getPartyCharacteristics(
    input: GetPartyCharacteristicsInput,
    call?: CallOptions,
  ): Promise<PartyCharacteristics>;
  /**
   * Starts the payment of one or many bills through the payment gateway: keep the `signature`
   * and send the payer to `url`. Carries no idempotency key, so it is never sent twice.
   */
  checkoutPayment(input: PaymentInput, call?: CallOptions): Promise<CheckoutPaymentResponse>;
  /**
   * Registers bills paid outside the UNE gateway. The answer maps each bill reference to whether
   * it was registered: check every value. Never sent twice.
   */
  registerPayment(input: PaymentInput, call?: CallOptions): Promise<RegisterPaymentResponse>;
  /** A gateway payment, by its signature. */
  validatePayment(
    input: ValidatePaymentInput,
    call?: CallOptions,
  ): Promise<ValidatePaymentResponse>;
  /** A gateway payment, by its coupon. */
  validatePaymentByCoupon(
    input: ValidatePaymentByCouponInput,
    call?: CallOptions,
  ): Promise<ValidatePaymentResponse>;
  /** The underlying openapi-fetch client of the billing base URL, with bearer auth and logging. */
  raw: Client<paths>;
}

/**
 * Inferred: the checkout answer's `error` is 0 in the source's example; any other value is taken
 * to mean no transaction was created.
 */
function checkoutFailure(body: CheckoutPaymentResponse): string | undefined {
  return body.error ? (body.description ?? `error ${body.error}`) : undefined;
}

/** The `{idType}/{identification}` path parameters of a customer's operations. */
/** What identifies a payment request when its outcome must be reconciled: customer and bills. */
function paymentReferences(input: PaymentInput) {
  return {
    idType: input.idType,
    identification: input.identification,
    bills: (input.payment.billsCollection ?? []).map(
      (bill) => bill.billNo ?? bill.referencePayment,
    ),
  };
}

function customerPath(operation: string, input: CustomerInput) {
  return {
    idType: requireText(operation, 'idType', input.idType),
    identification: requireNumericId(operation, 'identification', input.identification),
  };
}

function requireCredential(field: 'clientId' | 'clientSecret', value: string): void {
  // A colon would split the Basic credentials (RFC 7617) in the wrong place.
  if (typeof value !== 'string' || value === '' || (field === 'clientId' && value.includes(':'))) {
    throw new ValidationError(`${field} is required${field === 'clientId' ? ' (no colon)' : ''}.`, {
      provider: PROVIDER,
      operation: 'createClient',
      field,
    });
  }
}

export function createTigoB2bBillingClient(
  options: TigoB2bBillingClientOptions,
): TigoB2bBillingClient {
  requireCredential('clientId', options.clientId);
  requireCredential('clientSecret', options.clientSecret);
  const environments = billingEnvironments(options.countryCode);
  const billingBaseUrl = resolveBaseUrl(PROVIDER, options, environments);
  const accessTokens = createAccessTokens(
    { ...options, gatewayRoot: gatewayRoot(billingBaseUrl, options.tokenUrl) },
    environments,
    options.clientId,
    options.clientSecret,
  );
  const tokens = accessTokens.cache;
  const { raw, run } = createProviderRuntime<paths, TigoB2bBillingEnvironment>(
    { provider: PROVIDER, environments },
    options,
    bearerAuth(tokens.get, {
      secrets: accessTokens.secrets,
      isExpiredToken: isInvalidAccessTokenFault,
      invalidate: tokens.invalidate,
    }),
  );

  async function listContracts(input: ListContractsInput, call?: CallOptions) {
    const operation = 'listContracts';
    const path = customerPath(operation, input);
    const page = optionalCount(operation, 'page', input.page);
    const pageSize = optionalCount(operation, 'pageSize', input.pageSize);
    const query = {
      ...(page === undefined ? {} : { reg_ini: page }),
      ...(pageSize === undefined ? {} : { num_reg: pageSize }),
    };
    return run(
      {
        operation,
        idempotent: true,
        send: ({ signal, headers }) =>
          raw.GET('/customers/{idType}/{identification}/contracts', {
            params: { path, query },
            headers,
            signal,
          }),
      },
      call,
    );
  }

  return {
    raw,

    requestAccessToken: accessTokens.request,

    async getContract(input, call) {
      const contractId = requireNumericId('getContract', 'contractId', input.contractId);
      return run(
        {
          operation: 'getContract',
          idempotent: true,
          send: ({ signal, headers }) =>
            raw.GET('/contracts/{contractId}', {
              params: { path: { contractId } },
              headers,
              signal,
            }),
        },
        call,
      );
    },

    listContracts,

    iterateContracts(input, call) {
      const pageSize =
        optionalCount('listContracts', 'pageSize', input.pageSize) ?? DEFAULT_PAGE_SIZE;
      return contractPages((page) => listContracts({ ...input, page, pageSize }, call), pageSize);
    },

    async listBills(input, call) {
      const operation = 'listBills';
      const contractId = requireNumericId(operation, 'contractId', input.contractId);
      const quantity = optionalCount(operation, 'quantity', input.quantity);
      return run(
        {
          operation,
          idempotent: true,
          send: ({ signal, headers }) =>
            raw.GET('/customers/contracts/{contractId}/bills', {
              params: { path: { contractId }, query: quantity === undefined ? {} : { quantity } },
              headers,
              signal,
            }),
        },
        call,
      );
    },

    async listBillPayments(input, call) {
      const operation = 'listBillPayments';
      const path = {
        contractId: requireNumericId(operation, 'contractId', input.contractId),
        billNo: requireText(operation, 'billNo', input.billNo),
      };
      return run(
        {
          operation,
          idempotent: true,
          send: ({ signal, headers }) =>
            raw.GET('/customers/contracts/{contractId}/bills/{billNo}/payments', {
              params: { path },
              headers,
              signal,
            }),
        },
        call,
      );
    },

    async getPartyCharacteristics(input, call) {
      const operation = 'getPartyCharacteristics';
      const path = {
        ...customerPath(operation, input),
        contractId: requireNumericId(operation, 'contractId', input.contractId),
      };
      const fields = characteristicFields(operation, input.fields);
      return run(
        {
          operation,
          idempotent: true,
          send: ({ signal, headers }) =>
            raw.GET('/customers/{idType}/{identification}/contracts/{contractId}/characteristics', {
              params: { path, query: { fields } },
              // `fields` is only role/plus and commas: sent unencoded, as the source's `?fields=role,plus`.
              querySerializer: { allowReserved: true },
              headers,
              signal,
            }),
        },
        call,
      );
    },

    async checkoutPayment(input, call) {
      const operation = 'checkoutPayment';
      const path = customerPath(operation, input);
      const body = requireBills(operation, input.payment);
      return run(
        {
          operation,
          // Money moves and the request carries no idempotency key: never sent twice.
          idempotent: false,
          moneyMoving: true,
          requestIds: paymentReferences(input),
          reconcile: {
            operation: 'validatePayment',
            advice:
              'Look the bills up (listBills / listBillPayments) or validate the payment by its signature before paying again.',
          },
          send: ({ signal, headers }) =>
            raw.POST('/customers/{idType}/{identification}/payments/checkout', {
              params: { path },
              body,
              headers,
              signal,
            }),
          businessFailure: checkoutFailure,
        },
        call,
      );
    },

    async registerPayment(input, call) {
      const operation = 'registerPayment';
      const path = customerPath(operation, input);
      const body = requireBills(operation, input.payment);
      return run(
        {
          operation,
          // Money is booked and the request carries no idempotency key: never sent twice.
          idempotent: false,
          moneyMoving: true,
          requestIds: paymentReferences(input),
          reconcile: {
            operation: 'listBillPayments',
            advice: 'Check each bill with listBillPayments before registering the payments again.',
          },
          send: ({ signal, headers }) =>
            raw.POST('/customers/{idType}/{identification}/payments/register', {
              params: { path },
              body,
              headers,
              signal,
            }),
        },
        call,
      );
    },

    async validatePayment(input, call) {
      const paymentId = requireText('validatePayment', 'paymentId', input.paymentId);
      return run(
        {
          operation: 'validatePayment',
          idempotent: true,
          send: ({ signal, headers }) =>
            raw.GET('/payments/{paymentId}/validate', {
              params: { path: { paymentId } },
              headers,
              signal,
            }),
        },
        call,
      );
    },

    async validatePaymentByCoupon(input, call) {
      const operation = 'validatePaymentByCoupon';
      const path = {
        couponId: requireText(operation, 'couponId', input.couponId),
        id: requireText(operation, 'id', input.id),
      };
      return run(
        {
          operation,
          idempotent: true,
          send: ({ signal, headers }) =>
            raw.GET('/payments/{couponId}/{id}/validate', { params: { path }, headers, signal }),
        },
        call,
      );
    },
  };
}
