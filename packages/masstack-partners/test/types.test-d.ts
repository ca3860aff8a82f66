import type { CallOptions } from '@telcopay/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Correlated,
  type components,
  createMasstackPartnersClient,
  type MOVEMENT_TYPES,
  type MovementCreated,
  type MovementUpdated,
  type NonSubscribableRefund,
  type RefundCreated,
  SERVICE_TYPES,
} from '../src/index.js';
import { NON_SUBSCRIBABLE_REFUND, SERVICE } from './fixtures.js';

type Schemas = components['schemas'];
const masstack = createMasstackPartnersClient({ token: 'jwt', environment: 'mock' });

describe('enum constants', () => {
  it('list exactly the members of the generated unions', () => {
    expectTypeOf<(typeof SERVICE_TYPES)[number]>().toEqualTypeOf<Schemas['serviceTypeDTO']>();
    expectTypeOf<(typeof MOVEMENT_TYPES)[number]>().toEqualTypeOf<Schemas['movementTypeDTO']>();
    expectTypeOf(SERVICE_TYPES).toExtend<readonly Schemas['serviceTypeDTO'][]>();
  });
});

describe('MasstackPartnersClient types', () => {
  it('resolves each method to the success body of the spec beside the correlation id', () => {
    expectTypeOf(masstack.createNonSubscribableMovement).returns.resolves.toEqualTypeOf<
      Correlated<MovementCreated>
    >();
    expectTypeOf(masstack.updateNonSubscribableMovement).returns.resolves.toEqualTypeOf<
      Correlated<MovementUpdated>
    >();
    expectTypeOf(masstack.deleteNonSubscribableMovement).returns.resolves.toEqualTypeOf<
      Correlated<MovementUpdated>
    >();
    expectTypeOf(masstack.createNonSubscribableRefund).returns.resolves.toEqualTypeOf<
      Correlated<RefundCreated>
    >();
    expectTypeOf(masstack.createMovement).returns.resolves.toEqualTypeOf<
      Correlated<MovementCreated>
    >();
    expectTypeOf(masstack.deleteMovement).returns.resolves.toEqualTypeOf<
      Correlated<MovementUpdated>
    >();
    expectTypeOf(masstack.createRefund).returns.resolves.toEqualTypeOf<Correlated<RefundCreated>>();
    expectTypeOf<Correlated<RefundCreated>['data']['refund_id']>().toEqualTypeOf<string>();
    expectTypeOf(masstack.deleteMovement).parameter(1).toEqualTypeOf<CallOptions | undefined>();
  });

  it('requires the unique id the spec leaves optional on createNonSubscribableRefund', () => {
    expectTypeOf<NonSubscribableRefund['external_refund_unique_id']>().toEqualTypeOf<string>();
    expectTypeOf<NonSubscribableRefund>().toExtend<Schemas['refundNonSubscribableRequestDTO']>();
  });

  it('rejects wrong calls at compile time', () => {
    const { external_refund_unique_id: _id, ...withoutUniqueId } = NON_SUBSCRIBABLE_REFUND;
    // @ts-expect-error external_refund_unique_id is required by the client
    masstack.createNonSubscribableRefund({ ...SERVICE, body: withoutUniqueId });
    // @ts-expect-error no such service type
    masstack.deleteMovement({ serviceType: 'landline', serviceId: '1', movementId: 'm' });
    // @ts-expect-error a delete needs the movement id
    masstack.deleteNonSubscribableMovement({ ...SERVICE });
    // @ts-expect-error the token is required
    createMasstackPartnersClient({ environment: 'mock' });
    // @ts-expect-error no such environment
    createMasstackPartnersClient({ token: 'jwt', environment: 'sandbox' });
    // @ts-expect-error the raw client knows the spec's paths
    masstack.raw.GET('/{service_type}/{service_id}/billing/movements');
  });
});
