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
  ProviderName,
  ProviderPlugin,
  TopupResult,
} from './adapter.js';
import { checkEnvironment, type TelcopayEnvironment } from './environment.js';
import type { StoneTopupRaw } from './providers/stone-topups.js';
import { checkTopup, type TopupProvider, type TopupRequest } from './topup-request.js';

/** Each provider's client, by its option name. */
export interface ProviderClients {
  chinchinCps: ChinchinCpsClient;
  qvatel: QvatelClient;
  tigoB2bBilling: TigoB2bBillingClient;
  masstackPartners: MasstackPartnersClient;
  stoneTopups: StoneTopupsClient;
}
export type ProviderKey = keyof ProviderClients;

/** Each option name's provider name. */
const PROVIDER_NAMES = {
  chinchinCps: 'chinchin-cps',
  qvatel: 'qvatel',
  tigoB2bBilling: 'tigo-b2b-billing',
  masstackPartners: 'masstack-partners',
  stoneTopups: 'stone-topups',
} as const satisfies Record<ProviderKey, ProviderName>;
type NameOf<Key extends ProviderKey> = (typeof PROVIDER_NAMES)[Key];

/** The providers' answers behind a top-up's `raw`. */
export interface TopupAnswers {
  'chinchin-cps': PayResult;
  qvatel: RechargeSent;
  'stone-topups': StoneTopupRaw;
}
/** The providers' answers behind a balance's `raw`. */
export interface BalanceAnswers {
  qvatel: RechargeBalance;
}
export type BalanceProvider = keyof BalanceAnswers;
export type CatalogProvider = 'chinchin-cps' | 'qvatel' | 'stone-topups';

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

/** The unified calls, for the configured providers `Provider`. */
export interface TelcopayFacade<Provider extends ProviderName> {
  readonly environment: TelcopayEnvironment;
  readonly topups: {
    send<P extends Provider & TopupProvider>(
      request: TopupRequest<P>,
      call?: CallOptions,
    ): Promise<TopupResult<TopupAnswers[P]>>;
  };
  readonly balances: {
    get<P extends Provider & BalanceProvider>(
      provider: P,
      call?: CallOptions,
    ): Promise<Balance<BalanceAnswers[P]>>;
  };
  readonly catalog: {
    list(provider: Provider & CatalogProvider, call?: CallOptions): Promise<CatalogItem[]>;
  };
  /** What each configured provider supports through the facade. */
  capabilities(): ProviderCapabilities[];
}

/** The facade, and each configured provider's client under its option name. */
export type Telcopay<Config extends TelcopayConfig = TelcopayConfig> = TelcopayFacade<
  NameOf<ConfiguredKey<Config>>
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
  const adapters = new Map<ProviderName, ProviderAdapter>();
  for (const key of Object.keys(PROVIDER_NAMES) as ProviderKey[]) {
    const plugin: ProviderPlugin<string, unknown> | undefined = config[key];
    if (plugin === undefined) continue;
    if (plugin?.key !== key) {
      throw new ValidationError(`${key} must be built with ${key}(options).`, {
        provider: PROVIDER_NAMES[key],
        operation: 'createTelcopay',
        field: key,
      });
    }
    const { client, adapter } = plugin.connect(environment);
    clients[key] = client;
    adapters.set(adapter.provider, adapter);
  }
  if (adapters.size === 0) {
    throw new ValidationError(
      `Configure at least one provider: ${Object.keys(PROVIDER_NAMES).join(', ')}.`,
      { provider: 'sdk', operation: 'createTelcopay', field: 'providers' },
    );
  }

  /** The adapter of a configured provider that has `method`, or a ValidationError saying why not. */
  function adapterWith<Method extends 'topup' | 'balance' | 'catalog'>(
    provider: unknown,
    method: Method,
    operation: string,
  ): ProviderAdapter & Required<Pick<ProviderAdapter, Method>> {
    const adapter = adapters.get(provider as ProviderName);
    if (!adapter) {
      const configured = [...adapters.keys()].join(', ');
      throw new ValidationError(
        `${String(provider)} is not configured here (configured: ${configured}).`,
        { provider: String(provider), operation, field: 'provider' },
      );
    }
    if (!adapter[method]) {
      throw new ValidationError(
        `${adapter.provider} has no ${operation.split('.')[0]} through the facade (see capabilities()).`,
        { provider: adapter.provider, operation, field: 'provider' },
      );
    }
    return adapter as ProviderAdapter & Required<Pick<ProviderAdapter, Method>>;
  }

  const facade: TelcopayFacade<ProviderName> = {
    environment,
    topups: {
      async send(request, call) {
        const adapter = adapterWith(request?.provider, 'topup', 'topups.send');
        return (await adapter.topup(checkTopup(adapter, request), call)) as never;
      },
    },
    balances: {
      async get(provider, call) {
        return (await adapterWith(provider, 'balance', 'balances.get').balance(call)) as never;
      },
    },
    catalog: {
      async list(provider, call) {
        return adapterWith(provider, 'catalog', 'catalog.list').catalog(call);
      },
    },
    capabilities() {
      return [...adapters.values()].map((adapter) => ({
        provider: adapter.provider,
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
