import {
  bearerAuth,
  type CallOptions,
  type ClientOptions,
  createProviderRuntime,
  operationMethods,
  type TokenSource,
  ValidationError,
} from '@telcopay/core';
import type { Client } from 'openapi-fetch';
import { type Correlated, checkedCorrelationId } from './correlation.js';
import type { ServiceType } from './enums.js';
import { MANIFEST } from './generated/manifest.js';
import { OPERATIONS } from './generated/operations.js';
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
export const MASSTACK_PARTNERS_ENVIRONMENTS = MANIFEST.environments;
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
  const runtime = createProviderRuntime<paths, MasstackPartnersEnvironment>(
    {
      provider: PROVIDER,
      environments: MASSTACK_PARTNERS_ENVIRONMENTS,
      secretNames: MANIFEST.secretNames,
    },
    options,
    bearerAuth(token),
  );
  // Creates are keyed by the caller's unique id, an update replaces the whole movement, a
  // delete of a deleted movement changes nothing: every call here may be sent again.
  const methods = operationMethods(runtime, OPERATIONS, {
    createNonSubscribableMovement: serviceCreate<NonSubscribableMovement>(
      'createNonSubscribableMovement',
      checkMovementBody,
    ),
    updateNonSubscribableMovement: {
      request(input: UpdateNonSubscribableMovementInput) {
        const operation = 'updateNonSubscribableMovement';
        const { params } = movementRequest(operation, input);
        checkMovementBody(operation, input.body);
        const correlationId = checkedCorrelationId(input.correlationId, operation);
        return { params, body: input.body, correlationId };
      },
      returns: 'correlated',
    },
    deleteNonSubscribableMovement: movementDelete('deleteNonSubscribableMovement'),
    createNonSubscribableRefund: serviceCreate<NonSubscribableRefund>(
      'createNonSubscribableRefund',
      checkRefundBody,
    ),
    createMovement: serviceCreate<Movement>('createMovement', checkMovementBody),
    deleteMovement: movementDelete('deleteMovement'),
    createRefund: serviceCreate<Refund>('createRefund', checkRefundBody),
  });
  return { raw: runtime.raw, ...methods };
}

/** A create on a service: its address and body checked, in that order, then its correlation id. */
function serviceCreate<Body>(
  operation: string,
  checkBody: (operation: string, body: Body) => void,
) {
  return {
    request(input: ServiceInput & { body: Body }) {
      checkServiceAddress(operation, input);
      checkBody(operation, input.body);
      return {
        params: { path: { service_type: input.serviceType, service_id: input.serviceId } },
        body: input.body,
        correlationId: checkedCorrelationId(input.correlationId, operation),
      };
    },
    returns: 'correlated' as const,
  };
}

/** A delete of a movement. */
function movementDelete(operation: string) {
  return {
    request: (input: MovementInput) => ({
      ...movementRequest(operation, input),
      correlationId: checkedCorrelationId(input.correlationId, operation),
    }),
    returns: 'correlated' as const,
  };
}

/** The path of a movement of a service, its parts checked. */
function movementRequest(operation: string, input: MovementInput) {
  checkServiceAddress(operation, input);
  checkId(operation, 'movementId', input.movementId);
  const { serviceType, serviceId, movementId } = input;
  return {
    params: { path: { service_type: serviceType, service_id: serviceId, movement_id: movementId } },
  };
}
