import type { CallOptions } from '@telcopay/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AccessTokenResponse,
  type BillsCollection,
  type CheckoutPaymentResponse,
  type ContractsDetails,
  type ContractsItem,
  createTigoB2bBillingClient,
  type PartyCharacteristics,
  type RegisterPaymentResponse,
  type ValidatePaymentResponse,
} from '../src/index.js';

const tigo = createTigoB2bBillingClient({ clientId: 'id', clientSecret: 's', environment: 'mock' });
const customer = { idType: 'NIT', identification: 900123456 };
const payment = { billsCollection: [{ billNo: '909501941' }] };

describe('TigoB2bBillingClient types', () => {
  it('resolves each method to the success body of the spec', () => {
    expectTypeOf(tigo.requestAccessToken).returns.resolves.toEqualTypeOf<AccessTokenResponse>();
    expectTypeOf<AccessTokenResponse['expires_in']>().toEqualTypeOf<string>();
    expectTypeOf(tigo.getContract).returns.resolves.toEqualTypeOf<ContractsDetails>();
    expectTypeOf(tigo.listContracts).returns.resolves.toEqualTypeOf<ContractsDetails>();
    expectTypeOf(tigo.iterateContracts).returns.toEqualTypeOf<AsyncIterable<ContractsItem>>();
    expectTypeOf(tigo.listBills).returns.resolves.toEqualTypeOf<BillsCollection>();
    expectTypeOf(
      tigo.getPartyCharacteristics,
    ).returns.resolves.toEqualTypeOf<PartyCharacteristics>();
    expectTypeOf<PartyCharacteristics['plusCustomer']>().toEqualTypeOf<boolean>();
    expectTypeOf(tigo.checkoutPayment).returns.resolves.toEqualTypeOf<CheckoutPaymentResponse>();
    expectTypeOf(tigo.registerPayment).returns.resolves.toEqualTypeOf<RegisterPaymentResponse>();
    expectTypeOf<RegisterPaymentResponse[string]>().toEqualTypeOf<boolean>();
    expectTypeOf(tigo.validatePayment).returns.resolves.toEqualTypeOf<ValidatePaymentResponse>();
    expectTypeOf(tigo.validatePaymentByCoupon)
      .parameter(1)
      .toEqualTypeOf<CallOptions | undefined>();
  });

  it('rejects wrong calls at compile time', () => {
    // @ts-expect-error fields are role and plus only
    tigo.getPartyCharacteristics({ ...customer, contractId: 1, fields: ['email'] });
    // @ts-expect-error fields is a list, not the joined string
    tigo.getPartyCharacteristics({ ...customer, contractId: 1, fields: 'role,plus' });
    // @ts-expect-error the payment needs a customer
    tigo.checkoutPayment({ payment });
    // @ts-expect-error bills are objects of the spec's BillList
    tigo.registerPayment({ ...customer, payment: { billsCollection: ['909501941'] } });
    // @ts-expect-error a contract id is a number or its digits
    tigo.getContract({ contractId: true });
    // @ts-expect-error no such environment
    createTigoB2bBillingClient({ clientId: 'id', clientSecret: 's', environment: 'staging' });
    // @ts-expect-error the client secret is required
    createTigoB2bBillingClient({ clientId: 'id', environment: 'test' });
    // @ts-expect-error the raw client knows the spec's paths
    tigo.raw.GET('/contracts/unknown/path');
  });
});
