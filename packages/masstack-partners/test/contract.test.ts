import { describeContract, type OperationCall } from '@telcopay/testing';
import { expect } from 'vitest';
import { createMasstackPartnersClient, type MasstackPartnersClient } from '../src/index.js';
import { UUID_V4, VALID_CALLS } from './fixtures.js';

describeContract<MasstackPartnersClient>({
  api: 'masstack-partners',
  createClient: (baseUrl) => createMasstackPartnersClient({ token: 'contract-test-jwt', baseUrl }),
  calls: Object.fromEntries(
    Object.entries(VALID_CALLS).map(([operationId, { send }]) => [
      operationId,
      ((client, call) => send(client, call)) satisfies OperationCall<MasstackPartnersClient>,
    ]),
  ),
  // Every method resolves to the spec's success body beside the (generated) correlation id.
  expectedSuccess: (scenario) => ({
    correlationId: expect.stringMatching(UUID_V4),
    data: scenario.value,
  }),
});
