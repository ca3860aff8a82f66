import type { CallOptions } from '@telcopay/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ConfirmResult,
  createStoneTopupsClient,
  type ProductList,
  type ProviderList,
  type TokenResponse,
  type TopupDryRun,
  type TopupReceipt,
} from '../src/index.js';

const stone = createStoneTopupsClient({ clientId: 'c', privateKey: 'pem', environment: 'mock' });
const topup = { accountId: 'a', amount: 1800, clientCode: '1', providerId: 2126 };

describe('StoneTopupsClient types', () => {
  it('resolves each method to the success body of the spec', () => {
    expectTypeOf(stone.listProviders).returns.resolves.toEqualTypeOf<ProviderList>();
    expectTypeOf<ProviderList['providers'][number]['id']>().toEqualTypeOf<number>();
    expectTypeOf(stone.listValues).returns.resolves.toEqualTypeOf<ProductList>();
    expectTypeOf(stone.dryRun).returns.resolves.toEqualTypeOf<TopupDryRun>();
    expectTypeOf(stone.confirm).returns.resolves.toEqualTypeOf<ConfirmResult>();
    expectTypeOf<ConfirmResult>().toExtend<TopupReceipt & { idempotencyKey: string }>();
    expectTypeOf(stone.solveChallenge).returns.resolves.toEqualTypeOf<ConfirmResult>();
    expectTypeOf(stone.requestAccessToken).returns.resolves.toEqualTypeOf<TokenResponse>();
    expectTypeOf(stone.listProviders).parameter(0).toEqualTypeOf<CallOptions | undefined>();
  });

  it('rejects wrong calls at compile time', () => {
    // @ts-expect-error amount is integer cents, a number
    stone.dryRun({ ...topup, amount: '1800' });
    // @ts-expect-error clientCode is required
    stone.confirm({ accountId: 'a', amount: 1800, providerId: 2126 });
    // @ts-expect-error solving needs the challenge's idempotency key
    stone.solveChallenge({ ...topup, challenge: { id: 'c', required_types: ['pin'] }, pin: '1' });
    // @ts-expect-error no such environment
    createStoneTopupsClient({ clientId: 'c', privateKey: 'pem', environment: 'staging' });
    // @ts-expect-error the private key is required
    createStoneTopupsClient({ clientId: 'c', environment: 'mock' });
    // @ts-expect-error the raw client knows the spec's paths
    stone.raw.GET('/api/v1/topups/unknown');
  });
});
