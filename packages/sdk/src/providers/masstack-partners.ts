// MasStack partners (Spain, EUR): billing movements and refunds of a partner's services, not
// top-ups. Configured through the SDK for its environments; its client is used directly
// (`telcopay.masstackPartners`).
import {
  createMasstackPartnersClient,
  MASSTACK_PARTNERS_MANIFEST,
} from '@telcopay/masstack-partners';
import { providerPlugin } from '../plugin.js';

/** MasStack partners for `createTelcopay({ masstackPartners: masstackPartners({ token }) })`. */
export const masstackPartners = /* @__PURE__ */ providerPlugin(
  MASSTACK_PARTNERS_MANIFEST,
  createMasstackPartnersClient,
);
