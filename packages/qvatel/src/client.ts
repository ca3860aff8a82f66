import {
  type CallOptions,
  type ClientOptions,
  createProviderRuntime,
  mockBaseUrl,
  ValidationError,
} from '@telcopay/core';
import type { Client } from 'openapi-fetch';
import { apiTokenAuth } from './auth.js';
import { normaliseDestino, validateMonto } from './destino.js';
import type { components, paths } from './generated/schema.js';

type Schemas = components['schemas'];
export type RechargeSent = Schemas['RechargeSent'];
export type RechargeStatus = Schemas['RechargeStatus'];
export type RechargeBalance = Schemas['RechargeBalance'];

/** Where a QvaTel client sends its calls. No sandbox is published. */
export const QVATEL_ENVIRONMENTS = {
  production: 'https://qvatel.com/api',
  mock: mockBaseUrl('qvatel'),
} as const;
export type QvatelEnvironment = keyof typeof QVATEL_ENVIRONMENTS;

export interface QvatelClientOptions extends ClientOptions<QvatelEnvironment> {
  /** The account's api_token. Sent only to QvaTel, never logged. */
  apiToken: string;
}

export interface SendRechargeInput {
  /** The Cuban phone: `52942387`, `5352942387` or `+5352942387`. */
  destino: string;
  /** The amount, e.g. `20.00`. */
  monto: number;
}

export interface QvatelClient {
  /** Recharges a phone. Money moves: keep the answer's `id_recarga`. */
  sendRecharge(input: SendRechargeInput, call?: CallOptions): Promise<RechargeSent>;
  /** The state of one recharge (`Recargado`, …). */
  getRechargeStatus(idRecarga: string, call?: CallOptions): Promise<RechargeStatus>;
  /** The account's recharge balance. */
  getRechargeBalance(call?: CallOptions): Promise<RechargeBalance>;
  /** The underlying openapi-fetch client, with auth and logging. */
  raw: Client<paths>;
}

/** `result: 0` is QvaTel's failure answer, sent with a 2xx status. */
function failureText(body: { result: number; error?: string }): string | undefined {
  return body.result === 0 ? (body.error ?? 'result: 0') : undefined;
}

export function createQvatelClient(options: QvatelClientOptions): QvatelClient {
  if (!options.apiToken) {
    throw new ValidationError('apiToken is required.', {
      provider: 'qvatel',
      operation: 'createClient',
      field: 'apiToken',
    });
  }
  const { raw, run } = createProviderRuntime<paths, QvatelEnvironment>(
    { provider: 'qvatel', environments: QVATEL_ENVIRONMENTS },
    options,
    apiTokenAuth(options.apiToken),
  );

  return {
    raw,

    async sendRecharge(input, call) {
      const body = {
        destino: normaliseDestino(input.destino),
        monto: validateMonto(input.monto),
      };
      const sent = await run(
        {
          operation: 'sendRecharge',
          // Money moves and QvaTel takes no idempotency key: never sent twice.
          idempotent: false,
          moneyMoving: true,
          requestIds: body,
          reconcile: {
            operation: 'getRechargeBalance',
            advice:
              'The recharge id was lost with the answer, so getRechargeStatus cannot be asked: compare getRechargeBalance with the balance before the call (or ask QvaTel) before recharging again.',
          },
          send: ({ signal, headers }) =>
            raw.POST('/recharge/send', {
              // api_token is added to the form by the auth middleware (auth.ts).
              body: body as Schemas['SendRechargeForm'],
              headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
              signal,
            }),
          businessFailure: failureText,
        },
        call,
      );
      return sent as RechargeSent;
    },

    async getRechargeStatus(idRecarga, call) {
      if (typeof idRecarga !== 'string' || idRecarga.trim() === '') {
        throw new ValidationError('idRecarga must be the id_recarga that sendRecharge returned.', {
          provider: 'qvatel',
          operation: 'getRechargeStatus',
          field: 'idRecarga',
        });
      }
      const status = await run(
        {
          operation: 'getRechargeStatus',
          idempotent: true,
          send: ({ signal, headers }) =>
            raw.GET('/recharge/status', {
              params: { query: { id_recarga: idRecarga } },
              headers,
              signal,
            }),
          businessFailure: failureText,
        },
        call,
      );
      return status as RechargeStatus;
    },

    async getRechargeBalance(call) {
      const balance = await run(
        {
          operation: 'getRechargeBalance',
          idempotent: true,
          send: ({ signal, headers }) => raw.GET('/account/recharge-balance', { headers, signal }),
          businessFailure: failureText,
        },
        call,
      );
      return balance as RechargeBalance;
    },
  };
}
