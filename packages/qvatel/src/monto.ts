import { formatMinor, toMinor, ValidationError } from '@telcopay/core';
import { MANIFEST } from './generated/manifest.js';

/** An amount of CUP in major units: a number (`20`, `20.5`) or a decimal string (`'20.00'`). */
export type Monto = number | string;

/**
 * Checks that `monto` is a positive amount of CUP with at most two decimals, through core's
 * exact decimal conversion (never `monto * 100` in floating point, which let `0.1 + 0.2`
 * through), and returns it as QvaTel's form carries it: exactly two decimals, `'20.00'`.
 */
export function validateMonto(monto: Monto, operation = 'sendRecharge'): string {
  const minor = minorOrUndefined(monto);
  if (minor === undefined || minor <= 0) {
    throw new ValidationError(
      `monto must be a positive amount of ${MANIFEST.currency} with at most two decimals, as 20, 20.5 or '20.00' (got ${describe(monto)}).`,
      { provider: MANIFEST.name, operation, field: 'monto', body: { monto } },
    );
  }
  return formatMinor(minor, MANIFEST.currency);
}

function minorOrUndefined(monto: unknown): number | undefined {
  if (typeof monto !== 'number' && typeof monto !== 'string') return undefined;
  try {
    return toMinor(monto, MANIFEST.currency);
  } catch {
    return undefined;
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
