import type { components } from './generated/schema.js';

type ServiceTypeId = components['schemas']['ServiceTypeId'];

/**
 * The basic services by name, as the spec's `ServiceTypeId` enum and its `x-enum-varnames`
 * (the documentation's table). `satisfies` rejects an id the spec does not know; the type test
 * rejects a missing one and the unit test compares names and ids with the spec itself.
 */
export const SERVICE_IDS = {
  DIGITEL_PREPAGO: 59,
  DIGITEL_FIJO: 63,
  DIGITEL_INTERNET: 64,
  DIGITEL_POSPAGO: 229,
  MOVISTAR_PREPAGO: 57,
  MOVISTAR_FIJO: 62,
  MOVISTAR_INTERNET: 61,
  MOVISTAR_TV: 60,
  MOVISTAR_POSPAGO: 228,
  MOVILNET_PREPAGO: 58,
  MOVILNET_FIJO: 214,
  SIMPLETV: 215,
  CORPOELEC: 216,
  INTER_PREPAGO: 212,
  INTER_POSPAGO: 213,
  CANTV_RESIDENCIAL: 207,
  CANTV_EMPRESAS: 209,
  CANTV_ABA: 210,
  ABA_ULTRA: 211,
  TV_SATELITAL: 208,
} as const satisfies Record<string, ServiceTypeId>;

export type ServiceName = keyof typeof SERVICE_IDS;
export type ServiceId = (typeof SERVICE_IDS)[ServiceName];

const NAMES_BY_ID = new Map<number, ServiceName>(
  Object.entries(SERVICE_IDS).map(([name, id]) => [id, name as ServiceName]),
);

export function isServiceId(value: unknown): value is ServiceId {
  return typeof value === 'number' && NAMES_BY_ID.has(value);
}

/** The documented name of a service id (`57` → `MOVISTAR_PREPAGO`). */
export function serviceName(id: ServiceId): ServiceName {
  // Every ServiceId is a value of SERVICE_IDS, so the lookup cannot miss.
  return NAMES_BY_ID.get(id) as ServiceName;
}
