// Chinchin CPS (Venezuela, VES) behind the facade: payments of a basic service (the catalog)
// for an amount.

import {
  CHINCHIN_CPS_MANIFEST,
  type ChinchinCpsClient,
  createChinchinCpsClient,
  isServiceId,
  type PayResult,
  type ServiceId,
  serviceName,
} from '@telcopay/chinchin-cps';
import { type CallOptions, fromMinor, type Money } from '@telcopay/core';
import type { CheckedTopup, TopupStatus } from '../adapter.js';
import { type AdapterCalls, providerPlugin } from '../plugin.js';
import { invalidTopup } from '../topup-request.js';

const PROVIDER = CHINCHIN_CPS_MANIFEST.name;
const CURRENCY = CHINCHIN_CPS_MANIFEST.currency;

/** The spec's payment states; a state it does not document is reported as `unknown`. */
const STATUSES: Readonly<Record<PayResult['status'], TopupStatus>> = {
  APPROVED: 'succeeded',
  PENDING: 'pending',
};

/**
 * No `balance`: Chinchin's balance is a service's (a line's), not the account's; ask
 * `telcopay.chinchinCps.getServiceBalance` for one.
 */
function chinchinCpsCalls(client: ChinchinCpsClient): AdapterCalls {
  return {
    topupBy: ['product+amount'],

    /**
     * `APPROVED` → `succeeded`, `PENDING` → `pending`. The amount is the one sent: the answer's
     * echo is inferred by the spec, and money has moved by then, so nothing may throw on it.
     */
    async topup(request: CheckedTopup, call?: CallOptions) {
      const amount = request.amount as Money;
      const paid = await client.payService(
        {
          numberService: request.destination,
          idTypeService: serviceOf(request.product),
          amount: fromMinor(amount.amountMinor, CURRENCY),
        },
        call,
      );
      const status = STATUSES[paid.status] ?? 'unknown';
      return { status, reference: paid.idOperation, amount, raw: paid };
    },

    /** The basic services; each is paid for an amount of the caller's choice. */
    async catalog(call?: CallOptions) {
      const services = await client.listBasicServices({}, call);
      return services.map((service) => ({
        product: String(service.idTypeService),
        name: service.name ?? serviceName(service.idTypeService),
      }));
    },
  };
}

/** The service id a product names (`'57'` is MOVISTAR_PREPAGO). */
function serviceOf(product: string | undefined): ServiceId {
  const id = Number(product);
  if (!/^\d+$/.test(product ?? '') || !isServiceId(id)) {
    throw invalidTopup(
      PROVIDER,
      'product',
      `product must be a basic service id from catalog.list, e.g. '57' (got ${JSON.stringify(product)}).`,
    );
  }
  return id;
}

/**
 * Chinchin CPS for `createTelcopay({ chinchinCps: chinchinCps({ apiKey, apiSecret, baseUrl }) })`.
 * Chinchin gives each integrator its own hosts: sandbox and production need a `baseUrl`.
 */
export const chinchinCps = /* @__PURE__ */ providerPlugin(
  CHINCHIN_CPS_MANIFEST,
  createChinchinCpsClient,
  chinchinCpsCalls,
);
