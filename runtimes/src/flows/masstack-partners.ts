import { createMasstackPartnersClient } from '@telcopay/masstack-partners';
import { check, urlOf } from './checks.js';
import type { Flow } from './contract.js';

const SERVICE = { serviceType: 'mobile', serviceId: '612123456' } as const;
const AMOUNT = {
  value_with_taxes: 12.1,
  value_without_taxes: 10,
  tax: { type: 'IVA', percentage: 21 },
};

/**
 * MasStack's billing API has no read: a charge (money, keyed by its unique id), a refund of it,
 * and the deletion of the charge, each with its correlation id.
 */
export const flow: Flow = async ({ urls, credentials }, record) => {
  const masstack = createMasstackPartnersClient({
    ...credentials.masstackPartners,
    baseUrl: urlOf(urls, 'masstack-partners'),
  });

  const charge = await record(
    'createMovement',
    masstack.createMovement({
      ...SERVICE,
      body: {
        type: 'RECURRING_CHARGE',
        movement_datetime: '2022-02-24T13:45:10Z',
        amount: AMOUNT,
        external_movement_unique_id: crypto.randomUUID(),
        billable: true,
        concept_id: '1001',
      },
    }),
    (created) => `movement ${created.data.movement_id}`,
  );
  check(charge.correlationId, 'the charge carries a correlation id');
  const movementId = charge.data.movement_id;
  await record(
    'createRefund',
    masstack.createRefund({
      ...SERVICE,
      body: {
        refund_datetime: '2022-03-02T10:00:00Z',
        amount: AMOUNT,
        external_refund_unique_id: crypto.randomUUID(),
        movement_id: movementId,
        billable: false,
      },
    }),
    (refund) => `refund ${refund.data.refund_id}`,
  );
  await record(
    'deleteMovement',
    masstack.deleteMovement({ ...SERVICE, movementId }),
    (deleted) => `deleted, correlation ${deleted.correlationId}`,
  );
};
