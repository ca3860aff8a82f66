import type { Currency, EndpointOptions } from '@telcopay/core';
import type { ProviderAdapter, ProviderName, ProviderPlugin } from './adapter.js';
import { type EnvironmentMap, inEnvironment } from './environment.js';

/** What the SDK reads of a provider's generated manifest (`info.x-telcopay`, `servers`). */
export interface PluginManifest<Key extends string, Environment extends string> {
  readonly name: ProviderName;
  /** Its key in `createTelcopay`'s options (`qvatel`, `stoneTopups`…). */
  readonly key: Key;
  readonly currency: Currency;
  readonly sdkEnvironments: EnvironmentMap<Environment>;
}

/** The facade's calls a provider maps to its client; its name and currency are the manifest's. */
export type AdapterCalls = Omit<ProviderAdapter, 'provider' | 'currency'>;

/**
 * A provider's plugin factory (`qvatel`, `stoneTopups`…): given the caller's options, a plugin
 * that makes the client in the SDK's environment (`inEnvironment`, through the manifest's map)
 * and the facade's adapter over it. A provider without `calls` is configured through the SDK and
 * used through its own client.
 */
export function providerPlugin<Key extends string, Client, Options extends EndpointOptions<string>>(
  manifest: PluginManifest<Key, NonNullable<Options['environment']>>,
  create: (options: Options) => Client,
  calls: (client: Client) => AdapterCalls = () => ({}),
): (options: Options) => ProviderPlugin<Key, Client> {
  return (options) => ({
    key: manifest.key,
    connect(environment) {
      const client = create(
        inEnvironment(manifest.name, environment, manifest.sdkEnvironments, options),
      );
      const adapter = { provider: manifest.name, currency: manifest.currency, ...calls(client) };
      return { client, adapter };
    },
  });
}
