import { AuthError, type LogEntry, ValidationError } from '@telcopay/core';
import { recordingFetch } from '@telcopay/testing';
import {
  type CryptoKey,
  compactDecrypt,
  decodeProtectedHeader,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChallengeRequiredError,
  createStoneTopupsClient,
  type SolveChallengeInput,
} from '../src/index.js';
import { localServer, type ReceivedRequest } from './local-server.js';
import { SEED_TOPUP, TOKEN_PATH, UUID } from './seed.js';

const CONFIRM_PATH = '/api/v1/topups/tv';
const KEYS_PATH = '/api/v1/discovery/keys';
const ENC_KID = 'test-enc-key';
const PIN = '739153';
const CHALLENGE = { id: '81080d67-aac9-415b-868f-4403243201d3', required_types: ['pin'] };
const RECEIPT = {
  id: 'cd5ff1c2-8f7e-4f56-a9d8-241d4cd1a1a8',
  receipt: 'PRODUTO: CLARO TV\nVALOR: R$ 109,00\n',
  transaction_id: 'b6cb2b73-0e30-4a93-9de6-31201628df79',
};

let decryptionKey: CryptoKey;
let privatePem: string;
let server: Awaited<ReturnType<typeof localServer>>;
const issued: string[] = [];

/** The solution a confirmation carried, decrypted with the test's private key. */
async function decryptSolution(request: ReceivedRequest | undefined) {
  const jwe = String(request?.headers['x-stone-challenge-solution']);
  const { plaintext } = await compactDecrypt(jwe, decryptionKey);
  return {
    jwe,
    header: decodeProtectedHeader(jwe),
    payload: JSON.parse(new TextDecoder().decode(plaintext)),
  };
}

beforeAll(async () => {
  // Generated per run: no key is ever committed.
  const encryption = await generateKeyPair('RSA-OAEP-256', { extractable: true });
  const signing = await generateKeyPair('RS256', { extractable: true });
  decryptionKey = encryption.privateKey;
  privatePem = await exportPKCS8(signing.privateKey);
  const keySet = {
    keys: [
      // A signing key first: the client must pick the one whose use is enc.
      { ...(await exportJWK(signing.publicKey)), use: 'sig', alg: 'RS256', kid: 'test-sig-key' },
      { ...(await exportJWK(encryption.publicKey)), use: 'enc', alg: 'RSA-OAEP-256', kid: ENC_KID },
    ],
  };

  // A local Stone: tokens, the key set, and a confirmation that asks for a PIN challenge first
  // and accepts the solution only when it decrypts to this challenge and PIN.
  server = await localServer(async (request) => {
    if (request.path === TOKEN_PATH) {
      const token = `access-${crypto.randomUUID()}`;
      issued.push(token);
      return { status: 200, body: { access_token: token, expires_in: 900, token_type: 'bearer' } };
    }
    if (request.path === KEYS_PATH) return { status: 200, body: keySet };
    if (request.path === CONFIRM_PATH) {
      if (JSON.parse(request.body).amount === 99_999) {
        return { status: 422, body: { type: 'srn:error:not_enough_funds' } };
      }
      if (!request.headers['x-stone-challenge-solution']) {
        return {
          status: 403,
          body: { type: 'srn:error:challenge_required', challenge: CHALLENGE },
        };
      }
      const { payload } = await decryptSolution(request);
      return payload.challenge_id === CHALLENGE.id && payload.pin === PIN
        ? { status: 200, body: RECEIPT }
        : // Echoes what it refused, as a verbose server might: the client must redact it.
          {
            status: 403,
            body: {
              type: 'srn:error:forbidden',
              title: `pin ${payload.pin} refused for ${request.headers['x-stone-challenge-solution']}`,
            },
          };
    }
    return { status: 404, body: { type: 'srn:error:not_found' } };
  });
});
afterAll(() => server?.close());

function client() {
  const logs: LogEntry[] = [];
  const stone = createStoneTopupsClient({
    clientId: 'challenge-test-client',
    privateKey: privatePem,
    baseUrl: server.url,
    logger: (entry) => logs.push(entry),
  });
  return { stone, logs };
}

/** The error a call rejects with; a call that resolves fails the test. */
const failureOf = (call: Promise<unknown>): Promise<Error> =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: Error) => error,
  );

/** The confirmations the server received since `from`. */
const confirmsSince = (from: number) =>
  server.received.slice(from).filter((request) => request.path === CONFIRM_PATH);

async function challenged(stone: ReturnType<typeof client>['stone'], idempotencyKey?: string) {
  const error = await failureOf(
    stone.confirm({ ...SEED_TOPUP, ...(idempotencyKey ? { idempotencyKey } : {}) }),
  );
  expect(error).toBeInstanceOf(ChallengeRequiredError);
  return error as ChallengeRequiredError;
}

