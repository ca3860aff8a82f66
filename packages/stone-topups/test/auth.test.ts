import { AuthError, BusinessError, type LogEntry, ValidationError } from '@telcopay/core';
import { recordingFetch } from '@telcopay/testing';
import { type CryptoKey, decodeJwt, exportPKCS8, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoneTopupsClient, type StoneTopupsClientOptions } from '../src/index.js';
import {
  ASSERTION_TYPE,
  checkTokenRequest,
  STONE_SDK_CLAIMS,
  STONE_SDK_FORM_FIELDS,
} from './keycloak.js';
import { type Answer, localServer, type ReceivedRequest } from './local-server.js';
import { SEED_PROVIDERS, TOKEN_PATH, UUID } from './seed.js';

const CLIENT_ID = '065ecb08-2439-40c0-8e13-2b43c21743e3';
const PROVIDERS_PATH = '/api/v1/topups/tv/providers';

let privateKey: CryptoKey;
let publicKey: CryptoKey;
let privatePem: string;

beforeAll(async () => {
  // Generated per run: no key is ever committed.
  ({ privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true }));
  privatePem = await exportPKCS8(privateKey);
});

/**
 * A local Stone: the token endpoint verifies the client assertion as a strict realm would
 * (signature, and every claim of Stone's Go SDK: keycloak.ts) and issues a new token per
 * request; the API answers the seed's provider list to a bearer token it issued.
 * `tokenAnswer`/`apiAnswer` override an answer.
 */
async function stone(
  overrides: {
    tokenAnswer?: (request: ReceivedRequest) => Answer | undefined;
    apiAnswer?: (request: ReceivedRequest) => Answer | undefined;
  } = {},
) {
  const issued: string[] = [];
  const server = await localServer(async (request) => {
    if (request.path === TOKEN_PATH) {
      const override = overrides.tokenAnswer?.(request);
      if (override) return override;
      const checked = await checkTokenRequest(request.body, {
        publicKey,
        clientId: CLIENT_ID,
        audience: `http://${request.headers.host}/auth/realms/stone_bank`,
      });
      if ('refused' in checked) {
        return {
          status: 400,
          body: { error: 'unauthorized_client', error_description: checked.refused },
        };
      }
      const token = `access-${issued.length + 1}-${crypto.randomUUID()}`;
      issued.push(token);
      return { status: 200, body: { access_token: token, expires_in: 900, token_type: 'bearer' } };
    }
    const override = overrides.apiAnswer?.(request);
    if (override) return override;
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    if (!bearer || !issued.includes(bearer)) {
      return { status: 401, body: { type: 'srn:error:unauthenticated' } };
    }
    return { status: 200, body: SEED_PROVIDERS };
  });
  return { ...server, issued };
}

let servers: Awaited<ReturnType<typeof stone>>[] = [];
async function startStone(overrides?: Parameters<typeof stone>[0]) {
  const server = await stone(overrides);
  servers.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

function client(baseUrl: string, options: Partial<StoneTopupsClientOptions> = {}) {
  const logs: LogEntry[] = [];
  const stoneClient = createStoneTopupsClient({
    clientId: CLIENT_ID,
    privateKey: privatePem,
    baseUrl,
    logger: (entry) => logs.push(entry),
    ...options,
  });
  return { stone: stoneClient, logs };
}

function formOf(request: ReceivedRequest | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request?.body));
}

