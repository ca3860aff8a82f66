import {
  bearerAuth,
  type CallOptions,
  type ClientOptions,
  createProviderRuntime,
  mockBaseUrl,
  type SendResult,
  type TokenSource,
  ValidationError,
} from '@telcopay/core';
import type { Client } from 'openapi-fetch';
import { CORRELATION_HEADER, type Correlated, correlationIdFor } from './correlation.js';
import type { ServiceType } from './enums.js';
import type { components, paths } from './generated/schema.js';
import {
  checkId,
  checkMovementBody,
  checkRefundBody,
  checkServiceAddress,
  PROVIDER,
} from './validation.js';

type Schemas = components['schemas'];
export type Amount = Schemas['amountDTO'];
export type NonSubscribableMovement = Schemas['movementNonSubscribableRequestDTO'];
export type Movement = Schemas['movementRequestDTO'];
export type Refund = Schemas['refundRequestDTO'];
/**
 * The spec leaves `external_refund_unique_id` optional on this one create; the client requires
 * it, because the caller's unique id is what makes a retried create safe (the provider can
 * refuse the repeat with 406 DUPLICATE_WORKFLOW_ID instead of refunding twice).
 */
export type NonSubscribableRefund = Schemas['refundNonSubscribableRequestDTO'] &
  Required<Pick<Schemas['refundNonSubscribableRequestDTO'], 'external_refund_unique_id'>>;
export type MovementCreated = Schemas['movementSuccessResponseDTO'];
export type MovementUpdated = Schemas['movementUpdateResponseDTO'];
export type RefundCreated = Schemas['refundSuccessResponseDTO'];

/** Where a MasStack Partners client sends its calls. The mock (Prism) serves no `/v3` prefix. */
export const MASSTACK_PARTNERS_ENVIRONMENTS = {
  staging: 'https://partners.sta.masstack.com/v3',
  /** Inferred: not published; the staging host without `.sta`, like the other MasStack APIs. */
  production: 'https://partners.masstack.com/v3',
  mock: mockBaseUrl('masstack-partners'),
} as const;
export type MasstackPartnersEnvironment = keyof typeof MASSTACK_PARTNERS_ENVIRONMENTS;

export interface MasstackPartnersClientOptions extends ClientOptions<MasstackPartnersEnvironment> {
  /**
   * The bearer JWT, or a function that yields a current one; a function is called (and awaited)
   * before every request. Every token is redacted from errors and logs.
   */
  token: TokenSource;
}

/** The service a call addresses, and the call's correlation id (default: a fresh uuid). */
export interface ServiceInput {
  serviceType: ServiceType;
  /** The service's id, e.g. a mobile line's number `612123456`. */
  serviceId: string;
  /** Sent as `Request-Correlation-Id`; must be a uuid. */
  correlationId?: string;
}

export interface MovementInput extends ServiceInput {
  movementId: string;
}

export interface CreateNonSubscribableMovementInput extends ServiceInput {
  body: NonSubscribableMovement;
}
export interface UpdateNonSubscribableMovementInput extends MovementInput {
  body: NonSubscribableMovement;
}
export interface CreateNonSubscribableRefundInput extends ServiceInput {
  body: NonSubscribableRefund;
}
export interface CreateMovementInput extends ServiceInput {
  body: Movement;
}
export interface CreateRefundInput extends ServiceInput {
  body: Refund;
}

export interface MasstackPartnersClient {
  /** Creates a movement on a non-subscribable service, keyed by `external_movement_unique_id`. */
  createNonSubscribableMovement(
    input: CreateNonSubscribableMovementInput,
    call?: CallOptions,
  ): Promise<Correlated<MovementCreated>>;
  /** Replaces a movement of a non-subscribable service (PUT: the body is its whole new state). */
  updateNonSubscribableMovement(
    input: UpdateNonSubscribableMovementInput,
    call?: CallOptions,
  ): Promise<Correlated<MovementUpdated>>;
  deleteNonSubscribableMovement(
    input: MovementInput,
    call?: CallOptions,
  ): Promise<Correlated<MovementUpdated>>;
  /** Refunds a movement of a non-subscribable service, keyed by `external_refund_unique_id`. */
  createNonSubscribableRefund(
    input: CreateNonSubscribableRefundInput,
    call?: CallOptions,
  ): Promise<Correlated<RefundCreated>>;
  /** Creates a movement on a service, keyed by `external_movement_unique_id`. */
  createMovement(
    input: CreateMovementInput,
    call?: CallOptions,
  ): Promise<Correlated<MovementCreated>>;
  deleteMovement(input: MovementInput, call?: CallOptions): Promise<Correlated<MovementUpdated>>;
  /** Refunds a movement of a service, keyed by `external_refund_unique_id`. */
  createRefund(input: CreateRefundInput, call?: CallOptions): Promise<Correlated<RefundCreated>>;
  /** The underlying openapi-fetch client, with auth and logging (no correlation id, no checks). */
  raw: Client<paths>;
}

/** What one send gets: the abort signal, the call's headers, and the correlation id header. */
interface SendInit {
  signal: AbortSignal;
  headers: Record<string, string>;
  params: { header: { [CORRELATION_HEADER]: string } };
}

