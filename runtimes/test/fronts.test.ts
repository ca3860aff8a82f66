// The fronts are what make the matrix's Chinchin and Stone cells proofs: these tests show that
// each refuses what it must (a front that let everything through would pass every cell).
import { AuthError, createChinchinCpsClient, SERVICE_IDS } from '@telcopay/chinchin-cps';
import { ChallengeRequiredError, createStoneTopupsClient } from '@telcopay/stone-topups';
import { mockUrl, recordingFetch } from '@telcopay/testing';
import { CompactEncrypt, exportPKCS8, generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinchinVerifier } from '../src/fronts/chinchin-verifier.js';
import { type Front, startFront } from '../src/fronts/front.js';
import { stoneGateway } from '../src/fronts/stone-gateway.js';
import { makeSecrets, type RunSecrets } from '../src/secrets.js';

let secrets: RunSecrets;
beforeAll(async () => {
  secrets = await makeSecrets();
}, 60_000);

/** Resolves to the error a call that must fail rejects with. */
const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => expect.unreachable('the call must be refused'),
    (error: unknown) => error,
  );

describe('the Chinchin verifier', () => {
  let front: Front;
  beforeAll(async () => {
    front = await startFront(
      mockUrl('chinchin-cps'),
      chinchinVerifier(secrets.credentials.chinchinCps),
    );
  });
  afterAll(() => front?.close());
  const client = (options: { apiKey?: string; fetch?: (request: Request) => Promise<Response> }) =>
    createChinchinCpsClient({ ...secrets.credentials.chinchinCps, baseUrl: front.url, ...options });
  const payment = {
    numberService: '04243675525',
    idTypeService: SERVICE_IDS.MOVISTAR_PREPAGO,
    amount: 10,
  };

  it('passes a request signed with the secret to the mock', async () => {
    await expect(client({}).payService(payment)).resolves.toMatchObject({ status: 'APPROVED' });
    expect(front.transcript.at(-1)).toBe(
      'POST /cps/v2/operation/use/pay → mock 200 (signature verified)',
    );
  });

  it('refuses a body changed after signing', async () => {
    const tampering = async (request: Request) =>
      fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: (await request.text()).replace('"amount":10', '"amount":99'),
      });
    const error = await failureOf(client({ fetch: tampering }).payService(payment));
    expect(error).toBeInstanceOf(AuthError);
    expect(front.transcript.at(-1)).toBe(
      'POST /cps/v2/operation/use/pay → front 401 (signature refused)',
    );
  });

  it('refuses a replayed request (its nonce does not grow) and an unknown api-key', async () => {
    const recorder = recordingFetch();
    await client({ fetch: recorder.fetch }).listBasicServices();
    const [sent] = recorder.requests;
    if (!sent) throw new Error('the client sent nothing');
    const replayed = await fetch(sent.url, { headers: sent.headers });
    expect(replayed.status).toBe(401);
    expect(front.transcript.at(-1)).toContain('front 401 (nonce not increasing)');

    await failureOf(client({ apiKey: 'someone-else' }).listBasicServices());
    expect(front.transcript.at(-1)).toContain('front 401 (unknown api-key)');
  });
});