describe('the client assertion', () => {
  it.each([
    ['a PKCS#8 PEM', () => privatePem],
    ['a CryptoKey', () => privateKey],
  ])(
    "carries exactly the claims of Stone's Go SDK, signed with %s, posted as its form",
    async (_, key) => {
      const server = await startStone();
      const { stone: stoneClient } = client(server.url, { privateKey: key() });
      const before = Math.floor(Date.now() / 1000);

      // The local token endpoint refuses an assertion without any of the SDK's claims.
      await expect(stoneClient.listProviders()).resolves.toEqual(SEED_PROVIDERS);

      const [tokenRequest] = server.on(TOKEN_PATH);
      expect(tokenRequest?.method).toBe('POST');
      expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(tokenRequest?.headers.authorization).toBeUndefined();
      const form = formOf(tokenRequest);
      expect(Object.keys(form)).toEqual([...STONE_SDK_FORM_FIELDS]);
      expect(form).toMatchObject({
        client_assertion_type: ASSERTION_TYPE,
        client_id: CLIENT_ID,
        grant_type: 'client_credentials',
      });

      const payload = decodeJwt(form.client_assertion ?? '');
      expect(Object.keys(payload)).toEqual([...STONE_SDK_CLAIMS]);
      const iat = payload.iat ?? 0;
      expect(payload).toEqual({
        aud: `${server.url}/auth/realms/stone_bank`,
        client_id: CLIENT_ID,
        // Ours lives 5 minutes where the SDK's lives 2 hours (assertion.ts says why).
        exp: iat + 300,
        iat,
        iss: CLIENT_ID,
        jti: expect.stringMatching(UUID),
        nbf: iat,
        realm: 'stone_bank',
        sub: CLIENT_ID,
      });
      expect(iat).toBeGreaterThanOrEqual(before);
      expect(iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));

      const [apiRequest] = server.on(PROVIDERS_PATH);
      expect(apiRequest?.headers.authorization).toBe(`Bearer ${server.issued[0]}`);
    },
  );

  it.each(STONE_SDK_CLAIMS)(
    'is refused by the local token endpoint without its %s claim',
    async (claim) => {
      const server = await startStone();
      await client(server.url).stone.requestAccessToken();
      const form = formOf(server.on(TOKEN_PATH)[0]);
      const claims = decodeJwt(form.client_assertion ?? '');
      const post = async (payload: Record<string, unknown>) => {
        const assertion = await new SignJWT(payload)
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
          .sign(privateKey);
        const body = new URLSearchParams({ ...form, client_assertion: assertion });
        return (await fetch(`${server.url}${TOKEN_PATH}`, { method: 'POST', body })).status;
      };
      const { [claim]: _, ...withoutClaim } = claims;

      // The same claims signed again pass: only the missing claim makes the difference.
      expect(await post(claims)).toBe(200);
      expect(await post(withoutClaim)).toBe(400);
    },
  );

  it('is signed anew for every token request (a fresh jti)', async () => {
    const server = await startStone();
    const { stone: stoneClient } = client(server.url);
    await stoneClient.requestAccessToken();
    await stoneClient.requestAccessToken();
    const jtis = server
      .on(TOKEN_PATH)
      .map((request) => decodeJwt(formOf(request).client_assertion ?? '').jti);
    expect(jtis).toHaveLength(2);
    expect(jtis[0]).not.toBe(jtis[1]);
  });
});

describe('the access token', () => {
  it('is requested once for 100 concurrent calls, then reused', async () => {
    const server = await startStone();
    const { stone: stoneClient } = client(server.url);

    const lists = await Promise.all(Array.from({ length: 100 }, () => stoneClient.listProviders()));
    await stoneClient.listProviders();

    expect(lists.every((list) => JSON.stringify(list) === JSON.stringify(SEED_PROVIDERS))).toBe(
      true,
    );
    expect(server.on(TOKEN_PATH)).toHaveLength(1);
    const bearers = new Set(
      server.on(PROVIDERS_PATH).map((request) => request.headers.authorization),
    );
    expect(server.on(PROVIDERS_PATH)).toHaveLength(101);
    expect(bearers).toEqual(new Set([`Bearer ${server.issued[0]}`]));
  });

  it('is replaced when the API refuses it, and the call is sent once more', async () => {
    let refusals = 0;
    const server = await startStone({
      apiAnswer: () =>
        refusals++ === 0 ? { status: 401, body: { type: 'srn:error:unauthenticated' } } : undefined,
    });
    const { stone: stoneClient } = client(server.url);

    await expect(stoneClient.listProviders()).resolves.toEqual(SEED_PROVIDERS);
    expect(server.on(TOKEN_PATH)).toHaveLength(2);
    expect(server.on(PROVIDERS_PATH).map((request) => request.headers.authorization)).toEqual([
      `Bearer ${server.issued[0]}`,
      `Bearer ${server.issued[1]}`,
    ]);
  });
});

