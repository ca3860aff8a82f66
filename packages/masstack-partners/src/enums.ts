import type { MovementType, ServiceType } from './generated/types.js';

/**
 * Every service type of the spec. `satisfies` rejects a value the spec does not know; the type
 * test (test/types.test-d.ts) rejects a missing one, so the list stays equal to the union.
 */
export const SERVICE_TYPES = [
  'multisim',
  'security',
  'tv',
  'datasharing',
  'mobile',
  'applewatch',
  'deviceinsurance',
] as const satisfies readonly ServiceType[];

/** Every movement type of the spec, kept equal to the union like `SERVICE_TYPES`. */
export const MOVEMENT_TYPES = [
  'RECURRING_CHARGE',
  'ONE_TIME_FEE',
  'INSTALLATION_FEE',
  'SUSPENSION_SERVICE_FEE',
  'UNRETURNED_EQUIPMENT_FEE',
  'DISCOUNT',
] as const satisfies readonly MovementType[];

export function isServiceType(value: unknown): value is ServiceType {
  return (SERVICE_TYPES as readonly unknown[]).includes(value);
}

export function isMovementType(value: unknown): value is MovementType {
  return (MOVEMENT_TYPES as readonly unknown[]).includes(value);
}