describe('the Stone gateway', () => {
  let front: Front;
  beforeAll(async () => {
    front = await startFront(mockUrl('stone-topups'), stoneGateway(secrets.stone));
  });
  afterAll(() => front?.close());
  const client = (privateKey?: string) =>
    createStoneTopupsClient({
      ...secrets.credentials.stoneTopups,
      ...(privateKey ? { privateKey } : {}),
      baseUrl: front.url,
    });
  const topup = { providerId: 2126, amount: 10900, clientCode: '10036389709' };
  const tokenPath = '/auth/realms/stone_bank/protocol/openid-connect/token';

  it('issues a token only for an assertion the application key signed', async () => {
    await expect(client().requestAccessToken()).resolves.toMatchObject({ expires_in: 900 });
    const other = await generateKeyPair('RS256', { extractable: true });
    const error = await failureOf(client(await exportPKCS8(other.privateKey)).requestAccessToken());
    expect(error).toMatchObject({ status: 401 });
    expect(front.transcript.slice(-2)).toEqual([
      `POST ${tokenPath} → front 200 (assertion verified)`,
      `POST ${tokenPath} → front 401 (assertion refused)`,
    ]);
  });

  it('refuses an assertion for another audience, and one sent twice', async () => {
    const { clientId } = secrets.stone;
    const applicationKey = await importPKCS8(secrets.credentials.stoneTopups.privateKey, 'RS256');
    const assertion = (audience: string) =>
      new SignJWT({ realm: 'stone_bank' })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(clientId)
        .setSubject(clientId)
        .setAudience(audience)
        .setJti(crypto.randomUUID())
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime('5m')
        .sign(applicationKey);
    const askToken = (clientAssertion: string) =>
      fetch(`${front.url}${tokenPath}`, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: clientId,
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion,
        }),
      }).then((response) => response.status);

    expect(await askToken(await assertion('https://accounts.example/auth/realms/stone_bank'))).toBe(
      401,
    );
    const good = await assertion(`${front.url}/auth/realms/stone_bank`);
    expect([await askToken(good), await askToken(good)]).toEqual([200, 401]);
  });

  it('refuses a bearer token it did not issue', async () => {
    const response = await fetch(`${front.url}/api/v1/topups/tv/providers`, {
      headers: { authorization: 'Bearer made-up' },
    });
    expect(response.status).toBe(401);
  });

  it('refuses a wrong PIN, another challenge, and a solution under another key', async () => {
    const { pin } = secrets.stone;
    const stone = client();
    const challenged = await failureOf(stone.confirm(topup));
    expect(challenged).toBeInstanceOf(ChallengeRequiredError);
    const { confirmInput, challenge } = challenged as ChallengeRequiredError;

    const wrongPin = await failureOf(
      stone.solveChallenge({ ...confirmInput, challenge, pin: `${pin}1` }),
    );
    const otherChallenge = await failureOf(
      stone.solveChallenge({
        ...confirmInput,
        challenge: { ...challenge, id: crypto.randomUUID() },
        pin,
      }),
    );
    const stranger = await generateKeyPair('RSA-OAEP-256');
    const underAnotherKey = await new CompactEncrypt(
      new TextEncoder().encode(JSON.stringify({ challenge_id: challenge.id, pin })),
    )
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: secrets.stone.encryptionKid })
      .encrypt(stranger.publicKey);
    const { access_token } = await stone.requestAccessToken();
    const sentRaw = await fetch(`${front.url}/api/v1/topups/tv`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${access_token}`,
        'content-type': 'application/json',
        'x-stone-idempotency-key': confirmInput.idempotencyKey,
        'x-stone-challenge-solution': underAnotherKey,
      },
      body: JSON.stringify({}),
    });

    expect([wrongPin, otherChallenge]).toMatchObject([{ status: 403 }, { status: 403 }]);
    expect(sentRaw.status).toBe(403);
    // The right solution still passes: the refusals were the solutions', not the challenge's.
    await expect(
      stone.solveChallenge({ ...confirmInput, challenge, pin: pin ?? '' }),
    ).resolves.toMatchObject({ idempotencyKey: confirmInput.idempotencyKey });
    expect(front.transcript.filter((line) => line.startsWith('POST /api/v1/topups/tv →'))).toEqual([
      'POST /api/v1/topups/tv → front 403 (challenge issued)',
      'POST /api/v1/topups/tv → front 403 (solution refused)',
      'POST /api/v1/topups/tv → front 403 (solution refused)',
      'POST /api/v1/topups/tv → front 403 (solution refused)',
      'POST /api/v1/topups/tv → mock 200 (solution decrypted: challenge and PIN match)',
    ]);
  });
});
