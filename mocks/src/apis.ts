import { fileURLToPath } from 'node:url';
import { type ApiName, MOCK_PORTS } from '@telcopay/core';

export type { ApiName };
export { MOCK_PORTS };

/** Every API with a mock, in the order they are listed and started. */
export const APIS = Object.keys(MOCK_PORTS) as ApiName[];

export function isApiName(value: string): value is ApiName {
  return (APIS as string[]).includes(value);
}

/** The bundled spec a mock serves (shipped in the package's `specs/` folder). */
export function specPath(api: ApiName): string {
  return fileURLToPath(new URL(`../specs/${api}.yaml`, import.meta.url));
}
