import {
  type CallOptions,
  type ClientOptions,
  createProviderRuntime,
  NO_AUTH,
  operationMethods,
  requireCredential,
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
  type Challenge,
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
import { OPERATIONS } from './generated/operations.js';
import type { components, paths } from './generated/schema.js';
import {
  type ConfirmInput,
  checkedIdempotencyKey,
  confirmRetryOf,
  invalidInput,
  providerIdOf,
  type TopupInput,
  topupBody,
} from './topup-input.js';

type Schemas = components['schemas'];
export type ProviderList = Schemas['ProviderList'];
export type ProductList = Schemas['ProductList'];
export type TopupDryRun = Schemas['TvTopupDryRun'];
export type TopupReceipt = Schemas['TvTopupReceipt'];
export type Jwks = Schemas['Jwks'];
export type TokenResponse = Schemas['TokenResponse'];

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

export interface StoneTopupsClient {
  /** The pay-TV providers (Claro TV, Oi TV, SKY TV) with their ids. */
  listProviders(call?: CallOptions): Promise<ProviderList>;
  /** A provider's plans; `value` is integer cents. */
  listValues(providerId: number | string, call?: CallOptions): Promise<ProductList>;
  /** Simulates a top-up (202): the amount that would be charged. Moves no money. */
  dryRun(input: TopupInput, call?: CallOptions): Promise<TopupDryRun>;
  /**
   * Confirms a top-up: money moves. Always sent with `x-stone-idempotency-key` (the caller's or
   * a new UUID), returned with the receipt; send the same key again to retry safely. A PIN
   * challenge rejects with `ChallengeRequiredError` (see `solveChallenge`).
   */
  confirm(input: ConfirmInput, call?: CallOptions): Promise<ConfirmResult>;
  /**
   * Sends the challenged confirmation again, same idempotency key, with the solution: a JWE of
   * `{challenge_id, pin}` under Stone's `enc` key (fetched once and cached).
   */
  solveChallenge(input: SolveChallengeInput, call?: CallOptions): Promise<ConfirmResult>;
  /** Stone's public keys (JWKS); needs no token. */
  getDiscoveryKeys(call?: CallOptions): Promise<Jwks>;
  /** A new access token. The client gets and caches its own; this is for other uses. */
  requestAccessToken(call?: CallOptions): Promise<TokenResponse>;
  /** The underlying openapi-fetch client for the API host, with auth and logging. */
  raw: Client<paths>;
}

export function createStoneTopupsClient(options: StoneTopupsClientOptions): StoneTopupsClient {
  requireCredential(PROVIDER, 'clientId', options.clientId);
  checkPrivateKey(options.privateKey);
  const { clientId, privateKey, accountId } = options;
  const accountsUrl = resolveAccountsUrl(options);
  const runtime = createProviderRuntime<paths, StoneTopupsEnvironment>(
    {
      provider: PROVIDER,
      environments: STONE_TOPUPS_ENVIRONMENTS,
      secretNames: MANIFEST.secretNames,
    },
    options,
    stoneAuth({
      issueToken: (): Promise<TokenResponse> => methods.requestAccessToken(),
      secrets: [typeof privateKey === 'string' ? privateKey : undefined],
    }),
  );
  const { secrets, logger } = runtime;
  const methods = operationMethods(runtime, OPERATIONS, {
    listProviders: {},
    listValues: {
      request: (providerId: number | string) => ({
        params: { path: { provider_id: Number(providerIdOf(providerId, 'listValues')) } },
      }),
    },
    // A simulation: it moves no money, so sending it again is harmless.
    dryRun: { request: (input: TopupInput) => ({ body: topupBody(input, accountId, 'dryRun') }) },
    confirm: {
      // Sent with the caller's idempotency key, or one core makes: a resend is the same top-up.
      request: (input: ConfirmInput & { solution?: string }) => ({
        body: topupBody(input, accountId, 'confirm'),
        idempotencyKey: checkedIdempotencyKey(input.idempotencyKey, 'confirm'),
        params: {
          header: input.solution ? { 'x-stone-challenge-solution': input.solution } : {},
        },
      }),
      returns: 'body-with-key',
      mapError: (error, request, { idempotencyKey }) =>
        asChallengeRequired(error, confirmRetryOf(request.body, idempotencyKey)),
    },
    // The public key set and the token request carry no bearer token.
    getDiscoveryKeys: { auth: NO_AUTH },
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
        } satisfies Schemas['TokenRequest'],
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
  });
  const { getDiscoveryKeys: fetchEncryptionKeys } = operationMethods(runtime, OPERATIONS, {
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
      return methods.confirm({ ...confirmation, solution }, call);
    },
  };
}
