// MasStack partners (Spain, EUR): billing movements and refunds of a partner's services, not
// top-ups. Configured through the SDK for its environments; its client is used directly
// (`telcopay.masstackPartners`).
import {
  createMasstackPartnersClient,
  MASSTACK_PARTNERS_MANIFEST,
  type MasstackPartnersClient,
  type MasstackPartnersClientOptions,
  type MasstackPartnersEnvironment,
} from '@telcopay/masstack-partners';
import type { ProviderPlugin } from '../adapter.js';
import type { EnvironmentMap } from '../environment.js';
import { providerPlugin } from '../plugin.js';

const PROVIDER = MASSTACK_PARTNERS_MANIFEST.name;

const ENVIRONMENTS: EnvironmentMap<MasstackPartnersEnvironment> = {
  mock: 'mock',
  sandbox: 'staging',
  production: 'production',
};

/** MasStack partners for `createTelcopay({ masstackPartners: masstackPartners({ token }) })`. */
export function masstackPartners(
  options: MasstackPartnersClientOptions,
): ProviderPlugin<'masstackPartners', MasstackPartnersClient> {
  return providerPlugin(
    {
      key: 'masstackPartners',
      provider: PROVIDER,
      environments: ENVIRONMENTS,
      create: createMasstackPartnersClient,
      adapter: () => ({ provider: PROVIDER, currency: MASSTACK_PARTNERS_MANIFEST.currency }),
    },
    options,
  );
}
