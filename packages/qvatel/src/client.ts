import {
  type ClientOptions,
  clientMethods,
  manifestRuntime,
  requireCredentials,
  takesValue,
} from '@telcopay/core';
import type { Client } from 'openapi-fetch';
import { accepted, failureText } from './answer.js';
import { apiTokenAuth } from './auth.js';
import { normaliseDestino } from './destino.js';
import { type Environment, MANIFEST } from './generated/manifest.js';
import { type Definitions, type Methods, OPERATIONS } from './generated/operations.js';
import type { components, paths } from './generated/schema.js';
import { type Monto, validateMonto } from './monto.js';
import { authenticatedRaw, type RawPaths } from './raw.js';

export interface QvatelClientOptions extends ClientOptions<Environment> {
  /** The account's api_token. Sent only to QvaTel, never logged. */
  apiToken: string;
}

export interface SendRechargeInput {
  /** The Cuban phone: `52942387`, `5352942387` or `+5352942387`. */
  destino: string;
  /**
   * The amount of CUP: a number with at most two decimals (`20`, `20.5`) or a decimal string
   * (`'20.00'`); anything else is a `ValidationError`. It is sent with exactly two decimals.
   */
  monto: Monto;
}

const METHODS = {
  /** Recharges a phone. Money moves: keep the answer's `id_recarga`. */
  sendRecharge: {
    request: (input: SendRechargeInput) => ({
      // api_token joins the form as the auth serialises it (auth.ts).
      body: {
        destino: normaliseDestino(input.destino),
        monto: validateMonto(input.monto),
      } as unknown as components['schemas']['SendRechargeForm'],
    }),
    businessFailure: failureText,
    result: (body) => accepted(body),
  },
  /** The state of one recharge (`Recargado`, …). */
  getRechargeStatus: {
    request: takesValue<[idRecarga: string]>(),
    businessFailure: failureText,
    result: (body) => accepted(body),
  },
  /** The account's recharge balance. */
  getRechargeBalance: { businessFailure: failureText, result: (body) => accepted(body) },
} satisfies Definitions;

export type QvatelClient = Methods<typeof METHODS> & {
  /**
   * The underlying openapi-fetch client, already authenticated (the api_token is added to
   * every query and form, so no body or query needs it) and logged. A POST goes as a form.
   */
  raw: Client<RawPaths>;
};

export function createQvatelClient(options: QvatelClientOptions): QvatelClient {
  requireCredentials(MANIFEST, options);
  const runtime = manifestRuntime<paths, Environment>(
    MANIFEST,
    options,
    apiTokenAuth(options.apiToken),
  );
  return { raw: authenticatedRaw(runtime.raw), ...clientMethods(runtime, OPERATIONS, METHODS) };
}