export function createMasstackPartnersClient(
  options: MasstackPartnersClientOptions,
): MasstackPartnersClient {
  const { token } = options;
  if (typeof token !== 'function' && (typeof token !== 'string' || token === '')) {
    throw new ValidationError('token must be a bearer JWT or a function that yields one.', {
      provider: PROVIDER,
      operation: 'createClient',
      field: 'token',
    });
  }
  const { raw, run } = createProviderRuntime<paths, MasstackPartnersEnvironment>(
    { provider: PROVIDER, environments: MASSTACK_PARTNERS_ENVIRONMENTS },
    options,
    bearerAuth(token),
  );

  /**
   * Runs one operation with its correlation id. Every operation here is idempotent: creates
   * carry the caller's unique id (`idempotencyKey`), an update replaces the whole movement, a
   * delete of a deleted movement changes nothing.
   */
  async function correlated<Data>(
    operation: string,
    input: ServiceInput,
    idempotencyKey: string | undefined,
    send: (init: SendInit) => Promise<SendResult<Data>>,
    call: CallOptions | undefined,
  ): Promise<Correlated<Data>> {
    const correlationId = correlationIdFor(input.correlationId, operation);
    const data = await run(
      {
        operation,
        idempotent: true,
        correlationId,
        idempotencyKey,
        // openapi-fetch merges `params.header` last, so the call's headers cannot replace it.
        send: ({ signal, headers }) =>
          send({
            signal,
            headers,
            params: { header: { [CORRELATION_HEADER]: correlationId } },
          }),
      },
      call,
    );
    return { correlationId, data };
  }

  const service = (input: ServiceInput) => ({
    service_type: input.serviceType,
    service_id: input.serviceId,
  });
  const movement = (input: MovementInput) => ({ ...service(input), movement_id: input.movementId });

  return {
    raw,

    async createNonSubscribableMovement(input, call) {
      const operation = 'createNonSubscribableMovement';
      checkServiceAddress(operation, input);
      checkMovementBody(operation, input.body);
      return correlated(
        operation,
        input,
        input.body.external_movement_unique_id,
        ({ signal, headers, params }) =>
          raw.POST('/{service_type}/{service_id}/billing/movements-non-subscribable-services', {
            params: { ...params, path: service(input) },
            body: input.body,
            headers,
            signal,
          }),
        call,
      );
    },

    async updateNonSubscribableMovement(input, call) {
      const operation = 'updateNonSubscribableMovement';
      checkServiceAddress(operation, input);
      checkId(operation, 'movementId', input.movementId);
      checkMovementBody(operation, input.body);
      return correlated(
        operation,
        input,
        undefined,
        ({ signal, headers, params }) =>
          raw.PUT(
            '/{service_type}/{service_id}/billing/movements-non-subscribable-services/{movement_id}',
            {
              params: { ...params, path: movement(input) },
              body: input.body,
              headers,
              signal,
            },
          ),
        call,
      );
    },

    async deleteNonSubscribableMovement(input, call) {
      const operation = 'deleteNonSubscribableMovement';
      checkServiceAddress(operation, input);
      checkId(operation, 'movementId', input.movementId);
      return correlated(
        operation,
        input,
        undefined,
        ({ signal, headers, params }) =>
          raw.DELETE(
            '/{service_type}/{service_id}/billing/movements-non-subscribable-services/{movement_id}',
            { params: { ...params, path: movement(input) }, headers, signal },
          ),
        call,
      );
    },

    async createNonSubscribableRefund(input, call) {
      const operation = 'createNonSubscribableRefund';
      checkServiceAddress(operation, input);
      checkRefundBody(operation, input.body);
      return correlated(
        operation,
        input,
        input.body.external_refund_unique_id,
        ({ signal, headers, params }) =>
          raw.POST('/{service_type}/{service_id}/billing/refunds-non-subscribable-services', {
            params: { ...params, path: service(input) },
            body: input.body,
            headers,
            signal,
          }),
        call,
      );
    },

    async createMovement(input, call) {
      const operation = 'createMovement';
      checkServiceAddress(operation, input);
      checkMovementBody(operation, input.body);
      return correlated(
        operation,
        input,
        input.body.external_movement_unique_id,
        ({ signal, headers, params }) =>
          raw.POST('/{service_type}/{service_id}/billing/movements', {
            params: { ...params, path: service(input) },
            body: input.body,
            headers,
            signal,
          }),
        call,
      );
    },

    async deleteMovement(input, call) {
      const operation = 'deleteMovement';
      checkServiceAddress(operation, input);
      checkId(operation, 'movementId', input.movementId);
      return correlated(
        operation,
        input,
        undefined,
        ({ signal, headers, params }) =>
          raw.DELETE('/{service_type}/{service_id}/billing/movements/{movement_id}', {
            params: { ...params, path: movement(input) },
            headers,
            signal,
          }),
        call,
      );
    },

    async createRefund(input, call) {
      const operation = 'createRefund';
      checkServiceAddress(operation, input);
      checkRefundBody(operation, input.body);
      return correlated(
        operation,
        input,
        input.body.external_refund_unique_id,
        ({ signal, headers, params }) =>
          raw.POST('/{service_type}/{service_id}/billing/refunds', {
            params: { ...params, path: service(input) },
            body: input.body,
            headers,
            signal,
          }),
        call,
      );
    },
  };
}
