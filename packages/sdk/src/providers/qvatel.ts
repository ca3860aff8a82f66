// QvaTel (Cuba, CUP) behind the facade: recharges by amount or denomination, the account's
// recharge balance, and the denominations as the catalog.
import {
  type CallOptions,
  formatMinor,
  fromMinor,
  type Money,
  money,
  toMinor,
  ValidationError,
} from '@telcopay/core';
import {
  createQvatelClient,
  QVATEL_MANIFEST,
  type QvatelClient,
  type QvatelClientOptions,
  type QvatelEnvironment,
} from '@telcopay/qvatel';
import type { CheckedTopup, ProviderAdapter, ProviderPlugin } from '../adapter.js';
import { answeredMoney } from '../answer.js';
import type { EnvironmentMap } from '../environment.js';
import { providerPlugin } from '../plugin.js';

const PROVIDER = QVATEL_MANIFEST.name;
const CURRENCY = QVATEL_MANIFEST.currency;

/** QvaTel publishes production only: a sandbox needs a `baseUrl`. */
const ENVIRONMENTS: EnvironmentMap<QvatelEnvironment> = {
  mock: 'mock',
  sandbox: undefined,
  production: 'production',
};

/**
 * The catalog: the spec's example amounts of `Monto` (20.00 and 15.00 CUP). QvaTel publishes no
 * list of denominations and accepts any amount with two decimals, so `amount` works as well.
 */
export const QVATEL_DENOMINATIONS: readonly Money[] = [
  { amountMinor: 2000, currency: CURRENCY },
  { amountMinor: 1500, currency: CURRENCY },
];

/** QvaTel for `createTelcopay({ qvatel: qvatel({ apiToken }) })`. */
export function qvatel(options: QvatelClientOptions): ProviderPlugin<'qvatel', QvatelClient> {
  return providerPlugin(
    {
      key: 'qvatel',
      provider: PROVIDER,
      environments: ENVIRONMENTS,
      create: createQvatelClient,
      adapter: qvatelAdapter,
    },
    options,
  );
}

export function qvatelAdapter(client: QvatelClient): ProviderAdapter {
  return {
    provider: PROVIDER,
    currency: CURRENCY,
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
    throw new ValidationError(
      `product must be one of ${known.join(', ')} (got ${JSON.stringify(product)}); any other amount goes as amount.`,
      { provider: PROVIDER, operation: 'topups.send', field: 'product' },
    );
  }
  return found;
}
