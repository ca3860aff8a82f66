import { generateKeyPairSync } from 'node:crypto';

/** Test credentials for each provider (the mocks check none of them). */
export const CREDENTIALS = {
  chinchinCps: { apiKey: 'chinchin-public-key', apiSecret: 'chinchin-private-secret-93f1' },
  qvatel: { apiToken: 'qvatel-secret-token-4f1c9a' },
  tigoB2bBilling: { clientId: 'tigo-client', clientSecret: 'tigo-client-secret-77ab' },
  masstackPartners: { token: 'masstack-jwt-5e0d' },
  stoneTopups: {
    clientId: '065ecb08-2439-40c0-8e13-2b43c21743e3',
    /** The account of the seed's top-up. */
    accountId: 'e4043bb5-542b-46f6-bcbc-0e63d37e1c47',
    privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string,
  },
} as const;
