import { APIS, type ApiName } from '@telcopay/mocks';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared mock host's base URL of each API (see `mockUrl`). */
    telcopayMocks: Record<string, string>;
  }
}

/** The variable that carries the shared mock host's URLs (a JSON object: API → base URL). */
export const MOCK_URLS_ENV = 'TELCOPAY_MOCK_URLS';

/** Reads the URLs of the shared mock host; every API must have one. */
export function parseMockUrls(json: string): Record<ApiName, string> {
  const urls = JSON.parse(json) as Partial<Record<ApiName, string>>;
  const missing = APIS.filter((api) => typeof urls[api] !== 'string');
  if (missing.length > 0) {
    throw new Error(`${MOCK_URLS_ENV} has no URL for ${missing.join(', ')}.`);
  }
  return urls as Record<ApiName, string>;
}

/**
 * The base URL of `api` on the run's shared Prism mock (errors on), started once per test run by
 * the global setup in `@telcopay/testing/vitest`. Mocks are stateless, so test files share them.
 */
export function mockUrl(api: ApiName): string {
  const url = inject('telcopayMocks')?.[api];
  if (!url) {
    throw new Error(
      `No shared mock for ${api}: use the @telcopay/testing/vitest config ({ mocks: true }).`,
    );
  }
  return url;
}
