import {
  type CallOptions,
  type ClientOptions,
  cachedBearerAuth,
  clientMethods,
  manifestRuntime,
  requireCredential,
  requireCredentials,
  resolveBaseUrl,
  takes,
} from '@telcopay/core';
import type { Client } from 'openapi-fetch';
import { createAccessTokens } from './access-token.js';
import { isInvalidAccessTokenFault } from './auth.js';
import { contractPages, DEFAULT_PAGE_SIZE } from './contract-pages.js';
import {
  billingEnvironments,
  gatewayRoot,
  PROVIDER,
  type TigoB2bBillingEnvironment,
} from './environments.js';
import { MANIFEST } from './generated/manifest.js';
import {
  type Definitions,
  type GetContractParams,
  type ListBillPaymentsParams,
  type ListBillsParams,
  type Methods,
  OPERATIONS,
  type ParameterFields,
  type ValidatePaymentByCouponParams,
  type ValidatePaymentParams,
} from './generated/operations.js';
import type { paths } from './generated/schema.js';
import type {
  AccessTokenResponse,
  CheckoutPaymentRequest,
  CheckoutPaymentResponse,
  ContractsItem,
} from './generated/types.js';
import {
  type CharacteristicField,
  characteristicFields,
  type NumericId,
  optionalCount,
  requireBills,
} from './input.js';

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
export type CustomerInput = Pick<ParameterFields, 'idType' | 'identification'>;

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

export interface GetPartyCharacteristicsInput extends CustomerInput {
  contractId: NumericId;
  /** Which characteristics to return: at least one of `role` (party role), `plus` (plus customer). */
  fields: readonly CharacteristicField[];
}

export interface PaymentInput extends CustomerInput {
  /** The payer, the bills (at least one) and the payment data. */
  payment: CheckoutPaymentRequest;
}

/**
 * Inferred: the checkout answer's `error` is 0 in the source's example; any other value is taken
 * to mean no transaction was created.
 */
function checkoutFailure(body: CheckoutPaymentResponse): string | undefined {
  return body.error ? (body.description ?? `error ${body.error}`) : undefined;
}

/** A payment of bills (checkout or register): the bills checked (the customer is the path's). */
function paymentRequest(operation: string) {
  return (input: PaymentInput) => ({ body: requireBills(operation, input.payment) });
}

const METHODS = {
  /** The contract with this id. */
  getContract: { request: takes<GetContractParams>() },
  /** One page of the customer's contracts. */
  listContracts: { request: takes<ListContractsInput>() },
  /** The bills of a contract, latest first. */
  listBills: { request: takes<ListBillsParams>() },
  /** The payment of one bill. */
  listBillPayments: { request: takes<ListBillPaymentsParams>() },
  /** The party's characteristics on a contract, as selected by `fields`. */
  getPartyCharacteristics: {
    request: (input: GetPartyCharacteristicsInput) => ({
      params: { query: { fields: characteristicFields('getPartyCharacteristics', input.fields) } },
      // `fields` is only role/plus and commas: sent unencoded, as the source's `?fields=role,plus`.
      querySerializer: { allowReserved: true },
    }),
  },
  /**
   * Starts the payment of one or many bills through the payment gateway: keep the `signature`
   * and send the payer to `url`. Carries no idempotency key, so it is never sent twice.
   */
  checkoutPayment: { request: paymentRequest('checkoutPayment'), businessFailure: checkoutFailure },
  /**
   * Registers bills paid outside the UNE gateway. The answer maps each bill reference to whether
   * it was registered: check every value. Never sent twice.
   */
  registerPayment: { request: paymentRequest('registerPayment') },
  /** A gateway payment, by its signature. */
  validatePayment: { request: takes<ValidatePaymentParams>() },
  /** A gateway payment, by its coupon. */
  validatePaymentByCoupon: { request: takes<ValidatePaymentByCouponParams>() },
} satisfies Definitions;

export type TigoB2bBillingClient = Methods<typeof METHODS> & {
  /** Asks the token endpoint for a new access token (not cached; the client manages its own). */
  requestAccessToken(call?: CallOptions): Promise<AccessTokenResponse>;
  /**
   * Every contract of the customer, fetched page by page: `reg_ini` = 1, 2, 3… (taken as a page
   * number, as the source describes it), `num_reg` = `pageSize`, until a short or empty page.
   */
  iterateContracts(input: IterateContractsInput, call?: CallOptions): AsyncIterable<ContractsItem>;
  /** The underlying openapi-fetch client of the billing base URL, with bearer auth and logging. */
  raw: Client<paths>;
};

export function createTigoB2bBillingClient(
  options: TigoB2bBillingClientOptions,
): TigoB2bBillingClient {
  // A colon would split the Basic credentials (RFC 7617) in the wrong place.
  const noColon = (clientId: string) => !clientId.includes(':');
  requireCredential(PROVIDER, 'clientId', options.clientId, noColon, ' (no colon)');
  requireCredentials(MANIFEST, options);
  const environments = billingEnvironments(options.countryCode);
  const billingBaseUrl = resolveBaseUrl(PROVIDER, options, environments);
  const accessTokens = createAccessTokens(
    { ...options, gatewayRoot: gatewayRoot(billingBaseUrl, options.tokenUrl) },
    environments,
    options.clientId,
    options.clientSecret,
  );
  const runtime = manifestRuntime<paths, TigoB2bBillingEnvironment>(
    MANIFEST,
    options,
    cachedBearerAuth(accessTokens.cache, {
      secrets: accessTokens.secrets,
      isExpiredToken: isInvalidAccessTokenFault,
    }),
    environments,
  );
  const methods = clientMethods(runtime, OPERATIONS, METHODS);
  return {
    raw: runtime.raw,
    ...methods,
    requestAccessToken: accessTokens.request,
    iterateContracts(input, call) {
      const pageSize =
        optionalCount('listContracts', 'pageSize', input.pageSize) ?? DEFAULT_PAGE_SIZE;
      return contractPages(
        (page) => methods.listContracts({ ...input, page, pageSize }, call),
        pageSize,
      );
    },
  };
}
