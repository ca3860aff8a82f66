import { invalidField } from '@telcopay/core';
import { PROVIDER } from './environments.js';
import type { CheckoutPaymentRequest } from './generated/types.js';

/**
 * A numeric identifier of the API (a contract id, a customer identification): a number, or its
 * decimal digits as the API answers them (`contractsItem.contractId` is a string).
 */
export type NumericId = number | string;

/** The party characteristics `fields` can select: the party role and the plus flag. */
export type CharacteristicField = 'role' | 'plus';
const CHARACTERISTIC_FIELDS: readonly string[] = ['role', 'plus'] satisfies CharacteristicField[];

function invalid(operation: string, field: string, message: string, value: unknown): never {
  return invalidField({ provider: PROVIDER, operation }, field, message, value);
}

/** An optional count (page, page size, number of bills): a positive whole number when given. */
export function optionalCount(
  operation: string,
  field: string,
  value: number | undefined,
): number | undefined {
  if (value !== undefined && (!Number.isSafeInteger(value) || value <= 0)) {
    invalid(operation, field, 'must be a positive whole number', value);
  }
  return value;
}

/** `['role', 'plus']` → `'role,plus'`: at least one field, each `role` or `plus`, no repeats. */
export function characteristicFields(
  operation: string,
  fields: readonly CharacteristicField[],
): string {
  if (
    !Array.isArray(fields) ||
    fields.length === 0 ||
    !fields.every((field) => CHARACTERISTIC_FIELDS.includes(field))
  ) {
    invalid(operation, 'fields', 'must list at least one of role, plus', fields);
  }
  return [...new Set(fields)].join(',');
}

/** Checkout and register pay "one or many bills": a payment without a bill is a mistake. */
export function requireBills(
  operation: string,
  payment: CheckoutPaymentRequest,
): CheckoutPaymentRequest {
  if (!Array.isArray(payment?.billsCollection) || payment.billsCollection.length === 0) {
    invalid(operation, 'billsCollection', 'must list at least one bill', payment?.billsCollection);
  }
  return payment;
}
