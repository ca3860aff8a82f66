import { ValidationError } from '@telcopay/core';
import type { ProviderKey } from './adapter.js';

/** Each key's package name, as the errors' `provider` names it (`chinchin-cps`). */
export const PACKAGE_NAMES = {
  chinchinCps: 'chinchin-cps',
  qvatel: 'qvatel',
  tigoB2bBilling: 'tigo-b2b-billing',
  masstackPartners: 'masstack-partners',
  stoneTopups: 'stone-topups',
} as const satisfies Record<ProviderKey, string>;
export const PROVIDER_KEYS = Object.keys(PACKAGE_NAMES) as ProviderKey[];

/**
 * The configured provider a facade call names in `{ provider }`. Every mistake a JavaScript
 * caller can make (a bare string, a package name, a provider left out of the config, a typo)
 * gets a message that says what to write instead.
 */
export function configuredKey(
  request: unknown,
  configured: readonly ProviderKey[],
  operation: string,
): ProviderKey {
  const example = `${operation}({ provider: '${configured[0]}' })`;
  const provider = (request as { provider?: unknown } | null | undefined)?.provider;
  const fail = (message: string): never => {
    throw new ValidationError(`${message} Configured: ${configured.join(', ')}.`, {
      provider: 'sdk',
      operation,
      field: 'provider',
    });
  };
  if (typeof request === 'string') {
    fail(`${operation} takes an object: ${operation}({ provider: '${request}' }), not a string.`);
  }
  if (typeof provider !== 'string') {
    fail(`${operation} needs { provider }, the provider's key in createTelcopay, as ${example}.`);
  }
  const key = provider as string;
  if (configured.includes(key as ProviderKey)) return key as ProviderKey;
  const byPackage = PROVIDER_KEYS.find((candidate) => PACKAGE_NAMES[candidate] === key);
  if (byPackage && byPackage !== key) {
    fail(`'${key}' is a package name: the facade names a provider by its key, '${byPackage}'.`);
  }
  if (PROVIDER_KEYS.includes(key as ProviderKey)) {
    fail(`${key} is not configured: pass ${key}: ${key}({ … }) to createTelcopay.`);
  }
  return fail(`There is no provider '${key}'; providers are ${PROVIDER_KEYS.join(', ')}.`);
}
