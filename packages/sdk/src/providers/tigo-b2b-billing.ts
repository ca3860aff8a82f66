// Tigo B2B billing (Colombia, COP): business bills and their payments, not top-ups. Configured
// through the SDK for its environments; its client is used directly (`telcopay.tigoB2bBilling`).
import {
  createTigoB2bBillingClient,
  TIGO_B2B_BILLING_MANIFEST,
  type TigoB2bBillingClient,
  type TigoB2bBillingClientOptions,
  type TigoB2bBillingEnvironment,
} from '@telcopay/tigo-b2b-billing';
import type { ProviderPlugin } from '../adapter.js';
import type { EnvironmentMap } from '../environment.js';
import { providerPlugin } from '../plugin.js';

const PROVIDER = TIGO_B2B_BILLING_MANIFEST.name;

/** Apigee's `test` is the integrators' sandbox; pass `environment: 'qa'` for the other one. */
const ENVIRONMENTS: EnvironmentMap<TigoB2bBillingEnvironment> = {
  mock: 'mock',
  sandbox: 'test',
  production: 'prod',
};

/** Tigo B2B billing for `createTelcopay({ tigoB2bBilling: tigoB2bBilling({ clientId, clientSecret }) })`. */
export function tigoB2bBilling(
  options: TigoB2bBillingClientOptions,
): ProviderPlugin<'tigoB2bBilling', TigoB2bBillingClient> {
  return providerPlugin(
    {
      key: 'tigoB2bBilling',
      provider: PROVIDER,
      environments: ENVIRONMENTS,
      create: createTigoB2bBillingClient,
      adapter: () => ({ provider: PROVIDER, currency: TIGO_B2B_BILLING_MANIFEST.currency }),
    },
    options,
  );
}
