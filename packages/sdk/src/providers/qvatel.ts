// QvaTel (Cuba, CUP) behind the facade: recharges by amount or denomination, the account's
// recharge balance, and the denominations as the catalog.
import {
  type CallOptions,
  formatMinor,
  fromMinor,
  type Money,
  money,
  toMinor,
} from '@telcopay/core';
import { createQvatelClient, QVATEL_MANIFEST, type QvatelClient } from '@telcopay/qvatel';
import type { CheckedTopup } from '../adapter.js';
import { answeredMoney } from '../answer.js';
import { type AdapterCalls, providerPlugin } from '../plugin.js';
import { invalidTopup } from '../topup-request.js';

const PROVIDER = QVATEL_MANIFEST.name;
const CURRENCY = QVATEL_MANIFEST.currency;

/**
 * The catalog: the spec's example amounts of `Monto` (20.00 and 15.00 CUP). QvaTel publishes no
 * list of denominations and accepts any amount with two decimals, so `amount` works as well.
 */
export const QVATEL_DENOMINATIONS: readonly Money[] = [
  { amountMinor: 2000, currency: CURRENCY },
  { amountMinor: 1500, currency: CURRENCY },
];

function qvatelCalls(client: QvatelClient): AdapterCalls {
  return {
    topupBy: ['amount', 'product'],

    /**
     * `pending`, not `succeeded`: QvaTel's answer (`result: 1` and an `id_recarga`) says the
     * recharge was accepted; its delivery is a separate state (`getRechargeStatus` →
     * `Recargado`). The facade does not poll: ask `telcopay.qvatel.getRechargeStatus(reference)`.
     * A refusal (`result: 0`) is a `BusinessError`, thrown.
     */
    async topup(request: CheckedTopup, call?: CallOptions) {
      const amount = request.product ? denomination(request.product) : (request.amount as Money);
      const sent = await client.sendRecharge(
        { destino: request.destination, monto: fromMinor(amount.amountMinor, CURRENCY) },
        call,
      );
      return {
        status: 'pending',
        reference: sent.id_recarga,
        amount,
        raw: sent,
      };
    },

    async balance(call?: CallOptions) {
      const answer = await client.getRechargeBalance(call);
      const where = {
        provider: PROVIDER,
        operation: 'balances.get',
        field: 'balance',
        body: answer,
      };
      const balance = answeredMoney(where, () =>
        money(toMinor(answer.balance, CURRENCY), CURRENCY),
      );
      return { balance, raw: answer };
    },

    async catalog() {
      return QVATEL_DENOMINATIONS.map((amount) => ({
        product: formatMinor(amount.amountMinor, CURRENCY),
        name: `${formatMinor(amount.amountMinor, CURRENCY)} ${CURRENCY}`,
        amount,
      }));
    },
  };
}

/** A denomination by its product (`'20.00'`). */
function denomination(product: string): Money {
  const found = QVATEL_DENOMINATIONS.find(
    (amount) => formatMinor(amount.amountMinor, CURRENCY) === product,
  );
  if (!found) {
    const known = QVATEL_DENOMINATIONS.map((amount) => formatMinor(amount.amountMinor, CURRENCY));
    throw invalidTopup(
      PROVIDER,
      'product',
      `product must be one of ${known.join(', ')} (got ${JSON.stringify(product)}); any other amount goes as amount.`,
    );
  }
  return found;
}

/**
 * QvaTel for `createTelcopay({ qvatel: qvatel({ apiToken }) })`. QvaTel publishes production
 * only: a sandbox needs a `baseUrl`.
 */
export const qvatel = /* @__PURE__ */ providerPlugin(
  QVATEL_MANIFEST,
  createQvatelClient,
  qvatelCalls,
);
