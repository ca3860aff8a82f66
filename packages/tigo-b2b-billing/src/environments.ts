import { ValidationError } from '@telcopay/core';
import { MANIFEST } from './generated/manifest.js';
import { OPERATIONS } from './generated/operations.js';

export const PROVIDER = MANIFEST.name;

/** The path of Apigee's client-credentials token endpoint, on the gateway root. */
export const TOKEN_PATH = OPERATIONS.requestAccessToken.path;

/** The country segment of the base path: two lower-case letters (`co`, `hn`…). */
const COUNTRY_CODE = /^[a-z]{2}$/;

/** The billing base path under the gateway root, as the spec's server pattern places it. */
const BILLING_PATH = /\/v2\/tigo\/b2b\/[a-z]{2}\/billing\/?$/;

/** Tigo's Apigee gateway environments (the spec's `environmentPrefix`), and the local mock. */
export type TigoB2bBillingEnvironment = 'test' | 'qa' | 'prod' | 'mock';

/** Where a Tigo B2B billing client sends its calls, for one country (`co` is Colombia). */
export function billingEnvironments(
  countryCode = 'co',
): Readonly<Record<TigoB2bBillingEnvironment, string>> {
  if (!COUNTRY_CODE.test(countryCode)) {
    throw new ValidationError(
      `countryCode must be two lower-case letters, e.g. co (got ${JSON.stringify(countryCode)}).`,
      { provider: PROVIDER, operation: 'createClient', field: 'countryCode' },
    );
  }
  const gateway = (prefix: string) =>
    `https://${prefix}.api.tigo.com/v2/tigo/b2b/${countryCode}/billing`;
  return {
    test: gateway('test'),
    qa: gateway('qa'),
    prod: gateway('prod'),
    // The mock serves the token path too (a path-level server in the spec), on the same port.
    mock: MANIFEST.environments.mock,
  };
}

/** The Colombian billing servers by environment. */
export const TIGO_B2B_BILLING_ENVIRONMENTS = billingEnvironments();

/**
 * The gateway root the token path is under: the given `tokenUrl` without that path, or else the
 * billing base URL without its `/v2/tigo/b2b/{countryCode}/billing` path (a mock or proxy URL
 * without that path is the root itself).
 */
export function gatewayRoot(billingBaseUrl: string, tokenUrl: string | undefined): string {
  if (tokenUrl === undefined) return billingBaseUrl.replace(BILLING_PATH, '');
  const url = URL.canParse(tokenUrl) ? new URL(tokenUrl) : undefined;
  if (!url?.pathname.endsWith(TOKEN_PATH)) {
    throw new ValidationError(
      `tokenUrl must be an absolute URL ending in ${TOKEN_PATH} (got ${JSON.stringify(tokenUrl)}).`,
      { provider: PROVIDER, operation: 'createClient', field: 'tokenUrl' },
    );
  }
  return `${url.origin}${url.pathname.slice(0, -TOKEN_PATH.length)}`;
}
