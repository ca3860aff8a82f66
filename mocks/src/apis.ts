import { fileURLToPath } from 'node:url';
import { PROVIDERS } from './generated/providers.js';

export { PROVIDERS };

/** A provider with a mock: every spec registered in redocly.yaml (the generated registry). */
export type ApiName = keyof typeof PROVIDERS;

/** Every API with a mock, in the order they are listed and started. */
export const APIS = Object.keys(PROVIDERS) as ApiName[];

/** Default ports of the local mock servers (each spec's `info.x-telcopay.mockPort`). */
export const MOCK_PORTS = Object.fromEntries(APIS.map((api) => [api, PROVIDERS[api].mockPort])) as {
  readonly [Api in ApiName]: (typeof PROVIDERS)[Api]['mockPort'];
};

export function isApiName(value: string): value is ApiName {
  return Object.hasOwn(PROVIDERS, value);
}

/** The bundled spec a mock serves (shipped in the package's `specs/` folder). */
export function specPath(api: ApiName): string {
  return fileURLToPath(new URL(`../specs/${api}.yaml`, import.meta.url));
}
