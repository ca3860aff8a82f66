import {
  type CallOptions,
  type ClientOptions,
  createProviderRuntime,
  mockBaseUrl,
  ValidationError,
} from '@telcopay/core';
import type { Client } from 'openapi-fetch';
import { signatureAuth } from './auth.js';
import { balanceCapabilityExplainer } from './balance-capability.js';
import type { components, operations, paths } from './generated/schema.js';
import { validAmount, validFlag, validNumberService, validServiceId } from './validation.js';

const PROVIDER = 'chinchin-cps';

type Schemas = components['schemas'];
export type PayServiceInput = Schemas['PayRequest'];
export type PayResult = Schemas['PayResult'];
export type GetServiceBalanceInput = operations['getServiceBalance']['parameters']['query'];
export type ServiceBalance = Schemas['ServiceBalance'];
export type ListBasicServicesInput = NonNullable<
  operations['listBasicServices']['parameters']['query']
>;
export type BasicService = Schemas['BasicService'];

/**
 * Where a Chinchin CPS client sends its calls. Chinchin publishes no host: each integrator
 * receives a sandbox and a production host, passed as `baseUrl`.
 */
export const CHINCHIN_CPS_ENVIRONMENTS = {
  mock: mockBaseUrl('chinchin-cps'),
} as const;
export type ChinchinCpsEnvironment = keyof typeof CHINCHIN_CPS_ENVIRONMENTS;

export interface ChinchinCpsClientOptions extends ClientOptions<ChinchinCpsEnvironment> {
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

export interface ChinchinCpsClient {
  /**
   * Pays (tops up) `amount` VES on a basic service. Money moves and no idempotency key exists:
   * a failed or timed-out payment is never retried; reconcile with the answer's `idOperation`.
   */
  payService(input: PayServiceInput, call?: CallOptions): Promise<PayResult>;
  /**
   * A service's balance. When the provider refuses it (4xx) for a service its balance-capable
   * list does not contain, the error is a `ServiceNotBalanceCapableError` that says so.
   */
  getServiceBalance(input: GetServiceBalanceInput, call?: CallOptions): Promise<ServiceBalance>;
  /** The basic services; `canGetBalance: true` lists only those that can report a balance. */
  listBasicServices(input?: ListBasicServicesInput, call?: CallOptions): Promise<BasicService[]>;
  /** The underlying openapi-fetch client, with signing and logging. */
  raw: Client<paths>;
}

export function createChinchinCpsClient(options: ChinchinCpsClientOptions): ChinchinCpsClient {
  const { apiKey, apiSecret } = options;
  requireCredential('apiKey', apiKey);
  requireCredential('apiSecret', apiSecret);
  const gatewayPrefix = validGatewayPrefix(options.gatewayPrefix ?? '/cps');
  const { raw, run } = createProviderRuntime<paths, ChinchinCpsEnvironment>(
    { provider: PROVIDER, environments: CHINCHIN_CPS_ENVIRONMENTS },
    options,
    signatureAuth({ apiKey, apiSecret, gatewayPrefix }),
  );

  const listBasicServices: ChinchinCpsClient['listBasicServices'] = async (input = {}, call) => {
    // Always explicit, so the signed query object is the one sent (the docs sign `false` too).
    const query = {
      canGetBalance: validFlag(input.canGetBalance ?? false, 'canGetBalance', 'listBasicServices'),
    };
    return run(
      {
        operation: 'listBasicServices',
        idempotent: true,
        send: ({ signal, headers }) =>
          raw.GET('/cps/v2/list/basic_services', { params: { query }, headers, signal }),
      },
      call,
    );
  };

  // Not tied to one call's signal or headers: the answer is cached for every later call.
  const explainBalanceRefusal = balanceCapabilityExplainer(() =>
    listBasicServices({ canGetBalance: true }),
  );

  return {
    raw,
    listBasicServices,

    async payService(input, call) {
      const operation = 'payService';
      // Built in the documented field order; serialised once, then signed and sent as is.
      const body = {
        numberService: validNumberService(input.numberService, operation),
        idTypeService: validServiceId(input.idTypeService, operation),
        amount: validAmount(input.amount, operation),
      };
      return run(
        {
          operation,
          // Money moves and the API takes no idempotency key: never sent twice.
          idempotent: false,
          moneyMoving: true,
          requestIds: body,
          reconcile: {
            operation: 'getServiceBalance',
            advice:
              "Check the service's balance (getServiceBalance, where the service supports it) or ask Chinchin for the operation before paying again.",
          },
          send: ({ signal, headers }) =>
            raw.POST('/cps/v2/operation/use/pay', { body, headers, signal }),
        },
        call,
      );
    },

    async getServiceBalance(input, call) {
      const operation = 'getServiceBalance';
      const query = {
        numberService: validNumberService(input.numberService, operation),
        idTypeService: validServiceId(input.idTypeService, operation),
      };
      try {
        return await run(
          {
            operation,
            idempotent: true,
            send: ({ signal, headers }) =>
              raw.GET('/cps/v2/operation/get/balance', { params: { query }, headers, signal }),
          },
          call,
        );
      } catch (error) {
        throw await explainBalanceRefusal(error, query.idTypeService);
      }
    },
  };
}

function requireCredential(field: 'apiKey' | 'apiSecret', value: unknown): void {
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError(`${field} is required.`, {
      provider: PROVIDER,
      operation: 'createClient',
      field,
    });
  }
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
