// The client through the mocks' scenarios, over HTTP and in-process.
import { AuthError } from '@telcopay/core';
import { describeScenarios } from '@telcopay/testing';
import { expect, it } from 'vitest';
import { createMasstackPartnersClient } from '../src/index.js';
import { FEBRUARY_INVOICE, MOVEMENT_ID, SERVICE } from './fixtures.js';

describeScenarios('masstack-partners', (transport) => {
  const client = () => {
    const { options, requests } = transport.connect();
    return {
      masstack: createMasstackPartnersClient({ token: 'scenario-jwt', ...options }),
      requests,
    };
  };

  it('a lost answer on a keyed create: sent again with the same unique id, then the data', async () => {
    await transport.scenario('createNonSubscribableMovement', ['reset']);
    const { masstack, requests } = client();
    const result = await masstack.createNonSubscribableMovement({
      ...SERVICE,
      body: FEBRUARY_INVOICE,
    });
    expect(result.data).toBeInstanceOf(Object);
    expect(requests).toHaveLength(2);
    const [first, second] = requests.map((request) => JSON.parse(request.body));
    expect(second.external_movement_unique_id).toBe(first.external_movement_unique_id);
  });

  it('[http-503, success] on a retry-safe call: one retry, then the data', async () => {
    await transport.scenario('deleteMovement', ['http-503', 'success']);
    const { masstack, requests } = client();
    expect(
      (await masstack.deleteMovement({ ...SERVICE, movementId: MOVEMENT_ID })).data,
    ).toBeDefined();
    expect(requests).toHaveLength(2);
  });

  it('a token that is no longer good is an AuthError, not sent again', async () => {
    await transport.scenario('deleteMovement', ['expired-token']);
    const { masstack, requests } = client();
    await expect(
      masstack.deleteMovement({ ...SERVICE, movementId: MOVEMENT_ID }),
    ).rejects.toBeInstanceOf(AuthError);
    expect(requests).toHaveLength(1);
  });
});
