import { describe, expectTypeOf, it } from 'vitest';
import {
  type Balance,
  type CatalogItem,
  createTelcopay,
  type Money,
  type ProviderCapabilities,
  type Qvatel,
  qvatel,
  type StoneTopupRaw,
  stoneTopups,
  type TopupResult,
} from '../src/index.js';

const privateKey = '-----BEGIN PRIVATE KEY-----';
const telcopay = createTelcopay({
  environment: 'mock',
  qvatel: qvatel({ apiToken: 't' }),
  stoneTopups: stoneTopups({ clientId: 'c', privateKey }),
});

describe('createTelcopay types', () => {
  it('exposes the configured clients, and only them', () => {
    expectTypeOf(telcopay.qvatel).toEqualTypeOf<Qvatel.QvatelClient>();
    expectTypeOf(telcopay).not.toHaveProperty('chinchinCps');
    expectTypeOf(telcopay).not.toHaveProperty('tigoB2bBilling');
  });

  it('types each result and its raw answer by provider', () => {
    const qvatelTopup = telcopay.topups.send({
      provider: 'qvatel',
      destination: '52942387',
      amount: { amountMinor: 2000, currency: 'CUP' },
    });
    expectTypeOf(qvatelTopup).resolves.toEqualTypeOf<TopupResult<Qvatel.RechargeSent>>();
    const stoneTopup = telcopay.topups.send({
      provider: 'stoneTopups',
      destination: '10036389709',
      product: '2126:10900',
    });
    expectTypeOf(stoneTopup).resolves.toEqualTypeOf<TopupResult<StoneTopupRaw>>();
    expectTypeOf(telcopay.balances.get({ provider: 'qvatel' })).resolves.toEqualTypeOf<
      Balance<Qvatel.RechargeBalance>
    >();
    expectTypeOf(telcopay.catalog.list({ provider: 'stoneTopups' })).resolves.toEqualTypeOf<
      CatalogItem[]
    >();
    expectTypeOf(telcopay.capabilities()).toEqualTypeOf<ProviderCapabilities[]>();
    expectTypeOf<TopupResult['amount']>().toEqualTypeOf<Money>();
  });

  it('rejects wrong calls at compile time', () => {
    // @ts-expect-error chinchinCps is not configured
    telcopay.topups.send({ provider: 'chinchinCps', destination: '1', product: '57' });
    // @ts-expect-error the facade names providers by their key, not their package name
    telcopay.topups.send({ provider: 'stone-topups', destination: '1', product: '2126:10900' });
    // @ts-expect-error every facade call takes one object, { provider }
    telcopay.catalog.list('qvatel');
    // @ts-expect-error a top-up needs an amount or a product
    telcopay.topups.send({ provider: 'qvatel', destination: '52942387' });
    telcopay.topups.send({
      provider: 'qvatel',
      destination: '52942387',
      // @ts-expect-error an amount is Money, never a float of major units
      amount: 20,
    });
    // @ts-expect-error Stone has no balance through the facade
    telcopay.balances.get({ provider: 'stoneTopups' });
    // @ts-expect-error no such environment
    createTelcopay({ environment: 'staging', qvatel: qvatel({ apiToken: 't' }) });
    // @ts-expect-error a misspelt provider option is an unknown key
    createTelcopay({ environment: 'mock', qvatl: qvatel({ apiToken: 't' }) });
    // @ts-expect-error each option takes its own provider's factory
    createTelcopay({ environment: 'mock', qvatel: stoneTopups({ clientId: 'c', privateKey }) });
  });
});