describe('token endpoint failures', () => {
  it.each([
    [
      400,
      {
        error: 'unauthorized_client',
        error_description: 'Client authentication with signed JWT failed',
      },
    ],
    [401, { error: 'invalid_client', error_description: 'Invalid client credentials' }],
  ])(
    'a %i becomes an AuthError of the call, sent once, with no secret in it',
    async (status, body) => {
      // The endpoint even echoes the assertion, as a verbose server might.
      const server = await startStone({
        tokenAnswer: (request) => ({
          status,
          body: {
            ...body,
            error_description: `${body.error_description}: ${formOf(request).client_assertion}`,
          },
        }),
      });
      const { stone: stoneClient, logs } = client(server.url);

      const error = await stoneClient.listProviders().catch((failure: unknown) => failure);

      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({
        status,
        operation: 'requestAccessToken',
        body: { ...body, error_description: `${body.error_description}: [REDACTED]` },
      });
      expect(server.on(TOKEN_PATH)).toHaveLength(1);
      expect(server.on(PROVIDERS_PATH)).toHaveLength(0);
      const assertion = formOf(server.on(TOKEN_PATH)[0]).client_assertion ?? '';
      expect(assertion.length).toBeGreaterThan(100);
      const surfaces = [
        (error as Error).message,
        (error as Error).stack,
        JSON.stringify(error),
        ...logs.map((entry) => JSON.stringify(entry)),
      ].join('\n');
      expect(logs.length).toBeGreaterThan(0);
      for (const secret of [
        assertion,
        privatePem,
        ...privatePem.split('\n').filter((line) => line.length > 40),
      ]) {
        expect(surfaces).not.toContain(secret);
      }
    },
  );
});

describe('a token answer without an access_token', () => {
  it('is an AuthError of the call, its BusinessError the cause, asked once and sent nowhere', async () => {
    const server = await startStone({
      tokenAnswer: () => ({ status: 200, body: { token_type: 'Bearer', expires_in: 300 } }),
    });
    const { stone: stoneClient } = client(server.url);

    const error = await stoneClient.listProviders().catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ operation: 'requestAccessToken', status: 200, retryable: false });
    expect((error as Error).cause).toBeInstanceOf(BusinessError);
    expect((error as Error).message).toBe(
      'stone-topups requestAccessToken was refused by the provider: no access_token issued',
    );
    expect(server.on(TOKEN_PATH)).toHaveLength(1);
    expect(server.on(PROVIDERS_PATH)).toHaveLength(0);
  });
});

describe('the private key', () => {
  it('must look like a PKCS#8 PEM when given as text', () => {
    expect(() => client('http://127.0.0.1:1', { privateKey: 'not a key' })).toThrow(
      ValidationError,
    );
    expect(() =>
      client('http://127.0.0.1:1', {
        privateKey: privatePem.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY'),
      }),
    ).toThrow(expect.objectContaining({ field: 'privateKey' }));
  });

  it('that cannot sign fails as a ValidationError before any request is sent', async () => {
    const recorder = recordingFetch();
    const broken = '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n';
    const { stone: stoneClient } = client('http://127.0.0.1:1', {
      privateKey: broken,
      fetch: recorder.fetch,
    });
    await expect(stoneClient.listProviders()).rejects.toSatisfy(
      (error) => error instanceof ValidationError && error.field === 'privateKey',
    );
    expect(recorder.requests).toHaveLength(0);
  });

  it('needs a client id', () => {
    expect(() => client('http://127.0.0.1:1', { clientId: '' })).toThrow(
      expect.objectContaining({ field: 'clientId' }),
    );
  });
});
