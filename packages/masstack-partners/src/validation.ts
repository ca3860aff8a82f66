import { ValidationError } from '@telcopay/core';
import { isMovementType, MOVEMENT_TYPES } from './enums.js';
import { MANIFEST } from './generated/manifest.js';

/** The provider name of every error and log entry of this client. */
export const PROVIDER = MANIFEST.name;

/** A ValidationError on `field` (a path into the method's input, e.g. `body.amount.tax`). */
export function invalidInput(operation: string, field: string, message: string): ValidationError {
  return new ValidationError(`${field} ${message}`, { provider: PROVIDER, operation, field });
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

/**
 * A check of a movement or refund body (both kinds): an object, with the caller's unique ids
 * (what makes a retry safe) and the kind's own checks, then its period and amount.
 */
function bodyCheck<Body extends BodyCommon>(
  ids: readonly (keyof Body & string)[],
  checkKind: (operation: string, body: Body) => void = () => {},
) {
  return (operation: string, body: Body): void => {
    checkBodyObject(operation, body);
    for (const id of ids) checkId(operation, `body.${id}`, body[id]);
    checkKind(operation, body);
    checkPeriod(operation, body);
    checkAmount(operation, body.amount);
  };
}

/** Checks a movement body: its unique id and a known movement type. */
export const checkMovementBody = bodyCheck<
  BodyCommon & { type: unknown; external_movement_unique_id: unknown }
>(['external_movement_unique_id'], (operation, body) => {
  if (!isMovementType(body.type)) {
    throw invalidInput(
      operation,
      'body.type',
      `must be one of ${MOVEMENT_TYPES.join(', ')} (got ${JSON.stringify(body.type)}).`,
    );
  }
});

/** Checks a refund body: its unique id and the refunded movement's id. */
export const checkRefundBody = bodyCheck<
  BodyCommon & { external_refund_unique_id: unknown; movement_id: unknown }
>(['external_refund_unique_id', 'movement_id']);

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
