import { type EndpointOptions, resolveBaseUrl } from '@telcopay/core';
import {
  MANIFEST,
  ENVIRONMENTS as STONE_TOPUPS_ENVIRONMENTS,
  type Environment as StoneTopupsEnvironment,
} from './generated/manifest.js';

export const PROVIDER = MANIFEST.name;

export { STONE_TOPUPS_ENVIRONMENTS, type StoneTopupsEnvironment };

/**
 * Where the access token comes from (the accounts host, Keycloak realm `stone_bank`), by
 * environment. The mock serves the token path too: the spec gives it a path-level server.
 */
export const STONE_TOPUPS_ACCOUNTS_URLS: Readonly<Record<StoneTopupsEnvironment, string>> = {
  production: 'https://accounts.openbank.stone.com.br',
  sandbox: 'https://sandbox-accounts.openbank.stone.com.br',
  mock: MANIFEST.environments.mock,
};

export interface AccountsEndpointOptions extends EndpointOptions<StoneTopupsEnvironment> {
  accountsUrl?: string | undefined;
}

/**
 * The accounts host: `accountsUrl` when given; else the host of `baseUrl` when the caller points
 * the client at one server (a mock, a proxy); else the environment's. The assertion's `aud` names
 * this host, so an assertion sent to a non-Stone host cannot be replayed against Stone's.
 */
export function resolveAccountsUrl(options: AccountsEndpointOptions): string {
  if (options.accountsUrl) return options.accountsUrl;
  return resolveBaseUrl(PROVIDER, options, STONE_TOPUPS_ACCOUNTS_URLS);
}
