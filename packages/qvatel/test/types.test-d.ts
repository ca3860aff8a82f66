import type { CallOptions } from '@telcopay/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createQvatelClient,
  type RawSendRechargeForm,
  type RechargeSent,
  type RechargeStatus,
} from '../src/index.js';

const qvatel = createQvatelClient({ apiToken: 't', environment: 'mock' });

describe('QvatelClient types', () => {
  it('resolves each method to the success body of the spec', () => {
    expectTypeOf(qvatel.sendRecharge).returns.resolves.toEqualTypeOf<RechargeSent>();
    expectTypeOf<RechargeSent['result']>().toEqualTypeOf<1>();
    expectTypeOf<RechargeSent['id_recarga']>().toEqualTypeOf<string>();
    expectTypeOf(qvatel.getRechargeStatus).returns.resolves.toEqualTypeOf<RechargeStatus>();
    expectTypeOf(qvatel.getRechargeBalance).parameter(0).toEqualTypeOf<CallOptions | undefined>();
  });

  it('takes a decimal string as monto, and a form without api_token through .raw', () => {
    qvatel.sendRecharge({ destino: '52942387', monto: '20.00' });
    qvatel.raw.POST('/recharge/send', { body: { destino: '52942387', monto: 20 } });
    expectTypeOf<RawSendRechargeForm>().not.toHaveProperty('api_token');
  });

  it('rejects wrong calls at compile time', () => {
    // @ts-expect-error monto is a number or a decimal string, never a bigint
    qvatel.sendRecharge({ destino: '52942387', monto: 20n });
    // @ts-expect-error destino is required
    qvatel.sendRecharge({ monto: 20 });
    // @ts-expect-error no such environment
    createQvatelClient({ apiToken: 't', environment: 'staging' });
    // @ts-expect-error the raw client knows the spec's paths
    qvatel.raw.GET('/recharge/unknown');
  });
});
