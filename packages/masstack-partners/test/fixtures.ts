import type { CallOptions } from '@telcopay/core';
import type {
  Correlated,
  MasstackPartnersClient,
  Movement,
  NonSubscribableMovement,
  NonSubscribableRefund,
  Refund,
} from '../src/index.js';

/** Request values of the spec's examples (the docs' `mobile/612123456` service). */
export const SERVICE = { serviceType: 'mobile', serviceId: '612123456' } as const;
export const MOVEMENT_ID = 'c0a8012e-7d3f-4b8e-9a41-5f6e2b1d9c07';

/** A uuid v4, as `crypto.randomUUID()` makes them. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const AMOUNT = {
  value_with_taxes: 12.1,
  value_without_taxes: 10,
  tax: { type: 'IVA', percentage: 21 },
};

/** The docs' request example (`februaryInvoiceMovement`). */
export const FEBRUARY_INVOICE: NonSubscribableMovement = {
  type: 'RECURRING_CHARGE',
  movement_datetime: '2022-02-24T13:45:10Z',
  period_start_datetime: '2022-01-31T23:00:00Z',
  period_end_datetime: '2022-02-28T23:00:00Z',
  amount: AMOUNT,
  external_invoice_id: '123456789',
  external_movement_unique_id: '123456789',
  transaction_type_id: '5432167890',
  description: 'February invoice',
};

/** The spec's `oneTimeFee` example: a movement without a period. */
export const ONE_TIME_FEE: NonSubscribableMovement = {
  type: 'ONE_TIME_FEE',
  movement_datetime: '2022-02-24T13:45:10Z',
  amount: AMOUNT,
  external_movement_unique_id: '123456790',
  transaction_type_id: '5432167890',
};

/** The spec's `correctedAmount` example of the update. */
export const CORRECTED_AMOUNT: NonSubscribableMovement = {
  ...FEBRUARY_INVOICE,
  amount: { ...AMOUNT, value_with_taxes: 24.2, value_without_taxes: 20 },
  description: 'February invoice (corrected)',
};

/** The spec's `februaryInvoiceRefund` example of createNonSubscribableRefund. */
export const NON_SUBSCRIBABLE_REFUND: NonSubscribableRefund = {
  refund_datetime: '2022-03-02T10:00:00Z',
  period_start_datetime: '2022-01-31T23:00:00Z',
  period_end_datetime: '2022-02-28T23:00:00Z',
  amount: AMOUNT,
  external_invoice_id: '123456789',
  external_refund_unique_id: '987654321',
  transaction_type_id: '5432167890',
  movement_id: MOVEMENT_ID,
  description: 'February invoice refund',
};

/** The spec's `februaryInvoice` example of createMovement. */
export const BILLABLE_MOVEMENT: Movement = {
  type: 'RECURRING_CHARGE',
  movement_datetime: '2022-02-24T13:45:10Z',
  period_start_datetime: '2022-01-31T23:00:00Z',
  period_end_datetime: '2022-02-28T23:00:00Z',
  amount: AMOUNT,
  external_invoice_id: '123456789',
  external_movement_unique_id: '123456789',
  billable: true,
  concept_id: '1001',
  description: 'February invoice',
};

/** The spec's `februaryInvoiceRefund` example of createRefund. */
export const REFUND: Refund = {
  refund_datetime: '2022-03-02T10:00:00Z',
  period_start_datetime: '2022-01-31T23:00:00Z',
  period_end_datetime: '2022-02-28T23:00:00Z',
  amount: AMOUNT,
  external_invoice_id: '123456789',
  external_refund_unique_id: '987654321',
  billable: false,
  movement_id: MOVEMENT_ID,
  description: 'February invoice refund',
};

type ValidCall = (
  client: MasstackPartnersClient,
  call?: CallOptions,
  correlationId?: string,
) => Promise<Correlated<unknown>>;

const extra = (correlationId: string | undefined) => (correlationId ? { correlationId } : {});

/** One valid call of every operation, and the caller-unique id it must be keyed by (if any). */
export const VALID_CALLS: Record<string, { send: ValidCall; idempotencyKey: string | undefined }> =
  {
    createNonSubscribableMovement: {
      send: (client, call, id) =>
        client.createNonSubscribableMovement(
          { ...SERVICE, ...extra(id), body: FEBRUARY_INVOICE },
          call,
        ),
      idempotencyKey: FEBRUARY_INVOICE.external_movement_unique_id,
    },
    updateNonSubscribableMovement: {
      send: (client, call, id) =>
        client.updateNonSubscribableMovement(
          { ...SERVICE, ...extra(id), movementId: MOVEMENT_ID, body: CORRECTED_AMOUNT },
          call,
        ),
      idempotencyKey: undefined,
    },
    deleteNonSubscribableMovement: {
      send: (client, call, id) =>
        client.deleteNonSubscribableMovement(
          { ...SERVICE, ...extra(id), movementId: MOVEMENT_ID },
          call,
        ),
      idempotencyKey: undefined,
    },
    createNonSubscribableRefund: {
      send: (client, call, id) =>
        client.createNonSubscribableRefund(
          { ...SERVICE, ...extra(id), body: NON_SUBSCRIBABLE_REFUND },
          call,
        ),
      idempotencyKey: NON_SUBSCRIBABLE_REFUND.external_refund_unique_id,
    },
    createMovement: {
      send: (client, call, id) =>
        client.createMovement({ ...SERVICE, ...extra(id), body: BILLABLE_MOVEMENT }, call),
      idempotencyKey: BILLABLE_MOVEMENT.external_movement_unique_id,
    },
    deleteMovement: {
      send: (client, call, id) =>
        client.deleteMovement({ ...SERVICE, ...extra(id), movementId: MOVEMENT_ID }, call),
      idempotencyKey: undefined,
    },
    createRefund: {
      send: (client, call, id) =>
        client.createRefund({ ...SERVICE, ...extra(id), body: REFUND }, call),
      idempotencyKey: REFUND.external_refund_unique_id,
    },
  };
