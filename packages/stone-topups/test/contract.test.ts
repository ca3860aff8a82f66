import { describeContract } from '@telcopay/testing';
import { generateKeyPair } from 'jose';
import { createStoneTopupsClient, type StoneTopupsClient } from '../src/index.js';
import { SEED_TOPUP } from './seed.js';

// The token request goes to the same Prism (the spec gives its path a server of its own).
const { privateKey } = await generateKeyPair('RS256');
const IDEMPOTENCY_KEY = '5f0d6c9e-3b8a-4a43-9a55-7c1f2b7e4d10';

describeContract<StoneTopupsClient>({
  api: 'stone-topups',
  createClient: (baseUrl) =>
    createStoneTopupsClient({
      clientId: '065ecb08-2439-40c0-8e13-2b43c21743e3',
      privateKey,
      baseUrl,
    }),
  calls: {
    listProviders: (client, call) => client.listProviders(call),
    listValues: (client, call) => client.listValues(2126, call),
    dryRun: (client, call) => client.dryRun(SEED_TOPUP, call),
    confirm: (client, call) =>
      client.confirm({ ...SEED_TOPUP, idempotencyKey: IDEMPOTENCY_KEY }, call),
    getDiscoveryKeys: (client, call) => client.getDiscoveryKeys(call),
    requestAccessToken: (client, call) => client.requestAccessToken(call),
  },
  // confirm resolves to the receipt with the idempotency key it was sent with.
  expectedSuccess: (scenario) =>
    scenario.operationId === 'confirm'
      ? { ...(scenario.value as object), idempotencyKey: IDEMPOTENCY_KEY }
      : scenario.value,
});
