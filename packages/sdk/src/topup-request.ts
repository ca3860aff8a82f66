import { type Money, money, ValidationError } from '@telcopay/core';
import type { CheckedTopup, ProviderAdapter, ProviderKey, TopupBy } from './adapter.js';

/** The providers with top-ups through the facade. */
export type TopupProvider = 'chinchinCps' | 'qvatel' | 'stoneTopups';

interface TopupTarget<Provider extends ProviderKey> {
  /** The provider's key in `createTelcopay`'s options. */
  provider: Provider;
  /** Who is topped up: a phone (QvaTel), a service number (Chinchin), a CPF or subscriber code (Stone). */
  destination: string;
  /** For the providers whose capabilities say `idempotencyKey: true`: resending is then safe. */
  idempotencyKey?: string;
}

/** A top-up: an amount in the provider's currency, a catalog product, or both (see capabilities). */
export type TopupRequest<Provider extends ProviderKey = TopupProvider> = TopupTarget<Provider> &
  ({ amount: Money; product?: string } | { amount?: Money; product: string });

const OPERATION = 'topups.send';

/**
 * Checks what every provider needs alike, before anything is sent: a destination, a positive
 * amount in the provider's currency, one of the adapter's forms, and no idempotency key the
 * provider would ignore (a resend would then top up twice, so it is refused, not dropped).
 */
export function checkTopup(
  adapter: ProviderAdapter,
  request: TopupRequest<ProviderKey>,
): CheckedTopup {
  const { provider, currency } = adapter;
  const invalid = (field: string, message: string): never => {
    throw invalidTopup(provider, field, message);
  };
  const { destination, amount, product, idempotencyKey } = request;
  if (typeof destination !== 'string' || destination.trim() === '') {
    invalid('destination', 'destination must be a non-empty string.');
  }
  const checked: CheckedTopup = { destination };
  if (amount !== undefined) {
    const { amountMinor } = money(amount?.amountMinor, amount?.currency, {
      provider,
      operation: OPERATION,
      field: 'amount',
    });
    if (amount.currency !== currency) {
      invalid('amount', `${provider} tops up in ${currency}, not ${amount.currency}.`);
    }
    if (amountMinor <= 0) invalid('amount', 'amount must be above zero.');
    checked.amount = { amountMinor, currency };
  }
  if (product !== undefined) {
    if (typeof product !== 'string' || product.trim() === '') {
      invalid('product', 'product must be a product of catalog.list.');
    }
    checked.product = product;
  }
  const form = topupForm(checked);
  const accepted = adapter.topupBy ?? [];
  if (form === undefined || !accepted.includes(form)) {
    invalid(
      form === 'amount' ? 'product' : 'amount',
      `${provider} top-ups take ${accepted.map((by) => by.replace('+', ' and ')).join(', or ')}.`,
    );
  }
  if (idempotencyKey !== undefined) {
    if (!adapter.idempotencyKey) {
      invalid(
        'idempotencyKey',
        `${provider} takes no idempotency key, so a resent top-up would be a second one: send once, and reconcile a lost answer instead of resending.`,
      );
    }
    checked.idempotencyKey = idempotencyKey;
  }
  return checked;
}

/** A top-up refused before anything is sent, for the request's `field`. */
export function invalidTopup(provider: string, field: string, message: string): ValidationError {
  return new ValidationError(message, { provider, operation: OPERATION, field });
}

function topupForm({ amount, product }: CheckedTopup): TopupBy | undefined {
  if (amount && product) return 'product+amount';
  if (amount) return 'amount';
  if (product) return 'product';
  return undefined;
}
