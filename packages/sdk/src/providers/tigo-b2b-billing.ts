// Tigo B2B billing (Colombia, COP): business bills and their payments, not top-ups. Configured
// through the SDK for its environments; its client is used directly (`telcopay.tigoB2bBilling`).
import { createTigoB2bBillingClient, TIGO_B2B_BILLING_MANIFEST } from '@telcopay/tigo-b2b-billing';
import { providerPlugin } from '../plugin.js';

/**
 * Tigo B2B billing for `createTelcopay({ tigoB2bBilling: tigoB2bBilling({ clientId, clientSecret }) })`.
 * The SDK's `sandbox` is Apigee's `test`; pass `environment: 'qa'` for the other one.
 */
export const tigoB2bBilling = /* @__PURE__ */ providerPlugin(
  TIGO_B2B_BILLING_MANIFEST,
  createTigoB2bBillingClient,
);
