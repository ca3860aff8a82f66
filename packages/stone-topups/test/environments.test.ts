import { recordingFetch } from '@telcopay/testing';
import { decodeJwt, exportPKCS8, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createStoneTopupsClient,
  STONE_TOPUPS_ACCOUNTS_URLS,
  STONE_TOPUPS_ENVIRONMENTS,
  type StoneTopupsClientOptions,
} from '../src/index.js';
import { TOKEN_PATH } from './seed.js';

let privateKey: string;
beforeAll(async () => {
  privateKey = await exportPKCS8(
    (await generateKeyPair('RS256', { extractable: true })).privateKey,
  );
});

/**
 * Where a client sends its token request and a public call, with no network: every answer is a
 * 503 (not retried here, so each call makes one request).
 */
async function destinations(options: Partial<StoneTopupsClientOptions>) {
  const recorder = recordingFetch(async () =>
    Response.json({ type: 'srn:error:down' }, { status: 503 }),
  );
  const stone = createStoneTopupsClient({
    clientId: 'c',
    privateKey,
    fetch: recorder.fetch,
    maxRetries: 0,
    ...options,
  });
  await stone.requestAccessToken().catch(() => undefined);
  await stone.getDiscoveryKeys().catch(() => undefined);
  const [token, keys] = recorder.requests;
  const assertion = new URLSearchParams(token?.body).get('client_assertion') ?? '';
  return { tokenUrl: token?.url, aud: decodeJwt(assertion).aud, keysUrl: keys?.url };
}

describe('environments', () => {
  it.each([
    ['production', 'https://accounts.openbank.stone.com.br', 'https://api.openbank.stone.com.br'],
    [
      'sandbox',
      'https://sandbox-accounts.openbank.stone.com.br',
      'https://sandbox-api.openbank.stone.com.br',
    ],
  ] as const)(
    '%s: tokens from the accounts host, calls to the API host',
    async (environment, accounts, api) => {
      await expect(destinations({ environment })).resolves.toEqual({
        tokenUrl: `${accounts}${TOKEN_PATH}`,
        aud: `${accounts}/auth/realms/stone_bank`,
        keysUrl: `${api}/api/v1/discovery/keys`,
      });
    },
  );

  it('mock: one server plays both hosts', () => {
    expect(STONE_TOPUPS_ENVIRONMENTS.mock).toBe('http://127.0.0.1:4014');
    expect(STONE_TOPUPS_ACCOUNTS_URLS.mock).toBe('http://127.0.0.1:4014');
  });

  it('baseUrl also serves tokens unless accountsUrl says otherwise', async () => {
    await expect(destinations({ baseUrl: 'http://127.0.0.1:9/' })).resolves.toMatchObject({
      tokenUrl: `http://127.0.0.1:9${TOKEN_PATH}`,
      aud: 'http://127.0.0.1:9/auth/realms/stone_bank',
    });
    await expect(
      destinations({ environment: 'sandbox', accountsUrl: 'http://127.0.0.1:8' }),
    ).resolves.toEqual({
      tokenUrl: `http://127.0.0.1:8${TOKEN_PATH}`,
      aud: 'http://127.0.0.1:8/auth/realms/stone_bank',
      keysUrl: 'https://sandbox-api.openbank.stone.com.br/api/v1/discovery/keys',
    });
  });
});
