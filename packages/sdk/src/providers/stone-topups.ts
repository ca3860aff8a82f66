// Stone (Brazil, BRL in integer cents) behind the facade: pay-TV top-ups of a plan (the
// catalog: each provider's values), simulated by a dry run, then confirmed.
import { type CallOptions, type Money, money } from '@telcopay/core';
import {
  type ConfirmResult,
  createStoneTopupsClient,
  STONE_TOPUPS_MANIFEST,
  type StoneTopupsClient,
  type TopupDryRun,
} from '@telcopay/stone-topups';
import type { CatalogItem, CheckedTopup } from '../adapter.js';
import { answeredMoney } from '../answer.js';
import { type AdapterCalls, providerPlugin } from '../plugin.js';
import { invalidTopup } from '../topup-request.js';

const PROVIDER = STONE_TOPUPS_MANIFEST.name;
const CURRENCY = STONE_TOPUPS_MANIFEST.currency;

/** Both answers of a Stone top-up. */
export interface StoneTopupRaw {
  dryRun: TopupDryRun;
  receipt: ConfirmResult;
}

/** A plan: `<provider id>:<value in cents>`, e.g. `2126:10900` (Claro TV, R$ 109,00). */
const PRODUCT = /^([1-9]\d*):([1-9]\d*)$/;

function stoneTopupsCalls(client: StoneTopupsClient): AdapterCalls {
  return {
    topupBy: ['product', 'product+amount'],
    idempotencyKey: true,

    /**
     * The dry run first: it moves no money and answers what the subscriber's plan costs. When
     * that is not the product's value, nothing is confirmed (a `ValidationError`). Then the
     * confirmation, with the caller's idempotency key or the client's new one (in
     * `raw.receipt.idempotencyKey`): the receipt means the account was charged → `succeeded`. A
     * PIN challenge is thrown as `ChallengeRequiredError` (solve it with
     * `telcopay.stoneTopups.solveChallenge`).
     */
    async topup(request: CheckedTopup, call?: CallOptions) {
      const { providerId, value } = planOf(request.product);
      if (request.amount && request.amount.amountMinor !== value) {
        throw invalidTopup(
          PROVIDER,
          'amount',
          `the product costs ${value} cents, not ${request.amount.amountMinor}.`,
        );
      }
      const topup = { providerId, amount: value, clientCode: request.destination };
      const dryRun = await client.dryRun(topup, call);
      if (dryRun.amount !== value) {
        throw invalidTopup(
          PROVIDER,
          'product',
          `Stone would charge ${dryRun.amount} cents for this subscriber's plan, not ${value}: nothing was confirmed.`,
        );
      }
      const receipt = await client.confirm(
        {
          ...topup,
          ...(request.idempotencyKey === undefined
            ? {}
            : { idempotencyKey: request.idempotencyKey }),
        },
        call,
      );
      const raw: StoneTopupRaw = { dryRun, receipt };
      const amount: Money = { amountMinor: value, currency: CURRENCY };
      return { status: 'succeeded', reference: receipt.id, amount, raw };
    },

    /** Every provider's plans, with their price (one request for the providers, one per provider). */
    async catalog(call?: CallOptions) {
      const { providers } = await client.listProviders(call);
      const plans = await Promise.all(
        providers.map(async (provider): Promise<Omit<CatalogItem, 'provider'>[]> => {
          const values = await client.listValues(provider.id, call);
          return values.product.map((plan) => ({
            product: `${provider.id}:${plan.value}`,
            name: `${provider.name}: ${plan.product_name}`,
            amount: answeredMoney(
              { provider: PROVIDER, operation: 'catalog.list', field: 'value', body: values },
              () => money(plan.value, CURRENCY),
            ),
          }));
        }),
      );
      return plans.flat();
    },
  };
}

function planOf(product: string | undefined): { providerId: string; value: number } {
  const match = PRODUCT.exec(product ?? '');
  if (!match?.[1] || !match[2]) {
    throw invalidTopup(
      PROVIDER,
      'product',
      `product must be a plan from catalog.list, as <provider id>:<cents>, e.g. 2126:10900 (got ${JSON.stringify(product)}).`,
    );
  }
  return { providerId: match[1], value: Number(match[2]) };
}

/**
 * Stone for `createTelcopay({ stoneTopups: stoneTopups({ clientId, privateKey, accountId }) })`:
 * `accountId` is the account charged by the facade's top-ups.
 */
export const stoneTopups = /* @__PURE__ */ providerPlugin(
  STONE_TOPUPS_MANIFEST,
  createStoneTopupsClient,
  stoneTopupsCalls,
);
