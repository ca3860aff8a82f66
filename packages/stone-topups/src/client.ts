import {
  type CallOptions,
  type ClientOptions,
  createProviderRuntime,
  resolveBaseUrl,
  ValidationError,
} from '@telcopay/core';
import createClient, { type Client } from 'openapi-fetch';
import { assertionSigner, checkPrivateKey, type PrivateKeyInput, TOKEN_PATH } from './assertion.js';
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
import type { components, paths } from './generated/schema.js';
import {
  type ConfirmInput,
  confirmRetryOf,
  idempotencyKeyOf,
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

const FORM = 'application/x-www-form-urlencoded';

export function createStoneTopupsClient(options: StoneTopupsClientOptions): StoneTopupsClient {
  if (typeof options.clientId !== 'string' || options.clientId === '') {
    throw new ValidationError('clientId is required.', {
      provider: PROVIDER,
      operation: 'createClient',
      field: 'clientId',
    });
  }
  checkPrivateKey(options.privateKey);
  const { clientId, privateKey } = options;
  const apiUrl = resolveBaseUrl(PROVIDER, options, STONE_TOPUPS_ENVIRONMENTS);
  const accountsUrl = resolveAccountsUrl(options);
  const signAssertion = assertionSigner({ clientId, privateKey, accountsUrl });

  const runtime = createProviderRuntime<paths, StoneTopupsEnvironment>(
    { provider: PROVIDER, environments: STONE_TOPUPS_ENVIRONMENTS },
    options,
    stoneAuth({
      issueToken: () => client.requestAccessToken(),
      secrets: [typeof privateKey === 'string' ? privateKey : undefined],
    }),
  );
  const { raw, run, secrets, logger } = runtime;
  // The calls that carry no bearer token: the token request itself and the public key set.
  const publicClient = createClient<paths>({
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    ...(options.headers ? { headers: options.headers } : {}),
  });

  const fetchKeys = (call?: CallOptions, businessFailure?: (jwks: Jwks) => string | undefined) =>
    run(
      {
        operation: 'getDiscoveryKeys',
        idempotent: true,
        send: ({ signal, headers }) =>
          publicClient.GET('/api/v1/discovery/keys', { baseUrl: apiUrl, headers, signal }),
        ...(businessFailure ? { businessFailure } : {}),
      },
      call,
    );
  const encryptionKey = encryptionKeyCache((call) => fetchKeys(call, missingEncryptionKey));

  async function sendConfirm(
    body: Schemas['TvTopupRequest'],
    idempotencyKey: string,
    solution: string | undefined,
    call: CallOptions | undefined,
  ): Promise<ConfirmResult> {
    const receipt = await run(
      {
        operation: 'confirm',
        // The idempotency key makes a resend the same top-up, not a second charge.
        idempotent: true,
        moneyMoving: true,
        idempotencyKey,
        send: ({ signal, headers }) =>
          raw.POST('/api/v1/topups/tv', {
            body,
            params: {
              header: {
                'x-stone-idempotency-key': idempotencyKey,
                ...(solution ? { 'x-stone-challenge-solution': solution } : {}),
              },
            },
            headers,
            signal,
          }),
      },
      call,
    ).catch((error: unknown) => {
      throw asChallengeRequired(error, confirmRetryOf(body, idempotencyKey));
    });
    return { ...receipt, idempotencyKey };
  }

  const client: StoneTopupsClient = {
    raw,

    listProviders(call) {
      return run(
        {
          operation: 'listProviders',
          idempotent: true,
          send: ({ signal, headers }) =>
            raw.GET('/api/v1/topups/tv/providers', { headers, signal }),
        },
        call,
      );
    },

    async listValues(providerId, call) {
      const id = Number(providerIdOf(providerId, 'listValues'));
      return run(
        {
          operation: 'listValues',
          idempotent: true,
          send: ({ signal, headers }) =>
            raw.GET('/api/v1/topups/tv/values/{provider_id}', {
              params: { path: { provider_id: id } },
              headers,
              signal,
            }),
        },
        call,
      );
    },

    async dryRun(input, call) {
      const body = topupBody(input, options.accountId, 'dryRun');
      return run(
        {
          operation: 'dryRun',
          // A simulation: it moves no money, so sending it again is harmless.
          idempotent: true,
          send: ({ signal, headers }) =>
            raw.POST('/api/v1/topups/tv/dry-run', { body, headers, signal }),
        },
        call,
      );
    },

    async confirm(input, call) {
      const idempotencyKey = idempotencyKeyOf(input.idempotencyKey, 'confirm');
      const body = topupBody(input, options.accountId, 'confirm');
      return sendConfirm(body, idempotencyKey, undefined, call);
    },

    async solveChallenge(input, call) {
      if (input.idempotencyKey === undefined) {
        invalidInput(
          'confirm',
          'idempotencyKey',
          'idempotencyKey must be the key of the challenged confirmation (ChallengeRequiredError.confirmInput).',
        );
      }
      const idempotencyKey = idempotencyKeyOf(input.idempotencyKey, 'confirm');
      const body = topupBody(input, options.accountId, 'confirm');
      checkSolution(input.challenge, input.pin, 'confirm');
      secrets.add(input.pin);
      const key = await encryptionKey({ signal: call?.signal, timeoutMs: call?.timeoutMs });
      const solution = await encryptSolution(key, input.challenge.id, input.pin);
      secrets.add(solution);
      return sendConfirm(body, idempotencyKey, solution, call);
    },

    getDiscoveryKeys(call) {
      return fetchKeys(call);
    },

    async requestAccessToken(call) {
      const issued = await run(
        {
          operation: 'requestAccessToken',
          // Issues a credential and moves nothing: safe to send again.
          idempotent: true,
          send: async ({ signal, headers }) => {
            // Signed per send: Keycloak refuses an assertion whose jti it has seen.
            const assertion = await signAssertion();
            secrets.add(assertion);
            return publicClient.POST(TOKEN_PATH, {
              baseUrl: accountsUrl,
              body: {
                client_id: clientId,
                grant_type: 'client_credentials',
                client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
                client_assertion: assertion,
              },
              bodySerializer: (form) => new URLSearchParams(form).toString(),
              headers: { ...headers, 'Content-Type': FORM },
              signal,
            });
          },
          businessFailure: (token) => (token.access_token ? undefined : 'no access_token issued'),
        },
        call,
      );
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
  };
  return client;
}