describe('a challenged confirmation', () => {
  it('becomes a ChallengeRequiredError carrying the challenge and the generated idempotency key', async () => {
    const { stone } = client();
    const from = server.received.length;
    const error = await challenged(stone);

    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 403, operation: 'confirm', challenge: CHALLENGE });
    const [sent] = confirmsSince(from);
    const sentKey = sent?.headers['x-stone-idempotency-key'];
    expect(sentKey).toMatch(UUID);
    expect(error.idempotencyKey).toBe(sentKey);
    expect(error.confirmInput).toEqual({ ...SEED_TOPUP, idempotencyKey: sentKey });
    expect(JSON.parse(JSON.stringify(error)).challenge).toEqual(CHALLENGE);
  });

  it('is sent again with the same key, body and a JWE of {challenge_id, pin} under the enc key', async () => {
    const { stone } = client();
    const from = server.received.length;
    const error = await challenged(stone);

    const result = await stone.solveChallenge({
      ...error.confirmInput,
      challenge: error.challenge,
      pin: PIN,
    });

    const [first, second] = confirmsSince(from);
    expect(confirmsSince(from)).toHaveLength(2);
    expect(second?.headers['x-stone-idempotency-key']).toBe(
      first?.headers['x-stone-idempotency-key'],
    );
    expect(JSON.parse(second?.body ?? '')).toEqual(JSON.parse(first?.body ?? ''));
    expect(first?.headers['x-stone-challenge-solution']).toBeUndefined();
    const { header, payload } = await decryptSolution(second);
    expect(payload).toEqual({ challenge_id: CHALLENGE.id, pin: PIN });
    expect(header).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: ENC_KID });
    expect(result).toEqual({ ...RECEIPT, idempotencyKey: error.idempotencyKey });
  });

  it("sends and returns the caller's idempotency key", async () => {
    const { stone } = client();
    const key = `caller-key-${crypto.randomUUID()}`;
    const from = server.received.length;
    const error = await challenged(stone, key);
    const result = await stone.solveChallenge({
      ...error.confirmInput,
      challenge: error.challenge,
      pin: PIN,
    });
    expect(
      confirmsSince(from).map((request) => request.headers['x-stone-idempotency-key']),
    ).toEqual([key, key]);
    expect(result.idempotencyKey).toBe(key);
  });

  it('fetches the key set once, without a token, for every solution of a client', async () => {
    const { stone } = client();
    const from = server.received.length;
    for (let round = 0; round < 2; round++) {
      const error = await challenged(stone);
      await stone.solveChallenge({ ...error.confirmInput, challenge: error.challenge, pin: PIN });
    }
    const keyRequests = server.received.slice(from).filter((request) => request.path === KEYS_PATH);
    expect(keyRequests).toHaveLength(1);
    expect(keyRequests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('solveChallenge input', () => {
  const valid: SolveChallengeInput = {
    ...SEED_TOPUP,
    idempotencyKey: 'a-key',
    challenge: CHALLENGE,
    pin: PIN,
  };
  it.each([
    ['pin', { pin: '' }],
    ['idempotencyKey', { idempotencyKey: undefined }],
    ['challenge', { challenge: { id: '', required_types: ['pin'] } }],
    ['challenge.required_types', { challenge: { ...CHALLENGE, required_types: ['pin', 'totp'] } }],
    ['amount', { amount: 0 }],
  ])('without a valid %s is refused before anything is sent', async (field, change) => {
    const recorder = recordingFetch();
    const stone = createStoneTopupsClient({
      clientId: 'challenge-test-client',
      privateKey: privatePem,
      baseUrl: server.url,
      fetch: recorder.fetch,
    });
    const input = { ...valid, ...change } as SolveChallengeInput;
    await expect(stone.solveChallenge(input)).rejects.toSatisfy(
      (error) => error instanceof ValidationError && error.field === field,
    );
    expect(recorder.requests).toHaveLength(0);
  });
});

describe('secrets', () => {
  it('keeps the PIN, the JWE, the tokens, the assertion and the key out of errors and logs', async () => {
    const { stone, logs } = client();
    const from = server.received.length;
    const errors: Error[] = [];
    const error = await challenged(stone);
    errors.push(error);
    await stone.solveChallenge({ ...error.confirmInput, challenge: error.challenge, pin: PIN });
    const refused = await challenged(stone);
    errors.push(refused);
    errors.push(
      await failureOf(
        stone.solveChallenge({
          ...refused.confirmInput,
          challenge: refused.challenge,
          pin: `${PIN}0`,
        }),
      ),
      await failureOf(stone.confirm({ ...SEED_TOPUP, amount: 99_999 })),
    );
    expect(errors.map((failure) => (failure as AuthError).status)).toEqual([403, 403, 403, 422]);

    const received = server.received.slice(from);
    const jwes = received.flatMap((request) => request.headers['x-stone-challenge-solution'] ?? []);
    const assertions = received
      .filter((request) => request.path === TOKEN_PATH)
      .map((request) => new URLSearchParams(request.body).get('client_assertion') ?? '');
    const tokens = received.flatMap((request) =>
      request.headers.authorization ? [request.headers.authorization.replace('Bearer ', '')] : [],
    );
    expect(jwes).toHaveLength(2);
    expect(assertions.length).toBeGreaterThan(0);
    expect(tokens.length).toBeGreaterThan(0);
    expect(logs.length).toBeGreaterThan(0);

    const surfaces = [
      ...errors.flatMap((failure) => [failure.message, failure.stack, JSON.stringify(failure)]),
      ...logs.map((entry) => JSON.stringify(entry)),
    ].join('\n');
    for (const secret of [PIN, ...jwes, ...assertions, ...tokens, privatePem]) {
      expect(surfaces).not.toContain(secret);
    }
  });
});
