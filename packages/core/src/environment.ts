import { ValidationError } from './errors.js';
import type { Currency } from './money.js';

/**
 * A provider's name (its package and spec name). Core knows no provider: the list is the
 * registry generated from the specs, `PROVIDERS` of `@telcopay/mocks`.
 */
export type ApiName = string;

/**
 * What telcopay knows about a provider besides its operations, generated from its spec into
 * its package's `src/generated/manifest.ts` (`info.x-provider`, `info.x-telcopay`, `servers`).
 */
export interface ProviderManifest {
  /** The package and spec name, used in every error and log entry. */
  readonly name: string;
  /** The name as an identifier (`tigoB2bBilling`): the SDK's option and client property. */
  readonly key: string;
  /** The provider's own name (`info.x-provider.name`). */
  readonly title: string;
  readonly country: string;
  readonly currency: Currency;
  /** The default port of its local mock (`@telcopay/mocks`); tests pick free ports instead. */
  readonly mockPort: number;
  /** Its servers by environment name (the spec's `x-environment`), and `mock`. */
  readonly environments: Readonly<Record<string, string>>;
  /**
   * Its environment for each of the SDK's (`mock`, `sandbox`, `production`), where it has one
   * (`info.x-telcopay.sdkEnvironments`, else the environment of the same name).
   */
  readonly sdkEnvironments: Readonly<Partial<Record<'mock' | 'sandbox' | 'production', string>>>;
  /** The client options that hold secrets. */
  readonly credentials: readonly string[];
  /** Header, query and form names whose values are credentials: redacted wherever they appear. */
  readonly secretNames: readonly string[];
}

/** Where a client sends its calls: an explicit `baseUrl` wins over a named environment. */
export interface EndpointOptions<Environment extends string> {
  baseUrl?: string | undefined;
  environment?: Environment | undefined;
}

export function resolveBaseUrl<Environment extends string>(
  provider: string,
  options: EndpointOptions<Environment>,
  environments: Readonly<Record<Environment, string>>,
): string {
  if (options.baseUrl) return options.baseUrl;
  const url = options.environment ? environments[options.environment] : undefined;
  if (url) return url;
  const known = Object.keys(environments).join(', ');
  throw new ValidationError(
    `Pass baseUrl, or environment as one of: ${known} (got ${String(options.environment)}).`,
    { provider, operation: 'createClient', field: 'environment' },
  );
}
