import type { CHINCHIN_CPS_MANIFEST } from '@telcopay/chinchin-cps';
import type { CallOptions, Currency, Money } from '@telcopay/core';
import type { MASSTACK_PARTNERS_MANIFEST } from '@telcopay/masstack-partners';
import type { QVATEL_MANIFEST } from '@telcopay/qvatel';
import type { STONE_TOPUPS_MANIFEST } from '@telcopay/stone-topups';
import type { TIGO_B2B_BILLING_MANIFEST } from '@telcopay/tigo-b2b-billing';
import type { TelcopayEnvironment } from './environment.js';

/** The generated manifests of the SDK's providers. */
type Manifest =
  | typeof CHINCHIN_CPS_MANIFEST
  | typeof QVATEL_MANIFEST
  | typeof TIGO_B2B_BILLING_MANIFEST
  | typeof MASSTACK_PARTNERS_MANIFEST
  | typeof STONE_TOPUPS_MANIFEST;

/** A provider by its package and spec name (its manifest's), as every error's `provider` names it. */
export type ProviderName = Manifest['name'];

/**
 * A provider as the SDK names it (its manifest's `key`): its key in `createTelcopay`'s options,
 * the property of its client (`telcopay.chinchinCps`), and the `provider` of every facade call
 * and result.
 */
export type ProviderKey = Manifest['key'];

/**
 * `succeeded`: the provider says the money reached the destination. `pending`: accepted, not
 * confirmed yet. `failed` / `unknown`: a provider answer that says so, or that cannot be
 * classified. A refusal or a lost answer is never a status: it is thrown as core's error.
 */
export type TopupStatus = 'succeeded' | 'pending' | 'failed' | 'unknown';

/** What a top-up request carries: an `amount`, a catalog `product`, or both. */
export type TopupBy = 'amount' | 'product' | 'product+amount';

export interface TopupResult<Raw = unknown> {
  provider: ProviderKey;
  status: TopupStatus;
  /** The provider's id of the top-up: keep it to follow or reconcile it. */
  reference: string;
  amount: Money;
  /** The provider's own answer(s). */
  raw: Raw;
}

export interface Balance<Raw = unknown> {
  provider: ProviderKey;
  balance: Money;
  raw: Raw;
}

export interface CatalogItem {
  provider: ProviderKey;
  /** What `topups.send` takes as `product`. */
  product: string;
  name: string;
  /** The fixed price; absent where the caller chooses the amount. */
  amount?: Money;
}

/** What a configured provider supports through the facade. */
export interface ProviderCapabilities {
  provider: ProviderKey;
  /** The package and spec name, as the errors' `provider` names it (`chinchin-cps`). */
  packageName: ProviderName;
  currency: Currency;
  /** The forms `topups.send` accepts; empty when the provider has no top-ups. */
  topups: readonly TopupBy[];
  /** Whether an `idempotencyKey` makes a resent top-up the same top-up. */
  idempotencyKey: boolean;
  balance: boolean;
  catalog: boolean;
}

/** A top-up the facade has checked against the adapter's currency and forms. */
export interface CheckedTopup {
  destination: string;
  amount?: Money;
  product?: string;
  idempotencyKey?: string;
}

/** What an adapter answers; the facade adds the `provider` it was called with. */
type Unnamed<Answer> = Omit<Answer, 'provider'>;

/** One provider behind the facade: a mapping from the unified calls to its client's. */
export interface ProviderAdapter {
  /** The package name, for the errors the adapter raises. */
  provider: ProviderName;
  /** The spec's `info.x-provider.currency`. */
  currency: Currency;
  topupBy?: readonly TopupBy[];
  idempotencyKey?: boolean;
  topup?(request: CheckedTopup, call?: CallOptions): Promise<Unnamed<TopupResult>>;
  balance?(call?: CallOptions): Promise<Unnamed<Balance>>;
  catalog?(call?: CallOptions): Promise<Unnamed<CatalogItem>[]>;
}

/**
 * A configured provider, built by its factory (`qvatel({ apiToken })`…). `createTelcopay`
 * connects it to the SDK environment. Passing factories, rather than plain options, keeps the
 * providers a program does not use out of its bundle.
 */
export interface ProviderPlugin<Key extends string, Client> {
  readonly key: Key;
  connect(environment: TelcopayEnvironment): { client: Client; adapter: ProviderAdapter };
}
