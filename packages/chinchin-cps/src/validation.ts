import { ValidationError } from '@telcopay/core';
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

/** An amount in VES: a finite number above zero. */
export function validAmount(value: unknown, operation: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    reject(operation, 'amount', value, 'amount must be a finite number above zero');
  }
  return value;
}

export function validFlag(value: unknown, field: string, operation: string): boolean {
  if (typeof value !== 'boolean') reject(operation, field, value, `${field} must be a boolean`);
  return value;
}
