import { ValidationError } from '@telcopay/core';
import { recordingFetch } from '@telcopay/testing';
import { describe, expect, it } from 'vitest';
import {
  createMasstackPartnersClient,
  MASSTACK_PARTNERS_ENVIRONMENTS,
  type MasstackPartnersClient,
  type MasstackPartnersClientOptions,
} from '../src/index.js';
import {
  BILLABLE_MOVEMENT,
  FEBRUARY_INVOICE,
  MOVEMENT_ID,
  NON_SUBSCRIBABLE_REFUND,
  ONE_TIME_FEE,
  REFUND,
  SERVICE,
} from './fixtures.js';

/** A client whose fetch records each request and answers 201 without touching the network. */
function client(
  options: Partial<MasstackPartnersClientOptions> = { baseUrl: 'http://127.0.0.1:9' },
) {
  const recorder = recordingFetch(
    async () =>
      new Response(JSON.stringify({ movement_id: MOVEMENT_ID }), {
        status: 201,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const masstack = createMasstackPartnersClient({
    token: 'jwt',
    ...options,
    fetch: recorder.fetch,
  });
  return { masstack, requests: recorder.requests };
}

/** Drops `key` from a body, as a JavaScript caller (or a cast) could. */
function without<T extends object>(body: T, key: keyof T): T {
  const { [key]: _dropped, ...rest } = body;
  return rest as T;
}

type Invalid = [string, (client: MasstackPartnersClient) => Promise<unknown>, string];

const INVALID: Invalid[] = [
  [
    'an unknown service type',
    (c) => c.deleteMovement({ ...SERVICE, serviceType: 'landline' as 'mobile', movementId: 'm' }),
    'serviceType',
  ],
  [
    'an empty service id',
    (c) => c.deleteMovement({ ...SERVICE, serviceId: ' ', movementId: 'm' }),
    'serviceId',
  ],
  [
    'an empty movement id',
    (c) => c.deleteNonSubscribableMovement({ ...SERVICE, movementId: '' }),
    'movementId',
  ],
  [
    'an update without a movement id',
    (c) =>
      c.updateNonSubscribableMovement({
        ...SERVICE,
        movementId: undefined as unknown as string,
        body: FEBRUARY_INVOICE,
      }),
    'movementId',
  ],
  [
    'a correlation id that is not a uuid',
    (c) => c.deleteMovement({ ...SERVICE, movementId: 'm', correlationId: 'trace-1' }),
    'correlationId',
  ],
  [
    'a period start without its end',
    (c) =>
      c.createNonSubscribableMovement({
        ...SERVICE,
        body: without(FEBRUARY_INVOICE, 'period_end_datetime'),
      }),
    'body.period_end_datetime',
  ],
  [
    'a period end without its start (update)',
    (c) =>
      c.updateNonSubscribableMovement({
        ...SERVICE,
        movementId: MOVEMENT_ID,
        body: without(FEBRUARY_INVOICE, 'period_start_datetime'),
      }),
    'body.period_start_datetime',
  ],
  [
    'a refund period end without its start',
    (c) => c.createRefund({ ...SERVICE, body: without(REFUND, 'period_start_datetime') }),
    'body.period_start_datetime',
  ],
  [
    'a non-subscribable refund period start without its end',
    (c) =>
      c.createNonSubscribableRefund({
        ...SERVICE,
        body: without(NON_SUBSCRIBABLE_REFUND, 'period_end_datetime'),
      }),
    'body.period_end_datetime',
  ],
  [
    'a movement without external_movement_unique_id',
    (c) =>
      c.createMovement({
        ...SERVICE,
        body: without(BILLABLE_MOVEMENT, 'external_movement_unique_id'),
      }),
    'body.external_movement_unique_id',
  ],
  [
    'a non-subscribable movement with an empty external_movement_unique_id',
    (c) =>
      c.createNonSubscribableMovement({
        ...SERVICE,
        body: { ...FEBRUARY_INVOICE, external_movement_unique_id: '' },
      }),
    'body.external_movement_unique_id',
  ],
  [
    'a non-subscribable refund without external_refund_unique_id (optional in the spec)',
    (c) =>
      c.createNonSubscribableRefund({
        ...SERVICE,
        body: without(NON_SUBSCRIBABLE_REFUND, 'external_refund_unique_id'),
      }),
    'body.external_refund_unique_id',
  ],
  [
    'a refund with an empty external_refund_unique_id',
    (c) => c.createRefund({ ...SERVICE, body: { ...REFUND, external_refund_unique_id: '  ' } }),
    'body.external_refund_unique_id',
  ],
  [
    'a refund of an empty movement id',
    (c) => c.createRefund({ ...SERVICE, body: { ...REFUND, movement_id: '' } }),
    'body.movement_id',
  ],
  [
    'an unknown movement type',
    (c) =>
      c.createMovement({
        ...SERVICE,
        body: { ...BILLABLE_MOVEMENT, type: 'LATE_FEE' as 'DISCOUNT' },
      }),
    'body.type',
  ],
  [
    'a NaN amount with taxes',
    (c) =>
      c.createMovement({
        ...SERVICE,
        body: {
          ...BILLABLE_MOVEMENT,
          amount: { ...BILLABLE_MOVEMENT.amount, value_with_taxes: Number.NaN },
        },
      }),
    'body.amount.value_with_taxes',
  ],
  [
    'an infinite amount without taxes',
    (c) =>
      c.createRefund({
        ...SERVICE,
        body: {
          ...REFUND,
          amount: { ...REFUND.amount, value_without_taxes: Number.POSITIVE_INFINITY },
        },
      }),
    'body.amount.value_without_taxes',
  ],
  [
    'an amount given as a string',
    (c) =>
      c.createMovement({
        ...SERVICE,
        body: {
          ...BILLABLE_MOVEMENT,
          amount: { ...BILLABLE_MOVEMENT.amount, value_with_taxes: '12.1' as unknown as number },
        },
      }),
    'body.amount.value_with_taxes',
  ],
  [
    'a missing tax',
    (c) =>
      c.createMovement({
        ...SERVICE,
        body: { ...BILLABLE_MOVEMENT, amount: without(BILLABLE_MOVEMENT.amount, 'tax') },
      }),
    'body.amount.tax',
  ],
  [
    'a tax percentage that is not finite',
    (c) =>
      c.createMovement({
        ...SERVICE,
        body: {
          ...BILLABLE_MOVEMENT,
          amount: { ...BILLABLE_MOVEMENT.amount, tax: { type: 'IVA', percentage: Number.NaN } },
        },
      }),
    'body.amount.tax.percentage',
  ],
  [
    'a missing body',
    (c) => c.createMovement({ ...SERVICE, body: undefined as unknown as typeof BILLABLE_MOVEMENT }),
    'body',
  ],
];

describe('input checks', () => {
  it.each(INVALID)('rejects %s on its field before any request', async (_case, send, field) => {
    const { masstack, requests } = client();
    const error = await send(masstack).then(
      () => expect.fail('expected a ValidationError'),
      (error: unknown) => error,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, provider: 'masstack-partners', retryable: false });
    expect((error as Error).message).toContain(field);
    expect(requests).toHaveLength(0);
  });

  it('sends a movement without a period, and a negative DISCOUNT (no sign rule is documented)', async () => {
    const { masstack, requests } = client();
    await masstack.createNonSubscribableMovement({ ...SERVICE, body: ONE_TIME_FEE });
    const discount = {
      value_with_taxes: -12.1,
      value_without_taxes: -10,
      tax: { type: 'IVA', percentage: 21 },
    };
    await masstack.createMovement({
      ...SERVICE,
      body: { ...BILLABLE_MOVEMENT, type: 'DISCOUNT', amount: discount },
    });
    expect(requests).toHaveLength(2);
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual(ONE_TIME_FEE);
    expect(JSON.parse(requests[1]?.body ?? '').amount).toEqual(discount);
  });
});

describe('client options', () => {
  it.each([
    ['staging', 'https://partners.sta.masstack.com/v3'],
    ['production', 'https://partners.masstack.com/v3'],
  ] as const)('the %s environment keeps the /v3 base path', async (environment, base) => {
    expect(MASSTACK_PARTNERS_ENVIRONMENTS[environment]).toBe(base);
    const { masstack, requests } = client({ environment });
    await masstack.createNonSubscribableMovement({ ...SERVICE, body: FEBRUARY_INVOICE });
    expect(requests[0]?.url).toBe(
      `${base}/mobile/612123456/billing/movements-non-subscribable-services`,
    );
    expect(requests[0]?.method).toBe('POST');
  });

  it.each(['', undefined, 42])('rejects a token of %j', (token) => {
    expect(() =>
      createMasstackPartnersClient({ token: token as string, environment: 'mock' }),
    ).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'token' }));
  });
});
