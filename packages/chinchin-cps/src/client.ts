import {
  type ClientOptions,
  clientMethods,
  manifestRuntime,
  mayTake,
  requireCredentials,
  takes,
  ValidationError,
} from '@telcopay/core';
import type { Client } from 'openapi-fetch';
import { signatureAuth } from './auth.js';
import { balanceCapabilityExplainer } from './balance-capability.js';
import { type Environment, MANIFEST } from './generated/manifest.js';
import {
  type Definitions,
  type GetServiceBalanceParams,
  type ListBasicServicesParams,
  type Methods,
  OPERATIONS,
} from './generated/operations.js';
import type { components, paths } from './generated/schema.js';
import { type Amount, validAmount, validNumberService, validServiceId } from './validation.js';

const PROVIDER = MANIFEST.name;

type Schemas = components['schemas'];
export type PayServiceInput = Omit<Schemas['PayRequest'], 'amount'> & {
  /**
   * The amount of VES: a number with at most two decimals (`10`, `10.25`) or a decimal string
   * (`'10.25'`); anything else is a `ValidationError`.
   */
  amount: Amount;
};

export interface ChinchinCpsClientOptions extends ClientOptions<Environment> {
  /** The client's public key, sent as `api-key`. */
  apiKey: string;
  /** The client's private key: it signs every request and is never sent nor logged. */
  apiSecret: string;
  /**
   * The gateway prefix of the paths that is not part of the signed path. Default `/cps`
   * (the docs sign `/v2/list/basic_services` for `/cps/v2/list/basic_services`); `''` signs
   * the full path.
   */
  gatewayPrefix?: string | undefined;
}

/** The client's methods; a refused balance query is explained with the provider's list. */
function definitions(explainRefusal: ReturnType<typeof balanceCapabilityExplainer>) {
  return {
    /**
     * Pays (tops up) `amount` VES on a basic service. Money moves and no idempotency key exists:
     * a failed or timed-out payment is never retried; reconcile with the answer's `idOperation`.
     */
    payService: {
      // Built in the documented field order; serialised once, then signed and sent as is.
      request: (input: PayServiceInput) => ({
        body: {
          numberService: validNumberService(input.numberService, 'payService'),
          idTypeService: validServiceId(input.idTypeService, 'payService'),
          amount: validAmount(input.amount, 'payService'),
        },
      }),
    },
    /**
     * A service's balance. When the provider refuses it (4xx) for a service its balance-capable
     * list does not contain, the error is a `ServiceNotBalanceCapableError` that says so.
     */
    getServiceBalance: {
      request: takes<GetServiceBalanceParams>(),
      mapError: (error, request) => explainRefusal(error, request.params.query.idTypeService),
    },
    /** The basic services; `canGetBalance: true` lists only those that can report a balance. */
    listBasicServices: { request: mayTake<ListBasicServicesParams>() },
  } satisfies Definitions;
}

export type ChinchinCpsClient = Methods<ReturnType<typeof definitions>> & {
  /** The underlying openapi-fetch client, with signing and logging. */
  raw: Client<paths>;
};

export function createChinchinCpsClient(options: ChinchinCpsClientOptions): ChinchinCpsClient {
  const { apiKey, apiSecret } = options;
  requireCredentials(MANIFEST, options);
  const gatewayPrefix = validGatewayPrefix(options.gatewayPrefix ?? '/cps');
  const runtime = manifestRuntime<paths, Environment>(
    MANIFEST,
    options,
    signatureAuth({ apiKey, apiSecret, gatewayPrefix }),
  );
  // Not tied to one call's signal or headers: the answer is cached for every later call.
  const explainRefusal = balanceCapabilityExplainer(() =>
    methods.listBasicServices({ canGetBalance: true }),
  );
  const methods = clientMethods(runtime, OPERATIONS, definitions(explainRefusal));
  return { raw: runtime.raw, ...methods };
}

/** `''`, or a path like `/cps`: a leading slash, no trailing one. */
function validGatewayPrefix(prefix: string): string {
  if (prefix !== '' && !/^(\/[^/]+)+$/.test(prefix)) {
    throw new ValidationError(
      `gatewayPrefix must be '' or a path like '/cps' (got ${JSON.stringify(prefix)}).`,
      { provider: PROVIDER, operation: 'createClient', field: 'gatewayPrefix' },
    );
  }
  return prefix;
}
