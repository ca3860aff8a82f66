import {
  expectGolden,
  freezeDate,
  mark,
  recordRequests,
  renderRequest,
  type WireRequest,
} from '@telcopay/testing';
import { generateKeyPair } from 'jose';
import { expect, it } from 'vitest';
import { createStoneTopupsClient } from '../src/index.js';
import { checkTokenRequest } from './keycloak.js';
import { SEED_TOPUP, TOKEN_PATH } from './seed.js';

// The token request and the dry run, byte for byte as the golden files in test/golden/ say.
// The assertion's `aud` holds the recorder's URL: its ephemeral port has five digits on Linux,
// macOS and Windows alike, so the token request's content-length is the same on every run.
const CLIENT_ID = '065ecb08-2439-40c0-8e13-2b43c21743e3';
const ACCESS_TOKEN = 'golden-access-token';
freezeDate('2026-01-15T12:00:00.000Z');

/** The seed's dry-run answer. */
const SEED_DRY_RUN_ANSWER = {
  amount: 10900,
  account_id: SEED_TOPUP.accountId,
  provider_id: SEED_TOPUP.providerId,
  client_code: SEED_TOPUP.clientCode,
};

const golden = (name: string) => new URL(`golden/${name}`, import.meta.url);

function stone(request: WireRequest) {
  return request.target === TOKEN_PATH
    ? { status: 200, body: { access_token: ACCESS_TOKEN, expires_in: 900, token_type: 'bearer' } }
    : { status: 202, body: SEED_DRY_RUN_ANSWER };
}

it('sends the token request and the dry run as their golden files say', async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  let accountsUrl = '';
  const [token, dryRun] = await recordRequests(stone, (url) => {
    accountsUrl = url;
    return createStoneTopupsClient({ clientId: CLIENT_ID, privateKey, baseUrl: url }).dryRun(
      SEED_TOPUP,
    );
  });

  const realm = {
    publicKey,
    clientId: CLIENT_ID,
    audience: `${accountsUrl}/auth/realms/stone_bank`,
  };
  const checked = await checkTokenRequest(token?.body ?? '', realm);
  if (!('claims' in checked)) expect.fail(`the assertion is refused: ${checked.refused}`);
  const assertion = new URLSearchParams(token?.body).get('client_assertion') ?? '';
  const [header, payload] = assertion
    .split('.')
    .map((part) => Buffer.from(part, 'base64url').toString());
  const varying = { accounts_url: accountsUrl, jti: String(checked.claims.jti) };

  await expectGolden(
    golden('request-access-token.http'),
    renderRequest(token, { client_assertion: assertion }),
  );
  await expectGolden(golden('client-assertion.txt'), mark(`${header}\n${payload}`, varying));
  await expectGolden(golden('dry-run.http'), renderRequest(dryRun, { access_token: ACCESS_TOKEN }));
});
