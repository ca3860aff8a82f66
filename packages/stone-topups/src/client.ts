import {
  type CallOptions,
  type ClientOptions,
  clientMethods,
  manifestRuntime,
  NO_AUTH,
  type ProviderRuntime,
  requireCredential,
  takesValue,
} from '@telcopay/core';
import type { Client } from 'openapi-fetch';
import {
  assertionAuth,
  assertionSigner,
  checkPrivateKey,
  type PrivateKeyInput,
} from './assertion.js';
import { stoneAuth } from './auth.js';
import {
  asChallengeRequired,
  checkSolution,
  encryptionKeyCache,
  encryptSolution,
  missingEncryptionKey,
} from './challenge.js';
import {
  PROVIDER,
  resolveAccountsUrl,
  STONE_TOPUPS_ENVIRONMENTS,
  type StoneTopupsEnvironment,
} from './environments.js';
import { MANIFEST } from './generated/manifest.js';
import { type Definitions, type Methods, OPERATIONS } from './generated/operations.js';
import type { components, paths } from './generated/schema.js';
import type { Challenge, TokenResponse, TopupReceipt } from './generated/types.js';
import {
  type ConfirmInput,
  checkedIdempotencyKey,
  confirmRetryOf,
  invalidInput,
  type TopupInput,
  topupBody,
} from './topup-input.js';

/** A confirmed top-up: the receipt, and the idempotency key it was sent with. */
export type ConfirmResult = TopupReceipt & { idempotencyKey: string };

/** The challenged confirmation again, with the challenge and the account holder's PIN. */
export interface SolveChallengeInput extends TopupInput {
  /** The idempotency key of the challenged confirmation (required: it is the same top-up). */
  idempotencyKey: string;
  challenge: Challenge;
  pin: string;
}

export interface StoneTopupsClientOptions extends ClientOptions<StoneTopupsEnvironment> {
  /** The application's client id (the assertion's `iss` and `sub`). */
  clientId: string;
  /** The application's RSA private key, a PKCS#8 PEM or a CryptoKey. Never sent, never logged. */
  privateKey: PrivateKeyInput;
  /** The accounts host for tokens; defaults to `baseUrl` when given, else the environment's. */
  accountsUrl?: string | undefined;
  /** The Stone account charged when a top-up does not name one. */
  accountId?: string | undefined;
}

/** The client's methods, for the options' account and application. */
function definitions(
  { accountId, clientId, privateKey }: StoneTopupsClientOptions,
  accountsUrl: string,
  { secrets, logger }: ProviderRuntime<paths>,
) {
  return {
    /** The pay-TV providers (Claro TV, Oi TV, SKY TV) with their ids. */
    listProviders: {},
    /** A provider's plans; `value` is integer cents. */
    listValues: { request: takesValue<[providerId: number | string]>() },
    /** Simulates a top-up (202): the amount that would be charged. Moves no money. */
    dryRun: { request: (input: TopupInput) => ({ body: topupBody(input, accountId, 'dryRun') }) },
    /**
     * Confirms a top-up: money moves. Always sent with `x-stone-idempotency-key` (the caller's or
     * a new UUID), returned with the receipt; send the same key again to retry safely. A PIN
     * challenge rejects with `ChallengeRequiredError` (see `solveChallenge`).
     */
    confirm: {
      request(input: ConfirmInput) {
        // A challenge's solution comes from solveChallenge only.
        const { solution } = input as ConfirmInput & { solution?: string };
        return {
          body: topupBody(input, accountId, 'confirm'),
          idempotencyKey: checkedIdempotencyKey(input.idempotencyKey, 'confirm'),
          params: { header: solution ? { 'x-stone-challenge-solution': solution } : {} },
        };
      },
      returns: 'body-with-key',
      mapError: (error, request, { idempotencyKey }) =>
        asChallengeRequired(error, confirmRetryOf(request.body, idempotencyKey)),
    },
    /** Stone's public keys (JWKS); needs no token. */
    getDiscoveryKeys: { auth: NO_AUTH },
    /** A new access token. The client gets and caches its own; this is for other uses. */
    requestAccessToken: {
      auth: assertionAuth(assertionSigner({ clientId, privateKey, accountsUrl })),
      baseUrl: accountsUrl,
      request: {
        // The assertion replaces the empty stand-in as the auth serialises the form
        // (assertion.ts). The fields come in the order of Stone's Go SDK (`url.Values.Encode`
        // sorts them), so the form is byte for byte the one Stone's own client sends.
        body: {
          client_assertion: '',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_id: clientId,
          grant_type: 'client_credentials',
        } satisfies components['schemas']['TokenRequest'],
      },
      businessFailure: (token) => (token.access_token ? undefined : 'no access_token issued'),
      tokenRequest: true,
      result(issued) {
        secrets.add(issued.access_token);
        logger({
          level: 'debug',
          event: 'token',
          message: `access token issued for ${issued.expires_in} s`,
          provider: PROVIDER,
          operation: 'requestAccessToken',
          fields: { expiresInSeconds: issued.expires_in },
        });
        return issued;
      },
    },
  } satisfies Definitions;
}

export type StoneTopupsClient = Methods<ReturnType<typeof definitions>> & {
  /**
   * Sends the challenged confirmation again, same idempotency key, with the solution: a JWE of
   * `{challenge_id, pin}` under Stone's `enc` key (fetched once and cached).
   */
  solveChallenge(input: SolveChallengeInput, call?: CallOptions): Promise<ConfirmResult>;
  /** The underlying openapi-fetch client for the API host, with auth and logging. */
  raw: Client<paths>;
};

export function createStoneTopupsClient(options: StoneTopupsClientOptions): StoneTopupsClient {
  requireCredential(PROVIDER, 'clientId', options.clientId);
  checkPrivateKey(options.privateKey);
  const { privateKey, accountId } = options;
  const accountsUrl = resolveAccountsUrl(options);
  const runtime = manifestRuntime<paths, StoneTopupsEnvironment>(
    MANIFEST,
    options,
    stoneAuth({
      issueToken: (): Promise<TokenResponse> => methods.requestAccessToken(),
      secrets: [typeof privateKey === 'string' ? privateKey : undefined],
    }),
    STONE_TOPUPS_ENVIRONMENTS,
  );
  const { secrets } = runtime;
  const methods = clientMethods(runtime, OPERATIONS, definitions(options, accountsUrl, runtime));
  const { getDiscoveryKeys: fetchEncryptionKeys } = clientMethods(runtime, OPERATIONS, {
    getDiscoveryKeys: { auth: NO_AUTH, businessFailure: missingEncryptionKey },
  });
  const encryptionKey = encryptionKeyCache(fetchEncryptionKeys);

  return {
    raw: runtime.raw,
    ...methods,

    async solveChallenge(input, call) {
      const { challenge, pin, ...confirmation } = input;
      if (confirmation.idempotencyKey === undefined) {
        invalidInput(
          'confirm',
          'idempotencyKey',
          'idempotencyKey must be the key of the challenged confirmation (ChallengeRequiredError.confirmInput).',
        );
      }
      // The confirmation is checked before the key set is fetched: a wrong one sends nothing.
      checkedIdempotencyKey(confirmation.idempotencyKey, 'confirm');
      topupBody(confirmation, accountId, 'confirm');
      checkSolution(challenge, pin, 'confirm');
      secrets.add(pin);
      const key = await encryptionKey({ signal: call?.signal, timeoutMs: call?.timeoutMs });
      const solution = await encryptSolution(key, challenge.id, pin);
      secrets.add(solution);
      return methods.confirm({ ...confirmation, solution } as ConfirmInput, call);
    },
  };
}
