import { fromMinor, toMinor, ValidationError } from '@telcopay/core';
import { MANIFEST } from './generated/manifest.js';
import { isServiceId, SERVICE_IDS, type ServiceId } from './services.js';

const PROVIDER = 'chinchin-cps';

function reject(operation: string, field: string, value: unknown, message: string): never {
  throw new ValidationError(
    `${message} (got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}).`,
    {
      provider: PROVIDER,
      operation,
      field,
      body: { [field]: value },
    },
  );
}

/** The service number is a non-blank string, kept as given (leading zeros matter). */
export function validNumberService(value: unknown, operation: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    reject(operation, 'numberService', value, 'numberService must be a non-empty string');
  }
  return value;
}

export function validServiceId(value: unknown, operation: string): ServiceId {
  if (!isServiceId(value)) {
    const known = Object.values(SERVICE_IDS).join(', ');
    reject(operation, 'idTypeService', value, `idTypeService must be one of ${known}`);
  }
  return value;
}

/** An amount of VES in major units: a number (`10`, `10.25`) or a decimal string (`'10.25'`). */
export type Amount = number | string;

/**
 * An amount of VES above zero with at most two decimals, through core's exact decimal
 * conversion: returned as the JSON number nearest that exact decimal (`'10.50'` → `10.5`), so
 * the signed and sent body holds exactly the amount meant, never `0.30000000000000004`.
 */
export function validAmount(value: unknown, operation: string): number {
  const minor = typeof value === 'number' || typeof value === 'string' ? exactMinor(value) : 0;
  if (minor === undefined || minor <= 0) {
    reject(
      operation,
      'amount',
      value,
      `amount must be a positive amount of ${MANIFEST.currency} with at most two decimals, as 10, 10.25 or '10.25'`,
    );
  }
  return fromMinor(minor, MANIFEST.currency);
}

function exactMinor(value: number | string): number | undefined {
  try {
    return toMinor(value, MANIFEST.currency);
  } catch {
    return undefined;
  }
}
