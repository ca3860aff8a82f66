import {
  bearerAuth,
  type ClientOptions,
  clientMethods,
  manifestRuntime,
  requireCredentials,
  type TokenSource,
} from '@telcopay/core';
import type { Client } from 'openapi-fetch';
import { type Environment, MANIFEST } from './generated/manifest.js';
import { type Definitions, type Methods, OPERATIONS } from './generated/operations.js';
import type { components, paths } from './generated/schema.js';
import type { Movement, NonSubscribableMovement, Refund, ServiceType } from './generated/types.js';
import { checkMovementBody, checkRefundBody } from './validation.js';

type Schemas = components['schemas'];
/**
 * The spec leaves `external_refund_unique_id` optional on this one create; the client requires
 * it, because the caller's unique id is what makes a retried create safe (the provider can
 * refuse the repeat with 406 DUPLICATE_WORKFLOW_ID instead of refunding twice).
 */
export type NonSubscribableRefund = Schemas['refundNonSubscribableRequestDTO'] &
  Required<Pick<Schemas['refundNonSubscribableRequestDTO'], 'external_refund_unique_id'>>;

export interface MasstackPartnersClientOptions extends ClientOptions<Environment> {
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

export type CreateNonSubscribableMovementInput = ServiceInput & { body: NonSubscribableMovement };
export type UpdateNonSubscribableMovementInput = MovementInput & { body: NonSubscribableMovement };
export type CreateNonSubscribableRefundInput = ServiceInput & { body: NonSubscribableRefund };
export type CreateMovementInput = ServiceInput & { body: Movement };
export type CreateRefundInput = ServiceInput & { body: Refund };

// Creates are keyed by the caller's unique id, an update replaces the whole movement, a delete
// of a deleted movement changes nothing: every call here may be sent again. The service's
// address (and movement id) in every input is checked and placed by core, as the spec says.
const METHODS = {
  /** Creates a movement on a non-subscribable service, keyed by `external_movement_unique_id`. */
  createNonSubscribableMovement: serviceCall<CreateNonSubscribableMovementInput>(
    'createNonSubscribableMovement',
    checkMovementBody,
  ),
  /** Replaces a movement of a non-subscribable service (PUT: the body is its whole new state). */
  updateNonSubscribableMovement: serviceCall<UpdateNonSubscribableMovementInput>(
    'updateNonSubscribableMovement',
    checkMovementBody,
  ),
  deleteNonSubscribableMovement: serviceCall<MovementInput>('deleteNonSubscribableMovement'),
  /** Refunds a movement of a non-subscribable service, keyed by `external_refund_unique_id`. */
  createNonSubscribableRefund: serviceCall<CreateNonSubscribableRefundInput>(
    'createNonSubscribableRefund',
    checkRefundBody,
  ),
  /** Creates a movement on a service, keyed by `external_movement_unique_id`. */
  createMovement: serviceCall<CreateMovementInput>('createMovement', checkMovementBody),
  deleteMovement: serviceCall<MovementInput>('deleteMovement'),
  /** Refunds a movement of a service, keyed by `external_refund_unique_id`. */
  createRefund: serviceCall<CreateRefundInput>('createRefund', checkRefundBody),
} satisfies Definitions;

export type MasstackPartnersClient = Methods<typeof METHODS> & {
  /** The underlying openapi-fetch client, with auth and logging (no correlation id, no checks). */
  raw: Client<paths>;
};

export function createMasstackPartnersClient(
  options: MasstackPartnersClientOptions,
): MasstackPartnersClient {
  requireCredentials(MANIFEST, options);
  const runtime = manifestRuntime<paths, Environment>(MANIFEST, options, bearerAuth(options.token));
  return { raw: runtime.raw, ...clientMethods(runtime, OPERATIONS, METHODS) };
}

type BodyOf<Input> = Input extends { body: infer Body } ? Body : undefined;

/**
 * A call on a service, resolving to the body and its correlation id: its body (if any) checked.
 * Core takes the body and the correlation id (checked: a uuid) from the input, as the spec says.
 */
function serviceCall<Input extends ServiceInput>(
  operation: string,
  checkBody?: (operation: string, body: BodyOf<Input>) => void,
) {
  return {
    request(input: Input) {
      checkBody?.(operation, (input as { body?: unknown } as { body: BodyOf<Input> }).body);
      return {};
    },
    returns: 'correlated' as const,
  };
}
