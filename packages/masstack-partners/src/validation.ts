import { ValidationError } from '@telcopay/core';
import { isMovementType, isServiceType, MOVEMENT_TYPES, SERVICE_TYPES } from './enums.js';
import { MANIFEST } from './generated/manifest.js';

/** The provider name of every error and log entry of this client. */
export const PROVIDER = MANIFEST.name;

/** A ValidationError on `field` (a path into the method's input, e.g. `body.amount.tax`). */
export function invalidInput(operation: string, field: string, message: string): ValidationError {
  return new ValidationError(`${field} ${message}`, { provider: PROVIDER, operation, field });
}

/** The service a call addresses, as every method's input names it. */
export interface ServiceAddress {
  serviceType: unknown;
  serviceId: unknown;
}

export function checkServiceAddress(operation: string, input: ServiceAddress): void {
  if (!isServiceType(input.serviceType)) {
    throw invalidInput(
      operation,
      'serviceType',
      `must be one of ${SERVICE_TYPES.join(', ')} (got ${JSON.stringify(input.serviceType)}).`,
    );
  }
  checkId(operation, 'serviceId', input.serviceId);
}

/** A caller-chosen or provider-issued id: a string with something in it. */
export function checkId(operation: string, field: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidInput(
      operation,
      field,
      `must be a non-empty string (got ${JSON.stringify(value)}).`,
    );
  }
}

/** What movement and refund bodies share: an optional period and an amount. */
interface BodyCommon {
  period_start_datetime?: string;
  period_end_datetime?: string;
  amount: unknown;
}

/** Checks a movement body (both kinds); the caller's unique id is what makes a retry safe. */
export function checkMovementBody(
  operation: string,
  body: BodyCommon & { type: unknown; external_movement_unique_id: unknown },
): void {
  checkBodyObject(operation, body);
  checkId(operation, 'body.external_movement_unique_id', body.external_movement_unique_id);
  if (!isMovementType(body.type)) {
    throw invalidInput(
      operation,
      'body.type',
      `must be one of ${MOVEMENT_TYPES.join(', ')} (got ${JSON.stringify(body.type)}).`,
    );
  }
  checkPeriod(operation, body);
  checkAmount(operation, body.amount);
}

/** Checks a refund body (both kinds); the caller's unique id is what makes a retry safe. */
export function checkRefundBody(
  operation: string,
  body: BodyCommon & { external_refund_unique_id: unknown; movement_id: unknown },
): void {
  checkBodyObject(operation, body);
  checkId(operation, 'body.external_refund_unique_id', body.external_refund_unique_id);
  checkId(operation, 'body.movement_id', body.movement_id);
  checkPeriod(operation, body);
  checkAmount(operation, body.amount);
}

function checkBodyObject(operation: string, body: unknown): void {
  if (typeof body !== 'object' || body === null) {
    throw invalidInput(operation, 'body', 'must be an object.');
  }
}

/** "Mandatory just if the other is set": a period has both ends or none. */
function checkPeriod(operation: string, body: BodyCommon): void {
  const hasStart = body.period_start_datetime !== undefined;
  const hasEnd = body.period_end_datetime !== undefined;
  if (hasStart === hasEnd) return;
  const [missing, present] = hasStart
    ? ['period_end_datetime', 'period_start_datetime']
    : ['period_start_datetime', 'period_end_datetime'];
  throw invalidInput(operation, `body.${missing}`, `is mandatory when ${present} is set.`);
}

/**
 * An amount of decimal euros with and without taxes. Only finiteness is checked: the docs give
 * no rule between the two values (and a DISCOUNT may well be negative).
 */
function checkAmount(operation: string, amount: unknown): void {
  if (typeof amount !== 'object' || amount === null) {
    throw invalidInput(operation, 'body.amount', 'must be an object.');
  }
  const { value_with_taxes, value_without_taxes, tax } = amount as Record<string, unknown>;
  checkFinite(operation, 'body.amount.value_with_taxes', value_with_taxes);
  checkFinite(operation, 'body.amount.value_without_taxes', value_without_taxes);
  if (typeof tax !== 'object' || tax === null) {
    throw invalidInput(operation, 'body.amount.tax', 'must be an object.');
  }
  const { type, percentage } = tax as Record<string, unknown>;
  checkId(operation, 'body.amount.tax.type', type);
  checkFinite(operation, 'body.amount.tax.percentage', percentage);
}

function checkFinite(operation: string, field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidInput(operation, field, `must be a finite number (got ${String(value)}).`);
  }
}
