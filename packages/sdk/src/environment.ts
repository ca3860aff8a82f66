import { type EndpointOptions, ValidationError } from '@telcopay/core';

/**
 * Where the SDK's providers are: `mock` (the local mocks of `@telcopay/mocks` on their default
 * ports), each provider's `sandbox`, or `production`. Each provider maps it to its own names.
 */
export type TelcopayEnvironment = 'mock' | 'sandbox' | 'production';

export const TELCOPAY_ENVIRONMENTS: readonly TelcopayEnvironment[] = [
  'mock',
  'sandbox',
  'production',
];

/** A provider's environment for each SDK environment it has (its manifest's `sdkEnvironments`). */
export type EnvironmentMap<Environment extends string> = Readonly<
  Partial<Record<TelcopayEnvironment, Environment>>
>;

export function checkEnvironment(environment: unknown): TelcopayEnvironment {
  if (!TELCOPAY_ENVIRONMENTS.includes(environment as TelcopayEnvironment)) {
    throw new ValidationError(
      `environment must be one of ${TELCOPAY_ENVIRONMENTS.join(', ')} (got ${String(environment)}).`,
      { provider: 'sdk', operation: 'createTelcopay', field: 'environment' },
    );
  }
  return environment as TelcopayEnvironment;
}

/**
 * A provider's client options in the SDK's environment. The provider's own `baseUrl` or
 * `environment`, when given, wins (as in the client); else the map's environment. A provider
 * without one (Chinchin has no public host, QvaTel no sandbox) needs a `baseUrl`, and says so
 * when `createTelcopay` runs rather than at the first call.
 */
export function inEnvironment<
  Environment extends string,
  Options extends EndpointOptions<Environment>,
>(
  provider: string,
  environment: TelcopayEnvironment,
  map: EnvironmentMap<Environment>,
  options: Options,
): Options {
  if (options.baseUrl || options.environment) return options;
  const mapped = map[environment];
  if (mapped === undefined) {
    throw new ValidationError(
      `${provider} publishes no ${environment} environment: pass its baseUrl in the provider's options.`,
      { provider, operation: 'createTelcopay', field: 'baseUrl' },
    );
  }
  return { ...options, environment: mapped };
}
