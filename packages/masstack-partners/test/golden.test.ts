import { expectGolden, recordRequests, renderRequest } from '@telcopay/testing';
import { it } from 'vitest';
import { createMasstackPartnersClient } from '../src/index.js';
import { FEBRUARY_INVOICE, MOVEMENT_ID, SERVICE } from './fixtures.js';

// A movement, byte for byte as test/golden/create-non-subscribable-movement.http says.
const TOKEN = 'masstack-golden-jwt';
const CORRELATION_ID = '5f0c2b1e-8d4a-4c7e-9b3f-1a2d3e4f5a6b';

it('sends a movement as its golden file says', async () => {
  const [movement] = await recordRequests(
    () => ({ status: 201, body: { movement_id: MOVEMENT_ID } }),
    (url) =>
      createMasstackPartnersClient({
        token: TOKEN,
        baseUrl: `${url}/v3`,
      }).createNonSubscribableMovement({
        ...SERVICE,
        correlationId: CORRELATION_ID,
        body: FEBRUARY_INVOICE,
      }),
  );

  await expectGolden(
    new URL('golden/create-non-subscribable-movement.http', import.meta.url),
    renderRequest(movement, { token: TOKEN }),
  );
});
