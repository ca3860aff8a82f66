import type { ChinchinCpsClient, PayResult } from '@telcopay/chinchin-cps';
import { type CallOptions, ValidationError } from '@telcopay/core';
import type { MasstackPartnersClient } from '@telcopay/masstack-partners';
import type { QvatelClient, RechargeBalance, RechargeSent } from '@telcopay/qvatel';
import type { StoneTopupsClient } from '@telcopay/stone-topups';
import type { TigoB2bBillingClient } from '@telcopay/tigo-b2b-billing';
import type {
  Balance,
  CatalogItem,
  ProviderAdapter,
  ProviderCapabilities,
  ProviderKey,
  ProviderPlugin,
  TopupResult,
} from './adapter.js';
import { checkEnvironment, type TelcopayEnvironment } from './environment.js';
import { configuredKey, PACKAGE_NAMES, PROVIDER_KEYS } from './provider-key.js';
import type { StoneTopupRaw } from './providers/stone-topups.js';
import { checkTopup, type TopupProvider, type TopupRequest } from './topup-request.js';

/** Each provider's client, by its key. */
export interface ProviderClients {
  chinchinCps: ChinchinCpsClient;
  qvatel: QvatelClient;
  tigoB2bBilling: TigoB2bBillingClient;
  masstackPartners: MasstackPartnersClient;
  stoneTopups: StoneTopupsClient;
}

/** The providers' answers behind a top-up's `raw`. */
export interface TopupAnswers {
  chinchinCps: PayResult;
  qvatel: RechargeSent;
  stoneTopups: StoneTopupRaw;
}
/** The providers' answers behind a balance's `raw`. */
export interface BalanceAnswers {
  qvatel: RechargeBalance;
}
export type BalanceProvider = keyof BalanceAnswers;
export type CatalogProvider = 'chinchinCps' | 'qvatel' | 'stoneTopups';

/** Which provider a facade call is for: its key in `createTelcopay`'s options. */
export interface ProviderRequest<Provider extends ProviderKey> {
  provider: Provider;
}

export type TelcopayConfig = {
  environment: TelcopayEnvironment;
} & { [Key in ProviderKey]?: ProviderPlugin<Key, ProviderClients[Key]> | undefined };

/** The option names a config sets to a provider. */
type ConfiguredKey<Config> = {
  [Key in ProviderKey]: Key extends keyof Config
    ? undefined extends Config[Key]
      ? never
      : Key
    : never;
}[ProviderKey];

/**
 * The unified calls, for the configured providers `Provider`. Each takes one object whose
 * `provider` is the key the provider was configured under, and each result carries it back.
 */
export interface TelcopayFacade<Provider extends ProviderKey> {
  readonly environment: TelcopayEnvironment;
  readonly topups: {
    send<P extends Provider & TopupProvider>(
      request: TopupRequest<P>,
      call?: CallOptions,
    ): Promise<TopupResult<TopupAnswers[P]>>;
  };
  readonly balances: {
    get<P extends Provider & BalanceProvider>(
      request: ProviderRequest<P>,
      call?: CallOptions,
    ): Promise<Balance<BalanceAnswers[P]>>;
  };
  readonly catalog: {
    list(
      request: ProviderRequest<Provider & CatalogProvider>,
      call?: CallOptions,
    ): Promise<CatalogItem[]>;
  };
  /** What each configured provider supports through the facade. */
  capabilities(): ProviderCapabilities[];
}

/** The facade, and each configured provider's client under its key. */
export type Telcopay<Config extends TelcopayConfig = TelcopayConfig> = TelcopayFacade<
  ConfiguredKey<Config>
> & { readonly [Key in ConfiguredKey<Config>]: ProviderClients[Key] };

/** A config with a key the SDK does not know (a typo) does not compile. */
type NoUnknownKeys<Config> = { [Key in Exclude<keyof Config, keyof TelcopayConfig>]: never };

/**
 * Builds the configured providers for one environment, and the facade over them:
 * `createTelcopay({ environment: 'mock', qvatel: qvatel({ apiToken }) })`. Only the providers
 * passed are built (and bundled); a provider without a host in that environment needs a
 * `baseUrl`, and any provider's `baseUrl` or own `environment` wins.
 */
export function createTelcopay<const Config extends TelcopayConfig>(
  config: Config & NoUnknownKeys<Config>,
): Telcopay<Config> {
  const environment = checkEnvironment(config?.environment);
  const clients: Partial<Record<ProviderKey, unknown>> = {};
  const adapters = new Map<ProviderKey, ProviderAdapter>();
  for (const key of PROVIDER_KEYS) {
    const plugin: ProviderPlugin<string, unknown> | undefined = config[key];
    if (plugin === undefined) continue;
    if (plugin?.key !== key) {
      throw new ValidationError(`${key} must be built with ${key}(options).`, {
        provider: PACKAGE_NAMES[key],
        operation: 'createTelcopay',
        field: key,
      });
    }
    const { client, adapter } = plugin.connect(environment);
    clients[key] = client;
    adapters.set(key, adapter);
  }
  if (adapters.size === 0) {
    throw new ValidationError(`Configure at least one provider: ${PROVIDER_KEYS.join(', ')}.`, {
      provider: 'sdk',
      operation: 'createTelcopay',
      field: 'providers',
    });
  }
  const configured = [...adapters.keys()];

  /** The configured provider a call names, with `method`, or a ValidationError saying why not. */
  function adapterFor<Method extends 'topup' | 'balance' | 'catalog'>(
    request: unknown,
    method: Method,
    operation: string,
  ): { key: ProviderKey; adapter: ProviderAdapter & Required<Pick<ProviderAdapter, Method>> } {
    const key = configuredKey(request, configured, operation);
    const adapter = adapters.get(key) as ProviderAdapter;
    if (!adapter[method]) {
      throw new ValidationError(
        `${key} has no ${operation.split('.')[0]} through the facade (see capabilities()).`,
        { provider: adapter.provider, operation, field: 'provider' },
      );
    }
    return { key, adapter: adapter as ProviderAdapter & Required<Pick<ProviderAdapter, Method>> };
  }

  const facade: TelcopayFacade<ProviderKey> = {
    environment,
    topups: {
      async send(request, call) {
        const { key, adapter } = adapterFor(request, 'topup', 'topups.send');
        const result = await adapter.topup(checkTopup(adapter, request), call);
        return { provider: key, ...result } as never;
      },
    },
    balances: {
      async get(request, call) {
        const { key, adapter } = adapterFor(request, 'balance', 'balances.get');
        return { provider: key, ...(await adapter.balance(call)) } as never;
      },
    },
    catalog: {
      async list(request, call) {
        const { key, adapter } = adapterFor(request, 'catalog', 'catalog.list');
        return (await adapter.catalog(call)).map((item) => ({ provider: key, ...item }));
      },
    },
    capabilities() {
      return [...adapters].map(([key, adapter]) => ({
        provider: key,
        packageName: adapter.provider,
        currency: adapter.currency,
        topups: [...(adapter.topupBy ?? [])],
        idempotencyKey: adapter.idempotencyKey ?? false,
        balance: adapter.balance !== undefined,
        catalog: adapter.catalog !== undefined,
      }));
    },
  };
  return { ...clients, ...facade } as Telcopay<Config>;
}
