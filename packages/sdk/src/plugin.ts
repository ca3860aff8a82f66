import type { EndpointOptions } from '@telcopay/core';
import type { ProviderAdapter, ProviderPlugin } from './adapter.js';
import { type EnvironmentMap, inEnvironment } from './environment.js';

/** What the SDK needs to know of one provider to make its plugin. */
export interface PluginDefinition<
  Key extends string,
  Client,
  Environment extends string,
  Options extends EndpointOptions<Environment>,
> {
  /** The provider's key in `createTelcopay`'s options (`qvatel`, `stoneTopups`…). */
  key: Key;
  /** The provider's name, as its manifest gives it. */
  provider: string;
  /** The provider's environment for each SDK environment. */
  environments: EnvironmentMap<Environment>;
  create(options: Options): Client;
  /** The facade's view of the client. */
  adapter(client: Client): ProviderAdapter;
}

/**
 * A provider's plugin: its client, made in the SDK's environment (`inEnvironment`) with the
 * caller's options, and the facade's adapter over that client.
 */
export function providerPlugin<
  Key extends string,
  Client,
  Environment extends string,
  Options extends EndpointOptions<Environment>,
>(
  definition: PluginDefinition<Key, Client, Environment, Options>,
  options: Options,
): ProviderPlugin<Key, Client> {
  return {
    key: definition.key,
    connect(environment) {
      const client = definition.create(
        inEnvironment(definition.provider, environment, definition.environments, options),
      );
      return { client, adapter: definition.adapter(client) };
    },
  };
}
