import type { CallOptions } from '@telcopay/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BasicService,
  type components,
  createChinchinCpsClient,
  type PayResult,
  SERVICE_IDS,
  type ServiceBalance,
  type ServiceId,
} from '../src/index.js';

const cps = createChinchinCpsClient({ apiKey: 'k', apiSecret: 's', environment: 'mock' });

describe('ChinchinCpsClient types', () => {
  it('resolves each method to the success body of the spec', () => {
    expectTypeOf(cps.payService).returns.resolves.toEqualTypeOf<PayResult>();
    expectTypeOf<PayResult['idOperation']>().toEqualTypeOf<string>();
    expectTypeOf(cps.getServiceBalance).returns.resolves.toEqualTypeOf<ServiceBalance>();
    expectTypeOf(cps.listBasicServices).returns.resolves.toEqualTypeOf<BasicService[]>();
    expectTypeOf(cps.listBasicServices).parameter(1).toEqualTypeOf<CallOptions | undefined>();
  });

  it("keeps SERVICE_IDS equal to the spec's ServiceTypeId enum", () => {
    expectTypeOf<ServiceId>().toEqualTypeOf<components['schemas']['ServiceTypeId']>();
    expectTypeOf(SERVICE_IDS.MOVISTAR_PREPAGO).toEqualTypeOf<57>();
  });

  it('rejects wrong calls at compile time', () => {
    // @ts-expect-error 1 is not a service id of the spec
    cps.payService({ numberService: '04243675525', idTypeService: 1, amount: 10 });
    // @ts-expect-error amount is a number or a decimal string, never a bigint
    cps.payService({ numberService: '04243675525', idTypeService: 57, amount: 10n });
    // @ts-expect-error numberService is required
    cps.getServiceBalance({ idTypeService: 63 });
    // @ts-expect-error canGetBalance is a boolean
    cps.listBasicServices({ canGetBalance: 'true' });
    // @ts-expect-error only the mock is a named environment: no host is published
    createChinchinCpsClient({ apiKey: 'k', apiSecret: 's', environment: 'production' });
    // @ts-expect-error the private key is required
    createChinchinCpsClient({ apiKey: 'k', environment: 'mock' });
    // @ts-expect-error the raw client knows the spec's paths
    cps.raw.GET('/cps/v2/unknown');
  });
});
